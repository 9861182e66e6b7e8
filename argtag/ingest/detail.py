"""Detail forms (RKA/DPA Rincian Belanja): one block per sub-kegiatan, ``Label : value`` lines on top,
then account rows and items, closed by "Jumlah Anggaran Sub Kegiatan".

One budget line per block: identity from the labels, amount from the closing row. The closing row
is checked against the sum of the block's deepest account rows and against its "Alokasi" label.
"""

from __future__ import annotations

import polars as pl

from argtag.codes import (
    clean_text,
    code_in_name,
    name_without_code,
    normalize_code,
    prefix,
    resolve_penunjang,
)
from argtag.errors import ArgtagError, Findings
from argtag.ingest.grid import Grid
from argtag.ingest.result import Check, SheetResult, finish, is_empty_row, row_number, row_text, skipped_rows
from argtag.ingest.rows import with_pd_bidang
from argtag.ingest.titles import LABEL_PATTERN, read_titles
from argtag.money import parse_amounts

_END = r"(?i)^\s*jumlah anggaran sub ?kegiatan"
_TABLE = r"(?i)^\s*kode rekening\s*$"
_ACCOUNT = r"^\d\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}$"
LABELS = {
    "urusan pemerintahan": "urusan",
    "urusan": "urusan",
    "bidang urusan": "bidang_urusan",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub kegiatan": "sub_kegiatan",
    "organisasi": "organisasi",
    "perangkat daerah": "organisasi",
    "skpd": "organisasi",
    "unit": "unit",
    "sub unit": "unit",
    "unit organisasi": "organisasi",
    "sumber pendanaan": "sumber_dana",
    "sumber dana": "sumber_dana",
    "lokasi": "lokasi",
}


def is_detail_form(head: list[tuple[str | None, ...]]) -> bool:
    """A "Sub Kegiatan : ..." label and a "Kode Rekening" table header among the first rows."""
    texts = [" ".join(c for c in row if c) for row in head]
    has_label = any(t.lower().startswith("sub kegiatan") and ":" in t for t in texts)
    has_table = any(any(c and c.strip().lower() == "kode rekening" for c in row) for row in head)
    return has_label and has_table


def _columns(grid: Grid) -> tuple[str, str, str]:
    """Grid columns of Kode Rekening, Uraian and Jumlah, from the first table header."""
    for row in grid.cells.iter_rows():
        cells = [(c or "").strip().lower() for c in row]
        if "kode rekening" in cells and "jumlah" in cells:
            uraian = cells.index("uraian") if "uraian" in cells else cells.index("kode rekening") + 1
            return f"c{cells.index('kode rekening')}", f"c{uraian}", f"c{cells.index('jumlah')}"
    raise ArgtagError(
        "formulir rincian belanja tanpa kolom 'Kode Rekening' dan 'Jumlah'",
        hint="Periksa bahwa tabel rincian memiliki judul kolom Kode Rekening, Uraian, ..., Jumlah.",
        location=grid.location(),
    )


def _label_key() -> pl.Expr:
    key = pl.col("_label").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    return key.replace_strict(LABELS, default=None)


def _amounts(frame: pl.DataFrame, column: str) -> pl.Series:
    """A column of amount text as whole rupiah (:func:`argtag.money.parse_amounts`: each parse step once)."""
    return parse_amounts(frame.select(column), [column])[column]


def read_detail(grid: Grid, year: int | None, stage: str | None) -> SheetResult:
    findings = Findings()
    code_col, uraian_col, amount_col = _columns(grid)
    cells = grid.cells.columns
    joined = pl.concat_str([pl.col(c) for c in cells], separator=" ", ignore_nulls=True)
    labelled = joined.str.extract_groups(LABEL_PATTERN).struct.rename_fields(["_label", "_value"])  # one pass
    rows = grid.cells.select(
        row_number(),
        is_empty_row(cells).alias("_empty"),
        row_text(cells).alias("_isi"),
        labelled.alias("_label_value"),
        clean_text(pl.col(code_col)).alias("_code"),
        clean_text(pl.col(uraian_col)).alias("_uraian"),
        pl.col(code_col).str.contains(_TABLE).fill_null(False).alias("_table"),
        _amount=_amounts(grid.cells, amount_col),
    ).unnest("_label_value")
    is_end = pl.col("_uraian").str.contains(_END).fill_null(False) | pl.col("_isi").str.contains(_END)
    rows = rows.with_columns(_end=is_end, _key=_label_key())
    rows = rows.with_columns(_block=pl.col("_end").cast(pl.Int32).cum_sum().shift(1, fill_value=0))
    rows = rows.with_columns(_in_table=pl.col("_table").cast(pl.Int32).cum_sum().over("_block") > 0)
    rows = rows.with_columns(
        alasan=pl.when(pl.col("_end"))
        .then(None)
        .when(pl.col("_empty"))
        .then(pl.lit("kosong"))
        .when(pl.col("_table"))
        .then(pl.lit("header"))
        .when(pl.col("_in_table"))
        .then(pl.lit("rincian"))
        .when(pl.col("_key").is_not_null() | pl.col("_label").str.to_lowercase().str.starts_with("alokasi"))
        .then(pl.lit("label"))
        .otherwise(pl.lit("judul"))
    )
    blocks = (
        rows.group_by("_block", maintain_order=True)
        .agg(
            *(
                pl.col("_value").filter(pl.col("_key") == key).first().alias(key)
                for key in sorted(set(LABELS.values()))
            ),
            pl.col("_value")
            .filter(pl.col("_label").str.to_lowercase().str.starts_with("alokasi"))
            .first()
            .alias("_alokasi"),
            pl.col("_amount").filter(pl.col("_end")).first().alias("pagu"),
            pl.col("_amount").filter(pl.col("_code").str.contains(_ACCOUNT).fill_null(False)).sum().alias("_accounts"),
            pl.col("_row").filter(pl.col("_end")).first().alias("_end_row"),
            pl.col("_row").min().alias("baris_awal"),
            pl.col("_isi").filter(~pl.col("_in_table")).alias("_titles"),
        )
        .filter(pl.col("_end_row").is_not_null())
    )
    last_block = blocks.select(pl.col("_block").max()).item() if blocks.height else -1
    trailing = rows.filter(pl.col("_block") > last_block)
    if trailing.filter(pl.col("alasan").is_in(["rincian", "label"])).height:
        findings.add(
            "blok_tidak_lengkap",
            "blok rincian terakhir tidak ditutup 'Jumlah Anggaran Sub Kegiatan'",
            grid.location(trailing.select(pl.col("_row").min()).item()),
            hint="Periksa apakah berkas terpotong.",
        )
    info = read_titles([(t,) for t in (blocks["_titles"].explode().drop_nulls().head(12).to_list())])
    lines = blocks.with_columns(
        pd_code=code_in_name(pl.col("organisasi")),
        unit_code=code_in_name(pl.col("unit")),
    ).with_columns(
        kode_skpd=pl.col("pd_code"),
        nama_skpd=name_without_code(pl.col("organisasi")),
        kode_sub_unit=pl.coalesce("unit_code", "pd_code"),
        nama_sub_unit=pl.coalesce(name_without_code(pl.col("unit")), name_without_code(pl.col("organisasi"))),
        kode_sub_kegiatan_asli=code_in_name(pl.col("sub_kegiatan")),
        nama_sub_kegiatan=name_without_code(pl.col("sub_kegiatan")),
        nama_urusan=name_without_code(pl.col("urusan")),
        nama_bidang_urusan=name_without_code(pl.col("bidang_urusan")),
        nama_program=name_without_code(pl.col("program")),
        nama_kegiatan=name_without_code(pl.col("kegiatan")),
        baris_akhir=pl.col("_end_row"),
        jumlah_baris=pl.lit(1, dtype=pl.Int64),
        tahun=pl.lit(year or info.tahun, dtype=pl.Int32),
        tahap=pl.lit(stage or info.tahap, dtype=pl.String),
    )
    lines = lines.with_columns(kode_sub_kegiatan=normalize_code(pl.col("kode_sub_kegiatan_asli")))
    lines = with_pd_bidang(lines)
    lines = lines.with_columns(kode_sub_kegiatan=resolve_penunjang(pl.col("kode_sub_kegiatan"), pl.col("_bidang")))
    lines = lines.with_columns(
        kode_urusan=prefix(pl.col("kode_sub_kegiatan"), 1),
        kode_bidang_urusan=prefix(pl.col("kode_sub_kegiatan"), 2),
        kode_program=prefix(pl.col("kode_sub_kegiatan"), 3),
        kode_kegiatan=prefix(pl.col("kode_sub_kegiatan"), 5),
        _alokasi_rp=_amounts(lines, "_alokasi"),
    )
    checks: list[Check] = []
    for line in lines.iter_rows(named=True):
        label = f"sub kegiatan {line['kode_sub_kegiatan']}"
        checks.append(
            Check(f"{label}: rekening", int(line["_end_row"]), int(line["pagu"] or 0), int(line["_accounts"] or 0))
        )
        if line["_alokasi_rp"] is not None:
            checks.append(
                Check(f"{label}: alokasi", int(line["_end_row"]), int(line["_alokasi_rp"]), int(line["pagu"] or 0))
            )
    return finish(grid, "detail", None, info, lines, skipped_rows(grid, rows), checks, findings.items)

"""Flat tables: one row per sub-kegiatan (or per sub-unit x sub-kegiatan, or per account line under it).

SIPD "RAK Belanja" downloads, SIPD data dumps and local-system CSVs. Account lines are summed to
their sub-kegiatan; JUMLAH/TOTAL rows are checked against the sum of the lines above them.

A province's account-level export has a million rows but far fewer distinct lines, so the rows are
first summed by their raw identity cells, and only then are texts cleaned and codes normalised,
once per line instead of once per account row; a second fold joins lines whose raw spellings differed.
"""

from __future__ import annotations

import polars as pl

from argtag.codes import CODE_PATTERN, clean_text, code_in_name, name_without_code
from argtag.errors import Findings
from argtag.ingest.grid import Grid
from argtag.ingest.header import Header
from argtag.ingest.result import Check, SheetResult, finish, skipped_rows
from argtag.ingest.rows import (
    TOTAL_TEXT,
    by_distinct,
    check_formulas,
    group_lines,
    hierarchy_codes,
    identity_columns,
    mapped_frame,
    normalized_codes,
    preamble_reason,
    report_amount_states,
    with_amounts,
    with_pd_bidang,
    with_texts,
    year_and_stage,
)
from argtag.ingest.titles import TitleInfo
from argtag.schema import BUDGET_LINE_SCHEMA

IDENTITY = (
    "tahun",
    "tahap",
    "kode_skpd",
    "nama_skpd",
    "kode_sub_unit",
    "nama_sub_unit",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
)


def _raw(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, pl.String)


def _code_like(frame: pl.DataFrame) -> pl.Expr:
    return _raw(frame, "kode_sub_kegiatan").str.contains(r"^\s*[0-9X]").fill_null(False)


def _reason(frame: pl.DataFrame) -> pl.Expr:
    """Why a row is skipped, null for a line; reads ``_code_like`` (a column: used twice, evaluated once)."""
    code_like = pl.col("_code_like")
    name = _raw(frame, "nama_sub_kegiatan")
    is_total = ~code_like & pl.col("_head").str.contains(TOTAL_TEXT).fill_null(False)
    has_identity = code_like | name.is_not_null()
    return (
        pl.when(pl.col("_pre").is_not_null())
        .then(pl.col("_pre"))
        .when(pl.col("_empty"))
        .then(pl.lit("kosong"))
        .when(is_total)
        .then(pl.lit("total"))
        .when(~has_identity)
        .then(pl.when(pl.col("pagu").is_null()).then(pl.lit("judul")).otherwise(pl.lit("tidak_dikenali")))
        .when(pl.col("_state") == "tidak_valid")
        .then(pl.lit("nilai_tidak_valid"))
        .otherwise(None)
    )


def _identity(frame: pl.DataFrame) -> list[pl.Expr]:
    name = clean_text(_raw(frame, "nama_sub_kegiatan"))
    code = clean_text(_raw(frame, "kode_sub_kegiatan"))
    code = pl.when(code.str.replace_all(" ", "").str.contains(CODE_PATTERN)).then(code)  # not "JUMLAH"
    code = pl.coalesce(code, code_in_name(name))
    return [code.alias("kode_sub_kegiatan_asli"), name_without_code(name).alias("nama_sub_kegiatan")]


def _total_checks(rows: pl.DataFrame) -> list[Check]:
    """Each JUMLAH/TOTAL row against the lines since the previous total row, else all lines above it."""
    marked = rows.filter((pl.col("alasan") == "total") | pl.col("alasan").is_null()).with_columns(
        section=(pl.col("alasan") == "total").cast(pl.Int32).cum_sum().shift(1, fill_value=0)
    )
    line_pagu = pl.when(pl.col("alasan").is_null()).then(pl.col("pagu")).otherwise(0)
    sums = marked.with_columns(since=line_pagu.sum().over("section"), running=line_pagu.cum_sum()).filter(
        pl.col("alasan") == "total"
    )
    checks = []
    for row in sums.iter_rows(named=True):
        stated = int(row["pagu"] or 0)
        computed = int(row["since"]) if int(row["since"]) == stated else int(row["running"])
        label = f"baris jumlah '{row['_head'][:40]}'"
        checks.append(Check(label, int(row["_row"]), stated, computed))
    return checks


def _names_of_one_code(lines: pl.DataFrame, suspects: pl.DataFrame, grid: Grid, findings: Findings) -> None:
    """A sub-unit's sub-kegiatan code written with different names (not just in another case) was folded into
    one line under the first name: the other name's money now carries that name's tag, so say so."""
    if not suspects.height:
        return
    names = (
        lines.join(suspects, on=suspects.columns, nulls_equal=True)
        .group_by(suspects.columns, maintain_order=True)
        .agg(pl.col("nama_sub_kegiatan").unique(maintain_order=True), pl.first("kode_sub_kegiatan", "baris_awal"))
        .filter(pl.col("nama_sub_kegiatan").list.eval(pl.element().str.to_lowercase()).list.n_unique() > 1)
    )
    if not names.height:
        return
    first = names.row(0, named=True)
    kept, other = first["nama_sub_kegiatan"][:2]
    findings.add(
        "kode_nama_berbeda",
        f"kode sub kegiatan {first['kode_sub_kegiatan']} tertulis dengan nama berbeda untuk sub unit yang sama, "
        f"mis. '{kept}' dan '{other}'; nilainya dijumlahkan di bawah nama '{kept}'",
        grid.location(int(first["baris_awal"])),
        hint="Bila keduanya sub kegiatan yang berbeda, perbaiki kodenya di berkas lalu ulangi.",
        count=names.height,
    )


def read_flat(grid: Grid, header: Header, info: TitleInfo, year: int | None, stage: str | None) -> SheetResult:
    check_formulas(grid, header)
    findings = Findings()
    frame = mapped_frame(grid, header).with_columns(_pre=preamble_reason(header))
    frame = with_amounts(frame, grid)
    account_level = "kode_akun" in frame.columns or "nama_akun" in frame.columns
    rows = frame.with_columns(_code_like=_code_like(frame))
    rows = rows.with_columns(alasan=_reason(rows))
    del frame
    among_lines = pl.col("alasan").is_null() | (pl.col("alasan") == "nilai_tidak_valid")
    report_amount_states(rows, among_lines, grid, header, findings)
    checks = _total_checks(rows)
    skipped = skipped_rows(grid, rows)
    # the lines are folded straight from the rows (no filtered copy of a million rows): skipped rows form groups
    # of their own, dropped after the fold
    # only what a line keeps (account codes and names said "account level" above and end here)
    data = rows.select(
        [c for c in rows.columns if c in BUDGET_LINE_SCHEMA or c == "_row"], _line=pl.col("alasan").is_null()
    )
    del rows
    grid.release()  # a million account rows: from here on only their lines are held
    raw_keys = [k for k in IDENTITY if k in data.columns]
    lines = group_lines(data, [*raw_keys, "_line"])  # one fold on the raw cells: the text work runs per line below
    del data
    lines = lines.filter(pl.col("_line")).drop("_line")
    lines = by_distinct(
        lines, [k for k in ("kode_sub_kegiatan", "nama_sub_kegiatan") if k in lines.columns], *_identity(lines)
    )
    lines = identity_columns(with_texts(lines), info)
    lines = normalized_codes(with_pd_bidang(lines), "kode_sub_kegiatan_asli", "kode_sub_kegiatan").drop("_bidang")
    lines = year_and_stage(lines, info, year, stage)
    keys = ["tahun", "_pd", "_unit", "_sub"]
    lines = lines.with_columns(
        _pd=pl.coalesce("kode_skpd", "nama_skpd"),
        _unit=pl.coalesce("kode_sub_unit", "nama_sub_unit"),
        _sub=pl.coalesce("kode_sub_kegiatan", pl.col("nama_sub_kegiatan").str.to_lowercase()),
    )
    named = lines
    lines = group_lines(lines, keys, also=[pl.col("nama_sub_kegiatan").n_unique().alias("_names")])
    _names_of_one_code(named, lines.filter(pl.col("_names") > 1).select(keys), grid, findings)
    del named
    lines = lines.drop("_pd", "_unit", "_sub", "_names")
    if not account_level:
        doubles = lines.filter(pl.col("jumlah_baris") > 1)
        if doubles.height:
            first = doubles.row(0, named=True)
            findings.add(
                "baris_ganda",
                f"sub kegiatan '{first['nama_sub_kegiatan']}' muncul lebih dari sekali untuk sub unit yang sama; "
                "nilainya dijumlahkan",
                grid.location(int(first["baris_awal"])),
                hint="Periksa apakah baris tersebut terduplikasi saat ekspor.",
                count=doubles.height,
            )
    lines = hierarchy_codes(lines)
    layout = "flat_account" if account_level else "flat"
    return finish(grid, layout, header, info, lines, skipped, checks, findings.items)

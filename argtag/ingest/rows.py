"""Row-level building blocks shared by the layouts: mapped columns, amounts, skip reasons, lines.

All of it is polars expressions over the whole sheet, so a million account lines cost a few
vectorised passes, never a Python loop over rows.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

import polars as pl

from argtag.codes import clean_text, normalize_code, pd_bidang, prefix, resolve_penunjang
from argtag.errors import ArgtagError, Findings, column_letter
from argtag.ingest.grid import Grid
from argtag.ingest.header import Header
from argtag.ingest.result import is_empty_row, row_number, row_text
from argtag.ingest.titles import TitleInfo
from argtag.money import MAX_RUPIAH, format_rupiah, parse_amounts, plain_amount

SPLITS = ("belanja_operasi", "belanja_modal", "belanja_tidak_terduga", "belanja_transfer")
AMOUNTS = ("pagu", *SPLITS)
TOTAL_TEXT = r"(?i)^\s*(jumlah|total|grand total|sub ?total)\b"
# cleaned by with_texts; the PD and sub-unit columns are left to identity_columns and the parent codes to
# hierarchy_codes, which clean them anyway
TEXT_FIELDS = (
    "nama_urusan",
    "nama_bidang_urusan",
    "nama_program",
    "nama_kegiatan",
    "sumber_dana",
    "lokasi",
    "tahap",
)


def _mapped(header: Header | None) -> dict[str, str]:
    """Grid column by field name of every mapped column."""
    return {c.field: f"c{c.index}" for c in header.columns if c.mapped and c.field} if header else {}


def _labels(grid: Grid, header: Header | None) -> list[str]:
    """The cells a person recognises a row by, where a JUMLAH/TOTAL label sits: the first three and the name."""
    mapped = _mapped(header)
    names = [mapped[f] for f in ("nama_sub_kegiatan", "uraian") if f in mapped]
    return list(dict.fromkeys(grid.cells.columns[:3] + names))


def mapped_frame(grid: Grid, header: Header | None) -> pl.DataFrame:
    """Row number, emptiness, the first non-empty label cell, and every mapped column by field name.

    ``_head`` is the first non-empty of the cells a row is recognised by: a JUMLAH/TOTAL label starts it.
    The cells are not joined into a text here (that would be a new string for each of a million account rows):
    :func:`head_text` joins them for the one row a message quotes, and the full row text is only built for the
    rows that are skipped (see result.finish).
    """
    labels = _labels(grid, header)
    return grid.cells.select(
        row_number(),
        is_empty_row(grid.cells.columns).alias("_empty"),
        (pl.coalesce(labels) if labels else pl.lit(None, pl.String)).alias("_head"),
        *[pl.col(column).alias(field) for field, column in _mapped(header).items()],
    )


def head_text(grid: Grid, header: Header | None, row: int) -> str:
    """The label cells of sheet row ``row`` joined, as a message quotes the row."""
    return grid.cells.slice(row - 1, 1).select(row_text(_labels(grid, header))).item() or ""


def preamble_reason(header: Header) -> pl.Expr:
    """Skip reason of the rows above and inside the header; null below it."""
    index = pl.col("_row") - 1
    return (
        pl.when(index.is_in(list(header.rows)))
        .then(pl.lit("header"))
        .when(index == (header.numbering_row if header.numbering_row is not None else -1))
        .then(pl.lit("nomor_kolom"))
        .when(index < header.rows[0])
        .then(pl.when(pl.col("_empty")).then(pl.lit("kosong")).otherwise(pl.lit("judul")))
        .otherwise(None)
    )


def _parsed(frame: pl.DataFrame, fields: list[str], deciding: list[str]) -> pl.DataFrame:
    """Amount columns as Int64 plus ``_state`` of the ``deciding`` ones: the plain cases by one fast pattern
    test, the rest (Rp, commas, parentheses, fractions, garbage) through the full parser on that subset only.

    Rows with a preamble reason (``_pre``: header, title) are skipped rows whatever their cells say, so their
    labels ("Jumlah", "Belanja Modal") are not parsed as amounts.
    """
    parsed = frame.select("_row", *[plain_amount(pl.col(f)).alias(f) for f in fields], _state=pl.lit("ok"))
    needs = reduce(operator.or_, [parsed[f].is_null() & frame[f].is_not_null() for f in fields])
    if "_pre" in frame.columns:
        needs = needs & frame["_pre"].is_null()
    if needs.any():
        hard = frame.filter(needs)
        slow = parse_amounts(hard, fields, deciding).with_columns(hard["_row"])
        parsed = parsed.update(slow, on="_row")  # the few hard rows replaced in place, order kept
    blank = pl.all_horizontal([frame[f].is_null() for f in deciding])
    return parsed.with_columns(_state=pl.when(blank).then(pl.lit("kosong")).otherwise("_state"))


def with_amounts(frame: pl.DataFrame, grid: Grid) -> pl.DataFrame:
    """``pagu`` and the split as whole rupiah, plus ``_state`` of the amount cells behind ``pagu``."""
    present = [f for f in AMOUNTS if f in frame.columns]
    if not present:
        raise ArgtagError(
            "kolom nilai anggaran (Pagu/Jumlah/Nilai Rincian) tidak ditemukan",
            hint='Tunjukkan kolomnya lewat --profile, misalnya [columns] "Nilai (Rp)" = "pagu".',
            location=grid.location(),
        )
    deciding = ["pagu"] if "pagu" in present else present  # the split's own states do not decide
    parsed = _parsed(frame, present, deciding)
    if deciding != ["pagu"]:
        parsed = parsed.with_columns(pagu=pl.sum_horizontal(present))
    return frame.drop(present).with_columns(parsed.drop("_row"))


def check_formulas(grid: Grid, header: Header) -> None:
    """A formula in an amount column that Excel never calculated has no value: stop and name the cell."""
    amount_cols = {c.index for c in header.columns if c.field in AMOUNTS}
    for row, col in sorted(grid.uncached_formulas):
        index = col - grid.first_col
        if index in amount_cols and row >= header.data_start:
            cell = f"{column_letter(col)}{row + 1}"
            raise ArgtagError(
                f"sel {cell} berisi rumus tanpa nilai tersimpan, sehingga nilainya tidak diketahui",
                hint="Buka berkas di Excel atau LibreOffice, biarkan dihitung ulang, simpan, lalu ulangi.",
                location=grid.location(row + 1, f"'{header.columns[index].title}'"),
            )


def report_amount_states(
    rows: pl.DataFrame, among: pl.Expr, grid: Grid, header: Header | None, findings: Findings
) -> None:
    """Blank amounts, rounded fractions and unreadable amounts in the rows ``among`` selects (budget lines, and
    rows that would be one but for their amount) become findings with their first row: one pass over the rows,
    which holds only the few whose amount is not plain."""
    counted = rows.filter(among & (pl.col("_state") != "ok")).group_by("_state").agg(pl.col("_row").min(), pl.len())
    found = {state: (first, count) for state, first, count in counted.iter_rows()}
    for state, code, message, hint in (
        (
            "kosong",
            "nilai_kosong",
            "nilai anggaran kosong; dihitung Rp 0",
            "Isi nilai anggaran pada baris tersebut bila seharusnya ada (tulis 0 bila memang nihil).",
        ),
        ("pecahan", "nilai_pecahan", "nilai memuat pecahan rupiah dan dibulatkan ke rupiah penuh", ""),
        (
            "tidak_valid",
            "nilai_tidak_valid",
            f"nilai anggaran bukan angka atau melebihi {format_rupiah(MAX_RUPIAH)}; baris dilewati",
            "Periksa sel nilai pada baris tersebut.",
        ),
    ):
        if state in found:
            first, count = found[state]
            findings.add(
                code,
                f"{message} (contoh: '{head_text(grid, header, first)[:60]}')",
                grid.location(first),
                hint=hint,
                count=count,
            )


def identity_columns(frame: pl.DataFrame, info: TitleInfo) -> pl.DataFrame:
    """Fill PD and sub-unit from columns, then the title rows; a sub-unit defaults to its PD.

    Worked out once per distinct combination of the given columns (a few thousand sub-units, not every line).
    """

    def text(name: str, fallback: str | None) -> pl.Expr:
        base = clean_text(pl.col(name)) if name in frame.columns else pl.lit(None, dtype=pl.String)
        return pl.coalesce(base, pl.lit(fallback, dtype=pl.String))

    kode_skpd = text("kode_skpd", info.kode_skpd).str.replace_all(r"[\s\u00a0]", "")
    nama_skpd = text("nama_skpd", info.nama_skpd)
    kode_sub_unit = text("kode_sub_unit", info.kode_sub_unit).str.replace_all(r"[\s\u00a0]", "")
    exprs = [
        pl.coalesce(kode_skpd, kode_sub_unit.str.replace(r"\.\d{4}$", ".0000")).alias("kode_skpd"),
        nama_skpd.alias("nama_skpd"),
        pl.coalesce(kode_sub_unit, kode_skpd).alias("kode_sub_unit"),
        pl.coalesce(text("nama_sub_unit", info.nama_sub_unit), nama_skpd).alias("nama_sub_unit"),
    ]
    given = [c for c in ("kode_skpd", "nama_skpd", "kode_sub_unit", "nama_sub_unit") if c in frame.columns]
    return by_distinct(frame, given, *exprs) if given else frame.with_columns(exprs)


def by_distinct(frame: pl.DataFrame, inputs: Sequence[str], *exprs: pl.Expr) -> pl.DataFrame:
    """``exprs`` (each named) computed once per distinct combination of ``inputs`` and joined back; an
    expression may replace one of its inputs.

    Codes and names repeat across sub-units and account lines; the regex work should not.
    """
    keys = {c: f"_by_{c}" for c in inputs}
    table = frame.select(inputs).unique().select(*[pl.col(c).alias(k) for c, k in keys.items()], *exprs)
    outputs = [c for c in table.columns if c not in keys.values()]
    base = frame.drop([c for c in outputs if c not in inputs], strict=False).rename(keys)
    joined = base.join(table, on=list(keys.values()), how="left", nulls_equal=True, maintain_order="left")
    return joined.drop(keys[c] for c in inputs if c in outputs).rename({keys[c]: c for c in inputs if c not in outputs})


def normalized_codes(frame: pl.DataFrame, source: str, name: str) -> pl.DataFrame:
    """``name`` = the normalised form of code column ``source``, X.XX resolved with the line's PD bidang, which
    the caller puts in column ``_bidang`` (:func:`with_pd_bidang`) once for all the codes it normalises."""
    frame = by_distinct(frame, [source], normalize_code(clean_text(pl.col(source))).alias(name))  # once per code
    return frame.with_columns(resolve_penunjang(pl.col(name), pl.col("_bidang")).alias(name))


def with_pd_bidang(frame: pl.DataFrame) -> pl.DataFrame:
    """Column ``_bidang``: the bidang urusan of each line's PD code (``codes.pd_bidang``)."""
    return frame.with_columns(_bidang=pd_bidang(pl.col("kode_skpd")))


def hierarchy_codes(frame: pl.DataFrame) -> pl.DataFrame:
    """Normalise the parent codes the file gives and derive the missing ones from the sub-kegiatan code."""
    sub = pl.col("kode_sub_kegiatan")
    levels = {"kode_urusan": 1, "kode_bidang_urusan": 2, "kode_program": 3, "kode_kegiatan": 5}
    if any(name in frame.columns for name in levels):
        frame = with_pd_bidang(frame)
    for name, segments in levels.items():
        derived = prefix(sub, segments)
        if name not in frame.columns:
            frame = frame.with_columns(derived.alias(name))
            continue
        frame = normalized_codes(frame, name, "_given")
        given = pl.col("_given")
        # a file's short code ("02" for bidang) is not a full code: keep the derived one then
        full = given.str.count_matches(".", literal=True) + 1 == segments
        frame = frame.with_columns(pl.when(full).then(given).otherwise(pl.coalesce(derived, given)).alias(name))
    return frame.drop("_given", "_bidang", strict=False)


def with_texts(frame: pl.DataFrame) -> pl.DataFrame:
    """The text fields cleaned, once per distinct value of each (program and place names repeat)."""
    for name in (c for c in TEXT_FIELDS if c in frame.columns):
        frame = by_distinct(frame, [name], clean_text(pl.col(name)).alias(name))
    return frame


def year_and_stage(frame: pl.DataFrame, info: TitleInfo, year: int | None, stage: str | None) -> pl.DataFrame:
    """tahun and tahap: --year/--stage, else a column, else the title rows."""
    file_year = (
        pl.col("tahun").str.extract(r"((?:19|20)\d{2})").cast(pl.Int32)
        if "tahun" in frame.columns
        else pl.lit(None, dtype=pl.Int32)
    )
    file_stage = pl.col("tahap").str.to_lowercase() if "tahap" in frame.columns else pl.lit(None, dtype=pl.String)
    return frame.with_columns(
        tahun=pl.lit(year, dtype=pl.Int32) if year else pl.coalesce(file_year, pl.lit(info.tahun, dtype=pl.Int32)),
        tahap=pl.lit(stage) if stage else pl.coalesce(file_stage, pl.lit(info.tahap, dtype=pl.String)),
    )


def group_lines(rows: pl.DataFrame, keys: list[str], also: Sequence[pl.Expr] = ()) -> pl.DataFrame:
    """Sum source rows (account lines) into one line per key: amounts and row counts add up, the row span
    widens, texts keep their first value; ``also`` are further aggregations. Works on source rows (``_row``)
    and on already-folded lines."""
    folded = "jumlah_baris" in rows.columns
    sums = [
        pl.when(pl.col(f).is_not_null().any()).then(pl.col(f).sum()).otherwise(None).alias(f)
        for f in AMOUNTS
        if f in rows.columns
    ]
    spans = {"baris_awal", "baris_akhir", "jumlah_baris", "_row"}
    firsts = [pl.col(c).drop_nulls().first().alias(c) for c in rows.columns if c not in {*keys, *AMOUNTS, *spans}]
    # text keys are grouped by their dictionary codes: a million rows' key texts are never copied into row keys
    texts = [k for k in keys if rows.schema[k] == pl.String]
    rows = rows.with_columns(pl.col(k).cast(pl.Categorical) for k in texts)
    return (
        rows.group_by(keys, maintain_order=True)
        .agg(
            *sums,
            *firsts,
            *also,
            baris_awal=pl.col("baris_awal" if folded else "_row").min(),
            baris_akhir=pl.col("baris_akhir" if folded else "_row").max(),
            jumlah_baris=pl.col("jumlah_baris").sum() if folded else pl.len().cast(pl.Int64),
        )
        .with_columns(pl.col(k).cast(pl.String) for k in texts)
    )

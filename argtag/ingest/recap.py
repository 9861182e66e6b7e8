"""Hierarchical recaps (SIPD Rekapitulasi RKA/DPA, Perda APBD Lampiran): only sub-kegiatan rows count.

Rows for urusan, bidang, program, kegiatan and organisation carry subtotals; they are skipped as
lines and become the reconciliation checks. The code sits in one dotted column, is split over
five columns, or opens the Uraian text.
"""

from __future__ import annotations

import polars as pl

from argtag.codes import (
    CODE_PATTERN,
    clean_text,
    code_in_name,
    code_level,
    name_without_code,
    normalize_code,
    prefix,
    resolve_penunjang,
)
from argtag.errors import Findings
from argtag.ingest.grid import Grid
from argtag.ingest.header import Header
from argtag.ingest.result import Check, SheetResult, finish, skipped_rows
from argtag.ingest.rows import (
    TOTAL_TEXT,
    check_formulas,
    mapped_frame,
    preamble_reason,
    report_amount_states,
    with_amounts,
    with_pd_bidang,
    year_and_stage,
)
from argtag.ingest.titles import TitleInfo

SPLIT = ("kode_urusan", "kode_bidang_urusan", "kode_program", "kode_kegiatan", "kode_sub_kegiatan")
PARENTS = {"urusan": 1, "bidang_urusan": 2, "program": 3, "kegiatan": 5}
_NAMES = {
    "urusan": "nama_urusan",
    "bidang_urusan": "nama_bidang_urusan",
    "program": "nama_program",
    "kegiatan": "nama_kegiatan",
}


def _written_code(frame: pl.DataFrame, split: bool) -> pl.Expr:
    """The code column(s) as written, spaces removed; reads the split columns already cleaned."""
    if split:
        parts = [pl.col(c) for c in SPLIT if c in frame.columns]
        joined = pl.concat_str(parts, separator=".", ignore_nulls=True)
        whole = parts[0].str.count_matches(r"\.") >= 5  # an organisation code written in the first cell
        code = pl.when(whole).then(parts[0]).otherwise(joined)
    elif "kode" in frame.columns:
        code = clean_text(pl.col("kode"))
    else:
        code = pl.lit(None, dtype=pl.String)
    return code.str.replace_all(" ", "")


def _raw_code() -> pl.Expr:
    """The written code (``_written``) when it is one ("JUMLAH" in a code column is none), else the code at the
    start of the cleaned Uraian (``_uraian``)."""
    written = pl.col("_written")
    return pl.coalesce(pl.when(written.str.contains(CODE_PATTERN)).then(written), code_in_name(pl.col("_uraian")))


def _organisation(info: TitleInfo) -> list[pl.Expr]:
    """Forward-fill the organisation rows; without them, the PD of the title rows."""
    is_org = pl.col("_level") == "organisasi"
    org = pl.when(is_org).then(pl.col("_code")).forward_fill()
    org_name = pl.when(is_org).then(pl.col("_name")).forward_fill()
    is_pd = is_org & pl.col("_code").str.ends_with(".0000")
    pd_name = pl.when(is_pd).then(pl.col("_name")).forward_fill()
    pd_code = pl.coalesce(org.str.replace(r"\.\d{4}$", ".0000"), pl.lit(info.kode_skpd, dtype=pl.String))
    return [
        pd_code.alias("kode_skpd"),
        pl.coalesce(pd_name, pl.lit(info.nama_skpd, dtype=pl.String), org_name).alias("nama_skpd"),
        pl.coalesce(org, pl.lit(info.kode_sub_unit, dtype=pl.String), pd_code).alias("kode_sub_unit"),
        pl.coalesce(
            org_name, pl.lit(info.nama_sub_unit, dtype=pl.String), pl.lit(info.nama_skpd, dtype=pl.String)
        ).alias("nama_sub_unit"),
        pl.coalesce(org, pl.lit("")).alias("_block"),
    ]


def _parents() -> list[pl.Expr]:
    """Codes and names of the parent rows above each row, forward-filled, kept only where they fit."""
    exprs = []
    for level, segments in PARENTS.items():
        filled_code = pl.when(pl.col("_level") == level).then(pl.col("_norm")).forward_fill()
        filled_name = pl.when(pl.col("_level") == level).then(pl.col("_name")).forward_fill()
        fits = filled_code == prefix(pl.col("_norm"), segments)
        exprs.append(pl.when(fits).then(filled_name).otherwise(None).alias(_NAMES[level]))
    return exprs


def _reason() -> pl.Expr:
    level = pl.col("_level")
    return (
        pl.when(pl.col("_pre").is_not_null())
        .then(pl.col("_pre"))
        .when(pl.col("_empty"))
        .then(pl.lit("kosong"))
        .when(level == "sub_kegiatan")
        .then(pl.when(pl.col("_state") == "tidak_valid").then(pl.lit("nilai_tidak_valid")).otherwise(None))
        .when(level.is_not_null())
        .then(pl.lit("subtotal"))
        .when(pl.col("_code").is_null() & pl.col("_head").str.contains(TOTAL_TEXT))
        .then(pl.lit("total"))
        .when(pl.col("pagu").is_null())
        .then(pl.lit("judul"))
        .otherwise(pl.lit("tidak_dikenali"))
    )


def _checks(rows: pl.DataFrame, lines: pl.DataFrame) -> list[Check]:
    """Every parent row's subtotal against the sum of the sub-kegiatan lines under it.

    Codes are compared as written (``X.XX`` unresolved), because a file that writes Program
    Penunjang under ``X.XX`` also states its subtotal there. An organisation row may total its own
    block or, for a PD row above its sub-units, the whole PD: whichever the file means matches.
    """
    stated = rows.filter(pl.col("alasan").is_in(["subtotal", "total"]))
    # every line under its parent code at each level, summed in one group-by
    under = pl.concat(
        lines.lazy().select(
            "_block", pl.lit(level).alias("_level"), prefix(pl.col("_plain"), segments).alias("_plain"), "pagu"
        )
        for level, segments in PARENTS.items()
    )
    sums = under.group_by("_block", "_level", "_plain").agg(pl.col("pagu").sum().alias("_sum"))
    parents = stated.lazy().filter(pl.col("_level").is_in(list(PARENTS)))
    computed = [parents.join(sums, on=["_block", "_level", "_plain"], how="left").collect(engine="in-memory")]
    block_sums = lines.group_by("_block").agg(pl.col("pagu").sum().alias("_block_sum"))
    pd_sums = lines.group_by(pl.col("kode_skpd").alias("_plain")).agg(pl.col("pagu").sum().alias("_pd_sum"))
    orgs = (
        stated.filter(pl.col("_level") == "organisasi")
        .with_columns(_block=pl.col("_plain"))
        .join(block_sums, on="_block", how="left")
        .join(pd_sums, on="_plain", how="left")
    )
    computed.append(
        orgs.with_columns(_sum=pl.when(pl.col("_pd_sum") == pl.col("pagu")).then("_pd_sum").otherwise("_block_sum"))
    )
    grand = stated.filter(pl.col("alasan") == "total").with_columns(_sum=pl.lit(lines["pagu"].sum(), pl.Int64))
    computed.append(grand)
    checks = []
    for row in pl.concat(computed, how="diagonal_relaxed").sort("_row").iter_rows(named=True):
        label = f"{row['_level'] or 'jumlah'} {row['_code'] or ''}".strip().replace("_", " ")
        checks.append(Check(label, int(row["_row"]), int(row["pagu"] or 0), int(row["_sum"] or 0)))
    return checks


def read_recap(
    grid: Grid, header: Header, info: TitleInfo, year: int | None, stage: str | None, *, split: bool
) -> SheetResult:
    check_formulas(grid, header)
    findings = Findings()
    frame = with_amounts(mapped_frame(grid, header).with_columns(_pre=preamble_reason(header)), grid)
    # each step on the columns of the step before: polars evaluates an expression again wherever it appears
    split_columns = [c for c in SPLIT if c in frame.columns] if split else []
    frame = frame.with_columns(
        *(clean_text(pl.col(c)).alias(c) for c in split_columns), _uraian=clean_text(pl.col("uraian"))
    )
    frame = frame.with_columns(_written=_written_code(frame, split))
    frame = frame.with_columns(_code=_raw_code(), _name=name_without_code(pl.col("_uraian")))
    frame = frame.with_columns(_plain=normalize_code(pl.col("_code")))
    frame = frame.with_columns(_level=pl.when(pl.col("_pre").is_null()).then(code_level(pl.col("_plain"))))
    frame = frame.with_columns(_organisation(info))
    frame = with_pd_bidang(frame)
    frame = frame.with_columns(_norm=resolve_penunjang(pl.col("_plain"), pl.col("_bidang")))
    rows = frame.with_columns(*_parents(), alasan=_reason())
    report_amount_states(rows, pl.col("_level") == "sub_kegiatan", grid, header, findings)
    texts = [c for c in ("sumber_dana", "lokasi") if c in rows.columns]
    lines = rows.filter(pl.col("alasan").is_null()).with_columns(
        *(clean_text(pl.col(c)).alias(c) for c in texts),
        kode_sub_kegiatan_asli=pl.col("_code"),
        kode_sub_kegiatan=pl.col("_norm"),
        nama_sub_kegiatan=pl.col("_name"),
        kode_urusan=prefix(pl.col("_norm"), 1),
        kode_bidang_urusan=prefix(pl.col("_norm"), 2),
        kode_program=prefix(pl.col("_norm"), 3),
        kode_kegiatan=prefix(pl.col("_norm"), 5),
        baris_awal=pl.col("_row"),
        baris_akhir=pl.col("_row"),
        jumlah_baris=pl.lit(1, dtype=pl.Int64),
    )
    lines = year_and_stage(lines, info, year, stage)
    return finish(grid, "recap", header, info, lines, skipped_rows(grid, rows), _checks(rows, lines), findings.items)

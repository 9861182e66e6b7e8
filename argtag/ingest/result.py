"""What reading one sheet produced: its budget lines, its skipped rows, its reconciliation checks."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from argtag.errors import Finding
from argtag.ingest.grid import Grid
from argtag.ingest.header import Header
from argtag.ingest.titles import TitleInfo
from argtag.schema import conform, conform_skipped

LAYOUT_NAMES = {
    "flat": "tabel datar per sub kegiatan",
    "flat_account": "tabel datar per rekening (dijumlahkan ke sub kegiatan)",
    "recap": "rekapitulasi berjenjang (urusan s.d. sub kegiatan, dengan subtotal)",
    "detail": "formulir rincian belanja per sub kegiatan",
    "none": "bukan data anggaran",
}


def layout_text(layout: str) -> str:
    """A file's layout (``FileResult.layout``: one name, or several joined by ``+``) in words for TAPD."""
    return "; ".join(LAYOUT_NAMES.get(name, name) for name in layout.split("+"))


@dataclass(frozen=True)
class Check:
    """A total the file states, against the sum of the lines we parsed under it."""

    label: str
    row: int  # 1-based row of the stated total
    stated: int
    computed: int

    @property
    def ok(self) -> bool:
        return self.stated == self.computed


@dataclass
class SheetResult:
    grid: Grid
    layout: str
    header: Header | None
    info: TitleInfo
    lines: pl.DataFrame
    skipped: pl.DataFrame
    rows_total: int
    checks: list[Check] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def total(self) -> int:
        return int(self.lines["pagu"].sum() or 0)

    @property
    def rows_in_lines(self) -> int:
        return int(self.lines["jumlah_baris"].sum() or 0)

    @property
    def reconciled(self) -> bool:
        """Every stated total matches and every row is accounted for."""
        return all(c.ok for c in self.checks) and self.rows_in_lines + self.skipped.height == self.rows_total

    def skipped_by_reason(self) -> dict[str, int]:
        counts = self.skipped.group_by("alasan").len().sort("alasan")
        return dict(zip(counts["alasan"].to_list(), counts["len"].to_list(), strict=True))


def row_number() -> pl.Expr:
    """1-based spreadsheet row of a grid row (grids start at sheet row 1)."""
    return (pl.int_range(pl.len(), dtype=pl.Int64) + 1).alias("_row")


def row_text(columns: list[str], limit: int = 120) -> pl.Expr:
    """The row's non-empty cells joined, shortened: what a person recognises the row by."""
    if not columns:
        return pl.lit(None, dtype=pl.String)
    return pl.concat_str([pl.col(c) for c in columns], separator=" | ", ignore_nulls=True).str.slice(0, limit)


def is_empty_row(columns: list[str]) -> pl.Expr:
    """All cells empty (readers turn empty and whitespace-only Excel cells, and empty CSV fields, into null)."""
    if not columns:
        return pl.lit(True)
    return pl.all_horizontal([pl.col(c).is_null() for c in columns])


def skipped_rows(grid: Grid, rows: pl.DataFrame) -> pl.DataFrame:
    """Rows with a skip reason (column ``alasan`` of ``rows``) with their cells' text; needs the grid's cells."""
    skipped = rows.filter(pl.col("alasan").is_not_null()).select("_row", "alasan")
    wanted = grid.cells.with_row_index("_i", offset=1).filter(pl.col("_i").is_in(skipped["_row"].implode()))
    text = wanted.select(pl.col("_i").cast(pl.Int64).alias("_row"), row_text(grid.cells.columns).alias("isi"))
    skipped = skipped.join(text, on="_row", how="left").sort("_row")
    return conform_skipped(
        skipped.select(
            file=pl.lit(grid.file), sheet=pl.lit(grid.sheet), baris=pl.col("_row"), alasan="alasan", isi="isi"
        )
    )


def finish(
    grid: Grid,
    layout: str,
    header: Header | None,
    info: TitleInfo,
    lines: pl.DataFrame,
    skipped: pl.DataFrame,
    checks: list[Check],
    findings: list[Finding],
) -> SheetResult:
    """Conform the lines; ``skipped`` comes from :func:`skipped_rows` (the grid's cells may be released by now)."""
    lines = conform(lines.with_columns(file=pl.lit(grid.file), sheet=pl.lit(grid.sheet)))
    return SheetResult(grid, layout, header, info, lines, skipped, grid.height, checks, findings)

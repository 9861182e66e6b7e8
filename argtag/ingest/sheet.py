"""Tell a sheet's layout and hand it to the reader of that layout."""

from __future__ import annotations

import polars as pl

from argtag.ingest.detail import is_detail_form, read_detail
from argtag.ingest.flat import read_flat
from argtag.ingest.grid import Grid
from argtag.ingest.header import HEAD_ROWS, Header, find_header
from argtag.ingest.profile import Profile
from argtag.ingest.recap import read_recap
from argtag.ingest.result import SheetResult, finish, is_empty_row, row_number, skipped_rows
from argtag.ingest.sanity import line_findings
from argtag.ingest.titles import read_titles
from argtag.schema import empty_lines

_SPLIT_CODES = ("kode_urusan", "kode_bidang_urusan", "kode_program", "kode_kegiatan", "kode_sub_kegiatan")


def detect_layout(grid: Grid, header: Header | None, profile: Profile | None) -> str:
    """flat | flat_account | recap | detail | none."""
    if profile is not None and profile.layout is not None:
        return profile.layout
    head = list(grid.cells.head(HEAD_ROWS).iter_rows())
    if is_detail_form(head):
        return "detail"
    if header is None:
        return "none"
    fields = header.fields()
    amounts = fields & {"pagu", "belanja_operasi", "belanja_modal", "belanja_tidak_terduga", "belanja_transfer"}
    if not amounts:
        return "none"
    if "nama_sub_kegiatan" in fields or ("kode_sub_kegiatan" in fields and not _split_code(grid, header)):
        return "flat"
    if "uraian" in fields:
        return "recap"
    return "none"


def _split_code(grid: Grid, header: Header) -> bool:
    """Codes split over five short columns (``1 | 02 | 02 | 2.01 | 0001``) rather than full codes."""
    index = header.column("kode_sub_kegiatan")
    if index is None or header.column("kode_urusan") is None:
        return False
    values = grid.cells.slice(header.data_start, 200)[f"c{index}"].drop_nulls()
    return values.len() > 0 and bool((values.str.count_matches(r"\.") <= 1).all())


def _not_budget(grid: Grid) -> SheetResult:
    columns = grid.cells.columns
    rows = grid.cells.select(row_number(), is_empty_row(columns).alias("_e"))
    rows = rows.with_columns(alasan=pl.when("_e").then(pl.lit("kosong")).otherwise(pl.lit("tidak_dikenali")))
    return finish(grid, "none", None, read_titles([]), empty_lines(), skipped_rows(grid, rows), [], [])


def read_sheet(grid: Grid, profile: Profile | None, year: int | None, stage: str | None) -> SheetResult:
    result = _read(grid, profile, year, stage)
    if result.layout != "none":
        line_findings(result)
    grid.release()
    return result


def _read(grid: Grid, profile: Profile | None, year: int | None, stage: str | None) -> SheetResult:
    header = find_header(grid, profile)
    layout = detect_layout(grid, header, profile)
    if layout == "detail":
        return read_detail(grid, year, stage)
    if layout == "none" or header is None:
        return _not_budget(grid)
    info = read_titles(list(grid.cells.head(header.rows[0]).iter_rows()))
    if layout in ("flat", "flat_account"):
        return read_flat(grid, header, info, year, stage)
    return read_recap(grid, header, info, year, stage, split=_split_code(grid, header))

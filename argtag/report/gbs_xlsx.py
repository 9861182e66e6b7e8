"""GBS/PAG workbook: write ``gbs_pag.xlsx``, one sheet per PD of label | value rows.

openpyxl writes everything around the rows: the named styles and, per sheet, the title rows, column widths, page
setup and an empty placeholder at the sheet's last row. The label | value rows are built here as worksheet XML,
cell for cell as openpyxl writes them, and streamed in place of the placeholder's rows while the workbook is saved
(``report.xlsx_io``): openpyxl's cell objects and XML writer would cost far more than the rows themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from argtag.report import ReportData
from argtag.report.gbs_context import Activity, Value, by_pd, file_part
from argtag.report.gbs_fields import activity_title, flat_fields
from argtag.report.xlsx_io import SheetStream, save_workbook
from argtag.report.xlsx_stream import cell_text, split_placeholder

RUPIAH_FORMAT = '"Rp "#,##0;-"Rp "#,##0'

_WRAP = Alignment(wrap_text=True, vertical="top")
_DASHED = Side(style="dashed", color="B26A00")
# named styles: one style id per kind of cell, and the PD finds "GBS isian PD" in Excel's style gallery
TITLE, BAND, LABEL, TEXT, MONEY, BLANK = (
    "GBS judul", "GBS sub kegiatan", "GBS label", "GBS teks", "GBS rupiah", "GBS isian PD",
)  # fmt: skip

_FIRST_ROW = 5  # the first sub-kegiatan's band, below the title rows
_HEAD_BOUND = 1 << 20  # bytes of a placeholder sheet: three title rows, widths and page setup

_CellValue = str | int | None  # a text, a rupiah amount, or nothing (a styled empty cell)
_Line = tuple[tuple[_CellValue, str], ...]  # one row's cells from column A: value and named style


def _styles() -> list[NamedStyle]:
    """Fresh for every workbook: openpyxl binds a named style to the workbook it is added to."""
    return [
        NamedStyle(TITLE, font=Font(bold=True, size=13)),
        NamedStyle(BAND, font=Font(bold=True), fill=PatternFill("solid", fgColor="EDE7F6")),
        NamedStyle(LABEL, font=Font(bold=True), alignment=_WRAP),
        NamedStyle(TEXT, alignment=_WRAP),
        NamedStyle(MONEY, number_format=RUPIAH_FORMAT, alignment=_WRAP),
        NamedStyle(
            BLANK,
            font=Font(italic=True, color="7A4A00"),
            fill=PatternFill("solid", fgColor="FFF8E1"),
            border=Border(left=_DASHED, right=_DASHED, top=_DASHED, bottom=_DASHED),
            alignment=_WRAP,
        ),
    ]


def sheet_titles(pds: Sequence[tuple[str, str]]) -> list[str]:
    """One sheet title per (kode, nama): the PD code, or a safe name; at most 31 characters, unique ignoring case.

    Only letters, digits, dots and underscores, so never one of Excel's forbidden ``[]:*?/\\``.

    >>> sheet_titles([("1.02.0.00.0.00.01.0000", "Dinkes"), ("", "Dinas [A]:B"), ("1.02.0.00.0.00.01.0000", "X")])
    ['1.02.0.00.0.00.01.0000', 'dinas_a_b', '1.02.0.00.0.00.01.0000~2']
    """
    used: set[str] = set()
    titles = []
    for code, name in pds:
        base = file_part(code, name)[:31].strip("._") or "PD"
        title, n = base, 2
        while title.lower() in used:
            suffix = f"~{n}"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(title.lower())
        titles.append(title)
    return titles


# ---------------------------------------------------------------------------------------------------- rows


def _value_cell(value: Value) -> tuple[_CellValue, str]:
    if value.amount is not None:
        return value.amount, MONEY
    if value.blank:
        return value.blank, BLANK
    return value.text, TEXT


def _activity_lines(a: Activity) -> list[_Line]:
    """The band naming the sub-kegiatan across both columns, then one label | value line per field."""
    band: _Line = ((f"Sub Kegiatan {activity_title(a)}", BAND), (None, BAND))
    return [band, *(((label, LABEL), _value_cell(value)) for label, value in flat_fields(a))]


def _body_rows(activities: list[Activity]) -> list[tuple[int, _Line]]:
    """The numbered rows of a PD's sheet from ``_FIRST_ROW``, an empty row after each sub-kegiatan."""
    rows = []
    row = _FIRST_ROW
    for a in activities:
        for line in _activity_lines(a):
            rows.append((row, line))
            row += 1
        row += 1
    return rows


# ---------------------------------------------------------------------------------------------------- XML


def _text_xml(text: str) -> str:
    """The type and content of a text cell: cleaned as every workbook cell (``xlsx_stream.cell_text``), then
    typed (error codes) and written as openpyxl writes it."""
    text = cell_text(text) or ""
    if not text:
        return ' t="inlineStr" />'
    if text in ERROR_CODES:
        return f' t="e"><v>{text}</v></c>'
    space = ' xml:space="preserve"' if text.strip() and text != text.strip() else ""
    return f' t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _cell_xml(style: int, value: _CellValue) -> str:
    """A styled cell as openpyxl writes it, after its ``<c r="..."``: numbers in ``%.16g``, texts inline."""
    if value is None:
        return f' s="{style}" t="n" />'
    if isinstance(value, int):
        return f' s="{style}" t="n"><v>{value:.16g}</v></c>'
    return f' s="{style}"' + _text_xml(value)


def _rows_xml(rows: list[tuple[int, _Line]], cell: Callable[[str, _CellValue], str]) -> bytes:
    """The ``<row>`` elements; ``cell`` gives a cell's XML after its reference from its named style and value."""
    columns = "AB"
    return "".join(
        f'<row r="{n}">'
        + "".join(f'<c r="{columns[i]}{n}"{cell(style, value)}' for i, (value, style) in enumerate(line))
        + "</row>"
        for n, line in rows
    ).encode()


def _style_ids(ws: Worksheet, names: Iterable[str]) -> dict[str, int]:
    """The workbook's style id of each named style, numbered in the order given, as openpyxl numbers styles on
    first use; a cell outside the sheet (never written) takes each style in turn."""
    probe = Cell(ws)
    ids = {}
    for name in dict.fromkeys(names):
        probe.style = name
        ids[name] = probe.style_id
    return ids


def _stream(rows: bytes, last_row: int) -> SheetStream:
    """Writes the placeholder sheet with ``rows`` in place of its row ``last_row``."""

    def write(placeholder: bytes, out: IO[bytes]) -> None:
        head, _, tail = split_placeholder(placeholder, last_row)
        out.write(head)
        out.write(rows)
        out.write(tail)

    return SheetStream(write, _HEAD_BOUND + len(rows))


# ---------------------------------------------------------------------------------------------------- sheets


def _fill_head(ws: Worksheet, first: Activity) -> None:
    """Column widths, page setup and the title rows."""
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.cell(1, 1, "Pernyataan Anggaran Gender (GBS/PAG): draf").style = TITLE
    ws.cell(2, 1, cell_text(" ".join(p for p in (first.kode_skpd, first.nama_skpd) if p)))
    ws.cell(3, 1, "Sel bertanda [diisi oleh PD: ...] diisi oleh Perangkat Daerah sebelum ditandatangani.")


def _fill_sheets(wb: Workbook, groups: list[list[Activity]]) -> dict[str, SheetStream]:
    """A sheet per PD, its title rows written by openpyxl and its other rows streamed (by sheet title)."""
    titles = sheet_titles([(group[0].kode_skpd, group[0].nama_skpd) for group in groups])
    sheets = [wb.create_sheet(title) for title in titles]
    bodies = [_body_rows(group) for group in groups]
    used = (style for body in bodies for _, line in body for _, style in line)
    ids = _style_ids(sheets[0], [TITLE, *used])  # the title is the first styled cell openpyxl writes

    @cache  # labels and blanks repeat for every sub-kegiatan: each distinct cell is built once
    def cell(style: str, value: _CellValue) -> str:
        return _cell_xml(ids[style], value)

    streams = {}
    for ws, group, body in zip(sheets, groups, bodies, strict=True):
        _fill_head(ws, group[0])
        last = body[-1][0]
        ws.cell(last, 2)  # the placeholder: it sizes the sheet's dimension to A1:B<last>
        streams[ws.title] = _stream(_rows_xml(body, cell), last)
    return streams


def write_workbook(path: Path, activities: list[Activity], data: ReportData) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for style in _styles():
        wb.add_named_style(style)
    groups = by_pd(activities)
    streams = _fill_sheets(wb, groups) if groups else {}
    if not groups:
        wb.create_sheet("GBS").cell(1, 1, "Tidak ada sub kegiatan ARG.")
    save_workbook(wb, path, data.generated_at, streams=streams)

"""GBS/PAG workbook: write ``gbs_pag.xlsx``, one sheet per PD of label | value rows, with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from argtag.report import ReportData
from argtag.report.gbs_context import Activity, Value, by_pd, file_part
from argtag.report.gbs_fields import activity_title, flat_fields
from argtag.report.safety import safe_text
from argtag.report.xlsx_io import save_workbook

RUPIAH_FORMAT = '"Rp "#,##0;-"Rp "#,##0'

_WRAP = Alignment(wrap_text=True, vertical="top")
_DASHED = Side(style="dashed", color="B26A00")
# named styles: one lookup per cell instead of one per attribute (fast on thousands of rows), and the PD
# finds "GBS isian PD" in Excel's style gallery
TITLE, BAND, LABEL, TEXT, MONEY, BLANK = (
    "GBS judul", "GBS sub kegiatan", "GBS label", "GBS teks", "GBS rupiah", "GBS isian PD",
)  # fmt: skip


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


def _put(ws: Worksheet, row: int, label: str, value: Value) -> None:
    head = ws.cell(row, 1, safe_text(label))
    head.style = LABEL
    cell = ws.cell(row, 2)
    if value.amount is not None:
        cell.value, cell.style = value.amount, MONEY
    elif value.blank:
        cell.value, cell.style = safe_text(value.blank), BLANK
    else:
        cell.value, cell.style = safe_text(value.text), TEXT


def _fill_sheet(ws: Worksheet, activities: list[Activity]) -> None:
    first = activities[0]
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.cell(1, 1, "Pernyataan Anggaran Gender (GBS/PAG): draf").style = TITLE
    ws.cell(2, 1, safe_text(" ".join(p for p in (first.kode_skpd, first.nama_skpd) if p)))
    ws.cell(3, 1, "Sel bertanda [diisi oleh PD: ...] diisi oleh Perangkat Daerah sebelum ditandatangani.")
    row = 5
    for a in activities:
        for column in (1, 2):
            ws.cell(row, column).style = BAND
        ws.cell(row, 1, safe_text(f"Sub Kegiatan {activity_title(a)}"))
        row += 1
        for label, value in flat_fields(a):
            _put(ws, row, label, value)
            row += 1
        row += 1


def write_workbook(path: Path, activities: list[Activity], data: ReportData) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for style in _styles():
        wb.add_named_style(style)
    groups = by_pd(activities)
    titles = sheet_titles([(group[0].kode_skpd, group[0].nama_skpd) for group in groups])
    for title, group in zip(titles, groups, strict=True):
        _fill_sheet(wb.create_sheet(title), group)
    if not groups:
        wb.create_sheet("GBS").cell(1, 1, "Tidak ada sub kegiatan ARG.")
    save_workbook(wb, path, data.generated_at)

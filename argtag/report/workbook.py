"""review.xlsx: the finance officer's review workbook (Tinjauan, Ringkasan, Asal-usul), byte-for-byte reproducible.

Rows that need a human (status ``tinjau``) come first, by rupiah at stake; every line carries an empty
Keputusan (dropdown) and Alasan, which ``argtag apply-review`` folds into the overrides file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from argtag.metrics.period import stage_label
from argtag.report import ReportData
from argtag.report.tables import SORT
from argtag.report.xlsx_io import SheetStream, save_workbook
from argtag.report.xlsx_stream import cell_text, table_stream

FILE_NAME = "review.xlsx"
SHEET_REVIEW, SHEET_SUMMARY, SHEET_PROVENANCE = "Tinjauan", "Ringkasan", "Asal-usul"
DECISION_HEADER, REASON_HEADER, REVIEWER_HEADER = "Keputusan", "Alasan", "Peninjau"
CHOICES = ("ARG - khusus", "ARG - kesetaraan", "ARG - pelembagaan", "Bukan ARG")
SIMILAR_HEADER = "Baris Serupa"

RUPIAH = '"Rp "#,##0'
PERCENT = '0.00" %"'

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    header: str
    source: str | None  # column of data.tagged; None for the reviewer's input columns
    width: float
    kind: str = "text"  # text | money | int | confidence | wrap | input


REVIEW_COLUMNS = (
    Column("Kode SKPD", "kode_skpd", 24),
    Column("Nama SKPD", "nama_skpd", 34),
    Column("Kode Sub Unit", "kode_sub_unit", 24),
    Column("Nama Sub Unit", "nama_sub_unit", 34),
    Column("Kode Sub Kegiatan", "kode_sub_kegiatan", 19),
    Column("Nama Sub Kegiatan", "nama_sub_kegiatan", 50, "wrap"),
    Column("Pagu", "pagu", 19, "money"),
    Column("Status", "status", 11),
    Column("Kategori", "kategori", 13),
    Column("Bidang", "bidang", 16),
    Column("Keyakinan", "keyakinan", 11, "confidence"),
    Column("Aturan", "aturan", 18),
    Column("Bukti", "bukti", 50, "wrap"),
    Column(DECISION_HEADER, None, 21, "input"),
    Column(REASON_HEADER, None, 40, "input"),
    Column(REVIEWER_HEADER, None, 18, "input"),
    Column(SIMILAR_HEADER, "_serupa", 9, "int"),
    Column("Diputuskan Oleh", "diputuskan_oleh", 12),
    Column("Konflik", "konflik", 18),
    Column("Sasaran", "sasaran", 11),
    Column("Tahun", "tahun", 8, "int"),
    Column("Tahap", "tahap", 12),
    Column("Pagu Tahun Lalu", "pagu_tahun_lalu", 19, "money"),
    Column("Status Tahun Lalu", "status_tahun_lalu", 12),
    Column("Cocok Tahun Lalu", "cocok_tahun_lalu", 10),
    Column("Kode Program", "kode_program", 12),
    Column("Nama Program", "nama_program", 34),
    Column("Kode Kegiatan", "kode_kegiatan", 14),
    Column("Nama Kegiatan", "nama_kegiatan", 34),
    Column("Sumber Dana", "sumber_dana", 18),
    Column("Lokasi", "lokasi", 18),
    Column("Berkas", "file", 40),
    Column("Sheet", "sheet", 16),
    Column("Baris", "baris_awal", 8, "int"),
    Column("Baris Akhir", "baris_akhir", 8, "int"),
)
KEY = ("kode_skpd", "kode_sub_kegiatan", "tahun")  # one override covers every line with this key

INSTRUCTIONS = (
    "Cara mengisi keputusan peninjau:",
    "1. Di sheet 'Tinjauan', baris berstatus 'tinjau' ada di atas, diurutkan menurut pagu (rupiah terbesar dulu).",
    f"2. Isi kolom 'Keputusan' dari daftar pilihan: {', '.join(CHOICES)}. Biarkan kosong bila belum diputuskan.",
    "3. Tulis alasannya di kolom 'Alasan' (mis. 'sasaran ibu balita'); kolom 'Peninjau' boleh diisi nama Anda.",
    "4. Keputusan berlaku untuk semua baris dengan Kode SKPD, Kode Sub Kegiatan dan Tahun yang sama "
    f"(jumlahnya di kolom '{SIMILAR_HEADER}'): cukup isi satu baris; isian yang berbeda dilaporkan sebagai konflik.",
    "5. Simpan berkas, lalu jalankan: argtag apply-review review.xlsx --overrides keputusan.toml",
    "6. Jalankan telaah lagi dengan keputusan itu: argtag review <folder ekspor> --overrides keputusan.toml",
    "Kolom boleh ditambah atau diurutkan ulang: argtag membaca kolom menurut judulnya.",
)


def write_review_workbook(folder: Path, data: ReportData) -> None:
    """review.xlsx in ``folder``: Tinjauan, Ringkasan, Asal-usul."""
    workbook = Workbook()
    review = workbook.active
    review.title = SHEET_REVIEW
    table = _write_review(review, *review_lines(data.tagged))
    _write_summary(workbook.create_sheet(SHEET_SUMMARY), data.summary)
    _write_provenance(workbook.create_sheet(SHEET_PROVENANCE), data.summary)
    for ws in workbook.worksheets:
        print_setup(ws)
    review.print_title_rows = "1:1"  # the column headers on every printed page
    streams = {SHEET_REVIEW: table} if table is not None else {}
    save_workbook(workbook, folder / FILE_NAME, data.generated_at, streams=streams)


# ---------------------------------------------------------------- Tinjauan


def review_rows(tagged: pl.DataFrame) -> pl.DataFrame:
    """The lines in review order: ``tinjau`` first by pagu (largest first), then the rest in published order."""
    lines, order = review_lines(tagged)
    return lines[order]


def review_lines(tagged: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """The lines with every column the sheet shows (absent ones empty, ``_serupa`` added), and the review order
    as row numbers: sorting only the sort keys spares a sorted copy of the whole table."""
    frame = tagged
    for name in sorted({c.source for c in REVIEW_COLUMNS if c.source} - set(frame.columns) - {"_serupa"}):
        frame = frame.with_columns(pl.lit(None).alias(name))
    key = [c for c in KEY if c in tagged.columns]
    similar = pl.len().over(key) if key else pl.lit(1)
    frame = frame.with_columns(_serupa=similar.cast(pl.Int64))
    queue = pl.col("status") == "tinjau"
    first = [(~queue).fill_null(True), pl.when(queue).then(-pl.col("pagu")).otherwise(None)]
    published = [pl.col(c) for c in SORT if c in frame.columns]
    order = frame.select(pl.arg_sort_by([*first, *published], nulls_last=True, maintain_order=True)).to_series()
    return frame, order


def _value(value: Any) -> Any:
    return cell_text(value) if isinstance(value, str) else value


def _write_review(ws: Worksheet, lines: pl.DataFrame, order: pl.Series) -> SheetStream | None:
    """The header, widths, panes, filter and dropdown in openpyxl; the lines themselves are streamed.

    openpyxl gets a template row at the table's last row, styled like every line (see ``report.xlsx_stream``);
    the returned stream replaces it by the lines. An empty review has no template and nothing to stream.
    """
    ws.append([c.header for c in REVIEW_COLUMNS])
    last = len(order) + 1
    _style_header(ws, len(REVIEW_COLUMNS))
    for index, column in enumerate(REVIEW_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        if len(order):
            _style_cell(ws.cell(last, index), column.kind)
    ws.freeze_panes = "A2"
    filtered = max(last, 2)  # the filter and the dropdown cover at least one (empty) row
    ws.auto_filter.ref = f"A1:{get_column_letter(len(REVIEW_COLUMNS))}{filtered}"
    _add_choices(ws, filtered)
    if not len(order):
        return None
    table = lines.select(
        pl.col(c.source) if c.source else pl.lit(None).alias(f"_{i}") for i, c in enumerate(REVIEW_COLUMNS)
    )
    return table_stream(table, last, order)


def _style_header(ws: Worksheet, width: int) -> None:
    for cell in ws[1][:width]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP


def _style_cell(cell: Cell, kind: str) -> None:
    """A line's cell styled for its column's kind (text and int cells keep the default style)."""
    if kind == "money":
        cell.number_format = RUPIAH
    elif kind == "confidence":
        cell.number_format = "0%"
    elif kind == "wrap":
        cell.alignment = WRAP
    elif kind == "input":
        cell.fill = INPUT_FILL
        cell.alignment = WRAP


def _add_choices(ws: Worksheet, last: int) -> None:
    """The Keputusan dropdown over the whole column of the table."""
    letter = get_column_letter(next(i for i, c in enumerate(REVIEW_COLUMNS, 1) if c.header == DECISION_HEADER))
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Keputusan tidak sah",
        error=f"Pilih salah satu: {', '.join(CHOICES)}.",
        showInputMessage=True,
        promptTitle="Keputusan peninjau",
        prompt="ARG (dengan kategori) atau Bukan ARG; kosongkan bila belum diputuskan.",
    )
    validation.add(f"{letter}2:{letter}{last}")
    ws.add_data_validation(validation)


# ---------------------------------------------------------------- Ringkasan

BIDANG_LABELS = {
    "politik": "Politik",
    "hukum": "Hukum",
    "sosial": "Sosial",
    "ekonomi": "Ekonomi",
    "tidak_terpetakan": "Tidak terpetakan",
}
CATEGORY_LABELS = {"khusus": "ARG khusus", "kesetaraan": "ARG kesetaraan", "pelembagaan": "ARG pelembagaan"}

Row = Sequence[Any]


def _yes(value: Any) -> str:
    return "Tercapai" if value else "Belum tercapai"


def headline_rows(summary: dict[str, Any]) -> list[tuple[str, Any, str, str]]:
    """(label, value, number format, note) of every headline indicator."""
    ind, par = summary["indikator"], summary["parameter"]
    return [
        ("Tahun anggaran", _year(ind.get("tahun")), "0", f"tahap {stage_label(ind)}"),
        ("Total belanja", ind["total_belanja"], RUPIAH, f"{ind['jumlah_baris']} baris (sub unit x sub kegiatan)"),
        ("Total ARG", ind["total_arg"], RUPIAH, f"{ind['jumlah_baris_arg']} baris"),
        ("Penyebut persen ARG", ind["nilai_denominator"], RUPIAH, f"{par['keterangan_denominator']}"),
        ("% ARG", ind["persen_arg_apbd"], PERCENT, f"total ARG / penyebut ({ind['denominator']})"),
        ("Target % ARG", ind["target_persen_arg"], PERCENT, "% ARG harus di atas target"),
        ("Target % ARG tercapai?", _yes(ind["memenuhi_target_arg"]), "", ""),
        ("Jumlah PD dalam cakupan", ind["jumlah_pd"], "0", "semua PD kecuali yang dikecualikan"),
        ("PD dengan ARG", ind["jumlah_pd_dengan_arg"], "0", "PD dengan sedikitnya satu baris ARG"),
        ("% PD dengan ARG", ind["persen_pd_dengan_arg"], PERCENT, ""),
        ("Target % PD dengan ARG", ind["target_persen_pd"], PERCENT, ""),
        ("Target % PD tercapai?", _yes(ind["memenuhi_target_pd"]), "", ""),
        ("Jumlah sub kegiatan ARG", ind["jumlah_subkegiatan_arg"], "0", "pasangan PD x sub kegiatan, dihitung sekali"),
        ("Antrian tinjauan (baris)", ind["jumlah_baris_tinjau"], "0", "baris berstatus 'tinjau' di sheet Tinjauan"),
        ("Antrian tinjauan (rupiah)", ind["rupiah_tinjau"], RUPIAH, ""),
        ("Total Program Penunjang", ind.get("total_program_penunjang"), RUPIAH, "program segmen 01"),
    ]


def _write_summary(ws: Worksheet, summary: dict[str, Any]) -> None:
    out = _Rows(ws)
    out.add(["Ringkasan telaah ARG"], bold=True)
    out.add([])
    out.add(["Indikator", "Nilai", "Keterangan"], bold=True)
    for label, value, number_format, note in headline_rows(summary):
        out.add([label, value, note or None], formats={2: number_format})
    out.add([])
    out.add(["ARG per bidang"], bold=True)
    out.add(["Bidang", "Total belanja", "ARG", "Sub kegiatan ARG", "% dari ARG", "% ARG bidang"], bold=True)
    money = {2: RUPIAH, 3: RUPIAH, 5: PERCENT, 6: PERCENT}
    for row in summary.get("per_bidang", []):
        label = BIDANG_LABELS.get(row["bidang"], row["bidang"])
        values = [label, row["total"], row["arg"], row["subkegiatan_arg"], row["persen_dari_arg"], row["persen_arg"]]
        out.add(values, formats=money)
    out.add([])
    out.add(["ARG per kategori"], bold=True)
    out.add(["Kategori", "ARG", "Sub kegiatan ARG", "% dari ARG"], bold=True)
    for row in summary.get("per_kategori", []):
        label = CATEGORY_LABELS.get(row["kategori"], row["kategori"])
        values = [label, row["arg"], row["subkegiatan_arg"], row["persen_dari_arg"]]
        out.add(values, formats={2: RUPIAH, 4: PERCENT})
    _widths(ws, (30, 22, 50, 18, 12, 12))


# ---------------------------------------------------------------- Asal-usul


PARAMETER_LABELS = {
    "denominator": "Penyebut % ARG",
    "keterangan_denominator": "Keterangan penyebut",
    "apbd_total": "Total APBD yang diberikan",
    "target_persen_arg": "Target % ARG",
    "target_persen_pd": "Target % PD dengan ARG",
    "pd_dikecualikan": "PD yang tidak dihitung dalam % PD",
    "alias_pd": "Alias kode PD",
    "sumber_pengaturan": "Sumber pengaturan",
}


def _plain(value: Any, empty: str = "tidak ada") -> str:
    """A parameter as short text: lists joined, mappings as ``a = b``.

    >>> _plain(None), _plain(["7.01", "7.02"]), _plain({"a": "b"}), _plain(True), _plain(5.0)
    ('tidak ada', '7.01, 7.02', 'a = b', 'ya', '5.0')
    """
    if value is None or value == [] or value == {}:
        return empty
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} = {_plain(v)}" for k, v in value.items())
    return str(value)


def _year(value: Any) -> Any:
    return value if isinstance(value, int) else _plain(value, "tidak diketahui")


def _write_provenance(ws: Worksheet, summary: dict[str, Any]) -> None:
    made = summary["reproduksi"]
    out = _Rows(ws)
    out.add(["Asal-usul laporan"], bold=True)
    out.add([])
    out.add(["Versi argtag", made.get("argtag")])
    out.add(["Dibuat", made.get("dibuat")])
    out.add(["Hash aturan (sha256)", made.get("hash_aturan")])
    out.add([])
    out.add(["Parameter", "Nilai"], bold=True)
    for key, value in summary.get("parameter", {}).items():
        out.add([PARAMETER_LABELS.get(key, key), _plain(value)])
    out.add([])
    out.add(["Berkas masukan", "sha256"], bold=True)
    for entry in made.get("masukan", []):
        out.add([entry["path"], entry["sha256"]])
    out.add([])
    for number, line in enumerate(INSTRUCTIONS):
        out.add([line], bold=number == 0)
    _widths(ws, (60, 70))


# ---------------------------------------------------------------- shared


class _Rows:
    """Writes rows one below the other; an empty row is a blank line."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def add(self, values: Sequence[Any], bold: bool = False, formats: dict[int, str] | None = None) -> None:
        self.row += 1
        for index, value in enumerate(values, start=1):
            cell = self.ws.cell(self.row, index, _value(value))
            if bold:
                cell.font = BOLD
            if formats and formats.get(index):
                cell.number_format = formats[index]


def print_setup(ws: Worksheet) -> None:
    """Printed on landscape A4, every column on one page wide and as many pages down as the rows need
    (the Tinjauan sheet's setup is in the part after its streamed rows: ``xlsx_stream.split_placeholder``)."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

"""review.xlsx on the 2026 sample: headers, layout, dropdown, review order, defused formulas, identical bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fastexcel
import openpyxl
import polars as pl
import pytest

from argtag.report import ReportData, xlsx_stream
from argtag.report.workbook import (
    CHOICES,
    REVIEW_COLUMNS,
    _style_cell,
    _style_header,
    _value,
    review_rows,
    write_review_workbook,
)
from argtag.report.xlsx_io import save_workbook
from argtag.report.xlsx_stream import cell_text, number_text, table_stream
from argtag.review import ReviewRequest, run_review
from tests.conftest import ROOT, SAMPLES

RULES = ROOT / "tests" / "fixtures" / "rules_mini"
FIXED_TIME = "2026-11-28T00:00:00+00:00"
FIRST_HEADERS = [
    "Kode SKPD",
    "Nama SKPD",
    "Kode Sub Unit",
    "Nama Sub Unit",
    "Kode Sub Kegiatan",
    "Nama Sub Kegiatan",
    "Pagu",
    "Status",
    "Kategori",
    "Bidang",
    "Keyakinan",
    "Aturan",
    "Bukti",
    "Keputusan",
    "Alasan",
]


def sample_data(out: Path, overrides: Path | None = None) -> ReportData:
    """A real review of the 2026 sample (with 2025 as the earlier year) as the writers receive it."""
    request = ReviewRequest(
        [SAMPLES / "2026"],
        previous=[SAMPLES / "2025"],
        out=out,
        rules=RULES,
        overrides=overrides,
        generated_at=FIXED_TIME,
    )
    review = run_review(request)
    moment = datetime.fromisoformat(review.summary["reproduksi"]["dibuat"])
    return ReportData(review.tagged, review.ingested.skipped, review.summary, review.ruleset, moment)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return sample_data(tmp_path_factory.mktemp("review") / "out")


@pytest.fixture(scope="module")
def book_path(data: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workbook")
    write_review_workbook(folder, data)
    return folder / "review.xlsx"


@pytest.fixture(scope="module")
def book(book_path: Path) -> Any:
    return openpyxl.load_workbook(book_path)


def _headers(ws: Any) -> list[str]:
    return [c.value for c in ws[1]]


def _column(ws: Any, header: str) -> list[Any]:
    index = _headers(ws).index(header) + 1
    return [row[0] for row in ws.iter_rows(min_row=2, min_col=index, max_col=index, values_only=True)]


def test_sheets_and_headers(book: Any) -> None:
    assert book.sheetnames == ["Tinjauan", "Ringkasan", "Asal-usul"]
    headers = _headers(book["Tinjauan"])
    assert headers[: len(FIRST_HEADERS)] == FIRST_HEADERS
    for context in ("Tahun", "Pagu Tahun Lalu", "Status Tahun Lalu", "Sumber Dana", "Berkas", "Baris"):
        assert context in headers
    assert len(headers) == len(set(headers))


def test_one_row_per_line_with_the_same_money(book: Any, data: ReportData) -> None:
    ws = book["Tinjauan"]
    assert ws.max_row - 1 == data.tagged.height
    assert sum(_column(ws, "Pagu")) == data.summary["indikator"]["total_belanja"]
    assert set(_column(ws, "Status")) <= {"arg", "bukan_arg", "tinjau"}
    assert _column(ws, "Keputusan") == [None] * data.tagged.height
    assert _column(ws, "Alasan") == [None] * data.tagged.height


def test_frozen_header_filter_formats_widths(book: Any) -> None:
    ws = book["Tinjauan"]
    assert ws.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
    headers = _headers(ws)
    pagu = headers.index("Pagu") + 1
    bukti = headers.index("Bukti") + 1
    assert "#,##0" in ws.cell(2, pagu).number_format
    assert ws.cell(2, bukti).alignment.wrap_text
    assert ws.column_dimensions["F"].width >= 40  # Nama Sub Kegiatan
    assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(headers) + 1))


def test_keputusan_dropdown_covers_the_column(book: Any) -> None:
    ws = book["Tinjauan"]
    letter = openpyxl.utils.get_column_letter(_headers(ws).index("Keputusan") + 1)
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"ARG - khusus,ARG - kesetaraan,ARG - pelembagaan,Bukan ARG"'
    assert tuple(validation.formula1.strip('"').split(",")) == CHOICES
    assert str(validation.sqref) == f"{letter}2:{letter}{ws.max_row}"


def test_tinjau_rows_first_by_rupiah_at_stake(book: Any, data: ReportData) -> None:
    ws = book["Tinjauan"]
    statuses, pagu = _column(ws, "Status"), _column(ws, "Pagu")
    queue = data.summary["indikator"]["jumlah_baris_tinjau"]
    assert queue > 1
    assert statuses[:queue] == ["tinjau"] * queue
    assert "tinjau" not in statuses[queue:]
    assert pagu[:queue] == sorted(pagu[:queue], reverse=True)
    assert sum(pagu[:queue]) == data.summary["indikator"]["rupiah_tinjau"]


def test_review_order_is_deterministic_on_ties() -> None:
    lines = pl.DataFrame(
        {
            "kode_skpd": ["2", "1", "1", "1"],
            "kode_sub_unit": ["2", "1", "1", "1"],
            "kode_sub_kegiatan": ["b", "a", "c", "d"],
            "nama_sub_kegiatan": ["x", "x", "x", "x"],
            "file": ["f", "f", "f", "f"],
            "baris_awal": [1, 2, 3, 4],
            "status": ["tinjau", "tinjau", "arg", "tinjau"],
            "pagu": [5, 5, 100, 7],
        }
    )
    for shuffled in (lines, lines.reverse()):
        ordered = review_rows(shuffled)
        assert ordered["kode_sub_kegiatan"].to_list() == ["d", "a", "b", "c"]


def test_summary_sheet(book: Any, data: ReportData) -> None:
    rows = {r[0]: r[1:] for r in book["Ringkasan"].iter_rows(values_only=True) if r[0]}
    ind = data.summary["indikator"]
    assert rows["Total belanja"][0] == ind["total_belanja"]
    assert rows["Total ARG"][0] == ind["total_arg"]
    assert rows["% ARG"][0] == pytest.approx(ind["persen_arg_apbd"])
    assert rows["Penyebut persen ARG"][1] == data.summary["parameter"]["keterangan_denominator"]
    assert rows["% PD dengan ARG"][0] == pytest.approx(ind["persen_pd_dengan_arg"])
    assert rows["Target % ARG tercapai?"][0] in ("Tercapai", "Belum tercapai")
    assert rows["Jumlah sub kegiatan ARG"][0] == ind["jumlah_subkegiatan_arg"]
    assert rows["Antrian tinjauan (baris)"][0] == ind["jumlah_baris_tinjau"]
    assert rows["Sosial"][1] == next(b["arg"] for b in data.summary["per_bidang"] if b["bidang"] == "sosial")
    assert "Tidak terpetakan" in rows


def test_provenance_sheet(book: Any, data: ReportData) -> None:
    cells = [v for r in book["Asal-usul"].iter_rows(values_only=True) for v in r if v is not None]
    made = data.summary["reproduksi"]
    assert made["argtag"] in cells and made["dibuat"] in cells and made["hash_aturan"] in cells
    for entry in made["masukan"]:
        assert entry["path"] in cells and entry["sha256"] in cells
    assert any("argtag apply-review review.xlsx --overrides keputusan.toml" in str(v) for v in cells)
    assert data.summary["parameter"]["keterangan_denominator"] in cells


def test_two_writes_give_identical_bytes(data: ReportData, book_path: Path, tmp: Path) -> None:
    write_review_workbook(tmp, data)
    assert (tmp / "review.xlsx").read_bytes() == book_path.read_bytes()


def test_formula_injection_defused(data: ReportData, tmp: Path) -> None:
    names = ['=HYPERLINK("http://x","klik")', "<script>alert(1)</script>", "+62 Dinas", "Nama\x01aneh"]
    head = data.tagged.head(len(names)).with_columns(nama_skpd=pl.Series(names), bukti=pl.Series(names))
    evil = ReportData(head, data.skipped, data.summary, data.ruleset, data.generated_at)
    write_review_workbook(tmp, evil)
    ws = openpyxl.load_workbook(tmp / "review.xlsx")["Tinjauan"]
    shown = _column(ws, "Nama SKPD")
    expected = ["'" + names[0], names[1], "'+62 Dinas", "Namaaneh"]
    assert sorted(shown) == sorted(expected)
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and all(c.data_type == "s" for c in texts)
    with zipfile.ZipFile(tmp / "review.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_empty_review_still_gives_a_usable_workbook(data: ReportData, tmp: Path) -> None:
    write_review_workbook(
        tmp, ReportData(data.tagged.clear(), data.skipped, data.summary, data.ruleset, data.generated_at)
    )
    ws = openpyxl.load_workbook(tmp / "review.xlsx")["Tinjauan"]
    assert _headers(ws)[: len(FIRST_HEADERS)] == FIRST_HEADERS
    assert ws.max_row == 1 and ws.freeze_panes == "A2"
    assert len(ws.data_validations.dataValidation) == 1


# ---------------------------------------------------------------- the streamed Tinjauan sheet (report.xlsx_stream)

TRICKY: list[str | None] = [
    "A & B <c> \"d\" 'e'",
    "  spasi depan",
    "spasi belakang  ",
    "   ",
    "",
    None,
    "=SUM(A1)",
    "+62 Dinas",
    "-5",
    "@x",
    "\tTab",
    "baris\nbaru",
    "kontrol\x01\x0bhilang\x1f",
    "\x02",
    "ünïcødé – 😀 \u00a0nbsp\u00a0",
    "]]> &amp; </t></is></c>",
]


def _synthetic(n: int) -> pl.DataFrame:
    """``n`` lines with every column the sheet shows; awkward texts, nulls and big numbers sprinkled in."""
    columns: dict[str, pl.Series] = {}
    for j, column in enumerate(c for c in REVIEW_COLUMNS if c.source and c.source != "_serupa"):
        name = column.source or ""
        if name == "tahun":
            columns[name] = pl.Series([2026] * n, dtype=pl.Int32)
        elif name == "keyakinan":
            columns[name] = pl.Series([(0.25, 0.5, 0.85, 1.0, None, 1 / 3)[i % 6] for i in range(n)], dtype=pl.Float64)
        elif column.kind in ("money", "int"):
            values = [None if i % 11 == j % 11 else (i * 7919 + j) * 10**6 + 123 for i in range(n)]
            columns[name] = pl.Series(values, dtype=pl.Int64)
        elif name == "status":
            columns[name] = pl.Series([("tinjau", "arg", "bukan_arg")[i % 3] for i in range(n)])
        else:
            columns[name] = pl.Series(
                [TRICKY[(i + j) % len(TRICKY)] if i % 4 == 0 else f"{name} {i}" for i in range(n)]
            )
    frame = pl.DataFrame(columns).with_columns(
        kode_skpd=pl.format("1.{}", pl.int_range(pl.len()) % 7),
        kode_sub_kegiatan=pl.format("k{}", pl.int_range(pl.len()) % 50),
    )
    long = {"bukti": "x" * 40000, "nama_sub_kegiatan": "=" + "y" * 40000}
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 9).then(pl.lit(text)).otherwise(pl.col(name)).alias(name)
        for name, text in long.items()
    )


def _reference_workbook(path: Path, rows: pl.DataFrame) -> None:
    """Tinjauan as openpyxl writes it cell by cell (the writer before streaming), for comparison."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append([c.header for c in REVIEW_COLUMNS])
    _style_header(ws, len(REVIEW_COLUMNS))
    sources = [c.source for c in REVIEW_COLUMNS]
    for record in rows.select([s for s in sources if s]).iter_rows():
        values = iter(record)
        ws.append([_value(next(values)) if s else None for s in sources])
    for index, column in enumerate(REVIEW_COLUMNS, start=1):
        for row in range(2, rows.height + 2):
            _style_cell(ws.cell(row, index), column.kind)
    workbook.save(path)


def _calamine_rows(path: Path) -> list[list[Any]]:
    """The Tinjauan sheet as calamine (fastexcel) reads it, each cell in its place, through :func:`_as_calamine`."""
    sheet = fastexcel.read_excel(str(path)).load_sheet_by_name("Tinjauan", header_row=None, dtypes="string")
    return [[_as_calamine(v) for v in row] for row in sheet.to_polars().rows()]


def _as_calamine(value: Any) -> Any:
    """A cell compared by value: calamine gives every cell as text, numbers with fewer digits."""
    if isinstance(value, bool):
        return str(value).lower()
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return value


def _look(cell: Any) -> tuple[Any, ...]:
    return (cell.value, cell.number_format, cell.font.b, cell.fill.fgColor.rgb, cell.alignment.wrap_text)


@pytest.fixture(scope="module")
def streamed(data: ReportData, tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportData, Path]:
    lines = _synthetic(2500)  # more than one chunk of CHUNK_ROWS, the last one partial
    big = ReportData(lines, data.skipped, data.summary, data.ruleset, data.generated_at)
    folder = tmp_path_factory.mktemp("streamed")
    write_review_workbook(folder, big)
    return big, folder / "review.xlsx"


def test_streamed_sheet_reads_back_cell_for_cell(streamed: tuple[ReportData, Path]) -> None:
    big, path = streamed
    rows = review_rows(big.tagged)
    expected: list[list[object]] = [[c.header for c in REVIEW_COLUMNS]]
    for record in rows.iter_rows(named=True):
        line = [record[c.source] if c.source else None for c in REVIEW_COLUMNS]
        expected.append([(cell_text(v) or None) if isinstance(v, str) else v for v in line])
    ws = openpyxl.load_workbook(path)["Tinjauan"]
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got == expected
    fast = openpyxl.load_workbook(path, read_only=True)["Tinjauan"]  # as apply-review reads it
    assert [list(r) for r in fast.iter_rows(values_only=True)] == expected
    assert _calamine_rows(path) == [[_as_calamine(v) for v in row] for row in expected]  # cells carry no r="B7"
    texts = [v for row in got[1:] for v in row if isinstance(v, str)]
    assert max(len(t) for t in texts) == 32767  # Excel's limit, also for a defused text
    assert {"'=SUM(A1)", "'+62 Dinas", "kontrolhilang", "  spasi depan", "A & B <c> \"d\" 'e'"} <= set(texts)

    last = ws.max_row
    assert last == rows.height + 1 and ws.max_column == len(REVIEW_COLUMNS)
    assert ws.dimensions == f"A1:AI{last}" and ws.auto_filter.ref == f"A1:AI{last}" and ws.freeze_panes == "A2"
    (validation,) = ws.data_validations.dataValidation
    assert str(validation.sqref) == f"N2:N{last}"
    headers = _headers(ws)
    for row in (2, 1000, last):
        assert ws.cell(row, headers.index("Pagu") + 1).number_format == '"Rp "#,##0'
        assert ws.cell(row, headers.index("Keyakinan") + 1).number_format == "0%"
        assert ws.cell(row, headers.index("Bukti") + 1).alignment.wrap_text
        assert ws.cell(row, headers.index("Keputusan") + 1).fill.fgColor.rgb == "00FFF2CC"
        assert ws.cell(row, headers.index("Kode SKPD") + 1).style_id == 0
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        ET.fromstring(archive.read(sheet))  # well-formed XML
        shared = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    items = ["".join(item.itertext()) for item in shared]
    assert len(items) == len(set(items)) == int(shared.get("uniqueCount", "0"))  # each distinct text once
    assert set(items) == set(texts)
    assert sheet.date_time == (2026, 11, 28, 0, 0, 0) and sheet.extra == b""  # fixed time, no zip64 needed


def test_streamed_sheet_looks_as_openpyxl_wrote_it(streamed: tuple[ReportData, Path], tmp: Path) -> None:
    """Every cell's value, number format, font, fill and wrapping as the cell-by-cell writer gave them."""
    big, path = streamed
    _reference_workbook(tmp / "reference.xlsx", review_rows(big.tagged))
    reference = openpyxl.load_workbook(tmp / "reference.xlsx").active
    ws = openpyxl.load_workbook(path)["Tinjauan"]
    assert (ws.max_row, ws.max_column) == (reference.max_row, reference.max_column)
    for ours, theirs in zip(ws.iter_rows(), reference.iter_rows(), strict=True):
        assert [_look(c) for c in ours] == [_look(c) for c in theirs]


def test_streamed_bytes_do_not_depend_on_the_run_or_the_chunking(
    streamed: tuple[ReportData, Path], tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big, path = streamed
    write_review_workbook(tmp / "again", big)
    assert (tmp / "again" / "review.xlsx").read_bytes() == path.read_bytes()
    monkeypatch.setattr(xlsx_stream, "CHUNK_ROWS", 1000)
    write_review_workbook(tmp / "chunked", big)
    assert (tmp / "chunked" / "review.xlsx").read_bytes() == path.read_bytes()


def test_numbers_written_as_openpyxl_writes_them() -> None:
    floats = pl.Series([0.85, 1 / 3, 0.1 + 0.2, 1e20, float("nan"), float("inf"), None])
    assert number_text(floats).to_list() == ["0.85", "0.3333333333333333", "0.3", "1e+20", None, None, None]
    ints = pl.Series([5, -12, None, 10**15, 2**60])
    assert number_text(ints).to_list() == ["5", "-12", None, "1000000000000000", "%.16g" % 2**60]
    assert number_text(ints.head(4)).to_list() == ["5", "-12", None, "1000000000000000"]


def test_stream_of_other_dtypes(tmp: Path) -> None:
    """Booleans stay booleans; anything that is not text, a number or empty is written as its text."""
    frame = pl.DataFrame(
        {
            "flag": [True, False],
            "kind": pl.Series(["x", "y"], dtype=pl.Categorical),
            "day": [date(2026, 1, 2), None],
            "empty": [None, None],
            "big": pl.Series([2**60, 3], dtype=pl.UInt64),
        }
    )
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(frame.columns)
    ws.cell(3, 4).number_format = "0"  # the template row: the table's last row, column D styled
    save_workbook(workbook, tmp / "t.xlsx", datetime(2026, 1, 1), streams={ws.title: table_stream(frame, 3)})
    ws = openpyxl.load_workbook(tmp / "t.xlsx").active
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        (True, "x", "2026-01-02", None, float("%.16g" % 2**60)),
        (False, "y", None, None, 3),
    ]
    assert ws["D2"].number_format == ws["D3"].number_format == "0" and ws["A2"].style_id == 0


def test_sheets_print_landscape_one_page_wide_with_the_header_on_every_page(book: Any, book_path: Path) -> None:
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert book["Tinjauan"].print_title_rows == "$1:$1"
    # the Tinjauan rows are streamed in place of openpyxl's: its page setup must survive in the part after them
    with zipfile.ZipFile(book_path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    after = sheet[sheet.index(b"</sheetData>") :]
    assert b'<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"' in after
    assert b'<pageSetUpPr fitToPage="1"' in sheet[: sheet.index(b"<sheetData>")]


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice or poppler missing")
def test_libreoffice_prints_keputusan_beside_kode(book_path: Path, tmp_path: Path) -> None:
    profile = (tmp_path / "profile").as_uri()
    command = [str(SOFFICE), "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(tmp_path), str(book_path)], capture_output=True, timeout=120, check=True)
    pdf = tmp_path / "review.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages < 40  # 656 before: two columns a page
    for page in (1, 2):  # the header row is repeated on the next page
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        header = text.splitlines()[0]
        assert all(h in header for h in ("Kode SKPD", "Nama SKPD", "Keputusan", "Alasan", "Berkas")), header

"""review.xlsx on the 2026 sample: headers, layout, dropdown, review order, defused formulas, identical bytes."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from argtag.report import ReportData
from argtag.report.workbook import CHOICES, review_rows, write_review_workbook
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

"""Several files or sheets read together: the same line in two of them is a finding, and argtag's own report
folders are not inputs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Cell, inspect_json, run, write_xlsx

HEADER: list[Cell] = ["Tahun", "Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
DINKES, DISDIK = "1.02.0.00.0.00.01.0000", "1.01.0.00.0.00.01.0000"
LINES: list[list[Cell]] = [
    [2026, DINKES, "Dinas Kesehatan", "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 1_500_000],
    [2026, DINKES, "Dinas Kesehatan", "1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin", 2_500_000],
]


def _csv(path: Path, rows: list[list[Cell]]) -> Path:
    text = "\n".join(";".join("" if c is None else str(c) for c in row) for row in [HEADER, *rows])
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_the_same_lines_in_two_files_are_reported_with_the_rupiah_counted_again(tmp: Path) -> None:
    folder = tmp / "masukan"
    folder.mkdir()
    _csv(folder / "rka.csv", LINES)
    more: list[Cell] = [2026, DINKES, "Dinas Kesehatan", "1.02.02.2.02.0003", "KB", 7]
    write_xlsx(folder / "rka (1).xlsx", [HEADER, *LINES, more])
    data = inspect_json(folder)
    assert data["total"] == 2 * 4_000_000 + 7  # still summed: the user decides which copy goes
    (finding,) = data["findings_across_files"]
    assert finding["kode"] == "baris_ganda_antar_berkas" and finding["jumlah"] == 2
    assert "masukan/rka (1).xlsx, sheet 'Sheet1' dan masukan/rka.csv" in finding["pesan"]
    assert "Rp 4.000.000 terhitung lebih dari sekali" in finding["pesan"]
    assert finding in data["findings"]
    text = run("inspect", str(folder)).stdout
    assert "Peringatan: sub kegiatan yang sama muncul di lebih dari satu berkas atau sheet" in text
    review = run("review", str(folder), "--out", str(tmp / "laporan"))
    assert review.exit_code == 0, review.stderr
    assert "Perhatian: sub kegiatan yang sama muncul di lebih dari satu berkas" in review.stdout


def test_two_sheets_of_one_workbook_count_as_two_sources(tmp: Path) -> None:
    path = write_xlsx(tmp / "rka.xlsx", [HEADER, *LINES])
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Sheet1"])
    copy.title = "Salinan"
    book.save(path)
    (finding,) = inspect_json(path)["findings_across_files"]
    assert "sheet 'Sheet1' dan rka.xlsx, sheet 'Salinan'" in finding["pesan"]


def test_common_codes_of_different_pd_and_files_without_a_pd_are_not_duplicates(tmp: Path) -> None:
    folder = tmp / "masukan"
    folder.mkdir()
    admin = "X.XX.01.2.01.0001"  # Program Penunjang: the same code in every PD
    _csv(folder / "dinkes.csv", [[2026, DINKES, "Dinas Kesehatan", admin, "Penyusunan Dokumen Perencanaan", 5]])
    _csv(folder / "disdik.csv", [[2026, DISDIK, "Dinas Pendidikan", admin, "Penyusunan Dokumen Perencanaan", 6]])
    assert inspect_json(folder)["findings_across_files"] == []
    bare = ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]  # no PD in the file: its lines have no sub-unit
    (tmp / "tanpa_pd").mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        write_xlsx(tmp / "tanpa_pd" / name, [bare, ["1.02.02.2.02.0001", "Pelayanan Ibu Hamil", 1]])
    assert inspect_json(tmp / "tanpa_pd")["findings_across_files"] == []


def test_a_review_run_inside_the_export_folder_does_not_read_its_own_report_next_time(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp / "ekspor"
    folder.mkdir()
    _csv(folder / "rka.csv", LINES)
    monkeypatch.chdir(folder)
    for _ in range(2):  # the first run writes reports/review-2026 here; the second must not read it
        result = run("review", ".")
        assert result.exit_code == 0, result.stderr
        assert "Total belanja: Rp 4.000.000 dalam 2 baris" in result.stdout
    assert (folder / "reports" / "review-2026" / "tagged.csv").is_file()
    assert [f["path"] for f in inspect_json(Path("."))["files"]] == ["rka.csv"]


def test_hidden_folders_are_left_out_and_a_summary_json_of_someone_else_is_not_a_report(tmp: Path) -> None:
    folder = tmp / "ekspor"
    (folder / ".salinan").mkdir(parents=True)
    (folder / "arsip").mkdir()
    _csv(folder / "rka.csv", LINES[:1])
    _csv(folder / ".salinan" / "rka.csv", LINES[:1])  # e.g. a sync tool's copy
    _csv(folder / "arsip" / "rka_lama.csv", LINES[1:])
    (folder / "arsip" / "summary.json").write_text('{"skema": "lain"}', encoding="utf-8")
    assert [f["path"] for f in inspect_json(folder)["files"]] == ["ekspor/arsip/rka_lama.csv", "ekspor/rka.csv"]


def test_one_code_under_two_names_in_a_sub_unit_is_reported_with_the_name_kept(tmp: Path) -> None:
    code = "1.02.02.2.02.0041"
    pd: list[Cell] = [2026, DINKES, "Dinas Kesehatan"]
    hiv: list[Cell] = [*pd, code, "Pengelolaan pelayanan kesehatan orang dengan HIV (ODHIV)", 1_000]
    hamil: list[Cell] = [*pd, code, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 10]
    same: list[Cell] = [*pd, "1.02.02.2.02.0001", "pengelolaan pelayanan KB", 5]  # differs in case only
    result = inspect_json(_csv(tmp / "rka.csv", [hiv, hamil, [*same[:4], "Pengelolaan Pelayanan KB", 5], same]))
    (sheet,) = result["files"][0]["sheets"]
    (renamed,) = [f for f in sheet["findings"] if f["kode"] == "kode_nama_berbeda"]
    assert renamed["baris"] == 2 and renamed["jumlah"] == 1
    assert f"kode sub kegiatan {code} tertulis dengan nama berbeda" in renamed["pesan"]
    assert "dijumlahkan di bawah nama 'Pengelolaan pelayanan kesehatan orang dengan HIV (ODHIV)'" in renamed["pesan"]
    assert result["lines"] == 2 and result["total"] == 1_020

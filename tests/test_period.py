"""A review covers one budget period: one year and one stage; --previous holds one earlier year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cell, run, write_xlsx


def _budget(path: Path, *title: str, pagu: int = 1_500_000) -> Path:
    rows: list[list[Cell]] = [[t] for t in title]
    rows += [
        ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"],
        ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", pagu],
        ["1.02.02.2.02.0002", "Penyediaan Obat", 2_500_000],
    ]
    return write_xlsx(path, rows)


def _review(*args: str | Path) -> tuple[int, str]:
    result = run("review", *map(str, args), "--out", "out")
    return result.exit_code, result.output


def test_two_years_in_the_inputs_are_refused(tmp: Path) -> None:
    a = _budget(tmp / "a.xlsx", "TAHUN ANGGARAN 2026")
    b = _budget(tmp / "b.xlsx", "TAHUN ANGGARAN 2025")
    code, output = _review(a, b)
    assert code == 2, output
    assert "Galat: masukan berisi lebih dari satu tahun anggaran (2025, 2026): 2025 di b.xlsx; 2026 di a.xlsx" in output
    assert "Saran: Telaah satu tahun; berikan tahun sebelumnya dengan --previous." in output
    assert not (tmp / "out").exists()


def test_a_line_of_unknown_year_mixes_with_a_known_one(tmp: Path) -> None:
    a = _budget(tmp / "a.xlsx", "TAHUN ANGGARAN 2026")
    b = _budget(tmp / "b.xlsx")
    code, output = _review(a, b)
    assert code == 0, output
    assert output.startswith("Telaah ARG tahun 2026 ")


def test_two_stages_in_the_inputs_are_refused_unless_stage_is_given(tmp: Path) -> None:
    a = _budget(tmp / "a.xlsx", "DPA SKPD", "TAHUN ANGGARAN 2026")
    b = _budget(tmp / "b.xlsx", "DPPA SKPD PERUBAHAN", "TAHUN ANGGARAN 2026")
    code, output = _review(a, b)
    assert code == 2, output
    assert "Galat: masukan berisi lebih dari satu tahap anggaran (murni, perubahan): murni di a.xlsx; " in output
    assert "--stage" in output.split("Saran:")[1]
    code, output = _review(a, b, "--stage", "perubahan")
    assert code == 0, output
    assert output.startswith("Telaah ARG tahun 2026 (tahap perubahan)")


def test_a_previous_path_with_two_years_is_refused(tmp: Path) -> None:
    current = _budget(tmp / "now.xlsx", "TAHUN ANGGARAN 2026")
    (tmp / "old").mkdir()
    _budget(tmp / "old" / "a.xlsx", "TAHUN ANGGARAN 2024")
    _budget(tmp / "old" / "b.xlsx", "TAHUN ANGGARAN 2025")
    code, output = _review(current, "--previous", tmp / "old")
    assert code == 2, output
    assert "Galat: old: --previous berisi lebih dari satu tahun anggaran (2024, 2025)" in output
    assert "ulangi --previous untuk tiap tahun" in output


@pytest.mark.parametrize(("year", "relation"), [(2026, "sama dengan"), (2027, "sesudah")])
def test_a_previous_year_not_before_the_current_one_is_refused(tmp: Path, year: int, relation: str) -> None:
    current = _budget(tmp / "now.xlsx", "TAHUN ANGGARAN 2026")
    old = _budget(tmp / "old.xlsx", f"TAHUN ANGGARAN {year}")
    code, output = _review(current, "--previous", old)
    assert code == 2, output
    assert f"Galat: old.xlsx: --previous berisi tahun {year}, {relation} tahun masukan yang ditelaah (2026)" in output
    assert not (tmp / "out").exists()


def test_two_previous_paths_of_one_year_are_refused(tmp: Path) -> None:
    current = _budget(tmp / "now.xlsx", "TAHUN ANGGARAN 2026")
    first = _budget(tmp / "old.xlsx", "TAHUN ANGGARAN 2025")
    again = _budget(tmp / "old (1).xlsx", "TAHUN ANGGARAN 2025")
    older = _budget(tmp / "older.xlsx", "TAHUN ANGGARAN 2024")
    code, output = _review(current, "--previous", first, "--previous", older, "--previous", again)
    assert code == 2, output
    assert "Galat: old (1).xlsx: --previous old.xlsx dan old (1).xlsx sama-sama berisi tahun 2025" in output
    assert not (tmp / "out").exists()
    code, output = _review(current, "--previous", first, "--previous", older)
    assert code == 0, output


def test_an_earlier_previous_year_is_compared(tmp: Path) -> None:
    current = _budget(tmp / "now.xlsx", "TAHUN ANGGARAN 2026")
    old = _budget(tmp / "old.xlsx", "TAHUN ANGGARAN 2025", pagu=1_000_000)
    code, output = _review(current, "--previous", old)
    assert code == 0, output
    assert "Dibanding 2025:" in output


def test_an_unknown_year_is_said_in_words_and_stays_null_in_the_summary(tmp: Path) -> None:
    pd = "Perangkat Daerah : 1.02.0.00.0.00.01.0000 Dinas Kesehatan"
    current = _budget(tmp / "now.xlsx", pd)
    old = _budget(tmp / "old.xlsx", pd, pagu=1_000_000)
    code, output = _review(current, "--previous", old)
    assert code == 0, output
    assert output.startswith("Telaah ARG tahun tidak diketahui (tahap tidak diketahui)")
    assert "Dibanding tahun sebelumnya (tahun tidak diketahui): " in output
    summary = json.loads((tmp / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["indikator"]["tahun"] is None and summary["tahun_lalu"]["tahun"] is None
    html = (tmp / "out" / "index.html").read_text(encoding="utf-8")
    assert "None" not in html
    assert "<title>Telaah ARG (tahun tidak diketahui)</title>" in html
    assert "(ARG) tahun tidak diketahui</h1>" in html and "ARG tahun tidak diketahui</th>" in html


def test_a_stage_stated_by_only_some_files_is_said_so(tmp: Path) -> None:
    a = _budget(tmp / "a.xlsx", "DPA SKPD", "TAHUN ANGGARAN 2026")
    b = _budget(tmp / "b.xlsx", "TAHUN ANGGARAN 2026")
    code, output = _review(a)
    assert code == 0 and output.startswith("Telaah ARG tahun 2026 (tahap murni)\n"), output
    code, output = _review(a, b)
    assert code == 0, output
    partial = "murni; sebagian berkas tidak menyebut tahap: 2 dari 4 baris"
    assert output.startswith(f"Telaah ARG tahun 2026 (tahap {partial})\n")
    summary = json.loads((tmp / "out" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["indikator"]["tahap"], summary["indikator"]["jumlah_baris_tanpa_tahap"]) == ("murni", 2)
    assert f'<p class="sub">Tahap {partial} &middot;' in (tmp / "out" / "index.html").read_text(encoding="utf-8")

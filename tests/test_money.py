"""Amount cells as Indonesian tables write them, read through the real CLI: whole rupiah with ',-', IDR,
a dash for nihil, absurd amounts refused, and blank amounts on budget lines reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argtag.ingest import read_inputs
from tests.conftest import Cell, inspect_json, write_xlsx

PD = "1.02.0.00.0.00.01.0000"


def _csv(path: Path, amounts: list[str]) -> Path:
    rows = ["kode_skpd;nama_skpd;kode_sub_giat;nama_sub_giat;pagu"]
    rows += [f"{PD};Dinas Kesehatan;1.02.02.2.02.{i:04d};Sub kegiatan {i};{a}" for i, a in enumerate(amounts, 1)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _pagu_by_code(path: Path) -> dict[str, int | None]:
    """Each line's pagu by the last segment of its sub-kegiatan code."""
    lines = read_inputs([path]).lines
    return {code[-4:]: pagu for code, pagu in zip(lines["kode_sub_kegiatan"], lines["pagu"], strict=True)}


def _codes(data: dict[str, Any]) -> list[str]:
    return [f["kode"] for f in data["findings"]]


def test_whole_rupiah_idr_and_nihil_dash(tmp: Path) -> None:
    """'1.234.567,-' and ',--' are whole rupiah, 'IDR' is a prefix like 'Rp', a lone dash is nihil (0)."""
    amounts = ["1.234.567,-", "1.234.567,--", "Rp. 2.500,-", "IDR 5.000.000", "IDR5.000.000", "-", "\u2013", "0"]
    path = _csv(tmp / "rka.csv", amounts)
    data = inspect_json(path)
    assert data["skipped_rows"] == 1  # the header only
    assert not {"nilai_tidak_valid", "nilai_kosong", "nilai_pecahan"} & set(_codes(data))
    assert list(_pagu_by_code(path).values()) == [1_234_567, 1_234_567, 2_500, 5_000_000, 5_000_000, 0, 0, 0]
    assert data["total"] == 2 * 1_234_567 + 2_500 + 2 * 5_000_000


def test_amount_above_a_thousand_trillion_is_invalid(tmp: Path) -> None:
    """Int64's largest value would make the total wrap negative: more than 10^15 rupiah is refused like text."""
    amounts = ["1.000", "9.223.372.036.854.775.807", "1.000.000.000.000.001", "1000000000000000"]
    data = inspect_json(_csv(tmp / "rka.csv", amounts))
    assert data["total"] == 1_000 + 10**15 and data["lines"] == 2
    (invalid,) = [f for f in data["findings"] if f["kode"] == "nilai_tidak_valid"]
    assert (invalid["baris"], invalid["jumlah"]) == (3, 2)
    assert "melebihi Rp 1.000.000.000.000.000; baris dilewati" in invalid["pesan"]
    assert data["files"][0]["sheets"][0]["skipped_by_reason"] == {"header": 1, "nilai_tidak_valid": 2}


def test_blank_amount_on_a_flat_line_is_reported(tmp: Path) -> None:
    rows: list[list[Cell]] = [
        ["Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"],
        [PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1_000],
        [PD, "Dinkes", "1.02.02.2.02.0002", "Pelayanan Ibu Hamil", None],
        [PD, "Dinkes", "1.02.02.2.02.0003", "Pelayanan Lansia", None],
    ]
    data = inspect_json(write_xlsx(tmp / "rka.xlsx", rows))
    assert (data["lines"], data["total"]) == (3, 1_000)
    (blank,) = [f for f in data["findings"] if f["kode"] == "nilai_kosong"]
    assert (blank["baris"], blank["jumlah"]) == (3, 2)
    assert blank["pesan"].startswith("nilai anggaran kosong; dihitung Rp 0 (contoh: ")


def test_blank_amount_on_a_recap_sub_kegiatan_is_reported(tmp: Path) -> None:
    rows: list[list[Cell]] = [
        ["REKAPITULASI RKA BELANJA SKPD"],
        ["Perangkat Daerah : 2.08.2.14.0.00.01.0000 Dinas Pemberdayaan Perempuan"],
        ["Kode", "Uraian", "Jumlah"],
        ["2.08.02.2.01", "Pelembagaan PUG", 3_000_000],
        ["2.08.02.2.01.0003", "Advokasi Kebijakan PUG termasuk PPRG", 3_000_000],
        ["2.08.02.2.01.0004", "Koordinasi Penyusunan Data Gender", None],
    ]
    data = inspect_json(write_xlsx(tmp / "rekap.xlsx", rows))
    assert data["files"][0]["layout"] == "recap"
    assert (data["lines"], data["total"], data["reconciled"]) == (2, 3_000_000, True)
    (blank,) = [f for f in data["findings"] if f["kode"] == "nilai_kosong"]
    assert (blank["baris"], blank["jumlah"]) == (6, 1)

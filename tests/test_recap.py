"""Hierarchical recaps: merged multi-row headers, numbering row, subtotal rows, five-column codes."""

from __future__ import annotations

from pathlib import Path

from argtag.ingest import read_inputs
from tests.conftest import Cell, write_xlsx

TITLE: list[list[Cell]] = [
    ["REKAPITULASI RKA BELANJA SKPD"],
    ["TAHUN ANGGARAN 2026"],
    ["Perangkat Daerah : 2.08.2.14.0.00.01.0000 Dinas Pemberdayaan Perempuan"],
    [],
]


def _dotted(path: Path, kegiatan_subtotal: int) -> Path:
    rows: list[list[Cell]] = [
        *TITLE,
        ["Kode", "Uraian", "Sumber Dana", "Jumlah Anggaran", None, None, "Tahun 2027"],
        [None, None, None, "Belanja Operasi", "Belanja Modal", "Jumlah", None],
        [1, 2, 3, 4, 5, 6, 7],
        ["2", "URUSAN WAJIB NON PELAYANAN DASAR", None, 3_500_000, 1_000_000, 4_500_000, 0],
        ["2.08", "PEMBERDAYAAN PEREMPUAN", None, 3_500_000, 1_000_000, 4_500_000, 0],
        ["2.08.02", "PROGRAM PENGARUSUTAMAAN GENDER", None, 3_500_000, 1_000_000, 4_500_000, 0],
        ["2.08.02.2.01", "Pelembagaan PUG", None, 3_500_000, 1_000_000, kegiatan_subtotal, 0],
        [
            "2.08.02.2.01.0003",
            "Advokasi Kebijakan dan Pendampingan Pelaksanaan PUG termasuk PPRG",
            "DAU",
            2_000_000,
            1_000_000,
            3_000_000,
            0,
        ],
        ["2.08.02.2.01.0004", "Koordinasi Penyusunan Data Gender", "PAD", 1_500_000, 0, 1_500_000, 0],
        [None, "JUMLAH", None, 3_500_000, 1_000_000, 4_500_000, 0],
    ]
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:F5", "G5:G6"]
    return write_xlsx(path, rows, merges, title="Rekap")


def test_merged_header_numbering_and_subtotals(tmp: Path) -> None:
    result = read_inputs([_dotted(tmp / "rekap.xlsx", 4_500_000)])
    sheet = result.files[0].sheets[0]
    assert sheet.layout == "recap"
    assert sheet.header is not None
    assert [r + 1 for r in sheet.header.rows] == [5, 6]
    assert sheet.header.numbering_row == 6
    fields = {c.title: c.field for c in sheet.header.columns}
    assert fields["Jumlah Anggaran / Belanja Operasi"] == "belanja_operasi"
    assert fields["Jumlah Anggaran / Jumlah"] == "pagu"
    assert fields["Tahun 2027"] == "_abaikan"
    assert result.lines["kode_sub_kegiatan"].to_list() == ["2.08.02.2.01.0003", "2.08.02.2.01.0004"]
    assert result.lines["pagu"].to_list() == [3_000_000, 1_500_000]
    assert result.lines["belanja_modal"].to_list() == [1_000_000, 0]
    line = result.lines.row(0, named=True)
    assert (line["kode_skpd"], line["nama_skpd"], line["tahun"]) == (
        "2.08.2.14.0.00.01.0000",
        "Dinas Pemberdayaan Perempuan",
        2026,
    )
    assert (line["nama_program"], line["nama_kegiatan"], line["sumber_dana"]) == (
        "PROGRAM PENGARUSUTAMAAN GENDER",
        "Pelembagaan PUG",
        "DAU",
    )
    assert sheet.skipped_by_reason() == {
        "header": 2,
        "judul": 3,
        "kosong": 1,
        "nomor_kolom": 1,
        "subtotal": 4,
        "total": 1,
    }
    assert len(sheet.checks) == 5 and sheet.reconciled


def test_subtotal_mismatch_names_the_parent_row(tmp: Path) -> None:
    result = read_inputs([_dotted(tmp / "rekap.xlsx", 4_400_000)])
    sheet = result.files[0].sheets[0]
    bad = [c for c in sheet.checks if not c.ok]
    assert [(c.row, c.label, c.stated, c.computed) for c in bad] == [
        (11, "kegiatan 2.08.02.2.01", 4_400_000, 4_500_000)
    ]
    assert not sheet.reconciled


def test_five_column_codes_with_program_penunjang_and_sub_units(tmp: Path) -> None:
    pd, unit = "1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0001"
    rows: list[list[Cell]] = [
        ["REKAPITULASI RKA"],
        ["TAHUN ANGGARAN 2025"],
        [],
        ["Kode", None, None, None, None, "Uraian", "Jumlah"],
        ["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan", None, None],
        [pd, None, None, None, None, "Dinas Kesehatan", 300],
        ["1", "02", "02", "2.02", None, "Upaya Kesehatan", 100],
        ["1", "02", "02", "2.02", "0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 100],
        ["X", "XX", "01", "2.06", None, "Administrasi Umum", 200],
        ["X", "XX", "01", "2.06", "0003", "Penyediaan Peralatan Rumah Tangga", 200],
        [unit, None, None, None, None, "Puskesmas Cibiru", 50],
        ["1", "02", "02", "2.02", "0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 50],
        [None, "JUMLAH", None, None, None, None, 350],
    ]
    merges = ["A4:E4", "F4:F5", "G4:G5"]
    result = read_inputs([write_xlsx(tmp / "rekap5.xlsx", rows, merges)])
    sheet = result.files[0].sheets[0]
    got = [(r["kode_sub_unit"], r["kode_sub_kegiatan"], r["pagu"]) for r in result.lines.iter_rows(named=True)]
    assert got == [
        (pd, "1.02.02.2.02.0001", 100),
        (pd, "1.02.01.2.06.0003", 200),
        (unit, "1.02.02.2.02.0001", 50),
    ]
    assert result.lines["kode_skpd"].unique().to_list() == [pd]
    assert result.lines["nama_sub_unit"].to_list() == ["Dinas Kesehatan", "Dinas Kesehatan", "Puskesmas Cibiru"]
    # the PD row states the PD's own block (300), the grand total covers both blocks (350)
    assert sheet.reconciled, [c for c in sheet.checks if not c.ok]

"""Flat tables: account lines summed to sub-kegiatan, text amounts, code variants, total rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from argtag.errors import column_letter
from argtag.ingest import read_inputs
from tests.conftest import Cell, write_xlsx

HEADER: list[Cell] = [
    "Kode SKPD",
    "Nama SKPD",
    "Kode Sub SKPD",
    "Nama Sub SKPD",
    "Kode Sub Kegiatan",
    "Nama Sub Kegiatan",
    "Kode Akun",
    "Nama Akun",
    "Nilai Rincian",
]
PD = "1.02.0.00.0.00.01.0000"
PKM = "1.02.0.00.0.00.01.0001"


def _rak(path: Path, lines: list[list[Cell]], total: Cell) -> Path:
    rows: list[list[Cell]] = [["RENCANA ANGGARAN KAS BELANJA"], ["TAHUN ANGGARAN 2025"], [], HEADER]
    rows += lines
    rows.append(["JUMLAH", None, None, None, None, None, None, None, total])
    return write_xlsx(path, rows)


def test_account_lines_are_summed_to_their_sub_kegiatan(tmp: Path) -> None:
    lines: list[list[Cell]] = [
        [
            PD,
            "Dinas Kesehatan",
            PD,
            "Dinas Kesehatan",
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "5.1.02.01.01.0024",
            "ATK",
            1_000_000,
        ],
        [
            PD,
            "Dinas Kesehatan",
            PD,
            "Dinas Kesehatan",
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "5.1.02.01.01.0052",
            "Makan Minum",
            "2.500.000",
        ],
        [
            PD,
            "Dinas Kesehatan",
            PKM,
            "Puskesmas Cibiru",
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "5.1.02.01.01.0024",
            "ATK",
            "Rp. 300.000,00",
        ],
        [
            PD,
            "Dinas Kesehatan",
            PD,
            "Dinas Kesehatan",
            "X.XX.01.2.06.0003",
            "Penyediaan Peralatan Rumah Tangga",
            "5.1.02.01.01.0024",
            "ATK",
            700_000,
        ],
    ]
    result = read_inputs([_rak(tmp / "rak.xlsx", lines, 4_500_000)])
    sheet = result.files[0].sheets[0]
    assert sheet.layout == "flat_account"
    assert sheet.reconciled
    got = {
        (r["kode_sub_unit"], r["kode_sub_kegiatan"]): (r["pagu"], r["jumlah_baris"], r["baris_awal"], r["baris_akhir"])
        for r in result.lines.iter_rows(named=True)
    }
    assert got == {
        (PD, "1.02.02.2.02.0001"): (3_500_000, 2, 5, 6),
        (PKM, "1.02.02.2.02.0001"): (300_000, 1, 7, 7),
        (PD, "1.02.01.2.06.0003"): (700_000, 1, 8, 8),  # X.XX resolved to the PD's bidang 1.02
    }
    line = result.lines.row(0, named=True)
    assert (line["tahun"], line["kode_program"], line["kode_kegiatan"]) == (2025, "1.02.02", "1.02.02.2.02")
    assert (line["file"], line["sheet"]) == ("rak.xlsx", "Sheet1")
    assert sheet.skipped_by_reason() == {"header": 1, "judul": 2, "kosong": 1, "total": 1}
    assert result.total == 4_500_000


def test_total_row_mismatch_is_reported_with_its_row(tmp: Path) -> None:
    lines: list[list[Cell]] = [
        [
            PD,
            "Dinas Kesehatan",
            PD,
            "Dinas Kesehatan",
            "1.02.02.2.02.01",
            "Pelayanan KB",
            "5.1.02.01.01.0024",
            "ATK",
            1_000_000,
        ]
    ]
    result = read_inputs([_rak(tmp / "rak.xlsx", lines, 1_000_001)])
    sheet = result.files[0].sheets[0]
    assert not sheet.reconciled
    (check,) = sheet.checks
    assert (check.row, check.stated, check.computed) == (6, 1_000_001, 1_000_000)
    # the old two-digit last segment is padded to four digits
    assert result.lines["kode_sub_kegiatan"].to_list() == ["1.02.02.2.02.0001"]
    assert result.lines["kode_sub_kegiatan_asli"].to_list() == ["1.02.02.2.02.01"]


def test_text_in_amount_column_skips_the_row_and_says_where(tmp: Path) -> None:
    lines: list[list[Cell]] = [
        [PD, "Dinas Kesehatan", PD, "Dinas Kesehatan", "1.02.02.2.02.0001", "A", "5.1", "ATK", "seribu"],
        [PD, "Dinas Kesehatan", PD, "Dinas Kesehatan", "1.02.02.2.02.0002", "B", "5.1", "ATK", 5],
    ]
    result = read_inputs([_rak(tmp / "rak.xlsx", lines, 5)])
    sheet = result.files[0].sheets[0]
    assert sheet.skipped.filter(sheet.skipped["alasan"] == "nilai_tidak_valid")["baris"].to_list() == [5]
    (finding,) = sheet.findings
    assert finding.code == "nilai_tidak_valid" and finding.location.row == 5
    # the message quotes the row by its first cells and its name, cut at 60 characters
    assert f"(contoh: '{f'{PD} | Dinas Kesehatan | {PD} | A'[:60]}')" in finding.message
    assert sheet.reconciled  # the stated total does not include the unreadable row either


def test_names_carrying_their_code_and_stray_spaces(tmp: Path) -> None:
    rows = [
        ["kode_skpd", "nama_skpd", "nama_sub_giat", "pagu"],
        [PD, "Dinas Kesehatan", "1.02.02.02.02.0001\u00a0 Pengelolaan Pelayanan Kesehatan Ibu Hamil ", "1.234.567"],
    ]
    result = read_inputs([write_xlsx(tmp / "data.xlsx", rows)])
    line = result.lines.row(0, named=True)
    assert line["kode_sub_kegiatan"] == "1.02.02.2.02.0001"
    assert line["nama_sub_kegiatan"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert line["pagu"] == 1_234_567
    assert line["kode_sub_unit"] == PD  # no sub-unit column: the PD is its own sub-unit


GROUPS = ["Perangkat Daerah", "Sub Unit", "Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan", "Akun"]
GROUPS_OTHER_WORDS = ["SKPD", "Sub SKPD", "Urusan", "Program", "Kegiatan", "Sub Kegiatan", "Akun"]
LEVEL_FIELDS = ["skpd", "sub_unit", "bidang_urusan", "program", "kegiatan", "sub_kegiatan", "akun"]


@pytest.mark.parametrize("groups", [GROUPS, GROUPS_OTHER_WORDS, ["OPD", "Sub OPD"]], ids=["pd", "skpd", "opd"])
@pytest.mark.parametrize("group_on_top", [True, False], ids=["grup-di-atas", "grup-di-bawah"])
def test_group_labels_over_code_and_name_in_either_order(tmp: Path, groups: list[str], group_on_top: bool) -> None:
    """A two-row header, 'Sub Kegiatan' merged over 'Kode | Nama' (or 'Kode' merged over the level names)."""
    width = 2 * len(groups)
    kinds = ["Kode"] * len(groups) + ["Nama"] * len(groups)
    levels = groups * 2
    if group_on_top:  # Perangkat Daerah (A1:B1) over Kode | Nama, ...
        kinds = [k for _ in groups for k in ("Kode", "Nama")]
        levels = [g for g in groups for _ in (0, 1)]
        top: list[Cell] = [g if i % 2 == 0 else None for i, g in enumerate(levels)]
        sub: list[Cell] = list(kinds)
        merges = [f"{column_letter(i)}1:{column_letter(i + 1)}1" for i in range(0, width, 2)]
    else:  # Kode (A1:..1) over the level names, then Nama over them again
        n = len(groups)
        top = [k if i % n == 0 else None for i, k in enumerate(kinds)]
        sub = list(levels)
        merges = [f"A1:{column_letter(n - 1)}1", f"{column_letter(n)}1:{column_letter(width - 1)}1"]
    merges.append(f"{column_letter(width)}1:{column_letter(width)}2")
    values = {
        "Perangkat Daerah": (PD, "Dinas Kesehatan"),
        "SKPD": (PD, "Dinas Kesehatan"),
        "OPD": (PD, "Dinas Kesehatan"),
        "Sub Unit": (PKM, "Puskesmas Dagangan"),
        "Sub SKPD": (PKM, "Puskesmas Dagangan"),
        "Sub OPD": (PKM, "Puskesmas Dagangan"),
        "Urusan": ("1", "Urusan Wajib Pelayanan Dasar"),
        "Bidang Urusan": ("1.02", "Kesehatan"),
        "Program": ("1.02.02", "Program Pemenuhan Upaya Kesehatan"),
        "Kegiatan": ("1.02.02.2.02", "Penyediaan Layanan Kesehatan"),
        "Sub Kegiatan": ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
        "Akun": ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor"),
    }
    extra = [] if "Sub Kegiatan" in groups else [("Kode Sub Kegiatan", "1.02.02.2.02.0001")]
    line: list[Cell] = [values[g][0 if k == "Kode" else 1] for k, g in zip(kinds, levels, strict=True)]
    rows: list[list[Cell]] = [
        [*top, "Pagu", *(title for title, _ in extra)],
        [*sub, None],
        [*line, 1_234_567, *(value for _, value in extra)],
        [*line, 1_000, *(value for _, value in extra)],
    ]
    sheet = read_inputs([write_xlsx(tmp / "rka.xlsx", rows, merges)]).files[0].sheets[0]
    assert sheet.header is not None
    mapped = [c.field for c in sheet.header.columns[:width]]
    prefix = {"Perangkat Daerah": "skpd", "SKPD": "skpd", "OPD": "skpd", "Sub SKPD": "sub_unit", "Sub OPD": "sub_unit"}
    expected = [
        f"{'kode' if k == 'Kode' else 'nama'}_{prefix.get(g, g.lower().replace(' ', '_'))}"
        for k, g in zip(kinds, levels, strict=True)
    ]
    assert mapped == expected
    assert sheet.lines.height == 1 and sheet.total == 1_235_567
    line_out = sheet.lines.row(0, named=True)
    assert line_out["kode_sub_kegiatan"] == "1.02.02.2.02.0001" and line_out["kode_skpd"] == PD

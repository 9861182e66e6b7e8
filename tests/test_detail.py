"""Detail forms (Rincian Belanja): one line per block, checked against accounts and the Alokasi label."""

from __future__ import annotations

from pathlib import Path

from argtag.ingest import read_inputs
from tests.conftest import Cell, write_xlsx


def _block(sub: str, name: str, accounts: list[int], total: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        ["RENCANA KERJA DAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH"],
        ["RINCIAN BELANJA"],
        ["TAHUN ANGGARAN 2025"],
        ["Program", ":", "8.01.02 - PROGRAM PENGUATAN IDEOLOGI PANCASILA"],
        ["Sub Kegiatan", ":", f"{sub} - {name}"],
        ["Organisasi", ":", "8.01.0.00.0.00.01.0000 Badan Kesatuan Bangsa dan Politik"],
        ["Sumber Pendanaan", ":", "DAU"],
        ["Lokasi", ":", "Kabupaten Sukamaju"],
        ["Alokasi Tahun 2025", ":", f"Rp {total:,}".replace(",", ".") + ",00"],
        [],
        ["Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"],
        ["5", "BELANJA DAERAH", None, None, None, None, sum(accounts)],
    ]
    for i, value in enumerate(accounts):
        rows.append([f"5.1.02.01.01.00{24 + i}", "Belanja Alat Tulis Kantor", None, None, None, None, value])
        rows.append([None, "[#] Kebutuhan rapat", None, None, None, None, value])
        rows.append([None, "Kertas HVS", "10 Rim", "Rim", value // 10, 0, value])
    rows.append([None, "Jumlah Anggaran Sub Kegiatan :", None, None, None, None, total])
    rows += [[], []]
    return rows


def test_one_line_per_block_with_checks(tmp: Path) -> None:
    rows = _block("8.01.02.2.01.0001", "Peningkatan Pendidikan Politik bagi Perempuan", [100_000, 250_000], 350_000)
    rows += _block("8.01.02.2.01.0002", "Fasilitasi Organisasi Kemasyarakatan", [40_000], 40_000)
    result = read_inputs([write_xlsx(tmp / "rincian.xlsx", rows, title="Rincian Belanja")])
    sheet = result.files[0].sheets[0]
    assert sheet.layout == "detail"
    got = [
        (r["kode_sub_kegiatan"], r["nama_sub_kegiatan"], r["pagu"], r["sumber_dana"], r["kode_skpd"], r["tahun"])
        for r in result.lines.iter_rows(named=True)
    ]
    assert got == [
        (
            "8.01.02.2.01.0001",
            "Peningkatan Pendidikan Politik bagi Perempuan",
            350_000,
            "DAU",
            "8.01.0.00.0.00.01.0000",
            2025,
        ),
        ("8.01.02.2.01.0002", "Fasilitasi Organisasi Kemasyarakatan", 40_000, "DAU", "8.01.0.00.0.00.01.0000", 2025),
    ]
    assert len(sheet.checks) == 4 and sheet.reconciled
    assert sheet.rows_in_lines + sheet.skipped.height == sheet.rows_total


def test_block_total_that_does_not_add_up(tmp: Path) -> None:
    rows = _block("8.01.02.2.01.0001", "Fasilitasi", [100_000, 250_000], 360_000)
    result = read_inputs([write_xlsx(tmp / "rincian.xlsx", rows)])
    bad = [c for c in result.files[0].sheets[0].checks if not c.ok]
    assert [(c.label, c.stated, c.computed) for c in bad] == [
        ("sub kegiatan 8.01.02.2.01.0001: rekening", 360_000, 350_000)
    ]

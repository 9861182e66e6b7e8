"""CSV exports: separators, encodings, Indonesian number text, a TOTAL line."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from argtag.ingest import read_inputs
from tests.conftest import ROOT, run

HEADER = "kode_skpd;nama_skpd;kode_sub_skpd;nama_sub_skpd;kode_sub_giat;nama_sub_giat;lokasi;pagu"
ROWS = [
    "7.01.0.00.0.00.05.0000;Kecamatan Sukamaju;7.01.0.00.0.00.05.0000;Kecamatan Sukamaju;7.01.02.02.01.0001;"
    "7.01.02.2.01.0001 Koordinasi Penyelenggaraan Kegiatan Pemerintahan;Sukamaju – Desa Mekarjaya;1.234.567",
    "7.01.0.00.0.00.05.0000;Kecamatan Sukamaju;7.01.0.00.0.00.05.0000;Kecamatan Sukamaju;7.01.02.02.01.0002;"
    "7.01.02.2.01.0002 Fasilitasi Kegiatan PKK;Lahan 120 m²;Rp. 2.000.000,00",
    ";;;;;TOTAL;;3.234.567",
]


@pytest.mark.parametrize(
    ("encoding", "separator", "bom"),
    [("cp1252", ";", b""), ("utf-8", ";", b""), ("utf-8", ",", b"\xef\xbb\xbf"), ("utf-8", "\t", b"")],
)
def test_csv_encodings_and_separators(tmp: Path, encoding: str, separator: str, bom: bytes) -> None:
    text = "\r\n".join([HEADER, *ROWS]).replace(";", separator) + "\r\n"
    if separator == ",":  # a comma-separated export quotes fields that hold commas
        text = text.replace("Rp. 2.000.000,00", '"Rp. 2.000.000,00"')
    path = tmp / "sub_kegiatan.csv"
    path.write_bytes(bom + text.encode(encoding))
    result = read_inputs([path])
    sheet = result.files[0].sheets[0]
    assert sheet.layout == "flat" and sheet.reconciled
    assert result.lines["pagu"].to_list() == [1_234_567, 2_000_000]
    assert result.lines["kode_sub_kegiatan"].to_list() == ["7.01.02.2.01.0001", "7.01.02.2.01.0002"]
    assert result.lines["nama_sub_kegiatan"].to_list()[1] == "Fasilitasi Kegiatan PKK"
    assert result.lines["lokasi"].to_list() == ["Sukamaju – Desa Mekarjaya", "Lahan 120 m²"]
    assert sheet.skipped_by_reason() == {"header": 1, "total": 1}
    assert result.lines["baris_awal"].to_list() == [2, 3]


def test_negative_amount_in_parentheses(tmp: Path) -> None:
    path = tmp / "koreksi.csv"
    path.write_text("kode_sub_giat;nama_sub_giat;pagu\n1.02.02.2.02.0001;Pelayanan KB;(1.500.000)\n", encoding="utf-8")
    result = read_inputs([path])
    assert result.lines["pagu"].to_list() == [-1_500_000]


def _review_csv(tmp: Path, path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``argtag review`` of one csv: its tagged lines and skipped rows as the report folder holds them."""
    result = run("review", path.name, "--rules", str(ROOT / "rules"), "--out", "laporan")
    assert result.exit_code == 0, result.output
    tagged = pl.read_csv(tmp / "laporan" / "tagged.csv", infer_schema=False)
    skipped = pl.read_csv(tmp / "laporan" / "skipped_rows.csv", infer_schema=False)
    return tagged, skipped


def test_title_lines_with_fewer_separators_than_the_table(tmp: Path) -> None:
    """SIPD and local exports put title lines of one field above a header of eight: the short lines are padded
    with empty cells and every line stays the row of its number."""
    titles = ["PEMERINTAH KABUPATEN CONTOH", "RKA SUB KEGIATAN TAHUN ANGGARAN 2026", ""]
    path = tmp / "sub_kegiatan.csv"
    path.write_text("\r\n".join([*titles, HEADER, *ROWS]) + "\r\n", encoding="utf-8")
    tagged, skipped = _review_csv(tmp, path)
    assert tagged["baris_awal"].to_list() == ["5", "6"]
    assert tagged["pagu"].to_list() == ["1234567", "2000000"]
    assert tagged["tahun"].to_list() == ["2026", "2026"]
    assert dict(zip(skipped["baris"].to_list(), skipped["alasan"].to_list(), strict=True)) == {
        "1": "judul",
        "2": "judul",
        "3": "kosong",
        "4": "header",
        "7": "total",
    }


def test_a_row_wider_than_the_first_lines_widens_the_grid(tmp: Path) -> None:
    """The width is guessed from the first 200 lines; a later, wider row keeps all its cells (a note in the
    ninth and tenth columns, beyond the header of eight), and the rows after it keep their numbers."""
    body = [ROWS[i % 2] for i in range(250)]
    note = ";" * 8 + "Dicetak oleh SIPD;halaman 1"
    path = tmp / "sub_kegiatan.csv"
    path.write_text("\n".join([HEADER, *body, note, ROWS[0]]) + "\n", encoding="utf-8")
    tagged, skipped = _review_csv(tmp, path)
    assert tagged.height == 2 and tagged["baris_akhir"].max() == "253"  # lines summed per sub-kegiatan
    row = skipped.filter(pl.col("baris") == "252")
    assert row["isi"].to_list() == ["Dicetak oleh SIPD | halaman 1"], skipped


def test_a_row_wider_than_a_spreadsheet_is_named_by_its_line(tmp: Path) -> None:
    path = tmp / "rusak.csv"
    path.write_text("\n".join([HEADER, *ROWS[:2] * 150, ";" * 20_000 + "x"]) + "\n", encoding="utf-8")
    result = run("inspect", path.name)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Galat: rusak.csv, baris 302: baris ini berisi 20.001 kolom, lebih dari 16.384 kolom yang dapat dimuat"
    ), result.stderr


def test_an_unclosed_quote_is_said_in_indonesian(tmp: Path) -> None:
    path = tmp / "kutip.csv"
    path.write_text('Judul\nkode_sub_giat;nama_sub_giat;pagu\n1.02.02.2.02.0001;"Pelayanan KB;1000\n', encoding="utf-8")
    result = run("inspect", path.name)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Galat: kutip.csv: CSV tidak dapat dibaca dengan pemisah ';': tanda kutip tidak berpasangan, di sekitar teks "
        "'\"Pelayanan KB;1000'\nSaran: Pastikan tanda kutip berpasangan"
    ), result.stderr

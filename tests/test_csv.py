"""CSV exports: separators, encodings, Indonesian number text, a TOTAL line."""

from __future__ import annotations

from pathlib import Path

import pytest

from argtag.ingest import read_inputs

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

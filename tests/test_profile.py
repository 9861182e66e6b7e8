"""Mapping profiles: an unusual export mapped once in TOML; profile mistakes get a precise message."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run, write_xlsx

ROWS = [
    ["LAPORAN SISTEM KEUANGAN LOKAL"],
    ["TA 2026"],
    ["Kd", "Kegiatan Rinci", "Nilai Pagu Final"],
    ["1.02.02.2.02.0001", "Pelayanan Kesehatan Ibu Hamil", "1.000.000"],
]


def test_profile_maps_unusual_columns(tmp: Path) -> None:
    path = write_xlsx(tmp / "lokal.xlsx", ROWS)
    assert run("inspect", str(path)).exit_code == 2  # not understood without the profile
    profile = tmp / "lokal.toml"
    profile.write_text(
        'header_row = 3\n[columns]\n"Kd" = "kode_sub_kegiatan"\n"Kegiatan Rinci" = "nama_sub_kegiatan"\n'
        '"Nilai Pagu Final" = "pagu"\n',
        encoding="utf-8",
    )
    result = run("inspect", "--json", "--profile", str(profile), str(path))
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert parsed["lines"] == 1 and parsed["total"] == 1_000_000
    sheet = parsed["files"][0]["sheets"][0]
    assert [c["via"] for c in sheet["columns"]] == ["profil", "profil", "profil"]
    assert sheet["tahun"] == [2026]


def test_profile_with_unknown_key_names_the_nearest(tmp: Path) -> None:
    path = write_xlsx(tmp / "lokal.xlsx", ROWS)
    profile = tmp / "p.toml"
    profile.write_text("header_rwo = 3\n", encoding="utf-8")
    result = run("inspect", "--profile", str(profile), str(path))
    assert result.exit_code == 2
    assert "kunci 'header_rwo' tidak dikenal di profil. Mungkin maksud Anda 'header_row'?" in result.stderr


def test_profile_with_unknown_field(tmp: Path) -> None:
    path = write_xlsx(tmp / "lokal.xlsx", ROWS)
    profile = tmp / "p.toml"
    profile.write_text('[columns]\n"Kd" = "kode_subkegiatan"\n', encoding="utf-8")
    result = run("inspect", "--profile", str(profile), str(path))
    assert result.exit_code == 2
    assert "Mungkin maksud Anda 'kode_sub_kegiatan'?" in result.stderr


def test_profile_toml_syntax_error_names_the_line(tmp: Path) -> None:
    path = write_xlsx(tmp / "lokal.xlsx", ROWS)
    profile = tmp / "p.toml"
    profile.write_text('[columns]\n"Kd" = kode\n', encoding="utf-8")
    result = run("inspect", "--profile", str(profile), str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Galat: p.toml, baris 2, kolom 8: sintaks TOML tidak sah: nilai tidak sah")

"""The TOML files users edit besides the rules (argtag.toml, keputusan.toml, a --profile) are read as the rules
are: UTF-8 with Notepad's BOM dropped, other encodings and syntax errors said in Indonesian with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

CSV = str(SAMPLES / "2026" / "sub_kegiatan_2026.csv")
BOM = b"\xef\xbb\xbf"


def _commands(tmp: Path, name: str) -> list[str]:
    """A command reading ``tmp/name`` as its kind of TOML file."""
    out = ["--out", str(tmp / "laporan")]
    return {
        "argtag.toml": ["review", CSV, "--config", str(tmp / name), *out],
        "keputusan.toml": ["review", CSV, "--overrides", str(tmp / name), *out],
        "profil.toml": ["inspect", "--profile", str(tmp / name), CSV],
    }[name]


VALID = {
    "argtag.toml": b"[indicators]\ntarget_arg_percent = 6\n",
    "keputusan.toml": b'[[override]]\ncode = "9.99.99.2.01.0001"\ndecision = "bukan_arg"\nreason = "contoh"\n',
    "profil.toml": b'[columns]\n"nama_sub_giat" = "nama_sub_kegiatan"\n',
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_a_bom_is_accepted(tmp: Path, name: str) -> None:
    (tmp / name).write_bytes(BOM + VALID[name])
    result = run(*_commands(tmp, name))
    assert result.exit_code in (0, 1), result.stderr  # 1: a stated total of the sample may differ; never 2


@pytest.mark.parametrize("name", sorted(VALID))
def test_another_encoding_is_named_with_its_line(tmp: Path, name: str) -> None:
    (tmp / name).write_bytes(VALID[name] + "# catatan: dinas pemberdayaan perempuan é\n".encode("latin-1"))
    result = run(*_commands(tmp, name))
    assert result.exit_code == 2
    lines = VALID[name].count(b"\n") + 1
    assert result.stderr.startswith(f"Galat: {name}, baris {lines}: berkas bukan UTF-8 (byte 0xE9"), result.stderr
    assert "Saran: Simpan berkas sebagai UTF-8" in result.stderr


def test_a_key_written_twice_names_its_first_line(tmp: Path) -> None:
    (tmp / "argtag.toml").write_bytes(VALID["argtag.toml"] + b"target_arg_percent = 7\n")
    result = run(*_commands(tmp, "argtag.toml"))
    assert result.exit_code == 2
    assert "argtag.toml, baris 3, kolom 23: kunci 'target_arg_percent' ditulis dua kali (pertama di baris 2)" in (
        result.stderr
    )

"""argtag.toml: the indicator knobs from a file, flags over the file, and precise errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argtag.money import format_rupiah
from tests.conftest import ROOT, SAMPLES, run

RULES = str(ROOT / "rules")
INPUT = str(SAMPLES / "2026" / "rincian")


def test_settings_file_then_flags(tmp: Path) -> None:
    (tmp / "argtag.toml").write_text(
        '[indicators]\ndenominator = "apbd"\napbd_total = 500000000000\ntarget_arg_percent = 4.5\n'
        'exclude_pd = ["7.01"]\n',
        encoding="utf-8",
    )
    assert run("review", INPUT, "--rules", RULES, "--out", "a").exit_code == 0
    summary = json.loads((tmp / "a" / "summary.json").read_text(encoding="utf-8"))
    ind, knobs = summary["indikator"], summary["parameter"]
    assert (ind["denominator"], ind["nilai_denominator"], ind["target_persen_arg"]) == ("apbd", 500_000_000_000, 4.5)
    assert ind["persen_arg_apbd"] == round(100 * ind["total_arg"] / 500_000_000_000, 4)
    assert (knobs["pd_dikecualikan"], knobs["sumber_pengaturan"]) == (["7.01"], "argtag.toml")
    assert run("review", INPUT, "--rules", RULES, "--out", "b", "--denominator", "total").exit_code == 0
    summary = json.loads((tmp / "b" / "summary.json").read_text(encoding="utf-8"))
    assert summary["indikator"]["nilai_denominator"] == summary["indikator"]["total_belanja"]
    assert summary["parameter"]["sumber_pengaturan"] == "argtag.toml + opsi baris perintah"


def test_unknown_key_and_missing_apbd_total(tmp: Path) -> None:
    (tmp / "argtag.toml").write_text('[indicators]\ndenominater = "total"\n', encoding="utf-8")
    result = run("review", INPUT, "--rules", RULES, "--out", "a")
    assert result.exit_code == 2
    assert "kunci 'denominater' tidak dikenal di [indicators]" in result.stderr
    assert "Mungkin maksud Anda 'denominator'" in result.stderr
    (tmp / "argtag.toml").unlink()
    result = run("review", INPUT, "--rules", RULES, "--denominator", "apbd")
    assert result.exit_code == 2 and "--apbd-total" in result.stderr


@pytest.mark.parametrize("given", ["500000000000", "500.000.000.000", "Rp 500.000.000.000", "Rp. 500.000.000.000,00"])
def test_apbd_total_as_an_indonesian_user_writes_it(tmp: Path, given: str) -> None:
    result = run("review", INPUT, "--rules", RULES, "--out", "a", "--denominator", "apbd", "--apbd-total", given)
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp / "a" / "summary.json").read_text(encoding="utf-8"))
    assert summary["indikator"]["nilai_denominator"] == 500_000_000_000
    assert summary["peringatan"] == [] and "Peringatan" not in result.stdout


@pytest.mark.parametrize(
    ("flag", "given", "expected"),
    [
        ("--apbd-total", "0", "nilai --apbd-total tidak sah: '0'; total harus lebih dari 0"),
        ("--apbd-total", "-5", "nilai --apbd-total tidak sah: '-5'; total harus lebih dari 0"),
        ("--apbd-total", "1,5 juta", "Tulis rupiah penuh, mis. 1234567000, 1.234.567.000 atau Rp 1.234.567.000"),
        ("--target-arg", "150", "nilai --target-arg tidak sah: '150'. Target adalah persen lebih dari 0"),
        ("--target-pd", "-3", "nilai --target-pd tidak sah: '-3'. Target adalah persen lebih dari 0"),
        ("--target-pd", "0", "nilai --target-pd tidak sah: '0'."),
        ("--target-arg", "lima", "nilai --target-arg tidak sah: 'lima'."),
    ],
)
def test_bad_totals_and_targets_are_usage_errors(tmp: Path, flag: str, given: str, expected: str) -> None:
    result = run("review", INPUT, "--rules", RULES, "--out", "a", flag, given)
    assert result.exit_code == 2
    assert result.stderr.startswith("Galat: ") and expected in result.stderr, result.stderr
    assert "Saran: lihat 'argtag review --help'" in result.stderr and not (tmp / "a").exists()


def test_targets_at_the_edges_and_with_a_decimal_comma(tmp: Path) -> None:
    result = run("review", INPUT, "--rules", RULES, "--out", "a", "--target-arg", "2,5", "--target-pd", "100")
    assert result.exit_code == 0, result.output
    ind = json.loads((tmp / "a" / "summary.json").read_text(encoding="utf-8"))["indikator"]
    assert (ind["target_persen_arg"], ind["target_persen_pd"]) == (2.5, 100.0)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("apbd_total = 0", "total APBD harus lebih dari 0"),
        ("apbd_total = -1", "total APBD harus lebih dari 0"),
        ('apbd_total = "satu triliun"', "apbd_total tidak sah: 'satu triliun'"),
        ("target_arg_percent = 0", "target_arg_percent harus lebih dari 0 dan paling banyak 100 (diberikan 0)"),
        ("target_pd_percent = 120.5", "target_pd_percent harus lebih dari 0 dan paling banyak 100 (diberikan 120.5)"),
        ('target_pd_percent = "80"', "target_pd_percent harus berupa angka"),
    ],
)
def test_bad_totals_and_targets_in_the_settings_file(tmp: Path, setting: str, expected: str) -> None:
    (tmp / "argtag.toml").write_text(f"[indicators]\n{setting}\n", encoding="utf-8")
    result = run("review", INPUT, "--rules", RULES, "--out", "a")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Galat: argtag.toml: {expected}"), result.stderr
    assert "Saran: " in result.stderr and "Traceback" not in result.output


def test_apbd_total_as_text_in_the_settings_file(tmp: Path) -> None:
    (tmp / "argtag.toml").write_text(
        '[indicators]\ndenominator = "apbd"\napbd_total = "Rp 500.000.000.000"\n', encoding="utf-8"
    )
    assert run("review", INPUT, "--rules", RULES, "--out", "a").exit_code == 0
    summary = json.loads((tmp / "a" / "summary.json").read_text(encoding="utf-8"))
    assert summary["indikator"]["nilai_denominator"] == 500_000_000_000


def test_an_apbd_total_below_the_total_belanja_is_warned_about(tmp: Path) -> None:
    result = run("review", INPUT, "--rules", RULES, "--out", "a", "--denominator", "apbd", "--apbd-total", "1.000")
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp / "a" / "summary.json").read_text(encoding="utf-8"))
    (warning,) = summary["peringatan"]
    assert warning["kode"] == "apbd_lebih_kecil_dari_belanja"
    total = summary["indikator"]["total_belanja"]
    assert warning["pesan"].startswith(
        f"total APBD yang diberikan (Rp 1.000) lebih kecil dari total belanja dalam masukan ({format_rupiah(total)})"
    )
    assert f"  Peringatan: {warning['pesan']}\n" in result.stdout
    assert f"Peringatan: {warning['pesan']}." in (tmp / "a" / "index.html").read_text(encoding="utf-8")

"""argtag.toml: the indicator knobs from a file, flags over the file, and precise errors."""

from __future__ import annotations

import json
from pathlib import Path

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

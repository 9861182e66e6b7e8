"""The ``argtag`` program: ``cli.run`` ends the process without the interpreter's teardown, and nothing a user
sees or keeps may differ from the ordinary exit of ``cli.main``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import openpyxl

from tests.conftest import ROOT, write_xlsx

PROGRAM = "from argtag.cli import run; run()"
ORDINARY = "from argtag.cli import main; main()"


def _both(args: list[str], stdout: int = subprocess.PIPE) -> list[subprocess.CompletedProcess[str]]:
    """The same command through ``run`` and through ``main``."""
    return [
        subprocess.run([sys.executable, "-c", code, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for code in (PROGRAM, ORDINARY)
    ]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_installed_script_is_run() -> None:
    (script,) = entry_points(group="console_scripts", name="argtag")
    assert script.value == "argtag.cli:run"


def test_a_review_ends_as_the_ordinary_exit_would(tmp: Path) -> None:
    """Exit status, the whole summary on stdout, and every byte of the report folder."""
    stamp = ["--generated-at", "2026-11-29T00:00:00+00:00"]
    fast, ordinary = (
        subprocess.run(
            [sys.executable, "-c", code, "review", "sample_rka/2026", "--out", str(tmp / name), *stamp],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        for code, name in ((PROGRAM, "cepat"), (ORDINARY, "biasa"))
    )
    assert fast.returncode == ordinary.returncode == 0, fast.stderr
    assert fast.stdout.replace("cepat", "biasa") == ordinary.stdout
    assert fast.stdout.rstrip().splitlines()[-1].startswith("Laporan ditulis ke:")
    assert fast.stderr == ordinary.stderr
    written = _files(tmp / "cepat")
    assert written == _files(tmp / "biasa") and "summary.json" in written and "review.xlsx" in written


def test_findings_errors_and_large_output_keep_their_status_and_text(tmp: Path) -> None:
    path = write_xlsx(
        tmp / "a.xlsx",
        [["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"], ["1.02.02.2.02.0001", "KB", 5], ["JUMLAH", None, 6]],
    )
    cases = {
        ("inspect", str(path)): 1,  # the stated total does not match
        ("inspect", str(tmp / "tidak_ada.xlsx")): 2,
        ("inspect", "--json", "sample_rka"): 0,  # 140 kB: more than a pipe holds, so written while read
        ("review", "--bogus"): 2,
    }
    for args, status in cases.items():
        fast, ordinary = _both(list(args))
        assert fast.returncode == ordinary.returncode == status, (args, fast.stderr)
        assert (fast.stdout, fast.stderr) == (ordinary.stdout, ordinary.stderr), args
        if "--json" in args:
            assert len(json.loads(fast.stdout)["files"]) == 40  # whole and parseable
    wb = openpyxl.load_workbook(path)
    assert wb.active["C3"].value == 6  # nothing rewrote the input


def test_a_closed_stdout_ends_quietly_as_the_ordinary_exit_would(tmp: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write or flush fails with a broken pipe
    try:
        fast, ordinary = _both(["inspect", "sample_rka/2026/sub_kegiatan_2026.csv"], stdout=writer)
    finally:
        os.close(writer)
    assert fast.returncode == ordinary.returncode == 1  # nobody reads: nothing to say, no "Galat tak terduga"
    assert fast.stderr == ordinary.stderr == ""

"""Shared test helpers: build real workbooks and CSVs in code, run the real CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from argtag.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_rka"

Cell = str | int | float | None


def write_xlsx(path: Path, rows: Sequence[Sequence[Cell]], merges: Sequence[str] = (), title: str = "Sheet1") -> Path:
    """A one-sheet workbook written by openpyxl, rows from row 1, optional merged ranges like 'A6:A7'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def review_samples(out: Path | str, *flags: str) -> Result:
    """``argtag review sample_rka/2026 --previous sample_rka/2025`` with the shipped rules into ``out``."""
    args = ["review", str(SAMPLES / "2026"), "--previous", str(SAMPLES / "2025"), "--rules", str(ROOT / "rules")]
    result = run(*args, "--out", str(out), *flags)
    assert result.exit_code == 0, result.output
    return result


def inspect_json(*paths: Path) -> dict[str, Any]:
    result = run("inspect", "--json", *[str(p) for p in paths])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory, so reported paths are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def check_golden(name: str, text: str, update: bool) -> None:
    """Compare with tests/golden/<name>; with --update-golden, rewrite it (review the diff before committing)."""
    path = ROOT / "tests" / "golden" / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"golden file {name} missing: run pytest --update-golden"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review it, then run pytest --update-golden"

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

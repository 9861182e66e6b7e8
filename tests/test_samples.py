"""Every sample export is read completely: totals equal the files' own grand totals, no row unexplained."""

from __future__ import annotations

from pathlib import Path

import pytest

from argtag.ingest import ReadOptions, read_file
from tests.conftest import SAMPLES, inspect_json

FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in {".xlsx", ".csv"})


def test_there_are_samples_of_every_layout() -> None:
    layouts = {s.layout for p in FILES for s in read_file(p, ReadOptions()).sheets}
    assert layouts == {"flat", "flat_account", "recap", "detail"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_sample_file_reconciles_to_the_rupiah(path: Path) -> None:
    result = read_file(path, ReadOptions())
    for sheet in result.sheets:
        assert sheet.rows_in_lines + sheet.skipped.height == sheet.rows_total  # zero unexplained rows
        assert "tidak_dikenali" not in sheet.skipped_by_reason()
        assert [c for c in sheet.checks if not c.ok] == []
        grand = [c for c in sheet.checks if c.label.startswith(("jumlah", "baris jumlah"))]
        if sheet.layout == "detail":
            assert sum(c.stated for c in sheet.checks if c.label.endswith("rekening")) == sheet.total
        else:
            assert [c.stated for c in grand] == [sheet.total]  # the file's grand total, to the rupiah
        assert sheet.lines["tahun"].null_count() == 0


def test_inspect_json_over_both_years() -> None:
    data = inspect_json(SAMPLES)
    assert data["reconciled"] is True
    assert data["lines"] == sum(f["lines"] for f in data["files"])
    assert data["total"] == sum(f["total"] for f in data["files"])
    years = {line_year for f in data["files"] for s in f["sheets"] for line_year in s["tahun"]}
    assert years == {2025, 2026}


def test_architecture_page_documents_every_schema_column() -> None:
    from argtag.schema import BUDGET_LINE_SCHEMA

    page = (SAMPLES.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert [c for c in BUDGET_LINE_SCHEMA if c not in page] == []

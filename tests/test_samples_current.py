"""The committed ``sample_rka/`` must be exactly what ``scripts/make_samples.py`` writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "make_samples.py"
SAMPLES = REPO_ROOT / "sample_rka"
SOURCE_CSV = REPO_ROOT.parent / "shared" / "data" / "kab_madiun_2024_subkegiatan_per_subunit.csv"
HAND_WRITTEN = {Path("README.md")}


def files_under(root: Path) -> dict[Path, Path]:
    return {path.relative_to(root): path for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.skipif(not SOURCE_CSV.exists(), reason=f"source data not found: {SOURCE_CSV}")
def test_committed_samples_match_generator(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True)
    generated = files_under(tmp_path)
    committed = {rel: path for rel, path in files_under(SAMPLES).items() if rel not in HAND_WRITTEN}
    assert sorted(generated) == sorted(committed), "sample_rka/ file set is stale: rerun scripts/make_samples.py"
    differing = [str(rel) for rel, path in generated.items() if content(path) != content(committed[rel])]
    assert not differing, f"sample_rka/ is stale, rerun scripts/make_samples.py: {differing}"


def content(path: Path) -> object:
    """What a reader sees: bytes of a csv; every sheet's cell values and merged ranges of a workbook.

    Comparing workbook content rather than zip bytes keeps the test true across zlib and openpyxl builds.
    """
    if path.suffix != ".xlsx":
        return path.read_bytes()
    workbook = openpyxl.load_workbook(path)
    return [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)], sorted(map(str, sheet.merged_cells)))
        for sheet in workbook.worksheets
    ]

"""Report: the review's results -> the files people read (HTML, xlsx, GBS/PAG drafts) and machines read.

Every writer takes the folder and one :class:`ReportData`; writers lay out, they do not compute.
``write_report`` builds the whole folder in a temporary sibling and moves it into place, so a
failure midway never leaves a half-written report.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from argtag.errors import ArgtagError, Location, display_path
from argtag.rules.model import RuleSet
from argtag.schema import is_report_folder


@dataclass(frozen=True)
class ReportData:
    tagged: pl.DataFrame  # one row per budget line, columns in the published order (report.tables)
    skipped: pl.DataFrame  # skipped input rows with their reasons
    summary: dict[str, Any]  # summary.json (docs/summary.md)
    ruleset: RuleSet
    generated_at: datetime


Writer = Callable[[Path, ReportData], None]


def check_out(out: Path) -> Path:
    """``out`` as a folder a report may take: absent, empty, or a report argtag wrote, which it replaces. Anything
    else there is the user's (their exports, notes) and a review must never delete it. Returned absolute when
    given as ``.``, so that it has a name and a parent to stage the report beside."""
    out = out if out.name else out.resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not is_report_folder(out))):
        raise ArgtagError(
            "folder laporan sudah ada dan berisi berkas lain; argtag hanya menimpa folder laporannya sendiri",
            hint="Pilih folder baru atau kosong dengan --out, mis. --out laporan/review-2026.",
            location=Location(display_path(out)),
        )
    return out


def write_report(out: Path, data: ReportData, writers: list[Writer]) -> None:
    """Run every writer into a fresh temporary folder next to ``out``, then swap it in (see :func:`check_out`)."""
    out = check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a report folder is meant to be shared
    try:
        # the writers touch different files; polars and zlib release the GIL, so two threads overlap them
        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in [pool.submit(writer, staging, data) for writer in writers]:
                done.result()
        previous = out.with_name(f".{out.name}-lama") if out.exists() else None
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
            out.rename(previous)
        staging.rename(out)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

"""Ingest: files and folders of budget exports -> budget lines in one schema, every row accounted for.

``read_inputs([Path("sample_rka/2025")]).lines`` is one row per sub-unit x sub-kegiatan (see
:mod:`argtag.schema`); ``.skipped`` lists every other row with its reason; ``.files`` holds, per file
and sheet, the layout, header, column mapping and reconciliation checks that ``argtag inspect`` shows.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from argtag.errors import ArgtagError, Finding, Findings, Location, display_path
from argtag.ingest.grid import CSV_SUFFIXES, EXCEL_SUFFIXES, HIDDEN_SHEET_HINT, Limits, read_grids
from argtag.ingest.profile import Profile
from argtag.ingest.result import SheetResult
from argtag.ingest.sanity import across_sources
from argtag.ingest.sheet import read_sheet
from argtag.schema import conform, conform_skipped, empty_lines, is_report_folder

SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES


@dataclass(frozen=True)
class ReadOptions:
    year: int | None = None
    stage: str | None = None
    profile: Profile | None = None
    limits: Limits = field(default_factory=Limits)


@dataclass
class FileResult:
    path: str
    sheets: list[SheetResult]
    findings: list[Finding] = field(default_factory=list)  # about the file itself, not one read sheet (hidden sheets)

    @property
    def lines(self) -> int:
        return sum(s.lines.height for s in self.sheets)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sheets)

    @property
    def layout(self) -> str:
        layouts = sorted({s.layout for s in self.sheets if s.layout != "none"})
        return "+".join(layouts) if layouts else "none"

    @property
    def skipped_rows(self) -> int:
        return sum(s.skipped.height for s in self.sheets)

    @property
    def reconciled(self) -> bool:
        return all(s.reconciled for s in self.sheets)

    def outline(self) -> dict[str, object]:
        """The per-file keys that inspect --json and summary.json share (a stable contract)."""
        return {
            "path": self.path,
            "layout": self.layout,
            "lines": self.lines,
            "total": self.total,
            "skipped_rows": self.skipped_rows,
            "reconciled": self.reconciled,
        }


@dataclass
class Ingested:
    files: list[FileResult]
    lines: pl.DataFrame
    skipped: pl.DataFrame
    findings: list[Finding] = field(default_factory=list)  # every sheet's, then those of ``across``
    across: list[Finding] = field(default_factory=list)  # about lines of several files or sheets together

    @property
    def total(self) -> int:
        return int(self.lines["pagu"].sum() or 0)


def source_name(path: Path, argument: Path) -> str:
    """How reports name an input file: relative to the working folder, else to the argument's folder.

    Never absolute, so reports do not depend on where the files sat on one machine.
    """
    shown = display_path(path)
    if not Path(shown).is_absolute():
        return shown
    return path.resolve().relative_to(argument.resolve().parent).as_posix()


def discover(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files to read with their report names: the files given, and inside folders every export file (see
    :func:`export_files`)."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found += [(p, source_name(p, path)) for p in export_files(path)]
        elif path.is_file():
            found.append((path, source_name(path, path)))
        else:
            raise ArgtagError(
                "berkas atau folder tidak ditemukan",
                hint="Periksa ejaan dan lokasinya.",
                location=Location(display_path(path)),
            )
    if not found:
        raise ArgtagError(
            "tidak ada berkas ekspor (.xlsx, .xls, .csv) di sini",
            hint="Tunjuk berkas ekspor RKA/DPA atau folder yang berisi berkas tersebut.",
            location=Location(", ".join(display_path(p) for p in paths)),
        )
    return found


def export_files(folder: Path) -> list[Path]:
    """The export files in ``folder`` and its subfolders, sorted. Left out: Excel's lock files (``~$``), hidden
    files and folders, and the report folders argtag wrote, which land inside the export folder when a review
    runs there (``reports/review-2026``: its tagged.csv is not an export)."""
    found = []
    for root, folders, files in os.walk(folder):
        here = Path(root)
        folders[:] = [f for f in folders if not f.startswith(".") and not is_report_folder(here / f)]
        found += [here / f for f in files if Path(f).suffix.lower() in SUFFIXES and not f.startswith(("~$", "."))]
    return sorted(p for p in found if p.is_file())


def read_file(path: Path, options: ReadOptions, name: str | None = None) -> FileResult:
    """One file, every sheet; ``name`` is how reports call it (default: as given, relative)."""
    name = name or display_path(path)
    findings = Findings()
    grids = read_grids(path, options.limits, name, findings)
    sheets = [read_sheet(grid, options.profile, options.year, options.stage) for grid in grids]
    result = FileResult(name, sheets, findings.items)
    if not any(s.layout != "none" for s in sheets):
        kind = "kosong" if all(s.rows_total == 0 for s in sheets) else "bukan ekspor anggaran yang dikenali"
        hint = "Pastikan ini ekspor RKA/DPA (SIPD atau sistem lokal); untuk tata letak khusus gunakan --profile."
        hidden = [f.location.sheet for f in result.findings if f.code == "sheet_tersembunyi"]
        if hidden:
            names = ", ".join(f"'{sheet}'" for sheet in hidden)
            hint = f"Berkas ini punya sheet tersembunyi yang tidak dibaca ({names}). {HIDDEN_SHEET_HINT} " + hint
        raise ArgtagError(
            f"berkas {kind}: tidak ditemukan tabel dengan kolom sub kegiatan dan nilai anggaran",
            hint=hint,
            location=Location(result.path),
        )
    return result


LARGE_GRID = 16 * 2**20  # a file whose cells' text is about this size or more is read alone
_ZIPPED = {".xlsx", ".xlsm", ".ods"}  # their cells' text is ~4x the file (the 100k benchmark xlsx: 15 -> 57 MB)


def is_large(path: Path) -> bool:
    """Whether a file's grid would weigh ~``LARGE_GRID`` or more, judged from its size on disk."""
    return path.stat().st_size * (4 if path.suffix.lower() in _ZIPPED else 1) >= LARGE_GRID


def _read_one(path: Path, options: ReadOptions, name: str, large: threading.Lock, stop: threading.Event) -> FileResult:
    """:func:`read_file`, holding ``large`` for a large file, so that two large grids are never in memory at once;
    a large file still waiting when ``stop`` is set (an earlier file failed, the read is over) is not read."""
    if not is_large(path):
        return read_file(path, options, name)
    with large:
        if stop.is_set():
            raise CancelledError
        try:
            return read_file(path, options, name)
        except BaseException:
            stop.set()  # before the lock is released: the large file waiting behind this one is not read
            raise


def read_inputs(
    paths: Iterable[Path], options: ReadOptions | None = None, progress: Callable[[Path], None] | None = None
) -> Ingested:
    options = options or ReadOptions()
    found = discover(paths)
    files = []
    # two files at a time: a folder of small exports is mostly fixed costs per sheet, and calamine and polars
    # release the GIL; results are taken in order, so the first failing file is the one reported
    pool = ThreadPoolExecutor(max_workers=2)
    large, stop = threading.Lock(), threading.Event()
    try:
        reading = [pool.submit(_read_one, path, options, name, large, stop) for path, name in found]
        for (path, _), job in zip(found, reading, strict=True):
            if progress is not None:
                progress(path)
            files.append(job.result())
    finally:
        stop.set()
        pool.shutdown(cancel_futures=True)
    sheets = [s for f in files for s in f.sheets]
    lines = pl.concat([s.lines for s in sheets]) if sheets else empty_lines()
    skipped = pl.concat([s.skipped for s in sheets]) if sheets else conform_skipped(pl.DataFrame())
    lines = conform(lines)
    findings = [f for file in files for f in [*file.findings, *(x for s in file.sheets for x in s.findings)]]
    across = across_sources(lines) if len(sheets) > 1 else []
    return Ingested(files, lines, skipped, findings + across, across)

"""Ingest throughput on the sample exports: budget lines/s and source rows/s, and the cost over a bare read.

    python benchmarks/ingest_speed.py [FILE...]   (default: the largest xlsx and csv in sample_rka/)

Each file is read N times (median reported). The bare read is calamine (fastexcel) for xlsx and
polars.read_csv for csv, the floor any reader pays; the ratio is argtag's full ingest (header
detection, mapping, parsing, aggregation, reconciliation) over that floor, measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import fastexcel
import polars as pl

from argtag.ingest import ReadOptions, read_file

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 7


def _median_seconds(work: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _bare(path: Path) -> None:
    if path.suffix == ".csv":
        pl.read_csv(
            path, has_header=False, infer_schema=False, separator=";", encoding="utf8-lossy", truncate_ragged_lines=True
        )
    else:
        reader = fastexcel.read_excel(str(path))
        for name in reader.sheet_names:
            reader.load_sheet(name, header_row=None, dtypes="string").to_polars()


def main(paths: list[Path]) -> None:
    print(
        f"{'berkas':<40} {'baris sumber':>12} {'baris anggaran':>14} {'ingest s':>9} {'baca s':>8} "
        f"{'rasio':>6} {'baris/s':>10}"
    )
    for path in paths:
        result = read_file(path, ReadOptions())
        rows = sum(s.rows_total for s in result.sheets)
        ingest = _median_seconds(partial(read_file, path, ReadOptions()))
        bare = _median_seconds(partial(_bare, path))
        print(
            f"{path.name[:40]:<40} {rows:>12,} {result.lines:>14,} {ingest:>9.3f} {bare:>8.3f} "
            f"{ingest / bare:>6.2f} {rows / ingest:>10,.0f}"
        )


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    if not args:
        samples = ROOT / "sample_rka"
        args = [
            max(samples.rglob("*.xlsx"), key=lambda p: p.stat().st_size),
            max(samples.rglob("*.csv"), key=lambda p: p.stat().st_size),
        ]
    main(args)

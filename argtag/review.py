"""The review job: read the exports, classify every line, apply reviewer decisions, compare with earlier
years, compute the indicators and write the report folder."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from argtag.classify import classify_lines
from argtag.classify.engine import Stats
from argtag.classify.examples import failed_examples
from argtag.classify.overrides import Override, apply_overrides, load_overrides
from argtag.errors import ArgtagError
from argtag.ingest import Ingested, ReadOptions, discover, read_inputs
from argtag.metrics.config import MetricsConfig
from argtag.metrics.period import check_current, check_previous, known_years
from argtag.metrics.summary import SummaryInput, build_summary
from argtag.metrics.yoy import year_on_year
from argtag.report import ReportData, Writer, check_out, write_report
from argtag.report.tables import tagged_table
from argtag.rules.load import load_ruleset
from argtag.rules.model import RuleSet


def report_writers() -> list[Writer]:
    """The writers of the report folder, in order.

    Imported on first use: their libraries (openpyxl, jinja2) are a good part of a small review's time, so
    :func:`run_review` imports them in a thread while the inputs are read (the readers release the GIL).
    """
    from argtag.report.gbs import write_gbs
    from argtag.report.html import write_index
    from argtag.report.tables import write_tables
    from argtag.report.workbook import write_review_workbook

    return [write_tables, write_index, write_review_workbook, write_gbs]


@dataclass(frozen=True)
class ReviewRequest:
    inputs: list[Path]
    previous: list[Path] = field(default_factory=list)  # one path (file or folder) per earlier year
    out: Path | None = None
    rules: Path | None = None
    overrides: Path | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    config: MetricsConfig = field(default_factory=MetricsConfig)
    generated_at: str | None = None


@dataclass(frozen=True)
class Review:
    out: Path
    ingested: Ingested
    ruleset: RuleSet
    tagged: pl.DataFrame
    stats: Stats
    stale_overrides: list[Override]
    summary: dict[str, Any]
    overrides_file: Path | None = None
    failed_examples: int = 0  # of the rule set's own examples (argtag rules test)
    rules_dir: Path | None = None  # --rules, as given

    @property
    def overrides_applied(self) -> int:
        return self.tagged.filter(pl.col("diputuskan_oleh") == "peninjau").height


def generation_time(given: str | None) -> str:
    """--generated-at, else SOURCE_DATE_EPOCH, else now: the one clock a report reads."""
    if given:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise ArgtagError(
            f"SOURCE_DATE_EPOCH '{epoch}' bukan jumlah detik sejak 1970-01-01 UTC",
            hint="Isi dengan bilangan bulat, mis. SOURCE_DATE_EPOCH=1764403200, atau hapus variabel itu.",
        )
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def default_out(lines: pl.DataFrame) -> Path:
    years = [y for y in lines["tahun"].unique().to_list() if y is not None]
    return Path("reports") / (f"review-{max(years)}" if years else "review")


def _background() -> None:
    """The calling thread at the lowest CPU priority (Linux only, where each thread has its own nice value)."""
    if sys.platform == "linux":
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def input_hashes(paths: list[Path], background: bool = False) -> list[dict[str, str]]:
    """sha256 of every input file; ``background`` lowers the calling thread's CPU priority first (Linux only,
    where each thread has its own nice value), so the hashing takes the cores the readers leave idle rather
    than competing with them."""
    if background:
        _background()
    out = []
    for path, name in discover(paths):
        with path.open("rb") as handle:
            out.append({"path": name, "sha256": hashlib.file_digest(handle, "sha256").hexdigest()})
    return out


def _tag(
    paths: list[Path],
    request: ReviewRequest,
    rules: Callable[[], RuleSet],
    overrides: list[Override],
    progress: Callable[[Path], None] | None,
    check: Callable[[pl.DataFrame], None],
) -> tuple[Ingested, pl.DataFrame, Stats, list[Override]]:
    ingested = read_inputs(paths, request.read, progress)
    check(ingested.lines)  # one year and one stage (argtag.metrics.period), before any work on the lines
    ruleset = rules()
    classified = classify_lines(ingested.lines, ruleset)
    tagged, stale = apply_overrides(classified.lines, overrides, ruleset.abbreviations)
    return ingested, tagged, classified.stats, stale


def _failed_examples(rules: Future[RuleSet]) -> int:
    """The rule set's failing examples, once it has loaded, at the lowest CPU priority as :func:`input_hashes` (15-20
    ms for the shipped rules' 319 examples alone; done long before the report is, so the review never waits)."""
    _background()
    return failed_examples(rules.result())


def run_review(request: ReviewRequest, progress: Callable[[Path], None] | None = None) -> Review:
    # while the inputs are read (polars and calamine release the GIL): load the rules and run their examples, hash
    # the inputs, and import the report writers; a broken rule set still stops the review, and its error is the one
    # shown (see _review)
    if request.out is not None:
        check_out(request.out)  # before any work: a folder that is not argtag's is never replaced
    with ThreadPoolExecutor(max_workers=4) as pool:
        rules = pool.submit(load_ruleset, request.rules)
        examples = pool.submit(_failed_examples, rules)
        hashing = pool.submit(input_hashes, request.inputs + request.previous, background=True)
        writers = pool.submit(report_writers)
        review = _review(request, progress, rules.result, hashing.result, writers.result)
        return replace(review, failed_examples=examples.result(), rules_dir=request.rules)


def _review(
    request: ReviewRequest,
    progress: Callable[[Path], None] | None,
    rules: Callable[[], RuleSet],
    hashes: Callable[[], list[dict[str, str]]],
    writers: Callable[[], list[Writer]],
) -> Review:
    try:
        overrides = load_overrides(request.overrides) if request.overrides else []
        ingested, tagged, stats, stale = _tag(request.inputs, request, rules, overrides, progress, check_current)
        year = next(iter(known_years(ingested.lines)), None)
        seen: dict[int, Path] = {}
        previous = [
            _tag([p], request, rules, overrides, progress, partial(check_previous, p, current_year=year, seen=seen))
            for p in request.previous
        ]
    except ArgtagError:
        rules()  # a broken rule set is the error to show, as when the rules loaded first
        raise
    ruleset = rules()
    # an override is stale only if it matched nothing in any year
    stale = [o for o in stale if all(o in p[3] for p in previous)]
    earlier = sorted((p[1] for p in previous), key=lambda t: t["tahun"].max() or 0)
    yoy = year_on_year(tagged, earlier[-1], request.config.pd_aliases) if earlier else None
    tagged = (
        yoy.lines
        if yoy is not None
        else tagged.with_columns(
            pagu_tahun_lalu=pl.lit(None, pl.Int64),
            status_tahun_lalu=pl.lit(None, pl.String),
            cocok_tahun_lalu=pl.lit(""),
        )
    )
    hashed = hashes()
    summary = build_summary(
        SummaryInput(
            tagged,
            ingested,
            request.config,
            ruleset,
            stats,
            stale,
            yoy,
            earlier,
            hashed,
            generation_time(request.generated_at),
        )
    )
    out = request.out or default_out(ingested.lines)
    table = tagged_table(tagged)
    moment = datetime.fromisoformat(summary["reproduksi"]["dibuat"])
    write_report(out, ReportData(table, ingested.skipped, summary, ruleset, moment), writers())
    return Review(out, ingested, ruleset, table, stats, stale, summary, request.overrides)

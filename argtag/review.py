"""The review job: read the exports, classify every line, apply reviewer decisions, write the folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from argtag.classify import classify_lines
from argtag.classify.engine import Stats
from argtag.classify.overrides import Override, apply_overrides, load_overrides
from argtag.ingest import Ingested, ReadOptions, read_inputs
from argtag.report.tables import tagged_table, write_csv
from argtag.rules.load import load_ruleset
from argtag.rules.model import RuleSet


@dataclass(frozen=True)
class ReviewRequest:
    inputs: list[Path]
    out: Path | None = None
    rules: Path | None = None
    overrides: Path | None = None
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass(frozen=True)
class Review:
    out: Path
    ingested: Ingested
    ruleset: RuleSet
    tagged: pl.DataFrame
    stats: Stats
    stale_overrides: list[Override]


def default_out(lines: pl.DataFrame) -> Path:
    years = [y for y in lines["tahun"].unique().to_list() if y is not None]
    return Path("reports") / (f"review-{max(years)}" if years else "review")


def run_review(request: ReviewRequest, progress: Callable[[Path], None] | None = None) -> Review:
    ruleset = load_ruleset(request.rules)
    overrides = load_overrides(request.overrides) if request.overrides else []
    ingested = read_inputs(request.inputs, request.read, progress)
    classified = classify_lines(ingested.lines, ruleset)
    tagged, stale = apply_overrides(classified.lines, overrides, ruleset.abbreviations)
    out = request.out or default_out(ingested.lines)
    out.mkdir(parents=True, exist_ok=True)
    table = tagged_table(tagged)
    write_csv(table, out / "tagged.csv")
    write_csv(ingested.skipped.sort("file", "sheet", "baris", nulls_last=True), out / "skipped_rows.csv")
    return Review(out, ingested, ruleset, table, classified.stats, stale)

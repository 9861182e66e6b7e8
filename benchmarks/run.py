"""Throughput of argtag on large account-level exports, against the cost of merely reading the file.

    python benchmarks/run.py                  # 100k csv + xlsx and 1M csv, medians of 3
    python benchmarks/run.py --quick          # smoke run: the 100k csv only, one repetition
    python benchmarks/run.py --sizes 100k,1m --formats csv,xlsx --repeat 5

Missing inputs are generated first by ``benchmarks/make_large.py`` (into ``benchmarks/data/``); a 1M
xlsx is used only when it exists (``make_large.py --xlsx-1m``). Every figure and every ratio comes
from this one run, so a noisy machine moves both sides of a ratio alike:

* bare read: ``polars.read_csv`` (csv) or calamine through ``fastexcel`` (xlsx) into a frame of text
  cells, the floor any reader pays;
* ingest: ``argtag.ingest.read_inputs``, source rows/s and budget lines/s;
* classification: ``argtag.classify.classify_lines`` with ``rules/``, distinct keys/s and lines/s,
  against a straightforward per-line Python baseline (one compiled regex per rule phrase set,
  first matching rule by priority wins, no fuzzy stage) over the same lines, the two timed in turn
  and the speed-up the median of the pairs' ratios;
* end-to-end: the real CLI ``argtag review FILE --out TMP`` in a subprocess, wall time and peak RSS
  (``os.wait4``), against the bare read run the same way (a Python process that imports polars or
  fastexcel and reads the file: both sides pay for starting Python), and against the in-process bare
  read above (bare read and review run in pairs, the ratio is the median over the pairs); the cost
  of starting Python and importing argtag is measured alone;
* memory: that peak RSS against the in-memory size of the raw grid and of the budget lines, beside the
  bare read's own; the target is judged on the largest input, where the data, not the interpreter and
  its libraries (~70 MB before any file is read), dominates;
* stages: one in-process ``run_review`` with each stage and report writer timed, and the HTML page
  (``argtag.report.html.render_index``) rendered again on its own, with its size.

Medians of ``--repeat`` runs, except the in-process stage run (once). Each ratio of paired runs is printed
with its range ("1.47x (1.41-1.55)"): on a shared machine a target near its threshold is met in some
pairs and missed in others, and the range says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import fastexcel
import make_large
import polars as pl

import argtag.ingest as ingest_mod
import argtag.review as review_mod
from argtag.classify import classify_lines
from argtag.classify.overrides import apply_overrides
from argtag.ingest import read_inputs
from argtag.ingest.grid import read_grids
from argtag.ingest.sheet import read_sheet
from argtag.metrics.summary import build_summary
from argtag.report import ReportData, write_report
from argtag.report.html import html_context, render_index
from argtag.report.tables import tagged_table
from argtag.review import ReviewRequest, input_hashes, report_writers, run_review
from argtag.rules.load import load_ruleset
from argtag.rules.model import Rule, RuleSet

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
MB = 1_000_000
TARGET_CSV_1M = 2.0
TARGET_XLSX_100K = 1.5
TARGET_CLASSIFY = 20.0
TARGET_RSS = 3.0
TARGET_HTML_MB = 10.0


# --------------------------------------------------------------------------- measuring


CLASSIFY_REPEAT = 5  # classify runs per baseline run (a classification takes ~1/20 of the baseline's time)


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_read(path: Path) -> pl.DataFrame:
    """The floor: the file's cells as a frame of text, nothing interpreted."""
    if path.suffix == ".csv":
        return pl.read_csv(path, separator=";", has_header=False, infer_schema=False, truncate_ragged_lines=True)
    return fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, dtypes="string").to_polars()


@dataclass(frozen=True)
class Child:
    seconds: float
    peak_rss: int  # bytes
    code: int


# A child's ru_maxrss counts the memory of the process it was forked (or vforked) from until its exec, so
# a command started straight from this big process would report this process's size. A small Python
# launcher starts the command instead, and times it and reads its rusage (os.wait4).
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "code": child.returncode}, out)
"""


def run_child(command: list[str], cwd: Path, log: Path, ok: tuple[int, ...] = (0,)) -> Child:
    """Run a command through the launcher: its wall time, peak RSS and exit code."""
    figures = log.with_suffix(".json")
    # as on a user's machine, Python caches compiled modules (some sandboxes turn that off for everything)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with log.open("wb") as out:
        launch = [sys.executable, "-c", _LAUNCHER, str(figures), *command]
        subprocess.run(launch, cwd=cwd, stdout=out, stderr=out, env=env)
    measured = json.loads(figures.read_text())
    child = Child(float(measured["seconds"]), int(measured["maxrss_kb"]) * 1024, int(measured["code"]))
    if child.code not in ok:
        raise SystemExit(f"{' '.join(command)} exited {child.code}:\n{log.read_text()}")
    return child


def review_command(path: Path, out: Path) -> list[str]:
    code = "from argtag.cli import run; run()"
    return [sys.executable, "-c", code, "review", str(path), "--out", str(out), "--rules", str(RULES)]


def bare_command(path: Path) -> list[str]:
    body = (
        f"import polars as pl; pl.read_csv({str(path)!r}, separator=';', has_header=False, infer_schema=False, "
        "truncate_ragged_lines=True)"
        if path.suffix == ".csv"
        else f"import fastexcel; fastexcel.read_excel({str(path)!r}).load_sheet(0, header_row=None, "
        "dtypes='string').to_polars()"
    )
    return [sys.executable, "-c", body]


STARTUP_COMMAND = [sys.executable, "-c", "import argtag.cli, argtag.review"]


# --------------------------------------------------------------------------- per-line Python baseline


_NON_WORD = re.compile(r"[\W_]+")
_LEADING_CODE = re.compile(r"^\s*[0-9X]{1,2}(?:\.[0-9X]{1,4}){1,7}\.?(?:\s*[-\u2013:]\s*|\s+)")


def _words(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\S)")


def _prefix(prefix: str) -> re.Pattern[str]:
    pattern = r"\.".join("[^.]+" if seg == "*" else re.escape(seg) for seg in prefix.split("."))
    return re.compile(f"^{pattern}(?:\\.|$)")


@dataclass(frozen=True)
class BaselineRule:
    decision: str
    any: re.Pattern[str] | None
    all: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None
    codes: tuple[re.Pattern[str], ...]
    scopes: tuple[tuple[bool, tuple[re.Pattern[str], ...]], ...]  # (on the PD code?, prefixes)

    @classmethod
    def of(cls, rule: Rule) -> BaselineRule:
        return cls(
            rule.decision,
            _words(rule.any) if rule.any else None,
            tuple(_words((p,)) for p in rule.all),
            _words(rule.unless) if rule.unless else None,
            tuple(_prefix(p) for p in rule.code_prefixes),
            tuple((scope == "pd", tuple(_prefix(p) for p in values)) for scope, values in rule.scope.items() if values),
        )

    def matches(self, text: str, code: str, pd: str) -> bool:
        if self.codes and not any(p.search(code) for p in self.codes):
            return False
        for on_pd, prefixes in self.scopes:
            if not any(p.search(pd if on_pd else code) for p in prefixes):
                return False
        if self.any is not None and not self.any.search(text):
            return False
        if not all(p.search(text) for p in self.all):
            return False
        return not (self.unless is not None and self.unless.search(text))


class Baseline:
    """What one would write first: normalise each line's name in Python and try the rules in priority order."""

    def __init__(self, ruleset: RuleSet) -> None:
        ordered = sorted(
            (r for r in ruleset.rules if r.has_words or r.code_prefixes), key=lambda r: -r.priority
        )  # stable: file order within a priority
        self.rules = [BaselineRule.of(r) for r in ordered]
        keys = sorted(ruleset.abbreviations, key=lambda k: (-len(k), k))
        self.abbreviations = ruleset.abbreviations
        self.abbreviation = _words(tuple(keys)) if keys else None

    def normalise(self, name: str) -> str:
        text = _NON_WORD.sub(" ", _LEADING_CODE.sub("", name).lower()).strip()
        if self.abbreviation is not None:
            text = self.abbreviation.sub(lambda m: self.abbreviations[m.group(0)], text)
        return text

    def classify(self, names: list[str | None], codes: list[str | None], pds: list[str | None]) -> list[str]:
        out = []
        for name, code, pd in zip(names, codes, pds, strict=True):
            text = self.normalise(name or "")
            decision = "bukan_arg"
            for rule in self.rules:
                if rule.matches(text, code or "", pd or ""):
                    decision = rule.decision
                    break
            out.append(decision)
        return out


# --------------------------------------------------------------------------- in-process stage timing


def _rss() -> tuple[int, int] | None:
    """(current RSS, peak RSS) of this process in bytes, from /proc (Linux); None elsewhere."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = {k: int(v) * 1024 for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}
    return (found["VmRSS"], found["VmHWM"]) if len(found) == 2 else None


def _reset_peak() -> bool:
    """Reset this process's peak RSS (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@contextmanager
def timed_stages(stages: dict[str, float], memory: dict[str, int], captured: list[ReportData]) -> Iterator[None]:
    """Wrap the stage functions ``run_review`` and ``read_file`` call (this process only) to time each.

    For the top-level stages, ``memory`` gets how far the peak RSS rose above the RSS at the stage's start.
    """

    def wrap(name: str, function: Callable[..., Any], top: bool = True) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            before = _rss() if top and _reset_peak() else None
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] = stages.get(name, 0.0) + time.perf_counter() - start
                after = _rss()
                if before is not None and after is not None:
                    memory[name] = max(memory.get(name, 0), after[1] - before[0])

        return timed

    def grids(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = list(original_grids(*args, **kwargs))
        stages["ingest: grid"] = stages.get("ingest: grid", 0.0) + time.perf_counter() - start
        return result

    def report(out: Path, data: ReportData, writers: list[Any]) -> None:
        captured.append(data)
        original_report(out, data, writers)

    original_grids = read_grids
    original_report = write_report
    patches: list[tuple[Any, str, Any]] = [
        (ingest_mod, "read_grids", grids),
        (ingest_mod, "read_sheet", wrap("ingest: sheet", read_sheet, top=False)),
        (review_mod, "read_inputs", wrap("ingest (all)", read_inputs)),
        (review_mod, "classify_lines", wrap("classify", classify_lines)),
        (review_mod, "apply_overrides", wrap("overrides", apply_overrides)),
        (review_mod, "input_hashes", wrap("input sha256", input_hashes)),
        (review_mod, "build_summary", wrap("summary", build_summary)),
        (review_mod, "tagged_table", wrap("tagged table", tagged_table)),
        (review_mod, "write_report", report),
        (review_mod, "report_writers", lambda: [wrap(w.__name__, w) for w in report_writers()]),
    ]
    saved = [(module, name, vars(module)[name]) for module, name, _ in patches]
    try:
        for module, name, value in patches:
            setattr(module, name, value)
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


# --------------------------------------------------------------------------- one file


@dataclass
class Result:
    path: Path
    size: int
    source_rows: int = 0
    lines: int = 0
    distinct: int = 0
    items: int = 0  # PD x sub-kegiatan (the HTML's unit)
    bare: float = 0.0
    bare_process: float = 0.0
    review_ratios: list[float] = field(default_factory=list)  # review / bare read, one per pair of runs
    ingest: float = 0.0
    classify: float = 0.0
    baseline: float = 0.0
    speedups: list[float] = field(default_factory=list)  # baseline / classification, one per pair of runs
    agreement: float = 0.0
    review: float = 0.0
    review_rss: int = 0
    bare_rss: int = 0
    startup: float = 0.0
    startup_rss: int = 0
    grid_bytes: int = 0
    lines_bytes: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    stage_memory: dict[str, int] = field(default_factory=dict)
    html_context: float = 0.0
    html_render: float = 0.0
    html_bytes: int = 0

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def review_ratio(self) -> float:
        return statistics.median(self.review_ratios)

    @property
    def speedup(self) -> float:
        return statistics.median(self.speedups)


def spread(values: list[float], digits: int) -> str:
    """The median and, for several runs, the range: this machine moves a single figure by 10-30 %."""
    median = f"{statistics.median(values):.{digits}f}x"
    return median if len(values) < 2 else f"{median} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def measure(path: Path, ruleset: RuleSet, repeat: int, work: Path) -> Result:
    result = Result(path, path.stat().st_size)

    def say(text: str) -> None:
        print(f"  [{path.name}] {text}", file=sys.stderr, flush=True)

    say("bare read")
    grid = bare_read(path)  # also warms the page cache for everything after
    result.grid_bytes = int(grid.estimated_size())
    del grid
    result.bare = median_seconds(lambda: bare_read(path), repeat)

    say("ingest")
    ingested = read_inputs([path])
    result.ingest = median_seconds(partial(read_inputs, [path]), repeat)
    result.source_rows = sum(s.rows_total for f in ingested.files for s in f.sheets)
    lines = ingested.lines
    result.lines = lines.height
    result.lines_bytes = int(lines.estimated_size())

    say("classify")
    tagged = classify_lines(lines, ruleset)
    result.distinct = tagged.stats.distinct_texts
    say("per-line Python baseline")
    baseline = Baseline(ruleset)
    names, codes, pds = (lines[c].to_list() for c in ("nama_sub_kegiatan", "kode_sub_kegiatan", "kode_skpd"))
    decisions = baseline.classify(names, codes, pds)
    # both sides timed in alternation, each a median: a few tens of milliseconds move with the machine's noise
    classify_times, baseline_times = [], []
    for _ in range(max(repeat, 3)):
        classify_times.append(median_seconds(partial(classify_lines, lines, ruleset), CLASSIFY_REPEAT))
        baseline_times.append(median_seconds(partial(baseline.classify, names, codes, pds), 1))
    result.classify = statistics.median(classify_times)
    result.baseline = statistics.median(baseline_times)
    result.speedups = [b / c for b, c in zip(baseline_times, classify_times, strict=True)]
    by_rules = tagged.lines.select(
        pl.Series("baseline", decisions), "status", decided=pl.col("diputuskan_oleh").is_in(["aturan", "bawaan"])
    ).filter("decided")
    result.agreement = float(by_rules.select((pl.col("baseline") == pl.col("status")).mean()).item() or 0.0)
    del ingested, lines, tagged, names, codes, pds, decisions, by_rules

    say("review subprocesses")
    startup = [run_child(STARTUP_COMMAND, work, work / "startup.log") for _ in range(repeat)]
    result.startup = statistics.median(c.seconds for c in startup)
    result.startup_rss = max(c.peak_rss for c in startup)
    bares, reviews = [], []
    for i in range(repeat):  # in pairs, so that a noisy minute slows both sides of a ratio alike
        bares.append(run_child(bare_command(path), work, work / "bare.log"))
        # exit 1 means findings (a total that does not reconcile): still a complete review
        reviews.append(run_child(review_command(path, work / f"review-{i}"), work, work / "review.log", (0, 1)))
    result.bare_process = statistics.median(c.seconds for c in bares)
    result.bare_rss = max(c.peak_rss for c in bares)
    result.review = statistics.median(c.seconds for c in reviews)
    result.review_rss = max(c.peak_rss for c in reviews)
    result.review_ratios = [r.seconds / b.seconds for r, b in zip(reviews, bares, strict=True)]

    say("in-process stages and HTML")
    captured: list[ReportData] = []
    with timed_stages(result.stages, result.stage_memory, captured):
        start = time.perf_counter()
        run_review(ReviewRequest([path], out=work / "review-inprocess", rules=RULES))
        result.stages["total"] = time.perf_counter() - start
    data = captured[0]
    result.items = data.tagged.select("kode_skpd", "kode_sub_kegiatan", "nama_sub_kegiatan").n_unique()
    result.html_context = median_seconds(lambda: html_context(data), repeat)
    result.html_render = median_seconds(lambda: render_index(data), repeat)
    result.html_bytes = len(render_index(data).encode("utf-8"))
    return result


# --------------------------------------------------------------------------- printing


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    for row in rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else "met" if ok else "NOT MET"


def report(results: list[Result], repeat: int) -> None:
    print(
        f"\nargtag throughput; python {sys.version.split()[0]}, polars {pl.__version__}, {os.cpu_count()} cores; "
        f"medians of {repeat}"
    )
    table(
        "Ingest (argtag.ingest.read_inputs) against the bare read",
        ["file", "MB", "source rows", "budget lines", "bare read s", "ingest s", "ingest/bare", "rows/s", "lines/s"],
        [
            [
                r.name,
                f"{r.size / MB:,.1f}",
                f"{r.source_rows:,}",
                f"{r.lines:,}",
                f"{r.bare:.3f}",
                f"{r.ingest:.3f}",
                f"{r.ingest / r.bare:.1f}x",
                f"{r.source_rows / r.ingest:,.0f}",
                f"{r.lines / r.ingest:,.0f}",
            ]
            for r in results
        ],
    )
    table(
        "Classification (classify_lines, rules/) against a per-line Python regex baseline",
        ["file", "lines", "distinct keys", "classify s", "keys/s", "lines/s", "baseline s", "speed-up", "agree"],
        [
            [
                r.name,
                f"{r.lines:,}",
                f"{r.distinct:,}",
                f"{r.classify:.3f}",
                f"{r.distinct / r.classify:,.0f}",
                f"{r.lines / r.classify:,.0f}",
                f"{r.baseline:.2f}",
                spread(r.speedups, 1),
                f"{100 * r.agreement:.1f} %",
            ]
            for r in results
        ],
    )
    table(
        "End to end: `argtag review FILE --out TMP` in a subprocess, against the bare read in a subprocess "
        "and in-process",
        [
            "file",
            "review s",
            "bare read process s",
            "review/bare (median and range of pairs)",
            "bare read in-process s",
            "review/in-process",
        ],
        [
            [
                r.name,
                f"{r.review:.2f}",
                f"{r.bare_process:.2f}",
                spread(r.review_ratios, 2),
                f"{r.bare:.3f}",
                f"{r.review / r.bare:.1f}x",
            ]
            for r in results
        ],
    )
    print(f"  (starting Python and importing argtag alone: {statistics.median(r.startup for r in results):.2f} s)")
    table(
        "Peak memory (RSS) of the review subprocess against the parsed data",
        [
            "file",
            "review RSS MB",
            "bare-read RSS MB",
            "startup RSS MB",
            "raw grid MB",
            "lines MB",
            "RSS/grid",
            "bare-read RSS/grid",
            "RSS/lines",
        ],
        [
            [
                r.name,
                f"{r.review_rss / MB:,.0f}",
                f"{r.bare_rss / MB:,.0f}",
                f"{r.startup_rss / MB:,.0f}",
                f"{r.grid_bytes / MB:,.1f}",
                f"{r.lines_bytes / MB:,.1f}",
                f"{r.review_rss / r.grid_bytes:.1f}x",
                f"{r.bare_rss / r.grid_bytes:.1f}x",
                f"{r.review_rss / r.lines_bytes:.1f}x",
            ]
            for r in results
        ],
    )
    names = [k for k in results[0].stages if k != "total"]
    table(
        "Stages of one in-process run_review (seconds; 'ingest: grid/sheet' are inside 'ingest (all)')",
        ["file", *names, "other", "total"],
        [
            [
                r.name,
                *(f"{r.stages.get(k, 0.0):.2f}" for k in names),
                f"{r.stages['total'] - sum(v for k, v in r.stages.items() if k != 'total' and ':' not in k):.2f}",
                f"{r.stages['total']:.2f}",
            ]
            for r in results
        ],
    )
    if any(r.stage_memory for r in results):
        tracked = [k for k in names if k in results[0].stage_memory]
        table(
            "Peak RSS rise during each stage of that run, MB above the RSS at the stage's start (Linux /proc)",
            ["file", *tracked],
            [[r.name, *(f"{r.stage_memory.get(k, 0) / MB:,.0f}" for k in tracked)] for r in results],
        )
    table(
        "HTML (argtag.report.html): index.html of each review",
        ["file", "PD x sub-kegiatan", "html_context s", "render_index s", "index.html MB"],
        [
            [r.name, f"{r.items:,}", f"{r.html_context:.2f}", f"{r.html_render:.2f}", f"{r.html_bytes / MB:.1f}"]
            for r in results
        ],
    )

    def one(name: str) -> Result | None:
        return next((r for r in results if r.name == name), None)

    csv_1m, xlsx_100k = one("rak_belanja_1m.csv"), one("rak_belanja_100k.xlsx")
    html = one("rak_belanja_100k.csv") or xlsx_100k
    slowest = min(results, key=lambda r: r.speedup)
    largest = max(results, key=lambda r: r.grid_bytes)
    print("\nTargets")
    rows = [
        (
            f"review on the 1M-line csv <= {TARGET_CSV_1M:g}x its bare read (both processes)",
            spread(csv_1m.review_ratios, 2) if csv_1m else "-",
            None if csv_1m is None else csv_1m.review_ratio <= TARGET_CSV_1M,
        ),
        (
            f"review on the 100k-line xlsx <= {TARGET_XLSX_100K:g}x its calamine read (both processes)",
            spread(xlsx_100k.review_ratios, 2) if xlsx_100k else "-",
            None if xlsx_100k is None else xlsx_100k.review_ratio <= TARGET_XLSX_100K,
        ),
        (
            f"classification >= {TARGET_CLASSIFY:g}x the per-line baseline (worst file)",
            f"{spread(slowest.speedups, 1)} ({slowest.name})",
            slowest.speedup >= TARGET_CLASSIFY,
        ),
        (
            f"peak RSS <= {TARGET_RSS:g}x the parsed raw grid (largest input)",
            f"{largest.review_rss / largest.grid_bytes:.1f}x ({largest.name})",
            largest.review_rss / largest.grid_bytes <= TARGET_RSS,
        ),
        (
            f"index.html with ~10k PD x sub-kegiatan <= {TARGET_HTML_MB:g} MB",
            f"{html.html_bytes / MB:.1f} MB, {html.items:,} items ({html.name})" if html else "-",
            None if html is None else html.html_bytes / MB <= TARGET_HTML_MB,
        ),
    ]
    width = max(len(r[0]) for r in rows)
    for label, figure, ok in rows:
        print(f"  {label:<{width}}  {figure:>40}  {verdict(ok)}")


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="account lines per file (default 100k,1m)")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both (xlsx above 100k only if present)")
    parser.add_argument("--quick", action="store_true", help="smoke run: the 100k csv only, one repetition")
    parser.add_argument("--repeat", type=int, default=None, help="repetitions, median reported (default 3; quick 1)")
    args = parser.parse_args()
    sizes = [make_large.parse_size(s) for s in ("100k" if args.quick else args.sizes).split(",") if s.strip()]
    formats = ["csv"] if args.quick else [f.strip() for f in args.formats.split(",") if f.strip()]
    repeat = args.repeat or (1 if args.quick else 3)

    make_large.generate(sizes, formats, False, make_large.OUT, make_large.SEED, force=False)
    paths = [
        make_large.data_path(n, f)
        for n in sizes
        for f in ("csv", "xlsx")
        if f in formats and make_large.data_path(n, f).is_file()
    ]
    ruleset = load_ruleset(RULES)
    start = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="argtag-bench-") as folder:
        for path in paths:
            work = Path(folder) / path.stem / path.suffix[1:]
            work.mkdir(parents=True)
            results.append(measure(path, ruleset, repeat, work))
    report(results, repeat)
    print(f"\n(benchmark took {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()

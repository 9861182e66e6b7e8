"""Measure the rule set against a hand-labelled set: precision and recall by count and by rupiah.

The labelled set (``eval/labelled.csv``: text, code, label, kategori, kind, source, note) is
classified through the same path as a review. "Positive" means ARG. Precision and recall are given
on the clear cases; traps count separately (every trap tagged ARG is a false positive); the
confusion table shows all labels, with ``tinjau`` (sent to review) as its own column. With a budget
(``--budget``), each labelled name found in the budget lines is weighted by its rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from argtag.classify.conditions import CODE, PD, TEXT
from argtag.classify.engine import classify_keys
from argtag.codes import normalize_code
from argtag.errors import ArgtagError, Location, display_path
from argtag.rules.model import RuleSet
from argtag.text import normalize_expr

LABELS = ("arg", "tinjau", "bukan_arg")
REQUIRED = ("text", "code", "label", "kind")


@dataclass(frozen=True)
class Scores:
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        return self.true_pos / (self.true_pos + self.false_pos) if self.true_pos + self.false_pos else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / (self.true_pos + self.false_neg) if self.true_pos + self.false_neg else 1.0


@dataclass(frozen=True)
class Evaluation:
    rows: pl.DataFrame  # labelled rows with the predicted status, deciding rules and evidence
    clear: Scores
    clear_rupiah: Scores | None
    trap_false_positives: pl.DataFrame
    confusion: pl.DataFrame  # label x predicted counts

    def errors(self) -> pl.DataFrame:
        """Clear cases predicted wrongly and traps tagged ARG, for the maintainer to look at."""
        wrong = (pl.col("kind") == "clear") & ((pl.col("label") == "arg") != (pl.col("status") == "arg"))
        trap = (pl.col("kind") == "trap") & (pl.col("status") == "arg")
        return self.rows.filter(wrong | trap).select("kind", "label", "status", "text", "code", "aturan", "bukti")


def read_labelled(path: Path) -> pl.DataFrame:
    where = Location(display_path(path))
    hint = "Gunakan CSV UTF-8 dengan kolom text, code, label, kind."
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise ArgtagError(
            "set berlabel tidak ditemukan",
            location=where,
            hint="Beri CSV berlabel dengan --labelled; bawaannya eval/labelled.csv di folder kerja "
            "(ada di repositori argtag).",
        ) from exc
    except IsADirectoryError as exc:
        raise ArgtagError("set berlabel adalah folder, bukan berkas CSV", location=where, hint=hint) from exc
    except OSError as exc:  # the OS's own words are English: say what argtag could not do
        raise ArgtagError(
            "set berlabel tidak dapat dibuka (tidak ada izin atau berkas terkunci)", location=where
        ) from exc
    try:
        frame = pl.read_csv(content, infer_schema=False)
    except pl.exceptions.PolarsError as exc:
        raise ArgtagError("set berlabel tidak dapat dibaca sebagai CSV", location=where, hint=hint) from exc
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ArgtagError(
            f"kolom {', '.join(missing)} tidak ada",
            location=where,
            hint="Kolom wajib: text, code, label, kind.",
        )
    bad = frame.filter(~pl.col("label").is_in(LABELS))
    if bad.height:
        raise ArgtagError(
            f"label '{bad['label'][0]}' tidak sah",
            location=where,
            hint="Label: arg, tinjau, bukan_arg.",
        )
    return frame


def _scores(frame: pl.DataFrame, weight: pl.Expr) -> Scores:
    truth, guess = pl.col("label") == "arg", pl.col("status") == "arg"
    sums = frame.select(
        tp=weight.filter(truth & guess).sum(),
        fp=weight.filter(~truth & guess).sum(),
        fn=weight.filter(truth & ~guess).sum(),
    ).row(0)
    return Scores(int(sums[0] or 0), int(sums[1] or 0), int(sums[2] or 0))


def evaluate(labelled: pl.DataFrame, ruleset: RuleSet, budget: pl.DataFrame | None = None) -> Evaluation:
    keys = labelled.select(
        normalize_code(pl.col("code")).alias(CODE),
        normalize_expr(pl.col("text"), ruleset.abbreviations).alias(TEXT),
        pl.lit(None, pl.String).alias(PD),
    )
    decided, _ = classify_keys(keys.unique(maintain_order=True), ruleset)
    rows = pl.concat([labelled, keys], how="horizontal").join(
        decided, on=[CODE, TEXT, PD], how="left", nulls_equal=True, maintain_order="left"
    )
    clear = rows.filter(pl.col("kind") == "clear")
    confusion = (
        rows.group_by("label", "status")
        .len()
        .pivot(on="status", index="label", values="len")
        .fill_null(0)
        .sort("label")
    )
    for label in LABELS:
        if label not in confusion.columns:
            confusion = confusion.with_columns(pl.lit(0, pl.UInt32).alias(label))
    confusion = confusion.select("label", *LABELS)
    rupiah = None
    if budget is not None:
        truth = clear.select(TEXT, "label").unique(TEXT, keep="first")
        weighted = budget.select(
            normalize_expr(pl.col("nama_sub_kegiatan"), ruleset.abbreviations).alias(TEXT), "pagu", "status"
        ).join(truth, on=TEXT)
        rupiah = _scores(weighted, pl.col("pagu"))
    return Evaluation(
        rows=rows.drop(CODE, TEXT, PD),
        clear=_scores(clear, pl.lit(1)),
        clear_rupiah=rupiah,
        trap_false_positives=rows.filter((pl.col("kind") == "trap") & (pl.col("status") == "arg")),
        confusion=confusion,
    )

"""Classify: budget lines + rule set (+ reviewer overrides) -> tagged lines with evidence."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from argtag.classify.conditions import CODE, PD, TEXT
from argtag.classify.engine import RESULT_SCHEMA, Stats, classify_keys
from argtag.rules.model import RuleSet
from argtag.text import normalize_expr

NAME = "nama_sub_kegiatan"


@dataclass(frozen=True)
class Tagged:
    lines: pl.DataFrame  # the budget lines with the result columns and hash_aturan
    stats: Stats


def _uses_pd(ruleset: RuleSet) -> bool:
    return any(rule.scope.get("pd") for rule in ruleset.rules)


def classify_lines(lines: pl.DataFrame, ruleset: RuleSet) -> Tagged:
    """Tag every budget line: distinct names are normalised once, distinct keys classified once."""
    pd = ["kode_skpd"] if _uses_pd(ruleset) else []  # part of the key only when some rule is scoped by PD
    on = ["kode_sub_kegiatan", NAME, *pd]
    raw = lines.select(on).unique(maintain_order=True)
    names = raw.select(NAME).unique(maintain_order=True)
    names = names.with_columns(normalize_expr(pl.col(NAME), ruleset.abbreviations).alias(TEXT))
    raw = raw.join(names, on=NAME, how="left", nulls_equal=True)
    keys = raw.select(
        pl.col("kode_sub_kegiatan").alias(CODE), TEXT, (pl.col(pd[0]) if pd else pl.lit(None, pl.String)).alias(PD)
    )
    decided, stats = classify_keys(keys.unique(maintain_order=True), ruleset)
    decided = decided.rename({CODE: "kode_sub_kegiatan", PD: "kode_skpd"})
    if not pd:  # no key then: the column is empty
        decided = decided.drop("kode_skpd")
    by_raw = raw.join(decided, on=["kode_sub_kegiatan", TEXT, *pd], how="left", nulls_equal=True).drop(TEXT)
    tagged = lines.join(by_raw, on=on, how="left", nulls_equal=True, maintain_order="left")
    return Tagged(tagged.with_columns(hash_aturan=pl.lit(ruleset.digest)), stats)


def classify_text(text: str, code: str | None, ruleset: RuleSet, pd: str | None = None) -> dict[str, object]:
    """One text through the same path as the bulk classifier: the result columns as a dict."""
    frame = pl.DataFrame(
        {CODE: [code], TEXT: [text], PD: [pd]}, schema={CODE: pl.String, TEXT: pl.String, PD: pl.String}
    )
    frame = frame.with_columns(normalize_expr(pl.col(TEXT), ruleset.abbreviations).alias(TEXT))
    decided, _ = classify_keys(frame, ruleset)
    row = decided.row(0, named=True)
    return {name: row[name] for name in (TEXT, *RESULT_SCHEMA)}

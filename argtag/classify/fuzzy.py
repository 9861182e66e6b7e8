"""Fuzzy phrases for typos and local free text, on a shortlist only, and never decisive alone.

Only keys that no word or code rule decided are considered, and of those only the ones sharing two
distinctive word starts (first four letters) with some fuzzy phrase: the shortlist. rapidfuzz then
scores the shortlist against each fuzzy phrase in one call (``partial_ratio``: a phrase inside a
longer text, typos tolerated). A fuzzy hit always goes to review (``tinjau``).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl
from rapidfuzz import fuzz, process

from argtag.classify.conditions import TEXT, gate
from argtag.rules.model import RuleSet

# word starts too common in budget names to say anything about gender
COMMON = frozenset(
    {
        "bagi",
        "daer",
        "dala",
        "fasi",
        "kabu",
        "kegi",
        "koor",
        "kota",
        "masy",
        "pela",
        "pemb",
        "peme",
        "peng",
        "peni",
        "peny",
        "pers",
        "pras",
        "prog",
        "sara",
        "sert",
        "tena",
        "terh",
        "untu",
    }
)
_EMPTY = {"_k": pl.UInt32, "rule": pl.String, "bukti_aturan": pl.String, "score": pl.Float64}


def _starts(phrase: str) -> list[str]:
    """Distinctive word starts of a phrase: the first four letters of its uncommon words."""
    return sorted({f" {w[:4]}" for w in phrase.split() if len(w) >= 4 and w[:4] not in COMMON})


@lru_cache(maxsize=8)
def _fragments(phrases: tuple[str, ...]) -> tuple[pl.DataFrame, list[str]]:
    """(phrase, fragment, how many of its fragments a text needs) and the distinct fragments, once per rule set."""
    wanted = {p: _starts(p) for p in phrases if _starts(p)}
    pairs = pl.DataFrame(
        [(p, f, min(2, len(starts))) for p, starts in wanted.items() for f in starts],
        schema={"phrase": pl.String, "fragment": pl.String, "need": pl.Int64},
        orient="row",
    )
    return pairs, sorted(set(pairs["fragment"].to_list()))


def _shortlist(candidates: pl.DataFrame, phrases: tuple[str, ...]) -> pl.DataFrame:
    """Texts sharing with some fuzzy phrase two of its distinctive word starts (or its only one)."""
    pairs, fragments = _fragments(phrases)
    if pairs.height == 0:
        return candidates.clear()
    # relational, as words.py: one pass for all fragments, then (text, phrase) pairs counted
    found = candidates.select("_k", fragment=pl.col(TEXT).str.extract_many(fragments, overlapping=True))
    found = found.explode("fragment").unique()
    near = (
        found.join(pairs, on="fragment")
        .group_by("_k", "phrase")
        .agg(n=pl.len(), need=pl.col("need").first())
        .filter(pl.col("n") >= pl.col("need"))
    )
    return candidates.filter(pl.col("_k").is_in(near["_k"].implode()))


def fuzzy_hits(candidates: pl.DataFrame, ruleset: RuleSet) -> tuple[pl.DataFrame, int]:
    """(hits as key, rule, evidence, score; shortlist size)."""
    rules = [r for r in ruleset.rules if r.fuzzy]
    if not rules or candidates.height == 0:
        return pl.DataFrame(schema=_EMPTY), 0
    shortlist = _shortlist(candidates, tuple(phrase for rule in rules for phrase in rule.fuzzy))
    if shortlist.height == 0:
        return pl.DataFrame(schema=_EMPTY), 0
    texts = shortlist[TEXT].to_list()
    scored = [
        (rule, phrase, match)
        for rule in rules
        for phrase in rule.fuzzy
        for match in process.extract(
            phrase, texts, scorer=fuzz.partial_ratio, score_cutoff=rule.fuzzy_threshold, limit=None
        )
    ]
    if not scored:  # the usual case: the rules' conditions need not be looked at
        return pl.DataFrame(schema=_EMPTY), shortlist.height
    # with_columns, not select: a rule without code, scope or unless has a literal gate, which select
    # would leave as one row; with_columns broadcasts it to one value per shortlisted text
    ids = [rule.id for rule in rules]
    gates = (
        shortlist.with_columns([gate(rule).fill_null(False).alias(rule.id) for rule in rules])
        .select(ids)
        .to_dict(as_series=False)
    )
    keys = shortlist["_k"].to_list()
    rows = [
        (keys[j], rule.id, f"{rule.id}: mirip '{phrase}' (skor {score:.0f})", float(score))
        for rule, phrase, (_, score, j) in scored
        if gates[rule.id][j]
    ]
    if not rows:
        return pl.DataFrame(schema=_EMPTY), shortlist.height
    hits = pl.DataFrame(rows, schema=_EMPTY, orient="row")
    best = hits.sort("score", descending=True).unique(["_k", "rule"], keep="first", maintain_order=True)
    return best, shortlist.height

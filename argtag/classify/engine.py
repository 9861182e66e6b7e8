"""Classify distinct texts: word and code rules, then fuzzy phrases on a shortlist, then priorities.

Each distinct (normalised code, normalised name, PD) is classified once; callers join the result
back to their lines. Output columns (one row per distinct key): ``status`` (arg | bukan_arg |
tinjau), ``kategori``, ``bidang``, ``sasaran``, ``keyakinan``, ``aturan`` (deciding rule ids),
``bukti`` (matched words or fuzzy score per rule), ``diputuskan_oleh`` (aturan | fuzzy | konflik |
bawaan), ``konflik`` and ``terpicu`` (every rule that fired).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from argtag.classify.conditions import CODE, PD, TEXT
from argtag.classify.fuzzy import fuzzy_hits
from argtag.classify.words import word_hits
from argtag.codes import prefix
from argtag.rules.model import FROM_MAP, UNMAPPED, RuleSet

KEY = [CODE, TEXT, PD]
RESULT_SCHEMA = {
    "status": pl.String,
    "kategori": pl.String,
    "bidang": pl.String,
    "sasaran": pl.String,
    "keyakinan": pl.Float64,
    "aturan": pl.String,
    "bukti": pl.String,
    "diputuskan_oleh": pl.String,
    "konflik": pl.String,
    "terpicu": pl.String,
}
_CONFIDENCE = {"arg": 0.95, "bukan_arg": 0.95, "tinjau": 0.5}


@dataclass(frozen=True)
class Stats:
    distinct_texts: int
    word_hits: int
    fuzzy_shortlist: int
    fuzzy_hits: int


@lru_cache(maxsize=8)
def _meta(ruleset: RuleSet) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rule": [r.id for r in ruleset.rules],
            "priority": [r.priority for r in ruleset.rules],
            "decision": [r.decision for r in ruleset.rules],
            "category": [r.category for r in ruleset.rules],
            "rule_bidang": [r.bidang for r in ruleset.rules],
            "targeting": [r.targeting for r in ruleset.rules],
            "draft": [r.status == "draft" for r in ruleset.rules],
        },
        schema_overrides={"category": pl.String},
    )


def _decide(hits: pl.DataFrame, meta: pl.DataFrame) -> pl.DataFrame:
    """Per key: the highest priority wins; different outcomes at that priority are a conflict."""
    joined = hits.join(meta, on="rule")  # eager: for a few thousand hits the lazy planner costs more than it saves
    top = joined.filter(pl.col("priority") == pl.col("priority").max().over("_k"))
    outcome = pl.concat_str([pl.col("decision"), pl.col("category").fill_null("")], separator="/")
    per_key = (
        top.sort("_k", "rule")
        .group_by("_k", maintain_order=True)
        .agg(
            outcomes=outcome.n_unique(),
            decision=pl.col("decision").first(),
            kategori=pl.col("category").first(),
            rule_bidang=pl.col("rule_bidang").first(),
            sasaran=pl.col("targeting").first(),
            draft=pl.col("draft").any(),
            fuzzy=pl.col("score").is_not_null().all(),
            score=pl.col("score").max(),
            aturan=pl.col("rule").str.join(";"),
            bukti=pl.col("bukti_aturan").str.join(" | "),
        )
    )
    fired = joined.sort("_k", "rule").group_by("_k").agg(terpicu=pl.col("rule").str.join(";"))
    conflict = pl.col("outcomes") > 1
    confidence = pl.when(conflict).then(0.4).when(pl.col("fuzzy")).then(pl.col("score") / 100 * 0.6).otherwise(
        pl.col("decision").replace_strict(_CONFIDENCE, return_dtype=pl.Float64)
    ) * pl.when(pl.col("draft")).then(0.85).otherwise(1.0)
    return per_key.join(fired, on="_k").select(
        "_k",
        status=pl.when(conflict | pl.col("fuzzy")).then(pl.lit("tinjau")).otherwise(pl.col("decision")),
        kategori=pl.when(conflict | (pl.col("decision") != "arg") & ~pl.col("fuzzy")).then(None).otherwise("kategori"),
        rule_bidang=pl.when(conflict).then(None).otherwise("rule_bidang"),
        sasaran=pl.when(conflict | (pl.col("decision") != "arg")).then(None).otherwise("sasaran"),
        keyakinan=confidence.round(2),
        aturan="aturan",
        bukti="bukti",
        diputuskan_oleh=pl.when(conflict)
        .then(pl.lit("konflik"))
        .when(pl.col("fuzzy"))
        .then(pl.lit("fuzzy"))
        .otherwise(pl.lit("aturan")),
        konflik=pl.when(conflict).then("aturan").otherwise(None),
        terpicu="terpicu",
    )


def map_bidang(codes: pl.Expr, ruleset: RuleSet) -> pl.Expr:
    """Bidang of a code by the longest matching prefix of the bidang map, else ``tidak_terpetakan``."""
    candidates = []
    for segments in (5, 3, 2, 1):
        candidates.append(
            prefix(codes, segments).replace_strict(ruleset.bidang_map, default=None, return_dtype=pl.String)
        )
    return pl.coalesce(*candidates, pl.lit(UNMAPPED))


def classify_keys(keys: pl.DataFrame, ruleset: RuleSet) -> tuple[pl.DataFrame, Stats]:
    """``keys`` holds distinct ``_code, _text, _pd``; returns them with the result columns."""
    keys = keys.with_row_index("_k")
    meta = _meta(ruleset)
    words = word_hits(keys, ruleset)
    fuzzy, shortlist = fuzzy_hits(keys.join(words.select("_k"), on="_k", how="anti"), ruleset)
    hits = pl.concat([words, fuzzy], how="vertical_relaxed")
    decisions = _decide(hits, meta) if hits.height else pl.DataFrame(schema={"_k": pl.UInt32})
    joined = keys.join(decisions, on="_k", how="left")

    def column(name: str) -> pl.Expr:
        return pl.col(name) if name in joined.columns else pl.lit(None, RESULT_SCHEMA.get(name, pl.String))

    rule_bidang = column("rule_bidang")
    filled = {
        "status": column("status").fill_null("bukan_arg"),
        "bidang": pl.when(rule_bidang.is_not_null() & (rule_bidang != FROM_MAP))
        .then(rule_bidang)
        .otherwise(map_bidang(pl.col(CODE), ruleset)),
        "keyakinan": column("keyakinan").fill_null(0.8),
        "diputuskan_oleh": column("diputuskan_oleh").fill_null("bawaan"),
        "aturan": column("aturan").fill_null(""),
        "bukti": column("bukti").fill_null(""),
        "terpicu": column("terpicu").fill_null(""),
    }
    result = joined.select(*KEY, *[filled.get(n, column(n)).cast(t).alias(n) for n, t in RESULT_SCHEMA.items()])
    stats = Stats(keys.height, words["_k"].n_unique(), shortlist, fuzzy["_k"].n_unique())
    return result, stats

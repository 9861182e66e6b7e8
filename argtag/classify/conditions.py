"""A rule's conditions as polars expressions over normalised, space-padded text and normalised codes."""

from __future__ import annotations

import re

import polars as pl

from argtag.rules.model import Rule

TEXT, CODE, PD = "_text", "_code", "_pd"


def code_prefix(column: str, prefix: str) -> pl.Expr:
    """Whole-segment prefix match; a ``*`` segment matches any one segment.

    ``"2.08.02"`` matches ``2.08.02`` and ``2.08.02.2.01.0003`` but not ``2.08.021``.
    """
    col = pl.col(column)
    if "*" not in prefix:
        return (col == prefix) | col.str.starts_with(prefix + ".")
    pattern = r"\.".join("[^.]+" if seg == "*" else re.escape(seg) for seg in prefix.split("."))
    return col.str.contains(f"^{pattern}(\\.|$)")


def any_prefix(column: str, prefixes: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal([code_prefix(column, p) for p in prefixes]).fill_null(False)


def padded(phrases: tuple[str, ...]) -> list[str]:
    return [f" {p} " for p in phrases]


def gate(rule: Rule) -> pl.Expr:
    """Everything but the words: code prefixes, scope and ``unless``."""
    cond = pl.lit(True)
    if rule.code_prefixes:
        cond = cond & any_prefix(CODE, rule.code_prefixes)
    for scope, values in rule.scope.items():
        if values:
            cond = cond & any_prefix(PD if scope == "pd" else CODE, values)
    if rule.unless:
        cond = cond & ~pl.col(TEXT).str.contains_any(padded(rule.unless))
    return cond


def words(rule: Rule) -> pl.Expr:
    """The any-of and all-of words; true when the rule has none (a pure code rule)."""
    cond = pl.lit(True)
    if rule.any:
        cond = cond & pl.col(TEXT).str.contains_any(padded(rule.any))
    for phrase in rule.all:
        cond = cond & pl.col(TEXT).str.contains(f" {phrase} ", literal=True)
    return cond


def fires(rule: Rule) -> pl.Expr:
    """The word stage: a rule fires when all its conditions hold; fuzzy-only rules never fire here."""
    if not (rule.code_prefixes or rule.has_words):
        return pl.lit(False)
    return (gate(rule) & words(rule)).fill_null(False)


def matched_words(rule: Rule) -> pl.Expr:
    """The rule's phrases found in the text, for the evidence column."""
    phrases = padded(rule.any + rule.all)
    if not phrases:
        return pl.lit([], dtype=pl.List(pl.String))
    return pl.col(TEXT).str.extract_many(phrases, overlapping=True).list.eval(pl.element().str.strip_chars())

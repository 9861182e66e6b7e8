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


def code_gate(rule: Rule) -> pl.Expr:
    """The code prefixes and the scope; true for a rule that has neither."""
    cond = pl.lit(True)
    if rule.code_prefixes:
        cond = cond & any_prefix(CODE, rule.code_prefixes)
    for scope, values in rule.scope.items():
        if values:
            cond = cond & any_prefix(PD if scope == "pd" else CODE, values)
    return cond


def gate(rule: Rule) -> pl.Expr:
    """Everything but the words: code prefixes, scope and ``unless``."""
    if rule.unless:
        return code_gate(rule) & ~pl.col(TEXT).str.contains_any(padded(rule.unless))
    return code_gate(rule)

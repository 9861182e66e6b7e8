"""The drill-down rows of index.html (PD -> sub-kegiatan -> deciding rule) as HTML, built for all rows at once.

A province's review has tens of thousands of PD x sub-kegiatan items; one template loop iteration per item
cost more than reading the export. Here every row is one polars string concatenation of escaped fields, and
the pieces that need Python (the name with the matched words marked, the rules' notes, the rupiah text) are
computed once per distinct value. The markup is what the template around it expects: one ``<tr>`` per item,
in the order given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import polars as pl
from markupsafe import escape

from argtag.money import format_rupiah
from argtag.report.labels import DECIDED_BY_TEXT, STATUS_TEXT
from argtag.rules.model import RuleSet

_HTML_SPECIAL = ["&", "<", ">", '"', "'"]
_HTML_ESCAPED = ["&amp;", "&lt;", "&gt;", "&#34;", "&#39;"]  # as jinja2's autoescape (markupsafe) writes them


def _words(evidence: str) -> list[str]:
    """The matched words in an evidence text ``RULE: w1, w2 | RULE2: kode ...``."""
    words = []
    for part in evidence.split(" | "):
        _, _, found = part.partition(": ")
        if found.startswith(("kode ", "mirip ", "Keputusan peninjau")):
            continue
        words += [w.strip() for w in found.split(",") if w.strip()]
    return words


@lru_cache(maxsize=4096)
def _pattern(evidence: str) -> re.Pattern[str] | None:
    """The matched words as one pattern that finds a match at every start position (a lookahead), so that
    overlapping words ("kesehatan ibu", "ibu hamil") are all found, not only the first of them."""
    words = sorted(set(_words(evidence)), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?=\b(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b)", re.I)


def highlight(text: str, evidence: str) -> list[tuple[str, bool]]:
    """The name cut into (piece, matched) so that matched words can be marked without trusting the name.

    Matches that overlap or touch are one piece:

    >>> highlight("Pelayanan Kesehatan Ibu Hamil", "KES: ibu hamil, kesehatan ibu")
    [('Pelayanan ', False), ('Kesehatan Ibu Hamil', True)]
    """
    pattern = _pattern(evidence)
    if pattern is None or not text:
        return [(text or "", False)]
    spans: list[list[int]] = []
    for match in pattern.finditer(text):  # in order of start
        start, end = match.span(1)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in spans:
        if start > last:
            pieces.append((text[last:start], False))
        pieces.append((text[start:end], True))
        last = end
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def marked_name(text: str | None, evidence: str | None) -> str:
    """The name as escaped HTML with the matched words in ``<mark>``."""
    return "".join(
        f"<mark>{escape(piece)}</mark>" if hit else str(escape(piece))
        for piece, hit in highlight(text or "", evidence or "")
    )


def rule_notes(ruleset: RuleSet, ids: str | None) -> str:
    """One ``<div class="rule">`` per deciding rule: id, title, rationale and reference."""
    notes = []
    for rule_id in (i for i in (ids or "").split(";") if i and i != "peninjau"):
        rule = ruleset.by_id(rule_id)
        reference = f" Rujukan: {escape(rule.reference)}" if rule.reference else ""
        notes.append(
            f'<div class="rule"><strong>{escape(rule.id)}</strong> {escape(rule.title)}<br>'
            f'<span class="small">{escape(rule.rationale)}{reference}</span></div>'
        )
    return "".join(notes)


def _escaped(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).fill_null("").str.replace_many(_HTML_SPECIAL, _HTML_ESCAPED)


def _by_distinct(items: pl.DataFrame, inputs: list[str], make: Callable[..., str]) -> pl.Series:
    """``make(*values)`` once per distinct combination of ``inputs``, as a column aligned with ``items``."""
    distinct = items.select(inputs).unique(maintain_order=True)
    made = pl.Series("_made", [make(*row) for row in distinct.iter_rows()], dtype=pl.String)
    joined = items.select(inputs).join(
        distinct.with_columns(made), on=inputs, how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["_made"]


def drill_rows(items: pl.DataFrame, ruleset: RuleSet) -> pl.Series:
    """One ``<tr>`` per item (PD x sub-kegiatan, columns of ``html._subkegiatan``), in the items' order."""
    pieces = items.with_columns(
        _name=_by_distinct(items, ["nama_sub_kegiatan", "bukti"], marked_name),
        _rules=_by_distinct(items, ["aturan"], lambda ids: rule_notes(ruleset, ids)),
        _pagu=_by_distinct(items, ["pagu"], format_rupiah),
    )
    status = pl.col("status")
    units = pl.col("sub_unit")
    kategori = pl.col("kategori")
    row = pl.concat_str(
        pl.lit('<tr class="st-'),
        _escaped(status),
        pl.lit('"><td>'),
        _escaped(pl.col("kode_sub_kegiatan")),
        pl.lit(" "),
        pl.col("_name"),
        pl.when(units > 1)
        .then(pl.concat_str(pl.lit(' <span class="small">('), units.cast(pl.String), pl.lit(" sub unit)</span>")))
        .otherwise(pl.lit("")),
        pl.lit("</td>\n      <td>"),
        _escaped(status.replace_strict(STATUS_TEXT, return_dtype=pl.String)),
        pl.when(kategori.fill_null("") != "")
        .then(pl.concat_str(pl.lit(" &middot; "), _escaped(kategori)))
        .otherwise(pl.lit("")),
        pl.lit(" &middot; "),
        _escaped(pl.col("bidang").str.replace_all("_", " ", literal=True)),
        pl.lit('</td><td class="num">'),
        _escaped(pl.col("_pagu")),
        pl.lit("</td>\n      <td>"),
        _escaped(pl.col("diputuskan_oleh").replace_strict(DECIDED_BY_TEXT, return_dtype=pl.String)),
        pl.col("_rules"),
        pl.when(pl.col("diputuskan_oleh") == "peninjau")
        .then(pl.concat_str(pl.lit('<div class="rule">'), _escaped(pl.col("bukti")), pl.lit("</div>")))
        .otherwise(pl.lit("")),
        pl.lit("</td></tr>"),
    )
    return pieces.select(row.alias("html"))["html"]


def drill_by_pd(items: pl.DataFrame, ruleset: RuleSet) -> dict[Any, str]:
    """Every PD's drill-down rows as one HTML string, keyed by ``kode_skpd``, rows in the items' order."""
    rows = items.select("kode_skpd").with_columns(drill_rows(items, ruleset))
    grouped = rows.group_by("kode_skpd", maintain_order=True).agg(pl.col("html").str.join(""))
    return dict(zip(grouped["kode_skpd"].to_list(), grouped["html"].to_list(), strict=True))

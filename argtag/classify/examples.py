"""Run every rule's examples through the whole rule set: the rule maintainers' test suite."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from argtag.classify.conditions import CODE, PD, TEXT
from argtag.classify.engine import classify_keys
from argtag.rules.model import Example, Rule, RuleSet
from argtag.text import normalize_expr

KINDS = ("match", "no_match", "known_misses")


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    kind: str  # match | no_match | known_misses
    example: Example
    ok: bool
    status: str
    deciding: str
    fired: str

    def message(self) -> str:
        given = [(label, value) for label, value in (("kode", self.example.code), ("PD", self.example.pd)) if value]
        code = f" ({', '.join(f'{label} {value}' for label, value in given)})" if given else ""
        got = f"hasil: {self.status}, diputuskan {self.deciding or '-'}, terpicu {self.fired or '-'}"
        if self.kind == "match":
            want = f"harus diputuskan {self.rule.id} dengan status {expected_status(self.rule)}"
        elif self.kind == "no_match":
            want = f"{self.rule.id} tidak boleh terpicu"
        else:
            want = f"dikenal belum cocok untuk {self.rule.id}" + (
                "" if self.ok else "; kini sudah cocok: pindahkan ke 'match'"
            )
        hint = ""
        if not self.ok and self.kind == "match" and self.rule.scope.get("pd") and not self.example.pd:
            hint = '; aturan ini dibatasi scope.pd: tulis contoh sebagai { text = "...", code = "...", pd = "..." }'
        return f"'{self.example.text}'{code}: {want}; {got}{hint}"


def expected_status(rule: Rule) -> str:
    """A rule with only fuzzy phrases can never decide alone: its matches go to review."""
    if not (rule.code_prefixes or rule.has_words):
        return "tinjau"
    return rule.decision


def all_examples(ruleset: RuleSet) -> list[tuple[Rule, str, Example]]:
    return [
        (rule, kind, example)
        for rule in ruleset.rules
        for kind in KINDS
        for example in getattr(rule, {"match": "match_examples", "no_match": "no_match_examples"}.get(kind, kind))
    ]


def failed_examples(ruleset: RuleSet) -> int:
    """How many ``match`` and ``no_match`` examples fail (what makes ``argtag rules test`` exit 1)."""
    return sum(1 for r in run_examples(ruleset) if not r.ok and r.kind != "known_misses")


def run_examples(ruleset: RuleSet) -> list[ExampleResult]:
    """Classify all examples in one vectorised pass and judge each."""
    cases = all_examples(ruleset)
    frame = pl.DataFrame(
        {CODE: [e.code for _, _, e in cases], TEXT: [e.text for _, _, e in cases], PD: [e.pd for _, _, e in cases]},
        schema={CODE: pl.String, TEXT: pl.String, PD: pl.String},
    ).with_columns(normalize_expr(pl.col(TEXT), ruleset.abbreviations).alias(TEXT))
    decided, _ = classify_keys(frame.unique(maintain_order=True), ruleset)
    results = frame.join(decided, on=[CODE, TEXT, PD], how="left", nulls_equal=True, maintain_order="left")
    out = []
    for (rule, kind, example), row in zip(cases, results.iter_rows(named=True), strict=True):
        deciding = set(row["aturan"].split(";")) if row["aturan"] else set()
        fired = set(row["terpicu"].split(";")) if row["terpicu"] else set()
        matched = rule.id in deciding and row["status"] == expected_status(rule)
        ok = {"match": matched, "no_match": rule.id not in fired, "known_misses": not matched}[kind]
        out.append(ExampleResult(rule, kind, example, ok, row["status"], row["aturan"], row["terpicu"]))
    return out

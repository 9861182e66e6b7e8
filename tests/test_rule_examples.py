"""One test per example of every shipped rule (rules/*.toml), like ``argtag rules test``."""

from __future__ import annotations

import pytest

from argtag.classify.examples import ExampleResult, run_examples
from argtag.rules.load import check_rules, load_ruleset
from tests.conftest import ROOT

RULES = ROOT / "rules"
RESULTS = run_examples(load_ruleset(RULES))


def test_shipped_rules_check_clean() -> None:
    _, problems = check_rules(RULES)
    assert [p.describe() for p in problems if p.severity == "galat"] == []


@pytest.mark.parametrize(
    "result",
    [r for r in RESULTS if r.kind != "known_misses"],
    ids=lambda r: f"{r.rule.id}-{r.kind}-{r.example.text[:40]}",
)
def test_rule_example(result: ExampleResult) -> None:
    assert result.ok, result.message()

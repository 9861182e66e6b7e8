"""One test per example of every shipped rule (rules/*.toml), like ``argtag rules test``."""

from __future__ import annotations

import json
import re

import pytest

from argtag.classify.examples import ExampleResult, run_examples
from argtag.rules.load import check_rules, load_ruleset
from tests.conftest import ROOT, run

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


def test_references_shown_to_readers_cite_no_file_outside_the_repository() -> None:
    # a rule's reference is printed by 'argtag explain' and in every index.html drill-down: it must name a
    # regulation or a reason a TAPD reader can use, not a path to notes that are not shipped
    explained = run("explain", "--json", "--rules", str(RULES), "Pengelolaan program Kampung KB")
    assert explained.exit_code == 0, explained.output
    cited = {rule["id"]: rule["rujukan"] for rule in json.loads(explained.stdout)["terpicu"]}
    assert cited["TJ-KB-PROGRAM"].startswith("Layanan KB (kontrasepsi, KB pria) ARG; pengelolaan program KB lainnya")
    files = re.compile(r"[\w./-]+\.(?:md|toml|csv|py)\b")
    for rule in load_ruleset(RULES).rules:
        assert not files.findall(rule.reference), f"{rule.id}: {rule.reference}"
    readme = (RULES / "README.md").read_text(encoding="utf-8")
    for path in re.findall(r"docs/[\w.-]+\.md", readme) + re.findall(r"\bdomain\.md", readme):
        assert (ROOT / path).is_file(), f"rules/README.md cites {path}, which is not in the repository"

"""The rule set as plain, validated data: what the classifier needs and nothing it must re-check."""

from __future__ import annotations

from dataclasses import dataclass, field

DECISIONS = ("arg", "tinjau", "bukan_arg")
CATEGORIES = ("khusus", "kesetaraan", "pelembagaan")
BIDANG = ("politik", "hukum", "sosial", "ekonomi")
UNMAPPED = "tidak_terpetakan"
FROM_MAP = "peta"
STATUSES = ("draft", "stable")
TARGETING = ("targeted", "universal")
SCOPES = ("urusan", "bidang_urusan", "pd")


@dataclass(frozen=True)
class Example:
    text: str
    code: str | None = None
    pd: str | None = None  # the PD's code, for rules scoped by PD


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    decision: str
    category: str | None
    bidang: str
    targeting: str
    status: str
    priority: int
    rationale: str
    reference: str
    gender_issue: str
    code_prefixes: tuple[str, ...] = ()
    any: tuple[str, ...] = ()  # normalised phrases
    all: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    fuzzy: tuple[str, ...] = ()
    fuzzy_threshold: float = 88.0
    scope: dict[str, tuple[str, ...]] = field(default_factory=dict)
    match_examples: tuple[Example, ...] = ()
    no_match_examples: tuple[Example, ...] = ()
    known_misses: tuple[Example, ...] = ()
    file: str = ""
    line: int | None = None

    @property
    def has_words(self) -> bool:
        return bool(self.any or self.all)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the classifier caches what it derives per rule set
class RuleSet:
    rules: tuple[Rule, ...]
    abbreviations: dict[str, str]
    bidang_map: dict[str, str]  # code prefix -> bidang
    digest: str  # sha256 of the rule files: recorded with every result

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

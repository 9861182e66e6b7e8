"""Read ``rules/*.toml`` into a validated :class:`RuleSet`, or say precisely what is wrong and where.

Problems name the file, the line and the rule id, and give the fix (the nearest valid key, the
valid options). Only problems of severity ``galat`` stop a run; ``peringatan`` are shown by
``argtag rules check``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from argtag import toml_file
from argtag.errors import ArgtagError, Location, display_path
from argtag.rules.model import (
    BIDANG,
    CATEGORIES,
    DECISIONS,
    FROM_MAP,
    SCOPES,
    STATUSES,
    TARGETING,
    Example,
    Rule,
    RuleSet,
)
from argtag.text import normalize_many
from argtag.toml_file import TomlProblem

ABBREVIATIONS_FILE = "abbreviations.toml"
BIDANG_MAP_FILE = "bidang_map.toml"
KEY_NOUNS = {"abbreviations": "singkatan", "synonyms": "sinonim", "bidang": "awalan kode"}  # a key twice, by table
RULE_KEYS = (
    "id",
    "title",
    "status",
    "decision",
    "category",
    "bidang",
    "targeting",
    "priority",
    "rationale",
    "reference",
    "gender_issue",
    "match",
    "examples",
)
MATCH_KEYS = ("code_prefixes", "any", "all", "fuzzy", "fuzzy_threshold", "unless", "scope")
EXAMPLE_KEYS = ("match", "no_match", "known_misses")
EXAMPLE_FIELDS = ("text", "code", "pd")  # of an example written as a table
PHRASE_KEYS = ("any", "all", "unless", "fuzzy")
TEXT_KEYS = ("rationale", "reference", "gender_issue")
BUNDLED_RULES = Path(__file__).resolve().parent.parent.parent / "rules"  # the rule set shipped with argtag
_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,40}$")
_PREFIX = re.compile(r"^([0-9]{1,2}|X|\*)(\.([0-9X]{1,4}|\*))*$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    rule_id: str | None
    message: str
    hint: str = ""
    severity: str = "galat"  # galat | peringatan
    column: int | None = None  # of a TOML syntax error

    def describe(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "")
        rule = f" [{self.rule_id}]" if self.rule_id else ""
        hint = f" Saran: {self.hint}" if self.hint else ""
        return f"{where}{rule}: {self.severity}: {self.message}.{hint}"


def default_rules_dir() -> Path:
    """Without --rules: ./rules when it holds any .toml file (an incomplete set is then reported, not passed
    over), else the rules/ folder shipped beside the package."""
    local = Path("rules")
    if local.is_dir() and any(local.glob("*.toml")):
        return local
    return BUNDLED_RULES


def _nearest(word: str, options: tuple[str, ...] | list[str]) -> str:
    close = get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"mungkin maksud Anda '{close[0]}'?" if close else f"kunci yang sah: {', '.join(options)}"


class _Reader:
    """Validates one rules folder, collecting problems instead of stopping at the first."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.abbreviations: dict[str, str] = {}
        # phrases as written, with the rule's reporter and key for one that normalises to nothing
        self.raw_phrases: list[tuple[str, Callable[[str, str], None], str]] = []
        # each rule's reporter (``bad`` of :meth:`read_rule`), by the rule object as read
        self.reporters: dict[int, Callable[..., None]] = {}

    def problem(
        self,
        file: str,
        line: int | None,
        rule_id: str | None,
        message: str,
        hint: str = "",
        severity: str = "galat",
        column: int | None = None,
    ) -> None:
        self.problems.append(Problem(file, line, rule_id, message, hint, severity, column))

    def toml(self, path: Path) -> tuple[dict[str, Any], list[str]] | None:
        try:
            return toml_file.read(path, KEY_NOUNS)
        except TomlProblem as problem:
            self.problem(display_path(path), problem.line, None, problem.message, problem.hint, column=problem.column)
            return None

    def table(self, name: str, lines: list[str], data: dict[str, Any], key: str) -> dict[str, Any]:
        """``data[key]`` if it is a table (or absent); another shape is a problem and reads as empty."""
        value = data.get(key, {})
        if isinstance(value, dict):
            return value
        self.problem(
            name,
            _top_line(lines, key),
            None,
            f"'{key}' harus berupa tabel [{key}], bukan {_kind(value)}",
            f"tulis [{key}] (satu kurung siku) lalu satu baris 'kunci = \"nilai\"' per isian",
        )
        return {}

    def read_abbreviations(self, path: Path) -> None:
        parsed = self.toml(path)
        if parsed is None:
            return
        data, lines = parsed
        name = display_path(path)
        for key in data:
            if key not in ("abbreviations", "synonyms"):
                self.problem(
                    name,
                    _line_of(lines, rf"^\s*\[{re.escape(key)}\]"),
                    None,
                    f"tabel '{key}' tidak dikenal",
                    _nearest(key, ("abbreviations", "synonyms")),
                )
        entries = [
            (short, long, _line_of(lines, rf"^\s*\"?{re.escape(short)}\"?\s*="))
            for table in ("abbreviations", "synonyms")
            for short, long in self.table(name, lines, data, table).items()
        ]
        texts = [short for short, _, _ in entries] + [str(long) for _, long, _ in entries]
        normal = dict(zip(texts, normalize_many(texts), strict=True))
        for short, long, line in entries:
            if not isinstance(long, str) or not normal[long]:
                self.problem(name, line, None, f"kepanjangan '{short}' kosong atau bukan teks")
                continue
            key = normal[short]
            if not key or key != short.lower().strip():
                self.problem(
                    name,
                    line,
                    None,
                    f"singkatan '{short}' harus huruf kecil tanpa tanda baca",
                    f"tulis sebagai '{key}'",
                )
            self.abbreviations[key] = normal[long]

    def read_bidang_map(self, path: Path) -> dict[str, str]:
        parsed = self.toml(path)
        result: dict[str, str] = {}
        if parsed is None:
            return result
        data, lines = parsed
        name = display_path(path)
        for prefix, bidang in self.table(name, lines, data, "bidang").items():
            line = _line_of(lines, rf"^\s*\"{re.escape(prefix)}\"\s*=")
            if not _PREFIX.match(prefix):
                self.problem(name, line, None, f"awalan kode '{prefix}' tidak sah", 'contoh awalan: "2.08", "2.08.03"')
            elif bidang not in BIDANG:
                self.problem(name, line, None, f"bidang '{bidang}' tidak dikenal", _nearest(str(bidang), BIDANG))
            else:
                result[prefix] = bidang
        return result

    def read_rules(self, path: Path) -> list[Rule]:
        parsed = self.toml(path)
        if parsed is None:
            return []
        data, lines = parsed
        name = display_path(path)
        for key in data:
            if key != "rule":
                self.problem(
                    name,
                    _top_line(lines, key),
                    None,
                    f"kunci tingkat atas '{key}' tidak dikenal",
                    "aturan ditulis sebagai [[rule]]",
                )
        tables = data.get("rule", [])
        if tables == [] and set(data) <= {"rule"}:
            self.problem(
                name,
                None,
                None,
                "berkas aturan kosong: tidak ada [[rule]], jadi berkas ini tidak menambah aturan apa pun",
                "isi berkas dengan aturan [[rule]] (pulihkan dari cadangan bila penyimpanan gagal) "
                "atau hapus berkasnya",
                "peringatan",
            )
        if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
            written = "tabel [rule] (satu kurung siku)" if isinstance(tables, dict) else _kind(tables)
            if isinstance(tables, list):
                written = "daftar berisi " + ", ".join(sorted({_kind(t) for t in tables if not isinstance(t, dict)}))
            self.problem(
                name,
                _top_line(lines, "rule"),
                None,
                f"'rule' harus berupa daftar aturan [[rule]], bukan {written}",
                "tulis [[rule]] (dua kurung siku) untuk setiap aturan",
            )
            return []
        starts = [i + 1 for i, text in enumerate(lines) if re.match(r"^\s*\[\[rule\]\]", text)]
        rules = []
        for index, table in enumerate(tables):
            start = starts[index] if index < len(starts) else None
            rule = self.read_rule(name, lines, start, table)
            if rule is not None:
                rules.append(rule)
        return rules

    def read_rule(self, name: str, lines: list[str], start: int | None, table: dict[str, Any]) -> Rule | None:
        rule_id = str(table.get("id", ""))

        def where(key: str) -> int | None:
            return _line_of(lines, rf"^\s*{re.escape(key)}\s*=", start) or start

        def bad(key: str, message: str, hint: str = "", severity: str = "galat") -> None:
            self.problem(name, where(key), rule_id or None, message, hint, severity)

        for key, allowed in ((None, RULE_KEYS), ("match", MATCH_KEYS), ("examples", EXAMPLE_KEYS)):
            section = table if key is None else table.get(key, {})
            if not isinstance(section, dict):
                bad(str(key), f"'{key}' harus berupa tabel")
                return None
            for found in section:
                if found not in allowed:
                    bad(found, f"kunci '{found}' tidak dikenal", _nearest(found, allowed))
        if not _ID.match(rule_id):
            bad(
                "id", f"id aturan '{rule_id}' tidak sah", "gunakan huruf besar, angka dan '-', misalnya 'KES-IBU-HAMIL'"
            )
        choice = {"decision": DECISIONS, "status": STATUSES, "targeting": TARGETING}
        values = {"decision": "arg", "status": "draft", "targeting": "targeted"}
        for key, options in choice.items():
            value = str(table.get(key, values[key]))
            if value not in options:
                bad(key, f"{key} '{value}' tidak dikenal", f"pilihan: {', '.join(options)}")
            values[key] = value
        category = table.get("category")
        if values["decision"] == "arg" and category is None:
            bad(
                "category",
                'aturan ARG (decision = "arg", juga bila decision tidak ditulis) wajib punya category',
                f'tambahkan category = "..." dengan salah satu pilihan: {", ".join(CATEGORIES)}',
            )
        elif values["decision"] == "arg" and category not in CATEGORIES:
            bad("category", f"kategori ARG '{category}' tidak sah", f"pilihan: {', '.join(CATEGORIES)}")
        bidang = str(table.get("bidang", FROM_MAP))
        if bidang not in (*BIDANG, FROM_MAP):
            bad("bidang", f"bidang '{bidang}' tidak dikenal", f"pilihan: {', '.join((*BIDANG, FROM_MAP))}")
        priority = table.get("priority", 50)
        if not isinstance(priority, int):
            bad("priority", "priority harus bilangan bulat")
            priority = 50
        for key in ("id", "title", "status", "decision", "category", "bidang", "targeting", *TEXT_KEYS):
            if key in table and not isinstance(table[key], str):
                bad(key, f"'{key}' harus berupa teks, bukan {_kind(table[key])}", f'tulis {key} = "..."')
        for key in ("title", "rationale"):
            if not str(table.get(key, "")).strip():
                bad(key, f"'{key}' wajib diisi", "jelaskan aturan dalam Bahasa Indonesia")
        match = dict(table.get("match", {}))
        phrases = {k: self.phrases(match.get(k, []), bad, k) for k in PHRASE_KEYS}
        prefixes = self.texts(match.get("code_prefixes", []), bad, "code_prefixes")
        for prefix in prefixes:
            if not _PREFIX.match(prefix):
                bad("code_prefixes", f"awalan kode '{prefix}' tidak sah", 'contoh: "2.08.02", "*.*.01", "X.XX.01"')
        scope: dict[str, tuple[str, ...]] = {}
        scopes = match.get("scope", {})
        if not isinstance(scopes, dict):
            bad("scope", f"'scope' harus berupa tabel, bukan {_kind(scopes)}", 'misalnya scope = { urusan = ["1"] }')
            scopes = {}
        for key, values_ in scopes.items():
            if key not in SCOPES:
                bad("scope", f"cakupan '{key}' tidak dikenal", _nearest(key, SCOPES))
            else:
                scope[key] = self.texts(values_, bad, f"scope.{key}")
        if not (prefixes or phrases["any"] or phrases["all"] or phrases["fuzzy"]):
            bad("match", "aturan tanpa syarat (code_prefixes, any, all atau fuzzy)", "tambahkan [rule.match]")
        examples = dict(table.get("examples", {}))
        parsed = {k: self.examples(examples.get(k, []), bad, k) for k in EXAMPLE_KEYS}
        if not parsed["match"] or not parsed["no_match"]:
            bad(
                "examples",
                "aturan tanpa contoh 'match' dan 'no_match'",
                "tambahkan [rule.examples] dengan contoh yang harus dan tidak boleh cocok",
                "galat" if values["status"] == "stable" else "peringatan",
            )
        threshold = match.get("fuzzy_threshold", 88)
        if not isinstance(threshold, int | float) or not 50 <= threshold <= 100:
            bad("fuzzy_threshold", "fuzzy_threshold harus angka 50-100")
            threshold = 88
        rule = Rule(
            id=rule_id,
            title=str(table.get("title", "")),
            decision=values["decision"],
            category=str(category) if category else None,
            bidang=bidang,
            targeting=values["targeting"],
            status=values["status"],
            priority=priority,
            rationale=str(table.get("rationale", "")),
            reference=str(table.get("reference", "")),
            gender_issue=str(table.get("gender_issue", "")),
            code_prefixes=prefixes,
            any=phrases["any"],
            all=phrases["all"],
            unless=phrases["unless"],
            fuzzy=phrases["fuzzy"],
            fuzzy_threshold=float(threshold),
            scope=scope,
            match_examples=parsed["match"],
            no_match_examples=parsed["no_match"],
            known_misses=parsed["known_misses"],
            file=name,
            line=start,
        )
        self.reporters[id(rule)] = bad
        return rule

    def texts(self, raw: object, bad: Any, key: str, example: str = '"2.08.02"') -> tuple[str, ...]:
        """A list of texts as written; another shape is a problem and reads as empty."""
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            shape = (
                _kind(raw)
                if not isinstance(raw, list)
                else "daftar yang memuat "
                + ", ".join(sorted({_kind(item) for item in raw if not isinstance(item, str)}))
            )
            bad(key.split(".")[0], f"'{key}' harus berupa daftar teks, misalnya [{example}], bukan {shape}")
            return ()
        return tuple(raw)

    def phrases(self, raw: object, bad: Any, key: str) -> tuple[str, ...]:
        """The phrases as written; :meth:`normalized` turns them into matching form, all in one query."""
        out = self.texts(raw, bad, key, '"ibu hamil"')
        self.raw_phrases += [(phrase, bad, key) for phrase in out]
        return out

    def normalized(self, rules: list[Rule]) -> list[Rule]:
        """Every rule with its phrases normalised (abbreviations expanded); empty ones reported and dropped."""
        texts = sorted({phrase for phrase, _, _ in self.raw_phrases})
        normal = dict(zip(texts, normalize_many(texts, self.abbreviations), strict=True))
        for phrase, bad, key in self.raw_phrases:
            if not normal[phrase]:
                bad(key, f"frasa '{phrase}' kosong setelah dinormalkan")

        def norm(phrases: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(normal[p] for p in phrases if normal[p])

        out = [
            replace(rule, any=norm(rule.any), all=norm(rule.all), unless=norm(rule.unless), fuzzy=norm(rule.fuzzy))
            for rule in rules
        ]
        for written, rule in zip(rules, out, strict=True):
            for message, hint in _never_fires(rule):
                self.reporters[id(written)]("unless", message, hint, "peringatan")
        return out

    def examples(self, raw: object, bad: Any, key: str) -> tuple[Example, ...]:
        if not isinstance(raw, list):
            bad("examples", f"contoh '{key}' harus berupa daftar")
            return ()
        out = []
        for item in raw:
            if isinstance(item, str):
                out.append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                example = self.example(item, bad, key)
                if example is not None:
                    out.append(example)
            else:
                bad(key, f'contoh {item!r} harus teks atau {{ text = "...", code = "...", pd = "..." }}')
        return tuple(out)

    def example(self, item: dict[str, Any], bad: Any, key: str) -> Example | None:
        """``{ text, code, pd }``: every key known, code and PD as text; a bad example is reported and left out."""
        ok = True
        for found in item:
            if found not in EXAMPLE_FIELDS:
                bad(key, f"kunci contoh '{found}' tidak dikenal", _nearest(found, EXAMPLE_FIELDS))
                ok = False
        for field in ("code", "pd"):
            value = item.get(field)
            if value is not None and not isinstance(value, str):
                bad(key, f"'{field}' dalam contoh harus berupa teks, bukan {_kind(value)}", f'tulis {field} = "..."')
                ok = False
        if not ok:
            return None
        return Example(item["text"], item.get("code") or None, item.get("pd") or None)


def _never_fires(rule: Rule) -> list[tuple[str, str]]:
    """Warnings for phrases that can never make the rule fire, as matching sees them (normalised, whole words): a
    text holding an ``all`` phrase, or an ``any`` phrase, that contains an ``unless`` phrase is always excluded."""
    out = []
    for key in ("all", "any"):
        phrases = getattr(rule, key)
        blocked = {p: u for p in phrases for u in rule.unless if f" {u} " in f" {p} "}
        whole = key == "all" or len(blocked) == len(phrases)
        for phrase, unless in blocked.items():
            how = "ada juga di unless" if phrase == unless else f"memuat frasa unless '{unless}'"
            effect = "aturan ini tidak akan pernah terpicu" if whole else "frasa ini tidak akan pernah memicu aturan"
            out.append(
                (
                    f"frasa {key} '{phrase}' {how} (setelah dinormalkan): {effect}",
                    f"hapus '{unless}' dari unless atau "
                    + (f"dari {key}" if phrase == unless else f"'{phrase}' dari {key}"),
                )
            )
    return out


def _kind(value: object) -> str:
    """What a TOML value is, in the words of rules/README.md."""
    if isinstance(value, dict):
        return "tabel"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, bool):
        return "nilai benar/salah"
    if isinstance(value, int | float):
        return "angka"
    return "tanggal/waktu"


def _top_line(lines: list[str], key: str) -> int | None:
    """The line where a top-level key is written: ``[key]``, ``[[key]]``, ``[key.sub]`` or ``key = ...``."""
    name = re.escape(key)
    return _line_of(lines, rf"^\s*\[\[?\s*\"?{name}\"?\s*[\].]") or _line_of(lines, rf"^\s*\"?{name}\"?\s*=")


def _line_of(lines: list[str], pattern: str, start: int | None = None) -> int | None:
    compiled = re.compile(pattern)
    first = (start or 1) - 1
    for number in range(first, len(lines)):
        if number > first and start is not None and re.match(r"^\s*\[\[rule\]\]", lines[number]):
            return None
        if compiled.match(lines[number]):
            return number + 1
    return None


def _digest(files: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return sha.hexdigest()


def check_rules(folder: Path) -> tuple[RuleSet, list[Problem]]:
    """Read and validate a rules folder: what could be read, and every problem found (usable only without galat)."""
    if not folder.is_dir():
        raise ArgtagError(
            "folder aturan tidak ditemukan",
            hint="Tunjuk folder aturan dengan --rules.",
            location=Location(display_path(folder)),
        )
    reader = _Reader(folder)
    files = sorted(folder.glob("*.toml"))
    special = {ABBREVIATIONS_FILE, BIDANG_MAP_FILE}
    for required in sorted(special):
        if not (folder / required).is_file():
            reader.problem(
                display_path(folder / required),
                None,
                None,
                "berkas wajib tidak ada",
                f"salin dari folder aturan bawaan argtag ({BUNDLED_RULES})",
            )
    if (folder / ABBREVIATIONS_FILE).is_file():
        reader.read_abbreviations(folder / ABBREVIATIONS_FILE)
    bidang_map = reader.read_bidang_map(folder / BIDANG_MAP_FILE) if (folder / BIDANG_MAP_FILE).is_file() else {}
    rules = reader.normalized([rule for path in files if path.name not in special for rule in reader.read_rules(path)])
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            reader.problem(
                rule.file,
                rule.line,
                rule.id,
                f"id aturan ganda (juga di {first.file}:{first.line})",
                "beri id yang unik",
            )
        seen[rule.id] = rule
    if not rules:
        reader.problem(display_path(folder), None, None, "tidak ada aturan [[rule]] di folder ini")
    return RuleSet(tuple(rules), reader.abbreviations, bidang_map, _digest(files)), reader.problems


def load_ruleset(folder: Path | None = None) -> RuleSet:
    """The validated rule set; stops with the first problems and a pointer to ``argtag rules check``."""
    folder = folder or default_rules_dir()
    ruleset, problems = check_rules(folder)
    errors = [p for p in problems if p.severity == "galat"]
    if errors:
        listed = "; ".join(p.describe() for p in errors[:3])
        raise ArgtagError(
            f"aturan tidak sah ({len(errors)} galat): {listed}",
            hint="Jalankan 'argtag rules check' untuk daftar lengkap dan perbaikannya.",
            location=Location(display_path(folder)),
        )
    return ruleset

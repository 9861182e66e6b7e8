"""Fold the reviewers' decisions from review.xlsx (Keputusan, Alasan) into the overrides file, safely.

Columns are found by their header text, so users may reorder or add columns. Every decision is validated
(spreadsheet readers do not enforce dropdowns); invalid ones are errors naming the cell and nothing is
written. Earlier decisions are never lost: the file is rewritten atomically with a ``.bak`` of the
previous version, identical decisions are not duplicated, a new decision for the same key replaces the
old one (reported as a change), and rows of one key that disagree are reported as conflicts, not applied.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from argtag.classify.overrides import Override, load_overrides
from argtag.classify.overrides_io import FILE_HEADER, override_toml, overrides_toml, toml_string, write_overrides
from argtag.errors import ArgtagError, Location, display_path
from argtag.report.workbook import CHOICES, DECISION_HEADER, REASON_HEADER, REVIEWER_HEADER, SHEET_REVIEW

HEADER_SCAN = 30  # the header row is looked for in the first rows of a sheet
CODE, NAME, PD, YEAR = "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode SKPD", "Tahun"
VALID = {
    "arg khusus": ("arg", "khusus"),
    "arg kesetaraan": ("arg", "kesetaraan"),
    "arg pelembagaan": ("arg", "pelembagaan"),
    "bukan arg": ("bukan_arg", None),
}
CHOICES_HINT = f"Pilihan yang sah: {', '.join(CHOICES)} (atau kosongkan bila belum diputuskan)."

__all__ = [  # FILE_HEADER and the TOML writers live in argtag.classify.overrides_io
    "CHOICES_HINT",
    "CODE",
    "FILE_HEADER",
    "HEADER_SCAN",
    "NAME",
    "PD",
    "VALID",
    "YEAR",
    "ApplyResult",
    "Change",
    "Conflict",
    "Key",
    "RowDecision",
    "apply_review",
    "combine",
    "describe_key",
    "key_of",
    "merge",
    "normalize_choice",
    "override_toml",
    "overrides_toml",
    "parse_choice",
    "read_decisions",
    "toml_string",
    "write_overrides",
]

Key = tuple[str | None, str | None, str | None, int | None]  # code, name, pd, year


def key_of(o: Override) -> Key:
    return (o.code, o.name, o.pd, o.year)


def describe_key(key: Key) -> str:
    code, name, pd, year = key
    parts = [f"kode {code}" if code else f"nama '{name}'"]
    parts += [f"PD {pd}"] if pd else []
    parts += [f"tahun {year}"] if year else []
    return ", ".join(parts)


@dataclass(frozen=True)
class RowDecision:
    """One filled Keputusan cell."""

    row: int
    text: str  # as written
    key: Key
    decision: str
    category: str | None
    reason: str
    reviewer: str


@dataclass(frozen=True)
class Change:
    before: Override
    after: Override

    def describe(self) -> str:
        return f"{describe_key(key_of(self.after))}: {_verdict(self.before)} -> {_verdict(self.after)}"


@dataclass(frozen=True)
class Conflict:
    key: Key
    rows: tuple[tuple[int, str], ...]  # (sheet row, Keputusan as written)

    def describe(self) -> str:
        said = ", ".join(f"baris {row} '{text}'" for row, text in self.rows)
        return f"{describe_key(self.key)}: {said}"


@dataclass
class ApplyResult:
    overrides: Path
    sheet: str = ""
    backup: Path | None = None
    written: bool = False
    rows: int = 0  # filled Keputusan cells read
    added: list[Override] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Override] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[ArgtagError] = field(default_factory=list)
    without_reason: list[int] = field(default_factory=list)  # sheet rows with a Keputusan and an empty Alasan


def _verdict(o: Override) -> str:
    return o.decision + (f"/{o.category}" if o.category else "")


def apply_review(workbook: Path, overrides: Path, today: date | None = None) -> ApplyResult:
    """Read the filled Keputusan cells of ``workbook`` and merge them into ``overrides`` (TOML).

    With any invalid cell nothing is written and ``errors`` says which cells; conflicts are left out.
    """
    result = ApplyResult(overrides)
    result.sheet, decisions, result.errors = read_decisions(workbook)
    result.rows = len(decisions)
    if result.errors:
        return result
    result.without_reason = [d.row for d in decisions if not d.reason]
    agreed, result.conflicts = combine(decisions, (today or date.today()).isoformat())
    existing = load_overrides(overrides) if overrides.exists() else []
    merged = merge(existing, agreed, result)
    if result.added or result.changed:
        result.backup = write_overrides(overrides, merged)
        result.written = True
    return result


# ---------------------------------------------------------------- reading the workbook


def _header_text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold() if value is not None else ""


def normalize_choice(text: str) -> str:
    """Keputusan text compared loosely: case, dashes, underscores and spaces do not matter.

    >>> normalize_choice(" ARG – Khusus "), normalize_choice("arg-khusus"), normalize_choice("BUKAN_ARG")
    ('arg khusus', 'arg khusus', 'bukan arg')
    """
    return " ".join(re.sub(r"[-\u2010-\u2015_/:.,;]+", " ", text.casefold()).split())


def parse_choice(text: str) -> tuple[str, str | None] | None:
    return VALID.get(normalize_choice(text))


def _unsafe(text: str) -> str:
    """Undo report.safety's apostrophe (``'=x`` -> ``=x``), should a reader hand it back."""
    return text[1:] if re.match(r"^'[=+\-@\t\r]", text) else text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _unsafe(str(value).strip())


def _open(workbook: Path) -> Any:
    where = Location(display_path(workbook))
    if not workbook.is_file():
        raise ArgtagError("berkas tinjauan tidak ditemukan", location=where, hint="Periksa nama dan folder berkasnya.")
    try:
        return openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ArgtagError(
            "berkas tinjauan tidak dapat dibuka sebagai .xlsx",
            location=where,
            hint="Simpan berkas dari Excel/LibreOffice sebagai 'Excel Workbook (.xlsx)', lalu ulangi.",
        ) from exc


def _find_table(book: Any) -> tuple[Any, int, dict[str, int]] | None:
    """The sheet, header row and column index by header text; 'Tinjauan' first, then any sheet with Keputusan."""
    names = sorted(book.sheetnames, key=lambda n: n != SHEET_REVIEW)
    for name in names:
        ws = book[name]
        ws.reset_dimensions()  # some writers store a wrong size; read every row
        for number, row in enumerate(ws.iter_rows(max_row=HEADER_SCAN, values_only=True), start=1):
            columns: dict[str, int] = {}
            for index, value in enumerate(row):
                columns.setdefault(_header_text(value), index)
            if _header_text(DECISION_HEADER) in columns and (
                _header_text(CODE) in columns or _header_text(NAME) in columns
            ):
                return ws, number, columns
    return None


def read_decisions(workbook: Path) -> tuple[str, list[RowDecision], list[ArgtagError]]:
    """Sheet name, every filled Keputusan row, and the errors of rows that cannot be used."""
    book = _open(workbook)
    try:
        found = _find_table(book)
        if found is None:
            raise ArgtagError(
                f"kolom '{DECISION_HEADER}' dan '{CODE}' tidak ditemukan",
                location=Location(display_path(workbook)),
                hint=f"Gunakan review.xlsx buatan 'argtag review' (sheet '{SHEET_REVIEW}'); judul kolom jangan diubah.",
            )
        ws, header_row, columns = found
        reader = _RowReader(display_path(workbook), ws.title, columns)
        decisions, errors = [], []
        rows = ws.iter_rows(min_row=header_row + 1, values_only=True)
        for number, row in enumerate(rows, start=header_row + 1):
            try:
                got = reader.read(number, row)
            except ArgtagError as exc:
                errors.append(exc)
                continue
            if got is not None:
                decisions.append(got)
        return ws.title, decisions, errors
    finally:
        book.close()


@dataclass(frozen=True)
class _RowReader:
    file: str
    sheet: str
    columns: dict[str, int]

    def cell(self, row: Sequence[Any], header: str) -> Any:
        index = self.columns.get(_header_text(header))
        return row[index] if index is not None and index < len(row) else None

    def where(self, number: int, header: str) -> Location:
        return Location(self.file, self.sheet, number, f"'{header}'")

    def read(self, number: int, row: Sequence[Any]) -> RowDecision | None:
        raw = self.cell(row, DECISION_HEADER)
        text = _text(raw)
        if not text:
            return None
        choice = parse_choice(text) if isinstance(raw, str) else None
        if choice is None:
            raise ArgtagError(
                f"'{text}' bukan pilihan yang sah",
                hint=_choice_hint(text),
                location=self.where(number, DECISION_HEADER),
            )
        return RowDecision(
            row=number,
            text=text,
            key=self.key(number, row),
            decision=choice[0],
            category=choice[1],
            reason=_text(self.cell(row, REASON_HEADER)),
            reviewer=" ".join(_text(self.cell(row, REVIEWER_HEADER)).split()),
        )

    def key(self, number: int, row: Sequence[Any]) -> Key:
        code, name = _text(self.cell(row, CODE)), _text(self.cell(row, NAME))
        if not code and not name:
            raise ArgtagError(
                "baris berisi Keputusan tetapi tanpa kode maupun nama sub kegiatan",
                hint="Isi Keputusan pada baris sub kegiatan dari review.xlsx, bukan pada baris tambahan.",
                location=self.where(number, CODE),
            )
        return (code or None, None if code else name, _text(self.cell(row, PD)) or None, self.year(number, row))

    def year(self, number: int, row: Sequence[Any]) -> int | None:
        text = _text(self.cell(row, YEAR))
        if not text:
            return None
        if not re.fullmatch(r"\d{4}", text):
            raise ArgtagError(
                f"tahun '{text}' tidak sah",
                hint="Tahun berisi empat angka, mis. 2026; kembalikan nilai aslinya.",
                location=self.where(number, YEAR),
            )
        return int(text)


def _choice_hint(text: str) -> str:
    if normalize_choice(text) == "arg":
        return "Keputusan ARG perlu kategorinya. " + CHOICES_HINT
    return CHOICES_HINT


# ---------------------------------------------------------------- combining and merging


def combine(decisions: list[RowDecision], today: str) -> tuple[list[Override], list[Conflict]]:
    """One override per key; rows of one key that disagree become a conflict instead."""
    groups: dict[Key, list[RowDecision]] = {}
    for d in decisions:
        groups.setdefault(d.key, []).append(d)
    agreed, conflicts = [], []
    for key in sorted(groups, key=_sort_key):
        rows = groups[key]
        if len({(d.decision, d.category) for d in rows}) > 1:
            conflicts.append(Conflict(key, tuple((d.row, d.text) for d in rows)))
            continue
        code, name, pd, year = key
        agreed.append(
            Override(
                decision=rows[0].decision,
                category=rows[0].category,
                code=code,
                name=name,
                pd=pd,
                year=year,
                reason=_joined(d.reason for d in rows),
                reviewer=_joined(d.reviewer for d in rows),
                date=today,
            )
        )
    return agreed, conflicts


def _joined(texts: Iterator[str] | Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(t for t in texts if t))


def _sort_key(key: Key) -> tuple[str, str, str, int]:
    code, name, pd, year = key
    return (pd or "", code or "", name or "", year or 0)


def _same(a: Override, b: Override) -> bool:
    return (a.decision, a.category, a.reason, a.reviewer) == (b.decision, b.category, b.reason, b.reviewer)


def merge(existing: list[Override], new: list[Override], result: ApplyResult) -> list[Override]:
    """Existing overrides in their order, without the replaced ones; then the added and changed ones.

    Changed decisions move to the end so that they win over any broader override (the last match wins).
    """
    current = {key_of(o): o for o in existing}  # the last one of a key is the one in force
    replaced: set[Key] = set()
    appended = []
    for decided in new:
        before = current.get(key_of(decided))
        if before is None:
            result.added.append(decided)
            appended.append(decided)
        elif _same(before, decided):
            result.unchanged.append(before)
        else:
            after = replace(decided, bidang=before.bidang if decided.decision == "arg" else None)
            result.changed.append(Change(before, after))
            replaced.add(key_of(after))
            appended.append(after)
    return [o for o in existing if key_of(o) not in replaced] + appended

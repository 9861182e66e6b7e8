"""GBS/PAG data model: every ARG (PD, sub-kegiatan) collected from the tagged lines, with safe file names.

Plain data only (no templating, no workbook): the fields are laid out by ``gbs_fields``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any

import polars as pl

from argtag.money import format_rupiah
from argtag.report.safety import safe_filename
from argtag.rules.model import Rule, RuleSet

WORKBOOK = "gbs_pag.xlsx"
REVIEWER = "peninjau"  # the ``aturan`` value of a line a reviewer decided

KATEGORI = {
    "khusus": "Khusus target gender",
    "kesetaraan": "Kesetaraan gender (afirmasi)",
    "pelembagaan": "Pelembagaan kesetaraan gender (PUG)",
}
BIDANG = {
    "politik": "Politik",
    "hukum": "Hukum",
    "sosial": "Sosial",
    "ekonomi": "Ekonomi",
    "tidak_terpetakan": "Tidak terpetakan",
}
SASARAN = {
    "targeted": "Terarah (menyasar perempuan dan/atau laki-laki secara khusus)",
    "universal": "Universal (program umum yang ditandai karena dampak gendernya)",
}

# ---------------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Value:
    """One cell of a draft: a pre-filled text, a marked blank for the PD, or a rupiah amount."""

    text: str = ""
    blank: str = ""  # "[diisi oleh PD: ...]" when the PD must write this
    amount: int | None = None


def filled(text: str) -> Value:
    return Value(text=text)


def blank(hint: str) -> Value:
    """A field the PD must write, visibly marked.

    >>> blank("NIP").blank
    '[diisi oleh PD: NIP]'
    """
    return Value(blank=f"[diisi oleh PD: {hint}]")


def join(texts: Sequence[str]) -> str:
    """Sentences side by side, other texts separated by semicolons.

    >>> join(["Satu.", "Dua."]), join(["DAU", "PAD"])
    ('Satu. Dua.', 'DAU; PAD')
    """
    sentences = all(t.rstrip().endswith((".", "!", "?")) for t in texts)
    return (" " if sentences else "; ").join(t.strip() for t in texts)


def filled_or_blank(texts: Sequence[str], hint: str) -> Value:
    return filled(join(texts)) if texts else blank(hint)


def money(amount: int) -> Value:
    return Value(text=format_rupiah(amount), amount=amount)


@dataclass(frozen=True)
class Entry:
    label: str
    value: Value


@dataclass(frozen=True)
class Row:
    """A row of the GBS table or a section of the KAK: labelled entries and/or a grid to fill in."""

    label: str
    entries: tuple[Entry, ...] = ()
    columns: tuple[str, ...] = ()
    grid: tuple[tuple[Value, ...], ...] = ()


@dataclass(frozen=True)
class Basis:
    """Why the sub-kegiatan is ARG: a rule, or a reviewer's decision."""

    rule_id: str
    title: str
    reference: str
    rationale: str
    gender_issue: str
    reviewer: bool


@dataclass(frozen=True)
class SubUnit:
    kode: str
    nama: str
    pagu: int


@dataclass(frozen=True)
class Activity:
    """One ARG sub-kegiatan of one PD, its sub-units summed."""

    pd_key: str  # the PD code, or its name when the code is missing
    kode_skpd: str
    nama_skpd: str
    tahun: tuple[str, ...]
    tahap: tuple[str, ...]
    kode_program: str
    nama_program: str
    kode_kegiatan: str
    nama_kegiatan: str
    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: int
    sub_units: tuple[SubUnit, ...]
    kategori: tuple[str, ...]
    bidang: tuple[str, ...]
    sasaran: tuple[str, ...]
    sumber_dana: tuple[str, ...]
    lokasi: tuple[str, ...]
    bases: tuple[Basis, ...]
    bukti: tuple[str, ...]
    folder: str = ""  # file names, assigned once all activities are known
    stem: str = ""

    @property
    def href(self) -> str:
        return f"{self.folder}/{self.stem}.html"

    @property
    def kak_href(self) -> str:
        return f"{self.folder}/{self.stem}_kak.html"


# ---------------------------------------------------------------------------------------------------- collect

_KEY = ["_pd", "_sub"]
_TEXT = (
    "kode_skpd", "nama_skpd", "kode_sub_unit", "nama_sub_unit", "kode_program", "nama_program", "kode_kegiatan",
    "nama_kegiatan", "kode_sub_kegiatan", "nama_sub_kegiatan", "kategori", "bidang", "sasaran", "aturan", "bukti",
    "sumber_dana", "lokasi", "tahap",
)  # fmt: skip


def _arg_lines(tagged: pl.DataFrame) -> pl.DataFrame:
    """ARG lines with every column this module reads (absent ones null) and the grouping keys."""
    lines = tagged.filter(pl.col("status") == "arg")
    missing = [pl.lit(None, pl.String).alias(c) for c in _TEXT if c not in lines.columns]
    if "tahun" not in lines.columns:
        missing.append(pl.lit(None, pl.Int32).alias("tahun"))
    return lines.with_columns(missing).with_columns(
        _pd=pl.coalesce(pl.col("kode_skpd"), pl.lit("nama:") + pl.col("nama_skpd"), pl.lit("")),
        _sub=pl.coalesce(pl.col("kode_sub_kegiatan"), pl.lit("nama:") + pl.col("nama_sub_kegiatan"), pl.lit("")),
        _unit=pl.col("kode_sub_unit").fill_null(""),
        pagu=pl.col("pagu").cast(pl.Int64),
    )


def _present(column: str) -> pl.Expr:
    col = pl.col(column).cast(pl.String)
    return col.filter(col.is_not_null() & (col.str.strip_chars() != ""))


def _mode(column: str) -> pl.Expr:
    """The most frequent non-empty text, ties to the smallest: one name when files spell it differently."""
    return _present(column).mode().sort().first().fill_null("").alias(column)


def _distinct(column: str) -> pl.Expr:
    return _present(column).unique().sort().alias(column)


_SINGLE = (
    "kode_skpd", "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_sub_kegiatan",
    "nama_sub_kegiatan",
)  # fmt: skip
_LISTS = ("tahun", "tahap", "kategori", "bidang", "sasaran", "sumber_dana", "lokasi", "aturan", "bukti")


def _groups(lines: pl.DataFrame) -> pl.DataFrame:
    """One row per (PD, sub-kegiatan): one name per text column, distinct lists, the summed pagu."""
    return (
        lines.group_by(_KEY)
        .agg(*[_mode(c) for c in _SINGLE], *[_distinct(c) for c in _LISTS], pl.col("pagu").sum())
        .sort(_KEY)
    )


def _sub_units(lines: pl.DataFrame) -> dict[tuple[str, str], tuple[SubUnit, ...]]:
    units = (
        lines.group_by(*_KEY, "_unit")
        .agg(_mode("nama_sub_unit"), pl.col("pagu").sum())
        .sort(*_KEY, "_unit", "nama_sub_unit")
    )
    out: dict[tuple[str, str], list[SubUnit]] = {}
    for row in units.iter_rows(named=True):
        out.setdefault((row["_pd"], row["_sub"]), []).append(SubUnit(row["_unit"], row["nama_sub_unit"], row["pagu"]))
    return {key: tuple(value) for key, value in out.items()}


def _split(values: Iterable[str], separator: str) -> list[str]:
    return sorted({part.strip() for value in values for part in value.split(separator) if part.strip()})


def _bases(rule_ids: list[str], bukti: list[str], rules: dict[str, Rule]) -> tuple[Basis, ...]:
    out = []
    for rule_id in rule_ids:
        rule = rules.get(rule_id)
        if rule_id == REVIEWER:
            reasons = "; ".join(b for b in bukti if b.startswith("Keputusan peninjau"))
            out.append(Basis(REVIEWER, "Keputusan peninjau", "", reasons, "", True))
        elif rule is None:
            out.append(Basis(rule_id, "(aturan ini tidak ada di set aturan yang dipakai)", "", "", "", False))
        else:
            out.append(Basis(rule.id, rule.title, rule.reference, rule.rationale, rule.gender_issue, False))
    return tuple(out)


def _pd_names(lines: pl.DataFrame) -> dict[str, str]:
    """One name per PD over all its ARG lines, so every draft of a PD carries the same name."""
    names = lines.group_by("_pd").agg(_mode("nama_skpd"))
    return dict(zip(names["_pd"].to_list(), names["nama_skpd"].to_list(), strict=True))


def _activity(row: dict[str, Any], units: tuple[SubUnit, ...], pd_name: str, rules: dict[str, Rule]) -> Activity:
    bukti = _split(row["bukti"], " | ")
    return Activity(
        pd_key=row["_pd"],
        kode_skpd=row["kode_skpd"],
        nama_skpd=pd_name,
        tahun=tuple(row["tahun"]),
        tahap=tuple(row["tahap"]),
        kode_program=row["kode_program"],
        nama_program=row["nama_program"],
        kode_kegiatan=row["kode_kegiatan"],
        nama_kegiatan=row["nama_kegiatan"],
        kode_sub_kegiatan=row["kode_sub_kegiatan"],
        nama_sub_kegiatan=row["nama_sub_kegiatan"],
        pagu=row["pagu"],
        sub_units=units,
        kategori=tuple(row["kategori"]),
        bidang=tuple(row["bidang"]),
        sasaran=tuple(row["sasaran"]),
        sumber_dana=tuple(row["sumber_dana"]),
        lokasi=tuple(row["lokasi"]),
        bases=_bases(_split(row["aturan"], ";"), bukti, rules),
        bukti=tuple(b for b in bukti if not b.startswith("Keputusan peninjau")),
    )


def collect(tagged: pl.DataFrame, ruleset: RuleSet) -> list[Activity]:
    """Every ARG (PD, sub-kegiatan), sorted by PD and sub-kegiatan code, with safe, unique file names."""
    lines = _arg_lines(tagged)
    units = _sub_units(lines)
    names = _pd_names(lines)
    rules = {rule.id: rule for rule in ruleset.rules}
    activities = [
        _activity(row, units[(row["_pd"], row["_sub"])], names[row["_pd"]], rules)
        for row in _groups(lines).iter_rows(named=True)
    ]
    return name_files(activities)


def by_pd(activities: list[Activity]) -> list[list[Activity]]:
    """The activities (sorted by PD) in one list per PD."""
    return [list(items) for _, items in groupby(activities, key=lambda a: a.pd_key)]


# ---------------------------------------------------------------------------------------------------- file names

_CODE = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")


def file_part(code: str, name: str) -> str:
    """A code as it is when it is a plain dotted code, else a safe name from it (or from the name).

    >>> file_part("1.02.02.2.02.0001", "x"), file_part("../etc", "x"), file_part("", "Dinas <b>A</b>")
    ('1.02.02.2.02.0001', 'etc', 'dinas_b_a_b')
    """
    if len(code) <= 80 and _CODE.fullmatch(code) and any(ch.isdigit() for ch in code):
        return code
    return safe_filename(code or name)


def _unique(base: str, used: set[str]) -> str:
    """``base``, or ``base_2``, ``base_3``...: unique even on a case-insensitive file system."""
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name.lower())
    return name


def name_files(activities: list[Activity]) -> list[Activity]:
    folders: dict[str, str] = {}
    used_folders: set[str] = set()
    used_stems: dict[str, set[str]] = {}
    named = []
    for a in activities:
        if a.pd_key not in folders:
            folders[a.pd_key] = _unique(file_part(a.kode_skpd, a.nama_skpd), used_folders)
        folder = folders[a.pd_key]
        used = used_stems.setdefault(folder, set())
        stem = _unique(file_part(a.kode_sub_kegiatan, a.nama_sub_kegiatan), used)
        used.add(f"{stem}_kak".lower())
        named.append(replace(a, folder=folder, stem=stem))
    return named

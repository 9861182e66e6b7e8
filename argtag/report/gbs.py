"""GBS/PAG drafts ("GAB-style" sheets) and TOR/KAK skeletons for every ARG sub-kegiatan.

One draft per distinct (PD, sub-kegiatan) tagged ``arg``: the amount is summed over its sub-units.
argtag pre-fills what the budget and the deciding rule know (codes, names, rupiah, the gender issue
and rationale a rule cites, sumber dana, lokasi, kategori, bidang) and leaves the analysis fields as
marked blanks (``[diisi oleh PD: ...]``) for the PD to write (docs domain.md §8). Files, under
``<report>/gbs/``::

    index.html                          drafts grouped by PD, with links
    <kode_skpd>/<kode_sub_kegiatan>.html      printable GBS/PAG draft (A4)
    <kode_skpd>/<kode_sub_kegiatan>_kak.html  TOR/KAK skeleton
    gbs_pag.xlsx                        one sheet per PD, the same fields as label | value rows

Python prepares every value (sums, labels, rupiah text, blanks) as plain data; the templates under
``templates/gbs`` only lay it out. Output is byte-identical for the same data: everything is sorted
and the only time read is ``ReportData.generated_at``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from argtag import __version__
from argtag.money import format_rupiah
from argtag.report import ReportData
from argtag.report.safety import safe_filename, safe_text
from argtag.report.xlsx_io import save_workbook
from argtag.rules.model import Rule, RuleSet

FOLDER = "gbs"
WORKBOOK = "gbs_pag.xlsx"
REVIEWER = "peninjau"  # the ``aturan`` value of a line a reviewer decided
RUPIAH_FORMAT = '"Rp "#,##0;-"Rp "#,##0'

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


# ---------------------------------------------------------------------------------------------------- fields


def _code_name(code: str, name: str, hint: str) -> Value:
    return filled_or_blank([" ".join(p for p in (code, name) if p)] if code or name else [], hint)


def _labels(values: Sequence[str], labels: dict[str, str]) -> list[str]:
    return [labels.get(v, v) for v in values]


def header_entries(a: Activity) -> list[Entry]:
    year = " / ".join(a.tahun) + (f" ({', '.join(a.tahap)})" if a.tahap else "") if a.tahun else ""
    return [
        Entry("Nama SKPD", filled_or_blank([a.nama_skpd] if a.nama_skpd else [], "nama Perangkat Daerah")),
        Entry("Kode SKPD", filled_or_blank([a.kode_skpd] if a.kode_skpd else [], "kode Perangkat Daerah")),
        Entry("Tahun Anggaran", filled_or_blank([year] if year else [], "tahun anggaran")),
    ]


def identity_rows(a: Activity) -> list[Row]:
    return [
        Row("Program", (Entry("", _code_name(a.kode_program, a.nama_program, "kode dan nama program")),)),
        Row("Kegiatan", (Entry("", _code_name(a.kode_kegiatan, a.nama_kegiatan, "kode dan nama kegiatan")),)),
        Row(
            "Sub Kegiatan",
            (
                Entry("Kode dan nama", _code_name(a.kode_sub_kegiatan, a.nama_sub_kegiatan, "kode dan nama")),
                Entry("Lokasi", filled_or_blank(a.lokasi, "lokasi kegiatan")),
            ),
        ),
    ]


def situation_entries(a: Activity) -> list[Entry]:
    """Analisis situasi: what the rule says, then the gender analysis the PD writes (data, APKM, causes)."""
    issues = sorted({b.gender_issue for b in a.bases if b.gender_issue})
    reasons = sorted({b.rationale for b in a.bases if b.rationale})
    return [
        Entry("Isu gender (dari aturan penandaan)", filled_or_blank(issues, "isu/kesenjangan gender yang ditangani")),
        Entry("Alasan penandaan ARG", filled_or_blank(reasons, "alasan sub kegiatan ini responsif gender")),
        Entry(
            "Data pembuka wawasan",
            blank("data terpilah perempuan dan laki-laki yang menunjukkan kesenjangan, dengan sumber dan tahun data"),
        ),
        Entry("Faktor kesenjangan: akses", blank("apakah perempuan dan laki-laki sama-sama dapat menjangkau layanan")),
        Entry(
            "Faktor kesenjangan: partisipasi", blank("keterlibatan perempuan dan laki-laki dalam kegiatan/keputusan")
        ),
        Entry("Faktor kesenjangan: kontrol", blank("penguasaan perempuan dan laki-laki atas sumber daya/keputusan")),
        Entry(
            "Faktor kesenjangan: manfaat", blank("siapa yang menikmati hasil kegiatan, perempuan dan/atau laki-laki")
        ),
        Entry("Penyebab kesenjangan internal", blank("penyebab di dalam PD: kebijakan, SDM, anggaran, data, prosedur")),
        Entry("Penyebab kesenjangan eksternal", blank("penyebab di luar PD: budaya, norma, lingkungan, masyarakat")),
    ]


def _budget_entries(a: Activity) -> list[Entry]:
    units = len(a.sub_units)
    note = f"Jumlah pagu sub kegiatan ini pada {units} sub unit." if units > 1 else ""
    entries = [Entry("Jumlah", money(a.pagu)), Entry("Sumber dana", filled_or_blank(a.sumber_dana, "sumber dana"))]
    return entries + ([Entry("Keterangan", filled(note))] if note else [])


def _basis_entries(a: Activity) -> list[Entry]:
    entries = []
    for b in a.bases:
        if b.reviewer:
            entries.append(Entry("Keputusan peninjau", filled(b.rationale or "keputusan peninjau")))
        else:
            entries.append(Entry(f"Aturan {b.rule_id}", filled(b.title)))
            entries.append(Entry("Rujukan", filled(b.reference or "-")))
    return entries or [Entry("Dasar penandaan", filled("-"))]


def tagging_entries(a: Activity) -> list[Entry]:
    kategori = _labels(a.kategori, KATEGORI)
    return [
        Entry("Kategori ARG", filled_or_blank(kategori, "kategori: khusus / kesetaraan / pelembagaan")),
        Entry("Bidang", filled_or_blank(_labels(a.bidang, BIDANG), "bidang: politik / hukum / sosial / ekonomi")),
        Entry("Sasaran", filled("; ".join(_labels(a.sasaran, SASARAN)) or "-")),
        *_basis_entries(a),
        Entry("Bukti", filled("; ".join(a.bukti) or "-")),
    ]


def _steps(columns: Sequence[tuple[str, str]], count: int = 3) -> tuple[tuple[Value, ...], ...]:
    """``count`` lines of blanks, one per column; each hint names its step (``{i}``)."""
    return tuple(tuple(blank(hint.format(i=i)) for _, hint in columns) for i in range(1, count + 1))


ACTION_COLUMNS = (
    ("Tahapan", "uraian tahap {i}"),
    ("Input", "input tahap {i}: sumber daya, dana"),
    ("Output", "keluaran tahap {i}"),
    ("Outcome", "hasil tahap {i} bagi perempuan dan laki-laki"),
)


def gbs_rows(a: Activity) -> list[Row]:
    """The rows of the GBS/PAG table, in the order of the official format."""
    units = tuple(Entry(" ".join(p for p in (u.kode, u.nama) if p) or "-", money(u.pagu)) for u in a.sub_units)
    return [
        *identity_rows(a),
        Row("Analisis Situasi", tuple(situation_entries(a))),
        Row(
            "Capaian Program",
            (
                Entry("Indikator", blank("indikator kinerja capaian program")),
                Entry("Target", blank("target capaian (angka dan satuan)")),
            ),
        ),
        Row("Rencana Aksi", columns=tuple(c for c, _ in ACTION_COLUMNS), grid=_steps(ACTION_COLUMNS)),
        Row("Alokasi Anggaran", tuple(_budget_entries(a))),
        Row("Dampak/Hasil", (Entry("", blank("perubahan yang diharapkan bagi perempuan dan laki-laki")),)),
        Row("Penandaan ARG", tuple(tagging_entries(a))),
        Row("Sub Unit Pelaksana", units),
    ]


def signature_entries() -> list[Entry]:
    return [
        Entry("Tempat, tanggal", blank("tempat, tanggal")),
        Entry("Jabatan", blank("jabatan penanggung jawab")),
        Entry("Penanggung jawab", blank("nama penanggung jawab kegiatan")),
        Entry("NIP", blank("NIP penanggung jawab")),
    ]


SCHEDULE_COLUMNS = (
    ("Tahapan", "uraian tahap {i}"),
    ("Waktu pelaksanaan", "bulan pelaksanaan tahap {i}"),
    ("Keluaran", "keluaran tahap {i}"),
)


def kak_rows(a: Activity) -> list[Row]:
    """The sections of the TOR/KAK skeleton; the latar belakang carries the situation analysis."""
    laws = sorted({b.reference for b in a.bases if b.reference})
    return [
        Row(
            "A. Latar Belakang",
            (Entry("Dasar hukum", filled_or_blank(laws, "dasar hukum kegiatan")), *situation_entries(a)),
        ),
        Row(
            "B. Maksud dan Tujuan",
            (
                Entry("Maksud", blank("maksud kegiatan")),
                Entry("Tujuan", blank("tujuan kegiatan, termasuk kesenjangan gender yang ingin dikurangi")),
            ),
        ),
        Row(
            "C. Penerima Manfaat",
            (Entry("", blank("kelompok sasaran dan jumlahnya, dipilah perempuan dan laki-laki")),),
        ),
        Row(
            "D. Metode Pelaksanaan",
            (Entry("", blank("cara pelaksanaan (swakelola/kontraktual) dan langkah kerja")),),
        ),
        Row(
            "E. Tahapan dan Jadwal Pelaksanaan",
            columns=tuple(c for c, _ in SCHEDULE_COLUMNS),
            grid=_steps(SCHEDULE_COLUMNS),
        ),
        Row("F. Lokasi", (Entry("", filled_or_blank(a.lokasi, "lokasi kegiatan")),)),
        Row(
            "G. Biaya",
            (*_budget_entries(a), Entry("Rincian biaya", blank("rincian biaya sesuai RKA/DPA sub kegiatan"))),
        ),
    ]


def flat_fields(a: Activity) -> list[tuple[str, Value]]:
    """The GBS as label | value pairs (the xlsx layout)."""
    out = [(e.label, e.value) for e in header_entries(a)]
    for row in gbs_rows(a):
        out += [(f"{row.label}: {e.label}" if e.label else row.label, e.value) for e in row.entries]
        for i, line in enumerate(row.grid, start=1):
            out += [(f"{row.label}: tahap {i}, {col}", v) for col, v in zip(row.columns, line, strict=True)]
    out += [(f"Tanda tangan: {e.label}", e.value) for e in signature_entries()]
    return out


# ---------------------------------------------------------------------------------------------------- html


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(template: str, context: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    html = _environment().get_template(f"gbs/{template}").render(**context)
    path.write_text(html, encoding="utf-8", newline="\n")


def _footer(data: ReportData) -> dict[str, str]:
    return {
        "version": __version__,
        "generated": data.generated_at.isoformat(),
        "digest": data.ruleset.digest[:12],
    }


def _title(a: Activity) -> str:
    return " ".join(p for p in (a.kode_sub_kegiatan, a.nama_sub_kegiatan) if p) or "Sub kegiatan"


def _plain_value(v: Value) -> dict[str, Any]:
    return {"text": v.text, "blank": v.blank, "amount": v.amount}


def _plain_entry(e: Entry) -> dict[str, Any]:
    return {"label": e.label, "value": _plain_value(e.value)}


def _plain_row(r: Row) -> dict[str, Any]:
    return {
        "label": r.label,
        "entries": [_plain_entry(e) for e in r.entries],
        "columns": list(r.columns),
        "grid": [[_plain_value(v) for v in line] for line in r.grid],
    }


def _page_context(a: Activity, rows: list[Row], data: ReportData) -> dict[str, Any]:
    return {
        "title": _title(a),
        "header": [_plain_entry(e) for e in header_entries(a)],
        "rows": [_plain_row(r) for r in rows],
        "signature": [_plain_entry(e) for e in signature_entries()],
        "nama_skpd": a.nama_skpd,
        "index_href": "../index.html",
        "gbs_href": f"{a.stem}.html",
        "kak_href": f"{a.stem}_kak.html",
        "footer": _footer(data),
    }


def _index_context(activities: list[Activity], data: ReportData) -> dict[str, Any]:
    groups = []
    for members in by_pd(activities):
        groups.append(
            {
                "kode_skpd": members[0].kode_skpd,
                "nama_skpd": members[0].nama_skpd,
                "jumlah": len(members),
                "total": format_rupiah(sum(a.pagu for a in members)),
                "subkegiatan": [
                    {
                        "kode": a.kode_sub_kegiatan,
                        "nama": a.nama_sub_kegiatan,
                        "pagu": format_rupiah(a.pagu),
                        "kategori": "; ".join(_labels(a.kategori, KATEGORI)) or "-",
                        "sub_unit": len(a.sub_units),
                        "gbs_href": a.href,
                        "kak_href": a.kak_href,
                    }
                    for a in members
                ],
            }
        )
    years = sorted({y for a in activities for y in a.tahun})
    return {
        "title": "Draf GBS/PAG dan KAK sub kegiatan ARG",
        "tahun": " / ".join(years) or "-",
        "groups": groups,
        "jumlah": len(activities),
        "total": format_rupiah(sum(a.pagu for a in activities)),
        "workbook": WORKBOOK,
        "footer": _footer(data),
    }


# ---------------------------------------------------------------------------------------------------- xlsx

_WRAP = Alignment(wrap_text=True, vertical="top")
_DASHED = Side(style="dashed", color="B26A00")
# named styles: one lookup per cell instead of one per attribute (fast on thousands of rows), and the PD
# finds "GBS isian PD" in Excel's style gallery
TITLE, BAND, LABEL, TEXT, MONEY, BLANK = (
    "GBS judul", "GBS sub kegiatan", "GBS label", "GBS teks", "GBS rupiah", "GBS isian PD",
)  # fmt: skip


def _styles() -> list[NamedStyle]:
    """Fresh for every workbook: openpyxl binds a named style to the workbook it is added to."""
    return [
        NamedStyle(TITLE, font=Font(bold=True, size=13)),
        NamedStyle(BAND, font=Font(bold=True), fill=PatternFill("solid", fgColor="EDE7F6")),
        NamedStyle(LABEL, font=Font(bold=True), alignment=_WRAP),
        NamedStyle(TEXT, alignment=_WRAP),
        NamedStyle(MONEY, number_format=RUPIAH_FORMAT, alignment=_WRAP),
        NamedStyle(
            BLANK,
            font=Font(italic=True, color="7A4A00"),
            fill=PatternFill("solid", fgColor="FFF8E1"),
            border=Border(left=_DASHED, right=_DASHED, top=_DASHED, bottom=_DASHED),
            alignment=_WRAP,
        ),
    ]


def sheet_titles(pds: Sequence[tuple[str, str]]) -> list[str]:
    """One sheet title per (kode, nama): the PD code, or a safe name; at most 31 characters, unique ignoring case.

    Only letters, digits, dots and underscores, so never one of Excel's forbidden ``[]:*?/\\``.

    >>> sheet_titles([("1.02.0.00.0.00.01.0000", "Dinkes"), ("", "Dinas [A]:B"), ("1.02.0.00.0.00.01.0000", "X")])
    ['1.02.0.00.0.00.01.0000', 'dinas_a_b', '1.02.0.00.0.00.01.0000~2']
    """
    used: set[str] = set()
    titles = []
    for code, name in pds:
        base = file_part(code, name)[:31].strip("._") or "PD"
        title, n = base, 2
        while title.lower() in used:
            suffix = f"~{n}"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(title.lower())
        titles.append(title)
    return titles


def _put(ws: Worksheet, row: int, label: str, value: Value) -> None:
    head = ws.cell(row, 1, safe_text(label))
    head.style = LABEL
    cell = ws.cell(row, 2)
    if value.amount is not None:
        cell.value, cell.style = value.amount, MONEY
    elif value.blank:
        cell.value, cell.style = safe_text(value.blank), BLANK
    else:
        cell.value, cell.style = safe_text(value.text), TEXT


def _fill_sheet(ws: Worksheet, activities: list[Activity]) -> None:
    first = activities[0]
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.cell(1, 1, "Pernyataan Anggaran Gender (GBS/PAG): draf").style = TITLE
    ws.cell(2, 1, safe_text(" ".join(p for p in (first.kode_skpd, first.nama_skpd) if p)))
    ws.cell(3, 1, "Sel bertanda [diisi oleh PD: ...] diisi oleh Perangkat Daerah sebelum ditandatangani.")
    row = 5
    for a in activities:
        for column in (1, 2):
            ws.cell(row, column).style = BAND
        ws.cell(row, 1, safe_text(f"Sub Kegiatan {_title(a)}"))
        row += 1
        for label, value in flat_fields(a):
            _put(ws, row, label, value)
            row += 1
        row += 1


def write_workbook(path: Path, activities: list[Activity], data: ReportData) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for style in _styles():
        wb.add_named_style(style)
    groups = by_pd(activities)
    titles = sheet_titles([(group[0].kode_skpd, group[0].nama_skpd) for group in groups])
    for title, group in zip(titles, groups, strict=True):
        _fill_sheet(wb.create_sheet(title), group)
    if not groups:
        wb.create_sheet("GBS").cell(1, 1, "Tidak ada sub kegiatan ARG.")
    save_workbook(wb, path, data.generated_at)


# ---------------------------------------------------------------------------------------------------- writer


def write_gbs(folder: Path, data: ReportData) -> None:
    """``folder/gbs``: index.html, a GBS/PAG draft and a KAK skeleton per ARG sub-kegiatan, gbs_pag.xlsx."""
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    activities = collect(data.tagged, data.ruleset)
    for a in activities:
        _render("draft.html.j2", _page_context(a, gbs_rows(a), data), out / a.href)
        _render("kak.html.j2", _page_context(a, kak_rows(a), data), out / a.kak_href)
    _render("index.html.j2", _index_context(activities, data), out / "index.html")
    write_workbook(out / WORKBOOK, activities, data)

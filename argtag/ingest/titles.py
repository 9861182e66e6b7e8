"""What the rows above a table say: budget year, stage (tahap), PD and sub-unit, as ``Label : value``.

Exports state the year ("TAHUN ANGGARAN 2025"), the stage ("DPPA", "PERUBAHAN") and, in per-PD
files, the PD ("Perangkat Daerah : 1.02.0.00.0.00.01.0000 Dinas Kesehatan") in their title rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STAGES = ("murni", "pergeseran", "perubahan")

LABEL_PATTERN = r"^\s*([A-Za-z][A-Za-z0-9 /.()-]{1,40}?)\s*:\s*(.*?)\s*$"
_LABEL = re.compile(LABEL_PATTERN)
_CODE_NAME = re.compile(r"^\s*([0-9X]{1,2}(?:\.[0-9X]{1,4}){1,7})\.?\s*(?:[-\u2013:]\s*)?(.*)$")
_YEAR = re.compile(r"\b(?:tahun anggaran|tahun|t\.?a\.?)\s*:?\s*((?:19|20)\d{2})\b", re.IGNORECASE)
_STAGE_WORDS = (
    (re.compile(r"\bpergeseran\b", re.I), "pergeseran"),
    (re.compile(r"\b(perubahan|dppa|rka ?-? ?p|p ?-? ?apbd|apbd-?p)\b", re.I), "perubahan"),
    (re.compile(r"\b(murni|induk|dpa|rka|rencana kerja dan anggaran|dokumen pelaksanaan anggaran)\b", re.I), "murni"),
)
PD_LABELS = {"perangkat daerah", "skpd", "organisasi", "opd", "unit organisasi", "nama skpd"}
SUB_UNIT_LABELS = {"unit", "sub unit", "sub skpd", "unit kerja", "sub organisasi"}


@dataclass
class TitleInfo:
    tahun: int | None = None
    tahap: str | None = None
    kode_skpd: str | None = None
    nama_skpd: str | None = None
    kode_sub_unit: str | None = None
    nama_sub_unit: str | None = None
    labels: dict[str, str] = field(default_factory=dict)


def split_code_name(value: str) -> tuple[str | None, str]:
    """``"1.02.0.00.0.00.01.0000 Dinas Kesehatan"`` -> (code, name); (None, value) without a code.

    >>> split_code_name("8.01.02 - PROGRAM X"), split_code_name("Dinas Sosial")
    (('8.01.02', 'PROGRAM X'), (None, 'Dinas Sosial'))
    """
    match = _CODE_NAME.match(value)
    if match is None:
        return None, value.strip()
    return match.group(1), match.group(2).strip()


def stage_of(text: str) -> str | None:
    """The budget stage a title names.

    >>> stage_of("DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN (DPPA)"), stage_of("RKA SKPD"), stage_of("Rekap")
    ('perubahan', 'murni', None)
    """
    for pattern, stage in _STAGE_WORDS:
        if pattern.search(text):
            return stage
    return None


def read_titles(rows: list[tuple[str | None, ...]]) -> TitleInfo:
    """Year, stage, PD and labels from title rows (each row: its cells)."""
    info = TitleInfo()
    for row in rows:
        text = " ".join(c.strip() for c in row if c and c.strip())
        if not text:
            continue
        if info.tahun is None and (year := _YEAR.search(text)):
            info.tahun = int(year.group(1))
        if info.tahap is None:
            info.tahap = stage_of(text)
        label = _LABEL.match(text)
        if label is None:
            continue
        key, value = " ".join(label.group(1).lower().split()), label.group(2)
        info.labels.setdefault(key, value)
        code, name = split_code_name(value)
        if key in PD_LABELS and info.nama_skpd is None:
            info.kode_skpd, info.nama_skpd = code, name
        elif key in SUB_UNIT_LABELS and info.nama_sub_unit is None:
            info.kode_sub_unit, info.nama_sub_unit = code, name
    return info

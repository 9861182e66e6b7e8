"""The budget period of a review: one year and one stage (tahap).

A review describes one APBD: lines of two years, or of two stages of one year, added together are a
number that exists nowhere. The year and stage of the review are those its lines carry; a line whose
year or stage is unknown (null) fits any, so files that state nothing mix with files that do. The
checks run on the lines as read, before anything is classified or written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from argtag.errors import ArgtagError, Location, display_path
from argtag.money import format_count

_FILES_SHOWN = 3  # files named per year or stage in an error


def year_label(year: object) -> str:
    """A year as users read it; ``summary.json`` keeps ``null`` for an unknown year, people read words.

    >>> year_label(2026), year_label(None)
    ('2026', 'tidak diketahui')
    """
    return "tidak diketahui" if year is None else str(year)


def stage_label(ind: dict[str, Any]) -> str:
    """The stage of ``summary.json``'s ``indikator`` as users read it, saying so when only some files state it.

    >>> stage_label({"tahap": "murni", "jumlah_baris": 2455, "jumlah_baris_tanpa_tahap": 1759})
    'murni; sebagian berkas tidak menyebut tahap: 1.759 dari 2.455 baris'
    >>> stage_label({"tahap": "murni", "jumlah_baris": 3, "jumlah_baris_tanpa_tahap": 0}), stage_label({"tahap": None})
    ('murni', 'tidak diketahui')
    """
    stage = ind.get("tahap")
    if not stage:
        return "tidak diketahui"
    label = ", ".join(stage) if isinstance(stage, list) else str(stage)
    unstated = ind.get("jumlah_baris_tanpa_tahap") or 0
    if unstated:
        count = f"{format_count(unstated)} dari {format_count(ind['jumlah_baris'])} baris"
        label += f"; sebagian berkas tidak menyebut tahap: {count}"
    return label


def known_years(lines: pl.DataFrame) -> list[int]:
    """The distinct known years of the lines, sorted."""
    return sorted(int(y) for y in lines["tahun"].drop_nulls().unique().to_list())


def known_stages(lines: pl.DataFrame) -> list[str]:
    """The distinct known stages of the lines, sorted."""
    return sorted(str(s) for s in lines["tahap"].drop_nulls().unique().to_list())


def _where(lines: pl.DataFrame, column: str) -> str:
    """Which files carry which value, e.g. ``2025 di a.csv; 2026 di b.xlsx, c.xlsx``."""
    groups = (
        lines.filter(pl.col(column).is_not_null())
        .group_by(column)
        .agg(pl.col("file").unique().sort())
        .sort(column)
        .rows()
    )
    parts = []
    for value, files in groups:
        shown = ", ".join(files[:_FILES_SHOWN])
        more = f" dan {len(files) - _FILES_SHOWN} berkas lain" if len(files) > _FILES_SHOWN else ""
        parts.append(f"{value} di {shown}{more}")
    return "; ".join(parts)


def check_current(lines: pl.DataFrame) -> None:
    """The review's own inputs: at most one known year and one known stage."""
    years = known_years(lines)
    if len(years) > 1:
        raise ArgtagError(
            f"masukan berisi lebih dari satu tahun anggaran ({', '.join(map(str, years))}): {_where(lines, 'tahun')}",
            hint="Telaah satu tahun; berikan tahun sebelumnya dengan --previous.",
        )
    stages = known_stages(lines)
    if len(stages) > 1:
        raise ArgtagError(
            f"masukan berisi lebih dari satu tahap anggaran ({', '.join(stages)}): {_where(lines, 'tahap')}",
            hint="Telaah satu tahap (murni, pergeseran atau perubahan); bila judul berkas terbaca salah, "
            "tetapkan tahapnya dengan --stage.",
        )


def check_previous(path: Path, lines: pl.DataFrame, *, current_year: int | None, seen: dict[int, Path]) -> None:
    """One ``--previous`` path: at most one known year, earlier than the review's year when both are known, and
    not the year of an earlier ``--previous`` path (``seen``: year -> path, filled as the paths are checked)."""
    where = Location(display_path(path))
    years = known_years(lines)
    if len(years) > 1:
        raise ArgtagError(
            f"--previous berisi lebih dari satu tahun anggaran ({', '.join(map(str, years))}): "
            f"{_where(lines, 'tahun')}",
            hint="Berikan satu berkas atau folder per tahun; ulangi --previous untuk tiap tahun.",
            location=where,
        )
    if years and current_year is not None and years[0] >= current_year:
        relation = "sama dengan" if years[0] == current_year else "sesudah"
        raise ArgtagError(
            f"--previous berisi tahun {years[0]}, {relation} tahun masukan yang ditelaah ({current_year})",
            hint="--previous menerima ekspor tahun sebelumnya: periksa apakah masukan dan --previous tertukar. "
            "--year berlaku juga untuk --previous; tanpa --year, tahun dibaca dari tiap berkas.",
            location=where,
        )
    if years and years[0] in seen:
        raise ArgtagError(
            f"--previous {display_path(seen[years[0]])} dan {display_path(path)} sama-sama berisi tahun {years[0]}",
            hint="Berikan satu berkas atau folder per tahun; letakkan berkas tahun yang sama dalam satu folder.",
            location=where,
        )
    if years:
        seen[years[0]] = path

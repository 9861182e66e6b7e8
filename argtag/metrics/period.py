"""The budget period of a review: one year and one stage (tahap).

A review describes one APBD: lines of two years, or of two stages of one year, added together are a
number that exists nowhere. The year and stage of the review are those its lines carry; a line whose
year or stage is unknown (null) fits any, so files that state nothing mix with files that do. The
checks run on the lines as read, before anything is classified or written.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from argtag.errors import ArgtagError, Location, display_path

_FILES_SHOWN = 3  # files named per year or stage in an error


def year_label(year: object) -> str:
    """A year as users read it; ``summary.json`` keeps ``null`` for an unknown year, people read words.

    >>> year_label(2026), year_label(None)
    ('2026', 'tidak diketahui')
    """
    return "tidak diketahui" if year is None else str(year)


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


def check_previous(path: Path, lines: pl.DataFrame, *, current_year: int | None) -> None:
    """One ``--previous`` path: at most one known year, and earlier than the review's year when both are known."""
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

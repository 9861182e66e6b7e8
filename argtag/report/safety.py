"""Output safety: spreadsheet cells and CSV fields that a spreadsheet would run as a formula are defused.

A text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel
and LibreOffice (CSV injection). Such texts get a leading apostrophe, which spreadsheets show as
plain text. Numbers are left alone: only text columns pass through here.
"""

from __future__ import annotations

import re

import polars as pl

_RISKY = re.compile(r"^[=+\-@\t\r]")


def safe_text(value: str | None) -> str | None:
    """One cell.

    >>> safe_text("=HYPERLINK(\\"http://x\\")"), safe_text("-Rp 5"), safe_text("Dinas Kesehatan"), safe_text(None)
    ('\\'=HYPERLINK("http://x")', "'-Rp 5", 'Dinas Kesehatan', None)
    """
    if value is None or not _RISKY.match(value):
        return value
    return "'" + value


def safe_expr(text: pl.Expr) -> pl.Expr:
    """One text column, vectorised."""
    return pl.when(text.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + text).otherwise(text)


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of a frame, vectorised."""
    return frame.with_columns(safe_expr(pl.col(c)).alias(c) for c, dtype in frame.schema.items() if dtype == pl.String)


def safe_filename(name: str, limit: int = 80) -> str:
    """A file name from a PD or sub-kegiatan name: lower-case letters, digits and underscores only (no path tricks).

    >>> safe_filename("Dinas P3A / Perlindungan Anak: ../../etc"), safe_filename("")
    ('dinas_p3a_perlindungan_anak_etc', 'tanpa_nama')
    """
    cleaned = re.sub(r"[^0-9a-z]+", "_", name.lower())
    return cleaned[:limit].strip("_") or "tanpa_nama"

"""Exact money: turn amount cells (numbers or Indonesian number text) into whole rupiah.

Everything is a polars expression so a million cells parse without a Python loop. Money is never
a float: the digits are read as text and cast to Int64. Fractions of a rupiah are rounded half up
and flagged, so the caller can say where rounding happened.
"""

from __future__ import annotations

import polars as pl

_BLANK = r"^[-\u2013\u2014]?$"


def _canonical(text: pl.Expr) -> pl.Expr:
    """Amount text to ``digits[.digits]`` without sign; blank stays empty, garbage stays garbage."""
    t = text.str.replace_all(r"[\s\u00a0]", "").str.replace(r"(?i)^rp\.?", "")
    t = t.str.strip_chars("()").str.strip_chars_start("-")
    return (
        pl.when(t.str.contains(r"^\d{1,3}(,\d{3}){2,}$"))  # 1,234,567: English thousands
        .then(t.str.replace_all(",", ""))
        .when(t.str.contains(","))  # 1.234.567,00: Indonesian decimal comma
        .then(t.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(t.str.contains(r"^\d{1,3}(\.\d{3})+$"))  # 1.234.567: Indonesian thousands
        .then(t.str.replace_all(r"\.", ""))
        .otherwise(t)  # 1234567 or 1234567.5 as a numeric cell is rendered
    )


def _negative(text: pl.Expr) -> pl.Expr:
    t = text.str.replace_all(r"[\s\u00a0]", "").str.replace(r"(?i)^rp\.?", "")
    return (t.str.starts_with("(") & t.str.ends_with(")")) | t.str.starts_with("-")


def _is_blank(text: pl.Expr) -> pl.Expr:
    return text.is_null() | text.str.replace_all(r"[\s\u00a0]", "").str.contains(_BLANK)


def amount(text: pl.Expr) -> pl.Expr:
    """Whole rupiah (Int64) from amount text; null when blank or not a number."""
    canon = _canonical(text)
    whole = canon.str.extract(r"^(\d{1,18})(?:\.\d+)?$").cast(pl.Int64, strict=False)
    round_up = (canon.str.extract(r"\.(\d)") >= "5").fill_null(False).cast(pl.Int64)
    value = whole + round_up
    return pl.when(_is_blank(text)).then(None).when(_negative(text)).then(-value).otherwise(value)


def amount_state(text: pl.Expr) -> pl.Expr:
    """Why an amount parsed as it did: ``kosong``, ``ok``, ``pecahan`` (rounded) or ``tidak_valid``."""
    canon = _canonical(text)
    valid = canon.str.contains(r"^\d{1,18}(\.\d+)?$")
    fraction = canon.str.contains(r"\.\d*[1-9]")
    return (
        pl.when(_is_blank(text))
        .then(pl.lit("kosong"))
        .when(~valid)
        .then(pl.lit("tidak_valid"))
        .when(fraction)
        .then(pl.lit("pecahan"))
        .otherwise(pl.lit("ok"))
    )


_PLAIN = r"^(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)$"  # 1234567 (a numeric cell) or 1.234.567


def plain_amount(text: pl.Expr) -> pl.Expr:
    """The cheap cases: digits (a numeric cell) or ``1.234.567``; else null.

    One anchored pattern without captures (a single fast scan) and a cast; a dotted text counts only when
    its dots sit every three digits from the right, so ``1.5`` (a numeric cell with a fraction) is left
    to :func:`amount`.
    """
    digits = text.str.replace_all(".", "", literal=True)
    return pl.when(text.str.contains(_PLAIN)).then(digits.cast(pl.Int64, strict=False))


def parse_amount(text: str | None) -> int | None:
    """One amount, for tests and small uses; the same expressions as the bulk path.

    >>> [parse_amount(t) for t in ["1.234.567", "1.234.567,00", "Rp. 88.215.400", "(1.234.567)"]]
    [1234567, 1234567, 88215400, -1234567]
    >>> [parse_amount(t) for t in ["1234567.5", "1000000000000000", "-", "", None, "abc"]]
    [1234568, 1000000000000000, None, None, None, None]
    """
    frame = pl.DataFrame({"t": [text]}, schema={"t": pl.String})
    value: int | None = frame.select(amount(pl.col("t"))).item()
    return value


def format_rupiah(value: int | None) -> str:
    """Rupiah as Indonesians write it.

    >>> format_rupiah(1234567), format_rupiah(-5000), format_rupiah(0), format_rupiah(None)
    ('Rp 1.234.567', '-Rp 5.000', 'Rp 0', '-')
    """
    if value is None:
        return "-"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


def format_count(value: int) -> str:
    """A count with Indonesian thousands dots.

    >>> format_count(1234567)
    '1.234.567'
    """
    return f"{value:,}".replace(",", ".")

"""Exact money: turn amount cells (numbers or Indonesian number text) into whole rupiah.

Everything is a polars expression so a million cells parse without a Python loop. Money is never
a float: the digits are read as text and cast to Int64. Fractions of a rupiah are rounded half up
and flagged, so the caller can say where rounding happened.
"""

from __future__ import annotations

import polars as pl

MAX_RUPIAH = 10**15  # more than a whole national budget: a larger amount is a mistake (and would overflow Int64 sums)
_SPACES = r"[\s\u00a0]"
_DASH = "-\u2013\u2014"  # hyphen, en dash, em dash
_STATES = ("kosong", "ok", "pecahan", "tidak_valid")  # from harmless to worst


# The parse in steps, each a function of the step before it: the text without spaces (``bare``), then without
# the Rp/IDR prefix and the ",-" of whole rupiah, a lone dash read as nihil (``plain``; :func:`plain_amount` is
# the fast path, something else), then without sign (``unsigned``), then in canonical form ``digits[.digits]``,
# then the value. :func:`parse_amounts` runs each step once per column of a frame, on the columns of the step
# before: polars evaluates a repeated expression each time.


def _bare(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(_SPACES, "")


def _unprefixed(bare: pl.Expr) -> pl.Expr:
    """``Rp``/``IDR`` and a closing ``,-`` or ``,--`` (whole rupiah) removed; a lone dash (nihil) is ``0``."""
    plain = bare.str.replace(r"(?i)^(rp|idr)\.?", "").str.replace(f",[{_DASH}]{{1,2}}(\\)?)$", "${1}")
    return plain.str.replace(f"^[{_DASH}]$", "0")


def _blank(bare: pl.Expr) -> pl.Expr:
    return bare.is_null() | (bare == "")


def _negative(plain: pl.Expr) -> pl.Expr:
    return (plain.str.starts_with("(") & plain.str.ends_with(")")) | plain.str.starts_with("-")


def _unsigned(plain: pl.Expr) -> pl.Expr:
    return plain.str.strip_chars("()").str.strip_chars_start("-")


def _canonical(t: pl.Expr) -> pl.Expr:
    """``digits[.digits]`` from the unsigned text; blank stays empty, garbage stays garbage."""
    return (
        pl.when(t.str.contains(r"^\d{1,3}(,\d{3}){2,}$"))  # 1,234,567: English thousands
        .then(t.str.replace_all(",", ""))
        .when(t.str.contains(","))  # 1.234.567,00: Indonesian decimal comma
        .then(t.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(t.str.contains(r"^\d{1,3}(\.\d{3})+$"))  # 1.234.567: Indonesian thousands
        .then(t.str.replace_all(r"\.", ""))
        .otherwise(t)  # 1234567 or 1234567.5 as a numeric cell is rendered
    )


def _value(canonical: pl.Expr, blank: pl.Expr, negative: pl.Expr) -> pl.Expr:
    """Whole rupiah, rounded half up; null when blank, not a number, or more than ``MAX_RUPIAH``."""
    whole = canonical.str.extract(r"^(\d{1,18})(?:\.\d+)?$").cast(pl.Int64, strict=False)
    round_up = (canonical.str.extract(r"\.(\d)") >= "5").fill_null(False).cast(pl.Int64)
    value = whole + round_up
    return pl.when(blank | (value > MAX_RUPIAH)).then(None).when(negative).then(-value).otherwise(value)


def _state(canonical: pl.Expr, blank: pl.Expr, value: pl.Expr) -> pl.Expr:
    """Reads the value's column (:func:`_value`): a text that is not blank and gave no value is not valid."""
    return (
        pl.when(blank)
        .then(pl.lit("kosong"))
        .when(value.is_null())
        .then(pl.lit("tidak_valid"))
        .when(canonical.str.contains(r"\.\d*[1-9]"))
        .then(pl.lit("pecahan"))
        .otherwise(pl.lit("ok"))
    )


def parse_amounts(frame: pl.DataFrame, fields: list[str], deciding: list[str] | None = None) -> pl.DataFrame:
    """Each of ``fields`` (amount text) as whole rupiah (Int64; null when blank or not a number), plus
    ``_state``: why the ``deciding`` ones (all by default) parsed as they did, the worst of them: ``kosong``
    (blank), ``ok``, ``pecahan`` (a fraction, rounded half up) or ``tidak_valid``.

    Each step runs once per column, on the result of the step before: written as one expression per column,
    the shared steps ran again for the value and for every state test (tens of milliseconds per small sheet).
    """
    bare = frame.select(_bare(pl.col(f)).alias(f) for f in fields)
    steps = bare.select(
        *[_unprefixed(pl.col(f)).alias(f) for f in fields], *[_blank(pl.col(f)).alias(f"{f}_b") for f in fields]
    )
    steps = steps.select(
        *[_unsigned(pl.col(f)).alias(f) for f in fields],
        *[_negative(pl.col(f)).alias(f"{f}_n") for f in fields],
        *[pl.col(f"{f}_b") for f in fields],
    )
    steps = steps.with_columns(_canonical(pl.col(f)).alias(f) for f in fields)
    steps = steps.with_columns(_value(pl.col(f), pl.col(f"{f}_b"), pl.col(f"{f}_n")).alias(f"{f}_v") for f in fields)
    worst = pl.max_horizontal(
        _state(pl.col(f), pl.col(f"{f}_b"), pl.col(f"{f}_v")).replace_strict(
            _STATES, range(len(_STATES)), return_dtype=pl.Int8
        )
        for f in (deciding or fields)
    )
    return steps.select(
        *[pl.col(f"{f}_v").alias(f) for f in fields],
        _state=worst.replace_strict(range(len(_STATES)), _STATES, return_dtype=pl.String),
    )


# 1234567 (a numeric cell) or 1.234.567, at most 15 digits (below MAX_RUPIAH)
_PLAIN = r"^(?:[0-9]{1,15}|[0-9]{1,3}(?:\.[0-9]{3}){1,4})$"


def plain_amount(text: pl.Expr) -> pl.Expr:
    """The cheap cases: digits (a numeric cell) or ``1.234.567``, up to 15 digits; else null.

    One anchored pattern without captures (a single fast scan) and a cast; a dotted text counts only when
    its dots sit every three digits from the right, so ``1.5`` (a numeric cell with a fraction) is left
    to :func:`parse_amounts`, and so is a longer number, which may be more than ``MAX_RUPIAH``.
    """
    digits = text.str.replace_all(".", "", literal=True)
    return pl.when(text.str.contains(_PLAIN)).then(digits.cast(pl.Int64, strict=False))


def parse_amount(text: str | None) -> int | None:
    """One amount, for tests and small uses, through :func:`parse_amounts`.

    >>> [parse_amount(t) for t in ["1.234.567", "1.234.567,00", "Rp. 88.215.400", "(1.234.567)"]]
    [1234567, 1234567, 88215400, -1234567]
    >>> [parse_amount(t) for t in ["1234567.5", "1000000000000000", "1000000000000001", "", None, "abc"]]
    [1234568, 1000000000000000, None, None, None, None]
    >>> [parse_amount(t) for t in ["1.234.567,-", "Rp 5.000,--", "IDR 5.000.000", "-", "\u2013", "Rp -"]]
    [1234567, 5000, 5000000, 0, 0, 0]
    """
    frame = pl.DataFrame({"t": [text]}, schema={"t": pl.String})
    value: int | None = parse_amounts(frame, ["t"])["t"].item()
    return value


def parse_whole_rupiah(text: str) -> int | None:
    """A whole-rupiah amount a user types (``1234567000``, ``1.234.567.000``, ``Rp 1.234.567.000``): what
    :func:`parse_amounts` reads when it reads an exact amount (state ``ok``), else None, so that a fraction or
    a typo in a total given on the command line or in ``argtag.toml`` does not become a number.

    >>> [parse_whole_rupiah(t) for t in ["1234567000", "1.234.567.000", "Rp 1.234.567.000", "Rp. 1.000,00", "-5"]]
    [1234567000, 1234567000, 1234567000, 1000, -5]
    >>> [parse_whole_rupiah(t) for t in ["1,5", "1.2345", "1,5 juta", "", "abc"]]
    [None, None, None, None, None]
    """
    parsed = parse_amounts(pl.DataFrame({"t": [text]}, schema={"t": pl.String}), ["t"])
    value, state = parsed.row(0)
    return value if state == "ok" else None


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

"""Nomenclature codes: clean them, normalise their variants, tell their level, split them off names.

Canonical sub-kegiatan code: ``U.BB.PP.K.KK.SSSS`` (kewenangan one digit, last segment four digits).
Variants seen in real exports: stray (non-breaking) spaces, kewenangan written ``02``, the old
two-digit last segment, Program Penunjang written under ``X.XX``, the code written at the start of
the name. All functions build polars expressions; the small pure wrappers exist for doctests.
"""

from __future__ import annotations

import polars as pl

CODE_PATTERN = r"^[0-9X]{1,2}(\.[0-9X]{1,4})*$"  # any nomenclature or organisation code, spaces removed

# A code at the start of a name: "1.02.02.2.02.0001 Pengelolaan ..." or "8.01.02 - PROGRAM ...".
_LEADING_CODE = r"^\s*([0-9X]{1,2}(?:\.[0-9X]{1,4}){1,7})\.?(?:\s*[-\u2013:]\s*|\s+)(\S.*)$"

LEVELS = {1: "urusan", 2: "bidang_urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan", 8: "organisasi"}


def clean_text(text: pl.Expr) -> pl.Expr:
    """Control characters out, non-breaking spaces to spaces, runs of whitespace to one space, trimmed; empty
    becomes null."""
    t = text.str.replace_all(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "").str.replace_all(r"[\s\u00a0]+", " ")
    return t.str.strip_chars().replace("", None)  # not when/then/otherwise: that would run the chain twice


def code_in_name(text: pl.Expr) -> pl.Expr:
    """The code written at the start of a name, or null."""
    return text.str.extract(_LEADING_CODE, 1)


def name_without_code(text: pl.Expr) -> pl.Expr:
    """The name with a leading code (and its dash) removed."""
    return pl.coalesce(text.str.extract(_LEADING_CODE, 2), text)


def normalize_code(code: pl.Expr) -> pl.Expr:
    """Canonical form of a nomenclature code (see the module docstring); ``X.XX`` stays, for
    :func:`resolve_penunjang` to resolve on the normalised column."""
    c = code.str.replace_all(r"[\s\u00a0]", "").str.strip_chars(".").str.to_uppercase()
    # kewenangan written 02: U.BB.PP.0K.KK[.SSSS]
    c = c.str.replace(r"^([0-9X]{1,2}\.[0-9X]{2}\.[0-9]{2})\.0([12])(\.[0-9]{2}(?:\.[0-9]+)?)$", "${1}.${2}${3}")
    # old 1-3 digit last segment of a sub-kegiatan code, padded to four digits
    head = r"^([0-9X]{1,2}\.[0-9X]{2}\.[0-9]{2}\.[0-9]\.[0-9]{2})\."
    c = c.str.replace(head + r"([0-9])$", "${1}.000${2}")
    c = c.str.replace(head + r"([0-9]{2})$", "${1}.00${2}")
    c = c.str.replace(head + r"([0-9]{3})$", "${1}.0${2}")
    return c.replace("", None)


def pd_bidang(pd_code: pl.Expr) -> pl.Expr:
    """The bidang urusan of a PD code (its first two segments: ``1.02`` of ``1.02.0.00.0.00.01.0000``), or null."""
    return pd_code.str.extract(r"^\s*([0-9]{1,2}\.[0-9]{2})\.")


def resolve_penunjang(c: pl.Expr, bidang: pl.Expr) -> pl.Expr:
    """A normalised code with ``X.XX`` (Program Penunjang) resolved to the PD's bidang urusan (``bidang``, see
    :func:`pd_bidang`), when known.

    Apart from :func:`normalize_code` so that callers normalise each distinct code once and resolve per PD
    here, with no regular expression on the code itself. Both should be columns: each is read in several
    branches, and polars evaluates an expression again wherever it appears.
    """
    return (
        pl.when(bidang.is_null())
        .then(c)
        .when((c == "X.XX") | c.str.starts_with("X.XX."))
        .then(pl.concat_str([bidang, c.str.slice(4)]))
        .when(c == "X")
        .then(bidang.str.extract(r"^([0-9]+)"))
        .otherwise(c)
    )


def code_level(code: pl.Expr) -> pl.Expr:
    """Level of a normalised code by its segment count: urusan, program, sub_kegiatan, organisasi ..."""
    count = code.str.count_matches(r"\.") + 1
    return count.replace_strict(LEVELS, default=None, return_dtype=pl.String)


def prefix(code: pl.Expr, segments: int) -> pl.Expr:
    """The first ``segments`` segments of a dotted code."""
    return code.str.extract(r"^([^.]+(?:\.[^.]+){" + str(segments - 1) + r"})", 1)


def _one(expr: pl.Expr, value: str | None, pd: str | None = None) -> str | None:
    frame = pl.DataFrame({"v": [value], "pd": [pd]}, schema={"v": pl.String, "pd": pl.String})
    result: str | None = frame.select(expr).item()
    return result


def normalized(code: str | None, pd_code: str | None = None) -> str | None:
    """Pure wrapper of :func:`normalize_code` and :func:`resolve_penunjang`.

    >>> normalized("2.08.02.02.01.0001"), normalized(" 1.02.02.2.02.01\\u00a0")
    ('2.08.02.2.01.0001', '1.02.02.2.02.0001')
    >>> normalized("X.XX.01.2.06.0003", "1.02.0.00.0.00.01.0000"), normalized("X.XX.01.2.06.0003")
    ('1.02.01.2.06.0003', 'X.XX.01.2.06.0003')
    >>> normalized("1.02.0.00.0.00.01.0000"), normalized("1.02.02.02.01")
    ('1.02.0.00.0.00.01.0000', '1.02.02.2.01')
    >>> normalized("X.XX", "2.14.2.08.0.00.01.0000"), normalized("X", "2.14.2.08.0.00.01.0000")
    ('2.14', '2')
    """
    plain = _one(normalize_code(pl.col("v")), code)
    return _one(resolve_penunjang(pl.col("v"), pd_bidang(pl.col("pd"))), plain, pd_code) if pd_code else plain


def split_name(text: str) -> tuple[str | None, str]:
    """Pure wrapper of :func:`code_in_name` and :func:`name_without_code`.

    >>> split_name("7.01.02.2.01.0001 Koordinasi Penyelenggaraan")
    ('7.01.02.2.01.0001', 'Koordinasi Penyelenggaraan')
    >>> split_name("8.01.02 - PROGRAM PENGUATAN IDEOLOGI"), split_name("Pelayanan KB")
    (('8.01.02', 'PROGRAM PENGUATAN IDEOLOGI'), (None, 'Pelayanan KB'))
    """
    return _one(code_in_name(pl.col("v")), text), str(_one(name_without_code(pl.col("v")), text))

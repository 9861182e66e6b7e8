"""Text normalisation for matching: the same steps for budget names and for rule phrases.

Case-fold, drop a leading code, turn everything that is not a letter or digit into a space, collapse
spaces, expand abbreviations whole-word, and pad with one space on each side, so that a phrase
matches only as whole words (`` ibu `` is not inside ``distribusi``, `` ayah `` not inside ``wilayah``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from argtag.codes import name_without_code


def _spaced(text: pl.Expr) -> pl.Expr:
    t = name_without_code(text.fill_null("")).str.to_lowercase()
    t = t.str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    return pl.concat_str([pl.lit(" "), t, pl.lit(" ")])


def normalize_expr(text: pl.Expr, abbreviations: Mapping[str, str] | None = None) -> pl.Expr:
    """Normalised, space-padded text (see the module docstring)."""
    t = _spaced(text)
    if abbreviations:
        # doubled spaces give every token its own pair of spaces, so consecutive tokens both match
        keys = sorted(abbreviations, key=lambda k: (-len(k), k))
        t = t.str.replace_all(" ", "  ", literal=True).str.replace_many(
            [_doubled(k) for k in keys],
            [_doubled(abbreviations[k]) for k in keys],
        )
        t = t.str.replace_all(r" {2,}", " ")
    return t


def _doubled(phrase: str) -> str:
    """A phrase as it appears in doubled-space text: one space at each end, two between words."""
    return " " + "  ".join(phrase.split()) + " "


def normalize(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """One text, the same expressions as the bulk path; the padding spaces are removed.

    >>> normalize("2.08.02.2.01.0003 Advokasi PUG termasuk PPRG", {"pug": "pengarusutamaan gender"})
    'advokasi pengarusutamaan gender termasuk pprg'
    >>> normalize("Pendampingan korban KDRT/TPPO", {"kdrt": "kekerasan dalam rumah tangga"})
    'pendampingan korban kekerasan dalam rumah tangga tppo'
    >>> normalize("KB KB pria", {"kb": "keluarga berencana"}), normalize("Nonformal/Kesetaraan")
    ('keluarga berencana keluarga berencana pria', 'nonformal kesetaraan')
    """
    return normalize_many([text], abbreviations)[0]


def normalize_many(texts: Sequence[str], abbreviations: Mapping[str, str] | None = None) -> list[str]:
    """Many texts in one query: loading a rule set normalises hundreds of phrases."""
    frame = pl.DataFrame({"t": list(texts)}, schema={"t": pl.String})
    return [t.strip() for t in frame.select(normalize_expr(pl.col("t"), abbreviations)).to_series().to_list()]

"""Mapping profiles: a pemda maps an unusual export once, in a small TOML file, and reuses it.

Example (``--profile sukamaju.toml``)::

    header_row = 7          # first header row as Excel numbers it (optional)
    header_rows = 2         # header depth (optional, default 1)
    layout = "flat"         # flat | recap | detail (optional; detected otherwise)

    [columns]               # column title as written -> field
    "Nama Kegiatan Rinci" = "nama_sub_kegiatan"
    "Nilai (Rp)" = "pagu"
    "Catatan" = "abaikan"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from argtag import toml_file
from argtag.errors import ArgtagError, Location, display_path
from argtag.ingest.fields import IGNORED, SYNONYMS, normalize_title

LAYOUTS = ("flat", "recap", "detail")
_KEYS = ("header_row", "header_rows", "layout", "columns")


@dataclass(frozen=True)
class Profile:
    columns: dict[str, str] = field(default_factory=dict)  # normalised title -> field
    header_row: int | None = None  # 1-based
    header_depth: int = 1
    layout: str | None = None


def _nearest(word: str, options: list[str]) -> str:
    close = get_close_matches(word, options, n=1, cutoff=0.5)
    return f" Mungkin maksud Anda '{close[0]}'?" if close else f" Pilihan: {', '.join(options)}."


def load_profile(path: Path) -> Profile:
    where = Location(display_path(path))
    try:
        data, _ = toml_file.load(path)
    except FileNotFoundError as exc:
        raise ArgtagError(
            "berkas profil tidak ditemukan", hint="Periksa nama berkas --profile.", location=where
        ) from exc
    for key in data:
        if key not in _KEYS:
            raise ArgtagError(f"kunci '{key}' tidak dikenal di profil.{_nearest(key, list(_KEYS))}", location=where)
    fields = [*SYNONYMS, "abaikan"]
    columns: dict[str, str] = {}
    for title, target in dict(data.get("columns", {})).items():
        if target not in fields:
            raise ArgtagError(
                f"kolom '{title}' dipetakan ke '{target}' yang tidak dikenal.{_nearest(str(target), fields)}",
                location=where,
            )
        columns[normalize_title(title)] = IGNORED if target == "abaikan" else target
    layout = data.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise ArgtagError(f"layout '{layout}' tidak dikenal.{_nearest(str(layout), list(LAYOUTS))}", location=where)
    row = data.get("header_row")
    depth = data.get("header_rows", 1)
    if (row is not None and (not isinstance(row, int) or row < 1)) or not isinstance(depth, int) or not 1 <= depth <= 4:
        raise ArgtagError("header_row harus bilangan bulat >= 1 dan header_rows antara 1 dan 4", location=where)
    return Profile(columns=columns, header_row=row, header_depth=depth, layout=layout)

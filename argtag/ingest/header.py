"""Find the header of a table (1-4 rows, merged cells, a numbering row under it) and map its columns.

The header is the row among the first ones whose cells most look like column titles; merged
ranges (or, without merge information, rows of titles right above or below) extend it to a block.
Each column's title is the stack of its header cells ("Jumlah Anggaran / Belanja Operasi"),
matched against the synonym table, exactly first and then fuzzily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from argtag.ingest.fields import IGNORED, SYNONYMS, match_title, normalize_title
from argtag.ingest.grid import Grid
from argtag.ingest.profile import Profile

HEAD_ROWS = 60
MAX_DEPTH = 4
_NUMBERING = re.compile(r"^\d{1,2}(\s*[=(].*)?$")
_NUMERIC = re.compile(r"^[\s(\-]*(rp\.?)?\s*[\d.,]+\)?$", re.IGNORECASE)

Row = tuple[str | None, ...]


@dataclass(frozen=True)
class ColumnMatch:
    """One column: its header text, the field it was mapped to, and how sure we are (0-100)."""

    index: int
    title: str
    field: str | None
    score: float
    via: str  # "sinonim", "fuzzy", "profil" or "" when unmapped

    @property
    def mapped(self) -> bool:
        return self.field is not None and self.field != IGNORED


@dataclass(frozen=True)
class Header:
    rows: tuple[int, ...]  # 0-based grid rows
    numbering_row: int | None
    columns: tuple[ColumnMatch, ...]

    @property
    def data_start(self) -> int:
        return (self.numbering_row if self.numbering_row is not None else self.rows[-1]) + 1

    def column(self, field: str) -> int | None:
        for col in self.columns:
            if col.field == field:
                return col.index
        return None

    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.mapped and c.field is not None}


@lru_cache(maxsize=4096)
def _title_match(text: str) -> tuple[str, float, int] | None:
    if len(text) > 80 or _NUMERIC.match(text):
        return None
    return match_title(normalize_title(text))


def _score(row: Row) -> int:
    return sum(1 for cell in row if cell and _title_match(cell) is not None)


def _has_numbers(row: Row) -> bool:
    return any(cell and _NUMERIC.match(cell) for cell in row)


def _block(grid: Grid, head: list[Row], top: int) -> list[int]:
    """Rows of the header block containing ``top``: through merged ranges, else neighbouring title rows."""
    rows = {top}
    vertical = [
        (m.first_row, m.last_row)
        for m in grid.merges
        if m.last_row > m.first_row and m.last_row - m.first_row < MAX_DEPTH and m.first_row < len(head)
    ]
    changed = True
    while changed:
        changed = False
        for first, last in vertical:
            span = set(range(first, last + 1))
            if span & rows and not span <= rows:
                rows |= span
                changed = True
    if len(rows) == 1:  # no merge information: take adjacent rows of titles
        for step in (-1, 1):
            r = top + step
            while 0 <= r < len(head) and len(rows) < MAX_DEPTH and _score(head[r]) >= 2 and not _has_numbers(head[r]):
                rows.add(r)
                r += step
    ordered = sorted(rows)
    return ordered[:MAX_DEPTH]


def _numbering(head: list[Row], row: int) -> bool:
    if row >= len(head):
        return False
    cells = [c for c in head[row] if c]
    if len(cells) < 3 or not all(_NUMBERING.match(c) for c in cells):
        return False
    numbers = [int(re.match(r"\d+", c).group(0)) for c in cells]  # type: ignore[union-attr]
    return numbers[0] == 1 and all(b == a + 1 for a, b in pairwise(numbers))


def _titles(grid: Grid, head: list[Row], rows: list[int], width: int) -> list[list[str]]:
    """Per column, the stack of header texts top to bottom, merged cells filled in."""
    filled = {r: list(head[r]) + [None] * (width - len(head[r])) for r in rows}
    merged_into: set[tuple[int, int]] = set()
    for m in grid.merges:
        value = filled.get(m.first_row, [None] * width)[m.first_col - grid.first_col] if m.first_row in filled else None
        for r in range(m.first_row, m.last_row + 1):
            if r not in filled:
                continue
            for c in range(m.first_col - grid.first_col, m.last_col - grid.first_col + 1):
                if 0 <= c < width:
                    filled[r][c] = value
                    merged_into.add((r, c))
    if not grid.merges:
        # an empty upper cell over a sub-title continues the group title on its left
        for upper, lower in pairwise(rows):
            for c in range(1, width):
                if not filled[upper][c] and filled[lower][c] and filled[upper][c - 1] and filled[lower][c - 1]:
                    filled[upper][c] = filled[upper][c - 1]
    stacks: list[list[str]] = []
    for c in range(width):
        parts: list[str] = []
        for r in rows:
            text = (filled[r][c] or "").strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        stacks.append(parts)
    return stacks


def _map(parts: list[str], profile: Profile | None) -> tuple[str | None, float, str]:
    if not parts:
        return None, 0.0, ""
    # the whole stack in both orders: a group label over "Kode | Nama" ("Sub Kegiatan / Kode") reads as
    # "kode sub kegiatan" as surely as "Kode" over "Sub Kegiatan" does; then the lowest and the top cell alone
    candidates = [" ".join(parts), " ".join(reversed(parts)), parts[-1], parts[0]]
    if profile is not None:
        for text in candidates:
            field = profile.columns.get(normalize_title(text))
            if field is not None:
                return field, 100.0, "profil"
    best: tuple[str, float, int] | None = None
    for text in candidates:
        found = match_title(normalize_title(text))
        if found and found[1] == 100.0:
            return found[0], 100.0, "sinonim"
        if found and (best is None or found[1] > best[1]):
            best = found
    if best is None:
        return None, 0.0, ""
    return best[0], best[1], "fuzzy"


def _resolve(columns: list[ColumnMatch]) -> tuple[ColumnMatch, ...]:
    """One column per field: the best score, then the preferred synonym, then the leftmost."""
    winners: dict[str, ColumnMatch] = {}
    ranks: dict[int, int] = {}
    for col in columns:
        if not col.mapped or col.field is None:
            continue
        rank = _rank(col)
        ranks[col.index] = rank
        current = winners.get(col.field)
        if current is None or (-col.score, rank, col.index) < (-current.score, ranks[current.index], current.index):
            winners[col.field] = col
    keep = {c.index for c in winners.values()}
    return tuple(
        c if (not c.mapped or c.index in keep) else ColumnMatch(c.index, c.title, None, c.score, "duplikat")
        for c in columns
    )


def _rank(col: ColumnMatch) -> int:
    words = SYNONYMS.get(col.field or "", ())
    title = normalize_title(col.title.split(" / ")[-1])
    return words.index(title) if title in words else len(words)


def find_header(grid: Grid, profile: Profile | None = None) -> Header | None:
    """The header block of ``grid``, or None when no row looks like column titles."""
    head: list[Row] = list(grid.cells.head(HEAD_ROWS).iter_rows())
    if not head:
        return None
    if profile is not None and profile.header_row is not None:
        top = profile.header_row - 1
        rows = list(range(top, top + profile.header_depth))
    else:
        scores = [_score(row) for row in head]
        top = max(range(len(head)), key=lambda r: (scores[r], -r))
        if scores[top] < 2:
            return None
        rows = _block(grid, head, top)
    width = grid.cells.width
    stacks = _titles(grid, head, rows, width)
    columns = []
    for index, parts in enumerate(stacks):
        field, score, via = _map(parts, profile)
        columns.append(ColumnMatch(index, " / ".join(parts), field, score, via))
    numbering = rows[-1] + 1 if _numbering(head, rows[-1] + 1) else None
    return Header(tuple(rows), numbering, _resolve(columns))

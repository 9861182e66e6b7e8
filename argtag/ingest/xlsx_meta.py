"""What calamine does not tell about an xlsx sheet: merged ranges, formulas without a cached value,
and where the used range starts. Read by streaming the sheet's XML once, without openpyxl."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

_CHUNK = 1 << 20
_REF = re.compile(rb"([A-Z]{1,3})(\d+)")
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+\d+):([A-Z]+\d+)"')
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]+\d+)(?::([A-Z]+\d+))?"')
# cells with content (styled empties self-close) in columns AA-ZZ and AAA-XFD; columns A-Z count as 26
_WIDE_CELL = (re.compile(rb'<c\s+r="([A-Z]{3})\d+"[^>/]*>'), re.compile(rb'<c\s+r="([A-Z]{2})\d+"[^>/]*>'))
_LAST_ROW = re.compile(rb'<row\s+r="(\d+)"')
# a cell with a formula and no <v> before it closes
_UNCACHED = re.compile(
    rb'<c\s+r="([A-Z]+\d+)"[^>]*>\s*(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based inclusive sheet coordinates."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class SheetMeta:
    merges: list[Merge] = field(default_factory=list)
    uncached_formulas: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, col)
    first_col: int = 0
    extent: tuple[int, int] | None = None  # (rows, columns) of the range calamine will allocate


def _col_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _cell(ref: bytes) -> tuple[int, int]:
    match = _REF.fullmatch(ref)
    if match is None:
        return (0, 0)
    return int(match.group(2)) - 1, _col_index(match.group(1))


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets: dict[str, str] = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', rel.group(0))
        target = re.search(r'\bTarget="([^"]+)"', rel.group(0))
        if rid and target:
            path = target.group(1).lstrip("/")
            targets[rid.group(1)] = path if path.startswith("xl/") else str(PurePosixPath("xl") / path)
    parts: dict[str, str] = {}
    for name, element in _sheets(workbook):
        rid = re.search(r'\br:id="([^"]+)"', element) or re.search(r'\bid="([^"]+)"', element)
        if rid and rid.group(1) in targets:
            parts[name] = targets[rid.group(1)]
    return parts


def _sheets(workbook: str) -> Iterator[tuple[str, str]]:
    """(name, element) of every ``<sheet>`` element of workbook.xml."""
    for sheet in re.finditer(r"<sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', sheet.group(0))
        if name:
            yield _unescape(name.group(1)), sheet.group(0)


def hidden_sheets(path: str) -> set[str]:
    """Names of the sheets workbook.xml marks hidden or very hidden (read without loading any sheet)."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    return {name for name, element in _sheets(workbook) if re.search(r'\bstate="(hidden|veryHidden)"', element)}


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _dimension(meta: SheetMeta, head: bytes) -> bool:
    """Read <dimension ref="B2:K20"> from the top of the sheet; False when the sheet has none."""
    found = _DIMENSION.search(head)
    if found is None:
        return False
    (r1, c1), (r2, c2) = _cell(found.group(1)), _cell(found.group(2) or found.group(1))
    meta.first_col, meta.extent = c1, (r2 - r1 + 1, c2 - c1 + 1)
    return True


def _scan(meta: SheetMeta, data: bytes) -> None:
    if b"<f" in data:
        for match in _UNCACHED.finditer(data):
            meta.uncached_formulas.add(_cell(match.group(1)))
    if b"<mergeCell " in data:
        for match in _MERGE.finditer(data):
            (r1, c1), (r2, c2) = _cell(match.group(1)), _cell(match.group(2))
            merge = Merge(r1, c1, r2, c2)
            if merge not in meta.merges:
                meta.merges.append(merge)


def _measure(extent: tuple[int, int], data: bytes) -> tuple[int, int]:
    """The used range of cells with content, cheaply: the last row element gives the rows, and only
    cells past column Z are looked at one by one (a far-right cell is what makes a range absurd)."""
    rows, cols = extent
    row_numbers = _LAST_ROW.findall(data, max(0, len(data) - 65536))
    if row_numbers:
        rows = max(rows, int(row_numbers[-1]))
    for pattern in _WIDE_CELL:
        if pattern.search(data):
            return rows, max(cols, *(_col_index(letters) + 1 for letters in pattern.findall(data)))
    return rows, max(cols, 26)


def declared_extent(path: str, sheet_name: str) -> tuple[int, int] | None:
    """The (rows, columns) a sheet's ``<dimension>`` declares, from the first chunk of its XML; None without one."""
    meta = SheetMeta()
    with zipfile.ZipFile(path) as archive:
        member = _sheet_parts(archive).get(sheet_name)
        if member is None:
            return None
        with archive.open(member) as stream:
            return meta.extent if _dimension(meta, stream.read(_CHUNK)) else None


def read_sheet_meta(path: str, sheet_name: str, max_cells: int) -> SheetMeta:
    """Stream one sheet's XML; the cost is one decompression pass, no DOM.

    The extent comes from ``<dimension>``; when that is missing or larger than ``max_cells`` (formatting
    applied to whole columns inflates it), the cells with content are measured instead.
    """
    meta = SheetMeta()
    with zipfile.ZipFile(path) as archive:
        member = _sheet_parts(archive).get(sheet_name)
        if member is None:
            return meta
        tail = b""
        measure: bool | None = None
        extent = (0, 0)
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                data = tail + chunk
                if measure is None:
                    measure = (
                        not _dimension(meta, data)
                        or (meta.extent or (0, 0))[0] * (meta.extent or (0, 0))[1] > max_cells
                    )
                if measure:
                    extent = _measure(extent, data)
                _scan(meta, data)
                tail = data[-4096:]
        if measure:
            meta.extent = extent
    return meta

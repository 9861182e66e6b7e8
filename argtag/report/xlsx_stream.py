"""A big table written as worksheet XML straight from a polars frame, with no per-cell Python objects.

openpyxl stays in charge of everything around the cells: it writes a placeholder sheet with the rows above the
table (the header), column widths, panes, the filter, data validation and the styles, plus a *template row* at
the table's last row whose cells carry each column's style. :func:`table_stream` then writes the final sheet:
the placeholder up to the template row, the table's rows built chunk by chunk with polars string expressions
(using the template's style ids), and the placeholder's end. As the template sits on the last row, openpyxl has
already sized ``<dimension>``; the filter and validation ranges are whatever the caller set.

Cells hold what openpyxl would have written: text with the characters XML forbids removed, formula-like text
defused by ``report.safety``, cut to Excel's limit, ``xml:space`` kept where openpyxl keeps it; numbers as ``<v>``
in openpyxl's ``%.16g`` form, booleans as ``t="b"``. Text goes to the workbook's shared strings (``t="s"``) rather
than inline as openpyxl writes it: names repeat on every line, and each distinct text stored once makes the
sheet's XML half as long to build and deflate and the file a third smaller. Cells carry no ``r`` reference (the
format makes it optional; Excel, LibreOffice, openpyxl and calamine place a cell after the one before it), so
every cell of a row is written, an empty one as ``<c/>`` or, in a styled column, as ``<c s=".."/>`` so that a
user typing into it gets the column's format.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import IO

import polars as pl

from argtag.report.safety import safe_expr, safe_text
from argtag.report.xlsx_io import SheetStream

CELL_LIMIT = 32767  # Excel's longest cell text
ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"  # openpyxl's ILLEGAL_CHARACTERS_RE: control characters XML 1.0 refuses
CHUNK_ROWS = 2048  # rows built at a time: about 3 MB of XML for the 35-column review, 30 MB at most in flight
EXACT_INT = 10**15  # integers up to this (and well beyond) print the same as openpyxl's "%.16g" of them

_CELL_BOUND = 100  # bytes around one cell's value, generously: <c s=".." t="s"><v>..</v></c>
_ROW_BOUND = 40  # <row r=".."></row>
_PART_BOUND = 1 << 20  # the placeholder's own XML


def table_stream(frame: pl.DataFrame, template_row: int, order: pl.Series | None = None) -> SheetStream:
    """Writes ``frame`` (one column per sheet column from A, in order) into the rows ending at ``template_row``,
    in the order of the row numbers ``order`` if given (each chunk is gathered as it is written).

    A column's dtype decides its cells: String (and anything else, as text), integers, floats, Boolean,
    or Null for a column left empty.
    """
    frame = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
    frame = frame.with_columns(pl.col(n).cast(pl.String) for n, t in frame.schema.items() if not _kept(t))
    text_bytes = _text_bytes(frame)
    frame, strings = _shared_texts(frame)
    kinds = frame.dtypes
    frame = frame.with_columns(number_text(frame[n]) for n, t in frame.schema.items() if t.is_numeric())
    order = pl.int_range(frame.height, eager=True) if order is None else order
    first_row = template_row - len(order) + 1

    def write(placeholder: bytes, out: IO[bytes]) -> None:
        head, template, tail = split_placeholder(placeholder, template_row)
        styles = template_styles(template)
        cells = pl.concat_str([_cell(i, kind, styles.get(i, 0)) for i, kind in enumerate(kinds)])
        out.write(head)
        for chunk in _ahead(sheet_rows(frame, order, cells, first_row)):
            out.write(chunk)
        out.write(tail)

    return SheetStream(write, _size_bound(frame, text_bytes), _shared_items(strings), strings.len())


def _kept(dtype: pl.DataType) -> bool:
    return dtype in (pl.String, pl.Boolean, pl.Null) or dtype.is_numeric()


def split_placeholder(part: bytes, template_row: int) -> tuple[bytes, bytes, bytes]:
    """The placeholder sheet up to its template row, the template row, and the rest from ``</sheetData>`` on."""
    start = part.index(b'<row r="%d"' % template_row)
    end = part.index(b"</sheetData>", start)
    return part[:start], part[start:end], part[end:]


def template_styles(template: bytes) -> dict[int, int]:
    """Style id by column index (0 = A) of the template row's cells; unstyled columns are absent."""
    row = ET.fromstring(template)  # the row alone: no namespace prefixes in it
    styles = {}
    for cell in row:
        letters = re.match(r"[A-Z]+", cell.get("r", ""))
        style = cell.get("s")
        if letters and style and style != "0":
            styles[_column_index(letters.group())] = int(style)
    return styles


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def sheet_rows(frame: pl.DataFrame, order: pl.Series, cells: pl.Expr, first_row: int) -> Iterator[bytes]:
    """``<row>`` elements of the rows ``order`` of ``frame`` from sheet row ``first_row`` on, a chunk at a time;
    ``cells`` is a row's cells as one text."""
    for offset in range(0, len(order), CHUNK_ROWS):
        chunk = frame[order.slice(offset, CHUNK_ROWS)]
        number = (pl.int_range(pl.len()) + first_row + offset).cast(pl.String)
        row = pl.concat_str(pl.lit('<row r="'), number, pl.lit('">'), cells, pl.lit("</row>"))
        yield chunk.select(row.str.join("").cast(pl.Binary)).item()


def _ahead(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks``, the next one built in a worker thread while the caller writes (and compresses) this one."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(next, chunks, None)
        while (chunk := pending.result()) is not None:
            pending = worker.submit(next, chunks, None)
            yield chunk


def _shared_texts(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """Every text column replaced by its cells' XML after the style attribute (`` t="s"><v>3</v></c>``), null
    for an empty cell; and the shared strings the cells point into, in order of first appearance, column by column.

    The cleaning, defusing and cutting run once per distinct text of a column and the result is joined back.
    """
    texts = [n for n, t in frame.schema.items() if t == pl.String]
    distinct = [frame.select(pl.col(n).unique(maintain_order=True).alias("_raw")) for n in texts]
    distinct = [d.with_columns(_text=_cleaned(pl.col("_raw"))) for d in distinct]
    strings = (
        pl.concat([d["_text"] for d in distinct]).drop_nulls().unique(maintain_order=True)
        if distinct
        else pl.Series("_text", [], pl.String)
    )
    index = pl.DataFrame({"_text": strings}).with_row_index("_i")
    bodies = []
    for name, values in zip(texts, distinct, strict=True):
        body = values.join(index, on="_text", how="left").select(
            "_raw", _body=pl.concat_str(pl.lit(' t="s"><v>'), pl.col("_i").cast(pl.String), pl.lit("</v></c>"))
        )
        joined = frame.select(pl.col(name).alias("_raw")).join(
            body, on="_raw", how="left", nulls_equal=True, maintain_order="left"
        )
        bodies.append(joined["_body"].alias(name))
    return frame.with_columns(bodies), strings


def cell_text(value: str | None) -> str | None:
    """A text cell: formula-like text defused, characters Excel refuses removed, Excel's length limit kept.

    >>> cell_text("=1+1"), cell_text("a\\x00b"), cell_text(None)
    ("'=1+1", 'ab', None)
    """
    if value is None:
        return None
    return (safe_text(re.sub(ILLEGAL, "", value)) or "")[:CELL_LIMIT]  # openpyxl cuts there too


def _cleaned(value: pl.Expr) -> pl.Expr:
    """:func:`cell_text` for a column, with "" as null."""
    cleaned = safe_expr(value.str.replace_all(ILLEGAL, "")).str.slice(0, CELL_LIMIT)
    return pl.when(cleaned != "").then(cleaned)


def _shared_items(strings: pl.Series) -> bytes:
    """The ``<si>`` items of the shared strings, escaped, spaces kept around a text as openpyxl keeps them."""
    text = pl.col("_text")
    escaped = text.str.replace_many(["&", "<", ">"], ["&amp;", "&lt;", "&gt;"])
    keep = pl.when(text.str.contains(r"^\s|\s$")).then(pl.lit(' xml:space="preserve"')).otherwise(pl.lit(""))
    item = pl.concat_str(pl.lit("<si><t"), keep, pl.lit(">"), escaped, pl.lit("</t></si>"))
    return bytes(pl.DataFrame({"_text": strings}).select(item.str.join("").cast(pl.Binary)).item() or b"")


def number_text(values: pl.Series) -> pl.Series:
    """Numbers as openpyxl writes them (``"%.16g"``); NaN and infinities as empty cells."""
    if values.dtype.is_integer() and values.cast(pl.Float64).abs().fill_null(0).le(EXACT_INT).all():
        return values.cast(pl.String)
    distinct = values.drop_nulls().unique()
    texts = [f"{v:.16g}" if math.isfinite(v) else None for v in distinct.to_list()]
    return values.replace_strict(distinct, pl.Series(texts, dtype=pl.String), default=None, return_dtype=pl.String)


def _cell(index: int, kind: pl.DataType, style: int) -> pl.Expr:
    """The XML of column ``index``'s cell (column c<index>, of dtype ``kind`` before numbers became text).

    Cells carry no reference (``r="B7"``, optional in the format): each follows the one before it, so an empty
    cell is written too (``<c/>``). The references were a third of the sheet's XML and, as every one differs,
    its least compressible third.
    """
    start = f'<c s="{style}"' if style else "<c"
    value = pl.col(f"c{index}")
    if kind == pl.String:  # already the cell's XML after its start (_shared_texts)
        body = [value]
    elif kind == pl.Boolean:
        body = [pl.lit(' t="b"><v>'), value.cast(pl.Int8).cast(pl.String), pl.lit("</v></c>")]
    elif kind == pl.Null:
        body = [pl.lit(None, pl.String)]
    else:  # numbers, already as text
        body = [pl.lit("><v>"), value, pl.lit("</v></c>")]
    return pl.coalesce(pl.concat_str([pl.lit(start), *body]), pl.lit(start + "/>"))


def _text_bytes(frame: pl.DataFrame) -> int:
    return sum(int(frame[n].str.len_bytes().sum()) for n, t in frame.schema.items() if t == pl.String)


def _size_bound(frame: pl.DataFrame, text_bytes: int) -> int:
    """More bytes than the sheet can take: every text escaped at worst (``&`` -> ``&amp;``), generous tags."""
    return _PART_BOUND + frame.height * (_ROW_BOUND + frame.width * (_CELL_BOUND + 25)) + 5 * text_bytes

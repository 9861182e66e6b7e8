"""Read any input sheet into a grid of text cells: xlsx/xls/ods through calamine, csv through polars.

A grid is a polars frame of String columns ``c0..cN`` in which frame row *i* is spreadsheet row
*i + 1*, so every later stage can name the row a user sees. Numbers arrive as their plain decimal
rendering (``1234567``, ``1234567.5``), text as written; money.py tells them apart.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from argtag.errors import ArgtagError, Findings, Location
from argtag.ingest.xlsx_meta import Merge, SheetMeta, declared_extent, hidden_sheets, read_sheet_meta
from argtag.money import format_count

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
MAX_COLUMNS = 16_384  # a spreadsheet's columns (A..XFD): a csv row wider than this is a broken separator
_CSV_HINT = "Pastikan tanda kutip berpasangan dan pemisah kolom sama di setiap baris."
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_LIMIT = re.compile(r"Cell limit exceeded \((\d+) cells requested")  # calamine's words
HIDDEN_SHEET_HINT = "Bila sheet itu berisi anggaran, tampilkan (Unhide) di Excel, simpan, lalu ulangi."
_FAR_CELLS_HINT = (
    "Kemungkinan ada isi tersembunyi jauh di kanan/bawah; hapus kolom dan baris kosong di Excel "
    "(Ctrl+End menunjukkan sel terakhir), simpan, lalu ulangi."
)


@dataclass(frozen=True)
class Limits:
    """Guards against zip bombs and absurd files; both configurable (--max-rows, --max-megabytes)."""

    max_rows: int = 5_000_000
    max_bytes: int = 2_000_000_000  # uncompressed size of a workbook, or size of a csv

    @property
    def max_cells(self) -> int:
        return self.max_rows * 20

    def check_extent(self, rows: int, columns: int, where: Location) -> None:
        """Before calamine allocates a sheet's whole used range: refuse absurd dimensions."""
        self.check_rows(rows, where)
        if rows * columns > self.max_cells:
            raise ArgtagError(
                f"ukuran sheet tidak wajar ({rows:,} baris x {columns:,} kolom)".replace(",", "."),
                hint=_FAR_CELLS_HINT,
                location=where,
            )

    def check_rows(self, rows: int, where: Location) -> None:
        if rows > self.max_rows:
            raise ArgtagError(
                f"terlalu banyak baris ({rows:,} > batas {self.max_rows:,})".replace(",", "."),
                hint="Bila berkas ini memang sebesar itu, naikkan batas dengan --max-rows.",
                location=where,
            )


@dataclass
class Grid:
    """One sheet (or one csv file) as text cells, plus what the cells alone do not say."""

    file: str
    sheet: str | None
    cells: pl.DataFrame
    merges: list[Merge] = field(default_factory=list)
    uncached_formulas: set[tuple[int, int]] = field(default_factory=set)
    first_col: int = 0  # sheet column index of c0 (calamine starts at the first used column)
    height: int = field(init=False)  # rows in the sheet; kept when the cells are released

    def __post_init__(self) -> None:
        self.height = self.cells.height

    def release(self) -> None:
        """Drop the cells once they are read: a million-row grid should not outlive its parsing."""
        self.cells = self.cells.clear()

    def location(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.sheet, row, column)


def _renamed(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})


def _check_zip(path: Path, head: bytes, limits: Limits, name: str) -> None:
    where = Location(name)
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() == ".xls":
            return
        raise ArgtagError(
            "berkas Excel ini terenkripsi/dilindungi kata sandi sehingga tidak dapat dibaca",
            hint="Buka di Excel, hapus kata sandi (File > Info > Protect Workbook), simpan ulang.",
            location=where,
        )
    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods"}:
        if not head.startswith(b"PK"):
            raise ArgtagError(
                "berkas ini bukan berkas Excel (.xlsx) yang sah",
                hint="Pastikan berkas diunduh lengkap dari SIPD, atau simpan ulang sebagai .xlsx di Excel.",
                location=where,
            )
        try:
            with zipfile.ZipFile(path) as archive:  # reads the central directory: a cut-off file fails here
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ArgtagError(
                "berkas Excel rusak atau terpotong (arsip tidak lengkap)",
                hint="Unduh ulang berkas; kemungkinan unduhan atau salinan terputus.",
                location=where,
            ) from exc
        if unpacked > limits.max_bytes:
            raise ArgtagError(
                f"isi berkas Excel terlalu besar setelah dibuka ({unpacked // 1_000_000:,} MB > batas "
                f"{limits.max_bytes // 1_000_000:,} MB); kemungkinan berkas rusak atau 'zip bomb'".replace(",", "."),
                hint="Bila berkas ini sah dan memang sebesar itu, naikkan batas dengan --max-megabytes.",
                location=where,
            )
        if path.suffix.lower() != ".ods" and "xl/workbook.xml" not in names:
            raise ArgtagError(
                "berkas ini arsip zip, tetapi bukan buku kerja Excel",
                hint="Pastikan berkas yang dipilih adalah ekspor .xlsx dari SIPD atau Excel.",
                location=where,
            )


def _hidden_sheet(findings: Findings | None, name: str, sheet_name: str) -> None:
    """A hidden sheet is not read (it may reach far cells), but never silently: it becomes a finding of its file."""
    if findings is not None:
        findings.add(
            "sheet_tersembunyi",
            "sheet tersembunyi dan tidak dibaca",
            Location(name, sheet_name),
            HIDDEN_SHEET_HINT,
        )


def _is_html(path: Path) -> bool:
    """Whether the file starts like a web page (``<html``, ``<table``, ``<!DOCTYPE``, after a BOM or spaces):
    what some systems download as an "Excel" .xls."""
    with path.open("rb") as handle:
        head = handle.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<html", b"<table", b"<!doctype"))


def read_excel(path: Path, limits: Limits, name: str, findings: Findings | None = None) -> Iterator[Grid]:
    """Every visible sheet of a workbook, as grids; ``name`` is how reports call the file; each hidden
    sheet is skipped and added to ``findings``."""
    with path.open("rb") as handle:
        head = handle.read(8)
    _check_zip(path, head, limits, name)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # calamine raises its own error types; all mean "unreadable"
        cells = _CELL_LIMIT.search(str(exc))  # calamine's own guard (an .ods opens all its sheets at once)
        if cells:
            raise ArgtagError(
                f"ukuran sheet tidak wajar ({int(cells.group(1)):,} sel)".replace(",", "."),
                hint=_FAR_CELLS_HINT,
                location=Location(name),
            ) from exc
        if _is_html(path):
            raise ArgtagError(
                f"berkas ini halaman web (HTML) yang disimpan dengan ekstensi Excel ({path.suffix}), "
                "bukan buku kerja Excel",
                hint="Buka berkas di Excel, lalu simpan sebagai .xlsx (File > Save As > Excel Workbook) dan ulangi "
                "dengan berkas .xlsx itu.",
                location=Location(name),
            ) from exc
        raise ArgtagError(
            "berkas Excel tidak dapat dibaca: isinya rusak atau bukan format Excel yang dikenali",
            hint="Buka berkas di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx.",
            location=Location(name),
        ) from exc
    is_xlsx = head.startswith(b"PK") and path.suffix.lower() in {".xlsx", ".xlsm"}
    hidden = hidden_sheets(str(path)) if is_xlsx else set()  # skipped unread; other formats say so once loaded
    for sheet_name in reader.sheet_names:
        if sheet_name in hidden:
            _hidden_sheet(findings, name, sheet_name)
            continue
        with ThreadPoolExecutor(max_workers=1) as pool:
            scan = _sheet_meta(pool, path, sheet_name, limits, Location(name, sheet_name)) if is_xlsx else None
            sheet = _load_sheet(reader, sheet_name, Location(name, sheet_name))
            meta = scan.result() if scan is not None else None
        if sheet.visible != "visible":
            _hidden_sheet(findings, name, sheet_name)
            continue
        limits.check_rows(sheet.total_height, Location(name, sheet_name))
        yield Grid(
            file=name,
            sheet=sheet_name,
            cells=_renamed(sheet.to_polars()),
            merges=meta.merges if meta else [],
            uncached_formulas=meta.uncached_formulas if meta else set(),
            first_col=meta.first_col if meta else 0,
        )


def _sheet_meta(
    pool: ThreadPoolExecutor, path: Path, sheet_name: str, limits: Limits, where: Location
) -> Future[SheetMeta]:
    """The sheet's XML scan: its extent checked before calamine allocates the sheet, the rest of the scan
    running in ``pool`` while calamine (which releases the GIL) parses the same sheet."""
    declared = declared_extent(str(path), sheet_name)
    if declared is not None and declared[0] * declared[1] <= limits.max_cells:
        limits.check_extent(*declared, where)
        return pool.submit(read_sheet_meta, str(path), sheet_name, limits.max_cells)
    meta = read_sheet_meta(str(path), sheet_name, limits.max_cells)  # measured first: no or an absurd <dimension>
    if meta.extent is not None:
        limits.check_extent(*meta.extent, where)
    done: Future[SheetMeta] = Future()
    done.set_result(meta)
    return done


def _load_sheet(reader: fastexcel.ExcelReader, sheet_name: str, where: Location) -> fastexcel.ExcelSheet:
    try:
        return reader.load_sheet(
            sheet_name,
            header_row=None,
            dtypes="string",
            skip_rows=0,
            skip_whitespace_tail_rows=True,
            whitespace_as_null=True,
        )
    except Exception as exc:
        raise ArgtagError(
            "sheet tidak dapat dibaca: isinya rusak atau memakai fitur yang tidak dikenali pembaca Excel",
            hint="Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu ulangi; bila tetap gagal, "
            "jalankan 'argtag --debug <perintah> ...' dan kirim keluarannya kepada pengelola argtag.",
            location=where,
        ) from exc


def _windows_1252(data: bytes) -> bytes:
    """Text that is not UTF-8 is read as Windows-1252 (Latin-1 for its five unmapped bytes)."""
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8")


def _dialect(sample: str) -> tuple[str, int, bool]:
    """Separator, widest row in the first lines, and whether the first line is narrower than that (a title
    above the table): the separator is the most frequent of ``; , tab |`` outside quotes."""
    lines = sample.splitlines()[:200]
    best, best_score = ",", -1
    for sep in (";", ",", "\t", "|"):
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))
        widths = [len(r) for r in rows if any(cell.strip() for cell in r)]
        if not widths or max(widths) < 2:
            continue
        score = sum(w for w in widths if w > 1)
        if score > best_score:
            best, best_score = sep, score
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=best))
    width = max((len(r) for r in rows), default=1)
    return best, width, bool(rows) and len(rows[0]) < width


def _parse_csv(source: Path | bytes, separator: str, width: int, short_first: bool) -> pl.DataFrame:
    """Every line a row of ``width`` cells: a shorter line (a title above the table, often with fewer
    separators than the table) is padded with empty cells; a longer one makes polars raise. polars pads
    any line but the first by itself; a short first line needs ``missing_columns`` (which costs the read ~4 %,
    so it is asked for only then)."""
    return pl.read_csv(
        source,
        has_header=False,
        separator=separator,
        schema={f"c{i}": pl.String for i in range(width)},
        quote_char='"',
        missing_columns="insert" if short_first else None,
    )


def _widest(source: Path | bytes, separator: str, name: str) -> int:
    """The width of the widest row of the whole file, by the csv module (one pass, only when a row is wider
    than the first lines said); a row wider than a spreadsheet can hold is an error naming its line."""
    data = source.read_bytes() if isinstance(source, Path) else source
    reader = csv.reader(io.StringIO(data.decode("utf-8", "replace").lstrip("\ufeff")), delimiter=separator)
    widest = 1
    try:
        for row in reader:
            widest = max(widest, len(row))
            if widest > MAX_COLUMNS:
                raise ArgtagError(
                    f"baris ini berisi {format_count(len(row))} kolom, lebih dari {format_count(MAX_COLUMNS)} kolom "
                    "yang dapat dimuat lembar kerja",
                    hint=f"Periksa pemisah kolom '{separator}' di baris itu.",
                    location=Location(name, row=reader.line_num),
                )
    except csv.Error as exc:
        raise ArgtagError(
            f"CSV tidak dapat dibaca di sekitar baris {reader.line_num}",
            hint=_CSV_HINT,
            location=Location(name, row=reader.line_num),
        ) from exc
    return widest


def _parse_ragged(source: Path | bytes, separator: str, width: int, short_first: bool, name: str) -> pl.DataFrame:
    """:func:`_parse_csv` at the width of the first lines, or, when a later row is wider, at the widest
    row's width: no cell is dropped and every line stays one row."""
    try:
        return _parse_csv(source, separator, width, short_first)
    except pl.exceptions.ComputeError as exc:
        if "more fields" not in str(exc):
            raise
    widest = max(width, _widest(source, separator, name))
    return _parse_csv(source, separator, widest, short_first or widest > width)


def _csv_problem(exc: pl.exceptions.PolarsError) -> str:
    """What polars could not read, in Indonesian (its English words stay in the traceback of --debug)."""
    text = str(exc)
    if "more fields" in text:
        return "ada baris dengan lebih banyak kolom daripada baris lainnya"
    field = re.search(r"could not parse `(.*?)`", text, re.S)
    near = f", di sekitar teks '{field.group(1).strip()[:60]}'" if field else ""
    if "escaped" in text or "quote" in text.lower():
        return f"tanda kutip tidak berpasangan{near}"
    return f"isinya tidak dapat diurai sebagai tabel{near}"


def read_csv(path: Path, limits: Limits, name: str) -> Grid:
    """polars reads UTF-8 files straight from disk; only a non-UTF-8 file is re-encoded in memory first."""
    if path.stat().st_size > limits.max_bytes:
        raise ArgtagError(
            f"berkas CSV terlalu besar ({path.stat().st_size // 1_000_000} MB)",
            hint="Naikkan batas dengan --max-megabytes bila berkas ini memang sebesar itu.",
            location=Location(name),
        )
    with path.open("rb") as handle:
        head = handle.read(200_000)
    if b"\0" in head[:65536]:
        raise ArgtagError(
            "berkas ini bukan teks CSV (berisi data biner)",
            hint="Mungkin ini berkas Excel yang diberi nama .csv; simpan ulang sebagai CSV atau ubah ekstensinya.",
            location=Location(name),
        )
    if not head.strip(b"\xef\xbb\xbf \r\n\t"):
        raise ArgtagError("berkas CSV kosong", hint="Periksa apakah ekspor selesai.", location=Location(name))
    separator, width, short_first = _dialect(head.decode("utf-8", "replace").lstrip("\ufeff"))
    try:
        try:
            cells = _parse_ragged(path, separator, width, short_first, name)
        except pl.exceptions.ComputeError as exc:
            if "utf-8" not in str(exc).lower():
                raise
            cells = _parse_ragged(_windows_1252(path.read_bytes()), separator, width, short_first, name)
    except pl.exceptions.PolarsError as exc:
        raise ArgtagError(
            f"CSV tidak dapat dibaca dengan pemisah '{separator}': {_csv_problem(exc)}",
            hint=_CSV_HINT,
            location=Location(name),
        ) from exc
    limits.check_rows(cells.height, Location(name))
    return Grid(file=name, sheet=None, cells=cells)


def read_grids(path: Path, limits: Limits, name: str, findings: Findings | None = None) -> Iterator[Grid]:
    """The grids of one file; what is left unread on purpose (hidden sheets) goes to ``findings``."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        yield read_csv(path, limits, name)
    elif suffix in EXCEL_SUFFIXES:
        yield from read_excel(path, limits, name, findings)
    else:
        raise ArgtagError(
            f"jenis berkas '{suffix or '(tanpa ekstensi)'}' tidak didukung",
            hint="Gunakan ekspor .xlsx, .xlsm, .xls, .ods, .csv atau .txt (CSV).",
            location=Location(name),
        )

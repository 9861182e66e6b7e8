"""Problems found in the input: fatal errors that stop a run and findings that are collected.

Every problem names where it is, in words a spreadsheet user recognises (file, sheet, row, column),
and carries a hint. Messages are in Bahasa Indonesia because finance staff read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Location:
    """Where something is in the input: always a file, optionally sheet, 1-based row and column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        """Human form, e.g. ``rka.xlsx, sheet 'Rekap', baris 12, kolom 'Jumlah'``."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column is not None:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)


def display_path(path: Path) -> str:
    """A path as the user typed it, relative when possible, so reports hold no absolute paths."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class ArgtagError(Exception):
    """A problem that stops the run. The CLI prints it without a traceback and exits 2."""

    def __init__(self, message: str, *, hint: str = "", location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location

    def __str__(self) -> str:
        where = f"{self.location.describe()}: " if self.location else ""
        return f"{where}{self.message}"


@dataclass(frozen=True)
class Finding:
    """A problem that does not stop the run: shown in inspect output and in reports.

    ``code`` is stable (tests and reports key on it); ``message`` is for people.
    """

    code: str
    message: str
    location: Location
    hint: str = ""
    count: int = 1

    def describe(self) -> str:
        extra = f" ({self.count} baris)" if self.count > 1 else ""
        return f"{self.location.describe()}: {self.message}{extra}"


@dataclass
class Findings:
    """A collector passed down the readers."""

    items: list[Finding] = field(default_factory=list)

    def add(self, code: str, message: str, location: Location, hint: str = "", count: int = 1) -> None:
        self.items.append(Finding(code, message, location, hint, count))

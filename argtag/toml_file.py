"""TOML files people edit (rules/, argtag.toml, keputusan.toml, a --profile): read as UTF-8, Notepad's byte order
mark dropped, and when a file cannot be read, said in Indonesian with its line and column; a key or table written
twice is named with the line where it was first written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argtag.errors import ArgtagError, Location, display_path


class TomlProblem(Exception):
    """Why a TOML file cannot be read: message and hint for people, and where (1-based line and column)."""

    def __init__(self, message: str, hint: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line, self.column = message, hint, line, column


_ENCODING_HINT = "Simpan berkas sebagai UTF-8 (di Notepad: Simpan sebagai, Pengodean UTF-8)."


def read(path: Path, nouns: Mapping[str, str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """The file's data and its lines; :class:`TomlProblem` when it is not UTF-8 or not valid TOML. ``nouns`` name
    the keys of a table in a "written twice" message (``{"abbreviations": "singkatan"}``; default "kunci")."""
    text = decode(path.read_bytes())
    lines = text.splitlines()
    try:
        return tomllib.loads(text), lines
    except tomllib.TOMLDecodeError as exc:
        raise _syntax(exc, lines, nouns or {}) from exc


def load(path: Path) -> tuple[dict[str, Any], list[str]]:
    """:func:`read` for a file that stops the command when it is broken: its problem as an :class:`ArgtagError`
    naming file, line and column. A missing file raises ``FileNotFoundError`` for the caller to word."""
    try:
        return read(path)
    except TomlProblem as problem:
        column = str(problem.column) if problem.column is not None else None
        where = Location(display_path(path), row=problem.line, column=column)
        raise ArgtagError(problem.message, hint=problem.hint, location=where) from problem


def decode(data: bytes) -> str:
    """The text of a UTF-8 file, a leading BOM (Notepad's default) dropped; another encoding is a problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise TomlProblem("berkas tersimpan sebagai UTF-16 ('Unicode' di Notepad), bukan UTF-8", _ENCODING_HINT)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"berkas bukan UTF-8 (byte 0x{data[exc.start]:02X} tidak sah di baris ini)"
        raise TomlProblem(message, _ENCODING_HINT, line) from exc


# tomllib's messages (Python 3.11-3.13), said in Indonesian; ``{0}`` is the character or name the message quotes
_TOML_MESSAGES = (
    (r"Invalid statement", "baris ini bukan 'kunci = nilai', [tabel] atau [[tabel]]"),
    (
        r"Expected newline or end of document after a statement",
        "ada teks lain sesudah nilai pada baris yang sama; satu 'kunci = nilai' per baris",
    ),
    (r"Expected '=' after a key in a key/value pair", "tanda '=' tidak ada sesudah kunci"),
    (
        r"Invalid initial character for a key part",
        "kunci diawali karakter yang tidak sah; kunci berisi huruf, angka, '_' dan '-', atau ditulis dalam tanda kutip",
    ),
    (r"Illegal character '\\n'", "teks tidak ditutup dengan tanda kutip sebelum akhir baris"),
    (r"Illegal character (.+)", "karakter {0} tidak boleh ada di dalam teks"),
    (r"Found invalid character (.+)", "karakter {0} tidak boleh ada di sini"),
    (r"Unterminated string", "teks tidak ditutup dengan tanda kutip"),
    (r"Unclosed array", "daftar [ ... ] tidak ditutup dengan ']' atau butirnya tidak dipisah koma"),
    (r"Unclosed inline table", "tabel { ... } tidak ditutup dengan '}' atau isiannya tidak dipisah koma"),
    (r"Expected '\]' at the end of a table declaration", "nama tabel tidak ditutup dengan ']'"),
    (r"Expected '\]\]' at the end of an array declaration", "nama tabel tidak ditutup dengan ']]'"),
    (r"Expected (.+)", "{0} tidak ditemukan"),
    (r"Invalid value", "nilai tidak sah: teks ditulis dalam tanda kutip, angka tanpa tanda kutip, daftar dalam [ ]"),
    (r"Unescaped '\\' in a string", "garis miring terbalik '\\' di dalam teks; tulis '\\\\' atau '/'"),
    (r"Invalid hex value|Escaped character is not a Unicode scalar value", "kode \\u di dalam teks tidak sah"),
    (r"Invalid date or datetime", "tanggal tidak sah"),
)
_TOML_TWICE = re.compile(
    r"Cannot overwrite a value|Cannot declare .* twice|Cannot redefine namespace"
    r"|Cannot mutate immutable namespace"
)
_TWICE_HINT = "Hapus salah satu; satu kunci hanya boleh ditulis sekali dalam satu tabel."
_TOML_HINT = "Periksa tanda kutip, '=', koma dan kurung siku pada baris itu."
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]*?)\s*\]")


def _syntax(exc: tomllib.TOMLDecodeError, lines: list[str], nouns: Mapping[str, str]) -> TomlProblem:
    """A TOML syntax error in Indonesian, with its line and column (tomllib keeps them in its English text)."""
    text = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", text)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
    if line is None and text.endswith("(at end of document)"):
        line = len(lines) or None
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", text)
    inline = re.fullmatch(r"Duplicate inline table key '(.+)'", reason)
    if inline:
        return TomlProblem(f"kunci '{inline.group(1)}' ditulis dua kali di dalam {{ ... }}", _TWICE_HINT, line, column)
    if _TOML_TWICE.match(reason) and line is not None and line <= len(lines):
        return TomlProblem(*_written_twice(lines, line, nouns), line, column)
    where = " (di akhir berkas)" if text.endswith("(at end of document)") else ""
    for pattern, indonesian in _TOML_MESSAGES:
        matched = re.fullmatch(pattern, reason)
        if matched:
            message = f"sintaks TOML tidak sah: {indonesian.format(*matched.groups())}{where}"
            return TomlProblem(message, _TOML_HINT, line, column)
    return TomlProblem(f"sintaks TOML tidak sah ({reason}){where}", _TOML_HINT, line, column)


def _header_name(text: str) -> str | None:
    """``rule.match`` for a line ``[rule.match]`` or ``[[ rule . match ]]``; None for any other line."""
    found = _HEADER.match(text)
    return re.sub(r"\s*\.\s*", ".", found.group(1)).replace('"', "") if found else None


def _written_twice(lines: list[str], line: int, nouns: Mapping[str, str]) -> tuple[str, str]:
    """Message and hint for a key or table written twice, the error at ``line``: which one, and its first line."""
    text = lines[line - 1]
    name = _header_name(text)
    if name is not None:
        defines = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
        above = range(line - 1, 0, -1)
        first = next((n for n in above if _header_name(lines[n - 1]) == name or defines.match(lines[n - 1])), None)
        earlier = f" (pertama di baris {first})" if first else ""
        if name == "rule":
            return f"tabel 'rule' ditulis dua kali{earlier}", "tulis [[rule]] (dua kurung siku) untuk setiap aturan"
        return f"tabel [{name}] ditulis dua kali{earlier}", f"Gabungkan isinya di bawah satu [{name}]."
    key = text.split("=", 1)[0].strip().strip("\"'")
    noun, first = "kunci", None
    for number in range(line - 1, 0, -1):
        section = _header_name(lines[number - 1])
        if section is not None:
            noun = nouns.get(section, noun)
            break
        if first is None and re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", lines[number - 1]):
            first = number
    earlier = f" (pertama di baris {first})" if first else ""
    return f"{noun} '{key}' ditulis dua kali{earlier}", _TWICE_HINT

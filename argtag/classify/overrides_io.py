"""Overrides TOML output: serialise reviewer decisions and replace the overrides file atomically, with a backup."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from argtag.classify.overrides import Override, load_overrides
from argtag.errors import ArgtagError, Location

FILE_HEADER = (
    "# Keputusan peninjau ARG (overrides) untuk 'argtag review --overrides <berkas ini>'.\n"
    "# Ditulis oleh 'argtag apply-review'; boleh disunting dengan tangan (versi sebelumnya: <berkas>.bak).\n"
    "# Satu [[override]] per keputusan; bila beberapa cocok dengan satu baris, yang terakhir berlaku.\n"
)

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string.

    >>> print(toml_string('Sasaran "ibu" \\\\ balita\\n'))
    "Sasaran \\"ibu\\" \\\\ balita\\n"
    """
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def override_toml(o: Override) -> str:
    fields: list[tuple[str, str | int | None]] = [
        ("code", o.code),
        ("name", o.name),
        ("pd", o.pd),
        ("year", o.year),
        ("decision", o.decision),
        ("category", o.category),
        ("bidang", o.bidang),
        ("reason", o.reason),
        ("reviewer", o.reviewer or None),
        ("date", o.date or None),
    ]
    lines = ["[[override]]"]
    for name, value in fields:
        if isinstance(value, int):
            lines.append(f"{name} = {value}")
        elif value is not None:
            lines.append(f"{name} = {toml_string(value)}")
    return "\n".join(lines) + "\n"


def overrides_toml(overrides: list[Override]) -> str:
    return FILE_HEADER + "".join("\n" + override_toml(o) for o in overrides)


def write_overrides(path: Path, overrides: list[Override]) -> Path | None:
    """Replace ``path`` atomically (temp file in the same folder, checked, then renamed); returns the backup."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(overrides_toml(overrides))
            out.flush()
            os.fsync(out.fileno())
        if len(load_overrides(temp)) != len(overrides):  # never replace a good file with one that reads differently
            raise ArgtagError("berkas keputusan yang baru ditulis tidak terbaca utuh", location=Location(name))
        backup = None
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            shutil.copy2(path, backup)
            shutil.copymode(path, temp)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
        return backup
    finally:
        temp.unlink(missing_ok=True)

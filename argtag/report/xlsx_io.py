"""Write workbooks byte for byte the same on every run: fixed document times and zip entry times.

A worksheet too big for openpyxl's cell objects can be streamed instead: openpyxl writes a small placeholder
sheet (header, widths, filter, validation, styles) and a :class:`SheetStream` writes the final part from it
straight into the zip (see ``report.xlsx_stream``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

STREAM_LEVEL = 2


@dataclass(frozen=True)
class SheetStream:
    """Writes a worksheet part anew while the workbook is saved.

    ``write(placeholder, out)`` gets the part openpyxl wrote for the sheet and writes the final part to ``out``;
    ``size_hint`` is an upper bound of what it writes (the zip entry gets zip64 headers only when it needs them).
    """

    write: Callable[[bytes, IO[bytes]], None]
    size_hint: int


def save_workbook(
    workbook: Workbook,
    path: Path,
    moment: datetime,
    creator: str = "argtag",
    streams: Mapping[str, SheetStream] | None = None,
) -> None:
    """openpyxl stamps the current time into docProps/core.xml and into every zip entry; pin both.

    ``streams`` maps sheet titles to the streams that write those sheets' parts.
    """
    props = workbook.properties
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)
    props.creator = creator
    props.lastModifiedBy = None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    by_part = {workbook[title].path.lstrip("/"): stream for title, stream in (streams or {}).items()}
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            stream = by_part.get(info.filename)
            if stream is None:
                target.writestr(entry, source.read(info.filename))
                continue
            # a streamed sheet is the bulk of the file: zlib level 2 deflates it 3x faster than the default 6,
            # for a file about a quarter larger (the level is public as ``compress_level`` from Python 3.13)
            entry._compresslevel = STREAM_LEVEL  # type: ignore[attr-defined]
            entry.file_size = stream.size_hint  # zipfile decides on zip64 headers from this; the real size follows
            with target.open(entry, "w") as out:
                stream.write(source.read(info.filename), out)

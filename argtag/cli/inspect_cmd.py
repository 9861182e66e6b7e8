"""``argtag inspect``: what was found in each file and sheet."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from argtag.cli.app import EXIT_FINDINGS, EXIT_OK, clear_progress, main, progress, read_options, with_input_options
from argtag.ingest import read_inputs
from argtag.inspect_view import inspect_data, inspect_text


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MASUKAN...")
@click.option("--json", "as_json", is_flag=True, help="Cetak satu objek JSON alih-alih teks.")
@with_input_options
def inspect(paths: tuple[Path, ...], as_json: bool, **read: Any) -> None:
    """Tunjukkan apa yang ditemukan di tiap berkas dan sheet: tata letak, judul kolom, pemetaan
    kolom, baris anggaran, baris yang dilewati beserta alasannya, total, dan rekonsiliasi.

    Contoh: argtag inspect sample_rka/2025/
    """
    seen: list[Path] = []
    try:
        result = read_inputs(list(paths), read_options(**read), progress=progress(seen))
    finally:  # an error is printed on a clean line
        clear_progress(seen)
    data = inspect_data(result)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(inspect_text(data))
    sys.exit(EXIT_OK if data["reconciled"] else EXIT_FINDINGS)

"""Plausibility of the lines a sheet produced: no lines, several years, negative amounts, a missing year.

Each is a finding on the sheet, not an error: the user decides.
"""

from __future__ import annotations

import re

import polars as pl

from argtag.errors import Finding
from argtag.ingest.result import SheetResult


def line_findings(result: SheetResult) -> None:
    where = result.grid.location()
    if result.lines.height == 0:
        result.findings.append(
            Finding(
                "tanpa_baris",
                "tabel dikenali tetapi tidak memuat baris anggaran",
                where,
                "Periksa apakah ekspor terpotong atau hanya berisi judul kolom.",
            )
        )
    years = result.lines["tahun"].drop_nulls().unique().sort().to_list()
    if len(years) > 1:
        result.findings.append(
            Finding(
                "beberapa_tahun",
                f"berkas memuat beberapa tahun anggaran: {', '.join(map(str, years))}",
                where,
                "Pisahkan per tahun; untuk perbandingan gunakan --previous.",
            )
        )
    negative = result.lines.filter(pl.col("pagu") < 0)
    if negative.height:
        first = negative.row(0, named=True)
        result.findings.append(
            Finding(
                "nilai_negatif",
                f"nilai negatif, mis. sub kegiatan '{first['nama_sub_kegiatan']}' ({first['pagu']})",
                result.grid.location(first["baris_awal"]),
                "Periksa apakah ini koreksi yang disengaja.",
                negative.height,
            )
        )
    if result.lines.height and (missing := result.lines["tahun"].null_count()):
        path_year = re.findall(r"(?<!\d)(20\d{2})(?!\d)", result.grid.file)
        if path_year:
            result.lines = result.lines.with_columns(pl.col("tahun").fill_null(int(path_year[-1])))
            message = f"tahun anggaran tidak tertulis di isi berkas; diambil dari nama berkas/folder: {path_year[-1]}"
            result.findings.append(Finding("tahun_dari_nama", message, where, "Bila keliru, gunakan --year.", missing))
        else:
            result.findings.append(
                Finding(
                    "tahun_tidak_diketahui",
                    "tahun anggaran tidak tertulis di berkas",
                    where,
                    "Sebutkan tahunnya dengan --year.",
                    missing,
                )
            )

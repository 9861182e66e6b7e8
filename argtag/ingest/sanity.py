"""Plausibility of the lines a sheet produced (no lines, several years, negative amounts, a missing year) and of
all the lines read together (the same line in two files).

Each is a finding, not an error: the user decides.
"""

from __future__ import annotations

import re

import polars as pl

from argtag.errors import Finding, Location
from argtag.ingest.result import SheetResult
from argtag.money import format_rupiah


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


def across_sources(lines: pl.DataFrame) -> list[Finding]:
    """The same sub-kegiatan of the same sub-unit and year in more than one file or sheet.

    Within a sheet, repeated lines are summed and reported by the sheet's reader. Across sources they are
    summed too, which double-counts when the same export was downloaded twice or a PD's recap and its
    detail forms were both given; the user decides, so it is a finding, with the rupiah counted again.
    Lines without a sub-unit (a file that names no PD) are left out: common sub-kegiatan codes recur in
    every PD.
    """
    key = ["tahun", "_unit", "_sub"]
    keyed = lines.with_columns(
        _unit=pl.coalesce("kode_sub_unit", "nama_sub_unit"),
        _sub=pl.coalesce("kode_sub_kegiatan", pl.col("nama_sub_kegiatan").str.to_lowercase()),
    ).filter(pl.col("_unit").is_not_null() & pl.col("_sub").is_not_null())
    first_file, first_sheet = pl.col("file").first().over(key), pl.col("sheet").first().over(key)
    again = keyed.with_columns(_file=first_file, _sheet=first_sheet).filter(
        (pl.col("file") != pl.col("_file")) | pl.col("sheet").ne_missing(pl.col("_sheet"))
    )
    if not again.height:
        return []
    line = again.row(0, named=True)
    count = again.select(pl.struct(key).n_unique()).item()
    earlier, later = Location(line["_file"], line["_sheet"]), Location(line["file"], line["sheet"])
    return [
        Finding(
            "baris_ganda_antar_berkas",
            f"sub kegiatan yang sama muncul di lebih dari satu berkas atau sheet, mis. '{line['nama_sub_kegiatan']}' "
            f"di {earlier.describe()} dan {later.describe()}; nilainya dijumlahkan, sehingga "
            f"{format_rupiah(int(again['pagu'].sum() or 0))} terhitung lebih dari sekali",
            later,
            "Periksa apakah ada berkas yang terunduh dua kali (mis. 'rka (1).xlsx') atau rekap dan rincian PD "
            "yang sama; keluarkan salinannya dari masukan.",
            count,
        )
    ]

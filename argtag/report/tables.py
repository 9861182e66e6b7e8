"""Machine-readable tables of a review: tagged.csv and skipped_rows.csv, fixed column order."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from argtag.report import ReportData
from argtag.report.safety import safe_frame

# the columns outside checks read, in this order, before everything else
TAGGED_FIRST = (
    "kode_skpd",
    "nama_skpd",
    "kode_sub_unit",
    "nama_sub_unit",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "pagu",
    "status",
    "kategori",
    "bidang",
    "aturan",
    "bukti",
)
TAGGED_MORE = (
    "keyakinan",
    "diputuskan_oleh",
    "sasaran",
    "konflik",
    "terpicu",
    "tahun",
    "tahap",
    "kode_urusan",
    "kode_bidang_urusan",
    "kode_program",
    "nama_program",
    "kode_kegiatan",
    "nama_kegiatan",
    "kode_sub_kegiatan_asli",
    "belanja_operasi",
    "belanja_modal",
    "belanja_tidak_terduga",
    "belanja_transfer",
    "sumber_dana",
    "lokasi",
    "file",
    "sheet",
    "baris_awal",
    "baris_akhir",
    "jumlah_baris",
    "hash_aturan",
)
SORT = ("kode_skpd", "kode_sub_unit", "kode_sub_kegiatan", "nama_sub_kegiatan", "file", "baris_awal")


def tagged_table(lines: pl.DataFrame) -> pl.DataFrame:
    """The tagged lines in the published column order, sorted deterministically."""
    columns = [c for c in (*TAGGED_FIRST, *TAGGED_MORE) if c in lines.columns]
    extra = sorted(c for c in lines.columns if c not in columns and not c.startswith("_"))
    return lines.select(*columns, *extra).sort(list(SORT), nulls_last=True)


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """CSV with formula-like texts defused (report.safety), LF line ends."""
    safe_frame(frame).write_csv(path, line_terminator="\n")


def write_tables(folder: Path, data: ReportData) -> None:
    """tagged.csv and tagged.parquet, skipped_rows.csv, summary.json."""
    write_csv(data.tagged, folder / "tagged.csv")
    data.tagged.write_parquet(folder / "tagged.parquet", statistics=False)
    write_csv(data.skipped.sort("file", "sheet", "baris", nulls_last=True), folder / "skipped_rows.csv")
    text = json.dumps(data.summary, ensure_ascii=False, indent=2) + "\n"
    (folder / "summary.json").write_text(text, encoding="utf-8")

"""The canonical budget-line schema: what every reader produces, whatever the export looked like.

One row per sub-unit x sub-kegiatan. Money is whole rupiah in Int64 (never float). Every line keeps
its source (file, sheet, first and last row, and how many source rows fed it), so every number in a
report can be traced back to the cells it came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

MONEY = pl.Int64
SUMMARY_SCHEMA = "argtag/summary"  # summary.json's "skema": also how a report folder argtag wrote is known

BUDGET_LINE_SCHEMA: dict[str, pl.DataType] = {
    "tahun": pl.Int32(),  # budget year, from a column, the title rows or --year
    "tahap": pl.String(),  # murni | pergeseran | perubahan
    "kode_skpd": pl.String(),  # PD code U.BB.U.BB.U.BB.NN.UUUU
    "nama_skpd": pl.String(),
    "kode_sub_unit": pl.String(),  # sub-unit (Puskesmas, UPTD...); the PD itself when it has none
    "nama_sub_unit": pl.String(),
    "kode_urusan": pl.String(),
    "nama_urusan": pl.String(),
    "kode_bidang_urusan": pl.String(),  # U.BB
    "nama_bidang_urusan": pl.String(),
    "kode_program": pl.String(),  # U.BB.PP
    "nama_program": pl.String(),
    "kode_kegiatan": pl.String(),  # U.BB.PP.K.KK
    "nama_kegiatan": pl.String(),
    "kode_sub_kegiatan": pl.String(),  # normalised U.BB.PP.K.KK.SSSS
    "kode_sub_kegiatan_asli": pl.String(),  # as written in the file
    "nama_sub_kegiatan": pl.String(),
    "pagu": MONEY(),  # the sub-kegiatan's amount on this sub-unit
    "belanja_operasi": MONEY(),  # the split, null where the file has none
    "belanja_modal": MONEY(),
    "belanja_tidak_terduga": MONEY(),
    "belanja_transfer": MONEY(),
    "sumber_dana": pl.String(),
    "lokasi": pl.String(),
    "file": pl.String(),  # path as given (relative), never absolute
    "sheet": pl.String(),  # null for csv
    "baris_awal": pl.Int64(),  # first source row (1-based, as the spreadsheet numbers it)
    "baris_akhir": pl.Int64(),  # last source row
    "jumlah_baris": pl.Int64(),  # source rows summed into this line (account lines, usually 1)
}

SKIPPED_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "sheet": pl.String(),
    "baris": pl.Int64(),
    "alasan": pl.String(),  # see SKIP_REASONS
    "isi": pl.String(),  # the row's first cells, shortened, so a person recognises it
}

SKIP_REASONS: dict[str, str] = {
    "kosong": "baris kosong",
    "judul": "judul atau keterangan di atas/bawah tabel",
    "header": "baris judul kolom",
    "nomor_kolom": "baris penomoran kolom (1, 2, 3, ...)",
    "subtotal": "baris induk yang memuat subtotal (urusan, bidang, program, kegiatan, organisasi)",
    "total": "baris jumlah/total",
    "label": "baris label formulir (Program : ..., Sub Kegiatan : ...)",
    "rincian": "rincian rekening/komponen yang sudah terhitung dalam jumlah sub kegiatan",
    "nilai_tidak_valid": "nilai anggaran tidak dapat dibaca sebagai angka atau melebihi Rp 1.000.000.000.000.000",
    "tidak_dikenali": "baris tidak dikenali sebagai data anggaran",
}


def empty_lines() -> pl.DataFrame:
    return pl.DataFrame(schema=BUDGET_LINE_SCHEMA)


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """Add missing columns as nulls, cast, and order columns as the schema says."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in BUDGET_LINE_SCHEMA.items()
    )


def conform_skipped(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in SKIPPED_SCHEMA.items()
    )


def is_report_folder(folder: Path) -> bool:
    """Whether ``folder`` is a report folder argtag wrote: its summary.json says so (``SUMMARY_SCHEMA``)."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(summary, dict) and summary.get("skema") == SUMMARY_SCHEMA

"""``summary.json``: every indicator and table of a review as plain data (schema: docs/summary.md).

The dict built here is also the context of the HTML report; templates lay it out, they do not compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from argtag import __version__
from argtag.classify.engine import Stats
from argtag.classify.overrides import Override
from argtag.ingest import Ingested
from argtag.metrics.aggregates import IS_ARG, per_bidang, per_kategori, per_pd, per_sasaran, per_sumber_dana, per_urusan
from argtag.metrics.config import MetricsConfig
from argtag.metrics.indicators import indicators
from argtag.metrics.yoy import YearOnYear, arg_counts
from argtag.money import format_rupiah
from argtag.rules.model import RuleSet
from argtag.schema import SUMMARY_SCHEMA

SCHEMA_VERSION = 1
LIST_LIMIT = 500  # long lists are cut in summary.json; tagged.csv always has everything


@dataclass(frozen=True)
class SummaryInput:
    tagged: pl.DataFrame
    ingested: Ingested
    config: MetricsConfig
    ruleset: RuleSet
    stats: Stats
    stale: list[Override]
    yoy: YearOnYear | None
    previous: list[pl.DataFrame]  # tagged lines of each earlier year, for the trend
    input_hashes: list[dict[str, str]]
    generated_at: str


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dicts()


def _trend(current: pl.DataFrame, previous: list[pl.DataFrame], config: MetricsConfig) -> list[dict[str, Any]]:
    rows = []
    for lines in [*previous, current]:
        got = indicators(lines, config)
        rows.append(
            {
                k: got[k]
                for k in (
                    "tahun",
                    "tahap",
                    "total_belanja",
                    "total_arg",
                    "persen_arg_apbd",
                    "jumlah_subkegiatan_arg",
                    "persen_pd_dengan_arg",
                )
            }
        )
    return sorted(rows, key=lambda r: str(r["tahun"]))


def _yoy(yoy: YearOnYear) -> dict[str, Any]:
    lines = yoy.lines
    matched = pl.col("cocok_tahun_lalu") != ""
    was_arg = pl.col("status_tahun_lalu") == "arg"
    show = ["kode_skpd", "nama_skpd", "kode_sub_unit", "kode_sub_kegiatan", "nama_sub_kegiatan", "pagu"]
    new_arg = lines.filter(~matched & IS_ARG).select(show)
    flips = lines.filter(matched & (was_arg != IS_ARG)).select(
        *show, "pagu_tahun_lalu", "status_tahun_lalu", "status", "cocok_tahun_lalu"
    )
    gone = yoy.dropped.filter(IS_ARG).select(show)
    before = (
        arg_counts(yoy.dropped)
        + lines.filter(matched & was_arg).select(pl.struct("kode_skpd", "kode_sub_kegiatan").n_unique()).item()
    )
    now = arg_counts(lines)
    return {
        "tahun": yoy.previous_year,
        "perubahan_rupiah_arg": yoy.change,
        "jumlah_subkegiatan_arg": now,
        "jumlah_subkegiatan_arg_lalu": before,
        "perubahan_jumlah_subkegiatan_arg": now - before,
        "lebih_banyak_dari_tahun_lalu": now > before,
        "cocok": lines.group_by("cocok_tahun_lalu").len().sort("cocok_tahun_lalu").rows(),
        "cocok_pd": _records(yoy.pd_matches),
        "subkegiatan_arg_baru": _records(new_arg.head(LIST_LIMIT)),
        "subkegiatan_arg_hilang": _records(gone.head(LIST_LIMIT)),
        "tag_berubah": _records(flips.head(LIST_LIMIT)),
        "peringatan_tahap": yoy.stage_warning,
    }


def _quality(data: SummaryInput) -> dict[str, Any]:
    fired = {r for value in data.tagged["terpicu"].drop_nulls().unique().to_list() for r in value.split(";") if r}
    conflicts = (
        data.tagged.filter(pl.col("diputuskan_oleh") == "konflik")
        .group_by("konflik")
        .agg(baris=pl.len(), rupiah=pl.col("pagu").sum())
        .sort("konflik")
    )
    files = []
    for f in data.ingested.files:
        mismatches = [
            {"sheet": s.grid.sheet, "baris": c.row, "label": c.label, "tertulis": c.stated, "terhitung": c.computed}
            for s in f.sheets
            for c in s.checks
            if not c.ok
        ]
        files.append(
            {
                **f.outline(),
                "checks": sum(len(s.checks) for s in f.sheets),
                "selisih": mismatches[:LIST_LIMIT],
            }
        )
    skipped = data.ingested.skipped.group_by("alasan").len().sort("alasan").rows()
    return {
        "berkas": files,
        "semua_rekonsiliasi_cocok": all(f.reconciled for f in data.ingested.files),
        "baris_dilewati": dict(skipped),
        "temuan": [
            {"kode": x.code, "pesan": x.message, "lokasi": x.location.describe(), "jumlah": x.count}
            for x in data.ingested.findings
        ],
        "keputusan_peninjau_usang": [{"baris": o.line, "keputusan": o.describe()} for o in data.stale],
        "aturan_tidak_pernah_terpicu": sorted(r.id for r in data.ruleset.rules if r.id not in fired),
        "konflik": [{"aturan": k, "baris": n, "rupiah": int(r or 0)} for k, n, r in conflicts.rows()],
        "klasifikasi": {
            "teks_berbeda": data.stats.distinct_texts,
            "cocok_aturan_kata": data.stats.word_hits,
            "daftar_pendek_fuzzy": data.stats.fuzzy_shortlist,
            "cocok_fuzzy": data.stats.fuzzy_hits,
        },
    }


def _warnings(ind: dict[str, Any], config: MetricsConfig) -> list[dict[str, str]]:
    """Warnings about the review as a whole (each with a stable ``kode``), shown in the CLI and the HTML."""
    out = []
    if config.apbd_total is not None and config.apbd_total < ind["total_belanja"]:
        out.append(
            {
                "kode": "apbd_lebih_kecil_dari_belanja",
                "pesan": f"total APBD yang diberikan ({format_rupiah(config.apbd_total)}) lebih kecil dari total "
                f"belanja dalam masukan ({format_rupiah(ind['total_belanja'])}); periksa --apbd-total atau "
                "apbd_total di argtag.toml",
            }
        )
    return out


def build_summary(data: SummaryInput) -> dict[str, Any]:
    lines = data.tagged
    pd_table = per_pd(lines, data.config.exclude_pd)
    no_arg = pd_table.filter(pl.col("dalam_cakupan") & (pl.col("arg") == 0)).select("kode_skpd", "nama_skpd", "total")
    ind = indicators(lines, data.config)
    return {
        "skema": SUMMARY_SCHEMA,
        "versi_skema": SCHEMA_VERSION,
        "indikator": ind,
        "peringatan": _warnings(ind, data.config),
        "parameter": data.config.describe(),
        "per_pd": _records(pd_table),
        "pd_tanpa_arg": _records(no_arg),
        "per_bidang": _records(per_bidang(lines)),
        "per_kategori": _records(per_kategori(lines)),
        "per_sasaran": _records(per_sasaran(lines)),
        "per_urusan": _records(per_urusan(lines)),
        "per_sumber_dana": _records(per_sumber_dana(lines)),
        "tahun_lalu": _yoy(data.yoy) if data.yoy else None,
        "tren": _trend(lines, data.previous, data.config),
        "kualitas_data": _quality(data),
        "reproduksi": {
            "argtag": __version__,
            "dibuat": data.generated_at,
            "hash_aturan": data.ruleset.digest,
            "masukan": data.input_hashes,
        },
    }

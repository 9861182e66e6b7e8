"""The headline indicators TAPD asks for, with their definitions made explicit.

- ``persen_arg_apbd`` = ARG rupiah / denominator x 100 (denominator chosen in the config);
- ``persen_pd_dengan_arg`` = PD in scope with at least one ARG line / PD in scope x 100;
- a target is met when the value is above it (the APE indicators read "ARG > 5 %", "> 80 % of PD");
- ``jumlah_subkegiatan_arg`` = distinct (PD, sub-kegiatan) pairs tagged ARG: a sub-kegiatan
  repeated on every Puskesmas of one PD counts once; the same code in two PD counts twice.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from argtag.metrics.aggregates import IS_ARG, IS_REVIEW, PENUNJANG, SUB_KEGIATAN, in_scope
from argtag.metrics.config import MetricsConfig
from argtag.metrics.period import known_stages, known_years


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 4) if whole else 0.0


def indicators(lines: pl.DataFrame, config: MetricsConfig) -> dict[str, Any]:
    sums = lines.select(
        total=pl.col("pagu").sum(),
        arg=pl.col("pagu").filter(IS_ARG).sum(),
        penunjang=pl.col("pagu").filter(PENUNJANG).sum(),
        tinjau=pl.col("pagu").filter(IS_REVIEW).sum(),
    ).row(0, named=True)
    total, arg = int(sums["total"] or 0), int(sums["arg"] or 0)
    denominator = {
        "total": total,
        "tanpa_penunjang": total - int(sums["penunjang"] or 0),
        "apbd": config.apbd_total or 0,
    }[config.denominator]
    scope = lines.filter(in_scope(config.exclude_pd))
    pd_count = scope["kode_skpd"].n_unique()
    pd_with_arg = scope.filter(IS_ARG)["kode_skpd"].n_unique()
    years, stages = known_years(lines), known_stages(lines)
    persen_arg = _percent(arg, denominator)
    persen_pd = _percent(pd_with_arg, pd_count)
    return {
        "tahun": years[0] if len(years) == 1 else (years or None),
        "tahap": stages[0] if len(stages) == 1 else (stages or None),
        "total_belanja": total,
        "total_arg": arg,
        "denominator": config.denominator,
        "nilai_denominator": denominator,
        "persen_arg_apbd": persen_arg,
        "target_persen_arg": config.target_arg_percent,
        "memenuhi_target_arg": persen_arg > config.target_arg_percent,
        "jumlah_pd": pd_count,
        "jumlah_pd_dengan_arg": pd_with_arg,
        "persen_pd_dengan_arg": persen_pd,
        "target_persen_pd": config.target_pd_percent,
        "memenuhi_target_pd": persen_pd > config.target_pd_percent,
        "jumlah_subkegiatan_arg": lines.filter(IS_ARG).select(SUB_KEGIATAN.n_unique()).item(),
        "jumlah_baris_arg": lines.filter(IS_ARG).height,
        "jumlah_baris": lines.height,
        "jumlah_baris_tinjau": lines.filter(IS_REVIEW).height,
        "jumlah_subkegiatan_tinjau": lines.filter(IS_REVIEW).select(SUB_KEGIATAN.n_unique()).item(),
        "rupiah_tinjau": int(sums["tinjau"] or 0),
        "total_program_penunjang": int(sums["penunjang"] or 0),
        "jumlah_baris_tanpa_tahap": lines["tahap"].null_count(),
    }

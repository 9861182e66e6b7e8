"""Summary tables of tagged lines: per PD, bidang, ARG category, urusan, sumber dana and targeting.

Exact money (Int64 sums), fixed sort orders, and every ARG share computed from the same sums the
tables show, so the report's numbers add up.
"""

from __future__ import annotations

import polars as pl

from argtag.rules.model import BIDANG, CATEGORIES, UNMAPPED

IS_ARG = pl.col("status") == "arg"
IS_REVIEW = pl.col("status") == "tinjau"
PENUNJANG = pl.col("kode_sub_kegiatan").str.contains(r"^[^.]+\.[^.]+\.01\.").fill_null(False)
BIDANG_ORDER = (*BIDANG, UNMAPPED)
SUB_KEGIATAN = pl.struct("kode_skpd", "kode_sub_kegiatan")


def _money(expr: pl.Expr) -> pl.Expr:
    return expr.sum().cast(pl.Int64)


def _share(part: str, whole: str) -> pl.Expr:
    return pl.when(pl.col(whole) > 0).then((100 * pl.col(part) / pl.col(whole)).round(4)).otherwise(0.0)


def in_scope(exclude_pd: tuple[str, ...]) -> pl.Expr:
    """PD counted in "% PD with ARG": all but those whose code starts with an excluded prefix."""
    if not exclude_pd:
        return pl.lit(True)
    return ~pl.any_horizontal([pl.col("kode_skpd").str.starts_with(p + ".") for p in exclude_pd]).fill_null(False)


def per_pd(lines: pl.DataFrame, exclude_pd: tuple[str, ...] = ()) -> pl.DataFrame:
    return (
        lines.group_by("kode_skpd")
        .agg(
            nama_skpd=pl.col("nama_skpd").drop_nulls().first(),
            total=_money(pl.col("pagu")),
            arg=_money(pl.col("pagu").filter(IS_ARG)),
            tinjau=_money(pl.col("pagu").filter(IS_REVIEW)),
            subkegiatan=pl.col("kode_sub_kegiatan").n_unique(),
            subkegiatan_arg=pl.col("kode_sub_kegiatan").filter(IS_ARG).n_unique(),
            subkegiatan_tinjau=pl.col("kode_sub_kegiatan").filter(IS_REVIEW).n_unique(),
            baris=pl.len().cast(pl.Int64),
            sub_unit=pl.col("kode_sub_unit").n_unique(),
        )
        .with_columns(persen_arg=_share("arg", "total"), dalam_cakupan=in_scope(exclude_pd))
        .sort("kode_skpd", nulls_last=True)
    )


def _by(lines: pl.DataFrame, key: str, order: tuple[str, ...] | None = None) -> pl.DataFrame:
    table = lines.group_by(key).agg(
        total=_money(pl.col("pagu")),
        arg=_money(pl.col("pagu").filter(IS_ARG)),
        subkegiatan_arg=SUB_KEGIATAN.filter(IS_ARG).n_unique(),
    )
    if order is not None:
        table = pl.DataFrame({key: list(order)}).join(table, on=key, how="left").fill_null(0)
    else:
        table = table.sort(key, nulls_last=True)
    return table.with_columns(
        persen_dari_arg=pl.Series(shares(table["arg"].to_list()), dtype=pl.Float64),
        persen_arg=_share("arg", "total"),
    )


def shares(values: list[int], decimals: int = 2) -> list[float]:
    """Percentages of the total that add up to exactly 100 (largest remainder), or all zero.

    >>> shares([150, 250, 500, 0]), shares([1, 1, 1]), shares([0, 0])
    ([16.67, 27.78, 55.55, 0.0], [33.34, 33.33, 33.33], [0.0, 0.0])
    """
    total = sum(values)
    if total <= 0:
        return [0.0] * len(values)
    unit = 10**decimals
    exact = [v * 100 * unit / total for v in values]
    floors = [int(x) for x in exact]
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: 100 * unit - sum(floors)]:
        floors[i] += 1
    return [f / unit for f in floors]


def per_bidang(lines: pl.DataFrame) -> pl.DataFrame:
    """ARG per bidang (politik, hukum, sosial, ekonomi, tidak_terpetakan); shares of ARG sum to 100."""
    return _by(lines.with_columns(pl.col("bidang").fill_null(UNMAPPED)), "bidang", BIDANG_ORDER)


def per_kategori(lines: pl.DataFrame) -> pl.DataFrame:
    return _by(lines.filter(IS_ARG), "kategori", CATEGORIES).drop("total", "persen_arg")


def per_urusan(lines: pl.DataFrame) -> pl.DataFrame:
    return _by(lines, "kode_urusan")


def per_sumber_dana(lines: pl.DataFrame) -> pl.DataFrame:
    return _by(lines.with_columns(pl.col("sumber_dana").fill_null("(tidak tertulis)")), "sumber_dana")


def per_sasaran(lines: pl.DataFrame) -> pl.DataFrame:
    """Targeted vs universal ARG: universal programmes tagged for their gender effect are shown apart."""
    return _by(lines.filter(IS_ARG), "sasaran", ("targeted", "universal")).drop("total", "persen_arg")

"""Year on year: match PD and budget lines across years, and split the change in ARG rupiah.

PD match by code, then by an alias table, then by name. A line (sub-unit x sub-kegiatan) matches by
code when the names still agree (codes are renumbered and reused between nomenclature updates, so a
code alone is not enough), then by name, exact and then fuzzy, within the same sub-unit. The change
in ARG rupiah splits exactly into: budget changed (ARG both years), tag changed (flipped), new and
dropped sub-kegiatan.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz, process

from argtag.metrics.aggregates import IS_ARG, SUB_KEGIATAN
from argtag.text import normalize_expr

NAME_SAME = 60.0  # a code match whose names score lower is a reused code, not the same activity
NAME_FUZZY = 90.0
PD_FUZZY = 90.0
_LINE_KEY = ["_pd", "_unit"]


@dataclass(frozen=True)
class YearOnYear:
    lines: pl.DataFrame  # current lines with pagu_tahun_lalu, status_tahun_lalu, cocok_tahun_lalu
    dropped: pl.DataFrame  # previous lines without a match this year
    pd_matches: pl.DataFrame  # kode_skpd_lalu, kode_skpd, cara
    change: dict[str, int]  # the split of the ARG change
    previous_year: int | None
    stage_warning: str | None


def _norm_name(column: str) -> pl.Expr:
    return normalize_expr(pl.col(column)).str.strip_chars()


def match_pd(current: pl.DataFrame, previous: pl.DataFrame, aliases: dict[str, str]) -> pl.DataFrame:
    """Previous PD code -> current PD code, with how they matched (kode | alias | nama)."""
    cur = current.group_by("kode_skpd").agg(pl.col("nama_skpd").drop_nulls().first()).sort("kode_skpd")
    prev = previous.group_by("kode_skpd").agg(pl.col("nama_skpd").drop_nulls().first()).sort("kode_skpd")
    cur_codes = set(cur["kode_skpd"].to_list())
    rows: list[tuple[str, str, str]] = []
    left: list[tuple[str, str]] = []
    for code, name in prev.iter_rows():
        if code in cur_codes:
            rows.append((code, code, "kode"))
        elif aliases.get(code) in cur_codes or aliases.get(name or "") in cur_codes:
            rows.append((code, aliases.get(code) or aliases[name], "alias"))
        else:
            left.append((code, name or ""))
    taken = {r[1] for r in rows}
    free = [(c, n or "") for c, n in cur.iter_rows() if c not in taken]
    for code, name in left:
        best = process.extractOne(
            name.lower(), [n.lower() for _, n in free], scorer=fuzz.token_sort_ratio, score_cutoff=PD_FUZZY
        )
        if best is not None:
            rows.append((code, free[best[2]][0], "nama"))
            free.pop(best[2])
    return pl.DataFrame(
        rows, schema={"kode_skpd_lalu": pl.String, "kode_skpd": pl.String, "cara": pl.String}, orient="row"
    ).sort("kode_skpd_lalu")


def _keyed(lines: pl.DataFrame, pd_map: pl.DataFrame | None) -> pl.DataFrame:
    """Lines with a PD key in current codes and the sub-unit re-based on that PD."""
    frame = lines.with_row_index("_i").with_columns(_name=_norm_name("nama_sub_kegiatan"))
    if pd_map is None:
        return frame.with_columns(_pd=pl.col("kode_skpd"), _unit=pl.col("kode_sub_unit"))
    mapped = frame.join(
        pd_map.select("kode_skpd_lalu", pl.col("kode_skpd").alias("_pd")),
        left_on="kode_skpd",
        right_on="kode_skpd_lalu",
        how="left",
    )
    unit_tail = pl.col("kode_sub_unit").str.extract(r"(\.[0-9]{4})$")
    rebased = pl.concat_str([pl.col("_pd").str.replace(r"\.[0-9]{4}$", ""), unit_tail])
    return mapped.with_columns(
        _pd=pl.coalesce("_pd", pl.col("kode_skpd")),
        _unit=pl.when(pl.col("_pd").is_not_null() & unit_tail.is_not_null())
        .then(rebased)
        .otherwise(pl.col("kode_sub_unit")),
    )


def _previous_by_key(prev: pl.DataFrame) -> pl.DataFrame:
    return prev.group_by(*_LINE_KEY, "kode_sub_kegiatan", "_name").agg(
        pagu_tahun_lalu=pl.col("pagu").sum(),
        status_tahun_lalu=pl.col("status").first(),
        _prev_ids=pl.col("_i"),
    )


def _same_names(pairs: pl.DataFrame) -> pl.Series:
    """Code matches whose names agree: equal after normalisation, else a rapidfuzz score (few pairs)."""
    differ = pairs.filter(pl.col("_name") != pl.col("_name_lalu"))
    reused = {
        i
        for i, a, b in differ.select("_i", "_name", "_name_lalu").iter_rows()
        if fuzz.token_set_ratio(a, b) < NAME_SAME
    }
    return ~pairs["_i"].is_in(list(reused))


def match_lines(
    current: pl.DataFrame, previous: pl.DataFrame, pd_map: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Current lines with last year's amount and status, and last year's lines left unmatched.

    Last year's lines are grouped by key (``_g``); each stage matches what the earlier ones left, by anti-join.
    """
    cur = _keyed(current, None)
    prev = _previous_by_key(_keyed(previous, pd_map)).with_row_index("_g")
    by_code = cur.join(prev.rename({"_name": "_name_lalu"}), on=[*_LINE_KEY, "kode_sub_kegiatan"], how="inner")
    by_code = by_code.filter(_same_names(by_code)).with_columns(cocok_tahun_lalu=pl.lit("kode"))
    rest_cur = cur.join(by_code.select("_i"), on="_i", how="anti")
    rest_prev = prev.join(by_code.select("_g"), on="_g", how="anti")
    by_name = (
        rest_cur.join(rest_prev.drop("kode_sub_kegiatan"), on=[*_LINE_KEY, "_name"], how="inner")
        .unique("_i", keep="first", maintain_order=True)
        .with_columns(cocok_tahun_lalu=pl.lit("nama"))
    )
    matched = pl.concat([by_code.drop("_name_lalu"), by_name], how="diagonal_relaxed")
    fuzzy = _fuzzy(
        cur.join(matched.select("_i"), on="_i", how="anti"), prev.join(matched.select("_g"), on="_g", how="anti")
    )
    matched = pl.concat([matched, fuzzy], how="diagonal_relaxed")
    lines = cur.join(
        matched.select("_i", "pagu_tahun_lalu", "status_tahun_lalu", "cocok_tahun_lalu"), on="_i", how="left"
    ).sort("_i")
    lines = lines.with_columns(pl.col("cocok_tahun_lalu").fill_null("")).drop("_i", "_name", "_pd", "_unit")
    unmatched = prev.join(matched.select("_g"), on="_g", how="anti")["_prev_ids"].explode()
    dropped = previous.with_row_index("_i").filter(pl.col("_i").is_in(unmatched.implode())).drop("_i")
    return lines, dropped


def _fuzzy(cur: pl.DataFrame, prev: pl.DataFrame) -> pl.DataFrame:
    """Renamed and renumbered at once: the closest name in the same sub-unit, if close enough."""
    rows = []
    groups = dict(prev.group_by(*_LINE_KEY))
    for key, group in cur.group_by(*_LINE_KEY):
        candidates = groups.get(key)
        if candidates is None:
            continue
        names = candidates["_name"].to_list()
        taken: set[int] = set()
        for i, name in group.select("_i", "_name").iter_rows():
            best = process.extractOne(name, names, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_FUZZY)
            if best is not None and best[2] not in taken:
                taken.add(best[2])
                row = candidates.row(best[2], named=True)
                rows.append((i, row["pagu_tahun_lalu"], row["status_tahun_lalu"], row["_g"]))
    return pl.DataFrame(
        rows,
        schema={
            "_i": pl.UInt32,
            "pagu_tahun_lalu": pl.Int64,
            "status_tahun_lalu": pl.String,
            "_g": pl.UInt32,
        },
        orient="row",
    ).with_columns(cocok_tahun_lalu=pl.lit("nama"))


def split_change(lines: pl.DataFrame, dropped: pl.DataFrame) -> dict[str, int]:
    """ARG now - ARG before = anggaran_berubah + tag_berubah + subkegiatan_baru + subkegiatan_hilang."""
    matched = pl.col("cocok_tahun_lalu") != ""
    was_arg = pl.col("status_tahun_lalu") == "arg"
    now = lines.select(
        anggaran=(pl.col("pagu") - pl.col("pagu_tahun_lalu")).filter(matched & IS_ARG & was_arg).sum(),
        tag_masuk=pl.col("pagu").filter(matched & IS_ARG & ~was_arg).sum(),
        tag_keluar=pl.col("pagu_tahun_lalu").filter(matched & ~IS_ARG & was_arg).sum(),
        baru=pl.col("pagu").filter(~matched & IS_ARG).sum(),
        arg=pl.col("pagu").filter(IS_ARG).sum(),
        arg_lalu=pl.col("pagu_tahun_lalu").filter(matched & was_arg).sum(),
    ).row(0, named=True)
    gone = int(dropped.filter(IS_ARG)["pagu"].sum() or 0)
    values = {k: int(v or 0) for k, v in now.items()}
    return {
        "arg_tahun_ini": values["arg"],
        "arg_tahun_lalu": values["arg_lalu"] + gone,
        "perubahan": values["arg"] - values["arg_lalu"] - gone,
        "anggaran_berubah": values["anggaran"],
        "tag_berubah": values["tag_masuk"] - values["tag_keluar"],
        "subkegiatan_baru": values["baru"],
        "subkegiatan_hilang": -gone,
    }


def year_on_year(current: pl.DataFrame, previous: pl.DataFrame, aliases: dict[str, str]) -> YearOnYear:
    pd_map = match_pd(current, previous, aliases)
    lines, dropped = match_lines(current, previous, pd_map)
    stages = {s for s in current["tahap"].drop_nulls().unique().to_list()}
    previous_stages = {s for s in previous["tahap"].drop_nulls().unique().to_list()}
    warning = None
    if stages and previous_stages and stages != previous_stages:
        warning = (
            f"tahap berbeda: tahun ini {', '.join(sorted(stages))}, tahun lalu "
            f"{', '.join(sorted(previous_stages))}; perbandingan tidak setara"
        )
    years = previous["tahun"].drop_nulls().unique().to_list()
    return YearOnYear(lines, dropped, pd_map, split_change(lines, dropped), max(years) if years else None, warning)


def arg_counts(lines: pl.DataFrame) -> int:
    return int(lines.filter(IS_ARG).select(SUB_KEGIATAN.n_unique()).item())

"""Reviewer decisions (the overrides file), applied after the rules; overrides that match nothing are reported.

The file is TOML, one ``[[override]]`` per decision, written by ``argtag apply-review`` or by hand::

    [[override]]
    code = "1.02.02.2.02.0004"        # sub-kegiatan code; or name = "..." to match by name
    pd = "1.02.0.00.0.00.01.0000"     # optional: only this PD
    year = 2026                       # optional: only this year
    decision = "arg"                  # arg | bukan_arg
    category = "khusus"               # khusus | kesetaraan | pelembagaan (for arg)
    bidang = "sosial"                 # optional; else the rule's or the map's bidang
    reason = "Sasaran ibu balita"     # why (shown in reports)
    reviewer = "Siti (BPKAD)"         # optional
    date = "2026-11-28"               # optional
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

import polars as pl

from argtag import toml_file
from argtag.errors import ArgtagError, Location, display_path
from argtag.rules.model import BIDANG, CATEGORIES
from argtag.text import normalize, normalize_expr

DEFAULT_FILE = Path("keputusan.toml")  # used by review and apply-review when no --overrides is given
KEYS = ("code", "name", "pd", "year", "decision", "category", "bidang", "reason", "reviewer", "date")
DECISIONS = ("arg", "bukan_arg")


@dataclass(frozen=True)
class Override:
    decision: str
    category: str | None
    code: str | None = None
    name: str | None = None
    pd: str | None = None
    year: int | None = None
    bidang: str | None = None
    reason: str = ""
    reviewer: str = ""
    date: str = ""
    line: int | None = None

    def describe(self) -> str:
        target = f"kode {self.code}" if self.code else f"nama '{self.name}'"
        scope = "".join([f", PD {self.pd}" if self.pd else "", f", tahun {self.year}" if self.year else ""])
        return f"{target}{scope} -> {self.decision}{'/' + self.category if self.category else ''}"


def load_overrides(path: Path) -> list[Override]:
    name = display_path(path)
    try:
        data, lines = toml_file.load(path)
    except FileNotFoundError as exc:
        raise ArgtagError(
            "berkas keputusan peninjau (overrides) tidak ditemukan",
            location=Location(name),
            hint="Periksa --overrides, atau buat dengan 'argtag apply-review review.xlsx'.",
        ) from exc
    starts = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\[\[override\]\]", line)]
    out = []
    for index, table in enumerate(data.get("override", [])):
        where = Location(name, row=starts[index] if index < len(starts) else None)
        out.append(_parse(table, where))
    return out


def _parse(table: dict[str, object], where: Location) -> Override:
    for key in table:
        if key not in KEYS:
            close = get_close_matches(key, KEYS, n=1)
            hint = f"Mungkin maksud Anda '{close[0]}'." if close else f"Kunci yang sah: {', '.join(KEYS)}."
            raise ArgtagError(f"kunci '{key}' tidak dikenal di overrides", hint=hint, location=where)
    decision = str(table.get("decision", ""))
    category = table.get("category")
    bidang = table.get("bidang")
    if decision not in DECISIONS:
        raise ArgtagError(f"decision '{decision}' tidak sah", hint="Pilihan: arg, bukan_arg.", location=where)
    if decision == "arg" and category not in CATEGORIES:
        raise ArgtagError(
            f"category '{category}' tidak sah untuk keputusan ARG",
            hint=f"Pilihan: {', '.join(CATEGORIES)}.",
            location=where,
        )
    if bidang is not None and bidang not in BIDANG:
        raise ArgtagError(f"bidang '{bidang}' tidak sah", hint=f"Pilihan: {', '.join(BIDANG)}.", location=where)
    if not table.get("code") and not table.get("name"):
        raise ArgtagError("keputusan tanpa 'code' maupun 'name'", hint="Isi kode sub kegiatan.", location=where)
    year = table.get("year")
    return Override(
        decision=decision,
        category=str(category) if decision == "arg" else None,
        code=str(table["code"]) if table.get("code") else None,
        name=str(table["name"]) if table.get("name") else None,
        pd=str(table["pd"]) if table.get("pd") else None,
        year=int(year) if isinstance(year, int) else None,
        bidang=str(bidang) if bidang else None,
        reason=str(table.get("reason", "")),
        reviewer=str(table.get("reviewer", "")),
        date=str(table.get("date", "")),
        line=where.row,
    )


def _mask(o: Override, abbreviations: dict[str, str]) -> pl.Expr:
    if o.code:
        cond = pl.col("kode_sub_kegiatan") == o.code
    else:
        cond = pl.col("_name_norm") == normalize(o.name or "", abbreviations)
    if o.pd:
        cond = cond & (pl.col("kode_skpd") == o.pd)
    if o.year:
        cond = cond & (pl.col("tahun") == o.year)
    return cond.fill_null(False)


def apply_overrides(
    lines: pl.DataFrame, overrides: list[Override], abbreviations: dict[str, str]
) -> tuple[pl.DataFrame, list[Override]]:
    """Lines with the reviewers' decisions applied (the last matching override wins) and the stale ones."""
    if not overrides:
        return lines, []
    needs_names = any(o.code is None for o in overrides)
    frame = lines.with_columns(
        (
            normalize_expr(pl.col("nama_sub_kegiatan"), abbreviations).str.strip_chars()
            if needs_names
            else pl.lit(None, pl.String)
        ).alias("_name_norm")
    )
    masks = frame.select([_mask(o, abbreviations).alias(str(i)) for i, o in enumerate(overrides)])
    stale = [o for i, o in enumerate(overrides) if not masks[str(i)].any()]
    chosen = pl.lit(None, pl.Int64)
    for i in range(len(overrides)):
        chosen = pl.when(pl.col(str(i))).then(pl.lit(i, pl.Int64)).otherwise(chosen)
    index = masks.select(chosen.alias("_o"))["_o"]
    table = pl.DataFrame(
        {
            "_o": list(range(len(overrides))),
            "_status": [o.decision for o in overrides],
            "_kategori": [o.category for o in overrides],
            "_bidang": [o.bidang for o in overrides],
            "_bukti": [
                f"Keputusan peninjau: {o.reason or '(tanpa alasan)'}"
                + (f" ({', '.join(x for x in (o.reviewer, o.date) if x)})" if o.reviewer or o.date else "")
                for o in overrides
            ],
        },
        schema_overrides={"_o": pl.Int64, "_kategori": pl.String, "_bidang": pl.String},
    )
    hit = pl.col("_o").is_not_null()
    joined = frame.drop("_name_norm").with_columns(index).join(table, on="_o", how="left", maintain_order="left")
    result = joined.with_columns(
        status=pl.when(hit).then("_status").otherwise("status"),
        kategori=pl.when(hit).then("_kategori").otherwise("kategori"),
        bidang=pl.when(hit & pl.col("_bidang").is_not_null()).then("_bidang").otherwise("bidang"),
        sasaran=pl.when(hit & (pl.col("_status") != "arg")).then(None).otherwise("sasaran"),
        keyakinan=pl.when(hit).then(1.0).otherwise("keyakinan"),
        aturan=pl.when(hit).then(pl.lit("peninjau")).otherwise("aturan"),
        bukti=pl.when(hit).then("_bukti").otherwise("bukti"),
        diputuskan_oleh=pl.when(hit).then(pl.lit("peninjau")).otherwise("diputuskan_oleh"),
    ).drop("_o", "_status", "_kategori", "_bidang", "_bukti")
    return result, stale

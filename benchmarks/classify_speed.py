"""Classification speed on distinct texts, and the size of the fuzzy shortlist.

    python benchmarks/classify_speed.py [--rules rules/] [--texts 200000]

Texts are real sub-kegiatan names from ../shared/data, each made distinct with a seeded suffix of
place and activity words (as paket/uraian lines are). Reported from one run: distinct texts per
second for the word and code rules, for the whole classifier (word + fuzzy + decision), and how
many texts the fuzzy stage scored (the shortlist) out of how many it could have seen.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import polars as pl

from argtag.classify.conditions import CODE, PD, TEXT
from argtag.classify.engine import classify_keys
from argtag.classify.words import word_hits
from argtag.rules.load import load_ruleset
from argtag.text import normalize_expr

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SUFFIX = [
    "kecamatan",
    "desa",
    "kelurahan",
    "tahap",
    "lanjutan",
    "tahun",
    "paket",
    "kegiatan",
    "lokasi",
    "rt",
    "rw",
    "dusun",
    "wilayah",
    "timur",
    "barat",
    "utara",
    "selatan",
    "i",
    "ii",
    "iii",
]


def texts(count: int) -> pl.DataFrame:
    madiun = pl.read_csv(DATA / "kab_madiun_2024_subkegiatan_per_subunit.csv", infer_schema=False)
    names = (
        madiun.select(pl.col("nama_sub_kegiatan").alias("name"), pl.col("kode_sub_kegiatan").alias("code"))
        .unique(maintain_order=True)
        .rows()
    )
    rng = random.Random(2026)
    rows = []
    for i in range(count):
        name, code = names[i % len(names)]
        suffix = " ".join(rng.choice(SUFFIX) for _ in range(3))
        rows.append((code, f"{name} {suffix} {i}", None))
    return pl.DataFrame(rows, schema={CODE: pl.String, TEXT: pl.String, PD: pl.String}, orient="row")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--texts", type=int, default=200_000)
    args = parser.parse_args()
    ruleset = load_ruleset(args.rules)
    raw = texts(args.texts)
    start = time.perf_counter()
    keys = raw.with_columns(normalize_expr(pl.col(TEXT), ruleset.abbreviations).alias(TEXT))
    normalise = time.perf_counter() - start
    indexed = keys.with_row_index("_k")
    start = time.perf_counter()
    hits = word_hits(indexed, ruleset)
    words = time.perf_counter() - start
    start = time.perf_counter()
    _, stats = classify_keys(keys, ruleset)
    whole = time.perf_counter() - start
    undecided = keys.height - stats.word_hits
    print(f"aturan: {len(ruleset.rules)}; teks berbeda: {keys.height:,}")
    print(f"normalisasi teks:          {keys.height / normalise:>12,.0f} teks/detik")
    print(f"aturan kata dan kode:      {keys.height / words:>12,.0f} teks/detik ({hits.height:,} kecocokan)")
    print(f"klasifikasi lengkap:       {keys.height / whole:>12,.0f} teks/detik")
    print(
        f"tahap fuzzy: {stats.fuzzy_shortlist:,} teks dinilai dari {undecided:,} yang belum diputuskan "
        f"({100 * stats.fuzzy_shortlist / max(undecided, 1):.1f} %); {stats.fuzzy_hits:,} kecocokan fuzzy"
    )


if __name__ == "__main__":
    main()

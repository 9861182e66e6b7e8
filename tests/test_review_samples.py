"""On both sample years: what the CLI prints and summary.json says equals a recomputation from tagged.csv."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from argtag.cli.review_cmd import percent
from argtag.money import format_rupiah
from tests.conftest import ROOT, SAMPLES, review_samples, run


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("review") / "out"
    result = review_samples(out, "--exclude-pd", "7.01", "--generated-at", "2026-11-28T00:00:00+00:00")
    return out, result.stdout


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _recompute(rows: list[dict[str, str]], exclude: str) -> dict[str, Any]:
    total = sum(int(r["pagu"]) for r in rows)
    arg_rows = [r for r in rows if r["status"] == "arg"]
    arg = sum(int(r["pagu"]) for r in arg_rows)
    pds = {r["kode_skpd"] for r in rows if not r["kode_skpd"].startswith(exclude + ".")}
    pds_arg = {r["kode_skpd"] for r in arg_rows if r["kode_skpd"] in pds}
    return {
        "total_belanja": total,
        "total_arg": arg,
        "persen_arg_apbd": round(100 * arg / total, 4),
        "jumlah_pd": len(pds),
        "jumlah_pd_dengan_arg": len(pds_arg),
        "persen_pd_dengan_arg": round(100 * len(pds_arg) / len(pds), 4),
        "jumlah_subkegiatan_arg": len({(r["kode_skpd"], r["kode_sub_kegiatan"]) for r in arg_rows}),
    }


def test_printed_and_written_indicators_equal_a_recomputation(review: tuple[Path, str]) -> None:
    out, stdout = review
    rows = _rows(out / "tagged.csv")
    expected = _recompute(rows, "7.01")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {k: summary["indikator"][k] for k in expected} == expected
    assert summary["indikator"]["denominator"] == "total"
    assert f"ARG: {format_rupiah(expected['total_arg'])} = {percent(expected['persen_arg_apbd'])}" in stdout
    assert f"PD dengan ARG: {expected['jumlah_pd_dengan_arg']} dari {expected['jumlah_pd']}" in stdout
    assert f"Sub kegiatan ARG: {expected['jumlah_subkegiatan_arg']}" in stdout


def test_previous_year_recomputed_from_tagged_csv(review: tuple[Path, str]) -> None:
    out, _ = review
    rows = _rows(out / "tagged.csv")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    yoy = summary["tahun_lalu"]
    assert yoy["tahun"] == 2025
    matched = [r for r in rows if r["cocok_tahun_lalu"]]
    assert {r["cocok_tahun_lalu"] for r in rows} == {"", "kode", "nama"}
    change = yoy["perubahan_rupiah_arg"]
    assert change["arg_tahun_ini"] == sum(int(r["pagu"]) for r in rows if r["status"] == "arg")
    budget = sum(
        int(r["pagu"]) - int(r["pagu_tahun_lalu"])
        for r in matched
        if r["status"] == "arg" and r["status_tahun_lalu"] == "arg"
    )
    assert change["anggaran_berubah"] == budget
    parts = ("anggaran_berubah", "tag_berubah", "subkegiatan_baru", "subkegiatan_hilang")
    assert sum(change[p] for p in parts) == change["perubahan"] == change["arg_tahun_ini"] - change["arg_tahun_lalu"]
    # the previous year's ARG total equals a review of 2025 on its own
    alone = run("review", str(SAMPLES / "2025"), "--rules", str(ROOT / "rules"), "--out", str(out.parent / "y2025"))
    assert alone.exit_code == 0
    previous = json.loads((out.parent / "y2025" / "summary.json").read_text(encoding="utf-8"))
    assert previous["indikator"]["total_arg"] == change["arg_tahun_lalu"]
    trend = {t["tahun"]: t["total_arg"] for t in summary["tren"]}
    assert trend == {2025: change["arg_tahun_lalu"], 2026: change["arg_tahun_ini"]}


def test_bidang_shares_sum_to_100(review: tuple[Path, str]) -> None:
    out, _ = review
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    shares = [b["persen_dari_arg"] for b in summary["per_bidang"]]
    assert round(sum(shares), 2) == 100.0
    by_bidang: dict[str, int] = defaultdict(int)
    for r in _rows(out / "tagged.csv"):
        if r["status"] == "arg":
            by_bidang[r["bidang"]] += int(r["pagu"])
    assert {b["bidang"]: b["arg"] for b in summary["per_bidang"] if b["arg"]} == dict(by_bidang)

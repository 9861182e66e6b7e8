"""index.html: the one self-contained page TAPD reads (inline CSS, SVG and script; no network).

This module turns ReportData into a plain context; the template only lays it out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from argtag import __version__
from argtag.ingest.result import layout_text
from argtag.metrics.period import stage_label, year_label
from argtag.money import format_count, format_rupiah
from argtag.report import ReportData
from argtag.report.charts import share_bars, stacked, waterfall
from argtag.report.drill import drill_by_pd, highlight
from argtag.report.labels import DECIDED_BY_TEXT, STATUS_TEXT
from argtag.rules.model import BIDANG, CATEGORIES, UNMAPPED
from argtag.schema import SKIP_REASONS

QUEUE_LIMIT = 300
DRILL_COLUMNS = [
    "kode_skpd",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "status",
    "kategori",
    "bidang",
    "aturan",
    "bukti",
    "diputuskan_oleh",
    "keyakinan",
]


def moment_text(moment: datetime) -> str:
    """The generation time as written with its own offset (``--generated-at`` may carry one).

    >>> from datetime import timedelta, timezone
    >>> moment_text(datetime(2026, 11, 29, 1, 0, tzinfo=timezone.utc)), moment_text(datetime(2026, 11, 29, 8, 0))
    ('29-11-2026 01:00 UTC', '29-11-2026 08:00')
    >>> moment_text(datetime(2026, 11, 29, 8, 0, tzinfo=timezone(timedelta(hours=7))))
    '29-11-2026 08:00 UTC+07:00'
    """
    offset = moment.utcoffset()
    if offset is None:
        return moment.strftime("%d-%m-%Y %H:%M")
    zone = moment.strftime("%z")  # +0700
    return moment.strftime("%d-%m-%Y %H:%M UTC") + (f"{zone[:3]}:{zone[3:]}" if offset else "")


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def known(value: object, text: str = "tidak diketahui") -> object:
    """The value, or Indonesian words where the data has none (a PD without code or name, say)."""
    return text if value is None or value == "" else value


def _finalize(value: object) -> object:
    """Every ``{{ }}`` of the page: a missing value the template did not word reads "tidak diketahui", never "None"."""
    return "tidak diketahui" if value is None else value


def _environment() -> Environment:
    """The page's jinja2 environment; built and its template compiled once per process, on import (see INDEX)."""
    env = Environment(
        loader=PackageLoader("argtag.report", "templates"),
        autoescape=select_autoescape(["j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters["diketahui"] = known
    env.filters["rupiah"] = format_rupiah
    env.filters["persen"] = percent
    env.filters["angka"] = format_count
    env.filters["tahun"] = year_label
    env.filters["tata_letak"] = layout_text
    env.filters["status"] = lambda status: STATUS_TEXT.get(status, status)
    return env


# compiled on import: `argtag review` imports the writers in a thread while the inputs are read
INDEX = _environment().get_template("index.html.j2")


def _subkegiatan(data: ReportData) -> pl.DataFrame:
    """Lines folded per PD x sub-kegiatan (sub-units summed): the unit of drill-down and lists."""
    return (
        data.tagged.group_by(DRILL_COLUMNS, maintain_order=True)
        .agg(pagu=pl.col("pagu").sum(), sub_unit=pl.len(), nama_skpd=pl.col("nama_skpd").first())
        .sort("kode_skpd", "kode_sub_kegiatan", "nama_sub_kegiatan", nulls_last=True)
    )


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "potongan": highlight(row["nama_sub_kegiatan"] or "", row["bukti"] or ""),
        "oleh": DECIDED_BY_TEXT[row["diputuskan_oleh"]],
    }


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _monitoring(s: dict[str, Any]) -> list[dict[str, str]]:
    ind, yoy = s["indikator"], s["tahun_lalu"]
    no_arg = len(s["pd_tanpa_arg"])
    rows = [
        {
            "aspek": "ARG terhadap APBD",
            "target": f"> {percent(ind['target_persen_arg'])}",
            "progres": percent(ind["persen_arg_apbd"]),
            "tercapai": ind["memenuhi_target_arg"],
            "aksi": "Pertahankan; lengkapi GBS/PAG setiap sub kegiatan ARG."
            if ind["memenuhi_target_arg"]
            else "Telaah antrian tinjauan (terbesar dulu) dan usulkan sub kegiatan responsif gender pada PD tanpa ARG.",
        },
        {
            "aspek": "PD yang memiliki ARG",
            "target": f"> {percent(ind['target_persen_pd'])}",
            "progres": f"{percent(ind['persen_pd_dengan_arg'])} "
            f"({ind['jumlah_pd_dengan_arg']} dari {ind['jumlah_pd']} PD)",
            "tercapai": ind["memenuhi_target_pd"],
            "aksi": "Pertahankan."
            if ind["memenuhi_target_pd"]
            else f"Dampingi {no_arg} PD tanpa ARG menyusun analisis gender (GAP) dan GBS.",
        },
    ]
    if yoy:
        grew = yoy["lebih_banyak_dari_tahun_lalu"]
        rows.append(
            {
                "aspek": "Jumlah sub kegiatan ARG lebih banyak dari tahun lalu",
                "target": f"> {yoy['jumlah_subkegiatan_arg_lalu']} (tahun {year_label(yoy['tahun'])})",
                "progres": str(yoy["jumlah_subkegiatan_arg"]),
                "tercapai": grew,
                "aksi": "Pertahankan." if grew else "Periksa sub kegiatan ARG yang hilang atau berubah tag.",
            }
        )
    return rows


def html_context(data: ReportData) -> dict[str, Any]:
    s = data.summary
    ind = s["indikator"]
    items = _subkegiatan(data)
    pd_rows = sorted(s["per_pd"], key=lambda r: (-r["persen_arg"], r["kode_skpd"]))
    ordered = items.sort("kode_skpd", "status", "pagu", descending=[False, False, True], maintain_order=True)
    rows = drill_by_pd(ordered, data.ruleset)
    drill = [{**pd, "rincian": Markup(rows.get(pd["kode_skpd"], ""))} for pd in s["per_pd"]]
    queue = items.filter(pl.col("status") == "tinjau").sort("pagu", "kode_skpd", descending=[True, False])
    evidence = items.filter(pl.col("status") == "arg").sort("bidang", "kode_skpd", "kode_sub_kegiatan")
    yoy = s["tahun_lalu"]
    change = None
    if yoy:
        c = yoy["perubahan_rupiah_arg"]
        change = waterfall(
            [
                ("anggaran berubah", c["anggaran_berubah"]),
                ("tag berubah", c["tag_berubah"]),
                ("sub kegiatan baru", c["subkegiatan_baru"]),
                ("sub kegiatan hilang", c["subkegiatan_hilang"]),
            ],
            (f"tahun {year_label(yoy['tahun'])}", c["arg_tahun_lalu"]),
        )
    bidang = {b["bidang"]: b for b in s["per_bidang"]}
    return {
        "s": s,
        "ind": ind,
        "tahap": stage_label(ind),
        "versi": __version__,
        "dibuat": moment_text(data.generated_at),
        "grafik_pd": share_bars(
            [(_short(r["nama_skpd"] or r["kode_skpd"] or "(PD tidak diketahui)"), r["persen_arg"]) for r in pd_rows],
            ind["target_persen_arg"],
        ),
        "grafik_bidang": stacked([(b, bidang[b]["arg"]) for b in (*BIDANG, UNMAPPED)]),
        "grafik_kategori": stacked(
            [(k["kategori"], k["arg"]) for k in s["per_kategori"] if k["kategori"] in CATEGORIES]
        ),
        "grafik_tren": share_bars(
            [(year_label(t["tahun"]), t["persen_arg_apbd"]) for t in s["tren"]], ind["target_persen_arg"]
        ),
        "grafik_perubahan": change,
        "tabel_pd": s["per_pd"],
        "drill": drill,
        "antrian": [_item(r) for r in queue.head(QUEUE_LIMIT).iter_rows(named=True)],
        "antrian_jumlah": queue.height,
        "antrian_rupiah": int(queue["pagu"].sum() or 0),
        "bukti_ape": list(evidence.iter_rows(named=True)),
        "pemantauan": _monitoring(s),
        "alasan_lewat": SKIP_REASONS,
    }


def render_index(data: ReportData) -> str:
    return INDEX.render(html_context(data))


def write_index(folder: Path, data: ReportData) -> None:
    (folder / "index.html").write_text(render_index(data), encoding="utf-8")

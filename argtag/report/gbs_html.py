"""GBS/PAG HTML: render the drafts, KAK skeletons and index with the jinja2 templates under ``templates/gbs``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from argtag import __version__
from argtag.money import format_rupiah
from argtag.report import ReportData
from argtag.report.gbs_context import KATEGORI, WORKBOOK, Activity, Entry, Row, Value, by_pd
from argtag.report.gbs_fields import activity_title, header_entries, label_texts, signature_entries


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, context: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    html = _environment().get_template(f"gbs/{template}").render(**context)
    path.write_text(html, encoding="utf-8", newline="\n")


def _footer(data: ReportData) -> dict[str, str]:
    return {
        "version": __version__,
        "generated": data.generated_at.isoformat(),
        "digest": data.ruleset.digest[:12],
    }


def _plain_value(v: Value) -> dict[str, Any]:
    return {"text": v.text, "blank": v.blank, "amount": v.amount}


def _plain_entry(e: Entry) -> dict[str, Any]:
    return {"label": e.label, "value": _plain_value(e.value)}


def _plain_row(r: Row) -> dict[str, Any]:
    return {
        "label": r.label,
        "entries": [_plain_entry(e) for e in r.entries],
        "columns": list(r.columns),
        "grid": [[_plain_value(v) for v in line] for line in r.grid],
    }


def page_context(a: Activity, rows: list[Row], data: ReportData) -> dict[str, Any]:
    return {
        "title": activity_title(a),
        "header": [_plain_entry(e) for e in header_entries(a)],
        "rows": [_plain_row(r) for r in rows],
        "signature": [_plain_entry(e) for e in signature_entries()],
        "nama_skpd": a.nama_skpd,
        "index_href": "../index.html",
        "gbs_href": f"{a.stem}.html",
        "kak_href": f"{a.stem}_kak.html",
        "footer": _footer(data),
    }


def index_context(activities: list[Activity], data: ReportData) -> dict[str, Any]:
    groups = []
    for members in by_pd(activities):
        groups.append(
            {
                "kode_skpd": members[0].kode_skpd,
                "nama_skpd": members[0].nama_skpd,
                "jumlah": len(members),
                "total": format_rupiah(sum(a.pagu for a in members)),
                "subkegiatan": [
                    {
                        "kode": a.kode_sub_kegiatan,
                        "nama": a.nama_sub_kegiatan,
                        "pagu": format_rupiah(a.pagu),
                        "kategori": "; ".join(label_texts(a.kategori, KATEGORI)) or "-",
                        "sub_unit": len(a.sub_units),
                        "gbs_href": a.href,
                        "kak_href": a.kak_href,
                    }
                    for a in members
                ],
            }
        )
    years = sorted({y for a in activities for y in a.tahun})
    return {
        "title": "Draf GBS/PAG dan KAK sub kegiatan ARG",
        "tahun": " / ".join(years) or "-",
        "groups": groups,
        "jumlah": len(activities),
        "total": format_rupiah(sum(a.pagu for a in activities)),
        "workbook": WORKBOOK,
        "footer": _footer(data),
    }

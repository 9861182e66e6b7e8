"""GBS/PAG HTML: the drafts, KAK skeletons and index, rendered with the jinja2 templates under ``templates/gbs``.

A page is put together from fragments that the macros of ``_macros.html.j2`` render: its header table, the body of
each row or section, and the signature block. Pages share many fragments (the blanks every draft carries, the rows
a rule pre-fills, one signature per PD), so each distinct fragment is rendered once per run.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from argtag import __version__
from argtag.money import format_rupiah
from argtag.report import ReportData
from argtag.report.gbs_context import KATEGORI, WORKBOOK, Activity, Row, by_pd
from argtag.report.gbs_fields import SIGNATURE, activity_title, gbs_rows, header_entries, kak_rows, label_texts


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package files: no need to check them for changes before every page
    )


# compiled on import: `argtag review` imports the writers in a thread while the inputs are read
TEMPLATES = tuple(_environment().get_template(f"gbs/{n}.html.j2") for n in ("draft", "kak", "index"))
MACROS = _environment().get_template("gbs/_macros.html.j2")

FRAGMENTS_KEPT = 1024  # per macro: the shared fragments stay, one-off ones (a row with amounts) make way


class Fragments:
    """The macros of ``_macros.html.j2``, each rendered once per distinct arguments (frozen, hashable data)."""

    def __init__(self) -> None:
        macros: Any = MACROS.module  # the macros are its attributes
        keep = lru_cache(maxsize=FRAGMENTS_KEPT)
        self.header = keep(macros.header)
        self.body = keep(macros.body)
        self.signature = keep(macros.signature)


def _footer(data: ReportData) -> dict[str, str]:
    return {
        "version": __version__,
        "generated": data.generated_at.isoformat(),
        "digest": data.ruleset.digest[:12],
    }


def page_context(a: Activity, rows: list[Row], fragments: Fragments, footer: dict[str, str]) -> dict[str, Any]:
    """A draft's or KAK's context: its fragments, with each row's label beside the row's body."""
    return {
        "title": activity_title(a),
        "header": fragments.header(tuple(header_entries(a))),
        "rows": [(row.label, fragments.body(row)) for row in rows],
        "signature": fragments.signature(SIGNATURE, a.nama_skpd),
        "index_href": "../index.html",
        "gbs_href": f"{a.stem}.html",
        "kak_href": f"{a.stem}_kak.html",
        "footer": footer,
    }


def index_context(activities: list[Activity], footer: dict[str, str]) -> dict[str, Any]:
    groups = []
    for members in by_pd(activities):
        pd = " ".join(p for p in (members[0].kode_skpd, members[0].nama_skpd) if p) or "(PD tidak diketahui)"
        groups.append(
            {
                "judul": pd,
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
        "footer": footer,
    }


def _write(path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8", newline="\n")


def write_pages(out: Path, activities: list[Activity], data: ReportData) -> None:
    """Under ``out``: index.html, and a GBS/PAG draft and a KAK skeleton per activity in its PD's folder."""
    draft, kak, index = TEMPLATES
    fragments = Fragments()
    footer = _footer(data)
    for folder in dict.fromkeys(a.folder for a in activities):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for a in activities:
        _write(out / a.href, draft.render(page_context(a, gbs_rows(a), fragments, footer)))
        _write(out / a.kak_href, kak.render(page_context(a, kak_rows(a), fragments, footer)))
    _write(out / "index.html", index.render(index_context(activities, footer)))

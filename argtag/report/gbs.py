"""GBS/PAG drafts ("GAB-style" sheets) and TOR/KAK skeletons for every ARG sub-kegiatan.

One draft per distinct (PD, sub-kegiatan) tagged ``arg``: the amount is summed over its sub-units.
argtag pre-fills what the budget and the deciding rule know (codes, names, rupiah, the gender issue
and rationale a rule cites, sumber dana, lokasi, kategori, bidang) and leaves the analysis fields as
marked blanks (``[diisi oleh PD: ...]``) for the PD to write (docs domain.md §8). Files, under
``<report>/gbs/``::

    index.html                          drafts grouped by PD, with links
    <kode_skpd>/<kode_sub_kegiatan>.html      printable GBS/PAG draft (A4)
    <kode_skpd>/<kode_sub_kegiatan>_kak.html  TOR/KAK skeleton
    gbs_pag.xlsx                        one sheet per PD, the same fields as label | value rows

Python prepares every value (sums, labels, rupiah text, blanks) as plain data (``gbs_context``, ``gbs_fields``);
``gbs_html`` renders it with the templates under ``templates/gbs`` and ``gbs_xlsx`` writes the workbook. Output is
byte-identical for the same data: everything is sorted and the only time read is ``ReportData.generated_at``.
"""

from __future__ import annotations

from pathlib import Path

from argtag.report import ReportData
from argtag.report.gbs_context import WORKBOOK, collect
from argtag.report.gbs_html import write_pages
from argtag.report.gbs_xlsx import RUPIAH_FORMAT, write_workbook

__all__ = ["FOLDER", "RUPIAH_FORMAT", "WORKBOOK", "write_gbs"]

FOLDER = "gbs"


def write_gbs(folder: Path, data: ReportData) -> None:
    """``folder/gbs``: index.html, a GBS/PAG draft and a KAK skeleton per ARG sub-kegiatan, gbs_pag.xlsx."""
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    activities = collect(data.tagged, data.ruleset)
    write_pages(out, activities, data)
    write_workbook(out / WORKBOOK, activities, data)

"""What ``argtag inspect`` shows: one plain-data description of the ingest, as JSON or as Indonesian text."""

from __future__ import annotations

from typing import Any

from argtag.errors import Finding, column_letter
from argtag.ingest import FileResult, Ingested
from argtag.ingest.fields import IGNORED
from argtag.ingest.result import LAYOUT_NAMES, SheetResult
from argtag.money import format_count, format_rupiah
from argtag.schema import SKIP_REASONS

MAX_LISTED = 20


def _finding(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "kode": f.code,
        "pesan": f.message,
        "saran": f.hint,
        "jumlah": f.count,
        "file": loc.file,
        "sheet": loc.sheet,
        "baris": loc.row,
        "kolom": loc.column,
    }


def _sheet(s: SheetResult) -> dict[str, Any]:
    header = s.header
    mismatches = [c for c in s.checks if not c.ok]
    columns = []
    if header is not None:
        columns = [
            {
                "column": column_letter(c.index + s.grid.first_col),
                "title": c.title,
                "field": None if c.field == IGNORED else c.field,
                "score": c.score,
                "via": c.via,
            }
            for c in header.columns
            if c.title
        ]
    return {
        "sheet": s.grid.sheet,
        "layout": s.layout,
        "header_rows": [r + 1 for r in header.rows] if header else [],
        "numbering_row": header.numbering_row + 1 if header and header.numbering_row is not None else None,
        "columns": columns,
        "tahun": sorted({y for y in s.lines["tahun"].to_list() if y is not None}) or s.info.tahun,
        "tahap": sorted({t for t in s.lines["tahap"].to_list() if t is not None}) or s.info.tahap,
        "lines": s.lines.height,
        "total": s.total,
        "rows": s.rows_total,
        "rows_in_lines": s.rows_in_lines,
        "skipped_rows": s.skipped.height,
        "skipped_by_reason": s.skipped_by_reason(),
        "unexplained_rows": s.rows_total - s.rows_in_lines - s.skipped.height,
        "checks": len(s.checks),
        "mismatches": [
            {
                "label": c.label,
                "baris": c.row,
                "tertulis": c.stated,
                "terhitung": c.computed,
                "selisih": c.computed - c.stated,
            }
            for c in mismatches
        ],
        "reconciled": s.reconciled,
        "findings": [_finding(f) for f in s.findings],
    }


def _file(f: FileResult) -> dict[str, Any]:
    return {**f.outline(), "sheets": [_sheet(s) for s in f.sheets], "findings": [_finding(x) for x in f.findings]}


def inspect_data(result: Ingested) -> dict[str, Any]:
    """The JSON object of ``argtag inspect --json``; keys ``files[].path/layout/lines/total/skipped_rows/
    reconciled``, ``lines`` and ``total`` are a stable contract."""
    return {
        "files": [_file(f) for f in result.files],
        "lines": result.lines.height,
        "total": result.total,
        "skipped_rows": result.skipped.height,
        "reconciled": all(f.reconciled for f in result.files),
        "findings": [_finding(f) for f in result.findings],
        "findings_across_files": [_finding(f) for f in result.across],
    }


def _reasons(counts: dict[str, int]) -> str:
    return ", ".join(f"{reason} {format_count(n)}" for reason, n in counts.items())


def _sheet_text(s: dict[str, Any]) -> list[str]:
    name = f"Sheet '{s['sheet']}'" if s["sheet"] is not None else "Isi CSV"
    out = [f"  {name}: {LAYOUT_NAMES[s['layout']]}"]
    if s["layout"] == "none":
        out.append(f"    {format_count(s['rows'])} baris dilewati (tidak dikenali sebagai data anggaran)")
        return out
    if s["header_rows"]:
        rows = ", ".join(str(r) for r in s["header_rows"])
        numbering = f"; penomoran kolom di baris {s['numbering_row']}" if s["numbering_row"] else ""
        out.append(f"    Judul kolom di baris {rows}{numbering}")
        out.append("    Pemetaan kolom (judul -> bidang data, skor kecocokan):")
        for c in s["columns"]:
            target = c["field"] or (
                "diabaikan"
                if c["via"] in ("sinonim", "fuzzy", "profil")
                else "duplikat, diabaikan"
                if c["via"] == "duplikat"
                else "tidak dikenali"
            )
            score = f" ({c['score']:.0f}, {c['via']})" if c["field"] else ""
            out.append(f"      {c['column']:>3} '{c['title']}' -> {target}{score}")
    out.append(f"    Tahun {_listed(s['tahun'])}, tahap {_listed(s['tahap'])}")
    out.append(
        f"    Baris anggaran: {format_count(s['lines'])} (dari {format_count(s['rows_in_lines'])} baris sumber);"
        f" total {format_rupiah(s['total'])}"
    )
    out.append(f"    Baris dilewati: {format_count(s['skipped_rows'])} ({_reasons(s['skipped_by_reason'])})")
    if s["unexplained_rows"]:
        out.append(f"    PERHATIAN: {format_count(s['unexplained_rows'])} baris tidak terjelaskan")
    if not s["mismatches"]:
        out.append(f"    Rekonsiliasi: {format_count(s['checks'])} pemeriksaan jumlah, semua cocok")
    else:
        out.append(f"    Rekonsiliasi: {len(s['mismatches'])} dari {format_count(s['checks'])} jumlah TIDAK cocok:")
        for m in s["mismatches"][:MAX_LISTED]:
            out.append(
                f"      baris {m['baris']} ({m['label']}): tertulis {format_rupiah(m['tertulis'])}, "
                f"terhitung {format_rupiah(m['terhitung'])}, selisih {format_rupiah(m['selisih'])}"
            )
    out += [f"    {_warning(f)}" for f in s["findings"]]
    return out


def _warning(f: dict[str, Any]) -> str:
    where = f" baris {f['baris']}" if f["baris"] else ""
    times = f" ({f['jumlah']} baris)" if f["jumlah"] > 1 else ""
    return f"Peringatan{where}: {f['pesan']}{times}"


def _where(finding: dict[str, Any]) -> str:
    """Where a finding of a file (not of one read sheet) points, e.g. ``sheet 'Tambahan'``."""
    return f"sheet '{finding['sheet']}'" if finding["sheet"] is not None else "berkas"


def _listed(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "tidak diketahui"
    return str(value) if value is not None else "tidak diketahui"


def inspect_text(data: dict[str, Any]) -> str:
    out: list[str] = []
    for f in data["files"]:
        out.append(f"Berkas: {f['path']}")
        for s in f["sheets"]:
            out += _sheet_text(s)
        out += [f"  Peringatan, {_where(x)}: {x['pesan']}" for x in f["findings"]]
        out.append("")
    if data["findings_across_files"]:
        out += [_warning(f) for f in data["findings_across_files"]] + [""]
    state = "semua cocok" if data["reconciled"] else "ADA SELISIH, lihat di atas"
    out.append(
        f"Ringkasan: {format_count(len(data['files']))} berkas, {format_count(data['lines'])} baris anggaran "
        f"(sub unit x sub kegiatan), total {format_rupiah(data['total'])}; "
        f"{format_count(data['skipped_rows'])} baris dilewati; rekonsiliasi: {state}."
    )
    present = {reason for f in data["files"] for s in f["sheets"] for reason in s["skipped_by_reason"]}
    legend = ", ".join(f"{k} = {v}" for k, v in SKIP_REASONS.items() if k in present)
    if legend:
        out.append(f"Alasan baris dilewati: {legend}.")
    return "\n".join(out)

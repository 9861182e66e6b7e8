"""GBS/PAG drafts, KAK skeletons and the per-PD workbook (argtag.report.gbs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from argtag.money import format_rupiah
from argtag.report import ReportData
from argtag.report.gbs import RUPIAH_FORMAT, write_gbs
from argtag.review import ReviewRequest, run_review
from argtag.rules.model import Rule, RuleSet
from argtag.schema import SKIPPED_SCHEMA
from tests.conftest import ROOT, SAMPLES

MOMENT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SAFE_PART = re.compile(r"[0-9A-Za-z._]+")
ANALYSIS_BLANKS = (
    "data terpilah perempuan dan laki-laki",
    "apakah perempuan dan laki-laki sama-sama dapat menjangkau",  # akses
    "keterlibatan perempuan dan laki-laki",  # partisipasi
    "penguasaan perempuan dan laki-laki",  # kontrol
    "siapa yang menikmati hasil",  # manfaat
    "penyebab di dalam PD",
    "penyebab di luar PD",
)
GBS_BLANKS = (
    *ANALYSIS_BLANKS,
    "indikator kinerja capaian program",
    "target capaian",
    "input tahap 1",
    "keluaran tahap 1",
    "hasil tahap 1",
    "perubahan yang diharapkan bagi perempuan dan laki-laki",
    "nama penanggung jawab kegiatan",
    "NIP penanggung jawab",
    "tempat, tanggal",
)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def marked(hint: str) -> str:
    return f"[diisi oleh PD: {hint}"


# ------------------------------------------------------------------------------------------ the real sample


@dataclass(frozen=True)
class Sample:
    data: ReportData
    gbs: Path
    expected: dict[tuple[str, str], int]  # (kode_skpd, kode_sub_kegiatan) -> summed ARG pagu


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    base = tmp_path_factory.mktemp("gbs")
    review = run_review(
        ReviewRequest(
            inputs=[SAMPLES / "2026"],
            rules=ROOT / "tests" / "fixtures" / "rules_mini",
            out=base / "report",
            generated_at=MOMENT.isoformat(),
        )
    )
    data = ReportData(review.tagged, review.ingested.skipped, review.summary, review.ruleset, MOMENT)
    write_gbs(base / "a", data)
    arg = review.tagged.filter(pl.col("status") == "arg")
    sums = arg.group_by("kode_skpd", "kode_sub_kegiatan").agg(pl.col("pagu").sum())
    expected = {(r["kode_skpd"], r["kode_sub_kegiatan"]): r["pagu"] for r in sums.iter_rows(named=True)}
    return Sample(data, base / "a" / "gbs", expected)


def test_one_draft_and_one_kak_per_arg_subkegiatan(sample: Sample) -> None:
    drafts = {p.relative_to(sample.gbs).as_posix() for p in sample.gbs.glob("*/*.html")}
    wanted = {f"{pd}/{sub}{suffix}.html" for pd, sub in sample.expected for suffix in ("", "_kak")}
    assert drafts == wanted
    assert len(sample.expected) == sample.data.summary["indikator"]["jumlah_subkegiatan_arg"]
    assert (sample.gbs / "index.html").is_file() and (sample.gbs / "gbs_pag.xlsx").is_file()


def test_draft_sums_subunits_and_prefills_from_budget_and_rule(sample: Sample) -> None:
    for (pd, sub), total in sample.expected.items():
        assert format_rupiah(total) in html(sample.gbs / pd / f"{sub}.html")
        assert format_rupiah(total) in html(sample.gbs / pd / f"{sub}_kak.html")
    # the same maternal-health sub-kegiatan on every Puskesmas of Dinas Kesehatan: one draft, summed
    page = html(sample.gbs / "1.02.0.00.0.00.01.0000" / "1.02.02.2.02.0001.html")
    for text in (
        "Dinas Kesehatan",
        "Tahun Anggaran",
        "2026",
        "1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN",
        "1.02.02.2.02 Penyediaan Layanan Kesehatan",
        "1.02.02.2.02.0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "Kebutuhan khusus perempuan: kesehatan maternal.",  # the rule's rationale
        "Aturan KES-IBU",
        "Kesehatan ibu hamil dan bersalin",  # the rule's title
        "uji",  # its reference
        "Khusus target gender",
        "Sosial",
        "Puskesmas Sukaresmi",
        "Rp 7.899.000",  # one sub-unit's share
        "Analisis Situasi",
        "Capaian Program",
        "Rencana Aksi",
        "Alokasi Anggaran",
        "Dampak/Hasil",
    ):
        assert text in page, text
    assert page.count('<tr><td class="label">1.02.0.00.0.00.01.00') == 27  # the sub-units listed
    # rules_mini has no gender_issue: the issue is a blank, like the analysis the PD writes
    for hint in ("isu/kesenjangan gender", *GBS_BLANKS):
        assert marked(hint) in page, hint
    assert 'class="blank"' in page and "@page" in page and "size: A4" in page
    assert "http" not in page and "<script" not in page  # self-contained


def test_sumber_dana_and_lokasi_prefilled_when_the_budget_has_them(sample: Sample) -> None:
    page = html(sample.gbs / "2.14.2.08.0.00.01.0000" / "2.08.02.2.01.0003.html")
    assert "DAU" in page and "Kabupaten Sukamaju" in page and "Pelembagaan kesetaraan gender (PUG)" in page
    assert marked("sumber dana]") not in page and marked("lokasi kegiatan]") not in page


def test_kak_skeleton(sample: Sample) -> None:
    page = html(sample.gbs / "1.02.0.00.0.00.01.0000" / "1.02.02.2.02.0001_kak.html")
    for section in ("Latar Belakang", "Maksud dan Tujuan", "Penerima Manfaat", "Metode Pelaksanaan", "Jadwal", "Biaya"):
        assert section in page, section
    assert "Kebutuhan khusus perempuan: kesehatan maternal." in page
    for hint in (*ANALYSIS_BLANKS, "maksud kegiatan", "kelompok sasaran", "cara pelaksanaan", "bulan pelaksanaan"):
        assert marked(hint) in page, hint
    assert 'href="1.02.02.2.02.0001.html"' in page and 'href="../index.html"' in page


def test_index_links_every_draft_grouped_by_pd(sample: Sample) -> None:
    page = html(sample.gbs / "index.html")
    for pd, sub in sample.expected:
        assert f'href="{pd}/{sub}.html"' in page and f'href="{pd}/{sub}_kak.html"' in page
    headings = re.findall(r"<h2>(\S+) ", page)
    assert headings == sorted({pd for pd, _ in sample.expected})
    assert format_rupiah(sum(sample.expected.values())) in page
    assert 'href="gbs_pag.xlsx"' in page


def test_workbook_one_sheet_per_pd_with_amounts(sample: Sample) -> None:
    wb = openpyxl.load_workbook(sample.gbs / "gbs_pag.xlsx")
    assert wb.sheetnames == sorted({pd for pd, _ in sample.expected})
    for title in wb.sheetnames:
        ws = wb[title]
        labels = [(r[0].value, r[1]) for r in ws.iter_rows(min_row=1) if r[0].value]
        blocks = [str(label) for label, _ in labels if str(label).startswith("Sub Kegiatan ")]
        subs = sorted(sub for pd, sub in sample.expected if pd == title)
        assert [b.split()[2] for b in blocks] == subs
        amounts = [cell for label, cell in labels if label == "Alokasi Anggaran: Jumlah"]
        assert [c.value for c in amounts] == [sample.expected[(title, s)] for s in subs]
        assert all(c.number_format == RUPIAH_FORMAT for c in amounts)
        values = [str(cell.value) for _, cell in labels if cell.value is not None]
        assert sum(v.startswith("[diisi oleh PD: ") for v in values) >= len(subs) * len(GBS_BLANKS)
        assert any(v.startswith("Kebutuhan khusus perempuan") or v.startswith("Pelembagaan") for v in values)


def test_same_data_same_bytes(sample: Sample, tmp_path: Path) -> None:
    write_gbs(tmp_path / "b", sample.data)
    shuffled = ReportData(
        sample.data.tagged.reverse(), sample.data.skipped, sample.data.summary, sample.data.ruleset, MOMENT
    )
    write_gbs(tmp_path / "c", shuffled)
    first = files(sample.gbs)
    assert first == files(tmp_path / "b" / "gbs")
    assert first == files(tmp_path / "c" / "gbs")  # the order of the lines does not matter


# ------------------------------------------------------------------------------------------ hand-built lines

RULE = Rule(
    id="R-1",
    title="Layanan <b>perempuan</b>",
    decision="arg",
    category="kesetaraan",
    bidang="ekonomi",
    targeting="targeted",
    status="stable",
    priority=50,
    rationale="Alasan aturan.",
    reference="Permen <X> 2024",
    gender_issue="Isu <i>gender</i> dari aturan.",
)
RULES = RuleSet(rules=(RULE,), abbreviations={}, bidang_map={}, digest="0" * 64)
SCRIPT = "<script>alert(1)</script>"


def line(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kode_skpd": "2.17.0.00.0.00.01.0000",
        "nama_skpd": "Dinas Koperasi",
        "kode_sub_unit": "2.17.0.00.0.00.01.0000",
        "nama_sub_unit": "Dinas Koperasi",
        "kode_sub_kegiatan": "2.17.07.2.01.0001",
        "nama_sub_kegiatan": "Pelatihan Usaha Perempuan",
        "pagu": 1_000_000,
        "status": "arg",
        "kategori": "kesetaraan",
        "bidang": "ekonomi",
        "aturan": "R-1",
        "bukti": "R-1: perempuan",
        "tahun": 2026,
        "kode_program": "2.17.07",
        "nama_program": "PROGRAM PEMBERDAYAAN USAHA",
        "kode_kegiatan": "2.17.07.2.01",
        "nama_kegiatan": "Pemberdayaan Usaha Mikro",
        "sumber_dana": "PAD",
        "lokasi": "Kabupaten X",
    }
    return base | values


def data_of(*lines: dict[str, Any]) -> ReportData:
    frame = pl.DataFrame(list(lines), schema_overrides={"pagu": pl.Int64, "tahun": pl.Int32}, infer_schema_length=None)
    return ReportData(frame, pl.DataFrame(schema=SKIPPED_SCHEMA), {}, RULES, MOMENT)


def test_names_are_escaped_and_file_names_safe(tmp_path: Path) -> None:
    data = data_of(
        line(nama_sub_kegiatan=SCRIPT, nama_skpd=f"Dinas {SCRIPT}"),
        line(kode_skpd="../../etc/[x]:*?\\passwd-dan-nama-yang-sangat-panjang-sekali", kode_sub_kegiatan="../evil"),
        line(kode_skpd=None, nama_skpd="Kecamatan <b>Utara</b>", kode_sub_kegiatan=None, nama_sub_kegiatan="=1+1"),
    )
    write_gbs(tmp_path, data)
    gbs = tmp_path / "gbs"
    written = sorted(p.relative_to(gbs).as_posix() for p in gbs.rglob("*") if p.is_file())
    assert all(p.resolve().is_relative_to(gbs.resolve()) for p in gbs.rglob("*"))
    assert all(SAFE_PART.fullmatch(part) for name in written for part in name.split("/")), written
    assert len([n for n in written if n.endswith(".html") and n != "index.html"]) == 6
    assert "2.17.0.00.0.00.01.0000/2.17.07.2.01.0001.html" in written
    assert "kecamatan_b_utara_b/1_1.html" in written  # no code: a safe name from the PD and sub-kegiatan name
    for path in gbs.rglob("*.html"):
        text = html(path)
        assert "<script" not in text and "<b>" not in text and "<i>" not in text, path
    page = html(gbs / "2.17.0.00.0.00.01.0000" / "2.17.07.2.01.0001.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Isu &lt;i&gt;gender&lt;/i&gt; dari aturan." in page and "Permen &lt;X&gt; 2024" in page
    assert "Kesetaraan gender (afirmasi)" in page and "Ekonomi" in page and "PAD" in page
    wb = openpyxl.load_workbook(gbs / "gbs_pag.xlsx")
    assert len(wb.sheetnames) == 3
    for title in wb.sheetnames:
        assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title), title
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=1+1" in cells and "=1+1" not in cells  # formula-like text defused


def test_sums_only_arg_lines_over_subunits(tmp_path: Path) -> None:
    data = data_of(
        line(kode_sub_unit="2.17.0.00.0.00.01.0001", nama_sub_unit="UPTD A", pagu=300),
        line(kode_sub_unit="2.17.0.00.0.00.01.0002", nama_sub_unit="UPTD B", pagu=1_234_000),
        line(kode_sub_unit="2.17.0.00.0.00.01.0003", nama_sub_unit="UPTD C", pagu=999, status="tinjau"),
        line(kode_sub_kegiatan="2.17.07.2.01.0002", status="bukan_arg"),
    )
    write_gbs(tmp_path, data)
    pd = tmp_path / "gbs" / "2.17.0.00.0.00.01.0000"
    assert sorted(p.name for p in pd.iterdir()) == ["2.17.07.2.01.0001.html", "2.17.07.2.01.0001_kak.html"]
    page = html(pd / "2.17.07.2.01.0001.html")
    assert "Rp 1.234.300" in page and "UPTD A" in page and "UPTD B" in page and "UPTD C" not in page
    ws = openpyxl.load_workbook(tmp_path / "gbs" / "gbs_pag.xlsx").active
    amounts = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value}
    assert amounts["Alokasi Anggaran: Jumlah"] == 1_234_300


def test_reviewer_decision_is_named(tmp_path: Path) -> None:
    reason = "Keputusan peninjau: menyasar perempuan pelaku UMKM (Sari, 2026-01-05)"
    data = data_of(line(aturan="peninjau", bukti=reason))
    write_gbs(tmp_path, data)
    page = html(tmp_path / "gbs" / "2.17.0.00.0.00.01.0000" / "2.17.07.2.01.0001.html")
    assert "Keputusan peninjau" in page and "menyasar perempuan pelaku UMKM (Sari, 2026-01-05)" in page
    assert marked("isu/kesenjangan gender") in page


def test_workbook_cells_keep_texts_amounts_and_styles(tmp_path: Path) -> None:
    odd = {"nama_sub_kegiatan": " Usaha & <Mikro> ", "lokasi": "#N/A", "sumber_dana": "-PAD"}
    data = data_of(
        line(**odd, nama_sub_unit="UPTD\nA"),
        line(**odd, kode_sub_unit="2.17.0.00.0.00.01.0002", nama_sub_unit="UPTD B", pagu=2_500),
    )
    write_gbs(tmp_path, data)
    ws = openpyxl.load_workbook(tmp_path / "gbs" / "gbs_pag.xlsx").active
    assert ws.dimensions == f"A1:B{ws.max_row}" and ws["A1"].style == "GBS judul"
    band = ws["A5"], ws["B5"]
    assert band[0].value == "Sub Kegiatan 2.17.07.2.01.0001  Usaha & <Mikro> "  # spaces kept, nothing escaped twice
    assert band[1].value is None and {c.style for c in band} == {"GBS sub kegiatan"}
    rows = [(a, b) for a, b in ws.iter_rows(min_row=6) if a.value]
    assert {a.style for a, _ in rows} == {"GBS label"} and len(rows) == ws.max_row - 5
    cells = {a.value: b for a, b in rows}
    assert cells["Sub Kegiatan: Lokasi"].value == "#N/A" and cells["Alokasi Anggaran: Sumber dana"].value == "'-PAD"
    units = {label: cell.value for label, cell in cells.items() if label.startswith("Sub Unit Pelaksana: ")}
    assert units == {
        "Sub Unit Pelaksana: 2.17.0.00.0.00.01.0000 UPTD\nA": 1_000_000,
        "Sub Unit Pelaksana: 2.17.0.00.0.00.01.0002 UPTD B": 2_500,
    }
    money = [b for _, b in rows if isinstance(b.value, int)]
    assert len(money) == 3 and {(b.style, b.number_format) for b in money} == {("GBS rupiah", RUPIAH_FORMAT)}
    blanks = [b for _, b in rows if str(b.value).startswith("[diisi oleh PD: ")]
    assert blanks and {b.style for b in blanks} == {"GBS isian PD"}
    assert {b.style for _, b in rows if b not in money and b not in blanks} == {"GBS teks"}


def test_no_arg_still_writes_index_and_workbook(tmp_path: Path) -> None:
    write_gbs(tmp_path, data_of(line(status="bukan_arg")))
    gbs = tmp_path / "gbs"
    assert sorted(p.name for p in gbs.iterdir()) == ["gbs_pag.xlsx", "index.html"]
    assert "Tidak ada sub kegiatan ARG" in html(gbs / "index.html")
    assert openpyxl.load_workbook(gbs / "gbs_pag.xlsx").sheetnames == ["GBS"]

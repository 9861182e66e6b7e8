"""The HTML report: golden summary and fragments on the samples, escaping, and a real headless browser."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from argtag.ingest.result import LAYOUT_NAMES, layout_text
from argtag.money import format_rupiah
from argtag.report.drill import drill_rows, highlight, marked_name
from argtag.report.html import INDEX
from argtag.rules.load import load_ruleset
from tests.conftest import ROOT, SAMPLES, Cell, check_golden, review_samples, run, write_xlsx

FIXED_TIME = "2026-11-28T00:00:00+00:00"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "laporan"
    review_samples(out, "--generated-at", FIXED_TIME)
    return out


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">.*?</section>', html, re.S)
    assert match, section_id
    return match.group(0)


def _relative(summary: dict[str, object]) -> str:
    """summary.json without the machine-specific input paths, for the golden copy."""
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    return text.replace(str(SAMPLES), "sample_rka") + "\n"


def test_golden_summary_and_fragments(report: Path, update_golden: bool) -> None:
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    check_golden("summary.json", _relative(summary), update_golden)
    html = (report / "index.html").read_text(encoding="utf-8")
    for section in ("ringkasan", "pemantauan", "tahun-lalu"):
        check_golden(f"index.{section}.html", _section(html, section) + "\n", update_golden)
    # one PD's drill-down: matched words marked, several sub-units, rules' notes
    dinkes = re.search(r'<details id="pd-1\.02\.0\.00\.0\.00\.01\.0000">.*?</details>', html, re.S)
    assert dinkes is not None
    check_golden("index.rincian-dinkes.html", dinkes.group(0) + "\n", update_golden)


def test_drill_rows_escape_mark_and_explain() -> None:
    ruleset = load_ruleset(ROOT / "tests" / "fixtures" / "rules_mini")
    items = pl.DataFrame(
        {
            "kode_skpd": ["1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0000"],
            "kode_sub_kegiatan": ["1.02.02.2.02.0001", None],
            "nama_sub_kegiatan": ["Pelayanan Kesehatan Ibu Hamil", "Dana <b>desa</b> & pemuda"],
            "status": ["arg", "bukan_arg"],
            "kategori": ["khusus", None],
            "bidang": ["sosial", "tidak_terpetakan"],
            "aturan": ["KES-IBU", "peninjau"],
            "bukti": ["KES-IBU: ibu hamil", "Keputusan peninjau: bukan <ARG>"],
            "diputuskan_oleh": ["aturan", "peninjau"],
            "pagu": [1234567, 5000],
            "sub_unit": [3, 1],
        }
    )
    rule = ruleset.by_id("KES-IBU")
    assert drill_rows(items, ruleset).to_list() == [
        '<tr class="st-arg"><td>1.02.02.2.02.0001 Pelayanan Kesehatan <mark>Ibu Hamil</mark>'
        ' <span class="small">(3 sub unit)</span></td>\n      <td>ARG &middot; khusus &middot; sosial</td>'
        '<td class="num">Rp 1.234.567</td>\n      <td>aturan<div class="rule"><strong>KES-IBU</strong> '
        f'{rule.title}<br><span class="small">{rule.rationale} Rujukan: uji</span></div></td></tr>',
        '<tr class="st-bukan_arg"><td> Dana &lt;b&gt;desa&lt;/b&gt; &amp; pemuda</td>\n      <td>Bukan ARG'
        ' &middot; tidak terpetakan</td><td class="num">Rp 5.000</td>\n      <td>keputusan peninjau'
        '<div class="rule">Keputusan peninjau: bukan &lt;ARG&gt;</div></td></tr>',
    ]


def test_report_is_self_contained(report: Path) -> None:
    html = (report / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@import" not in html and "url(" not in html
    assert '<html lang="id">' in html and "@media print" in html


def test_names_with_markup_render_as_text(tmp: Path) -> None:
    rows: list[list[Cell]] = [
        ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"],
        ["1.02.02.2.02.0001", "Pelayanan Ibu Hamil <script>alert(1)</script>", 1000],
        ["1.02.02.2.02.0002", '<img src=x onerror="alert(2)"> Layanan Perlindungan Anak', 2000],
    ]
    path = write_xlsx(tmp / "x.xlsx", rows)
    result = run(
        "review",
        str(path),
        "--year",
        "2026",
        "--rules",
        str(ROOT / "tests" / "fixtures" / "rules_mini"),
        "--out",
        "out",
    )
    assert result.exit_code == 0, result.output
    html = (tmp / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path) -> list[str]:
    """Headless chromium kept offline, with its own profile under ``tmp_path``."""
    return [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,2400",
        "--virtual-time-budget=3000",
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_browser_renders_offline_without_console_errors(report: Path, tmp_path: Path) -> None:
    page = (report / "index.html").resolve().as_uri()
    shot = tmp_path / "index.png"
    flags = _chromium(tmp_path)
    dom = subprocess.run([*flags, "--dump-dom", page], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    ind = summary["indikator"]
    percent = f"{ind['persen_arg_apbd']:.2f}".replace(".", ",") + " %"
    assert re.search(rf'id="persen-arg">{re.escape(percent)}<', dom.stdout)
    total = "Rp " + f"{ind['total_arg']:,}".replace(",", ".")
    assert f'id="total-arg">{total}<' in dom.stdout
    assert f'id="jumlah-subkegiatan-arg">{ind["jumlah_subkegiatan_arg"]}<' in dom.stdout
    subprocess.run([*flags, f"--screenshot={shot}", page], capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    shutil.copy(shot, report.parent / "index.png")  # kept beside the report for a human look


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None, reason="chromium or pdftotext is not installed")
def test_printed_tables_keep_their_last_columns(report: Path, tmp_path: Path) -> None:
    """Printed on A4 (drill-downs opened by the page's script), no table loses its right-hand columns."""
    pdf = tmp_path / "index.pdf"
    page = (report / "index.html").resolve().as_uri()
    printed = subprocess.run(
        [*_chromium(tmp_path), f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert printed.returncode == 0 and pdf.is_file(), printed.stderr[-2000:]
    layout = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    lines = [" ".join(line.split()) for line in layout.stdout.splitlines()]
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    for pd in summary["per_pd"]:
        # the PD table's row: code first, then (on the same line) Tinjau and Baris sub unit last
        tail = f"{format_rupiah(pd['tinjau'])} {pd['baris']}"
        assert any(line.startswith(pd["kode_skpd"]) and line.endswith(tail) for line in lines), (pd["kode_skpd"], tail)
    words = " ".join(lines)
    for header in ("Tinjau", "Baris sub", "Rekonsiliasi", "SHA-256", "Dasar keputusan", "Aksi korektif"):
        assert header in words, header
    # the page is printed at full size (a layout wider than the page makes chromium shrink every page)
    boxes = subprocess.run(
        [str(PDFTOTEXT), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    title = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Ringkasan<', boxes.stdout)
    assert title is not None
    assert float(title.group(2)) - float(title.group(1)) > 16  # the h2's 1.5em of 10pt, unscaled


def test_layouts_are_named_in_indonesian(report: Path) -> None:
    quality = _section((report / "index.html").read_text(encoding="utf-8"), "kualitas")
    assert "<td>tabel datar per rekening (dijumlahkan ke sub kegiatan)</td>" in quality
    assert "<td>rekapitulasi berjenjang (urusan s.d. sub kegiatan, dengan subtotal)</td>" in quality
    assert not re.search(r"<td>(flat|flat_account|recap|detail|none)(\+\w+)*</td>", quality)
    assert layout_text("flat+recap") == "tabel datar per sub kegiatan; " + LAYOUT_NAMES["recap"]


def test_unknown_pd_is_worded_not_none(tmp: Path) -> None:
    rows: list[list[Cell]] = [
        ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"],
        ["1.02.02.2.02.0001", "Pelayanan Ibu Hamil", 1000],
        ["1.02.02.2.02.0002", "Layanan Perlindungan Anak", 2000],
    ]
    path = write_xlsx(tmp / "x.xlsx", rows)
    rules = str(ROOT / "tests" / "fixtures" / "rules_mini")
    result = run("review", str(path), "--year", "2026", "--rules", rules, "--out", "out")
    assert result.exit_code == 0, result.output
    html = (tmp / "out" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\bNone\b", html)
    pd_table = _section(html, "pd")
    assert '<td>(kode tidak diketahui)</td><td><a href="#pd-tanpa-kode">(PD tidak diketahui)</a></td>' in pd_table
    assert '<details id="pd-tanpa-kode"><summary>(kode tidak diketahui) (PD tidak diketahui): ' in html
    assert "<h2>(PD tidak diketahui)</h2>" in (tmp / "out" / "gbs" / "index.html").read_text(encoding="utf-8")
    # a value no template line words still never reads as Python's None
    assert INDEX.environment.from_string("{{ x }}").render(x=None) == "tidak diketahui"


def test_overlapping_and_touching_matches_are_one_mark() -> None:
    evidence = "KES-IBU-MATERNAL: ibu hamil, kesehatan ibu"
    assert highlight("Pengelolaan Pelayanan Kesehatan Ibu Hamil", evidence) == [
        ("Pengelolaan Pelayanan ", False),
        ("Kesehatan Ibu Hamil", True),
    ]
    assert highlight("Kader BKB-PKK Desa", "X: bkb-, pkk") == [("Kader ", False), ("BKB-PKK", True), (" Desa", False)]
    # words apart stay apart; the longest word wins where two start together
    assert highlight("Ibu hamil dan ibu menyusui", "X: ibu, ibu hamil | Y: menyusui") == [
        ("Ibu hamil", True),
        (" dan ", False),
        ("ibu", True),
        (" ", False),
        ("menyusui", True),
    ]
    assert marked_name("Kesehatan Ibu Hamil <b>", evidence) == "<mark>Kesehatan Ibu Hamil</mark> &lt;b&gt;"


CLICKS = """<script>
function firstAfterClick(column) {
  document.querySelectorAll("#tabel-pd th")[column].click();
  return document.querySelector("#tabel-pd tbody tr").cells[column].textContent;
}
var sorted = [firstAfterClick(0), firstAfterClick(0), firstAfterClick(1), firstAfterClick(3), firstAfterClick(3)];
document.body.setAttribute("data-sorted", JSON.stringify(sorted));
</script>
</body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_first_click_sorts_text_a_to_z_and_money_largest_first(report: Path, tmp_path: Path) -> None:
    page = tmp_path / "klik.html"
    page.write_text((report / "index.html").read_text(encoding="utf-8").replace("</body>", CLICKS), encoding="utf-8")
    dom = subprocess.run(
        [*_chromium(tmp_path), "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    sorted_attr = re.search(r'data-sorted="([^"]*)"', dom.stdout)
    assert sorted_attr is not None, dom.stderr[-2000:]
    kode, kode_again, nama, arg, arg_again = json.loads(html_lib.unescape(sorted_attr.group(1)))
    per_pd = json.loads((report / "summary.json").read_text(encoding="utf-8"))["per_pd"]
    codes = sorted(r["kode_skpd"] for r in per_pd)
    assert (kode, kode_again) == (codes[0], codes[-1])  # A to Z, then Z to A
    assert nama == min((r["nama_skpd"] for r in per_pd), key=str.casefold)
    amounts = sorted(r["arg"] for r in per_pd)
    assert (arg, arg_again) == (format_rupiah(amounts[-1]), format_rupiah(amounts[0]))  # largest first


def test_a_changed_tag_is_worded(tmp: Path) -> None:
    """The year-on-year 'Tag berubah' table says ARG / Bukan ARG, not the status codes."""
    rules = str(ROOT / "tests" / "fixtures" / "rules_mini")
    header: list[Cell] = ["Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
    pd: list[Cell] = ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan"]
    old = write_xlsx(tmp / "2025.xlsx", [header, [*pd, "1.02.02.2.02.0001", "Pelayanan Ibu Hamil", 1000]])
    new = write_xlsx(tmp / "2026.xlsx", [header, [*pd, "1.02.02.2.02.0001", "Pelayanan Kesehatan Umum", 1000]])
    result = run("review", str(new), "--previous", str(old), "--rules", rules, "--out", "out")
    assert result.exit_code == 0, result.output
    changed = _section((tmp / "out" / "index.html").read_text(encoding="utf-8"), "tahun-lalu")
    assert "<td>ARG (Rp 1.000)</td><td>Bukan ARG</td>" in changed, changed


def test_the_generation_time_keeps_its_offset(tmp: Path) -> None:
    """--generated-at with an offset is printed as given, not as that clock labelled UTC."""
    rows: list[list[Cell]] = [["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"], ["1.02.02.2.02.0001", "KB", 1]]
    path = write_xlsx(tmp / "x.xlsx", rows)
    result = run("review", str(path), "--year", "2026", "--generated-at", "2026-11-29T08:00:00+07:00", "--out", "o")
    assert result.exit_code == 0, result.output
    html = (tmp / "o" / "index.html").read_text(encoding="utf-8")
    assert "29-11-2026 08:00 UTC+07:00" in html and "08:00 UTC<" not in html

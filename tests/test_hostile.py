"""Hostile and broken inputs: every one gets a clear Indonesian message or warning, never a traceback.

``test_outcome_table`` runs the whole list through the real CLI and prints the outcome table
(input -> exit status, message) that the issue asks for; run with ``-s`` to see it.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from argtag.errors import ArgtagError, Location
from argtag.ingest.grid import _load_sheet
from tests.conftest import Cell, inspect_json, run, write_xlsx

HEADER: list[Cell] = ["Tahun", "Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
PD = "1.02.0.00.0.00.01.0000"


def _budget(path: Path, rows: list[list[Cell]]) -> Path:
    return write_xlsx(path, [HEADER, *rows])


def _styled_empty_rows(path: Path, count: int = 1_000_000) -> Path:
    """A real workbook whose sheet XML carries a million empty styled rows after the data."""
    _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    empty = "".join(f'<row r="{n}" s="1" customFormat="1" ht="15" customHeight="1"/>' for n in range(3, count + 3))
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", empty + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _zip_bomb(path: Path) -> Path:
    _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/bomb.bin", b"\0" * 30_000_000)
    return path


def _absurd_dimension(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEADER, [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]]:
        ws.append(row)
    ws["XFD1048576"] = " "  # a stray space in the last cell of the sheet
    wb.save(path)
    return path


def _hidden_absurd_sheet(path: Path) -> Path:
    """A visible budget sheet and a hidden one reaching the sheet's far corner: the hidden one is never read."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEADER, [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]]:
        ws.append(row)
    hidden = wb.create_sheet("Lama")
    hidden.append(HEADER)
    hidden["XFD1048576"] = " "
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(path: Path, rows: list[list[Cell]], far_cell: bool) -> Path:
    """A minimal OpenDocument spreadsheet; ``far_cell`` puts a text in its last row and column."""

    def cell(value: object) -> str:
        kind = (
            f'office:value-type="float" office:value="{value}"'
            if isinstance(value, int)
            else 'office:value-type="string"'
        )
        return f"<table:table-cell {kind}><text:p>{value}</text:p></table:table-cell>"

    body = "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>" for row in rows)
    if far_cell:
        repeat = 1_048_576 - len(rows) - 1
        body += (
            f'<table:table-row table:number-rows-repeated="{repeat}"><table:table-cell/></table:table-row>'
            f'<table:table-row><table:table-cell table:number-columns-repeated="16383"/>{cell("x")}</table:table-row>'
        )
    spaces = " ".join(f'xmlns:{n}="urn:oasis:names:tc:opendocument:xmlns:{n}:1.0"' for n in ("office", "table", "text"))
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {spaces} office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Sheet1">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    with zipfile.ZipFile(path.with_suffix(".ods"), "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
    return path.with_suffix(".ods")


def _ods_far_cell(path: Path) -> Path:
    return _ods(path, [HEADER, [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]], far_cell=True)


def _ods_plain(path: Path) -> Path:
    return _ods(path, [HEADER, [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]], far_cell=False)


def _formatted_columns(path: Path) -> Path:
    """<dimension> claims the whole sheet (formatting on whole columns), but the cells are few."""
    _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _header_only(path: Path) -> Path:
    return _budget(path, [])


def _text_amount(path: Path) -> Path:
    return _budget(
        path,
        [
            [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", "satu juta"],
            [2026, PD, "Dinkes", "1.02.02.2.02.0002", "Pelayanan Ibu Hamil", 500],
        ],
    )


def _duplicates(path: Path) -> Path:
    row: list[Cell] = [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]
    return _budget(path, [row, row])


def _negative(path: Path) -> Path:
    return _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", "(1.000)"]])


def _two_years(path: Path) -> Path:
    return _budget(
        path,
        [
            [2025, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000],
            [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1200],
        ],
    )


def _formula(path: Path) -> Path:
    return _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", "=1000*2"]])


def _truncated(path: Path) -> Path:
    whole = io.BytesIO()
    _budget(path, [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1000]])
    whole.write(path.read_bytes())
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) * 2 // 3])
    return path


def _encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    return path


def _not_zip(path: Path) -> Path:
    path.write_text("<html>ini halaman login SIPD</html>", encoding="utf-8")
    return path


def _html_as_xls(path: Path) -> Path:
    """An HTML table downloaded as an "Excel" .xls, with a BOM and a blank line before the markup."""
    table = "<table><tr><td>Kode</td><td>Pagu</td></tr><tr><td>1.02.02.2.02.0001</td><td>1.000</td></tr></table>"
    path.with_suffix(".xls").write_text(f"\ufeff\n  <!DOCTYPE html><html><body>{table}</body></html>", "utf-8")
    return path.with_suffix(".xls")


def _garbage_xls(path: Path) -> Path:
    path.with_suffix(".xls").write_bytes(b"bukan berkas Excel sama sekali" * 10)
    return path.with_suffix(".xls")


def _empty(path: Path) -> Path:
    openpyxl.Workbook().save(path)
    return path


def _binary_csv(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 40)
    return path


Case = tuple[str, Callable[[Path], Path], list[str], int, str]
CASES: list[Case] = [
    ("zip terpotong", _truncated, [], 2, "rusak atau terpotong"),
    ("bukan zip bernama .xlsx", _not_zip, [], 2, "bukan berkas Excel (.xlsx) yang sah"),
    ("buku kerja kosong", _empty, [], 2, "berkas kosong"),
    ("hanya judul kolom", _header_only, [], 0, "tabel dikenali tetapi tidak memuat baris anggaran"),
    ("xlsx terenkripsi", _encrypted, [], 2, "terenkripsi/dilindungi kata sandi"),
    ("HTML disimpan sebagai .xls", _html_as_xls, [], 2, "halaman web (HTML) yang disimpan dengan ekstensi Excel"),
    ("xls rusak", _garbage_xls, [], 2, "berkas Excel tidak dapat dibaca: isinya rusak atau bukan format Excel"),
    (
        "sel terisi di pojok terjauh sheet",
        _absurd_dimension,
        [],
        2,
        "ukuran sheet tidak wajar (1.048.576 baris x 16.384",
    ),
    ("sheet tersembunyi berukuran tidak wajar", _hidden_absurd_sheet, [], 0, "Baris anggaran: 1"),
    ("ods biasa", _ods_plain, [], 0, "Baris anggaran: 1"),
    ("ods dengan sel di pojok terjauh", _ods_far_cell, [], 2, "ukuran sheet tidak wajar (17.179.852.800 sel)"),
    ("dimensi sheet membengkak karena format", _formatted_columns, [], 0, "Baris anggaran: 1"),
    ("sejuta baris kosong bergaya", _styled_empty_rows, [], 0, "Baris anggaran: 1"),
    ("zip bomb", _zip_bomb, ["--max-megabytes", "20"], 2, "kemungkinan berkas rusak atau 'zip bomb'"),
    ("baris melebihi batas", _two_years, ["--max-rows", "2"], 2, "terlalu banyak baris"),
    ("teks di kolom nilai", _text_amount, [], 0, "nilai anggaran bukan angka atau melebihi Rp"),
    ("baris ganda", _duplicates, [], 0, "muncul lebih dari sekali"),
    ("nilai negatif", _negative, [], 0, "nilai negatif"),
    ("beberapa tahun dalam satu berkas", _two_years, [], 0, "berkas memuat beberapa tahun anggaran: 2025, 2026"),
    ("rumus tanpa nilai tersimpan", _formula, [], 2, "sel F2 berisi rumus tanpa nilai tersimpan"),
    ("CSV berisi biner", _binary_csv, [], 2, "bukan teks CSV"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp: Path, case: Case) -> None:
    name, make, flags, status, expected = case
    suffix = ".csv" if "CSV" in name else ".xlsx"
    path = make(tmp / f"masukan{suffix}")
    result = run("inspect", *flags, str(path))
    output = result.stdout + result.stderr
    assert result.exit_code == status, output
    assert expected in output, output
    assert "Traceback" not in output
    if status == 2:
        assert result.stderr.startswith("Galat: ") and "Saran: " in result.stderr
        assert "Error" not in result.stderr  # no library class name (CalamineError) in a user message


def test_outcome_table(tmp: Path) -> None:
    """The same cases through a real subprocess; prints the table and counts tracebacks (must be zero)."""
    tracebacks = 0
    lines = ["| masukan | status keluar | pesan |", "|---|---|---|"]
    for name, make, flags, _, _ in CASES:
        suffix = ".csv" if "CSV" in name else ".xlsx"
        path = make(tmp / f"t_{len(lines)}{suffix}")
        proc = subprocess.run(
            [sys.executable, "-c", "from argtag.cli import run; run()", "inspect", *flags, str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        tracebacks += "Traceback" in proc.stdout + proc.stderr
        out_lines = [ln.strip() for ln in proc.stdout.splitlines()]
        warnings = [ln for ln in out_lines if ln.startswith("Peringatan")]
        counts = [ln for ln in out_lines if ln.startswith("Baris anggaran")]
        message = proc.stderr.splitlines()[0] if proc.stderr else (warnings or counts or [""])[0]
        lines.append(f"| {name} | {proc.returncode} | {message.replace('|', '/')[:150]} |")
    print("\n".join(lines))
    print(f"traceback: {tracebacks}")
    assert tracebacks == 0


def test_failed_report_leaves_previous_report_intact(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argtag.review

    path = _budget(tmp / "a.xlsx", [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan Ibu Hamil", 1000]])
    rules = str(Path(__file__).parent / "fixtures" / "rules_mini")
    assert run("review", str(path), "--rules", rules, "--out", "laporan").exit_code == 0
    before = {p.relative_to(tmp): p.read_bytes() for p in (tmp / "laporan").rglob("*") if p.is_file()}

    def broken(folder: Path, data: object) -> None:
        (folder / "setengah.html").write_text("<html>", encoding="utf-8")
        raise OSError("disk penuh")

    writers = argtag.review.report_writers
    monkeypatch.setattr(argtag.review, "report_writers", lambda: [*writers(), broken])
    result = run("review", str(path), "--rules", rules, "--out", "laporan")
    assert result.exit_code == 2 and "disk penuh" in result.stderr
    assert {p.relative_to(tmp): p.read_bytes() for p in (tmp / "laporan").rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp.iterdir() if p.name.startswith(".laporan")] == []


def test_out_never_replaces_a_folder_that_is_not_an_argtag_report(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--out pointing at the user's own folder (their exports, a note) is refused before any work, and nothing in
    it is touched; an empty folder or an earlier report is taken."""
    rules = str(Path(__file__).parent / "fixtures" / "rules_mini")
    victim = tmp / "kerja"
    (victim / "data").mkdir(parents=True)
    _budget(victim / "data" / "a.xlsx", [[2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan Ibu Hamil", 1000]])
    (victim / "catatan.txt").write_text("penting", encoding="utf-8")
    before = {p.relative_to(tmp): p.read_bytes() for p in victim.rglob("*") if p.is_file()}
    for out in (str(victim), "."):
        monkeypatch.chdir(victim if out == "." else tmp)
        result = run("review", "data" if out == "." else str(victim / "data"), "--rules", rules, "--out", out)
        assert result.exit_code == 2, result.output
        assert "folder laporan sudah ada dan berisi berkas lain; argtag hanya menimpa folder laporannya sendiri" in (
            result.stderr
        )
        assert "Traceback" not in result.stderr and "ValueError" not in result.stderr
        assert {p.relative_to(tmp): p.read_bytes() for p in victim.rglob("*") if p.is_file()} == before
    monkeypatch.chdir(tmp)
    (tmp / "kosong").mkdir()
    for _ in range(2):  # an empty folder, then the report written there the first time
        assert run("review", str(victim / "data"), "--rules", rules, "--out", "kosong").exit_code == 0
    assert (tmp / "kosong" / "summary.json").is_file()


def test_control_characters_in_names_are_dropped_everywhere(tmp: Path) -> None:
    """A stray control character (XML and Excel refuse them) in an ARG name reaches no report file."""
    rows = ["tahun;kode_skpd;nama_skpd;kode_sub_giat;nama_sub_giat;pagu", f"2026;{PD};Dinas\x02 Kesehatan;"]
    rows[1] += "1.02.02.2.02.0001;Pelayanan Ibu\x01 Hamil;1.000.000"
    (tmp / "rka.csv").write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    rules = str(Path(__file__).parent / "fixtures" / "rules_mini")
    result = run("review", "rka.csv", "--rules", rules, "--out", "laporan")
    assert result.exit_code == 0, result.output
    tagged = (tmp / "laporan" / "tagged.csv").read_text(encoding="utf-8")
    assert "Pelayanan Ibu Hamil" in tagged and "Dinas Kesehatan" in tagged
    gbs = openpyxl.load_workbook(tmp / "laporan" / "gbs" / "gbs_pag.xlsx")
    texts = [c.value for ws in gbs for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Pelayanan Ibu Hamil" in t for t in texts)
    for path in (tmp / "laporan").rglob("*"):
        if path.suffix in (".csv", ".html", ".json"):
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_text(encoding="utf-8")), path


def test_gbs_workbook_drops_control_characters_it_is_given() -> None:
    """The writers clean their cells themselves too (review.xlsx and gbs_pag.xlsx alike), whatever the lines."""
    from argtag.report.gbs_xlsx import _text_xml

    assert _text_xml("Ibu\x01 Hamil") == ' t="inlineStr"><is><t>Ibu Hamil</t></is></c>'
    assert _text_xml("=1+1") == ' t="inlineStr"><is><t>\'=1+1</t></is></c>'


def _visible_and_hidden(path: Path, visible_rows: list[list[Cell]]) -> Path:
    """Sheet 'Data' (visible, ``visible_rows``) and sheet 'Tambahan' (hidden, 2 more budget lines)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in visible_rows:
        ws.append(row)
    hidden = wb.create_sheet("Tambahan")
    hidden_rows: list[list[Cell]] = [
        HEADER,
        [2026, PD, "Dinkes", "1.02.02.2.02.0002", "Pelayanan Ibu Hamil", 2_000],
        [2026, PD, "Dinkes", "1.02.02.2.02.0003", "Pelayanan Lansia", 3_000],
    ]
    for hidden_row in hidden_rows:
        hidden.append(hidden_row)
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_hidden_sheet_is_a_finding_of_its_file(tmp: Path) -> None:
    """A hidden sheet stays unread, but is reported in inspect (text and --json) and in the report's findings."""
    path = _visible_and_hidden(
        tmp / "rka.xlsx", [HEADER, [2026, PD, "Dinkes", "1.02.02.2.02.0001", "Pelayanan KB", 1_000]]
    )
    data = inspect_json(path)
    assert (data["lines"], data["total"]) == (1, 1_000)
    assert [s["sheet"] for s in data["files"][0]["sheets"]] == ["Data"]
    expected = {"kode": "sheet_tersembunyi", "pesan": "sheet tersembunyi dan tidak dibaca", "sheet": "Tambahan"}
    for found in (data["files"][0]["findings"], data["findings"]):
        assert [{k: f[k] for k in expected} for f in found] == [expected]
        assert "Unhide" in found[0]["saran"]
    assert "Peringatan, sheet 'Tambahan': sheet tersembunyi dan tidak dibaca" in run("inspect", str(path)).stdout
    rules = str(Path(__file__).parent / "fixtures" / "rules_mini")
    assert run("review", str(path), "--rules", rules, "--out", "laporan").exit_code == 0
    summary = json.loads((tmp / "laporan" / "summary.json").read_text(encoding="utf-8"))
    assert summary["kualitas_data"]["temuan"] == [
        {
            "kode": "sheet_tersembunyi",
            "pesan": "sheet tersembunyi dan tidak dibaca",
            "lokasi": "rka.xlsx, sheet 'Tambahan'",
            "jumlah": 1,
        }
    ]
    assert "rka.xlsx, sheet &#39;Tambahan&#39;: sheet tersembunyi" in (tmp / "laporan" / "index.html").read_text(
        "utf-8"
    )


def test_only_a_hidden_sheet_holds_the_budget(tmp: Path) -> None:
    """The visible sheet is empty: the file is refused as empty, and the hint names the hidden sheet."""
    result = run("inspect", str(_visible_and_hidden(tmp / "rka.xlsx", [])))
    assert result.exit_code == 2
    assert "sheet tersembunyi yang tidak dibaca ('Tambahan')" in result.stderr and "Unhide" in result.stderr


def test_a_sheet_the_excel_reader_fails_on_is_explained_without_the_readers_words() -> None:
    """The reader's own exception (English, a class name) stays out of the message; --debug shows it."""

    class Failing:
        def load_sheet(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("CalamineError: unsupported BIFF record 0x0862")

    with pytest.raises(ArgtagError) as caught:
        _load_sheet(Failing(), "Data", Location("rka.xls", "Data"))  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("rka.xls, sheet 'Data': sheet tidak dapat dibaca: isinya rusak")
    assert "Error" not in message and "BIFF" not in message and "argtag --debug" in caught.value.hint

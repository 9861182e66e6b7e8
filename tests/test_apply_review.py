"""argtag apply-review: review.xlsx decisions -> overrides TOML -> the next review honours them.

Real workbooks (written by the report writer from a review of the 2026 sample), edited with openpyxl as a
user would in Excel, and the real CLI.
"""

from __future__ import annotations

import csv
import json
import shutil
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from argtag.apply_review import CHOICES_HINT, apply_review, normalize_choice, parse_choice, toml_string
from argtag.classify.overrides import load_overrides
from argtag.report.workbook import KEY, write_review_workbook
from tests.conftest import SAMPLES, run
from tests.test_workbook import FIXED_TIME, RULES, sample_data

TODAY = date(2026, 11, 28)
Row = dict[str, Any]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """review.xlsx of part of the 2026 sample (the review queue, the lines of a sub kegiatan on several
    sub units, some others), written once; each test works on a copy."""
    folder = tmp_path_factory.mktemp("base")
    data = sample_data(folder / "out")
    lines = data.tagged
    shared = lines.group_by(KEY).len().filter(pl.col("len") >= 2).sort(KEY).head(1).select(KEY)
    part = pl.concat(
        [
            lines.filter(pl.col("status") == "tinjau"),
            lines.join(shared, on=KEY),
            lines.filter(pl.col("status") != "tinjau").head(20),
        ]
    ).unique(maintain_order=True)
    write_review_workbook(folder, replace(data, tagged=part))
    return folder / "review.xlsx"


@pytest.fixture
def book(base: Path, tmp: Path) -> Path:
    return Path(shutil.copy(base, tmp / "review.xlsx"))


# ---------------------------------------------------------------- helpers


def rows(path: Path) -> list[Row]:
    """Tinjauan rows as dicts by header, with their sheet row number under '_row'."""
    ws = openpyxl.load_workbook(path, read_only=True)["Tinjauan"]
    values = list(ws.iter_rows(values_only=True))
    return [{"_row": n, **dict(zip(values[0], r, strict=True))} for n, r in enumerate(values[1:], start=2)]


def fill(path: Path, cells: dict[int, tuple[Any, str | None]]) -> None:
    """Type Keputusan (and Alasan) into sheet rows, as a user would, and save."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Tinjauan"]
    headers = [c.value for c in ws[1]]
    for row, (decision, reason) in cells.items():
        ws.cell(row, headers.index("Keputusan") + 1).value = decision
        ws.cell(row, headers.index("Alasan") + 1).value = reason
    wb.save(path)


def first(path: Path | list[Row], status: str, similar: int = 1) -> Row:
    """The first line with this status whose key (PD, sub kegiatan, year) covers ``similar`` lines."""
    table = rows(path) if isinstance(path, Path) else path
    return next(r for r in table if r["Status"] == status and r["Baris Serupa"] == similar)


def key(row: Row) -> tuple[str, str, int]:
    return (row["Kode SKPD"], row["Kode Sub Kegiatan"], row["Tahun"])


def review(out: Path, *extra: str) -> dict[str, Any]:
    result = run(
        "review", str(SAMPLES / "2026"), "--rules", str(RULES), "--out", str(out), "--generated-at", FIXED_TIME, *extra
    )
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return summary


def tagged(out: Path) -> list[dict[str, str]]:
    with (out / "tagged.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- the round trip


def _line(out: Path, row: Row) -> dict[str, str]:
    (line,) = [
        r
        for r in tagged(out)
        if (r["kode_skpd"], r["kode_sub_unit"], r["kode_sub_kegiatan"])
        == (row["Kode SKPD"], row["Kode Sub Unit"], row["Kode Sub Kegiatan"])
    ]
    return line


def test_round_trip_review_apply_review(tmp: Path) -> None:
    """A `tinjau` and a `bukan_arg` line (each alone under its key) decided ARG in review.xlsx become ARG."""
    before = review(tmp / "out1")
    workbook = tmp / "out1" / "review.xlsx"
    table = rows(workbook)
    queued, plain = first(table, "tinjau"), first(table, "bukan_arg")
    fill(workbook, {queued["_row"]: ("ARG - khusus", "sasaran ibu balita"), plain["_row"]: ("ARG - kesetaraan", None)})

    applied = run("apply-review", str(workbook), "--overrides", "keputusan.toml")
    assert applied.exit_code == 0, applied.output
    assert "2 keputusan ditambahkan, 0 diubah" in applied.stdout and "0 konflik" in applied.stdout
    assert "Keputusan ditulis ke: keputusan.toml" in applied.stdout
    overrides = {(o.pd, o.code, o.year): o for o in load_overrides(tmp / "keputusan.toml")}
    assert set(overrides) == {key(queued), key(plain)}
    got = overrides[key(queued)]
    assert (got.decision, got.category, got.reason) == ("arg", "khusus", "sasaran ibu balita")

    after = review(tmp / "out2", "--overrides", "keputusan.toml")
    now = _line(tmp / "out2", queued)
    assert (now["status"], now["kategori"], now["diputuskan_oleh"]) == ("arg", "khusus", "peninjau")
    assert "sasaran ibu balita" in now["bukti"]
    assert _line(tmp / "out1", plain)["status"] == "bukan_arg"
    assert _line(tmp / "out2", plain)["status"] == "arg"
    grown = after["indikator"]["total_arg"] - before["indikator"]["total_arg"]
    assert grown == queued["Pagu"] + plain["Pagu"]
    assert after["kualitas_data"]["keputusan_peninjau_usang"] == []
    again = next(r for r in rows(tmp / "out2" / "review.xlsx") if key(r) == key(queued))
    assert (again["Status"], again["Aturan"], again["Keputusan"]) == ("arg", "peninjau", None)


# ---------------------------------------------------------------- validation


def test_invalid_keputusan_names_the_cell_and_writes_nothing(book: Path, tmp: Path) -> None:
    line = first(book, "tinjau")
    fill(book, {line["_row"]: ("ARG khususs", None)})
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 2, result.output
    expected = (
        f"Galat: review.xlsx, sheet 'Tinjauan', baris {line['_row']}, kolom 'Keputusan': 'ARG khususs' bukan pilihan"
    )
    assert result.stderr.startswith(expected), result.stderr
    assert "Saran: Pilihan yang sah: ARG - khusus, ARG - kesetaraan, ARG - pelembagaan, Bukan ARG" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp / "keputusan.toml").exists()


def test_all_invalid_cells_listed_and_existing_file_untouched(book: Path, tmp: Path) -> None:
    original = '[[override]]\ncode = "9.99"\ndecision = "bukan_arg"\nreason = "lama"\n'
    (tmp / "keputusan.toml").write_text(original, encoding="utf-8")
    good, bad1, bad2 = rows(book)[:3]
    fill(book, {good["_row"]: ("Bukan ARG", None), bad1["_row"]: ("ARG", None), bad2["_row"]: (5, None)})
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 2
    assert "2 isian tidak sah; berkas keputusan tidak diubah" in result.stderr
    assert f"baris {bad1['_row']}, kolom 'Keputusan': 'ARG' bukan pilihan yang sah" in result.stderr
    assert f"baris {bad2['_row']}, kolom 'Keputusan': '5' bukan pilihan yang sah" in result.stderr
    # one hint, each sentence once: the ARG row's hint already holds the choices the other row needs
    hint = [ln for ln in result.stderr.splitlines() if ln.startswith("Saran: ")]
    assert hint == [f"Saran: Keputusan ARG perlu kategorinya. {CHOICES_HINT}"], result.stderr
    assert (tmp / "keputusan.toml").read_text(encoding="utf-8") == original
    assert not (tmp / "keputusan.toml.bak").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ARG - khusus", ("arg", "khusus")),
        ("arg-khusus", ("arg", "khusus")),
        ("ARG – Khusus", ("arg", "khusus")),
        ("  arg   kesetaraan ", ("arg", "kesetaraan")),
        ("ARG_PELEMBAGAAN", ("arg", "pelembagaan")),
        ("bukan arg", ("bukan_arg", None)),
        ("Bukan ARG", ("bukan_arg", None)),
        ("BUKAN-ARG", ("bukan_arg", None)),
    ],
)
def test_spelling_variants_accepted(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_choice(text) == expected


@pytest.mark.parametrize("text", ["ARG khususs", "ARG", "ya", "arg kesetaraan gender", "khusus"])
def test_other_texts_rejected(text: str) -> None:
    assert parse_choice(text) is None, normalize_choice(text)


def test_variants_from_the_workbook(book: Path, tmp: Path) -> None:
    a, b = rows(book)[:2]
    fill(book, {a["_row"]: ("arg-khusus", None), b["_row"]: ("bukan arg", None)})
    result = apply_review(book, tmp / "k.toml", TODAY)
    assert not result.errors
    assert sorted((o.decision, o.category) for o in result.added) == [("arg", "khusus"), ("bukan_arg", None)]


# ---------------------------------------------------------------- merging into the overrides file


def test_existing_overrides_kept_and_backup_written(book: Path, tmp: Path) -> None:
    original = (
        "# tulisan tangan\n"
        '[[override]]\nname = "Pelatihan Kader \\"Posyandu\\""\ndecision = "arg"\ncategory = "kesetaraan"\n'
        'bidang = "sosial"\nreason = "lama"\nreviewer = "Siti (BPKAD)"\ndate = "2025-01-01"\n\n'
        '[[override]]\ncode = "9.99.99.2.01.0001"\npd = "9.99"\nyear = 2025\ndecision = "bukan_arg"\nreason = ""\n'
    )
    path = tmp / "keputusan.toml"
    path.write_text(original, encoding="utf-8")
    old = load_overrides(path)
    line = first(book, "tinjau")
    fill(book, {line["_row"]: ("ARG - pelembagaan", "forum anak")})

    result = run("apply-review", "review.xlsx", "--overrides", "keputusan.toml")
    assert result.exit_code == 0, result.output
    assert "versi sebelumnya: keputusan.toml.bak" in result.stdout
    assert (tmp / "keputusan.toml.bak").read_text(encoding="utf-8") == original
    now = load_overrides(path)
    assert [o.__dict__ | {"line": None} for o in now[:2]] == [o.__dict__ | {"line": None} for o in old]
    assert (now[2].code, now[2].category, now[2].reason) == (line["Kode Sub Kegiatan"], "pelembagaan", "forum anak")
    assert sorted(p.name for p in tmp.iterdir()) == ["keputusan.toml", "keputusan.toml.bak", "review.xlsx"]


def test_identical_decision_not_duplicated(book: Path, tmp: Path) -> None:
    line = first(book, "tinjau")
    fill(book, {line["_row"]: ("ARG - khusus", "sasaran ibu")})
    assert run("apply-review", "review.xlsx").exit_code == 0
    written = (tmp / "keputusan.toml").read_bytes()
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 0
    assert "0 keputusan ditambahkan, 0 diubah, 1 sudah ada" in result.stdout
    assert "keputusan.toml tidak diubah" in result.stdout
    assert (tmp / "keputusan.toml").read_bytes() == written
    assert not (tmp / "keputusan.toml.bak").exists()


def test_new_decision_for_same_key_replaces_and_is_reported(book: Path, tmp: Path) -> None:
    line = first(book, "tinjau")
    fill(book, {line["_row"]: ("ARG - khusus", "sasaran ibu")})
    assert run("apply-review", "review.xlsx").exit_code == 0
    fill(book, {line["_row"]: ("Bukan ARG", "layanan umum")})
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 0
    assert "0 keputusan ditambahkan, 1 diubah" in result.stdout
    assert f"Diubah: kode {line['Kode Sub Kegiatan']}, PD {line['Kode SKPD']}, tahun 2026: arg/khusus -> bukan_arg" in (
        result.stdout
    )
    (now,) = load_overrides(tmp / "keputusan.toml")
    assert (now.decision, now.category, now.reason) == ("bukan_arg", None, "layanan umum")
    (was,) = load_overrides(tmp / "keputusan.toml.bak")
    assert (was.decision, was.category) == ("arg", "khusus")


def test_conflicting_rows_of_one_key_reported_not_applied(book: Path, tmp: Path) -> None:
    all_rows = rows(book)
    puskesmas = next(r for r in all_rows if r["Baris Serupa"] >= 2)
    twin = next(r for r in all_rows if key(r) == key(puskesmas) and r["_row"] != puskesmas["_row"])
    other = first(book, "tinjau")
    fill(
        book,
        {
            puskesmas["_row"]: ("ARG - khusus", "a"),
            twin["_row"]: ("Bukan ARG", "b"),
            other["_row"]: ("Bukan ARG", None),
        },
    )
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 1, result.output
    assert "1 keputusan ditambahkan, 0 diubah, 0 sudah ada (tidak berubah), 1 konflik" in result.stdout
    rows_said = f"baris {puskesmas['_row']} 'ARG - khusus', baris {twin['_row']} 'Bukan ARG'"
    assert (
        f"Konflik (tidak diterapkan): kode {puskesmas['Kode Sub Kegiatan']}, PD {puskesmas['Kode SKPD']}"
        in result.stdout
    )
    assert rows_said in result.stdout
    (written,) = load_overrides(tmp / "keputusan.toml")
    assert written.code == other["Kode Sub Kegiatan"]


def test_agreeing_rows_of_one_key_make_one_decision(book: Path, tmp: Path) -> None:
    all_rows = rows(book)
    one = next(r for r in all_rows if r["Baris Serupa"] >= 2)
    two = next(r for r in all_rows if key(r) == key(one) and r["_row"] != one["_row"])
    fill(book, {one["_row"]: ("ARG - khusus", "ibu hamil"), two["_row"]: ("arg - khusus", "ibu nifas")})
    result = apply_review(book, tmp / "k.toml", TODAY)
    assert not result.conflicts and not result.errors
    (override,) = result.added
    assert override.reason == "ibu hamil; ibu nifas" and override.date == "2026-11-28"


def test_columns_found_by_header_text(book: Path, tmp: Path) -> None:
    line = first(book, "tinjau")
    wb = openpyxl.load_workbook(book)
    ws = wb["Tinjauan"]
    ws.insert_cols(1)
    ws.insert_rows(1)
    ws["A1"] = "Tinjauan ARG Kabupaten Contoh"
    ws["A2"] = "Catatan saya"
    ws.move_range("N2:P2000", cols=25)  # Keputusan, Alasan, Peninjau moved far right
    wb.save(book)
    row = line["_row"] + 1
    wb = openpyxl.load_workbook(book)
    ws = wb["Tinjauan"]
    headers = [c.value for c in ws[2]]
    ws.cell(row, headers.index("Keputusan") + 1, "Bukan ARG")
    ws.cell(row, headers.index("Alasan") + 1, "bukan sasaran gender")
    ws.cell(row + 1, headers.index("Keputusan") + 1, "entah")
    wb.save(book)

    result = apply_review(book, tmp / "k.toml", TODAY)
    (error,) = result.errors
    assert (
        str(error)
        == f"review.xlsx, sheet 'Tinjauan', baris {row + 1}, kolom 'Keputusan': 'entah' bukan pilihan yang sah"
    )
    ws.cell(row + 1, headers.index("Keputusan") + 1).value = None
    wb.save(book)
    (added,) = apply_review(book, tmp / "k.toml", TODAY).added
    assert (added.code, added.pd, added.reason) == (
        line["Kode Sub Kegiatan"],
        line["Kode SKPD"],
        "bukan sasaran gender",
    )


def test_reasons_survive_toml_escaping(book: Path, tmp: Path) -> None:
    reason = 'kata "ibu" \\ anak\nbaris kedua\tdengan tab; perempuan – ibu #bukan komentar'
    fill(book, {first(book, "tinjau")["_row"]: ("ARG - khusus", reason)})
    apply_review(book, tmp / "k.toml", TODAY)
    (override,) = load_overrides(tmp / "k.toml")
    assert override.reason == reason
    assert tomllib.loads(f"x = {toml_string(chr(1) + chr(127))}")["x"] == chr(1) + chr(127)
    assert (tmp / "k.toml").read_text(encoding="utf-8").startswith("# Keputusan peninjau ARG")


def test_nothing_filled_writes_nothing(book: Path, tmp: Path) -> None:
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 0
    assert "tidak ada kolom Keputusan yang terisi" in result.stdout
    assert not (tmp / "keputusan.toml").exists()


def test_missing_or_foreign_workbooks_are_clean_errors(tmp: Path) -> None:
    missing = run("apply-review", "tidak_ada.xlsx")
    assert missing.exit_code == 2 and missing.stderr.startswith(
        "Galat: tidak_ada.xlsx: berkas tinjauan tidak ditemukan"
    )
    (tmp / "rusak.xlsx").write_bytes(b"bukan zip")
    broken = run("apply-review", "rusak.xlsx")
    assert broken.exit_code == 2 and "tidak dapat dibuka sebagai .xlsx" in broken.stderr
    wb = openpyxl.Workbook()
    wb.active.append(["Kode", "Nama", "Pagu"])
    wb.save(tmp / "lain.xlsx")
    foreign = run("apply-review", "lain.xlsx")
    assert foreign.exit_code == 2 and "kolom 'Keputusan' dan 'Kode Sub Kegiatan' tidak ditemukan" in foreign.stderr
    assert "Traceback" not in missing.output + broken.output + foreign.output


def test_broken_overrides_file_is_not_replaced(book: Path, tmp: Path) -> None:
    (tmp / "keputusan.toml").write_text("[[override]\n", encoding="utf-8")
    fill(book, {first(book, "tinjau")["_row"]: ("Bukan ARG", None)})
    result = run("apply-review", "review.xlsx")
    assert result.exit_code == 2 and "keputusan.toml" in result.stderr
    assert (tmp / "keputusan.toml").read_text(encoding="utf-8") == "[[override]\n"


def test_failure_midway_leaves_the_overrides_file_intact(
    book: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp / "keputusan.toml"
    original = '[[override]]\ncode = "9.99.99.2.01.0001"\ndecision = "bukan_arg"\n'
    path.write_text(original, encoding="utf-8")
    line = first(book, "tinjau")
    fill(book, {line["_row"]: ("ARG - khusus", "sasaran ibu")})

    def power_cut(src: object, dst: object) -> None:
        raise OSError("listrik padam")

    monkeypatch.setattr("argtag.classify.overrides_io.os.replace", power_cut)
    result = run("apply-review", "review.xlsx", "--overrides", "keputusan.toml")
    assert result.exit_code == 2 and "listrik padam" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp.iterdir() if p.name.endswith(".tmp")] == []


def test_a_decision_without_a_reason_is_applied_and_pointed_out(book: Path, tmp: Path) -> None:
    table = rows(book)
    explained, bare = first(table, "tinjau"), first(table, "bukan_arg")
    fill(book, {explained["_row"]: ("ARG - khusus", "sasaran ibu hamil"), bare["_row"]: ("Bukan ARG", "   ")})
    result = run("apply-review", "review.xlsx", "--overrides", "keputusan.toml")
    assert result.exit_code == 0, result.output
    assert "2 keputusan ditambahkan" in result.stdout
    assert f"Perhatian: 1 keputusan tanpa Alasan (baris {bare['_row']}); keputusan tetap diterapkan" in result.stdout
    assert sorted(o.reason for o in load_overrides(tmp / "keputusan.toml")) == ["", "sasaran ibu hamil"]

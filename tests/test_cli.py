"""The inspect command: its JSON contract, its exit codes, and clear Indonesian errors on bad input."""

from __future__ import annotations

import json
import os
import pty
import select
import shlex
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import click
import openpyxl
import pytest

from argtag import ingest
from argtag.cli import main
from argtag.errors import ArgtagError
from tests.conftest import ROOT, Cell, inspect_json, run, write_xlsx


def _budget(path: Path) -> Path:
    return write_xlsx(
        path,
        [
            ["TAHUN ANGGARAN 2025"],
            ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"],
            ["1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 1_500_000],
            ["1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin", 2_500_000],
            ["JUMLAH", None, 4_000_000],
        ],
    )


def test_inspect_json_contract(tmp: Path) -> None:
    data = inspect_json(_budget(tmp / "a.xlsx"))
    assert data["lines"] == 2 and data["total"] == 4_000_000
    (entry,) = data["files"]
    assert {k: entry[k] for k in ("path", "layout", "lines", "total", "skipped_rows", "reconciled")} == {
        "path": "a.xlsx",
        "layout": "flat",
        "lines": 2,
        "total": 4_000_000,
        "skipped_rows": 3,
        "reconciled": True,
    }
    assert isinstance(data["total"], int)


def test_inspect_text_in_indonesian_and_exit_1_on_mismatch(tmp: Path) -> None:
    path = _budget(tmp / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["C5"] = 4_000_001
    wb.save(path)
    result = run("inspect", str(path))
    assert result.exit_code == 1
    assert "TIDAK cocok" in result.stdout
    assert "baris 5 (baris jumlah 'JUMLAH'): tertulis Rp 4.000.001, terhitung Rp 4.000.000, selisih -Rp 1" in (
        result.stdout
    )


def test_review_exits_1_on_a_mismatched_total_after_writing_the_report(tmp: Path) -> None:
    path = _budget(tmp / "a.xlsx")
    assert run("review", str(path), "--out", "ok").exit_code == 0
    wb = openpyxl.load_workbook(path)
    wb.active["C5"] = 4_000_001
    wb.save(path)
    result = run("review", str(path), "--out", "selisih")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Telaah ARG tahun 2025")
    assert "Perhatian: ada jumlah di berkas yang tidak cocok" in result.stdout and result.stderr == ""
    summary = json.loads((tmp / "selisih" / "summary.json").read_text(encoding="utf-8"))
    assert summary["kualitas_data"]["semua_rekonsiliasi_cocok"] is False


def _encrypted(path: Path) -> Path:
    # an encrypted xlsx is an OLE2 compound file, not a zip
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"))
    return path


def _truncated(path: Path) -> Path:
    whole = _budget(path.with_name("whole.xlsx")).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    path.with_name("whole.xlsx").unlink()
    return path


def _formula(path: Path) -> Path:
    return write_xlsx(
        path, [["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"], ["1.02.02.2.02.0001", "Pelayanan KB", "=1000+1"]]
    )


def _not_budget(path: Path) -> Path:
    return write_xlsx(path, [["Nama", "Alamat"], ["Siti", "Jl. Melati 1"]])


def _empty_book(path: Path) -> Path:
    openpyxl.Workbook().save(path)
    return path


def _zip_not_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "bukan excel")
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing.xlsx": (lambda p: p, "berkas atau folder tidak ditemukan"),
    "text.xlsx": (lambda p: (p.write_text("ini bukan excel"), p)[1], "bukan berkas Excel (.xlsx) yang sah"),
    "encrypted.xlsx": (_encrypted, "terenkripsi/dilindungi kata sandi"),
    "truncated.xlsx": (_truncated, "rusak atau terpotong"),
    "formula.xlsx": (_formula, "sel C2 berisi rumus tanpa nilai tersimpan"),
    "people.xlsx": (_not_budget, "bukan ekspor anggaran yang dikenali"),
    "empty.xlsx": (_empty_book, "berkas kosong"),
    "other.xlsx": (_zip_not_xlsx, "bukan buku kerja Excel"),
    "empty.csv": (lambda p: (p.write_bytes(b""), p)[1], "berkas CSV kosong"),
    "notes.docx": (
        lambda p: (p.write_text("x"), p)[1],
        "jenis berkas '.docx' tidak didukung\nSaran: Gunakan ekspor .xlsx, .xlsm, .xls, .ods, .csv atau .txt (CSV).",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_a_clear_message_and_exit_2(tmp: Path, name: str) -> None:
    make, expected = BAD_INPUTS[name]
    path = make(tmp / name)
    result = run("inspect", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Galat: {name}"), result.stderr
    assert expected in result.stderr
    assert "Saran: " in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""


def test_debug_shows_the_traceback(tmp: Path) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["--debug", "inspect", str(tmp / "missing.xlsx")])
    assert result.exit_code != 0 and result.exception is not None


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and command.help and "Contoh" in command.help, name


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for name, command in group.commands.items():
        paths += _command_paths(command, (*prefix, name)) if isinstance(command, click.Group) else [(*prefix, name)]
    return paths


def test_help_screens_are_in_indonesian() -> None:
    """click's own frame (usage line, headings, value types, defaults, --help/--version) in every help screen."""
    paths = _command_paths(main)
    assert ("rules", "check") in paths and len(paths) >= 9
    english = ["Usage:", "Options:", "Commands:", "Show this", "Show the", "[default:", "[required]"]
    english += ["INTEGER", "FLOAT", " TEXT", " FILE", "DIRECTORY", " PATH", "[OPTIONS]", "COMMAND", "INPUTS", "PATHS"]
    for path in paths:
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        assert result.stdout.startswith("Penggunaan: argtag") and "\nOpsi:\n" in result.stdout, path
        assert [word for word in english if word in result.stdout] == [], path
    assert "[bawaan:" in run("review", "--help").stdout
    assert run("--version").stdout.startswith("argtag versi ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["explain"], "Galat: argumen TEKS wajib diberikan"),
        (["review"], "Galat: argumen MASUKAN wajib diberikan"),
        (["review", "x", "--yaer", "2025"], "Galat: opsi '--yaer' tidak dikenal; mungkin maksud Anda"),
        (["review", "x", "--stage", "akhir"], "Galat: nilai tidak sah untuk --stage; pilihan: murni, pergeseran"),
        (["review", "x", "--year", "dua"], "Galat: nilai --year harus berupa angka"),
        (["revew"], "Galat: perintah 'revew' tidak dikenal"),
    ],
)
def test_command_line_mistakes_in_indonesian(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected), result.stderr
    assert "Saran: lihat 'argtag" in result.stderr and "Error" not in result.stderr


@pytest.mark.parametrize(
    ("args", "expected", "help_of"),
    [
        (["review", "x", "--year"], "opsi '--year' memerlukan nilai", "argtag review"),
        (["review", "x", "--previous"], "opsi '--previous' memerlukan nilai", "argtag review"),
        (["explain", "x", "--code"], "opsi '--code' memerlukan nilai", "argtag explain"),
        (["eval", "--budget"], "opsi '--budget' memerlukan nilai", "argtag eval"),
        (["rules", "check", "--rules"], "opsi '--rules' memerlukan nilai", "argtag rules check"),
        (["rules", "test", "--verbose=ya"], "opsi '--verbose' tidak menerima nilai", "argtag rules test"),
        (["explain", "a", "b"], "argumen berlebih: 'b'", "argtag explain"),
        (["rules", "check", "extra"], "argumen berlebih: 'extra'", "argtag rules check"),
        (["revew"], "perintah 'revew' tidak dikenal; mungkin maksud Anda review", "argtag"),
        (["rules", "chek"], "perintah 'chek' tidak dikenal; mungkin maksud Anda check", "argtag rules"),
        (["--debug"], "perintah belum diberikan", "argtag"),
        (["review", "x", "--stage", "akhir"], "nilai tidak sah untuk --stage; pilihan: murni", "argtag review"),
        (["review", "x", "--profile", "."], "nilai tidak sah untuk --profile: '.' adalah folder", "argtag review"),
    ],
)
def test_usage_errors_in_indonesian_point_to_the_commands_help(args: list[str], expected: str, help_of: str) -> None:
    """click's usage errors (a missing option value, extra arguments, a bad choice or path, an unknown or missing
    command) in Indonesian, with the help of the command that was typed."""
    result = run(*args)
    assert result.exit_code == 2
    message, hint = result.stderr.splitlines()
    assert message.startswith(f"Galat: {expected}"), result.stderr
    assert hint == f"Saran: lihat '{help_of} --help'.", result.stderr


@pytest.mark.parametrize("args", [[], ["rules"]])
def test_a_group_without_a_command_prints_its_help(args: list[str]) -> None:
    """'argtag' and 'argtag rules' alone show the help as '--help' does, not wrapped in an error."""
    result = run(*args)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert result.stdout == run(*args, "--help").stdout
    assert result.stdout.startswith(f"Penggunaan: {' '.join(['argtag', *args])} [OPSI] PERINTAH [ARGUMEN]...")


def test_a_folder_is_read_in_order_and_the_first_broken_file_is_named(tmp: Path) -> None:
    """Files are read two at a time; the result and the error are still those of reading them in order."""
    header = ["Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
    for i in range(4):
        write_xlsx(
            tmp / f"{i}_baik.xlsx", [header, ["1.02.0.00.0.00.01.0000", "Dinkes", f"1.02.02.2.02.000{i + 1}", "KB", i]]
        )
    result = inspect_json(tmp)
    assert [f["path"] for f in result["files"]] == [f"{i}_baik.xlsx" for i in range(4)]
    (tmp / "5_rusak.xlsx").write_bytes(b"bukan zip")
    (tmp / "6_rusak.xlsx").write_bytes(b"juga bukan")
    failed = run("inspect", str(tmp))
    assert failed.exit_code == 2 and failed.stderr.startswith("Galat: 5_rusak.xlsx"), failed.stderr


def test_an_error_after_progress_starts_on_a_clean_line(tmp: Path) -> None:
    """On a terminal the progress line is cleared before the error is printed (a real pseudo-terminal)."""
    header = ["Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
    write_xlsx(tmp / "1_baik.xlsx", [header, ["1.02.0.00.0.00.01.0000", "Dinkes", "1.02.02.2.02.0001", "KB", 5]])
    (tmp / "2_rusak.xlsx").write_bytes(b"bukan zip")
    main_process, terminal = pty.openpty()
    code = "from argtag.cli import run; run()"
    for command in (["inspect", str(tmp)], ["review", str(tmp), "--out", str(tmp / "laporan")]):
        proc = subprocess.run([sys.executable, "-c", code, *command], stdin=terminal, stdout=terminal, stderr=terminal)
        assert proc.returncode == 2
        shown = b""
        while select.select([main_process], [], [], 0.5)[0]:
            shown += os.read(main_process, 65536)
        text = shown.decode()
        assert "Membaca berkas 2: 2_rusak.xlsx" in text  # the progress line was shown
        assert "\r" + " " * 80 + "\rGalat: 2_rusak.xlsx" in text.replace("\r\n", "\n"), repr(text)
    os.close(main_process)
    os.close(terminal)


def _watched_reads(tmp: Path, monkeypatch: pytest.MonkeyPatch, large: set[int]) -> tuple[list[str], dict[str, int]]:
    """Six one-sheet files ``0.xlsx``..``5.xlsx`` in ``tmp``, those in ``large`` bigger and over the large-file
    threshold; ``read_file`` watched: the names it read, and the most files and large files read at once."""
    header = ["Kode SKPD", "Nama SKPD", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"]
    for i in range(6):
        line: list[Cell] = ["1.02.0.00.0.00.01.0000", "Dinkes", f"1.02.02.2.02.000{i + 1}", "KB", i]
        write_xlsx(tmp / f"{i}.xlsx", [header, *([line] * (401 if i in large else 1))])
    sizes = [(tmp / f"{i}.xlsx").stat().st_size for i in range(6)]
    monkeypatch.setattr(ingest, "LARGE_GRID", 4 * (max(sizes) + min(sizes)) // 2)  # an xlsx weighs 4x its size
    assert [ingest.is_large(tmp / f"{i}.xlsx") for i in range(6)] == [i in large for i in range(6)]
    read, active, most = ingest.read_file, [], {"all": 0, "large": 0}
    guard, names = threading.Lock(), []

    def watched(path: Path, options: ingest.ReadOptions, name: str | None = None) -> ingest.FileResult:
        with guard:
            names.append(path.name)
            active.append(path)
            most["all"] = max(most["all"], len(active))
            most["large"] = max(most["large"], sum(ingest.is_large(p) for p in active))
        time.sleep(0.05)  # long enough for the other worker to start its next file
        try:
            return read(path, options, name)
        finally:
            with guard:
                active.remove(path)

    monkeypatch.setattr(ingest, "read_file", watched)
    return names, most


def test_large_files_are_read_one_at_a_time(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files at a time, but never two large ones: their grids would be in memory together."""
    _, most = _watched_reads(tmp, monkeypatch, large={1, 2, 3})
    result = ingest.read_inputs([tmp])
    assert [f.path.rsplit("/", 1)[-1] for f in result.files] == [f"{i}.xlsx" for i in range(6)]
    assert most == {"all": 2, "large": 1}


def test_a_large_file_waiting_behind_a_failed_one_is_not_read(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names, _ = _watched_reads(tmp, monkeypatch, large={1, 2, 3})
    (tmp / "1.xlsx").write_bytes(b"bukan zip" * 2_000_000)  # still large, now unreadable
    with pytest.raises(ArgtagError, match=r"1\.xlsx"):
        ingest.read_inputs([tmp])
    assert "1.xlsx" in names and "2.xlsx" not in names and "3.xlsx" not in names


def test_an_unexpected_error_says_where_debug_goes(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argtag.cli.rules_cmd

    def broken(folder: Path) -> None:
        raise RuntimeError("uji")

    monkeypatch.setattr(argtag.cli.rules_cmd, "check_rules", broken)
    result = run("rules", "check", "--rules", "my rules")
    assert result.exit_code == 2
    assert result.stderr == (
        "Galat tak terduga: RuntimeError: uji\n"
        "Saran: ulangi dengan --debug tepat sesudah 'argtag' dan laporkan keluarannya kepada pengelola argtag: "
        "argtag --debug rules check --rules 'my rules'\n"
    )
    # the command of the hint works: the traceback's exception comes through
    again = run(*shlex.split(result.stderr.rsplit(": ", 1)[1])[1:])
    assert isinstance(again.exception, RuntimeError)


def test_debug_after_the_command_is_pointed_to_its_place() -> None:
    result = run("rules", "check", "--rules", "rules", "--debug")
    assert result.exit_code == 2
    assert result.stderr == (
        "Galat: opsi '--debug' tidak dikenal\n"
        "Saran: --debug ditulis tepat sesudah 'argtag', sebelum nama perintah: "
        "argtag --debug rules check --rules rules\n"
    )


@pytest.mark.parametrize("moment", ["kemarin", "29-11-2026", "2026-11-29 jam 8"])
def test_generated_at_must_be_an_iso_date_and_time(tmp: Path, moment: str) -> None:
    """A time the report cannot print is a usage error that says the format, before anything is read."""
    result = run("review", "tidak_ada", "--generated-at", moment)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Galat: nilai --generated-at tidak sah: '{moment}'. Tulis tanggal dan waktu ISO 8601, "
        "mis. 2026-11-29T08:00:00+07:00.",
        "Saran: lihat 'argtag review --help'.",
    ]
    assert "ISO 8601" in run("review", "--help").stdout


def test_eval_names_a_missing_or_unreadable_labelled_set_in_indonesian(tmp: Path) -> None:
    missing = run("eval", "--labelled", "nope.csv", "--rules", str(ROOT / "rules"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Galat: nope.csv: set berlabel tidak ditemukan\nSaran: Beri CSV berlabel"), (
        missing.stderr
    )
    (tmp / "rusak.csv").write_bytes(b'text,code\n"tanpa tutup\n\xff\xfe')
    broken = run("eval", "--labelled", "rusak.csv", "--rules", str(ROOT / "rules"))
    assert broken.exit_code == 2
    assert broken.stderr.startswith("Galat: rusak.csv: set berlabel tidak dapat dibaca sebagai CSV\n"), broken.stderr
    for result in (missing, broken):
        assert "os error" not in result.stderr and "No such file" not in result.stderr and "Error" not in result.stderr


def test_a_bad_source_date_epoch_is_said_in_indonesian(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "kemarin")
    result = run("review", str(_budget(tmp / "a.xlsx")), "--out", "laporan")
    assert result.exit_code == 2
    assert result.stderr.startswith("Galat: SOURCE_DATE_EPOCH 'kemarin' bukan jumlah detik sejak 1970-01-01 UTC")
    assert not (tmp / "laporan").exists()

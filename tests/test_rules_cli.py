"""rules check / rules test / explain / review on the command line, with broken rule files made in tests."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

MINI = Path(__file__).parent / "fixtures" / "rules_mini"


@pytest.fixture
def rules(tmp: Path) -> Path:
    folder = tmp / "rules"
    shutil.copytree(MINI, folder)
    return folder


def test_check_passes_on_a_valid_set(rules: Path) -> None:
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "rules: aturan sah; 6 aturan; 0 galat, 0 peringatan."


def _edit(path: Path, edit: tuple[str, str]) -> None:
    """Replace the first ``edit[0]`` in a rule file (which must hold it) by ``edit[1]``; a missing file is empty."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")


def _checked(rules: Path, file: str, edit: tuple[str, str], exit_code: int) -> str:
    """``rules check`` after :func:`_edit` of ``file``: its output, once its exit code is ``exit_code``."""
    _edit(rules / file, edit)
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == exit_code, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ('any = ["ibu hamil", "ibu bersalin"]', 'any = ["ibu hamil", "ibu bersalin"'),
            "rules/arg.toml:13:1: galat: sintaks TOML tidak sah: daftar [ ... ] tidak ditutup dengan ']'",
        ),
        (
            ('priority = 50\nrationale = "Kebutuhan', 'prioritty = 50\nrationale = "Kebutuhan'),
            "rules/arg.toml:8 [KES-IBU]: galat: kunci 'prioritty' tidak dikenal. "
            "Saran: mungkin maksud Anda 'priority'?",
        ),
        (
            ('id = "LIN-KEKERASAN"', 'id = "KES-IBU"'),
            "rules/arg.toml:19 [KES-IBU]: galat: id aturan ganda (juga di rules/arg.toml:1)",
        ),
        (
            ('code_prefixes = ["2.08.02"]', 'code_prefixes = ["2.08.O2"]'),
            "[PUG-KODE]: galat: awalan kode '2.08.O2' tidak sah",
        ),
        (
            ('category = "pelembagaan"', 'category = "lembaga"'),
            "[PUG-KODE]: galat: kategori ARG 'lembaga' tidak sah. Saran: pilihan: khusus, kesetaraan, pelembagaan",
        ),
        (
            ('category = "pelembagaan"\n', ""),
            'rules/arg.toml:33 [PUG-KODE]: galat: aturan ARG (decision = "arg", juga bila decision tidak ditulis) '
            'wajib punya category. Saran: tambahkan category = "..." dengan salah satu pilihan: khusus, kesetaraan, '
            "pelembagaan",
        ),
        (
            ('match = ["Pendampingan korban KDRT"]\n', ""),
            "[LIN-KEKERASAN]: galat: aturan tanpa contoh 'match' dan 'no_match'",
        ),
    ],
)
def test_check_names_file_line_rule_and_fix(rules: Path, edit: tuple[str, str], expected: str) -> None:
    _edit(rules / "arg.toml", edit)
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 1
    assert expected in result.stdout, result.stdout
    review = run("explain", "--rules", str(rules), "Pelayanan KB")
    assert review.exit_code == 2 and "argtag rules check" in review.stderr


@pytest.mark.parametrize("given", ["sub_kegiatan_2026.csv", "tidak_ada.csv"])
def test_review_stops_on_a_broken_rule_set_and_writes_nothing(rules: Path, tmp: Path, given: str) -> None:
    # the rules load while the inputs are read: their error must still be the one shown, even when an input
    # fails too, and no report may be written
    path = rules / "arg.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('category = "pelembagaan"', 'category = "lembaga"'), encoding="utf-8")
    out = tmp / "laporan"
    result = run("review", str(SAMPLES / "2026" / given), "--rules", str(rules), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith("Galat: rules: aturan tidak sah"), result.stderr
    assert "argtag rules check" in result.stderr
    assert not out.exists()


def test_rules_test_reports_a_failing_example(rules: Path) -> None:
    path = rules / "other.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unless = ["anak sungai", ', "unless = ["), "utf-8")
    result = run("rules", "test", "--rules", str(rules))
    assert result.exit_code == 1
    assert "GAGAL rules/other.toml:15 [TIN-ANAK] 'Anak sungai': TIN-ANAK tidak boleh terpicu" in result.stdout
    assert "1 gagal" in result.stdout


def test_explain_json_contract(rules: Path) -> None:
    result = run(
        "explain",
        "--json",
        "--rules",
        str(rules),
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "--code",
        "1.02.02.2.02.0001",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("status", "kategori", "bidang", "aturan", "bukti")} == {
        "status": "arg",
        "kategori": "khusus",
        "bidang": "sosial",
        "aturan": "KES-IBU",
        "bukti": "KES-IBU: ibu hamil",
    }
    assert data["terpicu"][0]["alasan"].startswith("Kebutuhan khusus perempuan")


def test_review_writes_tagged_csv_with_the_contract_columns(rules: Path, tmp: Path) -> None:
    result = run("review", str(SAMPLES / "2026" / "rincian"), "--rules", str(rules), "--out", "out")
    assert result.exit_code == 0, result.output
    assert "Laporan ditulis ke: out/" in result.stdout
    with (tmp / "out" / "tagged.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:12] == [
        "kode_skpd",
        "nama_skpd",
        "kode_sub_unit",
        "nama_sub_unit",
        "kode_sub_kegiatan",
        "nama_sub_kegiatan",
        "pagu",
        "status",
        "kategori",
        "bidang",
        "aturan",
        "bukti",
    ]
    assert {r["status"] for r in rows} <= {"arg", "bukan_arg", "tinjau"}
    assert all(r["pagu"].lstrip("-").isdigit() for r in rows)
    assert (tmp / "out" / "skipped_rows.csv").is_file()


@pytest.mark.parametrize(
    ("file", "encode", "expected"),
    [
        (
            "arg.toml",
            lambda text: text.replace("maternal", "maternal \xe9").encode("latin-1"),
            "rules/arg.toml:9: galat: berkas bukan UTF-8 (byte 0xE9 tidak sah di baris ini)",
        ),
        (
            "abbreviations.toml",
            lambda text: text.replace("perempuan", "p\xe9rempuan").encode("latin-1"),
            "rules/abbreviations.toml:7: galat: berkas bukan UTF-8",
        ),
        (
            "other.toml",
            lambda text: text.encode("utf-16"),
            "rules/other.toml: galat: berkas tersimpan sebagai UTF-16 ('Unicode' di Notepad), bukan UTF-8",
        ),
    ],
)
def test_a_file_not_in_utf8_is_named_with_its_line(
    rules: Path, file: str, encode: Callable[[str], bytes], expected: str
) -> None:
    path = rules / file
    path.write_bytes(encode(path.read_text(encoding="utf-8")))
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 1, result.output
    assert expected in result.stdout, result.stdout
    assert "Saran: Simpan berkas sebagai UTF-8 (di Notepad: Simpan sebagai, Pengodean UTF-8)." in result.stdout
    explained = run("explain", "--rules", str(rules), "Pelayanan KB")
    assert explained.exit_code == 2 and f"rules/{file}" in explained.stderr, explained.stderr
    assert "tak terduga" not in explained.stderr


def test_a_utf8_bom_is_accepted(rules: Path) -> None:
    # Windows Notepad saves UTF-8 with a BOM by default
    for name in ("arg.toml", "abbreviations.toml", "bidang_map.toml"):
        path = rules / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "rules: aturan sah; 6 aturan; 0 galat, 0 peringatan."
    assert run("rules", "test", "--rules", str(rules)).exit_code == 0


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        (
            "extra.toml",
            ("", '[rule]\nid = "X-SATU"\ntitle = "Satu"\nrationale = "Uji."\n[rule.match]\nany = ["satu"]\n'),
            "rules/extra.toml:1: galat: 'rule' harus berupa daftar aturan [[rule]], bukan tabel [rule] (satu kurung "
            "siku). Saran: tulis [[rule]] (dua kurung siku) untuk setiap aturan",
        ),
        (
            "extra.toml",
            ("", '# aturan\nrule = "KES-IBU"\n'),
            "rules/extra.toml:2: galat: 'rule' harus berupa daftar aturan [[rule]], bukan teks.",
        ),
        (
            "extra.toml",
            ("", "rule = [1, 2]\n"),
            "rules/extra.toml:1: galat: 'rule' harus berupa daftar aturan [[rule]], bukan daftar berisi angka.",
        ),
        (
            "abbreviations.toml",
            ("[abbreviations]", "[[abbreviations]]"),
            "rules/abbreviations.toml:1: galat: 'abbreviations' harus berupa tabel [abbreviations], bukan daftar.",
        ),
        (
            "bidang_map.toml",
            ('[bidang]\n"1.02" = "sosial"', 'bidang = "sosial"\n[peta]\n"1.02" = "sosial"'),
            "rules/bidang_map.toml:1: galat: 'bidang' harus berupa tabel [bidang], bukan teks.",
        ),
        (
            "arg.toml",
            ('code_prefixes = ["2.08.02"]', 'code_prefixes = "2.08.02"'),
            "rules/arg.toml:42 [PUG-KODE]: galat: 'code_prefixes' harus berupa daftar teks, misalnya "
            '["2.08.02"], bukan teks.',
        ),
        (
            "arg.toml",
            ('any = ["kekerasan dalam rumah tangga"]', 'any = ["kekerasan", 5]\nscope = "2.08"'),
            "rules/arg.toml:28 [LIN-KEKERASAN]: galat: 'any' harus berupa daftar teks, misalnya "
            '["ibu hamil"], bukan daftar yang memuat angka.',
        ),
        (
            "arg.toml",
            ('any = ["kekerasan dalam rumah tangga"]', 'any = ["kekerasan"]\nscope = "2.08"'),
            "rules/arg.toml:29 [LIN-KEKERASAN]: galat: 'scope' harus berupa tabel, bukan teks.",
        ),
        (
            "arg.toml",
            ('any = ["kekerasan dalam rumah tangga"]', 'any = ["kekerasan"]\nscope = { urusan = "2" }'),
            "rules/arg.toml:29 [LIN-KEKERASAN]: galat: 'scope.urusan' harus berupa daftar teks",
        ),
        (
            "arg.toml",
            ('rationale = "Pelembagaan PUG."', 'rationale = ["Pelembagaan PUG."]'),
            "rules/arg.toml:40 [PUG-KODE]: galat: 'rationale' harus berupa teks, bukan daftar.",
        ),
    ],
)
def test_a_value_of_the_wrong_shape_is_named_with_its_line(
    rules: Path, file: str, edit: tuple[str, str], expected: str
) -> None:
    checked = _checked(rules, file, edit, 1)
    assert expected in checked, checked
    for command in (("rules", "test"), ("explain", "Pelayanan KB")):
        refused = run(*command, "--rules", str(rules))
        assert refused.exit_code == 2, refused.output
        assert refused.stderr.startswith("Galat: rules: aturan tidak sah"), refused.stderr


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        (
            "arg.toml",
            ('priority = 50\nrationale = "Kebutuhan', 'priority = 50 60\nrationale = "Kebutuhan'),
            "rules/arg.toml:8:15: galat: sintaks TOML tidak sah: ada teks lain sesudah nilai pada baris yang sama; "
            "satu 'kunci = nilai' per baris. Saran: Periksa tanda kutip, '=', koma dan kurung siku pada baris itu.",
        ),
        (
            "arg.toml",
            ('id = "LIN-KEKERASAN"', 'id = "LIN-KEKERASAN'),
            "rules/arg.toml:20:20: galat: sintaks TOML tidak sah: teks tidak ditutup dengan tanda kutip sebelum "
            "akhir baris.",
        ),
        (
            "arg.toml",
            ('id = "LIN-KEKERASAN"', "id = LIN-KEKERASAN"),
            "rules/arg.toml:20:6: galat: sintaks TOML tidak sah: nilai tidak sah: teks ditulis dalam tanda kutip",
        ),
        (
            "arg.toml",
            (
                '[rule.examples]\nmatch = ["Pendampingan',
                '[rule.match]\nall = ["korban"]\n[rule.examples]\nmatch = ["Pendampingan',
            ),
            "rules/arg.toml:29:12: galat: tabel [rule.match] ditulis dua kali (pertama di baris 27). "
            "Saran: Gabungkan isinya di bawah satu [rule.match].",
        ),
        (
            "arg.toml",
            ("[[rule]]", "[rule]"),
            "rules/arg.toml:19:7: galat: tabel 'rule' ditulis dua kali (pertama di baris 1). "
            "Saran: tulis [[rule]] (dua kurung siku) untuk setiap aturan",
        ),
        (
            "arg.toml",
            ('priority = 50\nrationale = "Layanan', 'priority = 50\npriority = 60\nrationale = "Layanan'),
            "rules/arg.toml:26:14: galat: kunci 'priority' ditulis dua kali (pertama di baris 25). "
            "Saran: Hapus salah satu; satu kunci hanya boleh ditulis sekali dalam satu tabel.",
        ),
        (
            "abbreviations.toml",
            ('pug = "pengarusutamaan gender"', 'pug = "pengarusutamaan gender"\npug = "x"'),
            "rules/abbreviations.toml:4:10: galat: singkatan 'pug' ditulis dua kali (pertama di baris 3).",
        ),
        (
            "bidang_map.toml",
            ('"2.08" = "sosial"', '"2.08" = "sosial"\n"2.08" = "hukum"'),
            "rules/bidang_map.toml:4:17: galat: awalan kode '2.08' ditulis dua kali (pertama di baris 3).",
        ),
    ],
)
def test_toml_syntax_errors_are_said_in_indonesian(
    rules: Path, file: str, edit: tuple[str, str], expected: str
) -> None:
    checked = _checked(rules, file, edit, 1)
    assert expected in checked, checked
    assert "(at line" not in checked and "Cannot" not in checked
    refused = run("explain", "--rules", str(rules), "Pelayanan KB")
    assert refused.exit_code == 2 and expected.split(" Saran:")[0] in refused.stderr, refused.stderr


@pytest.mark.parametrize("content", ["", "# aturan lokal, belum diisi\n", "rule = []\n"])
def test_a_rule_file_without_rules_is_a_warning(rules: Path, content: str) -> None:
    (rules / "arg_lokal.toml").write_text(content, encoding="utf-8")
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "rules/arg_lokal.toml: peringatan: berkas aturan kosong: tidak ada [[rule]], jadi berkas ini tidak menambah "
        "aturan apa pun. Saran: isi berkas dengan aturan [[rule]]"
    ), result.stdout
    assert result.stdout.endswith("rules: aturan sah; 6 aturan; 0 galat, 1 peringatan.\n")


def test_abbreviations_and_bidang_map_are_not_rule_files(rules: Path) -> None:
    (rules / "abbreviations.toml").write_text("", encoding="utf-8")
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 0, result.output
    assert result.stdout == "rules: aturan sah; 6 aturan; 0 galat, 0 peringatan.\n"


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        (
            "other.toml",
            ('unless = ["anak sungai", ', 'unless = ["anak", "anak sungai", '),
            "rules/other.toml:24 [TIN-ANAK]: peringatan: frasa any 'anak' ada juga di unless (setelah dinormalkan): "
            "aturan ini tidak akan pernah terpicu. Saran: hapus 'anak' dari unless atau dari any",
        ),
        (
            "other.toml",
            ('all = ["perempuan", "usaha"]', 'all = ["perempuan", "usaha"]\nunless = ["Wanita"]'),
            "rules/other.toml:40 [EKO-PEREMPUAN]: peringatan: frasa all 'perempuan' ada juga di unless (setelah "
            "dinormalkan): aturan ini tidak akan pernah terpicu.",
        ),
        (
            "other.toml",
            ('all = ["perempuan", "usaha"]', 'all = ["perempuan", "usaha mikro"]\nunless = ["mikro"]'),
            "rules/other.toml:40 [EKO-PEREMPUAN]: peringatan: frasa all 'usaha mikro' memuat frasa unless 'mikro' "
            "(setelah dinormalkan): aturan ini tidak akan pernah terpicu. Saran: hapus 'mikro' dari unless atau "
            "'usaha mikro' dari all",
        ),
        (
            "arg.toml",
            ('unless = ["ibu kota"]', 'unless = ["ibu kota", "hamil"]'),
            "rules/arg.toml:14 [KES-IBU]: peringatan: frasa any 'ibu hamil' memuat frasa unless 'hamil' (setelah "
            "dinormalkan): frasa ini tidak akan pernah memicu aturan.",
        ),
    ],
)
def test_a_phrase_that_can_never_fire_is_a_warning(
    rules: Path, file: str, edit: tuple[str, str], expected: str
) -> None:
    checked = _checked(rules, file, edit, 0)
    assert expected in checked, checked
    assert checked.endswith("; 0 galat, 1 peringatan.\n"), checked


def test_review_says_when_examples_of_the_rule_set_fail(rules: Path) -> None:
    given = str(SAMPLES / "2026" / "sub_kegiatan_2026.csv")
    clean = run("review", given, "--rules", str(rules), "--out", "bersih")
    assert clean.exit_code == 0, clean.output
    assert "contoh aturan" not in clean.stdout
    path = rules / "other.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unless = ["anak sungai", ', "unless = ["), "utf-8")
    path = rules / "arg.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Kelas bumil"', '"Kelas balita"'), "utf-8")
    assert run("rules", "test", "--rules", str(rules)).exit_code == 1
    result = run("review", given, "--rules", str(rules), "--out", "laporan")
    assert result.exit_code == 0, result.output
    assert (
        "  Perhatian: 2 contoh aturan tidak terpenuhi; jalankan 'argtag rules test --rules rules'.\n" in result.stdout
    )


FUZZY_RULE = """[[rule]]
id = "UJI-FUZZY"
title = "Salah ketik kata gender"
decision = "tinjau"
rationale = "Uji."
[rule.match]
fuzzy = ["pengarusutamaan gender"]
fuzzy_threshold = 60
[rule.examples]
match = ["Sosialisasi pengarusutamaan gendr"]
no_match = ["Pembangunan jalan"]
"""
WORD_RULE = """
[[rule]]
id = "UJI-KATA"
title = "Jalan"
decision = "tinjau"
rationale = "Uji."
[rule.match]
any = ["jalan"]
[rule.examples]
match = ["Pembangunan jalan"]
no_match = ["Pembangunan jembatan"]
"""


@pytest.mark.parametrize("rule_text", [FUZZY_RULE, FUZZY_RULE + WORD_RULE], ids=["fuzzy_saja", "fuzzy_dan_kata"])
def test_fuzzy_rules_without_conditions_classify(tmp: Path, rule_text: str) -> None:
    # fuzzy rules without code, scope or unless: their gate is a constant, which must hold for every
    # shortlisted text (not only the first); and a set with no word or code rule at all must classify
    folder = tmp / "aturan"
    folder.mkdir()
    for name in ("abbreviations.toml", "bidang_map.toml"):
        shutil.copy(MINI / name, folder / name)
    (folder / "uji.toml").write_text(rule_text, encoding="utf-8")
    assert run("rules", "check", "--rules", str(folder)).exit_code == 0
    tested = run("rules", "test", "--rules", str(folder))
    assert tested.exit_code == 0, tested.output
    assert " 0 gagal;" in tested.stdout
    (tmp / "masukan_2026.csv").write_text(
        "kode_skpd;nama_skpd;kode_sub_giat;nama_sub_giat;pagu\n"
        "1.01.0.00.0.00.01.0000;Dinas Pendidikan;1.01.02.2.01.0001;Pembangunan jalan desa;1.000.000\n"
        "1.01.0.00.0.00.01.0000;Dinas Pendidikan;1.01.02.2.01.0002;Sosialisasi pengarusutamaan gendr;2.000.000\n"
        "1.01.0.00.0.00.01.0000;Dinas Pendidikan;1.01.02.2.01.0003;Rapat pengarusutamaan gendre desa;3.000.000\n",
        encoding="utf-8",
    )
    result = run("review", "masukan_2026.csv", "--rules", str(folder), "--out", "laporan")
    assert result.exit_code == 0, result.output
    with (tmp / "laporan" / "tagged.csv").open(encoding="utf-8") as handle:
        rows = {r["nama_sub_kegiatan"]: (r["status"], r["aturan"]) for r in csv.DictReader(handle)}
    assert rows["Sosialisasi pengarusutamaan gendr"] == ("tinjau", "UJI-FUZZY")
    assert rows["Rapat pengarusutamaan gendre desa"] == ("tinjau", "UJI-FUZZY")
    jalan = ("tinjau", "UJI-KATA") if "UJI-KATA" in rule_text else ("bukan_arg", "")
    assert rows["Pembangunan jalan desa"] == jalan


PD_RULE = """[[rule]]
id = "PD-DATA-GENDER"
title = "Data gender di dinas PPPA"
status = "stable"
category = "pelembagaan"
priority = 55
rationale = "Uji."
[rule.match]
all = ["data", "gender"]
scope = { pd = ["2.08"] }
[rule.examples]
match = [{ text = "Penyusunan data gender", code = "2.08.02.2.01.0001", pd = "2.08.2.14.0.00.01.0000" }]
no_match = [{ text = "Penyusunan data gender", code = "2.08.02.2.01.0001", pd = "1.02.0.00.0.00.01.0000" }]
"""


def test_an_example_carries_the_pd_for_a_rule_scoped_by_pd(rules: Path) -> None:
    path = rules / "pd.toml"
    path.write_text(PD_RULE, encoding="utf-8")
    assert run("rules", "check", "--rules", str(rules)).exit_code == 0
    result = run("rules", "test", "--rules", str(rules), "-v")
    assert result.exit_code == 0, result.output
    assert (
        "LOLOS rules/pd.toml:1 [PD-DATA-GENDER] 'Penyusunan data gender' (kode 2.08.02.2.01.0001, PD "
        "2.08.2.14.0.00.01.0000): harus diputuskan PD-DATA-GENDER dengan status arg" in result.stdout
    ), result.stdout
    # without the PD the rule cannot fire, and the failure says what to write
    path.write_text(PD_RULE.replace(', pd = "2.08.2.14.0.00.01.0000"', ""), encoding="utf-8")
    result = run("rules", "test", "--rules", str(rules))
    assert result.exit_code == 1
    assert (
        "GAGAL rules/pd.toml:1 [PD-DATA-GENDER] 'Penyusunan data gender' (kode 2.08.02.2.01.0001): harus diputuskan "
        "PD-DATA-GENDER dengan status arg; hasil: arg, diputuskan PUG-KODE, terpicu PUG-KODE; aturan ini dibatasi "
        "scope.pd: "
        'tulis contoh sebagai { text = "...", code = "...", pd = "..." }' in result.stdout
    ), result.stdout


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ('pd = "1.02.0.00.0.00.01.0000"', 'kode_pd = "1.02.0.00.0.00.01.0000"'),
            "rules/pd.toml:13 [PD-DATA-GENDER]: galat: kunci contoh 'kode_pd' tidak dikenal. Saran: mungkin maksud "
            "Anda 'code'?",
        ),
        (
            ('pd = "1.02.0.00.0.00.01.0000"', "pd = 1.02"),
            "rules/pd.toml:13 [PD-DATA-GENDER]: galat: 'pd' dalam contoh harus berupa teks, bukan angka. Saran: "
            'tulis pd = "..."',
        ),
    ],
)
def test_the_keys_of_an_example_are_checked(rules: Path, edit: tuple[str, str], expected: str) -> None:
    assert edit[0] in PD_RULE
    (rules / "pd.toml").write_text(PD_RULE.replace(edit[0], edit[1]), encoding="utf-8")
    result = run("rules", "check", "--rules", str(rules))
    assert result.exit_code == 1
    assert expected in result.stdout, result.stdout


def test_a_rules_folder_in_the_working_folder_is_used_even_when_incomplete(tmp: Path) -> None:
    # without --rules, ./rules with any .toml is the rule set: its missing required files are errors, not a
    # silent fall back to the bundled set
    (tmp / "rules").mkdir()
    (tmp / "rules" / "README.md").write_text("catatan\n", encoding="utf-8")
    bundled = run("rules", "check")
    assert bundled.exit_code == 0, bundled.output
    assert not bundled.stdout.startswith("rules:"), bundled.stdout  # no .toml in ./rules: the bundled set
    shutil.copy(MINI / "arg.toml", tmp / "rules" / "arg.toml")
    result = run("rules", "check")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(
        "rules/abbreviations.toml: galat: berkas wajib tidak ada. Saran: salin dari folder aturan bawaan argtag ("
    ), result.stdout
    assert "rules/bidang_map.toml: galat: berkas wajib tidak ada." in result.stdout
    assert result.stdout.endswith("rules: aturan TIDAK sah; 3 aturan; 2 galat, 0 peringatan.\n"), result.stdout
    explained = run("explain", "Pelayanan KB")
    assert explained.exit_code == 2
    assert explained.stderr.startswith("Galat: rules: aturan tidak sah (2 galat)"), explained.stderr
    for name in ("abbreviations.toml", "bidang_map.toml"):
        shutil.copy(MINI / name, tmp / "rules" / name)
    complete = run("rules", "check")
    assert complete.stdout == "rules: aturan sah; 3 aturan; 0 galat, 0 peringatan.\n", complete.stdout

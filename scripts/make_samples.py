"""Write the synthetic budget-export samples in ``sample_rka/``.

The samples are for the fictional "PEMERINTAH KABUPATEN SUKAMAJU", budget years
2025 and 2026 (tahap murni). The sub-unit x sub-kegiatan structure is the real
2024 list of Kabupaten Madiun (``../shared/data/kab_madiun_2024_subkegiatan_per_subunit.csv``,
MIT, bappeda-dev-team/e-kak-backend) with its place names replaced by fictional
ones; every amount is invented. 2026 derives from 2025 (amount changes, renumbered,
renamed, dropped and added sub-kegiatan; the added ones come from
``nomenklatur_2021_kabkota_singasakti.csv``).

For each year ``<out>/<year>/`` gets four layouts, each PD in exactly one of them:

* ``rak_belanja_<year>.xlsx``: SIPD "RAK Belanja" download, one row per account line;
* ``rekap_rka/<kode_pd>_<slug>.xlsx``: hierarchical recap per PD with subtotal rows
  (dotted-code or five-column-code variant);
* ``sub_kegiatan_<year>.csv``: ``;``-separated Windows-1252 CSV of a local system;
* ``rincian/<kode_pd>_<slug>.xlsx``: RKA Rincian Belanja detail form.

The output is byte-identical on every run: fixed seeds, no clock, fixed xlsx
properties and zip timestamps. The generator deletes and rewrites only the year
folders it owns; ``<out>/README.md`` is left alone.

Usage: ``python scripts/make_samples.py [--out sample_rka] [--list-changes]``
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import math
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from argtag.report.xlsx_io import save_workbook as save_deterministic

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT.parent / "shared" / "data"
MADIUN_CSV = DATA_DIR / "kab_madiun_2024_subkegiatan_per_subunit.csv"
NOMENCLATURE_CSV = DATA_DIR / "nomenklatur_2021_kabkota_singasakti.csv"
DEFAULT_OUT = REPO_ROOT / "sample_rka"

YEARS = (2025, 2026)
BASE_YEAR = 2025
SEED = "argtag-sample-rka-v1"
CHANGES_SEED = 20260101
FIXED_DATETIME = datetime.datetime(2025, 1, 1, 0, 0, 0)

PEMDA = "PEMERINTAH KABUPATEN SUKAMAJU"
KABUPATEN = "Kabupaten Sukamaju"
THOUSAND = 1000

# --------------------------------------------------------------------------- names

PLACE_NAMES = {
    "Balerejo": "Cibiru Wetan",
    "Bangunsari": "Sukahurip",
    "Caruban": "Citarik",
    "Dagangan": "Mekarsari",
    "Dimong": "Pagerwangi",
    "Dolopo": "Sindangjaya",
    "Gantrung": "Cisalak Hilir",
    "Geger": "Tanjungwangi",
    "Gemarang": "Karangmulya",
    "Jetis": "Babakan Asri",
    "Jiwan": "Pasirjati",
    "Kaibon": "Mulyasari",
    "Kare": "Cikondang",
    "Kebonsari": "Sukaresmi",
    "Klagenserut": "Kedungwaru Lor",
    "Klecorejo": "Tegalsari Wetan",
    "Krajan": "Cikadu",
    "Krebet": "Ciparay Girang",
    "Madiun": "Sukamaju",
    "Mejayan": "Margaluyu",
    "Mlilir": "Jatimekar",
    "Mojopurno": "Rawamekar",
    "Munggut": "Pangauban",
    "Nglames": "Kertajaya",
    "Pandean": "Sukawening",
    "Pilangkenceng": "Wanasari Kidul",
    "Saradan": "Cilengkrang",
    "Sawahan": "Sumberwangi",
    "Simo": "Lembang Asri",
    "Sumbersari": "Ciherang Kulon",
    "Wonoasri": "Gunungsari Lor",
    "Wungu": "Rancamulya",
}
PLACE_PATTERN = re.compile(r"\b(" + "|".join(sorted(PLACE_NAMES, key=len, reverse=True)) + r")\b")
PLACE_PREFIXES = ("Kecamatan ", "Kelurahan ", "Puskesmas ", "RSUD ")
DESA_NAMES = (
    "Bojongsari",
    "Cijambe",
    "Karangtengah",
    "Mekarjaya",
    "Nagrak",
    "Pasirhalang",
    "Sindanglaya",
    "Sukatani",
    "Tegalwaru",
    "Wangunsari",
)
EN_DASH = "\u2013"
SQUARED = "\u00b2"
MODAL_HINT = re.compile(r"Pengadaan|Pembangunan|Peralatan|Rehabilitasi")
PD_RENAMES_2026 = {
    "2.16.2.20.2.21.01.0000": "Dinas Komunikasi, Informatika dan Statistik",
}

URUSAN_X_NAME = "URUSAN X.XX"
BIDANG_XX_NAME = "URUSAN PEMERINTAHAN BIDANG XX"

# --------------------------------------------------------------------------- layouts

LAYOUT_RAK = "rak"
LAYOUT_RECAP_DOTTED = "recap_dotted"
LAYOUT_RECAP_FIVE = "recap_five"
LAYOUT_CSV = "csv"
LAYOUT_DETAIL = "detail"

PD_LAYOUTS = {
    # A. account-level flat xlsx (SIPD "RAK Belanja")
    "1.01.2.22.0.00.01.0000": LAYOUT_RAK,  # Dinas Pendidikan dan Kebudayaan
    "1.02.0.00.0.00.01.0000": LAYOUT_RAK,  # Dinas Kesehatan (+ Puskesmas, RSUD)
    "1.03.0.00.0.00.01.0000": LAYOUT_RAK,  # Dinas PUPR
    "1.04.2.10.0.00.01.0000": LAYOUT_RAK,  # Dinas Perumahan dan Kawasan Permukiman
    "1.05.0.00.0.00.02.0000": LAYOUT_RAK,  # Satpol PP dan Damkar
    "1.06.0.00.0.00.01.0000": LAYOUT_RAK,  # Dinas Sosial
    "2.07.3.31.3.32.01.0000": LAYOUT_RAK,  # Dinas Tenaga Kerja dan Perindustrian
    "2.11.0.00.0.00.01.0000": LAYOUT_RAK,  # Dinas Lingkungan Hidup
    "2.12.0.00.0.00.01.0000": LAYOUT_RAK,  # Dinas Dukcapil
    "5.02.0.00.0.00.01.0000": LAYOUT_RAK,  # BPKAD
    "5.02.0.00.0.00.02.0000": LAYOUT_RAK,  # Badan Pendapatan Daerah
    "7.01.0.00.0.00.12.0000": LAYOUT_RAK,  # Kecamatan (Kare)
    "7.01.0.00.0.00.13.0000": LAYOUT_RAK,  # Kecamatan (Madiun)
    "7.01.0.00.0.00.15.0000": LAYOUT_RAK,  # Kecamatan (Pilangkenceng)
    "7.01.0.00.0.00.16.0000": LAYOUT_RAK,  # Kecamatan (Sawahan)
    # B. hierarchical recap per PD, dotted code column
    "1.05.0.00.0.00.03.0000": LAYOUT_RECAP_DOTTED,  # BPBD
    "2.13.0.00.0.00.01.0000": LAYOUT_RECAP_DOTTED,  # Dinas PMD
    "2.16.2.20.2.21.01.0000": LAYOUT_RECAP_DOTTED,  # Dinas Kominfo (renamed 2026)
    "2.18.0.00.0.00.01.0000": LAYOUT_RECAP_DOTTED,  # DPMPTSP
    "2.19.3.26.0.00.01.0000": LAYOUT_RECAP_DOTTED,  # Dinas Pariwisata Pemuda dan Olah Raga
    "4.02.0.00.0.00.04.0000": LAYOUT_RECAP_DOTTED,  # Sekretariat DPRD
    "7.01.0.00.0.00.18.0000": LAYOUT_RECAP_DOTTED,  # Kecamatan (Wungu) + 2 kelurahan
    "7.01.0.00.0.00.19.0000": LAYOUT_RECAP_DOTTED,  # Kecamatan (Wonoasri)
    # B. hierarchical recap per PD, five code columns
    "2.09.3.27.0.00.01.0000": LAYOUT_RECAP_FIVE,  # Dinas Ketahanan Pangan dan Peternakan
    "2.14.2.08.0.00.01.0000": LAYOUT_RECAP_FIVE,  # DP3AP2KB
    "2.17.3.30.0.00.01.0000": LAYOUT_RECAP_FIVE,  # Dinas Perdagangan, Koperasi dan UM
    "3.27.3.25.0.00.01.0000": LAYOUT_RECAP_FIVE,  # Dinas Pertanian dan Perikanan
    "4.01.5.06.0.00.03.0000": LAYOUT_RECAP_FIVE,  # Sekretariat Daerah (9 bagian)
    "5.01.5.05.0.00.01.0000": LAYOUT_RECAP_FIVE,  # Bappedalitbang (X | XX literal)
    "5.03.5.04.0.00.01.0000": LAYOUT_RECAP_FIVE,  # BKPSDM
    "7.01.0.00.0.00.17.0000": LAYOUT_RECAP_FIVE,  # Kecamatan (Saradan)
    # C. ;-separated Windows-1252 CSV
    "2.15.0.00.0.00.01.0000": LAYOUT_CSV,  # Dinas Perhubungan
    "2.23.2.24.0.00.01.0000": LAYOUT_CSV,  # Dinas Perpustakaan dan Kearsipan
    "7.01.0.00.0.00.05.0000": LAYOUT_CSV,  # Kecamatan (Balerejo)
    "7.01.0.00.0.00.06.0000": LAYOUT_CSV,  # Kecamatan (Dagangan)
    "7.01.0.00.0.00.07.0000": LAYOUT_CSV,  # Kecamatan (Dolopo) + 2 kelurahan
    "7.01.0.00.0.00.08.0000": LAYOUT_CSV,  # Kecamatan (Geger)
    "7.01.0.00.0.00.09.0000": LAYOUT_CSV,  # Kecamatan (Gemarang)
    "7.01.0.00.0.00.10.0000": LAYOUT_CSV,  # Kecamatan (Jiwan)
    "7.01.0.00.0.00.11.0000": LAYOUT_CSV,  # Kecamatan (Kebonsari)
    "7.01.0.00.0.00.14.0000": LAYOUT_CSV,  # Kecamatan (Mejayan) + 3 kelurahan
    # D. detail form (RKA Rincian Belanja)
    "6.01.0.00.0.00.01.0000": LAYOUT_DETAIL,  # Inspektorat
    "8.01.0.00.0.00.01.0000": LAYOUT_DETAIL,  # Badan Kesatuan Bangsa dan Politik
}
LITERAL_X_PD = "5.01.5.05.0.00.01.0000"

# --------------------------------------------------------------------------- accounts

ACC_GAJI = "5.1.01.01.01.0001"
ACC_ATK = "5.1.02.01.01.0024"
ACC_MAMIN = "5.1.02.01.01.0052"
ACC_JASA_ADM = "5.1.02.02.01.0026"
ACC_PERJADIN = "5.1.02.04.01.0001"
ACC_MODAL = "5.2.02.05.01.0005"
OPERASI_ACCOUNTS = (ACC_ATK, ACC_MAMIN, ACC_JASA_ADM, ACC_PERJADIN)

ACCOUNT_NAMES = {
    "5": "BELANJA DAERAH",
    "5.1": "BELANJA OPERASI",
    "5.1.01": "Belanja Pegawai",
    "5.1.01.01": "Belanja Gaji dan Tunjangan ASN",
    "5.1.01.01.01": "Belanja Gaji Pokok ASN",
    ACC_GAJI: "Belanja Gaji Pokok PNS",
    "5.1.02": "Belanja Barang dan Jasa",
    "5.1.02.01": "Belanja Barang",
    "5.1.02.01.01": "Belanja Barang Pakai Habis",
    ACC_ATK: "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
    ACC_MAMIN: "Belanja Makanan dan Minuman Rapat",
    "5.1.02.02": "Belanja Jasa",
    "5.1.02.02.01": "Belanja Jasa Kantor",
    ACC_JASA_ADM: "Belanja Jasa Tenaga Administrasi",
    "5.1.02.04": "Belanja Perjalanan Dinas",
    "5.1.02.04.01": "Belanja Perjalanan Dinas Dalam Negeri",
    ACC_PERJADIN: "Belanja Perjalanan Dinas Biasa",
    "5.2": "BELANJA MODAL",
    "5.2.02": "Belanja Modal Peralatan dan Mesin",
    "5.2.02.05": "Belanja Modal Alat Kantor dan Rumah Tangga",
    "5.2.02.05.01": "Belanja Modal Alat Kantor",
    ACC_MODAL: "Belanja Modal Alat Kantor Lainnya",
}


@dataclass(frozen=True)
class ItemSpec:
    """A priced item that can appear under an account in the detail form."""

    uraian: str
    satuan: str
    harga: int


@dataclass(frozen=True)
class AccountDetail:
    """Group labels and item catalogue of one account in the detail form."""

    group: str
    subgroup: str
    items: tuple[ItemSpec, ...]


ACCOUNT_DETAILS = {
    ACC_GAJI: AccountDetail("Gaji Pokok", "Gaji Pokok PNS", (ItemSpec("Gaji Pokok PNS", "Orang / Bulan", 4_000_000),)),
    ACC_ATK: AccountDetail(
        "Alat Tulis Kantor",
        "Kebutuhan ATK Kegiatan",
        (
            ItemSpec("Kertas HVS A4 80 gram", "Rim", 55_000),
            ItemSpec("Tinta Printer", "Botol", 95_000),
            ItemSpec("Map Snelhecter", "Pak", 45_000),
        ),
    ),
    ACC_MAMIN: AccountDetail(
        "Makanan dan Minuman Rapat",
        "Rapat Koordinasi",
        (ItemSpec("Nasi Kotak", "Kotak", 35_000), ItemSpec("Kudapan Rapat", "Kotak", 15_000)),
    ),
    ACC_JASA_ADM: AccountDetail(
        "Honorarium Tenaga Pendukung",
        "Tenaga Administrasi Kegiatan",
        (ItemSpec("Tenaga Administrasi", "Orang / Bulan", 2_500_000),),
    ),
    ACC_PERJADIN: AccountDetail(
        "Perjalanan Dinas Dalam Daerah",
        "Koordinasi dan Konsultasi",
        (
            ItemSpec("Uang Harian Perjalanan Dinas", "Orang / Kali", 150_000),
            ItemSpec("Biaya Transport", "Orang / Kali", 100_000),
        ),
    ),
    ACC_MODAL: AccountDetail(
        "Peralatan Kantor",
        "Pengadaan Alat Kantor",
        (ItemSpec("Lemari Arsip", "Unit", 3_500_000), ItemSpec("Filing Cabinet", "Unit", 4_200_000)),
    ),
}
MAX_KOEFISIEN = 5000

SUMBER_DANA_PENUNJANG = (("DAU", 3), ("PAD", 1))
SUMBER_DANA_DEFAULT = (("DAU", 12), ("PAD", 5), ("DBHCHT", 1), ("BK Provinsi", 1))
SUMBER_DANA_HEALTH = (("DAK Non Fisik", 3), ("DAU", 4), ("PAD", 2), ("DBHCHT", 1))
SUMBER_DANA_MODAL = (("DAK Fisik", 3), ("DAU", 4), ("PAD", 2), ("BK Provinsi", 1))

# --------------------------------------------------------------------------- 2026 changes

RENUMBER_SHARE = 0.03
RENAME_SHARE = 0.03
DROP_SHARE = 0.04
ADD_SHARE = 0.04
TRAP_WORDS = ("peralatan rumah tangga", "nonformal", "kesetaraan", "industri rumah tangga")
RENAME_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^(Pengelolaan Pelayanan Kesehatan) (?=Orang |Penduduk |Balita|Bayi )", r"\1 bagi "),
        (r"^Pelaksanaan ", "Penyelenggaraan "),
        (r"^Penyelenggaraan ", "Pelaksanaan "),
        (r"^Pembinaan (?!dan )", "Pembinaan dan Pengawasan "),
        (r"^Peningkatan Kapasitas ", "Penguatan Kapasitas "),
        (r"^Penyusunan (?!dan )", "Penyusunan dan Penetapan "),
        (r"^Koordinasi dan Sinkronisasi ", "Koordinasi, Sinkronisasi, dan Evaluasi "),
        (r"^Fasilitasi (?!dan )", "Fasilitasi dan Pendampingan "),
        (r"^Pengembangan (?!dan )", "Peningkatan dan Pengembangan "),
        (r"^Pendataan (?!dan )", "Pendataan dan Pemutakhiran "),
        (r"^Pengawasan (?!dan )", "Pengawasan dan Pengendalian "),
        (r"^Penyediaan ", "Pemenuhan "),
        (r"(?<!Daerah )Kabupaten/Kota", "Daerah Kabupaten/Kota"),
    )
)


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Source:
    """One de-duplicated sub-unit x sub-kegiatan row of the Madiun list, fictionalised."""

    pd_code: str
    pd_name: str
    unit_code: str
    unit_name: str
    bidang_code: str
    bidang_name: str
    prog_code: str
    prog_name: str
    keg_code: str
    keg_name: str
    sub_code: str
    sub_name: str


@dataclass(frozen=True)
class Line:
    """One sub-unit x sub-kegiatan of one budget year, with its account amounts."""

    src: Source
    sumber_dana: str
    lokasi: str
    accounts: tuple[tuple[str, int], ...]
    next_year: int
    prev_total: int | None

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.accounts)

    def amount_of(self, prefix: str) -> int:
        return sum(amount for code, amount in self.accounts if code.startswith(prefix + "."))

    def amounts(self) -> tuple[int, ...]:
        """Operasi, modal, tidak terduga, transfer, jumlah, T+1."""
        return (
            self.amount_of("5.1"),
            self.amount_of("5.2"),
            self.amount_of("5.3"),
            self.amount_of("5.4"),
            self.total,
            self.next_year,
        )


@dataclass(frozen=True)
class Reference:
    """Names looked up by code, from the Madiun list and the 2021 nomenclature."""

    urusan: dict[str, str]
    bidang: dict[str, str]
    program: dict[str, str]
    kegiatan: dict[str, str]
    nomen_kegiatan: dict[str, str]
    nomen_sub: tuple[tuple[str, str], ...]
    vocabulary: dict[str, str]


@dataclass(frozen=True)
class Changes:
    """The 2026 nomenclature and portfolio changes against 2025."""

    renumbered: dict[str, str]
    renamed: dict[str, str]
    dropped: frozenset[tuple[str, str]]
    added: tuple[Source, ...]


@dataclass(frozen=True)
class FileSummary:
    """What one written file holds, for the console summary."""

    path: str
    rows: int
    total: int


# --------------------------------------------------------------------------- helpers


def rng_for(*parts: object) -> Random:
    """A random generator seeded from fixed parts only (independent of call order)."""
    return Random("|".join([SEED, *(str(part) for part in parts)]))


def bidang_of(pd_code: str) -> str:
    return ".".join(pd_code.split(".")[:2])


def resolve(code: str, pd_code: str) -> str:
    """Replace the generic ``X.XX`` of a Program Penunjang code by the PD's bidang."""
    if code.startswith("X.XX"):
        return bidang_of(pd_code) + code[4:]
    return code


def pad_code(code: str) -> str:
    """``1.02.02.2.01.01`` -> ``1.02.02.2.01.0001``."""
    head, last = code.rsplit(".", 1)
    return f"{head}.{last.zfill(4)}"


def resolved_code(src: Source) -> str:
    return resolve(src.sub_code, src.pd_code)


def is_penunjang(code: str) -> bool:
    return code.startswith("X.") or code.split(".")[2] == "01"


def is_gaji(name: str) -> bool:
    return name.startswith("Penyediaan Gaji dan Tunjangan")


def round_thousand(value: float) -> int:
    return max(THOUSAND, round(value / THOUSAND) * THOUSAND)


def rupiah_text(amount: int) -> str:
    """Indonesian thousands grouping: ``1.234.567``."""
    return f"{amount:,}".replace(",", ".")


def fictional_name(name: str) -> str:
    """Replace real place names in kecamatan/kelurahan/puskesmas/RSUD names."""
    if not name.startswith(PLACE_PREFIXES):
        return name
    new = PLACE_PATTERN.sub(lambda match: PLACE_NAMES[match.group(1)], name)
    if new == name:
        raise ValueError(f"no fictional place name for {name!r}")
    return new


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def normalised_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def weighted_choice(rng: Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([name for name, _ in options], weights=[w for _, w in options])[0]


# --------------------------------------------------------------------------- loading


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_sources(rows: Iterable[dict[str, str]]) -> list[Source]:
    """Fictionalise place names and drop exact duplicate pairs (the list has 23)."""
    seen: set[tuple[str, str]] = set()
    sources = []
    for row in rows:
        key = (row["kode_sub_unit"], row["kode_sub_kegiatan"])
        if key in seen:
            continue
        seen.add(key)
        sources.append(
            Source(
                pd_code=row["kode_opd"],
                pd_name=fictional_name(row["nama_opd"]),
                unit_code=row["kode_sub_unit"],
                unit_name=fictional_name(row["nama_sub_unit"]),
                bidang_code=row["kode_bidang_urusan"],
                bidang_name=row["nama_bidang_urusan"],
                prog_code=row["kode_program"],
                prog_name=row["nama_program"],
                keg_code=row["kode_kegiatan"],
                keg_name=row["nama_kegiatan"],
                sub_code=row["kode_sub_kegiatan"],
                sub_name=row["nama_sub_kegiatan"],
            )
        )
    return sorted(sources, key=lambda s: (s.pd_code, s.unit_code, resolved_code(s)))


def build_vocabulary(sources: Iterable[Source]) -> dict[str, str]:
    """Most frequent spelling of every word of the (mixed-case) Madiun names."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for source in sources:
        for name in (source.keg_name, source.sub_name):
            for word in re.findall(r"[A-Za-z0-9]+", name):
                spellings[word.lower()][word] += 1
    return {
        word: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0] for word, counter in spellings.items()
    }


def load_reference(sources: Sequence[Source], nomen_rows: Iterable[dict[str, str]]) -> Reference:
    urusan: dict[str, str] = {"X": URUSAN_X_NAME}
    nomen_kegiatan: dict[str, str] = {}
    nomen_sub: list[tuple[str, str]] = []
    for row in nomen_rows:
        if row["level"] == "urusan":
            urusan[row["code_normalized"]] = row["name"]
        elif row["level"] == "kegiatan":
            nomen_kegiatan[row["code_normalized"]] = row["name"]
        elif row["level"] == "sub_kegiatan":
            nomen_sub.append((row["code_normalized"], row["name"]))
    return Reference(
        urusan=urusan,
        bidang={s.bidang_code: s.bidang_name for s in sources},
        program={s.prog_code: s.prog_name for s in sources},
        kegiatan={s.keg_code: s.keg_name for s in sources},
        nomen_kegiatan=nomen_kegiatan,
        nomen_sub=tuple(sorted(nomen_sub)),
        vocabulary=build_vocabulary(sources),
    )


def title_case(name: str, vocabulary: dict[str, str]) -> str | None:
    """Re-case a lower-case nomenclature name with the Madiun spellings, or None."""
    if name != name.lower():
        return name.strip()
    words = []
    for word in name.split():
        spelled = vocabulary.get(word)
        if spelled is None:
            return None
        words.append(spelled)
    if not words:
        return None
    words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words)


# --------------------------------------------------------------------------- amounts


def draw_total(rng: Random, src: Source) -> int:
    main_unit = src.unit_code == src.pd_code or src.pd_code.startswith("4.01")
    if is_gaji(src.sub_name):
        scale = {"1.01": 25.0, "1.02": 6.0, "4.01": 2.0, "4.02": 2.0}.get(bidang_of(src.pd_code), 1.0)
        return round_thousand(rng.uniform(1.8e9, 8.5e9) * scale)
    high = 3.5e9 if main_unit else 6.0e8
    if is_penunjang(src.sub_code):
        high = min(high, 1.2e9)
    return round_thousand(math.exp(rng.uniform(math.log(5.0e6), math.log(high))))


def split_thousands(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` (a multiple of 1.000) into positive multiples of 1.000."""
    units = total // THOUSAND
    weight_sum = sum(weights)
    parts = [max(1, int(units * weight / weight_sum)) for weight in weights]
    largest = parts.index(max(parts))
    parts[largest] += units - sum(parts)
    if min(parts) < 1:
        raise ValueError(f"cannot split {total} into {len(weights)} parts")
    return [part * THOUSAND for part in parts]


def draw_accounts(rng: Random, src: Source) -> tuple[tuple[str, int], ...]:
    total = draw_total(rng, src)
    if is_gaji(src.sub_name):
        codes = [ACC_GAJI, *sorted(rng.sample(OPERASI_ACCOUNTS, rng.randint(1, 3)))]
        weights = [60.0] + [rng.uniform(0.2, 1.0) for _ in codes[1:]]
    else:
        modal_chance = 0.5 if MODAL_HINT.search(src.sub_name) else 0.12
        has_modal = rng.random() < modal_chance
        operasi = sorted(rng.sample(OPERASI_ACCOUNTS, rng.randint(1 if has_modal else 2, 4)))
        codes = operasi + ([ACC_MODAL] if has_modal else [])
        weights = [rng.uniform(0.3, 2.0) * (3.0 if code == ACC_MODAL else 1.0) for code in codes]
    return tuple(zip(codes, split_thousands(total, weights), strict=True))


def draw_sumber_dana(rng: Random, src: Source, accounts: Sequence[tuple[str, int]]) -> str:
    if is_gaji(src.sub_name):
        return "DAU"
    if is_penunjang(src.sub_code):
        return weighted_choice(rng, SUMBER_DANA_PENUNJANG)
    if any(code == ACC_MODAL for code, _ in accounts):
        return weighted_choice(rng, SUMBER_DANA_MODAL)
    if bidang_of(src.pd_code) == "1.02" and not is_penunjang(src.sub_code):
        return weighted_choice(rng, SUMBER_DANA_HEALTH)
    return weighted_choice(rng, SUMBER_DANA_DEFAULT)


def kecamatan_names(sources: Iterable[Source]) -> list[str]:
    return sorted({s.pd_name for s in sources if s.pd_name.startswith("Kecamatan ")})


def draw_lokasi(rng: Random, src: Source, kecamatan: Sequence[str]) -> str:
    if src.unit_name.startswith(("Kecamatan ", "Kelurahan ")):
        base = src.unit_name
    elif src.unit_name.startswith(("Puskesmas ", "RSUD ")) or is_penunjang(src.sub_code):
        base = KABUPATEN
    else:
        base = KABUPATEN if rng.random() < 0.75 else rng.choice(kecamatan)
    if is_penunjang(src.sub_code):
        return base
    roll = rng.random()
    if roll < 0.03:
        return f"{base} {EN_DASH} Desa {rng.choice(DESA_NAMES)}"
    if roll < 0.05:
        return f"{base} (Lahan {rng.choice((120, 250, 480, 1250))} m{SQUARED})"
    return base


def draw_next_year(rng: Random, total: int) -> int:
    return round_thousand(total * rng.uniform(1.0, 1.1))


def new_line(src: Source, year: int, kecamatan: Sequence[str], prev_total: int | None) -> Line:
    rng = rng_for("line", year, src.unit_code, src.sub_code)
    accounts = draw_accounts(rng, src)
    return Line(
        src=src,
        sumber_dana=draw_sumber_dana(rng, src, accounts),
        lokasi=draw_lokasi(rng, src, kecamatan),
        accounts=accounts,
        next_year=draw_next_year(rng, sum(a for _, a in accounts)),
        prev_total=prev_total,
    )


def build_base_year(sources: Sequence[Source]) -> list[Line]:
    kecamatan = kecamatan_names(sources)
    return [new_line(src, BASE_YEAR, kecamatan, None) for src in sources]


# --------------------------------------------------------------------------- 2026


def is_protected(src: Source) -> bool:
    """Lines that must stay unchanged in 2026 (gender-relevant and the traps)."""
    name = src.sub_name.casefold()
    return (
        src.pd_code.startswith("2.14.2.08")
        or (bidang_of(src.pd_code) == "1.02" and ("ibu hamil" in name or "ibu bersalin" in name))
        or (bidang_of(src.pd_code) == "2.13" and "pkk" in name)
        or any(word in name for word in TRAP_WORDS)
    )


def rename(name: str, rng: Random) -> str | None:
    for pattern, replacement in rng.sample(RENAME_RULES, len(RENAME_RULES)):
        new = pattern.sub(replacement, name, count=1)
        if new != name:
            return new
    return None


def new_number(code: str, used: set[str], rng: Random) -> str:
    prefix = code.rsplit(".", 1)[0]
    numbers = [int(c.rsplit(".", 1)[1]) for c in used if c.rsplit(".", 1)[0] == prefix]
    number = max(numbers) + rng.randint(1, 4)
    while f"{prefix}.{number:04d}" in used:
        number += 1
    return f"{prefix}.{number:04d}"


def addition_candidates(lines: Sequence[Line], ref: Reference, used: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Unused real kab/kota sub-kegiatan (code, name) per PD, of the PD's own bidang."""
    bidang_per_pd: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        bidang_per_pd[line.src.pd_code].add(bidang_of(resolve(line.src.sub_code, line.src.pd_code)))
    used_names = {normalised_words(line.src.sub_name) for line in lines}
    by_bidang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, raw_name in ref.nomen_sub:
        padded = pad_code(code)
        prog, keg = ".".join(padded.split(".")[:3]), ".".join(padded.split(".")[:5])
        name = title_case(raw_name, ref.vocabulary)
        keg_name = ref.kegiatan.get(keg) or title_case(ref.nomen_kegiatan.get(keg, ""), ref.vocabulary)
        if (
            is_penunjang(padded)
            or padded in used
            or name is None
            or keg_name is None
            or prog not in ref.program
            or normalised_words(raw_name) in used_names
        ):
            continue
        by_bidang[bidang_of(padded)].append((padded, name))
    return {
        pd: sorted(c for bidang in sorted(bidangs) for c in by_bidang.get(bidang, []))
        for pd, bidangs in sorted(bidang_per_pd.items())
    }


def plan_additions(lines: Sequence[Line], ref: Reference, used: set[str], rng: Random) -> tuple[Source, ...]:
    candidates = addition_candidates(lines, ref, used)
    units_per_pd: dict[str, list[Source]] = defaultdict(list)
    for line in lines:
        if line.src.unit_code not in {u.unit_code for u in units_per_pd[line.src.pd_code]}:
            units_per_pd[line.src.pd_code].append(line.src)
    size = Counter(pd for pd, _ in {(line.src.pd_code, line.src.sub_code) for line in lines})
    taken: set[str] = set()
    added = []
    for _ in range(round(ADD_SHARE * len(lines))):
        open_pds = [pd for pd in sorted(candidates) if any(c not in taken for c, _ in candidates[pd])]
        pd = rng.choices(open_pds, weights=[size[pd] for pd in open_pds])[0]
        code, name = rng.choice([c for c in candidates[pd] if c[0] not in taken])
        taken.add(code)
        units = units_per_pd[pd]
        unit = next((u for u in units if u.unit_code == pd), None) or rng.choice(units)
        prog, keg = ".".join(code.split(".")[:3]), ".".join(code.split(".")[:5])
        keg_name = ref.kegiatan.get(keg) or title_case(ref.nomen_kegiatan[keg], ref.vocabulary)
        bidang = bidang_of(code)
        added.append(
            replace(
                unit,
                bidang_code=bidang,
                bidang_name=ref.bidang[bidang],
                prog_code=prog,
                prog_name=ref.program[prog],
                keg_code=keg,
                keg_name=keg_name or "",
                sub_code=code,
                sub_name=name,
            )
        )
    return tuple(sorted(added, key=lambda s: (s.pd_code, s.unit_code, s.sub_code)))


def plan_changes(lines: Sequence[Line], ref: Reference) -> Changes:
    rng = Random(CHANGES_SEED)
    all_codes = sorted({line.src.sub_code for line in lines})
    protected = {line.src.sub_code for line in lines if is_protected(line.src)}
    eligible = [
        code
        for code in sorted({line.src.sub_code for line in lines if not is_gaji(line.src.sub_name)})
        if not is_penunjang(code) and code not in protected
    ]
    names = {line.src.sub_code: line.src.sub_name for line in lines}
    shuffled = rng.sample(eligible, len(eligible))
    n_renumber = round(RENUMBER_SHARE * len(all_codes))
    used = {resolve(line.src.sub_code, line.src.pd_code) for line in lines}
    nomen_codes = {pad_code(code) for code, _ in ref.nomen_sub}
    renumbered = {}
    for code in sorted(shuffled[:n_renumber]):
        renumbered[code] = new_number(code, used | nomen_codes, rng)
        used.add(renumbered[code])
    renamed: dict[str, str] = {}
    for code in shuffled[n_renumber:]:
        if len(renamed) == round(RENAME_SHARE * len(all_codes)):
            break
        new_name = rename(names[code], rng)
        if new_name is not None:
            renamed[code] = new_name
    unchanged = set(eligible) - set(renumbered) - set(renamed)
    droppable = [(line.src.unit_code, line.src.sub_code) for line in lines if line.src.sub_code in unchanged]
    dropped = frozenset(rng.sample(droppable, round(DROP_SHARE * len(lines))))
    added = plan_additions(lines, ref, used, rng)
    return Changes(renumbered, dict(sorted(renamed.items())), dropped, added)


def next_year_line(line: Line, changes: Changes, year: int) -> Line:
    src = line.src
    rng = rng_for("next", year, src.unit_code, src.sub_code)
    factor = rng.uniform(0.80, 1.25)
    accounts = tuple((code, round_thousand(amount * factor)) for code, amount in line.accounts)
    new_src = replace(
        src,
        sub_code=changes.renumbered.get(src.sub_code, src.sub_code),
        sub_name=changes.renamed.get(src.sub_code, src.sub_name),
    )
    pd_name = PD_RENAMES_2026.get(src.pd_code)
    if pd_name is not None:
        unit_name = pd_name if src.unit_name == src.pd_name else src.unit_name
        new_src = replace(new_src, pd_name=pd_name, unit_name=unit_name)
    return replace(
        line,
        src=new_src,
        accounts=accounts,
        next_year=draw_next_year(rng, sum(a for _, a in accounts)),
        prev_total=line.total,
    )


def build_next_year(lines: Sequence[Line], changes: Changes, year: int) -> list[Line]:
    kecamatan = kecamatan_names(line.src for line in lines)
    kept = [
        next_year_line(line, changes, year)
        for line in lines
        if (line.src.unit_code, line.src.sub_code) not in changes.dropped
    ]
    added = []
    for src in changes.added:
        pd_name = PD_RENAMES_2026.get(src.pd_code)
        if pd_name is not None:
            unit_name = pd_name if src.unit_code == src.pd_code else src.unit_name
            src = replace(src, pd_name=pd_name, unit_name=unit_name)
        added.append(new_line(src, year, kecamatan, None))
    return sort_lines(kept + added)


def sort_lines(lines: Iterable[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: (line.src.pd_code, line.src.unit_code, resolved_code(line.src)))


# --------------------------------------------------------------------------- xlsx output


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save with fixed properties, fixed zip timestamps and a fixed entry order."""
    save_deterministic(workbook, path, FIXED_DATETIME, creator="argtag scripts/make_samples.py")


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    return workbook, sheet


def set_widths(sheet: Worksheet, widths: Mapping[str, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def format_amounts(sheet: Worksheet, row: int, first_col: int, last_col: int) -> None:
    for col in range(first_col, last_col + 1):
        sheet.cell(row=row, column=col).number_format = "#,##0"


# --------------------------------------------------------------------------- A. RAK Belanja

RAK_HEADER = [
    "Tahun", "Daerah", "Kode Urusan", "Nama Urusan", "Kode Bidang Urusan", "Nama Bidang Urusan",
    "Kode SKPD", "Nama SKPD", "Kode Sub SKPD", "Nama Sub SKPD", "Kode Program", "Nama Program",
    "Kode Kegiatan", "Nama Kegiatan", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun",
    "Nama Akun", "Nilai Rincian", "Total RAK", *(f"bulan{month}" for month in range(1, 13)),
]  # fmt: skip
RAK_AMOUNT_COL = RAK_HEADER.index("Nilai Rincian") + 1


def split_months(rng: Random, amount: int, account: str) -> list[int]:
    """Twelve non-negative monthly amounts (multiples of 1.000 where possible) summing to amount."""
    if account == ACC_GAJI:
        weights = [1.0] * 12
    else:
        start = rng.randint(0, 8)
        end = rng.randint(start + 1, 12)
        weights = [rng.uniform(0.5, 2.0) if start <= month < end else 0.0 for month in range(12)]
    units = amount // THOUSAND
    weight_sum = sum(weights)
    months = [int(units * w / weight_sum) * THOUSAND for w in weights]
    last = max(i for i, w in enumerate(weights) if w > 0)
    months[last] += amount - sum(months)
    return months


def rak_sub_code(line: Line, year: int, account: str) -> str:
    roll = rng_for("dirt", year, line.src.unit_code, line.src.sub_code, account).random()
    if roll < 0.005:
        return line.src.sub_code + " "
    if roll < 0.01:
        return line.src.sub_code + "\u00a0"
    return line.src.sub_code


def rak_rows(lines: Sequence[Line], year: int, ref: Reference) -> Iterator[tuple[list[object], list[int]]]:
    """Text cells and amount cells (Nilai Rincian, Total RAK, bulan1..12) of every account line."""
    for line in lines:
        src = line.src
        urusan = src.sub_code.split(".")[0]
        for account, amount in line.accounts:
            months = split_months(rng_for("rak", year, src.unit_code, src.sub_code, account), amount, account)
            texts: list[object] = [
                year, KABUPATEN, urusan, ref.urusan[urusan], src.bidang_code, src.bidang_name,
                src.pd_code, src.pd_name, src.unit_code, src.unit_name, src.prog_code, src.prog_name,
                src.keg_code, src.keg_name, rak_sub_code(line, year, account), src.sub_name, account,
                ACCOUNT_NAMES[account],
            ]  # fmt: skip
            yield texts, [amount, amount, *months]


def write_rak(path: Path, year: int, lines: Sequence[Line], ref: Reference) -> FileSummary:
    workbook, sheet = new_sheet("RAK Belanja")
    for title in ("RENCANA ANGGARAN KAS (RAK) BELANJA", PEMDA, f"TAHUN ANGGARAN {year}"):
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append(RAK_HEADER)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    totals = [0] * 14
    count = 0
    for texts, amounts in rak_rows(lines, year, ref):
        sheet.append([*texts, *amounts])
        totals = [a + b for a, b in zip(totals, amounts, strict=True)]
        count += 1
    sheet.append(["JUMLAH", *([None] * (RAK_AMOUNT_COL - 2)), *totals])
    last = sheet.max_row
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=RAK_AMOUNT_COL - 1)
    sheet.cell(row=last, column=1).font = Font(bold=True)
    for row_number in range(6, last + 1):
        format_amounts(sheet, row_number, RAK_AMOUNT_COL, len(RAK_HEADER))
    set_widths(sheet, {"H": 40, "J": 40, "L": 40, "N": 40, "O": 20, "P": 60, "R": 45, "S": 16, "T": 16})
    save_workbook(workbook, path)
    return FileSummary(str(path), count, totals[0])


# --------------------------------------------------------------------------- B. recap per PD

RECAP_AMOUNT_LABELS = [
    "Belanja Operasi", "Belanja Modal", "Belanja Tidak Terduga", "Belanja Transfer", "Jumlah",
]  # fmt: skip
FIVE_CODE_LABELS = ["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan"]


@dataclass(frozen=True)
class RecapRow:
    """One row of the recap table: code, uraian, optional sumber dana/lokasi, amounts."""

    code: tuple[str, ...]
    uraian: str
    sumber_dana: str | None
    lokasi: str | None
    amounts: tuple[int, ...]


def add_amounts(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def sum_amounts(lines: Iterable[Line]) -> tuple[int, ...]:
    total: tuple[int, ...] = (0,) * 6
    for line in lines:
        total = add_amounts(total, line.amounts())
    return total


def code_levels(code: str) -> list[str]:
    """Dotted prefixes of a sub-kegiatan code: urusan, bidang, program, kegiatan, sub."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in (1, 2, 3, 5, 6)]


def five_cells(dotted: str) -> tuple[str, ...]:
    parts = dotted.split(".")
    cells = [parts[0]]
    if len(parts) > 1:
        cells.append(parts[1])
    if len(parts) > 2:
        cells.append(parts[2])
    if len(parts) > 4:
        cells.append(f"{parts[3]}.{parts[4]}")
    if len(parts) > 5:
        cells.append(parts[5])
    return tuple(cells)


def level_name(level: int, prefix: str, line: Line, ref: Reference) -> str:
    if level == 0:
        return ref.urusan[prefix]
    if level == 1:
        return ref.bidang[prefix]
    return (line.src.prog_name, line.src.keg_name, line.src.sub_name)[level - 2]


def recap_code(line: Line, literal_x: bool) -> str:
    return line.src.sub_code if literal_x else resolve(line.src.sub_code, line.src.pd_code)


def recap_unit_rows(lines: Sequence[Line], ref: Reference, five: bool, literal_x: bool) -> list[RecapRow]:
    ordered = sorted(lines, key=lambda line: recap_code(line, literal_x))
    sums: dict[str, tuple[int, ...]] = defaultdict(lambda: (0,) * 6)
    for line in ordered:
        for prefix in code_levels(recap_code(line, literal_x)):
            sums[prefix] = add_amounts(sums[prefix], line.amounts())
    first = ordered[0].src
    rows = [RecapRow((first.unit_code,), first.unit_name, None, None, sum_amounts(ordered))]
    emitted: set[str] = set()
    for line in ordered:
        for level, prefix in enumerate(code_levels(recap_code(line, literal_x))):
            if prefix in emitted:
                continue
            emitted.add(prefix)
            is_sub = level == 4
            rows.append(
                RecapRow(
                    five_cells(prefix) if five else (prefix,),
                    level_name(level, prefix, line, ref),
                    line.sumber_dana if is_sub else None,
                    line.lokasi if is_sub else None,
                    sums[prefix],
                )
            )
    return rows


def write_recap_header(sheet: Worksheet, year: int, pd_code: str, pd_name: str, five: bool) -> int:
    code_cols = 5 if five else 1
    width = code_cols + 3 + 6
    titles = [
        "REKAPITULASI RENCANA KERJA DAN ANGGARAN BELANJA SATUAN KERJA PERANGKAT DAERAH",
        PEMDA,
        f"TAHUN ANGGARAN {year}",
        f"Perangkat Daerah : {pd_code} {pd_name}",
    ]
    for row, title in enumerate(titles, start=1):
        sheet.cell(row=row, column=1, value=title).font = Font(bold=row < 4)
        if row < 4:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
    top, bottom = 6, 7
    if five:
        sheet.cell(row=top, column=1, value="Kode")
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=5)
        for col, label in enumerate(FIVE_CODE_LABELS, start=1):
            sheet.cell(row=bottom, column=col, value=label)
    else:
        sheet.cell(row=top, column=1, value="Kode")
        sheet.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    col = code_cols + 1
    for label in ("Uraian", "Sumber Dana", "Lokasi"):
        sheet.cell(row=top, column=col, value=label)
        sheet.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
        col += 1
    sheet.cell(row=top, column=col, value=f"Jumlah Anggaran Tahun {year}")
    sheet.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 4)
    for offset, label in enumerate(RECAP_AMOUNT_LABELS):
        sheet.cell(row=bottom, column=col + offset, value=label)
    sheet.cell(row=top, column=col + 5, value=f"Tahun {year + 1}")
    sheet.merge_cells(start_row=top, start_column=col + 5, end_row=bottom, end_column=col + 5)
    for row in (top, bottom):
        for column in range(1, width + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column in range(1, width + 1):
        sheet.cell(row=8, column=column, value=column).alignment = Alignment(horizontal="center")
    return width


def write_recap(
    path: Path, year: int, lines: Sequence[Line], ref: Reference, five: bool, literal_x: bool
) -> FileSummary:
    pd = lines[0].src
    workbook, sheet = new_sheet("Rekap Belanja")
    width = write_recap_header(sheet, year, pd.pd_code, pd.pd_name, five)
    code_cols = 5 if five else 1
    units: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        units[line.src.unit_code].append(line)
    count = 0
    for unit_code in sorted(units):
        for recap_row in recap_unit_rows(units[unit_code], ref, five, literal_x):
            code = list(recap_row.code) + [None] * (code_cols - len(recap_row.code))
            texts = [recap_row.uraian, recap_row.sumber_dana, recap_row.lokasi]
            sheet.append([*code, *texts, *recap_row.amounts])
            count += 1
    grand = sum_amounts(lines)
    sheet.append([*([None] * code_cols), "JUMLAH", None, None, *grand])
    sheet.cell(row=sheet.max_row, column=code_cols + 1).font = Font(bold=True)
    for row in range(9, sheet.max_row + 1):
        format_amounts(sheet, row, code_cols + 4, width)
    widths = {"A": 24} if not five else {"A": 24, "B": 7, "C": 9, "D": 9, "E": 12}
    letter = "F" if five else "B"
    widths.update({letter: 70})
    set_widths(sheet, widths)
    save_workbook(workbook, path)
    return FileSummary(str(path), count, grand[4])


# --------------------------------------------------------------------------- C. CSV

CSV_HEADER = [
    "kode_skpd", "nama_skpd", "kode_sub_skpd", "nama_sub_skpd", "kode_urusan", "kode_bidang_urusan",
    "nama_bidang_urusan", "kode_program", "nama_program", "kode_giat", "nama_giat", "kode_sub_giat",
    "nama_sub_giat", "sumber_dana", "lokasi", "pagu", "pagu_murni",
]  # fmt: skip


def kewenangan_two_digits(code: str) -> str:
    parts = code.split(".")
    parts[3] = parts[3].zfill(2)
    return ".".join(parts)


def pagu_text(amount: int, with_rp: bool) -> str:
    return f"Rp. {rupiah_text(amount)},00" if with_rp else rupiah_text(amount)


def csv_row(line: Line, year: int) -> list[str]:
    src = line.src
    with_rp = rng_for("pagu", year, src.unit_code, src.sub_code).random() < 0.15
    murni = line.total if year == BASE_YEAR else line.prev_total
    return [
        src.pd_code, src.pd_name, src.unit_code, src.unit_name, src.sub_code.split(".")[0],
        src.bidang_code, src.bidang_name, src.prog_code, src.prog_name, src.keg_code, src.keg_name,
        kewenangan_two_digits(src.sub_code), f"{src.sub_code} {src.sub_name}", line.sumber_dana,
        line.lokasi, pagu_text(line.total, with_rp), "" if murni is None else pagu_text(murni, with_rp),
    ]  # fmt: skip


def write_csv(path: Path, year: int, lines: Sequence[Line]) -> FileSummary:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow(csv_row(line, year))
    total = sum(line.total for line in lines)
    footer = [""] * len(CSV_HEADER)
    footer[CSV_HEADER.index("nama_sub_giat")] = "TOTAL"
    footer[CSV_HEADER.index("pagu")] = rupiah_text(total)
    writer.writerow(footer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.getvalue().encode("cp1252"))
    return FileSummary(str(path), len(lines), total)


# --------------------------------------------------------------------------- D. detail form

DETAIL_TITLE = "RENCANA KERJA DAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH"
DETAIL_HEADER = ["Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"]


@dataclass(frozen=True)
class Item:
    """One priced item row of the detail form."""

    uraian: str
    koefisien: int
    satuan: str
    harga: int

    @property
    def jumlah(self) -> int:
        return self.koefisien * self.harga


def closing_item(spec: ItemSpec, remainder: int) -> Item:
    """An item worth exactly ``remainder``: koefisien x harga with harga near the usual price."""
    units = remainder // THOUSAND
    best: tuple[float, int] | None = None
    for koefisien in range(1, min(units, MAX_KOEFISIEN) + 1):
        if units % koefisien:
            continue
        ratio = (remainder // koefisien) / spec.harga
        if 0.4 <= ratio <= 2.5 and (best is None or abs(math.log(ratio)) < best[0]):
            best = (abs(math.log(ratio)), koefisien)
    if best is None:
        return Item(spec.uraian, 1, "Paket", remainder)
    return Item(spec.uraian, best[1], spec.satuan, remainder // best[1])


def account_items(rng: Random, account: str, amount: int) -> list[Item]:
    specs = ACCOUNT_DETAILS[account].items
    items = []
    remainder = amount
    for spec in specs[:-1]:
        most = int(remainder * 0.6) // spec.harga
        if most < 1:
            continue
        item = Item(spec.uraian, rng.randint(1, most), spec.satuan, spec.harga)
        items.append(item)
        remainder -= item.jumlah
    items.append(closing_item(specs[-1], remainder))
    return items


def account_tree_rows(accounts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every account prefix (5, 5.1, ... 6-segment) with its subtotal, in code order."""
    sums: dict[str, int] = defaultdict(int)
    for code, amount in accounts:
        parts = code.split(".")
        for n in range(1, len(parts) + 1):
            sums[".".join(parts[:n])] += amount
    return sorted(sums.items(), key=lambda item: [int(p) for p in item[0].split(".")])


def detail_labels(line: Line, year: int, ref: Reference) -> list[tuple[str, str]]:
    src = line.src
    code = resolve(src.sub_code, src.pd_code)
    levels = code_levels(code)
    return [
        ("Urusan Pemerintahan", f"{levels[0]} - {ref.urusan[levels[0]]}"),
        ("Bidang Urusan", f"{levels[1]} - {ref.bidang[levels[1]]}"),
        ("Program", f"{levels[2]} - {src.prog_name}"),
        ("Kegiatan", f"{levels[3]} - {src.keg_name}"),
        ("Sub Kegiatan", f"{code} - {src.sub_name}"),
        ("Organisasi", f"{src.pd_code} {src.pd_name}"),
        ("Unit", f"{src.unit_code} {src.unit_name}"),
        ("Sumber Pendanaan", line.sumber_dana),
        ("Lokasi", line.lokasi),
        (f"Alokasi Tahun {year}", f"Rp {rupiah_text(line.total)},00"),
    ]


def write_detail_block(sheet: Worksheet, line: Line, year: int, ref: Reference) -> None:
    bold = Font(bold=True)
    for title in (DETAIL_TITLE, "RINCIAN BELANJA", f"TAHUN ANGGARAN {year}"):
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    for label, value in detail_labels(line, year, ref):
        sheet.append([label, ":", value])
    sheet.append([])
    sheet.append(DETAIL_HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    amounts = dict(line.accounts)
    for code, subtotal in account_tree_rows(line.accounts):
        sheet.append([code, ACCOUNT_NAMES[code], None, None, None, None, subtotal])
        if code not in amounts:
            continue
        detail = ACCOUNT_DETAILS[code]
        sheet.append([None, f"[#] {detail.group}", None, None, None, None, subtotal])
        sheet.append([None, f"[-] {detail.subgroup}", None, None, None, None, subtotal])
        rng = rng_for("rincian", year, line.src.unit_code, line.src.sub_code, code)
        for item in account_items(rng, code, subtotal):
            koefisien = f"{item.koefisien} {item.satuan}"
            sheet.append([None, item.uraian, koefisien, item.satuan, item.harga, 0, item.jumlah])
    sheet.append([None, "Jumlah Anggaran Sub Kegiatan :", None, None, None, None, line.total])
    sheet.cell(row=sheet.max_row, column=2).font = bold
    sheet.append([])
    sheet.append([])


def write_detail(path: Path, year: int, lines: Sequence[Line], ref: Reference) -> FileSummary:
    workbook, sheet = new_sheet("Rincian Belanja")
    for line in lines:
        write_detail_block(sheet, line, year, ref)
    for row in range(1, sheet.max_row + 1):
        for col in (5, 7):
            sheet.cell(row=row, column=col).number_format = "#,##0"
    set_widths(sheet, {"A": 22, "B": 60, "C": 40, "D": 16, "E": 14, "F": 6, "G": 16})
    save_workbook(workbook, path)
    return FileSummary(str(path), len(lines), sum(line.total for line in lines))


# --------------------------------------------------------------------------- per year


def group_by_pd(lines: Iterable[Line]) -> dict[str, list[Line]]:
    groups: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        groups[line.src.pd_code].append(line)
    return dict(sorted(groups.items()))


def pd_file_name(lines: Sequence[Line]) -> str:
    src = lines[0].src
    return f"{src.pd_code}_{slugify(src.pd_name)}.xlsx"


def write_year(year_dir: Path, year: int, lines: Sequence[Line], ref: Reference) -> list[FileSummary]:
    by_pd = group_by_pd(lines)
    missing = sorted(set(by_pd) - set(PD_LAYOUTS))
    if missing:
        raise ValueError(f"PD without a layout: {missing}")
    by_layout: dict[str, list[Line]] = defaultdict(list)
    for pd_code, pd_lines in by_pd.items():
        by_layout[PD_LAYOUTS[pd_code]].extend(pd_lines)
    summaries = [
        write_rak(year_dir / f"rak_belanja_{year}.xlsx", year, by_layout[LAYOUT_RAK], ref),
        write_csv(year_dir / f"sub_kegiatan_{year}.csv", year, by_layout[LAYOUT_CSV]),
    ]
    for pd_code, pd_lines in by_pd.items():
        layout = PD_LAYOUTS[pd_code]
        if layout in (LAYOUT_RECAP_DOTTED, LAYOUT_RECAP_FIVE):
            path = year_dir / "rekap_rka" / pd_file_name(pd_lines)
            five = layout == LAYOUT_RECAP_FIVE
            summaries.append(write_recap(path, year, pd_lines, ref, five, pd_code == LITERAL_X_PD))
        elif layout == LAYOUT_DETAIL:
            path = year_dir / "rincian" / pd_file_name(pd_lines)
            summaries.append(write_detail(path, year, pd_lines, ref))
    return summaries


# --------------------------------------------------------------------------- main


def build_years() -> tuple[dict[int, list[Line]], Changes, Reference]:
    sources = load_sources(read_csv(MADIUN_CSV))
    ref = load_reference(sources, read_csv(NOMENCLATURE_CSV))
    base = build_base_year(sources)
    changes = plan_changes(base, ref)
    years = {BASE_YEAR: base, BASE_YEAR + 1: build_next_year(base, changes, BASE_YEAR + 1)}
    return years, changes, ref


def print_changes(base: Sequence[Line], changes: Changes) -> None:
    names = {line.src.sub_code: line.src.sub_name for line in base}
    units = {line.src.unit_code: line.src.unit_name for line in base}
    print(f"renumbered ({len(changes.renumbered)}):")
    for old, new in changes.renumbered.items():
        print(f"  {old} -> {new}  {names[old]}")
    print(f"renamed ({len(changes.renamed)}):")
    for code, new_name in changes.renamed.items():
        print(f"  {code}  {names[code]!r} -> {new_name!r}")
    print(f"dropped ({len(changes.dropped)}):")
    for unit, code in sorted(changes.dropped):
        print(f"  {unit} {units[unit]} | {code} {names[code]}")
    print(f"added ({len(changes.added)}):")
    for src in changes.added:
        print(f"  {src.unit_code} {src.unit_name} | {src.sub_code} {src.sub_name}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: sample_rka)")
    parser.add_argument("--list-changes", action="store_true", help="print the 2026 changes against 2025")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    years, changes, ref = build_years()
    for year, lines in years.items():
        year_dir = args.out / str(year)
        if year_dir.exists():
            shutil.rmtree(year_dir)
        for summary in write_year(year_dir, year, lines, ref):
            relative = Path(summary.path).relative_to(args.out)
            print(f"{relative}\t{summary.rows} rows\t{rupiah_text(summary.total)}")
    if args.list_changes:
        print_changes(years[BASE_YEAR], changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Large synthetic account-level exports (SIPD "RAK Belanja" layout) for the throughput benchmarks.

    python benchmarks/make_large.py                       # 100k csv + xlsx, 1M csv
    python benchmarks/make_large.py --sizes 100k --formats csv
    python benchmarks/make_large.py --xlsx-1m             # also the 1M-line xlsx (slow: openpyxl)

Writes ``benchmarks/data/rak_belanja_<size>.<csv|xlsx>`` (git-ignored by ``benchmarks/.gitignore``).
Same layout as ``sample_rka/<year>/rak_belanja_<year>.xlsx``: three title rows, an empty row, the
header ``Tahun, Daerah, Kode Urusan, ..., Kode Akun, Nama Akun, Nilai Rincian, Total RAK,
bulan1..bulan12``, one row per account line, and a closing JUMLAH row. The csv is ``;``-separated
UTF-8 with Indonesian number text (``1.234.567``) and every row padded to the full width, as Excel's
"Save as CSV" writes it; the xlsx has numeric amount cells.

The fictional province "Nusa Makmur" has 60 PD, each PD's sub-kegiatan catalogue taken from the
official names in ``../shared/data/kab_madiun_2024_subkegiatan_per_subunit.csv`` (read at run time,
never copied here), spread over many sub-units; each sub-unit x sub-kegiatan has 2-14 account lines.
About 5 % of the sub-unit x sub-kegiatan entries carry a unique paket-style name (official name +
place + number), so the count of distinct texts grows with the file as in real exports.

Deterministic: the content depends only on ``--seed`` and the size (xlsx zip timestamps differ).
"""

from __future__ import annotations

import argparse
import io
import random
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
MADIUN = DATA / "kab_madiun_2024_subkegiatan_per_subunit.csv"
OUT = Path(__file__).resolve().parent / "data"
SEED = 2025
YEAR = 2025
PEMDA = "PEMERINTAH PROVINSI NUSA MAKMUR"
DAERAH = "Provinsi Nusa Makmur"
PD_COUNT = 60
PAKET_SHARE = 0.05
ACCOUNTS_PER_ENTRY = (2, 14)  # mean 8 account lines per sub-unit x sub-kegiatan
ENTRIES_PER_UNIT = (10, 50)
CATALOGUE = (300, 600)  # sub-kegiatan a PD runs, over all its sub-units

HEADER = [
    "Tahun", "Daerah", "Kode Urusan", "Nama Urusan", "Kode Bidang Urusan", "Nama Bidang Urusan",
    "Kode SKPD", "Nama SKPD", "Kode Sub SKPD", "Nama Sub SKPD", "Kode Program", "Nama Program",
    "Kode Kegiatan", "Nama Kegiatan", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Kode Akun",
    "Nama Akun", "Nilai Rincian", "Total RAK", *(f"bulan{month}" for month in range(1, 13)),
]  # fmt: skip
AMOUNT_START = HEADER.index("Nilai Rincian")
TEXT_COLUMNS = HEADER[:AMOUNT_START]
AMOUNT_COLUMNS = HEADER[AMOUNT_START:]
MONTHS = AMOUNT_COLUMNS[2:]

URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}
ACCOUNTS = [
    ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS"),
    ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS"),
    ("5.1.01.01.03.0001", "Belanja Tunjangan Jabatan PNS"),
    ("5.1.01.01.04.0001", "Belanja Tunjangan Fungsional PNS"),
    ("5.1.01.01.06.0001", "Belanja Tunjangan Beras PNS"),
    ("5.1.01.02.01.0001", "Tambahan Penghasilan berdasarkan Beban Kerja PNS"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"),
    ("5.1.02.01.01.0025", "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover"),
    ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak"),
    ("5.1.02.01.01.0029", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer"),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat"),
    ("5.1.02.01.01.0053", "Belanja Makanan dan Minuman Jamuan Tamu"),
    ("5.1.02.01.01.0055", "Belanja Makanan dan Minuman pada Fasilitas Pelayanan Urusan Pendidikan"),
    ("5.1.02.02.01.0003", "Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia"),
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi"),
    ("5.1.02.02.01.0029", "Belanja Jasa Tenaga Ahli"),
    ("5.1.02.02.01.0059", "Belanja Tagihan Telepon"),
    ("5.1.02.02.01.0061", "Belanja Tagihan Listrik"),
    ("5.1.02.02.08.0004", "Belanja Jasa Konsultansi Perencanaan"),
    ("5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas"),
    ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa"),
    ("5.1.02.04.01.0003", "Belanja Perjalanan Dinas Dalam Kota"),
    ("5.1.02.04.01.0004", "Belanja Perjalanan Dinas Paket Meeting Dalam Kota"),
    ("5.1.02.04.01.0005", "Belanja Perjalanan Dinas Paket Meeting Luar Kota"),
    ("5.1.02.05.01.0001", "Belanja Beasiswa Pendidikan PNS"),
    ("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya"),
    ("5.2.02.10.01.0002", "Belanja Modal Personal Computer"),
    ("5.2.03.01.01.0001", "Belanja Modal Bangunan Gedung Kantor"),
    ("5.2.04.01.01.0012", "Belanja Modal Jalan Provinsi"),
    ("5.4.02.02.01.0001", "Belanja Bantuan Keuangan kepada Pemerintah Kabupaten/Kota"),
]
PLACES = [
    "Cibiru Wetan", "Sukahurip", "Citarik", "Mekarsari", "Pagerwangi", "Sindangjaya", "Cisalak Hilir",
    "Tanjungwangi", "Karangmulya", "Babakan Asri", "Pasirjati", "Mulyasari", "Cikondang", "Sukaresmi",
    "Kedungwaru Lor", "Tegalsari Wetan", "Cikadu", "Ciparay Girang", "Margaluyu", "Jatimekar", "Rawamekar",
    "Pangauban", "Kertajaya", "Sukawening", "Wanasari Kidul", "Cilengkrang", "Sumberwangi", "Lembang Asri",
    "Ciherang Kulon", "Gunungsari Lor", "Rancamulya", "Bojongsari", "Cijambe", "Karangtengah", "Mekarjaya",
    "Nagrak", "Pasirhalang", "Sindanglaya", "Sukatani", "Tegalwaru", "Wangunsari",
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class SubKegiatan:
    """One catalogue entry: the hierarchy codes and names of an official sub-kegiatan."""

    urusan: str
    bidang: str
    bidang_name: str
    program: str
    program_name: str
    kegiatan: str
    kegiatan_name: str
    code: str
    name: str


@dataclass(frozen=True)
class Pd:
    code: str
    name: str
    unit_kind: str
    weight: float
    catalogue: tuple[SubKegiatan, ...]


@dataclass(frozen=True)
class Entry:
    """One sub-unit x sub-kegiatan: its account lines follow in the file."""

    pd: int
    unit_code: str
    unit_name: str
    sub: SubKegiatan
    name: str
    accounts: int


def parse_size(text: str) -> int:
    """``100k`` -> 100000, ``1m`` -> 1000000, ``2500`` -> 2500."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    return int(float(number) * factor)


def size_label(lines: int) -> str:
    if lines % 1_000_000 == 0:
        return f"{lines // 1_000_000}m"
    if lines % 1_000 == 0:
        return f"{lines // 1_000}k"
    return str(lines)


def data_path(lines: int, fmt: str, out: Path = OUT) -> Path:
    return out / f"rak_belanja_{size_label(lines)}.{fmt}"


def _resolve(code: str, bidang: str) -> str:
    """A Program Penunjang code ``X.XX...`` written with the PD's bidang, as SIPD exports show it."""
    return bidang + code[4:] if code.startswith("X.XX") else code


def _madiun() -> pl.DataFrame:
    if not MADIUN.is_file():
        raise SystemExit(f"missing {MADIUN}: the shared data folder must sit beside the repository")
    return pl.read_csv(MADIUN, infer_schema=False)


def _province(rng: random.Random) -> list[Pd]:
    """60 PD modelled on the Madiun PD (kecamatan left out), each with its own code and catalogue."""
    madiun = _madiun()
    bidang_names = dict(
        madiun.filter(~pl.col("kode_bidang_urusan").str.starts_with("X"))
        .select("kode_bidang_urusan", "nama_bidang_urusan")
        .unique(keep="first", maintain_order=True)
        .iter_rows()
    )
    templates = (
        madiun.filter(~pl.col("kode_opd").str.starts_with("7.01"))
        .select("kode_opd", "nama_opd")
        .unique(keep="first", maintain_order=True)
        .sort("kode_opd")
        .rows()
    )
    everything = madiun.unique("kode_sub_kegiatan", keep="first", maintain_order=True).sort("kode_sub_kegiatan")
    pds: list[Pd] = []
    for index in range(PD_COUNT):
        template_code, template_name = templates[index % len(templates)]
        round_ = index // len(templates)
        segments = template_code.split(".")
        code = ".".join([*segments[:6], f"{index + 1:02d}", "0000"])
        bidang = ".".join(segments[:2])
        name = template_name if round_ == 0 else f"Badan {template_name.split(' ', 1)[-1]} {ROMAN[round_]}"
        own = madiun.filter(pl.col("kode_opd") == template_code).unique("kode_sub_kegiatan", maintain_order=True)
        size = rng.randint(*CATALOGUE)
        extra = everything.filter(~pl.col("kode_sub_kegiatan").is_in(own["kode_sub_kegiatan"].implode()))
        picks = rng.sample(range(extra.height), max(0, min(extra.height, size - own.height)))
        rows = [*own.iter_rows(named=True), *extra[sorted(picks)].iter_rows(named=True)]
        catalogue = tuple(
            SubKegiatan(
                urusan=_resolve(r["kode_urusan"], bidang).split(".")[0] if r["kode_urusan"] != "X" else bidang[0],
                bidang=_resolve(r["kode_bidang_urusan"], bidang),
                bidang_name=bidang_names.get(_resolve(r["kode_bidang_urusan"], bidang), "URUSAN PEMERINTAHAN"),
                program=_resolve(r["kode_program"], bidang),
                program_name=r["nama_program"],
                kegiatan=_resolve(r["kode_kegiatan"], bidang),
                kegiatan_name=r["nama_kegiatan"],
                code=_resolve(r["kode_sub_kegiatan"], bidang),
                name=r["nama_sub_kegiatan"],
            )
            for r in rows
        )
        kind = (
            "SMA Negeri"
            if "Pendidikan" in template_name
            else "RSUD"
            if "Kesehatan" in template_name
            else f"UPTD {template_name.split(' ', 1)[0]} Wilayah"
        )
        weight = 4.0 if "Pendidikan" in template_name else 3.0 if "Kesehatan" in template_name else rng.uniform(0.5, 2)
        pds.append(Pd(code, name, kind, weight, catalogue))
    return pds


def _paket_name(rng: random.Random, name: str, serial: int) -> str:
    place, other = rng.choice(PLACES), rng.choice(PLACES)
    form = rng.randrange(3)
    if form == 0:
        return f"{name} Desa {place} Kecamatan {other} Paket {serial}"
    if form == 1:
        return f"{name} Lokasi {place} Tahap {rng.choice(ROMAN)} No. {serial}"
    return f"{name} - {place} ({serial})"


def _entries(rng: random.Random, pds: Sequence[Pd], lines: int) -> list[Entry]:
    """Sub-units (the PD itself first, then weighted draws) and their sub-kegiatan until ``lines`` account lines."""
    entries: list[Entry] = []
    units = [0] * len(pds)
    total = 0
    step = 0
    while total < lines:
        pd_index = step if step < len(pds) else rng.choices(range(len(pds)), [p.weight for p in pds])[0]
        step += 1
        pd = pds[pd_index]
        unit = units[pd_index]
        units[pd_index] += 1
        unit_code = pd.code[: -len("0000")] + f"{unit:04d}"
        unit_name = pd.name if unit == 0 else f"{pd.unit_kind} {unit} {rng.choice(PLACES)}"
        count = min(rng.randint(*ENTRIES_PER_UNIT), len(pd.catalogue))
        for sub in sorted(rng.sample(pd.catalogue, count), key=lambda s: s.code):
            name = sub.name
            if rng.random() < PAKET_SHARE:
                name = _paket_name(rng, sub.name, len(entries) + 1)
            accounts = min(rng.randint(*ACCOUNTS_PER_ENTRY), lines - total)
            entries.append(Entry(pd_index, unit_code, unit_name, sub, name, accounts))
            total += accounts
            if total >= lines:
                break
    entries.sort(key=lambda e: (e.unit_code, e.sub.code))
    return entries


def _indonesian(column: pl.Expr) -> pl.Expr:
    """Whole rupiah as Indonesian number text: 1234567 -> ``1.234.567``."""
    reversed_digits = column.cast(pl.String).str.reverse()
    return reversed_digits.str.extract_all(r"\d{1,3}").list.join(".").str.reverse()


def _entry_texts(e: Entry, pd: Pd) -> tuple[str, ...]:
    """Tahun .. Nama Sub Kegiatan of an entry, in header order."""
    s = e.sub
    return (
        str(YEAR), DAERAH, s.urusan, URUSAN.get(s.urusan, "URUSAN"), s.bidang, s.bidang_name, pd.code, pd.name,
        e.unit_code, e.unit_name, s.program, s.program_name, s.kegiatan, s.kegiatan_name, s.code, e.name,
    )  # fmt: skip


def build(lines: int, seed: int = SEED) -> pl.DataFrame:
    """The account lines of a ``lines``-row export: text columns, then the amounts as Int64."""
    rng = random.Random(f"{seed}|{lines}")
    pds = _province(rng)
    entries = _entries(rng, pds, lines)
    entry_frame = pl.DataFrame(
        [_entry_texts(e, pds[e.pd]) for e in entries], schema=TEXT_COLUMNS[:16], orient="row"
    ).with_row_index("_entry")
    entry_ids: list[int] = []
    account_ids: list[int] = []
    amounts: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    dirt: list[int] = []
    for number, entry in enumerate(entries):
        picked = sorted(rng.sample(range(len(ACCOUNTS)), entry.accounts))
        for account in picked:
            entry_ids.append(number)
            account_ids.append(account)
            amounts.append(max(1, int(rng.lognormvariate(9.2, 1.4))) * 1000)
            start = rng.randint(0, 8)
            starts.append(start)
            ends.append(rng.randint(start + 1, 12))
            dirt.append(rng.randrange(1000))
    rows = pl.DataFrame(
        {"_entry": entry_ids, "_account": account_ids, "amount": amounts, "_s": starts, "_e": ends, "_dirt": dirt},
        schema={
            "_entry": pl.UInt32,
            "_account": pl.UInt32,
            "amount": pl.Int64,
            "_s": pl.Int64,
            "_e": pl.Int64,
            "_dirt": pl.Int64,
        },
    )
    accounts = pl.DataFrame(
        [(i, code, name) for i, (code, name) in enumerate(ACCOUNTS)],
        schema={"_account": pl.UInt32, "Kode Akun": pl.String, "Nama Akun": pl.String},
        orient="row",
    )
    per_month = (pl.col("amount") // 1000 // (pl.col("_e") - pl.col("_s"))) * 1000
    last = pl.col("amount") - per_month * (pl.col("_e") - pl.col("_s") - 1)
    months = [
        pl.when(pl.lit(m) == pl.col("_e") - 1)
        .then(last)
        .when((pl.lit(m) >= pl.col("_s")) & (pl.lit(m) < pl.col("_e")))
        .then(per_month)
        .otherwise(0)
        .alias(name)
        for m, name in enumerate(MONTHS)
    ]
    # half a percent of the codes carry a trailing space or no-break space, as real exports do
    code = pl.col("Kode Sub Kegiatan")
    dirty_code = (
        pl.when(pl.col("_dirt") < 3).then(code + " ").when(pl.col("_dirt") < 5).then(code + "\u00a0").otherwise(code)
    )
    frame = (
        rows.join(entry_frame, on="_entry", how="left", maintain_order="left")
        .join(accounts, on="_account", how="left", maintain_order="left")
        .with_columns(pl.col("amount").alias("Nilai Rincian"), pl.col("amount").alias("Total RAK"), *months)
        .with_columns(dirty_code.alias("Kode Sub Kegiatan"))
        .select(HEADER)
    )
    return frame


def _title_rows() -> list[list[str]]:
    return [["RENCANA ANGGARAN KAS (RAK) BELANJA"], [PEMDA], [f"TAHUN ANGGARAN {YEAR}"], []]


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """``;``-separated UTF-8, Indonesian number text, every row as wide as the table (as Excel writes it)."""
    width = len(HEADER)
    totals = [int(frame[c].sum()) for c in AMOUNT_COLUMNS]
    texts = frame.with_columns(_indonesian(pl.col(c)).alias(c) for c in AMOUNT_COLUMNS)

    def padded(cells: Iterable[str]) -> bytes:
        cells = list(cells)
        return (";".join(cells + [""] * (width - len(cells))) + "\n").encode("utf-8")

    with path.open("wb") as handle:
        for row in _title_rows():
            handle.write(padded(row))
        handle.write(padded(HEADER))
        buffer = io.BytesIO()
        texts.write_csv(buffer, include_header=False, separator=";", line_terminator="\n")
        handle.write(buffer.getvalue())
        total_texts = pl.DataFrame({"t": totals}).select(_indonesian(pl.col("t")))["t"].to_list()
        handle.write(padded(["JUMLAH", *[""] * (AMOUNT_START - 1), *total_texts]))


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    """openpyxl in write-only mode (streams rows): numeric amount cells and year, text elsewhere."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("RAK Belanja")
    for row in _title_rows():
        sheet.append(row)
    sheet.append(HEADER)
    for line in frame.iter_rows():
        sheet.append([YEAR, *line[1:]])
    totals = [int(frame[c].sum()) for c in AMOUNT_COLUMNS]
    sheet.append(["JUMLAH", *[None] * (AMOUNT_START - 1), *totals])
    workbook.save(path)
    _add_dimension(path, f"A1:{_column_letters(len(HEADER))}{len(_title_rows()) + 1 + frame.height + 1}")


def _column_letters(count: int) -> str:
    letters = ""
    while count:
        count, rest = divmod(count - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _add_dimension(path: Path, ref: str) -> None:
    """Write ``<dimension ref=...>`` into the sheet, as Excel and SIPD's exporter do (openpyxl's write-only
    mode leaves it out, and a reader must then measure the used range itself)."""
    member = "xl/worksheets/sheet1.xml"
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            with source.open(info) as reader, target.open(info.filename, "w", force_zip64=True) as writer:
                first = reader.read(1 << 16)
                if info.filename == member:
                    tag = b"</sheetPr>" if b"</sheetPr>" in first else b"<sheetViews>"
                    insert = f'<dimension ref="{ref}" />'.encode()
                    first = (
                        first.replace(tag, tag + insert, 1)
                        if tag == b"</sheetPr>"
                        else first.replace(tag, insert + tag, 1)
                    )
                writer.write(first)
                while chunk := reader.read(1 << 20):
                    writer.write(chunk)
    temporary.replace(path)


def generate(
    sizes: Sequence[int], formats: Sequence[str], xlsx_large: bool, out: Path, seed: int, force: bool
) -> list[Path]:
    """Write the missing files (all with ``force``); returns the paths, printing time and size of each."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lines in sizes:
        wanted = [f for f in formats if f == "csv" or (f == "xlsx" and (lines <= 100_000 or xlsx_large))]
        paths = {f: data_path(lines, f, out) for f in wanted}
        todo = [f for f, p in paths.items() if force or not p.is_file()]
        if todo:
            start = time.perf_counter()
            frame = build(lines, seed)
            built = time.perf_counter() - start
            print(f"{size_label(lines):>5}: {frame.height:,} account lines built in {built:.1f} s", flush=True)
            for fmt in todo:
                start = time.perf_counter()
                (write_csv if fmt == "csv" else write_xlsx)(frame, paths[fmt])
                took = time.perf_counter() - start
                size = paths[fmt].stat().st_size / 1e6
                print(f"       {paths[fmt].relative_to(ROOT)}: {size:,.1f} MB written in {took:.1f} s", flush=True)
        for fmt, path in paths.items():
            if fmt not in todo:
                print(f"       {path.relative_to(ROOT)}: {path.stat().st_size / 1e6:,.1f} MB (exists)")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="account lines per file, e.g. 100k,1m")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both")
    parser.add_argument("--xlsx-1m", action="store_true", help="also write xlsx for sizes above 100k (slow)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    start = time.perf_counter()
    generate(sizes, formats, args.xlsx_1m, args.out, args.seed, args.force)
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

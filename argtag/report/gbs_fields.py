"""GBS/PAG and KAK fields: the labelled rows, pre-filled values and marked blanks of each draft."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from argtag.report.gbs_context import (
    BIDANG,
    KATEGORI,
    SASARAN,
    Activity,
    Entry,
    Row,
    Value,
    blank,
    filled,
    filled_or_blank,
    money,
)


def _code_name(code: str, name: str, hint: str) -> Value:
    return filled_or_blank([" ".join(p for p in (code, name) if p)] if code or name else [], hint)


def label_texts(values: Sequence[str], labels: dict[str, str]) -> list[str]:
    return [labels.get(v, v) for v in values]


def header_entries(a: Activity) -> list[Entry]:
    year = " / ".join(a.tahun) + (f" ({', '.join(a.tahap)})" if a.tahap else "") if a.tahun else ""
    return [
        Entry("Nama SKPD", filled_or_blank([a.nama_skpd] if a.nama_skpd else [], "nama Perangkat Daerah")),
        Entry("Kode SKPD", filled_or_blank([a.kode_skpd] if a.kode_skpd else [], "kode Perangkat Daerah")),
        Entry("Tahun Anggaran", filled_or_blank([year] if year else [], "tahun anggaran")),
    ]


def identity_rows(a: Activity) -> list[Row]:
    return [
        Row("Program", (Entry("", _code_name(a.kode_program, a.nama_program, "kode dan nama program")),)),
        Row("Kegiatan", (Entry("", _code_name(a.kode_kegiatan, a.nama_kegiatan, "kode dan nama kegiatan")),)),
        Row(
            "Sub Kegiatan",
            (
                Entry("Kode dan nama", _code_name(a.kode_sub_kegiatan, a.nama_sub_kegiatan, "kode dan nama")),
                Entry("Lokasi", filled_or_blank(a.lokasi, "lokasi kegiatan")),
            ),
        ),
    ]


# the gender analysis the PD writes: the same blanks on every draft and KAK
_ANALYSIS = (
    Entry(
        "Data pembuka wawasan",
        blank("data terpilah perempuan dan laki-laki yang menunjukkan kesenjangan, dengan sumber dan tahun data"),
    ),
    Entry("Faktor kesenjangan: akses", blank("apakah perempuan dan laki-laki sama-sama dapat menjangkau layanan")),
    Entry("Faktor kesenjangan: partisipasi", blank("keterlibatan perempuan dan laki-laki dalam kegiatan/keputusan")),
    Entry("Faktor kesenjangan: kontrol", blank("penguasaan perempuan dan laki-laki atas sumber daya/keputusan")),
    Entry("Faktor kesenjangan: manfaat", blank("siapa yang menikmati hasil kegiatan, perempuan dan/atau laki-laki")),
    Entry("Penyebab kesenjangan internal", blank("penyebab di dalam PD: kebijakan, SDM, anggaran, data, prosedur")),
    Entry("Penyebab kesenjangan eksternal", blank("penyebab di luar PD: budaya, norma, lingkungan, masyarakat")),
)


def situation_entries(a: Activity) -> list[Entry]:
    """Analisis situasi: what the rule says, then the gender analysis the PD writes (data, APKM, causes)."""
    issues = sorted({b.gender_issue for b in a.bases if b.gender_issue})
    reasons = sorted({b.rationale for b in a.bases if b.rationale})
    return [
        Entry("Isu gender (dari aturan penandaan)", filled_or_blank(issues, "isu/kesenjangan gender yang ditangani")),
        Entry("Alasan penandaan ARG", filled_or_blank(reasons, "alasan sub kegiatan ini responsif gender")),
        *_ANALYSIS,
    ]


def _budget_entries(a: Activity) -> list[Entry]:
    units = len(a.sub_units)
    note = f"Jumlah pagu sub kegiatan ini pada {units} sub unit." if units > 1 else ""
    entries = [Entry("Jumlah", money(a.pagu)), Entry("Sumber dana", filled_or_blank(a.sumber_dana, "sumber dana"))]
    return entries + ([Entry("Keterangan", filled(note))] if note else [])


def _basis_entries(a: Activity) -> list[Entry]:
    entries = []
    for b in a.bases:
        if b.reviewer:
            entries.append(Entry("Keputusan peninjau", filled(b.rationale or "keputusan peninjau")))
        else:
            entries.append(Entry(f"Aturan {b.rule_id}", filled(b.title)))
            entries.append(Entry("Rujukan", filled(b.reference or "-")))
    return entries or [Entry("Dasar penandaan", filled("-"))]


def tagging_entries(a: Activity) -> list[Entry]:
    kategori = label_texts(a.kategori, KATEGORI)
    return [
        Entry("Kategori ARG", filled_or_blank(kategori, "kategori: khusus / kesetaraan / pelembagaan")),
        Entry("Bidang", filled_or_blank(label_texts(a.bidang, BIDANG), "bidang: politik / hukum / sosial / ekonomi")),
        Entry("Sasaran", filled("; ".join(label_texts(a.sasaran, SASARAN)) or "-")),
        *_basis_entries(a),
        Entry("Bukti", filled("; ".join(a.bukti) or "-")),
    ]


@cache
def _steps(columns: tuple[tuple[str, str], ...], count: int = 3) -> tuple[tuple[Value, ...], ...]:
    """``count`` lines of blanks, one per column; each hint names its step (``{i}``). The same on every draft."""
    return tuple(tuple(blank(hint.format(i=i)) for _, hint in columns) for i in range(1, count + 1))


ACTION_COLUMNS = (
    ("Tahapan", "uraian tahap {i}"),
    ("Input", "input tahap {i}: sumber daya, dana"),
    ("Output", "keluaran tahap {i}"),
    ("Outcome", "hasil tahap {i} bagi perempuan dan laki-laki"),
)


def gbs_rows(a: Activity) -> list[Row]:
    """The rows of the GBS/PAG table, in the order of the official format."""
    units = tuple(Entry(" ".join(p for p in (u.kode, u.nama) if p) or "-", money(u.pagu)) for u in a.sub_units)
    return [
        *identity_rows(a),
        Row("Analisis Situasi", tuple(situation_entries(a))),
        Row(
            "Capaian Program",
            (
                Entry("Indikator", blank("indikator kinerja capaian program")),
                Entry("Target", blank("target capaian (angka dan satuan)")),
            ),
        ),
        Row("Rencana Aksi", columns=tuple(c for c, _ in ACTION_COLUMNS), grid=_steps(ACTION_COLUMNS)),
        Row("Alokasi Anggaran", tuple(_budget_entries(a))),
        Row("Dampak/Hasil", (Entry("", blank("perubahan yang diharapkan bagi perempuan dan laki-laki")),)),
        Row("Penandaan ARG", tuple(tagging_entries(a))),
        Row("Sub Unit Pelaksana", units),
    ]


SIGNATURE = (
    Entry("Tempat, tanggal", blank("tempat, tanggal")),
    Entry("Jabatan", blank("jabatan penanggung jawab")),
    Entry("Penanggung jawab", blank("nama penanggung jawab kegiatan")),
    Entry("NIP", blank("NIP penanggung jawab")),
)


SCHEDULE_COLUMNS = (
    ("Tahapan", "uraian tahap {i}"),
    ("Waktu pelaksanaan", "bulan pelaksanaan tahap {i}"),
    ("Keluaran", "keluaran tahap {i}"),
)


def kak_rows(a: Activity) -> list[Row]:
    """The sections of the TOR/KAK skeleton; the latar belakang carries the situation analysis."""
    laws = sorted({b.reference for b in a.bases if b.reference})
    return [
        Row(
            "A. Latar Belakang",
            (Entry("Dasar hukum", filled_or_blank(laws, "dasar hukum kegiatan")), *situation_entries(a)),
        ),
        Row(
            "B. Maksud dan Tujuan",
            (
                Entry("Maksud", blank("maksud kegiatan")),
                Entry("Tujuan", blank("tujuan kegiatan, termasuk kesenjangan gender yang ingin dikurangi")),
            ),
        ),
        Row(
            "C. Penerima Manfaat",
            (Entry("", blank("kelompok sasaran dan jumlahnya, dipilah perempuan dan laki-laki")),),
        ),
        Row(
            "D. Metode Pelaksanaan",
            (Entry("", blank("cara pelaksanaan (swakelola/kontraktual) dan langkah kerja")),),
        ),
        Row(
            "E. Tahapan dan Jadwal Pelaksanaan",
            columns=tuple(c for c, _ in SCHEDULE_COLUMNS),
            grid=_steps(SCHEDULE_COLUMNS),
        ),
        Row("F. Lokasi", (Entry("", filled_or_blank(a.lokasi, "lokasi kegiatan")),)),
        Row(
            "G. Biaya",
            (*_budget_entries(a), Entry("Rincian biaya", blank("rincian biaya sesuai RKA/DPA sub kegiatan"))),
        ),
    ]


def flat_fields(a: Activity) -> list[tuple[str, Value]]:
    """The GBS as label | value pairs (the xlsx layout)."""
    out = [(e.label, e.value) for e in header_entries(a)]
    for row in gbs_rows(a):
        out += [(f"{row.label}: {e.label}" if e.label else row.label, e.value) for e in row.entries]
        for i, line in enumerate(row.grid, start=1):
            out += [(f"{row.label}: tahap {i}, {col}", v) for col, v in zip(row.columns, line, strict=True)]
    out += [(f"Tanda tangan: {e.label}", e.value) for e in SIGNATURE]
    return out


def activity_title(a: Activity) -> str:
    return " ".join(p for p in (a.kode_sub_kegiatan, a.nama_sub_kegiatan) if p) or "Sub kegiatan"

"""The column synonym table: what export headers mean, in the words real systems use.

Keys are canonical fields of the budget-line schema (plus a few layout roles: ``kode``, ``uraian``,
``kode_akun``, ``nama_akun``). Synonyms are written normalised (see :func:`normalize_title`); within
a field, earlier synonyms win when several columns claim the same field (``pagu`` beats ``rincian``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

IGNORED = "_abaikan"
FUZZY_CUTOFF = 88.0

SYNONYMS: dict[str, tuple[str, ...]] = {
    "kode_skpd": (
        "kode skpd",
        "kode opd",
        "kode pd",
        "kode perangkat daerah",
        "kd skpd",
        "kode organisasi",
        "kode unit organisasi",
    ),
    "nama_skpd": (
        "nama skpd",
        "skpd",
        "nama opd",
        "opd",
        "perangkat daerah",
        "nama perangkat daerah",
        "organisasi",
        "nama organisasi",
        "unit organisasi",
    ),
    "kode_sub_unit": ("kode sub skpd", "kode sub unit", "kode sub opd", "kode unit kerja", "kd sub skpd", "kode unit"),
    "nama_sub_unit": (
        "nama sub skpd",
        "sub skpd",
        "nama sub unit",
        "sub unit",
        "unit kerja",
        "nama sub opd",
        "nama unit",
        "unit",
    ),
    "kode_urusan": ("kode urusan", "kd urusan"),
    "nama_urusan": ("nama urusan", "urusan", "urusan pemerintahan"),
    "kode_bidang_urusan": ("kode bidang urusan", "kode bidang", "kd bidang urusan"),
    "nama_bidang_urusan": ("nama bidang urusan", "bidang urusan", "bidang", "nama bidang"),
    "kode_program": ("kode program", "kd program", "kode prog"),
    "nama_program": ("nama program", "program"),
    "kode_kegiatan": ("kode kegiatan", "kode giat", "kd kegiatan", "kd giat"),
    "nama_kegiatan": ("nama kegiatan", "kegiatan", "nama giat"),
    "kode_sub_kegiatan": (
        "kode sub kegiatan",
        "kode sub giat",
        "kode subkegiatan",
        "kd sub kegiatan",
        "kd sub giat",
        "kode subgiat",
    ),
    "nama_sub_kegiatan": (
        "nama sub kegiatan",
        "sub kegiatan",
        "nama sub giat",
        "subkegiatan",
        "nama subkegiatan",
        "sub giat",
        "nama subgiat",
    ),
    "kode": ("kode", "kode rekening", "no kode", "kode program kegiatan", "kd rek", "kode rek"),
    "uraian": (
        "uraian",
        "nama",
        "uraian urusan bidang program kegiatan sub kegiatan",
        "uraian kegiatan",
        "program kegiatan sub kegiatan",
    ),
    "kode_akun": ("kode akun", "kode belanja", "kd akun", "kode rekening belanja"),
    "nama_akun": ("nama akun", "nama rekening", "uraian rekening", "akun", "nama belanja"),
    "pagu": (
        "pagu",
        "jumlah",
        "nilai rincian",
        "pagu anggaran",
        "jumlah anggaran",
        "pagu apbd",
        "nilai",
        "anggaran",
        "total",
        "nilai anggaran",
        "pagu sub kegiatan",
        "alokasi",
        "total anggaran",
        "jumlah total",
        "rincian",
        "total rincian",
    ),
    "belanja_operasi": ("belanja operasi", "operasi"),
    "belanja_modal": ("belanja modal", "modal"),
    "belanja_tidak_terduga": ("belanja tidak terduga", "tidak terduga", "btt"),
    "belanja_transfer": ("belanja transfer", "transfer"),
    "sumber_dana": ("sumber dana", "sumber pendanaan", "sumberdana"),
    "lokasi": ("lokasi", "lokasi kegiatan"),
    "tahun": ("tahun", "tahun anggaran"),
    "tahap": ("tahap", "tahapan", "jenis anggaran", "tahapan anggaran"),
    IGNORED: (
        "no",
        "nomor",
        "daerah",
        "total rak",
        "pagu murni",
        "pagu indikatif",
        "pagu n lalu",
        "pagu n depan",
        "koefisien",
        "satuan",
        "harga",
        "ppn",
        "keterangan",
        "pagu giat",
        "kode bl",
        "kode sbl",
        "id sub bl",
        "indikator",
        "target",
        "volume",
        "bertambah berkurang",
        "setelah perubahan",
        "sebelum perubahan",
    ),
}

# Titles that only describe other years or months: recognised as header words, never mapped.
_IGNORED_PATTERNS = (
    re.compile(r"^(tahun|ta) (n )?\d{4}$"),
    re.compile(r"^t [+-] ?1$"),
    re.compile(r"^(n )?[+-] ?1$"),
    re.compile(r"^bulan ?\d{1,2}$"),
    re.compile(r"^(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)$"),
)

_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _words in SYNONYMS.items():
    for _rank, _word in enumerate(_words):
        _LOOKUP.setdefault(_word, (_field, _rank))
_CHOICES = list(_LOOKUP)


def normalize_title(text: str) -> str:
    """A column title reduced to lower-case words.

    >>> normalize_title(" Nama_Sub_Giat "), normalize_title("Jumlah (Rp.)"), normalize_title("T+1")
    ('nama sub giat', 'jumlah', 't + 1')
    """
    t = text.casefold().replace("_", " ").replace("\u00a0", " ")
    t = re.sub(r"\((rp\.?|rupiah)\)|\brp\.?(?=\s|$)", " ", t)
    t = re.sub(r"([+])", r" \1 ", t)
    t = re.sub(r"[^\w+]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def match_title(title: str) -> tuple[str, float, int] | None:
    """(field, score 0-100, synonym rank) of one normalised title, or None.

    >>> match_title("nama sub giat"), match_title("nama sub kegitan")[:2], match_title("tahun 2026")
    (('nama_sub_kegiatan', 100.0, 2), ('nama_sub_kegiatan', 96.97), ('_abaikan', 100.0, 0))
    """
    if not title:
        return None
    if title in _LOOKUP:
        field, rank = _LOOKUP[title]
        return field, 100.0, rank
    if any(p.match(title) for p in _IGNORED_PATTERNS):
        return IGNORED, 100.0, 0
    best = process.extractOne(title, _CHOICES, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        return None
    field, rank = _LOOKUP[best[0]]
    return field, round(float(best[1]), 2), rank

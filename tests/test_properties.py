"""Property tests: amount parsing, code normalisation, text normalisation and header detection."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argtag.codes import normalized
from argtag.ingest.fields import SYNONYMS
from argtag.ingest.grid import Grid
from argtag.ingest.header import find_header
from argtag.ingest.xlsx_meta import Merge
from argtag.money import parse_amounts, plain_amount
from argtag.text import normalize

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@FAST
@given(st.lists(st.integers(min_value=0, max_value=10**15), min_size=1, max_size=40), st.integers(0, 99))
def test_indonesian_amount_text_parses_exactly(values: list[int], cents: int) -> None:
    fraction = "pecahan" if cents else "ok"
    cases: list[tuple[str | None, int | None, str]] = [
        (None, None, "kosong"),
        ("", None, "kosong"),
        ("-", 0, "ok"),  # a dash is nihil in Indonesian tables
        ("\u2013", 0, "ok"),
        ("Rp -", 0, "ok"),
        ("Rp", None, "tidak_valid"),
        ("dua juta", None, "tidak_valid"),
        ("1.234.5x", None, "tidak_valid"),
        ("--", None, "tidak_valid"),
        (_dots(2**63 - 1), None, "tidak_valid"),  # more than MAX_RUPIAH (10^15)
        (str(10**15 + 1), None, "tidak_valid"),
        (f"{10**15},5", None, "tidak_valid"),  # rounds up past the limit
    ]
    for n in values:
        rounded = n + (cents >= 50)
        within = rounded <= 10**15  # a fraction may round past MAX_RUPIAH
        cases += [
            (_dots(n), n, "ok"),
            (f"{_dots(n)},00", n, "ok"),
            (f"{_dots(n)},-", n, "ok"),  # whole rupiah
            (f"{_dots(n)},--", n, "ok"),
            (f"Rp. {_dots(n)}", n, "ok"),
            (f"IDR {_dots(n)}", n, "ok"),
            (f"IDR{n}", n, "ok"),
            (f"Rp{_dots(n)},{cents:02d}", rounded if within else None, fraction if within else "tidak_valid"),
            (f"({_dots(n)})", -n, "ok"),
            (f"({_dots(n)},-)", -n, "ok"),
            (str(n), n, "ok"),
            (f"-{_dots(n)}", -n, "ok"),
            (f" {_dots(n)}\u00a0", n, "ok"),
            (_dots(n + 10**15 + 1), None, "tidak_valid"),
        ]
    got = parse_amounts(pl.DataFrame({"t": [c[0] for c in cases]}, schema={"t": pl.String}), ["t"])
    assert got["t"].to_list() == [c[1] for c in cases]
    assert got["_state"].to_list() == [c[2] for c in cases]


@FAST
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**15).map(str),
            st.integers(0, 10**15).map(_dots),
            st.text(alphabet="0123456789.,-+ Rp()", max_size=14),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_fast_amount_path_agrees_with_the_full_parser(texts: list[str]) -> None:
    """plain_amount takes the common cells without regex; where it answers, the full parser must answer the same."""
    frame = pl.DataFrame({"t": texts})
    frame = frame.select(fast=plain_amount(pl.col("t")), full=parse_amounts(frame, ["t"])["t"])
    answered = frame.filter(pl.col("fast").is_not_null())
    assert answered["fast"].to_list() == answered["full"].to_list()
    plain = [t for t in texts if t.isdigit() and len(t) <= 15]  # 16 digits and more may exceed MAX_RUPIAH
    assert (
        pl.DataFrame({"t": plain}, schema={"t": pl.String}).select(plain_amount(pl.col("t")).is_null().sum()).item()
        == 0
    )


AMOUNT_TEXT = st.one_of(
    st.none(),
    st.integers(0, 10**15).map(_dots),
    st.integers(0, 10**6).map(lambda n: f"Rp. {_dots(n)},{n % 100:02d}"),
    st.text(alphabet="0123456789.,-+ Rp()\u2013\u00a0x", max_size=14),
)


@FAST
@given(st.lists(st.tuples(AMOUNT_TEXT, AMOUNT_TEXT, AMOUNT_TEXT), min_size=1, max_size=40))
def test_amounts_of_a_frame_as_each_cell_alone(rows: list[tuple[str | None, str | None, str | None]]) -> None:
    """parse_amounts runs the parse step by step over all columns of a frame; each value must be the one its
    column gives parsed alone, and the state the worst of the row's cells' states alone."""
    fields = ["a", "b", "c"]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(fields, pl.String), orient="row")
    got = parse_amounts(frame, fields)
    alone = {f: parse_amounts(frame.select(f), [f]) for f in fields}
    for field in fields:
        assert got[field].to_list() == alone[field][field].to_list()
    order = ["kosong", "ok", "pecahan", "tidak_valid"]
    states = zip(*(alone[f]["_state"].to_list() for f in fields), strict=True)
    assert got["_state"].to_list() == [max(row, key=order.index) for row in states]


CODES = st.tuples(
    st.integers(1, 8), st.integers(1, 30), st.integers(1, 20), st.integers(1, 2), st.integers(1, 30), st.integers(1, 99)
)


@FAST
@given(CODES, st.booleans(), st.booleans(), st.sampled_from(["", " ", "\u00a0", " \u00a0"]))
def test_code_variants_normalise_to_one_form(
    parts: tuple[int, ...], zero_kewenangan: bool, two_digit: bool, pad: str
) -> None:
    u, b, p, k, kk, s = parts
    canonical = f"{u}.{b:02d}.{p:02d}.{k}.{kk:02d}.{s:04d}"
    last = f"{s:02d}" if two_digit else f"{s:04d}"
    written = f"{u}.{b:02d}.{p:02d}.{'0' if zero_kewenangan else ''}{k}.{kk:02d}.{last}"
    assert normalized(pad + written + pad) == canonical
    assert normalized(canonical) == canonical


WORDS = st.sampled_from(["ibu", "ayah", "anak", "perempuan", "gender", "kb", "hamil"])
LETTERS = st.text(alphabet="abcdefghijklmnoprstuwy", min_size=1, max_size=5)


@FAST
@given(WORDS, LETTERS, LETTERS, st.text(alphabet="abc defg/-,.()", max_size=30))
def test_whole_words_only_and_idempotent(word: str, before: str, after: str, noise: str) -> None:
    text = f"{noise} {before}{word}{after} {noise}"
    norm = normalize(text)
    assert f" {word} " not in f" {norm} "  # a word inside a longer word is not that word
    assert normalize(norm) == norm
    assert normalize(text.upper()) == norm


FIELDS = ["kode_skpd", "nama_skpd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "lokasi", "pagu"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="ABCDEFGHIJ KLMNOP", min_size=3, max_size=30), max_size=5),
    st.permutations(FIELDS),
    st.data(),
)
def test_header_found_behind_titles_with_shuffled_renamed_columns(
    titles: list[str], order: list[str], data: st.DataObject
) -> None:
    titles = [t for t in titles if t.strip()]
    names = [data.draw(st.sampled_from(SYNONYMS[f][:3])) for f in order]
    header = [n.title() if i % 2 else n.upper() for i, n in enumerate(names)]
    row = [
        "1.02.0.00.0.00.01.0000"
        if f == "kode_skpd"
        else "1.02.02.2.02.0001"
        if f == "kode_sub_kegiatan"
        else "1.234.567"
        if f == "pagu"
        else "Teks"
        for f in order
    ]
    rows = [[t] + [None] * (len(order) - 1) for t in titles] + [header, row]
    grid = Grid(
        "x.xlsx", "S", pl.DataFrame([list(r) for r in rows], schema=[f"c{i}" for i in range(len(order))], orient="row")
    )
    found = find_header(grid)
    assert found is not None and found.rows == (len(titles),)
    assert [c.field for c in found.columns] == order


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 4), st.booleans())
def test_two_row_merged_header(title_rows: int, with_numbering: bool) -> None:
    top = ["Kode", "Uraian", "Jumlah Anggaran", None, None]
    sub = [None, None, "Belanja Operasi", "Belanja Modal", "Jumlah"]
    rows: list[list[str | None]] = [["JUDUL", None, None, None, None]] * title_rows + [top, sub]
    if with_numbering:
        rows.append(["1", "2", "3", "4", "5"])
    rows.append(["1.02.02.2.02.0001", "Pelayanan", "1", "2", "3"])
    h = title_rows
    merges = [Merge(h, 0, h + 1, 0), Merge(h, 1, h + 1, 1), Merge(h, 2, h, 4)]
    grid = Grid("x.xlsx", "S", pl.DataFrame(rows, schema=[f"c{i}" for i in range(5)], orient="row"), merges)
    found = find_header(grid)
    assert found is not None and found.rows == (h, h + 1)
    assert found.numbering_row == (h + 2 if with_numbering else None)
    assert [c.field for c in found.columns] == ["kode", "uraian", "belanja_operasi", "belanja_modal", "pagu"]

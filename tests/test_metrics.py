"""Indicators and year on year on small hand-made frames with hand-computed expectations."""

from __future__ import annotations

import polars as pl

from argtag.metrics.aggregates import per_bidang, per_pd
from argtag.metrics.config import MetricsConfig
from argtag.metrics.indicators import indicators
from argtag.metrics.yoy import year_on_year

DINKES, DP3A, KEC = "1.02.0.00.0.00.01.0000", "2.08.0.00.0.00.01.0000", "7.01.0.00.0.00.05.0000"
PKM = "1.02.0.00.0.00.01.0001"


def frame(rows: list[tuple[object, ...]], year: int = 2026, stage: str = "murni") -> pl.DataFrame:
    columns = [
        "kode_skpd",
        "nama_skpd",
        "kode_sub_unit",
        "kode_sub_kegiatan",
        "nama_sub_kegiatan",
        "pagu",
        "status",
        "kategori",
        "bidang",
    ]
    data = pl.DataFrame(rows, schema=columns, orient="row")
    return data.with_columns(tahun=pl.lit(year), tahap=pl.lit(stage))


CURRENT = frame(
    [
        (
            DINKES,
            "Dinas Kesehatan",
            DINKES,
            "1.02.02.2.02.0001",
            "Pelayanan Kesehatan Ibu Hamil",
            300,
            "arg",
            "khusus",
            "sosial",
        ),
        (
            DINKES,
            "Dinas Kesehatan",
            PKM,
            "1.02.02.2.02.0001",
            "Pelayanan Kesehatan Ibu Hamil",
            200,
            "arg",
            "khusus",
            "sosial",
        ),
        (
            DINKES,
            "Dinas Kesehatan",
            DINKES,
            "1.02.01.2.02.0001",
            "Penyediaan Gaji dan Tunjangan ASN",
            4000,
            "bukan_arg",
            None,
            "sosial",
        ),
        # renumbered between years: 2.08.02.2.02.0002 -> 2.08.02.2.02.0009, same name
        (
            DP3A,
            "Dinas PPPA",
            DP3A,
            "2.08.02.2.02.0009",
            "Advokasi Partisipasi Perempuan di Politik",
            150,
            "arg",
            "kesetaraan",
            "politik",
        ),
        (
            DP3A,
            "Dinas PPPA",
            DP3A,
            "2.08.03.2.01.0001",
            "Layanan Perempuan Korban Kekerasan",
            250,
            "arg",
            "khusus",
            "hukum",
        ),
        (
            KEC,
            "Kecamatan Sukamaju",
            KEC,
            "7.01.02.2.01.0001",
            "Koordinasi Pemerintahan",
            100,
            "bukan_arg",
            None,
            "tidak_terpetakan",
        ),
    ]
)


def test_indicators_by_hand() -> None:
    got = indicators(CURRENT, MetricsConfig())
    assert (got["total_belanja"], got["total_arg"]) == (5000, 900)
    assert got["persen_arg_apbd"] == 18.0 and got["memenuhi_target_arg"]
    assert (got["jumlah_pd"], got["jumlah_pd_dengan_arg"], got["persen_pd_dengan_arg"]) == (3, 2, 66.6667)
    assert got["jumlah_subkegiatan_arg"] == 3  # the Puskesmas repeat counts once per PD
    no_support = indicators(CURRENT, MetricsConfig(denominator="tanpa_penunjang", exclude_pd=("7.01",)))
    assert (no_support["nilai_denominator"], no_support["persen_arg_apbd"]) == (1000, 90.0)
    assert (no_support["jumlah_pd"], no_support["persen_pd_dengan_arg"]) == (2, 100.0)
    apbd = indicators(CURRENT, MetricsConfig(denominator="apbd", apbd_total=18_000))
    assert apbd["persen_arg_apbd"] == 5.0 and not apbd["memenuhi_target_arg"]  # the target is "above 5 %"


def test_tables_add_up() -> None:
    bidang = per_bidang(CURRENT)
    assert bidang["bidang"].to_list() == ["politik", "hukum", "sosial", "ekonomi", "tidak_terpetakan"]
    assert bidang["arg"].to_list() == [150, 250, 500, 0, 0]
    assert bidang["persen_dari_arg"].to_list() == [16.67, 27.78, 55.55, 0.0, 0.0]  # sums to 100.00
    pd_table = per_pd(CURRENT, ("7.01",))
    assert pd_table.select(
        "kode_skpd", "total", "arg", "subkegiatan", "subkegiatan_arg", "baris", "dalam_cakupan"
    ).rows() == [
        (DINKES, 4500, 500, 2, 1, 3, True),
        (DP3A, 400, 400, 2, 2, 2, True),
        (KEC, 100, 0, 1, 0, 1, False),
    ]


OLD_DP3A = "2.08.2.14.0.00.01.0000"  # restructured: the PD code changed, the name barely did
PREVIOUS = frame(
    [
        (
            DINKES,
            "Dinas Kesehatan",
            DINKES,
            "1.02.02.2.02.0001",
            "Pelayanan Kesehatan Ibu Hamil",
            250,
            "arg",
            "khusus",
            "sosial",
        ),
        (
            DINKES,
            "Dinas Kesehatan",
            PKM,
            "1.02.02.2.02.0001",
            "Pelayanan Kesehatan Ibu Hamil",
            200,
            "bukan_arg",
            None,
            "sosial",
        ),
        (
            DINKES,
            "Dinas Kesehatan",
            DINKES,
            "1.02.01.2.02.0001",
            "Penyediaan Gaji dan Tunjangan ASN",
            3900,
            "bukan_arg",
            None,
            "sosial",
        ),
        (
            OLD_DP3A,
            "Dinas P3A",
            OLD_DP3A,
            "2.08.02.2.02.0002",
            "Advokasi Partisipasi Perempuan di Politik",
            100,
            "arg",
            "kesetaraan",
            "politik",
        ),
        (OLD_DP3A, "Dinas P3A", OLD_DP3A, "2.08.02.2.02.0003", "Forum Anak Daerah", 80, "arg", "khusus", "sosial"),
        (
            KEC,
            "Kecamatan Sukamaju",
            KEC,
            "7.01.02.2.01.0001",
            "Koordinasi Pemerintahan",
            90,
            "bukan_arg",
            None,
            "tidak_terpetakan",
        ),
    ],
    year=2025,
)


def test_year_on_year_matches_renumbered_codes_and_restructured_pd() -> None:
    yoy = year_on_year(CURRENT, PREVIOUS, {"Dinas P3A": DP3A})
    assert yoy.pd_matches.rows() == [(DINKES, DINKES, "kode"), (OLD_DP3A, DP3A, "alias"), (KEC, KEC, "kode")]
    got = yoy.lines.select("kode_sub_kegiatan", "pagu_tahun_lalu", "status_tahun_lalu", "cocok_tahun_lalu").rows()
    assert got == [
        ("1.02.02.2.02.0001", 250, "arg", "kode"),
        ("1.02.02.2.02.0001", 200, "bukan_arg", "kode"),
        ("1.02.01.2.02.0001", 3900, "bukan_arg", "kode"),
        ("2.08.02.2.02.0009", 100, "arg", "nama"),  # renumbered: matched by name
        ("2.08.03.2.01.0001", None, None, ""),  # new
        ("7.01.02.2.01.0001", 90, "bukan_arg", "kode"),
    ]
    assert yoy.dropped["nama_sub_kegiatan"].to_list() == ["Forum Anak Daerah"]
    # ARG: 900 now, 430 before; +50 budget (Ibu Hamil 250->300, Partisipasi 100->150), +200 tag (Puskesmas),
    # +250 new (Layanan Korban Kekerasan), -80 dropped (Forum Anak)
    assert yoy.change == {
        "arg_tahun_ini": 900,
        "arg_tahun_lalu": 430,
        "perubahan": 470,
        "anggaran_berubah": 100,
        "tag_berubah": 200,
        "subkegiatan_baru": 250,
        "subkegiatan_hilang": -80,
    }
    parts = ("anggaran_berubah", "tag_berubah", "subkegiatan_baru", "subkegiatan_hilang")
    assert sum(yoy.change[p] for p in parts) == yoy.change["perubahan"]
    assert yoy.stage_warning is None and yoy.previous_year == 2025


def test_renamed_pd_with_new_code_matches_by_name_and_stage_difference_warns() -> None:
    previous = PREVIOUS.with_columns(
        kode_skpd=pl.when(pl.col("kode_skpd") == KEC).then(pl.lit("7.01.0.00.0.00.99.0000")).otherwise("kode_skpd"),
        tahap=pl.lit("perubahan"),
    )
    yoy = year_on_year(CURRENT, previous, {"Dinas P3A": DP3A})
    assert ("7.01.0.00.0.00.99.0000", KEC, "nama") in yoy.pd_matches.rows()
    assert yoy.stage_warning is not None and "perubahan" in yoy.stage_warning

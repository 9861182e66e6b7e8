"""The classifier on a small rule set of its own: whole words, codes, priorities, conflicts, fuzzy, overrides."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from argtag.classify import classify_lines, classify_text
from argtag.classify.overrides import apply_overrides, load_overrides
from argtag.rules.load import load_ruleset
from argtag.rules.model import RuleSet
from argtag.schema import conform

MINI = Path(__file__).parent / "fixtures" / "rules_mini"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset(MINI)


@pytest.mark.parametrize(
    ("text", "code", "status", "rules"),
    [
        ("Pengelolaan Pelayanan Kesehatan Ibu Hamil", "1.02.02.2.02.0001", "arg", "KES-IBU"),
        ("Pendistribusian Alat Tulis", None, "bukan_arg", ""),  # "ibu" is not inside "distribusi"
        ("Penataan Wilayah Ibu Kota", None, "bukan_arg", ""),  # unless "ibu kota"
        ("Kelas BUMIL di Puskesmas", None, "arg", "KES-IBU"),  # abbreviation expanded
        ("Pendampingan korban KDRT", None, "arg", "LIN-KEKERASAN"),
        ("Advokasi", "2.08.02.2.01.0003", "arg", "PUG-KODE"),  # a code rule
        ("Advokasi", "2.08.021.2.01.0003", "bukan_arg", ""),  # whole segments only
        ("Penyediaan Peralatan Rumah Tangga", "2.08.01.2.06.0003", "bukan_arg", "NET-PENUNJANG"),  # priority 90
        ("Layanan Perlindungan Anak", None, "tinjau", "TIN-ANAK"),
        ("Layanan ibu hamil dan anak", None, "arg", "KES-IBU"),  # ARG (50) outranks tinjau (20)
        ("Sungai dan anak sungai", None, "bukan_arg", ""),
    ],
)
def test_decisions(ruleset: RuleSet, text: str, code: str | None, status: str, rules: str) -> None:
    result = classify_text(text, code, ruleset)
    assert (result["status"], result["aturan"]) == (status, rules)


def test_conflict_at_equal_priority_goes_to_review(ruleset: RuleSet) -> None:
    result = classify_text("Pelatihan usaha perempuan korban KDRT", None, ruleset)
    assert result["status"] == "tinjau" and result["diputuskan_oleh"] == "konflik"
    assert result["konflik"] == "EKO-PEREMPUAN;LIN-KEKERASAN"
    assert result["kategori"] is None


def test_fuzzy_only_hit_goes_to_review_with_its_score(ruleset: RuleSet) -> None:
    result = classify_text("Pelayanan Kesehatan Ibu Hamill", None, ruleset)
    assert (result["status"], result["diputuskan_oleh"], result["aturan"]) == ("tinjau", "fuzzy", "KES-IBU")
    assert "mirip 'pelayanan kesehatan ibu hamil'" in str(result["bukti"])


def test_fuzzy_hit_still_obeys_the_rule_conditions(ruleset: RuleSet) -> None:
    """A near phrase is not enough when the rule's ``unless`` words are there (KES-IBU: unless "ibu kota")."""
    blocked = classify_text("Pelayanan Kesehatan Ibu Hamill ibu kota", None, ruleset)
    assert (blocked["status"], blocked["aturan"]) == ("bukan_arg", "")


def test_evidence_and_bidang(ruleset: RuleSet) -> None:
    result = classify_text("Pelatihan usaha bagi wanita", "2.08.03.2.01.0001", ruleset)
    assert result["bukti"] == "EKO-PEREMPUAN: perempuan, usaha"  # synonym wanita -> perempuan; words sorted
    assert result["bidang"] == "ekonomi"  # the rule's own bidang
    assert classify_text("Pendampingan korban KDRT", "2.08.03.2.01.0002", ruleset)["bidang"] == "hukum"  # map
    assert isinstance(result["keyakinan"], float) and result["keyakinan"] < 0.95  # a draft rule is less sure


def _lines() -> pl.DataFrame:
    return conform(
        pl.DataFrame(
            {
                "tahun": [2026, 2026, 2026],
                "kode_skpd": ["1.02.0.00.0.00.01.0000"] * 3,
                "kode_sub_unit": ["1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0001", "1.02.0.00.0.00.01.0000"],
                "kode_sub_kegiatan": ["1.02.02.2.02.0001", "1.02.02.2.02.0001", "1.02.02.2.02.0004"],
                "nama_sub_kegiatan": ["Pelayanan Kesehatan Ibu Hamil"] * 2 + ["Pelayanan Kesehatan Balita"],
                "pagu": [100, 50, 70],
            }
        )
    )


def test_lines_are_classified_once_per_distinct_text_and_joined_back(ruleset: RuleSet) -> None:
    tagged = classify_lines(_lines(), ruleset)
    assert tagged.stats.distinct_texts == 2
    assert tagged.lines["status"].to_list() == ["arg", "arg", "bukan_arg"]
    assert tagged.lines["pagu"].to_list() == [100, 50, 70]
    assert tagged.lines["hash_aturan"].unique().to_list() == [ruleset.digest]


def test_overrides_applied_last_and_stale_ones_reported(ruleset: RuleSet, tmp_path: Path) -> None:
    path = tmp_path / "overrides.toml"
    path.write_text(
        '[[override]]\ncode = "1.02.02.2.02.0004"\ndecision = "arg"\ncategory = "khusus"\nreason = "ibu balita"\n'
        'reviewer = "Siti"\n\n[[override]]\ncode = "9.99.99.2.01.0001"\ndecision = "bukan_arg"\n',
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    tagged, stale = apply_overrides(classify_lines(_lines(), ruleset).lines, overrides, ruleset.abbreviations)
    assert tagged["status"].to_list() == ["arg", "arg", "arg"]
    last = tagged.row(2, named=True)
    assert (last["diputuskan_oleh"], last["kategori"], last["bukti"]) == (
        "peninjau",
        "khusus",
        "Keputusan peninjau: ibu balita (Siti)",
    )
    assert [(o.code, o.line) for o in stale] == [("9.99.99.2.01.0001", 8)]


def test_fuzzy_stage_only_sees_a_shortlist() -> None:
    from argtag.classify.conditions import CODE, PD, TEXT
    from argtag.classify.engine import classify_keys
    from argtag.text import normalize_expr

    shipped = load_ruleset(Path(__file__).parent.parent / "rules")
    names = [f"Pembangunan Jalan Desa Segmen {i}" for i in range(200)] + [
        "Penyediaan Jasa Kebersihan Kantor",
        "Penyuluhan Kesehatan Reproduksii Remaja",
    ]
    keys = pl.DataFrame(
        {CODE: [None] * len(names), TEXT: names, PD: [None] * len(names)},
        schema={CODE: pl.String, TEXT: pl.String, PD: pl.String},
    )
    keys = keys.with_columns(normalize_expr(pl.col(TEXT), shipped.abbreviations).alias(TEXT))
    result, stats = classify_keys(keys, shipped)
    assert stats.distinct_texts == 202
    assert stats.fuzzy_shortlist <= 2  # the road works never reach rapidfuzz
    typo = result.filter(pl.col(TEXT).str.contains("reproduksii"))
    assert typo.select("status", "diputuskan_oleh").rows() == [("tinjau", "fuzzy")]

"""Same inputs, same bytes: two reviews of the samples give identical files, every one of them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import review_samples


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_reviews_give_identical_bytes(tmp: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        review_samples(name, "--generated-at", "2026-11-28T08:00:00+00:00")
        outputs.append(_files(tmp / name))
    first, second = outputs
    assert sorted(first) == sorted(second)
    assert {
        "index.html",
        "review.xlsx",
        "summary.json",
        "tagged.csv",
        "tagged.parquet",
        "skipped_rows.csv",
        "gbs/index.html",
        "gbs/gbs_pag.xlsx",
    } <= set(first)
    assert [name for name in first if first[name] != second[name]] == []
    texts = {name: content for name, content in first.items() if not name.endswith((".xlsx", ".parquet"))}
    assert [name for name, content in texts.items() if b"/work/" in content or b"/tmp/" in content] == []

"""The documents say what the tool does: every option, setting and summary.json field a user meets is named
in README.md, docs/panduan.md or docs/summary.md (the golden summary.json is the sample review's)."""

from __future__ import annotations

import json
import re
from typing import Any

import click

from argtag.cli import main
from argtag.cli.app import MOMENT_FORM
from argtag.ingest import profile
from argtag.metrics import config
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "panduan.md").read_text(encoding="utf-8")
SUMMARY_DOC = (ROOT / "docs" / "summary.md").read_text(encoding="utf-8")


def _options(group: click.Group) -> set[str]:
    names: set[str] = set()
    for command in group.commands.values():
        if isinstance(command, click.Group):
            names |= _options(command)
        names |= {opt for p in command.params if isinstance(p, click.Option) for opt in p.opts if opt != "--help"}
    return names


def test_every_option_is_documented() -> None:
    documented = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", README + GUIDE))
    assert sorted(_options(main) - documented) == []


def test_the_guide_documents_settings_and_profiles_instead_of_pointing_to_the_source() -> None:
    assert re.findall(r"argtag/[\w/]+\.py", GUIDE) == []
    keys = [*config._KEYS["indicators"], *(f"[{table}]" for table in config._KEYS), *profile._KEYS]
    assert [key for key in keys if key not in GUIDE] == []
    assert "2.5" in GUIDE and "--target-arg 2,5" in GUIDE  # numbers in argtag.toml, a comma only in flags
    assert MOMENT_FORM.split("mis. ")[1] in GUIDE and ".xlsm, .xls, .ods, .csv dan .txt" in GUIDE
    assert "--year` tidak dapat dipakai bersama `--previous`" in GUIDE


def test_the_guide_names_the_sections_of_index_html_as_the_page_does() -> None:
    page = (ROOT / "argtag" / "report" / "templates" / "index.html.j2").read_text(encoding="utf-8")
    headings = [h.split(" ({{")[0] for h in re.findall(r"<h2>([^<]+)</h2>", page)]
    assert len(headings) >= 10
    assert [h for h in headings if f"**{h}**" not in GUIDE] == []


def _fields(rows: Any) -> set[str]:
    return {key for row in rows for key in row} if isinstance(rows, list) else set()


def test_summary_doc_names_every_field_of_the_sample_summary() -> None:
    summary = json.loads((ROOT / "tests" / "golden" / "summary.json").read_text(encoding="utf-8"))
    quality, previous = summary["kualitas_data"], summary["tahun_lalu"]
    fields = set(summary["parameter"]) | set(quality["klasifikasi"]) | _fields(quality["temuan"])
    fields |= {key for name, rows in summary.items() if name.startswith("per_") for key in _fields(rows)}
    for name in ("subkegiatan_arg_baru", "subkegiatan_arg_hilang", "tag_berubah", "cocok_pd"):
        fields |= _fields(previous[name])
    assert [field for field in sorted(fields) if f"`{field}`" not in SUMMARY_DOC] == []
    assert "[cara, jumlah]" in SUMMARY_DOC and "can\nexceed 100" in SUMMARY_DOC
    assert [source for source in ('"bawaan"', '"opsi baris perintah"') if source not in SUMMARY_DOC] == []
    assert "tagged.parquet" in README and "All messages are in Bahasa Indonesia" in " ".join(README.split())

"""``argtag rules check`` and ``argtag rules test``: for rule maintainers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argtag.classify.examples import run_examples
from argtag.cli.app import EXIT_FINDINGS, EXIT_OK, main, rules_option
from argtag.errors import display_path
from argtag.rules.load import check_rules, default_rules_dir, load_ruleset


@main.group()
def rules() -> None:
    """Periksa dan uji berkas aturan (rules/*.toml).

    Contoh: argtag rules check && argtag rules test
    """


@rules.command()
@rules_option
def check(rules_dir: Path | None) -> None:
    """Periksa berkas aturan: sintaks TOML, kunci tak dikenal (dengan saran kunci terdekat), id ganda,
    awalan kode, nilai pilihan, aturan tanpa contoh, berkas tanpa [[rule]], dan frasa any/all yang tidak
    pernah terpicu karena memuat frasa unless.

    Contoh: argtag rules check --rules rules/
    """
    folder = rules_dir or default_rules_dir()
    ruleset, problems = check_rules(folder)
    for problem in problems:
        click.echo(problem.describe())
    errors = sum(1 for p in problems if p.severity == "galat")
    warnings = len(problems) - errors
    state = "aturan TIDAK sah" if errors else "aturan sah"
    click.echo(f"{display_path(folder)}: {state}; {len(ruleset.rules)} aturan; {errors} galat, {warnings} peringatan.")
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)


@rules.command(name="test")
@rules_option
@click.option("--verbose", "-v", is_flag=True, help="Tampilkan juga contoh yang lolos.")
def test_(rules_dir: Path | None, verbose: bool) -> None:
    """Jalankan setiap contoh aturan (match, no_match, known_misses) melalui seluruh set aturan.

    Contoh: argtag rules test
    """
    ruleset = load_ruleset(rules_dir)
    results = run_examples(ruleset)
    failed = [r for r in results if not r.ok and r.kind != "known_misses"]
    fixed = [r for r in results if not r.ok and r.kind == "known_misses"]
    for result in results:
        if not result.ok or verbose:
            mark = "LOLOS" if result.ok else ("CATATAN" if result.kind == "known_misses" else "GAGAL")
            click.echo(f"{mark} {result.rule.file}:{result.rule.line} [{result.rule.id}] {result.message()}")
    known = sum(1 for r in results if r.kind == "known_misses")
    click.echo(
        f"{len(results) - known} contoh diuji pada {len(ruleset.rules)} aturan: {len(failed)} gagal; "
        f"{known} dikenal belum cocok ({len(fixed)} di antaranya kini sudah cocok)."
    )
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)

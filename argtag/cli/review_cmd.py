"""``argtag review``: the main job."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import polars as pl

from argtag.cli.app import EXIT_OK, clear_progress, main, progress, read_options, rules_option, with_input_options
from argtag.errors import display_path
from argtag.money import format_count, format_rupiah
from argtag.review import Review, ReviewRequest, run_review


def _summary(review: Review) -> str:
    lines = review.tagged
    total = int(lines["pagu"].sum() or 0)
    arg = lines.filter(pl.col("status") == "arg")
    queue = lines.filter(pl.col("status") == "tinjau")
    arg_total = int(arg["pagu"].sum() or 0)
    share = f"{100 * arg_total / total:.2f}".replace(".", ",") if total else "0"
    distinct = arg.select("kode_skpd", "kode_sub_kegiatan").n_unique()
    out = [
        f"Baris anggaran: {format_count(lines.height)} (sub unit x sub kegiatan); total belanja {format_rupiah(total)}",
        f"ARG: {format_count(distinct)} sub kegiatan per PD ({format_count(arg.height)} baris), "
        f"{format_rupiah(arg_total)} = {share} % dari total belanja di berkas",
        f"Perlu ditinjau: {format_count(queue.height)} baris, {format_rupiah(int(queue['pagu'].sum() or 0))}",
    ]
    if review.stale_overrides:
        out.append(f"Keputusan peninjau yang tidak cocok dengan baris mana pun: {len(review.stale_overrides)}")
        out += [f"  baris {o.line}: {o.describe()}" for o in review.stale_overrides[:10]]
    if not all(f.reconciled for f in review.ingested.files):
        out.append("Perhatian: ada jumlah di berkas yang tidak cocok; jalankan 'argtag inspect' untuk rinciannya.")
    out.append(f"Laporan ditulis ke: {display_path(review.out)}/ (tagged.csv, skipped_rows.csv)")
    return "\n".join(out)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Folder laporan.")
@click.option("--overrides", type=click.Path(path_type=Path, dir_okay=False), help="Keputusan peninjau (TOML).")
@rules_option
@with_input_options
def review(
    inputs: tuple[Path, ...],
    out: Path | None,
    overrides: Path | None,
    rules_dir: Path | None,
    year: int | None,
    stage: str | None,
    profile: Path | None,
) -> None:
    """Telaah ARG: baca ekspor, tandai setiap sub kegiatan dengan aturan (dan keputusan peninjau),
    tulis folder laporan.

    Contoh: argtag review sample_rka/2026 --out reports/2026
    """
    seen: list[Path] = []
    request = ReviewRequest(list(inputs), out, rules_dir, overrides, read_options(year, stage, profile))
    result = run_review(request, progress(seen))
    clear_progress(seen)
    click.echo(_summary(result))
    sys.exit(EXIT_OK)

"""``argtag review``: the main job."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import click

from argtag.classify.overrides import DEFAULT_FILE
from argtag.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    Moment,
    Percent,
    Rupiah,
    clear_progress,
    main,
    progress,
    read_options,
    rules_option,
    with_input_options,
)
from argtag.errors import display_path
from argtag.metrics.config import DENOMINATORS, load_config, with_flags
from argtag.metrics.period import stage_label, year_label
from argtag.money import format_count, format_rupiah
from argtag.review import Review, ReviewRequest, run_review


def percent(value: float) -> str:
    """Indonesian percent: ``4,12 %``."""
    return f"{value:.2f}".replace(".", ",") + " %"


def signed(value: int) -> str:
    return ("+" if value > 0 else "") + format_rupiah(value)


def summary_text(review: Review) -> str:
    s = review.summary
    ind = s["indikator"]
    met = {True: "TERCAPAI", False: "BELUM TERCAPAI"}
    out = [
        f"Telaah ARG tahun {year_label(ind['tahun'])} (tahap {stage_label(ind)})",
        f"  Total belanja: {format_rupiah(ind['total_belanja'])} dalam {format_count(ind['jumlah_baris'])} baris "
        f"(sub unit x sub kegiatan)",
        f"  Penyebut: {s['parameter']['keterangan_denominator']} = {format_rupiah(ind['nilai_denominator'])}",
        f"  ARG: {format_rupiah(ind['total_arg'])} = {percent(ind['persen_arg_apbd'])} "
        f"[target > {percent(ind['target_persen_arg'])}: {met[ind['memenuhi_target_arg']]}]",
        f"  PD dengan ARG: {ind['jumlah_pd_dengan_arg']} dari {ind['jumlah_pd']} = "
        f"{percent(ind['persen_pd_dengan_arg'])} "
        f"[target > {percent(ind['target_persen_pd'])}: {met[ind['memenuhi_target_pd']]}]",
        f"  Sub kegiatan ARG: {format_count(ind['jumlah_subkegiatan_arg'])} (per PD)",
    ]
    out += [f"  Peringatan: {w['pesan']}" for w in s["peringatan"]]
    yoy = s["tahun_lalu"]
    if yoy:
        change = yoy["perubahan_rupiah_arg"]
        before = yoy["tahun"] or "tahun sebelumnya (tahun tidak diketahui)"
        out.append(
            f"  Dibanding {before}: sub kegiatan ARG {yoy['jumlah_subkegiatan_arg_lalu']} -> "
            f"{yoy['jumlah_subkegiatan_arg']} ({yoy['perubahan_jumlah_subkegiatan_arg']:+d}); ARG "
            f"{signed(change['perubahan'])} (anggaran berubah {signed(change['anggaran_berubah'])}, tag berubah "
            f"{signed(change['tag_berubah'])}, sub kegiatan baru {signed(change['subkegiatan_baru'])}, hilang "
            f"{signed(change['subkegiatan_hilang'])})"
        )
        if yoy["peringatan_tahap"]:
            out.append(f"  Peringatan: {yoy['peringatan_tahap']}")
    out.append(
        f"  Antrian tinjauan: {format_count(ind['jumlah_subkegiatan_tinjau'])} sub kegiatan "
        f"({format_count(ind['jumlah_baris_tinjau'])} baris), {format_rupiah(ind['rupiah_tinjau'])}"
    )
    if review.overrides_file is not None:
        out.append(
            f"  Keputusan peninjau dari {display_path(review.overrides_file)}: "
            f"{review.overrides_applied} baris diputuskan peninjau"
        )
    quality = s["kualitas_data"]
    if quality["keputusan_peninjau_usang"]:
        out.append(
            f"  Keputusan peninjau yang tidak cocok dengan baris mana pun: {len(quality['keputusan_peninjau_usang'])}"
        )
    out += [f"  Perhatian: {f.message} ({format_count(f.count)} baris)." for f in review.ingested.across]
    if review.failed_examples:
        command = "argtag rules test" + (
            f" --rules {shlex.quote(display_path(review.rules_dir))}" if review.rules_dir else ""
        )
        out.append(f"  Perhatian: {review.failed_examples} contoh aturan tidak terpenuhi; jalankan '{command}'.")
    if not quality["semua_rekonsiliasi_cocok"]:
        out.append("  Perhatian: ada jumlah di berkas yang tidak cocok; lihat 'argtag inspect' atau laporan.")
    files = ", ".join(sorted(p.name for p in review.out.iterdir()))
    out.append(f"Laporan ditulis ke: {display_path(review.out)}/ ({files})")
    return "\n".join(out)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="MASUKAN...")
@click.option(
    "--previous",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ekspor tahun sebelumnya (berkas atau folder); ulangi untuk beberapa tahun.",
)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Folder laporan.")
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Keputusan peninjau (TOML); bawaan: keputusan.toml di folder kerja bila ada.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Pengaturan indikator (bawaan: argtag.toml di folder kerja bila ada).",
)
@click.option("--denominator", type=click.Choice(list(DENOMINATORS)), help="Penyebut persen ARG.")
@click.option(
    "--apbd-total",
    type=Rupiah(),
    help="Total APBD resmi untuk --denominator apbd, rupiah penuh: 1234567000, 1.234.567.000 atau 'Rp 1.234.567.000'.",
)
@click.option("--target-arg", type=Percent(), help="Target persen ARG (bawaan 5).")
@click.option("--target-pd", type=Percent(), help="Target persen PD dengan ARG (bawaan 80).")
@click.option("--exclude-pd", multiple=True, help="Awalan kode PD yang tidak dihitung dalam persen PD, mis. 7.01.")
@click.option(
    "--generated-at",
    type=Moment(),
    help="Waktu pembuatan yang dicetak di laporan, tanggal dan waktu ISO 8601, mis. 2026-11-29T08:00:00+07:00 "
    "(bawaan: SOURCE_DATE_EPOCH atau kini).",
)
@rules_option
@with_input_options
def review(
    inputs: tuple[Path, ...],
    previous: tuple[Path, ...],
    out: Path | None,
    overrides: Path | None,
    config_path: Path | None,
    denominator: str | None,
    apbd_total: int | None,
    target_arg: float | None,
    target_pd: float | None,
    exclude_pd: tuple[str, ...],
    generated_at: str | None,
    rules_dir: Path | None,
    **read: Any,
) -> None:
    """Telaah ARG: baca ekspor, tandai setiap sub kegiatan dengan aturan (dan keputusan peninjau),
    bandingkan dengan tahun sebelumnya, hitung indikator, dan tulis folder laporan.

    Contoh: argtag review sample_rka/2026 --previous sample_rka/2025
    """
    config = with_flags(
        load_config(config_path),
        denominator=denominator,
        apbd_total=apbd_total,
        target_arg_percent=target_arg,
        target_pd_percent=target_pd,
        exclude_pd=exclude_pd,
    )
    if overrides is None and DEFAULT_FILE.is_file():
        overrides = DEFAULT_FILE
    seen: list[Path] = []
    request = ReviewRequest(
        list(inputs), list(previous), out, rules_dir, overrides, read_options(**read), config, generated_at
    )
    try:
        result = run_review(request, progress(seen))
    finally:  # an error is printed on a clean line
        clear_progress(seen)
    click.echo(summary_text(result))
    # as inspect: a total stated in a file that does not match what was read is a finding (exit 1), after the report
    sys.exit(EXIT_OK if result.summary["kualitas_data"]["semua_rekonsiliasi_cocok"] else EXIT_FINDINGS)

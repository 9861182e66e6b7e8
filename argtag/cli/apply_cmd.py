"""``argtag apply-review``: fold the Keputusan filled in review.xlsx into the overrides file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argtag.classify.overrides import DEFAULT_FILE
from argtag.cli.app import EXIT_FINDINGS, EXIT_OK, main
from argtag.errors import ArgtagError, display_path

if TYPE_CHECKING:
    from argtag.apply_review import ApplyResult

ERRORS_SHOWN = 20  # invalid cells, and rows without an Alasan, listed by number


def errors_error(result: ApplyResult, choices_hint: str) -> ArgtagError:
    """All invalid cells in one error (the first lines of it), so the user can fix them in one pass."""
    lines = [str(e) for e in result.errors[:ERRORS_SHOWN]]
    if len(result.errors) > ERRORS_SHOWN:
        lines.append(f"... dan {len(result.errors) - ERRORS_SHOWN} galat lain")
    head = f"{len(result.errors)} isian tidak sah; berkas keputusan tidak diubah:\n  " if len(lines) > 1 else ""
    hints = list(dict.fromkeys(e.hint for e in result.errors if e.hint))
    # a hint another one already contains (the choices, after "Keputusan ARG perlu kategorinya.") is said once
    hints = [h for h in hints if not any(h != other and h in other for other in hints)]
    return ArgtagError(head + "\n  ".join(lines), hint=" ".join(hints) or choices_hint)


def summary_text(workbook: Path, result: ApplyResult) -> str:
    where = display_path(result.overrides)
    if not result.rows:
        return f"{display_path(workbook)}: tidak ada kolom Keputusan yang terisi; {where} tidak diubah."
    out = [
        f"{display_path(workbook)}, sheet '{result.sheet}': {result.rows} baris berisi Keputusan.",
        f"  {len(result.added)} keputusan ditambahkan, {len(result.changed)} diubah, "
        f"{len(result.unchanged)} sudah ada (tidak berubah), {len(result.conflicts)} konflik.",
    ]
    if result.without_reason:
        rows = ", ".join(str(r) for r in result.without_reason[:ERRORS_SHOWN])
        more = len(result.without_reason) - ERRORS_SHOWN
        rows += f" dan {more} lainnya" if more > 0 else ""
        out.append(
            f"  Perhatian: {len(result.without_reason)} keputusan tanpa Alasan (baris {rows}); keputusan tetap "
            "diterapkan, tetapi isilah Alasan agar setiap keputusan dapat dipertanggungjawabkan."
        )
    out += [f"  Diubah: {c.describe()}" for c in result.changed]
    out += [f"  Konflik (tidak diterapkan): {c.describe()}" for c in result.conflicts]
    if result.conflicts:
        out.append(
            "  Samakan Keputusan pada baris-baris itu (satu keputusan per PD, sub kegiatan dan tahun), lalu ulangi."
        )
    if result.written:
        backup = f" (versi sebelumnya: {display_path(result.backup)})" if result.backup else ""
        out.append(f"Keputusan ditulis ke: {where}{backup}")
        out.append(f"Langkah berikut: argtag review <folder ekspor> --overrides {where}")
    else:
        out.append(f"Tidak ada yang baru; {where} tidak diubah.")
    return "\n".join(out)


@main.command(name="apply-review")
@click.argument("review_xlsx", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_FILE,
    show_default=True,
    help="Berkas keputusan peninjau (TOML); dibuat bila belum ada.",
)
def apply_review_command(review_xlsx: Path, overrides: Path) -> None:
    """Masukkan isian kolom Keputusan dan Alasan dari review.xlsx ke berkas keputusan peninjau (TOML).

    Keputusan lama tetap disimpan; keputusan baru untuk sub kegiatan yang sama menggantikannya, dan
    versi sebelumnya disimpan sebagai <berkas>.bak. Isian yang saling bertentangan untuk PD, sub
    kegiatan dan tahun yang sama dilaporkan sebagai konflik (kode keluar 1) dan tidak diterapkan.

    Contoh: argtag apply-review reports/review-2026/review.xlsx --overrides keputusan.toml
    """
    # openpyxl is imported by the command that needs it, not by every argtag start
    from argtag.apply_review import CHOICES_HINT, apply_review

    result = apply_review(review_xlsx, overrides)
    if result.errors:
        raise errors_error(result, CHOICES_HINT)
    click.echo(summary_text(review_xlsx, result))
    sys.exit(EXIT_FINDINGS if result.conflicts else EXIT_OK)

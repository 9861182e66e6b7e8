"""``argtag explain`` (why is this text tagged?) and ``argtag eval`` (how good are the rules?)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from argtag.classify import classify_lines, classify_text
from argtag.cli.app import main, rules_option
from argtag.evaluate import Evaluation, evaluate, read_labelled
from argtag.ingest import read_inputs
from argtag.money import format_count
from argtag.report.labels import DECIDED_BY_TEXT, STATUS_TEXT
from argtag.rules.load import load_ruleset
from argtag.rules.model import RuleSet


def explanation(text: str, code: str | None, pd: str | None, ruleset: RuleSet) -> dict[str, Any]:
    result = classify_text(text, code, ruleset, pd)
    fired = [ruleset.by_id(i) for i in str(result["terpicu"]).split(";") if i]
    deciding = set(str(result["aturan"]).split(";"))
    return {
        "teks": text,
        "kode": code,
        "teks_normal": str(result.pop("_text")).strip(),
        **result,
        "terpicu": [
            {
                "id": r.id,
                "judul": r.title,
                "keputusan": r.decision,
                "kategori": r.category,
                "prioritas": r.priority,
                "status_aturan": r.status,
                "menentukan": r.id in deciding,
                "alasan": r.rationale,
                "rujukan": r.reference,
                "berkas": f"{r.file}:{r.line}",
            }
            for r in fired
        ],
        "hash_aturan": ruleset.digest,
    }


def _explain_text(data: dict[str, Any]) -> str:
    code = f" (kode {data['kode']})" if data["kode"] else ""
    lines = [f'Teks: "{data["teks"]}"{code}', f'Setelah dinormalkan: "{data["teks_normal"]}"']
    details = [
        f"kategori {data['kategori']}" if data["kategori"] else "",
        f"bidang {data['bidang']}",
        f"sasaran {data['sasaran']}" if data["sasaran"] else "",
    ]
    keyakinan = f"{data['keyakinan']:.2f}".replace(".", ",")
    lines.append(
        f"Keputusan: {STATUS_TEXT[data['status']]} ({', '.join(d for d in details if d)}); keyakinan {keyakinan}"
    )
    lines.append(f"Diputuskan oleh: {DECIDED_BY_TEXT[data['diputuskan_oleh']]}")
    if data["bukti"]:
        lines.append(f"Bukti: {data['bukti']}")
    for rule in data["terpicu"]:
        role = "menentukan" if rule["menentukan"] else "terpicu, kalah prioritas"
        lines.append(
            f"  [{rule['id']}] {rule['judul']} ({rule['keputusan']}, prioritas {rule['prioritas']}, "
            f"{rule['status_aturan']}; {role}) {rule['berkas']}"
        )
        lines.append(f"      Alasan: {rule['alasan']}")
        if rule["rujukan"]:
            lines.append(f"      Rujukan: {rule['rujukan']}")
    if data["konflik"]:
        lines.append(f"Konflik: {data['konflik']} memberi keputusan berbeda pada prioritas yang sama; perlu ditinjau.")
    lines.append(f"Hash aturan: {data['hash_aturan'][:16]}")
    return "\n".join(lines)


@main.command()
@click.argument("text", metavar="TEKS")
@click.option("--code", help="Kode sub kegiatan, misalnya 1.02.02.2.02.0001.")
@click.option("--pd", help="Kode perangkat daerah (untuk aturan yang dibatasi PD).")
@click.option("--json", "as_json", is_flag=True, help="Cetak satu objek JSON.")
@rules_option
def explain(text: str, code: str | None, pd: str | None, as_json: bool, rules_dir: Path | None) -> None:
    """Jelaskan mengapa sebuah nama sub kegiatan ditandai ARG, bukan ARG, atau perlu ditinjau:
    aturan yang terpicu, kata yang cocok, alasan dan rujukannya.

    Contoh: argtag explain "Pelayanan Kesehatan Ibu Hamil" --code 1.02.02.2.02.0001
    """
    ruleset = load_ruleset(rules_dir)
    data = explanation(text, code, pd, ruleset)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else _explain_text(data))


def _ratio(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def _eval_text(result: Evaluation, path: str) -> str:
    rows = result.rows
    kinds = rows.group_by("kind").len().sort("kind")
    counts = ", ".join(f"{k} {format_count(n)}" for k, n in kinds.iter_rows())
    c = result.clear
    out = [
        f"Set berlabel: {path} ({format_count(rows.height)} baris: {counts})",
        f"Kasus jelas, menurut jumlah: presisi {_ratio(c.precision)}, recall {_ratio(c.recall)} "
        f"(benar positif {c.true_pos}, positif palsu {c.false_pos}, negatif palsu {c.false_neg})",
    ]
    if result.clear_rupiah is not None:
        r = result.clear_rupiah
        out.append(f"Kasus jelas, menurut rupiah di anggaran: presisi {_ratio(r.precision)}, recall {_ratio(r.recall)}")
    out.append(f"Jebakan yang keliru ditandai ARG: {result.trap_false_positives.height}")
    out.append("Tabel kebingungan (baris = label, kolom = hasil):")
    out.append(f"  {'label':<10} {'arg':>7} {'tinjau':>7} {'bukan_arg':>10}")
    for label, arg, tinjau, bukan in result.confusion.iter_rows():
        out.append(f"  {label:<10} {arg:>7} {tinjau:>7} {bukan:>10}")
    errors = result.errors()
    if errors.height:
        out.append(f"Kesalahan ({errors.height}):")
        for row in errors.head(40).iter_rows(named=True):
            out.append(
                f"  [{row['kind']}] label {row['label']}, hasil {row['status']}: {row['text']} "
                f"{('(' + row['aturan'] + ')') if row['aturan'] else ''}"
            )
    return "\n".join(out)


@main.command(name="eval")
@click.option(
    "--labelled",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("eval/labelled.csv"),
    show_default=True,
    help="CSV berlabel (text, code, label, kind, ...).",
)
@click.option(
    "--budget",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Ekspor anggaran untuk menimbang hasil dengan rupiah (boleh berulang).",
)
@rules_option
def eval_(labelled: Path, budget: tuple[Path, ...], rules_dir: Path | None) -> None:
    """Ukur presisi dan recall aturan terhadap set berlabel (menurut jumlah dan, dengan --budget, menurut
    rupiah), jebakan yang keliru ditandai, dan tabel kebingungan.

    Contoh: argtag eval --budget sample_rka/2026
    """
    ruleset = load_ruleset(rules_dir)
    tagged = classify_lines(read_inputs(list(budget)).lines, ruleset).lines if budget else None
    click.echo(_eval_text(evaluate(read_labelled(labelled), ruleset, tagged), str(labelled)))

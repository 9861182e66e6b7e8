"""The knobs of the indicators: where the rules of the game are not settled, the user chooses, and the
choice travels with the results. Defaults, then ``argtag.toml``, then command-line flags.

``argtag.toml``::

    [indicators]
    denominator = "total"            # total | tanpa_penunjang | apbd
    apbd_total = 1500000000000       # whole rupiah, required for denominator = "apbd"
    target_arg_percent = 5.0
    target_pd_percent = 80.0
    exclude_pd = ["7.01"]            # PD code prefixes left out of "% PD with ARG" (here: kecamatan)

    [pd_aliases]                     # restructured PD: previous code or name -> current code
    "Dinas Komunikasi dan Informatika" = "2.16.2.20.2.21.01.0000"
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from argtag import toml_file
from argtag.errors import ArgtagError, Location, display_path
from argtag.money import parse_whole_rupiah

DENOMINATORS = {
    "total": "total belanja dalam berkas masukan",
    "tanpa_penunjang": "total belanja dalam berkas masukan tanpa Program Penunjang (program 01)",
    "apbd": "total APBD yang diberikan pengguna",
}
RUPIAH_FORMS = "Tulis rupiah penuh, mis. 1234567000, 1.234.567.000 atau Rp 1.234.567.000"
PERCENT_RANGE = "Target adalah persen lebih dari 0 dan paling banyak 100"
_KEYS = {
    "indicators": ("denominator", "apbd_total", "target_arg_percent", "target_pd_percent", "exclude_pd"),
    "pd_aliases": (),
}


@dataclass(frozen=True)
class MetricsConfig:
    denominator: str = "total"
    apbd_total: int | None = None
    target_arg_percent: float = 5.0
    target_pd_percent: float = 80.0
    exclude_pd: tuple[str, ...] = ()
    pd_aliases: dict[str, str] = field(default_factory=dict)
    source: str = "bawaan"  # where the settings came from, printed in the report

    def validated(self) -> MetricsConfig:
        if self.denominator not in DENOMINATORS:
            raise ArgtagError(
                f"penyebut '{self.denominator}' tidak dikenal", hint=f"Pilihan: {', '.join(DENOMINATORS)}."
            )
        if self.apbd_total is not None and self.apbd_total <= 0:
            raise ArgtagError(
                f"total APBD harus lebih dari 0 (diberikan {self.apbd_total})",
                hint=f"{RUPIAH_FORMS}; atau hapus apbd_total bila tidak dipakai.",
            )
        for key, value in (
            ("target_arg_percent", self.target_arg_percent),
            ("target_pd_percent", self.target_pd_percent),
        ):
            if not 0 < value <= 100:
                raise ArgtagError(
                    f"{key} harus lebih dari 0 dan paling banyak 100 (diberikan {value:g})",
                    hint=f"{PERCENT_RANGE}, mis. {key} = 5 atau 2.5.",
                )
        if self.denominator == "apbd" and not self.apbd_total:
            raise ArgtagError(
                "penyebut 'apbd' memerlukan total APBD",
                hint="Berikan --apbd-total (rupiah penuh) atau apbd_total di argtag.toml.",
            )
        return self

    def describe(self) -> dict[str, Any]:
        return {
            "denominator": self.denominator,
            "keterangan_denominator": DENOMINATORS[self.denominator],
            "apbd_total": self.apbd_total,
            "target_persen_arg": self.target_arg_percent,
            "target_persen_pd": self.target_pd_percent,
            "pd_dikecualikan": list(self.exclude_pd),
            "alias_pd": dict(sorted(self.pd_aliases.items())),
            "sumber_pengaturan": self.source,
        }


def load_config(path: Path | None) -> MetricsConfig:
    """Settings from ``argtag.toml`` (given, or in the working folder), else the defaults."""
    if path is None:
        if not Path("argtag.toml").is_file():
            return MetricsConfig()
        path = Path("argtag.toml")
    where = Location(display_path(path))
    try:
        data, _ = toml_file.load(path)
    except FileNotFoundError as exc:
        raise ArgtagError("berkas pengaturan tidak ditemukan", location=where, hint="Periksa --config.") from exc
    for table, value in data.items():
        if table not in _KEYS:
            raise ArgtagError(f"tabel '[{table}]' tidak dikenal", location=where, hint=_nearest(table, list(_KEYS)))
        for key in value if table == "indicators" else ():
            if key not in _KEYS["indicators"]:
                raise ArgtagError(
                    f"kunci '{key}' tidak dikenal di [indicators]",
                    location=where,
                    hint=_nearest(key, list(_KEYS["indicators"])),
                )
    section = data.get("indicators", {})
    config = MetricsConfig(
        denominator=str(section.get("denominator", "total")),
        apbd_total=_rupiah(section["apbd_total"], where) if "apbd_total" in section else None,
        target_arg_percent=_percent(section, "target_arg_percent", 5.0, where),
        target_pd_percent=_percent(section, "target_pd_percent", 80.0, where),
        exclude_pd=tuple(str(p) for p in section.get("exclude_pd", [])),
        pd_aliases={str(k): str(v) for k, v in data.get("pd_aliases", {}).items()},
        source=where.file,
    )
    try:
        return config.validated()
    except ArgtagError as exc:
        raise ArgtagError(exc.message, hint=exc.hint, location=where) from exc


def _rupiah(value: Any, where: Location) -> int:
    """apbd_total: a TOML integer, or a text as a user writes rupiah (``"1.234.567.000"``)."""
    amount = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str):
        amount = parse_whole_rupiah(value)
    if amount is None:
        raise ArgtagError(f"apbd_total tidak sah: {value!r}", hint=RUPIAH_FORMS + ".", location=where)
    return amount


def _percent(section: dict[str, Any], key: str, default: float, where: Location) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ArgtagError(
            f"{key} harus berupa angka (diberikan {value!r})",
            hint=f"{PERCENT_RANGE}, mis. {key} = 5 atau 2.5.",
            location=where,
        )
    return float(value)


def with_flags(config: MetricsConfig, **flags: Any) -> MetricsConfig:
    """Command-line flags win over the file; unset flags (None or empty) leave it alone."""
    given = {k: v for k, v in flags.items() if v not in (None, ())}
    if not given:
        return config.validated()
    source = config.source + " + opsi baris perintah" if config.source != "bawaan" else "opsi baris perintah"
    return replace(config, **given, source=source).validated()


def _nearest(word: str, options: list[str]) -> str:
    close = get_close_matches(word, options, n=1)
    return f"Mungkin maksud Anda '{close[0]}'." if close else f"Pilihan: {', '.join(options)}."

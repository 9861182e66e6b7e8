"""The ``argtag`` command group: error handling, exit codes and the options commands share.

Exit codes: 0 ok, 1 findings that need attention (totals that do not reconcile, in review and inspect; conflicting
decisions in apply-review), 2 error.
Errors are printed in Bahasa Indonesia without a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import click

from argtag import __version__
from argtag.cli import help as indonesian_help
from argtag.errors import ArgtagError
from argtag.ingest import ReadOptions
from argtag.ingest.grid import Limits
from argtag.ingest.profile import load_profile
from argtag.ingest.titles import STAGES
from argtag.metrics.config import PERCENT_RANGE, RUPIAH_FORMS
from argtag.money import parse_whole_rupiah

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ArgtagGroup(indonesian_help.NamesItsCommand, click.Group):
    """Turns every failure into an Indonesian message and exit status 2, in one place; its commands and
    groups show click's help frame in Indonesian (``cli.help``)."""

    context_class = indonesian_help.Context
    command_class = indonesian_help.Command
    group_class = type  # subgroups are ArgtagGroups too
    arguments: list[str] | None = None  # the command line given to main, for the --debug hint

    def invoke(self, ctx: click.Context) -> Any:
        debug = "--debug" in sys.argv[1:] or bool(ctx.find_root().params.get("debug"))
        try:
            return super().invoke(ctx)
        except ArgtagError as exc:
            if debug:
                raise
            click.echo(f"Galat: {exc}", err=True)
            if exc.hint:
                click.echo(f"Saran: {exc.hint}", err=True)
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # the reader of the output went away (argtag inspect --json ... | head): nothing left to say to it;
            # later writes and the final flush go nowhere instead of failing again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_FINDINGS)
        except Exception as exc:
            if debug:
                raise
            click.echo(f"Galat tak terduga: {type(exc).__name__}: {exc}", err=True)
            click.echo(
                f"Saran: ulangi dengan --debug tepat sesudah 'argtag' dan laporkan keluarannya kepada pengelola "
                f"argtag: {with_debug(ctx)}",
                err=True,
            )
            ctx.exit(EXIT_ERROR)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Command-line mistakes (missing argument, unknown option or command) in Indonesian, exit 2."""
        self.arguments = list(args) if args is not None else sys.argv[1:]
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            if isinstance(exc, NO_ARGS_IS_HELP) and exc.ctx is not None:  # 'argtag', 'argtag rules': the help
                click.echo(exc.ctx.get_help(), color=exc.ctx.color)
                sys.exit(EXIT_OK)
            path = exc.ctx.command_path if exc.ctx else "argtag"
            click.echo(f"Galat: {usage_message(exc)}", err=True)
            if isinstance(exc, click.NoSuchOption) and exc.option_name == "--debug" and exc.ctx is not None:
                click.echo(
                    f"Saran: --debug ditulis tepat sesudah 'argtag', sebelum nama perintah: {with_debug(exc.ctx)}",
                    err=True,
                )
            else:
                click.echo(f"Saran: lihat '{path} --help'.", err=True)
            sys.exit(EXIT_ERROR)
        except click.Abort:
            click.echo("Dibatalkan.", err=True)
            sys.exit(EXIT_FINDINGS)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def with_debug(ctx: click.Context) -> str:
    """The command that failed, as it can be typed again, with ``--debug`` where argtag takes it: right after
    ``argtag``.

    ``--debug`` is an option of the top command only; ``argtag rules check --debug`` is a usage error.
    """
    given = getattr(ctx.find_root().command, "arguments", None)
    if given is None:
        return "argtag --debug <perintah> ..."
    return shlex.join(["argtag", "--debug", *(a for a in given if a != "--debug")])


# click 8.2 and later raise this for a group called without a command (8.1 printed the help and exited 0)
NO_ARGS_IS_HELP: tuple[type[click.UsageError], ...] = tuple(
    kind for kind in [getattr(click.exceptions, "NoArgsIsHelpError", None)] if kind is not None
)
# click's parser errors, matched by their English text (click has no class or field for each)
_PATH_PROBLEMS = {
    "does not exist": "tidak ada",
    "is a file": "adalah berkas, sedangkan yang diperlukan folder",
    "is a directory": "adalah folder, sedangkan yang diperlukan berkas",
    "is not readable": "tidak dapat dibaca",
    "is not writable": "tidak dapat ditulisi",
    "is not executable": "tidak dapat dijalankan",
}
_PATH_PROBLEM = re.compile(r"^(?:File|Directory|Path) '(.*)' (" + "|".join(_PATH_PROBLEMS) + r")\.$", re.S)
_NEEDS_VALUES = re.compile(r"^Option '.*' requires (\d+) arguments\.$")
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S)
_ARGUMENT_VALUES = re.compile(r"^Argument '(.*)' takes (\d+) values\.$")


def usage_message(exc: click.UsageError) -> str:
    """click's English usage errors, said in Indonesian.

    >>> usage_message(click.NoSuchOption("--yaer", possibilities=["--year"]))
    "opsi '--yaer' tidak dikenal; mungkin maksud Anda --year"
    >>> usage_message(click.BadOptionUsage("--year", "Option '--year' requires an argument."))
    "opsi '--year' memerlukan nilai"
    >>> usage_message(click.UsageError("Got unexpected extra argument (b)"))
    "argumen berlebih: 'b'"
    """
    param = getattr(exc, "param", None)
    if isinstance(param, click.Option):
        name = param.opts[0]
    else:
        name = f"argumen {param.human_readable_name.rstrip('.')}" if param is not None else "parameter"
    if isinstance(exc, click.MissingParameter):
        return f"{name} wajib diberikan"
    if isinstance(exc, click.NoSuchOption):
        close = f"; mungkin maksud Anda {', '.join(sorted(exc.possibilities or ()))}" if exc.possibilities else ""
        return f"opsi '{exc.option_name}' tidak dikenal{close}"
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"opsi '{exc.option_name}' tidak menerima nilai"
        count = _NEEDS_VALUES.match(exc.message)
        return f"opsi '{exc.option_name}' memerlukan {f'{count.group(1)} nilai' if count else 'nilai'}"
    if isinstance(exc, click.BadParameter):
        kind = param.type if param is not None else None
        if isinstance(kind, IndonesianType):
            return f"nilai {name} tidak sah: {exc.message}"
        if isinstance(kind, click.Choice):
            return f"nilai tidak sah untuk {name}; pilihan: {', '.join(map(str, kind.choices))}"
        if kind in (click.INT, click.FLOAT):
            return f"nilai {name} harus berupa angka"
        problem = _PATH_PROBLEM.match(exc.message)
        if problem:
            return f"nilai tidak sah untuk {name}: '{problem.group(1)}' {_PATH_PROBLEMS[problem.group(2)]}"
        return f"nilai tidak sah untuk {name}"
    extra = _EXTRA_ARGUMENTS.match(exc.message)
    if extra:
        return f"argumen berlebih: '{extra.group(1)}'"
    values = _ARGUMENT_VALUES.match(exc.message)
    if values:
        return f"argumen {values.group(1).upper()} memerlukan {values.group(2)} nilai"
    if exc.message == "Missing command.":
        return "perintah belum diberikan"
    command = re.match(r"No such command '(.+)'", exc.message)
    if command:
        similar = getattr(exc, "possibilities", None)  # click 8.4 and later
        return f"perintah '{command.group(1)}' tidak dikenal" + (
            f"; mungkin maksud Anda {', '.join(similar)}" if similar else ""
        )
    return f"perintah tidak dapat dipahami: {exc.message}"


class IndonesianType(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2, not in 8.1
    """A parameter type of argtag's own: its failure messages are Indonesian, and :func:`usage_message` shows them."""


class Rupiah(IndonesianType):
    """A whole-rupiah amount above 0 as an Indonesian user writes it: ``1234567000``, ``1.234.567.000``,
    ``Rp 1.234.567.000``."""

    name = "rupiah"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        amount = value if isinstance(value, int) else parse_whole_rupiah(str(value))
        if amount is None:
            self.fail(f"'{value}'. {RUPIAH_FORMS}.", param, ctx)
        if amount <= 0:
            self.fail(f"'{value}'; total harus lebih dari 0", param, ctx)
        return amount


class Percent(IndonesianType):
    """A percent target: more than 0 and at most 100; ``5``, ``2.5``, ``2,5`` or ``2,5%``."""

    name = "persen"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = (
                float(value)
                if isinstance(value, int | float)
                else float(str(value).strip().rstrip("%").replace(",", "."))
            )
        except ValueError:
            self.fail(f"'{value}'. {PERCENT_RANGE}, mis. 5 atau 2,5.", param, ctx)
        if not 0 < number <= 100:
            self.fail(f"'{value}'. {PERCENT_RANGE}, mis. 5 atau 2,5.", param, ctx)
        return number


class Moment(IndonesianType):
    """A date and time in ISO 8601, as a report prints it: ``2026-11-29T08:00:00+07:00``; kept as written."""

    name = "waktu"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        try:
            datetime.fromisoformat(text)
        except ValueError:
            self.fail(f"'{value}'. {MOMENT_FORM}.", param, ctx)
        return text


MOMENT_FORM = "Tulis tanggal dan waktu ISO 8601, mis. 2026-11-29T08:00:00+07:00"


@click.group(cls=ArgtagGroup, name="argtag")
@click.version_option(__version__, prog_name="argtag", message="%(prog)s versi %(version)s")
@click.option("--debug", is_flag=True, help="Tampilkan traceback lengkap saat terjadi galat.")
def main(debug: bool) -> None:
    """argtag: telaah Anggaran Responsif Gender (ARG) dari ekspor RKA/DPA pemda."""


def run() -> NoReturn:
    """The ``argtag`` program: :func:`main`, then the process ends without the interpreter's teardown.

    Tearing down frees every object one by one (0.07 s after a sample review, 0.1 s after a million lines)
    only for the operating system to reclaim the memory anyway. By the time ``main`` exits, every report and
    overrides file is closed and every worker thread has finished; ``click.echo`` flushes each message, and the
    standard streams are flushed once more in case anything else wrote to them. Tests call :func:`main`
    through click's runner and keep the ordinary exit; ``tests/test_program.py`` holds the two exits equal.
    """
    code = EXIT_OK
    try:
        main()
    except SystemExit as exc:
        if not isinstance(exc.code, int):
            raise
        code = exc.code
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def read_options(
    year: int | None, stage: str | None, profile: Path | None, max_rows: int, max_megabytes: int
) -> ReadOptions:
    limits = Limits(max_rows=max_rows, max_bytes=max_megabytes * 1_000_000)
    return ReadOptions(year=year, stage=stage, profile=load_profile(profile) if profile else None, limits=limits)


input_options = [
    click.option("--year", type=int, help="Tahun anggaran, bila tidak tertulis di berkas (atau untuk menimpanya)."),
    click.option("--stage", type=click.Choice(STAGES), help="Tahap anggaran: murni, pergeseran, perubahan."),
    click.option(
        "--profile",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Profil pemetaan kolom (TOML) untuk ekspor dengan tata letak khusus.",
    ),
    click.option(
        "--max-rows",
        type=int,
        default=Limits.max_rows,
        show_default=True,
        help="Batas baris per sheet/berkas (pengaman terhadap berkas rusak).",
    ),
    click.option(
        "--max-megabytes",
        type=int,
        default=Limits.max_bytes // 1_000_000,
        show_default=True,
        help="Batas ukuran isi berkas setelah dibuka, dalam MB (pengaman terhadap 'zip bomb').",
    ),
]


def with_input_options(func: Any) -> Any:
    for option in reversed(input_options):
        func = option(func)
    return func


def progress(paths_seen: list[Path]) -> Any:
    def report(path: Path) -> None:
        paths_seen.append(path)
        if sys.stderr.isatty():
            click.echo(f"\rMembaca berkas {len(paths_seen)}: {path.name[:60]:<60}", err=True, nl=False)

    return report


def clear_progress(paths_seen: list[Path]) -> None:
    if sys.stderr.isatty() and paths_seen:
        click.echo("\r" + " " * 80 + "\r", err=True, nl=False)


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder aturan (bawaan: rules/ di folder kerja bila berisi berkas .toml, selain itu yang disertakan argtag).",
)

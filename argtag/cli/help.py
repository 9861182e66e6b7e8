"""click's own words in the help screens, in Indonesian: the usage line, the headings, the type names of
option values, ``[default: ..]`` and the built-in ``--help`` and ``--version`` options.

Our commands write their help texts in Indonesian; click adds its English frame around them. A help
formatter of our own translates that frame as it is written, so every command gets it through the
context class of :class:`Command` and of the ``argtag`` group (see ``cli.app``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import click

USAGE = "Penggunaan: "
HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen"}
# the usage line's placeholders and the value types of options, as whole words (arguments name their own)
WORDS = {
    "OPTIONS": "OPSI",
    "COMMAND": "PERINTAH",
    "ARGS": "ARGUMEN",  # not "ARG": argtag says ARG for Anggaran Responsif Gender
    "INTEGER": "BILANGAN",
    "FLOAT": "ANGKA",
    "TEXT": "TEKS",
    "FILE": "BERKAS",
    "DIRECTORY": "FOLDER",
    "PATH": "JALUR",
}
PHRASES = {
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi argtag lalu keluar.",
    "[default: ": "[bawaan: ",
    "[required]": "[wajib]",
}
_WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b")


def placeholders(text: str) -> str:
    """click's placeholders (a usage line, an option with its value type) in Indonesian.

    >>> placeholders("[OPTIONS] COMMAND [ARGS]..."), placeholders("--max-rows INTEGER")
    ('[OPSI] PERINTAH [ARGUMEN]...', '--max-rows BILANGAN')
    """
    return _WORD.sub(lambda m: WORDS[m.group(1)], text)


def phrases(text: str) -> str:
    """click's phrases in an option's help text in Indonesian; our own words are left as they are.

    >>> phrases("Batas baris.  [default: 2000]")
    'Batas baris.  [bawaan: 2000]'
    """
    for english, indonesian in PHRASES.items():
        text = text.replace(english, indonesian)
    return text


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, placeholders(args), USAGE)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(placeholders(term), phrases(text)) for term, text in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = HelpFormatter


class NamesItsCommand(click.Command):
    """Sets the context on a usage error that click's parser raises without one (an option missing its value:
    ``Option '--year' requires an argument``), so the message can point to this command's own help."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise


class Command(NamesItsCommand):
    context_class = Context

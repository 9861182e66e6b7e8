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
    "ARGS": "ARG",
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
    ('[OPSI] PERINTAH [ARG]...', '--max-rows BILANGAN')
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


class Command(click.Command):
    context_class = Context

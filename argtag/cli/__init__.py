"""The ``argtag`` command line. Only this package imports click.

Exit codes: 0 ok, 1 findings that need attention, 2 error (converted in one place, ``app.ArgtagGroup``).
"""

from argtag.cli import apply_cmd, explain_cmd, inspect_cmd, review_cmd, rules_cmd
from argtag.cli.app import main, run

__all__ = ["apply_cmd", "explain_cmd", "inspect_cmd", "main", "review_cmd", "rules_cmd", "run"]

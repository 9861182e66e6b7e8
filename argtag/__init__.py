"""argtag: reads regional budget exports and reviews gender-responsive budgeting (ARG)."""

__version__ = "0.1.0"

"""Indonesian words for the classifier's values, shared by the CLI and the reports."""

STATUS_TEXT = {"arg": "ARG", "bukan_arg": "Bukan ARG", "tinjau": "Perlu ditinjau"}
DECIDED_BY_TEXT = {
    "aturan": "aturan",
    "fuzzy": "kemiripan teks, perlu ditinjau",
    "konflik": "konflik antar aturan",
    "bawaan": "tidak ada aturan yang cocok",
    "peninjau": "keputusan peninjau",
}

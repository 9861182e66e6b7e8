"""The README's first command, timed: what a newcomer waits for on the sample exports.

    python benchmarks/sample_review.py [--repeat N]

Runs ``argtag review sample_rka/2026 --previous sample_rka/2025`` (two years, 40 files, 4,910 lines) as a
subprocess N times into a temporary folder and prints the median wall time, beside the time to start Python
and import argtag, measured in the same run and in turn with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_rka"


def _seconds(command: list[str]) -> float:
    # as on a user's machine, Python caches compiled modules (some sandboxes turn that off for everything)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-c", "from argtag.cli import run; run()"]
    startup = [sys.executable, "-c", "import argtag.cli, argtag.review"]
    reviews, starts = [], []
    with tempfile.TemporaryDirectory() as work:
        review = [*cli, "review", str(SAMPLES / "2026"), "--previous", str(SAMPLES / "2025"), "--out", work]
        _seconds(review)  # warm: the first run compiles and caches modules
        for _ in range(args.repeat):
            reviews.append(_seconds(review))
            starts.append(_seconds(startup))
    print(f"argtag review sample_rka/2026 --previous sample_rka/2025: {statistics.median(reviews):.2f} s")
    print(f"  (starting Python and importing argtag: {statistics.median(starts):.2f} s; medians of {args.repeat})")


if __name__ == "__main__":
    main()

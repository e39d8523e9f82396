"""How long page 1 of the session report takes to read, measured on the sample's span of 2026-10-02 to 2026-10-31.

    .venv/bin/python benchmarks/report_reading.py

Makes the PDF exactly as ``ghw export --format pdf`` does, reads page 1 back
with poppler's ``pdftotext``, and prints: the words on the page; for each of
the four things a reader is timed on (the span, mood, the check-ins, one
clear finding), how many words come before it; and the time to reach each
at an adult's average silent reading rate for non-fiction, 238 words a
minute (Brysbaert 2019, *Journal of Memory and Language* 109, a meta-analysis
of 190 studies). A reader who scans the headings gets there sooner; one who
reads every word, no later. A person's timed read follows
``docs/report-reading.md``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ghw import cli, paths

SPAN = ("2026-10-02", "2026-10-31")
WORDS_A_MINUTE = 238
# What the reader is asked for, and the words on page 1 that give it.
ANSWERS = {"the span and days logged": "days logged", "mood": "on average", "check-ins": "Well-being (WHO-5",
           "one clear finding": "The clearest findings"}


def page_one(folder: Path) -> str:
    """Page 1's text, from the sample copied into ``folder`` and exported by the command line."""
    for name in ("journal", "plan", "people", "checkins", "experiments"):
        shutil.copy(getattr(paths, f"SAMPLE_{name.upper()}"), folder / f"{name}.csv")
    out = folder / "report.pdf"
    code = cli.main(["export", "--format", "pdf", "--journal", str(folder / "journal.csv"), "--since", SPAN[0],
                     "--until", SPAN[1], "--out", str(out)])
    if code:
        sys.exit(code)
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], check=True, capture_output=True,
                          text=True).stdout


def measure(text: str) -> dict:
    """Words on the page, and for each answer the words before it and the seconds to reach it."""
    flat = " ".join(text.split())
    found = {}
    for answer, words in ANSWERS.items():
        before = len(flat[: flat.index(words)].split())
        found[answer] = (before, round(before / WORDS_A_MINUTE * 60))
    total = len(flat.split())
    return {"words": total, "seconds": round(total / WORDS_A_MINUTE * 60), "answers": found}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(page_one(Path(folder)))
    print(f"page 1: {figures['words']} words, {figures['seconds']} s to read whole at {WORDS_A_MINUTE} words a minute")
    for answer, (before, seconds) in figures["answers"].items():
        print(f"  {answer}: after {before} words, {seconds} s")


if __name__ == "__main__":
    main()

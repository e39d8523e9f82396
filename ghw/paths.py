"""Where ghw's files live, decided in one place.

The user's journal is ``$GHW_JOURNAL`` when that is set, otherwise
``data/journal.csv`` in the project folder. Sample data, backups and exports
are found relative to the same places, so nothing else needs to know.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "PROJECT_DIR",
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "SAMPLE_JOURNAL",
    "SAMPLE_PLAN",
    "journal_path",
    "backups_dir",
]

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
SAMPLE_JOURNAL = DATA_DIR / "sample_journal.csv"
SAMPLE_PLAN = DATA_DIR / "sample_plan.csv"


def journal_path() -> Path:
    """The user's journal: ``$GHW_JOURNAL`` if set, else ``data/journal.csv``."""
    env = os.environ.get("GHW_JOURNAL", "").strip()
    return Path(env).expanduser() if env else DATA_DIR / "journal.csv"


def backups_dir(journal: Path) -> Path:
    """Folder that holds the previous versions of ``journal`` after edits: one folder per file, by its name."""
    return journal.parent / "backups" / journal.name


"""A journal and the files ghw keeps beside it, named and found in one place.

A :class:`JournalFolder` is built from a journal's path (the user's own by
default, :func:`ghw.paths.journal_path`). It says where each file beside the
journal is (``plan.csv``, ``people.csv``, ``checkins.csv``,
``experiments.csv``, ``reflections.csv``, ``programme.csv``, the pseudonym
key, ``backups/``, ``exports/``, the import record) and reads each file at
most once: :meth:`JournalFolder.read` keeps what it read until
:meth:`JournalFolder.reload`, so that a page that previews a summary and then
writes it writes exactly what it showed. Every module that finds one of
these files asks this class, and no other module spells their names.

A journal may be a symbolic link (a journal kept in a synced folder, say).
The files beside it sit beside the link, where the user put the link, as
they always have; only the import record follows the link to the real file
(its fingerprints belong to that file, whatever name it is opened by), and
the journal's own backups are the real file's (:mod:`ghw.storage`).

While a person has no journal yet, :meth:`JournalFolder.open` shows the
sample instead: its paths stay those of the person's own files (where a
first write goes), and :meth:`JournalFolder.source` and
:meth:`JournalFolder.read` give the sample's.

The summary of a period in a folder is :func:`ghw.summary.of`, one floor up:
the command line, the share form and sharing all take theirs from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import paths

__all__ = ["JournalFolder", "SIDE_FILES", "KEY_SUFFIX", "LEGACY_KEY"]

SIDE_FILES = {
    "plan": "plan.csv",
    "people": "people.csv",
    "checkins": "checkins.csv",
    "experiments": "experiments.csv",
    "reflections": "reflections.csv",
    "programme": "programme.csv",
}
"""The files ghw keeps beside a journal, by what they hold."""
KEY_SUFFIX = ".pseudonym-key"
"""The pseudonym key of ``journal.csv`` is ``.journal.csv.pseudonym-key`` beside it."""
LEGACY_KEY = ".pseudonym-key"
"""One key for a whole folder, as ghw kept it before keys were per journal."""
_SAMPLES = {
    "journal": paths.SAMPLE_JOURNAL,
    "plan": paths.SAMPLE_PLAN,
    "people": paths.SAMPLE_PEOPLE,
    "checkins": paths.SAMPLE_CHECKINS,
    "experiments": paths.SAMPLE_EXPERIMENTS,
    "reflections": paths.SAMPLE_REFLECTIONS,
}


class JournalFolder:
    """A journal file and the files beside it; see the module's docstring.

    ``JournalFolder(path)`` is that journal's folder (``path`` may be a link);
    ``JournalFolder()`` and :meth:`default` the user's own. ``sample`` is
    True when the folder shows the sample journal (:meth:`open`).
    """

    def __init__(self, journal: str | os.PathLike | None = None, *, sample: bool = False):
        self.journal = Path(journal) if journal else paths.journal_path()
        self.sample = sample
        self._read: dict[tuple[str, Callable], Any] = {}

    @classmethod
    def default(cls) -> JournalFolder:
        """The user's own journal's folder (:func:`ghw.paths.journal_path`)."""
        return cls(paths.journal_path())

    @classmethod
    def open(cls, journal: str | os.PathLike | None = None) -> JournalFolder:
        """The folder of ``journal`` (default: the user's), showing the sample while the journal has no entries yet."""
        made = cls(journal)
        made.sample = not made.journal.exists() or made.journal.stat().st_size == 0
        return made

    def __repr__(self) -> str:
        return f"JournalFolder({str(self.journal)!r}{', sample=True' if self.sample else ''})"

    # -- where each file is ---------------------------------------------------

    @property
    def folder(self) -> Path:
        """The folder the journal sits in (the link's folder, for a link)."""
        return self.journal.parent

    @property
    def plan(self) -> Path:
        return self.folder / SIDE_FILES["plan"]

    @property
    def people(self) -> Path:
        return self.folder / SIDE_FILES["people"]

    @property
    def checkins(self) -> Path:
        return self.folder / SIDE_FILES["checkins"]

    @property
    def experiments(self) -> Path:
        return self.folder / SIDE_FILES["experiments"]

    @property
    def reflections(self) -> Path:
        return self.folder / SIDE_FILES["reflections"]

    @property
    def programme(self) -> Path:
        return self.folder / SIDE_FILES["programme"]

    @property
    def key(self) -> Path:
        """The journal's pseudonym key, ``.<journal file name>.pseudonym-key`` (:func:`ghw.privacy.key_for`)."""
        return self.folder / f".{self.journal.name}{KEY_SUFFIX}"

    @property
    def legacy_key(self) -> Path:
        """The folder's one key as ghw kept it before keys were per journal."""
        return self.folder / LEGACY_KEY

    @property
    def backups(self) -> Path:
        """The journal's backups folder by the name it was given (the pseudonym key's copy is kept there)."""
        return paths.backups_dir(self.journal)

    @property
    def exports(self) -> Path:
        """``exports/``, where exports go unless told otherwise (not made here; see :func:`ghw.exports.exports_dir`)."""
        return self.folder / "exports"

    @property
    def imported(self) -> Path:
        """The import record, ``<name>.imported.csv`` beside the real file (a link's target)."""
        real = Path(os.path.realpath(self.journal))
        return real.with_name(f"{real.stem}.imported.csv")

    def kept(self) -> set[Path]:
        """Every file ghw keeps here, the journal too, by its real path; what no export may replace.

        For a link, the files beside the link and beside its target both
        count, so that neither can be written over by an export.
        """
        real = JournalFolder(Path(os.path.realpath(self.journal)))
        return {Path(os.path.realpath(p)) for f in (self, real)
                for p in (f.journal, f.key, f.legacy_key, f.imported, *(f.folder / n for n in SIDE_FILES.values()))}

    def backup_folders(self) -> set[Path]:
        """The backups folders of the journal by its given name and by its real one (both hold ghw's copies)."""
        real = Path(os.path.realpath(self.journal))
        return {Path(os.path.realpath(self.backups.parent)), paths.backups_dir(real).parent}

    # -- what is read ---------------------------------------------------------

    def source(self, name: str) -> Path:
        """The file read for ``name`` (``"journal"`` or a key of :data:`SIDE_FILES`): the sample's while showing it."""
        if self.sample and name in _SAMPLES:
            return _SAMPLES[name]
        return self.journal if name == "journal" else getattr(self, name)

    def read(self, name: str, reader: Callable[[Path], Any]) -> Any:
        """``reader(self.source(name))``, read once and kept until :meth:`reload`.

        The readers are each file's own (``ghw.plan.load_plan``,
        ``ghw.journal.check``, …), which check every line; a problem is raised
        each time it is asked for, never kept.
        """
        if (name, reader) not in self._read:
            self._read[(name, reader)] = reader(self.source(name))
        return self._read[(name, reader)]

    def reload(self) -> None:
        """Forget what was read, after a write or when the files may have changed elsewhere."""
        self._read.clear()

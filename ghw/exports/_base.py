"""What an export format is, the registry of formats, and the safe way to write one."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import storage
from ..errors import GhwError, os_errors
from ..folder import JournalFolder
from ..i18n import _, ngettext
from ..registry import Registry

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

__all__ = ["Export", "EXPORTS", "register", "preview", "unsure", "write_bytes", "exports_dir", "protected"]


@dataclass(frozen=True)
class Export:
    """One format: its short ``name`` (also the file suffix), a ``label`` for menus, what it ``holds``
    (said in the preview), and ``write(summary) -> bytes``. ``sentences`` says whether it writes the
    summary's sentences (and so the reflections the person chose to include)."""

    name: str
    label: str
    holds: str
    write: Callable[[Summary], bytes]
    sentences: bool = True

    def to(self, report: Summary, path: str | os.PathLike, *, journal: str | os.PathLike | None = None) -> Path:
        """Write ``report`` in this format to ``path``; refuses to write over ``journal``'s own files."""
        return write_bytes(path, self.write(report), journal=journal)


EXPORTS: Registry[Export] = Registry("export format")
register = EXPORTS.add  # the command line, the share form and the preview offer a format once it is added


def preview(report: Summary, fmt: str) -> str:
    """What an export will contain, said before it is written."""
    entries = ngettext("{n} entry", "{n} entries", len(report.entries)).format(n=len(report.entries))
    parts = [
        ngettext("{entries} on {n} day", "{entries} on {n} days", report.days_logged).format(
            entries=entries, n=report.days_logged),
        _("names replaced by pseudonyms") if report.pseudonymized else _("names as you wrote them"),
        _("notes included") if report.notes_included else _("no notes"),
        _reflections(report, EXPORTS[fmt]),
        EXPORTS[fmt].holds,
    ]
    return (_("{format} export of {period}: {parts}.").format(format=fmt.upper(), period=report.when,
                                                              parts="; ".join(parts))
            + unsure(report.unsure))


def unsure(words: dict[str, int]) -> str:
    """A sentence on the names left as written because they are also everyday words (:attr:`Summary.unsure`,
    word to the number of texts it is in); empty when there are none."""
    if not words:
        return ""
    listed = ", ".join(ngettext("{word!r} ({n} text)", "{word!r} ({n} texts)", count).format(word=word, n=count)
                       for word, count in sorted(words.items()))
    return " " + _("Left as written, since each is also an everyday word and was written without a capital: "
                   "{listed}. Where one means a person, write the name with a capital, or leave notes out.").format(
        listed=listed)


def _reflections(report: Summary, export: Export) -> str:
    chosen = 0 if report.reflections is None else len(report.reflections)
    if not chosen:
        return _("no reflections")
    if not export.sentences:
        return ngettext("no reflections (this format holds none; the {n} you chose goes in the others)",
                        "no reflections (this format holds none; the {n} you chose go in the others)",
                        chosen).format(n=chosen)
    return ngettext("{n} reflection you chose", "{n} reflections you chose", chosen).format(n=chosen)


def exports_dir(journal: str | os.PathLike) -> Path:
    """``exports/`` beside the journal (git-ignored), made on first use."""
    folder = JournalFolder(journal).exports
    with os_errors(_("make {folder}").format(folder=folder)):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def protected(journal: str | os.PathLike) -> set[Path]:
    """The files an export must never replace: the journal, the files beside it that ghw keeps, and backups."""
    return JournalFolder(journal).kept()


def write_bytes(path: str | os.PathLike, data: bytes, *, journal: str | os.PathLike | None = None) -> Path:
    """Write an export atomically (an export is made again, not backed up).

    With ``journal`` given, refuses a path that is the journal, a file ghw
    keeps beside it, or anything inside its backups folder.
    """
    path = Path(path)
    if path.is_dir():
        raise GhwError(_("{path} is a folder; give a file name for the export.").format(path=path))
    if journal is not None:
        target = path.resolve()
        if target in protected(journal) or JournalFolder(journal).backup_folders() & set(target.parents):
            raise GhwError(_("{path} is one of your journal's own files; an export never replaces it. Choose another "
                             "file name.").format(path=path))
    storage.replace(path, data, backup=False)
    return path

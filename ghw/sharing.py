"""Sharing a summary with one's practitioner, and taking it back.

On a practice's JupyterHub (see ``deploy/jupyterhub/``) each person has a
folder that they own and only their practitioner's group can read; the hub
names it in ``$GHW_SHARE_DIR``. Nothing else of a person's is readable by
anyone: their journal stays in their own home. Sharing writes two files
there, described in ``docs/sharing.md``:

- ``summary.json``: the period, when it was shared, what was left out, and
  the summary's sentences (:meth:`ghw.summary.Summary.sentences`), without
  the advice meant for the person themselves (:func:`ghw.vocabulary.without_advice`);
- ``entries.csv``: the period's entries as the CSV export writes them, which
  the practitioner's group view pools across people.

Both are made from :func:`ghw.summary.of`, as ``ghw summary`` and the share
form's preview are, so by default notes are left
out and the names of the people in the journal are replaced by pseudonyms
whose key never leaves the journal's folder. A new share replaces the one
before; :func:`withdraw` removes it. The files are made readable by the
folder's group (``0640``) and by nobody else, and ghw refuses to share into
a folder that everyone on the machine could read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

from . import exports, journal, vocabulary
from . import summary as summaries
from .errors import GhwError, os_errors
from .folder import JournalFolder
from .i18n import _

__all__ = ["SHARE_DIR_VAR", "SUMMARY_FILE", "ENTRIES_FILE", "share_dir", "share", "withdraw", "shared"]

SHARE_DIR_VAR = "GHW_SHARE_DIR"
SUMMARY_FILE = "summary.json"
ENTRIES_FILE = "entries.csv"
_FILE_MODE = 0o640  # the owner writes, the practitioner's group reads, nobody else


def share_dir() -> Path:
    """The folder this person shares into, as the practice's hub set it in ``$GHW_SHARE_DIR``."""
    folder = os.environ.get(SHARE_DIR_VAR, "").strip()
    if not folder:
        raise GhwError(_("There is no practitioner to share with here: sharing works on a practice's JupyterHub, "
                         "which names your shared folder in {variable}. To give someone a file yourself, use ghw "
                         "export.").format(variable=SHARE_DIR_VAR))
    return Path(folder)


def _checked(folder: Path) -> Path:
    """``folder`` if it is a real folder that not everyone can read; else one plain refusal."""
    with os_errors(_("open your shared folder {folder}").format(folder=folder),
                   missing=_("Your shared folder {folder} does not exist yet; ask your practice to set it up.").format(
                       folder=folder)):
        info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise GhwError(_("{folder} is not a plain folder; ghw shares only into the folder your practice set up.").format(
            folder=folder))
    if info.st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH):
        raise GhwError(_("Everyone on this machine can open {folder}, so ghw shares nothing there. Ask your practice "
                         "to make it readable by your practitioner only.").format(folder=folder))
    return folder


def share(journal_file: str | os.PathLike | JournalFolder | None = None, period: str | None = None, *,
          notes: bool = False, names: bool = False, folder: str | os.PathLike | None = None, reflections=None) -> dict:
    """Share the summary of ``period`` (default: the month of the last entry) with the practitioner.

    ``journal_file`` is the journal (default: the user's) or its
    :class:`ghw.folder.JournalFolder`; given the folder a page previewed
    from, the share holds exactly what the preview showed (:func:`ghw.summary.of`).
    Writes ``summary.json`` and ``entries.csv`` into ``folder`` (default:
    :func:`share_dir`), replacing what was shared before, and returns what
    ``summary.json`` holds, with ``unsure`` (for the person sharing, not in
    the file: names left as written because they are also everyday words,
    :attr:`ghw.summary.Summary.unsure`). ``notes`` and ``names`` are off by
    default, as in every export, and no reflection is shared unless
    ``reflections`` holds the ones the person picked
    (:func:`ghw.reflections.pick`).
    """
    folder = _checked(Path(folder) if folder is not None else share_dir())
    mine = journal_file if isinstance(journal_file, JournalFolder) else JournalFolder(journal_file)
    path = mine.journal
    if mine.sample or not path.exists() or path.stat().st_size == 0:
        raise GhwError(_("There is nothing of yours to share yet: {path} has no entries. Log an entry first.").format(
            path=path))
    if period is None:  # a line ghw cannot read is named by the summary, below
        dates = mine.read("journal", journal.check)[0]["date"]
        period = (dates.max() if len(dates) else dt.date.today()).strftime("%Y-%m")
    report = summaries.of(mine, period, notes=notes, names=names, reflections=reflections)
    held = {
        "period": report.period,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "shared_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "days_logged": report.days_logged,
        "entries": len(report.entries),
        "notes_included": report.notes_included,
        "pseudonymized": report.pseudonymized,
        "sentences": [vocabulary.without_advice(sentence) for sentence in report.sentences()],  # not for the reader
    }
    # The entries first, the summary last: a practitioner who sees summary.json sees a complete share.
    _write(folder / ENTRIES_FILE, exports.EXPORTS["csv"].write(report))
    _write(folder / SUMMARY_FILE, (json.dumps(held, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return held | {"unsure": report.unsure}


def _write(path: Path, data: bytes) -> None:
    exports.write_bytes(path, data)
    with os_errors(_("set who may read {path}").format(path=path)):
        os.chmod(path, _FILE_MODE)


def withdraw(folder: str | os.PathLike | None = None) -> list[Path]:
    """Remove what this person shared; return the files removed (none when nothing was shared).

    The practitioner can no longer open it from then on; what they already
    read or copied, ghw cannot take back.
    """
    folder = _checked(Path(folder) if folder is not None else share_dir())
    removed = []
    for name in (SUMMARY_FILE, ENTRIES_FILE):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise GhwError(_("Could not remove {path}: {reason}.").format(path=folder / name,
                                                                        reason=exc.strerror or exc)) from exc
        removed.append(folder / name)
    return removed


def shared(folder: str | os.PathLike | None = None) -> dict | None:
    """What is shared now (the contents of ``summary.json``), or None when nothing is."""
    folder = _checked(Path(folder) if folder is not None else share_dir())
    try:
        return json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise GhwError(_("Could not read what you shared ({path}): {reason}.").format(path=folder / SUMMARY_FILE,
                                                                                   reason=exc)) from exc

"""What an earlier ghw, installed from a wheel, kept inside the installed package: found, brought over, removed.

Before workspaces (:mod:`ghw.workspace`), an installed ghw kept the journal and the files beside it in ``data/``
next to the package, inside site-packages. An upgrade must carry them into the workspace, and must not leave a
second copy, with names and notes, in a folder nobody looks at.

- :func:`find` says whether that folder holds any of the user's files (never in a clone);
- :func:`missing` lists those the workspace does not hold yet. A file is held when the workspace has the same bytes
  in the same place, or in ``data/earlier/`` (where an earlier file goes when the workspace has its own of that
  name); the journal is held once every one of its entries is in the workspace's journal;
- :func:`bring_over` copies what is missing (each copy read back and compared with its source), adds the earlier
  journal's entries to a journal the workspace already has (by id: none twice, none lost), and puts any other file
  the workspace has its own of in ``data/earlier/``;
- :func:`remove` deletes the earlier copy, and only once :func:`missing` finds nothing left.

The command line brings everything over by itself, before a command, when the workspace has no journal yet; when it
has one, it says on every command that something was left behind, until ``ghw init`` has brought it over.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import NamedTuple

from . import journal, paths, workspace
from .errors import GhwError
from .i18n import _, ngettext

__all__ = ["FILES", "Earlier", "Moved", "find", "missing", "bring_over", "remove"]

FILES = ("journal.csv", "plan.csv", "people.csv", "checkins.csv", "experiments.csv", ".pseudonym-key", "backups",
         "exports")
"""The user's files in the earlier data folder (folders with everything in them); nothing else there is touched."""
JOURNAL = Path("journal.csv")
BESIDE = "earlier"  # the folder of the workspace's data/ that keeps earlier files the workspace has its own of


class Earlier(NamedTuple):
    """The earlier install's data folder and the user's files in it (relative to the folder)."""

    folder: Path
    files: list[Path]


class Moved(NamedTuple):
    """What :func:`bring_over` did: files ``copied`` to the same place, entries ``merged`` into the workspace's
    journal, files kept ``beside`` the workspace's own in ``data/earlier/``."""

    copied: list[Path]
    merged: int
    beside: list[Path]


def find() -> Earlier | None:
    """The earlier install's data folder, if ghw is installed and that folder holds any of :data:`FILES`."""
    if paths.CLONE_DIR is not None:
        return None
    folder = paths.PROJECT_DIR / "data"
    files = [path.relative_to(folder) for name in FILES for path in _files(folder / name)]
    return Earlier(folder, files) if files else None


def missing(earlier: Earlier, data: str | os.PathLike | None = None) -> list[Path]:
    """The earlier files (relative paths) that the workspace's ``data`` folder does not hold yet."""
    data = Path(data) if data is not None else paths.data_dir()
    return [name for name in earlier.files if not _held(earlier.folder / name, data, name)]


def bring_over(earlier: Earlier, data: str | os.PathLike | None = None) -> Moved:
    """Bring every missing earlier file into ``data`` (default: the workspace's); nothing there is overwritten."""
    data = Path(data) if data is not None else paths.data_dir()
    moved = Moved([], 0, [])
    for name in missing(earlier, data):
        source, target = earlier.folder / name, data / name
        if workspace.cut_off(target, source.read_bytes()):  # left by an interrupted copy: nothing of the user's
            target.unlink()
        if not target.exists():
            moved.copied.append(_copy(source, target))
        elif name == JOURNAL and _valid(source):
            added = journal.extend(target, journal.load(source))
            moved = moved._replace(merged=moved.merged + len(added))
        else:
            moved.beside.append(_copy(source, _free(data / BESIDE / name)))
    return moved


def remove(earlier: Earlier, data: str | os.PathLike | None = None) -> list[Path]:
    """Delete the earlier files, once the workspace holds every one of them; return what was deleted.

    Raises :class:`GhwError`, deleting nothing, while anything is left to bring over. Folders are removed only when
    this leaves them empty.
    """
    left = missing(earlier, data)
    if left:
        raise GhwError(ngettext("{n} of the earlier files in {folder} is not in your workspace yet ({files}); ghw init "
                                "brings it over first.",
                                "{n} of the earlier files in {folder} are not in your workspace yet ({files}); ghw init "
                                "brings them over first.", len(left)).format(
            n=len(left), folder=earlier.folder, files=", ".join(str(name) for name in left[:3])))
    removed = []
    for name in earlier.files:
        try:
            (earlier.folder / name).unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise GhwError(_("Could not remove {path}: {problem}.").format(path=earlier.folder / name,
                                                                          problem=exc.strerror or exc)) from exc
        removed.append(earlier.folder / name)
        (earlier.folder / f"{name}.lock").unlink(missing_ok=True)  # the file's lock, which held nothing of its own
    for folder in sorted({(earlier.folder / name).parent for name in earlier.files}, key=lambda p: -len(p.parts)):
        while folder != earlier.folder.parent and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def _files(path: Path) -> list[Path]:
    if path.is_symlink():
        return []
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return [path] if path.is_file() else []


def _held(source: Path, data: Path, name: Path) -> bool:
    if any(_same(source, place) for place in _places(data / name) + _places(data / BESIDE / name)):
        return True
    if name == JOURNAL and (data / name).is_file():
        earlier, mine = _ids(source), _ids(data / name)
        return earlier is not None and mine is not None and earlier <= mine
    return False


def _ids(path: Path) -> set[str] | None:
    """The entry ids of a journal, read quickly on every command; None unless it has an id column and rows that all
    have one (then only the same bytes elsewhere count as brought over, so nothing unread is ever called held)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            ids = [row.get("id") or "" for row in reader]
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return None if "id" not in header or not ids or "" in ids else set(ids)


def _places(path: Path) -> list[Path]:
    """``path``, and the numbered names :func:`_free` gives beside it."""
    return [path, *sorted(path.parent.glob(f"{path.stem}-earlier-*{path.suffix}"))] if path.parent.is_dir() else [path]


def _same(a: Path, b: Path) -> bool:
    try:
        return b.is_file() and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _valid(path: Path) -> bool:
    """Whether ``path`` is a journal with no problem (one with problems is kept whole, beside, rather than merged)."""
    try:
        entries, problems = journal.check(path)
    except (OSError, GhwError):
        return False
    return problems.empty and not entries.empty


def _free(path: Path) -> Path:
    """``path``, or ``name-earlier-2.csv`` and so on when it is taken."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-earlier-{number}{path.suffix}")
    return candidate


def _copy(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target``, which must not exist; the copy is synced, read back and compared."""
    data = source.read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with open(target, "xb") as writer:
            writer.write(data)
            writer.flush()
            os.fsync(writer.fileno())
        if target.read_bytes() != data:
            raise OSError(_("{target} does not read back as {source} was written").format(target=target, source=source))
    except FileExistsError:
        raise GhwError(_("{target} appeared while ghw was bringing over {source}; nothing was overwritten. Run ghw "
                         "init again.").format(target=target, source=source)) from None
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise GhwError(_("Could not copy {source} to {target}: {problem}. The earlier copy is untouched.").format(
            source=source, target=target, problem=exc.strerror or exc)) from exc
    return target

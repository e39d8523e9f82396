"""Making a workspace: the notebooks and a ``data/`` folder in a folder the user owns.

Where the workspace is, is decided in :mod:`ghw.paths`; this module only
fills one, and never replaces a file the user may have written: a notebook
is replaced by this version's only when it is, cell for cell, one that ghw
shipped (:mod:`ghw.shipped`). What an earlier install kept inside the package
is brought over by :mod:`ghw.earlier`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NamedTuple

from . import paths, shipped, storage
from .errors import GhwError
from .i18n import _

__all__ = ["Created", "create", "cut_off"]


class Created(NamedTuple):
    """What :func:`create` did, path by path.

    ``added``: created now. ``updated``: a notebook as ghw shipped it before,
    replaced by this version's. ``kept``: already there and edited by the
    user (left alone). ``current``: already there and identical.
    """

    folder: Path
    added: list[Path]
    updated: list[Path]
    kept: list[Path]
    current: list[Path]


def create(folder: str | os.PathLike | None = None) -> Created:
    """Fill ``folder`` (default: :func:`ghw.paths.workspace`) with the notebooks and a ``data/`` folder.

    Files that exist are kept as they are, except a notebook the user never
    edited (:func:`ghw.shipped.unedited`), which becomes this version's.
    """
    folder = Path(folder).expanduser().resolve() if folder is not None else paths.workspace()
    made = Created(folder, [], [], [], [])
    try:
        if not (folder / "data").is_dir():
            (folder / "data").mkdir(mode=0o700, parents=True)  # private where the system has such modes
            made.added.append(folder / "data")
        for notebook in sorted(paths.BUNDLED_NOTEBOOKS.glob("*.ipynb")):
            target = folder / "notebooks" / notebook.name
            _copy_new(notebook, target, made, made.added)
            if target in made.kept and shipped.unedited(target):
                storage.replace(target, notebook.read_bytes(), backup=False)
                made.kept.remove(target)
                made.updated.append(target)
    except OSError as exc:
        raise GhwError(_("Could not set up {folder}: {problem}.").format(folder=folder, problem=exc.strerror or exc)) \
            from exc
    return made


def _copy_new(source: Path, target: Path, made: Created, copied: list[Path]) -> None:
    """Copy ``source`` to ``target`` unless ``target`` exists, whole or not at all.

    The copy is written under a temporary name beside ``target``, synced and
    read back (size and SHA-256) before it takes its name, which it takes only
    if nothing is there by then (a hard link, which never replaces a file), so
    an interrupted copy never leaves a cut-off file in the target's place. A
    cut-off copy an earlier, interrupted ``ghw init`` left (:func:`cut_off`)
    is completed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    completed = cut_off(target, data)
    if completed:
        target.unlink()
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        storage.write_verified(fd, temp, data, _("the copy of {file}").format(file=source.name))
        try:
            os.link(temp, target)
        except FileExistsError:
            same = target.is_file() and target.read_bytes() == data
            (made.current if same else made.kept).append(target)
            return
        except OSError:  # a file system without hard links: checked, then renamed
            if target.exists():
                (made.current if target.read_bytes() == data else made.kept).append(target)
                return
            os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)
    copied.append(target)


def cut_off(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a copy of ``data`` that an interrupted copy cut off: empty, or the start of ``data``
    stopping part way through a line (or anywhere, for a notebook, which nobody edits into the start of itself)."""
    try:
        if target.is_symlink() or not target.is_file():
            return False
        kept = target.read_bytes()
    except OSError:
        return False
    if len(kept) >= len(data) or not data.startswith(kept):
        return False
    return not kept or target.suffix == ".ipynb" or not kept.endswith((b"\n", b"\r"))

"""Writing the user's files without ever losing what is in them.

Two ways to write, both under an exclusive lock so that writers take turns:
appending bytes to the end (the rest of the file is never touched), and
replacing the whole file atomically (temporary file, fsync, rename) after
keeping a backup of the previous version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

from . import paths
from .errors import GhwError

__all__ = ["KEEP_BACKUPS", "locked", "append_bytes", "ends_with_newline", "replace", "backups", "restore"]

KEEP_BACKUPS = 20
LOCK_TIMEOUT = 15  # seconds


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock on ``<path>.lock``.

    The operating system releases the lock when the holder exits, even when
    it is killed, so a crash never leaves a file locked.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise GhwError(f"Could not write in {path.parent}: {exc.strerror or exc}. Nothing was saved.") from exc
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GhwError(
                        f"Another program has been writing {path} for {LOCK_TIMEOUT} s; nothing was saved. Try again."
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)


def append_bytes(path: Path, data: bytes) -> None:
    """Append ``data`` in one write and sync it to disk; the file is created if missing.

    Call it holding :func:`locked`. When the disk is full (or the write fails
    part way for any reason), whatever was written is cut off again, so the
    file ends as it was.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        raise GhwError(f"Could not save to {path}: {exc.strerror or exc}. The file was not changed.") from exc
    size = os.fstat(fd).st_size
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(errno.ENOSPC, f"only {written} of {len(data)} bytes could be written")
        os.fsync(fd)
    except OSError as exc:
        os.ftruncate(fd, size)
        raise GhwError(f"Could not save to {path}: {exc.strerror or exc}. The file was not changed.") from exc
    finally:
        os.close(fd)


def ends_with_newline(path: Path) -> bool:
    """Whether a non-empty file's last byte ends a line."""
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) in (b"\n", b"\r")


def replace(path: Path, data: str | bytes, *, backup: bool = True) -> None:
    """Replace the file with ``data`` atomically, after backing up the old version (unless ``backup=False``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GhwError(f"Could not write in {path.parent}: {exc.strerror or exc}. The file was not changed.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temp)
            if backup:
                _backup(path)
        os.replace(temp, path)
        _sync_folder(path.parent)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise GhwError(f"Could not save {path}: {exc.strerror or exc}. The file was not changed.") from exc


def backups(path: Path) -> list[Path]:
    """Saved previous versions of ``path``, oldest first."""
    folder = paths.backups_dir(path)
    return sorted(folder.glob(f"{path.stem}-*{path.suffix}")) if folder.exists() else []


def restore(path: Path, backup: Path) -> None:
    """Put a backup back in place; the version it replaces is backed up in turn."""
    with locked(path):
        replace(path, backup.read_bytes())


def _backup(path: Path) -> None:
    folder = paths.backups_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    shutil.copy2(path, folder / f"{path.stem}-{stamp}{path.suffix}")
    for old in backups(path)[:-KEEP_BACKUPS]:
        old.unlink()


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

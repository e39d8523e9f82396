"""Writing the user's files without ever losing what is in them.

Two ways to write, both under an exclusive lock so that writers take turns:
appending records to the end (the rest of the file is never touched), and
replacing the whole file atomically (temporary file, fsync, rename) after
keeping a backup of the previous version.

A file may be a symbolic link (a journal kept in a synced folder, say):
every write goes to the file the link points to, which stays where it is,
and the link stays a link. The lock and the backups belong to that real
file, so every name of it shares them.

The lock itself is taken by the ``filelock`` library (``lock_descriptor``)
rather than by our own code around ``fcntl``: it uses the operating
system's own lock on Linux and macOS (``flock``) and on Windows
(``LockFileEx``), which the system drops when the holder dies, even by
``kill -9``, and its Windows branch is tested on Windows by its maintainers,
where a branch of ours could not be run here; our code has no branch per
system at all. ghw opens the lock file itself, refusing one that is a
symbolic link, so a planted link cannot make it create a file elsewhere;
and it uses the library's lightest call, as every append takes the lock.
The library is imported when a lock is first needed, so ``import ghw``
stays fast and imports nothing that exists on one system only.

Long because every write (append, replace, backup) goes through the same lock, line-ending and
clean-end checks; split, the path a byte takes to disk could no longer be read in one place.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import hashlib
import io
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from . import paths
from .errors import GhwError
from .i18n import _

__all__ = [
    "append_rows",
    "KEEP_BACKUPS",
    "check_path",
    "locked",
    "append_bytes",
    "ends_with_newline",
    "unclosed_quote",
    "replace",
    "write_verified",
    "backups",
    "restore",
]

KEEP_BACKUPS = 20
LOCK_TIMEOUT = 15  # seconds
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line endings
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # absent on Windows
_STAMP = r"\d{8}-\d{6}-\d{6}"  # when a backup was taken: YYYYmmdd-HHMMSS-microseconds


def check_path(path: Path) -> Path:
    """``path``, after refusing with a plain message what is there but is no file: a folder, a device, a pipe."""
    try:
        mode = path.stat().st_mode
    except OSError:  # nothing there (yet), or a link to nothing: said when it matters
        return path
    if stat.S_ISDIR(mode):
        raise GhwError(_("{path} is a folder, not a file: give the path of the file itself, like {example}.").format(
            path=path, example=path / "journal.csv"))
    if not stat.S_ISREG(mode):
        raise GhwError(_("{path} is not a plain file (a device or a pipe?): give the path of a CSV file.").format(
            path=path))
    return path


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock on the file ``path`` names, through ``<real file>.lock``.

    The operating system releases the lock when the holder exits, even when
    it is killed, so a crash never leaves a file locked. Every name of a
    file (a symbolic link and its target) shares one lock. A lock file that
    is itself a symbolic link is refused rather than followed.
    """
    from filelock import unlock_descriptor  # imported on first use: see the module docstring

    real = _real(path, make_folder=True)
    lock = f"{real}.lock"
    try:
        if os.path.islink(lock):  # O_NOFOLLOW says the same, where the system has it
            raise OSError(errno.ELOOP, _("the lock file is a symbolic link"))
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _BINARY, 0o600)
    except OSError as exc:
        raise GhwError(_("Could not write in {folder}: {problem}. Nothing was saved.").format(
            folder=real.parent, problem=exc.strerror or exc)) from exc
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while not _try_lock(fd, lock):
            if time.monotonic() > deadline:
                raise GhwError(_("Another program has been writing {path} for {seconds} s; nothing was saved. Try "
                                 "again.").format(path=path, seconds=LOCK_TIMEOUT))
            time.sleep(0.005)
        try:
            yield
        finally:
            unlock_descriptor(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int, lock: str) -> bool:
    """Take the lock on ``fd`` if it is free; say whether it was taken."""
    from filelock import lock_descriptor

    try:
        return lock_descriptor(fd, blocking=False)
    except OSError as exc:  # a file system that has no locks, as some network shares
        raise GhwError(_("Could not lock {file}: {problem}. Nothing was saved.").format(
            file=lock, problem=exc.strerror or exc)) from exc


def append_rows(path: Path, header: list[str] | tuple[str, ...], rows: list[list]) -> None:
    """Append CSV rows to the file, with ``header`` first when the file is new or empty.

    The one way every file ghw keeps (journal, plan, check-ins, experiments)
    grows: written as CSV, a line break first if the last line lacks one,
    then :func:`append_bytes`. Call it holding :func:`locked`; ``None``
    cells are written empty.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not path.exists() or path.stat().st_size == 0:
        writer.writerow(header)
    elif not ends_with_newline(path):
        buffer.write("\n")
    writer.writerows([["" if value is None else value for value in row] for row in rows])
    append_bytes(path, buffer.getvalue().encode("utf-8"))


def append_bytes(path: Path, data: bytes) -> None:
    """Append CSV records in one write and sync them to disk; the file is created if missing.

    ``data`` is whole records ending in ``\\n``; they are written with the
    line ending of the file's first line, so a file a spreadsheet saved with
    Windows line endings keeps them. When the file ends inside a quoted field
    (a double quote opened and never closed), the records would become part
    of that field: nothing is written and the message names the line.

    Call it holding :func:`locked`. When the disk is full (or the write fails
    part way for any reason), whatever was written is cut off again, so the
    file ends as it was.

    The check for an open quote is made once per change from elsewhere: after
    an append, the file is known to end between records for as long as it
    stays exactly as written (:func:`_ends_cleanly`), so appending costs the
    same at any size of file.
    """
    real = _real(path)
    try:
        fd = os.open(real, os.O_RDWR | os.O_APPEND | os.O_CREAT | _BINARY, 0o600)
    except OSError as exc:
        raise GhwError(_("Could not save to {path}: {problem}. The file was not changed.").format(
            path=path, problem=exc.strerror or exc)) from exc
    try:
        size = os.fstat(fd).st_size
        if size:
            line = None if _ends_cleanly(real, fd) else _open_quote(fd, size)
            if line is not None:
                raise GhwError(_unclosed_quote(path, line) + " " + _("Nothing was saved."))
            data = _with_line_ending(data, _line_ending(fd))
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, _("only {written} of {size} bytes could be written").format(
                    written=written, size=len(data)))
            os.fsync(fd)
        except OSError as exc:
            os.ftruncate(fd, size)
            raise GhwError(_("Could not save to {path}: {problem}. The file was not changed.").format(
                path=path, problem=exc.strerror or exc)) from exc
        _remember_clean_end(real, fd)
    finally:
        os.close(fd)


def ends_with_newline(path: Path) -> bool:
    """Whether a non-empty file's last byte ends a line."""
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) in (b"\n", b"\r")


def unclosed_quote(path: Path) -> str | None:
    """Where the file ends inside a quoted field, in words naming the line that opens it; None when it ends cleanly.

    Such a field swallows everything after it. Only the end of the file is
    read, back to the last quoted field that settles whether it is open.
    """
    fd = os.open(path, os.O_RDONLY | _BINARY)
    try:
        line = _open_quote(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)
    return None if line is None else _unclosed_quote(path, line)


def replace(path: Path, data: str | bytes, *, backup: bool = True) -> None:
    """Replace the file with ``data`` atomically, after backing up the old version (unless ``backup=False``).

    Text is CSV records ending in ``\\n``, written with the line ending of the
    file it replaces; bytes are written as they are. Through a symbolic link,
    the file the link points to is replaced and the link is kept.
    """
    real = _real(path, make_folder=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
        if real.exists():
            with open(real, "rb") as handle:
                data = _with_line_ending(data, _line_ending(handle.fileno()))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise GhwError(_("Could not write in {folder}: {problem}. The file was not changed.").format(
            folder=real.parent, problem=exc.strerror or exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if real.exists():
            os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
            if backup:
                _backup(real)
        os.replace(temp, real)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise GhwError(_("Could not save {path}: {problem}. The file was not changed.").format(
                path=path, problem=exc.strerror or exc)) from exc
        raise
    _sync_folder(real.parent)


def backups(path: Path) -> list[Path]:
    """Saved previous versions of the file ``path`` names, oldest first.

    They are kept in ``backups/<file name>/`` beside the real file (the
    target of a symbolic link). Backups kept the older way, as
    ``backups/<stem>-<stamp><suffix>``, are moved there the first time; a
    file there that cannot be told to belong to this one is left alone.
    """
    real = _real(path)
    folder = paths.backups_dir(real)
    _adopt_old_backups(real, folder)
    if not folder.is_dir():
        return []
    own = re.compile(_STAMP + re.escape(real.suffix))
    return sorted(p for p in folder.iterdir() if own.fullmatch(p.name))


def restore(path: Path, backup: Path) -> None:
    """Put a backup back in place; the version it replaces is backed up in turn."""
    with locked(path):
        replace(path, backup.read_bytes())


# -- where a file really is ---------------------------------------------------

def _real(path: Path, *, make_folder: bool = False) -> Path:
    """The file ``path`` names, every symbolic link followed (chains and relative links too).

    Refuses a folder, a link to nothing and a folder that does not exist,
    with a plain message. With ``make_folder``, the default journal's
    folder is made when missing (and no other).
    """
    path = check_path(Path(path))
    real = Path(os.path.realpath(path))
    if path.is_symlink() and not real.exists():
        raise GhwError(_("{path} is a link to {target}, which does not exist (or the links go round in a circle): "
                         "point the link at the journal, or give the journal's own path.").format(path=path, target=real))
    if not real.parent.is_dir():
        if not make_folder or real.parent != Path(os.path.realpath(paths.journal_path().parent)):
            raise GhwError(_("The folder {folder} does not exist: check the path, or create the folder first.").format(
                folder=path.parent))
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GhwError(_("Could not create {folder}: {problem}. Nothing was saved.").format(
                folder=real.parent, problem=exc.strerror or exc)) from exc
    return real


def write_verified(fd: int, temp: str | Path, data: bytes, what: str) -> None:
    """Write ``data`` through the open descriptor ``fd`` of the file ``temp``, sync it, and read it back: an
    :class:`OSError` (``EIO``) unless ``temp`` then holds ``data`` exactly (size and SHA-256), so that a copy cut
    off by a full disk or a failing one is never taken for whole. ``what`` names the copy in the error."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    written = Path(temp).read_bytes()
    if len(written) != len(data) or hashlib.sha256(written).digest() != hashlib.sha256(data).digest():
        raise OSError(errno.EIO, _("{what} reads back as {read:,} bytes, not the {size:,} written").format(
            what=what, read=len(written), size=len(data)))


def _sync_folder(folder: Path) -> None:
    """Ask the disk to store the folder's new entry, where the system allows it.

    The rename is done by then; a system that cannot open a folder as a file
    (Windows) or sync one keeps its folders consistent on its own.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- line endings and the end of the file --------------------------------------

def _read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _line_ending(fd: int) -> bytes:
    """The line ending of the file's first line (looked for in its first 64 KiB); ``\\n`` when it has none."""
    for size in (4096, 65536):  # a header is short; a long one is read further
        head = _read_at(fd, 0, size)
        end = re.search(rb"\r\n|\r|\n", head)
        if end or len(head) < size:
            break
    return end.group() if end else b"\n"


def _with_line_ending(data: bytes, newline: bytes) -> bytes:
    """CSV records written with ``\\n`` as written with ``newline``; line breaks inside quoted fields stay ``\\n``.

    Our own records quote every field that holds a quote, so the quotes
    before a byte tell whether it is inside a field: the text between the
    2nd and 3rd quote, the 4th and 5th, ... is outside.
    """
    if newline == b"\n":
        return data
    parts = data.split(b'"')
    parts[::2] = [part.replace(b"\n", newline) for part in parts[::2]]
    return b'"'.join(parts)


_FIRST_WINDOW = 8192


def _open_quote(fd: int, size: int) -> int | None:
    """The line where a quoted field left open at the end of the file starts, or None.

    Reading from the start would settle it but costs the whole file on every
    append. Instead the end is read from a line start: there the reader is
    either between records or inside a quoted field. The window is parsed
    under both assumptions; where they end the same way, the answer does not
    depend on what came before. Otherwise the window grows (eightfold) until
    they agree or it reaches the start of the file.
    """
    window = _FIRST_WINDOW
    while True:
        offset = max(0, size - window)
        data = _read_at(fd, offset, size - offset)
        if offset == 0:
            if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark comes before the first field
                offset, data = 3, data[3:]
            opened = _opened_at(data, 0, inside=False)
            break
        start = data.find(b"\n") + 1
        if start:
            between, inside = _opened_at(data, start, inside=False), _opened_at(data, start, inside=True)
            if between == inside:
                opened = between
                break
        window *= 8
    if opened is None:
        return None
    return 1 + _count_line_ends(fd, offset + opened)


def _opened_at(data: bytes, i: int, *, inside: bool) -> int | None:
    """Where the quoted field open at the end of ``data`` starts, parsing from ``i`` as a CSV reader does.

    ``inside`` says whether ``i`` is inside a quoted field (whose start is
    then unknown: -1) or at the start of a record. A quote opens a field only
    at its start; inside, two quotes stand for one and a single quote closes
    it; what follows a closing quote up to the next comma or line end belongs
    to the same field, quotes included.
    """
    opened = -1 if inside else None
    while True:
        if opened is None:
            quote = data.find(b'"', i)
            if quote < 0:
                return None
            if quote == 0 or data[quote - 1] in b",\r\n":
                opened = quote
            i = quote + 1
            continue
        quote = data.find(b'"', i)
        if quote < 0:
            return opened
        if data[quote + 1 : quote + 2] == b'"':
            i = quote + 2
        else:
            opened, i = None, quote + 1


def _identity(fd: int) -> bytes:
    """What changes whenever anything writes the open file ``fd``: device, inode, size, modification and change
    times (the last cannot be set back by any program)."""
    info = os.fstat(fd)
    return b"ghw-end %d %d %d %d %d\n" % (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _ends_cleanly(real: Path, fd: int) -> bool:
    """Whether the file is exactly as ghw's last append left it, and so ends between records.

    The lock file (``<file>.lock``) holds the file's :func:`_identity` after
    that append; any other writer changes it. A missing or unreadable note
    only means the end is read again.
    """
    try:
        note = os.open(f"{real}.lock", os.O_RDONLY | _NOFOLLOW | _BINARY)
    except OSError:
        return False
    try:
        return os.read(note, 200) == _identity(fd)
    except OSError:
        return False
    finally:
        os.close(note)


def _remember_clean_end(real: Path, fd: int) -> None:
    """Note in the lock file that the file, as it is now, ends between records (see :func:`_ends_cleanly`)."""
    try:
        note = os.open(f"{real}.lock", os.O_WRONLY | _NOFOLLOW | _BINARY)
    except OSError:
        return
    try:
        os.ftruncate(note, 0)
        os.write(note, _identity(fd))
    except OSError:
        pass  # the end is read again next time
    finally:
        os.close(note)


def _count_line_ends(fd: int, end: int) -> int:
    """How many lines end before byte ``end`` of the file."""
    count, offset = 0, 0
    while offset < end:
        chunk = _read_at(fd, offset, min(1 << 20, end - offset))
        count += chunk.count(b"\n")
        offset += len(chunk)
    return count


def _unclosed_quote(path: Path, line: int) -> str:
    return _("{path}, line {line}: a double quote opens a field there that is never closed, so everything after it "
             "cannot be read except as part of that field. Add the closing quote in your editor or "
             "spreadsheet.").format(path=path, line=line)


# -- backups -------------------------------------------------------------------

def _backup(real: Path) -> None:
    """Keep a copy of ``real`` in its backups folder, whole or not at all.

    The copy is written under a temporary name with the file's own
    permissions, synced, read back and compared with the file (size and
    SHA-256), and only then given its stamp. A disk that fills up part way
    leaves no backup behind, so a cut-off copy is never listed, let alone put
    back; the caller then changes nothing.
    """
    folder = paths.backups_dir(real)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise GhwError(_("{folder} should be the folder of {file}'s backups, but it is a file. Nothing was "
                         "saved.").format(folder=folder, file=real.name)) from None
    data = real.read_bytes()
    mode = stat.S_IMODE(os.stat(real).st_mode)
    fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        try:
            os.fchmod(fd, mode)
        except (AttributeError, OSError):  # a system without modes, or one that will not set them
            pass
        write_verified(fd, temp, data, _("the backup"))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        os.replace(temp, folder / f"{stamp}{real.suffix}")
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise GhwError(_("Could not keep a backup of {file} in {folder} ({problem}), so it was not changed. Free "
                             "some space and try again.").format(file=real.name, folder=folder,
                                                                 problem=exc.strerror or exc)) from exc
        raise
    _sync_folder(folder)
    for old in backups(real)[:-KEEP_BACKUPS]:
        old.unlink()


def _adopt_old_backups(real: Path, folder: Path) -> None:
    """Move ``<stem>-<stamp><suffix>`` files, the older way of keeping backups, into ``folder``.

    Only a name made of exactly this file's stem, a dash, a stamp and its
    suffix is this file's: ``j-work-<stamp>.csv`` belongs to ``j-work.csv``,
    not to ``j.csv``. Nothing else is moved or deleted.
    """
    shared = folder.parent
    if not shared.is_dir() or (folder.exists() and not folder.is_dir()):
        return
    old = re.compile(re.escape(real.stem) + "-(" + _STAMP + ")" + re.escape(real.suffix))
    for candidate in shared.iterdir():
        match = old.fullmatch(candidate.name)
        if match and candidate.is_file():
            folder.mkdir(exist_ok=True)
            moved = folder / f"{match.group(1)}{real.suffix}"
            if not moved.exists():
                with contextlib.suppress(FileNotFoundError):  # another program moved it first
                    os.replace(candidate, moved)

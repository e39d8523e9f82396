"""``ghw restore``: the journal's backups listed, or one put back."""

from __future__ import annotations

from pathlib import Path

from .. import journal
from ..errors import GhwError
from ..i18n import _, ngettext
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw restore``."""
    restore = commands.add_parser("restore", help=_("list the journal's backups, or put one back"))
    restore.add_argument("backup", nargs="?", help=_("number (1 = newest) or file name of the backup to put back"))
    journal_option(restore)
    restore.set_defaults(run=_restore)


def _restore(args) -> int:
    from .. import storage

    path = args.journal_file
    saved = storage.backups(path)[::-1]
    if not saved:
        print(_("No backups of {path} yet: one is kept before every edit or delete.").format(path=path))
        return 0
    if args.backup is None:
        print(_("Backups of {path}, newest first (put one back with: ghw restore NUMBER):").format(path=path))
        for number, backup in enumerate(saved, start=1):
            problem = journal.unreadable(backup, read=False)
            lines = _lines(backup)
            said = (_("cannot be put back: {problem}").format(problem=problem) if problem
                    else ngettext("{n} line", "{n} lines", lines).format(n=lines))
            print(f"  {number:>2}. {backup.name}  ({said})")
        return 0
    chosen = next((b for b in saved if b.name == args.backup), None)
    if chosen is None and args.backup.isdigit() and 1 <= int(args.backup) <= len(saved):
        chosen = saved[int(args.backup) - 1]
    if chosen is None:
        raise GhwError(_("There is no backup {backup!r}; run ghw restore to list them.").format(backup=args.backup))
    from ..people.rename import restore

    marked = restore(path, chosen)
    print(_("Put back {backup} as {path}. The version it replaced is now the newest backup.").format(
        backup=chosen.name, path=path))
    if marked:
        print(_("Marked private, as their entries are a private person's: {names}.").format(
            names=", ".join(map(repr, marked))))
    return 0


def _lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)

"""What several commands share: their common options, declared once, and the journal they work on, found once.

Every command that reads or writes a journal takes ``--journal`` through
:func:`journal_option`; :func:`ghw.cli.main` then sets ``args.journal_file``
to the file named there, or to the user's journal (:func:`ghw.paths.journal_path`),
so that no handler works it out again. ``args.journal`` keeps what was typed
(None when nothing was), for the few messages that say which it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..i18n import _

__all__ = ["JOURNAL_HELP", "checkins_of", "date_option", "find_journal", "journal_option", "yes"]

JOURNAL_HELP = _("journal file (default: your journal)")


def journal_option(*commands: argparse.ArgumentParser, actions=(), help: str = JOURNAL_HELP) -> None:
    """Give each of ``commands``, and each of their ``actions``, the ``--journal FILE`` option.

    An action's own option has no default, so that ``ghw people --journal FILE show NAME`` keeps the FILE given
    before the action (argparse would otherwise reset it to the action's default and use the user's journal).
    """
    for command in commands:
        command.add_argument("--journal", type=Path, help=help)
    for action in actions:
        action.add_argument("--journal", type=Path, default=argparse.SUPPRESS, help=help)


def date_option(command: argparse.ArgumentParser) -> None:
    """The ``--date`` of an entry or a check-in."""
    command.add_argument("--date", help=_("YYYY-MM-DD (default today)"))


def find_journal(args: argparse.Namespace) -> None:
    """Set ``args.journal_file`` for a command that takes ``--journal``: the file named, or the user's journal."""
    if "journal" in vars(args):
        args.journal_file = args.journal or paths.journal_path()


def yes(question: str) -> bool:
    """Ask at a terminal; anything but yes, or no terminal to ask at, is no."""
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def checkins_of(path: Path):
    """The check-ins beside the journal at ``path`` (none when there is no file yet)."""
    from .. import checkins

    return checkins.load_checkins(checkins.checkins_path(path))

"""``ghw summary``, ``ghw export`` and ``ghw share``: a period of the journal said, written to a file, or shared.

The three take a period the same way (a month, a week, or a span of days)
and the two that let something leave take the same choices of what leaves
(notes, names, reflections), declared once here.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .. import care
from ..errors import GhwError
from ..i18n import _, ngettext
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw summary``, ``ghw export`` and ``ghw share``."""
    from ..exports import EXPORTS

    summary = commands.add_parser("summary", help=_("print a summary of a week or a month"))
    _period_options(summary, span=True)
    summary.add_argument("--notes", action="store_true", help=_("quote notes among the good moments"))
    journal_option(summary)
    summary.set_defaults(run=_summary)

    export = commands.add_parser("export", help=_("write a summary or the entries of a period to a file"),
                                 description=_("Notes are left out and names replaced by pseudonyms unless you ask."))
    export.add_argument("--format", required=True, choices=list(EXPORTS),
                        help="; ".join(f"{name}: {e.label}" for name, e in EXPORTS.items()))
    _period_options(export, span=True)
    _leaving_options(export)
    export.add_argument("--no-notes", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old scripts
    export.add_argument("--pseudonymize", action="store_true", help=argparse.SUPPRESS)  # likewise
    export.add_argument("--out", type=Path, help=_("file to write (default: exports/ beside the journal)"))
    journal_option(export)
    export.set_defaults(run=_export)

    share = commands.add_parser("share", help=_("share a summary with your practitioner, or take it back"),
                                description=_("On a practice's JupyterHub: writes the summary of a period where only "
                                              "your practitioner can read it. Notes are left out and names replaced "
                                              "by pseudonyms unless you ask."))
    which = _period_options(share, month=_("YYYY-MM (default: the month of your last entry)"))
    which.add_argument("--withdraw", action="store_true", help=_("remove what you shared"))
    _leaving_options(share)
    journal_option(share)
    share.set_defaults(run=_share)


def _period_options(command: argparse.ArgumentParser, *, month: str | None = None, span: bool = False):
    """``--month`` or ``--week`` (and with ``span``, ``--since`` and ``--until``); returns the group of the two."""
    which = command.add_mutually_exclusive_group()
    which.add_argument("--month", help=month or _("YYYY-MM (default: this month)"))
    which.add_argument("--week", help=_("YYYY-Www, like 2026-W48"))
    if span:
        command.add_argument("--since", help=_("first day of a span, YYYY-MM-DD (instead of --month or --week)"))
        command.add_argument("--until", help=_("last day of the span, YYYY-MM-DD (default today)"))
    return which


def _leaving_options(command: argparse.ArgumentParser) -> None:
    """What may leave with a summary: each is left out unless asked for."""
    command.add_argument("--notes", action="store_true", help=_("include notes (left out by default)"))
    command.add_argument("--names", action="store_true", help=_("keep names as written (pseudonyms by default)"))
    command.add_argument("--reflection", action="append", metavar="ID",
                         help=_("include this reflection (repeat for more; ghw month reflections lists them; none "
                                "by default)"))


def _period(args) -> str:
    from ..summary import period_range

    if getattr(args, "since", None) or getattr(args, "until", None):
        if args.week or args.month:
            raise GhwError(_("Give either --since (and --until) or --month or --week, not both."))
        if not args.since:
            raise GhwError(_("--until needs --since: say the first day of the span too."))
        from ..summary import span

        period = span(args.since, args.until)
    else:
        period = args.week or args.month or dt.date.today().strftime("%Y-%m")
    period_range(period)  # a wrong period is said before anything is read
    return period


def _summary(args) -> int:
    from .. import summary
    from ..folder import JournalFolder

    period = _period(args)
    result = summary.of(JournalFolder(args.journal_file), period, notes=args.notes, names=True)
    print(_("ghw summary for {period}").format(period=result.when) + "\n")
    for sentence in result.sentences():
        print(f"- {sentence}")
    if result.unsure:
        from ..exports import unsure

        print(f"\n{unsure(result.unsure).strip()}")
    print()
    print(care.care_note())
    return 0


def _export(args) -> int:
    from .. import exports, summary
    from ..folder import JournalFolder
    from .month import chosen_reflections

    mine = JournalFolder(args.journal_file)
    path = mine.journal
    period = _period(args)
    result = summary.of(mine, period, notes=args.notes, names=args.names,
                        reflections=chosen_reflections(path, args.reflection))
    export = exports.EXPORTS[args.format]
    out = args.out or exports.exports_dir(path) / f"ghw-{result.slug}.{export.name}"
    print(exports.preview(result, export.name))
    export.to(result, out, journal=path)
    print(_("Wrote {path}").format(path=out))
    return 0


def _share(args) -> int:
    from .. import sharing

    if args.withdraw:
        removed = sharing.withdraw()
        print(_("Withdrew what you shared ({files}): your practitioner can no longer open it.").format(
            files=", ".join(p.name for p in removed)) if removed else _("You had nothing shared; nothing was changed."))
        return 0
    period = args.week or args.month
    if period:
        _period(args)  # a wrong period is said before anything is read
    from .month import chosen_reflections

    reflections = chosen_reflections(args.journal_file, args.reflection)
    held = sharing.share(args.journal, period, notes=args.notes, names=args.names, reflections=reflections)
    kept = (_("notes included") if held["notes_included"] else _("no notes"),
            _("names replaced by pseudonyms") if held["pseudonymized"] else _("names as you wrote them"))
    print(_("Shared your summary of {period} ({days}, {entries}; {notes}, {names}) with your practitioner. ghw share "
            "--withdraw takes it back.").format(
        period=held["period"], notes=kept[0], names=kept[1],
        days=ngettext("{n} day logged", "{n} days logged", held["days_logged"]).format(n=held["days_logged"]),
        entries=ngettext("{n} entry", "{n} entries", held["entries"]).format(n=held["entries"])))
    if held["unsure"]:
        from ..exports import unsure

        print(unsure(held["unsure"]).strip())
    return 0

"""``ghw log``: one entry added to the journal."""

from __future__ import annotations

import datetime as dt
import sys

from .. import journal, schema
from ..errors import GhwError
from ..i18n import _, ngettext
from ._common import date_option, journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw log``."""
    log = commands.add_parser("log", help=_("add one entry to the journal"))
    log.add_argument("--mood", required=True, help=_("how you feel now, 0 (worst) to 10 (best)"))
    date_option(log)
    log.add_argument("--time", help=_("HH:MM (default now)"))
    log.add_argument("--person", help=_("who: a name, nickname or initials"))
    log.add_argument("--relationship", help=", ".join(schema.RELATIONSHIPS))
    log.add_argument("--activity", help=_("what you did together"))
    log.add_argument("--channel", help=", ".join(schema.CHANNELS))
    log.add_argument("--minutes", help=_("how long: 45, 45 min, 1h or 1:30"))
    log.add_argument("--quality", help=_("how connected you felt, 1 (not at all) to 5 (deeply)"))
    log.add_argument("--initiated-by", dest="initiated_by", help=", ".join(schema.INITIATED_BY))
    log.add_argument("--support", help=", ".join(schema.SUPPORT))
    log.add_argument("--note", help=_("anything else"))
    log.add_argument("--alone", help=_("on a mood check-in alone: how the time alone felt, {codes}").format(
        codes=", ".join(schema.ALONE)))
    journal_option(log)
    log.add_argument("--yes", action="store_true", help=_("save a date well after today without asking"))
    log.set_defaults(run=_log)


def _log(args) -> int:
    now = dt.datetime.now()
    fields = [c for c in (*schema.COLUMNS, *schema.OPTIONAL_COLUMNS) if c not in ("id", "date", "time")]
    entry = {c: getattr(args, c) for c in fields if getattr(args, c) is not None}
    if "minutes" in entry:  # "45", "45 min", "1h", "1:30"
        entry["minutes"] = schema.duration(entry["minutes"])
    entry["date"] = args.date or now.date()
    entry["time"] = args.time or now.time()
    path = args.journal_file
    _confirm_far_date(args)
    saved = journal.append(path, entry)
    person = saved["person"] if isinstance(saved["person"], str) else saved["relationship"]
    said = dict(mood=saved["mood"], person=person, date=saved["date"].date(), time=saved["time"], path=path)
    print((_("Saved mood {mood} with {person} on {date} at {time} to {path}.") if isinstance(person, str)
           else _("Saved mood {mood} on {date} at {time} to {path}.")).format(**said))
    return 0


def _confirm_far_date(args) -> None:
    """A date well after today (:func:`ghw.schema.days_ahead`) is asked about at the terminal, or needs --yes."""
    day = schema.parse("date", args.date) if args.date else None
    days = schema.days_ahead(day) if day else 0
    if not days or args.yes:
        return
    question = ngettext("{day} is {n} day from today. Save the entry on that date anyway?",
                        "{day} is {n} days from today. Save the entry on that date anyway?", days).format(day=day, n=days)
    if sys.stdin is not None and sys.stdin.isatty():
        if input(f"{question} [y/N] ").strip().lower() in ("y", "yes"):
            return
        raise GhwError(_("Nothing was saved."))
    raise GhwError(question + " " + _("Nothing was saved; add --yes to save it."))

"""Calendar reminders (iCalendar): the month's intentions, people as they become due, and experiments' act days."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

import pandas as pd

from .. import vocabulary
from ..errors import GhwError
from ..i18n import _
from ..plan import RELATIONSHIP_WORDS
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary


def write(report: Summary) -> bytes:
    """All-day events: one per time intended, one for each person who becomes due, one per act day.

    Names follow the summary's choice (pseudonyms by default); people marked
    private are not in the summary, so never here. A person already due when
    the period starts is reminded on its first day.
    """
    import icalendar

    intentions = report.progress if report.progress is not None else pd.DataFrame()
    act_days = _act_days(report)
    if intentions.empty and report.due.empty and not act_days:
        if report.progress is None:
            raise GhwError(_("Calendar reminders are made for a month's intentions, people who become due, or an "
                             "experiment's act days: choose a month, like 2026-11."))
        raise GhwError(_("There are no intentions for {period}, nobody becomes due then and no experiment has act days "
                         "in it; add an intention, a rhythm or an experiment first.").format(period=report.period))
    days = (report.end - report.start).days + 1
    stamp = dt.datetime(report.start.year, report.start.month, 1, tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ghw//connection intentions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Connection intentions {period}").format(period=report.period))
    for intention in intentions.itertuples(index=False):
        times = int(intention.times)
        for k in range(times):
            day = report.start + dt.timedelta(days=k * days // times)
            cal.add_component(_event(f"{intention.id}-{k + 1}@ghw", intention.what, day, stamp,
                                     _("{k} of {times} this month").format(k=k + 1, times=times)
                                     + _who(intention.person, intention.relationship)))
    for person in report.due.itertuples(index=False):
        day = max(person.due_on.date(), report.start)
        rhythm = (_("you wished for {rhythm}").format(rhythm=person.every) if isinstance(person.every, str)
                  else _("you usually connect every {days}").format(days=vocabulary.days(person.gap)))
        uid = hashlib.sha256(f"{person.person}\x1f{day}".encode()).hexdigest()[:16]
        cal.add_component(_event(f"due-{uid}@ghw", _("Reach out to {person}?").format(person=person.person), day,
                                 stamp, _("Last logged contact {day}; {rhythm}. A nudge, not a duty.").format(
                                     day=person.last_contact.date(), rhythm=rhythm)))
    for uid, what, day, note in act_days:
        cal.add_component(_event(uid, what, day, stamp, note))
    return cal.to_ical()


def _event(uid: str, summary: str, day: dt.date, stamp: dt.datetime, description: str):
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("description", description)
    return event


def _act_days(report: Summary) -> list[tuple[str, str, dt.date, str]]:
    """(uid, what, day, description) for each act day of the summary's experiments inside the period."""
    from ..experiment import schedule_of

    out = []
    for experiment in [] if report.experiments is None else report.experiments.to_dict("records"):
        days = schedule_of(experiment)
        last = experiment["stopped"] if pd.notna(experiment["stopped"]) else days["date"].iloc[-1] + pd.Timedelta(days=1)
        chosen = days.loc[days["act"] & (days["date"] < last) & (days["date"].dt.date >= report.start)
                          & (days["date"].dt.date <= report.end)]
        who = _who(experiment["person"], experiment["relationship"])
        for number, day in enumerate(chosen["date"].dt.date, start=1):
            out.append((f"{experiment['id']}-{day.isoformat()}@ghw", _("Act day: {act}").format(act=experiment["act"]),
                        day, _("Experiment act day ({number} of {total} in {period})").format(
                            number=number, total=len(chosen), period=report.period) + who))
    return out


def _who(person, relationship) -> str:
    """" · " and whom an event is with (a person, a kind of relationship in words, or both); empty for nobody."""
    kind = RELATIONSHIP_WORDS.get(relationship, relationship)
    named = [str(v) for v in (person, kind) if isinstance(v, str)]
    return " · " + " · ".join(named) if named else ""


EXPORT = register(Export("ics", _("Calendar reminders (iCalendar)"), _("one reminder for each time you intend to do "
                         "something this month, one for each person who becomes due, and one for each act day of an "
                         "experiment"),
                         write, sentences=False))

"""Calendar reminders (iCalendar): the month's intentions, people as they become due, and experiments' act days."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

import pandas as pd

from .. import vocabulary
from ..errors import GhwError
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
            raise GhwError("Calendar reminders are made for a month's intentions, people who become due, or an "
                           "experiment's act days: choose a month, like 2026-11.")
        raise GhwError(f"There are no intentions for {report.period}, nobody becomes due then and no experiment has "
                       "act days in it; add an intention, a rhythm or an experiment first.")
    days = (report.end - report.start).days + 1
    stamp = dt.datetime(report.start.year, report.start.month, 1, tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ghw//connection intentions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Connection intentions {report.period}")
    for intention in intentions.itertuples(index=False):
        times = int(intention.times)
        for k in range(times):
            day = report.start + dt.timedelta(days=k * days // times)
            who = " · ".join(str(v) for v in (intention.person, intention.relationship) if isinstance(v, str))
            cal.add_component(_event(f"{intention.id}-{k + 1}@ghw", intention.what, day, stamp,
                                     f"{k + 1} of {times} this month" + (f" · {who}" if who else "")))
    for person in report.due.itertuples(index=False):
        day = max(person.due_on.date(), report.start)
        rhythm = (f"you wished for {person.every}" if isinstance(person.every, str)
                  else f"you usually connect every {vocabulary.days(person.gap)}")
        uid = hashlib.sha256(f"{person.person}\x1f{day}".encode()).hexdigest()[:16]
        cal.add_component(_event(f"due-{uid}@ghw", f"Reach out to {person.person}?", day, stamp,
                                 f"Last logged contact {person.last_contact.date()}; {rhythm}. A nudge, not a duty."))
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
        who = " · ".join(str(v) for v in (experiment["person"], experiment["relationship"]) if isinstance(v, str))
        for number, day in enumerate(chosen["date"].dt.date, start=1):
            out.append((f"{experiment['id']}-{day.isoformat()}@ghw", f"Act day: {experiment['act']}", day,
                        f"Experiment act day ({number} of {len(chosen)} in {report.period})"
                        + (f" · {who}" if who else "")))
    return out


EXPORT = register(Export("ics", "Calendar reminders (iCalendar)", "one reminder for each time you intend to do "
                         "something this month, one for each person who becomes due, and one for each act day of an "
                         "experiment",
                         write, sentences=False))

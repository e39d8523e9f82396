"""Calendar reminders (iCalendar): the month's intentions spread over the month, and people as they become due."""

from __future__ import annotations

import datetime as dt
import hashlib

from .. import vocabulary
from ..errors import GhwError
from ..summary import Summary
from ._base import Export, register


def write(report: Summary) -> bytes:
    """All-day events: one per time intended, and one for each person who becomes due in the period.

    Names follow the summary's choice (pseudonyms by default); people marked
    private are not in the summary, so never here. A person already due when
    the period starts is reminded on its first day.
    """
    import icalendar

    if report.progress is None and report.due.empty:
        raise GhwError("Calendar reminders are made for a month: choose a month, like 2026-11.")
    if (report.progress is None or report.progress.empty) and report.due.empty:
        raise GhwError(f"There are no intentions for {report.period}, and nobody becomes due then; add an intention "
                       "or a rhythm first.")
    days = (report.end - report.start).days + 1
    stamp = dt.datetime(report.start.year, report.start.month, 1, tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ghw//connection intentions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Connection intentions {report.period}")
    for intention in (report.progress.itertuples(index=False) if report.progress is not None else ()):
        times = int(intention.times)
        for k in range(times):
            who = " · ".join(str(v) for v in (intention.person, intention.relationship) if isinstance(v, str))
            cal.add_component(_event(
                f"{intention.id}-{k + 1}@ghw", intention.what, report.start + dt.timedelta(days=k * days // times),
                f"{k + 1} of {times} this month" + (f" · {who}" if who else ""), stamp))
    for person in report.due.itertuples(index=False):
        day = max(person.due_on.date(), report.start)
        rhythm = f"you wished for {person.every}" if isinstance(person.every, str) else \
            f"you usually connect every {vocabulary.days(person.gap)}"
        uid = hashlib.sha256(f"{person.person}\x1f{day}".encode()).hexdigest()[:16]
        cal.add_component(_event(
            f"due-{uid}@ghw", f"Reach out to {person.person}?", day,
            f"Last logged contact {person.last_contact.date()}; {rhythm}. A nudge, not a duty.", stamp))
    return cal.to_ical()


def _event(uid: str, summary: str, day: dt.date, description: str, stamp: dt.datetime):
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("description", description)
    return event


EXPORT = register(Export("ics", "Calendar reminders (iCalendar)", "one reminder for each time you intend to do "
                         "something this month, and one for each person who becomes due", write))

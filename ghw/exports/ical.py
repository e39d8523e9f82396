"""The month's intentions as calendar reminders (iCalendar), spread evenly over the month."""

from __future__ import annotations

import datetime as dt

from ..errors import GhwError
from ..summary import Summary
from ._base import Export, register


def write(report: Summary) -> bytes:
    """One all-day event per time intended; names follow the summary's choice (pseudonyms by default)."""
    import icalendar

    if report.progress is None:
        raise GhwError("Calendar reminders are made for a month: choose a month, like 2026-11.")
    if report.progress.empty:
        raise GhwError(f"There are no intentions for {report.period}; add some first.")
    days = (report.end - report.start).days + 1
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ghw//connection intentions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Connection intentions {report.period}")
    for intention in report.progress.itertuples(index=False):
        times = int(intention.times)
        for k in range(times):
            day = report.start + dt.timedelta(days=k * days // times)
            event = icalendar.Event()
            event.add("uid", f"{intention.id}-{k + 1}@ghw")
            event.add("summary", intention.what)
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("dtstamp", dt.datetime(report.start.year, report.start.month, 1, tzinfo=dt.UTC))
            who = " · ".join(str(v) for v in (intention.person, intention.relationship) if isinstance(v, str))
            event.add("description", f"{k + 1} of {times} this month" + (f" · {who}" if who else ""))
            cal.add_component(event)
    return cal.to_ical()


EXPORT = register(Export("ics", "Calendar reminders (iCalendar)", "one reminder for each time you intend to do "
                         "something this month", write))

"""Mood over time: how much was logged, and mood day by day with its weekly average."""

from __future__ import annotations

from .. import plots
from ..i18n import _, ngettext
from ._base import Data, Finding, register


def explain(result, data: Data) -> str:
    """How many days were logged: averages mean little without it."""
    days = data.daily
    if not len(days):
        return _("No entries yet.")
    logged = int((days["entries"] > 0).sum())
    text = ngettext("You logged on {logged} of {n} day ({share}).", "You logged on {logged} of {n} days ({share}).",
                    len(days)).format(logged=logged, n=len(days), share=f"{logged / len(days):.0%}")
    if logged / len(days) < 0.7:
        text += " " + _("Days without entries are often the harder ones, so averages may look brighter than those "
                        "weeks were.")
    return text


FINDING = register(Finding(
    name="timeline",
    title=_("Your mood over time"),
    intro=_("Each dot is a day; the line smooths over a week."),
    compute=lambda data: None,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_mood_timeline(data.daily, ax=ax),
    wide=True,
))

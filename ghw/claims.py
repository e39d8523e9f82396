"""Every place ghw says that something changed, rose, fell or went with mood, as one list.

A *claim* is a sentence that says more than "no clear link" or "no clear
change": the flagship's terms, a correlation, a day-to-day link, a kind of
relationship that stands out, a lift after a connection, a summary's "higher
than the period before", a person's "rising" or "falling". Each
:class:`Claim` looks at a :class:`Look` (the data, with each finding's table
computed once) and returns, for each time the claim could be made on those
data, whether it is made (clear, by :func:`ghw.inference.clear`): a list,
since a journal has one flagship but a trend for each person.

``benchmarks/false_positives.py`` and the slow tests run every claim on
journals where nothing is linked (:mod:`ghw.nulls`): the share made is the
false-positive rate, which must stay at or below 5-6%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import change, inference
from .findings import FINDINGS, Data
from .people.ledger import closeness_trend
from .registry import Registry

__all__ = ["Claim", "CLAIMS", "Look", "judge"]


class Look:
    """One journal's data with each finding's table computed at most once, for the claims that read it."""

    def __init__(self, data: Data):
        self.data = data
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, finding: str) -> pd.DataFrame:
        if finding not in self._tables:
            self._tables[finding] = FINDINGS[finding].compute(self.data)
        return self._tables[finding]


@dataclass(frozen=True)
class Claim:
    """One kind of claim: where it is said, and how to tell, on some data, whether it would be said."""

    name: str
    where: str
    judge: Callable[[Look], list[bool]]


CLAIMS: Registry[Claim] = Registry("claim")


def _rows(finding: str, key: str, value: str):
    """A claim on one row of a finding's table."""
    def judge(look: Look) -> list[bool]:
        table = look.table(finding)
        chosen = table.loc[table[key] == value]
        return [bool(len(chosen)) and inference.clear(chosen.iloc[0])]
    return judge


def _any(finding: str):
    """A claim that any row of a finding's table is clear (a family or a screen read together); none without a
    table (a finding with nothing to say, as time alone never noted)."""
    def judge(look: Look) -> list[bool]:
        table = look.table(finding)
        return [] if table is None else [any(inference.clear(row) for _, row in table.iterrows())]
    return judge


def _summary_change(look: Look) -> list[bool]:
    """The second half of the days against the first, as a summary of a span compares it with the span before."""
    days = look.data.daily
    if days.empty:
        return [False]
    first = days["date"].iloc[0].date()
    start = first + dt.timedelta(days=len(days) // 2)
    found = change.mood_change(days, start)
    return [found is not None and inference.clear(found)]


def _trends(look: Look) -> list[bool]:
    """A person's closeness "rising" or "falling", for each person with enough ratings."""
    entries = look.data.entries
    named = entries.loc[entries["person"].notna(), ["person", "date", "quality"]]
    codes = [closeness_trend(rated[["date", "quality"]]) for _, rated in named.groupby("person")]
    return [code in ("rising", "falling") for code in codes if code is not None]


def _experiment(look_at: str):
    """An experiment's look (``as assigned``, ``next day``) clear, for each experiment judged."""
    def judge(look: Look) -> list[bool]:
        table = look.table("experiment")
        if table is None:
            return []
        return [inference.clear(row) for _, row in table.loc[table["analysis"] == look_at].iterrows()]
    return judge


def _checkin_changes(look: Look) -> list[bool]:
    """A check-in score called changed between the first and the last three months, for each score judged."""
    table = look.table("checkins")
    return [inference.clear(row) for _, row in table.loc[table["status"] == "ok"].iterrows()]


for _name, _where, _judge in (
    ("flagship: quality", "Quality or quantity? (reflect, summaries)", _rows("quality_vs_quantity", "term", "quality")),
    ("flagship: number", "Quality or quantity?", _rows("quality_vs_quantity", "term", "connections")),
    ("flagship: time together", "Quality or quantity?", _rows("quality_vs_quantity", "term", "minutes")),
    ("flagship: difference", "Quality or quantity?", _rows("quality_vs_quantity", "term", "quality - connections")),
    ("quality and mood", "Connection quality and mood", _rows("quality", "x", "quality")),
    ("kinds in a day", "Variety", _rows("variety", "x", "variety")),
    ("kinds in a week", "Variety", _rows("variety", "x", "richness")),
    ("evenness in a week", "Variety", _rows("variety", "x", "evenness")),
    ("who reached out, weekly", "Give and take", _rows("reciprocity", "x", "initiative")),
    ("who gave support, weekly", "Give and take", _rows("reciprocity", "x", "support")),
    ("next day (any of four)", "From one day to the next", _any("next_day")),
    ("kinds of relationship (any)", "Kinds of relationship", _any("relationships")),
    ("activities (any)", "What you did together", _any("activities")),
    ("time alone, either kind", "Time alone", _any("alone")),
    ("lift after a connection", "Just after a connection", _rows("lift", "group", "after a connection")),
    ("lift against no connection", "Just after a connection", _rows("lift", "group", "difference")),
    ("change from the period before", "summaries", _summary_change),
    ("closeness rising or falling", "People, per person", _trends),
    ("experiment: the act changed mood", "Your experiments", _experiment("as assigned")),
    ("experiment: the day after differed", "Your experiments", _experiment("next day")),
    ("check-in score changed", "Check-ins over the months (and summaries)", _checkin_changes),
):
    CLAIMS.add(Claim(_name, _where, _judge))


def judge(entries: pd.DataFrame, experiments: pd.DataFrame | None = None,
          checkins: pd.DataFrame | None = None) -> dict[str, list[bool]]:
    """Every claim on one journal's entries (with its finished ``experiments`` and its ``checkins`` rows, as
    :func:`ghw.checkins.load_checkins` returns them): for each, whether each instance of it would be said."""
    look = Look(Data(entries, experiments=experiments, checkins=checkins,
                     as_of=(entries["date"].max() + pd.Timedelta(days=1)).date() if len(entries) else None))
    return {name: claim.judge(look) for name, claim in CLAIMS.items()}

"""The page of one person, and the people's tables said in plain sentences.

Numbers and codes come from the ledger, the reminders and the mood-by
finding; the words are made here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import names as naming
from .. import vocabulary
from ..errors import GhwError
from ..findings import Data
from ..findings._base import sentence_for_status
from ..findings.mood_by import mood_by
from ..names import short
from .due import LAST_DAY, MIN_CONTACTS, schedule
from .ledger import MIN_TREND, ledger

__all__ = ["person", "describe", "due_words", "describe_variety"]

def person(entries: pd.DataFrame, name: str, settings: pd.DataFrame | None = None) -> dict:
    """Everything the page of one person shows (``name`` as :func:`find` gives it).

    Returns a dict: ``ledger`` (their :func:`ledger` row), ``schedule``
    (their :func:`schedule` row, or None), ``mood`` (their row of
    :func:`ghw.findings.mood_by.mood_by` by person, or None), ``today`` (the
    journal's last day) and ``recent`` (their last 5 connections).
    """
    rows = ledger(entries, settings)
    row = rows.loc[rows["person"] == name]
    if row.empty:
        raise GhwError(f"No one called {short(name)!r} is in the journal.")
    due = schedule(entries, settings)
    due = due.loc[due["person"] == name]
    mood = mood_by(Data(entries), "person")
    mood = mood.loc[mood["group"] == name]
    theirs = naming.named(entries).loc[lambda e: e["person"] == name].sort_values(["date", "time"], na_position="first")
    return {"ledger": row.iloc[0].to_dict(), "schedule": None if due.empty else due.iloc[0].to_dict(),
            "mood": None if mood.empty else mood.iloc[0].to_dict(), "today": entries["date"].max(),
            "recent": theirs.tail(5).iloc[::-1]}


def describe(page: dict) -> list[str]:
    """A :func:`person` page in plain sentences, the name first."""
    row, name = page["ledger"], page["ledger"]["person"]
    lines = [f"{name} ({row['relationship']})"]
    # A usual gap is said only once it is one (MIN_CONTACTS days), as the rhythm below counts it.
    usual = pd.notna(row["usual_gap"]) and row["days"] >= MIN_CONTACTS
    gap = f"; usually every {vocabulary.days(row['usual_gap'])}" if usual else ""
    lines.append(f"Contacts: {vocabulary.count(int(row['contacts']), 'connection')} on "
                 f"{vocabulary.count(int(row['days']), 'day')}, from {row['first_contact'].date()} to "
                 f"{row['last_contact'].date()}{gap}.")
    lines.append("How: " + ", ".join(vocabulary.CHANNEL_WORDS.get(c, c) for c in row["channels"].split(", ") if c)
                 + "." if row["channels"] else "How: not logged.")
    if row["quality_n"]:
        trend = vocabulary.BALANCE["trend"].get(row["trend"]) if isinstance(row["trend"], str) else None
        lines.append(f"How connected you felt: {row['quality']:.1f} of 5 on average "
                     f"({row['quality_n']} rated)" + (f", {trend}." if trend else
                                                    f"; too few ratings to see a direction ({MIN_TREND} needed)."
                                                    if row["quality_n"] < MIN_TREND else
                                                    "; too few days with a rating to see a direction yet."))
    if isinstance(row["reaching"], str):
        lines.append(f"Who reached out: {vocabulary.BALANCE['reaching'][row['reaching']]} "
                     f"(you {row['me']:.0f}, them {row['them']:.0f}, both {row['mutual']:.0f}).")
    if isinstance(row["support_balance"], str):
        lines.append(f"Support: {vocabulary.BALANCE['support'][row['support_balance']]} "
                     f"(you gave {row['gave']:.0f}, received {row['received']:.0f}, both ways {row['both']:.0f}).")
    due = page["schedule"]
    if isinstance(row["every"], str) and row["every"] == "never":
        lines.append("Rhythm: never; no reminders for them.")
    elif due is None and isinstance(row["every"], str):
        lines.append(f"Rhythm: you wished for {row['every']}; that falls after the last day a date can be written "
                     f"({LAST_DAY.date()}).")
    elif due is None:
        lines.append(f"Rhythm: none wished, and too few contacts for a usual gap ({MIN_CONTACTS} days needed).")
    else:
        wish = f"you wished for {due['every']}" if isinstance(due["every"], str) else \
            f"none wished, so their usual gap with some leeway (every {vocabulary.days(due['gap'])})"
        when = (f"due since {due['due_on'].date()}" if due["due_on"] <= page["today"]
                else f"due on {due['due_on'].date()}")
        lines.append(f"Rhythm: {wish}; {when}, counted from the last contact.")
    mood = page["mood"]
    if mood is None:
        lines.append("Mood with them: no days to compare yet.")
    elif mood["status"] != "ok":
        lines.append(sentence_for_status({**mood, "n": mood["days_with" if mood["status"] == "too_few_with"
                                                          else "days_without"]}, f"Mood on days with {name}"))
    else:
        clear = mood["ci_low"] > 0 or mood["ci_high"] < 0
        how = ("higher" if mood["diff"] > 0 else "lower") if clear else "no clear difference"
        lines.append(f"Mood on days with {name}: {mood['mood_with']:.1f} on average, against {mood['mood_without']:.1f} "
                     f"on other logged days: {how} (difference {mood['diff']:+.1f}, 95% interval "
                     f"{mood['ci_low']:+.1f} to {mood['ci_high']:+.1f}; {vocabulary.count(int(mood['days_with']), 'day')}"
                     f" with, {int(mood['days_without'])} without; exploratory, as one of many people compared).")
    lines.append("Good days also make people easier to see: a link between your days and them is not proof that "
                 "one causes the other. Balances are information, not verdicts.")
    if row["private"]:
        lines.append("Private: left out of every summary and export, even under a pseudonym.")
    return lines


def due_words(row) -> str:
    """How long since the last contact, beside the rhythm that applies: "31 days; you wished for every 2 weeks"."""
    if isinstance(row.every, str):
        return f"{vocabulary.days(row.days_since)}; you wished for {row.every}"
    return f"{vocabulary.days(row.days_since)}; usually every {vocabulary.days(row.gap)}"


def describe_variety(table: pd.DataFrame) -> str:
    """The :func:`variety` table in one or two sentences."""
    info = table.attrs
    if not info or info["kinds"] == 0:
        return f"No connections in the last {info.get('weeks', 4)} weeks."
    even = info["evenness"]
    how = ("" if np.isnan(even) else
           f", {'fairly evenly spread' if even >= 0.8 else 'some much more than others' if even < 0.5 else 'unevenly spread'}"
           f" (evenness {even:.2f} of 1)")
    text = (f"In the last {info['weeks']} weeks: {vocabulary.count(info['kinds'], 'kind')} of relationship{how}.")
    missing = table.loc[table["missing"]]
    if len(missing):
        text += " Missing lately: " + ", ".join(f"{r.relationship} (last {r.last_contact.date()})"
                                                for r in missing.itertuples(index=False)) + "."
    return text

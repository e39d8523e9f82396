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
from ..i18n import _, ngettext
from ..names import short
from .contacts import kind_word
from .due import LAST_DAY, MIN_CONTACTS, schedule
from .file import rhythm_words
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
        raise GhwError(_("No one called {name} is in the journal.").format(name=repr(short(name))))
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
    lines = [_("{name} ({kind})").format(name=name, kind=kind_word(row["relationship"]))]
    # A usual gap is said only once it is one (MIN_CONTACTS days), as the rhythm below counts it.
    usual = pd.notna(row["usual_gap"]) and row["days"] >= MIN_CONTACTS
    contacts, days = int(row["contacts"]), int(row["days"])
    span = {"connections": ngettext("{n} connection", "{n} connections", contacts).format(n=contacts),
            "days": ngettext("{n} day", "{n} days", days).format(n=days),
            "first": row["first_contact"].date(), "last": row["last_contact"].date()}
    lines.append(_("Contacts: {connections} on {days}, from {first} to {last}; usually every {gap}.").format(
                     **span, gap=vocabulary.days(row["usual_gap"])) if usual else
                 _("Contacts: {connections} on {days}, from {first} to {last}.").format(**span))
    channels = ", ".join(vocabulary.CHANNEL_WORDS.get(c, c) for c in row["channels"].split(", ") if c)
    lines.append(_("How: {channels}.").format(channels=channels) if row["channels"] else _("How: not logged."))
    if row["quality_n"]:
        trend = vocabulary.BALANCE["trend"].get(row["trend"]) if isinstance(row["trend"], str) else None
        felt = {"mean": f"{row['quality']:.1f}", "n": row["quality_n"], "trend": trend, "needed": MIN_TREND}
        said = (_("How connected you felt: {mean} of 5 on average ({n} rated), {trend}.") if trend else
                _("How connected you felt: {mean} of 5 on average ({n} rated); too few ratings to see a direction "
                  "({needed} needed).") if row["quality_n"] < MIN_TREND else
                _("How connected you felt: {mean} of 5 on average ({n} rated); too few days with a rating to see a "
                  "direction yet."))
        lines.append(said.format(**felt))
    if isinstance(row["reaching"], str):
        lines.append(_("Who reached out: {balance} (you {me:.0f}, them {them:.0f}, both {mutual:.0f}).").format(
            balance=vocabulary.BALANCE["reaching"][row["reaching"]], me=row["me"], them=row["them"],
            mutual=row["mutual"]))
    if isinstance(row["support_balance"], str):
        lines.append(_("Support: {balance} (you gave {gave:.0f}, received {received:.0f}, both ways {both:.0f}).")
                     .format(balance=vocabulary.BALANCE["support"][row["support_balance"]], gave=row["gave"],
                             received=row["received"], both=row["both"]))
    lines.append(_rhythm(row, page["schedule"], page["today"]))
    lines.append(_mood(page["mood"], name))
    lines.append(_("Good days also make people easier to see: a link between your days and them is not proof that "
                   "one causes the other. Balances are information, not verdicts."))
    if row["private"]:
        lines.append(_("Private: left out of every summary and export, even under a pseudonym."))
    return lines


def _rhythm(row, due, today) -> str:
    """The page's line on the rhythm with a person: wished or usual, and when they are due."""
    if isinstance(row["every"], str) and row["every"] == "never":
        return _("Rhythm: never; no reminders for them.")
    if due is None and isinstance(row["every"], str):
        return _("Rhythm: you wished for {every}; that falls after the last day a date can be written "
                 "({last}).").format(every=rhythm_words(row["every"]), last=LAST_DAY.date())
    if due is None:
        return _("Rhythm: none wished, and too few contacts for a usual gap ({n} days needed).").format(
            n=MIN_CONTACTS)
    wish = (_("you wished for {every}").format(every=rhythm_words(due["every"])) if isinstance(due["every"], str)
            else _("none wished, so their usual gap with some leeway (every {gap})").format(
                gap=vocabulary.days(due["gap"])))
    when = (_("due since {day}") if due["due_on"] <= today else _("due on {day}")).format(day=due["due_on"].date())
    return _("Rhythm: {wish}; {when}, counted from the last contact.").format(wish=wish, when=when)


def _mood(mood, name: str) -> str:
    """The page's line on mood on days with a person, against other logged days."""
    if mood is None:
        return _("Mood with them: no days to compare yet.")
    if mood["status"] != "ok":
        return sentence_for_status({**mood, "n": mood["days_with" if mood["status"] == "too_few_with"
                                                   else "days_without"]},
                                   _("Mood on days with {name}").format(name=name))
    clear = mood["ci_low"] > 0 or mood["ci_high"] < 0
    how = (_("higher") if mood["diff"] > 0 else _("lower")) if clear else _("no clear difference")
    with_, without = int(mood["days_with"]), int(mood["days_without"])
    return ngettext(
        "Mood on days with {name}: {mood_with:.1f} on average, against {mood_without:.1f} on other logged days: "
        "{how} (difference {diff:+.1f}, {level} interval {low:+.1f} to {high:+.1f}; {n} day with, {without} without; "
        "exploratory, as one of many people compared).",
        "Mood on days with {name}: {mood_with:.1f} on average, against {mood_without:.1f} on other logged days: "
        "{how} (difference {diff:+.1f}, {level} interval {low:+.1f} to {high:+.1f}; {n} days with, {without} without; "
        "exploratory, as one of many people compared).", with_).format(
        name=name, mood_with=mood["mood_with"], mood_without=mood["mood_without"], how=how, diff=mood["diff"],
        low=mood["ci_low"], high=mood["ci_high"], n=with_, without=without, level="95%")


def due_words(row) -> str:
    """How long since the last contact, beside the rhythm that applies: "31 days; you wished for every 2 weeks"."""
    if isinstance(row.every, str):
        return _("{since}; you wished for {every}").format(since=vocabulary.days(row.days_since),
                                                          every=rhythm_words(row.every))
    return _("{since}; usually every {gap}").format(since=vocabulary.days(row.days_since),
                                                   gap=vocabulary.days(row.gap))


def describe_variety(table: pd.DataFrame) -> str:
    """The :func:`variety` table in one or two sentences."""
    info = table.attrs
    if not info or info["kinds"] == 0:
        weeks = info.get("weeks", 4)
        return ngettext("No connections in the last week.", "No connections in the last {n} weeks.", weeks).format(
            n=weeks)
    even = info["evenness"]
    kinds = ngettext("{n} kind of relationship", "{n} kinds of relationship", info["kinds"]).format(n=info["kinds"])
    if np.isnan(even):
        text = ngettext("In the last week: {kinds}.", "In the last {n} weeks: {kinds}.", info["weeks"])
    else:
        text = ngettext("In the last week: {kinds}, {spread} (evenness {even:.2f} of 1).",
                        "In the last {n} weeks: {kinds}, {spread} (evenness {even:.2f} of 1).", info["weeks"])
    spread = (_("fairly evenly spread") if even >= 0.8 else _("some much more than others") if even < 0.5
              else _("unevenly spread"))
    text = text.format(n=info["weeks"], kinds=kinds, spread=spread, even=even)
    missing = table.loc[table["missing"]]
    if len(missing):
        text += " " + _("Missing lately: {kinds}.").format(kinds=", ".join(
            _("{kind} (last {day})").format(kind=kind_word(r.relationship), day=r.last_contact.date())
            for r in missing.itertuples(index=False)))
    return text

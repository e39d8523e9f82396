"""Who is due: when each person becomes due from the last logged contact, and who is due now.

A wished rhythm from the people file sets the gap; without one, a
person's own usual gap with some leeway. The reminders notice; they never
insist, and "never" leaves a person out.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import names as naming
from ..names import key
from .contacts import contact_days, usual_relationships
from .file import offset, parse_rhythm, rhythm_text

__all__ = ["MIN_CONTACTS", "LAST_DAY", "wished", "schedule", "overdue"]

MIN_CONTACTS = 3  # days of contact before a person has a "usual" gap

_LEEWAY = 1.5  # without a wish, a person is due after one and a half usual gaps

LAST_DAY = pd.Timestamp("9999-12-31")  # the last day a date can be written as YYYY-MM-DD


def wished(contact: pd.DataFrame, settings: pd.DataFrame | None,
           min_contacts: int = MIN_CONTACTS) -> dict[str, tuple[int, str]]:
    """The wished rhythm for each person of ``contact``: their own, else their kind's (from ``min_contacts`` days)."""
    if settings is None or settings.empty:
        return {}
    own = {key(r.person): parse_rhythm(r.every) for r in settings.itertuples() if isinstance(r.person, str)
           and isinstance(r.every, str)}
    kinds = {r.relationship: parse_rhythm(r.every) for r in settings.itertuples()
             if isinstance(r.relationship, str) and isinstance(r.every, str)}
    out = {}
    for person, row in contact.iterrows():
        if key(person) in own:
            out[person] = own[key(person)]
        elif row["relationship"] in kinds and row["days"] >= min_contacts:
            out[person] = kinds[row["relationship"]]
    return out


def schedule(entries: pd.DataFrame, settings: pd.DataFrame | None = None, *,
             min_contacts: int = MIN_CONTACTS) -> pd.DataFrame:
    """When each person becomes due, counted from the last logged contact.

    A person's wished rhythm (``people.csv``: their own, else their kind's)
    sets the gap; without one, ghw uses their own usual gap, with leeway
    (due after one and a half usual gaps), once they have ``min_contacts``
    days of contact. "never" leaves a person out.

    Returns
    -------
    DataFrame with ``person``, ``relationship``, ``last_contact``,
    ``usual_gap``, ``every`` (the wished rhythm, or missing), ``gap`` (days
    of the rhythm, or the usual gap) and ``due_on``.
    """
    columns = ["person", "relationship", "last_contact", "usual_gap", "every", "gap", "due_on"]
    named = naming.named(entries)
    contact = contact_days(named).assign(relationship=pd.Series(usual_relationships(named), dtype="str"))
    wishes = wished(contact, settings, min_contacts)
    rows = []
    for person, row in contact.iterrows():
        wish = wishes.get(person)
        if wish is not None and wish[1] == "never":
            continue
        try:
            if wish is not None:
                due = row["last_contact"] + offset(wish)
                gap = (due - row["last_contact"]).days
            elif row["days"] >= min_contacts and pd.notna(row["usual_gap"]):
                gap = row["usual_gap"]
                due = row["last_contact"] + pd.Timedelta(days=math.floor(_LEEWAY * gap) + 1)
            else:
                continue
        except (ValueError, OverflowError):  # due after the year 9999: not on any calendar ghw keeps
            continue
        if due > LAST_DAY:
            continue
        rows.append({"person": person, "relationship": row["relationship"], "last_contact": row["last_contact"],
                     "usual_gap": row["usual_gap"], "every": rhythm_text(wish) if wish else None,
                     "gap": float(gap), "due_on": due})
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"person": "str", "relationship": "str", "last_contact": "datetime64[s]",
                         "usual_gap": "float64", "every": "str", "gap": "float64", "due_on": "datetime64[s]"})


def overdue(entries: pd.DataFrame, settings: pd.DataFrame | None = None, *, today=None,
            min_contacts: int = MIN_CONTACTS) -> pd.DataFrame:
    """Who is due now, the most overdue (for their own rhythm) first.

    ``today`` defaults to the last day in the journal: days that were not
    logged say nothing about whom you saw. See :func:`schedule` for when a
    person becomes due; it starts again from every logged contact.

    Returns
    -------
    :func:`schedule`'s columns for those due, plus ``last_seen`` (same as
    ``last_contact``), ``days_since`` and ``ratio`` (days since / gap), sorted
    by ``ratio``.
    """
    due = schedule(entries, settings, min_contacts=min_contacts)
    today = pd.Timestamp(today) if today is not None else entries["date"].max()
    due = due.loc[due["due_on"] <= today].copy()
    due["last_seen"] = due["last_contact"]
    due["days_since"] = (today - due["last_contact"]).dt.days.astype("int64")
    due["ratio"] = due["days_since"] / due["gap"].clip(lower=1)
    return due.sort_values(["ratio", "days_since"], ascending=False).reset_index(drop=True)

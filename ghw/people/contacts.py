"""Who you were in touch with and when: each person's usual kind, their days of contact, and names alike.

Counted from the journal alone, one row per person; the ledger, the
reminders and the tidying of names all start from these tables.
"""

from __future__ import annotations

import difflib

import pandas as pd

from .. import names as naming
from ..i18n import _
from ..names import key

__all__ = ["usual_relationships", "contact_days", "duplicates", "KIND_WORDS", "kind_word"]

# Each kind of relationship (the code the journal keeps, one of schema.RELATIONSHIPS) as a person reads it.
KIND_WORDS = {"partner": _("partner"), "child": _("child"), "family": _("family"), "friend": _("friend"),
              "colleague": _("colleague"), "acquaintance": _("acquaintance"), "neighbour": _("neighbour"),
              "community": _("community"), "professional": _("professional"), "stranger": _("stranger"),
              "other": _("other")}


def kind_word(code: str) -> str:
    """The words for a kind of relationship's code ("friend"); a code ghw does not know is shown as it is."""
    return KIND_WORDS.get(code, code)


def usual_relationships(entries: pd.DataFrame) -> dict[str, str]:
    """Each named person's most frequent kind of relationship (the latest one on a tie)."""
    named = naming.named(entries)[["date", "person", "relationship"]]
    if named.empty:
        return {}
    counts = named.groupby(["person", "relationship"]).agg(n=("date", "size"), last=("date", "max")).reset_index()
    best = counts.sort_values(["n", "last"]).groupby("person").tail(1)
    return dict(zip(best["person"], best["relationship"]))


def contact_days(entries: pd.DataFrame) -> pd.DataFrame:
    """Per person: days of contact, first and last, and the usual gap (median days between contact days)."""
    days = naming.named(entries)[["person", "date"]].drop_duplicates().sort_values("date")
    gaps = days.groupby("person")["date"].diff().dt.days
    grouped = days.groupby("person")["date"]
    return pd.DataFrame({
        "days": grouped.size(),
        "first_contact": grouped.min(),
        "last_contact": grouped.max(),
        "usual_gap": gaps.groupby(days["person"]).median(),
    })


def duplicates(entries: pd.DataFrame) -> pd.DataFrame:
    """Names that are probably the same person, each with the name to merge it into.

    Two names are compared only when they share their usual kind of
    relationship. They match when they are one person by :func:`key` (the
    same apart from case, accents, punctuation, spaces or invisible marks:
    "Sam", "sam ", "J.D.", "JD"); when one begins the
    other ("Sam", "Sammy"); or when they are spelled almost alike ("Priya",
    "Pryia"). The name used on fewer days is offered for merging into the other.

    Returns
    -------
    DataFrame with ``name``, ``into``, ``relationship``, ``days`` and
    ``into_days`` (days with a connection under each name) and ``why``.
    """
    columns = ["name", "into", "relationship", "days", "into_days", "why"]
    named = naming.named(entries)
    if named.empty:
        return pd.DataFrame(columns=columns)
    contact = contact_days(named).assign(relationship=pd.Series(usual_relationships(named)))
    best: dict[str, dict] = {}
    for kind, group in contact.groupby("relationship"):
        order = group.sort_values(["days", "first_contact"], ascending=[False, True]).index.tolist()
        keys = {n: key(n) for n in order}
        for i, into in enumerate(order):
            for name in order[i + 1:]:
                why = _same_person(keys[name], keys[into])
                if why and name not in best:
                    best[name] = {"name": name, "into": into, "relationship": kind, "days": int(group.at[name, "days"]),
                                  "into_days": int(group.at[into, "days"]), "why": why}
    return pd.DataFrame(list(best.values()), columns=columns).astype({"name": "str", "into": "str", "relationship": "str"})


def _same_person(a: str, b: str) -> str | None:
    if a == b:
        return _("written the same apart from case, accents, punctuation or spaces")
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and (long.startswith(short + " ") or (long.startswith(short) and len(short) >= 3)):
        return _("one name begins the other")
    if min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
        return _("spelled almost alike")
    return None

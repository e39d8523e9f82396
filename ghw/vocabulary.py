"""Every word ghw uses for a field, a measure or a status, kept in one place.

The logging form, the sentences, the charts and the exports all take their
words from here, so a measure is never called one thing on the form and
another on the chart. Below this module, code deals in column names and
status codes; above it, in words.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Term", "TERMS", "label", "name", "more", "status_text", "count"]


class Term(NamedTuple):
    """How one field or measure is said.

    ``label`` heads a form field or a chart axis; ``name`` stands inside a
    sentence; ``more`` says "more of it" where a finding compares.
    """

    label: str
    name: str
    more: str = ""


TERMS: dict[str, Term] = {
    "id": Term("Entry", "the entry"),
    "date": Term("Date", "the date"),
    "time": Term("Time", "the time"),
    "mood": Term("Mood", "mood"),
    "person": Term("Who", "who"),
    "relationship": Term("Kind of relationship", "the kind of relationship"),
    "activity": Term("What you did", "what you did"),
    "channel": Term("How", "how you connected"),
    "minutes": Term("Time together", "time spent together", "more time together"),
    "quality": Term("How connected you felt", "how connected you felt", "connections that felt closer"),
    "initiated_by": Term("Who reached out", "who reached out"),
    "support": Term("Who gave support", "who gave support", "you giving more support than you received"),
    "note": Term("Note", "the note"),
    "connections": Term("Number of connections", "the number of connections", "more connections"),
    "variety": Term("Kinds of relationship in a day", "the number of kinds of relationship in a day",
                    "more kinds of relationship"),
    "richness": Term("Kinds of relationship in a week", "the number of kinds of relationship in a week",
                     "more kinds of relationship"),
    "evenness": Term("Evenness across kinds", "how evenly connections spread across kinds",
                     "connections spread more evenly across kinds"),
    "initiative": Term("Who reached out", "who reached out", "you reaching out more often than others did"),
    "quality - connections": Term("Difference: felt minus number", "the difference between the two"),
}


def label(column: str) -> str:
    """The heading for ``column`` (a form label or an axis title)."""
    return TERMS[column].label if column in TERMS else column


def name(column: str) -> str:
    """``column`` as it stands inside a sentence."""
    return TERMS[column].name if column in TERMS else column


def more(column: str) -> str:
    """"More of ``column``", for sentences that compare."""
    return TERMS[column].more if column in TERMS and TERMS[column].more else f"more {name(column)}"


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the right form of the word: "1 kind", "2 kinds", "3 days with a connection"."""
    return f"{n} {one if n == 1 else many or _PLURALS.get(one, one + 's')}"


_PLURALS = {
    "entry": "entries",
    "person": "people",
    "day with a connection": "days with a connection",
    "pair of consecutive days": "pairs of consecutive days",
    "day with a change": "days with a change",
}


def status_text(code: str, *, n: int = 0, needed: int = 0, unit: str = "day", about: str = "") -> str:
    """The words for a status code of a finding, with its numbers.

    Codes: ``ok``; ``too_few`` (``n`` of ``needed`` ``unit``\\s);
    ``no_variation`` (``about`` was the same every time); ``unrated`` (none
    of ``n`` connections has a quality rating); ``carry_over``
    (the ``n`` values repeat each other so much that they count as fewer than
    ``needed``); ``too_few_with`` and ``too_few_without`` (a group has ``n``
    days with or without it, of ``needed``); ``no_fit`` (a model found no
    estimate on these data).
    """
    if code == "ok":
        return ""
    if code == "too_few":
        return f"not enough data yet: {count(n, unit)}, needs at least {needed} ({needed - n} more)"
    if code == "no_variation":
        return f"{name(about)} was the same every time, so nothing can be related to it yet"
    if code == "carry_over":
        return (f"the values carry over so much from one {unit} to the next that "
                f"{count(n, unit)} count as fewer than {needed}")
    if code == "unrated":
        return (f"your connections so far ({n}) have no rating of {name('quality')} (imported entries have none); "
                "rate new ones to see this")
    if code == "no_fit":
        return "the model could not be fitted to these data"
    if code in ("too_few_with", "too_few_without"):
        side = "with" if code == "too_few_with" else "without"
        return f"not enough days {side} it yet ({n}; needs {needed})"
    raise ValueError(f"unknown status code {code!r}")

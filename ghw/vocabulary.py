"""Every word ghw uses for a field, a measure or a status, kept in one place.

The logging form, the sentences, the charts and the exports all take their
words from here, so a measure is never called one thing on the form and
another on the chart. Below this module, code deals in column names and
status codes; above it, in words.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Term", "TERMS", "label", "name", "more", "less", "toward", "status_text", "ADVICE", "without_advice",
           "count", "every", "days", "done_of", "CHANNEL_WORDS", "BALANCE", "STRENGTHS", "strength", "points"]


class Term(NamedTuple):
    """How one field or measure is said.

    ``label`` heads a form field or a chart axis; ``name`` stands inside a
    sentence; ``more`` says "more of it" and ``less`` "less of it" where a
    finding compares, so that a direction is said in words, not left to a sign.
    """

    label: str
    name: str
    more: str = ""
    less: str = ""


TERMS: dict[str, Term] = {
    "id": Term("Entry", "the entry"),
    "date": Term("Date", "the date"),
    "time": Term("Time", "the time"),
    "mood": Term("Mood", "mood", "better mood", "lower mood"),
    "person": Term("Who", "who"),
    "relationship": Term("Kind of relationship", "the kind of relationship"),
    "activity": Term("What you did", "what you did"),
    "channel": Term("How", "how you connected"),
    "minutes": Term("Time together", "time spent together", "more time together", "less time together"),
    "quality": Term("How connected you felt", "how connected you felt", "connections that felt closer",
                    "connections that felt less close"),
    "initiated_by": Term("Who reached out", "who reached out"),
    "support": Term("Who gave support", "who gave support", "you giving more support than you received",
                    "you receiving more support than you gave"),
    "note": Term("Note", "the note"),
    "alone": Term("Time alone", "time alone"),
    "connections": Term("Number of connections", "the number of connections", "more connections", "fewer connections"),
    "variety": Term("Kinds of relationship in a day", "the number of kinds of relationship in a day",
                    "more kinds of relationship", "fewer kinds of relationship"),
    "richness": Term("Kinds of relationship in a week", "the number of kinds of relationship in a week",
                     "more kinds of relationship", "fewer kinds of relationship"),
    "evenness": Term("Evenness across kinds", "how evenly connections spread across kinds",
                     "connections spread more evenly across kinds", "connections spread less evenly across kinds"),
    "initiative": Term("Who reached out", "who reached out", "you reaching out more often than others did",
                       "others reaching out more often than you did"),
    "quality - connections": Term("Difference: felt minus number", "the difference between the two"),
}


def _term(column: str) -> Term | None:
    """The words for a field or measure, or for a check-in score, which its instrument's file gives."""
    if column in TERMS:
        return TERMS[column]
    from .instruments import find_scale

    found = find_scale(column)
    return Term(found[1].label, found[1].called) if found else None


def label(column: str) -> str:
    """The heading for ``column`` (a form label or an axis title)."""
    term = _term(column)
    return term.label if term else column


def name(column: str) -> str:
    """``column`` as it stands inside a sentence."""
    term = _term(column)
    return term.name if term else column


def more(column: str) -> str:
    """"More of ``column``", for sentences that compare."""
    return TERMS[column].more if column in TERMS and TERMS[column].more else f"more {name(column)}"


def less(column: str) -> str:
    """"Less of ``column``", the other way from :func:`more`."""
    return TERMS[column].less if column in TERMS and TERMS[column].less else f"less {name(column)}"


def toward(column: str, sign: float) -> str:
    """:func:`more` for a positive ``sign``, :func:`less` for a negative one: a direction said in words."""
    return more(column) if sign > 0 else less(column)


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the right form of the word: "1 kind", "2 kinds", "3 days with a connection"."""
    return f"{n} {one if n == 1 else many or _PLURALS.get(one, one + 's')}"


def every(days: int) -> str:
    """A rhythm in days as said: "every week", "every two weeks", "once a month", "every 10 days"."""
    return {7: "every week", 14: "every two weeks", 28: "every four weeks", 30: "once a month"}.get(
        days, f"every {count(days, 'day')}")


def done_of(done: int, times: int) -> str:
    """Progress on an intention: "2 of 3", and beyond it "3 of 3, and 10 more" (never "13 of 3")."""
    done, times = int(done), int(times)
    return f"{done} of {times}" if done <= times else f"{times} of {times}, and {done - times} more"


def days(n: float) -> str:
    """A number of days, whole or not: "1 day", "3 days", "18.5 days"."""
    return f"{n:g} day" if n == 1 else f"{n:g} days"


_PLURALS = {
    "entry": "entries",
    "person": "people",
    "day with a connection": "days with a connection",
    "pair of consecutive days": "pairs of consecutive days",
    "day with a change": "days with a change",
    "day with it": "days with it",
    "day without it": "days without it",
    "day with and without it": "days with and without it",
    "day of check-ins": "days of check-ins",
    "change without a connection": "changes without a connection",
}


def status_text(code: str, *, n: int = 0, needed: int = 0, unit: str = "day", about: str = "") -> str:
    """The words for a status code of a finding, with its numbers.

    Codes: ``ok``; ``too_few`` (``n`` of ``needed`` ``unit``\\s);
    ``no_variation`` (``about`` was the same every time); ``unrated`` (none
    of ``n`` connections has a quality rating); ``collinear`` (two of the
    things compared always moved together); ``too_few_with`` and ``too_few_without`` (a group has ``n``
    days with or without it, of ``needed``); ``no_criterion`` (a score
    with no published figures to tell a real change from measurement error);
    ``running`` (an experiment has ``n`` of its ``needed`` days behind it and
    ends on ``about``); ``no_fit`` (a model found no estimate on these data);
    ``unmapped`` (``n`` entries imported from Daylio, none of them a
    connection yet: their activities map has yet to say who they were with).
    """
    if code == "ok":
        return ""
    if code == "too_few":
        more = f" ({needed - n} more)" if needed > n else " (they repeat each other from one to the next, so more are needed)"
        return f"not enough data yet: {count(n, unit)}, needs about {needed}{more}"
    if code == "no_variation":
        return f"{name(about)} was the same every time, so nothing can be related to it yet"
    if code == "collinear":
        return ("two of the things compared have always moved together so far, so their links cannot be told apart "
                "yet")
    if code == "unrated":
        return (f"your connections so far ({n}) have no rating of {name('quality')} (imported entries have none)"
                f"{ADVICE['unrated']}")
    if code == "no_fit":
        return "the model could not be fitted to these data"
    if code in ("too_few_with", "too_few_without"):
        side = "with" if code == "too_few_with" else "without"
        return f"not enough days {side} it yet ({n}; needs {needed})"
    if code == "no_criterion":
        return "no published reliability figures could be confirmed for this score, so a difference is shown but not called a change"
    if code == "unmapped":
        return (f"the {count(n, 'entry', 'entries')} you imported from Daylio "
                f"{'has' if n == 1 else 'have'} no connections yet, so the questions about connections cannot be "
                "answered from them: Daylio keeps activities, not the people you were with. Say which activities were "
                "time with someone in the activities map (the Import tab, or ghw import daylio with --activities), "
                "and import again")
    if code == "running":
        return f"still running ({n} of {needed} days so far); the answer comes after {about}"
    raise ValueError(f"unknown status code {code!r}")


# What a status's words advise the person to do, as a clause at the end of them. Advice is for the person who keeps
# the journal: a summary shared with their practitioner leaves it out (:func:`without_advice`).
ADVICE = {"unrated": "; rate new ones to see this"}


def without_advice(sentence: str) -> str:
    """``sentence`` without any of the :data:`ADVICE` clauses, for a reader who is not the journal's keeper."""
    for clause in ADVICE.values():
        sentence = sentence.replace(clause, "")
    return sentence


CHANNEL_WORDS = {"in_person": "in person", "call": "call", "video": "video", "message": "message",
                 "social_media": "social media", "letter": "letter", "other": "other"}

# How a give-and-take leans, per code of :func:`ghw.people.ledger.ledger`: said as information, never as a verdict.
BALANCE = {
    "reaching": {"me": "you reached out more often", "them": "they reached out more often",
                 "mutual": "mostly both of you together", "even": "about as often you as them"},
    "support": {"gave": "you gave support more often than you received it",
                "received": "you received support more often than you gave it",
                "both": "mostly both ways at once", "even": "about evenly both ways"},
    "trend": {"rising": "rising over time", "falling": "lower lately than earlier",
              "unclear": "no clear rise or fall over time", "same": "the same every time so far"},
}


# How large a link is, in words (Cohen's conventions for a correlation, used for standardized effects too).
STRENGTHS = ((0.5, "strong"), (0.3, "moderate"), (0.1, "weak"), (0.0, "very weak"))


def strength(value: float) -> str:
    """A correlation or a standardized effect in words: "weak", "moderate", "strong" (its sign left out)."""
    return next(word for least, word in STRENGTHS if abs(value) >= least)


def points(value: float, scale: str = "") -> str:
    """A difference in points as it stands in a sentence: "about 0.8 points higher", "about 1 point lower"."""
    size = abs(value)
    said = f"{size:.0f} point" if round(size, 1) == 1 else f"{size:.1f} points"
    return f"about {said}{' ' + scale if scale else ''} {'higher' if value > 0 else 'lower'}"

"""Every word ghw uses for a field, a measure or a status, kept in one place.

The logging form, the sentences, the charts and the exports all take their
words from here, so a measure is never called one thing on the form and
another on the chart. Below this module, code deals in column names and
status codes; above it, in words. Every word here goes through the
catalogue (:mod:`ghw.i18n`): the words kept in constants are translated as
the module is imported, the codes they are kept under never are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .i18n import _, ngettext

__all__ = ["Term", "TERMS", "label", "name", "more", "less", "toward", "status_text", "ADVICE", "without_advice",
           "count", "every", "days", "done_of", "CHANNEL_WORDS", "RELATIONSHIP_WORDS", "WORDS", "word", "BALANCE", "STRENGTHS", "strength", "points"]


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
    "id": Term(_("Entry"), _("the entry")),
    "date": Term(_("Date"), _("the date")),
    "time": Term(_("Time"), _("the time")),
    "mood": Term(_("Mood"), _("mood"), _("better mood"), _("lower mood")),
    "person": Term(_("Who"), _("who")),
    "relationship": Term(_("Kind of relationship"), _("the kind of relationship")),
    "activity": Term(_("What you did"), _("what you did")),
    "channel": Term(_("How"), _("how you connected")),
    "minutes": Term(_("Time together"), _("time spent together"), _("more time together"), _("less time together")),
    "quality": Term(_("How connected you felt"), _("how connected you felt"), _("connections that felt closer"),
                    _("connections that felt less close")),
    "initiated_by": Term(_("Who reached out"), _("who reached out")),
    "support": Term(_("Who gave support"), _("who gave support"), _("you giving more support than you received"),
                    _("you receiving more support than you gave")),
    "note": Term(_("Note"), _("the note")),
    "alone": Term(_("Time alone"), _("time alone")),
    "connections": Term(_("Number of connections"), _("the number of connections"), _("more connections"), _("fewer connections")),
    "variety": Term(_("Kinds of relationship in a day"), _("the number of kinds of relationship in a day"),
                    _("more kinds of relationship"), _("fewer kinds of relationship")),
    "richness": Term(_("Kinds of relationship in a week"), _("the number of kinds of relationship in a week"),
                     _("more kinds of relationship"), _("fewer kinds of relationship")),
    "evenness": Term(_("Evenness across kinds"), _("how evenly connections spread across kinds"),
                     _("connections spread more evenly across kinds"), _("connections spread less evenly across kinds")),
    "initiative": Term(_("Who reached out"), _("who reached out"), _("you reaching out more often than others did"),
                       _("others reaching out more often than you did")),
    "quality - connections": Term(_("Difference: felt minus number"), _("the difference between the two")),
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
    if column in TERMS and TERMS[column].more:
        return TERMS[column].more
    return _("more {name}").format(name=name(column))


def less(column: str) -> str:
    """"Less of ``column``", the other way from :func:`more`."""
    if column in TERMS and TERMS[column].less:
        return TERMS[column].less
    return _("less {name}").format(name=name(column))


def toward(column: str, sign: float) -> str:
    """:func:`more` for a positive ``sign``, :func:`less` for a negative one: a direction said in words."""
    return more(column) if sign > 0 else less(column)


# The counted words ghw says through :func:`count`, by their English singular (a unit code of a finding's readings
# among them): each is a pair of the catalogue, so that the number chooses the form as the language has it.
_COUNTED: dict[str, Callable[[int], str]] = {
    "day": lambda n: ngettext("{n} day", "{n} days", n),
    "week": lambda n: ngettext("{n} week", "{n} weeks", n),
    "entry": lambda n: ngettext("{n} entry", "{n} entries", n),
    "valid entry": lambda n: ngettext("{n} valid entry", "{n} valid entries", n),
    "entry was": lambda n: ngettext("{n} entry was", "{n} entries were", n),
    "person": lambda n: ngettext("{n} person", "{n} people", n),
    "participant": lambda n: ngettext("{n} participant", "{n} participants", n),
    "connection": lambda n: ngettext("{n} connection", "{n} connections", n),
    "kind": lambda n: ngettext("{n} kind", "{n} kinds", n),
    "intention": lambda n: ngettext("{n} intention", "{n} intentions", n),
    "time": lambda n: ngettext("{n} time", "{n} times", n),
    "check-in": lambda n: ngettext("{n} check-in", "{n} check-ins", n),
    "act day": lambda n: ngettext("{n} act day", "{n} act days", n),
    "activity": lambda n: ngettext("{n} activity", "{n} activities", n),
    "line": lambda n: ngettext("{n} line", "{n} lines", n),
    "file": lambda n: ngettext("{n} file", "{n} files", n),
    "file was": lambda n: ngettext("{n} file was", "{n} files were", n),
    "problem": lambda n: ngettext("{n} problem", "{n} problems", n),
    "day with a connection": lambda n: ngettext("{n} day with a connection", "{n} days with a connection", n),
    "pair of consecutive days": lambda n: ngettext("{n} pair of consecutive days", "{n} pairs of consecutive days",
                                                   n),
    "day with a change": lambda n: ngettext("{n} day with a change", "{n} days with a change", n),
    "day with it": lambda n: ngettext("{n} day with it", "{n} days with it", n),
    "day without it": lambda n: ngettext("{n} day without it", "{n} days without it", n),
    "day with and without it": lambda n: ngettext("{n} day with and without it", "{n} days with and without it", n),
    "day of check-ins": lambda n: ngettext("{n} day of check-ins", "{n} days of check-ins", n),
    "change without a connection": lambda n: ngettext("{n} change without a connection",
                                                      "{n} changes without a connection", n),
    "group compared": lambda n: ngettext("{n} group compared", "{n} groups compared", n),
}


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the right form of the word: "1 kind", "2 kinds", "3 days with a connection".

    ``one`` is the English singular: a word of ``_COUNTED`` is said in the
    language ghw speaks; any other only in English (``many``, or ``one``
    with an "s"). New code says a count with ``ngettext("{n} day", "{n} days",
    n).format(n=n)`` itself, so that its words reach the catalogue.
    """
    if one in _COUNTED:
        return _COUNTED[one](_whole(n)).format(n=n)
    return f"{n} {one if n == 1 else many or one + 's'}"


def every(days: int) -> str:
    """A rhythm in days as said: "every week", "every two weeks", "once a month", "every 10 days"."""
    said = {7: _("every week"), 14: _("every two weeks"), 28: _("every four weeks"), 30: _("once a month")}
    return said.get(days) or ngettext("every {n} day", "every {n} days", days).format(n=days)


def done_of(done: int, times: int) -> str:
    """Progress on an intention: "2 of 3", and beyond it "3 of 3, and 10 more" (never "13 of 3")."""
    done, times = int(done), int(times)
    if done <= times:
        return _("{done} of {times}").format(done=done, times=times)
    return _("{times} of {times}, and {more} more").format(times=times, more=done - times)


def days(n: float) -> str:
    """A number of days, whole or not: "1 day", "3 days", "18.5 days"."""
    return ngettext("{n} day", "{n} days", _whole(n)).format(n=f"{n:g}")


def _whole(n: float) -> float:
    """``n`` as a Python int when it is a whole number (a numpy integer, 3.0), for the plural rules of a language."""
    return int(n) if float(n).is_integer() else n


def status_text(code: str, *, n: int = 0, needed: int = 0, unit: str = "day", about: str = "") -> str:
    """The words for a status code of a finding, with its numbers.

    Codes: ``ok``; ``too_few`` (``n`` of ``needed`` ``unit``\\s, ``unit``
    being a counted word of :func:`count`);
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
        # A weekly link counts only weeks logged on most of their days (analysis.whole_weeks): say so, or a person
        # who logs four days a week would be told "0 weeks" for ever. (Imported here: the words need no statistics.)
        from .analysis import WEEK_LOGGED_DAYS

        counted = ngettext("{n} week logged on {days} days or more", "{n} weeks logged on {days} days or more",
                           n).format(n=n, days=WEEK_LOGGED_DAYS) if unit == "week" else count(n, unit)
        if needed > n:
            return _("not enough data yet: {counted}, needs about {needed} ({more} more)").format(
                counted=counted, needed=needed, more=needed - n)
        return _("not enough data yet: {counted}, needs about {needed} (they repeat each other from one to the next, "
                 "so more are needed)").format(counted=counted, needed=needed)
    if code == "no_variation":
        return _("{about} was the same every time, so nothing can be related to it yet").format(about=name(about))
    if code == "collinear":
        return _("two of the things compared have always moved together so far, so their links cannot be told apart "
                 "yet")
    if code == "unrated":
        return _("your connections so far ({n}) have no rating of {quality} (imported entries have none)").format(
            n=n, quality=name("quality")) + ADVICE["unrated"]
    if code == "no_fit":
        return _("the model could not be fitted to these data")
    if code == "too_few_with":
        return _("not enough days with it yet ({n}; needs {needed})").format(n=n, needed=needed)
    if code == "too_few_without":
        return _("not enough days without it yet ({n}; needs {needed})").format(n=n, needed=needed)
    if code == "no_criterion":
        return _("no published reliability figures could be confirmed for this score, so a difference is shown but "
                 "not called a change")
    if code == "unmapped":
        return ngettext(
            "the {n} entry you imported from Daylio has no connections yet, so the questions about connections "
            "cannot be answered from them: Daylio keeps activities, not the people you were with. Say which "
            "activities were time with someone in the activities map (the Import tab, or {command} with {option}), "
            "and import again",
            "the {n} entries you imported from Daylio have no connections yet, so the questions about connections "
            "cannot be answered from them: Daylio keeps activities, not the people you were with. Say which "
            "activities were time with someone in the activities map (the Import tab, or {command} with {option}), "
            "and import again", n).format(n=n, command="ghw import daylio", option="--activities")
    if code == "running":
        return _("still running ({n} of {needed} days so far); the answer comes after {about}").format(
            n=n, needed=needed, about=about)
    raise ValueError(f"unknown status code {code!r}")


# What a status's words advise the person to do, as a clause at the end of them. Advice is for the person who keeps
# the journal: a summary shared with their practitioner leaves it out (:func:`without_advice`).
ADVICE = {"unrated": _("; rate new ones to see this")}


def without_advice(sentence: str) -> str:
    """``sentence`` without any of the :data:`ADVICE` clauses, for a reader who is not the journal's keeper."""
    for clause in ADVICE.values():
        sentence = sentence.replace(clause, "")
    return sentence


CHANNEL_WORDS = {"in_person": _("in person"), "call": _("call"), "video": _("video"), "message": _("message"),
                 "social_media": _("social media"), "letter": _("letter"), "other": _("other")}
RELATIONSHIP_WORDS = {"partner": _("partner"), "child": _("child"), "family": _("family"), "friend": _("friend"),
                      "colleague": _("colleague"), "acquaintance": _("acquaintance"), "neighbour": _("neighbour"),
                      "community": _("community"), "professional": _("professional"), "stranger": _("stranger"),
                      "other": _("other")}
# The words for the codes a journal's coded fields hold (:mod:`ghw.schema`), by field: the codes stay in the file.
WORDS = {
    "relationship": RELATIONSHIP_WORDS,
    "channel": CHANNEL_WORDS,
    "initiated_by": {"me": _("you"), "them": _("they"), "mutual": _("both of you")},
    "support": {"gave": _("you gave"), "received": _("you received"), "both": _("both ways"), "neither": _("neither")},
    "alone": {"restful": _("restful"), "lonely": _("lonely")},
    "status": {"done": _("done"), "partly": _("partly"), "not yet": _("not yet")},  # an intention's, in plan.csv
}


def word(column: str, value: str) -> str:
    """A coded value of a journal field in words ("in_person" of ``channel``: "in person"); any other value, such as
    a person's name or an activity, as it is."""
    return WORDS.get(column, {}).get(value, value)


# How a give-and-take leans, per code of :func:`ghw.people.ledger.ledger`: said as information, never as a verdict.
BALANCE = {
    "reaching": {"me": _("you reached out more often"), "them": _("they reached out more often"),
                 "mutual": _("mostly both of you together"), "even": _("about as often you as them")},
    "support": {"gave": _("you gave support more often than you received it"),
                "received": _("you received support more often than you gave it"),
                "both": _("mostly both ways at once"), "even": _("about evenly both ways")},
    "trend": {"rising": _("rising over time"), "falling": _("lower lately than earlier"),
              "unclear": _("no clear rise or fall over time"), "same": _("the same every time so far")},
}


# How large a link is, in words (Cohen's conventions for a correlation, used for standardized effects too).
STRENGTHS = ((0.5, _("strong")), (0.3, _("moderate")), (0.1, _("weak")), (0.0, _("very weak")))


def strength(value: float) -> str:
    """A correlation or a standardized effect in words: "weak", "moderate", "strong" (its sign left out)."""
    return next(word for least, word in STRENGTHS if abs(value) >= least)


def points(value: float, scale: str = "") -> str:
    """A difference in points as it stands in a sentence: "about 0.8 points higher", "about 1 point lower"."""
    size = abs(value)
    one = round(size, 1) == 1
    n = f"{size:.0f}" if one else f"{size:.1f}"
    if scale:
        said = (ngettext("about {n} point {scale} higher", "about {n} points {scale} higher", 1 if one else 2)
                if value > 0 else
                ngettext("about {n} point {scale} lower", "about {n} points {scale} lower", 1 if one else 2))
        return said.format(n=n, scale=scale)
    said = (ngettext("about {n} point higher", "about {n} points higher", 1 if one else 2) if value > 0 else
            ngettext("about {n} point lower", "about {n} points lower", 1 if one else 2))
    return said.format(n=n)

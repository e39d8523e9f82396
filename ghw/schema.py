"""The journal format, version 1: its columns, their vocabularies and rules.

Each rule (a :class:`ghw.rules.Rule`, as for the other files) reads one text
value. :func:`validate` applies the rules to a frame of raw text (as read
from the CSV), once per distinct value, and :func:`check_entry` to a single
entry, so that loading a file and saving one entry share exactly the same
rules, and both are quick.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import rules
from .i18n import _
from .rules import INVALID, Rule

__all__ = [
    "FORMAT_VERSION",
    "content_ids",
    "COLUMNS",
    "RELATIONSHIPS",
    "CHANNELS",
    "INITIATED_BY",
    "SUPPORT",
    "CONNECTION_FIELDS",
    "OPTIONAL_COLUMNS",
    "ALONE",
    "MOOD_RANGE",
    "QUALITY_RANGE",
    "MAX_MINUTES",
    "FAR_AHEAD_DAYS",
    "RULES",
    "days_ahead",
    "duration",
    "validate",
    "check_entry",
    "parse",
    "empty_entries",
]

FORMAT_VERSION = 1

COLUMNS = (
    "id",
    "date",
    "time",
    "mood",
    "person",
    "relationship",
    "activity",
    "channel",
    "minutes",
    "quality",
    "initiated_by",
    "support",
    "note",
)
RELATIONSHIPS = (
    "partner",
    "child",
    "family",
    "friend",
    "colleague",
    "acquaintance",
    "neighbour",
    "community",
    "professional",
    "stranger",
    "other",
)
# Columns a journal may have or not: read and checked when the file has them, added (after a backup) only when
# an entry that fills one in is saved. A journal without them is read as before, and an older ghw keeps them as
# the user's own columns.
OPTIONAL_COLUMNS = ("alone",)
ALONE = ("restful", "lonely")  # how time alone felt, on an entry without a connection
CHANNELS = ("in_person", "call", "video", "message", "social_media", "letter", "other")
INITIATED_BY = ("me", "them", "mutual")
SUPPORT = ("gave", "received", "both", "neither")
# Fields that describe a connection; any of them makes the entry a connection,
# which then needs a relationship.
CONNECTION_FIELDS = ("person", "activity", "channel", "minutes", "quality", "initiated_by", "support")
MOOD_RANGE = (0, 10)
QUALITY_RANGE = (1, 5)
MAX_MINUTES = 24 * 60
FAR_AHEAD_DAYS = 2  # a date this many days after today is asked about first: a typo is likelier than a plan

# Other spellings people type, after case, spaces, "-" and "_" are ignored.
_ALIASES = {"neighbor": "neighbour", "phone": "call", "text": "message", "i": "me", "they": "them"}
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


_HOURS_MINUTES = re.compile(r"(\d{1,2}):([0-5]\d)")
_SPOKEN = re.compile(r"(?:(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?))?\s*(?:(\d+)\s*(?:m|mins?|minutes?)?)?", re.IGNORECASE)


def duration(text: str) -> str:
    """Time together as people write it, as whole minutes (text): "45", "45 min", "1h", "1.5 h", "1h30", "1:30".

    Anything else comes back as it was, for the journal's rule to refuse by name. The journal itself keeps whole
    minutes; only what a person types is read this way.
    """
    spoken = text.strip()
    found = _HOURS_MINUTES.fullmatch(spoken)
    if found:
        return str(int(found[1]) * 60 + int(found[2]))
    found = _SPOKEN.fullmatch(spoken)
    if not found or not (found[1] or found[2]):
        return text
    hours = float(found[1].replace(",", ".")) if found[1] else 0.0
    total = hours * 60 + int(found[2] or 0)
    return str(int(total)) if total.is_integer() else text


def _time(text: str):
    found = _TIME.fullmatch(text)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        return INVALID
    return f"{int(found[1]):02d}:{found[2]}"


def _one_of(choices: tuple[str, ...]) -> Rule:
    return Rule(rules.choice(choices, _ALIASES), _("must be one of: {choices}").format(choices=", ".join(choices)))


# The journal's columns as :class:`ghw.rules.Rule` s; id and note are any text, checked apart.
RULES = {
    "date": Rule(rules.date, rules.DATE_PROBLEM, "datetime64[s]", required=_("is required")),
    "time": Rule(_time, _("is not a time written as HH:MM on a 24-hour clock, like 18:30")),
    "mood": Rule(rules.integer(*MOOD_RANGE), _("must be a whole number from 0 (worst) to 10 (best)"), "Int64",
                 required=_("is required")),
    "person": Rule(rules.text, ""),
    "relationship": _one_of(RELATIONSHIPS),
    "activity": Rule(rules.text, ""),
    "channel": _one_of(CHANNELS),
    "minutes": Rule(rules.integer(0, MAX_MINUTES),
                    _("must be a whole number of minutes from 0 to {most}").format(most=MAX_MINUTES), "Int64"),
    "quality": Rule(rules.integer(*QUALITY_RANGE),
                    _("must be a whole number from 1 (not connected) to 5 (deeply connected)"), "Int64"),
    "initiated_by": _one_of(INITIATED_BY),
    "support": _one_of(SUPPORT),
    "alone": _one_of(ALONE),
}
_NEEDS_RELATIONSHIP = _("is needed for a connection: say what kind of relationship it is ({kinds})").format(
    kinds=", ".join(RELATIONSHIPS))
_ALONE_WITH_SOMEONE = _("is for time alone, so it cannot be filled in on a connection: log the connection and the "
                        "time alone as two entries")


def empty_entries() -> pd.DataFrame:
    """A typed journal with no entries."""
    typed, _problems = validate(pd.DataFrame({c: pd.Series([], dtype="str") for c in COLUMNS}))
    return typed


def validate(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check raw text entries against the format and convert them to types.

    Parameters
    ----------
    raw : DataFrame
        One row per entry, every cell text, empty cells as ``""``; it holds at
        least the columns in :data:`COLUMNS`. :data:`OPTIONAL_COLUMNS` are
        checked where present; other columns are passed through.

    Returns
    -------
    entries : DataFrame
        Same rows and columns, typed: ``date`` datetime, ``mood``, ``minutes``
        and ``quality`` nullable integers, vocabularies normalized (``"Friend"``
        becomes ``"friend"``), empty cells missing. A value that breaks a rule
        is missing here and listed in ``problems``. Empty ids are filled with
        an id derived from the entry's content, stable across loads.
    problems : DataFrame
        ``row`` (position in ``raw``), ``column``, ``value``, ``problem``.
    """
    problems: list[tuple[int, str, str, str]] = []

    def flag(bad: np.ndarray, column: str, message: str) -> None:
        for pos in np.flatnonzero(bad):
            problems.append((int(pos), column, str(raw[column].iat[pos]), message))

    out = raw.copy(deep=False)  # columns are replaced, never changed in place
    given: dict[str, np.ndarray] = {}
    for column, rule in RULES.items():
        if column not in raw.columns:  # an optional column this journal does not have
            continue
        # Each rule runs once per distinct value: a journal holds few distinct dates, moods or kinds.
        codes, uniques = pd.factorize(raw[column], use_na_sentinel=False)
        texts = [str(u).strip() for u in np.asarray(uniques, dtype=object)]
        parsed = [rule.parse(t) if t else None for t in texts]
        bad = np.array([p is INVALID for p in parsed], dtype=bool)
        filled = np.array([t != "" for t in texts], dtype=bool)
        given[column] = filled[codes]
        flag(bad[codes], column, rule.problem)
        if rule.required:
            flag(~given[column], column, rule.required)
        values = rules.series([None if p is INVALID else p for p in parsed], rule.dtype)
        out[column] = values.iloc[codes].set_axis(raw.index)
    flag(_connection_without_relationship(given), "relationship", _NEEDS_RELATIONSHIP)
    if "alone" in given:
        flag(given["alone"] & _connection(given), "alone", _ALONE_WITH_SOMEONE)

    given["id"] = (raw["id"] != "").to_numpy()
    out["id"] = _ids(raw, raw["id"])
    flag(out["id"].duplicated(keep="first").to_numpy() & given["id"], "id",
         _("is used by an earlier entry; ids must be unique"))
    out["note"] = raw["note"].where(raw["note"] != "").astype("str")

    table = pd.DataFrame(problems, columns=["row", "column", "value", "problem"])
    table = table.astype({"row": "int64", "column": "str", "value": "str", "problem": "str"})
    table = table.sort_values(["row", "column"], key=lambda s: s.map(_column_order) if s.name == "column" else s)
    return out, table.reset_index(drop=True)


def check_entry(values: Mapping[str, str]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """Check one entry given as text by the same rules, without pandas' overhead.

    Returns the typed values (``None`` where empty or invalid; the note as
    given) and the problems as ``(column, value, problem)`` triples.
    """
    typed, problems = rules.check(values, RULES)
    given = {c: np.bool_(str(values.get(c) or "").strip() != "") for c in (*CONNECTION_FIELDS, "relationship")}
    if _connection_without_relationship(given):
        problems.append(("relationship", str(values.get("relationship") or ""), _NEEDS_RELATIONSHIP))
    if typed["alone"] is not None and _connection(given):
        problems.append(("alone", str(values.get("alone")), _ALONE_WITH_SOMEONE))
    typed["id"] = values.get("id", "")
    typed["note"] = values.get("note", "") or None
    problems.sort(key=lambda p: _column_order(p[0]))
    return typed, problems


def days_ahead(day: dt.date, today: dt.date | None = None) -> int:
    """How many days ``day`` lies after ``today``, when that is :data:`FAR_AHEAD_DAYS` or more; else 0.

    The date is valid either way; the command line and the logging form ask
    before saving an entry on such a date, so that a mistyped year or month
    is caught while the person still remembers what they meant.
    """
    days = (day - (today or dt.date.today())).days
    return days if days >= FAR_AHEAD_DAYS else 0


def parse(column: str, text: str) -> Any:
    """One value by its column's rule: the typed value, or None when empty or against the rule."""
    return RULES[column].value(text)


def _details(given: Mapping[str, np.ndarray]) -> np.ndarray:
    """Where any of a connection's details is given; works on arrays and on single values."""
    details = given[CONNECTION_FIELDS[0]]
    for column in CONNECTION_FIELDS[1:]:
        details = details | given[column]
    return details


def _connection_without_relationship(given: Mapping[str, np.ndarray]) -> np.ndarray:
    """Where a connection's details are given but not its relationship."""
    return _details(given) & ~given["relationship"]


def _connection(given: Mapping[str, np.ndarray]) -> np.ndarray:
    """Where an entry records a connection: a relationship or any of its details is given."""
    return _details(given) | given["relationship"]


def _column_order(column: str) -> int:
    order = (*COLUMNS, *OPTIONAL_COLUMNS)
    return order.index(column) if column in order else len(order)


def content_ids(texts: pd.Series, prefix: str, *, digits: int = 15) -> pd.Series:
    """Stable ids made from each row's identifying text.

    The same text always gives the same id (``prefix`` and ``digits`` hex
    digits of its SHA-1), so reading or importing a file again finds the
    same entries; a text that repeats gets ``-1``, ``-2``... on its second
    and later rows, so identical rows stay distinct entries.
    """
    digests = texts.map(lambda text: prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:digits])
    repeat = digests.groupby(digests).cumcount()
    return digests.where(repeat == 0, digests + "-" + repeat.astype("str"))


def _ids(raw: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Keep given ids; derive the missing ones from the entry's own text."""
    missing = ids == ""
    if not missing.any():
        return ids
    rows = raw.loc[missing, list(COLUMNS[1:])].astype("str").agg("\x1f".join, axis=1)
    return ids.where(~missing, content_ids(rows, "h"))

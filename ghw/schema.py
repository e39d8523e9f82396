"""The journal format, version 1: its columns, their vocabularies and rules.

Validation works on a frame of raw text (as read from the CSV, empty cells as
``""``) and returns the typed entries together with a table of problems, so
that loading a file and saving one entry share exactly the same rules.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

__all__ = [
    "FORMAT_VERSION",
    "COLUMNS",
    "RELATIONSHIPS",
    "CHANNELS",
    "INITIATED_BY",
    "SUPPORT",
    "CONNECTION_FIELDS",
    "MOOD_RANGE",
    "QUALITY_RANGE",
    "MAX_MINUTES",
    "validate",
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
CHANNELS = ("in_person", "call", "video", "message", "social_media", "letter", "other")
INITIATED_BY = ("me", "them", "mutual")
SUPPORT = ("gave", "received", "both", "neither")
# Fields that describe a connection; any of them makes the entry a connection,
# which then needs a relationship.
CONNECTION_FIELDS = ("person", "activity", "channel", "minutes", "quality", "initiated_by", "support")
MOOD_RANGE = (0, 10)
QUALITY_RANGE = (1, 5)
MAX_MINUTES = 24 * 60

_CHOICES = {
    "relationship": RELATIONSHIPS,
    "channel": CHANNELS,
    "initiated_by": INITIATED_BY,
    "support": SUPPORT,
}
# Other spellings people type, after case, spaces, "-" and "_" are ignored.
_ALIASES = {"neighbor": "neighbour", "phone": "call", "text": "message", "i": "me", "they": "them"}
_INTEGERS = {
    "mood": (*MOOD_RANGE, "a whole number from 0 (worst) to 10 (best)"),
    "quality": (*QUALITY_RANGE, "a whole number from 1 (not connected) to 5 (deeply connected)"),
    "minutes": (0, MAX_MINUTES, f"a whole number of minutes from 0 to {MAX_MINUTES}"),
}
_REQUIRED = ("date", "mood")
_TIME = r"^(\d{1,2}):(\d{2})$"


def empty_entries() -> pd.DataFrame:
    """A typed journal with no entries."""
    typed, _ = validate(pd.DataFrame({c: pd.Series([], dtype="str") for c in COLUMNS}))
    return typed


def validate(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check raw text entries against the format and convert them to types.

    Parameters
    ----------
    raw : DataFrame
        One row per entry, every cell text, empty cells as ``""``; it holds at
        least the columns in :data:`COLUMNS`. Other columns are passed through.

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

    out = raw.copy()
    given: dict[str, np.ndarray] = {}
    # Each rule runs once per distinct value, then spreads back to the rows:
    # a journal of years holds few distinct dates, moods or kinds.
    for column, (parse, message) in _PARSERS.items():
        codes, uniques = pd.factorize(raw[column], use_na_sentinel=False)
        text = pd.Series(uniques, dtype="str").str.strip()
        typed, bad = parse(text)
        filled = (text != "").to_numpy()
        given[column] = filled[codes]
        if message:
            flag((bad.to_numpy() & filled)[codes], column, message)
        out[column] = typed.iloc[codes].set_axis(raw.index)

    for column in _REQUIRED:
        flag(~given[column], column, "is required")

    given["id"] = (raw["id"] != "").to_numpy()
    out["id"] = _ids(raw, raw["id"])
    flag(out["id"].duplicated(keep="first").to_numpy() & given["id"], "id", "is used by an earlier entry; ids must be unique")

    details = np.logical_or.reduce([given[c] for c in CONNECTION_FIELDS]) if len(raw) else given["relationship"]
    flag(details & ~given["relationship"], "relationship",
         "is needed for a connection: say what kind of relationship it is (" + ", ".join(RELATIONSHIPS) + ")")
    out["note"] = raw["note"].where(raw["note"] != "").astype("str")

    table = pd.DataFrame(problems, columns=["row", "column", "value", "problem"]).astype({"row": "int64", "column": "str", "value": "str", "problem": "str"})
    table = table.sort_values(["row", "column"], key=lambda s: s.map(_column_order) if s.name == "column" else s)
    return out, table.reset_index(drop=True)


def _date(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return dates, dates.isna()


def _time(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    parts = text.str.extract(_TIME)
    ok = (pd.to_numeric(parts[0]) < 24) & (pd.to_numeric(parts[1]) < 60)
    return (parts[0].str.zfill(2) + ":" + parts[1]).where(ok).astype("str"), ~ok


def _integer(low: int, high: int):
    def parse(text: pd.Series) -> tuple[pd.Series, pd.Series]:
        numbers = pd.to_numeric(text, errors="coerce")
        ok = numbers.notna() & (numbers % 1 == 0) & (numbers >= low) & (numbers <= high)
        return numbers.where(ok).astype("Int64"), ~ok
    return parse


def _choice(choices: tuple[str, ...]):
    squashed = {c.replace("_", ""): c for c in choices} | {k: v for k, v in _ALIASES.items() if v in choices}

    def parse(text: pd.Series) -> tuple[pd.Series, pd.Series]:
        key = text.str.lower().str.replace(r"[\s_\-]+", "", regex=True).map(squashed).astype("str")
        return key, key.isna()
    return parse


def _text(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return text.where(text != "").astype("str"), pd.Series(False, index=text.index)


_PARSERS = {
    "date": (_date, "is not a date written as YYYY-MM-DD, like 2026-11-25"),
    "time": (_time, "is not a time written as HH:MM on a 24-hour clock, like 18:30"),
    **{c: (_integer(low, high), f"must be {rule}") for c, (low, high, rule) in _INTEGERS.items()},
    **{c: (_choice(choices), "must be one of: " + ", ".join(choices)) for c, choices in _CHOICES.items()},
    "person": (_text, ""),
    "activity": (_text, ""),
}


def _column_order(column: str) -> int:
    return COLUMNS.index(column) if column in COLUMNS else len(COLUMNS)


def _ids(raw: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Keep given ids; derive the missing ones from the entry's own text."""
    missing = ids == ""
    if not missing.any():
        return ids
    rows = raw.loc[missing, list(COLUMNS[1:])].astype("str").agg("\x1f".join, axis=1)
    digests = rows.map(lambda text: "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:15])
    repeat = digests.groupby(digests).cumcount()
    digests = digests.where(repeat == 0, digests + "-" + repeat.astype("str"))
    return ids.where(~missing, digests)

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

    def flag(bad: pd.Series, column: str, message: str) -> None:
        for pos in np.flatnonzero(bad.to_numpy(dtype=bool)):
            problems.append((int(pos), column, str(raw[column].iat[pos]), message))

    stripped = {c: raw[c].str.strip() for c in COLUMNS if c != "note"}
    given = {c: s != "" for c, s in stripped.items()}
    out = raw.copy()

    for column in _REQUIRED:
        flag(~given[column], column, "is required")

    out["id"] = _ids(raw, stripped["id"])
    flag(out["id"].duplicated(keep="first") & given["id"], "id", "is used by an earlier entry; ids must be unique")

    dates = pd.to_datetime(stripped["date"], format="%Y-%m-%d", errors="coerce")
    flag(given["date"] & dates.isna(), "date", "is not a date written as YYYY-MM-DD, like 2026-11-25")
    out["date"] = dates

    parts = stripped["time"].str.extract(_TIME)
    in_range = (pd.to_numeric(parts[0]) < 24) & (pd.to_numeric(parts[1]) < 60)
    bad_time = given["time"] & ~in_range
    flag(bad_time, "time", "is not a time written as HH:MM on a 24-hour clock, like 18:30")
    out["time"] = (parts[0].str.zfill(2) + ":" + parts[1]).where(in_range).astype("str")

    for column, (low, high, rule) in _INTEGERS.items():
        numbers = pd.to_numeric(stripped[column], errors="coerce")
        ok = numbers.notna() & (numbers % 1 == 0) & (numbers >= low) & (numbers <= high)
        flag(given[column] & ~ok, column, f"must be {rule}")
        out[column] = numbers.where(ok).astype("Int64")

    for column, choices in _CHOICES.items():
        squashed = {c.replace("_", ""): c for c in choices}
        squashed |= {k: v for k, v in _ALIASES.items() if v in choices}
        key = stripped[column].str.lower().str.replace(r"[\s_\-]+", "", regex=True).map(squashed)
        known = key.notna()
        flag(given[column] & ~known, column, "must be one of: " + ", ".join(choices))
        out[column] = key.where(known).astype("str")

    details = pd.concat([given[c] for c in CONNECTION_FIELDS], axis=1).any(axis=1)
    flag(details & ~given["relationship"], "relationship",
         "is needed for a connection: say what kind of relationship it is (" + ", ".join(RELATIONSHIPS) + ")")

    for column in ("person", "activity"):
        out[column] = stripped[column].where(given[column]).astype("str")
    out["note"] = raw["note"].where(raw["note"] != "").astype("str")

    table = pd.DataFrame(problems, columns=["row", "column", "value", "problem"]).astype({"row": "int64", "column": "str", "value": "str", "problem": "str"})
    table = table.sort_values(["row", "column"], key=lambda s: s.map(_column_order) if s.name == "column" else s)
    return out, table.reset_index(drop=True)


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

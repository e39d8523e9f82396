"""The two small files that say what a Daylio export means: its moods map and its activities map.

Daylio exports moods as names and the people someone was with only as
activities. The person says the rest in two CSV files, which ghw offers
beside the export, filled in as far as it can and never over a file that
is already there (see ``docs/import.md``):

* ``NAME.moods.csv``: ``name,count,mood``, a number from 0 to 10 for each
  mood name (the five default names come filled in);
* ``NAME.activities.csv``: ``activity,count,relationship,person``, the kind
  of relationship (and, if they like, a name) of each activity that was
  time with someone; the others stay empty.

In the activities map, what ghw only guesses (an activity that looks like a
name, "Tania-time", "call mum", words such as family, friends or date)
comes pre-filled **with a question mark** ("family?", "Tania?"). A row with
a question mark is a suggestion: it is shown, counted and never applied
until the person removes the mark.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import schema, storage
from ..errors import ValidationError
from ..i18n import _
from ._table import read_table

__all__ = ["ACTIVITY_COLUMNS", "MOOD_COLUMNS", "suggest", "activity_template", "mood_template", "read_activity_table",
           "check_activities", "read_activity_map", "read_mood_map", "write_template"]

ACTIVITY_COLUMNS = ("activity", "count", "relationship", "person")
MOOD_COLUMNS = ("name", "count", "mood")
MARK = "?"  # ends a value that is only ghw's suggestion

# Words in an activity that say a kind of relationship, as people name Daylio activities.
_KINDS = {
    "family": ("family", "mum", "mom", "mother", "dad", "father", "parents", "brother", "sister", "siblings",
               "grandma", "grandpa", "granny", "grandparents", "aunt", "uncle", "cousin", "cousins", "relatives"),
    "partner": ("partner", "date", "dating", "boyfriend", "girlfriend", "husband", "wife", "spouse"),
    "friend": ("friend", "friends", "party", "hangout"),
    "colleague": ("colleague", "colleagues", "coworker", "coworkers", "team"),
    "child": ("kids", "children", "son", "daughter"),
    "neighbour": ("neighbour", "neighbours", "neighbor", "neighbors"),
    "community": ("church", "choir", "club", "volunteering"),
}
_KIND_OF = {word: kind for kind, words in _KINDS.items() for word in words}
# Family words that name one person, so that "call mum" suggests the person Mum.
_ONE_PERSON = {"mum", "mom", "mother", "dad", "father", "grandma", "grandpa", "granny"}
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")  # a word of a name: "Ørjan", "O’Brien", "Anne-Marie", "J.D."
_TOKEN = re.compile(r"[^\W\d_]+")  # a plain word: "Mum-time" is "mum" and "time"
_TIME = re.compile(r"(.+?)[\s\-]*time", re.IGNORECASE)
_VERBS = {"call", "phone", "visit", "see", "meet", "text", "with", "dinner", "lunch", "coffee"}
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]?\.?")


def suggest(activity: str, *, capitals_are_names: bool = True) -> tuple[str, str]:
    """ghw's guess of ``(relationship, person)`` for an activity, each ``""`` where it has none.

    A kind word (family, friends, date, colleagues, mum...) suggests its
    kind; "call mum" also suggests the person Mum. A name suggests the
    person: "Tania-time", "call Jo", "J.D.", "@jo_k", and, when
    ``capitals_are_names`` (the export's activities are mostly written in
    small letters, as Daylio's own are), any activity written with a capital
    like "Ørjan" or "O’Brien".
    """
    text = " ".join(activity.split())
    words = _WORD.findall(text)
    lowered = [w.casefold() for w in _TOKEN.findall(text)]
    kind = next((_KIND_OF[w] for w in lowered if w in _KIND_OF), "")
    person = next((w.capitalize() for w in lowered if w in _ONE_PERSON), "")
    timed = _TIME.fullmatch(text)
    if text.startswith("@") and len(text) > 1 and " " not in text:
        person = text
    elif _INITIALS.fullmatch(text):
        person = text
    elif timed and _is_name(timed[1]):
        person = timed[1]
    elif len(words) >= 2 and words[0].casefold() in _VERBS and _is_name(" ".join(words[1:])):
        person = " ".join(words[1:])
    elif capitals_are_names and not kind and _is_name(text):
        person = text
    return kind, person


def _is_name(text: str) -> bool:
    """Whether ``text`` is written like a name: one or two words, each starting with a capital."""
    words = text.split()
    return 1 <= len(words) <= 2 and all(w[0].isupper() and _WORD.fullmatch(w) for w in words) \
        and not any(t.casefold() in _KIND_OF for t in _TOKEN.findall(text))


def activity_template(counts: Counter) -> pd.DataFrame:
    """The activities map to fill in: every activity, most frequent first, with ghw's suggestions marked ``?``."""
    names = list(counts)
    capitals = sum(n[:1].isupper() for n in names) < len(names) / 2
    rows = []
    for name, count in counts.most_common():
        kind, person = suggest(name, capitals_are_names=capitals)
        rows.append({"activity": name, "count": str(count), "relationship": kind + MARK if kind else "",
                     "person": person + MARK if person else ""})
    return pd.DataFrame(rows, columns=list(ACTIVITY_COLUMNS), dtype="str")


def mood_template(counts: Counter, known: Mapping[str, int]) -> pd.DataFrame:
    """The moods map to fill in: every mood name, most frequent first, with the number of those ghw knows."""
    known = {k.casefold(): v for k, v in known.items()}
    rows = [{"name": name, "count": str(n), "mood": str(known.get(name.casefold(), ""))}
            for name, n in counts.most_common()]
    return pd.DataFrame(rows, columns=list(MOOD_COLUMNS), dtype="str")


def write_template(path: Path, table: pd.DataFrame) -> bool:
    """Write ``table`` to ``path`` unless something is there already (a file, a link, a folder); say if it was."""
    if path.exists() or path.is_symlink():
        return False
    storage.replace(path, table.to_csv(index=False, lineterminator="\n"), backup=False)
    return True


def read_activity_table(path: str | Path) -> pd.DataFrame:
    """An activities map file as :func:`check_activities` reads it; problems name the file and the line."""
    table = _read_map(path, _("activities map"), ("activity", "relationship"))
    return check_activities(table, source=str(path))


def check_activities(table: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Read what an activities map says: ``line``, ``activity``, ``relationship``, ``person`` and ``status``.

    ``table`` holds the map's cells as text (``activity``, ``relationship``,
    optionally ``person``), first row on line 2 as in a file. ``status`` is
    ``connection`` (a kind of relationship is given), ``suggested`` (a cell
    still ends in ``?``) or ``none`` (both empty: not a connection). Other
    columns, like ``count``, are ignored. A name without a kind of
    relationship, an unknown kind, or one activity listed twice with
    different meanings is a :class:`ValidationError` naming the line
    (``source`` names the map in it: its file, or by default "The
    activities map").
    """
    rows, problems, seen = [], [], {}
    for line, row in enumerate(table.to_dict("records"), start=2):
        activity = str(row["activity"]).strip()
        relationship, person = str(row["relationship"]).strip(), str(row.get("person", "")).strip()
        if not activity:
            if relationship or person:
                problems.append((line, "activity", "", _("is needed: which Daylio activity is this?")))
            continue
        if relationship.endswith(MARK) or person.endswith(MARK):
            status = "suggested"
        elif not relationship and not person:
            status = "none"
        elif not relationship:
            status = "connection"
            problems.append((line, "relationship", "", _("is needed for a connection: say what kind of relationship "
                                                         "it is ({codes}), or clear the person").format(
                                                             codes=", ".join(schema.RELATIONSHIPS))))
        else:
            status = "connection"
            relationship = schema.parse("relationship", relationship) or _problem(
                problems, line, relationship, _("must be one of: {codes}").format(codes=", ".join(schema.RELATIONSHIPS)))
        key = activity.casefold()
        meaning = (status, relationship, person)
        if key in seen and seen[key][1] != meaning:
            problems.append((line, "activity", activity, _("is listed twice, differently (also on line {line})").format(
                line=seen[key][0])))
        seen.setdefault(key, (line, meaning))
        rows.append({"line": line, "activity": activity, "relationship": relationship, "person": person,
                     "status": status})
    if problems:
        raise ValidationError.from_rows(problems, source=source or _("The activities map"))
    return pd.DataFrame(rows, columns=["line", "activity", "relationship", "person", "status"])


def read_activity_map(path: str | Path) -> dict[str, tuple[str, str]]:
    """The connections an activities map confirms: activity -> ``(relationship, person)`` (suggestions left out)."""
    table = read_activity_table(path)
    chosen = table.loc[table["status"] == "connection"]
    return {row.activity: (row.relationship, row.person) for row in chosen.itertuples(index=False)}


def read_mood_map(path: str | Path) -> dict[str, int]:
    """A ``name,mood`` CSV (other columns ignored); each mood a whole number 0-10, or empty for one not given yet."""
    table = _read_map(path, _("moods map"), ("name", "mood"))
    out, problems = {}, []
    for line, row in enumerate(table.to_dict("records"), start=2):
        if not row["mood"].strip():
            continue  # the import lists the moods still without a number
        mood = schema.parse("mood", row["mood"])
        if mood is None:
            problems.append((line, "mood", row["mood"], _("must be a whole number from 0 (worst) to 10 (best)")))
        out[row["name"].strip()] = mood
    if problems:
        raise ValidationError.from_rows(problems, source=str(path))
    return out


def _problem(problems: list, line: int, value: str, text: str) -> str:
    problems.append((line, "relationship", value, text))
    return value


def _read_map(path: str | Path, what: str, required: tuple[str, ...]) -> pd.DataFrame:
    table = read_table(path, what, required=required)
    table.columns = [c.casefold() for c in table.columns]
    return table

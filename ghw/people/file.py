"""The people file (``people.csv``): what only the user can say about the people in a journal.

A wished-for rhythm with a person or a kind of relationship ("every 2
weeks"), and whether a person is private (never in any export). The file
sits beside the journal (see ``docs/people-format.md``), is checked by its
rules with every problem named by line and column, and is written only
through :mod:`ghw.sidefiles` under :func:`ghw.storage.locked`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import journal, rules, schema, sidefiles, storage
from ..errors import GhwError, ValidationError
from ..folder import JournalFolder
from ..i18n import _, language, ngettext
from ..names import check, key, short

__all__ = ["PEOPLE_COLUMNS", "people_path", "file_for", "load_people", "parse_rhythm", "rhythm_text", "rhythm_words",
           "offset",
           "set_rhythm", "set_private", "private_names", "update", "RHYTHM_PROBLEM"]

PEOPLE_COLUMNS = ("person", "relationship", "every", "private")

_WORDS = {"daily": "every day", "weekly": "every week", "fortnightly": "every 2 weeks", "bi weekly": "every 2 weeks",
          "monthly": "every month", "quarterly": "every 3 months", "yearly": "every year", "annually": "every year"}

_NUMBERS = {"a": 1, "an": 1, "one": 1, "other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_RHYTHM = re.compile(r"(?:every|each)\s+(?:(\d+|[a-z]+)\s+)?(day|week|month|year)s?")

_NEVER = ("never", "no reminders", "none")

RHYTHM_PROBLEM = _("is not a rhythm ghw understands; write it like 'every week', 'every 2 weeks', 'monthly', "
                   "'every 10 days' or 'never'")


def people_path(journal_file: str | os.PathLike | None = None) -> Path:
    """``people.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal_file).people


def file_for(opened: journal.Journal) -> Path:
    """The people file that goes with an opened journal: the sample's while it shows the sample."""
    return JournalFolder(opened.path, sample=opened.is_sample).source("people")


def parse_rhythm(text: str) -> tuple[int, str] | None:
    """A rhythm as ``(count, unit)``: "every 2 weeks" is ``(2, "week")``, "never" is ``(0, "never")``.

    Read in English (as the file writes it, with a few common ways of saying
    it) or as ghw's language says it (:func:`rhythm_words`). Returns None for
    text that is not a rhythm.
    """
    text = " ".join(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", str(text).lower()).split())  # "bi-weekly", "every-week"
    text = _WORDS.get(text, text)
    if text in _NEVER:
        return 0, "never"
    found = _RHYTHM.fullmatch(text)
    if not found:
        return _said(language()).get(text)
    number = found[1] or "1"
    count = int(number) if number.isdigit() else _NUMBERS.get(number)
    if count is None or not 1 <= count <= 366:
        return None
    return count, found[2]


def rhythm_text(rhythm: tuple[int, str]) -> str:
    """A rhythm as the people file writes it, the one way ghw reads back: "every 2 weeks", "never"."""
    count, unit = rhythm
    if unit == "never":
        return "never"
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


def rhythm_words(text: str) -> str:
    """A rhythm as the people file writes it (:func:`rhythm_text`), said in the language ghw speaks."""
    rhythm = parse_rhythm(text)
    if rhythm is None:
        return text
    count, unit = rhythm
    if unit == "never":
        return _("never")
    said = {"day": ngettext("every day", "every {n} days", count),
            "week": ngettext("every week", "every {n} weeks", count),
            "month": ngettext("every month", "every {n} months", count),
            "year": ngettext("every year", "every {n} years", count)}
    return said[unit].format(n=count)


@lru_cache(maxsize=4)
def _said(language: str) -> dict[str, tuple[int, str]]:
    """Every rhythm as ``language`` says it, lower-cased, to read one typed in that language (``language`` keys
    the cache)."""
    said = {_("never").lower(): (0, "never")}
    for unit in ("day", "week", "month", "year"):
        for count in range(1, 367):
            said.setdefault(" ".join(rhythm_words(rhythm_text((count, unit))).lower().split()), (count, unit))
    return said


def offset(rhythm: tuple[int, str]) -> pd.DateOffset:
    count, unit = rhythm
    return pd.DateOffset(**{f"{unit}s": count})


def load_people(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check a people file; a missing file holds nothing.

    Returns
    -------
    DataFrame with ``person`` and ``relationship`` (one of them set on each
    row), ``every`` (the rhythm, written the one way ghw writes it, or
    missing) and ``private`` (bool). Problems raise :class:`ValidationError`
    naming the line, the column and the value.
    """
    path = Path(path or people_path())
    header, rows = rules.read_rows(path, _("people file"))
    if header and not {"person", "relationship"} & set(header):
        raise GhwError(_("{path}, line 1: the people file needs a person or a relationship column; its first line "
                         "should be: {header}").format(path=path, header=",".join(PEOPLE_COLUMNS)))
    return rules.table(rules.check_rows(rows, _check_row, source=str(path), across=_twice), _RULES)


_PRIVATE = {**dict.fromkeys(("no", "n", "false", "0"), False),
            **dict.fromkeys(("yes", "y", "true", "1", "x", "private"), True)}

# Each column's rule (docs/people-format.md); a person's name, and which of person and relationship is given,
# are checked in :func:`_check_row`.
_RULES = {
    "person": rules.Rule(rules.text, ""),
    "relationship": schema.RULES["relationship"],
    "every": rules.Rule(lambda text: rhythm_text(rhythm) if (rhythm := parse_rhythm(text)) else rules.INVALID,
                        RHYTHM_PROBLEM),
    "private": rules.Rule(lambda text: _PRIVATE.get(text.lower(), rules.INVALID), _("must be yes or no (empty is no)"),
                          "bool"),
}


def _check_row(values: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """One row of the people file, checked: (typed row, problems as (column, value, problem))."""
    row, problems = rules.check(values, _RULES)
    person = row["person"] or ""
    relationship = str(values.get("relationship") or "").strip()
    if person:
        try:
            row["person"] = check(person, _("The person"))
        except GhwError as exc:
            problems.append(("person", short(person), str(exc)))
    if bool(person) == bool(relationship):
        problems.append(("person", person, _("name a person or a kind of relationship (one of the two) on each row")))
    row["private"] = bool(row["private"])
    if row["private"] and not person:
        problems.append(("private", str(values.get("private") or ""),
                         _("only a person can be private, not a kind of relationship")))
    return row, problems


def _twice(rows: list[tuple[int, dict]]) -> list[tuple[int, str, str, str]]:
    """A person (by :func:`key`) or a kind of relationship given on more than one row."""
    problems, seen = [], {}
    for line, row in rows:
        who = ("person", key(row["person"])) if row["person"] else ("relationship", row["relationship"])
        if who[1] is None:
            continue
        if who in seen:
            problems.append((line, who[0], row[who[0]], _("appears twice (also on line {line})").format(line=seen[who])))
        seen.setdefault(who, line)
    return problems


def update(path: Path, who: dict, changes: dict) -> None:
    """Set ``changes`` on the row for ``who`` (``{"person": name}`` or ``{"relationship": kind}``), adding the
    row if needed; rows left with nothing to say are dropped. Columns the user added are kept."""
    [(column, value)] = who.items()

    def change(rows: list[dict]) -> list[dict]:
        match = next((r for r in rows if _is_row_for(r, column, value)), None)
        if match is None:
            rows.append(match := {column: value})
        match.update(changes)
        return [r for r in rows if any((v or "").strip() for c, v in r.items() if c not in ("person", "relationship"))]

    with storage.locked(path):
        load_people(path)  # a file with problems is said first, never rewritten
        sidefiles.rewrite(path, _("people file"), PEOPLE_COLUMNS, change)


def _is_row_for(row: dict, column: str, value: str) -> bool:
    person, kind = (row.get("person") or "").strip(), (row.get("relationship") or "").strip()
    if column == "person":
        return bool(person) and key(person) == key(value)
    return not person and bool(kind) and schema.parse("relationship", kind) == value


def set_rhythm(path: str | os.PathLike | None, who: str, every: str | None, *, kind: bool = False) -> str | None:
    """Wish for a rhythm with a person (or, with ``kind=True``, with every person of a kind of relationship).

    ``every`` is text like "every 2 weeks", "monthly" or "never" (no
    reminders at all); None or "" forgets the wish, so the person's own usual
    gap counts again. Returns the rhythm as written to the file.
    """
    path = Path(path or people_path())
    if kind:
        target = schema.parse("relationship", str(who))
        if target is None:
            raise GhwError(_("{kind} is not a kind of relationship; the kinds are: {kinds}.").format(
                kind=repr(who), kinds=", ".join(schema.RELATIONSHIPS)))
    else:
        target = check(who)
    text = ""
    if every:
        rhythm = parse_rhythm(every)
        if rhythm is None:
            raise ValidationError.from_rows([("every", str(every), RHYTHM_PROBLEM)], source=_("This rhythm"))
        text = rhythm_text(rhythm)
    update(path, {"relationship" if kind else "person": target}, {"every": text})
    return text or None


def set_private(path: str | os.PathLike | None, person: str, private: bool = True) -> None:
    """Mark a person private (left out of every export, even under a pseudonym), or not."""
    update(Path(path or people_path()), {"person": check(person)}, {"private": "yes" if private else ""})


def private_names(settings: pd.DataFrame | None, names: Iterable[str]) -> set[str]:
    """Which of ``names`` (as the journal writes them) belong to a person marked private, by :func:`key`."""
    if settings is None or settings.empty:
        return set()
    hidden = {key(p) for p in settings.loc[settings["private"], "person"].dropna()}
    return {n for n in names if isinstance(n, str) and key(n) in hidden}

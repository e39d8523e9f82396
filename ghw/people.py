"""The people in a journal: a ledger of who they are to you, who is due, and tidy names.

Everything here is read from the journal, except what only the user can
say: a wished-for rhythm for a person or a kind of relationship ("every 2
weeks"), and whether a person is private (never in any export). Those live
in ``people.csv`` beside the journal (see ``docs/people-format.md``),
written only through :mod:`ghw.storage`.

The ledger notices; it never scores. Nothing here ranks people by how your
days went with them, and balances (who reaches out, who supports whom) are
information, not verdicts.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import journal, paths, rules, schema, sidefiles, storage, vocabulary
from .errors import GhwError, ValidationError
from .folder import JournalFolder
from .names import key

__all__ = [
    "PEOPLE_COLUMNS",
    "MAX_NAME",
    "key",
    "people_path",
    "file_for",
    "load_people",
    "parse_rhythm",
    "set_rhythm",
    "set_private",
    "private_names",
    "usual_relationships",
    "ledger",
    "schedule",
    "overdue",
    "duplicates",
    "variety",
    "person",
    "describe",
    "due_words",
    "describe_variety",
    "closeness_trend",
    "Renamed",
    "rename",
    "undo_rename",
    "restore",
    "find",
]

PEOPLE_COLUMNS = ("person", "relationship", "every", "private")
MAX_NAME = 200  # characters in a name ghw writes; longer names already in a journal are still read
MIN_CONTACTS = 3  # days of contact before a person has a "usual" gap
MIN_TREND = 8  # rated contacts before ghw says whether closeness is rising or falling
_LEEWAY = 1.5  # without a wish, a person is due after one and a half usual gaps
_LAST_DAY = pd.Timestamp("9999-12-31")  # the last day a date can be written as YYYY-MM-DD


# -- names -----------------------------------------------------------------------

def _check_name(name: str, what: str = "The name") -> str:
    """A name ghw may write: stripped, one line, not too long."""
    name = str(name).strip()
    if not key(name):
        raise GhwError(f"{what} is empty; give a name, a nickname or initials.")
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise GhwError(f"{what} holds a line break or a control character; write it on one line.")
    if len(name) > MAX_NAME:
        raise GhwError(f"{what} has {len(name):,} characters; ghw keeps names to {MAX_NAME}. Use a shorter name "
                       "or initials.")
    return name


def _named(entries: pd.DataFrame) -> pd.DataFrame:
    return entries.loc[entries["person"].notna() & entries["relationship"].notna()]


def find(entries: pd.DataFrame, name: str) -> str:
    """The name as the journal writes it: exactly, or else the one name with the same :func:`key`.

    An unknown name is a :class:`GhwError` that suggests the closest names.
    """
    names = pd.unique(_named(entries)["person"])
    wanted = str(name).strip()
    if wanted in names:
        return wanted
    same = [n for n in names if key(n) == key(wanted)]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        raise GhwError(f"Several people are written like {_short(wanted)!r}: "
                       f"{', '.join(repr(_short(n)) for n in same)}. Give one exactly as written.")
    close = difflib.get_close_matches(key(wanted), [key(n) for n in names], n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(n) for n in names if key(n) in close)}?" if close else ""
    raise GhwError(f"No one called {_short(wanted)!r} is in the journal.{hint}")


def _short(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


# -- the people file --------------------------------------------------------------

def people_path(journal_file: str | os.PathLike | None = None) -> Path:
    """``people.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal_file).people


def file_for(opened: journal.Journal) -> Path:
    """The people file that goes with an opened journal: the sample's while it shows the sample."""
    return JournalFolder(opened.path, sample=opened.is_sample).source("people")


_WORDS = {"daily": "every day", "weekly": "every week", "fortnightly": "every 2 weeks", "bi weekly": "every 2 weeks",
          "monthly": "every month", "quarterly": "every 3 months", "yearly": "every year", "annually": "every year"}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_RHYTHM = re.compile(r"(?:every|each)\s+(?:(\d+|[a-z]+)\s+)?(day|week|month|year)s?")
_NEVER = ("never", "no reminders", "none")
_RHYTHM_PROBLEM = ("is not a rhythm ghw understands; write it like 'every week', 'every 2 weeks', 'monthly', "
                  "'every 10 days' or 'never'")


def parse_rhythm(text: str) -> tuple[int, str] | None:
    """A rhythm as ``(count, unit)``: "every 2 weeks" is ``(2, "week")``, "never" is ``(0, "never")``.

    Returns None for text that is not a rhythm.
    """
    text = " ".join(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", str(text).lower()).split())  # "bi-weekly", "every-week"
    text = _WORDS.get(text, text)
    if text in _NEVER:
        return 0, "never"
    found = _RHYTHM.fullmatch(text)
    if not found:
        return None
    number = found[1] or "1"
    count = int(number) if number.isdigit() else _NUMBERS.get(number)
    if count is None or not 1 <= count <= 366:
        return None
    return count, found[2]


def _rhythm_text(rhythm: tuple[int, str]) -> str:
    count, unit = rhythm
    if unit == "never":
        return "never"
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


def _offset(rhythm: tuple[int, str]) -> pd.DateOffset:
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
    header, rows = rules.read_rows(path, "people file")
    if header and not {"person", "relationship"} & set(header):
        raise GhwError(f"{path}, line 1: the people file needs a person or a relationship column; its first line "
                       f"should be: {','.join(PEOPLE_COLUMNS)}")
    return rules.table(rules.check_rows(rows, _check_row, source=str(path), across=_twice), _RULES)


_PRIVATE = {**dict.fromkeys(("no", "n", "false", "0"), False),
            **dict.fromkeys(("yes", "y", "true", "1", "x", "private"), True)}
# Each column's rule (docs/people-format.md); a person's name, and which of person and relationship is given,
# are checked in :func:`_check_row`.
_RULES = {
    "person": rules.Rule(rules.text, ""),
    "relationship": schema.RULES["relationship"],
    "every": rules.Rule(lambda text: _rhythm_text(rhythm) if (rhythm := parse_rhythm(text)) else rules.INVALID,
                        _RHYTHM_PROBLEM),
    "private": rules.Rule(lambda text: _PRIVATE.get(text.lower(), rules.INVALID), "must be yes or no (empty is no)",
                          "bool"),
}


def _check_row(values: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """One row of the people file, checked: (typed row, problems as (column, value, problem))."""
    row, problems = rules.check(values, _RULES)
    person = row["person"] or ""
    relationship = str(values.get("relationship") or "").strip()
    if person:
        try:
            row["person"] = _check_name(person, "The person")
        except GhwError as exc:
            problems.append(("person", _short(person), str(exc)))
    if bool(person) == bool(relationship):
        problems.append(("person", person, "name a person or a kind of relationship (one of the two) on each row"))
    row["private"] = bool(row["private"])
    if row["private"] and not person:
        problems.append(("private", str(values.get("private") or ""),
                         "only a person can be private, not a kind of relationship"))
    return row, problems


def _twice(rows: list[tuple[int, dict]]) -> list[tuple[int, str, str, str]]:
    """A person (by :func:`key`) or a kind of relationship given on more than one row."""
    problems, seen = [], {}
    for line, row in rows:
        who = ("person", key(row["person"])) if row["person"] else ("relationship", row["relationship"])
        if who[1] is None:
            continue
        if who in seen:
            problems.append((line, who[0], row[who[0]], f"appears twice (also on line {seen[who]})"))
        seen.setdefault(who, line)
    return problems


def _update(path: Path, who: dict, changes: dict) -> None:
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
        sidefiles.rewrite(path, "people file", PEOPLE_COLUMNS, change)


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
            raise GhwError(f"{who!r} is not a kind of relationship; the kinds are: {', '.join(schema.RELATIONSHIPS)}.")
    else:
        target = _check_name(who)
    text = ""
    if every:
        rhythm = parse_rhythm(every)
        if rhythm is None:
            raise ValidationError.from_rows([("every", str(every), _RHYTHM_PROBLEM)], source="This rhythm")
        text = _rhythm_text(rhythm)
    _update(path, {"relationship" if kind else "person": target}, {"every": text})
    return text or None


def set_private(path: str | os.PathLike | None, person: str, private: bool = True) -> None:
    """Mark a person private (left out of every export, even under a pseudonym), or not."""
    _update(Path(path or people_path()), {"person": _check_name(person)}, {"private": "yes" if private else ""})


def private_names(settings: pd.DataFrame | None, names: Iterable[str]) -> set[str]:
    """Which of ``names`` (as the journal writes them) belong to a person marked private, by :func:`key`."""
    if settings is None or settings.empty:
        return set()
    hidden = {key(p) for p in settings.loc[settings["private"], "person"].dropna()}
    return {n for n in names if isinstance(n, str) and key(n) in hidden}


# -- the ledger -------------------------------------------------------------------

def usual_relationships(entries: pd.DataFrame) -> dict[str, str]:
    """Each named person's most frequent kind of relationship (the latest one on a tie)."""
    named = _named(entries)[["date", "person", "relationship"]]
    if named.empty:
        return {}
    counts = named.groupby(["person", "relationship"]).agg(n=("date", "size"), last=("date", "max")).reset_index()
    best = counts.sort_values(["n", "last"]).groupby("person").tail(1)
    return dict(zip(best["person"], best["relationship"]))


def _contact_days(entries: pd.DataFrame) -> pd.DataFrame:
    """Per person: days of contact, first and last, and the usual gap (median days between contact days)."""
    days = _named(entries)[["person", "date"]].drop_duplicates().sort_values("date")
    gaps = days.groupby("person")["date"].diff().dt.days
    grouped = days.groupby("person")["date"]
    return pd.DataFrame({
        "days": grouped.size(),
        "first_contact": grouped.min(),
        "last_contact": grouped.max(),
        "usual_gap": gaps.groupby(days["person"]).median(),
    })


def ledger(entries: pd.DataFrame, settings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person, the most recently seen first.

    Returns
    -------
    DataFrame with columns ``person``; ``relationship`` (their usual kind);
    ``first_contact`` and ``last_contact``; ``contacts`` (connections logged)
    and ``days`` (days with one); ``usual_gap`` (median days between contact
    days, from 2 days on); ``channels`` (how you connected, most used first);
    ``quality`` (mean of how connected you felt, 1-5), ``quality_n`` and
    ``trend`` (:func:`closeness_trend`: ``rising``, ``falling``,
    ``unclear`` or ``same``, from :data:`MIN_TREND` rated contacts);
    ``me``, ``them`` and ``mutual`` (who reached out) with
    ``reaching`` (``me``, ``them``, ``mutual`` or ``even``); ``gave``,
    ``received`` and ``both`` (support) with ``support_balance``
    (``gave``, ``received``, ``both`` or ``even``); ``every`` (the wished
    rhythm that applies, if any) and ``private``.
    """
    named = _named(entries)
    if named.empty:
        return pd.DataFrame(columns=_LEDGER_COLUMNS)
    contact = _contact_days(named)
    grouped = named.groupby("person")
    table = contact.assign(
        relationship=pd.Series(usual_relationships(named)),
        contacts=grouped.size(),
        channels=grouped["channel"].agg(lambda s: ", ".join(s.value_counts().index)),
        quality=grouped["quality"].mean().astype("float64"),
        quality_n=grouped["quality"].count(),
    )
    table["trend"] = pd.Series({p: closeness_trend(g) for p, g in grouped[["date", "quality"]]}, dtype="str")
    reached = pd.crosstab(named["person"], named["initiated_by"]).reindex(columns=list(schema.INITIATED_BY), fill_value=0)
    support = pd.crosstab(named["person"], named["support"]).reindex(columns=["gave", "received", "both"], fill_value=0)
    table = table.join(reached).join(support).fillna({c: 0 for c in (*reached.columns, *support.columns)})
    table["reaching"] = [_balance(r.me, r.them, r.mutual, ("me", "them", "mutual")) for r in table.itertuples()]
    table["support_balance"] = [_balance(r.gave, r.received, r.both, ("gave", "received", "both"))
                                for r in table.itertuples()]
    wishes = _wishes(table, settings)
    table["every"] = pd.Series({p: _rhythm_text(w) for p, w in wishes.items()}, dtype="str")
    table["private"] = table.index.isin(list(private_names(settings, table.index)))
    table = table.rename_axis("person").reset_index().sort_values(["last_contact", "person"], ascending=[False, True])
    return table[_LEDGER_COLUMNS].reset_index(drop=True)


_LEDGER_COLUMNS = ["person", "relationship", "first_contact", "last_contact", "contacts", "days", "usual_gap",
                   "channels", "quality", "quality_n", "trend", "me", "them", "mutual", "reaching", "gave", "received",
                   "both", "support_balance", "every", "private"]


def closeness_trend(rated: pd.DataFrame) -> str | None:
    """Whether how connected you felt with someone rose or fell over time, as a code; None with too few ratings.

    ``rated`` holds one person's ``date`` and ``quality``. The slope of the
    ratings on the date is judged by :func:`ghw.change.trend`, which allows
    for closeness carrying over between nearby days (ratings on one day are
    averaged first). ``rising`` or ``falling`` only when the slope is clear
    (:func:`ghw.inference.clear`); ``unclear`` when it is not; ``same`` when
    every rating so far is the same; None below :data:`MIN_TREND` ratings,
    or when no slope could be clear on so few days.
    """
    from . import change, inference

    rated = rated.dropna()
    found = change.trend(rated.set_index("date")["quality"], min_n=MIN_TREND)
    if found["status"] == "no_variation":
        return "same"
    if found["status"] != "ok":
        return None
    if not inference.clear(found):
        return "unclear"
    return "rising" if found["estimate"] > 0 else "falling"


def _balance(mine: float, theirs: float, shared: float, codes: tuple[str, str, str]) -> str | None:
    """Which way an exchange leans, from at least 3 known cases: mostly shared, two thirds or more one way, or even."""
    total = mine + theirs + shared
    if total < 3:
        return None
    if 2 * shared > total or mine + theirs == 0:
        return codes[2]
    share = mine / (mine + theirs)
    return codes[0] if share >= 2 / 3 else codes[1] if share <= 1 / 3 else "even"


def _wishes(contact: pd.DataFrame, settings: pd.DataFrame | None,
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


# -- who is due -------------------------------------------------------------------

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
    named = _named(entries)
    contact = _contact_days(named).assign(relationship=pd.Series(usual_relationships(named), dtype="str"))
    wishes = _wishes(contact, settings, min_contacts)
    rows = []
    for person, row in contact.iterrows():
        wish = wishes.get(person)
        if wish is not None and wish[1] == "never":
            continue
        try:
            if wish is not None:
                due = row["last_contact"] + _offset(wish)
                gap = (due - row["last_contact"]).days
            elif row["days"] >= min_contacts and pd.notna(row["usual_gap"]):
                gap = row["usual_gap"]
                due = row["last_contact"] + pd.Timedelta(days=math.floor(_LEEWAY * gap) + 1)
            else:
                continue
        except (ValueError, OverflowError):  # due after the year 9999: not on any calendar ghw keeps
            continue
        if due > _LAST_DAY:
            continue
        rows.append({"person": person, "relationship": row["relationship"], "last_contact": row["last_contact"],
                     "usual_gap": row["usual_gap"], "every": _rhythm_text(wish) if wish else None,
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


def due_words(row) -> str:
    """How long since the last contact, beside the rhythm that applies: "31 days; you wished for every 2 weeks"."""
    if isinstance(row.every, str):
        return f"{vocabulary.days(row.days_since)}; you wished for {row.every}"
    return f"{vocabulary.days(row.days_since)}; usually every {vocabulary.days(row.gap)}"


# -- one person ---------------------------------------------------------------------

def person(entries: pd.DataFrame, name: str, settings: pd.DataFrame | None = None) -> dict:
    """Everything the page of one person shows (``name`` as :func:`find` gives it).

    Returns a dict: ``ledger`` (their :func:`ledger` row), ``schedule``
    (their :func:`schedule` row, or None), ``mood`` (their row of
    :func:`ghw.findings.mood_by.mood_by` by person, or None), ``today`` (the
    journal's last day) and ``recent`` (their last 5 connections).
    """
    from .findings import Data
    from .findings.mood_by import mood_by

    rows = ledger(entries, settings)
    row = rows.loc[rows["person"] == name]
    if row.empty:
        raise GhwError(f"No one called {_short(name)!r} is in the journal.")
    due = schedule(entries, settings)
    due = due.loc[due["person"] == name]
    mood = mood_by(Data(entries), "person")
    mood = mood.loc[mood["group"] == name]
    theirs = _named(entries).loc[lambda e: e["person"] == name].sort_values(["date", "time"], na_position="first")
    return {"ledger": row.iloc[0].to_dict(), "schedule": None if due.empty else due.iloc[0].to_dict(),
            "mood": None if mood.empty else mood.iloc[0].to_dict(), "today": entries["date"].max(),
            "recent": theirs.tail(5).iloc[::-1]}


def describe(page: dict) -> list[str]:
    """A :func:`person` page in plain sentences, the name first."""
    from .findings._base import sentence_for_status

    row, name = page["ledger"], page["ledger"]["person"]
    lines = [f"{name} ({row['relationship']})"]
    # A usual gap is said only once it is one (MIN_CONTACTS days), as the rhythm below counts it.
    usual = pd.notna(row["usual_gap"]) and row["days"] >= MIN_CONTACTS
    gap = f"; usually every {vocabulary.days(row['usual_gap'])}" if usual else ""
    lines.append(f"Contacts: {vocabulary.count(int(row['contacts']), 'connection')} on "
                 f"{vocabulary.count(int(row['days']), 'day')}, from {row['first_contact'].date()} to "
                 f"{row['last_contact'].date()}{gap}.")
    lines.append("How: " + ", ".join(vocabulary.CHANNEL_WORDS.get(c, c) for c in row["channels"].split(", ") if c)
                 + "." if row["channels"] else "How: not logged.")
    if row["quality_n"]:
        trend = vocabulary.BALANCE["trend"].get(row["trend"]) if isinstance(row["trend"], str) else None
        lines.append(f"How connected you felt: {row['quality']:.1f} of 5 on average "
                     f"({row['quality_n']} rated)" + (f", {trend}." if trend else
                                                    f"; too few ratings to see a direction ({MIN_TREND} needed)."
                                                    if row["quality_n"] < MIN_TREND else
                                                    "; too few days with a rating to see a direction yet."))
    if isinstance(row["reaching"], str):
        lines.append(f"Who reached out: {vocabulary.BALANCE['reaching'][row['reaching']]} "
                     f"(you {row['me']:.0f}, them {row['them']:.0f}, both {row['mutual']:.0f}).")
    if isinstance(row["support_balance"], str):
        lines.append(f"Support: {vocabulary.BALANCE['support'][row['support_balance']]} "
                     f"(you gave {row['gave']:.0f}, received {row['received']:.0f}, both ways {row['both']:.0f}).")
    due = page["schedule"]
    if isinstance(row["every"], str) and row["every"] == "never":
        lines.append("Rhythm: never; no reminders for them.")
    elif due is None and isinstance(row["every"], str):
        lines.append(f"Rhythm: you wished for {row['every']}; that falls after the last day a date can be written "
                     f"({_LAST_DAY.date()}).")
    elif due is None:
        lines.append(f"Rhythm: none wished, and too few contacts for a usual gap ({MIN_CONTACTS} days needed).")
    else:
        wish = f"you wished for {due['every']}" if isinstance(due["every"], str) else \
            f"none wished, so their usual gap with some leeway (every {vocabulary.days(due['gap'])})"
        when = (f"due since {due['due_on'].date()}" if due["due_on"] <= page["today"]
                else f"due on {due['due_on'].date()}")
        lines.append(f"Rhythm: {wish}; {when}, counted from the last contact.")
    mood = page["mood"]
    if mood is None:
        lines.append("Mood with them: no days to compare yet.")
    elif mood["status"] != "ok":
        lines.append(sentence_for_status({**mood, "n": mood["days_with" if mood["status"] == "too_few_with"
                                                          else "days_without"]}, f"Mood on days with {name}"))
    else:
        clear = mood["ci_low"] > 0 or mood["ci_high"] < 0
        how = ("higher" if mood["diff"] > 0 else "lower") if clear else "no clear difference"
        lines.append(f"Mood on days with {name}: {mood['mood_with']:.1f} on average, against {mood['mood_without']:.1f} "
                     f"on other logged days: {how} (difference {mood['diff']:+.1f}, 95% interval "
                     f"{mood['ci_low']:+.1f} to {mood['ci_high']:+.1f}; {vocabulary.count(int(mood['days_with']), 'day')}"
                     f" with, {int(mood['days_without'])} without; exploratory, as one of many people compared).")
    lines.append("Good days also make people easier to see: a link between your days and them is not proof that "
                 "one causes the other. Balances are information, not verdicts.")
    if row["private"]:
        lines.append("Private: left out of every summary and export, even under a pseudonym.")
    return lines


def describe_variety(table: pd.DataFrame) -> str:
    """The :func:`variety` table in one or two sentences."""
    info = table.attrs
    if not info or info["kinds"] == 0:
        return f"No connections in the last {info.get('weeks', 4)} weeks."
    even = info["evenness"]
    how = ("" if np.isnan(even) else
           f", {'fairly evenly spread' if even >= 0.8 else 'some much more than others' if even < 0.5 else 'unevenly spread'}"
           f" (evenness {even:.2f} of 1)")
    text = (f"In the last {info['weeks']} weeks: {vocabulary.count(info['kinds'], 'kind')} of relationship{how}.")
    missing = table.loc[table["missing"]]
    if len(missing):
        text += " Missing lately: " + ", ".join(f"{r.relationship} (last {r.last_contact.date()})"
                                                for r in missing.itertuples(index=False)) + "."
    return text


# -- tidy names -------------------------------------------------------------------

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
    named = _named(entries)
    if named.empty:
        return pd.DataFrame(columns=columns)
    contact = _contact_days(named).assign(relationship=pd.Series(usual_relationships(named)))
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
        return "written the same apart from case, accents, punctuation or spaces"
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and (long.startswith(short + " ") or (long.startswith(short) and len(short) >= 3)):
        return "one name begins the other"
    if min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
        return "spelled almost alike"
    return None


@dataclass(frozen=True)
class Renamed:
    """What :func:`rename` changed, enough to undo it with :func:`undo_rename`."""

    old: str
    new: str
    merged: bool
    previous: pd.Series  # the person column as it was, for the entries changed, indexed by id
    settings_before: dict  # people.csv rows for old and new before the rename ({"old": row or None, "new": ...})

    @property
    def count(self) -> int:
        return len(self.previous)


def rename(path: str | os.PathLike | None, old: str, new: str, *, merge: bool = False) -> Renamed:
    """Call ``old`` by ``new`` in every entry (the person column), atomically and after a backup.

    When ``new`` is already someone in the journal, their entries would merge:
    that happens only with ``merge=True``; without it a :class:`GhwError`
    asks. ``old`` is matched as the journal writes it, ignoring spaces around
    it (so "sam " is renamed with "sam"). A wished rhythm and a private mark
    go with the person to the new name (a merge keeps the new name's rhythm,
    and is private if either was). A private mark also stays on the old name,
    for the entries an older backup (``ghw restore``) would put back and for
    other spellings of it the journal still holds: a private person never
    becomes public by a rename, a restore or a crash at any point. The old
    name's rhythm is forgotten once no entry is written with it.
    ``people.csv`` learns the new name before the journal changes.
    """
    path = Path(path) if path else paths.journal_path()
    entries, _ = journal.check(path)  # lines with problems elsewhere do not stop a rename
    old = find(entries, old)
    new = _check_name(new, "The new name")
    names = set(_named(entries)["person"])
    if new == old:
        raise GhwError(f"{_short(old)!r} is already written that way; nothing to change.")
    exists = new in names
    if exists and not merge:
        raise GhwError(f"{_short(new)!r} is already someone in your journal. Renaming {_short(old)!r} would merge the "
                       "two into one person; say so to go ahead (ghw people rename OLD NEW --merge).")
    home = people_path(path)
    settings = load_people(home) if home.exists() else pd.DataFrame(columns=list(PEOPLE_COLUMNS))
    before = {side: _row_for(settings, name) for side, name in (("old", old), ("new", new))}
    combined = _combine(before["old"], before["new"])
    if combined is not None and key(old) != key(new):
        _update(home, {"person": new}, combined)
    previous = journal.replace_values(path, "person", lambda column: pd.Series(
        new, index=column.index[(column.str.strip() == old).to_numpy()], dtype="str"))
    left = journal.check(path)[0]["person"].dropna()
    if (before["old"] is not None and key(old) != key(new) and isinstance(before["old"].get("every"), str)
            and not (left.map(key) == key(old)).any()):
        _update(home, {"person": old}, {"every": ""})
    return Renamed(old, new, exists, previous, before)


def _row_for(settings: pd.DataFrame, name: str) -> dict | None:
    rows = settings.loc[settings["person"].map(lambda p: isinstance(p, str) and key(p) == key(name))]
    return None if rows.empty else rows.iloc[0].to_dict()


def _combine(old: dict | None, new: dict | None) -> dict | None:
    """The settings a renamed person keeps: the new name's rhythm first, private if either was."""
    if old is None:
        return None
    every = (new or {}).get("every") if isinstance((new or {}).get("every"), str) else old.get("every")
    private = bool(old.get("private")) or bool((new or {}).get("private"))
    return {"every": every if isinstance(every, str) else "", "private": "yes" if private else ""}


def undo_rename(path: str | os.PathLike | None, renamed: Renamed) -> int:
    """Put back the names a :func:`rename` changed (entries added since are left alone); return how many.

    The journal is put back first and ``people.csv`` after, so an undo cut
    short leaves the merged person private as long as any entry of a private
    person is under their name.
    """
    path = Path(path) if path else paths.journal_path()
    count = len(journal.replace_values(path, "person", lambda column: _still_named(renamed.previous, column,
                                                                                   renamed.new)))
    before = renamed.settings_before
    if before["old"] is not None:  # the rename moved settings: put both names' rows back as they were
        home = people_path(path)
        for name, row in ((renamed.old, before["old"]), (renamed.new, before["new"])):
            values = {"every": "", "private": ""} if row is None else {
                "every": row["every"] if isinstance(row["every"], str) else "", "private": "yes" if row["private"] else ""}
            _update(home, {"person": name}, values)
    return count


def restore(path: str | os.PathLike | None, backup: str | os.PathLike) -> list[str]:
    """Put a backup of the journal back (:func:`ghw.journal.restore`), keeping private whoever is private now.

    An entry that is a private person's now stays a private person's: when
    the backup writes it under a name that is not marked private (the name
    before a rename, or the person a merge put it under), that name is
    marked private in ``people.csv`` first. Returns the names so marked.
    """
    path = Path(path) if path else paths.journal_path()
    home = people_path(path)
    settings = load_people(home) if home.exists() else None
    now, _ = journal.check(path) if path.exists() else (pd.DataFrame(columns=["id", "person"]), None)
    theirs = set(now.loc[now["person"].isin(private_names(settings, now["person"].dropna().unique())), "id"])
    marked = []
    if theirs:
        if journal.unreadable(backup) is None:
            then, _ = journal.check(backup)
            names = then.loc[then["id"].isin(theirs), "person"].dropna().unique()
            marked = sorted(set(names) - private_names(settings, names))
            for name in marked:
                set_private(home, name)
    journal.restore(path, backup)
    return marked


def _still_named(previous: pd.Series, column: pd.Series, name: str) -> pd.Series:
    """``previous`` (text by ``(row, id)``) for the entries of ``column`` still written ``name``.

    An entry is found at its place; one that moved (an entry above it was
    deleted since) is found by its id, when exactly one entry has that id.
    """
    named = set(column.index[(column.str.strip() == name).to_numpy()])
    ids = column.index.get_level_values("id")
    counts = ids.value_counts()
    unique = {place[1]: place for place in column.index if counts[place[1]] == 1}
    found = {}
    for place, text in previous.items():
        place = place if place in named else unique.get(place[1])
        if place in named:
            found[place] = text
    index = pd.MultiIndex.from_tuples(list(found), names=column.index.names) if found else column.index[:0]
    return pd.Series(list(found.values()), index=index, dtype="str")


# -- variety ----------------------------------------------------------------------

def variety(entries: pd.DataFrame, *, weeks: int = 4, today=None) -> pd.DataFrame:
    """The mix of kinds of relationship in the last ``weeks`` weeks, beside the kinds seen before.

    ``today`` defaults to the last day in the journal.

    Returns
    -------
    DataFrame with one row per kind ever logged: ``relationship``,
    ``connections`` (in the window), ``share`` (of the window's connections),
    ``last_contact`` (ever) and ``missing`` (logged before, not in the
    window). Its ``attrs`` hold ``kinds`` (kinds in the window), ``evenness``
    (Pielou's: Shannon entropy over ln(kinds), 1 when perfectly even; missing
    below two kinds), ``weeks`` and ``start``.
    """
    from scipy.stats import entropy

    connections = entries.loc[entries["relationship"].notna(), ["date", "relationship"]]
    today = pd.Timestamp(today) if today is not None else (entries["date"].max() if len(entries) else pd.Timestamp.today())
    start = today.normalize() - pd.Timedelta(weeks=weeks) + pd.Timedelta(days=1)
    recent = connections.loc[(connections["date"] >= start) & (connections["date"] <= today)]
    counts = recent["relationship"].value_counts()
    last = connections.groupby("relationship")["date"].max()
    table = pd.DataFrame({"relationship": last.index, "last_contact": last.to_numpy()})
    table["connections"] = table["relationship"].map(counts).fillna(0).astype("int64")
    total = table["connections"].sum()
    table["share"] = table["connections"] / total if total else 0.0
    table["missing"] = table["connections"] == 0
    table = table.sort_values(["connections", "last_contact"], ascending=False).reset_index(drop=True)
    table = table[["relationship", "connections", "share", "last_contact", "missing"]]
    present = counts.to_numpy(dtype="float64")
    table.attrs = {"kinds": int(len(counts)), "weeks": weeks, "start": start,
                   "evenness": float(entropy(present) / np.log(len(present))) if len(present) >= 2 else np.nan}
    return table

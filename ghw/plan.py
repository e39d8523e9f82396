"""Monthly connection intentions: the plan file, suggestions and progress.

The plan is a small CSV beside the journal (``plan.csv``; see
``docs/plan-format.md``), one row per intention: in which month, what, and
optionally with whom or with which kind of relationship, how many times.
Progress is counted from the journal, so nothing needs ticking off.
"""

from __future__ import annotations

import calendar
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from . import catalogue, findings, people, rules, schema, sidefiles, storage
from .errors import EntryNotFound, GhwError, ValidationError
from .folder import JournalFolder

__all__ = ["PLAN_COLUMNS", "plan_path", "load_plan", "add", "remove", "progress", "matches", "suggestions", "month_range"]

PLAN_COLUMNS = ("id", "month", "what", "person", "relationship", "times")
MAX_TIMES = 31
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_MONTH_PROBLEM = "must be a month written as YYYY-MM, like 2026-11"
# Each column's rule (docs/plan-format.md).
_RULES = {
    "id": rules.Rule(rules.text, ""),
    "month": rules.Rule(lambda text: text if _MONTH.fullmatch(text) else rules.INVALID, _MONTH_PROBLEM,
                        required=_MONTH_PROBLEM),
    "what": rules.Rule(rules.text, "", required="is required: say what you intend to do"),
    "person": rules.Rule(rules.text, ""),
    "relationship": schema.RULES["relationship"],
    "times": rules.Rule(rules.integer(1, MAX_TIMES), f"must be a whole number from 1 to {MAX_TIMES}", "Int64",
                        default="1"),
}


def plan_path(journal: str | os.PathLike | None = None) -> Path:
    """``plan.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal).plan


def load_plan(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check a plan; a missing file is an empty plan."""
    return rules.table(rules.load(path or plan_path(), "plan", PLAN_COLUMNS, _check), _RULES)


def add(path: str | os.PathLike | None, intention: Mapping) -> dict:
    """Add one intention (``month``, ``what``, optional ``person``, ``relationship``, ``times``)."""
    path = Path(path or plan_path())
    values = {k: "" if v is None else str(v) for k, v in intention.items()}
    values["id"] = values.get("id") or secrets.token_hex(6)
    values.setdefault("times", "1")
    checked, problems = _check(values)
    if problems:
        raise ValidationError.from_rows(problems, source="This intention")
    with storage.locked(path):
        sidefiles.append(path, "plan", PLAN_COLUMNS, [checked])
    return checked


def remove(path: str | os.PathLike | None, intention_id: str) -> None:
    """Remove one intention; the previous plan is kept in ``backups/``."""
    path = Path(path or plan_path())
    with storage.locked(path):
        plan = load_plan(path)
        [position] = _places(plan, intention_id, path)
        sidefiles.rewrite(path, "plan", PLAN_COLUMNS, lambda rows: rows[:position] + rows[position + 1:])


def _places(plan: pd.DataFrame, intention_id: str, path: Path) -> list[int]:
    """The position of the one intention with ``intention_id``; none, or a copied id, is said plainly."""
    places = [i for i, value in enumerate(plan["id"]) if value == str(intention_id).strip()]
    if not places:
        raise EntryNotFound(f"No intention has the id {intention_id!r} in {path}.")
    if len(places) > 1:
        lines = " and ".join(str(i + 2) for i in places)
        raise GhwError(f"{path}: the id {intention_id!r} is on lines {lines} (a row copied in a spreadsheet?). Give "
                       "one of them another id, then try again; nothing was changed.")
    return places


def progress(plan: pd.DataFrame, entries: pd.DataFrame, month: str) -> pd.DataFrame:
    """How far each intention of ``month`` got, counted from the journal.

    A connection counts for an intention when it falls in the month and
    matches what the intention names: the person, the kind of relationship,
    or (when it names neither) an activity containing the intention's words.

    Returns
    -------
    DataFrame with the plan's columns for the month plus ``done`` (matching
    connections) and ``status``: ``"done"``, ``"partly"`` or ``"not yet"``.
    """
    start, end = month_range(month)
    mine = plan.loc[plan["month"] == month].copy()
    in_month = entries.loc[(entries["date"] >= start) & (entries["date"] <= end) & entries["relationship"].notna()]
    done = [int(matches(in_month, i.what, i.person, i.relationship).sum()) for i in mine.itertuples(index=False)]
    mine["done"] = pd.array(done, dtype="Int64")
    mine["status"] = [
        "done" if d >= t else "partly" if d > 0 else "not yet" for d, t in zip(done, mine["times"].fillna(1))
    ]
    return mine.reset_index(drop=True)


def matches(entries: pd.DataFrame, what: str, person: str | None = None,
            relationship: str | None = None) -> pd.Series:
    """Which entries are connections that count for an intention (or an experiment's act).

    A connection counts when it is with the person named (whatever the
    case), of the kind of relationship named, or, when neither is named,
    when its activity contains ``what``. Returns a boolean Series on
    ``entries``' index.
    """
    match = entries["relationship"].notna()
    if isinstance(person, str):
        match &= entries["person"].str.casefold() == person.casefold()
    if isinstance(relationship, str):
        match &= entries["relationship"] == relationship
    if not isinstance(person, str) and not isinstance(relationship, str):
        match &= entries["activity"].str.casefold().str.contains(what.casefold(), regex=False).fillna(False)
    return match.fillna(False).astype(bool)


def suggestions(entries: pd.DataFrame, *, people_file: pd.DataFrame | None = None, weeks: int = 4,
                limit: int = 8) -> pd.DataFrame:
    """Ideas for this month's plan, drawn from the journal.

    People who are due (:func:`ghw.people.overdue`: by the rhythm wished for
    them in ``people_file``, else by how often you usually connect), kinds of
    relationship missing from the last ``weeks`` weeks,
    and activities that stood out with better days after allowing for chance
    across all activities (exploratory).

    Returns
    -------
    DataFrame with columns ``what``, ``person``, ``relationship`` and ``why``.
    """
    rows = []
    for late in people.overdue(entries, people_file).head(3).itertuples(index=False):
        rows.append({"what": f"Reach out to {late.person}", "person": late.person, "relationship": late.relationship,
                     "why": people.due_words(late)})
    if len(entries):
        recent = entries.loc[entries["date"] > entries["date"].max() - pd.Timedelta(weeks=weeks)]
        seen = set(recent["relationship"].dropna())
        for kind in (k for k in schema.RELATIONSHIPS if k not in seen and k not in ("other", "professional")):
            idea = next((i for i in catalogue.IDEAS if kind in i.relationships), None)
            if idea:
                rows.append({"what": idea.text, "person": None, "relationship": kind,
                             "why": f"no {kind} connection in the last {weeks} weeks"})
        better = findings.FINDINGS["activities"].compute(findings.Data(entries))
        better = better.loc[(better["status"] == "ok") & (better["p_fdr"] < 0.05) & (better["diff"] > 0)]
        for row in better.head(2).itertuples(index=False):
            rows.append({"what": str(row.group), "person": None, "relationship": None,
                         "why": f"days with it averaged {row.diff:+.1f} mood points (exploratory)"})
    return pd.DataFrame(rows[:limit], columns=["what", "person", "relationship", "why"])


def _check(values: Mapping[str, str]) -> tuple[dict, list[tuple[str, str, str]]]:
    """One intention's values by the plan's rules; returns (typed values, problems)."""
    return rules.check(values, _RULES)


def month_range(month: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of ``YYYY-MM``."""
    if not _MONTH.fullmatch(str(month)):
        raise GhwError(f"{month!r} is not a month written as YYYY-MM, like 2026-11.")
    year, number = map(int, month.split("-"))
    return pd.Timestamp(year, number, 1), pd.Timestamp(year, number, calendar.monthrange(year, number)[1])

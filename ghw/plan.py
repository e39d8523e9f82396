"""Monthly connection intentions: the plan file and progress.

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

from . import rules, schema, sidefiles, storage
from .errors import EntryNotFound, GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _
from .names import matches

__all__ = ["PLAN_COLUMNS", "STATUS_WORDS", "RELATIONSHIP_WORDS", "plan_path", "load_plan", "add", "remove", "progress",
           "month_range"]

PLAN_COLUMNS = ("id", "month", "what", "person", "relationship", "times")
MAX_TIMES = 31
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_MONTH_PROBLEM = _("must be a month written as YYYY-MM, like 2026-11")
# Each column's rule (docs/plan-format.md).
_RULES = {
    "id": rules.Rule(rules.text, ""),
    "month": rules.Rule(lambda text: text if _MONTH.fullmatch(text) else rules.INVALID, _MONTH_PROBLEM,
                        required=_MONTH_PROBLEM),
    "what": rules.Rule(rules.text, "", required=_("is required: say what you intend to do")),
    "person": rules.Rule(rules.text, ""),
    "relationship": schema.RULES["relationship"],
    "times": rules.Rule(rules.integer(1, MAX_TIMES), _("must be a whole number from 1 to {most}").format(most=MAX_TIMES), "Int64",
                        default="1"),
}
# How far an intention got, said: the codes of the ``status`` column of :func:`progress`, as a person reads them.
STATUS_WORDS = {"done": _("done"), "partly": _("partly"), "not yet": _("not yet")}
# The kinds of relationship an intention may name (the journal's codes), as a person reads them.
RELATIONSHIP_WORDS = {"partner": _("partner"), "child": _("child"), "family": _("family"), "friend": _("friend"),
                      "colleague": _("colleague"), "acquaintance": _("acquaintance"), "neighbour": _("neighbour"),
                      "community": _("community"), "professional": _("professional"), "stranger": _("stranger"),
                      "other": _("other")}


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
        raise ValidationError.from_rows(problems, source=_("This intention"))
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
        raise EntryNotFound(_("No intention has the id {id!r} in {path}.").format(id=intention_id, path=path))
    if len(places) > 1:
        numbers = [str(i + 2) for i in places]  # as a spreadsheet numbers them, the header being line 1
        lines = _("{lines} and {last}").format(lines=", ".join(numbers[:-1]), last=numbers[-1])
        raise GhwError(_("{path}: the id {id!r} is on lines {lines} (a row copied in a spreadsheet?). Give one of them "
                         "another id, then try again; nothing was changed.").format(path=path, id=intention_id,
                                                                                     lines=lines))
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


def _check(values: Mapping[str, str]) -> tuple[dict, list[tuple[str, str, str]]]:
    """One intention's values by the plan's rules; returns (typed values, problems)."""
    return rules.check(values, _RULES)


def month_range(month: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of ``YYYY-MM``."""
    if not _MONTH.fullmatch(str(month)):
        raise GhwError(_("{month!r} is not a month written as YYYY-MM, like 2026-11.").format(month=month))
    year, number = map(int, month.split("-"))
    return pd.Timestamp(year, number, 1), pd.Timestamp(year, number, calendar.monthrange(year, number)[1])

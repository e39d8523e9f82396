"""Check-ins: short validated questionnaires answered every few weeks, kept in ``checkins.csv``.

The questionnaires are the instruments of :data:`ghw.instruments.INSTRUMENTS`,
one file each holding its items exactly as published with their scoring
rules; an instrument whose published part no longer matches what was
published is refused (reworded items are no longer the validated measure).

The file format (one row per answered item) is described in
``docs/checkin-format.md``. Scores, the reliable-change criterion and the
point at which further assessment is suggested are computed here from what
each instrument's file says; words for them live in :mod:`ghw.vocabulary`
and :mod:`ghw.care`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from . import rules, sidefiles, storage
from .errors import GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _, ngettext
from .instruments import INSTRUMENTS, Instrument, Item

__all__ = [
    "CHECKIN_COLUMNS",
    "instrument",
    "checkins_path",
    "load_checkins",
    "open_checkins",
    "save",
    "parse_answers",
    "scores",
    "compared",
    "due",
    "care_flag",
    "generate",
]

CHECKIN_COLUMNS = ("checkin", "date", "instrument", "item", "answer")


def instrument(name: str) -> Instrument:
    """The registered instrument ``name``, checked against what was published (:meth:`Instrument.checked`)."""
    if name not in INSTRUMENTS:
        raise GhwError(_("There is no check-in {name!r}; the check-ins are: {names}.").format(
            name=name, names=", ".join(INSTRUMENTS)))
    return INSTRUMENTS[name].checked()


# -- the file ---------------------------------------------------------------


def checkins_path(journal: str | os.PathLike | None = None) -> Path:
    """``checkins.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal).checkins


def _rules() -> dict[str, rules.Rule]:
    """Each column's rule (docs/checkin-format.md); an item and its answer are checked against the instrument."""
    names = ", ".join(INSTRUMENTS)
    return {
        "checkin": rules.Rule(rules.text, "",
                              required=_("is required: the id that groups the answers of one check-in")),
        "date": rules.Rule(rules.date, rules.DATE_PROBLEM, "datetime64[s]",
                           required=_("is required: the day of the check-in, as YYYY-MM-DD")),
        "instrument": rules.Rule(rules.choice(INSTRUMENTS), _("must be one of: {codes}").format(codes=names),
                                 required=_("must be one of: {codes}").format(codes=names)),
        "item": rules.Rule(rules.text, ""),
        "answer": rules.Rule(rules.text, "", "Int64"),
    }


def load_checkins(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check ``checkins.csv``; a missing file holds no check-ins.

    Returns one row per answered item with ``checkin`` (the check-in's id),
    ``date``, ``instrument``, ``item`` and ``answer`` (a whole number). Every
    problem is listed with its line in one :class:`ValidationError`.
    """
    columns = _rules()
    rows = rules.load(path or checkins_path(), _("check-ins file"), CHECKIN_COLUMNS,
                      lambda values: _check_row(values, columns), across=_twice)
    return rules.table(rows, columns)


def _check_row(values: Mapping[str, str], columns: dict[str, rules.Rule]) -> tuple[dict, list[tuple[str, str, str]]]:
    """One row's values, checked; returns (typed values, problems as (column, value, problem))."""
    row, problems = rules.check(values, columns)
    item_id, text = row["item"] or "", row["answer"] or ""
    row["item"], row["answer"] = item_id, None
    if row["instrument"] is not None:
        found = instrument(row["instrument"])
        ids = [i.id for i in found.items]
        if item_id not in ids:
            problems.append(("item", item_id, _("is not an item of {title} ({items})").format(
                title=found.title, items=", ".join(ids))))
        else:
            row["answer"], problem = _answer(found, found.item(item_id), text)
            if problem:
                problems.append(("answer", text, _("item {number} of {title} {problem}").format(
                    number=found.position(item_id), title=found.title, problem=problem)))
    return row, problems


def _twice(rows: list[tuple[int, dict]]) -> list[tuple[int, str, str, str]]:
    """An item answered twice in the same check-in, on the lines after the first."""
    problems, seen = [], set()
    for line, row in rows:
        key = (row["checkin"], row["item"])
        if key in seen:
            problems.append((line, "item", row["item"], _("is answered twice in the same check-in")))
        seen.add(key)
    return problems


def _answer(found: Instrument, item: Item, text) -> tuple[int | None, str]:
    """An answer to ``item`` as its whole number, or a problem naming the item and its answers."""
    try:
        number = float(str(text).strip())
    except ValueError:
        number = math.nan
    if number.is_integer() and int(number) in item.values:
        return int(number), ""
    low, high = min(item.values), max(item.values)
    return None, _("\u201c{item}\u201d takes a whole number from {low} ({low_words}) to {high} ({high_words})").format(
        item=item.text, low=low, low_words=item.label(low), high=high, high_words=item.label(high))


def open_checkins(journal_path: str | os.PathLike, *, is_sample: bool) -> pd.DataFrame:
    """The check-ins that go with a journal: the sample's while the journal is the sample, else ``checkins.csv``."""
    return load_checkins(JournalFolder(journal_path, sample=is_sample).source("checkins"))


def parse_answers(name: str, text: str) -> dict[str, int | None]:
    """``"3,4,2,5,1"`` as answers to the items of ``name`` in order; an empty place leaves that item out."""
    found = instrument(name)
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) != len(found.items):
        raise GhwError(ngettext(
            "{title} has {n} question; give {n} answer separated by commas (leave a place empty to skip a question), "
            "not {given}.",
            "{title} has {n} questions; give {n} answers separated by commas (leave a place empty to skip a question), "
            "not {given}.", len(found.items)).format(title=found.title, n=len(found.items), given=len(parts)))
    return {item.id: (part or None) for item, part in zip(found.items, parts)}


def save(path: str | os.PathLike | None, name: str, answers: Mapping[str, object], *,
         date: dt.date | str | None = None) -> dict:
    """Check and append one check-in; return what was saved with its scores.

    ``answers`` maps item ids to answers (``None`` or ``""`` for a question
    left out). A check-in with a question left out is saved as incomplete and
    scored only where the instrument's rules allow. Out-of-range answers are
    refused, each named with its item, and nothing is written.

    Returns
    -------
    dict with ``checkin`` (id), ``date``, ``instrument``, ``answers`` (item
    id to number), ``complete`` and ``scores`` (scale name to score, or
    ``None`` where the rules give none).
    """
    path = Path(path or checkins_path())
    found = instrument(name)
    unknown = [k for k in answers if k not in {i.id for i in found.items}]
    if unknown:
        raise GhwError(_("{title} has no question {item!r}.").format(title=found.title, item=unknown[0]))
    day = _rules()["date"].value(date or dt.date.today())
    if day is None:
        raise ValidationError.from_rows([("date", str(date), rules.DATE_PROBLEM)], source=_("This check-in"))
    given, problems = {}, []
    for item in found.items:
        value = answers.get(item.id)
        if value is None or str(value).strip() == "":
            continue
        number, problem = _answer(found, item, value)
        if problem:
            problems.append((_("item {number}").format(number=found.position(item.id)), str(value), problem))
        else:
            given[item.id] = number
    if problems:
        raise ValidationError.from_rows(problems, source=_("This check-in"))
    if not given:
        raise GhwError(_("Nothing was answered, so there is no {title} check-in to save.").format(title=found.title))
    checkin = secrets.token_hex(6)
    with storage.locked(path):
        sidefiles.append(path, _("check-ins file"), CHECKIN_COLUMNS,
                         [{"checkin": checkin, "date": day.isoformat(), "instrument": name, "item": item_id,
                           "answer": value} for item_id, value in given.items()])
    return {"checkin": checkin, "date": day, "instrument": name, "answers": given,
            "complete": len(given) == len(found.items),
            "scores": {s.name: s.score(given) for s in found.scales}}


# -- scores over time -------------------------------------------------------


def scores(checkins: pd.DataFrame) -> pd.DataFrame:
    """Every check-in's scores, one row per check-in and scale.

    Returns
    -------
    DataFrame with ``checkin``, ``date``, ``instrument``, ``scale``,
    ``score`` (missing where a needed answer is missing), ``answered`` and
    ``needed`` (items of the scale), and ``complete`` (the whole check-in was
    answered); sorted by date, and check-ins of one date in the order they were answered. ghw only ever adds
    check-ins at the end of the file, so that order is the order of their lines (their ids are random, and say
    nothing about it).
    """
    rows = []
    for (checkin, name), answers in checkins.groupby(["checkin", "instrument"], sort=False):  # in order of lines
        found = instrument(name)
        given = dict(zip(answers["item"], answers["answer"].astype(int)))
        complete = len(given) == len(found.items)
        for scale in found.scales:
            rows.append({"checkin": checkin, "date": answers["date"].iloc[0], "instrument": name, "scale": scale.name,
                         "score": scale.score(given), "answered": sum(i in given for i in scale.items),
                         "needed": len(scale.items), "complete": complete})
    table = pd.DataFrame(rows, columns=["checkin", "date", "instrument", "scale", "score", "answered", "needed",
                                        "complete"])
    table = table.astype({"checkin": "str", "date": "datetime64[s]", "instrument": "str", "scale": "str",
                          "score": "Float64", "answered": "int64", "needed": "int64", "complete": "bool"})
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def compared(checkins: pd.DataFrame | None) -> list[str]:
    """The scores whose change over time is told (the finding, the summaries), in the registry's order.

    They are each instrument's reported scales said as numbers (a single
    question said in words is never averaged), for the instruments
    suggested from the start and those answered in ``checkins`` (the rows of
    ``checkins.csv``), so that an instrument nobody uses says nothing.
    """
    used = set(checkins["instrument"]) if checkins is not None else set()
    return [scale.name for name, found in INSTRUMENTS.items() if found.suggested or name in used
            for scale in found.reported if scale.words is None]


def due(checkins: pd.DataFrame, today: dt.date | None = None) -> pd.DataFrame:
    """Which check-ins are due: last done at least the instrument's interval ago, or never done if it is suggested.

    An instrument that is not suggested from the start (its file says so) is
    due only once it has been answered. Returns ``instrument``, ``title``,
    ``last`` (date or missing), ``days_since`` and ``due``, one row per
    instrument in the registry's order.
    """
    today = pd.Timestamp(today or dt.date.today())
    rows = []
    for name, found in INSTRUMENTS.items():
        dates = checkins.loc[checkins["instrument"] == name, "date"]
        last = dates.max() if len(dates) else pd.NaT
        days = int((today - last).days) if len(dates) else None
        rows.append({"instrument": name, "title": found.title, "last": last, "days_since": days,
                     "due": found.suggested if days is None else days >= found.every_days})
    return pd.DataFrame(rows, columns=["instrument", "title", "last", "days_since", "due"])


def care_flag(table: pd.DataFrame, name: str | None = None) -> dict | None:
    """Whether the latest check-in reached a point where its instrument's authors suggest further assessment.

    Each instrument's file gives its points (:class:`ghw.instruments.Care`):
    a score below one, or a fall of so many points from the check-in before
    on the same scale; the first reached, in the file's order, is said.
    ``name`` asks about one instrument only. Returns ``None``, or a dict
    with ``instrument``, ``reason`` (``"low"`` or ``"drop"``), ``date``,
    ``scale``, ``score``, ``high`` (the top of the scale), ``previous`` (the
    score before, or None) and ``threshold``.
    """
    for found in INSTRUMENTS.values():
        if name not in (None, found.name):
            continue
        for rule in found.care:
            scored = table.loc[(table["scale"] == rule.scale) & table["score"].notna()]
            if scored.empty:
                continue
            score = int(scored["score"].iat[-1])
            previous = int(scored["score"].iat[-2]) if len(scored) > 1 else None
            flag = {"instrument": found.name, "date": scored["date"].iat[-1].date(), "scale": rule.scale,
                    "score": score, "high": found.scale(rule.scale).high, "previous": previous}
            if rule.below is not None and score < rule.below:
                return flag | {"reason": "low", "threshold": rule.below}
            if rule.fall is not None and previous is not None and previous - score >= rule.fall:
                return flag | {"reason": "drop", "threshold": rule.fall}
    return None


# -- sample -----------------------------------------------------------------


def generate(days: int = 365, *, seed: int = 0, end: dt.date | str | None = None) -> pd.DataFrame:
    """A synthetic year of check-ins that shows a real trend, as each instrument's file describes it.

    Each instrument with a ``sample`` in its file is answered every
    ``every_days`` days, a few check-ins missed and one question left out
    where the file says (``left_out``: the check-in's number and the
    question's place). Each answer is drawn around a level that moves
    slowly from ``from`` to ``to`` over the days (places among the item's
    answers, from the lowest value; an item may move differently, or
    ``times`` as far, under ``items``), with ``noise`` around it, so single
    check-ins wobble while the months move. Returns the rows as text, ready
    to write as ``checkins.csv``; the same seed gives the same file.
    """
    rng = np.random.default_rng(seed)
    end = pd.Timestamp(end or dt.date.today()).date()
    start = end - dt.timedelta(days=days - 1)
    rows = []
    for name, found in INSTRUMENTS.items():
        plan = found.sample
        if not plan:
            continue
        left_number, left_place = plan.get("left_out", (None, None))
        for number, offset in enumerate(range(3, days, plan["every_days"])):
            if rng.random() < 0.08:
                continue  # a missed check-in
            progress = offset / max(days - 1, 1)
            checkin = f"c{seed}-{name}-{number:03d}"
            day = (start + dt.timedelta(days=offset)).isoformat()
            for place, item in enumerate(found.checked().items, start=1):
                if (number, place) == (left_number, left_place):
                    continue  # an incomplete check-in: one question left out
                own = {"from": plan["from"], "to": plan["to"], "times": 1} | plan.get("items", {}).get(item.id, {})
                level = own["from"] + (own["to"] - own["from"]) * progress
                position = level * own["times"] + rng.normal(0, plan["noise"])
                values = sorted(item.values)
                value = values[int(np.clip(np.rint(position), 0, len(values) - 1))]
                rows.append({"checkin": checkin, "date": day, "instrument": name, "item": item.id,
                             "answer": str(value)})
    table = pd.DataFrame(rows, columns=list(CHECKIN_COLUMNS))
    return table.sort_values(["date", "instrument"], kind="stable").reset_index(drop=True)

"""Personal experiments: a small act done on days drawn at random, and what it changed.

The user chooses an act (an idea from the catalogue, one of the month's
intentions, or their own words, optionally naming a person or a kind of
relationship), an outcome (mood, or how connected they felt), a length of 2
to 8 weeks and a design. ghw draws the act days at random with a recorded
seed and keeps the schedule in ``experiments.csv`` beside the journal (see
``docs/experiment-format.md``). A day counts as done when a matching
connection was logged that day, by the same rules as the month's intentions
(:func:`ghw.names.matches`). When the experiment ends, a randomisation test
over exactly the schedules the design could have drawn
(:func:`ghw.randomization.analyse`) says how the act days differed from the
others, and how sure that is.

Two designs:

- ``weekly``: in each week, ``per_week`` days (2 to 4) drawn at random are
  act days;
- ``blocks``: the days are cut into blocks of ``block_days`` days (3 to 7) and
  half of the blocks, drawn at random, are act blocks; the first day after
  each switch is left out of the comparison, so that an effect lingering
  from one day to the next blurs the answer less.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import rules, schema, sidefiles, storage
from .errors import EntryNotFound, GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _, ngettext
from .names import matches

__all__ = ["COLUMNS", "OUTCOMES", "DESIGNS", "MIN_WEEKS", "MAX_WEEKS", "EXACT_LIMIT", "DRAWS", "Design",
           "experiments_path", "experiments_for", "load", "new", "stop", "design_of", "schedule_of", "adherence",
           "today", "sample_row", "sample_trial", "SAMPLE", "SAMPLE_EFFECT", "ACT_DAY", "OTHER_DAY"]

COLUMNS = ("id", "created", "start", "end", "act", "person", "relationship", "outcome", "design", "per_week",
           "block_days", "seed", "schedule", "stopped")
OUTCOMES = ("mood", "quality")
DESIGNS = ("weekly", "blocks")
MIN_WEEKS, MAX_WEEKS = 2, 8
PER_WEEK = (2, 4)
BLOCK_DAYS = (3, 7)
EXACT_LIMIT = 20_000  # families up to this size are enumerated; larger ones are sampled
DRAWS = 9_999  # Monte Carlo schedules for an answer
ACT_DAY, OTHER_DAY = "x", "."  # one character per day in the schedule column; neither looks like a number
_DAY = rules.Rule(rules.date, rules.DATE_PROBLEM, "datetime64[us]",
                  required=_("is required: a date written as YYYY-MM-DD"))
# Each column's rule (docs/experiment-format.md); the dates, the design's count and the schedule are also checked
# together in :func:`_check`, and ids and overlaps across rows in :func:`_across`.
_RULES = {
    "id": rules.Rule(rules.text, "", required=_("is required")),
    "created": _DAY,
    "start": _DAY,
    "end": _DAY,
    "act": rules.Rule(rules.text, "", required=_("is required: say what you will do on act days")),
    "person": rules.Rule(rules.text, ""),
    "relationship": schema.RULES["relationship"],
    "outcome": rules.Rule(rules.choice(OUTCOMES), _("must be one of: {codes}").format(codes=", ".join(OUTCOMES)),
                          required=_("must be one of: {codes}").format(codes=", ".join(OUTCOMES))),
    "design": rules.Rule(rules.choice(DESIGNS), _("must be one of: {codes}").format(codes=", ".join(DESIGNS)),
                         required=_("must be one of: {codes}").format(codes=", ".join(DESIGNS))),
    "per_week": rules.Rule(rules.text, "", "Int64"),
    "block_days": rules.Rule(rules.text, "", "Int64"),
    "seed": rules.Rule(rules.integer(0, 2**63 - 1), _("must be a whole number from 0 to 2**63 - 1"), "Int64",
                       required=_("must be a whole number from 0 to 2**63 - 1")),
    "schedule": rules.Rule(rules.text, ""),
    "stopped": _DAY._replace(required=""),
}


@dataclass(frozen=True)
class Design:
    """A family of schedules: how act days are drawn for ``weeks`` weeks.

    ``kind`` is ``"weekly"`` (``per_week`` act days drawn in each week) or
    ``"blocks"`` (half of the blocks of ``block_days`` days drawn as act
    blocks; the last block takes any days left over).
    """

    kind: str
    weeks: int
    per_week: int | None = None
    block_days: int | None = None

    @property
    def days(self) -> int:
        return 7 * self.weeks

    @property
    def blocks(self) -> int:
        """Units the draw picks among: weeks, or blocks of days."""
        return self.weeks if self.kind == "weekly" else max(1, self.days // self.block_days)

    def block_of_day(self) -> np.ndarray:
        """For each day, the block it belongs to (blocks design)."""
        return np.minimum(np.arange(self.days) // self.block_days, self.blocks - 1)

    def draw(self, seed: int) -> np.ndarray:
        """The schedule of ``seed``: one boolean per day, True on act days.

        Uses only ``random.Random(seed).random()``, whose sequence Python
        keeps the same across versions, so the schedule can be drawn again
        from its seed at any time: in each week, seven numbers, and the days
        with the ``per_week`` smallest are act days; or one number per block,
        and the half of the blocks with the smallest are act blocks.
        """
        stream = random.Random(seed)
        if self.kind == "weekly":
            days = []
            for _ in range(self.weeks):
                keys = [stream.random() for _ in range(7)]
                chosen = set(sorted(range(7), key=keys.__getitem__)[: self.per_week])
                days += [d in chosen for d in range(7)]
            return np.array(days)
        keys = [stream.random() for _ in range(self.blocks)]
        chosen = set(sorted(range(self.blocks), key=keys.__getitem__)[: self.blocks // 2])
        return np.isin(self.block_of_day(), list(chosen))

    @property
    def family_size(self) -> int:
        """How many different schedules the design can draw."""
        if self.kind == "weekly":
            return math.comb(7, self.per_week) ** self.weeks
        return math.comb(self.blocks, self.blocks // 2)

    @property
    def expected_act_days(self) -> float:
        """Act days in the whole experiment, on average over the draws."""
        if self.kind == "weekly":
            return float(self.per_week * self.weeks)
        return self.days * (self.blocks // 2) / self.blocks

    @property
    def washout(self) -> bool:
        """Whether the first day after a switch is left out of the comparison."""
        return self.kind == "blocks"

    def reference(self, used: np.ndarray, *, rng: np.random.Generator, limit: int = EXACT_LIMIT,
                  draws: int = DRAWS) -> tuple[np.ndarray, bool]:
        """The schedule used (first row) followed by the rest of the family, or by ``draws`` random members.

        Returns the matrix and whether it is the whole family (an exact test).
        """
        if self.family_size <= limit:
            every = _every(self)
            others = every[~(every == used).all(axis=1)]
            return np.vstack([used, others]), True
        return np.vstack([used, self.sample(draws, rng)]), False

    def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """``count`` schedules drawn at random from the family (rows)."""
        if self.kind == "weekly":
            ranks = rng.random((count, self.weeks, 7)).argsort(axis=-1).argsort(axis=-1)
            return (ranks < self.per_week).reshape(count, self.days)
        ranks = rng.random((count, self.blocks)).argsort(axis=-1).argsort(axis=-1)
        return (ranks < self.blocks // 2)[:, self.block_of_day()]

    def describe(self) -> str:
        """The design in two plain sentences."""
        if self.kind == "weekly":
            return _("In each week, ghw picks {n} days at random on which you do the act; on the other days you live "
                     "as usual. Comparing the two kinds of day is fair because chance, not your mood, decided which was "
                     "which.").format(n=self.per_week)
        return _("ghw cuts the {weeks} weeks into blocks of {n} days and picks half of the blocks at random: you do the "
                 "act every day of those, and not in the others. Staying with one choice for a few days, and leaving "
                 "out the first day after each switch, keeps an effect that lingers into the next day from blurring the "
                 "answer.").format(weeks=self.weeks, n=self.block_days)


@lru_cache(maxsize=16)
def _every(design: Design) -> np.ndarray:
    """Every schedule of a design, one per row (kept, as the benchmarks test thousands of experiments)."""
    if design.kind == "weekly":
        weeks = np.array([[d in c for d in range(7)] for c in itertools.combinations(range(7), design.per_week)])
        index = np.array(list(itertools.product(range(len(weeks)), repeat=design.weeks)))
        return weeks[index].reshape(len(index), design.days)
    blocks = np.array([[b in c for b in range(design.blocks)]
                       for c in itertools.combinations(range(design.blocks), design.blocks // 2)])
    return blocks[:, design.block_of_day()]


def design_of(experiment: Mapping) -> Design:
    """The :class:`Design` of an experiment row."""
    weeks = ((pd.Timestamp(experiment["end"]) - pd.Timestamp(experiment["start"])).days + 1) // 7
    return Design(experiment["design"], weeks, _int_or_none(experiment.get("per_week")),
                  _int_or_none(experiment.get("block_days")))


def schedule_of(experiment: Mapping) -> pd.DataFrame:
    """The experiment's days: ``date`` and ``act`` (True on act days)."""
    dates = pd.date_range(experiment["start"], experiment["end"], freq="D")
    return pd.DataFrame({"date": dates, "act": [c == ACT_DAY for c in experiment["schedule"]]})


# -- the file ---------------------------------------------------------------


def experiments_path(journal: str | os.PathLike | None = None) -> Path:
    """``experiments.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal).experiments


def experiments_for(journal) -> pd.DataFrame:
    """The experiments that go with an opened journal (:class:`ghw.journal.Journal`): the sample's, or the user's."""
    return load(JournalFolder(journal.path, sample=journal.is_sample).source("experiments"))


def load(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check an experiments file; a missing file holds no experiments.

    Raises :class:`ValidationError` naming the line, field and value of every
    problem; the file is never changed by reading it.
    """
    return _typed(rules.load(path or experiments_path(), _("experiments file"), COLUMNS, _check, across=_across))


def new(path: str | os.PathLike | None, values: Mapping, *, today: dt.date | None = None) -> dict:
    """Set up an experiment: check it, draw its schedule from a new seed, and add it to the file.

    ``values`` holds ``act`` and optionally ``person``, ``relationship``,
    ``outcome`` (default mood), ``weeks`` (default 4) or ``end``, ``start``
    (default today), ``design`` (default weekly), ``per_week`` (default 3),
    ``block_days`` (default 4) and ``seed`` (default: a new random one).
    Days already lived cannot be drawn: the start is today or later.
    """
    path = Path(path or experiments_path())
    today = today or dt.date.today()
    text = {k: "" if v is None else str(v).strip() for k, v in values.items()}
    start = text.get("start") or today.isoformat()
    design = text.get("design") or "weekly"
    early = []
    if not text.get("end"):
        weeks = text.get("weeks") or "4"
        count, first = rules.integer(MIN_WEEKS, MAX_WEEKS)(weeks), _RULES["start"].value(start)
        if count is rules.INVALID:
            early.append(("weeks", weeks, _("must be a whole number from {low} to {high}").format(low=MIN_WEEKS,
                                                                                                  high=MAX_WEEKS)))
        elif first:
            try:
                text["end"] = (first + dt.timedelta(days=7 * count - 1)).isoformat()
            except OverflowError:
                early.append(("start", start, ngettext("is too late: {n} week from it would end after 9999-12-31",
                                                       "is too late: {n} weeks from it would end after 9999-12-31",
                                                       count).format(n=count)))
    row = {
        "id": text.get("id") or secrets.token_hex(4), "created": today.isoformat(), "start": start,
        "end": text.get("end", ""), "act": text.get("act", ""), "person": text.get("person", ""),
        "relationship": text.get("relationship", ""), "outcome": text.get("outcome") or "mood", "design": design,
        "per_week": text.get("per_week") or ("3" if design == "weekly" else ""),
        "block_days": text.get("block_days") or ("4" if design == "blocks" else ""),
        "seed": text.get("seed") or str(secrets.randbelow(2**32)), "schedule": "", "stopped": "",
    }
    checked, problems = _check(row, drawing=True)
    if early:  # the end was to come from the weeks, so a problem with the end would only repeat it
        problems = early + [p for p in problems if p[0] != "end"]
    if problems:
        raise ValidationError.from_rows(problems, source=_("This experiment"))
    row["schedule"] = checked["schedule"]
    with storage.locked(path):
        existing = load(path)
        clash = _across(list(enumerate([*existing.to_dict("records"), checked], start=2)))
        if clash:
            raise ValidationError.from_rows([p[1:] for p in clash], source=_("This experiment"))
        sidefiles.append(path, _("experiments file"), COLUMNS, [row])
    return checked


def stop(path: str | os.PathLike | None, experiment_id: str, *, today: dt.date | None = None) -> dict:
    """Stop a running experiment today (its answer then uses the days so far); the old file is backed up."""
    path = Path(path or experiments_path())
    today = today or dt.date.today()
    experiment_id = str(experiment_id).strip()
    with storage.locked(path):
        table = load(path)
        places = (table["id"] == experiment_id).to_numpy().nonzero()[0]  # ids are unique: load says so otherwise
        if not len(places):
            raise EntryNotFound(_("No experiment has the id {id!r} in {path}.").format(id=experiment_id, path=path))
        position = int(places[0])
        row = table.iloc[position]
        if pd.notna(row["stopped"]):
            raise GhwError(_("Experiment {id} was already stopped on {day}.").format(id=experiment_id,
                                                                                     day=row["stopped"].date()))
        if pd.Timestamp(today) > row["end"]:
            raise GhwError(_("Experiment {id} already ended on {day}; there is nothing to stop.").format(
                id=experiment_id, day=row["end"].date()))
        day = max(pd.Timestamp(today), row["start"]).date().isoformat()
        sidefiles.rewrite(path, _("experiments file"), COLUMNS,
                          lambda rows: [r | {"stopped": day} if i == position else r for i, r in enumerate(rows)])
    stopped = load(path).iloc[position].to_dict()
    if pd.isna(stopped["stopped"]):
        raise GhwError(_("Experiment {id} could not be stopped: {path} changed while it was written.").format(
            id=experiment_id, path=path))
    return stopped


def _typed(rows: list[dict]) -> pd.DataFrame:
    """Checked experiments as the table :func:`load` returns."""
    return rules.table(rows, _RULES)


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) or value == "" else int(value)


def _check(values: Mapping[str, str], *, drawing: bool = False) -> tuple[dict, list[tuple[str, str, str]]]:
    """One experiment's values, checked; returns (typed values, problems as (column, value, problem))."""
    row, problems = rules.check(values, _RULES)
    v = {c: str(values.get(c, "") or "").strip() for c in COLUMNS}
    start, end, created, stopped = row["start"], row["end"], row["created"], row["stopped"]
    weeks = None
    if start and end:
        length = (end - start).days + 1
        if end < start:
            problems.append(("end", v["end"], _("is before the start ({start})").format(start=start)))
        elif length % 7 or not MIN_WEEKS * 7 <= length <= MAX_WEEKS * 7:
            problems.append(("end", v["end"], ngettext(
                "makes the experiment {n} day long; it must last whole weeks, from {low} to {high} ({low_days} to "
                "{high_days} days)",
                "makes the experiment {n} days long; it must last whole weeks, from {low} to {high} ({low_days} to "
                "{high_days} days)", length).format(n=length, low=MIN_WEEKS, high=MAX_WEEKS, low_days=MIN_WEEKS * 7,
                                                    high_days=MAX_WEEKS * 7)))
        else:
            weeks = length // 7
    if start and created and start < created:
        problems.append(("start", v["start"], _("is before the day the experiment was set up ({created}); days "
                                                "already lived cannot be drawn").format(created=created)))
    if stopped and start and end and not start <= stopped <= end:
        problems.append(("stopped", v["stopped"], _("must fall between the start ({start}) and the end ({end})").format(
            start=start, end=end)))
    design = _design_problems(row, weeks, problems)
    row["schedule"] = v["schedule"]
    if design is not None and row["seed"] is not None:
        drawn = "".join(ACT_DAY if a else OTHER_DAY for a in design.draw(row["seed"]))
        if drawing:
            row["schedule"] = drawn
        elif row["schedule"] != drawn:
            problems.append(("schedule", v["schedule"], _("is not the schedule drawn from this seed; a schedule "
                                                          "cannot be changed after the draw: stop this experiment and "
                                                          "set up a new one")))
    return row, problems


def _design_problems(row: dict, weeks: int | None, problems: list) -> Design | None:
    """Check the count of the row's design (``per_week`` or ``block_days``) and type it; the :class:`Design`, if whole.

    A weekly design takes ``per_week`` and leaves ``block_days`` empty; a
    blocks design the other way round.
    """
    kind = row["design"]
    count, other = ("per_week", "block_days") if kind == "weekly" else ("block_days", "per_week")
    given, unused = row[count] or "", row[other] or ""
    row["per_week"] = row["block_days"] = None
    if kind is None:
        return None
    low, high = PER_WEEK if kind == "weekly" else BLOCK_DAYS
    number = rules.integer(low, high)(given) if given else rules.INVALID
    if number is rules.INVALID:
        problems.append((count, given, (_("must be a whole number from {low} to {high} for a weekly design")
                                        if kind == "weekly" else
                                        _("must be a whole number from {low} to {high} for a blocks design")).format(
                                            low=low, high=high)))
        return None
    row[count] = number
    if unused:
        problems.append((other, unused, _("must be empty for a weekly design") if kind == "weekly"
                         else _("must be empty for a blocks design")))
        return None
    return Design(kind, weeks, **{count: number}) if weeks else None


def _across(rows: list[tuple[int, dict]]) -> list[tuple]:
    """Problems between rows (each with its line): repeated ids, and experiments on the same outcome whose days
    overlap."""
    problems, seen = [], {}
    for number, (line, row) in enumerate(rows):
        if row["id"] in seen:
            problems.append((line, "id", row["id"], _("is used by the experiment on line {line}; ids must be "
                                                      "unique").format(line=seen[row["id"]])))
        seen.setdefault(row["id"], line)
        start, last = _day(row["start"]), _last_day(row)
        for _line, other in rows[:number]:
            other_start, other_last = _day(other["start"]), _last_day(other)
            if other["outcome"] != row["outcome"] or None in (start, last, other_start, other_last):
                continue
            if start <= other_last and other_start <= last:
                problems.append((line, "start", str(start),
                                 _("overlaps experiment {id} ({act}, {start} to {last}), which has the same outcome "
                                   "({outcome}); one experiment per outcome at a time").format(
                                       id=other["id"], act=other["act"], start=other_start, last=other_last,
                                       outcome=row["outcome"])))
    return problems


def _day(value) -> dt.date | None:
    """A date from a date, a timestamp or a missing value."""
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _last_day(row: Mapping) -> dt.date | None:
    """The last day an experiment runs: the day before it was stopped, or its end."""
    stopped = _day(row["stopped"])
    return stopped - dt.timedelta(days=1) if stopped else _day(row["end"])


# -- days, adherence and today's assignment ----------------------------------


def adherence(experiment: Mapping, entries: pd.DataFrame) -> pd.DataFrame:
    """Each day of the experiment: ``date``, ``act`` (drawn) and ``done`` (a matching connection was logged).

    Matching follows the month's intentions (:func:`ghw.names.matches`): the
    person named, the kind of relationship named, or, naming neither, an
    activity containing the act's words.
    """
    days = schedule_of(experiment)
    inside = entries.loc[(entries["date"] >= days["date"].iloc[0]) & (entries["date"] <= days["date"].iloc[-1])]
    person = experiment.get("person")
    relationship = experiment.get("relationship")
    match = matches(inside, experiment["act"], person if isinstance(person, str) else None,
                    relationship if isinstance(relationship, str) else None)
    done = set(inside.loc[match, "date"])
    return days.assign(done=days["date"].isin(done))


def today(experiments: pd.DataFrame, day: dt.date | None = None) -> list[tuple[dict, bool]]:
    """The experiments running on ``day`` (default today), each with whether ``day`` is an act day."""
    day = pd.Timestamp(day or dt.date.today())
    out = []
    for row in experiments.to_dict("records"):
        last = row["stopped"] if pd.notna(row["stopped"]) else row["end"]
        if row["start"] <= day <= last and not (pd.notna(row["stopped"]) and day >= row["stopped"]):
            out.append((row, row["schedule"][(day - row["start"]).days] == ACT_DAY))
    return out


# -- the sample's experiment -------------------------------------------------

SAMPLE = {"id": "sample01", "created": "2026-09-04", "start": "2026-09-05", "end": "2026-10-30",
          "act": "Offer a neighbour a hand with something small", "person": "", "relationship": "neighbour",
          "outcome": "mood", "design": "weekly", "per_week": "3", "block_days": "", "seed": "20261031",
          "stopped": ""}
SAMPLE_EFFECT = 1  # mood points added on each day the sample's act is done
SAMPLE_ADHERENCE = 0.85  # share of act days on which the sample's act gets done


def sample_row() -> dict:
    """The sample's experiment as a row of ``data/sample_experiments.csv`` (schedule drawn from its seed)."""
    checked, problems = _check(SAMPLE, drawing=True)
    assert not problems, problems
    return SAMPLE | {"schedule": checked["schedule"]}


def sample_trial(raw: pd.DataFrame) -> pd.DataFrame:
    """Build the sample's finished experiment into a generated journal (as text); return the new journal.

    On most act days of :data:`SAMPLE` the act gets done: a helping hand to
    a neighbour from the journal's own cast is logged that evening. On every
    day it is done, by draw or by chance, each mood of the day is
    :data:`SAMPLE_EFFECT` points higher (within 0 to 10): the known effect the
    reflection page should find. Works on the finished text, so the rest of
    the journal stays exactly as generated; journals that do not cover the
    experiment are returned unchanged.
    """
    row = sample_row()
    dates = pd.date_range(row["start"], row["end"], freq="D").strftime("%Y-%m-%d")
    covered = set(raw["date"])
    neighbours = raw.loc[raw["relationship"] == row["relationship"], "person"]
    if not (dates[0] >= min(covered, default="") and dates[-1] <= max(covered, default="")) or neighbours.empty:
        return raw
    who = neighbours.value_counts().index[0]
    stream = random.Random(row["seed"])
    out, added = raw.copy(), []
    for day, mark in zip(dates, row["schedule"]):
        that_day = out.loc[out["date"] == day]
        if (mark != ACT_DAY or that_day.empty or (that_day["relationship"] == row["relationship"]).any()
                or stream.random() >= SAMPLE_ADHERENCE):
            continue
        helping = {"person": who, "relationship": row["relationship"], "activity": "helped out",
                   "channel": "in_person", "minutes": "20", "quality": "4", "initiated_by": "me", "support": "gave"}
        check_ins = that_day.index[that_day["relationship"] == ""]
        if len(that_day) < 5:  # a day holds at most five entries, as the generator keeps it
            mood = str(int(round(that_day["mood"].astype(int).mean())))
            added.append({c: "" for c in raw.columns} | helping | {
                "date": day, "time": f"18:{stream.randrange(60):02d}", "mood": mood})
        elif len(check_ins):
            out.loc[check_ins[-1], list(helping)] = list(helping.values())
    out = pd.concat([out, pd.DataFrame(added, columns=raw.columns).astype("str")], ignore_index=True)
    done = set(out.loc[out["date"].isin(dates) & (out["relationship"] == row["relationship"]), "date"])
    lifted = out["date"].isin(done)
    moods = (out.loc[lifted, "mood"].astype(int) + SAMPLE_EFFECT).clip(0, 10).round().astype(int).astype("str")
    out.loc[lifted, "mood"] = moods
    return out.sort_values(["date", "time"], kind="stable").reset_index(drop=True)

"""Journals in which nothing goes with anything: the data every claim's false-positive rate is measured on.

Each journal is a typed journal (the columns of :data:`ghw.schema.COLUMNS`,
as :func:`ghw.journal.load` returns them) in which mood, how connected a
person felt, how many connections there were, with whom, who reached out
and who gave support are drawn independently of one another. Each of them
carries over from one day to the next by the same ``carry_over`` (lag-1
autocorrelation of its day-to-day state), and nothing changes over time.
Any change, trend or link ghw reports on such a journal is a false
positive.

A *family* (:data:`FAMILIES`) says how the journal is written down, since a
test that holds on tidy normal numbers may not hold on what people log:
moods as whole numbers near the top of the scale, a connection every day,
counts with no carry-over, days left out at random or in runs, rare large
swings, several entries a day. ``benchmarks/false_positives.py`` and the
slow tests loop over them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import signal

from . import checkins as questionnaires
from . import experiment as experiments
from . import schema

__all__ = ["Family", "FAMILIES", "journal", "experiment", "checkins", "CAST"]


@dataclass(frozen=True)
class Family:
    """How one kind of null journal is written down (every field has a plain default)."""

    about: str
    mood_centre: float = 5.0  # mood of an average day, 0-10
    mood_spread: float = 1.6  # standard deviation of a day's mood, in points, before rounding and the 0-10 bounds
    quality_centre: float = 3.3  # how connected an average connection felt, 1-5
    tails: float = 0.0  # degrees of freedom of Student-t day-to-day shocks; 0 for normal ones
    connections: float = 1.4  # connections on an average day
    every_day: bool = False  # at least one connection every day
    counts_carry_over: bool = True  # busy days come in runs (as mood's days do), or each day is drawn afresh
    gaps: str = ""  # days not logged: "" none, "random" a quarter at random, "runs" a quarter in runs
    check_ins: float = 0.3  # plain entries a day besides connections (a day with no connection has one at least)
    within_day: float = 0.3  # spread of moods within a day, in standard deviations of a day's mood


FAMILIES: dict[str, Family] = {
    "plain": Family("whole-number moods around 5, busy days in runs, every day logged"),
    "ceiling": Family("moods near the top of the scale (a third of entries are 10), quality near 5",
                      mood_centre=8.6, mood_spread=1.8, quality_centre=4.4),
    "daily contact": Family("a connection every day, and the number of connections drawn afresh each day",
                            every_day=True, counts_carry_over=False),
    "poisson counts": Family("connections drawn afresh each day (Poisson), none on about a third of the days",
                             connections=1.1, counts_carry_over=False),
    "gaps at random": Family("a quarter of the days not logged, at random", gaps="random"),
    "gaps in runs": Family("a quarter of the days not logged, in runs of about a week", gaps="runs"),
    "heavy tails": Family("rare large swings: day-to-day shocks from Student's t with 3 degrees of freedom", tails=3.0),
    "several a day": Family("two to five entries a day, moods within a day spread widely", check_ins=2.0,
                            within_day=0.8),
}

# Who the journal's person connects with: name, kind of relationship, how often (relative), activities.
CAST = (
    ("Sam", "partner", 6.0, ("meal together", "walk")),
    ("Jo", "friend", 2.0, ("coffee", "walk")),
    ("Zoë", "friend", 1.5, ("coffee", "game or hobby")),
    ("Mum", "family", 1.5, ("phone call",)),
    ("Alex", "colleague", 3.0, ("work chat", "coffee")),
    ("Dev", "colleague", 2.0, ("work chat",)),
    ("Ørjan", "neighbour", 0.8, ("small talk",)),
    ("O’Brien", "community", 1.0, ("class or club",)),
)
_CHANNELS = ("in_person", "call", "message")
_START = np.datetime64("2025-01-06")  # a Monday; each journal starts 0-6 days after it


def journal(family: Family | str, days: int, carry_over: float, rng: np.random.Generator) -> pd.DataFrame:
    """A typed journal of ``days`` days in which nothing is linked to anything.

    ``carry_over`` is the lag-1 autocorrelation, per calendar day, of the
    day's mood, of each person's closeness, and (where the family says so)
    of how busy the day is and of each person's turn to be seen.

    Long because each column of the journal is drawn from the same seeded generator in a fixed
    order; moving a column into a helper of its own would change every journal a seed gives.
    """
    family = FAMILIES[family] if isinstance(family, str) else family
    k = len(CAST)
    mood = _ar1(rng, carry_over, days, family.tails)
    busy = _ar1(rng, carry_over if family.counts_carry_over else 0.0, days)
    turn = _ar1(rng, carry_over, (k, days))  # each person's (un)availability, in runs
    alone_spell = _ar1(rng, carry_over, days)  # spells of noting time alone, and of which kind, come in runs
    alone_kind = _ar1(rng, carry_over, days)
    warm = _ar1(rng, carry_over, days, family.tails)  # some days every connection feels closer
    close = _ar1(rng, carry_over, (k, days), family.tails)  # and each person's closeness has its own course
    logged = _logged(rng, family.gaps, days)

    rate = family.connections * np.exp(0.8 * busy - 0.32)
    count = rng.poisson(rate)
    if family.every_day:
        count = 1 + rng.poisson(np.full(days, family.connections - 1.0))
    count = np.minimum(count, k)
    weights = np.log([person[2] for person in CAST])[:, None] + 1.0 * turn
    keys = weights + rng.gumbel(size=(k, days))
    rank = np.argsort(np.argsort(-keys, axis=0), axis=0)
    chosen = rank < count[None, :]
    day_of, person_of = np.nonzero(chosen.T)

    plain = rng.poisson(family.check_ins, days) + (count == 0)
    plain_day = np.repeat(np.arange(days), plain)
    day = np.concatenate([day_of, plain_day])
    who = np.concatenate([person_of, np.full(len(plain_day), -1)])
    keep = logged[day]
    day, who = day[keep], who[keep]
    n = len(day)
    connection = who >= 0

    spread = rng.standard_normal(n) * family.within_day
    values = family.mood_centre + family.mood_spread * (mood[day] + spread)
    mood_points = np.clip(np.rint(values), 0, 10).astype("int64")
    person_index = np.where(connection, who, 0)
    state = np.sqrt(0.6) * warm[day] + np.sqrt(0.4) * close[person_index, day]
    felt = family.quality_centre + 0.9 * (state + 0.5 * rng.standard_normal(n))
    quality = np.clip(np.rint(felt), 1, 5).astype("int64")
    minutes = np.maximum(1, np.rint(rng.gamma(2.0, 15.0, n))).astype("int64")
    minute_of_day = rng.integers(7 * 60, 23 * 60, n)
    order = np.lexsort((minute_of_day, day))
    day, who, connection = day[order], who[order], connection[order]
    mood_points, quality, minutes, minute_of_day = (a[order] for a in (mood_points, quality, minutes, minute_of_day))

    start = _START + rng.integers(0, 7)
    names = np.array([person[0] for person in CAST], dtype=object)
    kinds = np.array([person[1] for person in CAST], dtype=object)
    noted = ~connection & (rng.random(n) < np.where(alone_spell[day] > 0.5, 0.7, 0.3))
    alone = np.where(alone_kind[day] > 0, schema.ALONE[0], schema.ALONE[1])
    pick = rng.integers(0, 2, n)
    activities = np.array([CAST[w][3][p % len(CAST[w][3])] if w >= 0 else None for w, p in zip(who, pick)],
                          dtype=object)

    def text(values):
        return pd.Series(np.where(connection, values, None), dtype="str")

    def number(values):
        return pd.Series(pd.array(np.where(connection, values, 0), dtype="Int64")).where(connection)

    hours, minutes_past = np.divmod(minute_of_day, 60)
    frame = pd.DataFrame({
        "id": pd.Series([f"n{i:06d}" for i in range(n)], dtype="str"),
        "date": pd.Series((start + day.astype("timedelta64[D]")).astype("datetime64[s]")),
        "time": pd.Series([f"{h:02d}:{m:02d}" for h, m in zip(hours, minutes_past)], dtype="str"),
        "mood": pd.Series(pd.array(mood_points, dtype="Int64")),
        "person": text(names[np.maximum(who, 0)]),
        "relationship": text(kinds[np.maximum(who, 0)]),
        "activity": text(activities),
        "channel": text(np.array(_CHANNELS, dtype=object)[rng.integers(0, len(_CHANNELS), n)]),
        "minutes": number(minutes),
        "quality": number(quality),
        "initiated_by": text(np.array(schema.INITIATED_BY, dtype=object)[rng.integers(0, 3, n)]),
        "support": text(np.array(schema.SUPPORT, dtype=object)[rng.integers(0, 4, n)]),
        "note": pd.Series([None] * n, dtype="str"),
        "alone": pd.Series(np.where(noted, alone, None), dtype="str"),
    })
    return frame[[*schema.COLUMNS, *schema.OPTIONAL_COLUMNS]]


def experiment(entries: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame | None:
    """A finished experiment over a null journal's first weeks (as :func:`ghw.experiment.load` returns it).

    Three act days a week drawn at random over as many whole weeks as the
    journal holds (two to eight), with a helping hand to a neighbour as the
    act; nothing in the journal answers to it, so any effect found is a
    false positive. None for a journal shorter than two weeks.
    """
    first, last = entries["date"].min(), entries["date"].max()
    weeks = min(experiments.MAX_WEEKS, ((last - first).days + 1) // 7)
    if weeks < experiments.MIN_WEEKS:
        return None
    day = first.date().isoformat()
    values = {"id": "null", "created": day, "start": day, "end": (first + pd.Timedelta(days=7 * weeks - 1)).date()
              .isoformat(), "act": "Give a neighbour a hand", "person": "", "relationship": "neighbour",
              "outcome": "mood", "design": "weekly", "per_week": "3", "block_days": "",
              "seed": str(int(rng.integers(2**32))), "schedule": "", "stopped": ""}
    drawn, problems = experiments._check(values, drawing=True)  # drawn as ghw draws a new one, without a file
    assert not problems, problems
    return experiments._typed([drawn])


def checkins(entries: pd.DataFrame, carry_over: float, rng: np.random.Generator) -> pd.DataFrame:
    """Check-ins over a null journal's days with no lasting change: WHO-5 every 14 days, loneliness every 28.

    Each answer is a steady level, plus the person's state at that check-in
    (which carries over from one check-in to the next by ``carry_over``),
    plus the answer's own noise, rounded to the answer's scale. Typed as
    :func:`ghw.checkins.load_checkins` returns the rows of ``checkins.csv``.
    """
    first, last = entries["date"].min(), entries["date"].max()
    rows = []
    for name, every, level in (("who5", 14, 2.7), ("loneliness", 28, 1.0)):
        found = questionnaires.instrument(name)
        offsets = np.arange(3, (last - first).days + 1, every)
        state = 0.5 * _ar1(rng, carry_over, len(offsets)) if len(offsets) else np.zeros(0)
        for number, (offset, swing) in enumerate(zip(offsets, state)):
            day = (first + pd.Timedelta(days=int(offset))).date().isoformat()
            for item in found.items:
                values = sorted(item.values)
                centre = level * (1.6 if item.id == "direct" else 1.0)
                position = centre + swing + rng.normal(0, 0.7 if name == "who5" else 0.45)
                answer = values[int(np.clip(np.rint(position), 0, len(values) - 1))]
                rows.append({"checkin": f"n-{name}-{number:03d}", "date": day, "instrument": name, "item": item.id,
                             "answer": str(answer)})
    table = pd.DataFrame(rows, columns=list(questionnaires.CHECKIN_COLUMNS))
    return table.astype({"checkin": "str", "date": "datetime64[s]", "instrument": "str", "item": "str",
                         "answer": "Int64"})


def _ar1(rng: np.random.Generator, phi: float, shape, tails: float = 0.0) -> np.ndarray:
    """Stationary AR(1) series along the last axis, unit variance; Student-t shocks when ``tails`` is given."""
    shocks = rng.standard_t(tails, size=shape) * np.sqrt((tails - 2) / tails) if tails else rng.standard_normal(shape)
    shocks = np.asarray(shocks, dtype="float64")
    if phi == 0:
        return shocks
    first = shocks[..., :1] / np.sqrt(1 - phi**2)
    initial = phi * first
    rest = signal.lfilter([1.0], [1.0, -phi], shocks[..., 1:], axis=-1, zi=initial)[0]
    return np.concatenate([first, rest], axis=-1) * np.sqrt(1 - phi**2)


def _logged(rng: np.random.Generator, gaps: str, days: int) -> np.ndarray:
    """Which days have entries: all, three in four at random, or three in four with gaps in runs of about a week."""
    if gaps == "random":
        logged = rng.random(days) >= 0.25
    elif gaps == "runs":
        logged = np.ones(days, dtype=bool)
        day = 0
        while day < days:
            day += int(rng.geometric(1 / 18))  # logged stretches average 18 days ...
            gap = int(rng.geometric(1 / 6))  # ... then about 6 days are not
            logged[day:day + gap] = False
            day += gap
    elif gaps:
        raise ValueError(f"unknown kind of gaps {gaps!r}")
    else:
        logged = np.ones(days, dtype=bool)
    logged[0] = logged[-1] = True  # the journal spans exactly ``days`` days
    return logged

"""Synthetic journals: realistic, seeded, with known effects built in.

The generator follows what daily-life studies of connection report, so the
reflection views have something true to find on sample data:

* the mean quality of a day's connections moves mood more than their number
  (standardized effects near 0.4 and 0.2), with a small benefit of variety;
* mood carries over from one day to the next (autocorrelation near 0.3), and
  connection today does not move mood tomorrow;
* a good connection lifts the mood logged after it on the same day;
* days are skipped now and then, more often on low days;
* quality is missing, not zero, when there was no connection;
* now and then a mood check-in notes time alone as restful or lonely,
  lonely more often on low days and less often as the year goes on (as
  the sample's loneliness check-ins ease);
* a cast with different rhythms (a partner most days, colleagues on
  weekdays, a choir on Wednesdays, a brother now and then, an old friend
  every few weeks), a friend who drifted away in the last weeks, and a few
  names written two ways ("Sammy", "jo "), as people write them.

Nothing here is anyone's real data.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import experiment, schema

__all__ = ["generate", "EFFECTS", "MOOD_SD"]

# Standardized effects on daily mood that the generator builds in.
EFFECTS = {"quality": 0.40, "connections": 0.20, "variety": 0.10, "carry_over": 0.30}
MOOD_SD = 1.4  # standard deviation of daily mood, in points of the 0-10 scale


class _Person(NamedTuple):
    name: str
    relationship: str
    chance: float  # of a contact on an ordinary day
    weekdays: str  # days of the week (0 = Monday) the chance applies to
    quality: float  # usual quality of a contact, 1-5
    gives: float  # how often the user is the one who reaches out
    channels: tuple[str, ...]
    activities: tuple[str, ...]
    hours: tuple[int, int]


_CAST = (
    _Person("Sam", "partner", 0.85, "0123456", 3.9, 0.5, ("in_person",) * 6 + ("message",), ("meal together", "walk", "deep talk", "game or hobby"), (18, 22)),
    _Person("Mia", "child", 0.55, "0123456", 4.0, 0.6, ("in_person",), ("played with kids", "meal together", "walk"), (16, 20)),
    _Person("Mum", "family", 0.22, "0123456", 3.6, 0.6, ("call", "call", "video", "message"), ("phone call", "video call", "messages"), (10, 20)),
    _Person("Leo", "family", 0.06, "56", 3.3, 0.4, ("in_person", "call"), ("meal together", "phone call"), (12, 20)),
    _Person("Jo", "friend", 0.18, "0123456", 4.1, 0.5, ("in_person", "message", "call"), ("coffee", "walk", "deep talk", "messages"), (12, 21)),
    _Person("Priya", "friend", 0.10, "0123456", 3.8, 0.3, ("in_person", "video"), ("coffee", "game or hobby", "exercise together"), (17, 21)),
    _Person("Tom", "friend", 0.025, "0123456", 3.5, 0.7, ("message", "call"), ("messages", "phone call"), (19, 22)),
    _Person("Alex", "colleague", 0.55, "01234", 3.0, 0.5, ("in_person", "message", "video"), ("work chat", "coffee", "asked for help"), (9, 17)),
    _Person("Dev", "colleague", 0.35, "01234", 2.8, 0.4, ("in_person", "video"), ("work chat", "small talk"), (9, 17)),
    _Person("Ms K", "neighbour", 0.08, "0123456", 3.2, 0.5, ("in_person",), ("small talk", "helped out"), (8, 19)),
    _Person("choir", "community", 0.85, "3", 3.9, 0.5, ("in_person",), ("class or club",), (19, 21)),
    _Person("barista", "acquaintance", 0.30, "01234", 2.9, 0.6, ("in_person",), ("small talk", "coffee"), (8, 10)),
    _Person("Dr L", "professional", 0.45, "2", 3.7, 0.5, ("video",), ("deep talk",), (10, 16)),
    _Person("", "stranger", 0.08, "0123456", 2.7, 0.5, ("in_person",), ("small talk",), (9, 19)),
)
_MINUTES = {"in_person": 40, "call": 20, "video": 35, "message": 5, "social_media": 5, "letter": 15, "other": 15}
_NOTES = (
    "Good laugh, needed that",
    'She said "call me anytime" and meant it',
    "Felt listened to",
    "Tired, kept it short",
    "Long talk about the move.\nGlad we did it.",
    "Sunny walk ☀️",
    "A bit awkward at first, then fine",
    "Helped with the shopping; they were so grateful",
)


def generate(days: int = 365, *, seed: int = 0, end: dt.date | str | None = None) -> pd.DataFrame:
    """A synthetic journal of ``days`` days ending on ``end`` (default today).

    Returns the entries as journal text (one column per format column,
    empty cells ``""``), ready to be written as a journal file.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    rng = np.random.default_rng(seed)
    end = pd.Timestamp(end or dt.date.today()).date()
    start = end - dt.timedelta(days=days - 1)
    contacts = _contacts(rng, start, days)
    moods = _daily_moods(rng, contacts, days)
    rows = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if _skipped(rng, moods[offset]):
            continue
        rows.extend(_entries_of_day(rng, day, contacts[offset], moods[offset]))
    raw = pd.DataFrame(rows, columns=list(schema.COLUMNS)).astype("str")
    raw = experiment.sample_trial(raw)
    raw["id"] = [f"s{seed}-{i:06d}" for i in range(len(raw))]
    raw = _as_people_write(raw, np.random.default_rng([seed, 1]), end)
    return _alone_notes(raw, np.random.default_rng([seed, 2]), start, days)


def _alone_notes(raw: pd.DataFrame, rng: np.random.Generator, start: dt.date, days: int) -> pd.DataFrame:
    """Some mood check-ins note time alone (the journal's optional ``alone`` column), from a generator of their own.

    Only that column is added, so every mood and connection (and every effect above) is the same as without.
    A check-in on a day without connections notes it more often; it is lonely more often when the mood logged
    is low, and less often as the year goes on.
    """
    dates = pd.to_datetime(raw["date"])
    alone_day = ~dates.isin(dates[raw["relationship"] != ""])
    check_in = (raw["relationship"] == "").to_numpy()
    noted = check_in & (rng.random(len(raw)) < np.where(alone_day, 0.5, 0.18))
    progress = ((dates - pd.Timestamp(start)).dt.days / max(days - 1, 1)).to_numpy()
    mood = pd.to_numeric(raw["mood"]).to_numpy()
    lonely = rng.random(len(raw)) < np.clip(0.5 - 0.3 * progress - 0.15 * (mood - 6), 0.05, 0.9)
    return raw.assign(alone=np.where(noted, np.where(lonely, "lonely", "restful"), ""))


def _as_people_write(raw: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    """Names as people write them: now and then another spelling, and a friend who drifts away.

    Only names change, drawn from a generator of their own, so every mood,
    quality and count (and so every effect above) is the same as without.
    """
    person = raw["person"].copy()
    for name, other, chance in _VARIANTS:
        mine = (person == name).to_numpy()
        person[mine & (rng.random(len(person)) < chance)] = other
    drifted = (person == _DRIFTED[0]) & (pd.to_datetime(raw["date"]).dt.date > end - dt.timedelta(days=_DRIFTED[2]))
    person[drifted] = _DRIFTED[1]  # the same kind of relationship: only who changes
    return raw.assign(person=person)


_VARIANTS = (("Sam", "Sammy", 0.03), ("Jo", "jo ", 0.05))
_DRIFTED = ("Priya", "Jo", 50)  # Priya's last 50 days of contact go to Jo


def _contacts(rng: np.random.Generator, start: dt.date, days: int) -> list[list[dict]]:
    """Who the user connected with on each day, and how it went."""
    out = []
    for offset in range(days):
        weekday = str((start + dt.timedelta(days=offset)).weekday())
        shift = rng.normal(0, 0.45)  # some days every contact feels warmer
        today = []
        for person in _CAST:
            if weekday in person.weekdays and rng.random() < person.chance:
                quality = int(np.clip(np.rint(person.quality + shift + rng.normal(0, 0.75)), 1, 5))
                channel = person.channels[rng.integers(len(person.channels))]
                today.append({
                    "person": person,
                    "quality": quality,
                    "channel": channel,
                    "minutes": int(max(1, rng.gamma(2.0, _MINUTES[channel] / 2))),
                    "activity": person.activities[rng.integers(len(person.activities))],
                    "hour": int(rng.integers(*person.hours)),
                })
        rng.shuffle(today)
        out.append(today[:4])
    return out


def _daily_moods(rng: np.random.Generator, contacts: list[list[dict]], days: int) -> np.ndarray:
    """Latent daily mood from quality, number and variety of connections, with carry-over.

    The weights are derived, not tuned: with mood's standard deviation set
    to :data:`MOOD_SD` points, a standardized effect ``b`` is a weight of
    ``b * MOOD_SD`` on the standardized driver. Variety rises with the number
    of connections, so part of its effect shows up as an effect of the number
    when variety is not in the model (as in the quality-or-quantity model);
    the number's own weight is lowered by that part (variety's effect times
    the slope of variety on the number, given quality), so that the number's
    effect in that model is ``EFFECTS["connections"]``. The day-to-day noise
    then takes whatever variance is left after the drivers and the
    carry-over, so that mood's standard deviation is ``MOOD_SD``.
    """
    counts = np.array([len(c) for c in contacts], dtype=float)
    quality = np.array([np.mean([x["quality"] for x in c]) if c else np.nan for c in contacts])
    variety = np.array([len({x["person"].relationship for x in c}) for c in contacts], dtype=float)

    def z(values):
        return np.nan_to_num((values - np.nanmean(values)) / np.nanstd(values))

    zq, zc, zv = z(quality), z(counts), z(variety)
    carried = np.linalg.lstsq(np.column_stack([np.ones(days), zq, zc]), zv, rcond=None)[0][2]
    weights = MOOD_SD * np.array([EFFECTS["quality"], EFFECTS["connections"] - EFFECTS["variety"] * carried,
                                  EFFECTS["variety"]])
    drive = np.column_stack([zq, zc, zv]) @ weights
    phi = EFFECTS["carry_over"]
    noise = np.sqrt(max(MOOD_SD**2 * (1 - phi**2) - drive.var(), 0.05))
    mood = np.empty(days)
    previous = 0.0
    for t in range(days):
        previous = phi * previous + drive[t] + rng.normal(0, noise)
        mood[t] = 6.0 + previous
    return mood


def _skipped(rng: np.random.Generator, mood: float) -> bool:
    return rng.random() < (0.06 + (0.12 if mood < 4.5 else 0.0))


def _entries_of_day(rng: np.random.Generator, day: dt.date, contacts: list[dict], mood: float) -> list[dict]:
    """A morning check-in, one entry per connection, sometimes a late check-in.

    A good connection lifts the moods logged after it; the lifts are centred
    within the day, so they move mood inside the day but not the day's mean.
    """
    contacts = sorted(contacts, key=lambda c: c["hour"])
    morning = rng.random() < 0.6 or not contacts
    late = rng.random() < 0.3 and morning + len(contacts) < 5
    lifts = np.cumsum([0.0] + [0.2 * (c["quality"] - 3) for c in contacts])
    offsets = list(lifts[0 if morning else 1:]) + ([lifts[-1] * 0.5] if late else [])
    offsets = iter(np.array(offsets) - np.mean(offsets))

    def reading() -> str:
        return str(int(np.clip(np.rint(mood + next(offsets) + rng.normal(0, 0.6)), 0, 10)))

    entries = []
    if morning:
        entries.append(_entry(day, int(rng.integers(7, 10)), rng, mood=reading()))
    for contact in contacts:
        person = contact["person"]
        reached = "me" if rng.random() < person.gives else ("mutual" if rng.random() < 0.3 else "them")
        entries.append(_entry(
            day, contact["hour"], rng,
            mood=reading(),
            person=person.name,
            relationship=person.relationship,
            activity=contact["activity"],
            channel=contact["channel"],
            minutes=str(contact["minutes"]),
            quality=str(contact["quality"]),
            initiated_by=reached,
            support=rng.choice(("neither", "neither", "gave", "received", "both")),
            note=_NOTES[rng.integers(len(_NOTES))] if rng.random() < 0.12 else "",
        ))
    if late:
        entries.append(_entry(day, int(rng.integers(22, 24)), rng, mood=reading()))
    return entries


def _entry(day: dt.date, hour: int, rng: np.random.Generator, **fields) -> dict:
    time = f"{hour:02d}:{int(rng.integers(0, 60)):02d}"
    return {c: "" for c in schema.COLUMNS} | {"date": day.isoformat(), "time": time} | fields

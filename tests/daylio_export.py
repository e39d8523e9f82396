"""A real-looking Daylio export, of any of its four header generations, for the import tests and the docs.

A year of entries written the way Daylio writes them: newest first, several
entries on some days, 12-hour times in some rows and 24-hour times in
others, ten mood names (the five defaults and five of the person's own),
activities joined with " | " (some quoted, some with trailing spaces), the
people in them hidden among other activities ("Tania-time", "call mum",
"family", "Ørjan"), notes with ``<br>``, and a byte-order mark in the newer
generations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HEADERS = {
    "year-date": "year,date,weekday,time,mood,activities,note",
    "full-date": "full_date,date,weekday,time,mood,activities,note",
    "note-title": "full_date,date,weekday,time,mood,activities,note_title,note",
    "scales": "full_date,date,weekday,time,mood,activities,scales,note_title,note",
}
MOODS = {"rad": 9, "ecstatic": 10, "good": 7, "content": 6, "meh": 5, "tired": 4, "bad": 3, "anxious": 3,
         "sad": 2, "awful": 1}
OWN_MOODS = ("ecstatic", "content", "tired", "anxious", "sad")
PEOPLE = ("Tania-time", "call mum", "family", "friends", "date night", "Ørjan", "colleagues")
OTHERS = ("work", "walk", "reading", "gym", "cooking", "gaming", "cleaning", "shopping", "sleep early")


def export(generation: str = "scales", *, days: int = 365, end: str = "2026-10-31", seed: int = 0) -> str:
    """The text of an export: about 3.2 entries every 1 day in 1 ... about 1,186 entries for a year."""
    rng = np.random.default_rng(seed)
    lines = []
    for day in pd.date_range(end=end, periods=days)[::-1]:
        count = int(rng.choice([1, 2, 3, 4, 5, 6], p=[0.05, 0.2, 0.35, 0.25, 0.1, 0.05]))
        hours = sorted(rng.choice(np.arange(7, 23), size=count, replace=False), reverse=True)
        for hour in hours:
            minute = int(rng.integers(0, 60))
            if rng.random() < 0.6:
                stamp = f"{(hour - 1) % 12 + 1}:{minute:02d} {'pm' if hour >= 12 else 'am'}"
            else:
                stamp = f"{hour}:{minute:02d}"
            mood = str(rng.choice(list(MOODS)))
            chosen = [str(a) for a in rng.choice(OTHERS, size=int(rng.integers(0, 3)), replace=False)]
            if rng.random() < 0.35:
                chosen += [str(a) for a in rng.choice(PEOPLE, size=int(rng.integers(1, 3)), replace=False)]
            activities = " | ".join(chosen)
            if activities and rng.random() < 0.5:
                activities = f'"{activities} "'
            note = f'"Slept ok.<br>Hour {hour}, fine"' if rng.random() < 0.2 else ""
            lines.append(_row(generation, day, stamp, mood, activities, note, rng))
    bom = "\ufeff" if generation in ("note-title", "scales") else ""
    return bom + HEADERS[generation] + "\n" + "\n".join(lines) + "\n"


def _row(generation: str, day: pd.Timestamp, time: str, mood: str, activities: str, note: str, rng) -> str:
    if generation == "year-date":
        return f"{day.year},{day:%d %B},{day:%A},{time},{mood},{activities},{note}"
    head = f"{day.date()},{day:%b %d},{day:%A},{time},{mood},{activities}"
    if generation == "full-date":
        return f"{head},{note}"
    title = "Evening" if note and rng.random() < 0.5 else ""
    if generation == "note-title":
        return f"{head},{title},{note}"
    scales = f"energy {int(rng.integers(1, 6))}" if rng.random() < 0.3 else ""
    return f"{head},{scales},{title},{note}"


def moods_map() -> str:
    """The moods file filled in: every mood name and its number."""
    return "name,mood\n" + "".join(f"{name},{mood}\n" for name, mood in MOODS.items())

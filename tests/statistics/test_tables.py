"""Days and weeks from entries, on a small journal whose answers are known."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import entropy

import ghw
from ghw.tables import daily, weekly
from helpers import HEADER, write

ROWS = """
a,2026-11-02,08:00,4,,,,,,,,,
b,2026-11-02,12:00,6,Alex,colleague,work chat,in_person,20,2,them,received,
c,2026-11-02,19:00,8,Sam,partner,walk,in_person,40,5,me,gave,
d,2026-11-03,09:00,5,,,,,,,,,
f,2026-11-05,18:00,7,Jo,friend,coffee,call,,4,mutual,neither,
g,2026-11-05,20:00,9,Jo,friend,coffee,in_person,30,5,me,both,
h,2026-11-09,10:00,3,Mum,family,,call,10,3,them,received,
"""


@pytest.fixture
def entries(journal_path):
    write(journal_path, HEADER + ROWS)
    return ghw.load(journal_path)


def test_one_row_per_calendar_day(entries):
    days = daily(entries).set_index("date")
    assert list(days.index) == list(pd.date_range("2026-11-02", "2026-11-09"))
    first = days.loc["2026-11-02"]
    assert first["mood"] == pytest.approx(6.0)
    assert (first["entries"], first["connections"], first["people"], first["variety"]) == (3, 2, 2, 2)
    assert first["minutes"] == 60 and first["quality"] == pytest.approx(3.5)
    assert first["initiative"] == 0.0  # once me, once them
    assert first["support"] == 0.0  # gave once, received once


def test_days_alone_and_days_not_logged(entries):
    days = daily(entries).set_index("date")
    alone = days.loc["2026-11-03"]
    assert alone["connections"] == 0 and alone["variety"] == 0 and np.isnan(alone["quality"])
    assert alone["minutes"] == 0
    gap = days.loc["2026-11-04"]
    assert gap["entries"] == 0 and gap[["mood", "connections", "quality", "variety"]].isna().all()


def test_minutes_missing_only_when_none_logged(entries):
    days = daily(entries).set_index("date")
    assert days.loc["2026-11-05", "minutes"] == 30  # one call without minutes, one coffee of 30
    assert days.loc["2026-11-05", "people"] == 1 and days.loc["2026-11-05", "connections"] == 2
    assert days.loc["2026-11-05", "initiative"] == pytest.approx(0.5)
    assert days.loc["2026-11-05", "support"] == pytest.approx(0.0)  # both counts as even; neither is left out


def test_weeks(entries):
    weeks = weekly(entries).set_index("week")
    assert list(weeks.index) == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-09")]
    first = weeks.loc["2026-11-02"]
    assert first["days_logged"] == 3 and first["connections"] == 4 and first["richness"] == 3
    counts = np.array([1, 1, 2])  # colleague, partner, friend twice
    assert first["evenness"] == pytest.approx(entropy(counts) / np.log(3))
    assert first["mood"] == pytest.approx(np.mean([6.0, 5.0, 8.0]))
    second = weeks.loc["2026-11-09"]
    assert second["richness"] == 1 and np.isnan(second["evenness"])


def test_empty_journal(journal_path):
    write(journal_path, HEADER + "\n")
    entries = ghw.load(journal_path)
    assert daily(entries).empty and weekly(entries).empty
    assert "quality" in daily(entries).columns and "evenness" in weekly(entries).columns

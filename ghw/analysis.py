"""The findings' face on :mod:`ghw.inference`: its tests on daily and weekly tables, in the findings' columns.

Every function returns a tidy DataFrame, one row per result, with the number
of days (or weeks) behind it, a 95% confidence interval, and a ``status``
code (``ok``, ``too_few``, ``no_variation``, ...; :mod:`ghw.vocabulary` has
the words for each) with the numbers that go with it (``needed``,
``about``). The intervals account for mood carrying over from one day to the
next: naive tests on such data find links that are not there far more often
than they claim.

These are associations on one person's data. Good days also lead to more
socializing, so no result here says that one thing causes another.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import inference

__all__ = ["MIN_GROUP_DAYS", "WEEK_LOGGED_DAYS", "whole_weeks", "association", "from_inference", "status", "empty", "on_calendar"]

MIN_GROUP_DAYS = 10  # days with, and days without, before a group is compared


def on_calendar(table: pd.DataFrame, unit: str = "day") -> pd.DataFrame:
    """A daily or weekly table indexed for :mod:`ghw.inference`: by date, or by week number for weeks.

    Lags are then one calendar day, or one calendar week, and gaps stay gaps.
    A table without its date column is taken as consecutive periods, in order.

    Examples
    --------
    Weeks are numbered from 1970, so that weeks next to each other are one apart and a missing week is a gap:

    >>> import pandas as pd
    >>> from ghw import analysis
    >>> weeks = pd.DataFrame({"week": pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-23"]),
    ...                       "mood": [6.0, 6.5, 5.5]})
    >>> analysis.on_calendar(weeks, "week")["mood"]
    week
    2930    6.0
    2931    6.5
    2933    5.5
    Name: mood, dtype: float64
    """
    key = "date" if unit == "day" else "week"
    if key not in table:
        return table.set_index(pd.RangeIndex(len(table), name=key))
    if unit == "day":
        return table.set_index("date")
    weeks = table["week"].to_numpy().astype("datetime64[D]").astype("int64") // 7
    return table.set_index(pd.Index(weeks, name="week"))


WEEK_LOGGED_DAYS = 5  # a week counts in a weekly link when it was logged on at least this many of its 7 days


def whole_weeks(weeks: pd.DataFrame) -> pd.Series:
    """Which weeks of a weekly table count in a link: all seven days in the journal's span, and logged on
    :data:`WEEK_LOGGED_DAYS` of them or more (``days_logged``, where the table has it).

    A week logged on two days has its kinds of relationship counted over two days and its mood averaged over two:
    its measure is smaller and its mood noisier than a full week's, so weeks of few logged days beside full ones
    make a link out of nothing: on year-long journals with nothing linked and a week off now and then, the kinds
    of relationship in a week went with mood in 8.8% of 1,000 when every week counted, and in 5.4% with this rule
    (``benchmarks/false_positives.py``, family "gaps in runs").
    """
    whole = weeks["days"] == 7
    return whole & (weeks["days_logged"] >= WEEK_LOGGED_DAYS) if "days_logged" in weeks else whole


def association(data: pd.DataFrame, x: str, y: str = "mood", *, min_n: int | None = None,
                unit: str = "day") -> pd.DataFrame:
    """Correlation of two series over time, with an interval that allows for carry-over.

    ``data`` is a daily or weekly table (:func:`ghw.tables.daily`,
    :func:`ghw.tables.weekly`); ``unit`` says which. Only whole weeks count:
    the first and last week of a journal are usually cut short, and a
    measure over two days (how many kinds of relationship, who reached out)
    is not comparable with one over seven, while its mood is a mean of
    fewer days; such a week would pull a link on its own. So are weeks
    logged on only a few of their days (:func:`whole_weeks`). The test is
    :func:`ghw.inference.correlation`: the effective number of independent
    days (or weeks), from the two series' lag-1 autocorrelations over
    consecutive calendar days, and Student's t on it. With no carry-over it
    is the ordinary Pearson test. ``min_n`` defaults to
    :data:`ghw.inference.MIN_OBS` days or :data:`ghw.inference.MIN_WEEKS`
    weeks; below it, or with too few effective days, the status is
    ``too_few`` with the number ``needed`` at the carry-over seen so far.

    Returns
    -------
    DataFrame with one row and columns ``x``, ``y``, ``unit``, ``n``
    (periods with both values), ``n_eff``, ``r``, ``ci_low``, ``ci_high``,
    ``p_val``, ``autocorr_x``, ``autocorr_y``, ``status``, ``needed`` and
    ``about``.

    Examples
    --------
    Three weeks of days in which connections and mood rise and fall together; both carry over, so the 21 days
    count as about 9 independent ones:

    >>> import pandas as pd
    >>> from ghw import analysis
    >>> days = pd.DataFrame({"date": pd.date_range("2026-03-01", periods=21),
    ...                      "connections": [0, 1, 2, 3, 2, 1, 0] * 3,
    ...                      "mood": [5, 6, 7, 8, 6, 6, 5, 4, 6, 8, 8, 7, 5, 5, 5, 7, 7, 9, 7, 6, 4]})
    >>> found = analysis.association(days, "connections")
    >>> found[["x", "n", "n_eff", "r", "ci_low", "ci_high", "p_val", "status"]].round(3)
                 x   n  n_eff      r  ci_low  ci_high  p_val status
    0  connections  21  8.956  0.915   0.637    0.983  0.001     ok

    Ten days are too few: the row says so, and how many days would do.

    >>> analysis.association(days.head(10), "connections")[["n", "r", "status", "needed"]]
        n   r   status  needed
    0  10 NaN  too_few      15
    """
    table = on_calendar(data.loc[whole_weeks(data)] if unit == "week" and "days" in data else data, unit)
    default = inference.MIN_OBS if unit == "day" else inference.MIN_WEEKS
    found = inference.correlation(table[x].rename(x), table[y].rename(y), min_n=min_n or default)
    row = {"x": x, "y": y, "unit": unit, "n": found["n"], "n_eff": found["n_eff"], "r": found["estimate"],
           "ci_low": found["ci_low"], "ci_high": found["ci_high"], "p_val": found["p_val"],
           "autocorr_x": found["autocorr_x"], "autocorr_y": found["autocorr_y"]}
    return pd.DataFrame([row | status(found["status"], needed=found.get("needed", np.nan),
                                      about=found.get("variable"))])


def from_inference(table: pd.DataFrame, estimate: str) -> pd.DataFrame:
    """A :mod:`ghw.inference` table in the findings' columns: ``estimate`` renamed, ``variable`` as ``about``."""
    return table.rename(columns={"estimate": estimate, "variable": "about"})


def status(code: str = "ok", *, needed: float = np.nan, about: str | None = None) -> dict:
    """The status columns of a result row: a code and the numbers that go with it.

    ``needed`` is how many (days, weeks, changes) a number needs; ``about``
    names the column a code is about (the one that did not vary).

    Examples
    --------
    >>> from ghw import analysis
    >>> analysis.status("too_few", needed=14)
    {'status': 'too_few', 'needed': 14, 'about': None}
    """
    return {"status": code, "needed": needed, "about": about}


def empty(rows: list[str], key: str, n: int, state: dict, extra: list[str]) -> pd.DataFrame:
    """A result table whose rows have no numbers yet, each saying why."""
    columns = [key, *extra, "ci_low", "ci_high", "p_val"]
    table = pd.DataFrame({c: [np.nan] * len(rows) for c in columns[1:]})
    table.insert(0, key, rows)
    return table.assign(n=n, **state)

"""Statistics shared by the findings, for one person's daily data.

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
from scipy import stats

__all__ = ["MIN_DAYS", "MIN_WEEKS", "MIN_GROUP_DAYS", "LEVEL", "association", "hac_lags", "status",
           "empty"]

MIN_DAYS = 21  # days with both values before a correlation or a model is shown
MIN_WEEKS = 8  # weeks, for the weekly views
MIN_GROUP_DAYS = 10  # days with, and days without, before a group is compared
LEVEL = 0.95
_Z = stats.norm.ppf(0.5 + LEVEL / 2)


def association(data: pd.DataFrame, x: str, y: str = "mood", *, min_n: int = MIN_DAYS, unit: str = "day") -> pd.DataFrame:
    """Correlation of two series over time, with an interval that allows for carry-over.

    Rows of ``data`` must be consecutive periods (as :func:`ghw.tables.daily`
    and :func:`ghw.tables.weekly` give them, gaps included as missing values).
    Day-to-day carry-over makes neighbouring days partly repeat each other, so
    the effective number of independent days is smaller than the number of
    days: ``n_eff = n (1 - a b) / (1 + a b)``, where ``a`` and ``b`` are the
    lag-1 autocorrelations of the two series (Bartlett; Bretherton et al.
    1999). The Fisher-z interval and the t-test then use ``n_eff``. With no
    carry-over this is exactly the ordinary Pearson test; ``n_eff`` is never
    taken above ``n`` (a negative product of autocorrelations counts as zero).

    Returns
    -------
    DataFrame with one row and columns ``x``, ``y``, ``unit``, ``n``
    (periods with both values), ``n_eff``, ``r``, ``ci_low``, ``ci_high``,
    ``p_val``, ``autocorr_x``, ``autocorr_y``, ``status``, ``needed`` and
    ``about``.
    """
    both = data[[x, y]].astype("float64").dropna()
    n = len(both)
    row = {"x": x, "y": y, "unit": unit, "n": n, "n_eff": np.nan, "r": np.nan, "ci_low": np.nan, "ci_high": np.nan,
           "p_val": np.nan, "autocorr_x": np.nan, "autocorr_y": np.nan}
    state = status("too_few", needed=min_n) if n < min_n else status()
    if state["status"] == "ok" and (both[x].nunique() < 2 or both[y].nunique() < 2):
        state = status("no_variation", about=x if both[x].nunique() < 2 else y)
    if state["status"] == "ok":
        a = _lag1(data[x])
        b = _lag1(data[y])
        ab = max(a * b, 0.0) if np.isfinite(a * b) else 0.0
        n_eff = n * (1 - ab) / (1 + ab)
        r = float(np.corrcoef(both[x], both[y])[0, 1])
        row |= {"n_eff": n_eff, "r": r, "autocorr_x": a, "autocorr_y": b}
        if n_eff < 10:
            state = status("carry_over", needed=10)
        else:
            half = _Z / np.sqrt(n_eff - 3)
            z = np.arctanh(np.clip(r, -0.999999, 0.999999))
            t = r * np.sqrt((n_eff - 2) / max(1 - r * r, 1e-12))
            row |= {"ci_low": np.tanh(z - half), "ci_high": np.tanh(z + half), "p_val": 2 * stats.t.sf(abs(t), n_eff - 2)}
    return pd.DataFrame([row | state])


def status(code: str = "ok", *, needed: float = np.nan, about: str | None = None) -> dict:
    """The status columns of a result row: a code and the numbers that go with it.

    ``needed`` is how many (days, weeks, changes) a number needs; ``about``
    names the column a code is about (the one that did not vary).
    """
    return {"status": code, "needed": needed, "about": about}


def empty(rows: list[str], key: str, n: int, state: dict, extra: list[str]) -> pd.DataFrame:
    """A result table whose rows have no numbers yet, each saying why."""
    columns = [key, *extra, "ci_low", "ci_high", "p_val"]
    table = pd.DataFrame({c: [np.nan] * len(rows) for c in columns[1:]})
    table.insert(0, key, rows)
    return table.assign(n=n, **state)


def hac_lags(n: int) -> int:
    """Newey-West's rule of thumb for the HAC bandwidth."""
    return max(1, int(np.floor(4 * (n / 100) ** (2 / 9))))


def _lag1(series: pd.Series) -> float:
    """Lag-1 autocorrelation over consecutive periods, skipping gaps."""
    values = series.astype("float64")
    value = values.autocorr(1) if values.notna().sum() > 2 else np.nan
    return float(value) if np.isfinite(value) else 0.0

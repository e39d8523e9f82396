"""Whether one series changed over time: a step from one period to the next, or a trend.

A person's mood, or how close they feel to someone, carries over from one
day to the next. Over a week or a month such a series wanders, and a plain
comparison of two periods (or a straight line through the days) takes the
wandering for a change far more often than it promises. The usual remedy,
counting effective days from the carry-over seen in the data, is not enough
here: a week holds too few days to see how much the series carries over,
and when the carry-over is underestimated the test is again too sure.

So the test is calibrated by simulation, on the very calendar days the data
have. The statistic is the least-squares slope on the step (or on the date)
divided by its standard error under carry-over on those days, at the
carry-over estimated from the residuals (``T``). What people log is a state
that carries over plus each day's own noise (a mood rounded to whole
points, a mean of a few entries), whose correlation ``d`` days apart is
``scale * rate**d``; the rate is read from the ratio of farther to nearer
neighbours' correlations where that fades more slowly than the nearer
alone say, and the scale makes the nearer right. The p-value of ``T`` at
that estimate comes from series simulated with no change at each rate of a
grid and each scale of :data:`SCALES` (``p_plug``, a parametric
bootstrap). That p-value is still too small on short series, so it is read
as a statistic in turn: the p-value reported is the largest, over the
grid's rates up to :data:`CAP` and every scale, of the share of simulated
series whose ``p_plug`` is at least as small (a maximized Monte Carlo test,
Dufour 2006). It therefore keeps its 5% for any carry-over up to
:data:`CAP` with at least three quarters of the variance carried over, by
construction and on the user's own calendar; with few days it mostly
answers that a change cannot be told.

The interval inverts the same test (shifting the data by a candidate change
moves ``T`` and nothing else), so it leaves out zero exactly when the
p-value is below 0.05. ``docs/statistics.md`` gives the measured rates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import signal

from .inference import ALPHA, calendar_days

__all__ = ["CAP", "GRID", "SCALES", "step", "trend", "mood_change", "MIN_CHANGE_DAYS"]

GRID = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
"""Carry-overs (lag-1 autocorrelation per calendar day) the null series are simulated at."""
CAP = 0.7
"""The strongest carry-over the p-value allows for (daily moods are reported at 0.1-0.5)."""
_DRAWS = 400  # simulated series per carry-over of the grid
_SEED = 20261  # fixed, so that the same data always get the same answer


def step(values: pd.Series, later: pd.Series, *, min_days: int = 7) -> dict:
    """Mean of ``values`` on the days marked ``later`` minus on the others, allowing for carry-over.

    ``values`` (one number per calendar day, indexed by date) and ``later``
    (boolean, same dates) say which days belong to the second period. Both
    periods need ``min_days`` days with a value.

    Returns
    -------
    dict with ``estimate`` (later minus earlier), ``se``, ``ci_low``,
    ``ci_high``, ``p_val``, ``n`` (days), ``n_before``, ``n_after``,
    ``mean_before``, ``mean_after``, ``carry_over`` (the estimate used),
    ``status`` (``ok``; ``too_few`` when a side has fewer than ``min_days``
    days, ``needed`` then says how many, or when no change however large
    could be told on these days; ``no_variation``) and ``needed``.
    """
    frame = pd.concat([values.rename("y"), later.rename("later")], axis=1).dropna().sort_index()
    flags = frame["later"].astype(bool).to_numpy()
    y = frame["y"].astype("float64").to_numpy()
    out = {"n_before": int((~flags).sum()), "n_after": int(flags.sum()),
           "mean_before": float(y[~flags].mean()) if (~flags).any() else np.nan,
           "mean_after": float(y[flags].mean()) if flags.any() else np.nan}
    if min(out["n_before"], out["n_after"]) < min_days:
        return _blank(len(y)) | out | {"status": "too_few", "needed": min_days}
    return _blank(len(y)) | out | _test(y, flags.astype("float64"), calendar_days(frame.index))


MIN_CHANGE_DAYS = 7  # days with a mood in each period before a change is looked for


def mood_change(days: pd.DataFrame, start: dt.date) -> dict | None:
    """Daily mood from ``start`` on against the days before it in ``days`` (a :func:`ghw.tables.daily` table).

    The test is :func:`ghw.change.step`: the difference of the two periods'
    mean daily moods, judged against what carry-over from one day to the
    next gives with no change at all, on these very days. Each period needs
    :data:`MIN_CHANGE_DAYS` days with a mood. None when one of the periods
    has no mood at all.
    """
    logged = days.dropna(subset=["mood"]).set_index("date")["mood"]
    later = pd.Series(logged.index.date >= start, logged.index)
    if not later.any() or later.all():
        return None
    return step(logged, later, min_days=MIN_CHANGE_DAYS)


def trend(values: pd.Series, *, min_n: int = 8) -> dict:
    """Slope of ``values`` on the date, per 30 days, allowing for carry-over between nearby weeks.

    ``values`` is indexed by date. Values are averaged per calendar week
    (Monday to Sunday) first: ratings made close together share the state
    of those days, so a week of them is one observation, and a trend over
    weeks and months is what the question is about. At least ``min_n``
    values in at least three weeks are needed.

    Returns
    -------
    dict with ``estimate`` (change per 30 days), ``se``, ``ci_low``,
    ``ci_high``, ``p_val``, ``n`` (weeks), ``carry_over`` (per week),
    ``status`` and ``needed`` (values needed, when too few).
    """
    present = values.astype("float64").dropna()
    weeks = (calendar_days(present.index) + 3) // 7  # day 0 (1970-01-01) was a Thursday: weeks start on Monday
    means = pd.Series(present.to_numpy(), index=weeks).groupby(level=0).mean()
    if len(present) < min_n or len(means) < 3:
        return _blank(len(means)) | {"status": "too_few", "needed": min_n}
    x = (means.index.to_numpy() - means.index.min()) * 7 / 30
    return _blank(len(means)) | _test(means.to_numpy(), x.astype("float64"), means.index.to_numpy())


def _blank(n: int) -> dict:
    return {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan, "n": n,
            "carry_over": np.nan, "carried_share": np.nan, "status": "ok", "needed": np.nan}


def _test(y: np.ndarray, x: np.ndarray, days: np.ndarray) -> dict:
    """The calibrated test of the slope of ``y`` on ``x`` over calendar ``days`` (distinct, in order)."""
    if np.ptp(y) == 0:
        return {"status": "no_variation"}
    reference = _reference(x.tobytes(), days.astype("int64").tobytes())
    slope, t, rate, scale, se = reference.design.statistic(y[None, :])
    numbers = {"estimate": float(slope[0]), "se": float(se[0]), "carry_over": float(rate[0]),
               "carried_share": float(scale[0])}
    critical = reference.critical(rate[0], scale[0], ALPHA)
    if not np.isfinite(critical):  # no change however large could be told from carry-over on these days
        return numbers | {"status": "too_few"}
    half = critical * se[0]
    return numbers | {"ci_low": float(slope[0] - half), "ci_high": float(slope[0] + half),
                      "p_val": reference.p_value(rate[0], scale[0], t[0])}


_STEP = 0.005
_LEVELS = np.round(np.arange(0.0, GRID[-1] + 1e-9, _STEP), 3)  # carry-over estimates are rounded to these


class _Design:
    """What the test needs of the days and the regressor, shared by the data and every simulated series.

    Residuals are modelled as a state that carries over plus noise of each
    day's own: their correlation ``d`` calendar days apart is
    ``scale * rate**d`` (``scale`` 1 is AR(1); below 1, the share of the
    variance that is the carried-over state).
    """

    def __init__(self, x: np.ndarray, days: np.ndarray):
        self.n = len(days)
        self.offsets = days - days[0]
        gaps_1, gaps_2 = np.diff(days), days[2:] - days[:-2]
        # Observations next to each other (and one further) d days apart are correlated by scale * rate ** d:
        # their means over the pairs, per level, turn the residuals' correlations into a carry-over per day,
        # whatever the gaps; the ratio of the two is the rate alone.
        self.near = np.mean(_LEVELS[:, None] ** gaps_1[None, :], axis=1)
        far = np.mean(_LEVELS[:, None] ** gaps_2[None, :], axis=1) if self.n > 2 else _LEVELS**2
        self.ratio = np.maximum.accumulate(np.divide(far, self.near, out=np.zeros_like(far), where=self.near > 0))
        self.xc = x - x.mean()
        self.sxx = float(self.xc @ self.xc)
        self.weights = self.xc / self.sxx
        # Per level, for a scale of 1: E[residual sum of squares] / variance - n, and Var(slope) / variance.
        self.trace = self._quad(np.ones(self.n)) / self.n + self._quad(self.xc) / self.sxx - 2.0
        self.variance = self._quad(self.weights) - self.weights @ self.weights

    def _quad(self, v: np.ndarray) -> np.ndarray:
        """``v' R v`` at every level, where ``R[s, t] = rate ** |d_s - d_t|`` over the calendar days.

        The sums of ``v_s v_t`` over pairs ``k`` days apart come from one FFT;
        ``v' R v`` is then a polynomial in the rate with them as coefficients.
        """
        span = int(self.offsets[-1]) + 1
        grid = np.zeros(span)
        grid[self.offsets] = v
        size = 1 << int(np.ceil(np.log2(2 * span)))
        spectrum = np.fft.rfft(grid, size)
        lagged = np.fft.irfft(spectrum * np.conj(spectrum), size)[:span]
        lags = np.flatnonzero(np.abs(lagged[1:]) > 1e-12 * max(abs(lagged[0]), 1e-300)) + 1
        powers = _LEVELS[:, None] ** lags[None, :]
        return v @ v + 2 * powers @ lagged[lags]

    def statistic(self, y: np.ndarray):
        """Slope, ``|T|``, carry-over (rate, scale) and standard error for each row of ``y`` (values in date order)."""
        slope = y @ self.weights
        resid = y - y.mean(axis=1, keepdims=True) - slope[:, None] * self.xc[None, :]
        power = np.mean(resid * resid, axis=1)
        ok = power > 0
        near = np.divide((resid[:, :-1] * resid[:, 1:]).mean(axis=1), power, out=np.zeros(len(y)), where=ok)
        far = np.divide((resid[:, :-2] * resid[:, 2:]).mean(axis=1), power, out=np.zeros(len(y)), where=ok)
        # Correlations fall short on short series (about (1 + 4 rho) / n, and 2 / n more for the two fitted
        # coefficients; Kendall 1954): corrected. The rate is read from the nearest neighbours as if there were no
        # noise, or from the ratio of the farther to the nearer where that says it fades more slowly.
        near = np.where(near > 0, (self.n * near + 2) / max(self.n - 4, 1), 0.0)
        far = np.where(far > 0, (self.n * far + 2) / max(self.n - 4, 1), 0.0)
        as_ar1 = np.searchsorted(self.near, near)
        slower = np.where(near > 0.1, np.searchsorted(self.ratio, np.divide(far, near, out=np.zeros(len(y)),
                                                                            where=near > 0)), 0)
        level = np.clip(np.maximum(as_ar1, slower), 0, len(_LEVELS) - 1)
        scale = np.clip(np.divide(near, self.near[level], out=np.ones(len(y)), where=self.near[level] > 0), 0.0, 1.0)
        scale = np.where(level > 0, scale, 1.0)
        s2 = np.sum(resid * resid, axis=1) / np.maximum(self.n - 2 - scale * self.trace[level], 1.0)
        variance = self.weights @ self.weights + scale * self.variance[level]
        se = np.sqrt(np.maximum(s2 * variance, 1e-300))
        return slope, np.abs(slope) / se, _LEVELS[level], scale, se


SCALES = np.array([1.0, 0.75])
"""Shares of the variance carried over (the rest is each day's own noise) the null series are simulated at."""


@lru_cache(maxsize=64)
def _reference(x: bytes, days: bytes) -> _Reference:
    """The simulated null on these days (cached: a design met again is answered at once)."""
    x, days = np.frombuffer(x), np.frombuffer(days, dtype="int64")
    design = _Design(x, days)
    span = int(design.offsets[-1]) + 1
    rng = np.random.default_rng(_SEED)
    noise, own = rng.standard_normal((_DRAWS, span)), rng.standard_normal((_DRAWS, design.n))
    tables = {}
    for g in GRID:  # the same innovations at every carry-over, so the grid's answers vary smoothly
        initial = g * noise[:, :1] / np.sqrt(1 - g * g)
        state = (signal.lfilter([1.0], [1.0, -g], noise, axis=1, zi=initial)[0] * np.sqrt(1 - g * g))[:, design.offsets]
        for scale in SCALES:
            _, t, rate, shown, _ = design.statistic(np.sqrt(scale) * state + np.sqrt(1 - scale) * own)
            tables[g, scale] = (rate, shown, t)
    return _Reference(design, tables)


class _Reference:
    """The simulated null: for each carry-over of the grid and scale, the estimates and ``|T|`` of its series."""

    def __init__(self, design: _Design, tables: dict):
        self.design = design
        self.draws = len(next(iter(tables.values()))[2])
        sorted_t = [np.sort(tables[g, scale][2]) for g in GRID for scale in SCALES]
        # All tables in one sorted array, each shifted above the one before, so that one search answers every table.
        self.shift = float(max(t[-1] for t in sorted_t)) * 2 + 1.0
        self.stacked = np.concatenate([t + k * self.shift for k, t in enumerate(sorted_t)])
        self.sorted_t = sorted_t
        self.plug = [np.sort(self._plug(rate, scale, t)) for (g, _), (rate, scale, t) in tables.items() if g <= CAP]

    def _tables(self, rate: np.ndarray, scale: np.ndarray):
        """The two tables around each estimate (the rates of the grid on either side, the nearest scale), and the
        weight of the upper one."""
        position = np.interp(rate, GRID, np.arange(len(GRID)))
        low = np.floor(position).astype(int)
        high = np.minimum(low + 1, len(GRID) - 1)
        nearest = np.abs(np.asarray(scale)[:, None] - SCALES[None, :]).argmin(axis=1)
        return low * len(SCALES) + nearest, high * len(SCALES) + nearest, position - low

    def _plug(self, rate: np.ndarray, scale: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Parametric bootstrap p-value of ``|T|`` at the estimated carry-over (between grid rates, linearly)."""
        low, high, share = self._tables(rate, scale)
        t = np.minimum(t, self.shift / 2)  # beyond every table: its tail is 0 all the same

        def tail(keys):
            return 1 - (np.searchsorted(self.stacked, t + keys * self.shift, side="left") - keys * self.draws) / self.draws

        return (1 - share) * tail(low) + share * tail(high)

    def p_value(self, rate: float, scale: float, t: float) -> float:
        """The largest, over the carry-overs up to :data:`CAP` and every scale, of the chance of a bootstrap
        p-value this small."""
        observed = self._plug(np.array([rate]), np.array([scale]), np.array([t]))[0]
        return float(max(np.searchsorted(plug, observed, side="right") / len(plug) for plug in self.plug))

    def critical(self, rate: float, scale: float, level: float) -> float:
        """The largest ``|T|`` whose p-value is not below ``level``: clear exactly when ``|T|`` is beyond it.

        The p-value only moves where ``|T|`` passes a value of the two tables
        around the estimate and is constant between them, so those values
        are the candidates (inf when no ``|T|`` is clear).
        """
        low, high, _ = self._tables(np.array([rate]), np.array([scale]))
        candidates = np.unique(np.concatenate([[0.0], self.sorted_t[low[0]], self.sorted_t[high[0]]]))
        probes = np.append(candidates[1:], candidates[-1] * 1.001 + 1.0)  # p on (candidate, next candidate]
        observed = self._plug(np.full(len(probes), rate), np.full(len(probes), scale), probes)
        worst = np.zeros(len(probes))
        for plug in self.plug:
            worst = np.maximum(worst, np.searchsorted(plug, observed, side="right") / len(plug))
        below = np.flatnonzero(worst < level)
        return float(candidates[below[0]]) if len(below) else np.inf

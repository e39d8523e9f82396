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
divided by its standard error under AR(1) carry-over on calendar days at
the carry-over estimated from the residuals (``T``). Its p-value at that
estimate comes from series simulated with no change at each carry-over of
a grid (``p_plug``, a parametric bootstrap). That p-value is still too small
on short series, so it is read as a statistic in turn: the p-value reported
is the largest, over the carry-overs of the grid from 0 to :data:`CAP`, of
the share of simulated series whose ``p_plug`` is at least as small (a
maximized Monte Carlo test, Dufour 2006). It therefore keeps its 5% for any
carry-over up to :data:`CAP`, by construction and on the user's own
calendar, and costs little where the bootstrap alone was nearly right; with
few days it mostly answers that a change cannot be told.

The interval inverts the same test (shifting the data by a candidate change
moves ``T`` and nothing else), so it leaves out zero exactly when the
p-value is below 0.05. ``docs/statistics.md`` gives the measured rates.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import signal

from .inference import LEVEL, calendar_days

__all__ = ["CAP", "GRID", "step", "trend"]

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
            "carry_over": np.nan, "status": "ok", "needed": np.nan}


def _test(y: np.ndarray, x: np.ndarray, days: np.ndarray) -> dict:
    """The calibrated test of the slope of ``y`` on ``x`` over calendar ``days`` (distinct, in order)."""
    if np.ptp(y) == 0:
        return {"status": "no_variation"}
    reference = _reference(x.tobytes(), days.astype("int64").tobytes())
    slope, t, phi, se = reference.design.statistic(y[None, :])
    numbers = {"estimate": float(slope[0]), "se": float(se[0]), "carry_over": float(phi[0])}
    critical = reference.critical(phi[0], 1 - LEVEL)
    if not np.isfinite(critical):  # no change however large could be told from carry-over on these days
        return numbers | {"status": "too_few"}
    half = critical * se[0]
    return numbers | {"ci_low": float(slope[0] - half), "ci_high": float(slope[0] + half),
                      "p_val": reference.p_value(phi[0], abs(t[0]))}


_STEP = 0.005
_LEVELS = np.round(np.arange(0.0, GRID[-1] + 1e-9, _STEP), 3)  # carry-over estimates are rounded to these


class _Design:
    """What the test needs of the days and the regressor, shared by the data and every simulated series."""

    def __init__(self, x: np.ndarray, days: np.ndarray):
        self.n = len(days)
        self.offsets = days - days[0]
        # Neighbouring observations d days apart are correlated by phi ** d: their mean over the pairs, per level,
        # turns the residuals' mean neighbour correlation into a carry-over per day, whatever the gaps.
        self.neighbours = np.mean(_LEVELS[:, None] ** np.diff(days)[None, :], axis=1) if self.n > 1 else _LEVELS
        self.xc = x - x.mean()
        self.sxx = float(self.xc @ self.xc)
        self.weights = self.xc / self.sxx
        # Per carry-over level: E[residual sum of squares] / variance, and Var(slope) / variance.
        trace = self._quad(np.ones(self.n)) / self.n + self._quad(self.xc) / self.sxx
        self.dof = np.maximum(self.n - trace, 1.0)
        self.variance = self._quad(self.weights)

    def _quad(self, v: np.ndarray) -> np.ndarray:
        """``v' R v`` at every level, where ``R[s, t] = phi ** |d_s - d_t|`` over the calendar days.

        The sums of ``v_s v_t`` over pairs ``k`` days apart come from one FFT;
        ``v' R v`` is then a polynomial in ``phi`` with them as coefficients.
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
        """Slope, ``T``, carry-over and standard error for each row of ``y`` (values in date order)."""
        slope = y @ self.weights
        resid = y - y.mean(axis=1, keepdims=True) - slope[:, None] * self.xc[None, :]
        power = np.mean(resid * resid, axis=1)
        products = (resid[:, :-1] * resid[:, 1:]).mean(axis=1)
        r = np.divide(products, power, out=np.zeros(len(y)), where=power > 0)
        # The neighbour correlation falls short on short series (about (1 + 4 rho) / n, and 2 / n more for the
        # two fitted coefficients; Kendall 1954): corrected, then read as a carry-over per calendar day.
        r = np.where(r > 0, (self.n * r + 2) / max(self.n - 4, 1), 0.0)
        level = np.clip(np.searchsorted(self.neighbours, r), 0, len(_LEVELS) - 1)
        s2 = np.sum(resid * resid, axis=1) / self.dof[level]
        se = np.sqrt(np.maximum(s2 * self.variance[level], 1e-300))
        return slope, slope / se, _LEVELS[level], se


@lru_cache(maxsize=64)
def _reference(x: bytes, days: bytes) -> _Reference:
    """The simulated null on these days (cached: a design met again is answered at once)."""
    x, days = np.frombuffer(x), np.frombuffer(days, dtype="int64")
    design = _Design(x, days)
    span = int(design.offsets[-1]) + 1
    noise = np.random.default_rng(_SEED).standard_normal((_DRAWS, span))
    stats = []
    for g in GRID:  # the same innovations at every carry-over, so the grid's answers vary smoothly
        initial = g * noise[:, :1] / np.sqrt(1 - g * g)
        series = signal.lfilter([1.0], [1.0, -g], noise, axis=1, zi=initial)[0] * np.sqrt(1 - g * g)
        _, t, phi, _ = design.statistic(series[:, design.offsets])
        stats.append((phi, np.abs(t)))
    return _Reference(design, stats)


class _Reference:
    """The simulated null: for each carry-over of the grid, the estimated carry-overs and ``|T|`` of its series."""

    def __init__(self, design: _Design, stats):
        self.design = design
        self.t = [np.sort(t) for _, t in stats]
        # All tables in one sorted array, each shifted above the one before, so that one search answers every table.
        self.shift = float(max(t[-1] for t in self.t)) * 2 + 1.0
        self.stacked = np.concatenate([t + i * self.shift for i, t in enumerate(self.t)])
        self.plug = [np.sort(self._plug(phi, t)) for (phi, t), g in zip(stats, GRID) if g <= CAP]

    def _plug(self, phi: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Parametric bootstrap p-value of ``|T|`` at the estimated carry-over (between grid points, linearly)."""
        position = np.interp(phi, GRID, np.arange(len(GRID)))
        low = np.floor(position).astype(int)
        high = np.minimum(low + 1, len(GRID) - 1)
        share = position - low
        draws = len(self.t[0])
        t = np.minimum(t, self.shift / 2)  # beyond every table: its tail is 0 all the same

        def tail(rows):
            return 1 - (np.searchsorted(self.stacked, t + rows * self.shift, side="left") - rows * draws) / draws

        return (1 - share) * tail(low) + share * tail(high)

    def p_value(self, phi: float, t: float) -> float:
        """The largest, over the carry-overs up to :data:`CAP`, of the chance of a bootstrap p-value this small."""
        observed = self._plug(np.array([phi]), np.array([t]))[0]
        return float(max(np.searchsorted(plug, observed, side="right") / len(plug) for plug in self.plug))

    def critical(self, phi: float, level: float) -> float:
        """The largest ``|T|`` whose p-value is not below ``level``: clear exactly when ``|T|`` is beyond it.

        The p-value only moves where ``|T|`` passes a value of the two tables
        next to ``phi`` and is constant between them, so those values are
        the candidates (inf when no ``|T|`` is clear).
        """
        position = np.interp(phi, GRID, np.arange(len(GRID)))  # only the two neighbouring tables move it
        candidates = np.unique(np.concatenate([[0.0], self.t[int(np.floor(position))],
                                               self.t[int(np.ceil(position))]]))
        probes = np.append(candidates[1:], candidates[-1] * 1.001 + 1.0)  # p on (candidate, next candidate]
        observed = self._plug(np.full(len(probes), phi), probes)
        worst = np.zeros(len(probes))
        for plug in self.plug:
            worst = np.maximum(worst, np.searchsorted(plug, observed, side="right") / len(plug))
        below = np.flatnonzero(worst < level)
        return float(candidates[below[0]]) if len(below) else np.inf

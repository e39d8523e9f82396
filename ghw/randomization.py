"""Randomisation tests for one person's experiment with days drawn at random.

When the days on which something is done were drawn at random, the draw
itself says how surprising a difference is: had the act done nothing, every
other schedule the same draw could have given was equally likely, and the
difference computed with each of them shows what chance alone produces
(Edgington & Onghena). The test holds its 5% level whatever the mood does
from day to day (carry-over, trends, weekly rhythms), because it relies on
the draw and nothing else.

A *design* is the family of schedules one draw picks from
(:class:`ghw.experiment.Design`); this module needs only a boolean matrix of
schedules, one row per schedule and one column per day. Every function works
on plain numpy arrays so that the benchmarks can run thousands of
experiments.
"""

from __future__ import annotations

import numpy as np

__all__ = ["contrast", "test", "interval", "simulate_days", "LEVEL"]

LEVEL = 0.95
_TIE = 1e-9  # differences this close count as equal, so rounding never decides a p-value


def contrast(schedules: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Mean of ``y`` on the marked days minus its mean on the other kept days, for every schedule.

    ``schedules`` and ``keep`` are boolean, shaped (schedules, days) (``keep``
    may be one row for all); ``y`` has one value per day, ``nan`` where
    missing. A schedule with no kept day on a side gives ``nan``.
    """
    known = keep & ~np.isnan(y)
    values = np.nan_to_num(y)
    marked = schedules & known
    other = ~schedules & known
    n_marked, n_other = marked.sum(axis=-1), other.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return marked @ values / n_marked - other @ values / n_other


def test(stats: np.ndarray) -> float:
    """Two-sided p-value of the first entry of ``stats`` against all of them.

    ``stats[0]`` is the difference with the schedule that was used;
    ``stats[1:]`` are the differences with the other schedules of the family
    (all of them, for an exact test) or with schedules drawn from it at
    random (Monte Carlo). Counting the schedule used among them keeps the
    Monte Carlo p-value valid: it is never below 1 / (draws + 1) (Phipson &
    Smyth 2010). Schedules that leave a side empty are left out.
    """
    stats = stats[~np.isnan(stats)]
    return float(np.mean(np.abs(stats) >= abs(stats[0]) - _TIE))


def interval(stats: np.ndarray, shift: np.ndarray, *, level: float = LEVEL) -> tuple[float, float]:
    """Confidence interval for a constant effect, by inverting the randomisation test.

    If the act changes the outcome by ``tau`` on every day it marks, then
    taking ``tau`` off those days leaves data on which it did nothing, and
    the difference of each schedule becomes ``stats - tau * shift``, where
    ``shift`` is :func:`contrast` applied to the schedule used (1 on its
    days, 0 elsewhere). The interval holds every ``tau`` that the test at
    ``1 - level`` does not reject (Rosenbaum 2002). Found on a grid, then
    refined by bisection at each end.
    """
    ok = ~(np.isnan(stats) | np.isnan(shift))
    stats, shift = stats[ok], shift[ok]
    alpha = 1 - level
    estimate = stats[0]

    def p(tau: np.ndarray) -> np.ndarray:
        moved = np.abs(stats[None, :] - np.outer(tau, shift))
        return np.mean(moved >= moved[:, :1] - _TIE, axis=1)

    spread = max(float(np.std(stats[1:])) if len(stats) > 1 else 0.0, 1e-6)
    grid = estimate + np.linspace(-8, 8, 321) * spread
    kept = p(grid) > alpha
    if not kept.any():
        return estimate, estimate
    inside = np.flatnonzero(kept)
    ends = []
    for edge, step in ((inside[0], -1), (inside[-1], 1)):
        if edge + step < 0 or edge + step >= len(grid):
            ends.append(-np.inf if step < 0 else np.inf)
            continue
        good, bad = grid[edge], grid[edge + step]
        for _ in range(40):
            middle = (good + bad) / 2
            good, bad = (middle, bad) if p(np.array([middle]))[0] > alpha else (good, middle)
        ends.append(good)
    return float(ends[0]), float(ends[1])


def simulate_days(schedule: np.ndarray, *, effect: float, carry_over: float, rng: np.random.Generator,
                  autocorrelation: float = 0.3, missing: float = 0.1) -> np.ndarray:
    """Daily outcomes in standard deviations for schedules (rows), as the benchmarks and the power estimates use.

    Mood follows an autoregressive series (lag-1 ``autocorrelation``, variance
    1). The act adds ``effect`` on each day it is done; ``carry_over`` is the
    share of yesterday's added effect that lingers today when the act is not
    done (so it fades as ``effect``, ``effect * c``, ``effect * c**2``, ...
    after the last act day, and never builds above ``effect``). A share
    ``missing`` of days goes unlogged, at random.
    """
    schedule = np.atleast_2d(schedule)
    runs, days = schedule.shape
    noise = np.empty((runs, days))
    noise[:, 0] = rng.standard_normal(runs)
    scale = np.sqrt(1 - autocorrelation**2)
    shocks = rng.standard_normal((runs, days)) * scale
    added = np.zeros((runs, days))
    for t in range(days):
        if t:
            noise[:, t] = autocorrelation * noise[:, t - 1] + shocks[:, t]
            added[:, t] = np.where(schedule[:, t], effect, carry_over * added[:, t - 1])
        else:
            added[:, t] = np.where(schedule[:, t], effect, 0.0)
    y = noise + added
    y[rng.random((runs, days)) < missing] = np.nan
    return y

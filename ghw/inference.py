"""Tests that keep their promise on one person's short, autocorrelated days.

Mood carries over from one day to the next, and so do the things it is
compared with. Neighbouring days then partly repeat each other, and a test
that counts every day as new evidence finds links that are not there. Every
method here counts evidence in *effective* observations instead, and uses
Student's t with that many degrees of freedom, so that at the sizes people
actually have (three weeks to a few months) a "clear" result is wrong about
as often as it promises. ``docs/statistics.md`` gives the reasoning,
references and the simulated false-positive rates.

Inputs are numbers on a calendar: a pandas Series (or DataFrame) indexed by
date, one row per day that has a value. Missing days are simply absent (or
NaN): lags are counted in calendar days, so the day after a gap is never
treated as "the next day".

Outputs are plain numbers: a dict for one result, a tidy DataFrame with one
row per term for several, always with ``estimate, se, ci_low, ci_high, p_val,
n, n_eff, df`` and ``status``. ``status`` is a code, never a sentence:

- ``"ok"``: the numbers are there;
- ``"too_few"``: not enough evidence yet; ``needed`` says how many
  observations (days, weeks, pairs or changes, whatever ``n`` counts) would be
  enough at the carry-over seen so far;
- ``"no_variation"``: a variable is the same everywhere (``variable`` names it);
- ``"collinear"``: two predictors say the same thing, so their effects cannot
  be told apart.

Long because every test here counts effective days through the same private helpers (the
carry-over, the pairs of days by lag, the clustered means); apart, each would reach into the other's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "LEVEL",
    "ALPHA",
    "clear",
    "MIN_DF",
    "MIN_OBS",
    "MIN_WEEKS",
    "calendar_days",
    "carry_over",
    "lag1",
    "autocorrelation",
    "effective_n",
    "correlation",
    "regression",
    "quality_vs_quantity",
    "next_day",
    "group_difference",
    "mood_by",
    "mood_lift",
    "holm",
    "fdr",
]

LEVEL = 0.95  # confidence level of every interval
ALPHA = round(1 - LEVEL, 12)  # "clear" means p < ALPHA: 0.05, not the 0.05000000000000004 that 1 - 0.95 is
MIN_DF = 2  # effective degrees of freedom below which no interval is given
MIN_OBS = 14  # days below which the carry-over cannot be estimated at all
MIN_WEEKS = 8  # the same for weekly series, which carry over less from one week to the next

_COLUMNS = ["estimate", "se", "ci_low", "ci_high", "p_val", "n", "n_eff", "df", "status", "needed"]


def clear(row) -> bool:
    """Whether one result (a row of any table here, a Series or a dict) is clear: the one decision rule.

    A result is clear when its status is ``ok`` and its p-value is below
    :data:`ALPHA` (0.05): Holm's ``p_adj`` where the result is one of a family
    read together (:func:`next_day`), the Benjamini-Hochberg ``p_fdr`` where
    it is one of a screen (:func:`mood_by`), else ``p_val``. Every interval
    here is built from the same test, so for a single result the 95%
    interval leaves out zero exactly when it is clear; numbers and sentences
    both decide through this function.

    Examples
    --------
    >>> from ghw import inference
    >>> inference.clear({"status": "ok", "p_val": 0.01})
    True

    One of a family of tests is decided by its adjusted p-value, and a result without numbers is never clear:

    >>> inference.clear({"status": "ok", "p_val": 0.01, "p_adj": 0.08})
    False
    >>> inference.clear({"status": "too_few", "p_val": 0.01})
    False
    """
    if row.get("status", "ok") != "ok":
        return False
    for key in ("p_adj", "p_fdr", "p_val"):
        value = row.get(key)
        if value is not None:
            return bool(pd.notna(value) and value < ALPHA)
    return False


def calendar_days(index) -> np.ndarray:
    """Whole days since 1970-01-01 for a date-like index (integers are taken as day numbers)."""
    index = pd.Index(index)
    if pd.api.types.is_integer_dtype(index.dtype):
        return index.to_numpy(dtype="int64")
    return pd.DatetimeIndex(index).to_numpy().astype("datetime64[D]").astype("int64")


def lag1(values, days) -> float:
    """Lag-1 autocorrelation over pairs of values exactly one calendar day apart.

    The usual estimator (lag-1 autocovariance over variance, both about the
    overall mean), computed over the pairs that really are consecutive days,
    so a gap is never bridged. Returns 0.0 when there is no such pair or no
    variation: without evidence of carry-over none is assumed (the effective
    n then falls back to n, which the minimum on ``n`` keeps safe).

    Examples
    --------
    Six days in a row, then the same values with a week's gap after the third: the gap is not bridged.

    >>> from ghw import inference
    >>> round(inference.lag1([1, 2, 3, 4, 5, 6], days=[0, 1, 2, 3, 4, 5]), 2)
    0.6
    >>> round(inference.lag1([1, 2, 3, 4, 5, 6], days=[0, 1, 2, 10, 11, 12]), 2)
    0.77
    """
    return autocorrelation(values, days, 1)


def autocorrelation(values, days, lag: int) -> float:
    """Autocorrelation over the pairs of values exactly ``lag`` calendar days apart (0.0 when there are none)."""
    values = np.asarray(values, dtype="float64")
    days = np.asarray(days)
    centred = values - values.mean()
    variance = np.mean(centred * centred)
    if len(values) < 2 or variance <= 0:
        return 0.0
    later = np.searchsorted(days, days + lag)
    found = later < len(days)
    found[found] = days[later[found]] == days[found] + lag
    if not found.any():
        return 0.0
    return float(np.mean(centred[found] * centred[later[found]]) / variance)


def effective_n(days, rho: float, scale: float = 1.0) -> float:
    """Number of independent observations that carry the same information.

    For ``n`` observations on calendar days ``d``, where the product of the
    two series' autocorrelations at lag ``k`` days is ``scale * rho**k``,
    the variance of a sum of cross-products is ``n + 2 scale sum_{s<t}
    rho**(d_t - d_s)`` times that of one term, so ``n_eff = n**2 / (n + 2
    scale sum rho**(d_t - d_s))``. Without gaps, for large ``n`` and
    ``scale`` 1 this is Bartlett's ``n (1 - rho) / (1 + rho)``; with gaps,
    days far apart count as less alike. ``rho`` at or below 0 gives ``n``.

    Examples
    --------
    Ten days in a row with a lag-1 autocorrelation of 0.5 carry about as much as four independent ones; the same
    ten days as two runs far apart carry a little more, and without carry-over each day counts in full:

    >>> from ghw import inference
    >>> round(inference.effective_n(range(10), 0.5), 2)
    3.85
    >>> round(inference.effective_n([0, 1, 2, 3, 4, 20, 21, 22, 23, 24], 0.5), 2)
    4.49
    >>> inference.effective_n(range(10), 0.0)
    10.0
    """
    days = np.asarray(days, dtype="int64")
    n = len(days)
    if n == 0 or rho <= 0:
        return float(n)
    return _neff_from_pairs(n, _pairs_by_lag(days), rho, scale)


def carry_over(series: pd.Series) -> tuple[float, float]:
    """How a date-indexed series carries over: ``(scale, rate)``, its autocorrelation at ``d`` days being
    about ``scale * rate**d`` (:func:`_decay` over all its present dates)."""
    present = series.astype("float64").dropna()
    if len(present) <= 2:
        return 1.0, 0.0
    return _decay(present.to_numpy(), calendar_days(present.index), len(present), 1)


def correlation(x: pd.Series, y: pd.Series, *, min_n: int = MIN_OBS, min_df: int = MIN_DF) -> dict:
    """Pearson correlation of two series on a calendar, with an effective-n test.

    Only dates where both are present count. The effective n comes from how
    each series carries over over all of its own days (:func:`carry_over`:
    autocorrelations ``sx * ax**d`` and ``sy * ay**d`` at ``d`` days), as
    ``effective_n(days, ax * ay, sx * sy)`` (Bartlett 1946; Bretherton et al.
    1999). The test is Student's t with ``df = n_eff - 2`` (without carry-over
    exactly the ordinary Pearson test); the interval is Fisher's z, as wide as
    makes it leave out zero exactly when ``p_val < 0.05`` (its half-width in z
    is within 1.5% of the usual ``1.96 / sqrt(n_eff - 3)``), so it never
    disagrees with the test.

    Returns
    -------
    dict with ``estimate`` (r), ``se`` (of r, at n_eff), ``ci_low``,
    ``ci_high``, ``p_val``, ``n`` (dates with both), ``n_eff``, ``df``,
    ``autocorr_x``, ``autocorr_y``, ``status``, ``needed`` (n needed, when
    ``status`` is ``"too_few"``) and ``variable`` (the one that did not vary).

    Examples
    --------
    Three weeks in which the number of connections and mood rise and fall together. Both carry over from one day
    to the next, so the 21 days count as about 9 independent ones, and the interval is as wide as 9 days allow:

    >>> import pandas as pd
    >>> from ghw import inference
    >>> days = pd.date_range("2026-03-01", periods=21)
    >>> connections = pd.Series([0, 1, 2, 3, 2, 1, 0] * 3, index=days)
    >>> mood = pd.Series([5, 6, 7, 8, 6, 6, 5, 4, 6, 8, 8, 7, 5, 5, 5, 7, 7, 9, 7, 6, 4], index=days)
    >>> found = inference.correlation(connections, mood)
    >>> found["status"], found["n"], round(found["n_eff"], 1)
    ('ok', 21, 9.0)
    >>> pd.Series(found)[["estimate", "ci_low", "ci_high", "p_val"]].astype(float).round(3)
    estimate    0.915
    ci_low      0.637
    ci_high     0.983
    p_val       0.001
    dtype: float64

    With fewer days than ``min_n`` there is no number yet, only how many days would do:

    >>> short = inference.correlation(connections[:10], mood[:10])
    >>> short["status"], short["needed"]
    ('too_few', 15)
    """
    both = pd.concat([x.rename("x"), y.rename("y")], axis=1).astype("float64").dropna()
    days = calendar_days(both.index)
    n = len(both)
    out = _blank(n) | {"autocorr_x": np.nan, "autocorr_y": np.nan}
    flat = _flat({x.name or "x": both["x"].to_numpy(), y.name or "y": both["y"].to_numpy()})
    if n >= 3 and flat:
        return out | {"status": "no_variation", "variable": flat}
    (scale_x, rate_x), (scale_y, rate_y) = carry_over(x), carry_over(y)
    out |= {"autocorr_x": scale_x * rate_x, "autocorr_y": scale_y * rate_y}
    if n < 3:
        return out | _too_few(n, min_df + 2, n, min_n)
    n_eff = min(effective_n(days, rate_x * rate_y, scale_x * scale_y), n)
    out |= {"n_eff": n_eff, "df": n_eff - 2}
    if n < min_n or n_eff - 2 < min_df:
        return out | _too_few(n, min_df + 2, n_eff, min_n)
    r = float(np.corrcoef(both["x"], both["y"])[0, 1])
    # The test is Student's t on r; the interval is Fisher's z, its width set so that it leaves out zero exactly
    # when the test says clear: atanh of the t test's critical r (1.94-1.97 / sqrt(n_eff - 3)).
    t_crit = stats.t.ppf(0.5 + LEVEL / 2, n_eff - 2)
    half = np.arctanh(t_crit / np.sqrt(n_eff - 2 + t_crit**2))
    z = np.arctanh(np.clip(r, -0.999999, 0.999999))
    se = np.sqrt(max(1 - r * r, 1e-12) / (n_eff - 2))
    return out | {"estimate": r, "se": se, "ci_low": float(np.tanh(z - half)), "ci_high": float(np.tanh(z + half)),
                  "p_val": float(2 * stats.t.sf(abs(r) / se, n_eff - 2)), "status": "ok"}


def regression(y: pd.Series, X: pd.DataFrame, *, contrasts: dict[str, dict[str, float]] | None = None,
               min_df: int = MIN_DF) -> pd.DataFrame:
    """Least squares on a calendar, each term tested with its own effective n.

    ``y ~ 1 + X`` on the dates where everything is present (standardized, so
    effects are in standard deviations of ``y`` per standard deviation of
    the predictor). Any term or contrast ``c'beta`` is a weighted sum
    ``w'y`` of the outcome, with ``w = X (X'X)^-1 c``; under carry-over its
    variance is the ordinary one times ``n / n_eff``, where ``n_eff`` is
    :func:`effective_n` at the product of how ``w`` and the residuals carry
    over (``_decay``: from their autocorrelations one and two calendar days
    apart). A contrast of several terms also counts each term's part with
    its own carry-over and keeps the smaller ``n_eff`` (``_neff_of_contrast``).
    The test is Student's t with ``df = n_eff - k - 1`` (``k`` predictors).
    This is the Bartlett correction of :func:`correlation` applied to the
    partial correlation behind each coefficient.

    ``contrasts`` maps a name to weights on terms, e.g.
    ``{"quality - connections": {"quality": 1, "connections": -1}}``.

    Returns
    -------
    DataFrame with one row per term then per contrast, and columns ``term``,
    ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``p_val``, ``n``,
    ``n_eff``, ``df``, ``autocorr_term`` (of ``w``), ``autocorr_resid``,
    ``status``, ``needed`` and ``variable``.
    """
    data = pd.concat([y.rename("__y__"), X], axis=1).astype("float64")
    columns = {c: data[c].to_numpy() for c in data.columns}
    rows = _regress(columns, calendar_days(data.index), contrasts or {}, min_df)
    for row in rows:
        if row["variable"] == "__y__":
            row["variable"] = y.name or "y"
    return pd.DataFrame(rows)[["term", *_COLUMNS[:-2], "autocorr_term", "autocorr_resid", "status", "needed",
                               "variable"]]


def quality_vs_quantity(days: pd.DataFrame, *, minutes_share: float = 0.8) -> pd.DataFrame:
    """The flagship: mood against connection quality and number, on days with connections.

    ``days`` is indexed by date with columns ``mood``, ``quality``,
    ``connections`` and, optionally, ``minutes``. Only days with at least
    one connection are used (the others are calendar gaps, never bridged).
    Minutes join the model when they are logged on at least
    ``minutes_share`` of those days and vary; then every effect is "at equal
    time together" and a ``minutes`` row is present. The contrast
    ``quality - connections`` says whether quality goes with mood more than
    number does. See :func:`regression` for the method and the columns.
    """
    with_connection = days.loc[days["connections"] > 0]
    terms = ["quality", "connections"]
    if "minutes" in with_connection and len(with_connection):
        logged = with_connection["minutes"].dropna()
        if len(logged) >= minutes_share * len(with_connection) and logged.nunique() > 1:
            terms.append("minutes")
    return regression(with_connection["mood"], with_connection[terms],
                      contrasts={"quality - connections": {"quality": 1.0, "connections": -1.0}})


def next_day(days: pd.DataFrame, predictors: tuple[str, ...] = ("quality", "connections"), *,
             outcome: str = "mood") -> pd.DataFrame:
    """Links from today to tomorrow in both directions, as one family of tests.

    For each predictor ``x``: ``mood[t+1] ~ mood[t] + x[t]`` (does ``x`` today
    go with mood tomorrow beyond today's mood?) and ``x[t+1] ~ x[t] +
    mood[t]`` (does mood today go with ``x`` tomorrow beyond today's ``x``?).
    A pair is two consecutive calendar days with all three values. Each
    slope is tested as in :func:`regression` (standardized, effective n), and
    because four tests are looked at together, ``p_adj`` is Holm's
    step-down adjustment over those that have a p-value (``adjust`` says
    so): the chance that any of them is called clear by luck stays at 5%.

    Returns
    -------
    DataFrame with one row per test and columns ``predictor`` (today),
    ``outcome`` (tomorrow), the columns of :func:`regression` (``n`` counts
    pairs), ``p_adj`` and ``adjust``.
    """
    frame = days[list(dict.fromkeys([outcome, *predictors]))].astype("float64")
    frame.index = calendar_days(frame.index)
    frame = frame.reindex(np.arange(frame.index.min(), frame.index.max() + 1)) if len(frame) else frame
    days_all = frame.index.to_numpy()
    rows = []
    for x in predictors:
        for today, tomorrow, control in ((x, outcome, outcome), (outcome, x, x)):
            columns = {f"{tomorrow} tomorrow": frame[tomorrow].shift(-1).to_numpy(),
                       f"{control} today": frame[control].to_numpy(),
                       f"{today} today": frame[today].to_numpy()}
            row = _regress(columns, days_all, {}, MIN_DF, lagged_outcome=True)[-1]
            row["variable"] = row["variable"].rsplit(" ", 1)[0]
            rows.append({"predictor": today, "outcome": tomorrow} | {k: v for k, v in row.items() if k != "term"})
    table = pd.DataFrame(rows)
    table["p_adj"] = holm(table["p_val"].to_numpy())
    table["adjust"] = "holm"
    return table


def group_difference(mood: pd.Series, present: pd.Series, *, min_days: int = 10, min_df: int = MIN_DF) -> dict:
    """Mean mood on dates with something minus dates without it, with an effective-n test.

    ``mood`` is indexed by the dates it was logged; ``present`` (boolean,
    same dates) says which of them had the group. Groups come in runs (a
    holiday with family, a project with a colleague), and mood carries
    over, so days with the group are not independent of one another: the
    difference is the slope of mood on the 0/1 indicator and is tested as in
    :func:`regression`, where the indicator's own lag-1 autocorrelation (high
    for runs) and mood's residual one set the effective n. Both sides need
    at least ``min_days`` dates.

    Returns
    -------
    dict with ``estimate`` (the difference), ``se``, ``ci_low``,
    ``ci_high``, ``p_val``, ``n`` (dates), ``n_eff``, ``df``, ``days_with``,
    ``days_without``, ``mood_with``, ``mood_without``, ``status``,
    ``needed`` (days needed on the short side, when too few) and
    ``variable``.

    Examples
    --------
    Four weeks of mood, the weekends (8 days) against the weekdays (20 days):

    >>> import pandas as pd
    >>> from ghw import inference
    >>> days = pd.date_range("2026-03-01", periods=28)
    >>> mood = pd.Series([5, 6, 7, 8, 6, 6, 5, 4, 6, 8, 8, 7, 5, 5, 5, 7, 7, 9, 7, 6, 4, 5, 7, 8, 6, 6, 7, 5],
    ...                  index=days)
    >>> weekend = pd.Series(days.day_of_week >= 5, index=days)
    >>> found = inference.group_difference(mood, weekend, min_days=5)
    >>> found["status"], found["days_with"], found["days_without"]
    ('ok', 8, 20)
    >>> pd.Series(found)[["mood_with", "mood_without", "estimate", "ci_low", "ci_high"]].astype(float).round(2)
    mood_with       4.75
    mood_without    6.85
    estimate       -2.10
    ci_low         -2.88
    ci_high        -1.32
    dtype: float64
    """
    frame = pd.concat([mood.rename("mood"), present.rename("present")], axis=1).dropna()
    flags = frame["present"].astype(bool).to_numpy()
    values = frame["mood"].astype("float64").to_numpy()
    n_with, n_without = int(flags.sum()), int((~flags).sum())
    out = _blank(len(frame)) | {
        "days_with": n_with, "days_without": n_without,
        "mood_with": float(values[flags].mean()) if n_with else np.nan,
        "mood_without": float(values[~flags].mean()) if n_without else np.nan}
    if min(n_with, n_without) < min_days:
        return out | {"status": "too_few", "needed": min_days}
    if np.ptp(values) == 0:
        return out | {"status": "no_variation", "variable": "mood"}
    days = calendar_days(frame.index)
    if len(frame) < MIN_OBS:
        return out | _too_few(len(frame), 2 + min_df, len(frame))
    (row,) = _fit(values, flags[:, None].astype("float64"), days, np.array([[0.0, 1.0]]), min_df)
    if row["status"] == "too_few":
        # Express the need on the short side, which is what more logging must supply.
        row["needed"] = int(np.ceil(min(n_with, n_without) * row["needed"] / len(frame)))
    return out | {k: v for k, v in row.items() if k not in ("autocorr_term", "autocorr_resid")}


def mood_by(mood: pd.Series, groups: pd.DataFrame, *, min_days: int = 10) -> pd.DataFrame:
    """:func:`group_difference` for every column of ``groups``, with the false discovery rate controlled.

    ``groups`` is a boolean frame indexed by the dates in ``mood`` (one
    column per group: a kind of relationship, an activity). ``p_fdr`` is the
    Benjamini-Hochberg adjustment over the groups that have a p-value.

    Returns
    -------
    DataFrame with one row per group (column ``group``), the keys of
    :func:`group_difference` as columns, ``p_fdr`` and ``adjust``
    (``"bh"``), in the order of ``groups``' columns.
    """
    rows = [{"group": g} | group_difference(mood, groups[g], min_days=min_days) for g in groups.columns]
    table = pd.DataFrame(rows, columns=["group", *_GROUP_KEYS])
    table["p_fdr"] = fdr(table["p_val"].to_numpy(dtype="float64"))
    table["adjust"] = "bh"
    return table


def mood_lift(day, mood, connection, *, min_days: int = 10) -> pd.DataFrame:
    """How mood changes over a connection, against changes over intervals with none.

    Entries are given in time order: ``day`` (date of each entry), ``mood``,
    and ``connection`` (True when the entry records a connection; its mood
    is the mood after it). A change is one entry's mood minus the previous
    entry's on the same day.

    - *after a connection*: changes ending at a connection entry;
    - *no connection*: changes between two entries that are both not
      connections, so nothing happened in between and no earlier lift is
      still wearing off (a change that starts at a connection entry measures
      the lift fading, and counting it as the yardstick would count the lift
      twice). These are left out of both groups.

    Each mean change has a standard error clustered by day (changes on the
    same day share that day's circumstances) and Student's t with ``days -
    1`` degrees of freedom. The difference of the two means keeps the
    covariance of days that give to both sides, and its degrees of freedom
    are Welch-Satterthwaite's over days, so a side seen on few days makes
    the test as cautious as it should be. Changes within a day remove the
    day's own level, so mood's carry-over across days does not enter.

    Returns
    -------
    DataFrame with rows ``after a connection``, ``no connection`` and
    ``difference`` (column ``group``) and columns ``estimate`` (mean
    change), ``se``, ``ci_low``, ``ci_high``, ``p_val``, ``n`` (changes),
    ``days`` (days contributing), ``df``, ``status`` and ``needed`` (days).
    """
    day = calendar_days(pd.Index(day))
    mood = np.asarray(mood, dtype="float64")
    connection = np.asarray(connection, dtype=bool)
    same_day = np.r_[False, day[1:] == day[:-1]]
    change = np.r_[np.nan, np.diff(mood)]
    previous_connection = np.r_[False, connection[:-1]]
    after = same_day & connection & np.isfinite(change)
    baseline = same_day & ~connection & ~previous_connection & np.isfinite(change)
    rows = []
    for name, chosen in (("after a connection", after), ("no connection", baseline)):
        rows.append({"group": name} | _clustered_mean(change[chosen], day[chosen], min_days))
    both = after | baseline
    rows.append({"group": "difference"} | _clustered_difference(change[both], after[both], day[both],
                                                                 min_days))
    return pd.DataFrame(rows)


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjusted p-values; NaN (tests not done) stay NaN and do not count.

    Examples
    --------
    >>> from ghw import inference
    >>> inference.holm([0.01, 0.04, 0.03, float("nan")])
    array([0.03, 0.06, 0.06,  nan])
    """
    p_values = np.asarray(p_values, dtype="float64")
    out = np.full(p_values.shape, np.nan)
    valid = np.flatnonzero(np.isfinite(p_values))
    if len(valid):
        order = valid[np.argsort(p_values[valid], kind="stable")]
        m = len(order)
        stepped = np.maximum.accumulate(p_values[order] * (m - np.arange(m)))
        out[order] = np.minimum(stepped, 1.0)
    return out


def fdr(p_values) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values; NaN (tests not done) stay NaN and do not count.

    Examples
    --------
    >>> from ghw import inference
    >>> inference.fdr([0.01, 0.04, 0.03, float("nan")])
    array([0.03, 0.04, 0.04,  nan])
    """
    p_values = np.asarray(p_values, dtype="float64")
    out = np.full(p_values.shape, np.nan)
    valid = np.isfinite(p_values)
    if valid.any():
        out[valid] = stats.false_discovery_control(p_values[valid])
    return out


_GROUP_KEYS = ["estimate", "se", "ci_low", "ci_high", "p_val", "n", "n_eff", "df", "days_with", "days_without",
               "mood_with", "mood_without", "status", "needed", "variable"]


def _debias(r: float, n: int, k: int, *, negative_too: bool = False) -> float:
    """Undo most of the downward small-sample bias of a lag-1 autocorrelation.

    The usual estimator falls short by about ``(1 + 4 rho) / n`` for a
    series centred on its own mean (Kendall 1954; Marriott and Pope 1954),
    and by about ``k / n`` more for residuals of a fit with ``k``
    coefficients, so ``rho ~ (n r + k) / (n - 4)``. Underestimated carry-over
    is what makes short-series tests find links that are not there. A
    negative estimate is left alone (it only ever counts as none), except
    for the residuals of a model with yesterday's outcome among its
    predictors (``negative_too``): there the residual autocorrelation is
    pulled towards zero and below even when the errors carry over (Nerlove
    and Wallis 1966; Durbin 1970), so it is corrected whatever its sign.
    """
    if n <= 5 or (r <= 0 and not negative_too):
        return r
    return float(np.clip((n * r + k) / (n - 4), -0.99, 0.99))


def _blank(n: int) -> dict:
    return {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan, "n": n,
            "n_eff": np.nan, "df": np.nan, "status": "ok", "needed": np.nan, "variable": ""}


def _too_few(n: int, needed_eff: float, n_eff: float, min_n: int = MIN_OBS) -> dict:
    """Status for too little evidence, with the observations needed at the carry-over seen so far."""
    ratio = n / n_eff if n_eff > 0 else 1.0
    return {"status": "too_few", "needed": int(max(min_n, np.ceil(needed_eff * ratio)))}


def _flat(columns: dict[str, np.ndarray]) -> str:
    """Name of the first variable that takes one value only, or ""."""
    return next((name for name, values in columns.items() if len(values) and np.ptp(values) == 0), "")


def _decay(values: np.ndarray, days: np.ndarray, n: int, k: int, *, negative_too: bool = False) -> tuple[float, float]:
    """``(scale, rate)`` with the autocorrelation at ``d`` days about ``scale * rate**d``, from lags 1 and 2.

    A series that is a carried-over state plus day-to-day noise (a mood
    rounded to whole points, averaged over a few entries, how connected a
    few different people felt) has autocorrelations ``scale * rate**d`` with
    ``scale`` below 1: its lag-1 value understates how slowly it fades, and
    an AR(1) taken from lag 1 alone would count too many effective days.
    So when the (bias-corrected, :func:`_debias`) lag-1 value is above 0.1,
    the rate is the ratio of lag 2 to lag 1 where that is larger (never
    faster than AR(1)), at most 0.95, and the scale makes lag 1 right.
    """
    r1 = _debias(lag1(values, days), n, k, negative_too=negative_too)
    if r1 <= 0.1:
        return 1.0, r1
    r2 = _debias(autocorrelation(values, days, 2), n, k)
    rate = float(np.clip(max(r1, r2 / r1), 0.0, 0.95))
    return r1 / rate, rate


def _regress(columns: dict[str, np.ndarray], days: np.ndarray, contrasts: dict[str, dict[str, float]],
             min_df: float, *, lagged_outcome: bool = False) -> list[dict]:
    """:func:`regression` on arrays: the first column is the outcome; one result dict per term, then per contrast."""
    names = list(columns)
    terms = names[1:]
    values = np.column_stack([columns[c] for c in names])
    present = np.isfinite(values).all(axis=1)
    values, days = values[present], days[present]
    n, p = len(values), len(names)
    rows = [_blank(n) | {"term": name, "autocorr_term": np.nan, "autocorr_resid": np.nan}
            for name in [*terms, *contrasts]]
    flat = _flat(dict(zip(names, values.T))) if n >= 3 else ""
    if flat:
        return [row | {"status": "no_variation", "variable": flat} for row in rows]
    if n < max(MIN_OBS, p + min_df):
        return [row | _too_few(n, p + min_df, n) for row in rows]
    values = (values - values.mean(axis=0)) / values.std(axis=0, ddof=1)
    weights = np.zeros((len(rows), p))
    weights[np.arange(len(terms)), np.arange(1, p)] = 1.0
    for i, weights_by_term in enumerate(contrasts.values(), start=len(terms)):
        for term, weight in weights_by_term.items():
            weights[i, terms.index(term) + 1] = weight
    results = _fit(values[:, 0], values[:, 1:], days, weights, min_df, lagged_outcome=lagged_outcome)
    if results is None:
        return [row | {"status": "collinear"} for row in rows]
    return [row | result for row, result in zip(rows, results)]


def _fit(outcome: np.ndarray, predictors: np.ndarray, days: np.ndarray, weights: np.ndarray,
         min_df: float, *, lagged_outcome: bool = False) -> list[dict] | None:
    """OLS of ``outcome`` on an intercept and ``predictors``; one result per row of ``weights`` (None if collinear)."""
    n = len(outcome)
    design = np.column_stack([np.ones(n), predictors])
    p = design.shape[1]
    if np.linalg.matrix_rank(design) < p:
        return None
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ outcome
    resid = outcome - design @ beta
    s2 = resid @ resid / (n - p)
    resid_scale, resid_rate = _decay(resid, days, n, p, negative_too=lagged_outcome)
    pairs = _pairs_by_lag(days)
    results = []
    for c in weights:
        w = design @ (inverse @ c)
        scale, rate = _decay(w, days, n, 1)
        n_eff = min(_neff_from_pairs(n, pairs, rate * resid_rate, scale * resid_scale), float(n))
        if np.count_nonzero(c) > 1:
            n_eff = min(n_eff, _neff_of_contrast(design, inverse, c, days, pairs, (resid_scale, resid_rate)))
        df = n_eff - p
        result = {"n_eff": n_eff, "df": df, "autocorr_term": scale * rate, "autocorr_resid": resid_scale * resid_rate}
        if df < min_df:
            results.append(result | _too_few(n, p + min_df, n_eff))
            continue
        estimate = float(c @ beta)
        se = float(np.sqrt(s2 * (w @ w) * n / n_eff))
        half = stats.t.ppf(0.5 + LEVEL / 2, df) * se
        results.append(result | {"estimate": estimate, "se": se, "ci_low": estimate - half,
                                 "ci_high": estimate + half, "p_val": float(2 * stats.t.sf(abs(estimate) / se, df)),
                                 "status": "ok"})
    return results


def _neff_of_contrast(design, inverse, c, days, pairs, resid: tuple[float, float]) -> float:
    """Effective n of a contrast of several terms, each term's part with its own carry-over.

    A contrast's weights are the sum of its terms' parts, and when one term
    carries over strongly and another not at all (how connected you felt
    against a number of connections drawn afresh each day), the sum's lag-1
    autocorrelation is an average that understates how slowly the strong
    part fades. Each part's variance is inflated by its own carry-over
    (times the residuals'), and the contrast's inflation is their average
    weighted by each part's share of the variance (the cross terms of
    unrelated parts are near zero).
    """
    n = len(days)
    parts = [design @ (inverse @ np.where(np.arange(len(c)) == j, c, 0.0)) for j in np.flatnonzero(c)]
    sizes = np.array([part @ part for part in parts])
    if not sizes.sum() > 0:
        return float(n)
    inflation = 0.0
    for size, part in zip(sizes, parts):
        scale, rate = _decay(part, days, n, 1)
        inflation += size / sizes.sum() * n / min(_neff_from_pairs(n, pairs, rate * resid[1], scale * resid[0]),
                                                  float(n))
    return float(n / inflation)


def _pairs_by_lag(days: np.ndarray) -> np.ndarray:
    """Number of pairs of observations 1, 2, ... calendar days apart (exact counts, via FFT)."""
    if len(days) < 2:
        return np.zeros(0)
    offsets = days - days.min()
    span = int(offsets.max()) + 1
    present = np.zeros(span)
    present[offsets] = 1.0
    size = 1 << int(np.ceil(np.log2(2 * span)))
    spectrum = np.fft.rfft(present, size)
    counts = np.fft.irfft(spectrum * np.conj(spectrum), size)[1:span]
    return np.rint(counts)


def _neff_from_pairs(n: int, pairs: np.ndarray, rho: float, scale: float = 1.0) -> float:
    if rho <= 0 or scale <= 0 or not len(pairs):
        return float(n)
    return float(n * n / (n + 2 * scale * np.sum(pairs * rho ** np.arange(1, len(pairs) + 1))))


def _clustered_mean(values: np.ndarray, clusters: np.ndarray, min_days: int) -> dict:
    """Mean with a day-clustered standard error (means per day, then t over days)."""
    n = len(values)
    sums = pd.Series(values).groupby(clusters).agg(["sum", "count"])
    g = len(sums)
    out = _blank(n) | {"days": g}
    out.pop("variable")
    out.pop("n_eff")
    if g < min_days:
        return out | {"status": "too_few", "needed": min_days}
    mean = values.mean()
    # CR1 sandwich for an intercept-only model: scores summed within day.
    scores = (sums["sum"] - mean * sums["count"]).to_numpy()
    se = float(np.sqrt(g / (g - 1) * np.sum(scores**2)) / n)
    return out | _t_result(mean, se, g - 1)


def _clustered_difference(values, flags, clusters, min_days: int) -> dict:
    """Mean of the flagged values minus mean of the others, each side's error clustered by day.

    Per day, the deviations from each side's mean are summed; the variance
    of the difference is the sum over days of the squared difference of
    those (scaled by each side's count, with each side's ``g / (g - 1)``
    small-sample factor), which keeps the covariance when a day gives to
    both sides. Degrees of freedom are Welch-Satterthwaite's over days, so a
    side seen on few days makes the test as cautious as it should be.
    """
    n = len(values)
    out = _blank(n) | {"days": len(np.unique(clusters))}
    out.pop("variable")
    out.pop("n_eff")
    sides = [flags, ~flags]
    days_each = [len(np.unique(clusters[side])) for side in sides]
    if min(days_each) < min_days:
        return out | {"status": "too_few", "needed": min_days}
    means = [values[side].mean() for side in sides]
    scaled = []
    for side, mean, g in zip(sides, means, days_each):
        per_day = pd.Series(np.where(side, values - mean, 0.0)).groupby(clusters).sum().to_numpy()
        scaled.append(per_day / side.sum() * np.sqrt(g / (g - 1)))
    variances = [np.sum(part**2) for part in scaled]
    variance = np.sum((scaled[0] - scaled[1]) ** 2)
    df = sum(variances) ** 2 / sum(v**2 / (g - 1) for v, g in zip(variances, days_each))
    return out | _t_result(means[0] - means[1], float(np.sqrt(variance)), df)


def _t_result(estimate: float, se: float, df: float) -> dict:
    if not se > 0:
        return {"status": "no_variation"}
    half = stats.t.ppf(0.5 + LEVEL / 2, df) * se
    return {"estimate": float(estimate), "se": se, "ci_low": estimate - half, "ci_high": estimate + half,
            "p_val": float(2 * stats.t.sf(abs(estimate) / se, df)), "df": float(df), "status": "ok"}

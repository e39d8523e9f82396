"""Findings with their uncertainty, for one person's daily data.

Every function returns a tidy DataFrame, one row per result, with the number
of days (or weeks) behind it, a 95% confidence interval, and a ``status``
that is ``"ok"`` or says in words why there is no number yet. The intervals
account for mood carrying over from one day to the next: naive tests on
such data find links that are not there far more often than they claim.

These are associations on one person's data. Good days also lead to more
socializing, so no result here says that one thing causes another.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .daily import daily as _daily
from .daily import weekly as _weekly

__all__ = [
    "MIN_DAYS",
    "MIN_WEEKS",
    "MIN_GROUP_DAYS",
    "MIN_CHANGES",
    "association",
    "quality_vs_quantity",
    "mood_by",
    "next_day",
    "variety",
    "reciprocity",
    "mood_lift",
    "findings",
    "hac_lags",
]

MIN_DAYS = 21  # days with both values before a correlation or a model is shown
MIN_WEEKS = 8  # weeks, for the weekly views
MIN_GROUP_DAYS = 10  # days with, and days without, before a group is compared
MIN_CHANGES = 10  # mood changes on each side of a before/after comparison
_LEVEL = 0.95
_Z = stats.norm.ppf(0.5 + _LEVEL / 2)


def association(data: pd.DataFrame, x: str, y: str = "mood", *, min_n: int = MIN_DAYS, unit: str = "day") -> pd.DataFrame:
    """Correlation of two series over time, with an interval that allows for carry-over.

    Rows of ``data`` must be consecutive periods (as :func:`ghw.daily.daily`
    and :func:`ghw.daily.weekly` give them, gaps included as missing values).
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
    ``p_val``, ``autocorr_x``, ``autocorr_y`` and ``status``.
    """
    both = data[[x, y]].astype("float64").dropna()
    n = len(both)
    row = {"x": x, "y": y, "unit": unit, "n": n, "n_eff": np.nan, "r": np.nan, "ci_low": np.nan, "ci_high": np.nan,
           "p_val": np.nan, "autocorr_x": np.nan, "autocorr_y": np.nan}
    status = _too_few(n, min_n, unit)
    if not status and (both[x].nunique() < 2 or both[y].nunique() < 2):
        still = x if both[x].nunique() < 2 else y
        status = f"{_words(still)} did not vary, so nothing can be related to it yet"
    if not status:
        a = _lag1(data[x])
        b = _lag1(data[y])
        ab = max(a * b, 0.0) if np.isfinite(a * b) else 0.0
        n_eff = n * (1 - ab) / (1 + ab)
        r = float(np.corrcoef(both[x], both[y])[0, 1])
        row |= {"n_eff": n_eff, "r": r, "autocorr_x": a, "autocorr_y": b}
        if n_eff < 10:
            status = f"the values carry over so much from one {unit} to the next that {n} {unit}s count as fewer than 10"
        else:
            half = _Z / np.sqrt(n_eff - 3)
            z = np.arctanh(np.clip(r, -0.999999, 0.999999))
            t = r * np.sqrt((n_eff - 2) / max(1 - r * r, 1e-12))
            row |= {"ci_low": np.tanh(z - half), "ci_high": np.tanh(z + half), "p_val": 2 * stats.t.sf(abs(t), n_eff - 2)}
    return pd.DataFrame([row | {"status": status or "ok"}])


def quality_vs_quantity(daily: pd.DataFrame) -> pd.DataFrame:
    """Does how connected you felt go with mood more than how many connections you had?

    On days with at least one connection, daily mood is regressed on the
    day's mean connection quality, number of connections and (when logged on
    most such days) minutes, all standardized, so each effect is in standard
    deviations of mood per standard deviation of the predictor. Standard
    errors are autocorrelation-robust (Newey-West HAC). The last row is the
    difference between the quality and the number effects, tested in the same
    model (``t_test("quality = connections")``).

    Returns
    -------
    DataFrame with rows ``quality``, ``connections``, (``minutes``,) and
    ``quality - connections``, and columns ``term``, ``beta``, ``se``,
    ``ci_low``, ``ci_high``, ``p_val``, ``n`` (days in the model) and
    ``status``.
    """
    import statsmodels.formula.api as smf

    days = daily.loc[daily["connections"] > 0]
    terms = ["quality", "connections"]
    if days["minutes"].notna().mean() >= 0.8 and days["minutes"].dropna().nunique() > 1:
        terms.append("minutes")
    used = days[["mood", *terms]].astype("float64").dropna()
    n = len(used)
    status = _too_few(n, MIN_DAYS, "day with a connection", "days with connections")
    if not status:
        flat = [t for t in terms if used[t].nunique() < 2]
        if flat:
            status = f"{_words(flat[0])} was the same on every day, so its effect cannot be told apart yet"
    rows = [*terms, "quality - connections"]
    if status:
        return _empty(rows, "term", n, status, ["beta", "se"])
    z = (used - used.mean()) / used.std()
    fit = smf.ols("mood ~ " + " + ".join(terms), data=z).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags(n)})
    ci = fit.conf_int(alpha=1 - _LEVEL)
    out = [{"term": t, "beta": fit.params[t], "se": fit.bse[t], "ci_low": ci.loc[t, 0], "ci_high": ci.loc[t, 1],
            "p_val": fit.pvalues[t]} for t in terms]
    diff = fit.t_test("quality = connections")
    low, high = np.asarray(diff.conf_int(alpha=1 - _LEVEL)).ravel()
    out.append({"term": "quality - connections", "beta": float(np.squeeze(diff.effect)), "se": float(np.squeeze(diff.sd)),
                "ci_low": low, "ci_high": high, "p_val": float(np.squeeze(diff.pvalue))})
    return pd.DataFrame(out).assign(n=n, status="ok")


def mood_by(entries: pd.DataFrame, by: str = "relationship", *, min_days: int = MIN_GROUP_DAYS) -> pd.DataFrame:
    """Mood on days with each kind of connection, against logged days without it.

    ``by`` is ``"relationship"``, ``"activity"``, ``"person"`` or
    ``"channel"``. For each value, the difference in daily mood between
    logged days that had it and logged days that did not is estimated by
    regression with autocorrelation-robust (HAC) errors. Values seen on fewer
    than ``min_days`` days, or missing from fewer than ``min_days`` logged
    days, are listed without a number, so that someone met twice never tops
    the list. With many values tested at once, some will look different by
    chance: ``p_fdr`` controls the false discovery rate (Benjamini-Hochberg).
    Treat the list as exploratory.

    Returns
    -------
    DataFrame sorted by ``diff`` (untested values last), with columns
    ``group`` (the value), ``days_with``, ``days_without``, ``mood_with``,
    ``mood_without``, ``diff``, ``ci_low``, ``ci_high``, ``p_val``, ``p_fdr``
    and ``status``.
    """
    import statsmodels.api as sm

    days = _daily(entries)
    logged = days.loc[days["mood"].notna(), ["date", "mood"]]
    seen = entries.loc[entries["relationship"].notna() & entries[by].notna(), ["date", by]].drop_duplicates()
    had = pd.crosstab(seen["date"], seen[by]).reindex(logged["date"], fill_value=0) > 0
    mood = logged["mood"].to_numpy()
    rows = []
    for group in had.columns:
        with_it = had[group].to_numpy()
        n_with, n_without = int(with_it.sum()), int((~with_it).sum())
        row = {"group": group, "days_with": n_with, "days_without": n_without,
               "mood_with": mood[with_it].mean() if n_with else np.nan,
               "mood_without": mood[~with_it].mean() if n_without else np.nan,
               "diff": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan}
        if min(n_with, n_without) < min_days:
            side = "with" if n_with < min_days else "without"
            row["status"] = f"not enough days {side} it yet ({min(n_with, n_without)}; needs {min_days})"
        else:
            fit = sm.OLS(mood, sm.add_constant(with_it.astype("float64"))).fit(
                cov_type="HAC", cov_kwds={"maxlags": hac_lags(len(mood))})
            low, high = fit.conf_int(alpha=1 - _LEVEL)[1]
            row |= {"diff": fit.params[1], "ci_low": low, "ci_high": high, "p_val": fit.pvalues[1], "status": "ok"}
        rows.append(row)
    columns = ["group", "days_with", "days_without", "mood_with", "mood_without", "diff", "ci_low", "ci_high", "p_val",
               "p_fdr", "status"]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows)
    tested = table["status"] == "ok"
    table["p_fdr"] = np.nan
    if tested.any():
        table.loc[tested, "p_fdr"] = stats.false_discovery_control(table.loc[tested, "p_val"].to_numpy())
    table = table.sort_values(["diff", "days_with"], ascending=[False, False], na_position="last")
    return table[columns].reset_index(drop=True)


def next_day(daily: pd.DataFrame, predictors: tuple[str, ...] = ("quality", "connections")) -> pd.DataFrame:
    """Links from today to tomorrow, in both directions.

    For each predictor ``x``: does ``x`` today go with mood tomorrow, beyond
    today's mood (``mood[t+1] ~ mood[t] + x[t]``)? And does mood today go
    with ``x`` tomorrow, beyond today's ``x`` (``x[t+1] ~ x[t] + mood[t]``)?
    Happier days can lead to more connection as much as the other way round,
    so both are shown. Variables are standardized; errors are HAC.

    Returns
    -------
    DataFrame with two rows per predictor and columns ``predictor`` (today),
    ``outcome`` (tomorrow), ``beta``, ``se``, ``ci_low``, ``ci_high``,
    ``p_val``, ``n`` (pairs of consecutive days) and ``status``.
    """
    import statsmodels.api as sm

    rows = []
    for x in predictors:
        for today, tomorrow, control in ((x, "mood", "mood"), ("mood", x, x)):
            pairs = pd.DataFrame({
                "y": daily[tomorrow].shift(-1),
                "control": daily[control],
                "x": daily[today],
            }).astype("float64").dropna()
            n = len(pairs)
            row = {"predictor": today, "outcome": tomorrow, "beta": np.nan, "se": np.nan, "ci_low": np.nan,
                   "ci_high": np.nan, "p_val": np.nan, "n": n}
            status = _too_few(n, MIN_DAYS, "pair of consecutive days", "pairs of consecutive days")
            if not status and (pairs.nunique() < 2).any():
                status = "a value did not vary, so nothing can be related to it yet"
            if not status:
                z = (pairs - pairs.mean()) / pairs.std()
                fit = sm.OLS(z["y"], sm.add_constant(z[["control", "x"]])).fit(
                    cov_type="HAC", cov_kwds={"maxlags": hac_lags(n)})
                low, high = fit.conf_int(alpha=1 - _LEVEL).loc["x"]
                row |= {"beta": fit.params["x"], "se": fit.bse["x"], "ci_low": low, "ci_high": high,
                        "p_val": fit.pvalues["x"]}
            rows.append(row | {"status": status or "ok"})
    return pd.DataFrame(rows)


def variety(entries: pd.DataFrame) -> pd.DataFrame:
    """Variety of relationships against mood.

    Per day, the number of kinds of relationship; per week, richness (number
    of kinds) and evenness (how evenly connections spread across them). Each
    is correlated with mood as in :func:`association`.

    Returns
    -------
    DataFrame with the columns of :func:`association`, one row per measure.
    """
    days, weeks = _daily(entries), _weekly(entries)
    return pd.concat([
        association(days, "variety"),
        association(weeks, "richness", min_n=MIN_WEEKS, unit="week"),
        association(weeks, "evenness", min_n=MIN_WEEKS, unit="week"),
    ], ignore_index=True)


def reciprocity(entries: pd.DataFrame) -> pd.DataFrame:
    """Give and take against mood, week by week.

    ``initiative`` runs from -1 (they always reached out) to +1 (you always
    did); ``support`` from -1 (you only received) to +1 (you only gave).
    Each is correlated with weekly mood as in :func:`association`.

    Returns
    -------
    DataFrame with the columns of :func:`association`, one row per measure.
    """
    weeks = _weekly(entries)
    return pd.concat([
        association(weeks, "initiative", min_n=MIN_WEEKS, unit="week"),
        association(weeks, "support", min_n=MIN_WEEKS, unit="week"),
    ], ignore_index=True)


def mood_lift(entries: pd.DataFrame) -> pd.DataFrame:
    """How mood changes from one entry to the next on the same day.

    A connection's entry records how you felt after it. Its change is its mood
    minus the mood of the entry just before it that day. As a yardstick, the
    same change is computed for entries without a connection, since moods
    logged close together drift for other reasons too. Entries without a time
    cannot be ordered and are left out. Changes on the same day are alike, so
    they are averaged per day first and the intervals are over days.

    Returns
    -------
    DataFrame with rows ``after a connection``, ``after no connection`` and
    ``difference``, and columns ``group``, ``n`` (changes), ``days``,
    ``change`` (mean change in mood points), ``ci_low``, ``ci_high``,
    ``p_val`` (one-sample t-test over days; for the difference, Welch's
    t-test) and ``status``.
    """
    timed = entries.loc[entries["time"].notna(), ["date", "time", "mood", "relationship"]]
    timed = timed.sort_values(["date", "time"], kind="stable")
    change = timed["mood"].astype("float64").diff()
    same_day = timed["date"].eq(timed["date"].shift())
    connection = timed["relationship"].notna()
    groups = {"after a connection": same_day & connection, "after no connection": same_day & ~connection}
    per_day, rows = {}, []
    for name, chosen in groups.items():
        per_day[name] = change[chosen].groupby(timed.loc[chosen, "date"]).mean().to_numpy()
        row = {"group": name, "n": int(chosen.sum()), "days": len(per_day[name]), "change": np.nan,
               "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan}
        status = _too_few(row["n"], MIN_CHANGES, "change", "changes") or _too_few(row["days"], MIN_DAYS, "day")
        if not status:
            test = stats.ttest_1samp(per_day[name], 0.0)
            ci = test.confidence_interval(_LEVEL)
            row |= {"change": per_day[name].mean(), "ci_low": ci.low, "ci_high": ci.high, "p_val": test.pvalue}
        rows.append(row | {"status": status or "ok"})
    a, b = per_day.values()
    row = {"group": "difference", "n": rows[0]["n"] + rows[1]["n"], "days": timed.loc[same_day, "date"].nunique(),
           "change": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan}
    status = next((r["status"] for r in rows if r["status"] != "ok"), "")
    if not status:
        test = stats.ttest_ind(a, b, equal_var=False)
        ci = test.confidence_interval(_LEVEL)
        row |= {"change": a.mean() - b.mean(), "ci_low": ci.low, "ci_high": ci.high, "p_val": test.pvalue}
    rows.append(row | {"status": status or "ok"})
    return pd.DataFrame(rows)


def findings(entries: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every finding the reflection page shows, by name, each a table as above."""
    days = _daily(entries)
    return {
        "quality_vs_quantity": quality_vs_quantity(days),
        "quality": association(days, "quality"),
        "relationships": mood_by(entries, "relationship"),
        "activities": mood_by(entries, "activity"),
        "variety": variety(entries),
        "reciprocity": reciprocity(entries),
        "next_day": next_day(days),
        "lift": mood_lift(entries),
    }


def _lag1(series: pd.Series) -> float:
    """Lag-1 autocorrelation over consecutive periods, skipping gaps."""
    values = series.astype("float64")
    value = values.autocorr(1) if values.notna().sum() > 2 else np.nan
    return float(value) if np.isfinite(value) else 0.0


def hac_lags(n: int) -> int:
    """Newey-West's rule of thumb for the HAC bandwidth."""
    return max(1, int(np.floor(4 * (n / 100) ** (2 / 9))))


def _too_few(n: int, needed: int, unit: str, plural: str | None = None) -> str:
    if n >= needed:
        return ""
    return f"not enough data yet: {n} {unit if n == 1 else plural or unit + 's'}, needs at least {needed}"


def _empty(rows: list[str], key: str, n: int, status: str, extra: list[str]) -> pd.DataFrame:
    columns = [key, *extra, "ci_low", "ci_high", "p_val"]
    table = pd.DataFrame({c: [np.nan] * len(rows) for c in columns[1:]})
    table.insert(0, key, rows)
    return table.assign(n=n, status=status)


def _words(column: str) -> str:
    return {"quality": "connection quality", "connections": "the number of connections",
            "variety": "the number of kinds of relationship"}.get(column, column)

"""Mood just after a connection: the change from the entry before, against changes without a connection."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .. import analysis, plots, vocabulary
from ._base import Data, Finding, register, sentence_for_status
from ._shared import effect


def compute(data: Data) -> pd.DataFrame:
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
    t-test), ``status``, ``needed`` (days with a change) and ``about``.
    """
    entries = data.entries
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
        state = analysis.status()
        if row["days"] < analysis.MIN_DAYS:
            state = analysis.status("too_few", needed=analysis.MIN_DAYS)
        else:
            test = stats.ttest_1samp(per_day[name], 0.0)
            ci = test.confidence_interval(analysis.LEVEL)
            row |= {"change": per_day[name].mean(), "ci_low": ci.low, "ci_high": ci.high, "p_val": test.pvalue}
        rows.append(row | state)
    a, b = per_day.values()
    row = {"group": "difference", "n": rows[0]["n"] + rows[1]["n"], "days": timed.loc[same_day, "date"].nunique(),
           "change": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan}
    waiting = next((r for r in rows if r["status"] != "ok"), None)
    if waiting is None:
        test = stats.ttest_ind(a, b, equal_var=False)
        ci = test.confidence_interval(analysis.LEVEL)
        row |= {"change": a.mean() - b.mean(), "ci_low": ci.low, "ci_high": ci.high, "p_val": test.pvalue}
        rows.append(row | analysis.status())
    else:
        rows.append(row | {k: waiting[k] for k in ("status", "needed", "about")})
    return pd.DataFrame(rows)


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Before and after a connection, against entries without one."""
    rows = result.set_index("group")
    after = rows.loc["after a connection"]
    if after["status"] != "ok":
        waiting = {"status": after["status"], "n": after["days"], "needed": after["needed"], "unit": "day with a change"}
        return sentence_for_status(waiting, "mood just after a connection")
    text = (
        f"Just after a connection, your mood was on average {after['change']:+.2f} points from the entry before it "
        f"(95% interval {after['ci_low']:+.2f} to {after['ci_high']:+.2f}; "
        f"{vocabulary.count(int(after['n']), 'connection')} on {vocabulary.count(int(after['days']), 'day')})."
    )
    diff = rows.loc["difference"]
    if diff["status"] == "ok":
        other = rows.loc["after no connection"]
        clear = "clearly" if diff["ci_low"] > 0 or diff["ci_high"] < 0 else "not clearly"
        text += (
            f" Between entries without a connection it moved {other['change']:+.2f} "
            f"({vocabulary.count(int(other['n']), 'time')}), so the difference is {clear} more than chance "
            f"({effect(diff, key='change')})."
        )
    return text


FINDING = register(Finding(
    name="lift",
    title="Just after a connection",
    intro="How your mood moved from the entry before a connection to the one after.",
    compute=compute,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_mood_lift(result, ax=ax),
))

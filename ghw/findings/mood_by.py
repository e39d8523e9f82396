"""Mood on days with each kind of relationship (or activity), against logged days without it."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ._base import Data, Finding, reading, readings, register
from ._shared import decided

COLUMNS = ["group", "days_with", "days_without", "mood_with", "mood_without", "diff", "ci_low", "ci_high", "p_val",
           "p_fdr", "status", "needed"]


def mood_by(data: Data, by: str = "relationship", *, min_days: int = analysis.MIN_GROUP_DAYS) -> pd.DataFrame:
    """Mood on days with each value of ``by``, against logged days without it.

    ``by`` is ``"relationship"``, ``"activity"`` (each of a connection's
    activities on its own), ``"person"`` or ``"channel"``. For each value,
    the difference in daily mood between logged days that had it and logged
    days that did not is tested on its effective number of days, which
    allows for mood carrying over and for a value's days coming in runs
    (:func:`ghw.inference.mood_by`). Values seen on fewer than ``min_days``
    days, or missing from fewer than ``min_days`` logged days, are listed
    without a number (status ``too_few_with`` or ``too_few_without``), so
    that someone met twice never tops the list. With many values tested at
    once, some will look different by chance: ``p_fdr`` controls the false
    discovery rate (Benjamini-Hochberg). Treat the list as exploratory.

    Returns
    -------
    DataFrame sorted by ``diff`` (untested values last), with columns
    ``group`` (the value), ``days_with``, ``days_without``, ``mood_with``,
    ``mood_without``, ``diff``, ``ci_low``, ``ci_high``, ``p_val``, ``p_fdr``,
    ``status`` and ``needed``.
    """
    entries = data.entries
    logged = analysis.on_calendar(data.daily)["mood"].dropna()
    seen = entries.loc[entries["relationship"].notna() & entries[by].notna(), ["date", by]]
    if by == "activity":  # a connection may list several activities, "walk | cinema": each counts on its own
        seen = seen.assign(activity=seen["activity"].str.split("|")).explode("activity")
        seen = seen.assign(activity=seen["activity"].str.strip()).loc[lambda t: t["activity"] != ""]
    if seen.empty or logged.empty:
        return pd.DataFrame(columns=COLUMNS)
    groups = seen.groupby(["date", by]).size().unstack(fill_value=0).reindex(logged.index, fill_value=0) > 0
    table = inference.mood_by(logged, groups, min_days=min_days).rename(columns={"estimate": "diff"})
    short = table["status"] == "too_few"
    fewer_with = table["days_with"] < table["days_without"]
    table.loc[short, "status"] = fewer_with[short].map({True: "too_few_with", False: "too_few_without"})
    table = table.sort_values(["diff", "days_with"], ascending=[False, False], na_position="last")
    return table[COLUMNS].reset_index(drop=True)


def explain(result: pd.DataFrame, *, what: str = "kinds of relationship") -> str:
    """The exploratory screen, with its false discovery control in words."""
    tested = result.loc[result["status"] == "ok"]
    untested = len(result) - len(tested)
    rest = f" {untested} more {'has' if untested == 1 else 'have'} too few days to compare yet." if untested else ""
    if tested.empty:
        needed = analysis.MIN_GROUP_DAYS
        return f"Not enough data yet to compare {what}: each needs at least {needed} days with it and {needed} without it."
    clear = tested.loc[[inference.clear(row) for _, row in tested.iterrows()]]
    head = f"Of {len(tested)} {what} with enough days to compare, "
    if clear.empty:
        text = head + "none stands out clearly yet once chance across all of them is allowed for."
    else:
        best = clear.iloc[0] if clear["diff"].iloc[0] > 0 else clear.iloc[-1]
        direction = "higher" if best["diff"] > 0 else "lower"
        text = (
            head + f"{len(clear)} {'stands' if len(clear) == 1 else 'stand'} out after allowing for chance across all of "
            f"them; for example, days with {best['group']} had mood {abs(best['diff']):.2f} points {direction} "
            f"(95% interval {best['ci_low']:+.2f} to {best['ci_high']:+.2f}, {vocabulary.count(int(best['days_with']), 'day')})."
        )
    return text + rest + " Treat this list as leads to explore, not results."


def read(result: pd.DataFrame, by: str = "relationship") -> pd.DataFrame:
    """Each group that stands out after allowing for chance across all of them; else one reading for the screen.

    Before any group has enough days with it and without it, the one reading
    waits for the group nearest to that (``n`` of its days on the shorter side).
    """
    what = "kinds of relationship" if by == "relationship" else "activities"
    tested = result.loc[result["status"] == "ok"]
    if tested.empty:
        nearest = int(result[["days_with", "days_without"]].min(axis=1).max()) if len(result) else 0
        return readings([reading("all", "group", what, status="too_few", n=nearest, needed=analysis.MIN_GROUP_DAYS,
                                 unit="day with and without it", measure="points")])
    rows = []
    for row in (row for row in tested.to_dict("records") if decided(row)):
        group = f"‘{row['group']}’ among your connections" if by == "relationship" else f"‘{row['group']}’"
        rows.append(reading(row["group"], "group", f"days with {group}", row, estimate="diff", p="p_fdr",
                            measure="points", count="days_with", unit="day with it", clear=True,
                            headline=f"Days with {group}: mood {vocabulary.points(row['diff'])} than other days, "
                                     "a lead to explore"))
    if not rows:
        rows.append(reading("all", "group", what, headline=f"None of the {len(tested)} {what} compared stands out "
                            "clearly yet", n=len(tested), unit="group compared", measure="points"))
    return readings(rows)


RELATIONSHIPS = register(Finding(
    name="relationships",
    title="Kinds of relationship",
    intro=("Mood on days with each kind of connection, compared with your other days. Exploratory: "
           "with many comparisons, some differences appear by chance."),
    compute=lambda data: mood_by(data, "relationship"),
    explain=lambda result, data: explain(result),
    plot=lambda result, data, ax: plots.plot_mood_by(result, ax=ax),
    read=lambda result, data: read(result, "relationship"),
))

ACTIVITIES = register(Finding(
    name="activities",
    title="What you did together",
    intro="The same comparison for activities.",
    compute=lambda data: mood_by(data, "activity"),
    explain=lambda result, data: explain(result, what="activities"),
    plot=lambda result, data, ax: plots.plot_mood_by(result, title="Mood by activity", ax=ax),
    read=lambda result, data: read(result, "activity"),
))

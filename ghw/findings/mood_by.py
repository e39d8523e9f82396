"""Mood on days with each kind of relationship (or activity), against logged days without it."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ..i18n import _, ngettext
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


# What the screen compares, by the column it groups by: (a count of them, and the words for all of them).
_WHAT = {"relationship": (lambda n: ngettext("{n} kind of relationship", "{n} kinds of relationship", n),
                          _("kinds of relationship")),
         "activity": (lambda n: ngettext("{n} activity", "{n} activities", n), _("activities"))}


def explain(result: pd.DataFrame, by: str = "relationship") -> str:
    """The exploratory screen, with its false discovery control in words."""
    counted, what = _WHAT[by]
    tested = result.loc[result["status"] == "ok"]
    untested = len(result) - len(tested)
    if tested.empty:
        needed = analysis.MIN_GROUP_DAYS
        if by == "relationship":
            return _("Not enough data yet to compare kinds of relationship: each needs at least {needed} days with it "
                     "and {needed} without it.").format(needed=needed)
        return _("Not enough data yet to compare activities: each needs at least {needed} days with it and {needed} "
                 "without it.").format(needed=needed)
    clear = tested.loc[[inference.clear(row) for _index, row in tested.iterrows()]]
    of = counted(len(tested)).format(n=len(tested))
    if clear.empty:
        text = _("Of {tested} with enough days to compare, none stands out clearly yet once chance across all of "
                 "them is allowed for.").format(tested=of)
    else:
        best = clear.iloc[0] if clear["diff"].iloc[0] > 0 else clear.iloc[-1]
        said = {"tested": of, "n": len(clear), "group": best["group"], "size": abs(best["diff"]),
                "low": best["ci_low"], "high": best["ci_high"],
                "days": ngettext("{n} day", "{n} days", int(best["days_with"])).format(n=int(best["days_with"]))}
        if best["diff"] > 0:
            text = ngettext("Of {tested} with enough days to compare, {n} stands out after allowing for chance across "
                            "all of them; for example, days with {group} had mood {size:.2f} points higher (95% "
                            "interval {low:+.2f} to {high:+.2f}, {days}).",
                            "Of {tested} with enough days to compare, {n} stand out after allowing for chance across "
                            "all of them; for example, days with {group} had mood {size:.2f} points higher (95% "
                            "interval {low:+.2f} to {high:+.2f}, {days}).", len(clear)).format(**said)
        else:
            text = ngettext("Of {tested} with enough days to compare, {n} stands out after allowing for chance across "
                            "all of them; for example, days with {group} had mood {size:.2f} points lower (95% "
                            "interval {low:+.2f} to {high:+.2f}, {days}).",
                            "Of {tested} with enough days to compare, {n} stand out after allowing for chance across "
                            "all of them; for example, days with {group} had mood {size:.2f} points lower (95% "
                            "interval {low:+.2f} to {high:+.2f}, {days}).", len(clear)).format(**said)
    if untested:
        text += " " + ngettext("{n} more has too few days to compare yet.", "{n} more have too few days to compare yet.",
                               untested).format(n=untested)
    return text + " " + _("Treat this list as leads to explore, not results.")


def read(result: pd.DataFrame, by: str = "relationship") -> pd.DataFrame:
    """Each group that stands out after allowing for chance across all of them; else one reading for the screen.

    Before any group has enough days with it and without it, the one reading
    waits for the group nearest to that (``n`` of its days on the shorter side).
    """
    counted, what = _WHAT[by]
    tested = result.loc[result["status"] == "ok"]
    if tested.empty:
        nearest = int(result[["days_with", "days_without"]].min(axis=1).max()) if len(result) else 0
        return readings([reading("all", "group", what, status="too_few", n=nearest, needed=analysis.MIN_GROUP_DAYS,
                                 unit="day with and without it", measure="points")])
    rows = []
    for row in (row for row in tested.to_dict("records") if decided(row)):
        said = {"group": row["group"], "points": vocabulary.points(row["diff"])}
        if by == "relationship":
            subject = _("days with ‘{group}’ among your connections").format(**said)
            headline = _("Days with ‘{group}’ among your connections: mood {points} than other days, a lead to "
                         "explore").format(**said)
        else:
            subject = _("days with ‘{group}’").format(**said)
            headline = _("Days with ‘{group}’: mood {points} than other days, a lead to explore").format(**said)
        rows.append(reading(row["group"], "group", subject, row, estimate="diff", p="p_fdr", measure="points",
                            count="days_with", unit="day with it", clear=True, headline=headline))
    if not rows:
        headline = _("None of the {tested} compared stands out clearly yet").format(
            tested=counted(len(tested)).format(n=len(tested)))
        rows.append(reading("all", "group", what, headline=headline, n=len(tested), unit="group compared",
                            measure="points"))
    return readings(rows)


RELATIONSHIPS = register(Finding(
    name="relationships",
    title=_("Kinds of relationship"),
    intro=_("Mood on days with each kind of connection, compared with your other days. Exploratory: "
            "with many comparisons, some differences appear by chance."),
    compute=lambda data: mood_by(data, "relationship"),
    explain=lambda result, data: explain(result, "relationship"),
    plot=lambda result, data, ax: plots.plot_mood_by(result, ax=ax),
    read=lambda result, data: read(result, "relationship"),
))

ACTIVITIES = register(Finding(
    name="activities",
    title=_("What you did together"),
    intro=_("The same comparison for activities."),
    compute=lambda data: mood_by(data, "activity"),
    explain=lambda result, data: explain(result, "activity"),
    plot=lambda result, data, ax: plots.plot_mood_by(result, title=_("Mood by activity"), by="activity", ax=ax),
    read=lambda result, data: read(result, "activity"),
))

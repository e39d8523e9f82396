"""Time alone, told apart: days with restful time alone and days with lonely time alone, against unnoted days.

Time alone is noted on an entry without a connection, in the journal's
optional ``alone`` column (``restful`` or ``lonely``; docs/journal-format.md).
The finding never compares days alone with days in company: it asks how the
two kinds of time alone go with mood, each against the logged days with no
note of time alone, so that restful solitude is not counted as a lack of
company.
"""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, schema, vocabulary
from ._base import Data, declare, reading, readings
from ._shared import decided

COLUMNS = ["group", "n", "days_with", "days_without", "mood_with", "mood_without", "diff", "ci_low", "ci_high",
           "p_val", "p_fdr", "status", "needed", "recent", "earlier"]
RECENT_DAYS = 28  # "lately", in the sentence's counts


def compute(data: Data) -> pd.DataFrame | None:
    """Mood on days with restful, and with lonely, time alone, each against the days with no such note.

    For each kind, the difference in daily mood between logged days with a
    note of it and logged days with no note of time alone at all (days with
    the other kind take no part, so that lonely days do not make restful
    ones look better, nor the other way round), tested by
    :func:`ghw.inference.group_difference` on the effective number of days
    (mood carries over, and notes come in runs), with the false discovery
    rate controlled over the two (``p_fdr``). Each side needs
    :data:`ghw.analysis.MIN_GROUP_DAYS` days.

    Returns
    -------
    DataFrame with one row per kind (``group``: ``restful``, ``lonely``) and
    columns ``n`` (times noted), ``days_with``, ``days_without``,
    ``mood_with``, ``mood_without``, ``diff``, ``ci_low``, ``ci_high``,
    ``p_val``, ``p_fdr``, ``status`` (``ok``, ``too_few_with``,
    ``too_few_without``), ``needed``, and ``recent`` and ``earlier`` (times
    noted in the last :data:`RECENT_DAYS` days of the journal, and before).
    None when no time alone was noted: there is nothing to say yet.
    """
    entries = data.entries
    if entries is None or "alone" not in entries or entries["alone"].isna().all():
        return None
    noted = entries.loc[entries["alone"].notna(), ["date", "alone"]]
    logged = analysis.on_calendar(data.daily)["mood"].dropna()
    days = {kind: logged.index.isin(noted.loc[noted["alone"] == kind, "date"]) for kind in schema.ALONE}
    neither = ~days["restful"] & ~days["lonely"]
    rows = []
    for kind in schema.ALONE:
        compared = days[kind] | neither
        present = pd.Series(days[kind][compared], index=logged.index[compared])
        rows.append({"group": kind} | inference.group_difference(logged[compared], present,
                                                                 min_days=analysis.MIN_GROUP_DAYS))
    table = pd.DataFrame(rows).rename(columns={"estimate": "diff"})
    table["p_fdr"] = inference.fdr(table["p_val"].to_numpy(dtype="float64"))
    short = table["status"] == "too_few"
    fewer_with = table["days_with"] < table["days_without"]
    table.loc[short, "status"] = fewer_with[short].map({True: "too_few_with", False: "too_few_without"})
    since = entries["date"].max() - pd.Timedelta(days=RECENT_DAYS - 1)
    counts = noted.groupby("alone").size()
    lately = noted.loc[noted["date"] >= since].groupby("alone").size()
    table["n"] = table["group"].map(counts).fillna(0).astype("int64")
    table["recent"] = table["group"].map(lately).fillna(0).astype("int64")
    table["earlier"] = table["n"] - table["recent"]
    return table[COLUMNS]


def explain(result: pd.DataFrame | None, data: Data | None = None) -> str:
    """How often each kind of time alone was noted, lately and before, and how mood went on such days."""
    if result is None:
        return ""
    rows = result.set_index("group")
    restful, lonely = rows.loc["restful"], rows.loc["lonely"]
    text = (f"You noted time alone {vocabulary.count(int(restful['n'] + lonely['n']), 'time')}: "
            f"{restful['n']} restful and {lonely['n']} lonely (in the last {RECENT_DAYS} days "
            f"{restful['recent']} restful and {lonely['recent']} lonely).")
    for kind, row in (("restful", restful), ("lonely", lonely)):
        if row["status"] != "ok":
            continue
        numbers = (f"{row['mood_with']:.1f} against {row['mood_without']:.1f} on days with no note of time alone; "
                   f"{row['diff']:+.2f}, 95% interval {row['ci_low']:+.2f} to {row['ci_high']:+.2f}, "
                   f"{vocabulary.count(int(row['days_with']), 'day')}")
        if row["p_fdr"] < 0.05:
            way = "higher" if row["diff"] > 0 else "lower"
            text += f" On days with {kind} time alone your mood was clearly {way} ({numbers})."
        elif row["p_val"] < 0.05:  # the interval leaves out zero, but the two kinds are two chances to find one
            text += (f" On days with {kind} time alone your mood was not clearly different once chance across both "
                     f"kinds of time alone is allowed for ({numbers}).")
        else:
            text += f" On days with {kind} time alone your mood was not clearly different ({numbers})."
    waiting = [kind for kind, row in (("restful", restful), ("lonely", lonely)) if row["status"] != "ok"]
    if waiting:
        needed = analysis.MIN_GROUP_DAYS
        text += (f" Not enough data yet to compare mood on days with {' or '.join(waiting)} time alone: each needs "
                 f"{needed} days with it and {needed} without.")
    return text + " Time alone is not a lack in itself: how it feels is what these notes tell apart."


def read(result: pd.DataFrame | None, data: Data | None = None) -> pd.DataFrame | None:
    """One reading per kind of time alone: its difference in mood from days with no note, or what it waits for.

    None when no time alone was noted: nothing to show, and nothing missing.
    """
    if result is None:
        return None
    rows = []
    for row in result.to_dict("records"):
        subject = f"days with {row['group']} time alone"
        if row["status"] != "ok":
            short = row["days_with"] if row["status"] == "too_few_with" else row["days_without"]
            rows.append(reading(row["group"], "group", subject, row, p="p_fdr", measure="points", n=int(short),
                                unit="day with it" if row["status"] == "too_few_with" else "day without it"))
            continue
        clear = decided(row)
        headline = (f"Days with {row['group']} time alone: mood {vocabulary.points(row['diff'])} than days with no "
                    "note of time alone" if clear else
                    f"Days with {row['group']} time alone: no clear difference in mood yet")
        rows.append(reading(row["group"], "group", subject, row, estimate="diff", p="p_fdr", measure="points",
                            count="days_with", unit="day with it", clear=clear, headline=headline))
    return readings(rows)


FINDING = declare(__name__, title="Time alone",
                  intro=("Time alone can be rest or it can be lonely. When you log a mood while alone, you can say "
                         "which (in the This month tab, or ghw log --alone restful); this counts both, month by "
                         "month."),
                  plot=lambda result, data, ax: plots.plot_alone(data.entries, ax=ax), in_summary=True)

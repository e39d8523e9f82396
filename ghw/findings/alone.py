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
from ..i18n import _, ngettext
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
    noted = int(restful["n"] + lonely["n"])
    said = [ngettext("You noted time alone {n} time: {restful} restful and {lonely} lonely (in the last {days} days "
                     "{recent_restful} restful and {recent_lonely} lonely).",
                     "You noted time alone {n} times: {restful} restful and {lonely} lonely (in the last {days} days "
                     "{recent_restful} restful and {recent_lonely} lonely).", noted).format(
        n=noted, restful=restful["n"], lonely=lonely["n"], days=RECENT_DAYS, recent_restful=restful["recent"],
        recent_lonely=lonely["recent"])]
    for kind, row in (("restful", restful), ("lonely", lonely)):
        if row["status"] != "ok":
            continue
        days = int(row["days_with"])
        numbers = _("{with_it:.1f} against {without_it:.1f} on days with no note of time alone; {diff:+.2f}, 95% "
                    "interval {low:+.2f} to {high:+.2f}, {days}").format(
            with_it=row["mood_with"], without_it=row["mood_without"], diff=row["diff"], low=row["ci_low"],
            high=row["ci_high"], days=ngettext("{n} day", "{n} days", days).format(n=days))
        if row["p_fdr"] < 0.05:
            way = "higher" if row["diff"] > 0 else "lower"
        elif row["p_val"] < 0.05:  # the interval leaves out zero, but the two kinds are two chances to find one
            way = "not after both"
        else:
            way = "not"
        said.append(_MOOD[kind][way].format(numbers=numbers))
    waiting = tuple(kind for kind, row in (("restful", restful), ("lonely", lonely)) if row["status"] != "ok")
    if waiting:
        said.append(_WAITING[waiting].format(needed=analysis.MIN_GROUP_DAYS))
    said.append(_("Time alone is not a lack in itself: how it feels is what these notes tell apart."))
    return " ".join(said)


# How mood went on days with each kind of time alone: clearly higher or lower, not clearly different once chance
# across both kinds is allowed for (though the kind's own interval leaves out zero), or not clearly different.
_MOOD = {
    "restful": {
        "higher": _("On days with restful time alone your mood was clearly higher ({numbers})."),
        "lower": _("On days with restful time alone your mood was clearly lower ({numbers})."),
        "not after both": _("On days with restful time alone your mood was not clearly different once chance across "
                            "both kinds of time alone is allowed for ({numbers})."),
        "not": _("On days with restful time alone your mood was not clearly different ({numbers})."),
    },
    "lonely": {
        "higher": _("On days with lonely time alone your mood was clearly higher ({numbers})."),
        "lower": _("On days with lonely time alone your mood was clearly lower ({numbers})."),
        "not after both": _("On days with lonely time alone your mood was not clearly different once chance across "
                            "both kinds of time alone is allowed for ({numbers})."),
        "not": _("On days with lonely time alone your mood was not clearly different ({numbers})."),
    },
}
# The kinds of time alone that have too few days yet to compare.
_WAITING = {
    ("restful",): _("Not enough data yet to compare mood on days with restful time alone: each needs {needed} days "
                    "with it and {needed} without."),
    ("lonely",): _("Not enough data yet to compare mood on days with lonely time alone: each needs {needed} days with "
                   "it and {needed} without."),
    ("restful", "lonely"): _("Not enough data yet to compare mood on days with restful or lonely time alone: each "
                             "needs {needed} days with it and {needed} without."),
}
# What a reading of each kind is about, and its answer in words.
_SUBJECTS = {"restful": _("days with restful time alone"), "lonely": _("days with lonely time alone")}
_HEADLINES = {
    "restful": (_("Days with restful time alone: mood {points} than days with no note of time alone"),
                _("Days with restful time alone: no clear difference in mood yet")),
    "lonely": (_("Days with lonely time alone: mood {points} than days with no note of time alone"),
               _("Days with lonely time alone: no clear difference in mood yet")),
}


def read(result: pd.DataFrame | None, data: Data | None = None) -> pd.DataFrame | None:
    """One reading per kind of time alone: its difference in mood from days with no note, or what it waits for.

    None when no time alone was noted: nothing to show, and nothing missing.
    """
    if result is None:
        return None
    rows = []
    for row in result.to_dict("records"):
        subject = _SUBJECTS[row["group"]]
        if row["status"] != "ok":
            short = row["days_with"] if row["status"] == "too_few_with" else row["days_without"]
            rows.append(reading(row["group"], "group", subject, row, p="p_fdr", measure="points", n=int(short),
                                unit="day with it" if row["status"] == "too_few_with" else "day without it"))
            continue
        clear = decided(row)
        said, unclear = _HEADLINES[row["group"]]
        headline = said.format(points=vocabulary.points(row["diff"])) if clear else unclear
        rows.append(reading(row["group"], "group", subject, row, estimate="diff", p="p_fdr", measure="points",
                            count="days_with", unit="day with it", clear=clear, headline=headline))
    return readings(rows)


FINDING = declare(__name__, title=_("Time alone"),
                  intro=_("Time alone can be rest or it can be lonely. When you log a mood while alone, you can say "
                          "which (in the This month tab, or ghw log --alone restful); this counts both, month by "
                          "month."),
                  plot=lambda result, data, ax: plots.plot_alone(data.entries, ax=ax), in_summary=True)

"""Plain sentences for the findings in :mod:`ghw.analysis`.

Each function takes the DataFrame the analysis function of the same name
returned and says what it shows and how sure it is, without claiming more:
links, never causes; "not enough data yet" rather than a number that looks
sure.
"""

from __future__ import annotations

import pandas as pd

from .analysis import MIN_GROUP_DAYS

__all__ = ["coverage", "association", "quality_vs_quantity", "mood_by", "next_day", "mood_lift"]

_MORE = {
    "quality": "connections that felt closer",
    "connections": "more connections",
    "minutes": "more time with people",
    "variety": "more kinds of relationship",
    "richness": "more kinds of relationship",
    "evenness": "connections spread more evenly across kinds",
    "initiative": "you reaching out more often than others did",
    "support": "you giving more support than you received",
}
_NAMES = {
    "quality": "how connected you felt",
    "connections": "the number of connections",
    "minutes": "time spent together",
    "mood": "mood",
    "variety": "the number of kinds of relationship",
    "richness": "the number of kinds of relationship in a week",
    "evenness": "how evenly connections spread across kinds",
    "initiative": "who reached out",
    "support": "who gave support",
}


def coverage(daily: pd.DataFrame) -> str:
    """How many days were logged: averages mean little without it."""
    days = len(daily)
    if not days:
        return "No entries yet."
    logged = int((daily["entries"] > 0).sum())
    text = f"You logged on {logged} of {days} days ({logged / days:.0%})."
    if logged / days < 0.7:
        text += " Days without entries are often the harder ones, so averages may look brighter than those weeks were."
    return text


def association(result: pd.DataFrame) -> str:
    """One sentence per row of :func:`ghw.analysis.association`."""
    return " ".join(_association_row(row) for row in result.itertuples(index=False))


def _association_row(row) -> str:
    unit = row.unit
    if row.status != "ok":
        name = _NAMES.get(row.x, row.x)
        return f"{name[0].upper()}{name[1:]} and {row.y}: {row.status}."
    numbers = f"r = {row.r:.2f}, 95% interval {row.ci_low:.2f} to {row.ci_high:.2f}, {row.n} {unit}s"
    if row.ci_low > 0 or row.ci_high < 0:
        better = "better" if row.r > 0 else "lower"
        return f"{unit.capitalize()}s with {_MORE.get(row.x, row.x)} tended to be {better} {unit}s ({numbers})."
    return f"No clear link yet between {_NAMES.get(row.x, row.x)} and {row.y} ({numbers})."


def quality_vs_quantity(result: pd.DataFrame) -> str:
    """The flagship answer: quality or quantity, or can't tell yet."""
    rows = result.set_index("term")
    if (rows["status"] != "ok").any():
        return f"Quality or quantity? {rows['status'].iat[0].capitalize()}."
    q, c, d = rows.loc["quality"], rows.loc["connections"], rows.loc["quality - connections"]
    detail = (
        f"how connected you felt {_effect(q)}; number of connections {_effect(c)}; "
        f"difference {_effect(d)}; {int(q['n'])} days with connections, effects in standard deviations of mood"
    )
    if d["ci_low"] > 0 and q["ci_low"] > 0:
        lead = "On your data, how connected you felt went with your mood more than how many connections you had"
    elif d["ci_high"] < 0 and c["ci_low"] > 0:
        lead = "On your data, how many connections you had went with your mood more than how connected you felt"
    elif q["ci_low"] <= 0 and c["ci_low"] <= 0:
        lead = "Neither how connected you felt nor how many connections you had shows a clear link with your mood yet"
    else:
        lead = "Can't tell yet whether quality or number of connections goes with your mood more; more days will narrow it"
    return f"{lead} ({detail}). These are links, not proof of cause."


def mood_by(result: pd.DataFrame, *, what: str = "kinds of relationship") -> str:
    """The exploratory screen, with its false discovery control in words."""
    tested = result.loc[result["status"] == "ok"]
    untested = len(result) - len(tested)
    rest = f" {untested} more {'has' if untested == 1 else 'have'} too few days to compare yet." if untested else ""
    if tested.empty:
        return f"Not enough data yet to compare {what}: each needs at least {MIN_GROUP_DAYS} days with it and {MIN_GROUP_DAYS} without it."
    clear = tested.loc[tested["p_fdr"] < 0.05]
    head = f"Of {len(tested)} {what} with enough days to compare, "
    if clear.empty:
        text = head + "none stands out clearly yet once chance across all of them is allowed for."
    else:
        best = clear.iloc[0] if clear["diff"].iloc[0] > 0 else clear.iloc[-1]
        direction = "higher" if best["diff"] > 0 else "lower"
        text = (
            head + f"{len(clear)} {'stands' if len(clear) == 1 else 'stand'} out after allowing for chance across all of them; "
            f"for example, days with {best['group']} had mood {abs(best['diff']):.2f} points {direction} "
            f"(95% interval {best['ci_low']:+.2f} to {best['ci_high']:+.2f}, {best['days_with']} days)."
        )
    return text + rest + " Treat this list as leads to explore, not results."


def next_day(result: pd.DataFrame) -> str:
    """Both directions across days, said together."""
    ok = result.loc[result["status"] == "ok"]
    if ok.empty:
        return f"From one day to the next: {result['status'].iat[0]}."
    clear = ok.loc[(ok["ci_low"] > 0) | (ok["ci_high"] < 0)]
    if clear.empty:
        return (
            "No clear link from one day to the next in either direction (each interval includes zero). "
            "That is common: connection's link with mood mostly shows on the same day."
        )
    parts = [
        f"{_NAMES.get(r.predictor, r.predictor)} today went with {_NAMES.get(r.outcome, r.outcome)} tomorrow "
        f"({_effect(r._asdict())})"
        for r in clear.itertuples(index=False)
    ]
    return "Across days: " + "; ".join(parts) + ". Either could also be the other way round, or due to something else."


def mood_lift(result: pd.DataFrame) -> str:
    """Before and after a connection, against entries without one."""
    rows = result.set_index("group")
    after = rows.loc["after a connection"]
    if after["status"] != "ok":
        return f"Mood just after a connection: {after['status']}."
    text = (
        f"Just after a connection, your mood was on average {after['change']:+.2f} points from the entry before it "
        f"(95% interval {after['ci_low']:+.2f} to {after['ci_high']:+.2f}; {int(after['n'])} connections on {int(after['days'])} days)."
    )
    diff = rows.loc["difference"]
    if diff["status"] == "ok":
        other = rows.loc["after no connection"]
        clear = "clearly" if diff["ci_low"] > 0 or diff["ci_high"] < 0 else "not clearly"
        text += (
            f" Between entries without a connection it moved {other['change']:+.2f} ({int(other['n'])} times), "
            f"so the difference is {clear} more than chance ({_effect(diff, key='change')})."
        )
    return text


def _effect(row, key: str = "beta") -> str:
    return f"{row[key]:+.2f}, 95% interval {row['ci_low']:+.2f} to {row['ci_high']:+.2f}"

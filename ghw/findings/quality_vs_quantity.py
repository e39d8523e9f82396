"""The flagship question: does how connected you felt go with mood more than how many connections you had?"""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ._base import Data, Finding, reading, readings, register, sentence_for_status
from ._shared import better, capital, decided, effect, is_clear


def compute(data: Data) -> pd.DataFrame:
    """Regress daily mood on the day's connection quality and number of connections.

    On days with at least one connection (days without any have no quality,
    so they are not part of this comparison), daily mood is regressed on the
    day's mean connection quality, number of connections and, when logged on
    most such days, minutes, all standardized, so each effect is in standard
    deviations of mood per standard deviation of the predictor. With minutes
    in the model, each effect is at equal time together. Each term is tested
    on its own effective number of days (:func:`ghw.inference.quality_vs_quantity`),
    so that carry-over from one day to the next does not make links look
    surer than they are. The last row is the difference between the quality
    and the number effects, tested in the same model.

    Returns
    -------
    DataFrame with rows ``quality``, ``connections``, (``minutes``,) and
    ``quality - connections``, and columns ``term``, ``beta``, ``se``,
    ``ci_low``, ``ci_high``, ``p_val``, ``n`` (days in the model), ``n_eff``,
    ``df``, ``status``, ``needed`` and ``about``.
    """
    days = analysis.on_calendar(data.daily)
    with_connection = days.loc[days["connections"] > 0]
    if len(with_connection) and with_connection["quality"].isna().all():
        rows = ["quality", "connections", "quality - connections"]
        return analysis.empty(rows, "term", int(with_connection["connections"].sum()), analysis.status("unrated"),
                              ["beta", "se"])
    return analysis.from_inference(inference.quality_vs_quantity(days), "beta")


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Quality or quantity, or can't tell yet; a clearly negative link is said as one."""
    rows = result.set_index("term")
    if (rows["status"] != "ok").any():
        first = result.iloc[0].copy()
        first["unit"] = "day with a connection"  # for too_few; unrated counts connections
        return sentence_for_status(first, "Quality or quantity?")
    q, c, d = rows.loc["quality"], rows.loc["connections"], rows.loc["quality - connections"]
    equal_time = ", each at equal time together" if "minutes" in rows.index else ""
    detail = (
        f"how connected you felt {effect(q)}; number of connections {effect(c)}; difference {effect(d)}; "
        f"{int(q['n'])} days with connections{equal_time}; effects in standard deviations of mood"
    )
    if d["ci_low"] > 0 and q["ci_low"] > 0:
        lead = "On your data, how connected you felt went with your mood more than how many connections you had"
    elif d["ci_high"] < 0 and c["ci_low"] > 0:
        lead = "On your data, how many connections you had went with your mood more than how connected you felt"
    else:
        clear = [(name, row) for name, row in (("how connected you felt", q), ("how many connections you had", c))
                 if is_clear(row)]
        if not clear:
            lead = "Neither how connected you felt nor how many connections you had shows a clear link with your mood yet"
        else:
            said = " and ".join(f"{name} went with {'better' if row['beta'] > 0 else 'lower'} mood" for name, row in clear)
            lead = f"On your data, {said}; which of the two goes with your mood more can't be told yet"
    return (f"{lead} ({detail}). Days without any connection are not part of this comparison. "
            "These are links, not proof of cause.")


def read(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """The comparison first (which goes with mood more), then each term's own link with mood."""
    rows = result.set_index("term")
    subjects = {"quality": "how connected you felt", "connections": "how many connections you had"}
    out = []
    if "quality - connections" in rows.index:
        difference = rows.loc["quality - connections"]
        clear = decided(difference)
        headline = ""
        if difference["status"] == "ok" and not clear:
            headline = (f"Which goes with your mood more, {subjects['quality']} or {subjects['connections']}, "
                        "can't be told yet")
        elif clear:
            first, second = ("quality", "connections") if difference["beta"] > 0 else ("connections", "quality")
            if decided(rows.loc[first]) and rows.at[first, "beta"] > 0:
                headline = f"{capital(subjects[first])} went with your mood more than {subjects[second]}"
            else:
                headline = (f"The link between {subjects[first]} and your mood was clearly more positive than "
                            f"the link with {subjects[second]}")
        out.append(reading("quality - connections", "compare", "quality or quantity", difference, estimate="beta",
                           headline=headline, clear=clear, measure="sd", unit="day with a connection"))
    for term, row in rows.drop(index="quality - connections", errors="ignore").iterrows():
        clear = decided(row)
        headline = ("" if row["status"] != "ok" else
                    f"Days with {vocabulary.more(term)} went with {better(row['beta'])}: "
                    f"a {vocabulary.strength(row['beta'])} link" if clear else
                    f"No clear link yet between {vocabulary.name(term)} and mood")
        out.append(reading(term, "link", vocabulary.name(term), row, estimate="beta", headline=headline, clear=clear,
                           measure="sd", unit="day with a connection"))
    return readings(out)


FINDING = register(Finding(
    name="quality_vs_quantity",
    title="Quality or quantity?",
    intro=("Which goes with your mood more: how connected you felt, or how many connections you had? "
           "Each dot is an estimate; the bar around it is the range it could plausibly be in. "
           "A bar that crosses the zero line means 'no clear link yet'."),
    compute=compute,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_quality_vs_quantity(result, ax=ax),
    read=read,
    in_summary=True,
))

"""Mood just after a connection: the change from the entry before, against changes without a connection."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ._base import Data, declare, reading, readings, sentence_for_status
from ._shared import decided, effect


def compute(data: Data) -> pd.DataFrame:
    """How mood changes from one entry to the next on the same day.

    A connection's entry records how you felt after it. Its change is its mood
    minus the mood of the entry just before it that day. As a yardstick,
    changes between two plain check-ins (no connection at either end) show
    how moods logged close together drift anyway; a change that starts at a
    connection entry measures the lift fading, so it is in neither group and
    the lift is not counted twice. Entries without a time cannot be ordered
    and are left out. Changes on the same day are alike, so errors are
    clustered by day, and the difference keeps that both sides come from the
    same days (:func:`ghw.inference.mood_lift`).

    Returns
    -------
    DataFrame with rows ``after a connection``, ``no connection`` and
    ``difference``, and columns ``group``, ``n`` (changes), ``days``,
    ``change`` (mean change in mood points), ``ci_low``, ``ci_high``,
    ``p_val``, ``status``, ``needed`` (days with a change) and ``about``.
    """
    entries = data.entries
    timed = entries.loc[entries["time"].notna(), ["date", "time", "mood", "relationship"]]
    timed = timed.sort_values(["date", "time"], kind="stable")
    table = inference.mood_lift(pd.Index(timed["date"]), timed["mood"].astype("float64"),
                                timed["relationship"].notna().to_numpy())
    return analysis.from_inference(table, "change").assign(about=None)


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Before and after a connection, against entries without one, each clear change with its direction in words."""
    rows = result.set_index("group")
    after = rows.loc["after a connection"]
    if after["status"] != "ok":
        waiting = {"status": after["status"], "n": after["days"], "needed": after["needed"], "unit": "day with a change"}
        return sentence_for_status(waiting, "mood just after a connection")
    numbers = (f"{after['change']:+.2f} points on average, 95% interval {after['ci_low']:+.2f} to "
               f"{after['ci_high']:+.2f}; {vocabulary.count(int(after['n']), 'connection')} on "
               f"{vocabulary.count(int(after['days']), 'day')}")
    if inference.clear(after):
        way = "higher" if after["change"] > 0 else "lower"
        text = f"Just after a connection, your mood was clearly {way} than at the entry before it ({numbers})."
    else:
        text = f"Just after a connection, your mood was not clearly different from the entry before it ({numbers})."
    diff = rows.loc["difference"]
    if diff["status"] == "ok":
        other = rows.loc["no connection"]
        drift = (f" Between two check-ins with no connection it moved {other['change']:+.2f} "
                 f"({vocabulary.count(int(other['n']), 'time')})" if other["status"] == "ok"
                 else " Against changes between two check-ins with no connection")
        if inference.clear(diff):
            way = "more" if diff["change"] > 0 else "less"
            text += f"{drift}, so mood clearly rose {way} after a connection than without one ({effect(diff, key='change')})."
        else:
            text += f"{drift}, so the difference is not clearly more than chance ({effect(diff, key='change')})."
    else:
        text += (" There are too few pairs of check-ins without a connection between them yet to compare this with "
                 "how mood drifts anyway, so part of it may be drift.")
    return text


def read(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """One reading: the lift after a connection against the drift between plain entries, or what it waits for.

    The lift alone is not an answer (moods logged close together drift
    anyway), so until the drift can be measured the reading waits for it.
    """
    rows = result.set_index("group")
    after, plain, diff = rows.loc["after a connection"], rows.loc["no connection"], rows.loc["difference"]
    subject = "mood just after a connection"
    if after["status"] != "ok":
        return readings([reading("difference", "lift", subject, after, count="days", unit="day with a change",
                                 measure="points")])
    if diff["status"] != "ok":  # a lift may be there to see, but cannot yet be told apart from drift
        said = (f"Just after a connection, mood was {vocabulary.points(after['change'])} than at the entry before; "
                "there are too few entries without a connection yet to tell that from drift" if decided(after) else
                "Just after a connection, mood was about where it was at the entry before")
        return readings([reading("difference", "lift", subject, plain, measure="points",
                                 unit="change without a connection", headline=said)])
    clear = decided(diff)
    headline = (f"Just after a connection, mood {'rose' if diff['change'] > 0 else 'fell'} more than it drifts "
                "between other entries" if clear else
                "Mood just after a connection moved no more than it drifts between other entries, as far as can "
                "be told yet")
    return readings([reading("difference", "lift", subject, diff, estimate="change", clear=clear, count="days",
                             unit="day with a change", measure="points", headline=headline)])


FINDING = declare(__name__, title="Just after a connection",
                  intro="How your mood moved from the entry before a connection to the one after.",
                  plot=lambda result, data, ax: plots.plot_mood_lift(result, ax=ax))

"""Mood just after a connection: the change from the entry before, against changes without a connection."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ..i18n import _, ngettext
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
        return sentence_for_status(waiting, _("mood just after a connection"))
    connections, days = int(after["n"]), int(after["days"])
    numbers = _("{change:+.2f} points on average, 95% interval {low:+.2f} to {high:+.2f}; {connections} on "
                "{days}").format(change=after["change"], low=after["ci_low"], high=after["ci_high"],
                                 connections=ngettext("{n} connection", "{n} connections", connections).format(
                                     n=connections),
                                 days=ngettext("{n} day", "{n} days", days).format(n=days))
    if not inference.clear(after):
        text = _("Just after a connection, your mood was not clearly different from the entry before it ({numbers}).")
    elif after["change"] > 0:
        text = _("Just after a connection, your mood was clearly higher than at the entry before it ({numbers}).")
    else:
        text = _("Just after a connection, your mood was clearly lower than at the entry before it ({numbers}).")
    return f"{text.format(numbers=numbers)} {_drift(rows)}"


def _drift(rows: pd.DataFrame) -> str:
    """The lift against how mood moves between two check-ins with no connection, when that can be told."""
    diff, other = rows.loc["difference"], rows.loc["no connection"]
    if diff["status"] != "ok":
        return _("There are too few pairs of check-ins without a connection between them yet to compare this with "
                 "how mood drifts anyway, so part of it may be drift.")
    way = "unclear" if not inference.clear(diff) else "more" if diff["change"] > 0 else "less"
    if other["status"] == "ok":
        sentence = {
            "more": _("Between two check-ins with no connection it moved {moved:+.2f} ({times}), so mood clearly rose "
                      "more after a connection than without one ({effect})."),
            "less": _("Between two check-ins with no connection it moved {moved:+.2f} ({times}), so mood clearly rose "
                      "less after a connection than without one ({effect})."),
            "unclear": _("Between two check-ins with no connection it moved {moved:+.2f} ({times}), so the difference "
                         "is not clearly more than chance ({effect})."),
        }[way]
    else:
        sentence = {
            "more": _("Against changes between two check-ins with no connection, so mood clearly rose more after a "
                      "connection than without one ({effect})."),
            "less": _("Against changes between two check-ins with no connection, so mood clearly rose less after a "
                      "connection than without one ({effect})."),
            "unclear": _("Against changes between two check-ins with no connection, so the difference is not clearly "
                         "more than chance ({effect})."),
        }[way]
    times = int(other["n"]) if other["status"] == "ok" else 0
    return sentence.format(moved=other["change"], times=ngettext("{n} time", "{n} times", times).format(n=times),
                           effect=effect(diff, key="change"))


def read(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """One reading: the lift after a connection against the drift between plain entries, or what it waits for.

    The lift alone is not an answer (moods logged close together drift
    anyway), so until the drift can be measured the reading waits for it.
    """
    rows = result.set_index("group")
    after, plain, diff = rows.loc["after a connection"], rows.loc["no connection"], rows.loc["difference"]
    subject = _("mood just after a connection")
    if after["status"] != "ok":
        return readings([reading("difference", "lift", subject, after, count="days", unit="day with a change",
                                 measure="points")])
    if diff["status"] != "ok":  # a lift may be there to see, but cannot yet be told apart from drift
        said = (_("Just after a connection, mood was {points} than at the entry before; there are too few entries "
                  "without a connection yet to tell that from drift").format(points=vocabulary.points(after["change"]))
                if decided(after) else _("Just after a connection, mood was about where it was at the entry before"))
        return readings([reading("difference", "lift", subject, plain, measure="points",
                                 unit="change without a connection", headline=said)])
    clear = decided(diff)
    headline = (_("Mood just after a connection moved no more than it drifts between other entries, as far as can "
                  "be told yet") if not clear else
                _("Just after a connection, mood rose more than it drifts between other entries")
                if diff["change"] > 0 else _("Just after a connection, mood fell more than it drifts between other entries"))
    return readings([reading("difference", "lift", subject, diff, estimate="change", clear=clear, count="days",
                             unit="day with a change", measure="points", headline=headline)])


FINDING = declare(__name__, title=_("Just after a connection"),
                  intro=_("How your mood moved from the entry before a connection to the one after."),
                  plot=lambda result, data, ax: plots.plot_mood_lift(result, ax=ax))

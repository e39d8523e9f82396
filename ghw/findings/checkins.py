"""Check-ins over the months: each questionnaire's scores, with the month's connection beside them.

A difference between the first and the last three months of check-ins is
called a change only when it is larger than the questionnaire's measurement
error (the Jacobson-Truax reliable change criterion with the instrument's
published reliability) and clear against the person's own ups and downs
from one check-in to the next (:func:`ghw.reliable_change.change`; see
``docs/checkin-format.md``).
"""

from __future__ import annotations

import pandas as pd

from .. import checkins, inference, plots, reliable_change, vocabulary
from ..i18n import _, ngettext
from ._base import Data, declare, reading, readings
from ._shared import capital

PERIOD = pd.Timedelta(days=91)  # about three months at each end


def compute(data: Data) -> pd.DataFrame:
    """The first three months of check-ins against the last three, one row per score (:func:`ghw.checkins.compared`).

    Each row is :func:`ghw.reliable_change.change` (``first``, ``second``, ``diff``,
    ``ci_low``, ``ci_high``, ``rci``, ``p_rci``, ``reliable``, ``p_swings``,
    ``swings``, ``p_val``, ``n``, ``status``) with the periods' bounds. Scores need six months of check-ins
    to be compared (``too_few`` before that), so the two periods never overlap.
    """
    table = checkins.scores(data.checkins) if data.checkins is not None else None
    rows = []
    for scale in checkins.compared(data.checkins):
        dates = (table.loc[(table["scale"] == scale) & table["score"].notna(), "date"] if table is not None
                 else pd.Series(dtype="datetime64[s]"))
        if dates.empty or dates.max() - dates.min() < 2 * PERIOD:
            rows.append({"scale": scale, "status": "too_few", "n": len(dates)})
            continue
        first = (dates.min(), dates.min() + PERIOD)
        last = (dates.max() - PERIOD, dates.max())
        rows.append(reliable_change.change(table, scale, first, last) | {
            "first_start": first[0], "first_end": first[1], "last_start": last[0], "last_end": last[1]})
    return pd.DataFrame(rows)


def explain(result: pd.DataFrame, data: Data) -> str:
    """One sentence per score: the two periods, the difference with its interval, and whether it is a change."""
    sentences = []
    for _index, row in result.iterrows():
        score = capital(vocabulary.name(row["scale"]))
        if row["status"] == "too_few" and row["n"] == 0:
            sentences.append(_("{score}: not enough data yet, no check-ins so far.").format(score=score))
            continue
        if row["status"] == "too_few":
            n = int(row["n"])
            sentences.append(ngettext(
                "{score}: not enough data yet to compare months ({n} check-in; the first and last three months are "
                "compared once they are six months apart).",
                "{score}: not enough data yet to compare months ({n} check-ins; the first and last three months are "
                "compared once they are six months apart).", n).format(score=score, n=n))
            continue
        numbers = _("{first} in your first three months of check-ins, {second} in your last three ({diff})").format(
            first=f"{row['first']:.1f}", second=f"{row['second']:.1f}", diff=f"{row['diff']:+.1f}")
        if row["status"] == "no_criterion":
            sentences.append(_("{score}: {numbers}; {why}.").format(
                score=score, numbers=numbers, why=vocabulary.status_text("no_criterion")))
        else:
            sentences.append(_("{score}: {numbers}, 95% interval {low} to {high}: {verdict}.").format(
                score=score, numbers=numbers, low=f"{row['ci_low']:+.1f}", high=f"{row['ci_high']:+.1f}",
                verdict=reliable_change.verdict(row)))
    return " ".join(sentences)


def read(result: pd.DataFrame, data: Data) -> pd.DataFrame:
    """One reading per score: a reliable change or not, or how many days of check-ins it still waits for.

    Waiting, ``n`` is the days from the first check-in with that score to
    the last, of the two periods' worth (``needed``) that a comparison takes.
    """
    table = checkins.scores(data.checkins) if data.checkins is not None else None
    rows = []
    for _index, row in result.iterrows():
        scale = row["scale"]
        name = vocabulary.name(scale)
        if row["status"] == "too_few":
            dates = (table.loc[(table["scale"] == scale) & table["score"].notna(), "date"] if table is not None
                     else pd.Series(dtype="datetime64[s]"))
            spanned = (dates.max() - dates.min()).days + 1 if len(dates) else 0
            rows.append(reading(scale, "score", name, row, measure="score", n=spanned,
                                needed=2 * PERIOD.days, unit="day of check-ins"))
            continue
        higher = row["diff"] > 0
        if row["status"] == "no_criterion":
            headline = (_("{score} was higher in your last three months of check-ins than in your first three; with no "
                          "published reliability figures, that is not called a change") if higher else
                        _("{score} was lower in your last three months of check-ins than in your first three; with no "
                          "published reliability figures, that is not called a change")).format(score=capital(name))
        else:
            headline = (_("{score} was higher in your last three months of check-ins than in your first three: "
                          "{verdict}") if higher else
                        _("{score} was lower in your last three months of check-ins than in your first three: "
                          "{verdict}")).format(score=capital(name), verdict=reliable_change.verdict(row))
        rows.append(reading(scale, "score", name, row, estimate="diff", clear=inference.clear(row),
                            measure="score", unit="check-in", headline=headline))
    return readings(rows)


def monthly(scores: pd.DataFrame | None, days: pd.DataFrame | None) -> pd.DataFrame:
    """Each month's mean check-in scores (:func:`ghw.checkins.scores`) beside its connection measures
    (from the daily table: how connected, connections and kinds a day, who reached out, who gave support)."""
    frames = []
    if scores is not None and len(scores):
        scored = scores.loc[scores["score"].notna()]
        frames.append(scored.pivot_table(index=scored["date"].dt.to_period("M"), columns="scale", values="score",
                                         aggfunc="mean"))
    if days is not None and len(days):
        logged = days.loc[days["entries"] > 0]
        month = logged["date"].dt.to_period("M")
        frames.append(logged[["quality", "connections", "variety", "initiative", "support"]].groupby(month).mean())
    if not frames:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[s]")})
    months = pd.concat(frames, axis=1).sort_index()
    months.index = months.index.to_timestamp()
    return months.rename_axis("month").reset_index()


def plot(result, data: Data, ax):
    """Scores month by month with the month's connection measures (:func:`ghw.plots.plot_checkins`)."""
    table = checkins.scores(data.checkins) if data.checkins is not None else None
    return plots.plot_checkins(monthly(table, data.daily if data.entries is not None else None), ax=ax)


FINDING = declare(__name__, title=_("Check-ins over the months"),
                  intro=_("Your check-ins, each questionnaire's score month by month, beside how connected you "
                          "felt, how many connections, their variety and the give and take of the same months."),
                  wide=True, spans=False)

"""Sentences that several findings share."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, vocabulary
from ..i18n import _
from ._base import Data, reading, readings, sentence_for_status

__all__ = ["associations", "explain_association", "read_association", "effect", "decided", "better", "capital"]


def associations(data: Data, measures: dict[str, str]) -> pd.DataFrame:
    """Each measure against mood (:func:`ghw.analysis.association`), by its unit: ``{"variety": "day", ...}``."""
    rows = [analysis.association(data.daily if unit == "day" else data.weekly, x, unit=unit)
            for x, unit in measures.items()]
    return pd.concat(rows, ignore_index=True)


def explain_association(result: pd.DataFrame, data: Data | None = None) -> str:
    """One sentence per row of :func:`ghw.analysis.association`; a clear link is said with its direction in words.

    Clear is :func:`ghw.inference.clear` (the t test's ``p_val``, with which
    the interval agrees). It takes (and needs nothing from) ``data``, so
    that it serves as a finding's ``explain``.
    """
    sentences = []
    for _index, row in result.iterrows():
        if row["status"] != "ok":
            sentences.append(sentence_for_status(row, _("{one} and {other}").format(
                one=vocabulary.name(row["x"]), other=vocabulary.name(row["y"]))))
            continue
        numbers = _("r = {r}, 95% interval {low} to {high}, {counted}").format(
            r=f"{row['r']:.2f}", low=f"{row['ci_low']:.2f}", high=f"{row['ci_high']:.2f}",
            counted=vocabulary.count(int(row["n"]), row["unit"]))
        if inference.clear(row):
            said = (_("Weeks with {more} went with {toward} ({numbers}).") if row["unit"] == "week" else
                    _("Days with {more} went with {toward} ({numbers})."))
            sentences.append(said.format(more=vocabulary.more(row["x"]), toward=vocabulary.toward(row["y"], row["r"]),
                                         numbers=numbers))
        else:
            sentences.append(_("No clear link yet between {one} and {other} ({numbers}).").format(
                one=vocabulary.name(row["x"]), other=vocabulary.name(row["y"]), numbers=numbers))
    return " ".join(sentences)


def effect(row, key: str = "beta") -> str:
    """An estimate with its interval, as "+0.42, 95% interval +0.32 to +0.52"."""
    return _("{estimate}, 95% interval {low} to {high}").format(
        estimate=f"{row[key]:+.2f}", low=f"{row['ci_low']:+.2f}", high=f"{row['ci_high']:+.2f}")


decided = inference.clear
"""Whether a result is clear: the one decision rule (:func:`ghw.inference.clear`), under the name the readings use."""


def better(sign: float, column: str = "mood") -> str:
    """Mood (or another measure) in the direction of ``sign``: "better mood", "fewer connections"
    (:func:`ghw.vocabulary.toward`)."""
    return vocabulary.toward(column, sign)


def capital(text: str) -> str:
    """``text`` with its first letter a capital."""
    return text[:1].upper() + text[1:]


def read_association(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """The readings of a table of :func:`ghw.analysis.association` rows: one link with mood per row."""
    rows = []
    for _index, row in result.iterrows():
        x, unit = row["x"], row["unit"]
        counted = "day with a connection" if x == "quality" and unit == "day" else unit
        clear = decided(row)
        if row["status"] != "ok":
            headline = ""
        elif clear:
            said = (_("Weeks with {more} went with {better}: a {strength} link") if unit == "week" else
                    _("Days with {more} went with {better}: a {strength} link"))
            headline = said.format(more=vocabulary.more(x), better=better(row["r"]),
                                   strength=vocabulary.strength(row["r"]))
        else:
            headline = _("No clear link yet between {measure} and mood").format(measure=vocabulary.name(x))
        rows.append(reading(x, "link", vocabulary.name(x), row, estimate="r", headline=headline, clear=clear,
                            unit=counted))
    return readings(rows)

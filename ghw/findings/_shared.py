"""Sentences that several findings share."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, vocabulary
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
            sentences.append(sentence_for_status(row, f"{vocabulary.name(row['x'])} and {vocabulary.name(row['y'])}"))
            continue
        unit = row["unit"]
        numbers = (f"r = {row['r']:.2f}, 95% interval {row['ci_low']:.2f} to {row['ci_high']:.2f}, "
                   f"{vocabulary.count(int(row['n']), unit)}")
        if inference.clear(row):
            sentences.append(f"{unit.capitalize()}s with {vocabulary.more(row['x'])} went with "
                             f"{vocabulary.toward(row['y'], row['r'])} ({numbers}).")
        else:
            sentences.append(f"No clear link yet between {vocabulary.name(row['x'])} and "
                             f"{vocabulary.name(row['y'])} ({numbers}).")
    return " ".join(sentences)


def effect(row, key: str = "beta") -> str:
    """An estimate with its interval, as "+0.42, 95% interval +0.32 to +0.52"."""
    return f"{row[key]:+.2f}, 95% interval {row['ci_low']:+.2f} to {row['ci_high']:+.2f}"


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
            headline = (f"{capital(unit)}s with {vocabulary.more(x)} went with {better(row['r'])}: "
                        f"a {vocabulary.strength(row['r'])} link")
        else:
            headline = f"No clear link yet between {vocabulary.name(x)} and mood"
        rows.append(reading(x, "link", vocabulary.name(x), row, estimate="r", headline=headline, clear=clear,
                            unit=counted))
    return readings(rows)

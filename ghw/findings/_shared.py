"""Sentences that several findings share."""

from __future__ import annotations

import pandas as pd

from .. import analysis, vocabulary
from ._base import Data, reading, readings, sentence_for_status

__all__ = ["associations", "explain_association", "read_association", "effect", "is_clear", "decided", "better",
           "capital"]


def associations(data: Data, measures: dict[str, str]) -> pd.DataFrame:
    """Each measure against mood (:func:`ghw.analysis.association`), by its unit: ``{"variety": "day", ...}``."""
    rows = [analysis.association(data.daily if unit == "day" else data.weekly, x, unit=unit)
            for x, unit in measures.items()]
    return pd.concat(rows, ignore_index=True)


def explain_association(result: pd.DataFrame, data: Data | None = None) -> str:
    """One sentence per row of :func:`ghw.analysis.association`; a clear link is said with its direction.

    It takes (and needs nothing from) ``data``, so that it serves as a finding's ``explain``.
    """
    sentences = []
    for _, row in result.iterrows():
        if row["status"] != "ok":
            sentences.append(sentence_for_status(row, f"{vocabulary.name(row['x'])} and {vocabulary.name(row['y'])}"))
            continue
        unit = row["unit"]
        numbers = (f"r = {row['r']:.2f}, 95% interval {row['ci_low']:.2f} to {row['ci_high']:.2f}, "
                   f"{vocabulary.count(int(row['n']), unit)}")
        if row["ci_low"] > 0 or row["ci_high"] < 0:
            better = "better" if row["r"] > 0 else "lower"
            sentences.append(f"{unit.capitalize()}s with {vocabulary.more(row['x'])} tended to be {better} "
                             f"{unit}s ({numbers}).")
        else:
            sentences.append(f"No clear link yet between {vocabulary.name(row['x'])} and "
                             f"{vocabulary.name(row['y'])} ({numbers}).")
    return " ".join(sentences)


def is_clear(row) -> bool:
    """Whether a row's 95% interval leaves out zero."""
    return bool(row["ci_low"] > 0 or row["ci_high"] < 0)


def effect(row, key: str = "beta") -> str:
    """An estimate with its interval, as "+0.42, 95% interval +0.32 to +0.52"."""
    return f"{row[key]:+.2f}, 95% interval {row['ci_low']:+.2f} to {row['ci_high']:+.2f}"


def decided(row) -> bool:
    """Whether a result is clear: status ``ok`` and its p-value below 0.05, where the p-value is Holm's
    ``p_adj`` for a family read together, the false-discovery ``p_fdr`` for a screen, else ``p_val``.
    For a single result this is the same as its 95% interval leaving out zero."""
    if row.get("status", "ok") != "ok":
        return False
    for key in ("p_adj", "p_fdr", "p_val"):
        value = row.get(key)
        if value is not None:
            return bool(pd.notna(value) and value < 0.05)
    return False


def better(sign: float, column: str = "mood") -> str:
    """Mood (or another measure) in the direction of ``sign``: "better mood", "lower mood"."""
    if column == "mood":
        return "better mood" if sign > 0 else "lower mood"
    return vocabulary.more(column) if sign > 0 else f"less of {vocabulary.name(column)}"


def capital(text: str) -> str:
    """``text`` with its first letter a capital."""
    return text[:1].upper() + text[1:]


def read_association(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """The readings of a table of :func:`ghw.analysis.association` rows: one link with mood per row."""
    rows = []
    for _, row in result.iterrows():
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

"""Variety: the mix of kinds of relationship lately, beside the kinds seen before."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["variety"]

def variety(entries: pd.DataFrame, *, weeks: int = 4, today=None) -> pd.DataFrame:
    """The mix of kinds of relationship in the last ``weeks`` weeks, beside the kinds seen before.

    ``today`` defaults to the last day in the journal.

    Returns
    -------
    DataFrame with one row per kind ever logged: ``relationship``,
    ``connections`` (in the window), ``share`` (of the window's connections),
    ``last_contact`` (ever) and ``missing`` (logged before, not in the
    window). Its ``attrs`` hold ``kinds`` (kinds in the window), ``evenness``
    (Pielou's: Shannon entropy over ln(kinds), 1 when perfectly even; missing
    below two kinds), ``weeks`` and ``start``.
    """
    from scipy.stats import entropy

    connections = entries.loc[entries["relationship"].notna(), ["date", "relationship"]]
    today = pd.Timestamp(today) if today is not None else (entries["date"].max() if len(entries) else pd.Timestamp.today())
    start = today.normalize() - pd.Timedelta(weeks=weeks) + pd.Timedelta(days=1)
    recent = connections.loc[(connections["date"] >= start) & (connections["date"] <= today)]
    counts = recent["relationship"].value_counts()
    last = connections.groupby("relationship")["date"].max()
    table = pd.DataFrame({"relationship": last.index, "last_contact": last.to_numpy()})
    table["connections"] = table["relationship"].map(counts).fillna(0).astype("int64")
    total = table["connections"].sum()
    table["share"] = table["connections"] / total if total else 0.0
    table["missing"] = table["connections"] == 0
    table = table.sort_values(["connections", "last_contact"], ascending=False).reset_index(drop=True)
    table = table[["relationship", "connections", "share", "last_contact", "missing"]]
    present = counts.to_numpy(dtype="float64")
    table.attrs = {"kinds": int(len(counts)), "weeks": weeks, "start": start,
                   "evenness": float(entropy(present) / np.log(len(present))) if len(present) >= 2 else np.nan}
    return table

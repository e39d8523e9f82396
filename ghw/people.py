"""The people in a journal: who they usually are to you, and who you have not seen for a while."""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["usual_relationships", "overdue"]


def usual_relationships(entries: pd.DataFrame) -> dict[str, str]:
    """Each named person's most frequent kind of relationship (the latest one on a tie)."""
    named = entries.loc[entries["person"].notna() & entries["relationship"].notna(), ["date", "person", "relationship"]]
    if named.empty:
        return {}
    counts = named.groupby(["person", "relationship"]).agg(n=("date", "size"), last=("date", "max")).reset_index()
    best = counts.sort_values(["n", "last"]).groupby("person").tail(1)
    return dict(zip(best["person"], best["relationship"]))


def overdue(entries: pd.DataFrame, *, today: dt.date | None = None, min_contacts: int = 3) -> pd.DataFrame:
    """People you usually see more often than lately, most overdue first.

    ``today`` defaults to the last day in the journal: days that were not
    logged say nothing about whom you saw. A person's usual gap is the median number of days between their
    connections. They are listed when the days since the last one exceed
    one and a half usual gaps. People with fewer than ``min_contacts`` days of
    connection are left out: there is no "usual" yet.

    Returns
    -------
    DataFrame with columns ``person``, ``relationship``, ``last_seen``,
    ``days_since``, ``usual_gap`` and ``ratio`` (days since / usual gap).
    """
    columns = ["person", "relationship", "last_seen", "days_since", "usual_gap", "ratio"]
    named = entries.loc[entries["person"].notna() & entries["relationship"].notna()]
    days = named[["person", "date"]].drop_duplicates().sort_values("date")
    gaps = days.groupby("person")["date"].diff().dt.days
    summary = pd.DataFrame({
        "contacts": days.groupby("person").size(),
        "last_seen": days.groupby("person")["date"].max(),
        "usual_gap": gaps.groupby(days["person"]).median(),
    })
    summary = summary.loc[summary["contacts"] >= min_contacts]
    if summary.empty:
        return pd.DataFrame(columns=columns)
    today = pd.Timestamp(today) if today else entries["date"].max()
    summary["days_since"] = (today - summary["last_seen"]).dt.days
    summary["ratio"] = summary["days_since"] / summary["usual_gap"].clip(lower=1)
    summary["relationship"] = pd.Series(usual_relationships(named))
    late = summary.loc[summary["ratio"] > 1.5].sort_values("ratio", ascending=False)
    return late.rename_axis("person").reset_index()[columns]

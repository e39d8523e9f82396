"""From entries (moments) to days and weeks, the units the reflection views compare."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["daily", "weekly"]


def daily(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar day from the first entry to the last.

    Days without entries are present, with ``entries`` 0 and everything else
    missing: nobody knows how those days went, and a missing day is not a bad
    day or a lonely one.

    Returns
    -------
    DataFrame with columns

    - ``date``: the day;
    - ``mood``: mean mood of the day's entries (0-10);
    - ``entries``: number of entries;
    - ``connections``: number of connections logged;
    - ``people``: number of different people named;
    - ``minutes``: minutes spent connecting (0 on a day without connections;
      missing when none of the day's connections has minutes);
    - ``quality``: mean quality of the day's connections (1-5), missing, not
      zero, on days without connections;
    - ``variety``: number of different kinds of relationship;
    - ``initiative``: who reached out, from -1 (always them) to +1 (always
      me), mutual counting as even;
    - ``support``: who gave support, from -1 (I only received) to +1 (I only
      gave), both counting as even; missing when no support was exchanged.

    Examples
    --------
    Two entries on Monday (a mood of 4 alone, then 8 after forty minutes with
    Sam), none on Tuesday, one on Wednesday. Monday's mood is their mean;
    Tuesday is there, with no entry and nothing else known; Wednesday had no
    connection, so no minutes and no quality.

    >>> import pandas as pd
    >>> from ghw import schema
    >>> from ghw.tables import daily
    >>> raw = pd.DataFrame({
    ...     "date": ["2026-11-02", "2026-11-02", "2026-11-04"],
    ...     "mood": ["4", "8", "6"],
    ...     "person": ["", "Sam", ""],
    ...     "relationship": ["", "partner", ""],
    ...     "minutes": ["", "40", ""],
    ...     "quality": ["", "5", ""],
    ... }).reindex(columns=schema.COLUMNS, fill_value="")
    >>> entries, problems = schema.validate(raw)
    >>> daily(entries)[["date", "mood", "entries", "connections", "minutes", "quality"]]
            date  mood  entries  connections  minutes  quality
    0 2026-11-02   6.0      2.0          1.0     40.0      5.0
    1 2026-11-03   NaN      0.0          NaN      NaN      NaN
    2 2026-11-04   6.0      1.0          0.0      0.0      NaN
    """
    calendar = _calendar(entries["date"])
    if entries.empty:
        return pd.DataFrame({"date": calendar, **{c: pd.Series(dtype="float64") for c in _DAY_COLUMNS}})
    frame = _per_entry(entries)
    grouped = frame.groupby("date")
    days = pd.DataFrame({
        "mood": grouped["mood"].mean(),
        "entries": grouped.size().astype("float64"),
        "connections": grouped["connection"].sum(),
        "people": grouped["person"].nunique(),
        "minutes": grouped["minutes"].sum(min_count=1),
        "quality": grouped["quality"].mean(),
        "variety": grouped["relationship"].nunique().astype("float64"),
        "initiative": grouped["initiative"].mean(),
        "support": grouped["support_score"].mean(),
    })
    days.loc[days["connections"] == 0, "minutes"] = 0.0
    days = days.reindex(calendar).rename_axis("date").reset_index()
    days["entries"] = days["entries"].fillna(0.0)
    return days


def weekly(entries: pd.DataFrame, days: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per week (Monday to Sunday) from the first entry to the last.

    ``days`` is :func:`daily` of the same entries, when it is at hand already.

    Returns
    -------
    DataFrame with columns

    - ``week``: the Monday that starts the week;
    - ``days``: days of the week inside the journal (7, except perhaps in
      the first and last week, which are cut by the first and last entry);
    - ``days_logged``: days with at least one entry (0-7);
    - ``mood``: mean of the daily mean moods;
    - ``connections``: connections logged;
    - ``richness``: number of different kinds of relationship in the week;
    - ``evenness``: how evenly connections spread over those kinds, from 0
      (all of one kind) to 1 (equally many of each): Shannon entropy divided
      by its largest possible value, ln(richness); missing below two kinds;
    - ``initiative`` and ``support``: as in :func:`daily`, over the week.

    Examples
    --------
    Monday 2 November: a mood of 4 alone, then 8 with Sam (a day's mean of
    6); Thursday: 9 with Jo; the next Monday: 5 with Mum, the last entry. The
    first week's mood is the mean of its days, (6 + 9) / 2, not of its three
    entries; its two connections are of two kinds, one each, so they are as
    even as can be. The second week is cut to its one day by the last entry.

    >>> import pandas as pd
    >>> from ghw import schema
    >>> from ghw.tables import weekly
    >>> raw = pd.DataFrame({
    ...     "date": ["2026-11-02", "2026-11-02", "2026-11-05", "2026-11-09"],
    ...     "mood": ["4", "8", "9", "5"],
    ...     "person": ["", "Sam", "Jo", "Mum"],
    ...     "relationship": ["", "partner", "friend", "family"],
    ... }).reindex(columns=schema.COLUMNS, fill_value="")
    >>> entries, problems = schema.validate(raw)
    >>> weekly(entries)[["week", "days", "days_logged", "mood", "connections", "richness", "evenness"]]
            week  days  days_logged  mood  connections  richness  evenness
    0 2026-11-02   7.0          2.0   7.5          2.0       2.0       1.0
    1 2026-11-09   1.0          1.0   5.0          1.0       1.0       NaN
    """
    days = (daily(entries) if days is None else days).assign(week=lambda d: _monday(d["date"]))
    grouped = days.groupby("week")
    weeks = pd.DataFrame({
        "days": grouped.size().astype("float64"),
        "days_logged": (days["entries"] > 0).groupby(days["week"]).sum().astype("float64"),
        "mood": grouped["mood"].mean(),
    })
    if entries.empty:
        return weeks.assign(**{c: pd.Series(dtype="float64") for c in _WEEK_COLUMNS}).rename_axis("week").reset_index()
    frame = _per_entry(entries)
    frame["week"] = _monday(frame["date"])
    counts = frame.loc[frame["connection"]].groupby(["week", "relationship"]).size().unstack(fill_value=0)
    counts = counts.reindex(weeks.index, fill_value=0)
    richness = (counts > 0).sum(axis=1)
    weeks["connections"] = counts.sum(axis=1).astype("float64")
    weeks["richness"] = richness.astype("float64")
    weeks["evenness"] = _evenness(counts).where(richness >= 2)
    by_week = frame.groupby("week")
    weeks["initiative"] = by_week["initiative"].mean()
    weeks["support"] = by_week["support_score"].mean()
    # Weeks with no entry at all say nothing about connection.
    unlogged = weeks["days_logged"] == 0
    weeks.loc[unlogged, ["connections", "richness"]] = np.nan
    return weeks.rename_axis("week").reset_index()


_DAY_COLUMNS = ("mood", "entries", "connections", "people", "minutes", "quality", "variety", "initiative", "support")
_WEEK_COLUMNS = ("connections", "richness", "evenness", "initiative", "support")
_INITIATIVE = {"me": 1.0, "mutual": 0.0, "them": -1.0}
_SUPPORT = {"gave": 1.0, "both": 0.0, "received": -1.0}  # "neither" exchanged none


def _calendar(dates: pd.Series) -> pd.DatetimeIndex:
    if dates.empty:
        return pd.DatetimeIndex([], name="date")
    return pd.date_range(dates.min(), dates.max(), freq="D", name="date")


def _monday(dates: pd.Series) -> pd.Series:
    return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def _per_entry(entries: pd.DataFrame) -> pd.DataFrame:
    """The columns the summaries need, as numbers; connection-only fields missing elsewhere."""
    connection = entries["relationship"].notna()
    return pd.DataFrame({
        "date": entries["date"],
        "mood": entries["mood"].astype("float64"),
        "connection": connection,
        "person": entries["person"].where(connection),
        "relationship": entries["relationship"],
        "minutes": entries["minutes"].astype("float64"),
        "quality": entries["quality"].astype("float64"),
        "initiative": entries["initiated_by"].map(_INITIATIVE).astype("float64"),
        "support_score": entries["support"].map(_SUPPORT).astype("float64"),
    })


def _evenness(counts: pd.DataFrame) -> pd.Series:
    """Pielou's evenness per row: Shannon entropy / ln(number of kinds present)."""
    from scipy.stats import entropy

    values = counts.to_numpy(dtype="float64")
    present = (values > 0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shannon = entropy(values, axis=1)
        return pd.Series(shannon / np.log(present), index=counts.index)


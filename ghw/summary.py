"""Summaries of a week or a month: the figures of a period in plain sentences.

A :class:`Summary` is what every export writes (:mod:`ghw.exports`) and
what ``ghw summary`` prints. Periods are ``YYYY-MM`` or ISO weeks
``YYYY-Www``, handled as :class:`pandas.Period`. Names are replaced by
pseudonyms (:mod:`ghw.privacy`) and notes left out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from . import findings, privacy, vocabulary
from . import plan as plans
from .errors import GhwError

__all__ = ["Summary", "period", "period_range", "summary"]

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


@dataclass
class Summary:
    """A week or a month in figures and sentences; see :func:`summary`."""

    period: str
    start: dt.date
    end: dt.date
    entries: pd.DataFrame = field(repr=False)
    days_logged: int
    mood: dict
    previous_mood: float | None
    by_relationship: pd.DataFrame
    findings: dict[str, str]
    flagship: pd.DataFrame
    moments: list[tuple[dt.date, str]]
    progress: pd.DataFrame | None
    notes_included: bool
    pseudonymized: bool
    experiments: pd.DataFrame | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def sentences(self) -> list[str]:
        """The summary as plain sentences, most important first."""
        lines = [f"Days logged: {self.days_logged} of {self.days}."]
        if self.days_logged == 0:
            return lines + ["Not enough data yet: nothing was logged in this period."]
        mood = self.mood
        text = (f"Mood: {mood['mean']:.1f} on average (from {mood['min']} to {mood['max']}, "
                f"{vocabulary.count(mood['n'], 'entry')})")
        if self.previous_mood is not None:
            change = mood["mean"] - self.previous_mood
            if abs(change) < 0.05:
                text += f"; about the same as the period before ({self.previous_mood:.1f})"
            else:
                text += (f"; {abs(change):.1f} {'higher' if change > 0 else 'lower'} than the period before "
                         f"({self.previous_mood:.1f})")
        lines.append(text + ".")
        kinds = self.by_relationship
        if kinds.empty:
            lines.append("No connections were logged in this period.")
        else:
            listed = ", ".join(f"{r.relationship} {r.connections}" for r in kinds.itertuples(index=False))
            lines.append(f"Connections: {int(kinds['connections'].sum())} with "
                         f"{vocabulary.count(len(kinds), 'kind')} of relationship ({listed}).")
            lines.append(self._give_and_take())
        lines += [s for s in self.findings.values() if s]
        if self.progress is not None and len(self.progress):
            done = "; ".join(f"{r.what}: {r.done} of {r.times} ({r.status})" for r in self.progress.itertuples(index=False))
            lines.append(f"Intentions: {done}.")
        if self.moments:
            lines.append("Good moments: " + "; ".join(f"{day}: {text}" for day, text in self.moments) + ".")
        return lines

    def _give_and_take(self) -> str:
        connections = self.entries.loc[self.entries["relationship"].notna()]
        reached = connections["initiated_by"].value_counts()
        support = connections["support"].value_counts()
        if not reached.sum() and not support.sum():
            return "Give and take: not logged in this period."
        parts = []
        if reached.sum():
            parts.append(f"you reached out {vocabulary.count(int(reached.get('me', 0)), 'time')}, "
                         f"others {reached.get('them', 0)}, both {reached.get('mutual', 0)}")
        if support.sum():
            parts.append(f"you gave support {vocabulary.count(int(support.get('gave', 0)), 'time')}, "
                         f"received {support.get('received', 0)}, both ways {support.get('both', 0)}")
        return "Give and take: " + "; ".join(parts) + "."


def period(text: str) -> pd.Period:
    """``YYYY-MM`` as a monthly :class:`pandas.Period`, ``YYYY-Www`` as a weekly one (Monday to Sunday)."""
    text = str(text).strip()
    month, week = _MONTH.fullmatch(text), _WEEK.fullmatch(text)
    try:
        if month:
            return pd.Period(text, freq="M")
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return pd.Period(monday, freq="W-SUN")
    except (ValueError, OverflowError):
        raise GhwError(f"{text!r} is not a {'week' if week else 'month'} ghw can use.") from None
    raise GhwError(f"{text!r} is not a month (YYYY-MM, like 2026-11) or a week (YYYY-Www, like 2026-W48).")


def _name(p: pd.Period) -> str:
    if p.freqstr.startswith("W"):
        year, week, _ = p.start_time.date().isocalendar()
        return f"{year}-W{week:02d}"
    return p.strftime("%Y-%m")


def period_range(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``YYYY-MM`` or an ISO week ``YYYY-Www``."""
    p = period(text)
    try:
        return p.start_time.date(), p.end_time.date()
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        raise GhwError(f"{text!r} is outside the dates ghw can handle.") from None


def summary(entries: pd.DataFrame, period_text: str, *, plan: pd.DataFrame | None = None, notes: bool = False,
            names: bool = False, key: bytes | None = None, experiments: pd.DataFrame | None = None) -> Summary:
    """Summarize a period (``YYYY-MM`` or ``YYYY-Www``) of ``entries``.

    By default it is safe to share: notes are left out and names are
    replaced by pseudonyms. ``notes=True`` lets the best moments quote notes;
    ``names=True`` keeps names as written. ``key`` is the journal's pseudonym
    key (:func:`ghw.privacy.key_for`); without one, pseudonyms are made with a
    fresh key and agree only within this summary. The findings marked for
    summaries use every day up to the period's end, since a week alone is
    too short for them. ``experiments`` (:func:`ghw.experiment.load`) that
    run during the period are judged as of the day after it, with their acts
    under the same pseudonyms.
    """
    p = period(period_text)
    start, end = period_range(period_text)
    name = _name(p)
    progress = plans.progress(plan, entries, name) if plan is not None and p.freqstr == "M" else None
    if experiments is not None:
        last = experiments["stopped"].fillna(experiments["end"])
        experiments = experiments.loc[(experiments["start"] <= pd.Timestamp(end)) & (last >= pd.Timestamp(start))]
    if not names:
        import secrets

        entries, swap = privacy.pseudonymize(entries, key or secrets.token_bytes(32))
        if progress is not None:
            progress = progress.assign(what=progress["what"].map(swap), person=progress["person"].map(swap, na_action="ignore"))
        if experiments is not None:
            experiments = experiments.assign(act=experiments["act"].map(swap),
                                             person=experiments["person"].map(swap, na_action="ignore"))
    if not notes:
        entries = entries.assign(note=pd.Series(pd.NA, index=entries.index, dtype="str"))
    dates = entries["date"].dt.date
    inside = entries.loc[(dates >= start) & (dates <= end)]
    previous_start, _ = period_range(_name(p - 1))
    before = entries.loc[(dates >= previous_start) & (dates < start)]
    moods = inside["mood"].astype("float64")
    mood = {"mean": moods.mean(), "min": int(moods.min()) if len(moods) else None,
            "max": int(moods.max()) if len(moods) else None, "n": len(moods)}
    connections = inside.loc[inside["relationship"].notna()]
    by_kind = (connections.groupby("relationship")
               .agg(connections=("id", "size"), quality=("quality", "mean"))
               .sort_values("connections", ascending=False).reset_index())
    history = findings.Data(entries.loc[dates <= end], experiments=experiments, as_of=end + dt.timedelta(days=1))
    chosen = {n: f for n, f in findings.FINDINGS.items() if f.in_summary}
    results = {n: f.compute(history) for n, f in chosen.items()}
    moments = []
    if notes:
        noted = inside.loc[inside["note"].notna()].sort_values(["mood", "date"], ascending=[False, True]).head(3)
        moments = [(d.date(), n.replace("\n", " ")) for d, n in zip(noted["date"], noted["note"])]
    return Summary(
        period=name, start=start, end=end, entries=inside, days_logged=inside["date"].nunique(), mood=mood,
        previous_mood=before["mood"].astype("float64").mean() if len(before) else None, by_relationship=by_kind,
        findings={n: f.explain(results[n], history) for n, f in chosen.items()},
        flagship=results.get("quality_vs_quantity"), moments=moments,
        progress=progress, notes_included=notes, pseudonymized=not names, experiments=experiments,
    )

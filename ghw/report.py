"""Summaries of a week or a month, and exports the user or a therapist can open.

``summary`` gathers the figures in plain sentences; the ``write_*``
functions turn them into CSV, Markdown, a self-contained HTML page or a PDF.
Sharing controls: notes can be left out, and names can be replaced by
stable pseudonyms (also inside notes and activities). Every user text that
reaches HTML is escaped, and every text cell of a CSV that a spreadsheet
could run as a formula is neutralized.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import html
import io
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import analysis, care, explain, paths, storage
from . import plan as plans
from .daily import daily
from .errors import GhwError

__all__ = [
    "Summary",
    "period_range",
    "summary",
    "pseudonymize",
    "preview",
    "write_csv",
    "write_markdown",
    "write_html",
    "write_pdf",
    "write_bytes",
    "WRITERS",
    "exports_dir",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    quality_vs_quantity: pd.DataFrame
    moments: list[tuple[dt.date, str]]
    progress: pd.DataFrame | None
    notes_included: bool
    pseudonymized: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def sentences(self) -> list[str]:
        """The summary as plain sentences, most important first."""
        lines = [f"Days logged: {self.days_logged} of {self.days}."]
        if self.days_logged == 0:
            return lines + ["Not enough data yet: nothing was logged in this period."]
        mood = self.mood
        text = f"Mood: {mood['mean']:.1f} on average (from {mood['min']} to {mood['max']}, {mood['n']} {'entry' if mood['n'] == 1 else 'entries'})"
        if self.previous_mood is not None:
            change = mood["mean"] - self.previous_mood
            if abs(change) < 0.05:
                text += f"; about the same as the period before ({self.previous_mood:.1f})"
            else:
                text += f"; {abs(change):.1f} {'higher' if change > 0 else 'lower'} than the period before ({self.previous_mood:.1f})"
        lines.append(text + ".")
        kinds = self.by_relationship
        if kinds.empty:
            lines.append("No connections were logged in this period.")
        else:
            listed = ", ".join(f"{r.relationship} {r.connections}" for r in kinds.itertuples(index=False))
            lines.append(f"Connections: {int(kinds['connections'].sum())} with {len(kinds)} kinds of relationship ({listed}).")
            lines.append(self._give_and_take())
        lines.append(explain.quality_vs_quantity(self.quality_vs_quantity))
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
            parts.append(f"you reached out {reached.get('me', 0)} times, others {reached.get('them', 0)}, "
                         f"both {reached.get('mutual', 0)}")
        if support.sum():
            parts.append(f"you gave support {support.get('gave', 0)} times, received {support.get('received', 0)}, "
                         f"both ways {support.get('both', 0)}")
        return "Give and take: " + "; ".join(parts) + "."


def period_range(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``YYYY-MM`` or an ISO week ``YYYY-Www``."""
    if re.fullmatch(r"\d{4}-W\d{2}", period):
        year, week = int(period[:4]), int(period[6:])
        try:
            start = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise GhwError(f"{period!r} is not a week of {year}.") from None
        return start, start + dt.timedelta(days=6)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        start, end = plans.month_range(period)
        return start.date(), end.date()
    raise GhwError(f"{period!r} is not a month (YYYY-MM, like 2026-11) or a week (YYYY-Www, like 2026-W48).")


def _previous(period: str, start: dt.date) -> str:
    """The period before: the previous calendar month, or the previous week."""
    before = start - dt.timedelta(days=1)
    if "W" in period:
        year, week, _ = before.isocalendar()
        return f"{year}-W{week:02d}"
    return before.strftime("%Y-%m")


def summary(entries: pd.DataFrame, period: str, *, plan: pd.DataFrame | None = None, notes: bool = False,
            names: bool = True, key: bytes | None = None) -> Summary:
    """Summarize ``period`` (``YYYY-MM`` or ``YYYY-Www``).

    ``notes=True`` lets the best moments quote notes; ``names=False``
    replaces names by stable pseudonyms (see :func:`pseudonymize`). The
    quality-versus-quantity finding uses every day up to the period's end,
    since a week alone is too short for it.
    """
    start, end = period_range(period)
    progress = plans.progress(plan, entries, period) if plan is not None and "W" not in period else None
    if not names:
        swap = _pseudonyms(entries["person"].dropna().unique(), key)
        entries = pseudonymize(entries, key=key)
        if progress is not None:
            progress = progress.assign(what=progress["what"].map(swap), person=progress["person"].map(swap, na_action="ignore"))
    if not notes:
        entries = entries.assign(note=pd.Series(pd.NA, index=entries.index, dtype="str"))
    dates = entries["date"].dt.date
    inside = entries.loc[(dates >= start) & (dates <= end)]
    previous_start, _ = period_range(_previous(period, start))
    before = entries.loc[(dates >= previous_start) & (dates < start)]
    moods = inside["mood"].astype("float64")
    mood = {"mean": moods.mean(), "min": int(moods.min()) if len(moods) else None,
            "max": int(moods.max()) if len(moods) else None, "n": len(moods)}
    connections = inside.loc[inside["relationship"].notna()]
    by_kind = (connections.groupby("relationship")
               .agg(connections=("id", "size"), quality=("quality", "mean"))
               .sort_values("connections", ascending=False).reset_index())
    history = daily(entries.loc[dates <= end])
    moments = []
    if notes:
        noted = inside.loc[inside["note"].notna()].sort_values(["mood", "date"], ascending=[False, True]).head(3)
        moments = [(d.date(), n.replace("\n", " ")) for d, n in zip(noted["date"], noted["note"])]
    return Summary(
        period=period, start=start, end=end, entries=inside, days_logged=inside["date"].nunique(), mood=mood,
        previous_mood=before["mood"].astype("float64").mean() if len(before) else None, by_relationship=by_kind,
        quality_vs_quantity=analysis.quality_vs_quantity(history), moments=moments,
        progress=progress, notes_included=notes, pseudonymized=not names,
    )


def pseudonymize(entries: pd.DataFrame, *, key: bytes | None = None) -> pd.DataFrame:
    """Replace every person's name by a stable pseudonym, also inside activities and notes.

    The same name always gets the same pseudonym (``Person 3F2A``) under the
    same ``key``; by default the key is kept in ``.pseudonym-key`` beside the
    journal, so that exports made on different days agree.
    """
    swap = _pseudonyms(entries["person"].dropna().unique(), key)
    out = entries.assign(person=entries["person"].map(swap, na_action="ignore").astype("str"))
    for column in ("activity", "note"):
        out[column] = out[column].map(swap, na_action="ignore").astype("str")
    return out


def _pseudonyms(names, key: bytes | None):
    """A function that replaces each of ``names`` wherever it stands as a word in a text."""
    key = key or _pseudonym_key()
    names = sorted(set(names), key=len, reverse=True)
    aliases = {name.casefold(): "Person " + hmac.new(key, name.casefold().encode(), hashlib.sha256).hexdigest()[:4].upper()
               for name in names}
    if not names:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: aliases[m.group(0).casefold()], text)


def preview(report: Summary, fmt: str) -> str:
    """What an export will contain, said before it is written."""
    people = "replaced by pseudonyms" if report.pseudonymized else "as you wrote them"
    parts = [
        f"{fmt.upper()} export of {report.period} ({report.start} to {report.end}):",
        f"{len(report.entries)} entries on {report.days_logged} days",
        f"names {people}",
        "notes included" if report.notes_included else "no notes",
    ]
    if fmt in ("html", "pdf"):
        parts.append("two charts and the summary sentences")
    if fmt in ("md", "html", "pdf"):
        parts.append("a note on care and where to find help")
    return parts[0] + " " + "; ".join(parts[1:]) + "."


def exports_dir(journal: str | os.PathLike | None = None) -> Path:
    """``exports/`` beside the journal (git-ignored), made on first use."""
    folder = Path(journal or paths.journal_path()).parent / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_csv(report: Summary, path: str | os.PathLike) -> Path:
    """The period's entries, safe to open in a spreadsheet."""
    table = report.entries.copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    for column in table.columns:
        if pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(_defuse, na_action="ignore")
    if not report.notes_included:
        table = table.drop(columns="note")
    return write_bytes(path, table.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def write_markdown(report: Summary, path: str | os.PathLike) -> Path:
    """The summary as Markdown."""
    lines = [f"# ghw summary: {report.period}", "", f"{report.start} to {report.end}", ""]
    lines += [f"- {_markdown(s)}" for s in report.sentences()]
    lines += ["", "---", "", *(_markdown(line) for line in care.care_note().splitlines())]
    return write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))


def write_html(report: Summary, path: str | os.PathLike) -> Path:
    """A self-contained HTML page: sentences, charts embedded, every user text escaped."""
    charts = "".join(
        f'<figure><img alt="{html.escape(title)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
        f"<figcaption>{html.escape(title)}</figcaption></figure>"
        for title, png in _charts(report)
    )
    items = "".join(f"<li>{html.escape(s)}</li>" for s in report.sentences())
    care_items = "".join(f"<li>{html.escape(w)}: {html.escape(t)}</li>" for w, t in care.CRISIS_RESOURCES)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>ghw summary {html.escape(report.period)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}}
img{{max-width:100%}} figure{{margin:1.5rem 0}} .care{{background:#F3F0FA;padding:.8rem 1rem;border-radius:6px}}</style>
</head><body>
<h1>ghw summary: {html.escape(report.period)}</h1>
<p>{report.start} to {report.end}</p>
<ul class="summary">{items}</ul>
{charts}
<div class="care"><p>{html.escape(care.NOT_A_MEDICAL_DEVICE)}</p><p>If you are in crisis:</p><ul>{care_items}</ul>
<p><small>Contacts last checked {care.CHECKED}.</small></p></div>
</body></html>
"""
    return write_bytes(path, page.encode("utf-8"))


def write_pdf(report: Summary, path: str | os.PathLike) -> Path:
    """A two-page PDF: the sentences and care note, then the charts."""
    import textwrap

    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": f"ghw summary {report.period}", "Creator": "ghw"}) as pdf:
        page = Figure(figsize=(8.27, 11.69))
        page.text(0.07, 0.95, f"ghw summary: {report.period}", va="top", fontsize=16, weight="bold")
        lines = [f"{report.start} to {report.end}", ""]
        for sentence in [*report.sentences(), "", *care.care_note().splitlines()]:
            lines += textwrap.wrap(sentence, 95) or [""]
        page.text(0.07, 0.92, "\n".join(lines), va="top", fontsize=9, linespacing=1.5)
        pdf.savefig(page)
        charts = Figure(figsize=(8.27, 11.69), layout="constrained")
        axes = charts.subplots(2, 1)
        _draw_charts(report, axes)
        pdf.savefig(charts)
    return write_bytes(path, buffer.getvalue())


def _charts(report: Summary) -> list[tuple[str, bytes]]:
    from matplotlib.figure import Figure

    out = []
    for title, index in (("Mood in this period", 0), ("Quality or quantity, over all your days so far", 1)):
        figure = Figure(figsize=(8, 3.6), layout="constrained")
        ax = figure.add_subplot()
        _draw_charts(report, [ax] if index == 0 else [None, ax])
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=90)
        out.append((title, buffer.getvalue()))
    return out


def _draw_charts(report: Summary, axes) -> None:
    from . import plots

    if axes[0] is not None:
        plots.plot_mood_timeline(daily(report.entries), ax=axes[0])
    if len(axes) > 1 and axes[1] is not None:
        plots.plot_quality_vs_quantity(report.quality_vs_quantity, ax=axes[1])


def _defuse(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write an export atomically (an export is made again, not backed up)."""
    path = Path(path)
    storage.replace(path, data, backup=False)
    return path


def _pseudonym_key() -> bytes:
    path = paths.journal_path().parent / ".pseudonym-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(16))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


WRITERS = {"csv": write_csv, "md": write_markdown, "html": write_html, "pdf": write_pdf}

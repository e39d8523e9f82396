"""The reflection page: filters on top, then each finding as a sentence and a chart."""

from __future__ import annotations

import html
from typing import NamedTuple

import ipywidgets as widgets
import pandas as pd

from .. import analysis, explain, plots
from ..daily import daily, weekly
from ..journal import open_journal
from .figures import render_png

__all__ = ["Reflection"]


class _Section(NamedTuple):
    title: str
    intro: str


SECTIONS = {
    "timeline": _Section("Your mood over time", "Each dot is a day; the line smooths over a week."),
    "calendar": _Section("A year in pixels", "One square per day. Grey squares are days without an entry."),
    "quality_vs_quantity": _Section(
        "Quality or quantity?",
        "Which goes with your mood more: how connected you felt, or how many connections you had? "
        "Each dot is an estimate; the bar around it is the range it could plausibly be in. "
        "A bar that crosses the zero line means 'no clear link yet'.",
    ),
    "quality": _Section("Connection quality and mood", "Each dot is a day with at least one connection."),
    "relationships": _Section(
        "Kinds of relationship",
        "Mood on days with each kind of connection, compared with your other days. Exploratory: "
        "with many comparisons, some differences appear by chance.",
    ),
    "activities": _Section("What you did together", "The same comparison for activities."),
    "variety": _Section("Variety", "How many kinds of relationship each week held, beside your weekly mood."),
    "reciprocity": _Section("Give and take", "Who reached out, and who gave support, week by week."),
    "next_day": _Section(
        "From one day to the next",
        "Does connection today go with mood tomorrow, and does mood today go with connection tomorrow?",
    ),
    "lift": _Section("Just after a connection", "How your mood moved from the entry before a connection to the one after."),
}


class Reflection(widgets.VBox):
    """The reflection dashboard for a journal (the user's, or the sample while there is none).

    ``sentences`` and ``images`` hold what each section shows, so that tests
    and other code can read them; :meth:`refresh` recomputes everything for
    the current filters.
    """

    def __init__(self, path=None):
        self.path = path
        self.start = widgets.DatePicker(description="From")
        self.end = widgets.DatePicker(description="To")
        self.kinds = widgets.SelectMultiple(description="Count", rows=6)
        self.kinds_help = widgets.HTML("<small>Connections of the kinds selected count; "
                                       "the others are treated as plain check-ins.</small>")
        self.banner = widgets.HTML()
        self.status = widgets.HTML()
        self.sentences: dict[str, str] = {}
        self.images: dict[str, widgets.Image] = {}
        self._texts: dict[str, widgets.HTML] = {}
        blocks = []
        for key, section in SECTIONS.items():
            self._texts[key] = widgets.HTML()
            self.images[key] = widgets.Image(format="png", layout=widgets.Layout(max_width="900px"))
            blocks.append(widgets.VBox([
                widgets.HTML(f"<h3>{section.title}</h3><p>{section.intro}</p>"),
                self._texts[key],
                self.images[key],
            ]))
        filters = widgets.HBox([widgets.VBox([self.start, self.end]), widgets.VBox([self.kinds, self.kinds_help])])
        super().__init__([self.banner, filters, self.status, *blocks])
        self.add_class("ghw-reflect")
        self.reload()
        for control in (self.start, self.end, self.kinds):
            control.observe(lambda _: self.refresh(), names="value")

    def reload(self) -> None:
        """Read the journal again (it may have grown), reset the filters to all of it, and redraw."""
        self.journal = open_journal(self.path)
        entries = self.journal.entries
        self._quiet = True
        self.start.value = entries["date"].min().date() if len(entries) else None
        self.end.value = entries["date"].max().date() if len(entries) else None
        kinds = sorted(entries["relationship"].dropna().unique())
        self.kinds.options = kinds
        self.kinds.value = tuple(kinds)
        self._quiet = False
        self.banner.value = self._banner()
        self.refresh()

    def filtered(self) -> pd.DataFrame:
        """The entries in the chosen dates, with only the chosen kinds counting as connections."""
        entries = self.journal.entries
        keep = pd.Series(True, index=entries.index)
        if self.start.value:
            keep &= entries["date"] >= pd.Timestamp(self.start.value)
        if self.end.value:
            keep &= entries["date"] <= pd.Timestamp(self.end.value)
        chosen = entries.loc[keep]
        other = chosen["relationship"].notna() & ~chosen["relationship"].isin(self.kinds.value)
        connection_fields = ["person", "relationship", "activity", "channel", "minutes", "quality", "initiated_by",
                             "support"]
        return chosen.assign(**{c: chosen[c].mask(other) for c in connection_fields})

    def refresh(self) -> None:
        """Recompute every finding and chart for the current filters."""
        if self._quiet:
            return
        if self.start.value and self.end.value and self.start.value > self.end.value:
            self.status.value = "<p style='color:#D55E00'>The start date is after the end date.</p>"
            return
        entries = self.filtered()
        days, weeks = daily(entries), weekly(entries)
        self.status.value = ""
        found = analysis.findings(entries)
        words = {
            "timeline": explain.coverage(days),
            "calendar": "",
            "quality_vs_quantity": explain.quality_vs_quantity(found["quality_vs_quantity"]),
            "quality": explain.association(found["quality"]),
            "relationships": explain.mood_by(found["relationships"]),
            "activities": explain.mood_by(found["activities"], what="activities"),
            "variety": explain.association(found["variety"]),
            "reciprocity": explain.association(found["reciprocity"]),
            "next_day": explain.next_day(found["next_day"]),
            "lift": explain.mood_lift(found["lift"]),
        }
        charts = {
            "timeline": lambda ax: plots.plot_mood_timeline(days, ax=ax),
            "calendar": lambda ax: plots.plot_calendar(days, ax=ax),
            "quality_vs_quantity": lambda ax: plots.plot_quality_vs_quantity(found["quality_vs_quantity"], ax=ax),
            "quality": lambda ax: plots.plot_quality_vs_mood(days, ax=ax),
            "relationships": lambda ax: plots.plot_mood_by(found["relationships"], ax=ax),
            "activities": lambda ax: plots.plot_mood_by(found["activities"], title="Mood by activity", ax=ax),
            "variety": lambda ax: plots.plot_variety(weeks, ax=ax),
            "reciprocity": lambda ax: plots.plot_reciprocity(weeks, ax=ax),
            "next_day": lambda ax: plots.plot_next_day(found["next_day"], ax=ax),
            "lift": lambda ax: plots.plot_mood_lift(found["lift"], ax=ax),
        }
        findings = {key: (words[key], charts[key]) for key in SECTIONS}
        for key, (sentence, draw) in findings.items():
            self.sentences[key] = sentence
            self._texts[key].value = f"<p><b>{html.escape(sentence)}</b></p>" if sentence else ""
            self.images[key].value = render_png(draw, wide=key in ("timeline", "calendar", "variety", "reciprocity"))

    def _banner(self) -> str:
        journal = self.journal
        if journal.is_sample:
            return ("<div class='ghw-sample' style='background:#FFF3D6;padding:8px;border-radius:4px'>"
                    "<b>Sample data.</b> This is a made-up year, not yours. Once you save your first entry, "
                    "this page shows your own journal.</div>")
        text = f"<p>Your journal: {html.escape(str(journal.path))}, {len(journal.entries)} entries.</p>"
        if len(journal.problems):
            lines = sorted(set(journal.problems["line"]))
            shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
            text += (f"<p style='color:#D55E00'>{len(lines)} entries have problems and are left out "
                     f"(lines {shown}). Run <code>ghw doctor</code> to see each one.</p>")
        return text

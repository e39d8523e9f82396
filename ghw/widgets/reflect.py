"""The reflection page: filters on top, then each finding as a sentence and a chart."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import checkins, experiment, findings, paths, vocabulary
from ..errors import GhwError
from ..journal import open_journal
from ._messages import file_problems, problem
from .figures import Chart, render_png

__all__ = ["Reflection"]


class Reflection(widgets.VBox):
    """The reflection dashboard for a journal (the user's, or the sample while there is none).

    One section per registered finding (:data:`ghw.findings.FINDINGS`), in
    order. ``sentences`` and ``images`` hold what each section shows, so that
    tests and other code can read them; ``results`` holds each finding's
    table; :meth:`refresh` recomputes everything for the current filters.
    With ``charts=False`` the page shows the sentences only, and draws no
    chart (quicker, and enough for a screen reader).

    In a kernel (the app, a notebook) the sentences and the first chart show
    at once and the other charts follow one by one, each in its own turn of
    the kernel's event loop, so that a click elsewhere (Save, another tab) is
    answered between two charts rather than after all of them. Outside an
    event loop every chart is drawn before :meth:`refresh` returns.
    """

    def __init__(self, path=None, *, charts: bool = True):
        self.path = path
        self.charts = charts
        self.start = widgets.DatePicker(description="From")
        self.end = widgets.DatePicker(description="To")
        self.kinds = widgets.SelectMultiple(description="Count", rows=6)
        self.kinds_help = widgets.HTML("<small>Connections of the kinds selected count; "
                                       "the others are treated as plain check-ins.</small>")
        self.banner = widgets.HTML()
        self.status = widgets.HTML()
        self.sentences: dict[str, str] = {}
        self.results: dict[str, pd.DataFrame | None] = {}
        self.images: dict[str, Chart] = {}
        self._texts: dict[str, widgets.HTML] = {}
        self._drawing = 0  # how many times refresh was called: charts left over from an earlier one are dropped
        blocks = []
        for key, finding in findings.FINDINGS.items():
            self._texts[key] = widgets.HTML()
            self.images[key] = Chart(f"Chart: {finding.title}",
                                     layout=widgets.Layout(max_width="900px", display=None if charts else "none"))
            blocks.append(widgets.VBox([
                widgets.HTML(f"<h3>{html.escape(finding.title)}</h3><p>{html.escape(finding.intro)}</p>"),
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
        """Read the journal again if it changed, reset the filters to all of it, and redraw.

        When the journal file is as it was at the last reading (same size and
        time of change), nothing is recomputed and the filters stay as chosen.
        """
        stamp = self._stamp()
        if stamp == getattr(self, "_read", None):
            return
        self._read = stamp
        self.journal = open_journal(self.path)
        checkins_problem = ""
        try:
            self.checkins = checkins.open_checkins(self.journal.path, is_sample=self.journal.is_sample)
        except GhwError as exc:  # the rest of the page still works
            self.checkins = None
            checkins_problem = problem(f"Check-ins left out: {html.escape(str(exc))}")
        try:
            self.experiments = experiment.experiments_for(self.journal)
            self.experiments_problem = ""
        except GhwError as exc:  # the page still shows everything else; the file is left as it is
            self.experiments, self.experiments_problem = None, str(exc)
        entries = self.journal.entries
        self._quiet = True
        # All of the journal, and all of the check-ins too: a check-in may come before the first entry or after the last.
        dates = pd.concat([entries["date"], self.checkins["date"] if self.checkins is not None else None])
        self.start.value = dates.min().date() if len(dates) else None
        self.end.value = dates.max().date() if len(dates) else None
        kinds = sorted(entries["relationship"].dropna().unique())
        self.kinds.options = kinds
        self.kinds.value = tuple(kinds)
        self._quiet = False
        self.banner.value = self._banner() + checkins_problem
        self.refresh()

    def _stamp(self) -> tuple:
        """Size and time of change of the journal and the files ghw keeps beside it."""
        path = Path(self.path) if self.path else paths.journal_path()
        stamp = []
        for file in (path, *(path.parent / name for name in ("checkins.csv", "experiments.csv", "people.csv"))):
            try:
                info = file.stat()
                stamp.append((str(file), info.st_mtime_ns, info.st_size))
            except OSError:
                stamp.append((str(file), None))
        return tuple(stamp)

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

    def _checkins_in_range(self) -> pd.DataFrame | None:
        """The check-ins between the chosen dates."""
        if self.checkins is None:
            return None
        keep = pd.Series(True, index=self.checkins.index)
        if self.start.value:
            keep &= self.checkins["date"] >= pd.Timestamp(self.start.value)
        if self.end.value:
            keep &= self.checkins["date"] <= pd.Timestamp(self.end.value)
        return self.checkins.loc[keep]

    def refresh(self) -> None:
        """Recompute every finding for the current filters, then draw their charts (see the class)."""
        if self._quiet:
            return
        if self.start.value and self.end.value and self.start.value > self.end.value:
            self.status.value = problem("The start date is after the end date.")
            return
        data = findings.Data(self.filtered(), checkins=self._checkins_in_range(), experiments=self.experiments)
        self.status.value = file_problems(self.experiments_problem) if self.experiments_problem else ""
        charts = []
        for key, finding in findings.FINDINGS.items():
            result = self.results[key] = finding.compute(data)
            sentence = self.sentences[key] = finding.explain(result, data)
            self._texts[key].value = f"<p><b>{html.escape(sentence)}</b></p>" if sentence else ""
            charts.append((key, finding, result))
        self._drawing += 1
        if self.charts:
            self._draw(charts, data, self._drawing)

    def _draw(self, charts: list, data: findings.Data, drawing: int) -> None:
        """Draw the first of ``charts``, then the next in the event loop's next turn (all at once without a loop)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        while charts and drawing == self._drawing:
            key, finding, result = charts.pop(0)
            self.images[key].png = render_png(lambda ax, f=finding, r=result: f.plot(r, data, ax), wide=finding.wide)
            if charts and loop is not None:
                loop.call_soon(self._draw, charts, data, drawing)
                return

    def _banner(self) -> str:
        journal = self.journal
        if journal.is_sample:
            return ("<div class='ghw-sample' style='background:#FFF3D6;padding:8px;border-radius:4px'>"
                    "<b>Sample data.</b> This is a made-up year, not yours. Once you save your first entry, "
                    "this page shows your own journal.</div>")
        text = f"<p>Your journal: {html.escape(str(journal.path))}, {len(journal.entries)} entries.</p>"
        if imported := findings.unmapped(journal.entries):
            sentence = vocabulary.status_text("unmapped", n=imported)
            text += (f"<div class='ghw-unmapped' style='background:#FFF3D6;padding:8px;border-radius:4px'>"
                     f"{html.escape(sentence[0].upper() + sentence[1:])}.</div>")
        if len(journal.problems):
            lines = sorted(set(journal.problems["line"]))
            shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
            text += problem(f"{vocabulary.count(len(lines), 'entry', 'entries')} with problems "
                            f"{'is' if len(lines) == 1 else 'are'} left out "
                            f"({'line' if len(lines) == 1 else 'lines'} {shown}). Run <code>ghw doctor</code> to see "
                            "each one.")
        return text

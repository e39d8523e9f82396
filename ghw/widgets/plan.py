"""This month's intentions, and summaries to keep or share."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import catalogue, exports, paths, plan, plots, schema, sharing, suggest, summary
from .. import vocabulary as words
from ..errors import GhwError
from ..folder import JournalFolder
from ..i18n import _
from ..journal import check, open_journal
from ..people.contacts import usual_relationships
from ..people.file import file_for, load_people
from ..reflections import REFLECTION_COLUMNS, load_reflections, pick
from . import _download
from ._messages import error, note, refused, success
from .figures import Chart

__all__ = ["PlanForm", "ShareForm"]


class PlanForm(widgets.VBox):
    """Write this month's intentions, see suggestions and progress.

    On sample data the form shows the sample plan as an example and adds
    nothing; with a journal of your own, the plan is ``plan.csv`` beside it.
    The month's intentions can be taken as a calendar file of reminders.
    Plain methods: :meth:`add`, :meth:`remove`, :meth:`calendar`, :meth:`refresh`, :meth:`reload`.
    """

    def __init__(self, path=None):
        self._home = path
        self._open()
        entries = self.journal.entries
        last = entries["date"].max() if len(entries) else pd.Timestamp.today()
        self.month = widgets.Text(description=_("Month"), value=last.strftime("%Y-%m"), placeholder="YYYY-MM")
        self.what = widgets.Combobox(description=_("What"), placeholder=_("one small act of connection"),
                                     options=[i.text for i in catalogue.IDEAS], ensure_option=False,
                                     layout=widgets.Layout(width="520px"))
        self.person = widgets.Combobox(description=_("With whom"), options=sorted(usual_relationships(entries)),
                                       ensure_option=False, placeholder=_("optional"))
        self.relationship = widgets.Dropdown(description=_("Or a kind"), options=[
            ("—", None), *[(plan.RELATIONSHIP_WORDS[r], r) for r in schema.RELATIONSHIPS]])
        self.times = widgets.Text(description=_("Times"), value="1", layout=widgets.Layout(width="200px"))
        self.add_button = widgets.Button(description=_("Add intention"), button_style="primary", icon="plus")
        self.status = widgets.HTML()
        self.listing = widgets.VBox()
        self.chart = Chart(_("Chart: each intention, done against intended"), layout=widgets.Layout(max_width="800px"))
        self.ideas = widgets.VBox()
        self.calendar_button = widgets.Button(description=_("Make the calendar file"), icon="calendar")
        self.calendar_link = widgets.HTML()
        self.calendar_button.add_class("ghw-plan-calendar")
        self.calendar_link.add_class("ghw-plan-calendar-link")
        self.calendar_button.on_click(lambda _: self.calendar())
        for name in ("month", "what", "person", "relationship", "times", "status"):
            getattr(self, name).add_class(f"ghw-plan-{name}")
        self.add_button.add_class("ghw-plan-add")
        self.add_button.on_click(lambda _: self.add())
        self.month.observe(lambda _: self.refresh(), names="value")
        example = (note(_("<b>Example on sample data.</b> Once you log your first entry, your own plan lives beside "
                          "your journal."), "sample", css_class="ghw-sample") if self.example else "")
        form = widgets.VBox([self.what, self.person, self.relationship, self.times, self.add_button, self.status])
        super().__init__([
            widgets.HTML("<h2>" + _("Plan this month") + "</h2>"), widgets.HTML(example), self.month,
            widgets.HTML("<h3>" + _("This month's intentions") + "</h3>"), self.listing, self.chart,
            widgets.HTML("<small>" + _("Reminders in your calendar app, one for each time you intend to do something "
                                       "this month.") + "</small>"),
            widgets.HBox([self.calendar_button, self.calendar_link]),
            widgets.HTML("<h3>" + _("Add an intention") + "</h3><small>"
                         + _("Name a person or a kind of relationship, and ghw counts your progress from the journal.")
                         + "</small>"), form,
            widgets.HTML("<h3>" + _("Ideas from your journal") + "</h3>"), self.ideas,
        ])
        self.add_class("ghw-plan")
        self.refresh()

    def _open(self) -> None:
        self.journal = open_journal(self._home)
        self.example = self.journal.is_sample
        self.path = paths.SAMPLE_PLAN if self.example else plan.plan_path(self.journal.path)

    def reload(self) -> None:
        """Read the journal again (it may have changed in another tab) and recount."""
        self._open()
        self.refresh()

    def calendar(self) -> bytes | None:
        """The month's intentions as a calendar file (iCalendar), offered as a download link; returns its bytes."""
        try:
            report = summary.summary(self.journal.entries, self.month.value.strip(), plan=plan.load_plan(self.path))
            data = exports.EXPORTS["ics"].write(report)
        except GhwError as exc:
            self.calendar_link.value = error(exc)
            return None
        self.calendar_link.value = _download.link(data, f"ghw-{report.slug}.ics", f"ghw-{report.slug}.ics")
        return data

    def add(self, intention: dict | None = None) -> bool:
        """Add what the form holds (or ``intention``); on a problem, say it and keep the inputs."""
        if self.example:
            self.status.value = _("This is the example plan; log an entry first, then plan your own month.")
            return False
        intention = intention or {"month": self.month.value, "what": self.what.value, "person": self.person.value,
                                  "relationship": self.relationship.value, "times": self.times.value}
        try:
            saved = plan.add(self.path, intention)
        except GhwError as exc:
            self.status.value = refused(exc, _("Not added yet"))
            return False
        self.status.value = success(_("Added: {what}").format(what=html.escape(saved["what"])))
        self.what.value, self.person.value, self.relationship.value, self.times.value = "", "", None, "1"
        self.refresh()
        return True

    def remove(self, intention_id: str) -> None:
        """Remove an intention from the plan."""
        plan.remove(self.path, intention_id)
        self.status.value = _("Removed.")
        self.refresh()

    def refresh(self) -> None:
        """Recount progress for the month shown, and redraw."""
        try:
            progress = plan.progress(plan.load_plan(self.path), self.journal.entries, self.month.value.strip())
        except GhwError as exc:
            self.status.value = error(exc)
            return
        rows = []
        for row in progress.itertuples(index=False):
            kind = plan.RELATIONSHIP_WORDS.get(row.relationship, row.relationship)
            who = " · ".join(html.escape(v) for v in (row.person, kind) if isinstance(v, str))
            said = {"what": html.escape(row.what), "who": who, "done": words.done_of(row.done, row.times),
                    "status": plan.STATUS_WORDS[row.status]}
            label = widgets.HTML((_("{what} ({who}): <b>{done}</b>, {status}") if who
                                  else _("{what}: <b>{done}</b>, {status}")).format(**said))
            remove = widgets.Button(description=_("Remove"), layout=widgets.Layout(width="80px", display="none" if self.example else None))
            remove.on_click(lambda _, i=row.id: self.remove(i))
            rows.append(widgets.HBox([label, remove]))
        self.listing.children = rows or [widgets.HTML("<i>" + _("No intentions for this month yet.") + "</i>")]
        self.progress = progress
        self.chart.layout.display = "none" if progress.empty else None  # the line above says there are none
        if not progress.empty:
            self.chart.draw(lambda ax: plots.plot_plan_progress(progress, ax=ax), wide=False)
        self.ideas.children = self._ideas()

    def _ideas(self) -> list:
        try:
            settings = load_people(file_for(self.journal))
        except GhwError as exc:
            return [widgets.HTML(error(exc))]
        ideas = suggest.suggestions(self.journal.entries, people_file=settings)
        rows = []
        for idea in ideas.itertuples(index=False):
            use = widgets.Button(description=_("Use"), layout=widgets.Layout(width="60px"))
            use.on_click(lambda _, i=idea: self._use(i))
            rows.append(widgets.HBox([use, widgets.HTML(f"{html.escape(idea.what)} <small>({html.escape(idea.why)})</small>")]))
        return rows or [widgets.HTML("<i>" + _("No suggestions yet: they come from a few weeks of entries.") + "</i>")]

    def _use(self, idea) -> None:
        self.what.value = idea.what
        self.person.value = idea.person if isinstance(idea.person, str) else ""
        self.relationship.value = idea.relationship if isinstance(idea.relationship, str) else None


class ShareForm(widgets.VBox):
    """Choose a period (a month, a week, or any span of days), a format and what to leave out; see what the
    export holds; write it. The check-ins beside the journal are part of the summary.

    On a practice's JupyterHub, also share the summary with the practitioner
    or withdraw it (:mod:`ghw.sharing`). Plain methods: :meth:`preview`,
    :meth:`write`, :meth:`share` and :meth:`withdraw`.
    """

    def __init__(self, path=None):
        self._given = path
        self._open()
        entries = self.folder.read("journal", check)[0]  # the one reading the summary uses too
        last = entries["date"].max() if len(entries) else pd.Timestamp.today()
        self.period = widgets.Text(description=_("Period"), value=last.strftime("%Y-%m"),
                                   placeholder=_("YYYY-MM or YYYY-Www"))
        self.span = widgets.ToggleButtons(options=[(_("A month or a week"), False), (_("Any span of days"), True)],
                                          value=False)
        self.since = widgets.DatePicker(description=_("From"), value=(last - pd.Timedelta(days=27)).date())
        self.until = widgets.DatePicker(description=_("To"), value=last.date())
        self.format = widgets.Dropdown(description=_("Format"),
                                       options=[(e.label, n) for n, e in exports.EXPORTS.items()])
        self.notes = widgets.Checkbox(description=_("Include notes"), value=False, indent=False,
                                      layout=widgets.Layout(width="auto"))
        self.pseudonyms = widgets.Checkbox(description=_("Replace names by pseudonyms"), value=True, indent=False,
                                           layout=widgets.Layout(width="auto"))
        # Reflections stay out unless picked here, one by one.
        try:
            self.written = load_reflections(self.folder.reflections)
        except GhwError:  # the This month tab says what is wrong with the file; here none can be picked
            self.written = pd.DataFrame(columns=list(REFLECTION_COLUMNS))
        self.reflections = widgets.SelectMultiple(
            description=_("Include reflections"), value=(), rows=4, style={"description_width": "140px"},
            options=[(f"{r.date.date()} · {' '.join(r.text.split())[:50]}", r.id)
                     for r in self.written.iloc[::-1].itertuples(index=False)] if len(self.written) else [],
            layout=widgets.Layout(display=None if len(self.written) else "none", width="520px"))
        self.write_button = widgets.Button(description=_("Write export"), button_style="primary", icon="download")
        self.summary = widgets.HTML()
        self.status = widgets.HTML()
        self.download = widgets.HTML()
        for name in ("period", "span", "since", "until", "format", "notes", "pseudonyms", "reflections", "summary",
                     "status", "download"):
            getattr(self, name).add_class(f"ghw-share-{name}")
        self.write_button.add_class("ghw-share-write")
        self.write_button.on_click(lambda _: self.write())
        # On a practice's hub (which sets GHW_SHARE_DIR), the summary can also go to the practitioner.
        hub = {} if os.environ.get(sharing.SHARE_DIR_VAR) else {"display": "none"}
        self.practitioner_button = widgets.Button(description=_("Share with my practitioner"), icon="user-md",
                                                  layout=widgets.Layout(width="240px", **hub))
        self.withdraw_button = widgets.Button(description=_("Withdraw what I shared"),
                                              layout=widgets.Layout(width="200px", **hub))
        self.practitioner_button.add_class("ghw-share-practitioner")
        self.withdraw_button.add_class("ghw-share-withdraw")
        self.practitioner_button.on_click(lambda _: self.share())
        self.withdraw_button.on_click(lambda _: self.withdraw())
        for control in (self.period, self.span, self.since, self.until, self.format, self.notes, self.pseudonyms,
                        self.reflections):
            control.observe(lambda _: self.preview(), names="value")
        self.span.observe(lambda _: self._show_span(), names="value")
        self._show_span()
        super().__init__([widgets.HTML("<h2>" + _("Share a summary") + "</h2>"), self.span, self.period, self.since, self.until,
                          self.format, self.notes, self.pseudonyms, self.reflections, self.summary,
                          widgets.HBox([self.write_button, self.practitioner_button, self.withdraw_button]),
                          self.status, self.download])
        self.add_class("ghw-share")
        self.preview()

    def _show_span(self) -> None:
        self.period.layout.display = "none" if self.span.value else None
        for picker in (self.since, self.until):
            picker.layout.display = None if self.span.value else "none"

    def chosen_period(self) -> str:
        """The period as :func:`ghw.summary.summary` takes it: the text typed, or the span of days picked."""
        if not self.span.value:
            return self.period.value.strip()
        if self.since.value is None or self.until.value is None:
            raise GhwError(_("Choose the first and the last day of the span."))
        return summary.span(self.since.value, self.until.value)

    def _report(self) -> summary.Summary:
        """The summary as the form's choices make it (:func:`ghw.summary.of`, as sharing and the command line)."""
        return summary.of(self.folder, self.chosen_period(), notes=self.notes.value, names=not self.pseudonyms.value,
                          reflections=self.chosen())

    def chosen(self):
        """The reflections picked to go with the summary, or None (the default: none goes)."""
        return pick(self.written, self.reflections.value) if self.reflections.value else None

    def preview(self) -> None:
        """Show the summary and what the export will contain, before anything is written; keep it in ``shown``."""
        self.shown = None
        try:
            result = self._report()
        except GhwError as exc:
            self.summary.value = error(exc)
            return
        self.shown = result
        items = "".join(f"<li>{html.escape(s)}</li>" for s in result.sentences())
        self.summary.value = (f"<ul>{items}</ul><p><b>" + _("Will be written:") + "</b> "
                              f"{html.escape(exports.preview(result, self.format.value))}</p>")

    def reload(self) -> None:
        """Read the journal again (it may have changed in another tab) and show the summary anew."""
        self._open()
        self.preview()

    def _open(self) -> None:
        # Every file is read once for this form, so what it writes or shares holds what the preview showed.
        self.folder = JournalFolder.open(self._given)
        self.home = self.folder.journal  # exports and the pseudonym key live beside it

    def write(self):
        """Write the export to ``exports/`` beside this form's journal, offer it as a download; return its path."""
        try:
            result = self._report()
            export = exports.EXPORTS[self.format.value]
            out = exports.exports_dir(self.home) / f"ghw-{result.slug}.{export.name}"
            export.to(result, out, journal=self.home)
        except GhwError as exc:
            self.status.value = error(exc)
            self.download.value = ""
            return None
        self.status.value = success(_("Wrote {file}").format(file=html.escape(str(out))))
        self.download.value = _download.link(out.read_bytes(), out.name, _("Download {file}").format(file=out.name))
        return out

    def share(self) -> dict | None:
        """Share this period's summary with the practitioner, with the notes and names chosen above."""
        if self.folder.sample:
            self.status.value = _("This is sample data; log an entry first, then share your own summary.")
            return None
        try:
            held = sharing.share(self.folder, self.chosen_period(), notes=self.notes.value,
                                 names=not self.pseudonyms.value, reflections=self.chosen())
        except GhwError as exc:
            self.status.value = error(exc)
            return None
        self.status.value = success(_("Shared your summary of {period} with your practitioner. You can withdraw it at "
                                      "any time.").format(period=html.escape(held["period"]))
                                    + html.escape(exports.unsure(held["unsure"])))
        return held

    def withdraw(self) -> list[Path]:
        """Remove what was shared with the practitioner."""
        try:
            removed = sharing.withdraw()
        except GhwError as exc:
            self.status.value = error(exc)
            return []
        self.status.value = (_("✓ Withdrawn: your practitioner can no longer open it.") if removed
                             else _("Nothing was shared; nothing changed."))
        return removed

"""Set up a personal experiment, see today's assignment and how it goes, and stop it."""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets
import pandas as pd

from .. import catalogue, experiment, findings, paths, randomization, schema, vocabulary
from .. import plan as plans
from ..errors import GhwError
from ..i18n import _, ngettext
from ..journal import open_journal
from ..people.contacts import usual_relationships
from ._messages import error, file_problems, note, refused, success
from .daylio import KIND_WORDS
from .figures import Chart

__all__ = ["ExperimentForm", "today_note"]

_NONE = ("—", None)
_OUTCOMES = [(vocabulary.label("mood"), "mood"), (vocabulary.label("quality"), "quality")]
_DESIGNS = [(_("A few days each week"), "weekly"), (_("Blocks of days"), "blocks")]


def today_note(journal, day: dt.date | None = None) -> str:
    """HTML saying whether ``day`` (default today) is an act day of a running experiment; empty when none runs."""
    try:
        running = experiment.today(experiment.load(experiment.experiments_path(journal)), day)
    except GhwError as exc:
        return error(exc)
    lines = [_("<b>Today is an act day:</b> {act}.").format(act=html.escape(row["act"])) if act
             else _("<b>Today is an ordinary day</b> of your experiment: live it as usual.")
             for row, act in running]
    if not lines:
        return ""
    return note("<br>".join(lines), "today", css_class="ghw-today")


class ExperimentForm(widgets.VBox):
    """Choose an act, an outcome, a length and a design; see what to expect; start; follow it; stop it.

    Experiments live in ``experiments.csv`` beside the journal (on sample
    data, the sample's finished experiment is shown as an example). Plain
    methods: :meth:`preview`, :meth:`start`, :meth:`stop`, :meth:`refresh`.
    """

    def __init__(self, path=None, *, today: dt.date | None = None):
        self.home = paths.journal_path() if path is None else path
        self.today = today or dt.date.today()
        self.path = experiment.experiments_path(self.home)
        style = {"description_width": "130px"}
        self.act = widgets.Combobox(description=_("The act"), placeholder=_("one small act of connection"), options=[],
                                    ensure_option=False, style=style, layout=widgets.Layout(width="560px"))
        self.person = widgets.Combobox(description=_("With whom"), placeholder=_("optional"), ensure_option=False,
                                       style=style)
        self.relationship = widgets.Dropdown(description=_("Or a kind"), options=[
            _NONE, *[(KIND_WORDS[r], r) for r in schema.RELATIONSHIPS]], style=style)
        self.outcome = widgets.Dropdown(description=_("Outcome"), options=_OUTCOMES, value="mood", style=style)
        self.weeks = widgets.Dropdown(description=_("Weeks"), options=list(range(experiment.MIN_WEEKS,
                                                                            experiment.MAX_WEEKS + 1)),
                                      value=4, style=style)
        self.design = widgets.ToggleButtons(description=_("Design"), options=_DESIGNS, value="weekly",
                                            style=style | {"button_width": "170px"})
        self.per_week = widgets.Dropdown(description=_("Act days a week"), options=[2, 3, 4], value=3, style=style)
        self.block_days = widgets.Dropdown(description=_("Days a block"), options=list(range(3, 8)), value=4, style=style,
                                           layout=widgets.Layout(display="none"))
        self.start_date = widgets.DatePicker(description=_("Start"), value=self.today, style=style)
        self.explanation = widgets.HTML()
        self.start_button = widgets.Button(description=_("Start the experiment"), button_style="primary", icon="flask",
                                           layout=widgets.Layout(width="220px"))
        self.status = widgets.HTML()
        self.running = widgets.VBox()
        self.answer = widgets.HTML()
        self.chart = Chart(_("Chart: the experiment's act days and other days"), layout=widgets.Layout(max_width="900px"))
        for name in ("act", "person", "relationship", "outcome", "weeks", "design", "per_week", "block_days",
                     "explanation", "status", "running", "answer"):
            getattr(self, name).add_class(f"ghw-experiment-{name.replace('_', '-')}")
        self.start_date.add_class("ghw-experiment-start")
        self.start_button.add_class("ghw-experiment-go")
        self.start_button.on_click(lambda _: self.start())
        self.act.observe(self._fill_from_act, names="value")
        self.design.observe(self._show_design, names="value")
        for control in (self.weeks, self.design, self.per_week, self.block_days):
            control.observe(lambda _: self.preview(), names="value")
        form = widgets.VBox([
            widgets.HTML("<h3>" + _("Try it and know") + "</h3><small>" + _(
                "Choose one small act and let ghw draw the days to do it. Comparing those days with the others shows "
                "what the act changes for you.") + "</small>"),
            self.act, self.person, self.relationship, self.outcome, self.weeks, self.design, self.per_week,
            self.block_days, self.start_date, self.explanation, self.start_button, self.status,
        ])
        super().__init__([widgets.HTML("<h2>" + _("Your experiments") + "</h2>"), self.running, self.answer, self.chart, form])
        self.add_class("ghw-experiment")
        self.refresh()

    # -- actions ---------------------------------------------------------

    def values(self) -> dict:
        """What the form holds, as values for :func:`ghw.experiment.new`."""
        design = self.design.value
        return {"act": self.act.value, "person": self.person.value, "relationship": self.relationship.value,
                "outcome": self.outcome.value, "weeks": self.weeks.value, "design": design,
                "per_week": self.per_week.value if design == "weekly" else "",
                "block_days": self.block_days.value if design == "blocks" else "",
                "start": self.start_date.value.isoformat() if self.start_date.value else ""}

    def preview(self) -> None:
        """Explain the chosen design, with the act days to expect and its power, before anything is drawn."""
        design = self._design()
        chance = randomization.power(design)
        act_days = round(design.expected_act_days)
        said = ngettext("About <b>{n} act day</b> of {days}.", "About <b>{n} act days</b> of {days}.", act_days).format(
            n=act_days, days=design.days) + " " + _(
            "If the act lifted your mood by half of its usual ups and downs, this experiment would show it clearly "
            "about <b>{chance}</b> of the time (from simulated experiments).").format(chance=f"{chance:.0%}")
        if chance < 0.1:
            said += " " + _("With this design and length, even a clear effect would rarely stand out: choose more "
                            "weeks.")
        self.explanation.value = f"<p>{html.escape(design.describe())}</p><p>{said}</p>"

    def start(self) -> bool:
        """Draw the schedule and save the experiment; on a problem, say it and keep the inputs."""
        try:
            saved = experiment.new(self.path, self.values(), today=self.today)
        except GhwError as exc:  # a problem in the file itself is said with its lines, to be mended first
            self.status.value = refused(exc, _("Not started yet"))
            return False
        self.status.value = success(html.escape(_("Started: {act}, {start} to {end}. The days are drawn and kept.").format(
            act=saved["act"], start=saved["start"], end=saved["end"])))
        self.refresh()
        return True

    def stop(self, experiment_id: str) -> None:
        """Stop a running experiment today; its answer then uses the days so far."""
        try:
            experiment.stop(self.path, experiment_id, today=self.today)
        except GhwError as exc:
            self.status.value = error(exc)
            return
        self.status.value = html.escape(_("Stopped. The days so far are kept and answered below."))
        self.refresh()

    def refresh(self) -> None:
        """Re-read the journal and the experiments; show today's assignment, progress and answers."""
        self.journal = open_journal(self.home)
        entries = self.journal.entries
        self.person.options = sorted(usual_relationships(entries))
        month = self.today.strftime("%Y-%m")
        try:
            intentions = plans.load_plan(plans.plan_path(self.home))
            intentions = intentions.loc[intentions["month"] == month]
        except GhwError:
            intentions = pd.DataFrame(columns=["what", "person", "relationship"])
        self._intentions = {row.what: row for row in intentions.itertuples(index=False)}
        self.act.options = list(dict.fromkeys([*self._intentions, *(i.text for i in catalogue.IDEAS)]))
        try:
            mine = experiment.load(self.path)
        except GhwError as exc:
            self.running.children = [widgets.HTML(file_problems(str(exc)))]
            self.answer.value, self.chart.layout.display = "", "none"
            self.preview()
            return
        shown, example = mine, False
        if mine.empty and self.journal.is_sample:
            shown, example = experiment.load(paths.SAMPLE_EXPERIMENTS), True
        self.running.children = self._rows(mine, entries) or [widgets.HTML("<i>" + _("No experiment yet.") + "</i>")]
        data = findings.Data(entries, experiments=shown, as_of=self.today)
        finding = findings.FINDINGS["experiment"]
        result = finding.compute(data)
        sentence = finding.explain(result, data)
        note = "<b>" + _("Example on sample data.") + "</b> " if example else ""
        self.answer.value = f"<p>{note}{html.escape(sentence)}</p>" if sentence else ""
        lived = result is not None and result["days_so_far"].max() > 0
        self.chart.layout.display = None if lived else "none"
        if lived:
            self.chart.draw(lambda ax: finding.plot(result, data, ax), wide=True)
        self.preview()

    # -- helpers -----------------------------------------------------------

    def _rows(self, mine: pd.DataFrame, entries: pd.DataFrame) -> list:
        rows = []
        for row, act in experiment.today(mine, self.today):
            days = experiment.adherence(row, entries)
            so_far = days.loc[days["date"] < pd.Timestamp(self.today)]
            done = int((so_far["act"] & so_far["done"]).sum())
            today = _("Today is an act day.") if act else _("Today is an ordinary day.")
            stop = widgets.Button(description=_("Stop"), layout=widgets.Layout(width="70px"))
            stop.add_class("ghw-experiment-stop")
            stop.on_click(lambda _, i=row["id"]: self.stop(i))
            act_days = int(so_far["act"].sum())
            progress = (ngettext("So far you did it on {done} of {n} act day.", "So far you did it on {done} of {n} act days.",
                                 act_days).format(done=done, n=act_days) if act_days
                        else _("No act day has gone by yet."))
            text = _("<b>{act}</b> ({outcome}, {start} to {end}): day {day} of {days}. <b>{today}</b> {progress}").format(
                act=html.escape(row["act"]), outcome=html.escape(vocabulary.name(row["outcome"])),
                start=row["start"].date(), end=row["end"].date(), day=len(so_far) + 1, days=len(days),
                today=html.escape(today), progress=html.escape(progress))
            rows.append(widgets.HBox([widgets.HTML(text), stop]))
        return rows

    def _design(self) -> experiment.Design:
        if self.design.value == "weekly":
            return experiment.Design("weekly", self.weeks.value, per_week=self.per_week.value)
        return experiment.Design("blocks", self.weeks.value, block_days=self.block_days.value)

    def _show_design(self, change) -> None:
        weekly = change["new"] == "weekly"
        self.per_week.layout.display = None if weekly else "none"
        self.block_days.layout.display = "none" if weekly else None

    def _fill_from_act(self, change) -> None:
        intention = self._intentions.get(change["new"])
        idea = next((i for i in catalogue.IDEAS if i.text == change["new"]), None)
        if intention is not None:
            self.person.value = intention.person if isinstance(intention.person, str) else ""
            self.relationship.value = intention.relationship if isinstance(intention.relationship, str) else None
        elif idea is not None and self.relationship.value is None and not self.person.value:
            self.relationship.value = idea.relationships[0]

"""The "This month" page: the self-study programme's theme, the step of the day, and each step one tap away."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as widgets

from .. import care, checkins, experiment, findings, journal, paths, plan, programme, schema
from ..errors import GhwError
from ..folder import JournalFolder
from ..i18n import _, date, ngettext
from ..lessons import LESSONS, to_html
from ..reflections import load_reflections, open_reflections, reflections_path
from ..reflections import save as save_reflection
from ._messages import error, note, problem, refused, success
from .figures import Chart

__all__ = ["ThisMonth"]

_MOOD = [(str(n), n) for n in range(schema.MOOD_RANGE[0], schema.MOOD_RANGE[1] + 1)]
_SHOWN_REFLECTIONS = 8
_REVIEW_LINES = 4  # the review's first lines; the rest behind "More"
_FELT = {"restful": _("restful"), "lonely": _("lonely")}  # how time alone felt: the code kept, the word shown


def _care_box(lead: str, *, shown: bool) -> str:
    """The care note as a box under ``lead`` (HTML); its contacts open (``shown``) or one tap away."""
    resources = "".join(f"<li>{html.escape(who)}: {html.escape(how)}</li>" for who, how in care.CRISIS_RESOURCES)
    people, crisis = _("People to talk to"), _("If you are in crisis:")
    checked = _("Contacts last checked {day}.").format(day=care.CHECKED)
    return note(f"<p>{lead}</p><details{' open' if shown else ''}><summary>{people}</summary>"
                f"<p>{html.escape(care.NOT_A_MEDICAL_DEVICE)}</p><p>{crisis}</p><ul>{resources}</ul>"
                f"<p><small>{checked}</small></p></details>", "care", css_class="ghw-care")


class ThisMonth(widgets.VBox):
    """The month's theme and step, today's suggestion, and each step of the programme.

    Learn (the lesson, its figure from your journal or the sample, and a
    baseline check-in when one is due), reflect (the prompt beside your own
    findings), practise (the lesson's practice as an intention or an
    experiment in one tap, or a note of time alone), rest (nothing to do;
    time alone may be noted as restful or lonely) and review (the month
    against the one before, and the next theme). A reflection can be written
    in every step and stays in ``reflections.csv``, private.

    Plain methods do what the controls do: :meth:`show`, :meth:`save_reflection`,
    :meth:`add_intention`, :meth:`start_experiment`, :meth:`note_alone`,
    :meth:`choose_theme`, :meth:`use_next_theme`, :meth:`pause`,
    :meth:`resume`, :meth:`skip` and :meth:`refresh`. Messages appear in
    ``status`` (and ``reflection_status``, ``practice_status``,
    ``alone_status``); the care note, when a prompt may stir something or an
    answer holds words of crisis, in ``care``.
    """

    def __init__(self, path=None, *, today: dt.date | None = None):
        """Build the tab's controls in the order the page shows them, and wire each one.

        Long because a tab is its controls: each is a line or two, and reading them in order is reading the
        tab.
        """
        self.path = path
        self.home = Path(path) if path else paths.journal_path()  # the person's own files sit beside it
        self._today = today
        self.banner = widgets.HTML()
        self.header = widgets.HTML()
        self.today_line = widgets.HTML()
        self.step = widgets.ToggleButtons(description=_("Step"),
                                          options=[(t, s) for s, t in programme.STEP_TITLES.items()],
                                          style={"description_width": "60px"})
        self.step.tooltips = [_("Step: {step}").format(step=t) for t in programme.STEP_TITLES.values()]
        self.section = widgets.VBox()
        self.lesson = widgets.HTML()
        self.figure = Chart(_("Chart for this month's lesson"))
        self.figure_caption = widgets.HTML()
        self.findings = widgets.HTML()
        self.practice = widgets.HTML()
        self.intention_button = widgets.Button(description=_("Make it this month's intention"), icon="plus",
                                               layout=widgets.Layout(width="260px"))
        self.experiment_button = widgets.Button(description=_("Try it as an experiment"), icon="random",
                                                layout=widgets.Layout(width="220px"))
        self.practice_status = widgets.HTML()
        self.rest = widgets.HTML()
        self.alone_mood = widgets.ToggleButtons(description=_("Mood <small>(0 worst, 10 best)</small>"),
                                                description_allow_html=True, options=_MOOD, index=None,
                                                style={"description_width": "150px", "button_width": "40px"})
        self.alone_mood.tooltips = [_("Mood: {mood}").format(mood=text) for text, _value in _MOOD]
        self.alone_feeling = widgets.ToggleButtons(description=_("Time alone felt"),
                                                   options=[(word, code) for code, word in _FELT.items()], index=None,
                                                   style={"description_width": "150px", "button_width": "90px"})
        self.alone_feeling.tooltips = [_("Time alone felt: {feeling}").format(feeling=word) for word in _FELT.values()]
        self.alone_button = widgets.Button(description=_("Save the note"), icon="check")
        self.alone_status = widgets.HTML()
        self.alone_finding = widgets.HTML()
        self.review = widgets.HTML()
        self.next_theme = widgets.Dropdown(description=_("Next theme"),
                                           options=[(l.title, n) for n, l in LESSONS.items()],
                                           style={"description_width": "100px"})
        self.next_button = widgets.Button(description=_("Use it next month"))
        self.prompt = widgets.HTML()
        self.care = widgets.HTML()
        self.answer = widgets.Textarea(description=_("Your reflection"), placeholder=_("private: only you see it"),
                                       style={"description_width": "120px"},
                                       layout=widgets.Layout(width="560px", height="90px"))
        self.answer.continuous_update = False
        self.reflection_button = widgets.Button(description=_("Save reflection"), button_style="primary",
                                                icon="check")
        self.reflection_status = widgets.HTML()
        self.reflections = widgets.HTML()
        self.theme = widgets.Dropdown(description=_("Theme"), options=[(l.title, n) for n, l in LESSONS.items()],
                                      style={"description_width": "60px"})
        self.theme_button = widgets.Button(description=_("Choose theme"))
        self.pause_button = widgets.Button(description=_("Pause the programme"))
        self.skip_button = widgets.Button(description=_("Skip this step"))
        self.status = widgets.HTML()
        for name in ("banner", "header", "step", "lesson", "figure", "findings", "practice", "practice_status", "rest",
                     "alone_mood", "alone_feeling", "alone_status", "alone_finding", "review", "next_theme", "prompt",
                     "care", "answer", "reflection_status", "reflections", "theme", "status"):
            getattr(self, name).add_class(f"ghw-month-{name.replace('_', '-')}")
        self.today_line.add_class("ghw-month-today")
        for name in ("intention_button", "experiment_button", "alone_button", "next_button", "reflection_button",
                     "theme_button", "pause_button", "skip_button"):
            getattr(self, name).add_class(f"ghw-month-{name.replace('_button', '').replace('_', '-')}")
        self.step.observe(lambda change: self.show(change["new"]), names="value")
        self.answer.observe(lambda change: self._watch(change["new"]), names="value")
        self.reflection_button.on_click(lambda _: self.save_reflection())
        self.intention_button.on_click(lambda _: self.add_intention())
        self.experiment_button.on_click(lambda _: self.start_experiment())
        self.alone_button.on_click(lambda _: self.note_alone(self.alone_mood.value, self.alone_feeling.value))
        self.next_button.on_click(lambda _: self.use_next_theme(self.next_theme.value))
        self.theme_button.on_click(lambda _: self.choose_theme(self.theme.value))
        self.pause_button.on_click(lambda _: self.resume() if self.now.paused else self.pause())
        self.skip_button.on_click(lambda _: self.skip())
        practise = widgets.HBox([self.intention_button, self.experiment_button])
        self._parts = {  # the practice closes the lesson too, so that it is one tap from it
            "learn": [self.lesson, self.figure_caption, self.figure, self.practice, practise, self.practice_status],
            "reflect": [widgets.HTML("<h3>" + _("Beside your own findings") + "</h3>"), self.findings],
            "practise": [self.practice, practise, self.practice_status],
            "rest": [self.rest],
            "review": [self.review, widgets.HBox([self.next_theme, self.next_button])],
        }
        self._alone = widgets.VBox([widgets.HTML("<h3>" + _("A note of time alone") + "</h3>"), self.alone_mood,
                                    self.alone_feeling,
                                    self.alone_button, self.alone_status, self.alone_finding])
        writing = widgets.VBox([self.prompt, self.care, self.answer, self.reflection_button, self.reflection_status])
        settings = widgets.VBox([widgets.HTML("<h3>" + _("Your programme") + "</h3><small>"
                                              + _("Choose another theme, skip a step or pause; nothing is ever "
                                                  "counted as missed.") + "</small>"),
                                 widgets.HBox([self.theme, self.theme_button]),
                                 widgets.HBox([self.skip_button, self.pause_button]), self.status])
        super().__init__([self.banner, self.header, self.today_line, self.step, self.section, writing,
                          widgets.HTML("<h3>" + _("Your reflections") + "</h3>"), self.reflections, settings])
        self.add_class("ghw-month")
        self.refresh()

    # -- reading ---------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def refresh(self, *, step: str | None = None) -> None:
        """Read the journal, the programme and the reflections again, and show today's step (or ``step``)."""
        self.journal = journal.open_journal(self.path)
        self.sample = self.journal.is_sample
        self.banner.value = (
            note(_("<b>Sample data.</b> The figures, findings and reflections here are made up until you log your "
                   "own; the lessons and your reflections are yours from the start."), "sample",
                 css_class="ghw-sample")
            if self.sample else "")
        try:
            self.own = load_reflections(reflections_path(self.home))
            self.shown = open_reflections(self.home, is_sample=self.sample)
            self.now = programme.state(self.home, today=self.today, entries=None if self.sample else self.journal.entries,
                                       reflections=self.own)
        except GhwError as exc:
            self.status.value = refused(exc, _("The programme cannot be read"))
            self.own = self.shown = None
            self.now = self._fallback()
        self._data = None
        lesson, now = self.now.lesson, self.now
        step_line = _("today is the <b>{step}</b> step ({first} to {last})").format(
            step=programme.STEP_WORDS[now.step], first=date(now.first_day(now.step), "dd MMM"),
            last=date(now.last_day(now.step), "dd MMM"))
        follows = "" if now.chosen else " · " + _("the theme follows on by itself; choose another below")
        self.header.value = ("<h2>" + _("This month: {title}").format(title=html.escape(lesson.title))
                             + f"</h2><p>{now.month} · {step_line}{follows}</p>")
        self.today_line.value = self._today_html()
        self.theme.value = lesson.name
        self.pause_button.description = _("Resume the programme") if now.paused else _("Pause the programme")
        self.reflections.value = self._reflections_html()
        step = step or now.step
        if self.step.value == step:
            self.show(step)
        else:
            self.step.value = step  # shows it through observe

    def _today_html(self) -> str:
        """The line of today's suggestion."""
        return "<p>" + _("<b>Today:</b> {suggestion}").format(suggestion=html.escape(self._suggestion())) + "</p>"

    def _fallback(self) -> programme.Month:
        """The month as if no choice was made, while programme.csv or reflections.csv has a problem."""
        return programme.Month(month=programme.month_of(self.today), today=self.today, step=programme.STEPS[0],
                               lesson=next(iter(LESSONS.values())), chosen=False, paused_since=None,
                               skipped=frozenset())

    def _suggestion(self) -> str:
        now = self.now
        due = []
        if now.step == "learn":
            try:
                table = checkins.due(checkins.load_checkins(checkins.checkins_path(self.home)), self.today)
                due = table.loc[table["due"], "title"].tolist()
            except GhwError:
                due = []  # the Check-in tab says what is wrong with the file
        prompt = programme.prompt_for(now.step, now.lesson)
        written = 0 if self.own is None else int(((self.own["date"].dt.strftime("%Y-%m") == now.month)
                                                   & (self.own["prompt"] == prompt)).sum())
        return programme.suggestion(now, due=due, written=written, practising=self._practising())

    def _practising(self) -> bool:
        """Whether this month's practice is already an intention of the month."""
        try:
            intentions = plan.load_plan(plan.plan_path(self.home))
        except GhwError:
            return False
        mine = intentions.loc[intentions["month"] == self.now.month, "what"]
        return bool((mine == self.now.lesson.act).any())

    def data(self) -> findings.Data:
        """The journal (or the sample) as the findings take it, built once per refresh."""
        if self._data is None:
            try:
                answers = checkins.open_checkins(self.journal.path, is_sample=self.sample)
            except GhwError:
                answers = None
            try:
                tried = experiment.experiments_for(self.journal)
            except GhwError:
                tried = None
            self._data = findings.Data(self.journal.entries, checkins=answers, experiments=tried, as_of=self.today)
        return self._data

    def _source(self) -> str:
        return (_("From the sample journal (made up): once you log, this shows yours.") if self.sample
                else _("From your own journal."))

    # -- the steps -------------------------------------------------------

    def show(self, step: str) -> None:
        """Show ``step`` of this month, with its question to reflect on."""
        if self.step.value != step:
            self.step.value = step  # comes back here through observe
            return
        lesson = self.now.lesson
        getattr(self, f"_{step}")(lesson)
        parts = list(self._parts[step])
        if step == "rest" or (step == "practise" and lesson.kind == "alone"):
            parts.append(self._alone)
            self._alone_finding()
        self.section.children = parts
        self.skip_button.description = _("Skip {step} this month").format(step=programme.STEP_WORDS[step])
        self.skip_button.disabled = self.now.skips(step)
        prompt = programme.prompt_for(step, lesson)
        self.prompt.value = ("<h3>" + _("A question to write about") + f"</h3><p><i>{html.escape(prompt)}</i></p>"
                             "<small>" + _("Write as much or as little as you like. It is kept beside your journal "
                                           "and leaves it only if you pick it for an export.") + "</small>")
        self.care.value = (_care_box(_("This question can stir things up. If it does, you do not have to hold it "
                                       "alone."), shown=lesson.care) if programme.stirs(step, lesson) else "")
        self.reflection_status.value = ""

    def _learn(self, lesson) -> None:
        sources = to_html(lesson.sources)
        minutes = ngettext("About {n} minute to read.", "About {n} minutes to read.", lesson.minutes).format(
            n=lesson.minutes)
        shown = _("Sources: what the studies did and did not show")
        self.lesson.value = (f"<h3>{html.escape(lesson.title)}</h3><small>{minutes}</small>{to_html(lesson.body)}"
                             f"<details><summary>{shown}</summary>{sources}</details>{self._baseline()}")
        self._practise(lesson)
        finding = findings.FINDINGS[lesson.figure]
        self.figure.alt = _("Chart: {title}. {source}").format(title=finding.title, source=self._source())
        self.figure_caption.value = f"<p><b>{html.escape(finding.title)}</b>. <small>{self._source()}</small></p>"
        data = self.data()
        try:
            result = finding.compute(data)
            self.figure.draw(lambda ax: finding.plot(result, data, ax), wide=finding.wide)
        except GhwError as exc:
            self.figure_caption.value += error(exc)

    def _baseline(self) -> str:
        if self.now.step != "learn" or self.now.skips("learn"):
            return ""
        try:
            table = checkins.due(checkins.load_checkins(checkins.checkins_path(self.home)), self.today)
        except GhwError:
            return ""
        due = table.loc[table["due"], "title"].tolist()
        if not due:
            return ""
        return "<p>" + _("<b>A baseline for this month:</b> a check-in is due ({titles}). It takes a minute in the "
                         "Check-in tab (or notebook 04), and the review compares the month with it.").format(
            titles=html.escape(programme.joined(due))) + "</p>"

    def _reflect(self, lesson) -> None:
        data = self.data()
        items = []
        for name in lesson.findings:
            finding = findings.FINDINGS[name]
            try:
                sentence = finding.explain(finding.compute(data), data)
            except GhwError as exc:
                sentence = str(exc)
            items.append(f"<li><b>{html.escape(finding.title)}</b>: {html.escape(sentence or finding.intro)}</li>")
        self.findings.value = f"<small>{self._source()}</small><ul>{''.join(items)}</ul>"

    def _practise(self, lesson) -> None:
        self.practice.value = "<h3>" + _("This month's practice") + f"</h3><p>{html.escape(lesson.practice)}</p>"
        connection = lesson.kind == "connection"
        for button in (self.intention_button, self.experiment_button):
            button.layout.display = None if connection else "none"
        self.practice_status.value = ""

    def _rest(self, lesson) -> None:
        first, until = self.now.first_day("rest"), self.now.last_day("rest")
        if self.now.step != "rest":
            when = _("In the rest week, {first} to {last}, reminders go quiet: no idea of the day, no list of who is "
                     "due, no check-in reminder.").format(first=date(first, "dd"), last=date(until, "dd MMM"))
        elif self.now.quiet:
            when = _("Reminders are quiet until {last}: no idea of the day, no list of who is due, no check-in "
                     "reminder.").format(last=date(until, "dd MMM"))
        else:
            when = _("This week reminders stay on, as the programme is paused or its rest week skipped.")
        self.rest.value = ("<h3>" + _("Rest") + "</h3><p>"
                           + _("The fourth week of the month has nothing to do. {when} Time alone is part of a good "
                               "life; if you spend some, you may note how it felt.").format(when=when) + "</p>")

    def _alone_finding(self) -> None:
        finding = findings.FINDINGS["alone"]
        data = self.data()
        sentence = finding.explain(finding.compute(data), data)
        self.alone_finding.value = (f"<p><small>{self._source()}</small> {html.escape(sentence)}</p>" if sentence
                                    else f"<p><small>{html.escape(finding.intro)}</small></p>")

    def _review(self, lesson) -> None:
        month = self.now.month if self.now.step == "review" else programme.next_month(self.now.month, -1)
        if self.sample:
            month = self.journal.entries["date"].max().strftime("%Y-%m")
        try:
            looked = programme.review(JournalFolder(self.home, sample=self.sample), month, reflections=self.shown,
                                      today=self.today)
        except GhwError as exc:
            self.review.value = error(exc)
            return
        lines = [html.escape(line) for line in looked.lines()]
        head, rest = lines[:_REVIEW_LINES], lines[_REVIEW_LINES:-1]
        more = ("<details><summary>" + _("More of {month}").format(month=month)
                + f"</summary><ul>{''.join(f'<li>{x}</li>' for x in rest)}</ul></details>" if rest else "")
        self.review.value = ("<h3>" + _("Looking back on {month}").format(month=month)
                             + f"</h3><small>{self._source()}</small>"
                             f"<ul>{''.join(f'<li>{x}</li>' for x in head)}</ul>{more}<p>{lines[-1]}</p>")
        # On the sample, the month reviewed is the sample's; the theme chosen is for the person's own next month.
        self._next_month = programme.next_month(self.now.month) if self.sample else looked.next_month
        self.next_theme.value = looked.next_lesson.name
        self.next_button.description = _("Use it for {month}").format(month=self._next_month)

    def _reflections_html(self) -> str:
        shown = self.shown
        if shown is None or shown.empty:
            return "<i>" + _("No reflections yet: what you write above appears here, and stays private.") + "</i>"
        label = ("<small>" + _("Sample reflections (made up).") + "</small>"
                 if self.own is not None and self.own.empty else "")
        items = []
        for row in shown.iloc[::-1].head(_SHOWN_REFLECTIONS).itertuples(index=False):
            title = LESSONS[row.theme].title if row.theme in LESSONS else row.theme
            text = html.escape(row.text).replace("\n", "<br>")
            items.append(f"<li><b>{row.date.date()}</b> · {html.escape(title)} · <small>{html.escape(row.prompt)}"
                         f"</small><br><bdi>{text}</bdi></li>")
        return f"{label}<ul>{''.join(items)}</ul>"

    # -- writing ---------------------------------------------------------

    def _watch(self, text: str) -> None:
        """Show the care note at once when an answer holds words of crisis; nothing is sent anywhere."""
        if care.mentions_crisis(text):
            self.care.value = _care_box(_("<b>What you wrote sounds really hard.</b> You do not have to carry it "
                                          "alone: the people below are there to listen, today."), shown=True)

    def save_reflection(self, text: str | None = None) -> bool:
        """Save what is written (or ``text``) as a reflection on the shown step's question."""
        text = self.answer.value if text is None else text
        self._watch(text)
        step = self.step.value
        try:
            saved = save_reflection(reflections_path(self.home), text, theme=self.now.lesson.name,
                                    prompt=programme.prompt_for(step, self.now.lesson), date=self.today)
        except GhwError as exc:
            self.reflection_status.value = refused(exc, _("Not saved yet"))
            return False
        self.answer.value = ""
        self.reflection_status.value = success(_("Saved, privately, on {day}.").format(day=saved["date"]))
        self.own = load_reflections(reflections_path(self.home))
        self.shown = self.own
        self.reflections.value = self._reflections_html()
        self.today_line.value = self._today_html()
        return True

    def _not_on_sample(self, status: widgets.HTML) -> bool:
        if self.sample:
            status.value = problem(_("This is sample data: log your first entry, then this becomes your own."))
        return self.sample

    def add_intention(self) -> bool:
        """Make the lesson's practice an intention of this month, counted from the journal."""
        if self._not_on_sample(self.practice_status):
            return False
        lesson = self.now.lesson
        try:
            plan.add(plan.plan_path(self.home), {"month": self.now.month, "what": lesson.act,
                                                 "relationship": lesson.relationship, "times": 4})
        except GhwError as exc:
            self.practice_status.value = refused(exc, _("Not added"))
            return False
        self.practice_status.value = success(_("Added to {month}'s intentions: {act}, 4 times. Progress is counted "
                                               "from your journal.").format(month=self.now.month,
                                                                            act=html.escape(lesson.act)))
        self.today_line.value = self._today_html()
        return True

    def start_experiment(self, weeks: int = 4) -> dict | None:
        """Start an experiment on the lesson's practice from today, its act days drawn at random."""
        if self._not_on_sample(self.practice_status):
            return None
        lesson = self.now.lesson
        try:
            started = experiment.new(experiment.experiments_path(self.home),
                                     {"act": lesson.act, "relationship": lesson.relationship, "weeks": weeks},
                                     today=self.today)
        except GhwError as exc:
            self.practice_status.value = refused(exc, _("Not started"))
            return None
        acts = sum(c == experiment.ACT_DAY for c in started["schedule"])
        self.practice_status.value = success(ngettext(
            "Experiment started: {act}, {start} to {end}, on {n} act day drawn at random. The Experiment tab says "
            "each day which it is.",
            "Experiment started: {act}, {start} to {end}, on {n} act days drawn at random. The Experiment tab says "
            "each day which it is.", acts).format(act=html.escape(lesson.act), start=started["start"],
                                                  end=started["end"], n=acts))
        return started

    def note_alone(self, mood: int | None, feeling: str | None) -> bool:
        """Log a mood check-in of time alone, noted as ``restful`` or ``lonely``."""
        if mood is None or feeling is None:
            self.alone_status.value = problem(_("Not saved yet: choose your mood and how the time alone felt."))
            return False
        now = dt.datetime.now()
        try:
            journal.append(self.home, {"date": self.today, "time": now.time(), "mood": mood, "alone": feeling})
        except GhwError as exc:
            self.alone_status.value = refused(exc, _("Not saved yet"))
            return False
        self.alone_mood.index = self.alone_feeling.index = None
        self.refresh(step=self.step.value)
        self.alone_status.value = success(_("Noted: mood {mood}, time alone that felt {feeling}.").format(
            mood=mood, feeling=_FELT[feeling]))
        return True

    def choose_theme(self, theme: str, month: str | None = None) -> bool:
        """Make ``theme`` the theme of ``month`` (default: this month)."""
        try:
            chosen = programme.choose_theme(self.home, theme, month=month or self.now.month, today=self.today)
        except GhwError as exc:
            self.status.value = error(exc)
            return False
        self.refresh(step=self.step.value)
        self.status.value = success(_("The theme of {month} is {title}.").format(month=month or self.now.month,
                                                                                 title=html.escape(chosen.title)))
        return True

    def use_next_theme(self, theme: str) -> bool:
        """Make ``theme`` the theme of the month after the one reviewed."""
        return self.choose_theme(theme, getattr(self, "_next_month", self.now.next_month))

    def pause(self) -> None:
        """Pause the programme: no suggestions and no rest weeks until it is resumed."""
        self._choice(programme.pause, _("Paused. Nothing is missed; resume whenever you like."))

    def resume(self) -> None:
        """Resume a paused programme."""
        self._choice(programme.resume, _("Resumed."))

    def skip(self) -> None:
        """Skip the shown step this month."""
        step = self.step.value
        said = _("Skipping {step} in {month}.").format(step=programme.STEP_WORDS[step], month=self.now.month)
        if step == "rest":
            said += " " + _("Reminders stay on through the rest week.")
        self._choice(lambda home, today: programme.skip(home, step, month=self.now.month, today=today), said)

    def _choice(self, act, said: str) -> None:
        try:
            act(self.home, today=self.today)
        except GhwError as exc:
            self.status.value = error(exc)
            return
        self.refresh(step=self.step.value)
        self.status.value = success(said)

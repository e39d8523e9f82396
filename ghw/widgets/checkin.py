"""The check-in form, one form for every instrument of the registry, and the quiet line that says one is due."""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets
import pandas as pd

from .. import care, checkins, paths, programme
from ..errors import GhwError
from ..i18n import _
from ..instruments import INSTRUMENTS
from ..vocabulary import every, label
from ._messages import error, note, refused, success
from .daylio import _listed

__all__ = ["CheckinForm", "DueLine"]


class CheckinForm(widgets.VBox):
    """Answer a check-in, see its scores, and the scores of earlier ones.

    The questions are the published ones, shown as they are; a question can
    be left out (the check-in is then kept as incomplete). Plain methods do
    what the controls do: :meth:`choose`, :meth:`answer`, :meth:`save` and
    :meth:`refresh`. The instruments are those of the registry, each asked
    from its file. Messages appear in ``status``; the care line, when a
    check-in reaches the point where its authors suggest further
    assessment, in ``care``.
    """

    def __init__(self, path=None, *, today: dt.date | None = None):
        self.path = checkins.checkins_path(path or paths.journal_path())
        self.today = today
        self.instrument = widgets.ToggleButtons(options=[(found.label, name) for name, found in INSTRUMENTS.items()],
                                                style={"button_width": "auto"})
        self.intro = widgets.HTML()
        self.questions = widgets.VBox()
        self.save_button = widgets.Button(description=_("Save check-in"), button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.care = widgets.HTML()
        self.history = widgets.HTML()
        self.items: dict[str, widgets.RadioButtons | widgets.ToggleButtons] = {}
        self.instrument.add_class("ghw-checkin-instrument")
        self.save_button.add_class("ghw-checkin-save")
        self.status.add_class("ghw-checkin-status")
        self.care.add_class("ghw-checkin-care")
        self.history.add_class("ghw-checkin-history")
        self.instrument.observe(lambda change: self.choose(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save())
        rhythms = ", ".join(_("{questionnaire} {rhythm}").format(questionnaire=found.short, rhythm=every(found.every_days))
                            for found in INSTRUMENTS.values() if found.suggested)
        super().__init__([
            widgets.HTML("<h2>" + _("Check-in") + "</h2><p>" + html.escape(_(
                "A few published questions every few weeks: {rhythms}. Over the months they show whether things are "
                "changing. Skip any question you like.").format(rhythms=rhythms)) + "</p>"),
            self.instrument, self.intro, self.questions, self.save_button, self.status, self.care,
            widgets.HTML("<h3>" + _("Your check-ins") + "</h3>"), self.history,
        ])
        self.add_class("ghw-checkin")
        self.choose(self.instrument.value)
        self.refresh()

    def choose(self, name: str) -> None:
        """Show the questions of the instrument ``name``, all unanswered."""
        if self.instrument.value != name:
            self.instrument.value = name  # comes back here through observe
            return
        try:
            found = checkins.instrument(name)
        except GhwError as exc:
            self.items = {}
            self.questions.children = []
            self.intro.value = ""
            self.save_button.disabled = True
            self.status.value = error(exc)
            return
        self.save_button.disabled = False
        self.intro.value = (f"<p><b>{html.escape(found.instructions)}</b></p>"
                            + (f"<p><i>{html.escape(found.timeframe)}</i></p>" if found.timeframe else ""))
        self.items = {}
        rows = []
        for number, item in enumerate(found.items, start=1):
            choice = _choice(found, item)
            choice.add_class("ghw-checkin-item")
            choice.add_class(f"ghw-checkin-item-{number}")
            self.items[item.id] = choice
            rows.append(widgets.VBox([widgets.HTML(f"<b>{number}. {html.escape(item.text)}</b>"), choice]))
        self.questions.children = rows

    def answer(self, item_id: str, value) -> None:
        """Answer one question (``None`` leaves it out)."""
        self.items[item_id].value = value

    def save(self) -> bool:
        """Save the answers given; say the scores, or what to fix (nothing chosen is lost)."""
        name = self.instrument.value
        answers = {item_id: choice.value for item_id, choice in self.items.items()}
        try:
            saved = checkins.save(self.path, name, answers, date=self.today)
        except GhwError as exc:
            self.status.value = refused(exc, _("Not saved yet"))
            return False
        found = checkins.instrument(name)
        parts = [_said(scale, saved["scores"][scale.name]) for scale in found.scales]
        said = _("Saved your check-in of {date}: {scores}.").format(date=saved["date"], scores="; ".join(parts))
        if not saved["complete"]:
            said += " " + _("Kept as incomplete: a score whose questions were not all answered is left out.")
        self.status.value = success(html.escape(said))
        self.choose(name)
        self.refresh()
        return True

    def refresh(self) -> None:
        """Read the check-ins again: the care line, and a table of the latest scores."""
        try:
            table = checkins.scores(checkins.load_checkins(self.path))
        except GhwError as exc:
            self.history.value = error(exc)
            return
        flag = checkins.care_flag(table)
        self.care.value = "" if flag is None else (
            note(f"<p>{html.escape(care.checkin_note(flag))}</p><details><summary>" + _("People to talk to")
                 + f"</summary><pre style='white-space:pre-wrap;font-family:inherit'>{html.escape(care.care_note())}"
                 "</pre></details>", "care"))
        reported = {s.name: s for found in INSTRUMENTS.values() for s in found.reported}
        shown = table.loc[table["scale"].isin(reported)].tail(24)
        if shown.empty:
            self.history.value = "<i>" + _("No check-ins yet: your first one will appear here.") + "</i>"
            return
        cell = "<td style='padding:2px 12px 2px 0'>{}</td>"
        rows = "".join(
            "<tr>" + cell.format(r.date.date()) + cell.format(html.escape(label(r.scale)))
            + cell.format("—" if pd.isna(r.score) else html.escape(reported[r.scale].say(int(r.score))))
            + cell.format("" if r.complete else "<small>" + _("incomplete") + "</small>") + "</tr>"
            for r in shown.iloc[::-1].itertuples(index=False))
        head = "".join(f"<th style='text-align:left'>{h}</th>" for h in (_("Date"), _("Measure"), _("Score"), ""))
        self.history.value = f"<table><tr>{head}</tr>{rows}</table>"


def _choice(found, item) -> widgets.Widget:
    """The answers to one question: a button per worded answer, one under the other, each with its number (the
    published instructions may speak of higher and lower numbers); a numbered line (0 to 10) as a row of numbers,
    the published words of its ends said beside it and on their buttons."""
    if not found.numbered:
        return widgets.RadioButtons(options=[(f"{value} · {words}", value) for value, words in item.options],
                                    index=None, layout=widgets.Layout(width="max-content"))
    return widgets.ToggleButtons(
        options=[(str(value), value) for value, _ in item.options], index=None,
        tooltips=[f"{value}: {words}" if words else str(value) for value, words in item.options],
        description=" · ".join(f"{value} = {words}" for value, words in item.options if words),
        style={"button_width": "auto", "description_width": "initial"})


def _said(scale, score) -> str:
    if score is None:
        return _("{scale} not scored").format(scale=label(scale.name))
    return _("{scale} {score}").format(scale=label(scale.name), score=scale.say(score))


class DueLine(widgets.HBox):
    """One quiet line saying which check-in is due, with a button to put it away; empty when none is due.

    It points to notebook 04 where the form stands alone; the app has it say its Check-in tab instead
    (:meth:`point_to`), so that it never names a place that is not there.
    """

    def __init__(self, journal=None, *, today: dt.date | None = None):
        self.text = widgets.HTML()
        self.dismiss_button = widgets.Button(description=_("Not now"), layout=widgets.Layout(width="90px"))
        self.text.add_class("ghw-checkin-due")
        self.dismiss_button.add_class("ghw-checkin-dismiss")
        self.dismiss_button.on_click(lambda _: self.dismiss())
        super().__init__([self.text, self.dismiss_button])
        try:
            table = checkins.due(checkins.load_checkins(checkins.checkins_path(journal or paths.journal_path())),
                                 today)
        except GhwError:
            table = pd.DataFrame({"title": [], "due": []})  # the check-in form says what is wrong with the file
        self._waiting = [] if programme.quiet(journal, today=today) else table.loc[table["due"], "title"].tolist()
        self.point_to(_("notebook 04-checkin"))
        if not self._waiting:
            self.dismiss()

    def point_to(self, where: str) -> None:
        """Say where the check-in is answered (``"notebook 04-checkin"``, ``"the Check-in tab"``)."""
        self.text.value = ("" if not self._waiting else "<small>" + html.escape(_(
            "A check-in is due: {questionnaires}. It takes a minute, in {where}.").format(
                questionnaires=_listed(self._waiting), where=where)) + "</small>")

    def dismiss(self) -> None:
        """Put the line away."""
        self.layout.display = "none"

"""The check-in form (WHO-5 well-being, or loneliness) and the quiet line that says one is due."""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets
import pandas as pd

from .. import care, checkins, paths, programme
from ..errors import GhwError
from ..vocabulary import label
from ._messages import error, note, refused, success

__all__ = ["CheckinForm", "DueLine"]

_CHOICES = [("Well-being (WHO-5)", "who5"), ("Loneliness", "loneliness")]


class CheckinForm(widgets.VBox):
    """Answer a check-in, see its scores, and the scores of earlier ones.

    The questions are the published ones, shown as they are; a question can
    be left out (the check-in is then kept as incomplete). Plain methods do
    what the controls do: :meth:`choose`, :meth:`answer`, :meth:`save` and
    :meth:`refresh`. Messages appear in ``status``; the care line, when a
    WHO-5 reaches the point where further assessment is suggested, in ``care``.
    """

    def __init__(self, path=None, *, today: dt.date | None = None):
        self.path = checkins.checkins_path(path or paths.journal_path())
        self.today = today
        self.instrument = widgets.ToggleButtons(options=_CHOICES, value="who5", style={"button_width": "170px"})
        self.intro = widgets.HTML()
        self.questions = widgets.VBox()
        self.save_button = widgets.Button(description="Save check-in", button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.care = widgets.HTML()
        self.history = widgets.HTML()
        self.items: dict[str, widgets.RadioButtons] = {}
        self.instrument.add_class("ghw-checkin-instrument")
        self.save_button.add_class("ghw-checkin-save")
        self.status.add_class("ghw-checkin-status")
        self.care.add_class("ghw-checkin-care")
        self.history.add_class("ghw-checkin-history")
        self.instrument.observe(lambda change: self.choose(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save())
        super().__init__([
            widgets.HTML("<h2>Check-in</h2><p>A few published questions every few weeks: well-being every two "
                         "weeks, loneliness once a month. Over the months they show whether things are changing. "
                         "Skip any question you like.</p>"),
            self.instrument, self.intro, self.questions, self.save_button, self.status, self.care,
            widgets.HTML("<h3>Your check-ins</h3>"), self.history,
        ])
        self.add_class("ghw-checkin")
        self.choose(self.instrument.value)
        self.refresh()

    def choose(self, name: str) -> None:
        """Show the questions of ``name`` (``"who5"`` or ``"loneliness"``), all unanswered."""
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
            # Each answer with its number: the published instructions speak of higher and lower numbers.
            choice = widgets.RadioButtons(options=[(f"{value} · {text}", value) for value, text in item.options],
                                          index=None,
                                          layout=widgets.Layout(width="max-content"))
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
            self.status.value = refused(exc, "Not saved yet")
            return False
        found = checkins.instrument(name)
        parts = [_said(scale, saved["scores"][scale.name]) for scale in found.scales]
        note = "" if saved["complete"] else " Kept as incomplete: a score whose questions were not all answered is left out."
        self.status.value = success(f"Saved your check-in of {saved['date']}: {html.escape('; '.join(parts))}.{note}")
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
            note(f"<p>{html.escape(care.checkin_note(flag))}</p><details><summary>People to talk to</summary><pre "
                 f"style='white-space:pre-wrap;font-family:inherit'>{html.escape(care.care_note())}</pre></details>",
                 "care"))
        shown = table.loc[table["scale"].isin(["who5_percent", "ucla3", "lonely"])].tail(24)
        if shown.empty:
            self.history.value = "<i>No check-ins yet: your first one will appear here.</i>"
            return
        cell = "<td style='padding:2px 12px 2px 0'>{}</td>"
        rows = "".join(
            "<tr>" + cell.format(r.date.date()) + cell.format(html.escape(label(r.scale)))
            + cell.format("—" if pd.isna(r.score) else html.escape(_value(r.scale, int(r.score))))
            + cell.format("" if r.complete else "<small>incomplete</small>") + "</tr>"
            for r in shown.iloc[::-1].itertuples(index=False))
        head = "".join(f"<th style='text-align:left'>{h}</th>" for h in ("Date", "Measure", "Score", ""))
        self.history.value = f"<table><tr>{head}</tr>{rows}</table>"


def _value(scale: str, score: int) -> str:
    if scale == "lonely":
        return checkins.instrument("loneliness").item("direct").label(score)
    return str(score)


def _said(scale, score) -> str:
    if score is None:
        return f"{label(scale.name)} not scored"
    return f"{label(scale.name)} {_value(scale.name, score)}"


class DueLine(widgets.HBox):
    """One quiet line saying which check-in is due, with a button to put it away; empty when none is due.

    It points to notebook 04 where the form stands alone; the app has it say its Check-in tab instead
    (:meth:`point_to`), so that it never names a place that is not there.
    """

    def __init__(self, journal=None, *, today: dt.date | None = None):
        self.text = widgets.HTML()
        self.dismiss_button = widgets.Button(description="Not now", layout=widgets.Layout(width="90px"))
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
        self.point_to("notebook 04-checkin")
        if not self._waiting:
            self.dismiss()

    def point_to(self, where: str) -> None:
        """Say where the check-in is answered (``"notebook 04-checkin"``, ``"the Check-in tab"``)."""
        self.text.value = ("" if not self._waiting else
                           f"<small>A check-in is due: {html.escape(' and '.join(self._waiting))}. It takes a "
                           f"minute, in {html.escape(where)}.</small>")

    def dismiss(self) -> None:
        """Put the line away."""
        self.layout.display = "none"

"""The logging form: how you feel, and one connection, in under a minute."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import catalogue, journal, paths, people, programme, schema
from ..errors import GhwError, ValidationError
from ..vocabulary import label
from ._messages import problem, success
from .checkin import DueLine
from .experiment import today_note

__all__ = ["LogForm"]

_NONE = ("—", None)
_CHANNELS = [("in person", "in_person"), ("call", "call"), ("video", "video"), ("message", "message"),
             ("social media", "social_media"), ("letter", "letter"), ("other", "other")]
_MOOD = [(str(n), n) for n in range(schema.MOOD_RANGE[0], schema.MOOD_RANGE[1] + 1)]
_QUALITY = [("1 distant", 1), ("2", 2), ("3", 3), ("4", 4), ("5 deeply", 5)]
_INITIATED = [("me", "me"), ("them", "them"), ("both of us", "mutual")]
_SUPPORT = [("I gave", "gave"), ("I received", "received"), ("both", "both"), ("neither", "neither")]
CONNECTION = ("person", "relationship", "activity", "channel", "minutes", "quality", "initiated_by", "support", "note")
RECENT = 8


class LogForm(widgets.VBox):
    """Log how you feel and, optionally, one connection.

    Plain methods do what the buttons do, so the form works the same from a
    test or a script: :meth:`save`, :meth:`start_edit`, :meth:`cancel_edit`,
    :meth:`delete` and :meth:`undo`. Messages appear in ``status``.
    """

    def __init__(self, path=None, *, now: dt.datetime | None = None):
        self.path = paths.journal_path() if path is None else path
        self._now = now  # a fixed "now" for tests; otherwise the clock, read at each save
        now = now or dt.datetime.now()
        self._far_date_asked: dt.date | None = None  # a far-ahead date already asked about once
        self.editing: str | None = None
        self._deleted: dict | None = None
        style = {"description_width": "150px"}
        buttons = {"description_width": "150px", "button_width": "86px"}
        wide = widgets.Layout(width="420px")

        self.date = widgets.DatePicker(description=label("date"), value=now.date(), style=style)
        self.time = widgets.Text(description=label("time"), value=now.strftime("%H:%M"), placeholder="HH:MM",
                                 style=style, layout=widgets.Layout(width="230px"))
        # Buttons rather than a slider: each has a name a screen reader says, and a tap or a key press sets it.
        self.mood = widgets.ToggleButtons(description=f"{label('mood')} <small>(0 worst, 10 best)</small>",
                                          description_allow_html=True, options=_MOOD, value=5,
                                          style={"description_width": "150px", "button_width": "40px"})
        self.person = widgets.Combobox(description=label("person"), placeholder="a name, nickname or initials",
                                       ensure_option=False, style=style, layout=wide)
        self.relationship = widgets.Dropdown(description=label("relationship"), options=[_NONE, *[(r, r) for r in schema.RELATIONSHIPS]],
                                             style=style)
        self.activity = widgets.Combobox(description=label("activity"), placeholder="e.g. walk, coffee, call",
                                         ensure_option=False, style=style, layout=wide)
        self.channel = widgets.Dropdown(description=label("channel"), options=[_NONE, *_CHANNELS], style=style)
        self.minutes = widgets.Text(description=label("minutes"), placeholder="how long", style=style,
                                    layout=widgets.Layout(width="230px"))
        self.quality = widgets.ToggleButtons(description=label("quality"), options=[_NONE, *_QUALITY], style=buttons)
        self.initiated_by = widgets.ToggleButtons(description=label("initiated_by"), options=[_NONE, *_INITIATED],
                                                  style=buttons)
        self.support = widgets.ToggleButtons(description=label("support"), options=[_NONE, *_SUPPORT], style=buttons)
        self.note = widgets.Textarea(description=label("note"), placeholder="anything else (optional)", style=style,
                                     layout=widgets.Layout(width="520px", height="70px"))
        self.save_button = widgets.Button(description="Save", button_style="primary", icon="check")
        self.cancel_button = widgets.Button(description="Cancel edit", layout=widgets.Layout(display="none"))
        self.status = widgets.HTML()
        self.recent = widgets.VBox()
        self.nudge = widgets.HTML()
        self.show_nudge = widgets.Checkbox(value=True, description="Show a small idea for today", indent=False)

        # Typed text reaches Python when the field is left, before the press of Save that follows: sent at each
        # key, the last keys can arrive after a quick Save and be lost.
        for name in ("time", "person", "activity", "minutes", "note"):
            getattr(self, name).continuous_update = False
        for name in ("mood", "quality", "initiated_by", "support"):  # each button says which question it answers
            group = getattr(self, name)
            group.tooltips = [f"{label(name)}: {'none' if value is None else text}" for text, value in group.options]
        for name in (*CONNECTION, "date", "time", "mood"):
            getattr(self, name).add_class(f"ghw-{name.replace('_', '-')}")
        self.save_button.add_class("ghw-save")
        self.cancel_button.add_class("ghw-cancel")
        self.status.add_class("ghw-status")
        self.nudge.add_class("ghw-nudge")
        self.save_button.on_click(lambda _: self.save())
        self.cancel_button.on_click(lambda _: self.cancel_edit())
        self.person.observe(self._fill_relationship, names="value")
        # Suggestions are a help, never a duty: they can be put away.
        self.show_nudge.observe(lambda change: setattr(self.nudge.layout, "display", None if change["new"] else "none"),
                                names="value")

        connection = widgets.VBox([
            widgets.HTML("<b>A connection</b> <small>(optional: leave empty for a mood check-in)</small>"),
            self.person, self.relationship, self.activity, self.channel, self.minutes,
            self.quality, self.initiated_by, self.support,
        ])
        form = widgets.VBox([
            widgets.HTML("<h3>How are you right now?</h3>"),
            self.date, self.time, self.mood, connection, self.note,
            widgets.HBox([self.save_button, self.cancel_button]), self.status,
        ])
        self.checkin_due = DueLine(self.path, today=now.date())  # one quiet line when a check-in is due
        self.assignment = widgets.HTML()  # today's part in a running experiment, if any
        super().__init__([self.checkin_due, self.assignment, form, self.show_nudge, self.nudge,
                          widgets.HTML("<h4>Recent entries</h4>"), self.recent])
        self.add_class("ghw-log")
        self._reload()

    # -- actions ---------------------------------------------------------

    def entry(self) -> dict:
        """What the form holds, as an entry for :func:`ghw.append`."""
        values = {
            "date": self.date.value,
            "time": self.time.value.strip(),
            "mood": self.mood.value,
            **{name: getattr(self, name).value for name in CONNECTION},
        }
        return {key: value for key, value in values.items() if value not in (None, "")}

    def save(self) -> bool:
        """Validate and save; on a problem, say it and keep everything typed."""
        entry = self.entry()
        if self.date.value is None:
            return self._problem("Please choose a date.")
        today = (self._now or dt.datetime.now()).date()
        ahead = schema.days_ahead(self.date.value, today)
        if ahead and self._far_date_asked != self.date.value:
            self._far_date_asked = self.date.value
            return self._problem(f"Not saved yet: the date, {self.date.value}, is {ahead} days after today. "
                                 "If that is right, press Save again; otherwise change the date.")
        try:
            if self.editing:
                changes = {c: entry.get(c, "") for c in schema.COLUMNS if c != "id"}
                saved = journal.edit(self.path, self.editing, changes)
            else:
                saved = journal.append(self.path, entry)
        except ValidationError as exc:
            items = "".join(
                f"<li><b>{html.escape(label(row.column))}</b>"
                f"{' (' + html.escape(repr(row.value)) + ')' if row.value else ''}: {html.escape(row.problem)}</li>"
                for row in exc.problems.itertuples(index=False)
            )
            return self._problem(f"Not saved yet. Please check:<ul>{items}</ul>")
        except GhwError as exc:
            return self._problem(f"Not saved: {html.escape(str(exc))}")
        verb = "Changed" if self.editing else "Saved"
        self.status.value = success(f"{verb}: {html.escape(_describe(saved))}.")
        self._clear_connection()
        self.cancel_edit(quiet=True)
        self._reload()
        return True

    def start_edit(self, entry_id: str) -> None:
        """Put an entry into the form; Save then changes it."""
        row = self._entries.set_index("id").loc[entry_id]
        self.date.value = row["date"].date()
        self.time.value = row["time"] if isinstance(row["time"], str) else ""
        self.mood.value = int(row["mood"])
        for name in CONNECTION:
            value = row[name]
            if pd.isna(value):
                value = None
            elif name in ("minutes", "quality"):
                value = int(value)
            _set(getattr(self, name), value)
        self.editing = entry_id
        self.save_button.description = "Save changes"
        self.cancel_button.layout.display = None
        self.status.value = f"Editing the entry of {row['date'].date()}. Change what you like, then save."

    def cancel_edit(self, *, quiet: bool = False) -> None:
        """Leave editing without saving."""
        if self.editing and not quiet:
            self._clear_connection()
            self.status.value = "Edit cancelled; nothing was changed."
        self.editing = None
        self.save_button.description = "Save"
        self.cancel_button.layout.display = "none"

    def delete(self, entry_id: str) -> None:
        """Delete an entry; :meth:`undo` brings it back."""
        try:
            self._deleted = journal.delete(self.path, entry_id)
        except GhwError as exc:
            self._problem(f"Not deleted: {html.escape(str(exc))}")
            return
        if self.editing == entry_id:
            self.cancel_edit(quiet=True)
        self.status.value = "Deleted. You can undo this below the recent entries."
        self._reload()

    def undo(self) -> None:
        """Put back the entry deleted last."""
        if self._deleted is None:
            return
        try:
            journal.append(self.path, self._deleted)
        except GhwError as exc:
            self._problem(f"Could not undo: {html.escape(str(exc))}")
            return
        self._deleted = None
        self.status.value = "Restored the deleted entry."
        self._reload()

    # -- helpers -----------------------------------------------------------

    def _problem(self, message: str) -> bool:
        self.status.value = problem(message)
        return False

    def _clear_connection(self) -> None:
        for name in CONNECTION:
            _set(getattr(self, name), None)

    def _fill_relationship(self, change) -> None:
        usual = self._usual.get(change["new"])
        if usual and self.relationship.value is None:
            self.relationship.value = usual

    def _reload(self) -> None:
        """Re-read the journal for suggestions and the recent entries."""
        try:
            entries, problems = journal.check(self.path)
        except GhwError as exc:
            entries = schema.empty_entries()
            if Path(self.path).exists():
                self._problem(html.escape(str(exc)))
        else:
            if len(problems) and not self.status.value:
                lines = problems["line"].nunique()
                some = f"{lines} lines of your journal have" if lines > 1 else "1 line of your journal has"
                self.status.value = problem(f"{some} problems and {'are' if lines > 1 else 'is'} left out here; run "
                                            "<code>ghw doctor</code> to see them. Saving still works.")
        self._entries = entries
        self._usual = people.usual_relationships(entries)
        self.person.options = sorted(self._usual)
        own = entries["activity"].dropna().value_counts().index.tolist()
        self.activity.options = list(dict.fromkeys([*own, *catalogue.ACTIVITIES]))
        self.recent.children = self._recent_rows(entries)
        self.nudge.value = self._nudge(entries)
        self.assignment.value = today_note(self.path)

    def _recent_rows(self, entries: pd.DataFrame) -> list:
        latest = entries.sort_values(["date", "time"], na_position="first").tail(RECENT).iloc[::-1]
        rows = []
        for entry in latest.to_dict("records"):
            edit = widgets.Button(description="Edit", layout=widgets.Layout(width="70px"))
            delete = widgets.Button(description="Delete", layout=widgets.Layout(width="70px"))
            edit.add_class("ghw-edit")
            delete.add_class("ghw-delete")
            edit.on_click(lambda _, i=entry["id"]: self.start_edit(i))
            delete.on_click(lambda _, i=entry["id"]: self.delete(i))
            rows.append(widgets.HBox([widgets.HTML(html.escape(_describe(entry))), edit, delete]))
        if self._deleted is not None:
            undo = widgets.Button(description="Undo delete", icon="undo")
            undo.add_class("ghw-undo")
            undo.on_click(lambda _: self.undo())
            rows.append(undo)
        if not rows:
            rows.append(widgets.HTML("<i>Nothing yet: your first entry will appear here.</i>"))
        return rows

    def _nudge(self, entries: pd.DataFrame) -> str:
        today = (self._now or dt.datetime.now()).date()
        if programme.quiet(self.path, today=today):  # the programme's rest week: no idea, no one due
            return ("<div style='background:#EEF6FB;padding:8px;border-radius:4px;margin:8px 0'><b>Rest week.</b> "
                    "No ideas or reminders until the 28th; the This month tab has a place to note time alone.</div>")
        idea = catalogue.idea_of_the_day()
        text = f"<b>One small idea for today:</b> {html.escape(idea.text)}."
        try:
            settings = people.load_people(people.people_path(self.path))
        except GhwError as exc:
            settings = None
            text += f"<br><small>{html.escape(str(exc))}</small>"
        late = people.overdue(entries, settings).head(3)
        if len(late):
            names = ", ".join(f"{html.escape(r.person)} ({people.due_words(r)})" for r in late.itertuples(index=False))
            text += f"<br><b>Not logged for a while:</b> {names}."
        return f"<div style='background:#EEF6FB;padding:8px;border-radius:4px;margin:8px 0'>{text}</div>"


def _set(widget, value) -> None:
    """Text boxes take text ("" for nothing); choices take the value itself (None for nothing)."""
    if isinstance(widget, widgets.Text | widgets.Combobox | widgets.Textarea):
        widget.value = "" if value is None else str(value)
    else:
        widget.value = value


def _describe(entry) -> str:
    """One line for an entry: '2026-11-25 18:30 · mood 7 · Jo (friend), walk'."""
    date = pd.Timestamp(entry["date"]).date()
    time = entry["time"] if isinstance(entry["time"], str) else ""
    text = f"{date} {time} · mood {entry['mood']}".replace("  ", " ")
    if isinstance(entry["relationship"], str):
        who = entry["person"] if isinstance(entry["person"], str) else "someone"
        text += f" · {who} ({entry['relationship']})"
        if isinstance(entry["activity"], str):
            text += f", {entry['activity']}"
    return text

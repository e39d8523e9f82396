"""The logging form: how you feel, and one connection, in a few taps.

The short path comes first: the mood, then (if you like) one person and how
connected you felt, then Save, all on a phone's first screen. Everything else
(when, what, how, how long, who reached out, support, a note) waits behind
"More". Nothing is chosen for you: the mood starts unchosen, the time is the
clock's at the moment of saving unless you type one, and a day other than
today is said plainly, with one tap back to today.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import catalogue, i18n, journal, paths, programme, schema, theme
from ..errors import GhwError, ValidationError
from ..i18n import _, ngettext
from ..people.contacts import kind_word, usual_relationships
from ..people.due import overdue
from ..people.file import load_people, people_path
from ..people.page import due_words
from ..vocabulary import label
from ._messages import note, problem, success
from .checkin import DueLine
from .experiment import today_note
from .pickers import MoodPicker, PersonField

__all__ = ["LogForm"]

_NONE = ("—", None)
# Each choice: the words shown, and the code the journal keeps.
_CHANNELS = [(_("in person"), "in_person"), (_("call"), "call"), (_("video"), "video"), (_("message"), "message"),
             (_("social media"), "social_media"), (_("letter"), "letter"), (_("other"), "other")]
_QUALITY = [(_("1 distant"), 1), ("2", 2), ("3", 3), ("4", 4), (_("5 deeply"), 5)]
_INITIATED = [(_("me"), "me"), (_("them"), "them"), (_("both of us"), "mutual")]
_SUPPORT = [(_("I gave"), "gave"), (_("I received"), "received"), (_("both"), "both"), (_("neither"), "neither")]
CONNECTION = ("person", "relationship", "activity", "channel", "minutes", "quality", "initiated_by", "support", "note")
RECENT = 8
WEEK = 7  # days with entries before the form mentions check-ins
_MORE = _("More: when, what, how long, a note")


class LogForm(widgets.VBox):
    """Log how you feel and, optionally, one connection.

    Plain methods do what the buttons do, so the form works the same from a
    test or a script: :meth:`save`, :meth:`undo_save`, :meth:`start_edit`,
    :meth:`cancel_edit`, :meth:`delete`, :meth:`undo`, :meth:`back_to_today`
    and :meth:`show_more`. Messages appear in ``status``; after a save,
    ``card`` shows the day's entries.
    """

    def __init__(self, path=None, *, now: dt.datetime | Callable[[], dt.datetime] | None = None):
        """Build the form's controls in the order the page shows them, and wire each one.

        Long because a form is its controls: each is a line or two, and reading them in order is reading the
        form.
        """
        self.path = paths.journal_path() if path is None else path
        self._now = now  # for tests: a fixed "now", or a clock to read; otherwise the real clock, read at each save
        today = self._today()
        self._far_date_asked: dt.date | None = None  # a far-ahead date already asked about once
        self.editing: str | None = None
        self._deleted: dict | None = None
        self._saved: dict | None = None  # the entry saved last, for its Undo
        style = {"description_width": "150px"}
        buttons = {"description_width": "150px", "button_width": "86px"}
        wide = widgets.Layout(width="420px")

        self.mood = MoodPicker(description=_("How do you feel?"),
                               hint=_("({mood}, 0 to 10)").format(mood=label("mood").lower()))
        self.person = PersonField(description=label("person"),
                                  placeholder=_("optional: a name, nickname or initials"))
        self.relationship = widgets.Dropdown(description=label("relationship"),
                                             options=[_NONE, *[(kind_word(r), r) for r in schema.RELATIONSHIPS]],
                                             style=style)
        self.quality = widgets.ToggleButtons(description=label("quality"), options=[_NONE, *_QUALITY], style=buttons)
        self.save_button = widgets.Button(description=_("Save"), button_style="primary", icon="check")
        self.cancel_button = widgets.Button(description=_("Cancel edit"), layout=widgets.Layout(display="none"))
        self.status = widgets.HTML()
        self.when = widgets.HTML()
        self.today_button = widgets.Button(description=_("Back to today"), layout=widgets.Layout(display="none"))
        self.more_button = widgets.Button(description=_MORE, icon="chevron-down",
                                          layout=widgets.Layout(width="max-content", max_width="100%"))

        self.date = widgets.DatePicker(description=label("date"), value=today, style=style)
        self._day_set = today  # the day the form last set by itself
        self.time = widgets.Text(description=label("time"), placeholder=_("now"), style=style,
                                 layout=widgets.Layout(width="230px"))
        self.activity = widgets.Combobox(description=label("activity"), placeholder=_("e.g. walk, coffee, call"),
                                         ensure_option=False, style=style, layout=wide)
        self.channel = widgets.Dropdown(description=label("channel"), options=[_NONE, *_CHANNELS], style=style)
        self.minutes = widgets.Text(description=label("minutes"), placeholder=_("45, 45 min, 1h or 1:30"), style=style,
                                    layout=widgets.Layout(width="300px"))
        self.initiated_by = widgets.ToggleButtons(description=label("initiated_by"), options=[_NONE, *_INITIATED],
                                                  style=buttons)
        self.support = widgets.ToggleButtons(description=label("support"), options=[_NONE, *_SUPPORT], style=buttons)
        self.note = widgets.Textarea(description=label("note"), placeholder=_("anything else (optional)"), style=style,
                                     layout=widgets.Layout(width="520px", height="70px"))
        self.more = widgets.VBox([self.date, self.time, self.activity, self.channel, self.minutes, self.initiated_by,
                                  self.support, self.note], layout=widgets.Layout(display="none"))
        self.card = widgets.HTML()
        self.undo_save_button = widgets.Button(description=_("Undo"), icon="undo",
                                               layout=widgets.Layout(display="none"))
        self.recent = widgets.VBox()
        self.nudge = widgets.HTML()
        self.show_nudge = widgets.Checkbox(value=True, description=_("Show a small idea for today"), indent=False)
        self.welcome = widgets.HTML()

        # Typed text reaches Python when the field is left, before the press of Save that follows: sent at each
        # key, the last keys can arrive after a quick Save and be lost.
        for name in ("time", "activity", "minutes", "note"):
            getattr(self, name).continuous_update = False
        for name in ("quality", "initiated_by", "support"):  # each button says which question it answers
            group = getattr(self, name)
            group.tooltips = [_("{question}: {answer}").format(question=label(name),
                                                               answer=_("none") if value is None else text)
                              for text, value in group.options]
        for name in (*CONNECTION, "date", "time", "mood"):
            getattr(self, name).add_class(f"ghw-{name.replace('_', '-')}")
        for name in ("save", "cancel", "today", "more", "undo_save"):
            getattr(self, f"{name}_button").add_class(f"ghw-{name.replace('_', '-')}")
        for name in ("status", "when", "nudge", "welcome"):
            getattr(self, name).add_class(f"ghw-{name}")
        self.card.add_class("ghw-today-card")
        self.save_button.on_click(lambda _: self.save())
        self.cancel_button.on_click(lambda _: self.cancel_edit())
        self.today_button.on_click(lambda _: self.back_to_today())
        self.more_button.on_click(lambda _: self.show_more(self.more.layout.display == "none"))
        self.undo_save_button.on_click(lambda _: self.undo_save())
        self.person.observe(self._fill_relationship, names="value")
        self.date.observe(lambda _: self._say_when(), names="value")
        self.time.observe(lambda _: self._say_when(), names="value")
        # Suggestions are a help, never a duty: they can be put away.
        self.show_nudge.observe(lambda change: setattr(self.nudge.layout, "display", None if change["new"] else "none"),
                                names="value")

        self.checkin_due = DueLine(self.path, today=today)  # one quiet line when a check-in is due
        self.assignment = widgets.HTML()  # today's part in a running experiment, if any
        super().__init__([
            self.welcome, self.checkin_due, self.assignment,
            widgets.HTML("<h2 class='ghw-page-title'>" + _("How are you right now?") + "</h2>"),
            self.mood, self.person, self.relationship, self.quality,
            widgets.HBox([self.save_button, self.cancel_button, self.when, self.today_button],
                         layout=widgets.Layout(align_items="center")), self.status,
            widgets.HBox([self.card, self.undo_save_button], layout=widgets.Layout(align_items="center")),
            self.more_button, self.more,
            self.show_nudge, self.nudge,
            widgets.HTML("<h3>" + _("Recent entries") + "</h3>"), self.recent,
        ])
        self.add_class("ghw-log")
        self._reload()
        self._say_when()

    # -- actions ---------------------------------------------------------

    def entry(self) -> dict:
        """What the form holds, as an entry for :func:`ghw.append` (an empty time is the clock's, now)."""
        # The day set by the form (not by the person) follows the clock, as the time does, past midnight too.
        day = self._today() if self.date.value == self._day_set else self.date.value
        values = {
            "date": day,
            "time": self.time.value.strip() or self._clock().strftime("%H:%M"),
            "mood": self.mood.value,
            **{name: getattr(self, name).value for name in CONNECTION},
        }
        values["minutes"] = schema.duration(values["minutes"])
        values["person"] = values["person"].strip()
        return {key: value for key, value in values.items() if value not in (None, "")}

    def save(self) -> bool:
        """Validate and save; on a problem, say it and keep everything typed."""
        if self.mood.value is None:
            return self._problem(_("Not saved yet: choose how you feel first, a number from 0 to 10."))
        if self.date.value is None:
            return self._problem(_("Please choose a date."))
        entry = self.entry()
        ahead = schema.days_ahead(entry["date"], self._today())
        if ahead and self._far_date_asked != entry["date"]:
            self._far_date_asked = entry["date"]
            return self._problem(ngettext(
                "Not saved yet: the date, {day}, is {n} day after today. If that is right, press Save again; "
                "otherwise change the date.",
                "Not saved yet: the date, {day}, is {n} days after today. If that is right, press Save again; "
                "otherwise change the date.", ahead).format(day=entry["date"], n=ahead))
        try:
            if self.editing:
                changes = {c: entry.get(c, "") for c in schema.COLUMNS if c != "id"}
                saved = journal.edit(self.path, self.editing, changes)
            else:
                saved = journal.append(self.path, entry)
        except ValidationError as exc:
            items = "".join(
                f"<li><b>{html.escape(label(row.column))}</b>"
                f"{' (' + html.escape(repr(row.value)) + ')' if row.value else ''}: {html.escape(row.problem)}"
                f"{_HINTS.get(row.column, '')}</li>"
                for row in exc.problems.itertuples(index=False)
            )
            return self._problem(_("Not saved yet. Please check:{problems}").format(problems=f"<ul>{items}</ul>"))
        except GhwError as exc:
            return self._problem(_("Not saved: {problem}").format(problem=html.escape(str(exc))))
        edited = bool(self.editing)
        said = _("Changed: {entry}.") if edited else _("Saved: {entry}.")
        self.status.value = success(said.format(entry=html.escape(_describe(saved))))
        self._saved = None if edited else saved
        self._clear()
        self.cancel_edit(quiet=True)
        self._reload()
        self._show_card(saved, edited=edited)
        return True

    def undo_save(self) -> bool:
        """Take back the entry saved last; what it held goes back into the form, so nothing is lost."""
        if self._saved is None:
            return False
        saved, self._saved = self._saved, None
        try:
            journal.delete(self.path, saved["id"])
        except GhwError as exc:
            return self._problem(_("Could not undo: {problem}").format(problem=html.escape(str(exc))))
        self._fill(saved)
        self.status.value = _("Undone: that entry is no longer in your journal; what it held is back in the form.")
        self.card.value = ""
        self.undo_save_button.layout.display = "none"
        self._reload()
        return True

    def start_edit(self, entry_id: str) -> None:
        """Put an entry into the form; Save then changes it."""
        row = self._entries.set_index("id").loc[entry_id]
        self._fill({"date": row["date"], **{c: row[c] for c in ("time", "mood", *CONNECTION)}})
        self.editing = entry_id
        self.save_button.description = _("Save changes")
        self.cancel_button.layout.display = None
        self.status.value = _("Editing the entry of {day}. Change what you like, then save.").format(
            day=row["date"].date())

    def cancel_edit(self, *, quiet: bool = False) -> None:
        """Leave editing without saving."""
        if self.editing and not quiet:
            self._clear()
            self.status.value = _("Edit cancelled; nothing was changed.")
        self.editing = None
        self.save_button.description = _("Save")
        self.cancel_button.layout.display = "none"

    def delete(self, entry_id: str) -> None:
        """Delete an entry; :meth:`undo` brings it back."""
        try:
            self._deleted = journal.delete(self.path, entry_id)
        except GhwError as exc:
            self._problem(_("Not deleted: {problem}").format(problem=html.escape(str(exc))))
            return
        if self.editing == entry_id:
            self.cancel_edit(quiet=True)
        self.status.value = _("Deleted. You can undo this below the recent entries.")
        self._reload()

    def undo(self) -> None:
        """Put back the entry deleted last."""
        if self._deleted is None:
            return
        try:
            journal.append(self.path, self._deleted)
        except GhwError as exc:
            self._problem(_("Could not undo: {problem}").format(problem=html.escape(str(exc))))
            return
        self._deleted = None
        self.status.value = _("Restored the deleted entry.")
        self._reload()

    def back_to_today(self) -> None:
        """Log for today again, at the clock's time."""
        self._day_set = self._today()
        self.date.value = self._day_set
        self.time.value = ""

    def show_more(self, shown: bool = True) -> None:
        """Show (or hide) the fields beyond the short path."""
        self.more.layout.display = None if shown else "none"
        self.more_button.icon = "chevron-up" if shown else "chevron-down"

    def opened(self) -> None:
        """The form is shown again (the app's tab): a day chosen earlier no longer holds, unless editing."""
        if not self.editing:
            self.back_to_today()
        self.assignment.value = today_note(self.path)

    # -- helpers -----------------------------------------------------------

    def _clock(self) -> dt.datetime:
        if callable(self._now):
            return self._now()
        return self._now or dt.datetime.now()

    def _today(self) -> dt.date:
        return self._clock().date()

    def _problem(self, message: str) -> bool:
        self.status.value = problem(message)
        return False

    def _clear(self) -> None:
        """Empty the form for the next entry: no mood chosen, today, now."""
        for name in CONNECTION:
            _set(getattr(self, name), None)
        self.mood.value = None
        self.back_to_today()

    def _fill(self, entry: dict) -> None:
        self.date.value = pd.Timestamp(entry["date"]).date()
        self.time.value = entry["time"] if isinstance(entry["time"], str) else ""
        self.mood.value = int(entry["mood"])
        for name in CONNECTION:
            value = entry.get(name)
            if value is None or pd.isna(value):
                value = None
            elif name in ("minutes", "quality"):
                value = int(value)
            _set(getattr(self, name), value)

    def _say_when(self) -> None:
        """Say the day and time the entry will have; a day other than today stands out, with a way back."""
        day = self.date.value
        time = self.time.value.strip()
        other_day = day is not None and day != self._today()
        self.today_button.layout.display = None if other_day else "none"
        if day is None:
            self.when.value = ""
        elif other_day:
            said = (_("Logging for <b>{day}</b>, {time}, not today.") if time else
                    _("Logging for <b>{day}</b>, not today."))
            self.when.value = note(said.format(day=i18n.date(day, "EEEE dd MMMM yyyy"), time=html.escape(time)), "today")
        else:
            said = _("Today, at {time}").format(time=html.escape(time)) if time else _("Today, now")
            self.when.value = f"<small>{said}</small>"

    def _show_card(self, saved: dict, *, edited: bool) -> None:
        """Today's card: a word of thanks, the day's entries with the one just saved marked, and an Undo."""
        day = pd.Timestamp(saved["date"])
        of_day = self._entries.loc[self._entries["date"] == day].sort_values("time", na_position="first")
        who = saved["person"] if isinstance(saved["person"], str) else None
        thanks = (_("Thank you. Time with {name} is in your journal.").format(name=html.escape(who)) if who else
                  _("Thank you for checking in.") if not edited else _("Thank you. The entry is changed."))
        rows, just_now = [], _("(just now)")
        for entry in of_day.to_dict("records"):
            mood = int(entry["mood"])
            dot = (f"<span aria-hidden='true' style='display:inline-block;width:12px;height:12px;border-radius:50%;"
                   f"background:{theme.mood_colour(mood)};margin-right:6px;vertical-align:-1px'></span>")
            text = html.escape(_describe(entry, date=False))
            rows.append(f"<li>{dot}<b>{text}</b> <small>{just_now}</small></li>" if entry["id"] == saved["id"]
                        else f"<li>{dot}{text}</li>")
        title = _("Today") if day.date() == self._today() else i18n.date(day.date(), "EEEE dd MMMM")
        self.card.value = (f"<div class='ghw-card ghw-day-card' role='status'><p style='margin:0 0 4px'>{thanks}</p>"
                           f"<b>{title}</b><ul style='margin:4px 0 0;padding-left:18px;list-style:none'>"
                           f"{''.join(rows)}</ul></div>")
        self.undo_save_button.layout.display = None if self._saved else "none"

    def _fill_relationship(self, change) -> None:
        usual = self._usual.get(change["new"].strip())
        if usual and self.relationship.value is None:
            self.relationship.value = usual

    def _reload(self) -> None:
        """Re-read the journal for suggestions, the recent entries and the welcome."""
        try:
            entries, problems = journal.check(self.path)
        except GhwError as exc:
            entries = schema.empty_entries()
            if Path(self.path).exists():
                self._problem(html.escape(str(exc)))
        else:
            if len(problems) and not self.status.value:
                lines = problems["line"].nunique()
                self.status.value = problem(ngettext(
                    "{n} line of your journal has problems and is left out here; run <code>ghw doctor</code> to see "
                    "them. Saving still works.",
                    "{n} lines of your journal have problems and are left out here; run <code>ghw doctor</code> to "
                    "see them. Saving still works.", lines).format(n=lines))
        self._entries = entries
        usual = usual_relationships(entries)
        latest = entries.dropna(subset=["person"]).groupby("person")["date"].max().sort_values(ascending=False)
        self._usual = {name: usual.get(name) for name in latest.index}
        self.person.remember(self._usual)
        own = entries["activity"].dropna().value_counts().index.tolist()
        self.activity.options = list(dict.fromkeys([*own, *catalogue.ACTIVITIES]))
        self.recent.children = self._recent_rows(entries)
        self.nudge.value = self._nudge(entries)
        self.assignment.value = today_note(self.path)
        days = entries["date"].nunique()
        self.welcome.value = "" if len(entries) else self._welcome()
        if days < WEEK:  # no questionnaire before a week of entries
            self.checkin_due.dismiss()

    def _welcome(self) -> str:
        where = html.escape(str(Path(self.path).resolve()))
        return note(_(
            "<b>Welcome to ghw</b>, a private journal of how you feel and who you spend time with. A mood and Save "
            "make a whole entry; a person is optional. Until your first entry, the other tabs show a made-up "
            "sample year.<br><small>Your entries stay on this computer, in <code>{where}</code></small>").format(
                where=where), "idea", css_class="ghw-welcome-note")

    def _recent_rows(self, entries: pd.DataFrame) -> list:
        latest = entries.sort_values(["date", "time"], na_position="first").tail(RECENT).iloc[::-1]
        rows = []
        for entry in latest.to_dict("records"):
            edit = widgets.Button(description=_("Edit"), layout=widgets.Layout(width="70px"))
            delete = widgets.Button(description=_("Delete"), layout=widgets.Layout(width="70px"))
            edit.add_class("ghw-edit")
            delete.add_class("ghw-delete")
            edit.on_click(lambda _, i=entry["id"]: self.start_edit(i))
            delete.on_click(lambda _, i=entry["id"]: self.delete(i))
            rows.append(widgets.HBox([widgets.HTML(html.escape(_describe(entry))), edit, delete]))
        if self._deleted is not None:
            undo = widgets.Button(description=_("Undo delete"), icon="undo")
            undo.add_class("ghw-undo")
            undo.on_click(lambda _: self.undo())
            rows.append(undo)
        if not rows:
            rows.append(widgets.HTML("<i>" + _("Nothing yet: your first entry will appear here.") + "</i>"))
        return rows

    def _nudge(self, entries: pd.DataFrame) -> str:
        if programme.quiet(self.path, today=self._today()):  # the programme's rest week: no idea, no one due
            return note(_("<b>Rest week.</b> No ideas or reminders until the 28th; the This month tab has a place to "
                          "note time alone."), "idea")
        idea = catalogue.idea_of_the_day()
        text = _("<b>One small idea for today:</b> {idea}.").format(idea=html.escape(idea.text))
        try:
            settings = load_people(people_path(self.path))
        except GhwError as exc:
            settings = None
            text += f"<br><small>{html.escape(str(exc))}</small>"
        late = overdue(entries, settings).head(3)
        if len(late):
            names = ", ".join(_("{name} ({due})").format(name=html.escape(r.person), due=due_words(r))
                              for r in late.itertuples(index=False))
            text += "<br>" + _("<b>Not logged for a while:</b> {names}.").format(names=names)
        return note(text, "idea")


# What a field also accepts, said after its problem.
_HINTS = {"minutes": " " + _("(or write it as 45 min, 1h or 1:30)")}


def _set(widget, value) -> None:
    """Text boxes take text ("" for nothing); choices take the value itself (None for nothing)."""
    if isinstance(widget, widgets.Text | widgets.Combobox | widgets.Textarea | PersonField):
        widget.value = "" if value is None else str(value)
    else:
        widget.value = value


def _describe(entry, *, date: bool = True) -> str:
    """One line for an entry: '2026-11-25 18:30 · mood 7 · Jo (friend), walk' (without the date: '18:30 · ...')."""
    day = f"{pd.Timestamp(entry['date']).date()} " if date else ""
    time = entry["time"] if isinstance(entry["time"], str) else ""
    mood = _("mood {mood}").format(mood=entry["mood"])
    text = f"{day}{time} · {mood}".replace("  ", " ").strip(" ·")
    if isinstance(entry["relationship"], str):
        who = entry["person"] if isinstance(entry["person"], str) else _("someone")
        text += " · " + _("{name} ({kind})").format(name=who, kind=kind_word(entry["relationship"]))
        if isinstance(entry["activity"], str):
            text += f", {entry['activity']}"
    return text

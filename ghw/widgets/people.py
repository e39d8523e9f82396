"""The people page: who is due, everyone at a glance, one person's page, tidy names, the mix of kinds."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import plots, programme, schema, vocabulary
from ..errors import GhwError
from ..i18n import _, ngettext
from ..journal import open_journal
from ..names import key
from ..people.contacts import duplicates, kind_word
from ..people.due import MIN_CONTACTS, overdue
from ..people.file import file_for, load_people, rhythm_words, set_private, set_rhythm
from ..people.ledger import ledger
from ..people.page import describe, describe_variety, due_words, person
from ..people.rename import Renamed, rename, undo_rename
from ..people.variety import variety
from ._messages import error, note, problem, success
from .figures import Chart

__all__ = ["PeopleView"]

_SHOWN = 40  # characters of a name shown in the table; the whole name is in its tooltip


class PeopleView(widgets.VBox):
    """The people in a journal (the user's, or the sample while there is none).

    Plain methods do what the buttons do: :meth:`show`, :meth:`rename`,
    :meth:`merge`, :meth:`undo`, :meth:`save_rhythm`,
    :meth:`save_kind_rhythm`, :meth:`set_private` and :meth:`reload`.
    Messages appear in ``status``. On the sample nothing is written.
    """

    def __init__(self, path=None, *, today=None):
        self.path = path
        self.today = today  # a fixed day for tests; otherwise the clock
        self._renamed: Renamed | None = None
        self.banner = widgets.HTML()
        self.status = widgets.HTML()
        self.due = widgets.HTML()
        self.table = widgets.HTML()
        self.tidy = widgets.VBox()
        self.variety = widgets.HTML()
        self.mix = Chart(_("Chart: kinds of relationship each week, with mood"))
        self.who = widgets.Dropdown(description=_("Person"))
        self.page = widgets.HTML()
        self.rhythm = widgets.Text(description=_("Rhythm"), placeholder=_("every 2 weeks, monthly, never; empty: usual"),
                                   layout=widgets.Layout(width="420px"))
        self.rhythm_button = widgets.Button(description=_("Save rhythm"))
        self.private = widgets.Checkbox(description=_("Private: never in any export, even under a pseudonym"),
                                        indent=False, layout=widgets.Layout(width="520px"))
        self.new_name = widgets.Text(description=_("New name"), placeholder=_("call them this everywhere"))
        self.rename_button = widgets.Button(description=_("Rename"))
        self.confirm_button = widgets.Button(description=_("Merge them"), button_style="warning",
                                             layout=widgets.Layout(display="none"))
        self.undo_button = widgets.Button(description=_("Undo"), icon="undo", layout=widgets.Layout(display="none"))
        self.kind = widgets.Dropdown(description=_("Every"), options=[(kind_word(r), r) for r in schema.RELATIONSHIPS])
        self.kind_rhythm = widgets.Text(description=_("Rhythm"), placeholder=_("every 2 weeks"))
        self.kind_button = widgets.Button(description=_("Save for the kind"))
        for name in ("status", "due", "table", "tidy", "variety", "mix", "who", "page", "rhythm", "private", "new_name", "kind",
                     "kind_rhythm"):
            getattr(self, name).add_class(f"ghw-people-{name.replace('_', '-')}")
        for name in ("rhythm_button", "rename_button", "confirm_button", "undo_button", "kind_button"):
            getattr(self, name).add_class(f"ghw-people-{name.replace('_button', '').replace('_', '-')}")
        self._quiet = False
        self.who.observe(self._picked, names="value")
        self.rhythm_button.on_click(lambda _: self.save_rhythm())
        self.private.observe(self._private_changed, names="value")
        self.rename_button.on_click(lambda _: self.rename(self.who.value, self.new_name.value))
        self.confirm_button.on_click(lambda _: self.rename(self.who.value, self.new_name.value, merge=True))
        self.undo_button.on_click(lambda _: self.undo())
        self.kind_button.on_click(lambda _: self.save_kind_rhythm())
        person = widgets.VBox([
            self.who, self.page, widgets.HBox([self.rhythm, self.rhythm_button]), self.private,
            widgets.HBox([self.new_name, self.rename_button, self.confirm_button]),
        ])
        super().__init__([
            widgets.HTML("<h2>" + _("People") + "</h2>"), self.banner,
            widgets.HTML("<h3>" + _("Due now") + "</h3><small>"
                         + _("Counted from the last contact you logged, by the rhythm you wished for, or else by your "
                             "own usual gap. A nudge, never a duty.") + "</small>"), self.due,
            # What a merge, a rename or a saved rhythm did is said here, between the two sections that do them.
            widgets.HTML("<h3>" + _("Names that look like one person") + "</h3>"), self.tidy, self.status, self.undo_button,
            widgets.HTML("<h3>" + _("One person") + "</h3>"), person,
            widgets.HTML("<h3>" + _("Everyone") + "</h3><small>"
                         + _("Most recently seen first. Balances are information, not verdicts.") + "</small>"),
            self.table,
            widgets.HTML("<h3>" + _("The mix lately") + "</h3>"), self.variety, self.mix,
            widgets.HTML("<h4>" + _("A rhythm for a whole kind of relationship") + "</h4>"),
            widgets.HBox([self.kind, self.kind_rhythm, self.kind_button]),
        ])
        self.add_class("ghw-people")
        self.reload()

    # -- reading ---------------------------------------------------------

    def reload(self) -> None:
        """Read the journal and the people file again, and redraw everything."""
        self.journal = open_journal(self.path)
        self.home = file_for(self.journal)
        entries = self.journal.entries
        self.banner.value = (
            note(_("<b>Sample data.</b> These people are made up. Once you save your first entry, this page shows "
                   "your own."), "sample", css_class="ghw-sample")
            if self.journal.is_sample else "")
        try:
            self.settings = load_people(self.home)
        except GhwError as exc:
            self.settings = None
            self.status.value = problem(html.escape(str(exc)) + " "
                                        + _("Rhythms and private marks are ignored until it is fixed."))
        self.ledger = ledger(entries, self.settings)
        self.overdue = overdue(entries, self.settings)
        self.alike = duplicates(entries)
        self.due.value = self._due_html()
        self.table.value = self._table_html()
        self.tidy.children = self._tidy_rows()
        mix = variety(entries)
        self.variety.value = f"<p>{html.escape(describe_variety(mix))}</p>"
        self.mix.draw(lambda ax: plots.plot_kinds_mix(mix, ax=ax), wide=False)
        names = self.ledger["person"].tolist()
        chosen = self.who.value if self.who.value in names else (names[0] if names else None)
        self._quiet = True
        self.who.options = [(_short(n), n) for n in names]
        self.who.value = chosen
        self._quiet = False
        if chosen:
            self.show(chosen)
        else:
            self.page.value = "<i>" + _("No named people yet: log a connection with a name, and they appear here.") + "</i>"

    def show(self, name: str) -> None:
        """Show one person's page, their rhythm and their private mark."""
        page = person(self.journal.entries, name, self.settings)
        lines = describe(page)
        self.page.value = (f"<h4><bdi>{html.escape(lines[0])}</bdi></h4><ul>"
                           + "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:]) + "</ul>")
        row = page["ledger"]
        own = _own_rhythm(self.settings, name)
        self.rhythm.value = own or ""
        self._quiet = True
        self.private.value = bool(row["private"])
        self._quiet = False

    # -- writing ---------------------------------------------------------

    def rename(self, old: str, new: str, *, merge: bool = False) -> bool:
        """Call ``old`` by ``new`` everywhere; when ``new`` is someone already, ask before merging."""
        if not self._writable():
            return False
        new = new.strip()
        if not merge and new in set(self.ledger["person"]) and new != old:
            self.confirm_button.layout.display = None
            self.status.value = _("{new} is already someone in your journal. Merge {old} into them? Their entries "
                                  "would become one person's. Press <i>Merge them</i> to go ahead.").format(
                new=f"<b><bdi>{html.escape(_short(new))}</bdi></b>", old=f"<b><bdi>{html.escape(_short(old))}</bdi></b>")
            return False
        try:
            done = rename(self.journal.path, old, new, merge=merge)
        except GhwError as exc:
            self.status.value = error(exc)
            return False
        self._renamed = done
        self.confirm_button.layout.display = "none"
        self.undo_button.layout.display = None
        self.new_name.value = ""
        self.reload()
        self.who.value = done.new
        said = (ngettext("Merged {n} entry: {old} is now {new}. A backup was kept; Undo puts the names back.",
                         "Merged {n} entries: {old} is now {new}. A backup was kept; Undo puts the names back.",
                         done.count) if done.merged else
                ngettext("Renamed {n} entry: {old} is now {new}. A backup was kept; Undo puts the names back.",
                         "Renamed {n} entries: {old} is now {new}. A backup was kept; Undo puts the names back.",
                         done.count))
        self.status.value = success(said.format(n=done.count, old=f"<bdi>{html.escape(_short(done.old))}</bdi>",
                                                new=f"<bdi>{html.escape(_short(done.new))}</bdi>"))
        return True

    def merge(self, name: str, into: str) -> bool:
        """Merge ``name`` into ``into`` (as offered under "Names that look like one person")."""
        return self.rename(name, into, merge=True)

    def undo(self) -> bool:
        """Put back the names the last rename or merge changed (entries logged since are left alone)."""
        if self._renamed is None:
            return False
        try:
            count = undo_rename(self.journal.path, self._renamed)
        except GhwError as exc:
            self.status.value = problem(_("Could not undo: {problem}").format(problem=html.escape(str(exc))))
            return False
        old = self._renamed.old
        self._renamed = None
        self.undo_button.layout.display = "none"
        self.reload()
        self.who.value = old
        self.status.value = success(ngettext("Undone: {n} entry called {name} again.",
                                             "Undone: {n} entries called {name} again.", count).format(
            n=count, name=f"<bdi>{html.escape(_short(old))}</bdi>"))
        return True

    def save_rhythm(self) -> bool:
        """Save the rhythm typed for the person shown (empty: their usual gap counts again)."""
        return self._save(lambda: set_rhythm(self.home, self.who.value, self.rhythm.value),
                          _("Rhythm saved for {name}.").format(name=self.who.value))

    def save_kind_rhythm(self) -> bool:
        """Save the rhythm typed for the kind of relationship chosen."""
        return self._save(lambda: set_rhythm(self.home, self.kind.value, self.kind_rhythm.value, kind=True),
                          _("Rhythm saved for every {kind}.").format(kind=kind_word(self.kind.value)),
                          needs_person=False)

    def set_private(self, private: bool = True) -> bool:
        """Mark the person shown private (or not)."""
        said = _("{name} is private: never in any export.") if private else _("{name} may appear in exports again.")
        return self._save(lambda: set_private(self.home, self.who.value, private), said.format(name=self.who.value))

    # -- helpers -----------------------------------------------------------

    def _save(self, action, message: str, *, needs_person: bool = True) -> bool:
        if not self._writable() or (needs_person and not self.who.value):
            return False
        try:
            action()
        except GhwError as exc:
            self.status.value = error(exc)
            return False
        chosen = self.who.value
        self.reload()
        self.who.value = chosen
        self.status.value = success(html.escape(message))
        return True

    def _writable(self) -> bool:
        if self.journal.is_sample:
            self.status.value = problem(_("This is the sample; log an entry first, then tidy your own people."))
            return False
        return True

    def _picked(self, change) -> None:
        if not self._quiet and change["new"]:
            self.show(change["new"])

    def _private_changed(self, change) -> None:
        if not self._quiet and self.who.value and not self.set_private(change["new"]):
            self._quiet = True
            self.private.value = change["old"]
            self._quiet = False

    def _due_html(self) -> str:
        if self.overdue.empty:
            return "<p><i>" + _("Nobody is due now.") + "</i></p>"
        items = "".join("<li>" + _("{name} ({kind}): {due}").format(
            name=f"<b><bdi>{html.escape(_short(r.person))}</bdi></b>", kind=html.escape(kind_word(r.relationship)),
            due=html.escape(due_words(r))) + "</li>" for r in self.overdue.itertuples(index=False))
        if programme.quiet(self.path, today=self.today):  # the programme's rest week: set aside, one tap away
            return ("<p><i>" + _("Rest week: who is due is set aside until the 28th.") + "</i></p><details><summary>"
                    + _("Show it anyway") + f"</summary><ul>{items}</ul></details>")
        return f"<ul>{items}</ul>"

    def _table_html(self) -> str:
        """Everyone as cards, one a person: a grid that is one column on a phone, so nothing scrolls sideways."""
        if self.ledger.empty:
            return "<p><i>" + _("No named people yet.") + "</i></p>"
        cards = []
        for r in self.ledger.itertuples(index=False):
            gap = "" if pd.isna(r.usual_gap) or r.days < MIN_CONTACTS else vocabulary.days(r.usual_gap)
            trend = vocabulary.BALANCE["trend"].get(r.trend, "") if isinstance(r.trend, str) else ""
            felt = "" if pd.isna(r.quality) else _("{mean:.1f} of 5 {trend}").format(mean=r.quality, trend=trend).strip()
            reach = vocabulary.BALANCE["reaching"].get(r.reaching, "") if isinstance(r.reaching, str) else ""
            support = vocabulary.BALANCE["support"].get(r.support_balance, "") if isinstance(r.support_balance, str) \
                else ""
            rhythm = " · ".join(word for word in (rhythm_words(r.every) if isinstance(r.every, str) else "",
                                                  _("private") if r.private else "") if word)
            facts = [(_("Last contact"), str(r.last_contact.date())), (_("Contacts"), str(r.contacts)),
                     (_("Usual gap"), gap), (_("Rhythm"), rhythm), (_("How connected"), felt),
                     (_("Who reached out"), reach), (_("Support"), support)]
            rows = "".join(f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in facts if value)
            cards.append(f"<li class='ghw-card ghw-person-card'><b><bdi title='{html.escape(r.person, quote=True)}'>"
                         f"{html.escape(_short(r.person))}</bdi></b> <small>{html.escape(kind_word(r.relationship))}</small>"
                         f"<dl>{rows}</dl></li>")
        everyone = html.escape(_("Everyone"), quote=True)
        return f"<ul class='ghw-people-cards' aria-label='{everyone}'>{''.join(cards)}</ul>"

    def _tidy_rows(self) -> list:
        if self.alike.empty:
            return [widgets.HTML("<i>" + _("No names look alike.") + "</i>")]
        rows = []
        for r in self.alike.itertuples(index=False):
            button = widgets.Button(description=_("Merge"), layout=widgets.Layout(width="80px"))
            button.add_class("ghw-people-merge")
            button.on_click(lambda _, name=r.name, into=r.into: self.merge(name, into))
            text = _("{name} ({days}) into {into} ({into_days}), {kind}: {why}").format(
                name=f"<b><bdi>{html.escape(_short(repr(r.name)))}</bdi></b>",
                days=ngettext("{n} day", "{n} days", r.days).format(n=r.days),
                into=f"<b><bdi>{html.escape(_short(repr(r.into)))}</bdi></b>",
                into_days=ngettext("{n} day", "{n} days", r.into_days).format(n=r.into_days),
                kind=html.escape(kind_word(r.relationship)), why=html.escape(r.why))
            rows.append(widgets.HBox([button, widgets.HTML(text)]))
        return rows


def _short(name: str) -> str:
    return name if len(name) <= _SHOWN else name[:_SHOWN - 1] + "…"


def _own_rhythm(settings: pd.DataFrame | None, name: str) -> str | None:
    if settings is None or settings.empty:
        return None
    mine = settings.loc[settings["person"].map(lambda p: isinstance(p, str) and key(p) == key(name))]
    return mine["every"].iat[0] if len(mine) and isinstance(mine["every"].iat[0], str) else None

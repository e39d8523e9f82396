"""The import page: a Daylio export brought in without a terminal, its moods and activities said in two tables.

The page is a face over the same files as ``ghw import daylio``: the
uploaded export is kept as ``imports/daylio.csv`` beside the journal, and
its maps as ``imports/daylio.moods.csv`` and ``imports/daylio.activities.csv``
(the files :func:`ghw.importers.map_paths` names), so what the person set on
the page is there the next time, for a newer export too, and can be read
or edited in any spreadsheet.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import importers, paths, schema, storage, vocabulary
from ..errors import GhwError, ValidationError
from ..i18n import _, ngettext
from ..importers import maps, words
from ._messages import error, file_problems, problem, refused, success

__all__ = ["ImportForm", "KIND_WORDS"]

# Each kind of relationship as a person reads it; the journal and the maps keep the code.
KIND_WORDS = {"partner": _("partner"), "child": _("child"), "family": _("family"), "friend": _("friend"),
              "colleague": _("colleague"), "acquaintance": _("acquaintance"), "neighbour": _("neighbour"),
              "community": _("community"), "professional": _("professional"), "stranger": _("stranger"),
              "other": _("other")}
_KINDS = [("—", ""), *[(KIND_WORDS[kind], kind) for kind in schema.RELATIONSHIPS]]
_MOODS = [("—", ""), *[(str(n), str(n)) for n in range(schema.MOOD_RANGE[0], schema.MOOD_RANGE[1] + 1)]]
_STYLE = {"description_width": "200px"}
_SHOWN = 12  # rows of the preview table


class _Activity:
    """One row of the activities table: the kind of relationship, a name, and ghw's suggestion if it has one."""

    def __init__(self, name: str, count: int, relationship: str, person: str, suggestion: tuple[str, str]):
        self.name, self.count, self.suggestion = name, count, suggestion
        self.relationship = widgets.Dropdown(description=f"{name} ({count})", options=_KINDS,
                                             value=relationship if relationship in schema.RELATIONSHIPS else "",
                                             style=_STYLE, layout=widgets.Layout(width="360px"))
        self.relationship.tooltip = _("{activity}: the kind of relationship, or — when it was not time with "
                                      "someone").format(activity=name)
        self.person = widgets.Text(description=_("Name"), value=person, placeholder=_("optional"),
                                   tooltip=_("{activity}: who it was with (optional)").format(activity=name),
                                   style={"description_width": "50px"}, layout=widgets.Layout(width="240px"))
        self.person.continuous_update = False
        self.hint = widgets.HTML()
        self.use_button = widgets.Button(description=_("Use"),
                                         tooltip=_("Use the suggestion for {activity}").format(activity=name),
                                         layout=widgets.Layout(width="60px"))
        self.no_button = widgets.Button(description=_("No"),
                                        tooltip=_("Put the suggestion for {activity} away").format(activity=name),
                                        layout=widgets.Layout(width="60px"))
        self.relationship.add_class("ghw-import-kind")
        self.person.add_class("ghw-import-name")
        self.use_button.add_class("ghw-import-use")
        self.no_button.add_class("ghw-import-no")
        self.use_button.on_click(lambda _: self.use())
        self.no_button.on_click(lambda _: self.dismiss())
        self.box = widgets.HBox([self.relationship, self.person, self.hint, self.use_button, self.no_button])
        self.box.add_class("ghw-import-activity")
        self._show_hint()

    @property
    def pending(self) -> bool:
        """Whether a suggestion is shown and neither taken nor put away, and the row is otherwise empty."""
        return any(self.suggestion) and not self.relationship.value and not self.person.value.strip()

    def use(self) -> None:
        """Take the suggestion: its kind (and its name) fill the row."""
        kind, person = self.suggestion
        if kind:
            self.relationship.value = kind
        if person:
            self.person.value = person
        self.suggestion = ("", "")
        self._show_hint()

    def dismiss(self) -> None:
        """Put the suggestion away: the row stays as it is (empty: not a connection)."""
        self.suggestion = ("", "")
        self._show_hint()

    def row(self) -> dict[str, str]:
        """The row as the map file writes it: a pending suggestion keeps its '?'."""
        if self.pending:
            kind, person = self.suggestion
            return {"activity": self.name, "count": str(self.count), "relationship": kind + maps.MARK if kind else "",
                    "person": person + maps.MARK if person else ""}
        return {"activity": self.name, "count": str(self.count), "relationship": self.relationship.value,
                "person": self.person.value.strip()}

    def _show_hint(self) -> None:
        kind, person = self.suggestion
        shown = any(self.suggestion)
        guess = " · ".join(html.escape(part) for part in (KIND_WORDS.get(kind, kind), person) if part)
        self.hint.value = ("<small>" + _("Suggested: {guess}").format(guess=f"<bdi>{guess}</bdi>") + "</small>"
                           if shown else "")
        for part in (self.hint, self.use_button, self.no_button):
            part.layout.display = None if shown else "none"


class ImportForm(widgets.VBox):
    """Bring a Daylio export into the journal: upload it, say what its moods and activities mean, preview, import.

    Plain methods do what the controls do: :meth:`load` (what an upload
    calls), :meth:`use_suggestions`, :meth:`preview` and :meth:`run`.
    ``mood_inputs`` and ``activity_rows`` hold the two tables' controls by
    name. Messages appear in ``status``; the preview in ``preview_table``.
    """

    def __init__(self, path=None):
        self.path = Path(paths.journal_path() if path is None else path)
        self.folder = self.path.parent / "imports"
        self.export = self.folder / "daylio.csv"
        self.moods_file, self.activities_file = importers.map_paths(self.export)
        self.contents: importers.Contents | None = None
        self._previewed = False
        self.mood_inputs: dict[str, widgets.Dropdown] = {}
        self.activity_rows: dict[str, _Activity] = {}
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description=_("Choose the export"),
                                         layout=widgets.Layout(width="auto"))
        self.about = widgets.HTML()
        self.moods = widgets.VBox()
        self.activities = widgets.VBox()
        self.use_all_button = widgets.Button(description=_("Use every suggestion"))
        self.preview_button = widgets.Button(description=_("Preview"))
        self.import_button = widgets.Button(description=_("Import"), button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.preview_table = widgets.HTML()
        for name in ("upload", "about", "moods", "activities", "status", "preview_table"):
            getattr(self, name).add_class(f"ghw-import-{name.replace('_', '-')}")
        self.use_all_button.add_class("ghw-import-use-all")
        self.preview_button.add_class("ghw-import-preview")
        self.import_button.add_class("ghw-import-go")
        self.upload.observe(self._uploaded, names="value")
        self.use_all_button.on_click(lambda _: self.use_suggestions())
        self.preview_button.on_click(lambda _: self.preview())
        self.import_button.on_click(lambda _: self.run())
        self.steps = widgets.VBox([
            widgets.HTML("<h3>" + _("2. What each mood is worth") + "</h3><small>" + _(
                "From 0 (worst) to 10 (best). Daylio's five moods come filled in; give your own ones a number.")
                + "</small>"), self.moods,
            widgets.HTML("<h3>" + _("3. Which activities were time with someone") + "</h3><small>" + _(
                "Daylio keeps activities, not people. Choose the kind of relationship of each activity that was time "
                "with someone (and a name, if you like); leave the others at —. Suggestions are only guesses: nothing "
                "is used until you say so.") + "</small>"), self.use_all_button, self.activities,
            widgets.HTML("<h3>" + _("4. Import") + "</h3><small>" + _(
                "Importing again later adds only what is new, and brings up to date the entries you have not changed "
                "in ghw. A backup is kept first.") + "</small>"),
            widgets.HBox([self.preview_button, self.import_button]),
        ])
        self.steps.layout.display = "none"
        super().__init__([
            widgets.HTML("<h2>" + _("Bring in your Daylio history") + "</h2><p>" + _(
                "In Daylio: <i>More → Export entries → CSV</i>; copy the file to this computer.") + "</p><h3>"
                + _("1. The export") + "</h3>"),
            self.upload, self.about, self.steps, self.status, self.preview_table,
        ])
        self.add_class("ghw-import")
        if self.export.is_file():  # an export uploaded before, with the maps set for it
            self._show()

    # -- actions ---------------------------------------------------------

    def load(self, name: str, content: bytes) -> bool:
        """Keep an uploaded export as ``imports/daylio.csv`` and show its tables; say whether it could be read."""
        try:
            self.folder.mkdir(parents=self.path.parent == paths.journal_path().parent, exist_ok=True)
            storage.check_path(self.export)
            previous = self.export.read_bytes() if self.export.is_file() else None
            storage.replace(self.export, content, backup=False)
            try:
                importers.contents(self.export)
            except GhwError:
                if previous is None:
                    self.export.unlink()
                else:
                    storage.replace(self.export, previous, backup=False)
                raise
        except (GhwError, OSError) as exc:
            self.status.value = problem(html.escape(_("{file} could not be read: {problem}").format(
                file=name, problem=str(exc).replace(str(self.export), name))))
            return False
        self._show(name)
        return True

    def use_suggestions(self) -> int:
        """Take every suggestion still shown; return how many."""
        pending = [row for row in self.activity_rows.values() if row.pending]
        for row in pending:
            row.use()
        self.use_all_button.layout.display = "none"
        return len(pending)

    def preview(self) -> importers.Imported | None:
        """Show what the import would do with the tables as they are, writing nothing."""
        return self._import(dry_run=True)

    def run(self) -> importers.Imported | None:
        """Save both tables to their files, then import; show what was done."""
        return self._import(dry_run=False)

    def reload(self) -> None:
        """On coming back to the page: the tables keep what was set on them; a preview, which the journal may have
        outdated since, is cleared."""
        if self._previewed:
            self.status.value = self.preview_table.value = ""
            self._previewed = False

    def moods_map(self) -> dict[str, int]:
        """The moods table: name -> number, for the names given one."""
        return {name: int(box.value) for name, box in self.mood_inputs.items() if box.value != ""}

    def activities_map(self) -> pd.DataFrame:
        """The activities table as the map file holds it (``activity``, ``count``, ``relationship``, ``person``)."""
        return pd.DataFrame([row.row() for row in self.activity_rows.values()], columns=list(maps.ACTIVITY_COLUMNS),
                            dtype="str")

    # -- inside ----------------------------------------------------------

    def _uploaded(self, change) -> None:
        if change["new"]:
            upload = change["new"][0]
            self.load(upload["name"], bytes(upload["content"]))

    def _show(self, name: str | None = None) -> None:
        """Read the kept export and fill both tables: from the map files where they say something, else guesses."""
        notes = []
        try:
            self.contents = importers.contents(self.export)
        except GhwError as exc:
            self.status.value = error(exc)
            return
        held = self.contents
        entries = ngettext("{n} entry", "{n} entries", held.entries).format(n=held.entries)
        if held.first:
            entries = _("{entries}, from {first} to {last}").format(entries=entries, first=held.first, last=held.last)
        said = _("{export}: {entries}, {moods}, {activities}.").format(
            export=name or _("The export you chose before"), entries=entries,
            moods=ngettext("{n} mood", "{n} moods", len(held.moods)).format(n=len(held.moods)),
            activities=ngettext("{n} activity", "{n} activities", len(held.activities)).format(
                n=len(held.activities)))
        self.about.value = f"<p>{html.escape(said)}</p>"
        moods = self._read(self.moods_file, importers.read_mood_map, {}, notes)
        known = {k.casefold(): v for k, v in {**importers.DEFAULT_MOODS, **moods}.items()}
        self.mood_inputs = {}
        for mood, n in held.moods.most_common():
            value = known.get(mood.casefold())
            box = widgets.Dropdown(description=f"{mood} ({n})", options=_MOODS, style=_STYLE,
                                   value="" if value is None else str(value), layout=widgets.Layout(width="300px"))
            box.add_class("ghw-import-mood")
            self.mood_inputs[mood] = box
        self.moods.children = tuple(self.mood_inputs.values())
        table = self._read(self.activities_file, maps.read_activity_table, None, notes)
        said = {} if table is None else {r.activity.casefold(): r for r in table.itertuples(index=False)}
        guesses = maps.activity_template(held.activities).set_index("activity")
        self.activity_rows = {}
        for activity, n in held.activities.most_common():
            row = said.get(activity.casefold())
            if row is not None and row.status == "connection":
                self.activity_rows[activity] = _Activity(activity, n, row.relationship, row.person, ("", ""))
            elif row is not None and row.status == "none":
                self.activity_rows[activity] = _Activity(activity, n, "", "", ("", ""))
            else:
                guess = guesses.loc[activity] if row is None else pd.Series(row._asdict())
                suggestion = (guess["relationship"].rstrip(maps.MARK), guess["person"].rstrip(maps.MARK))
                self.activity_rows[activity] = _Activity(activity, n, "", "", suggestion)
        self.activities.children = tuple(row.box for row in self.activity_rows.values())
        self.use_all_button.layout.display = None if any(r.pending for r in self.activity_rows.values()) else "none"
        self.steps.layout.display = None
        self.status.value = "".join(notes)
        self.preview_table.value = ""

    def _read(self, path: Path, reader, otherwise, notes: list[str]):
        """What the map file at ``path`` says (``reader(path)``), or ``otherwise`` when it is missing, or, with a note,
        when it cannot be read."""
        if not path.exists():
            return otherwise
        try:
            return reader(path)
        except GhwError as exc:
            notes.append(file_problems(str(exc) + "\n" + _(
                "The table below starts from ghw's guesses instead; importing saves it over that file (a backup is "
                "kept).")))
            return otherwise

    def _import(self, *, dry_run: bool) -> importers.Imported | None:
        if self.contents is None:
            self.status.value = problem(html.escape(_("Choose your Daylio export first.")))
            return None
        missing = [name for name, box in self.mood_inputs.items() if box.value == ""]
        if missing:
            listed = ", ".join(f"<bdi>{html.escape(n)}</bdi>" for n in missing)
            self.status.value = problem(_("Give each mood a number first: {moods}.").format(moods=listed))
            return None
        try:
            table = self._checked()
            if not dry_run:
                self._save()
            done = importers.import_daylio(self.export, journal=self.path, moods=self.moods_map(), activities=table,
                                           dry_run=dry_run)
        except GhwError as exc:
            self.status.value = refused(exc, _("Not imported"))
            return None
        lines = words.merged(done.merged, self.path, dry_run=dry_run, earlier=done.earlier)
        lines += words.activities(done, dry_run=dry_run, next_step=_(
            "Choose in the table of activities the kind of relationship of each activity that was time with "
            "someone, then import again."), confirm=(_("press Use beside it to take it"),
                                                      _("press Use beside one to take it")))
        text = "<br>".join(html.escape(line) for line in lines)
        self.status.value = text if dry_run else success(text)
        self.preview_table.value = _table(done.merged.added) if dry_run else ""
        self._previewed = dry_run
        return done

    def _checked(self) -> pd.DataFrame:
        """The activities table read as a map; a problem names the activities, as the page shows no line numbers."""
        table = self.activities_map()
        try:
            return maps.check_activities(table)
        except ValidationError as exc:
            names = [table["activity"].iat[int(line) - 2] for line in exc.problems["line"]]
            raise GhwError(ngettext("choose the kind of relationship of {activities} as well, or clear its name.",
                                    "choose the kind of relationship of {activities} as well, or clear their name.",
                                    len(names)).format(activities=_listed(names))) from None

    def _save(self) -> None:
        """Write both tables to their files (after a backup of what was there), so that nothing set here is lost.

        Rows of the files for moods or activities this export lacks (an
        older export had them) are kept as they are.
        """
        moods = maps.mood_template(Counter(self.contents.moods), self.moods_map())
        activities = self.activities_map()
        moods = pd.concat([moods, _others(self.moods_file, "name", set(moods["name"]))], ignore_index=True)
        activities = pd.concat([activities, _others(self.activities_file, "activity", set(activities["activity"]))],
                               ignore_index=True)
        for path, table in ((self.moods_file, moods), (self.activities_file, activities)):
            text = table.to_csv(index=False, lineterminator="\n")
            if not path.is_file() or path.read_text(encoding="utf-8-sig") != text:
                with storage.locked(path):
                    storage.replace(path, text, backup=path.is_file())


def _listed(names: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else _("{items} and {last}").format(items=", ".join(names[:-1]), last=names[-1])


def _others(path: Path, key: str, shown: set[str]) -> pd.DataFrame:
    """The rows of a map file whose ``key`` is none of ``shown`` (matched ignoring case), as text."""
    try:
        table = importers.read_table(path, "map") if path.is_file() else pd.DataFrame(columns=[key], dtype="str")
    except GhwError:
        return pd.DataFrame(columns=[key], dtype="str")
    table.columns = [c.casefold() for c in table.columns]
    if key not in table.columns:
        return pd.DataFrame(columns=[key], dtype="str")
    known = {name.strip().casefold() for name in shown}
    return table.loc[~table[key].str.strip().str.casefold().isin(known)]


def _table(added: pd.DataFrame) -> str:
    """The first rows the import would add, as a small table (a wide one scrolls on a phone), headed and its kinds
    of relationship said in words."""
    if added.empty:
        return ""
    columns = ("date", "time", "mood", "person", "relationship", "note")
    shown = added.head(_SHOWN).assign(relationship=lambda t: t["relationship"].map(lambda k: KIND_WORDS.get(k, k)))
    head = "".join(f"<th>{html.escape(vocabulary.label(c))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td><bdi>{html.escape(str(r[c]).replace(chr(10), ' / ')[:60])}</bdi></td>"
                         for c in columns) + "</tr>"
        for r in shown.to_dict("records"))
    more = ("<p><small>" + _("… and {n} more.").format(n=len(added) - _SHOWN) + "</small></p>"
            if len(added) > _SHOWN else "")
    return ("<div class='ghw-scroll' style='overflow-x:auto'><table><caption>" + _("The first entries to be added")
            + f"</caption><tr>{head}</tr>{rows}</table></div>{more}")

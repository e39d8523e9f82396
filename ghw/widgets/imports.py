"""The Import tab: every importer of the registry, each with its page; one built from its options where it has none.

The page of an importer without one of its own is a face over the same
call as ``ghw import NAME FILE --OPTION …``: each file chosen on it is kept
beside the journal as ``imports/NAME.csv`` (the file) and
``imports/NAME.OPTION.csv`` (a map, say), so that what was chosen is there
the next time and can be read or edited in any spreadsheet.
"""

from __future__ import annotations

import html
from importlib import import_module
from pathlib import Path

import ipywidgets as widgets

from .. import paths, storage
from ..errors import GhwError
from ..i18n import _
from ..importers import IMPORTERS, Importer, words
from ._messages import problem, refused, success
from .daylio import _listed, _table

__all__ = ["ImportPage", "ImportFileForm"]


class ImportPage(widgets.VBox):
    """Choose where the history comes from (the registry's importers), then bring it in on that importer's page.

    An importer with a page of its own (Daylio's, with its two tables) shows
    it; any other shows an :class:`ImportFileForm`. A page is built the first
    time its source is chosen. :meth:`choose` does what the buttons do.
    """

    def __init__(self, path=None):
        self.path = path
        self.pages: dict[str, widgets.Widget] = {}
        self.source = widgets.ToggleButtons(options=[(i.label, name) for name, i in IMPORTERS.items()],
                                            description=_("From"), style={"button_width": "auto"})
        self.source.add_class("ghw-import-source")
        self.body = widgets.VBox()
        self.source.observe(lambda change: self.choose(change["new"]), names="value")
        super().__init__([self.source, self.body])
        self.add_class("ghw-import-page")
        self.choose(self.source.value)

    def choose(self, name: str) -> widgets.Widget:
        """Show the page of the importer ``name`` (building it the first time) and return it."""
        if self.source.value != name:
            self.source.value = name  # comes back here through observe
            return self.pages[name]
        if name not in self.pages:
            importer = IMPORTERS[name]
            if importer.page:
                module, _, cls = importer.page.partition(":")
                self.pages[name] = getattr(import_module(module), cls)(self.path)
            else:
                self.pages[name] = ImportFileForm(importer, self.path)
        self.body.children = (self.pages[name],)
        return self.pages[name]

    @property
    def form(self) -> widgets.Widget:
        """The page shown."""
        return self.pages[self.source.value]

    def reload(self) -> None:
        """On coming back to the tab: the page shown reloads as it would on its own."""
        self.form.reload()


class ImportFileForm(widgets.VBox):
    """Bring in a file through an importer that has no page of its own: the file, each option it takes, preview, go.

    Plain methods do what the controls do: :meth:`load` (what an upload
    calls), :meth:`preview` and :meth:`run`; ``texts`` holds the fields of
    options that are words (a date format). Messages appear in ``status``,
    the first rows a preview would add in ``preview_table``.
    """

    def __init__(self, importer: Importer, path=None):
        self.importer = importer
        self.path = Path(paths.journal_path() if path is None else path)
        self.folder = self.path.parent / "imports"
        chosen = [("file", _("The file"), importer.file_help)] + [(o.name, o.label, o.help) for o in importer.options
                                                               if o.file]
        self.files = {name: self.folder / (f"{importer.name}.csv" if name == "file" else
                                           f"{importer.name}.{name}.csv") for name, _, _ in chosen}
        self.names: dict[str, str] = {}  # the name each kept file had when chosen, to say it in messages
        self.kept = {name: widgets.HTML() for name, _, _ in chosen}
        rows = []
        for name, label, words_ in chosen:
            upload = widgets.FileUpload(accept=".csv", multiple=False, description=_("Choose: {what}").format(what=label.lower()),
                                        layout=widgets.Layout(width="auto"))
            upload.add_class(f"ghw-import-{importer.name}-{name.replace('_', '-')}")
            upload.observe(lambda change, name=name: self._uploaded(name, change), names="value")
            if self.files[name].is_file():
                self.kept[name].value = "<small>" + _("Kept from before.") + "</small>"
            rows.append(widgets.VBox([widgets.HTML(f"<b>{html.escape(label)}</b>: {html.escape(words_)}"),
                                      widgets.HBox([upload, self.kept[name]])]))
        self.texts = {o.name: widgets.Text(description=o.label, placeholder=o.help, style={"description_width": "initial"},
                                           layout=widgets.Layout(width="auto"))
                      for o in importer.options if not o.file}
        self.preview_button = widgets.Button(description=_("Preview"))
        self.import_button = widgets.Button(description=_("Import"), button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.preview_table = widgets.HTML()
        self.preview_button.add_class("ghw-import-preview")
        self.import_button.add_class("ghw-import-go")
        self.status.add_class("ghw-import-status")
        self.preview_table.add_class("ghw-import-preview-table")
        self.preview_button.on_click(lambda _: self.preview())
        self.import_button.on_click(lambda _: self.run())
        super().__init__([
            widgets.HTML("<h2>" + html.escape(_("Bring in {source}").format(source=importer.help)) + "</h2><p>"
                         + html.escape(importer.about) + "</p>"),
            *rows, *self.texts.values(),
            widgets.HTML("<small>" + _("Importing again later adds only what is new, and brings up to date the entries "
                                       "you have not changed in ghw. A backup is kept first.") + "</small>"),
            widgets.HBox([self.preview_button, self.import_button]), self.status, self.preview_table,
        ])
        self.add_class("ghw-import-file")

    def load(self, name: str, filename: str, content: bytes) -> bool:
        """Keep an uploaded file as the file (``name`` ``"file"``) or the option ``name``; say whether it was kept."""
        target = self.files[name]
        try:
            self.folder.mkdir(parents=self.path.parent == paths.journal_path().parent, exist_ok=True)
            storage.check_path(target)
            storage.replace(target, content, backup=False)
        except (GhwError, OSError) as exc:
            self.status.value = problem(html.escape(_("{file} could not be kept: {problem}").format(
                file=filename, problem=exc)))
            return False
        self.names[name] = filename
        self.kept[name].value = ("<small>" + _("Kept: {file}").format(file=f"<bdi>{html.escape(filename)}</bdi>")
                                 + "</small>")
        self.status.value = self.preview_table.value = ""
        return True

    def preview(self):
        """Say what the import would do with the files and fields as they are, writing nothing."""
        return self._import(dry_run=True)

    def run(self):
        """Import; say what was done."""
        return self._import(dry_run=False)

    def reload(self) -> None:
        """On coming back to the page: a preview, which the journal may have outdated since, is cleared."""
        self.status.value = self.preview_table.value = ""

    def _uploaded(self, name: str, change) -> None:
        if change["new"]:
            upload = change["new"][0]
            self.load(name, upload["name"], bytes(upload["content"]))

    def _import(self, *, dry_run: bool):
        options = {o.name: (self.files[o.name] if self.files[o.name].is_file() else None) if o.file
                   else (self.texts[o.name].value.strip() or None) for o in self.importer.options}
        missing = [_("the file")] * (not self.files["file"].is_file()) + [
            o.label.lower() for o in self.importer.options if o.required and options[o.name] is None]
        if missing:
            self.status.value = problem(html.escape(_("Choose {what} first.").format(what=_listed(missing))))
            return None
        try:
            done = self.importer.run(self.files["file"], journal=self.path, dry_run=dry_run, **options)
        except (GhwError, OSError) as exc:
            self.status.value = refused(GhwError(self._named(str(exc))), _("Not imported"))
            return None
        lines = words.merged(done.merged, self.path, dry_run=dry_run, earlier=done.earlier)
        lines += self.importer.say(done, dry_run=dry_run, next_step=_("choose the files again above and import again."))
        text = "<br>".join(html.escape(line) for line in lines)
        self.status.value = text if dry_run else success(text)
        self.preview_table.value = _table(done.merged.added) if dry_run else ""
        return done

    def _named(self, text: str) -> str:
        """A message with each kept file called by the name it had when chosen."""
        for name, filename in self.names.items():
            text = text.replace(str(self.files[name]), filename)
        return text

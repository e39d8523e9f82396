"""Everything ghw shows a person, rendered in the language of ``GHW_LANG``, as text: ``python i18n_surfaces.py OUT``.

Writes ``OUT`` as JSON: one entry per surface (a tab of the app, a finding's
sentences and chart, an export, a command's help or output) holding every
piece of text a person can read there, widget labels, tooltips and chart
labels included. ``tests/i18n/test_i18n.py`` runs it under the pseudo-language
and looks for words that were never translated.

The journal is the sample year with every name, activity and note in the
pseudo-language too, so that what the person typed never reads as
untranslated English. Codes kept in the file (kinds of relationship,
channels) stay as they are and must be shown in words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

SURFACES: dict[str, list[str]] = {}
WRITTEN: list[str] = []  # the journal's row written through the form, which must not depend on the language
TODAY = dt.date(2026, 11, 2)


def say(surface: str, *texts) -> None:
    """Keep ``texts`` as read on ``surface``."""
    SURFACES.setdefault(surface, []).extend(str(text) for text in texts if text is not None and str(text).strip())


_ATTRIBUTES = re.compile(r"""\b(?:aria-label|title|alt|placeholder)\s*=\s*(["'])(.*?)\1""", re.S)


def readable(markup: str) -> str:
    """What a person reads in ``markup``: its text, and the labels, titles and alternatives of its elements."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    markup = re.sub(r"<div class='ghw-cited'.*?</div>", " ", markup, flags=re.S)  # works cited as published
    labels = [value for _, value in _ATTRIBUTES.findall(markup)]
    text = re.sub(r"<[^>]+>", " ", markup)
    return html.unescape(" ".join([text, *labels]))


def widget_texts(widget, seen=None) -> list[str]:
    """Every piece of text a widget tree shows: descriptions, values of text widgets, options, titles, tooltips,
    placeholders, the outputs of output areas, and the text traits of custom (anywidget) views."""
    import ipywidgets as widgets

    seen = seen if seen is not None else set()
    if id(widget) in seen:
        return []
    seen.add(id(widget))
    out = []
    for trait in ("description", "tooltip", "placeholder"):
        value = getattr(widget, trait, None)
        if isinstance(value, str):
            out.append(value)
    if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
        out.append(readable(widget.value))
    elif isinstance(widget, (widgets.Label, widgets.Text, widgets.Textarea)) and isinstance(widget.value, str):
        out.append(widget.value)
    if hasattr(widget, "_options_labels"):
        out.extend(widget._options_labels)
    if hasattr(widget, "titles"):
        out.extend(title for title in widget.titles if title)
    if isinstance(widget, widgets.Output):
        for output in widget.outputs:
            data = output.get("data", {})
            if "text/html" in data:
                out.append(readable(data["text/html"]))
            elif "text/plain" in data and "image/png" not in data:
                out.append(data["text/plain"])
            if output.get("text"):
                out.append(output["text"])
    if type(widget).__module__.startswith("ghw"):  # a view of ghw's own: its text traits
        for name in widget.trait_names():
            if name.startswith("_") or name in ("layout", "style", "value", "keys", "comm", "log", "tabbable"):
                continue
            value = getattr(widget, name)
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, (list, tuple)):
                out.extend(readable(v) if "<" in v else v for v in value if isinstance(v, str))
    for child in getattr(widget, "children", ()):
        out.extend(widget_texts(child, seen))
    return out


def figure_texts(fig) -> list[str]:
    """Every text drawn on a matplotlib figure: titles, labels, ticks, legends, annotations."""
    from matplotlib.text import Text

    return [text.get_text() for text in fig.findobj(Text) if text.get_visible() and text.get_text().strip()]


def pseudo_journal(folder: Path) -> Path:
    """The sample year, its names, activities and notes in the pseudo-language (see the module's docstring)."""
    from ghw import journal, sample
    from ghw.i18n import pseudo

    entries = sample.generate(365, seed=3, end=TODAY - dt.timedelta(days=1))
    for column in ("person", "activity", "note"):
        entries[column] = entries[column].map(lambda v: pseudo(v) if isinstance(v, str) else v)
    path = folder / "journal.csv"
    journal.create(path, entries)
    return path


def command(*args, stdin: str = "") -> str:
    """What ``ghw ARGS`` prints, out and err."""
    from ghw import cli

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main([str(a) for a in args])
            except SystemExit:
                pass
    finally:
        sys.stdin = saved
    return out.getvalue() + "\n" + err.getvalue()


def app_tabs(path: Path) -> None:
    from ghw.widgets.app import TABS, App

    app = App(path)
    for index, (title, _) in enumerate(TABS):
        app.selected_index = index
        say(f"tab {title}", *widget_texts(app.children[index]))
    say("tabs", *app.titles)
    form = app.log_form
    form.save_button.click()  # nothing chosen: the form says what to choose
    say("tab Log after Save", *widget_texts(form))
    form.mood.value = 6
    form.save()
    say("tab Log after Save", *widget_texts(form))
    WRITTEN.append(path.read_text(encoding="utf-8").splitlines()[-1])


def findings_and_charts(path: Path) -> None:
    import matplotlib.pyplot as plt

    from ghw import digest, findings, journal

    data = findings.Data(journal.load(path))
    results = findings.compute(data)
    for name, finding in findings.FINDINGS.items():
        say(f"finding {name}", finding.title, finding.intro, finding.explain(results[name], data))
        fig, ax = plt.subplots()
        finding.plot(results[name], data, ax)
        say(f"chart {name}", *figure_texts(fig))
        plt.close(fig)
    table = digest.digest(data, results)
    say("digest", *digest.lines(table), *(digest.how_sure(row) for _, row in table.iterrows()))


def summaries_and_exports(path: Path) -> None:
    from ghw import exports, summary
    from ghw.folder import JournalFolder

    report = summary.of(JournalFolder(path), "2026-10")
    say("summary", str(report))
    for name, export in exports.EXPORTS.items():
        data = export.write(report)
        say(f"export {name} preview", exports.preview(report, name))
        if name == "pdf":
            from pypdf import PdfReader

            say(f"export {name}", *(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
        else:
            text = data.decode("utf-8")
            say(f"export {name}", readable(text) if name == "html" else text)


def command_line(path: Path) -> None:
    from ghw.cli import parser

    def every_parser(made, name="ghw"):
        yield name, made
        for action in made._actions:
            for sub, child in getattr(action, "choices", None).items() if hasattr(action, "_name_parser_map") else ():
                yield from every_parser(child, f"{name} {sub}")

    for name, made in every_parser(parser()):
        say(f"help {name}", made.format_help())
    for args in (("summary", "--journal", path, "--month", "2026-10"), ("reflect", "--journal", path),
                 ("people", "--journal", path), ("log", "--journal", path, "--mood", "11"),
                 ("summary", "--journal", path.parent / "missing.csv")):
        say("command " + " ".join(map(str, args[:1])), command(*args))


def lessons() -> None:
    from ghw.lessons import LESSONS, to_text

    for lesson in LESSONS.values():
        say(f"lesson {lesson.name}", lesson.title, lesson.prompt, lesson.practice, lesson.act, to_text(lesson.body))


def main(out: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GHW_JOURNAL"] = str(Path(folder) / "journal.csv")
        path = pseudo_journal(Path(folder))
        for render in (app_tabs, findings_and_charts, summaries_and_exports, command_line):
            render(path)
        lessons()
    Path(out).write_text(json.dumps({"surfaces": SURFACES, "written": WRITTEN}, ensure_ascii=False, indent=1),
                         encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

"""One catalogue for every word: the template is current, and under the pseudo-language nothing reads as English.

``i18n_surfaces.py`` renders every tab of the app, every finding's sentence
and chart, the summary and every export, the help of every command and the
output of the common ones, and every lesson, in ``en_XA`` (see
:mod:`ghw.i18n`). Any run of plain ASCII letters left in that text is a
sentence that never went through the catalogue, unless it is one of the few
things that are not words to translate, listed in ``_NOT_WORDS`` with why.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import get_day_names, get_month_names

from ghw import i18n, schema
from ghw.i18n.extract import write_template
from ghw.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[2]
# One worker renders the surfaces once for every group, rather than each worker once.
pytestmark = pytest.mark.xdist_group("i18n")

# Text that is not words in a language: the program's name, file formats, units and codes a person types.
_NOT_WORDS = re.compile(
    r"(?m:^(?:UID|DT[A-Z]+)[;:].*$)|(?m:^X-[A-Z-]+)|"  # an iCalendar file's identifiers, dates and property names
    r"https?://\S+|\S+@\S+\.\w+"  # links and addresses
    r"|\S*[/\\]\S*|\S+\.(?:csv|json|md|html|pdf|ics|ipynb|parquet|py|key)\b"  # paths and file names
    r"|(?<![\w-])--?[a-z][\w-]*"  # options as typed
    r"|\b[A-Z][A-Z0-9_]{1,}\b"  # an option's value as its help names it (JOURNAL), and abbreviations of formats
    r"|\bghw\b"
    r"|\b(?=[0-9A-F]*\d)[0-9A-F]{8,}\b|\b[a-z]+\d*-(?=[0-9a-f]*\d)[0-9a-f]{6,}\b"  # a pseudonym's code, an entry's id
)
# Calendar words come from Babel's locale data for the language, not from the catalogue.
_CALENDAR = {word.lower() for names in (get_month_names("wide", locale="en"), get_month_names("abbreviated", locale="en"),
                                         get_day_names("wide", locale="en"), get_day_names("abbreviated", locale="en"))
             for word in names.values()}
# Python's argparse writes these around ghw's own help (its own catalogue has them).
_ARGPARSE = {"usage", "options", "positional", "arguments", "show", "this", "help", "message", "and", "exit",
             "program", "version", "number", "default"}
# The codes a journal file holds, which its error messages and the help quote as they must be typed.
_CODES = {word for values in (schema.COLUMNS, schema.RELATIONSHIPS, schema.CHANNELS, schema.INITIATED_BY,
                              schema.SUPPORT, schema.ALONE, schema.OPTIONAL_COLUMNS) for value in values for word in re.split(r"[_\W]+", value)}



@functools.cache
def _command_line() -> set[str]:
    """The command line's own names, typed as they are: its commands and actions, the choices of its arguments and
    the names of its positional arguments as usage writes them."""
    from ghw.cli import parser

    names = set()

    def walk(made: argparse.ArgumentParser) -> None:
        for action in made._actions:
            if isinstance(action, argparse._SubParsersAction):
                names.update(action.choices)
                for below in action.choices.values():
                    walk(below)
            elif action.choices:
                names.update(map(str, action.choices))
            elif not action.option_strings:
                names.add(action.dest)

    walk(parser())
    return {word for name in names for word in re.findall(r"[a-z]+", name.lower())}


def _published() -> list[str]:
    """The questionnaires' own words, used exactly as published: a translation of them is a published one too."""
    texts = []
    for instrument in INSTRUMENTS.values():
        published = instrument.published
        texts += [published.get("instructions", ""), published.get("timeframe", "")]
        texts += [item["text"] for item in published["items"]]
        texts += [option["label"] for options in published["option_sets"].values() for option in options]
    return sorted((text for text in texts if text), key=len, reverse=True)


GROUPS = ("tab Log", "tab Reflect", "tab People", "tab Check-in", "tab Experiment", "tab Import", "tab This month",
          "tab Plan", "tab Share", "tabs", "finding", "chart", "digest", "summary", "export", "help", "command",
          "lesson")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("i18n") / "surfaces.json"
    env = {**os.environ, "GHW_LANG": i18n.PSEUDO, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, str(Path(__file__).with_name("i18n_surfaces.py")), str(out)], env=env, check=True,
                   timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def untranslated(text: str, *, codes: bool = False) -> list[str]:
    """The words of ``text`` still in plain English letters, each with a little of what is around it."""
    for published in _published():
        text = text.replace(published, " ")
    text = _NOT_WORDS.sub(" ", text)
    allowed = _CALENDAR | _ARGPARSE | (_CODES | _command_line() if codes else set())
    found = []
    for match in re.finditer(r"[A-Za-z]+", text):
        if match.group().lower() not in allowed:
            found.append(text[max(0, match.start() - 25):match.end() + 25].replace("\n", " "))
    return found


@pytest.mark.parametrize("group", GROUPS)
def test_nothing_reads_as_untranslated_english(rendered, group):
    surfaces = {name: texts for name, texts in rendered["surfaces"].items()
                if name == group or name.startswith(group + " ")}
    assert surfaces, f"nothing rendered for {group}"
    left = {name: found for name, texts in surfaces.items()
            # The CSV export holds the journal's own columns and codes: other tools read it (docs/sharing.md).
            if (found := untranslated("\n".join(texts), codes=group in ("help", "command") or name == "export csv"))}
    assert not left, "\n".join(f"{name}: {len(found)} untranslated, e.g. {found[:8]}" for name, found in left.items())


_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
           ast.GeneratorExp)


def _own(scope):
    """The nodes of ``scope`` outside the scopes nested in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def test_no_name_hides_the_translation_function():
    """A scope that binds ``_`` (``entries, _ = …``, ``lambda _: …``) and also calls ``_("…")`` would call the wrong
    thing, or fail on the line that reports a problem: every ``_`` a module binds must be in a scope of its own."""
    found = []
    for path in sorted((ROOT / "ghw").rglob("*.py")):
        for scope in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(scope, _SCOPES):
                continue
            nodes = list(_own(scope))
            arguments = scope.args.args + scope.args.kwonlyargs if isinstance(scope, ast.Lambda | ast.FunctionDef) else []
            binds = any(a.arg == "_" for a in arguments) or any(
                isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in nodes)
            if binds and calls:
                found.append(f"{path.relative_to(ROOT)}:{scope.lineno if hasattr(scope, 'lineno') else 1}")
    assert not found


def test_the_journal_is_written_the_same_in_any_language(rendered):
    """What the form saves holds codes and numbers only: the language never reaches the file."""
    (row,) = rendered["written"]
    assert row.isascii() and ",6," in row


def test_the_pseudo_language_changes_letters_only():
    assert i18n.pseudo("Saved {n} entries to <b>%(file)s</b> &amp; ghw") == "Šàṽéđ {n} éñŧŕîéš ŧö <b>%(file)s</b> &amp; ghw"
    assert i18n.pseudo("a 95% interval") == "à 95% îñŧéŕṽàĺ"  # a per cent sign is not a placeholder


_POLISH = r'''msgid ""
msgstr ""
"Language: pl\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Saved."
msgstr "Zapisano."

msgid "{n} day"
msgid_plural "{n} days"
msgstr[0] "{n} dzień"
msgstr[1] "{n} dni (kilka)"
msgstr[2] "{n} dni"
'''


def test_a_translation_is_one_po_file_with_the_language_s_own_plural_rule(tmp_path, monkeypatch):
    """A ``.po`` file in a language's folder is read as it is, and a number chooses among its forms by its rule."""
    import numpy as np

    monkeypatch.delenv("GHW_LANG", raising=False)
    (tmp_path / "pl").mkdir()
    (tmp_path / "pl" / "ghw.po").write_text(_POLISH, encoding="utf-8")
    try:
        assert i18n.use("pl_PL", folder=tmp_path) == "pl_PL" and i18n.language() == "pl_PL"
        assert i18n._("Saved.") == "Zapisano." and i18n._("Not in the file.") == "Not in the file."
        forms = [i18n.ngettext("{n} day", "{n} days", n).format(n=n) for n in (1, 3, np.int64(5), 22, 1.5)]
        assert forms == ["1 dzień", "3 dni (kilka)", "5 dni", "22 dni (kilka)", "1.5 dni (kilka)"]
        assert i18n.use("xx", folder=tmp_path) == "en" and i18n._("Saved.") == "Saved."  # none for it: English
        monkeypatch.setenv("LANGUAGE", "xx:pl")
        assert i18n.use(folder=tmp_path) == "pl"  # the first language asked for that ghw has
        monkeypatch.setenv("LANGUAGE", "en_GB:pl")
        assert i18n.use(folder=tmp_path) == "en"  # English asked for first
    finally:
        i18n.use("en")


@contextlib.contextmanager
def _speaking(folder, name, po):
    """ghw speaking ``name`` from the ``.po`` text ``po`` (kept in ``folder``), and English again after."""
    (folder / name).mkdir()
    (folder / name / "ghw.po").write_text(po, encoding="utf-8")
    try:
        assert i18n.use(name, folder=folder) == name
        yield
    finally:
        i18n.use("en")


def test_a_chart_s_dates_name_the_months_in_the_language(tmp_path):
    """A time axis says its months as the language does (strftime alone would say them in English)."""
    import matplotlib.pyplot as plt

    from ghw import plots, sample
    from ghw.tables import daily

    entries, _ = schema.validate(sample.generate(200, seed=1, end="2026-10-31"))
    polish = set(get_month_names("abbreviated", "stand-alone", locale="pl").values())
    with _speaking(tmp_path, "pl", _POLISH):
        ax = plots.plot_mood_timeline(daily(entries))
        ax.figure.canvas.draw()
        labels = [tick.get_text() for tick in ax.get_xticklabels()]
        plt.close(ax.figure)
    months = [label for label in labels if not label.isdigit()]
    assert len(months) >= 3 and set(months) <= polish, labels
    assert "cze" in months and "Jun" not in months


_GERMAN = r'''msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "never"
msgstr "nie"

msgid "every week"
msgid_plural "every {n} weeks"
msgstr[0] "jede Woche"
msgstr[1] "alle {n} Wochen"

msgid "every month"
msgid_plural "every {n} months"
msgstr[0] "jeden Monat"
msgstr[1] "alle {n} Monate"
'''


def test_a_rhythm_is_read_as_the_language_says_it(tmp_path):
    """A rhythm typed as ghw's language shows it is understood, and the people file keeps it in English."""
    from ghw.people.file import load_people, parse_rhythm, rhythm_words, set_rhythm

    people = tmp_path / "people.csv"
    with _speaking(tmp_path, "de", _GERMAN):
        assert parse_rhythm("Alle 2  Wochen") == (2, "week") and parse_rhythm("jeden Monat") == (1, "month")
        assert parse_rhythm("Nie") == (0, "never") and parse_rhythm("every 10 days") == (10, "day")
        assert parse_rhythm("alle zwei Wochen") is None
        assert set_rhythm(people, "Zoë", "alle 3 Monate") == "every 3 months"
        assert rhythm_words(load_people(people).iloc[0]["every"]) == "alle 3 Monate"
    assert parse_rhythm("alle 2 Wochen") is None


def test_words_of_crisis_are_heard_in_the_language_and_in_english(tmp_path):
    """A translation lists its own crisis phrases; they show the care note beside the English ones."""
    from ghw import care

    own = f'\nmsgid "{care.CRISIS_PHRASES}"\nmsgstr "nicht mehr leben|mich umbringen|Selbstverletzung"\n'
    said = ["Ich will NICHT  mehr leben.", "manchmal Selbstverletzung", "I want to die", "Ich lebe gern."]
    with _speaking(tmp_path, "de", _GERMAN + own):
        assert [care.mentions_crisis(text) for text in said] == [True, True, True, False]
    assert [care.mentions_crisis(text) for text in said] == [False, False, True, False]


def test_the_language_is_the_one_asked_for(monkeypatch):
    """GHW_LANG first, then the system's variables in gettext's order, without their encoding."""
    for variable in ("GHW_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert i18n._wanted() == ["en"]
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n._wanted() == ["de_DE"]
    monkeypatch.setenv("LANGUAGE", "pt_BR:fr")
    assert i18n._wanted() == ["pt_BR", "fr"]
    monkeypatch.setenv("GHW_LANG", "en_XA.UTF-8@euro")
    assert i18n._wanted() == ["en_XA"]


def test_the_template_is_current(tmp_path):
    """``make catalogue`` was run after the last change to a marked sentence, a lesson or a questionnaire."""
    fresh = tmp_path / "ghw.pot"
    write_template(fresh)
    assert fresh.read_text(encoding="utf-8") == i18n.TEMPLATE.read_text(encoding="utf-8"), "run make catalogue"

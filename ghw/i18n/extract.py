"""The catalogue's template, and Babel extractors for the words outside the code: the lessons, the questionnaires.

``python -m ghw.i18n.extract`` (``make catalogue``) writes
``ghw/i18n/ghw.pot`` from what ``babel.cfg`` names: the code's marked
sentences through Babel's own Python extractor, and the lessons and the
questionnaires' labels through :func:`markdown` and :func:`instrument`. Each
of those yields what Babel expects of an extraction method: ``(line,
function, message, comments)``.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
import tomllib
from pathlib import Path

__all__ = ["write_template", "markdown", "instrument", "blocks", "INSTRUMENT_WORDS"]

ROOT = Path(__file__).resolve().parents[2]

_HEADER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.S)
_SOURCES = "## Sources"
# A block's own mark, kept out of the words: a heading's hashes, a list item's dash or number.
_MARK = re.compile(r"\A(#{1,6} |[-*] |\d+\. )")


def blocks(body: str) -> list[tuple[int, str, str]]:
    """The translatable pieces of a lesson's body, in order: ``(line, mark, words)`` for each heading, paragraph and
    list item, the Sources section left out (its references are cited as published)."""
    body = body.split(_SOURCES)[0]
    found, line = [], 0
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.strip() and not block.startswith("\n"):
            items = re.split(r"\n(?=[-*] |\d+\. )", block.strip())
            for item in items:
                mark = _MARK.match(item)
                found.append((line, mark.group() if mark else "", item[mark.end():] if mark else item))
        line += block.count("\n")
    return found


def markdown(fileobj, keywords, comment_tags, options):
    """A lesson: its header's words (title, prompt, practice) and every block of its read."""
    text = fileobj.read().decode("utf-8")
    header = _HEADER.match(text)
    if header:
        meta = tomllib.loads(header.group(1))
        practice = meta.get("practice", {})
        for words in (meta.get("title"), meta.get("prompt"), practice.get("text"), practice.get("act")):
            if words:
                yield 1, None, words, []
    start = text[:header.end()].count("\n") if header else 0
    for line, _, words in blocks(text[header.end():] if header else text):
        yield start + line + 1, None, words, []


# The fields of a questionnaire's file that are ghw's own words about it; its published items, instructions and
# answers, its version, source, licence and reliability are cited exactly and never translated by ghw.
INSTRUMENT_WORDS = ("title", "label", "short", "about", "scoring", "called")


def instrument(fileobj, keywords, comment_tags, options):
    """A questionnaire's file: the words of :data:`INSTRUMENT_WORDS` at any depth, outside ``published``."""
    def walk(value, key=""):
        if isinstance(value, dict):
            for name, inner in value.items():
                if name not in ("published", "reliability"):
                    yield from walk(inner, name)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner, key)
        elif isinstance(value, str) and key in INSTRUMENT_WORDS and value.strip():
            yield 0, None, value, []

    yield from walk(json.loads(fileobj.read().decode("utf-8")))


def write_template(path: str | Path) -> None:
    """Write the catalogue's template to ``path`` from the source tree ghw runs from (``babel.cfg`` at its root).

    Locations name the file only, and messages are sorted, so that the template changes only when words do.
    """
    from babel.messages.frontend import CommandLineInterface

    path = Path(path).resolve()
    with contextlib.chdir(ROOT):  # locations relative to the tree, the same on every machine
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(path),
                                    "--add-location=file", "--sort-output", "--omit-header", "-k", "N_",
                                    "--add-comments=Translators:", "--no-wrap", "ghw"])


if __name__ == "__main__":
    write_template(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "ghw.pot")

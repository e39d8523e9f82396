"""The programme's lessons: short reads on connection, one Markdown file each, in :data:`LESSONS`.

A lesson file (``ghw/lessons/*.md``) starts with a TOML header between two
``+++`` lines, then the lesson in Markdown, ending with a ``## Sources``
section::

    +++
    name = "quality"                      # its id, also written in reflections.csv as the theme
    title = "Quality over quantity"
    order = 2                             # place in the year's sequence of themes
    figure = "quality_vs_quantity"        # the finding whose chart goes with it
    findings = ["quality_vs_quantity"]    # findings read beside the prompt in the reflect week
    prompt = "..."                        # the reflection prompt
    stirring = false                      # true: the prompt may stir something; the care note goes with it
    care = false                          # true: the whole lesson is shown with the care note
    [practice]
    text = "..."                          # the small practice, in words
    act = "..."                           # what an intention or experiment calls it
    relationship = "acquaintance"         # optional: the kind of relationship that counts for it
    kind = "connection"                   # or "alone": practised by noting time alone, not as an intention
    +++
    The lesson...

    ## Sources
    - ...

A new lesson is one new file: every lesson in this folder is read and
checked when the package loads, and every face (the "This month" tab,
``ghw month``, the start-here notebook) loops over :data:`LESSONS`. The
Markdown is kept to what :func:`to_html` reads: paragraphs, ``##`` and
``###`` headings, ``-`` lists, ``**bold**`` and ``*italic*``.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..i18n.extract import blocks
from ..registry import Registry

__all__ = ["Lesson", "LESSONS", "KINDS", "read_lesson", "to_html", "to_text", "FOLDER"]

FOLDER = Path(__file__).resolve().parent
_HEADER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", re.S)
_SOURCES = "## Sources"
KINDS = ("connection", "alone")


def _translated(body: str) -> str:
    """``body`` in the language ghw speaks, block by block as the catalogue holds it (each heading, paragraph and
    list item whole, its mark kept): the same pieces :func:`ghw.i18n.extract.blocks` gives the catalogue."""
    out, last = [], None
    for line, mark, words in blocks(body):
        if last is not None:
            out.append("\n" if line == last else "\n\n")  # list items of one block stay one list
        out.append(mark + _(words))
        last = line
    return "".join(out)


@dataclass(frozen=True)
class Lesson:
    """One lesson: what it is called, the read itself, its figure, its prompt and its practice."""

    name: str
    title: str
    order: int
    figure: str
    findings: tuple[str, ...]
    prompt: str
    practice: str
    act: str
    relationship: str | None
    kind: str
    stirring: bool
    care: bool
    body: str
    sources: str

    @property
    def words(self) -> int:
        """How many words the read has, its sources left out."""
        return len(re.findall(r"[\w’'-]+", self.body))

    @property
    def minutes(self) -> int:
        """About how long the read takes, at 200 words a minute."""
        return max(1, round(self.words / 200))


def read_lesson(path: str | Path) -> Lesson:
    """Read and check one lesson file; a broken one is refused with what is wrong."""
    path = Path(path)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    found = _HEADER.match(text)
    if not found:
        raise ValueError(f"{path}: a lesson starts with a TOML header between two +++ lines")
    meta = tomllib.loads(found[1])
    body, _heading, sources = found[2].partition(_SOURCES)
    if not sources.strip():
        raise ValueError(f"{path}: a lesson ends with a '{_SOURCES}' section")
    practice = meta.get("practice", {})
    missing = [k for k in ("name", "title", "order", "figure", "prompt") if k not in meta]
    missing += [f"practice.{k}" for k in ("text", "act") if k not in practice]
    if missing:
        raise ValueError(f"{path}: the header lacks {', '.join(missing)}")
    kind = practice.get("kind", "connection")
    if kind not in KINDS:
        raise ValueError(f"{path}: practice.kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return Lesson(name=meta["name"], title=_(meta["title"]), order=int(meta["order"]), figure=meta["figure"],
                  findings=tuple(meta.get("findings", [meta["figure"]])), prompt=_(meta["prompt"]),
                  practice=_(practice["text"]), act=_(practice["act"]),
                  relationship=practice.get("relationship") or None, kind=kind,
                  stirring=bool(meta.get("stirring", False)), care=bool(meta.get("care", False)),
                  body=_translated(body.strip()), sources=sources.strip())


def _load() -> Registry[Lesson]:
    lessons = sorted((read_lesson(p) for p in FOLDER.glob("*.md")), key=lambda lesson: lesson.order)
    registry: Registry[Lesson] = Registry("lesson")
    for lesson in lessons:
        registry.add(lesson)
    return registry


LESSONS: Registry[Lesson] = _load()
"""Every lesson, in the order the themes follow one another."""


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)


def to_html(markdown: str) -> str:
    """The small Markdown of a lesson as HTML, every character of the text escaped."""
    out, items, paragraph = [], [], []

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            level = min(len(stripped) - len(stripped.lstrip("#")) + 2, 6)  # "##" sits under the page's own h3
            out.append(f"<h{level}>{_inline(stripped.lstrip('#').strip())}</h{level}>")
        elif stripped.startswith("- "):
            if paragraph:
                flush()
            items.append(stripped[2:])
        elif items and line.startswith("  "):
            items[-1] += " " + stripped  # a list item continued on the next line
        else:
            paragraph.append(stripped)
    flush()
    return "\n".join(out)


def to_text(markdown: str, width: int = 88) -> str:
    """The small Markdown of a lesson as plain text for a terminal, wrapped at ``width``."""
    import textwrap

    blocks, current = [], []
    for line in markdown.splitlines() + [""]:
        stripped = line.strip()
        if stripped and not (current and stripped.startswith(("- ", "#"))):
            current.append(stripped)
            continue
        if current:
            blocks.append(" ".join(current))
        current = [stripped] if stripped else []
    lines = []
    for block in blocks:
        block = re.sub(r"\*\*?(.+?)\*\*?", r"\1", block)
        if block.startswith("#"):
            lines += ["", block.lstrip("#").strip().upper()]
        elif block.startswith("- "):
            lines += textwrap.wrap(block, width, subsequent_indent="  ", break_on_hyphens=False)
        else:
            lines += ["", *textwrap.wrap(block, width, break_on_hyphens=False)]
    return "\n".join(lines).strip("\n")

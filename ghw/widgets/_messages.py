"""How the forms say a problem or a success, and set a note apart: one colour and one way each, in every form.

The colours are the theme's (:mod:`ghw.theme`): the warning orange ``WARN`` and
the success green ``OK`` read at 4.5:1 or more on white (WCAG AA), and a
note's background keeps text at 4.5:1 too. Each function takes HTML, so a
caller escapes what the user or a file wrote.
"""

from __future__ import annotations

import html

from .. import theme
from ..errors import GhwError, ValidationError
from ..i18n import _

__all__ = ["problem", "error", "file_problems", "success", "refused", "note", "NOTES"]

# What a note is about, and its background.
NOTES = {"sample": theme.SAMPLE, "care": theme.CARE, "idea": theme.IDEA, "today": theme.TODAY}


def problem(markup: str) -> str:
    """A problem said in the warning colour."""
    return f"<div style='color:{theme.WARN}'>{markup}</div>"


def error(exc: Exception) -> str:
    """An error said in its own words, in the warning colour."""
    return problem(html.escape(str(exc)))


def file_problems(text: str) -> str:
    """Problems in a file, one per line as they name their lines, in the warning colour."""
    return f"<pre style='color:{theme.WARN}'>{html.escape(text)}</pre>"


def success(markup: str) -> str:
    """What was done, with a tick, in the success colour."""
    return f"<span style='color:{theme.OK}'>✓ {markup}</span>"


def refused(exc: GhwError, heading: str) -> str:
    """A refusal under ``heading`` (like "Not saved yet").

    Problems with what the form holds are listed field by field; problems in
    a file (they name its lines) and any other error are said in the error's
    own words, so that the user knows which line to mend.
    """
    if not isinstance(exc, ValidationError):
        return problem(_("{heading}: {problem}").format(heading=heading, problem=html.escape(str(exc))))
    if exc.problems["line"].notna().any():
        return file_problems(str(exc))
    items = "".join(f"<li><b>{html.escape(r.column)}</b>: {html.escape(r.problem)}</li>"
                    for r in exc.problems.itertuples(index=False))
    return problem(_("{heading}:{problems}").format(heading=heading, problems=f"<ul>{items}</ul>"))


def note(markup: str, kind: str, *, css_class: str = "") -> str:
    """``markup`` set apart on the background of its ``kind`` (a key of :data:`NOTES`), with rounded corners."""
    classes = f"ghw-note ghw-note-{kind} {css_class}".strip()
    return (f"<div class='{classes}' style='background:{NOTES[kind]};color:{theme.INK};line-height:1.45;"
            f"padding:{theme.SPACE}px {theme.SPACE * 1.5:g}px;border-radius:{theme.RADIUS['control']}px;"
            f"margin:{theme.SPACE}px 0'>{markup}</div>")

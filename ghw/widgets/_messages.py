"""How the forms say a problem or a success: one colour and one way each, in every form.

Both colours read at 4.5:1 or more on white (WCAG AA): the warning orange
#B34700 and the success green #007A5A. Each function takes HTML, so a caller
escapes what the user or a file wrote.
"""

from __future__ import annotations

import html

from ..errors import GhwError, ValidationError

__all__ = ["problem", "error", "file_problems", "success", "refused"]


def problem(markup: str) -> str:
    """A problem said in the warning colour."""
    return f"<div style='color:#B34700'>{markup}</div>"


def error(exc: Exception) -> str:
    """An error said in its own words, in the warning colour."""
    return problem(html.escape(str(exc)))


def file_problems(text: str) -> str:
    """Problems in a file, one per line as they name their lines, in the warning colour."""
    return f"<pre style='color:#B34700'>{html.escape(text)}</pre>"


def success(markup: str) -> str:
    """What was done, with a tick, in the success colour."""
    return f"<span style='color:#007A5A'>✓ {markup}</span>"


def refused(exc: GhwError, heading: str) -> str:
    """A refusal under ``heading`` (like "Not saved yet").

    Problems with what the form holds are listed field by field; problems in
    a file (they name its lines) and any other error are said in the error's
    own words, so that the user knows which line to mend.
    """
    if not isinstance(exc, ValidationError):
        return problem(f"{heading}: {html.escape(str(exc))}")
    if exc.problems["line"].notna().any():
        return file_problems(str(exc))
    items = "".join(f"<li><b>{html.escape(r.column)}</b>: {html.escape(r.problem)}</li>"
                    for r in exc.problems.itertuples(index=False))
    return problem(f"{heading}:<ul>{items}</ul>")

"""How a form says that what was asked was refused, the same way in every form."""

from __future__ import annotations

import html

from ..errors import GhwError, ValidationError

__all__ = ["refused"]


def refused(exc: GhwError, heading: str) -> str:
    """HTML for a refusal under ``heading`` (like "Not saved yet"), in the warning colour.

    Problems with what the form holds are listed field by field; problems in
    a file (they name its lines) and any other error are said in the error's
    own words, so that the user knows which line to mend.
    """
    if not isinstance(exc, ValidationError):
        return f"<div style='color:#B34700'>{heading}: {html.escape(str(exc))}</div>"
    if exc.problems["line"].notna().any():
        return f"<pre style='color:#B34700'>{html.escape(str(exc))}</pre>"
    items = "".join(f"<li><b>{html.escape(r.column)}</b>: {html.escape(r.problem)}</li>"
                    for r in exc.problems.itertuples(index=False))
    return f"<div style='color:#B34700'>{heading}:<ul>{items}</ul></div>"

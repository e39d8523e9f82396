"""A file made in the page, handed to the person as a download link (the app serves no files of its own)."""

from __future__ import annotations

import base64
import html

__all__ = ["link", "MEDIA_TYPES"]

# Media type of each export format's suffix.
MEDIA_TYPES = {"html": "text/html", "pdf": "application/pdf", "md": "text/markdown", "csv": "text/csv",
               "ics": "text/calendar"}


def link(data: bytes, filename: str, text: str) -> str:
    """An ``<a download>`` that saves ``data`` as ``filename``; the bytes travel inside the link, nothing is served."""
    media = MEDIA_TYPES.get(filename.rsplit(".", 1)[-1], "application/octet-stream")
    source = base64.b64encode(data).decode("ascii")
    return (f"<a class='ghw-download' download='{html.escape(filename, quote=True)}' "
            f"href='data:{media};base64,{source}'>⬇ {html.escape(text)}</a>")

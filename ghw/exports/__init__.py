"""Exports: a summary written as a file to keep or to share, one module per format.

Each format is an :class:`Export` in :data:`EXPORTS`; the command line
(``ghw export --format``), the share form and the preview all take their
choices from that registry, so a new format is one new module plus its name
in ``MODULES`` below. Every writer takes a :class:`ghw.summary.Summary`
and a path, and writes atomically (:func:`write_bytes`).
"""

from __future__ import annotations

from importlib import import_module

from ._base import EXPORTS, Export, exports_dir, preview, register, unsure, write_bytes

__all__ = ["Export", "EXPORTS", "register", "preview", "unsure", "write_bytes", "exports_dir", "MODULES"]

MODULES = ("html_page", "pdf", "markdown", "csv_file", "ical")
for _module in MODULES:
    import_module(f".{_module}", __name__)

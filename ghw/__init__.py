"""ghw: a connection-and-mood journal that lives in Jupyter.

The short face of the library::

    import ghw
    entries = ghw.load()                      # the user's journal, validated
    ghw.append(None, {"date": "2026-11-25", "mood": 7})

Heavier parts (analysis, plots, widgets) are imported when first used, so
``import ghw`` stays quick.
"""

from .errors import EntryNotFound, GhwError, ValidationError
from .journal import append, check, delete, edit, extend, load

__all__ = [
    "GhwError",
    "ValidationError",
    "EntryNotFound",
    "load",
    "check",
    "append",
    "extend",
    "edit",
    "delete",
]
__version__ = "0.1.0"

"""ghw: a connection-and-mood journal that lives in Jupyter.

The short face of the library::

    import ghw
    entries = ghw.load()                      # the user's journal, validated
    ghw.append(None, {"date": "2026-11-25", "mood": 7})
    days = ghw.daily(entries)                 # one row per calendar day
    results = ghw.findings.compute(entries)   # every finding, as tidy tables

The heavier parts (``ghw.findings``, ``ghw.exports``, ``ghw.plots``,
``ghw.widgets``, ...) load on first use, so ``import ghw`` stays quick.
"""

from importlib import import_module

from .errors import EntryNotFound, GhwError, ValidationError
from .journal import append, check, delete, edit, extend, load
from .tables import daily, weekly

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
    "daily",
    "weekly",
]
__version__ = "0.2.0"

_ON_FIRST_USE = ("analysis", "checkins", "experiment", "exports", "findings", "importers", "instruments", "lessons",
                 "people", "plan", "plots", "privacy", "programme", "randomization", "reflections", "sample", "summary",
                 "vocabulary", "widgets")


def __getattr__(name: str):
    """Load a heavier module the first time it is asked for (``ghw.findings``, ``ghw.widgets``, ...)."""
    if name in _ON_FIRST_USE:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'ghw' has no attribute {name!r}")

"""Add-ons: other installed packages that give ghw a check-in instrument, an importer or an export format.

A package adds to ghw through an entry point in one of three groups, named
in its own ``pyproject.toml``::

    [project.entry-points."ghw.instruments"]
    ons_extra = "ghw_extra.instruments"    # a package whose folder holds instrument JSON files
    [project.entry-points."ghw.importers"]
    diary = "ghw_extra.diary"              # a module that registers an Importer when imported
    [project.entry-points."ghw.exports"]
    docx = "ghw_extra.docx"                # a module that registers an Export when imported

ghw's own instruments, importers and export formats are registered the same
way, each registry reading its built-in members first and then those of the
add-ons (:func:`load`). An add-on that fails to load is said in a warning
naming it and its package, and ghw goes on without it.
"""

from __future__ import annotations

import warnings
from functools import cache
from types import ModuleType

from .i18n import _

__all__ = ["GROUPS", "AddOnWarning", "load", "forget"]

GROUPS = ("instruments", "importers", "exports")


class AddOnWarning(UserWarning):
    """An installed add-on could not be loaded; ghw goes on without it."""


@cache
def _entry_points():
    from importlib.metadata import entry_points

    return entry_points()  # one scan of the installed packages for the three groups


def load(group: str) -> list[tuple[str, ModuleType]]:
    """Import every module named by an entry point of ``ghw.<group>``, as ``(name, module)`` pairs.

    Importing an importer's or an export's module registers it, as importing
    a built-in one does. A module that cannot be imported, or whose
    registration is refused (a name already taken), is left out with an
    :class:`AddOnWarning`.
    """
    if group not in GROUPS:
        raise ValueError(f"no add-on group {group!r}; the groups are {', '.join(GROUPS)}")
    loaded = []
    for point in _entry_points().select(group=f"ghw.{group}"):
        try:
            loaded.append((point.name, point.load()))
        except Exception as exc:  # an add-on's own failure is never ghw's crash
            package = point.dist.name if point.dist is not None else _("an unknown package")
            warnings.warn(_("The add-on {name!r} ({value}, from {package}) for ghw's {group} could not be loaded and "
                            "is left out: {problem}").format(name=point.name, value=point.value, package=package,
                                                             group=group, problem=exc), AddOnWarning, stacklevel=2)
    return loaded


def forget() -> None:
    """Scan the installed packages again on the next :func:`load` (after installing one in a running process)."""
    _entry_points.cache_clear()

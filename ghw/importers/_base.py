"""What an importer is, and the registry of importers that ``ghw import`` and the Import tab loop over."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..registry import Registry
from .merge import Merged

__all__ = ["Option", "Importer", "Done", "IMPORTERS", "register"]


@dataclass(frozen=True)
class Option:
    """Something an importer takes besides the file: ``--name`` on the command line, a field on the page.

    ``label`` names the field on the page and ``help`` says what it is;
    ``file`` says whether it is a file (a map, say) or words (a date
    format); a ``required`` one must be given.
    """

    name: str
    label: str
    help: str
    file: bool = True
    required: bool = False

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


class Done(NamedTuple):
    """What an import did: the merge (:class:`~ghw.importers.merge.Merged`), and how many entries an earlier version
    of ghw brought in under other ids and were left as they are."""

    merged: Merged
    earlier: int = 0


def _nothing_more(done, *, dry_run: bool, next_step: str) -> list[str]:
    return []


def _no_options(done) -> dict[str, Path]:
    return {}


@dataclass(frozen=True)
class Importer:
    """One source of history: its ``name`` (``ghw import NAME``), a ``label`` for menus, the words of its help.

    ``run(file, *, journal, dry_run, **options)`` imports ``file`` into the
    journal with the :attr:`options` given (by their names; those not given
    are None) and returns a :class:`Done`, or anything with its ``merged``
    and ``earlier``, through :func:`ghw.importers.merge.bring_in`. ``say``
    adds what is particular to the source to what
    :func:`ghw.importers.words.merged` says (``next_step`` is the words for
    "change something and import again", which differ between the command
    line and the page); ``again`` names the files the next import should be
    given (a map offered beside the export, say). ``page`` is
    ``"module:Class"`` of a page of its own in the app's Import tab; without
    one the tab builds a page from the options.
    """

    name: str
    label: str
    help: str
    file_help: str
    about: str
    run: Callable[..., Any]
    options: tuple[Option, ...] = ()
    say: Callable[..., list[str]] = _nothing_more
    again: Callable[[Any], Mapping[str, Path]] = _no_options
    page: str | None = None


IMPORTERS: Registry[Importer] = Registry("importer")
register = IMPORTERS.add  # ghw import and the Import tab offer an importer once it is added

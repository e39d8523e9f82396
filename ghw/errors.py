"""The exceptions ghw raises; every one is a :class:`GhwError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

from .i18n import _, ngettext

__all__ = ["GhwError", "ValidationError", "EntryNotFound", "os_errors"]


class GhwError(ValueError):
    """Root of every error ghw raises on purpose, with a message meant for people."""


class ValidationError(GhwError):
    """Entries that break the journal format.

    ``problems`` is a DataFrame with one row per problem and the columns
    ``line`` (line of the file where the entry starts; missing for an entry
    that is not in a file yet), ``column``, ``value`` and ``problem``.
    """

    @classmethod
    def from_rows(cls, rows, *, source: str | None = None) -> ValidationError:
        """From ``(line, column, value, problem)`` rows, or ``(column, value, problem)`` for an entry not in a file."""
        rows = [row if len(row) == 4 else (pd.NA, *row) for row in rows]
        table = pd.DataFrame(rows, columns=["line", "column", "value", "problem"])
        return cls(table.astype({"line": "Int64", "column": "str", "value": "str", "problem": "str"}), source=source)

    def __init__(self, problems: pd.DataFrame, *, source: str | None = None):
        """``source`` names what has the problems ("This check-in", a file's path); by default, "This entry"."""
        self.problems = problems
        lines = [_describe(row) for row in problems.itertuples(index=False)]
        count = len(lines)
        head = (ngettext("{source} has {n} problem:", "{source} has {n} problems:", count).format(source=source, n=count)
                if source else ngettext("This entry has {n} problem:", "This entry has {n} problems:", count).format(
                    n=count))
        super().__init__("\n".join([head, *("  - " + line for line in lines)]))


def _describe(row) -> str:
    """One problem: its line (when in a file), its field as the file names it, the value given and what is wrong."""
    said = dict(line=row.line, field=row.column, value=row.value, problem=row.problem)
    if pd.isna(row.line):
        return (_("{field}: {problem}") if row.value == "" else _("{field} ({value!r}): {problem}")).format(**said)
    return (_("line {line}, {field}: {problem}") if row.value == ""
            else _("line {line}, {field} ({value!r}): {problem}")).format(**said)


class EntryNotFound(GhwError, KeyError):
    """No entry with the given id."""

    def __str__(self) -> str:  # KeyError would show the message quoted
        return str(self.args[0])


@contextmanager
def os_errors(doing: str, *, missing: str | None = None) -> Iterator[None]:
    """Say a failure of the file system in the block as one plain :class:`GhwError`, never a traceback.

    ``doing`` completes "Could not ...: <the system's reason>."; ``missing``,
    when given, is said instead where the file or folder is not there.
    """
    try:
        yield
    except FileNotFoundError as exc:
        raise GhwError(missing or _("Could not {doing}: {problem}.").format(doing=doing, problem=exc.strerror or exc)) \
            from None
    except OSError as exc:
        raise GhwError(_("Could not {doing}: {problem}.").format(doing=doing, problem=exc.strerror or exc)) from None

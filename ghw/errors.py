"""The exceptions ghw raises; every one is a :class:`GhwError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

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
    def from_rows(cls, rows, *, source: str = "This entry") -> ValidationError:
        """From ``(line, column, value, problem)`` rows, or ``(column, value, problem)`` for an entry not in a file."""
        rows = [row if len(row) == 4 else (pd.NA, *row) for row in rows]
        table = pd.DataFrame(rows, columns=["line", "column", "value", "problem"])
        return cls(table.astype({"line": "Int64", "column": "str", "value": "str", "problem": "str"}), source=source)

    def __init__(self, problems: pd.DataFrame, *, source: str = "This entry"):
        self.problems = problems
        lines = [_describe(row) for row in problems.itertuples(index=False)]
        count = len(lines)
        head = f"{source} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *("  - " + line for line in lines)]))


def _describe(row) -> str:
    where = f"line {row.line}, " if not pd.isna(row.line) else ""
    shown = "" if row.value == "" else f" ({row.value!r})"
    return f"{where}{row.column}{shown}: {row.problem}"


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
        raise GhwError(missing or f"Could not {doing}: {exc.strerror or exc}.") from None
    except OSError as exc:
        raise GhwError(f"Could not {doing}: {exc.strerror or exc}.") from None

"""Writing the CSV files beside the journal (plan, check-ins, experiments, people): always by the columns' names.

A person may open any of these files in a spreadsheet, move its columns
around, add their own, or write the header with spaces after the commas.
Both ways of writing here read the file's own header first and write each
value under its column's name, so a new row lands in the right columns
whatever their order, and the user's own columns are kept. A rewrite is
given the rows in the file's order and changes them by their position,
never by looking an id up again, so a row copied in a spreadsheet, id and
all, is never changed in place of its original.

Both are called holding :func:`ghw.storage.locked`, after the file was
read and checked under the same lock.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from . import rules, storage
from .errors import GhwError
from .i18n import ngettext

__all__ = ["append", "rewrite"]


def append(path: str | os.PathLike, what: str, columns: tuple[str, ...], records: list[Mapping]) -> None:
    """Append ``records`` (column name to value) under the file's header; a new file gets ``columns`` as its header.

    A file whose header lacks one of ``columns`` is refused, naming it, and
    nothing is written; a column the user added is left empty.
    """
    path = Path(path)
    header = rules.read_rows(path, what)[0] or list(columns)
    missing = [c for c in columns if c not in header]
    if missing:
        raise GhwError(ngettext("{path}, line 1: the {what} has no {columns} column; its first line should be: {header}",
                                "{path}, line 1: the {what} has no {columns} columns; its first line should be: {header}",
                                len(missing)).format(path=path, what=what, columns=", ".join(missing),
                                                     header=",".join(columns)))
    unknown = sorted({name for record in records for name in record if name not in header})
    if unknown:
        raise GhwError(ngettext("{columns} is not a column of {path}.", "{columns} are not columns of {path}.",
                                len(unknown)).format(columns=", ".join(unknown), path=path))
    storage.append_rows(path, header, [[_text(record.get(name)) for name in header] for record in records])


def rewrite(path: str | os.PathLike, what: str, columns: tuple[str, ...],
            change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    """Rewrite the file with the rows ``change`` returns, after a backup (:func:`ghw.storage.replace`).

    ``change`` is given every row as text, in the file's order (by position),
    and returns the rows to keep, changed as it likes. The file's columns
    keep their order; ``columns`` it lacks, and any ``change`` adds, follow.
    """
    path = Path(path)
    header, rows = rules.read_rows(path, what)
    rows = change([values for _, values in rows])
    header = list(dict.fromkeys([*header, *columns, *(name for row in rows for name in row)]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{name: _text(row.get(name)) for name in header} for row in rows])
    storage.replace(path, buffer.getvalue())


def _text(value) -> str:
    return "" if value is None else str(value)

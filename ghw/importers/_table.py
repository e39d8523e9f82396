"""Reading a CSV someone else made: an export, a mapping, a sheet. Every failure is a plain message."""

from __future__ import annotations

import os

import pandas as pd

from ..errors import GhwError
from ..i18n import _, ngettext
from ..rules import read_text

__all__ = ["read_text", "read_table"]


def read_table(path: str | os.PathLike, what: str, *, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV as text columns, nothing guessed; column names stripped. ``required`` columns must be there."""
    import io

    text = read_text(path, what)
    try:
        table = pd.read_csv(io.StringIO(text), dtype="str", na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GhwError(_("{path} cannot be read as a CSV {what}: {problem}").format(path=path, what=what, problem=exc)) \
            from None
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in required if c not in {n.casefold() for n in table.columns}]
    if missing:
        raise GhwError(ngettext("{path}, line 1: the {what} needs the column {columns}.",
                                "{path}, line 1: the {what} needs the columns {columns}.", len(missing)).format(
                                    path=path, what=what, columns=", ".join(missing)))
    return table

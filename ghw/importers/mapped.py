"""Any other CSV (another app's export, a hand-kept sheet), through a column mapping.

The mapping is a CSV with the columns ``journal`` and ``source``: which of
your columns holds each journal column. Source columns that are not mapped
are kept in the note as ``name: value`` lines, so nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import GhwError
from ..i18n import _, ngettext
from . import merge
from ._base import Done, Importer, Option, register
from ._table import read_table

__all__ = ["read_mapping", "read_mapped", "bring", "IMPORTER"]


def read_mapping(path: str | Path) -> dict[str, str]:
    """``journal -> source`` column names from a ``journal,source`` CSV."""
    table = read_table(path, _("column mapping"), required=("journal", "source"))
    mapping = {row["journal"].strip(): row["source"].strip() for row in table.to_dict("records") if row["source"].strip()}
    unknown = [c for c in mapping if c not in schema.COLUMNS]
    if unknown:
        raise GhwError(ngettext("{path}: {given} is not a journal column; the journal columns are {columns}.",
                                "{path}: {given} are not journal columns; the journal columns are {columns}.",
                                len(unknown)).format(path=path, given=", ".join(unknown),
                                                     columns=", ".join(schema.COLUMNS)))
    missing = [c for c in ("date", "mood") if c not in mapping]
    if missing:
        columns = missing[0] if len(missing) == 1 else _("{items} and {last}").format(items=missing[0], last=missing[1])
        raise GhwError(_("{path}: the mapping must say which of your columns holds {columns}.").format(
            path=path, columns=columns))
    return mapping


def read_mapped(path: str | Path, mapping: dict[str, str], *, date_format: str | None = None) -> pd.DataFrame:
    """Journal rows (text) from ``path`` by ``mapping``; ``date_format`` (like ``%d/%m/%Y``) reads other dates."""
    path = Path(path)
    source = read_table(path, _("CSV to import"))
    absent = [c for c in mapping.values() if c not in source.columns]
    if absent:
        raise GhwError(_("{path}, line 1: there is no column {given}; the columns are {columns}.").format(
            path=path, given=", ".join(map(repr, absent)), columns=", ".join(map(repr, source.columns))))
    rows = pd.DataFrame({c: source[mapping[c]] if c in mapping else "" for c in schema.COLUMNS}, dtype="str")
    if date_format:
        if "%" not in date_format or not _usable(date_format):
            raise GhwError(_("{given!r} is not a date format ghw can use; write it like %d/%m/%Y (%d day, %m month, "
                             "%Y year with century, %y without).").format(given=date_format))
        dates = pd.to_datetime(rows["date"], format=date_format, errors="coerce")
        rows["date"] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), rows["date"])
    rest = [c for c in source.columns if c not in mapping.values()]
    if rest:
        extra = source[rest].apply(lambda r: "\n".join(f"{c}: {v}" for c, v in r.items() if v.strip()), axis=1)
        rows["note"] = (rows["note"] + "\n" + extra).str.strip()
    generated = schema.content_ids(source.astype("str").agg("\x1f".join, axis=1), "import-", digits=12)
    rows["id"] = rows["id"].where(rows["id"] != "", generated)
    return rows


def _usable(date_format: str) -> bool:
    """Whether ``date_format`` writes and reads back a date (an unknown directive like %Q does not)."""
    import datetime as dt

    try:
        sample = dt.date(2026, 11, 28).strftime(date_format)
        return dt.datetime.strptime(sample, date_format).date() == dt.date(2026, 11, 28)
    except ValueError:
        return False


def bring(file: str | Path, *, journal: str | Path | None, dry_run: bool = False, map: str | Path,
          date_format: str | None = None) -> Done:
    """Import ``file`` into the journal through the column mapping ``map`` (:func:`read_mapping`).

    New rows are added; rows an earlier import of the same file wrote are
    brought up to date unless they were changed in ghw since
    (:func:`ghw.importers.merge.bring_in`).
    """
    rows = read_mapped(file, read_mapping(map), date_format=date_format)
    return Done(merge.bring_in(journal, rows, entry_of=lambda ids: ids, dry_run=dry_run))


IMPORTER = register(Importer(
    name="csv", label=_("Any CSV"), help=_("any CSV, through a column mapping"), file_help=_("the CSV to import"),
    about=_("Another app's export or a sheet you kept: a CSV with a header row. A column mapping says which of its "
            "columns holds each journal column (a CSV with the columns journal and source; date and mood are "
            "needed). Columns it does not map are kept in the note."),
    run=bring,
    options=(Option("map", _("Column mapping"), _("CSV journal,source: which of your columns is which"),
                    required=True),
             Option("date_format", _("How the dates are written"),
                    _("how your dates are written, like %d/%m/%Y (default YYYY-MM-DD)"), file=False)),
))

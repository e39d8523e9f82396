"""Any other CSV (another app's export, a hand-kept sheet), through a column mapping.

The mapping is a CSV with the columns ``journal`` and ``source``: which of
your columns holds each journal column. Source columns that are not mapped
are kept in the note as ``name: value`` lines, so nothing is lost.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import GhwError
from .daylio import _read_map

__all__ = ["read_mapping", "read_mapped"]


def read_mapping(path: str | Path) -> dict[str, str]:
    """``journal -> source`` column names from a ``journal,source`` CSV."""
    table = _read_map(path, ("journal", "source"))
    mapping = {row["journal"].strip(): row["source"].strip() for row in table.to_dict("records") if row["source"].strip()}
    unknown = [c for c in mapping if c not in schema.COLUMNS]
    if unknown:
        raise GhwError(f"{path}: {', '.join(unknown)} {'is not a journal column' if len(unknown) == 1 else 'are not journal columns'}"
                       f"; the journal columns are {', '.join(schema.COLUMNS)}.")
    missing = [c for c in ("date", "mood") if c not in mapping]
    if missing:
        raise GhwError(f"{path}: the mapping must say which of your columns holds {' and '.join(missing)}.")
    return mapping


def read_mapped(path: str | Path, mapping: dict[str, str], *, date_format: str | None = None) -> pd.DataFrame:
    """Journal rows (text) from ``path`` by ``mapping``; ``date_format`` (like ``%d/%m/%Y``) reads other dates."""
    path = Path(path)
    try:
        source = pd.read_csv(path, dtype="str", na_filter=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise GhwError(f"There is no file at {path}.") from None
    except UnicodeDecodeError:
        raise GhwError(f"{path} is not UTF-8 text; save it again as 'CSV UTF-8'.") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GhwError(f"{path} cannot be read as CSV: {exc}") from None
    absent = [c for c in mapping.values() if c not in source.columns]
    if absent:
        raise GhwError(f"{path}, line 1: there is no column {', '.join(map(repr, absent))}; "
                       f"the columns are {', '.join(map(repr, source.columns))}.")
    rows = pd.DataFrame({c: source[mapping[c]] if c in mapping else "" for c in schema.COLUMNS}, dtype="str")
    if date_format:
        dates = pd.to_datetime(rows["date"], format=date_format, errors="coerce")
        rows["date"] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), rows["date"])
    rest = [c for c in source.columns if c not in mapping.values()]
    if rest:
        extra = source[rest].apply(lambda r: "\n".join(f"{c}: {v}" for c, v in r.items() if v.strip()), axis=1)
        rows["note"] = (rows["note"] + "\n" + extra).str.strip()
    digests = source.astype("str").agg("\x1f".join, axis=1).map(
        lambda text: "import-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    repeat = digests.groupby(digests).cumcount()
    generated = digests.where(repeat == 0, digests + "~" + repeat.astype("str"))
    rows["id"] = rows["id"].where(rows["id"] != "", generated)
    return rows

"""Reading a CSV someone else made: an export, a mapping, a sheet. Every failure is a plain message."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import GhwError

__all__ = ["read_text", "read_table"]


def read_text(path: str | os.PathLike, what: str) -> str:
    """The text of ``path`` (UTF-8, with or without a byte-order mark); ``what`` names it in messages."""
    path = Path(path)
    if path.is_dir():
        raise GhwError(f"{path} is a folder; give the {what} file itself.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GhwError(f"There is no {what} at {path}.") from None
    except OSError as exc:
        raise GhwError(f"Could not read {path}: {exc.strerror or exc}.") from None
    if b"\x00" in data[:4096]:
        raise GhwError(f"{path} is not a text file; is it the {what}?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GhwError(f"{path}, line {line} is not UTF-8 text; save the {what} again as 'CSV UTF-8'.") from None


def read_table(path: str | os.PathLike, what: str, *, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV as text columns, nothing guessed; column names stripped. ``required`` columns must be there."""
    import io

    text = read_text(path, what)
    try:
        table = pd.read_csv(io.StringIO(text), dtype="str", na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise GhwError(f"{path} cannot be read as a CSV {what}: {exc}") from None
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in required if c not in {n.casefold() for n in table.columns}]
    if missing:
        raise GhwError(f"{path}, line 1: the {what} needs the column{'s' if len(missing) > 1 else ''} "
                       f"{', '.join(missing)}.")
    return table

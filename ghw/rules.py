"""Rules for the CSV files ghw reads: one rule per column, one check per row, one reader per file.

Each file format (the journal in :mod:`ghw.schema`, the plan, the check-ins,
the experiments, the people file) declares its columns as :class:`Rule` s.
:func:`check` turns one row of text into typed values and the problems of
its cells; :func:`load` reads a file beside the journal, checks every row,
and raises one :class:`~ghw.errors.ValidationError` that names the line,
the column and the value of every problem. Rules that join several cells or
rows (an end before its start, an id used twice) stay with their format,
which reports them the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from .errors import GhwError, ValidationError, os_errors
from .i18n import _, ngettext

__all__ = ["INVALID", "Rule", "date", "integer", "choice", "text", "DATE_PROBLEM", "check", "series", "table",
           "read_text", "read_rows", "check_rows", "load"]

INVALID = object()  # what a parser returns for text that breaks its rule
DATE_PROBLEM = _("is not a date written as YYYY-MM-DD, like 2026-11-25 (a spreadsheet may have turned it into "
                  "25/11/2026)")
_SEPARATORS = re.compile(r"[\s_\-]+")


class Rule(NamedTuple):
    """How one column is read: its parser, what breaking it is called, and its type in a table.

    ``parse`` takes stripped, non-empty text and returns the typed value or
    :data:`INVALID`; ``problem`` is said of a value it refuses. ``required``
    is said of an empty cell ("" lets the cell be empty), and ``default`` is
    the text an empty cell stands for.
    """

    parse: Callable[[str], Any]
    problem: str
    dtype: str = "str"
    required: str = ""
    default: str = ""

    def read(self, given) -> Any:
        """The typed value of ``given``: None when it is empty (after its default), :data:`INVALID` when it breaks
        the rule."""
        stripped = ("" if given is None else str(given)).strip() or self.default
        return self.parse(stripped) if stripped else None

    def value(self, given) -> Any:
        """The typed value of ``given``, or None when it is empty or breaks the rule."""
        parsed = self.read(given)
        return None if parsed is INVALID else parsed


def date(text: str):
    """A date written as YYYY-MM-DD (only that ISO form), as a :class:`datetime.date`."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return INVALID
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # 2026-02-30
        return INVALID


def integer(low: int, high: int) -> Callable[[str], Any]:
    """A parser for a whole number from ``low`` to ``high``; "3.0", as spreadsheets write it, is 3."""
    def parse(text: str):
        if text.isdecimal():
            number = int(text)  # exact, even for seeds beyond a float's precision
        else:
            try:
                number = float(text)
            except ValueError:
                return INVALID
            if not number.is_integer():
                return INVALID
        return int(number) if low <= number <= high else INVALID
    return parse


def choice(choices: Iterable[str], aliases: Mapping[str, str] | None = None) -> Callable[[str], Any]:
    """A parser for one of ``choices``, whatever the case, spaces, "-" and "_"; ``aliases`` are other spellings."""
    choices = tuple(choices)
    known = {c.replace("_", ""): c for c in choices} | {k: v for k, v in (aliases or {}).items() if v in choices}

    def parse(text: str):
        return known.get(_SEPARATORS.sub("", text.lower()), INVALID)
    return parse


def text(given: str):
    """Any text, as written (stripped)."""
    return given


def check(values: Mapping[str, Any], rules: Mapping[str, Rule]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """One row's text by its columns' rules.

    Returns the typed values (``None`` where a cell is empty or breaks its
    rule) and the problems as ``(column, value as given, problem)``, in the
    order of ``rules``.
    """
    typed: dict[str, Any] = {}
    problems: list[tuple[str, str, str]] = []
    for column, rule in rules.items():
        given = values.get(column)
        given = "" if given is None else str(given)
        parsed = rule.read(given)
        if parsed is None and rule.required:
            problems.append((column, given, rule.required))
        elif parsed is INVALID:
            problems.append((column, given, rule.problem))
            parsed = None
        typed[column] = parsed
    return typed, problems


def series(values: Iterable, dtype: str) -> pd.Series:
    """Typed values (``None`` where missing) as a Series of ``dtype``; dates become datetimes."""
    values = pd.Series(list(values), dtype="object")
    if dtype.startswith("datetime"):
        return pd.to_datetime(values).astype(dtype)
    return values.astype(dtype)


def table(rows: Iterable[Mapping], rules: Mapping[str, Rule]) -> pd.DataFrame:
    """Checked rows as a DataFrame with one column per rule, each of its rule's type."""
    rows = list(rows)
    return pd.DataFrame({column: series([row[column] for row in rows], rule.dtype) for column, rule in rules.items()})


def read_text(path: str | os.PathLike, what: str) -> str:
    """The text of ``path`` (UTF-8, with or without a byte-order mark); ``what`` names it in messages."""
    path = Path(path)
    if path.is_dir():
        raise GhwError(_("{path} is a folder; give the {what} file itself.").format(path=path, what=what))
    with os_errors(_("read {path}").format(path=path), missing=_("There is no {what} at {path}.").format(what=what,
                                                                                                       path=path)):
        data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise GhwError(_("{path} is not a text file; is it the {what}?").format(path=path, what=what))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GhwError(_("{path}, line {line} is not UTF-8 text; save the {what} again as 'CSV UTF-8'.").format(
            path=path, line=line, what=what)) from None


def read_rows(path: str | os.PathLike, what: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV file's header (names stripped) and each row with the line it starts on, every cell text.

    A missing or empty file has no header and no rows. Columns the format
    does not know are kept; a row with more values than the header names is
    refused with its line.
    """
    path = Path(path)
    if not path.exists():
        return [], []
    reader = csv.DictReader(io.StringIO(read_text(path, what), newline=""))
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        rows, start = [], 2
        for values in reader:
            if None in values:
                raise GhwError(_("{path}, line {line}: it has more values than the header names columns. A comma "
                                 "inside a value needs the whole value in double quotes.").format(path=path, line=start))
            rows.append((start, {k: v or "" for k, v in values.items()}))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GhwError(_("{path}, line {line}: {problem}; is it the right file?").format(
            path=path, line=reader.line_num, problem=exc)) from None
    return header, rows


def check_rows(rows: Iterable[tuple[int, Mapping[str, str]]], check_row: Callable, *, source: str,
               across: Callable[[list[tuple[int, dict]]], list[tuple]] | None = None) -> list[dict]:
    """Every row by ``check_row`` (values -> (typed, problems)) and ``across`` (rules between checked rows).

    ``across`` takes the checked rows with their lines and returns problems
    as ``(line, column, value, problem)``. Returns the checked rows, or
    raises one :class:`ValidationError` listing every problem, by line.
    """
    checked, problems = [], []
    for line, values in rows:
        row, found = check_row(values)
        checked.append((line, row))
        problems += [(line, *p) for p in found]
    if across is not None:
        problems += across(checked)
    if problems:
        raise ValidationError.from_rows(sorted(problems, key=lambda p: p[0]), source=source)
    return [row for _, row in checked]


def load(path: str | os.PathLike, what: str, columns: tuple[str, ...], check_row: Callable, *,
         across: Callable | None = None) -> list[dict]:
    """Read a file beside the journal whose header names every one of ``columns``, and check every row.

    ``what`` names the file in messages ("plan", "check-ins file"); see
    :func:`check_rows` for ``check_row`` and ``across``. A missing or empty
    file holds no rows; the file is never changed by reading it.
    """
    header, rows = read_rows(path, what)
    if not header:
        return []
    missing = [c for c in columns if c not in header]
    if missing:
        raise GhwError(ngettext("{path}, line 1: the {what} has no {columns} column; its first line should be: {header}",
                                "{path}, line 1: the {what} has no {columns} columns; its first line should be: {header}",
                                len(missing)).format(path=path, what=what, columns=", ".join(missing),
                                                     header=",".join(columns)))
    return check_rows(rows, check_row, source=str(path), across=across)

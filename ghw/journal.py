"""Reading and writing the journal file safely.

The journal is a plain UTF-8 CSV that the user owns (see
``docs/journal-format.md``). The rules here: nothing is dropped silently,
columns the user added are kept, appends never rewrite the file, and
rewrites (edit, delete) go through a temporary file and a rename, after a
backup of the previous version.

Long because reading, checking and writing the journal share their private helpers (the raw
read, the header, one entry's rules): the promise that nothing is lost is kept in one file.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import secrets
import warnings
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import paths, schema, storage
from .errors import EntryNotFound, GhwError, ValidationError
from .i18n import _, ngettext

__all__ = ["Journal", "check", "load", "open_journal", "append", "extend", "edit", "delete", "create", "replace_values",
           "replace_entries", "as_written", "unreadable", "restore"]


def check(path: str | os.PathLike | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a journal and keep the valid entries apart from the problems.

    Returns
    -------
    entries : DataFrame
        The valid entries, typed (see :func:`ghw.schema.validate`).
    problems : DataFrame
        ``line`` (where the entry starts in the file), ``column``, ``value``
        and ``problem``; empty when the journal is valid.
    """
    path = _resolve(path)
    raw = _read_raw(path)
    typed, problems = schema.validate(raw)
    bad_rows = problems["row"].unique()
    lines = _start_lines(raw) if len(problems) else np.array([], dtype="int64")
    problems.insert(0, "line", lines[problems["row"].to_numpy()])
    entries = typed.drop(index=typed.index[bad_rows]).reset_index(drop=True)
    return entries, problems.drop(columns="row")


def load(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and validate a journal; raise :class:`ValidationError` listing every problem.

    ``path`` defaults to the user's journal (:func:`ghw.paths.journal_path`).
    """
    path = _resolve(path)
    entries, problems = check(path)
    if len(problems):
        raise ValidationError(problems, source=str(path))
    return entries


class Journal(NamedTuple):
    """What a notebook shows: the valid entries, the problems, and where they came from."""

    entries: pd.DataFrame
    problems: pd.DataFrame
    path: Path
    is_sample: bool


def open_journal(path: str | os.PathLike | None = None) -> Journal:
    """The user's journal, or the bundled sample data while there is none yet.

    Unlike :func:`load` this does not raise on invalid entries: they are
    returned in ``problems`` so that the notebook can show them and go on.
    """
    path = _resolve(path)
    is_sample = not path.exists() or path.stat().st_size == 0
    if is_sample:
        path = paths.SAMPLE_JOURNAL
    entries, problems = check(path)
    return Journal(entries, problems, path, is_sample)


def create(path: str | os.PathLike, entries: pd.DataFrame) -> None:
    """Write ``entries`` (typed, or text as in the file) as a new journal.

    Refuses to replace a journal that already has entries.
    """
    path = storage.check_path(Path(path))
    if path.exists() and path.stat().st_size > 0:
        raise GhwError(_("{path} already exists; ghw never overwrites a journal. Choose another file.").format(path=path))
    text = pd.DataFrame({c: _column_as_text(entries[c]) for c in entries.columns})
    _validate_frame(text)
    with storage.locked(path):
        _rewrite(path, text)


def append(path: str | os.PathLike | None, entry: Mapping) -> dict:
    """Add one entry to the end of the journal and return it, typed (missing values as None).

    ``entry`` maps column names to values (text, numbers, dates or times);
    ``id`` is generated when missing. The entry is validated first; the line
    is then appended under a lock and synced to disk, so the cost does not
    grow with the journal and a crash cannot truncate what is already there.
    A missing file is created with the header.
    """
    path = _resolve(path)
    values = {key: _as_text(value) for key, value in entry.items()}
    given_id = values.get("id", "")
    values["id"] = given_id or secrets.token_hex(8)
    typed = _validate_entry(values)
    values = _without_empty_optional(values)
    with storage.locked(path):
        header = _writable_header(path, values)
        if given_id and given_id in _ids_in(path):
            raise ValidationError.from_rows([("id", given_id, _("is used by an earlier entry; ids must be unique"))])
        _append_lines(path, header, [values])
    return typed


def extend(path: str | os.PathLike | None, entries: pd.DataFrame, *, dry_run: bool = False) -> pd.DataFrame:
    """Add many entries at once, as an import does; return the ones added.

    All entries are validated first (nothing is added when one is invalid).
    Entries whose id is already in the journal are skipped, so importing the
    same file twice adds nothing the second time. The rest is appended in one
    write. With ``dry_run`` nothing is written: the result is what would be
    added.
    """
    path = _resolve(path)
    text = as_written(entries)
    if dry_run:
        return text.loc[~text["id"].isin(_ids_in(path))].reset_index(drop=True)
    text = text.drop(columns=[c for c in schema.OPTIONAL_COLUMNS if c in text and not (text[c] != "").any()])
    with storage.locked(path):
        new = text.loc[~text["id"].isin(_ids_in(path))]
        if len(new):
            _append_lines(path, _writable_header(path, dict.fromkeys(text.columns, "given")), new.to_dict("records"))
    return new.reset_index(drop=True)


def as_written(entries: pd.DataFrame) -> pd.DataFrame:
    """``entries`` (typed, or text) as :func:`extend` writes them: text in every column of the format, an id on
    every row; raises :class:`ValidationError` when one breaks the format."""
    text = pd.DataFrame({c: _column_as_text(entries[c]) for c in entries.columns}, index=entries.index)
    for column in schema.COLUMNS:
        if column not in text.columns:
            text[column] = ""
    text["id"] = [value or secrets.token_hex(8) for value in text["id"]]
    _validate_frame(text)
    return text


def edit(path: str | os.PathLike | None, entry_id: str, changes: Mapping) -> dict:
    """Change some fields of the entry with ``entry_id``; return the entry as saved.

    The file is read afresh under the lock, so edits made elsewhere (in a
    spreadsheet, say) are kept; it is then rewritten atomically after a backup.
    """
    path = _resolve(path)
    if "id" in changes and _as_text(changes["id"]) != entry_id:
        raise GhwError(_("An entry's id cannot be changed."))
    with storage.locked(path):
        raw, position = _find(path, entry_id)
        changes = _without_empty_optional({key: _as_text(value) for key, value in changes.items()}, raw.columns)
        for column in schema.OPTIONAL_COLUMNS:
            if column in changes and column not in raw:
                raw[column] = ""  # the first entry that fills it in brings the column
        values = raw.iloc[position].to_dict() | changes
        _refuse_unknown(changes, raw.columns, path)
        typed = _validate_entry(values)
        raw.iloc[position] = pd.Series(values)[raw.columns].to_numpy()
        _rewrite(path, raw)
    return typed


def delete(path: str | os.PathLike | None, entry_id: str) -> dict[str, str]:
    """Remove the entry with ``entry_id``; return its fields as text.

    Passing the returned mapping to :func:`append` puts the entry back.
    """
    path = _resolve(path)
    with storage.locked(path):
        raw, position = _find(path, entry_id)
        removed = raw.iloc[position].to_dict()
        _rewrite(path, raw.drop(index=raw.index[position]))
    return removed


def replace_values(path: str | os.PathLike | None, column: str,
                   change: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Change one column in many entries at once, in one atomic rewrite after a backup.

    ``change`` is given the column as written in the file (text), indexed by
    each entry's place: ``(row, id)``, its position among the entries and its
    id. It returns the new text of the entries to change, indexed the same
    way. An entry is found by both, never by its id alone, so a row copied in
    a spreadsheet, id and all, is not changed with the one it was copied
    from. It runs under the journal's lock, on the file as it is now, so what
    it picks cannot change before the rewrite. Renaming a person everywhere
    is one call. Nothing is written when it returns no entries, and nothing
    at all when a new value breaks the format (:class:`ValidationError`).

    Returns the previous text of the entries changed, indexed the same way:
    passing it back (``lambda _: previous``) undoes the change while the
    entries are where they were.
    """
    path = _resolve(path)
    if column == "id":
        raise GhwError(_("An entry's id cannot be changed."))
    with storage.locked(path):
        raw = _read_raw(path).reset_index(drop=True)
        _refuse_unknown([column], raw.columns, path)
        typed, _problems = schema.validate(raw)
        raw["id"] = typed["id"]  # entries without an id get the one they are known by, so the change can be undone
        places = pd.MultiIndex.from_arrays([raw.index, raw["id"]], names=["row", "id"])
        current = pd.Series(raw[column].to_numpy(), index=places, dtype="str")
        new = change(current)
        if not len(new):
            return pd.Series([], index=places[:0], dtype="str")
        unknown = [place for place in new.index if place not in places]
        if unknown:
            raise EntryNotFound(_("No entry has the id {id!r} at row {row} in {path}.").format(
                id=unknown[0][1], row=unknown[0][0] + 1, path=path))
        chosen = places.isin(new.index)
        previous = current.loc[chosen]
        raw.loc[chosen, column] = new.reindex(places[chosen]).map(_as_text).to_numpy()
        _typed, problems = schema.validate(raw.loc[chosen])
        problems = problems.loc[problems["column"].isin([column, "relationship"])]
        if len(problems):
            raise ValidationError.from_rows(
                [(r.column, r.value, r.problem) for r in problems.itertuples(index=False)], source=_("This change"))
        _rewrite(path, raw)
    return previous


def unreadable(backup: str | os.PathLike, *, read: bool = True) -> str | None:
    """Why ``backup`` cannot be put back as a whole journal (empty, cut off, not a journal), or None when it can.

    Every record ghw writes ends with a line break, so a copy that stops part
    way through a line was cut off while being written, as an older ghw could
    leave one on a full disk. With ``read=False`` the file is not read as a
    journal, only its size and its last byte are looked at (for a listing).
    """
    backup = Path(backup)
    try:
        size = backup.stat().st_size
    except OSError as exc:
        return _("it cannot be read ({problem})").format(problem=exc.strerror or exc)
    if size == 0:
        return _("it is empty")
    if not storage.ends_with_newline(backup):
        return _("it ends part way through a line: it was cut off while being written")
    if not read:
        return None
    try:
        check(backup)
    except GhwError as exc:
        return _("it does not read as a journal ({problem})").format(problem=exc)
    return None


def restore(path: str | os.PathLike | None, backup: str | os.PathLike) -> None:
    """Put ``backup`` back as the journal, after checking that it reads as a whole journal.

    The version it replaces is backed up in turn; a backup that is not a
    whole journal (:func:`unreadable`) is refused and nothing changes.
    """
    path = _resolve(path)
    problem = unreadable(backup)
    if problem:
        raise GhwError(_("The backup {backup} was not put back: {problem}. Your journal was not changed; choose "
                         "another backup (ghw restore lists them).").format(backup=Path(backup).name, problem=problem))
    storage.restore(path, Path(backup))


def replace_entries(path: str | os.PathLike | None,
                    choose: Callable[[pd.DataFrame], tuple[Collection[str], pd.DataFrame] | None], *,
                    dry_run: bool = False) -> tuple[Collection[str], pd.DataFrame] | None:
    """Put other rows in place of some entries, in one atomic rewrite after a backup.

    ``choose`` runs under the journal's lock and is given every entry as
    written in the file (text, ids filled in, in the file's order). It
    returns the ids of the entries to take out and the rows to put in
    (text in the journal's columns, in order), each row with the id of the
    entry whose place it takes in a column ``in_place_of``; or None. An
    import that brings earlier imported entries up to date is one call.
    Nothing is written when ``choose`` returns None or no ids, with
    ``dry_run``, or when a new row breaks the format or repeats an id of
    another entry (:class:`ValidationError`). Returns what ``choose``
    returned.
    """
    path = _resolve(path)
    with storage.locked(path):
        raw = _read_raw(path)
        typed, _problems = schema.validate(raw)
        raw = raw.assign(id=typed["id"]).reset_index(drop=True)
        chosen = choose(raw.copy())
        if chosen is None or not len(chosen[0]) or dry_run:
            return chosen
        out, rows = set(chosen[0]), chosen[1]
        unknown = sorted((out | set(rows["in_place_of"])) - set(raw["id"]))
        if unknown:
            raise EntryNotFound(_("No entry has the id {id!r} in {path}.").format(id=unknown[0], path=path))
        counts = raw["id"].value_counts()
        copied = sorted(i for i in out if counts[i] > 1)
        if copied:  # entries are never taken out by an id alone that two of them share
            raise GhwError(_("{path}: the id {id!r} is on {n} entries (a row copied in a spreadsheet?). Give the copy "
                             "another id, or delete it, then try again; nothing was changed.").format(
                path=path, id=copied[0], n=counts[copied[0]]))
        place = raw.index.to_series(index=raw["id"]).groupby(level=0).first()
        owner = rows["in_place_of"].reset_index(drop=True)
        step = (owner.groupby(owner).cumcount() + 1) / (owner.map(owner.value_counts()) + 1)
        _refuse_unknown([c for c in rows.columns if c != "in_place_of"], raw.columns, path)
        new = pd.DataFrame({c: _column_as_text(rows[c]).to_numpy() if c in rows.columns else "" for c in raw.columns},
                           index=owner.index)
        _validate_frame(new)
        kept = raw.loc[~raw["id"].isin(out)]
        taken = sorted(set(new["id"]) & set(kept["id"]))
        if taken:
            raise ValidationError.from_rows([("id", taken[0], _("is used by another entry; ids must be unique"))],
                                            source=_("The new entries"))
        new["_order"] = place.loc[owner].to_numpy() + step.to_numpy()
        merged = pd.concat([kept.assign(_order=kept.index.astype("float")), new], ignore_index=True)
        _rewrite(path, merged.sort_values("_order", kind="stable").drop(columns="_order"))
    return chosen


# -- reading -----------------------------------------------------------------

def _resolve(path) -> Path:
    return storage.check_path(paths.journal_path() if path is None else Path(path))


def _header(path: Path) -> list[str] | None:
    """The column names on the first line, without spaces around them, or None for a missing or empty file.

    Reading and appending both go by these names, so a header a spreadsheet
    wrote as ``id, date, time`` is the same as ``id,date,time`` to either.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
            return None if header is None else [name.strip() for name in header]
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise _not_text(path) from None
    except csv.Error as exc:
        raise GhwError(_("{path}, line 1 cannot be read as CSV ({problem}); is it the right file?").format(
            path=path, problem=exc)) from None


def _read_raw(path: Path) -> pd.DataFrame:
    """Every entry as text; the index is the entry's position among the file's records."""
    header = _header(path)
    if header is None:
        if path.is_symlink() and not path.exists():
            raise GhwError(_("{path} is a link to {target}, which does not exist.").format(
                path=path, target=os.path.realpath(path)))
        if not path.exists():
            raise GhwError(_("There is no journal at {path} yet: save a first entry (notebook 01-log, or ghw "
                             "log).").format(path=path))
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in schema.COLUMNS})
    _check_header(path, header)
    try:
        with warnings.catch_warnings():
            # pandas warns, and drops values, when a row is longer than the header.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            # na_filter=False: every cell stays text, and a short row's missing cells are "".
            raw = pd.read_csv(
                path, dtype="str", na_filter=False, skip_blank_lines=False, index_col=False, encoding="utf-8-sig",
                names=[name or f"\0{i}" for i, name in enumerate(header)], header=0,
            )
    except UnicodeDecodeError:
        raise _not_text(path) from None
    except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error) as exc:
        raise GhwError(_explain_parser_error(path, exc, len(header))) from None
    raw = _drop_unnamed(path, raw)
    odd = raw.index[raw["date"].isin(["", "date"])]
    if len(odd):
        rows = raw.loc[odd]
        # Blank lines hold nothing, and files pasted together repeat their header: neither is an entry.
        blank = (rows == "").all(axis=1) | (rows == rows.columns).all(axis=1)
        raw = raw.drop(index=odd[blank.to_numpy()])
    for column in schema.COLUMNS:
        if column not in raw.columns:
            raw[column] = ""
    return raw


def _drop_unnamed(path: Path, raw: pd.DataFrame) -> pd.DataFrame:
    """Columns without a name (spreadsheets add them) are dropped when empty, and refused otherwise."""
    unnamed = [c for c in raw.columns if c.startswith("\0")]
    for column in unnamed:
        if (raw[column] != "").any():
            position = int(column[1:]) + 1
            raise GhwError(_("{path}, line 1: column {position} has values but no name; give it a name in the first "
                             "line.").format(path=path, position=position))
    return raw.drop(columns=unnamed)


def _start_lines(text: pd.DataFrame) -> np.ndarray:
    """The file line where each entry starts, below a one-line header.

    ``text``'s index is each entry's position among the file's records; an
    entry starts one line further down for every line break inside the quoted
    fields of the entries before it.
    """
    if not len(text):
        return np.array([], dtype="int64")
    breaks = sum(text[c].str.count("\n") for c in text.columns).to_numpy()
    return 2 + text.index.to_numpy() + np.concatenate([[0], np.cumsum(breaks)[:-1]])


def _check_header(path: Path, names: list[str]) -> None:
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise GhwError(ngettext("{path}, line 1: the column {columns} appears more than once.",
                                "{path}, line 1: the columns {columns} appear more than once.", len(repeated)).format(
            path=path, columns=", ".join(map(repr, repeated))))
    missing = [c for c in ("date", "mood") if c not in names]
    if missing and len(names) == 1 and names[0].count(";") >= 2:
        raise GhwError(_("{path}, line 1: the columns are separated by semicolons; a journal uses commas. In your "
                         "spreadsheet, save it as 'CSV UTF-8 (comma delimited)'.").format(path=path))
    if missing:
        said = dict(path=path, header=",".join(schema.COLUMNS), column=repr(missing[0]))
        raise GhwError((_("{path}, line 1: the journal has no {column} column. Its first line must name the columns, "
                          "for example: {header}") if len(missing) == 1 else
                        _("{path}, line 1: the journal has no {column} or {other} column. Its first line must name the "
                          "columns, for example: {header}")).format(**said, other=repr(missing[-1])))


def _explain_parser_error(path: Path, exc: Exception, width: int) -> str:
    if unclosed := storage.unclosed_quote(path):
        return unclosed
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            for row in reader:
                if len(row) > width:
                    return _("{path}, line {line}: it has {n} values but the header names {width} columns. A comma "
                             "inside a note needs the whole note in double quotes.").format(
                        path=path, line=reader.line_num, n=len(row), width=width)
    except csv.Error as error:
        return _("{path}, line {line}: {problem}; is it the right file?").format(path=path, line=reader.line_num,
                                                                                 problem=error)
    return _("{path} cannot be read as a CSV file ({problem}); is it the right file?").format(path=path, problem=exc)


_NEWLINE = b"\n"


def _not_text(path: Path) -> GhwError:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        position = None
    except UnicodeDecodeError as exc:
        position = exc.start
    if position is None:
        return GhwError(_("{path} is not UTF-8 text. If a spreadsheet saved it, save it again as 'CSV UTF-8'; if not, "
                          "is it the right file?").format(path=path))
    return GhwError(_("{path}, line {line} is not UTF-8 text. If a spreadsheet saved it, save it again as 'CSV UTF-8'; "
                      "if not, is it the right file?").format(path=path, line=data.count(_NEWLINE, 0, position) + 1))


def _find(path: Path, entry_id: str) -> tuple[pd.DataFrame, int]:
    """The raw journal, with every id filled in, and the position of ``entry_id``."""
    raw = _read_raw(path)
    typed, _problems = schema.validate(raw)
    raw["id"] = typed["id"]
    hits = (raw["id"] == entry_id).to_numpy().nonzero()[0]
    if not len(hits):
        raise EntryNotFound(_("No entry has the id {id!r} in {path}.").format(id=entry_id, path=path))
    return raw, int(hits[0])


# -- validating one entry -----------------------------------------------------

def _as_text(value) -> str:
    """A value as the journal writes it: dates ISO, times HH:MM, missing empty."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _one_line_break(str(value))


def _one_line_break(text: str) -> str:
    # Python's csv writer does not quote a lone carriage return, so the
    # journal stores every line break inside a field as "\n".
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _column_as_text(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    return column.astype("str").fillna("").map(_one_line_break)


def _validate_frame(text: pd.DataFrame) -> None:
    missing = [c for c in schema.COLUMNS if c not in text.columns]
    if missing:
        raise GhwError(ngettext("The entries lack the column {columns}.", "The entries lack the columns {columns}.",
                                len(missing)).format(columns=", ".join(missing)))
    _typed, problems = schema.validate(text)
    if len(problems):
        problems.insert(0, "line", _start_lines(text)[problems["row"].to_numpy()])
        raise ValidationError(problems.drop(columns="row"), source=_("the new journal"))


def _validate_entry(values: dict[str, str]) -> dict:
    """Check one entry; normalize ``values`` in place to what gets written; return it typed."""
    typed, problems = schema.check_entry(values)
    if problems:
        raise ValidationError.from_rows(problems)
    # Normalized values are what gets written ("Friend" is saved as "friend").
    for column in (*schema.COLUMNS, *(c for c in schema.OPTIONAL_COLUMNS if c in values)):
        values[column] = _as_text(typed[column])
    typed["date"] = pd.Timestamp(typed["date"])
    return typed | {key: value for key, value in values.items() if key not in typed}


# -- writing -------------------------------------------------------------------

def _without_empty_optional(values: dict[str, str], columns=()) -> dict[str, str]:
    """``values`` without the optional columns left empty, unless ``columns`` (the file's) has them."""
    return {k: v for k, v in values.items() if v != "" or k not in schema.OPTIONAL_COLUMNS or k in columns}


def _writable_header(path: Path, values: Mapping) -> list[str]:
    """The header new lines follow; adds missing format columns first, refuses unknown keys.

    An optional column (:data:`ghw.schema.OPTIONAL_COLUMNS`) is added only when ``values`` fills it in.
    """
    header = _header(path)
    wanted = [*schema.COLUMNS, *(c for c in schema.OPTIONAL_COLUMNS if values.get(c))]
    if header is None:
        header = wanted
    elif missing := [c for c in wanted if c not in header]:
        raw = _read_raw(path)
        for column in missing:
            if column not in raw:
                raw[column] = ""
        _rewrite(path, raw)
        header = [*header, *missing]
    _refuse_unknown(values, header, path)
    return header


def _refuse_unknown(keys, columns, path: Path) -> None:
    unknown = [key for key in keys if key not in columns]
    if unknown:
        raise GhwError(ngettext("{columns} is not a column of {path}.", "{columns} are not columns of {path}.",
                                len(unknown)).format(columns=", ".join(unknown), path=path))


def _ids_in(path: Path) -> set[str]:
    """The ids of the journal's entries, as :func:`load` gives them (a file without an id column gets content ids)."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    header = _header(path) or []
    try:
        if "id" not in header:
            return set(check(path)[0]["id"])
        ids = pd.read_csv(path, usecols=[header.index("id")], dtype="str", na_filter=False, encoding="utf-8-sig")
        return set(ids.iloc[:, 0])
    except pd.errors.ParserError as exc:
        raise GhwError(_explain_parser_error(path, exc, len(header))) from None


def _append_lines(path: Path, header: list[str], rows: list[dict]) -> None:
    storage.append_rows(path, header, [[values.get(column, "") for column in header] for values in rows])


def _rewrite(path: Path, raw: pd.DataFrame) -> None:
    """Replace the journal with ``raw`` atomically, after backing up the old one."""
    storage.replace(path, raw.apply(_column_as_text).to_csv(index=False, lineterminator="\n"))

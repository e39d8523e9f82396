"""Bringing imported entries into a journal, and bringing them up to date when the import is run again.

An import may be run many times over the same history: a newer export of
the same diary, or the same export with a changed map (which activities are
connections, what each mood is worth). Each entry of the source is then one
of these:

* **new**: none of its rows is in the journal yet; it is added;
* **the same**: the journal holds exactly what the source gives now;
* **updated**: the journal holds a version ghw wrote at an earlier import,
  unchanged since, and the source now gives another; it is replaced, in one
  rewrite after a backup;
* **kept**: the journal holds a version that was changed in ghw since it
  was imported (edited, deleted in part, filled in by hand); the person's
  version stays;
* **left**: it would be updated, but the import was not asked to update
  (``update=False``: a Daylio import given no activities map must not take
  away the connections an earlier map gave).

How ghw knows a version is its own: each import writes, to a record beside
the journal (``<journal>.imported.csv``, see ``docs/import.md``), a
fingerprint of each entry's rows as it wrote them. The record only grows:
an entry is unchanged since an import when its rows now match any
fingerprint written for it, so a crash between the record and the journal
is harmless. An entry imported before ghw kept a record has no
fingerprint; it counts as unchanged when it matches ``plain``, what the
source gives with no map at all, as that earlier import wrote it.

An entry is all the rows an importer makes from one source entry (a Daylio
entry with two people is two rows); ``entry_of`` tells which entry a row id
belongs to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .. import journal, paths, storage
from ..errors import ValidationError
from ..folder import JournalFolder
from ..i18n import _
from ._table import read_table

__all__ = ["Merged", "RECORD_COLUMNS", "bring_in", "record_path", "load_record", "fingerprints"]

RECORD_COLUMNS = ("entry", "fingerprint", "imported")


class Merged(NamedTuple):
    """What an import did (or, in a dry run, would do).

    ``added``: the rows added, as text. The other fields count source
    entries: ``same`` already as the source gives them; ``updated`` brought
    up to date, of which ``gained`` now have a connection and had none,
    ``lost`` had one and now have none; ``kept`` changed in ghw since they
    were imported, so left as the person has them; ``left`` would have been
    updated, but the import was not asked to. ``backup`` is the copy of the
    journal taken before the update, if there was one.
    """

    added: pd.DataFrame
    same: int = 0
    updated: int = 0
    gained: int = 0
    lost: int = 0
    kept: int = 0
    left: int = 0
    backup: Path | None = None


def record_path(journal_file: str | os.PathLike | None = None) -> Path:
    """The import record of a journal: ``<name>.imported.csv`` beside the real file (a link's target)."""
    return JournalFolder(journal_file).imported


def load_record(path: str | os.PathLike) -> dict[str, set[str]]:
    """Every fingerprint written for each entry; a missing or empty file holds none.

    A line that is not as ghw writes them (an empty entry, a fingerprint
    that is not hexadecimal digits) is a :class:`ValidationError` naming it.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return {}
    table = read_table(path, _("import record"), required=("entry", "fingerprint"))
    bad = (table["entry"].str.strip() == "") | ~table["fingerprint"].str.fullmatch("[0-9a-f]+")
    if bad.any():
        raise ValidationError.from_rows(
            [(line + 2, "fingerprint", value, _("is not as ghw writes it (an entry and hexadecimal digits); delete the "
                                                "line (docs/import.md says what the file is for)"))
             for line, value in table.loc[bad, "fingerprint"].items()], source=str(path))
    found: dict[str, set[str]] = {}
    for entry, fingerprint in zip(table["entry"].tolist(), table["fingerprint"].tolist()):
        found.setdefault(entry, set()).add(fingerprint)
    return found


def fingerprints(rows: pd.DataFrame, entries: pd.Series) -> pd.Series:
    """One fingerprint per entry (index) of ``rows`` (text, as in the file), where ``entries`` names each row's.

    It covers each row's id and every non-empty cell, named by its column,
    so that an empty column a spreadsheet added, or columns in another
    order, change nothing, and any value typed into any column does.
    """
    columns = sorted(c for c in rows.columns if c != "id")
    cells = [(c + "=") + rows[c].astype("str") for c in columns]
    filled = [cell.where(rows[c].astype("str") != "", "") for c, cell in zip(columns, cells)]
    text = rows["id"].astype("str")
    for cell in filled:
        text = text + "\x1f" + cell
    keys, texts = entries.astype("str").tolist(), text.tolist()
    found = {}
    for key, group in itertools.groupby(sorted(zip(keys, texts)), key=lambda pair: pair[0]):
        joined = "\x1e".join(row for _, row in group)
        found[key] = hashlib.sha1(joined.encode("utf-8")).hexdigest()[:20]
    return pd.Series(found, dtype="str")


def bring_in(path: str | os.PathLike | None, rows: pd.DataFrame, *, entry_of: Callable[[pd.Series], pd.Series],
             update: bool = True, plain: Callable[[], pd.DataFrame] | None = None, dry_run: bool = False) -> Merged:
    """Add the new entries of ``rows`` to the journal at ``path`` and bring the others up to date (see the module).

    ``rows`` are journal rows as text with their ids; ``entry_of`` maps row
    ids to entry ids; ``plain`` (optional) makes what the source gives
    without any map, for entries imported before ghw kept a record (called
    only when the journal holds such entries). Everything is validated
    before anything is written; with ``dry_run`` nothing is.
    """
    path = storage.check_path(Path(path) if path is not None else paths.journal_path())
    text = journal.as_written(rows)
    entries = entry_of(text["id"])
    wanted = fingerprints(text, entries)
    record = record_path(path)
    seen: dict = {}

    def choose(current: pd.DataFrame) -> tuple[list[str], pd.DataFrame] | None:
        there = entry_of(current["id"])
        mine = current.loc[there.isin(wanted.index).to_numpy()]
        there = there.loc[mine.index]
        now = fingerprints(mine, there)
        written = load_record(record)
        base = pd.Series(dtype="str")
        if plain is not None and not now.index.isin(list(written)).all():
            made = plain()
            base = fingerprints(made, entry_of(made["id"]))
        own = pd.Series([f in written[e] if e in written else f == base.get(e) for e, f in now.items()],
                        index=now.index, dtype="bool")
        differs = now != wanted.loc[now.index]
        stale = now.index[(differs & own).to_numpy()]
        chosen = stale if update else stale[:0]
        had, will = _connected(mine, there).reindex(chosen), _connected(text, entries).reindex(chosen)
        seen.update(present=set(now.index), same=int((~differs).sum()), kept=int((differs & ~own).sum()),
                    left=len(stale) - len(chosen), updated=len(chosen), gained=int((will & ~had).sum()),
                    lost=int((had & ~will).sum()))
        if dry_run or not len(chosen):
            return None
        _remember(record, wanted.loc[chosen])
        out = mine.loc[there.isin(chosen).to_numpy()]
        first = out.groupby(there.loc[out.index].to_numpy(), sort=False)["id"].first()  # where each entry was
        rows = text.loc[entries.isin(chosen).to_numpy()]
        return out["id"].tolist(), rows.assign(in_place_of=first.loc[entries.loc[rows.index]].to_numpy())

    if path.exists() and path.stat().st_size > 0:
        journal.replace_entries(path, choose, dry_run=dry_run)
    present = seen.pop("present", set())
    fresh = text.loc[~entries.isin(present).to_numpy()]
    if not dry_run and len(fresh):
        _remember(record, wanted.loc[~wanted.index.isin(present)])
    added = journal.extend(path, fresh, dry_run=dry_run)
    backup = storage.backups(path)[-1] if seen.get("updated") and not dry_run else None
    return Merged(added, **seen, backup=backup)


def _connected(rows: pd.DataFrame, entries: pd.Series) -> pd.Series:
    """Whether each entry has a connection: any of its rows names a relationship."""
    named = pd.Series((rows["relationship"].astype("str").str.strip() != "").to_numpy(), index=entries.to_numpy())
    return named.groupby(level=0).any()


def _remember(record: Path, fingerprints_: pd.Series) -> None:
    """Append the fingerprints of the entries about to be written (before they are: see the module)."""
    if fingerprints_.empty:
        return
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    with storage.locked(record):
        storage.append_rows(record, RECORD_COLUMNS, [[e, f, stamp] for e, f in fingerprints_.items()])

"""Renaming a person in every entry, undoing it, and restoring a backup, without ever making a private person public.

The journal is changed atomically after a backup, and the people file
learns a new name before the journal does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import journal, paths
from .. import names as naming
from ..errors import GhwError
from ..i18n import _
from ..names import check, find, key, short
from .file import PEOPLE_COLUMNS, load_people, people_path, private_names, set_private, update

__all__ = ["Renamed", "rename", "undo_rename", "restore"]

@dataclass(frozen=True)


class Renamed:
    """What :func:`rename` changed, enough to undo it with :func:`undo_rename`."""

    old: str
    new: str
    merged: bool
    previous: pd.Series  # the person column as it was, for the entries changed, indexed by id
    settings_before: dict  # people.csv rows for old and new before the rename ({"old": row or None, "new": ...})

    @property
    def count(self) -> int:
        return len(self.previous)


def rename(path: str | os.PathLike | None, old: str, new: str, *, merge: bool = False) -> Renamed:
    """Call ``old`` by ``new`` in every entry (the person column), atomically and after a backup.

    When ``new`` is already someone in the journal, their entries would merge:
    that happens only with ``merge=True``; without it a :class:`GhwError`
    asks. ``old`` is matched as the journal writes it, ignoring spaces around
    it (so "sam " is renamed with "sam"). A wished rhythm and a private mark
    go with the person to the new name (a merge keeps the new name's rhythm,
    and is private if either was). A private mark also stays on the old name,
    for the entries an older backup (``ghw restore``) would put back and for
    other spellings of it the journal still holds: a private person never
    becomes public by a rename, a restore or a crash at any point. The old
    name's rhythm is forgotten once no entry is written with it.
    ``people.csv`` learns the new name before the journal changes.
    """
    path = Path(path) if path else paths.journal_path()
    entries, _problems = journal.check(path)  # lines with problems elsewhere do not stop a rename
    old = find(entries, old)
    new = check(new, _("The new name"))
    names = set(naming.named(entries)["person"])
    if new == old:
        raise GhwError(_("{name} is already written that way; nothing to change.").format(name=repr(short(old))))
    exists = new in names
    if exists and not merge:
        raise GhwError(_("{new} is already someone in your journal. Renaming {old} would merge the two into one "
                         "person; say so to go ahead (ghw people rename OLD NEW --merge).").format(
                             new=repr(short(new)), old=repr(short(old))))
    home = people_path(path)
    settings = load_people(home) if home.exists() else pd.DataFrame(columns=list(PEOPLE_COLUMNS))
    before = {side: _row_for(settings, name) for side, name in (("old", old), ("new", new))}
    combined = _combine(before["old"], before["new"])
    if combined is not None and key(old) != key(new):
        update(home, {"person": new}, combined)
    previous = journal.replace_values(path, "person", lambda column: pd.Series(
        new, index=column.index[(column.str.strip() == old).to_numpy()], dtype="str"))
    left = journal.check(path)[0]["person"].dropna()
    if (before["old"] is not None and key(old) != key(new) and isinstance(before["old"].get("every"), str)
            and not (left.map(key) == key(old)).any()):
        update(home, {"person": old}, {"every": ""})
    return Renamed(old, new, exists, previous, before)


def _row_for(settings: pd.DataFrame, name: str) -> dict | None:
    rows = settings.loc[settings["person"].map(lambda p: isinstance(p, str) and key(p) == key(name))]
    return None if rows.empty else rows.iloc[0].to_dict()


def _combine(old: dict | None, new: dict | None) -> dict | None:
    """The settings a renamed person keeps: the new name's rhythm first, private if either was."""
    if old is None:
        return None
    every = (new or {}).get("every") if isinstance((new or {}).get("every"), str) else old.get("every")
    private = bool(old.get("private")) or bool((new or {}).get("private"))
    return {"every": every if isinstance(every, str) else "", "private": "yes" if private else ""}


def undo_rename(path: str | os.PathLike | None, renamed: Renamed) -> int:
    """Put back the names a :func:`rename` changed (entries added since are left alone); return how many.

    The journal is put back first and ``people.csv`` after, so an undo cut
    short leaves the merged person private as long as any entry of a private
    person is under their name.
    """
    path = Path(path) if path else paths.journal_path()
    count = len(journal.replace_values(path, "person", lambda column: _still_named(renamed.previous, column,
                                                                                   renamed.new)))
    before = renamed.settings_before
    if before["old"] is not None:  # the rename moved settings: put both names' rows back as they were
        home = people_path(path)
        for name, row in ((renamed.old, before["old"]), (renamed.new, before["new"])):
            values = {"every": "", "private": ""} if row is None else {
                "every": row["every"] if isinstance(row["every"], str) else "", "private": "yes" if row["private"] else ""}
            update(home, {"person": name}, values)
    return count


def restore(path: str | os.PathLike | None, backup: str | os.PathLike) -> list[str]:
    """Put a backup of the journal back (:func:`ghw.journal.restore`), keeping private whoever is private now.

    An entry that is a private person's now stays a private person's: when
    the backup writes it under a name that is not marked private (the name
    before a rename, or the person a merge put it under), that name is
    marked private in ``people.csv`` first. Returns the names so marked.
    """
    path = Path(path) if path else paths.journal_path()
    home = people_path(path)
    settings = load_people(home) if home.exists() else None
    now, _problems = journal.check(path) if path.exists() else (pd.DataFrame(columns=["id", "person"]), None)
    theirs = set(now.loc[now["person"].isin(private_names(settings, now["person"].dropna().unique())), "id"])
    marked = []
    if theirs:
        if journal.unreadable(backup) is None:
            then, _problems = journal.check(backup)
            names = then.loc[then["id"].isin(theirs), "person"].dropna().unique()
            marked = sorted(set(names) - private_names(settings, names))
            for name in marked:
                set_private(home, name)
    journal.restore(path, backup)
    return marked


def _still_named(previous: pd.Series, column: pd.Series, name: str) -> pd.Series:
    """``previous`` (text by ``(row, id)``) for the entries of ``column`` still written ``name``.

    An entry is found at its place; one that moved (an entry above it was
    deleted since) is found by its id, when exactly one entry has that id.
    """
    named = set(column.index[(column.str.strip() == name).to_numpy()])
    ids = column.index.get_level_values("id")
    counts = ids.value_counts()
    unique = {place[1]: place for place in column.index if counts[place[1]] == 1}
    found = {}
    for place, text in previous.items():
        place = place if place in named else unique.get(place[1])
        if place in named:
            found[place] = text
    index = pd.MultiIndex.from_tuples(list(found), names=column.index.names) if found else column.index[:0]
    return pd.Series(list(found.values()), index=index, dtype="str")

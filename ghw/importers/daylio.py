"""Daylio's CSV export, every generation of it, as journal entries.

What the export holds, and how it becomes a journal (see ``docs/import.md``):

* columns are found by name, never by position; ``full_date`` is the date
  when present (``date`` and ``weekday`` are in the phone's language), older
  exports give ``year`` plus a ``date`` like ``25 November``;
* times come as ``14:58``, ``6:50 pm`` or ``5:01 PM``, mixed in one file;
* moods are names; the five default names map to the 0-10 scale by
  :data:`DEFAULT_MOODS`, any other name needs a mapping from the user;
* activities are joined with ``|``; a mapping can turn some of them into
  connections (a kind of relationship, and optionally a person). An entry
  that names several people becomes one journal row per person, all with
  the entry's date, time and mood; the note goes on the first row. Other
  activities are kept: as the connection's activity (a list, written
  ``walk | cinema`` as the journal format describes), or in the note of a
  plain check-in;
* notes keep their text, with ``<br>`` turned into line breaks; the title
  and any scales are kept in the note too;
* an entry's id comes from what identifies it in Daylio (its date, its time
  as exported, and its place among entries with the same date and time), not
  from what the mappings make of it: importing again with other mappings, or
  after editing a note in Daylio, finds the same entries.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .. import journal, paths, schema
from ..errors import GhwError, ValidationError
from ..i18n import _, ngettext
from . import maps, merge
from ._base import Importer, Option, register
from ._table import read_text

__all__ = ["DEFAULT_MOODS", "UnmappedMoods", "Contents", "Imported", "read_daylio", "contents", "import_daylio",
           "entry_of", "map_paths", "already_imported", "IMPORTER"]

ID_PREFIX = "daylio-"  # every id of an imported Daylio entry starts so
DEFAULT_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_OLD_DATES = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%d. %B %Y")


class UnmappedMoods(GhwError):
    """Mood names without a place on the 0-10 scale; ``counts`` says how often each appears.

    ``template`` is the moods map to fill in (``written`` says whether this
    import wrote it); ``activities``, when given, is the activities map
    offered beside it, so that both can be filled in before the next try.
    """

    def __init__(self, counts: Counter, template: Path, written: bool, activities: Path | None = None):
        self.counts, self.template, self.written, self.activities = counts, template, written, activities
        listed = ", ".join(ngettext("{name!r} ({n} entry)", "{name!r} ({n} entries)", n).format(name=name, n=n)
                           for name, n in counts.most_common())
        where = (_("in {file}, which lists them,").format(file=template) if written else
                 _("in a CSV with the columns name and mood ({file} is already there and was left as it is)").format(
                     file=template))
        said = _("These moods have no number yet: {moods}. Nothing was imported. Give each a mood (0 = worst, "
                 "10 = best) {where} and run the import again with --moods FILE.").format(moods=listed, where=where)
        if activities:
            said += " " + _("Your activities are listed in {file}: say there which of them were time with someone, "
                            "and add --activities {file}.").format(file=activities)
        super().__init__(said)


class Contents(NamedTuple):
    """What an export holds, for a page that shows it before importing.

    ``entries`` is how many rows it has, ``first`` and ``last`` its first and
    last dates (as written, YYYY-MM-DD; empty when none can be read),
    ``moods`` and ``activities`` how often each name appears, most frequent
    first (activities as first spelled, matched ignoring case).
    """

    entries: int
    first: str
    last: str
    moods: Counter
    activities: Counter


class Imported(NamedTuple):
    """What :func:`import_daylio` did: the merge, and where the activities map stands.

    ``merged`` is the :class:`~ghw.importers.merge.Merged`; ``earlier``
    counts the entries an earlier version of ghw imported under other ids
    (:func:`already_imported`), which are left as they are. ``activities``
    is how many different activities the export has, ``mapped`` how many of
    them the map given makes connections, ``suggested`` the map's
    activities that are still suggestions. ``offered`` is the file of the
    activities map: the one given, or the one offered beside the export
    when none was given (``written`` says whether this import wrote it;
    otherwise it was there already, or, in a dry run, would be written);
    None when the map was given as a table.
    """

    merged: merge.Merged
    earlier: int
    activities: int
    mapped: int
    suggested: list[str]
    offered: Path | None
    written: bool


def map_paths(export: str | Path) -> tuple[Path, Path]:
    """The moods and activities maps offered beside an export: ``NAME.moods.csv`` and ``NAME.activities.csv``."""
    export = Path(export)
    return export.with_name(f"{export.stem}.moods.csv"), export.with_name(f"{export.stem}.activities.csv")


def entry_of(ids: pd.Series) -> pd.Series:
    """The Daylio entry each journal id belongs to: ``daylio-…`` for the first person of it and ``daylio-….1``, ...
    for the others."""
    return ids.astype("str").str.replace(r"\..*", "", regex=True)


def contents(path: str | Path) -> Contents:
    """Count what an export holds (see :class:`Contents`), without reading it as entries."""
    rows, _header = _records(Path(path))
    dates = sorted(d for d, problem in (_date(r) for _, r in rows) if not problem)
    moods = Counter(r["mood"].strip() for _, r in rows)
    return Contents(len(rows), dates[0] if dates else "", dates[-1] if dates else "", moods, _activity_counts(rows))


def import_daylio(export: str | Path, *, journal: str | Path | None = None,
                  moods: str | os.PathLike | Mapping[str, int] | None = None,
                  activities: str | os.PathLike | pd.DataFrame | None = None, dry_run: bool = False) -> Imported:
    """Import a Daylio export into a journal, with its moods and activities maps (if any).

    Each map is given as its file, or as what it holds: mood names to
    numbers, and a table of ``activity``, ``relationship``, ``person`` and
    ``status`` as :func:`~ghw.importers.maps.check_activities` makes it (the
    Import page holds its maps so). New entries are added; entries an
    earlier import wrote are brought up to date when an activities map is
    given, unless they were changed in ghw since
    (:func:`ghw.importers.merge.bring_in`). When the export has activities
    and no map is given, and so none is a connection, the activities map is
    offered beside the export (:func:`map_paths`), never over a file that
    is there; unknown moods stop the import (:class:`UnmappedMoods`), with
    both maps offered. With ``dry_run`` nothing is written anywhere.
    """
    export = Path(export)
    mood_map = maps.read_mood_map(moods) if isinstance(moods, (str, os.PathLike)) else moods
    table = maps.read_activity_table(activities) if isinstance(activities, (str, os.PathLike)) else activities
    links = ({r.activity: (r.relationship, r.person) for r in table.itertuples() if r.status == "connection"}
             if table is not None else None)
    records, _header = _records(export)
    counts = _activity_counts(records)
    mapped = sum(1 for name in counts if name.strip().casefold() in {k.strip().casefold() for k in links or {}})
    offered, written = None, False
    if isinstance(activities, (str, os.PathLike)):
        offered = Path(activities)
    elif activities is None and counts:
        offered = map_paths(export)[1]
        written = not dry_run and maps.write_template(offered, maps.activity_template(counts))
    try:
        rows = read_daylio(export, moods=mood_map, activities=links, template=not dry_run)
    except UnmappedMoods as exc:
        raise UnmappedMoods(exc.counts, exc.template, exc.written, offered if written else None) from None
    earlier = _earlier(journal, rows)
    merged = merge.bring_in(journal, rows.loc[~earlier], entry_of=entry_of, update=activities is not None,
                            plain=lambda: read_daylio(export, moods=mood_map, template=False), dry_run=dry_run)
    suggested = table.loc[table["status"] == "suggested", "activity"].tolist() if table is not None else []
    return Imported(merged, int(entry_of(rows.loc[earlier, "id"]).nunique()), len(counts), mapped, suggested,
                    offered, written)


def _earlier(journal_file, rows: pd.DataFrame) -> pd.Series:
    """Which rows an earlier version of ghw imported under other ids (:func:`already_imported`)."""
    path = Path(journal_file) if journal_file is not None else paths.journal_path()
    if not path.is_file() or path.stat().st_size == 0:
        return pd.Series(False, index=rows.index)
    return already_imported(rows, journal.check(path)[0])


def _activity_counts(rows: list[tuple[int, dict]]) -> Counter:
    """How many entries have each activity, matched ignoring case, under its most frequent spelling."""
    spellings = Counter(a for _, r in rows for a in dict.fromkeys(_activities(r)))
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for name, n in spellings.most_common():
        key = name.casefold()
        names.setdefault(key, name)
        counts[names[key]] += n
    return Counter(dict(counts.most_common()))


def _activities(record: dict) -> list[str]:
    return [a.strip() for a in record.get("activities", "").split("|") if a.strip()]


def read_daylio(path: str | Path, *, moods: Mapping[str, int] | None = None,
                activities: Mapping[str, tuple[str, str]] | None = None, template: bool = True) -> pd.DataFrame:
    """Read a Daylio export into journal rows (text, one column per format column), oldest first.

    ``moods`` maps Daylio mood names to 0-10 and adds to or overrides
    :data:`DEFAULT_MOODS`. ``activities`` maps activity names to
    ``(relationship, person)``; ``person`` may be empty. Names match
    ignoring case and surrounding spaces. When moods have no number, a
    template to fill in is written beside the export (``template=False``, as
    in a dry run, writes nothing), never over a file that is there.
    """
    path = Path(path)
    rows, columns = _records(path)
    mood_map = {k.casefold(): v for k, v in {**DEFAULT_MOODS, **(moods or {})}.items()}
    people = {k.strip().casefold(): v for k, v in (activities or {}).items()}
    unknown = Counter(r["mood"].strip() for _, r in rows if r["mood"].strip().casefold() not in mood_map)
    if unknown:
        target = map_paths(path)[0]
        table = maps.mood_template(Counter(r["mood"].strip() for _, r in rows), {**DEFAULT_MOODS, **(moods or {})})
        written = template and maps.write_template(target, table)
        raise UnmappedMoods(unknown, target, written)

    out, problems, identities = [], [], []
    for line, record in rows:
        date, problem = _date(record)
        if problem:
            problems.append((line, "full_date" if "full_date" in columns else "date", problem[0], problem[1]))
            continue
        time = _time(record.get("time", ""))
        if time is None and record.get("time", "").strip():
            problems.append((line, "time", record["time"], _("is not a time like 14:58 or 6:50 pm")))
            continue
        acts = _activities(record)
        links = [people[a.casefold()] for a in acts if a.casefold() in people]
        others = [a for a in acts if a.casefold() not in people]
        note = _note(record, others if not links else [])
        base = {"date": date, "time": time or "", "mood": str(mood_map[record["mood"].strip().casefold()])}
        identities.append(f"{date}\x1f{record.get('time', '').strip()}")
        entry = []
        for k, (relationship, person) in enumerate(links or [(None, None)]):
            row = dict.fromkeys(schema.COLUMNS, "") | base
            if relationship:
                row |= {"relationship": relationship, "person": person or "", "activity": " | ".join(others)}
            row["note"] = note if k == 0 else ""
            row["id"] = f".{k}" if k else ""  # the entry's id comes below; extra people get .1, .2, ...
            entry.append(row)
        out.append(entry)
    if problems:
        raise ValidationError.from_rows(problems, source=str(path))
    ids = schema.content_ids(pd.Series(identities, dtype="str"), ID_PREFIX, digits=12)
    flat = [row | {"id": entry_id + row["id"]} for entry_id, entry in zip(ids, out) for row in entry]
    frame = pd.DataFrame(flat, columns=list(schema.COLUMNS)).astype("str")
    return frame.sort_values(["date", "time"], kind="stable").reset_index(drop=True)


def already_imported(rows: pd.DataFrame, entries: pd.DataFrame) -> pd.Series:
    """Which Daylio rows an earlier import brought in under another id.

    Earlier versions of ghw made a Daylio entry's id from its text as mapped,
    so an import after an upgrade would not find those entries by id. A row
    counts as already there when the journal holds a Daylio entry with the
    same date, time and mood whose id is not one this version makes.
    """
    old = entries.loc[entries["id"].str.startswith(ID_PREFIX) & ~entries["id"].isin(rows["id"])]
    if old.empty:
        return pd.Series(False, index=rows.index)
    keys = set(zip(old["date"].dt.strftime("%Y-%m-%d"), old["time"].fillna(""), old["mood"].astype("str")))
    return pd.Series([(d, t, m) in keys for d, t, m in zip(rows["date"], rows["time"], rows["mood"])],
                     index=rows.index)


def _records(path: Path) -> tuple[list[tuple[int, dict]], list[str]]:
    """(line, row) for every entry, with lower-case column names."""
    text = read_text(path, _("Daylio export"))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().casefold() for name in next(reader, [])]
    if "mood" not in header or ("full_date" not in header and not {"year", "date"} <= set(header)):
        raise GhwError(_("{path}, line 1: this does not look like a Daylio export (it needs full_date or year and "
                         "date, and mood columns).").format(path=path))
    rows, start = [], 2
    for values in reader:
        if any(v.strip() for v in values):
            rows.append((start, dict(zip(header, values + [""] * (len(header) - len(values))))))
        start = reader.line_num + 1
    return rows, header


def _date(record: dict) -> tuple[str, tuple[str, str] | None]:
    if "full_date" in record:
        value = record["full_date"].strip()
        if schema.parse("date", value) is None:
            return "", (value, _("is not a date written as YYYY-MM-DD"))
        return value, None
    value = f"{record['date'].strip()} {record['year'].strip()}"
    for pattern in _OLD_DATES:
        try:
            return pd.to_datetime(value, format=pattern).strftime("%Y-%m-%d"), None
        except ValueError:
            continue
    return "", (record["date"], _("cannot be read as a date in English; export again from a newer Daylio"))


def _time(text: str) -> str | None:
    found = _TIME.fullmatch(text.strip())
    if not found:
        return None
    hour, minute, half = int(found[1]), found[2], (found[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute}" if hour < 24 and int(minute) < 60 else None


def _note(record: dict, activities: list[str]) -> str:
    parts = [record.get("note_title", "").strip(), _BREAK.sub("\n", record.get("note", "")).strip()]
    if record.get("scales", "").strip():
        parts.append(f"Daylio scales: {record['scales'].strip()}")
    if activities:
        parts.append("Daylio activities: " + ", ".join(activities))
    return "\n".join(p for p in parts if p)


def _say(done: Imported, *, dry_run: bool, next_step: str) -> list[str]:
    """Where the activities map stands (:func:`ghw.importers.words.activities`)."""
    from .words import activities

    return activities(done, dry_run=dry_run, next_step=next_step)


IMPORTER = register(Importer(
    name="daylio", label=_("Daylio"), help=_("a Daylio CSV export"), file_help=_("the exported CSV"),
    about=_("In Daylio: More → Export entries → CSV; copy the file to this computer."),
    run=import_daylio,
    options=(Option("moods", _("Moods map"), _("CSV name,mood for mood names beyond rad, good, meh, bad, awful")),
             Option("activities", _("Activities map"),
                    _("CSV activity,relationship,person: which activities were time with someone (an import without "
                      "it offers NAME.activities.csv beside the export to fill in)"))),
    say=_say,
    again=lambda done: {"activities": done.offered} if done.offered else {},
    page="ghw.widgets.daylio:ImportForm",
))

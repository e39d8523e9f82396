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
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import GhwError, ValidationError
from ._table import read_table, read_text

__all__ = ["DEFAULT_MOODS", "UnmappedMoods", "read_daylio", "read_mood_map", "read_activity_map", "already_imported"]

DEFAULT_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_OLD_DATES = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%d. %B %Y")


class UnmappedMoods(GhwError):
    """Mood names without a place on the 0-10 scale; ``counts`` says how often each appears."""

    def __init__(self, counts: Counter, template: Path, written: bool):
        self.counts, self.template = counts, template
        listed = ", ".join(f"{name!r} ({n} {'entry' if n == 1 else 'entries'})" for name, n in counts.most_common())
        where = (f"in {template}, which lists them," if written else
                 f"in a CSV with the columns name and mood ({template} is already there and was left as it is)")
        super().__init__(
            f"These moods have no number yet: {listed}. Nothing was imported. Give each a mood "
            f"(0 = worst, 10 = best) {where} and run the import again with --moods FILE."
        )


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
        target = path.with_name(f"{path.stem}.moods.csv")
        written = template and not target.exists() and not target.is_symlink()
        if written:
            _write_template(target, rows, mood_map)
        raise UnmappedMoods(unknown, target, written)

    out, problems, identities = [], [], []
    for line, record in rows:
        date, problem = _date(record)
        if problem:
            problems.append((line, "full_date" if "full_date" in columns else "date", problem[0], problem[1]))
            continue
        time = _time(record.get("time", ""))
        if time is None and record.get("time", "").strip():
            problems.append((line, "time", record["time"], "is not a time like 14:58 or 6:50 pm"))
            continue
        acts = [a.strip() for a in record.get("activities", "").split("|") if a.strip()]
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
    ids = schema.content_ids(pd.Series(identities, dtype="str"), "daylio-", digits=12)
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
    old = entries.loc[entries["id"].str.startswith("daylio-") & ~entries["id"].isin(rows["id"])]
    if old.empty:
        return pd.Series(False, index=rows.index)
    keys = set(zip(old["date"].dt.strftime("%Y-%m-%d"), old["time"].fillna(""), old["mood"].astype("str")))
    return pd.Series([(d, t, m) in keys for d, t, m in zip(rows["date"], rows["time"], rows["mood"])],
                     index=rows.index)


def read_mood_map(path: str | Path) -> dict[str, int]:
    """A ``name,mood`` CSV (other columns ignored); every mood must be a whole number 0-10."""
    table = _read_map(path, "mood mapping", ("name", "mood"))
    out, problems = {}, []
    for line, row in enumerate(table.to_dict("records"), start=2):
        mood = schema.parse("mood", row["mood"])
        if mood is None:
            problems.append((line, "mood", row["mood"], "must be a whole number from 0 (worst) to 10 (best)"))
        out[row["name"].strip()] = mood
    if problems:
        raise ValidationError.from_rows(problems, source=str(path))
    return out


def read_activity_map(path: str | Path) -> dict[str, tuple[str, str]]:
    """An ``activity,relationship,person`` CSV (``person`` optional)."""
    table = _read_map(path, "activity mapping", ("activity", "relationship"))
    out, problems = {}, []
    for line, row in enumerate(table.to_dict("records"), start=2):
        relationship = schema.parse("relationship", row["relationship"])
        if relationship is None:
            problems.append((line, "relationship", row["relationship"], "must be one of: " + ", ".join(schema.RELATIONSHIPS)))
        out[row["activity"].strip()] = (relationship, row.get("person", "").strip())
    if problems:
        raise ValidationError.from_rows(problems, source=str(path))
    return out


def _records(path: Path) -> tuple[list[tuple[int, dict]], list[str]]:
    """(line, row) for every entry, with lower-case column names."""
    text = read_text(path, "Daylio export")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().casefold() for name in next(reader, [])]
    if "mood" not in header or ("full_date" not in header and not {"year", "date"} <= set(header)):
        raise GhwError(f"{path}, line 1: this does not look like a Daylio export (it needs full_date or year and "
                       "date, and mood columns).")
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
            return "", (value, "is not a date written as YYYY-MM-DD")
        return value, None
    value = f"{record['date'].strip()} {record['year'].strip()}"
    for pattern in _OLD_DATES:
        try:
            return pd.to_datetime(value, format=pattern).strftime("%Y-%m-%d"), None
        except ValueError:
            continue
    return "", (record["date"], "cannot be read as a date in English; export again from a newer Daylio")


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


def _write_template(path: Path, rows: list[tuple[int, dict]], known: Mapping[str, int]) -> None:
    counts = Counter(r["mood"].strip() for _, r in rows)
    table = pd.DataFrame(
        [{"name": name, "count": n, "mood": known.get(name.casefold(), "")} for name, n in counts.most_common()]
    )
    table.to_csv(path, index=False)


def _read_map(path: str | Path, what: str, required: tuple[str, ...]) -> pd.DataFrame:
    table = read_table(path, what, required=required)
    table.columns = [c.casefold() for c in table.columns]
    return table

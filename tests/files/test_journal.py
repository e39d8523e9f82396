"""The journal file: reading, validating, appending, editing, deleting."""

import pandas as pd
import pytest

import ghw
from ghw import journal, paths, schema, storage
from helpers import HEADER, write

FULL = {
    "id": "e1",
    "date": "2026-11-01",
    "time": "18:30",
    "mood": 7,
    "person": "Jo",
    "relationship": "friend",
    "activity": "coffee",
    "channel": "in_person",
    "minutes": 45,
    "quality": 4,
    "initiated_by": "mutual",
    "support": "both",
    "note": 'Talked, laughed, "really" listened 🙂\nSecond line, with a comma',
}


def test_round_trip_of_every_column(journal_path):
    ghw.append(journal_path, FULL)
    [entry] = ghw.load(journal_path).to_dict("records")
    assert entry["id"] == "e1"
    assert entry["date"] == pd.Timestamp("2026-11-01")
    assert entry["time"] == "18:30"
    assert entry["mood"] == 7 and entry["minutes"] == 45 and entry["quality"] == 4
    for column in ("person", "relationship", "activity", "channel", "initiated_by", "support", "note"):
        assert entry[column] == FULL[column]


def test_typed_columns(sample_journal):
    entries = ghw.load(sample_journal)
    assert list(entries.columns) == [*schema.COLUMNS, *schema.OPTIONAL_COLUMNS]
    assert pd.api.types.is_datetime64_any_dtype(entries["date"])
    for column in ("mood", "minutes", "quality"):
        assert entries[column].dtype == "Int64"
    for column in ("id", "time", "person", "relationship", "note"):
        assert pd.api.types.is_string_dtype(entries[column])
    mood_only = entries["relationship"].isna()
    assert mood_only.any() and entries.loc[mood_only, "quality"].isna().all()


BAD_VALUES = [
    ("date", "2026-13-01", "YYYY-MM-DD"),
    ("date", "25/11/2026", "YYYY-MM-DD"),
    ("time", "25:00", "HH:MM"),
    ("time", "6pm", "HH:MM"),
    ("mood", "11", "0 (worst) to 10 (best)"),
    ("mood", "-1", "0 (worst) to 10 (best)"),
    ("mood", "6.5", "whole number"),
    ("mood", "good", "whole number"),
    ("relationship", "boss", "one of: partner"),
    ("channel", "pigeon", "one of: in_person"),
    ("minutes", "-5", "minutes from 0"),
    ("minutes", "2000", "minutes from 0 to 1440"),
    ("quality", "0", "1 (not connected) to 5"),
    ("quality", "six", "1 (not connected) to 5"),
    ("initiated_by", "you", "one of: me, them, mutual"),
    ("support", "lots", "one of: gave, received, both, neither"),
]


@pytest.mark.parametrize(("column", "value", "words"), BAD_VALUES)
def test_every_rule_is_reported_with_line_and_column(journal_path, column, value, words):
    ghw.append(journal_path, FULL)
    ghw.append(journal_path, FULL | {"id": "e2"})
    row = [str((FULL | {"id": "e3", "note": "x"})[c]) for c in schema.COLUMNS]
    row[schema.COLUMNS.index(column)] = value
    with open(journal_path, "a", encoding="utf-8") as handle:
        handle.write(",".join(row) + "\n")
    # Both notes above span two lines, so the third entry starts on line 6.
    with pytest.raises(ghw.ValidationError) as caught:
        ghw.load(journal_path)
    problems = caught.value.problems
    assert problems[["line", "column", "value"]].values.tolist() == [[6, column, value]]
    assert words in problems["problem"].iat[0]
    assert f"line 6, {column} ('{value}')" in str(caught.value)


def test_required_fields(journal_path):
    write(journal_path, HEADER + "\n,2026-11-01,,,,,,,,,,,\n,,,5,,,,,,,,,\n")
    _, problems = ghw.check(journal_path)
    assert problems[["line", "column", "problem"]].values.tolist() == [
        [2, "mood", "is required"],
        [3, "date", "is required"],
    ]


def test_connection_needs_a_relationship(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,Jo,,,,,,,,\nb,2026-11-01,,5,,,,,,4,,,\nc,2026-11-01,,5,,,,,,,,,just a note\n")
    entries, problems = ghw.check(journal_path)
    assert problems[["line", "column"]].values.tolist() == [[2, "relationship"], [3, "relationship"]]
    assert entries["id"].tolist() == ["c"]


def test_check_keeps_valid_rows_and_lists_all_problems(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\nb,2026-11-02,,50,,,,,,,,,\nc,2026-11-03,,6,,,,,,,,,\n")
    entries, problems = ghw.check(journal_path)
    assert entries["id"].tolist() == ["a", "c"]
    assert problems["line"].tolist() == [3]


def test_normalizes_spellings(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,9:05,5,Jo,Neighbor,,In person,,,Me,Both,\n")
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["time"], entry["relationship"], entry["channel"], entry["initiated_by"], entry["support"]) == (
        "09:05", "neighbour", "in_person", "me", "both")


def test_duplicate_ids_are_problems(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\na,2026-11-02,,6,,,,,,,,,\n")
    _, problems = ghw.check(journal_path)
    assert problems[["line", "column", "value"]].values.tolist() == [[3, "id", "a"]]


def test_missing_ids_get_stable_ids(journal_path):
    write(journal_path, HEADER + "\n,2026-11-01,,5,,,,,,,,,\n,2026-11-01,,5,,,,,,,,,\n,2026-11-02,,6,,,,,,,,,\n")
    first = ghw.load(journal_path)["id"].tolist()
    assert len(set(first)) == 3
    assert ghw.load(journal_path)["id"].tolist() == first


def test_unknown_columns_survive_append_edit_and_delete(journal_path):
    write(journal_path, "energy," + HEADER + ",weather\nhigh,a,2026-11-01,,5,,,,,,,,,,sunny\n")
    saved = ghw.append(journal_path, {"date": "2026-11-02", "mood": 6, "weather": "rain"})
    ghw.edit(journal_path, "a", {"mood": 4})
    ghw.append(journal_path, {"date": "2026-11-03", "mood": 6, "id": "z"})
    ghw.delete(journal_path, "z")
    entries = ghw.load(journal_path)
    assert list(entries.columns) == ["energy", *schema.COLUMNS, "weather"]
    assert entries["energy"].tolist() == ["high", ""]
    assert entries["weather"].tolist() == ["sunny", "rain"]
    assert entries["mood"].tolist() == [4, 6]
    assert entries["id"].tolist() == ["a", saved["id"]]
    assert journal_path.read_text().splitlines()[0] == "energy," + HEADER + ",weather"


def test_file_without_optional_columns(journal_path):
    write(journal_path, "date,mood\n2026-11-01,5\n")
    assert ghw.load(journal_path)["mood"].tolist() == [5]
    ghw.append(journal_path, {"date": "2026-11-02", "mood": 6, "person": "Jo", "relationship": "friend"})
    entries = ghw.load(journal_path)
    assert entries["person"].tolist()[1] == "Jo"
    assert journal_path.read_text().splitlines()[0].startswith("date,mood,id,time")
    assert len(list(paths.backups_dir(journal_path).iterdir())) == 1


def test_blank_lines_and_crlf(journal_path):
    text = HEADER + "\r\n\r\na,2026-11-01,,5,,,,,,,,,\r\n\r\nb,2026-11-02,,11,,,,,,,,,\r\n"
    write(journal_path, text)
    entries, problems = ghw.check(journal_path)
    assert entries["id"].tolist() == ["a"]
    assert problems["line"].tolist() == [5]


def test_byte_order_mark(journal_path):
    write(journal_path, "\ufeff" + HEADER + "\na,2026-11-01,,5,,,,,,,,,\n")
    assert ghw.load(journal_path)["id"].tolist() == ["a"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id,mood\n1,5\n", "no 'date' column"),
        ("date,mood,mood\n2026-11-01,5,5\n", "'mood' appears more than once"),
        (HEADER + "\na,2026-11-01,,5,,,,,,,,,note, with comma\n", "line 2: it has 14 values but the header names 13"),
        (HEADER + "\na,2026-11-01,,5,,,,,,,,,\nb,2026-11-01,,5,,,,,,,,,x,y\n", "line 3: it has 14 values"),
    ],
)
def test_file_level_problems(journal_path, content, words):
    write(journal_path, content)
    with pytest.raises(ghw.GhwError, match=words):
        ghw.load(journal_path)


def test_not_utf8(journal_path):
    journal_path.write_bytes(HEADER.encode() + b"\na,2026-11-01,,5,,,,,,,,,caf\xe9\n")
    with pytest.raises(ghw.GhwError, match="not UTF-8"):
        ghw.load(journal_path)


def test_missing_and_empty_files(journal_path):
    with pytest.raises(ghw.GhwError, match="There is no journal"):
        ghw.load(journal_path)
    journal_path.write_bytes(b"")
    assert ghw.load(journal_path).empty
    write(journal_path, HEADER + "\n")
    assert ghw.load(journal_path).empty


def test_append_creates_the_file_with_header(tmp_path, monkeypatch):
    path = tmp_path / "new" / "journal.csv"  # the default journal's folder is made when missing
    monkeypatch.setenv("GHW_JOURNAL", str(path))
    saved = ghw.append(None, {"date": "2026-11-01", "mood": "5"})
    lines = path.read_text().splitlines()
    assert lines[0] == HEADER
    assert lines[1] == f"{saved['id']},2026-11-01,,5,,,,,,,,,"
    assert len(saved["id"]) == 16


def test_append_after_a_line_without_newline(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,")
    ghw.append(journal_path, {"date": "2026-11-02", "mood": 6})
    assert ghw.load(journal_path)["mood"].tolist() == [5, 6]


def test_append_defaults_to_the_user_journal(journal_path):
    ghw.append(None, {"date": "2026-11-01", "mood": 5})
    assert paths.journal_path() == journal_path
    assert len(ghw.load()) == 1


def test_refused_append_changes_nothing(journal_path):
    ghw.append(journal_path, FULL)
    before = journal_path.read_bytes()
    with pytest.raises(ghw.ValidationError) as caught:
        ghw.append(journal_path, FULL | {"id": "", "mood": 12, "quality": 9})
    assert caught.value.problems["column"].tolist() == ["mood", "quality"]
    assert caught.value.problems["line"].isna().all()
    with pytest.raises(ghw.ValidationError, match="used by an earlier entry"):
        ghw.append(journal_path, FULL)
    with pytest.raises(ghw.GhwError, match="mod is not a column"):
        ghw.append(journal_path, {"date": "2026-11-01", "mood": 5, "mod": 5})
    assert journal_path.read_bytes() == before


def test_append_accepts_python_values(journal_path):
    import datetime as dt

    saved = ghw.append(journal_path, {"date": dt.date(2026, 11, 1), "time": dt.time(7, 5), "mood": 5.0, "minutes": None})
    assert (saved["time"], saved["mood"]) == ("07:05", 5)
    assert pd.isna(saved["minutes"])


def test_edit_rewrites_with_backup(journal_path):
    ghw.append(journal_path, FULL)
    ghw.append(journal_path, FULL | {"id": "e2"})
    saved = ghw.edit(journal_path, "e2", {"mood": 3, "relationship": "Colleague"})
    assert saved["relationship"] == "colleague"
    entries = ghw.load(journal_path).set_index("id")
    assert entries.loc["e2", "mood"] == 3 and entries.loc["e1", "mood"] == 7
    [backup] = paths.backups_dir(journal_path).iterdir()
    assert ghw.load(backup).set_index("id").loc["e2", "mood"] == 7


def test_refused_edit_changes_nothing(journal_path):
    ghw.append(journal_path, FULL)
    before = journal_path.read_bytes()
    with pytest.raises(ghw.ValidationError, match="mood"):
        ghw.edit(journal_path, "e1", {"mood": 20})
    with pytest.raises(ghw.EntryNotFound, match="No entry has the id 'nope'"):
        ghw.edit(journal_path, "nope", {"mood": 2})
    with pytest.raises(ghw.GhwError, match="cannot be changed"):
        ghw.edit(journal_path, "e1", {"id": "e9"})
    assert journal_path.read_bytes() == before


def test_edit_fixes_an_invalid_row_and_keeps_the_others(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,50,,,,,,,,,\nb,2026-11-02,,,Jo,,,,,,,,\n")
    ghw.edit(journal_path, "a", {"mood": 5})
    entries, problems = ghw.check(journal_path)
    assert entries["id"].tolist() == ["a"]
    assert set(problems["line"]) == {3}


def test_delete_and_undo(journal_path):
    ghw.append(journal_path, FULL)
    ghw.append(journal_path, FULL | {"id": "e2", "mood": 2})
    removed = ghw.delete(journal_path, "e2")
    assert ghw.load(journal_path)["id"].tolist() == ["e1"]
    ghw.append(journal_path, removed)
    assert ghw.load(journal_path).set_index("id").loc["e2", "mood"] == 2


def test_backups_rotate(journal_path):
    ghw.append(journal_path, FULL)
    for mood in range(storage.KEEP_BACKUPS + 5):
        ghw.edit(journal_path, "e1", {"mood": mood % 11})
    backups = sorted(paths.backups_dir(journal_path).iterdir())
    assert len(backups) == storage.KEEP_BACKUPS
    assert ghw.load(backups[-1])["mood"].tolist() == [(storage.KEEP_BACKUPS + 3) % 11]


def test_create_refuses_to_overwrite(journal_path):
    ghw.append(journal_path, FULL)
    before = journal_path.read_bytes()
    with pytest.raises(ghw.GhwError, match="never overwrites"):
        journal.create(journal_path, ghw.load(journal_path))
    assert journal_path.read_bytes() == before


def test_open_journal_falls_back_to_the_sample(journal_path):
    view = journal.open_journal()
    assert view.is_sample and view.path == paths.SAMPLE_JOURNAL and len(view.entries) > 300
    ghw.append(journal_path, FULL)
    view = journal.open_journal()
    assert not view.is_sample and view.entries["id"].tolist() == ["e1"] and view.problems.empty


def test_replace_values_changes_one_column_of_the_chosen_entries(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,Jo,friend,,,,,,,\n,2026-11-02,,6,Jo,friend,,,,,,,\n"
          "c,2026-11-03,,7,Sam,partner,,,,,,,\n")
    content_id = ghw.load(journal_path)["id"].iat[1]
    previous = journal.replace_values(journal_path, "person", lambda column: column[column == "Jo"].map(str.upper))
    assert previous.to_dict() == {(0, "a"): "Jo", (1, content_id): "Jo"}  # by place: row and id
    entries = ghw.load(journal_path)
    assert entries["person"].tolist() == ["JO", "JO", "Sam"] and entries["id"].iat[1] == content_id
    assert len(storage.backups(journal_path)) == 1
    journal.replace_values(journal_path, "person", lambda _: previous)  # undone
    assert ghw.load(journal_path)["person"].tolist() == ["Jo", "Jo", "Sam"]
    before = journal_path.read_bytes()
    for column, change, words in (("id", lambda c: c, "id cannot be changed"),
                                  ("mood", lambda c: c.map(lambda _: "11"), "mood"),
                                  ("person", lambda c: pd.Series(["X"], index=pd.MultiIndex.from_tuples([(0, "nope")])),
                                   "No entry has the id")):
        with pytest.raises(ghw.GhwError, match=words):
            journal.replace_values(journal_path, column, change)
    assert journal_path.read_bytes() == before

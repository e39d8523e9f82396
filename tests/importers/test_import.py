"""Importing history: every Daylio generation, mappings, no half imports, no double imports, any CSV."""

import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest
from daylio_export import MOODS, PEOPLE, moods_map
from daylio_export import export as daylio_export

import ghw
from ghw import importers
from ghw.tables import daily
from helpers import ghw_command

BOM = "\ufeff"
GENERATIONS = {
    "year-date": ("year,date,weekday,time,mood,activities,note\n"
                  "2019,25 November,Monday,14:58,good,friends | walk,fine\n"
                  "2019,24 November,Sunday,6:50 pm,meh,,\n"),
    "full-date": ("full_date,date,weekday,time,mood,activities,note\n"
                  "2021-11-25,Nov 25,Thursday,5:01 PM,good,\"friends | walk\",fine\n"
                  "2021-11-24,Nov 24,Wednesday,06:50 am,meh,,\n"),
    "note-title": (BOM + "full_date,date,weekday,time,mood,activities,note_title,note\n"
                   "2023-11-25,25. November,Samstag,14:58,good,friends | walk ,Title,\"fine, <br>really\"\n"
                   "2023-11-24,24. November,Freitag,18:50,meh,,,\n"),
    "scales": (BOM + "full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
               "2025-11-25,25 нояб.,вторник,2:58 pm,good,friends|walk,energy 4,,fine 🙂\n"
               "2025-11-24,24 нояб.,понедельник,6:50 PM,meh,,,,\n"),
}
ACTIVITIES = "activity,relationship,person\nfriends,friend,\nSam,partner,Sam\n"


@pytest.fixture
def maps(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text(ACTIVITIES)
    return importers.read_activity_map(path)


@pytest.mark.parametrize("generation", list(GENERATIONS))
def test_every_daylio_generation(tmp_path, maps, generation):
    source = tmp_path / "daylio.csv"
    source.write_text(GENERATIONS[generation], encoding="utf-8")
    rows = importers.read_daylio(source, activities=maps)
    assert rows["mood"].tolist() == ["5", "7"]  # oldest first: meh, then good
    first, second = rows.iloc[0], rows.iloc[1]
    assert first["relationship"] == "" and first["time"] in ("18:50", "06:50")
    assert (second["relationship"], second["activity"]) == ("friend", "walk")
    assert second["time"] in ("14:58", "17:01")
    assert second["note"].startswith(("fine", "Title"))
    year = {"year-date": "2019", "full-date": "2021", "note-title": "2023", "scales": "2025"}[generation]
    assert second["date"] == f"{year}-11-25"


def test_notes_keep_breaks_titles_and_scales(tmp_path, maps):
    source = tmp_path / "daylio.csv"
    source.write_text(GENERATIONS["note-title"], encoding="utf-8")
    assert importers.read_daylio(source, activities=maps)["note"].iat[1] == "Title\nfine, \nreally"
    source.write_text(GENERATIONS["scales"], encoding="utf-8")
    assert importers.read_daylio(source, activities=maps)["note"].iat[1] == "fine 🙂\nDaylio scales: energy 4"


def test_several_people_make_several_rows(tmp_path, maps):
    source = tmp_path / "daylio.csv"
    source.write_text("full_date,time,mood,activities,note\n2026-11-03,19:00,rad,friends | Sam | cinema,\"Great, truly\"\n")
    rows = importers.read_daylio(source, activities=maps)
    assert rows[["person", "relationship", "activity", "mood", "time"]].values.tolist() == [
        ["", "friend", "cinema", "9", "19:00"], ["Sam", "partner", "cinema", "9", "19:00"]]
    assert rows["note"].tolist() == ["Great, truly", ""]
    assert rows["id"].is_unique


def test_unmapped_moods_stop_everything_and_write_a_template(tmp_path, journal_path):
    source = tmp_path / "daylio.csv"
    source.write_text("full_date,time,mood,activities,note\n2026-11-03,19:00,rad,,\n2026-11-04,9:00,sleepy,,\n"
                      "2026-11-05,9:00,sleepy,,\n2026-11-06,9:00,Super,,\n")
    with pytest.raises(importers.UnmappedMoods) as caught:
        importers.read_daylio(source)
    assert caught.value.counts == {"sleepy": 2, "Super": 1}
    assert "'sleepy' (2 entries), 'Super' (1 entry)" in str(caught.value)
    template = pd.read_csv(caught.value.template, dtype="str", na_filter=False)
    assert template.values.tolist() == [["sleepy", "2", ""], ["rad", "1", "9"], ["Super", "1", ""]]
    template["mood"] = ["4", "9", "10"]
    template.to_csv(caught.value.template, index=False)
    rows = importers.read_daylio(source, moods=importers.read_mood_map(caught.value.template))
    assert rows["mood"].tolist() == ["9", "4", "4", "10"]


def test_bad_rows_are_named_and_nothing_is_imported(tmp_path):
    source = tmp_path / "daylio.csv"
    source.write_text("full_date,time,mood,activities,note\n2026-11-03,19:00,rad,,\n2026-13-04,9:00,good,,\n"
                      "2026-11-05,25:99,good,,\n")
    with pytest.raises(ghw.ValidationError) as caught:
        importers.read_daylio(source)
    assert caught.value.problems[["line", "column"]].values.tolist() == [[3, "full_date"], [4, "time"]]


def test_not_a_daylio_file(tmp_path):
    source = tmp_path / "other.csv"
    source.write_text("when,how\n2026-11-03,fine\n")
    with pytest.raises(ghw.GhwError, match="does not look like a Daylio export"):
        importers.read_daylio(source)


def run(*args):
    return ghw_command(*args)


def test_import_twice_adds_nothing_the_second_time(tmp_path, journal_path):
    source = tmp_path / "daylio.csv"
    source.write_text(GENERATIONS["scales"], encoding="utf-8")
    (tmp_path / "activities.csv").write_text(ACTIVITIES)
    dry = run("import", "daylio", str(source), "--activities", str(tmp_path / "activities.csv"), "--dry-run")
    assert dry.returncode == 0 and "Would add 2 entries" in dry.stdout and not journal_path.exists()
    first = run("import", "daylio", str(source), "--activities", str(tmp_path / "activities.csv"))
    assert "Added 2 entries" in first.stdout
    second = run("import", "daylio", str(source), "--activities", str(tmp_path / "activities.csv"))
    assert "Added 0 entries" in second.stdout and "(2 entries were already there)" in second.stdout
    assert len(ghw.load(journal_path)) == 2


def test_a_year_of_daylio_reaches_the_reflection(tmp_path, journal_path):
    """A year exported newest first, with 12-hour times, several entries a day, and custom moods."""
    import numpy as np

    rng = np.random.default_rng(0)
    names = {9: "rad", 7: "good", 5: "meh", 3: "bad", 1: "awful"}
    lines = ["full_date,date,weekday,time,mood,activities,scales,note_title,note"]
    for day in pd.date_range("2025-11-01", "2026-10-31")[::-1]:
        for hour in sorted(rng.choice([8, 13, 19, 21], size=rng.integers(1, 4), replace=False), reverse=True):
            mood = names[int(rng.choice(list(names)))] if rng.random() > 0.05 else "tired"
            acts = " | ".join(rng.choice(["friends", "Sam", "work", "walk", "family"], size=2, replace=False))
            stamp = f"{(hour - 1) % 12 + 1}:{rng.integers(0, 60):02d} {'pm' if hour >= 12 else 'am'}"
            lines.append(f'{day.date()},{day:%d %b},{day:%A},{stamp},{mood},"{acts}",,,"note <br> {hour}"')
    source = tmp_path / "daylio.csv"
    source.write_text(BOM + "\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "moods.csv").write_text("name,mood\ntired,4\n")
    (tmp_path / "activities.csv").write_text(ACTIVITIES + "family,family,\n")
    result = run("import", "daylio", str(source), "--moods", str(tmp_path / "moods.csv"),
                 "--activities", str(tmp_path / "activities.csv"))
    assert result.returncode == 0, result.stderr
    entries = ghw.load(journal_path)
    days = daily(entries)
    assert len(days) == 365 and days["mood"].notna().all()
    from ghw.widgets import Reflection

    view = Reflection()
    assert not view.journal.is_sample
    assert "You logged on 365 of 365 days" in view.sentences["timeline"]


def test_any_csv_through_a_mapping(tmp_path, journal_path):
    source = tmp_path / "sheet.csv"
    source.write_text("Day,Feeling,With,Kind,Sleep,Comment\n25/11/2026,7,Jo,friend,8h,nice\n26/11/2026,5,,,6h,\n")
    mapping = tmp_path / "map.csv"
    mapping.write_text("journal,source\ndate,Day\nmood,Feeling\nperson,With\nrelationship,Kind\nnote,Comment\n")
    result = run("import", "csv", str(source), "--map", str(mapping), "--date-format", "%d/%m/%Y")
    assert result.returncode == 0, result.stderr
    entries = ghw.load(journal_path)
    assert entries["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-25", "2026-11-26"]
    assert entries["note"].tolist() == ["nice\nSleep: 8h", "Sleep: 6h"]
    again = run("import", "csv", str(source), "--map", str(mapping), "--date-format", "%d/%m/%Y")
    assert "Added 0 entries" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("journal,source\ndate,Day\n")
    refused = run("import", "csv", str(source), "--map", str(bad))
    assert refused.returncode == 2 and "must say which of your columns holds mood" in refused.stderr


def test_invalid_rows_in_a_csv_import_name_their_line(tmp_path, journal_path):
    source = tmp_path / "sheet.csv"
    source.write_text("Day,Feeling\n2026-11-25,7\n2026-11-26,12\n")
    mapping = tmp_path / "map.csv"
    mapping.write_text("journal,source\ndate,Day\nmood,Feeling\n")
    result = run("import", "csv", str(source), "--map", str(mapping))
    assert result.returncode == 1 and "line 3, mood ('12')" in result.stderr
    assert not journal_path.exists()


def test_import_into_a_journal_without_an_id_column(tmp_path, maps):
    journal_file = tmp_path / "journal.csv"
    journal_file.write_text("date,mood\n2019-11-01,5\n")  # ghw.load accepts a file without ids
    source = tmp_path / "daylio.csv"
    source.write_text(GENERATIONS["full-date"])
    done = subprocess.run([sys.executable, "-m", "ghw", "import", "daylio", str(source), "--journal", str(journal_file)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "Added 2 entries" in done.stdout and len(ghw.load(journal_file)) == 3


def _ghw(*args):
    return subprocess.run([sys.executable, "-m", "ghw", *args], capture_output=True, text=True, timeout=120)


EXPORT = ("full_date,date,weekday,time,mood,activities,note_title,note\n"
          "2023-11-25,25. November,Samstag,14:58,good,friends | walk | work,Title,\"fine, <br>really\"\n"
          "2023-11-24,24. November,Freitag,18:50,meh,,,\n"
          "2023-11-24,24. November,Freitag,18:50,meh,,,\n"
          "2023-11-23,23. November,Donnerstag,9:50 am,great,,,\n")


@pytest.fixture
def export(tmp_path):
    (tmp_path / "acts.csv").write_text("activity,relationship,person\nfriends,friend,\n")
    (tmp_path / "moods.csv").write_text("name,mood\ngreat,8\n")
    path = tmp_path / "d.csv"
    path.write_text(EXPORT)
    return path


def test_reimporting_with_a_map_or_a_note_edited_in_daylio_updates_in_place(export, tmp_path):
    journal_file, moods = str(tmp_path / "j.csv"), str(tmp_path / "moods.csv")
    first = _ghw("import", "daylio", str(export), "--journal", journal_file, "--moods", moods)
    assert first.returncode == 0 and "Added 4 entries" in first.stdout
    again = _ghw("import", "daylio", str(export), "--journal", journal_file, "--moods", moods,
                 "--activities", str(tmp_path / "acts.csv"))
    assert again.returncode == 0 and "Added 0 entries" in again.stdout and "4 entries were already there" in again.stdout
    assert "Updated 1 entry an earlier import wrote: 1 gains a connection, none loses one." in again.stdout
    export.write_text(EXPORT.replace("fine, <br>really", "fine, edited in Daylio"))
    edited = _ghw("import", "daylio", str(export), "--journal", journal_file, "--moods", moods,
                  "--activities", str(tmp_path / "acts.csv"))
    assert "Added 0 entries" in edited.stdout and "Updated 1 entry an earlier import wrote: 0 gain a connection, " \
        "none loses one, 1 changes otherwise." in edited.stdout
    entries = ghw.load(journal_file)
    assert len(entries) == 4 and entries["note"].str.contains("edited in Daylio").sum() == 1


def test_entries_imported_by_an_earlier_version_are_recognised(export, tmp_path):
    journal_file = tmp_path / "j.csv"
    rows = importers.read_daylio(export, moods={"great": 8})
    old = rows.assign(id=[f"daylio-{i:012x}" for i in range(len(rows))])  # ids made the earlier way differ
    ghw.journal.extend(journal_file, old)
    done = _ghw("import", "daylio", str(export), "--journal", str(journal_file), "--moods", str(tmp_path / "moods.csv"))
    assert done.returncode == 0 and "Added 0 entries" in done.stdout and len(ghw.load(journal_file)) == 4


def test_a_filled_in_moods_file_is_never_overwritten_and_a_dry_run_writes_nothing(export, tmp_path):
    template = tmp_path / "d.moods.csv"
    dry = _ghw("import", "daylio", str(export), "--journal", str(tmp_path / "j.csv"), "--dry-run")
    assert dry.returncode == 2 and "'great'" in dry.stderr and not template.exists()
    first = _ghw("import", "daylio", str(export), "--journal", str(tmp_path / "j.csv"))
    assert first.returncode == 2 and template.exists()
    template.write_text("name,mood\ngreat,8\nmeh,5\ngood,7\n")
    filled = template.read_bytes()
    second = _ghw("import", "daylio", str(export), "--journal", str(tmp_path / "j.csv"))
    assert second.returncode == 2 and "was left as it is" in second.stderr and template.read_bytes() == filled
    assert not (tmp_path / "j.csv").exists()


def test_several_activities_are_a_list_and_compared_one_by_one(export, tmp_path):
    rows = importers.read_daylio(export, moods={"great": 8}, activities={"friends": ("friend", "")})
    assert rows.loc[rows["relationship"] == "friend", "activity"].tolist() == ["walk | work"]
    days = pd.date_range("2026-01-01", periods=60)
    entries = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "mood": [str(3 + i % 5) for i in range(60)],
                            "relationship": "friend",
                            "activity": ["walk | work" if i % 3 == 0 else ("walk" if i % 3 == 1 else "work")
                                         for i in range(60)]})
    path = tmp_path / "many.csv"
    ghw.journal.extend(path, entries)
    table = ghw.findings.FINDINGS["activities"].compute(ghw.findings.Data(ghw.load(path)))
    assert sorted(table["group"]) == ["walk", "work"]
    assert table.set_index("group").loc["walk", "days_with"] == 40


@pytest.mark.parametrize("args, says", [
    (("daylio", "{dir}"), "is a folder"),
    (("daylio", "{bin}"), "is not a text file"),
    (("daylio", "{export}", "--moods", "{dir}"), "is a folder"),
    (("daylio", "{export}", "--activities", "{dir}"), "is a folder"),
    (("csv", "{dir}", "--map", "{map}"), "is a folder"),
    (("csv", "{export}", "--map", "{dir}"), "is a folder"),
    (("csv", "{export}", "--map", "{map}", "--date-format", "%Q"), "not a date format"),
])
def test_bad_paths_and_formats_are_plain_messages(export, tmp_path, args, says):
    (tmp_path / "bin").write_bytes(b"\x7fELF\x00\x00\x01binary")
    (tmp_path / "map.csv").write_text("journal,source\ndate,full_date\nmood,time\n")
    names = {"dir": str(tmp_path), "bin": str(tmp_path / "bin"), "export": str(export), "map": str(tmp_path / "map.csv")}
    done = _ghw("import", *[a.format(**names) for a in args], "--journal", str(tmp_path / "j.csv"))
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_imported_history_says_what_it_cannot_answer_yet(export, tmp_path):
    journal_file = str(tmp_path / "j.csv")
    _ghw("import", "daylio", str(export), "--journal", journal_file, "--moods", str(tmp_path / "moods.csv"),
         "--activities", str(tmp_path / "acts.csv"))
    text = _ghw("summary", "--journal", journal_file, "--month", "2023-11").stdout
    assert "Connections: 1 with 1 kind of relationship" in text
    assert "have no rating of how connected you felt (imported entries have none)" in text


# -- the activities map: offered on the first import, applied on the next ------------------------------------------

# What a person writes in the offered map: the people among the activities, one guess left unconfirmed.
FILLED = {"family": ("family", ""), "friends": ("friend", ""), "date night": ("partner", "Sam"),
          "Tania-time": ("partner", "Tania"), "Ørjan": ("friend", "Ørjan")}


@pytest.fixture(params=list(GENERATIONS))
def year(request, tmp_path):
    """A year of Daylio in one header generation, its moods map, and the journal to import it into."""
    source = tmp_path / "daylio_export.csv"
    source.write_text(daylio_export(request.param), encoding="utf-8")
    (tmp_path / "moods.csv").write_text(moods_map())
    return source, tmp_path / "moods.csv", tmp_path / "journal.csv"


def _raw(source) -> list[dict]:
    """The export read plainly, for expectations made apart from the importer."""
    import csv
    import io

    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))


def _activities_of(record: dict) -> set[str]:
    return {a.strip().casefold() for a in record["activities"].split("|") if a.strip()}


def _fill(template, chosen: dict[str, tuple[str, str]]):
    """Write the person's answers into the offered map; the other rows stay as offered (their guesses too)."""
    table = pd.read_csv(template, dtype="str", na_filter=False)
    for name, (kind, person) in chosen.items():
        table.loc[table["activity"] == name, ["relationship", "person"]] = [kind, person]
    table.to_csv(template, index=False)


def test_a_first_import_offers_the_activities_map(year):
    source, moods, journal_file = year
    template = source.with_name("daylio_export.activities.csv")
    dry = run("import", "daylio", source, "--moods", moods, "--dry-run")
    assert dry.returncode == 0 and f"The import would write {template}" in dry.stdout
    assert not template.exists() and not journal_file.exists()

    done = run("import", "daylio", source, "--moods", moods)
    records = _raw(source)
    assert done.returncode == 0, done.stderr
    assert f"Added {len(records)} entries" in done.stdout
    assert "None of your Daylio entries is a connection yet" in done.stdout
    assert f"--activities {template}" in done.stdout
    offered = pd.read_csv(template, dtype="str", na_filter=False)
    assert list(offered.columns) == ["activity", "count", "relationship", "person"]
    counts = Counter(a for r in records for a in _activities_of(r))
    assert {a.casefold(): int(n) for a, n in zip(offered["activity"], offered["count"])} == counts
    guesses = offered.set_index("activity")
    assert (guesses.loc["family", "relationship"], guesses.loc["family", "person"]) == ("family?", "")
    assert (guesses.loc["call mum", "relationship"], guesses.loc["call mum", "person"]) == ("family?", "Mum?")
    assert (guesses.loc["Tania-time", "relationship"], guesses.loc["Tania-time", "person"]) == ("", "Tania?")
    assert guesses.loc["Ørjan", "person"] == "Ørjan?"
    plain = [a for a in guesses.index if a.casefold() not in {p.casefold() for p in PEOPLE}]
    assert (guesses.loc[plain, ["relationship", "person"]] == "").all().all()
    entries = ghw.load(journal_file)
    assert entries["relationship"].isna().all()
    assert ghw.findings.unmapped(entries) == len(records)
    said = run("reflect", "--journal", journal_file).stdout
    assert said.startswith(f"The {len(records)} entries you imported from Daylio have no connections yet")


def test_a_second_import_with_a_map_gives_exactly_the_connections_it_should(year):
    source, moods, journal_file = year
    template = source.with_name("daylio_export.activities.csv")
    run("import", "daylio", source, "--moods", moods)
    entries = ghw.load(journal_file)
    notes = entries["note"].fillna("")
    alone = notes.str.contains("Tania-time") & ~notes.str.contains("|".join(n for n in FILLED if n != "Tania-time"))
    touched = entries.loc[alone, "id"].iloc[0]  # an entry with Tania and no one else
    ghw.journal.edit(journal_file, touched, {"mood": 8, "note": "Changed in ghw"})
    _fill(template, FILLED)
    before, record = journal_file.read_bytes(), ghw.importers.record_path(journal_file)
    noted, saved = record.read_bytes(), ghw.storage.backups(journal_file)  # the edit kept one

    dry = run("import", "daylio", source, "--moods", moods, "--activities", template, "--dry-run")
    assert dry.returncode == 0 and "Nothing was written." in dry.stdout
    assert journal_file.read_bytes() == before and record.read_bytes() == noted
    assert ghw.storage.backups(journal_file) == saved

    done = run("import", "daylio", source, "--moods", moods, "--activities", template)
    assert done.returncode == 0, done.stderr
    records = _raw(source)
    mapped = {name.casefold() for name in FILLED}
    connected = [r for r in records if _activities_of(r) & mapped]
    line = next(x for x in done.stdout.splitlines() if x.startswith("Updated"))
    assert line.startswith(f"Updated {len(connected) - 1} entries an earlier import wrote: "
                           f"{len(connected) - 1} gain a connection, none loses one.")
    assert dry.stdout.splitlines()[1].replace("Would update", "Updated") == line.split(" Your journal")[0]
    assert "1 entry was changed in ghw since it was imported" in done.stdout
    assert "Still suggestions in your map, not used: colleagues, call mum (remove the '?'" in done.stdout
    [backup] = set(ghw.storage.backups(journal_file)) - set(saved)
    assert backup.read_bytes() == before and str(backup) in line

    # Exactly the entries whose activities the map names have connections, as the map says; the edit stays.
    now = ghw.load(journal_file)
    kept = now.set_index("id").loc[touched]
    assert kept["note"] == "Changed in ghw" and kept["mood"] == 8 and pd.isna(kept["relationship"])
    expected = importers.read_daylio(source, moods=MOODS, activities=FILLED)
    mine = now.loc[~now["id"].str.startswith(touched)]
    theirs = expected.loc[~expected["id"].str.startswith(touched)]
    shown = ["id", "relationship", "person", "activity", "note", "mood"]
    assert (mine[shown].fillna("").astype("str").sort_values("id").to_numpy()
            == theirs[shown].astype("str").sort_values("id").to_numpy()).all()
    per_entry = now.assign(entry=importers.entry_of(now["id"])).groupby("entry")["relationship"].apply(
        lambda kinds: frozenset(kinds.dropna()))
    assert (per_entry != frozenset()).sum() == len(connected) - 1
    people = now["person"].value_counts()
    assert people["Tania"] == sum("tania-time" in _activities_of(r) for r in records) - 1
    assert people["Sam"] == sum("date night" in _activities_of(r) for r in records)

    after = journal_file.read_bytes()
    third = run("import", "daylio", source, "--moods", moods, "--activities", template)
    assert f"Added 0 entries to {journal_file} ({len(records)} entries were already there)." in third.stdout
    assert "Updated" not in third.stdout and journal_file.read_bytes() == after
    assert len(ghw.storage.backups(journal_file)) == len(saved) + 1


def test_entries_imported_before_ghw_kept_a_record_are_updated_when_untouched(export, tmp_path):
    """An import by an earlier ghw wrote no record: an entry just as that import wrote it (no map) is its own."""
    journal_file = tmp_path / "j.csv"
    ghw.journal.extend(journal_file, importers.read_daylio(export, moods={"great": 8}))
    first = ghw.load(journal_file)["id"].iloc[-1]
    ghw.journal.edit(journal_file, first, {"note": "my words"})  # the entry with friends, changed by hand
    done = run("import", "daylio", export, "--journal", journal_file, "--moods", tmp_path / "moods.csv",
               "--activities", tmp_path / "acts.csv")
    assert "1 entry was changed in ghw" in done.stdout and "Updated" not in done.stdout
    ghw.journal.edit(journal_file, first, {"note": importers.read_daylio(export, moods={"great": 8})["note"].iat[-1]})
    again = run("import", "daylio", export, "--journal", journal_file, "--moods", tmp_path / "moods.csv",
                "--activities", tmp_path / "acts.csv")
    assert "Updated 1 entry an earlier import wrote: 1 gains a connection" in again.stdout
    assert ghw.load(journal_file)["relationship"].fillna("").tolist() == ["", "", "", "friend"]


def test_an_import_without_a_map_leaves_the_connections_of_an_earlier_one(export, tmp_path):
    journal_file, moods = tmp_path / "j.csv", tmp_path / "moods.csv"
    run("import", "daylio", export, "--journal", journal_file, "--moods", moods, "--activities", tmp_path / "acts.csv")
    before = journal_file.read_bytes()
    done = run("import", "daylio", export, "--journal", journal_file, "--moods", moods)
    assert "1 entry in your journal differs from what this import makes of it" in done.stdout
    assert "only when given an activities map" in done.stdout and journal_file.read_bytes() == before


def test_a_map_already_beside_the_export_is_never_overwritten(export, tmp_path):
    template = tmp_path / "d.activities.csv"
    template.write_text("activity,relationship,person\nwork,colleague,Ann\n")
    mine = template.read_bytes()
    done = run("import", "daylio", export, "--journal", tmp_path / "j.csv", "--moods", tmp_path / "moods.csv")
    assert done.returncode == 0 and f"Your activities map {template} is there and was left as it is" in done.stdout
    assert template.read_bytes() == mine
    template.unlink()
    template.mkdir()  # a folder where the map would go: left alone, and said plainly when given
    again = run("import", "daylio", export, "--journal", tmp_path / "j2.csv", "--moods", tmp_path / "moods.csv")
    assert again.returncode == 0 and template.is_dir()
    given = run("import", "daylio", export, "--journal", tmp_path / "j2.csv", "--activities", template)
    assert given.returncode == 2 and "is a folder" in given.stderr


def test_problems_in_an_activities_map_name_their_lines(export, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("activity,count,relationship,person\nfriends,3,,Jo\nwork,2,boss,\nwalk,1,,\n"
                   "Friends,1,family,\nfamily,1,family?,\n")
    done = run("import", "daylio", export, "--journal", tmp_path / "j.csv", "--activities", bad)
    assert done.returncode == 1 and not (tmp_path / "j.csv").exists()
    assert "line 2, relationship: is needed for a connection" in done.stderr
    assert "line 3, relationship ('boss'): must be one of" in done.stderr
    assert "line 5, activity ('Friends'): is listed twice, differently (also on line 2)" in done.stderr
    assert "line 6" not in done.stderr  # a suggestion is not a problem: it is not used


@pytest.mark.parametrize("activity, capitals, guess", [
    ("family", True, ("family", "")), ("Family dinner", False, ("family", "")), ("friends", True, ("friend", "")),
    ("date night", True, ("partner", "")), ("colleagues lunch", True, ("colleague", "")),
    ("call mum", True, ("family", "Mum")), ("Tania-time", True, ("", "Tania")), ("Zoë time", True, ("", "Zoë")),
    ("call Jo", True, ("", "Jo")), ("J.D.", True, ("", "J.D.")), ("@jo_k", True, ("", "@jo_k")),
    ("Ørjan", True, ("", "Ørjan")), ("O’Brien", True, ("", "O’Brien")), ("Ørjan", False, ("", "")),
    ("Gym", False, ("", "")), ("work", True, ("", "")), ("sleep early", True, ("", "")), ("Mum-time", True,
                                                                                          ("family", "Mum")),
])
def test_suggestions_are_guesses_from_the_activity_alone(activity, capitals, guess):
    assert importers.suggest(activity, capitals_are_names=capitals) == guess


def test_capitals_say_nothing_in_an_export_that_capitalises_everything():
    template = importers.activity_template(Counter({"Work": 9, "Gym": 5, "Reading": 4, "Family": 3, "Tania-time": 2}))
    said = template.set_index("activity")
    assert said.loc["Gym", "person"] == "" and said.loc["Reading", "person"] == ""
    assert said.loc["Family", "relationship"] == "family?" and said.loc["Tania-time", "person"] == "Tania?"


def test_a_crash_between_the_record_and_the_journal_loses_nothing(export, tmp_path, monkeypatch):
    """The record grows before the journal is rewritten; a crash there leaves a journal the next import updates."""
    journal_file, moods, acts = tmp_path / "j.csv", tmp_path / "moods.csv", tmp_path / "acts.csv"
    run("import", "daylio", export, "--journal", journal_file, "--moods", moods)
    before = journal_file.read_bytes()

    def crash(*_):
        raise KeyboardInterrupt  # as a kill would stop it: after the record, before the rewrite

    with monkeypatch.context() as patch:
        patch.setattr(ghw.journal, "_rewrite", crash)
        with pytest.raises(KeyboardInterrupt):
            importers.import_daylio(export, journal=journal_file, moods=moods, activities=acts)
    assert journal_file.read_bytes() == before
    done = run("import", "daylio", export, "--journal", journal_file, "--moods", moods, "--activities", acts)
    assert "Updated 1 entry an earlier import wrote: 1 gains a connection" in done.stdout
    assert ghw.load(journal_file)["relationship"].notna().sum() == 1


def test_two_journals_in_one_folder_and_a_linked_journal_keep_records_of_their_own(export, tmp_path):
    moods, acts = tmp_path / "moods.csv", tmp_path / "acts.csv"
    home, work = tmp_path / "j.csv", tmp_path / "j-work.csv"
    synced = tmp_path / "synced"
    synced.mkdir()
    link = tmp_path / "linked.csv"
    (synced / "real.csv").touch()
    link.symlink_to(synced / "real.csv")
    for journal_file in (home, work, link):
        run("import", "daylio", export, "--journal", journal_file, "--moods", moods)
    assert {p.name for p in tmp_path.glob("*.imported.csv")} == {"j.imported.csv", "j-work.imported.csv"}
    assert (synced / "real.imported.csv").is_file() and link.is_symlink()
    friends = ghw.load(work)["id"].iloc[-1]
    ghw.journal.edit(work, friends, {"note": "mine"})  # changed in one journal only
    said = {j: run("import", "daylio", export, "--journal", j, "--moods", moods, "--activities", acts).stdout
            for j in (home, work, link)}
    assert "Updated 1 entry" in said[home] and "Updated 1 entry" in said[link] and "Updated" not in said[work]
    assert "1 entry was changed in ghw" in said[work] and link.is_symlink()
    assert ghw.load(link)["relationship"].notna().sum() == 1 and ghw.load(work)["relationship"].isna().all()


def test_a_csv_imported_again_with_a_changed_mapping_is_updated(tmp_path, journal_path):
    source = tmp_path / "sheet.csv"
    source.write_text("Day,Feeling,With,Kind\n2026-11-25,7,Jo,friend\n2026-11-26,5,,\n")
    mapping = tmp_path / "map.csv"
    mapping.write_text("journal,source\ndate,Day\nmood,Feeling\n")
    run("import", "csv", source, "--map", mapping)
    assert ghw.load(journal_path)["note"].iat[0] == "With: Jo\nKind: friend"
    mapping.write_text("journal,source\ndate,Day\nmood,Feeling\nperson,With\nrelationship,Kind\n")
    done = run("import", "csv", source, "--map", mapping)
    assert "Updated 1 entry an earlier import wrote: 1 gains a connection" in done.stdout
    assert ghw.load(journal_path)["person"].fillna("").tolist() == ["Jo", ""]


def test_the_reflection_page_points_an_imported_history_to_its_map(export, tmp_path):
    from ghw.widgets import Reflection

    journal_file = tmp_path / "j.csv"
    run("import", "daylio", export, "--journal", journal_file, "--moods", tmp_path / "moods.csv")
    page = Reflection(journal_file, charts=False)
    assert "ghw-unmapped" in page.banner.value
    assert "The 4 entries you imported from Daylio have no connections yet" in page.banner.value
    run("import", "daylio", export, "--journal", journal_file, "--moods", tmp_path / "moods.csv",
        "--activities", tmp_path / "acts.csv")
    page.reload()
    assert "ghw-unmapped" not in page.banner.value


# -- the Import page ----------------------------------------------------------------------------------------------

def test_the_import_page_does_what_the_command_does(tmp_path):
    from ghw.widgets import ImportForm

    journal_file = tmp_path / "data" / "journal.csv"
    journal_file.parent.mkdir()
    content = daylio_export("scales", days=60).encode("utf-8")
    form = ImportForm(journal_file)
    assert not form.load("export.csv", b"\x7fELF\x00binary")  # a wrong file: said, nothing kept
    assert "could not be read" in form.status.value and not form.export.exists()
    assert form.load("daylio_export_2026.csv", content)
    assert form.export.read_bytes() == content and "daylio_export_2026.csv: " in form.about.value
    assert form.mood_inputs["rad"].value == "9" and form.mood_inputs["tired"].value == ""
    assert form.run() is None and "Give each mood a number first" in form.status.value
    assert not journal_file.exists()
    for name, box in form.mood_inputs.items():
        box.value = str(MOODS[name])
    preview = form.preview()
    assert len(preview.merged.added) == len(_raw(form.export)) and not journal_file.exists()
    assert "Would add" in form.status.value and "<table>" in form.preview_table.value
    assert not form.moods_file.exists() and not form.activities_file.exists()

    first = form.run()
    assert "✓ Added" in form.status.value and "None of your Daylio entries is a connection yet" in form.status.value
    assert "press Use beside one to take it" in form.status.value
    saved = pd.read_csv(form.activities_file, dtype="str", na_filter=False).set_index("activity")
    assert saved.loc["family", "relationship"] == "family?"  # a suggestion, kept as one
    assert len(ghw.load(journal_file)) == len(first.merged.added)

    row = form.activity_rows["Tania-time"]
    row.use()
    assert row.person.value == "Tania" and row.relationship.value == ""
    assert form.run() is None and "choose the kind of relationship of Tania-time" in form.status.value
    row.relationship.value = "partner"
    form.activity_rows["call mum"].dismiss()
    assert form.use_suggestions() == 5  # family, colleagues, friends, date night, Ørjan (which needs a kind too)
    form.activity_rows["Ørjan"].relationship.value = "friend"
    done = form.run()
    assert done.merged.updated and done.merged.gained == done.merged.updated
    assert f"{done.merged.gained} gain a connection" in form.status.value
    saved = pd.read_csv(form.activities_file, dtype="str", na_filter=False).set_index("activity")
    assert saved.loc["Tania-time", ["relationship", "person"]].tolist() == ["partner", "Tania"]
    assert saved.loc["call mum", ["relationship", "person"]].tolist() == ["", ""]
    assert ghw.storage.backups(form.activities_file)  # the earlier table is kept

    again = ImportForm(journal_file)  # the page opened another day: the export and its tables are there
    assert again.activity_rows["Tania-time"].relationship.value == "partner"
    assert again.mood_inputs["tired"].value == str(MOODS["tired"])
    assert not again.run().merged.updated


def test_the_import_notebook_runs():
    from ghw import paths
    from notebooks_run import run_notebook

    run_notebook(paths.notebooks_dir() / "07-import.ipynb")


def test_the_walk_through_in_the_docs_is_what_ghw_says(tmp_path, monkeypatch):
    """docs/import.md follows a year of Daylio through four imports: each command there, run here, says what it shows.

    The export is the one this module makes (``daylio_export.export()``); each ``csv file=NAME`` block is written
    to NAME before the commands that follow it; before the last step, one entry is changed in ghw and the undecided
    activity is confirmed, as the text says.
    """
    import re

    text = (ghw.paths.PROJECT_DIR / "docs" / "import.md").read_text(encoding="utf-8")
    section = text[text.index("### A year of Daylio"):text.index("### In the app")]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GHW_JOURNAL", "data/journal.csv")
    (tmp_path / "data").mkdir()
    export = daylio_export()
    (tmp_path / "daylio_export_2026_10_31.csv").write_text(export, encoding="utf-8")
    stamp = re.compile(r"\d{8}-\d{6}-\d{6}")
    blocks = re.findall(r"(.*?)```(\w+)([^\n]*)\n(.*?)```", section, flags=re.S)
    assert sum(kind == "console" for _, kind, _, _ in blocks) == 6
    excerpt, *offered = [body for _, kind, info, body in blocks if kind == "csv" and not info.strip()
                         and not body.startswith("entry,")]
    assert export.lstrip("\ufeff").startswith(excerpt)
    for before, kind, info, body in blocks:
        if kind == "csv" and info.strip().startswith("file="):
            (tmp_path / info.strip()[5:]).write_text(body, encoding="utf-8")
        if kind == "csv" and offered and body == offered[0]:
            assert (tmp_path / "daylio_export_2026_10_31.activities.csv").read_text(encoding="utf-8") == body
        if kind != "console":
            continue
        if "Later: a changed map" in before:
            entries = ghw.load("data/journal.csv")
            ghw.journal.edit("data/journal.csv", entries.loc[entries["person"] == "Tania", "id"].iloc[0],
                             {"quality": 5, "note": "Long walk by the river"})
            activities = tmp_path / "daylio_export_2026_10_31.activities.csv"
            activities.write_text(activities.read_text(encoding="utf-8").replace("colleague?", "colleague"))
        command, *shown = body.rstrip("\n").split("\n")
        done = run(*command.removeprefix("$ ghw ").split())
        said = stamp.sub("STAMP", (done.stdout + done.stderr).replace(f"{tmp_path}/", "")).rstrip("\n")
        assert said == stamp.sub("STAMP", "\n".join(shown)), command


def test_a_damaged_import_record_is_named_and_deleting_it_loses_nothing(export, tmp_path):
    journal_file, moods, acts = tmp_path / "j.csv", tmp_path / "moods.csv", tmp_path / "acts.csv"
    run("import", "daylio", export, "--journal", journal_file, "--moods", moods)
    record = importers.record_path(journal_file)
    record.write_text(record.read_text() + "daylio-x,not hex,2026-12-01T10:00:00\n")
    before = journal_file.read_bytes()
    done = run("import", "daylio", export, "--journal", journal_file, "--moods", moods, "--activities", acts)
    assert done.returncode == 1 and "line 6, fingerprint ('not hex'): is not as ghw writes it" in done.stderr
    assert journal_file.read_bytes() == before
    record.unlink()  # the entries, as an import without a map made them, count as imported before there was one
    again = run("import", "daylio", export, "--journal", journal_file, "--moods", moods, "--activities", acts)
    assert "Updated 1 entry an earlier import wrote: 1 gains a connection" in again.stdout
    assert len(ghw.load(journal_file)) == 4

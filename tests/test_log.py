"""The logging form without a browser: set values, click, read the status and the file."""

import datetime as dt

import pandas as pd
import pytest

import ghw
from conftest import HEADER, write
from ghw import catalogue, paths, people
from ghw.widgets import App, LogForm
from notebooks_run import run_notebook

NOW = dt.datetime(2026, 11, 25, 18, 30)


@pytest.fixture
def form(journal_path):
    return LogForm(now=NOW)


def fill(form, **values):
    for name, value in values.items():
        getattr(form, name).value = value


def test_defaults_are_now_and_a_middle_mood(form):
    assert (form.date.value, form.time.value, form.mood.value) == (NOW.date(), "18:30", 5)
    assert form.entry() == {"date": NOW.date(), "time": "18:30", "mood": 5}


def test_save_a_connection_by_clicking(form, journal_path):
    fill(form, mood=7, person="Jo", relationship="friend", activity="walk", channel="in_person", minutes="40",
         quality=4, initiated_by="me", support="both", note="Long walk, good talk")
    form.save_button.click()
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["mood"], entry["person"], entry["minutes"], entry["quality"], entry["note"]) == (
        7, "Jo", 40, 4, "Long walk, good talk")
    assert "Saved: 2026-11-25 18:30 · mood 7 · Jo (friend), walk" in form.status.value
    # The day stays, the connection clears: the next person of the day is quick to add.
    assert form.date.value == NOW.date() and form.person.value == "" and form.quality.value is None
    assert form.mood.value == 7


def test_three_connections_of_one_day(form, journal_path):
    for person, kind in (("Sam", "partner"), ("Alex", "colleague"), ("Mum", "family")):
        fill(form, person=person, relationship=kind, quality=3)
        assert form.save()
    entries = ghw.load(journal_path)
    assert entries["person"].tolist() == ["Sam", "Alex", "Mum"]
    assert set(entries["date"].dt.date) == {NOW.date()}


def test_refused_save_says_why_and_keeps_every_input(form, journal_path):
    fill(form, person="Jo", minutes="half an hour", time="25:00", note="keep me")
    assert not form.save()
    status = form.status.value
    assert "Not saved yet" in status
    assert "<b>Time</b>" in status and "24-hour clock" in status
    assert "<b>Time together</b>" in status and "whole number of minutes" in status
    assert "<b>Kind of relationship</b>" in status and "is needed for a connection" in status
    assert (form.person.value, form.minutes.value, form.time.value, form.note.value) == (
        "Jo", "half an hour", "25:00", "keep me")
    assert not journal_path.exists()


def test_refused_save_leaves_the_file_unchanged(form, journal_path):
    fill(form, mood=6)
    form.save()
    before = journal_path.read_bytes()
    fill(form, relationship=None, quality=4)
    assert not form.save()
    assert journal_path.read_bytes() == before


def test_user_text_in_messages_is_escaped(form):
    fill(form, minutes="<img src=x onerror=alert(1)>", relationship="friend")
    form.save()
    assert "<img" not in form.status.value and "&lt;img" in form.status.value


def test_person_suggestions_fill_the_usual_relationship(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,Jo,friend,coffee,,,,,,\nb,2026-11-02,,5,Jo,friend,walk,,,,,,\n")
    form = LogForm(now=NOW)
    assert form.person.options == ("Jo",)
    assert form.activity.options[:2] == ("coffee", "walk") and "small talk" in form.activity.options
    form.person.value = "Jo"
    assert form.relationship.value == "friend"


def test_recent_entries_edit_delete_and_undo(form, journal_path):
    fill(form, mood=4)
    form.save()
    fill(form, mood=8, person="Sam", relationship="partner")
    form.save()
    rows = form.recent.children
    assert "mood 8 · Sam (partner)" in rows[0].children[0].value  # newest first
    second = ghw.load(journal_path)["id"].iat[1]

    rows[0].children[1].click()  # Edit
    assert form.editing == second and form.person.value == "Sam" and form.save_button.description == "Save changes"
    fill(form, mood=9, quality=5)
    assert form.save()
    edited = ghw.load(journal_path).set_index("id").loc[second]
    assert (edited["mood"], edited["quality"], edited["person"]) == (9, 5, "Sam")
    assert len(ghw.load(journal_path)) == 2 and form.editing is None

    form.recent.children[0].children[2].click()  # Delete
    assert ghw.load(journal_path)["id"].tolist() != [second] and len(ghw.load(journal_path)) == 1
    undo = form.recent.children[-1]
    assert undo.description == "Undo delete"
    undo.click()
    assert second in set(ghw.load(journal_path)["id"])
    assert "Restored" in form.status.value


def test_cancel_edit_changes_nothing(form, journal_path):
    fill(form, mood=4, person="Jo", relationship="friend")
    form.save()
    before = journal_path.read_bytes()
    form.start_edit(ghw.load(journal_path)["id"].iat[0])
    fill(form, mood=1)
    form.cancel_button.click()
    assert journal_path.read_bytes() == before and form.editing is None and form.save_button.description == "Save"


def test_nudge_suggests_an_idea_and_overdue_people(journal_path):
    rows = [f"r{i},2026-09-{i * 3 + 1:02d},,5,Leo,family,,,,,,," for i in range(6)]
    rows += [f"s{i},2026-11-{i + 1:02d},,5,Sam,partner,,,,,,," for i in range(20)]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    form = LogForm(now=NOW - dt.timedelta(days=5))  # not in the programme's rest week (days 22 to 28)
    assert catalogue.idea_of_the_day().text in form.nudge.value
    late = people.overdue(ghw.load(journal_path))
    assert late["person"].tolist() == ["Leo"]
    assert "Leo (65 days; usually every 3 days)" in form.nudge.value
    form.show_nudge.value = False
    assert form.nudge.layout.display == "none"


def test_a_broken_journal_is_reported_not_hidden(journal_path):
    journal_path.write_bytes(b"\xff\xfe\x00binary")
    form = LogForm(now=NOW)
    assert "not UTF-8" in form.status.value


def test_app_reloads_reflection_when_opened(journal_path):
    app = App()
    assert app.reflection.journal.is_sample
    fill(app.log_form, mood=6)
    app.log_form.save()
    app.selected_index = 1
    assert not app.reflection.journal.is_sample
    assert app.reflection.sentences["timeline"] == "You logged on 1 of 1 day (100%)."


@pytest.mark.parametrize("name", ["01-log.ipynb", "app.ipynb"])
def test_notebook_runs_against_a_temporary_journal(journal_path, name):
    notebook = run_notebook(paths.notebooks_dir() / name)
    assert "ghw-log" in str(notebook.metadata["widgets"])
    assert not journal_path.exists()  # showing the form writes nothing


def test_dates_in_the_form_round_trip(form, journal_path):
    fill(form, date=dt.date(2024, 2, 29), time="07:05")
    form.save()
    assert ghw.load(journal_path)["date"].iat[0] == pd.Timestamp("2024-02-29")


def test_lines_with_problems_are_pointed_out(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\nb,2026-11-02,,50,,,,,,,,,\n")
    form = LogForm(now=NOW)
    assert "1 line of your journal has problems and is left out" in form.status.value and "ghw doctor" in form.status.value
    assert len(form.recent.children) == 1
    assert form.save()


def test_a_date_far_ahead_needs_a_second_save(form, journal_path):
    fill(form, date=dt.date(2027, 11, 25), mood=6, person="Jo", relationship="friend", note="typed once")
    assert not form.save()
    assert "is 365 days after today" in form.status.value and "press Save again" in form.status.value
    assert not journal_path.exists()
    assert (form.person.value, form.note.value, form.date.value) == ("Jo", "typed once", dt.date(2027, 11, 25))
    fill(form, date=dt.date(2026, 12, 25))  # another far date is asked about again
    assert not form.save() and "is 30 days after today" in form.status.value and not journal_path.exists()
    form.save_button.click()
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["date"].date(), entry["person"], entry["note"]) == (dt.date(2026, 12, 25), "Jo", "typed once")


def test_tomorrow_is_saved_at_once(form, journal_path):
    fill(form, date=NOW.date() + dt.timedelta(days=1))
    assert form.save() and len(ghw.load(journal_path)) == 1

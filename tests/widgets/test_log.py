"""The logging form without a browser: set values, click, read the status and the file."""

import datetime as dt

import pandas as pd
import pytest

import ghw
from ghw import catalogue, paths
from ghw.people.due import overdue
from ghw.widgets import App, LogForm
from helpers import HEADER, write
from notebooks_run import run_notebook

NOW = dt.datetime(2026, 11, 25, 18, 30)


@pytest.fixture
def form(journal_path):
    return LogForm(now=NOW)


def fill(form, **values):
    for name, value in values.items():
        getattr(form, name).value = value


def test_nothing_is_chosen_for_you(form, journal_path):
    """No preset mood: Save on an untouched form writes nothing and says what to choose."""
    assert (form.date.value, form.time.value, form.mood.value) == (NOW.date(), "", None)
    assert form.entry() == {"date": NOW.date(), "time": "18:30"}
    form.save_button.click()
    assert "choose how you feel first" in form.status.value and not journal_path.exists()
    form.mood.value = 3
    assert form.save() and ghw.load(journal_path)["mood"].tolist() == [3]
    assert form.mood.value is None  # the next entry starts unchosen again
    assert not form.save() and len(ghw.load(journal_path)) == 1


def test_the_time_follows_the_clock_until_typed(journal_path):
    """A form opened at 23:17 and saved 65 s later is saved at 23:18; a typed time is kept as typed."""
    clock = [dt.datetime(2026, 11, 25, 23, 17, 30)]
    form = LogForm(now=lambda: clock[0])
    clock[0] += dt.timedelta(seconds=65)
    form.mood.value = 6
    assert form.save()
    assert ghw.load(journal_path)["time"].tolist() == ["23:18"]
    fill(form, mood=5, time="07:05")
    clock[0] += dt.timedelta(minutes=45)  # past midnight: today is the next day
    assert form.save()
    last = ghw.load(journal_path).iloc[-1]
    assert (last["time"], last["date"].date()) == ("07:05", dt.date(2026, 11, 26))


def test_another_day_is_said_and_does_not_linger(journal_path):
    form = LogForm(now=NOW)
    assert "Today, now" in form.when.value and form.today_button.layout.display == "none"
    form.show_more()
    fill(form, date=dt.date(2026, 11, 20), mood=4)
    assert "Friday 20 November 2026" in form.when.value and "not today" in form.when.value
    assert form.today_button.layout.display is None
    form.today_button.click()
    assert form.date.value == NOW.date() and form.today_button.layout.display == "none"
    fill(form, date=dt.date(2026, 11, 20))
    assert form.save() and ghw.load(journal_path)["date"].iat[0] == pd.Timestamp("2026-11-20")
    assert form.date.value == NOW.date() and "Today" in form.when.value  # not after saving
    fill(form, date=dt.date(2026, 11, 19))
    form.opened()  # the tab opened again
    assert form.date.value == NOW.date()


def test_time_together_as_people_write_it(form, journal_path):
    for typed, minutes in (("1h", 60), ("45 min", 45), ("1:30", 90), ("1.5 h", 90), ("20", 20)):
        fill(form, mood=6, person="Jo", relationship="friend", minutes=typed)
        assert form.save(), form.status.value
        assert ghw.load(journal_path)["minutes"].iat[-1] == minutes, typed
    fill(form, mood=6, person="Jo", relationship="friend", minutes="a while")
    assert not form.save() and "or write it as 45 min, 1h or 1:30" in form.status.value


def test_a_saved_entry_shows_the_day_card_and_can_be_undone(form, journal_path):
    fill(form, mood=4)
    form.save()
    fill(form, mood=8, person="Sam", relationship="partner", quality=5, note="kept")
    form.save()
    card = form.card.value
    assert "Thank you. Time with Sam is in your journal." in card and "Today" in card
    assert "mood 4" in card and "<b>18:30 · mood 8 · Sam (partner)</b>" in card
    assert not any(word in card.lower() for word in ("streak", "in a row", "missed"))
    assert form.undo_save_button.layout.display is None
    form.undo_save_button.click()
    assert len(ghw.load(journal_path)) == 1 and "Undone" in form.status.value
    assert (form.mood.value, form.person.value, form.quality.value, form.note.value) == (8, "Sam", 5, "kept")
    assert form.undo_save_button.layout.display == "none" and form.card.value == ""


def test_person_suggestions_ignore_case_and_accents(journal_path):
    rows = ["a,2026-11-01,,5,Sam,partner,,,,,,,", "b,2026-11-02,,5,Zoë,friend,,,,,,,",
            "c,2026-11-03,,5,O’Brien,colleague,,,,,,,", "d,2026-11-04,,5,@jo_k,friend,,,,,,,",
            "e,2026-11-05,,5,Samira,family,,,,,,,"]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    form = LogForm(now=NOW)
    assert form.person.suggest("sa") == ["Samira", "Sam"]  # most recent first
    assert form.person.suggest("sam") == ["Samira", "Sam"] and form.person.suggest("Sam") == ["Samira"]
    assert form.person.suggest("zoe") == ["Zoë"] and form.person.suggest("ZO") == ["Zoë"]
    assert form.person.suggest("o'b") == ["O’Brien"] and form.person.suggest("obr") == ["O’Brien"]
    assert form.person.suggest("jo") == ["@jo_k"]
    assert [row[:2] for row in form.person.known][:2] == [["Samira", "family"], ["@jo_k", "friend"]]
    form.person.value = "Zoë"
    assert form.relationship.value == "friend"  # the kind from their history


def test_save_a_connection_by_clicking(form, journal_path):
    fill(form, mood=7, person="Jo", relationship="friend", activity="walk", channel="in_person", minutes="40",
         quality=4, initiated_by="me", support="both", note="Long walk, good talk")
    form.save_button.click()
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["mood"], entry["person"], entry["minutes"], entry["quality"], entry["note"]) == (
        7, "Jo", 40, 4, "Long walk, good talk")
    assert "Saved: 2026-11-25 18:30 · mood 7 · Jo (friend), walk" in form.status.value
    # The form empties for the next entry: nothing is kept that the next entry did not choose.
    assert form.date.value == NOW.date() and form.person.value == "" and form.quality.value is None
    assert form.mood.value is None


def test_three_connections_of_one_day(form, journal_path):
    for person, kind in (("Sam", "partner"), ("Alex", "colleague"), ("Mum", "family")):
        fill(form, mood=6, person=person, relationship=kind, quality=3)
        assert form.save()
    entries = ghw.load(journal_path)
    assert entries["person"].tolist() == ["Sam", "Alex", "Mum"]
    assert set(entries["date"].dt.date) == {NOW.date()}


def test_refused_save_says_why_and_keeps_every_input(form, journal_path):
    fill(form, mood=5, person="Jo", minutes="half an hour", time="25:00", note="keep me")
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
    fill(form, mood=6, relationship=None, quality=4)
    assert not form.save()
    assert journal_path.read_bytes() == before


def test_user_text_in_messages_is_escaped(form):
    fill(form, mood=5, minutes="<img src=x onerror=alert(1)>", relationship="friend")
    form.save()
    assert "<img" not in form.status.value and "&lt;img" in form.status.value


def test_person_suggestions_fill_the_usual_relationship(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,Jo,friend,coffee,,,,,,\nb,2026-11-02,,5,Jo,friend,walk,,,,,,\n")
    form = LogForm(now=NOW)
    assert form.person.known == [["Jo", "friend", "jo"]]
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
    late = overdue(ghw.load(journal_path))
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
    fill(form, date=dt.date(2024, 2, 29), time="07:05", mood=5)
    form.save()
    assert ghw.load(journal_path)["date"].iat[0] == pd.Timestamp("2024-02-29")


def test_lines_with_problems_are_pointed_out(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\nb,2026-11-02,,50,,,,,,,,,\n")
    form = LogForm(now=NOW)
    assert "1 line of your journal has problems and is left out" in form.status.value and "ghw doctor" in form.status.value
    assert len(form.recent.children) == 1
    form.mood.value = 5
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
    fill(form, date=NOW.date() + dt.timedelta(days=1), mood=5)
    assert form.save() and len(ghw.load(journal_path)) == 1


def test_a_first_run_welcomes_and_asks_for_no_check_in_before_a_week(journal_path):
    form = LogForm(now=NOW)
    assert "Welcome to ghw" in form.welcome.value and str(journal_path) in form.welcome.value
    assert "made-up sample year" in form.welcome.value and form.checkin_due.layout.display == "none"
    rows = [f"d{i},2026-11-{i + 1:02d},,5,,,,,,,,," for i in range(6)]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    form = LogForm(now=NOW)
    assert form.welcome.value == "" and form.checkin_due.layout.display == "none"  # six days: not yet
    rows.append("d6,2026-11-07,,5,,,,,,,,,")
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    form = LogForm(now=dt.datetime(2026, 11, 10, 9, 0))  # outside the programme's rest week, which is quiet
    assert form.checkin_due.layout.display != "none" and "in notebook 04-checkin" in form.checkin_due.text.value
    form.checkin_due.point_to("the Check-in tab")  # as the app has it say, where that tab exists
    assert "in the Check-in tab" in form.checkin_due.text.value and "notebook" not in form.checkin_due.text.value

"""Monthly intentions: the file, progress from the journal, suggestions, calendar export, the form."""

import datetime as dt

import icalendar
import pandas as pd
import pytest

import ghw
from ghw import exports, paths, plan, suggest, summary
from ghw.widgets import PlanForm
from helpers import HEADER, write
from notebooks_run import run_notebook

ROWS = """
a,2026-10-04,19:00,7,Mum,family,phone call,call,20,4,me,gave,
b,2026-10-11,19:00,6,mum,family,phone call,call,25,3,me,both,
c,2026-10-12,12:00,6,Jo,friend,long walk,in_person,60,5,them,both,
d,2026-09-30,12:00,6,Jo,friend,walk,in_person,60,5,them,both,
e,2026-10-20,12:00,5,,,,,,,,,
"""


@pytest.fixture
def entries(journal_path):
    write(journal_path, HEADER + ROWS)
    return ghw.load(journal_path)


@pytest.fixture
def plan_file(tmp_path):
    return tmp_path / "plan.csv"


def test_add_load_and_remove(plan_file):
    first = plan.add(plan_file, {"month": "2026-10", "what": "Call Mum", "person": "Mum", "times": 4})
    plan.add(plan_file, {"month": "2026-10", "what": "See friends, phones away", "relationship": "Friend", "times": 2})
    loaded = plan.load_plan(plan_file)
    assert loaded["what"].tolist() == ["Call Mum", "See friends, phones away"]
    assert loaded["relationship"].tolist()[1] == "friend" and loaded["times"].tolist() == [4, 2]
    plan.remove(plan_file, first["id"])
    assert plan.load_plan(plan_file)["what"].tolist() == ["See friends, phones away"]
    assert len(list((plan_file.parent / "backups").iterdir())) == 1


def test_bad_intentions_are_refused_with_every_reason(plan_file):
    with pytest.raises(ghw.ValidationError) as caught:
        plan.add(plan_file, {"month": "2026-13", "what": " ", "relationship": "boss", "times": "0"})
    assert caught.value.problems["column"].tolist() == ["month", "what", "relationship", "times"]
    assert not plan_file.exists()
    write(plan_file, "id,month,what,person,relationship,times\nx,2026-10,Call,,,40\n")
    with pytest.raises(ghw.ValidationError, match="line 2, times"):
        plan.load_plan(plan_file)


def test_progress_counts_from_the_journal(entries, plan_file):
    plan.add(plan_file, {"id": "mum", "month": "2026-10", "what": "Call Mum", "person": "Mum", "times": 4})
    plan.add(plan_file, {"id": "friends", "month": "2026-10", "what": "Friends", "relationship": "friend", "times": 1})
    plan.add(plan_file, {"id": "walks", "month": "2026-10", "what": "walk", "times": 2})
    plan.add(plan_file, {"id": "kids", "month": "2026-10", "what": "Play", "relationship": "child", "times": 1})
    plan.add(plan_file, {"id": "later", "month": "2026-11", "what": "Call Mum", "person": "Mum", "times": 1})
    result = plan.progress(plan.load_plan(plan_file), entries, "2026-10").set_index("id")
    assert list(result.index) == ["mum", "friends", "walks", "kids"]
    assert result["done"].tolist() == [2, 1, 1, 0]  # "mum" matches "Mum"; September's walk does not count
    assert result["status"].tolist() == ["partly", "done", "partly", "not yet"]


def test_suggestions_name_people_and_missing_kinds(journal_path):
    rows = [f"l{i},2026-08-{i * 3 + 1:02d},,5,Leo,family,,,,,,," for i in range(6)]
    rows += [f"s{i},2026-10-{i + 1:02d},,6,Sam,partner,walk,,,4,,," for i in range(28)]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    ideas = suggest.suggestions(ghw.load(journal_path), limit=20)
    assert ideas["what"].iat[0] == "Reach out to Leo" and "usually every 3" in ideas["why"].iat[0]
    missing = ideas.loc[ideas["why"].str.startswith("no ")]
    assert "partner" not in set(missing["relationship"]) and "friend" in set(missing["relationship"])


def test_calendar_file_parses_back(plan_file, entries):
    plan.add(plan_file, {"id": "mum", "month": "2026-11", "what": "Call Mum", "person": "Mum", "times": 4})
    plan.add(plan_file, {"id": "nb", "month": "2026-11", "what": "Help a neighbour", "relationship": "neighbour"})
    plan.add(plan_file, {"id": "dec", "month": "2026-12", "what": "Not this month"})
    month = summary.summary(entries, "2026-11", plan=plan.load_plan(plan_file), names=True)
    calendar = icalendar.Calendar.from_ical(exports.EXPORTS["ics"].write(month))
    events = [e for e in calendar.walk("VEVENT")]
    assert len(events) == 5
    mum = sorted(e.decoded("dtstart") for e in events if str(e["summary"]) == "Call Mum")
    assert mum == [dt.date(2026, 11, d) for d in (1, 8, 16, 23)]
    assert {str(e["uid"]) for e in events} >= {"mum-1@ghw", "mum-4@ghw", "nb-1@ghw"}
    assert all(e.decoded("dtstart") < e.decoded("dtend") for e in events)


def test_form_adds_and_counts(entries, journal_path):
    form = PlanForm()
    assert not form.example and form.month.value == "2026-10"
    form.what.value, form.person.value, form.times.value = "Call Mum", "Mum", "3"
    assert form.add()
    assert "Added: Call Mum" in form.status.value
    assert form.progress[["done", "status"]].values.tolist() == [[2, "partly"]]
    assert form.what.value == "" and "2 of 3" in form.listing.children[0].children[0].value
    form.what.value, form.times.value = "Too often", "99"
    assert not form.add() and "times" in form.status.value and form.what.value == "Too often"
    form.remove(form.progress["id"].iat[0])
    assert plan.load_plan(plan.plan_path(journal_path)).empty


def test_form_on_sample_data_is_an_example(journal_path):
    form = PlanForm()
    assert form.example and form.path == paths.SAMPLE_PLAN and "Example on sample data" in form.children[1].value
    expected = plan.progress(plan.load_plan(paths.SAMPLE_PLAN), form.journal.entries, "2026-10")
    pd.testing.assert_frame_equal(form.progress, expected)
    assert set(form.progress["status"]) <= {"done", "partly", "not yet"} and len(form.progress) == 4
    before = paths.SAMPLE_PLAN.read_bytes()
    assert not form.add({"month": "2026-10", "what": "x"})
    assert paths.SAMPLE_PLAN.read_bytes() == before
    assert len(form.ideas.children) >= 1


def test_notebook_runs(journal_path):
    notebook = run_notebook(paths.notebooks_dir() / "03-plan-and-share.ipynb")
    state = str(notebook.metadata["widgets"])
    assert "ghw-plan" in state and "ghw-share" in state and "Will be written" in state


def test_the_calendar_file_and_the_summary_come_as_download_links(entries, journal_path):
    """The app serves no files: the Plan and Share tabs hand over what they make as links that carry it."""
    import base64
    import re

    from ghw.widgets import ShareForm

    form = PlanForm()
    assert form.chart.layout.display == "none"  # no intentions yet: no empty chart
    form.what.value, form.person.value, form.times.value = "Call Mum", "Mum", "1"
    assert form.add() and form.chart.layout.display is None
    form.what.value, form.person.value, form.times.value = "See Jo", "Jo", "1"
    assert form.add()
    assert "Call Mum (Mum): <b>2 of 1" not in form.listing.children[0].children[0].value
    assert "1 of 1, and 1 more" in form.listing.children[0].children[0].value  # never "2 of 1"
    data = form.calendar()
    assert data.startswith(b"BEGIN:VCALENDAR")
    link = form.calendar_link.value
    assert "download='ghw-2026-10.ics'" in link
    assert base64.b64decode(re.search(r"base64,([^']+)'", link)[1]) == data

    share = ShareForm(journal_path)
    share.format.value = "md"
    out = share.write()
    link = share.download.value
    assert f"download='{out.name}'" in link and "data:text/markdown;base64," in link
    assert base64.b64decode(re.search(r"base64,([^']+)'", link)[1]) == out.read_bytes()

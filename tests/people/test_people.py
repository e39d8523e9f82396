"""People: the ledger, rhythms and who is due, tidy names, rename and merge with undo, private people, the page."""

import csv
import hashlib
import html
import io

import icalendar
import pandas as pd
import pytest
from pypdf import PdfReader

import ghw
from ghw import exports, paths, plan, privacy, storage, suggest, summary
from ghw.findings import Data
from ghw.findings.mood_by import mood_by
from ghw.names import find
from ghw.people.contacts import duplicates
from ghw.people.due import overdue, schedule
from ghw.people.file import load_people, parse_rhythm, people_path, private_names, set_private, set_rhythm
from ghw.people.ledger import ledger
from ghw.people.page import describe, describe_variety, person
from ghw.people.rename import rename, undo_rename
from ghw.people.variety import variety
from ghw.widgets import App, LogForm, PeopleView
from helpers import HEADER, ghw_command, kill_after, write
from notebooks_run import run_notebook


def _rows(name, kind, days, month="2026-10", mood=6, prefix=None, **fields):
    """Journal lines: one connection with ``name`` on each of ``days`` of ``month``."""
    prefix = prefix or hashlib.sha1(f"{name}{kind}".encode()).hexdigest()[:8]
    extra = {"activity": "", "channel": "", "minutes": "", "quality": "", "initiated_by": "", "support": "",
             "note": ""} | fields
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for day in days:
        writer.writerow([f"{prefix}-{month}-{day}", f"{month}-{day:02d}", "12:00", mood, name, kind, *extra.values()])
    return out.getvalue()


@pytest.fixture
def small(journal_path):
    """Leo every 3 days in August; Sam every day of October; Ana (a friend) on 3 days; the last day is 31 October."""
    write(journal_path, HEADER + "\n" + _rows("Leo", "family", range(1, 17, 3), "2026-08")
          + _rows("Sam", "partner", range(1, 32)) + _rows("Ana", "friend", (1, 4, 7)))
    return journal_path


def _people_file(journal_path, text):
    return write(people_path(journal_path), text)


def _records(table):
    return table.astype(object).where(table.notna(), None).to_dict("records")


# -- rhythms and the people file ------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("every week", (1, "week")), ("Weekly", (1, "week")), ("every 2 weeks", (2, "week")),
    ("fortnightly", (2, "week")), ("every other week", (2, "week")), ("monthly", (1, "month")),
    ("every three months", (3, "month")), ("every 10 days", (10, "day")), ("daily", (1, "day")),
    ("  EVERY   2   WEEKS ", (2, "week")), ("never", (0, "never")),
    ("sometimes", None), ("every 0 days", None), ("every -2 weeks", None), ("2 weeks", None), ("", None),
])
def test_rhythms_are_read_in_plain_words(text, expected):
    assert parse_rhythm(text) == expected


def test_a_rhythm_that_is_not_understood_names_its_line(journal_path):
    path = _people_file(journal_path, 'person,relationship,every,private\nJo,,every week,\n"Sam, my love",,'
                                      'sometimes,\n,friend,monthly,\n,pals,weekly,\nAna,friend,,\n,friend,daily,\n'
                                      ',family,,yes\nJo,,,maybe\n')
    with pytest.raises(ghw.ValidationError) as caught:
        load_people(path)
    message = str(caught.value)
    assert "line 3, every ('sometimes'): is not a rhythm ghw understands" in message
    assert "line 5, relationship ('pals'): must be one of" in message
    assert "line 6, person ('Ana'): name a person or a kind of relationship (one of the two)" in message
    assert "line 7, relationship ('friend'): appears twice (also on line 4)" in message
    assert "line 8, private ('yes'): only a person can be private" in message
    assert "line 9, private ('maybe'): must be yes or no" in message


def test_setting_rhythms_and_private_marks_keeps_the_rest_and_a_backup(journal_path):
    path = _people_file(journal_path, "person,relationship,every,private,why\nJo,,every week,,old friend\n")
    assert set_rhythm(path, "jo", "fortnightly") == "every 2 weeks"  # the same person, any case
    set_rhythm(path, "Friend", "every month", kind=True)
    set_private(path, "Zoë 🌻", True)
    assert _records(load_people(path)) == [
        {"person": "Jo", "relationship": None, "every": "every 2 weeks", "private": False},
        {"person": None, "relationship": "friend", "every": "every month", "private": False},
        {"person": "Zoë 🌻", "relationship": None, "every": None, "private": True},
    ]
    assert "old friend" in path.read_text()  # a column the user added is kept
    assert len(storage.backups(path)) == 3  # one before each change
    set_rhythm(path, "Jo", "")  # forgotten; the row stays for the user's own column
    assert pd.isna(load_people(path).set_index("person").loc["Jo", "every"])
    set_private(path, "zoë 🌻", False)  # a row left with nothing to say is dropped
    assert "Zoë 🌻" not in set(load_people(path)["person"].dropna())
    with pytest.raises(ghw.ValidationError, match="every \\('now and then'\\)"):
        set_rhythm(path, "Jo", "now and then")
    with pytest.raises(ghw.GhwError, match="not a kind of relationship"):
        set_rhythm(path, "pals", "weekly", kind=True)


# -- who is due -----------------------------------------------------------------------

def test_due_list_from_the_usual_gap_and_from_wishes(small, journal_path):
    entries = ghw.load(small)
    late = overdue(entries)
    # Leo: usual gap 3 days, not seen for 76 days; Ana: usual gap 3 days, not seen for 24. Sam was seen today.
    assert late["person"].tolist() == ["Leo", "Ana"] and late["days_since"].tolist() == [76, 24]
    assert late["gap"].tolist() == [3, 3] and late["every"].isna().all()
    settings = _people_file(journal_path, "person,relationship,every,private\nSam,,every 2 weeks,\n"
                                          ",friend,every week,\nLeo,,never,\n")
    settings = load_people(settings)
    late = overdue(entries, settings)
    # Ana is a friend, seen on 3 days, last on 7 October: every week makes her due since the 14th. Leo: never.
    assert late["person"].tolist() == ["Ana"]
    assert late[["every", "days_since"]].values.tolist() == [["every week", 24]]
    assert late["due_on"].iat[0] == pd.Timestamp("2026-10-14")
    later = overdue(entries, settings, today="2026-11-20")
    # Ranked by how overdue for their own rhythm: Ana 44 days for a weekly rhythm, Sam 20 days for every 2 weeks.
    assert later["person"].tolist() == ["Ana", "Sam"]
    assert later["ratio"].tolist() == pytest.approx([44 / 7, 20 / 14])


def test_the_due_list_restarts_from_the_last_logged_contact(small):
    assert "Leo" in overdue(ghw.load(small))["person"].tolist()
    ghw.append(small, {"date": "2026-10-30", "mood": 6, "person": "Leo", "relationship": "family"})
    assert "Leo" not in overdue(ghw.load(small))["person"].tolist()
    due = schedule(ghw.load(small)).set_index("person")
    assert due.loc["Leo", "last_contact"] == pd.Timestamp("2026-10-30")


def test_monthly_rhythms_follow_the_calendar(journal_path):
    write(journal_path, HEADER + "\n" + _rows("Mum", "family", (31,), "2026-01"))
    settings = load_people(_people_file(journal_path, "person,every\nMum,monthly\n"))
    assert schedule(ghw.load(journal_path), settings)["due_on"].iat[0] == pd.Timestamp("2026-02-28")


def test_nudges_and_suggestions_use_the_wished_rhythm(small, journal_path):
    _people_file(journal_path, "person,relationship,every,private\n,friend,every week,\n")
    form = LogForm()
    assert "Ana (24 days; you wished for every week)" in form.nudge.value
    assert "Leo (76 days; usually every 3 days)" in form.nudge.value
    ideas = suggest.suggestions(ghw.load(small), people_file=load_people(people_path(journal_path)))
    assert ideas["what"].tolist()[:2] == ["Reach out to Leo", "Reach out to Ana"]
    assert ideas["why"].iat[1] == "24 days; you wished for every week"
    write(people_path(journal_path), "person,every\nJo,sometimes\n")
    assert "line 2, every ('sometimes')" in html.unescape(LogForm().nudge.value)  # said, not hidden


def test_calendar_reminds_when_someone_becomes_due(small, journal_path):
    settings = load_people(_people_file(journal_path, "person,every\nSam,every 2 weeks\n"))
    november = summary.summary(ghw.load(small), "2026-11", people=settings, names=True)
    events = icalendar.Calendar.from_ical(exports.EXPORTS["ics"].write(november)).walk("VEVENT")
    due = {str(e["summary"]): e.decoded("dtstart").isoformat() for e in events}
    # Sam: every 2 weeks from 31 October. Leo and Ana were due before: reminded on the month's first day.
    assert due == {"Reach out to Sam?": "2026-11-14", "Reach out to Leo?": "2026-11-01",
                   "Reach out to Ana?": "2026-11-01"}


# -- the ledger and one person -------------------------------------------------------------

def test_the_ledger_counts_and_leans(journal_path):
    rows = _rows("Jo", "friend", range(1, 13), quality="", initiated_by="me", support="gave")
    rows += _rows("Jo", "friend", range(13, 16), prefix="b", initiated_by="them", support="both")
    rising = "".join(_rows("Kai", "friend", (day,), prefix=f"k{day}", quality=str(1 + day // 8), channel="call")
                     for day in range(1, 31, 3))
    write(journal_path, HEADER + "\n" + rows + rising)
    table = ledger(ghw.load(journal_path)).set_index("person")
    jo, kai = table.loc["Jo"], table.loc["Kai"]
    assert (jo["contacts"], jo["days"], jo["usual_gap"], jo["first_contact"].day, jo["last_contact"].day) == (
        15, 15, 1, 1, 15)
    assert (jo["me"], jo["them"], jo["reaching"], jo["gave"], jo["both"], jo["support_balance"]) == (
        12, 3, "me", 12, 3, "gave")
    assert pd.isna(jo["trend"]) and jo["quality_n"] == 0
    assert (kai["trend"], kai["channels"], kai["quality_n"]) == ("rising", "call", 10)
    assert list(table.index) == ["Kai", "Jo"]  # the most recently seen first, never by mood


def test_a_persons_mood_comes_from_the_shared_comparison(year_journal):
    entries = ghw.load(year_journal)
    page = person(entries, "Sam")
    reference = mood_by(Data(entries), "person").set_index("group").loc["Sam"]
    assert page["mood"]["diff"] == pytest.approx(reference["diff"])
    assert (page["mood"]["ci_low"], page["mood"]["ci_high"]) == (reference["ci_low"], reference["ci_high"])
    text = " ".join(describe(page))
    assert f"95% interval {reference['ci_low']:+.1f} to {reference['ci_high']:+.1f}" in text
    assert "Good days also make people easier to see" in text
    few = " ".join(describe(person(entries, "Leo")))
    assert "Mood on days with Leo: not enough days with it yet" in few  # no number below the minimum


@pytest.fixture
def year_journal(tmp_path):
    path = tmp_path / "journal.csv"
    write(path, paths.SAMPLE_JOURNAL.read_text())
    return path


def test_variety_names_the_kinds_missing_lately(small):
    table = variety(ghw.load(small), weeks=2)
    assert table.set_index("relationship")["missing"].to_dict() == {"partner": False, "friend": True, "family": True}
    assert table.attrs["kinds"] == 1
    text = describe_variety(table)
    assert "1 kind of relationship" in text and "Missing lately: friend (last 2026-10-07), family (last 2026-08-16)" in text


# -- tidy names -------------------------------------------------------------------------------

def test_probable_duplicates_share_a_kind(journal_path):
    write(journal_path, HEADER + "\n" + _rows("Sam", "partner", range(1, 11)) + _rows("sam ", "partner", (12, 13))
          + _rows("Sammy", "partner", (14,)) + _rows("Samir", "colleague", (15, 16)) + _rows("Priya", "friend", (1, 2))
          + _rows("Pryia", "friend", (3,)) + _rows("\u200fZoë", "friend", (4,)) + _rows("zoe", "friend", (5, 6)))
    found = duplicates(ghw.load(journal_path)).set_index("name")
    assert found["into"].to_dict() == {"sam": "Sam", "Sammy": "Sam", "Pryia": "Priya", "\u200fZoë": "zoe"}
    assert found.loc["sam", "why"].startswith("written the same")
    assert found.loc["Sammy", "why"] == "one name begins the other"
    assert found.loc["Pryia", "why"] == "spelled almost alike"  # Samir is a colleague: never offered


def test_rename_rewrites_the_journal_after_a_backup(small):
    before = small.read_bytes()
    done = rename(small, "Ana ", "Ana María")
    assert (done.old, done.new, done.count, done.merged) == ("Ana", "Ana María", 3, False)
    entries = ghw.load(small)
    assert "Ana" not in set(entries["person"]) and (entries["person"] == "Ana María").sum() == 3
    assert storage.backups(small)[-1].read_bytes() == before


def test_rename_to_someone_else_asks_before_merging(small, journal_path):
    _people_file(journal_path, "person,every,private\nAna,every week,yes\nSam,every 2 weeks,\n")
    before = small.read_bytes()
    with pytest.raises(ghw.GhwError, match="'Sam' is already someone in your journal.*--merge"):
        rename(small, "Ana", "Sam")
    assert small.read_bytes() == before
    done = rename(small, "Ana", "Sam", merge=True)
    assert done.merged and (ghw.load(small)["person"] == "Sam").sum() == 34
    settings = load_people(people_path(journal_path))
    # The merged person keeps Sam's rhythm, and is private because Ana was; Ana stays private for a restore.
    assert _records(settings) == [{"person": "Ana", "relationship": None, "every": None, "private": True},
                                  {"person": "Sam", "relationship": None, "every": "every 2 weeks", "private": True}]
    ghw.append(small, {"date": "2026-11-01", "mood": 7, "person": "Sam", "relationship": "partner"})
    assert undo_rename(small, done) == 3
    entries = ghw.load(small)
    assert (entries["person"] == "Ana").sum() == 3 and (entries["person"] == "Sam").sum() == 32  # the new entry stays
    settings = load_people(people_path(journal_path)).set_index("person")
    assert settings.loc["Ana", "private"] and not settings.loc["Sam", "private"]


@pytest.mark.parametrize("name", ['Jo, "the" Smith', "Zoë 🌻", "\u200fسارا\u200f", "ｊｏ", "x" * 200])
def test_hostile_names_survive_a_rename_and_back(small, name):
    rename(small, "Ana", name)
    entries = ghw.load(small)
    assert (entries["person"] == name).sum() == 3
    assert find(entries, name) == name
    rename(small, name, "Ana")
    assert (ghw.load(small)["person"] == "Ana").sum() == 3


@pytest.mark.parametrize(("name", "words"), [
    ("x" * 10_000, "has 10,000 characters; ghw keeps names to 200"), ("  ", "is empty"),
    ("Jo\nSmith", "line break"), ("\u200f", "is empty"),
])
def test_names_that_cannot_be_written_get_a_clear_message(small, name, words):
    before = small.read_bytes()
    with pytest.raises(ghw.GhwError, match=words):
        rename(small, "Ana", name)
    assert small.read_bytes() == before


def test_a_ten_thousand_character_name_already_in_the_journal_still_works(journal_path):
    long = "y" * 10_000
    write(journal_path, HEADER + "\n" + _rows(long, "friend", range(1, 8)))
    entries = ghw.load(journal_path)
    assert ledger(entries)["person"].iat[0] == long
    rename(journal_path, long, "Yan")
    assert set(ghw.load(journal_path)["person"]) == {"Yan"}


RENAMER = """
from ghw.people.rename import rename
names = ["Ana", "Anabel"]
i = 0
while True:
    rename(sys.argv[1], names[i % 2], names[(i + 1) % 2])
    i += 1
"""


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.7])
def test_a_rename_killed_midway_loses_nothing(small, journal_path, delay):
    _people_file(journal_path, "person,every,private\nAna,every week,yes\n")
    before = ghw.load(small)
    kill_after(RENAMER, small, delay)
    after = ghw.load(small)
    assert len(after) == len(before) and set(after["id"]) == set(before["id"])
    names = set(after.loc[after["relationship"] == "friend", "person"])
    assert names in ({"Ana"}, {"Anabel"})  # every entry renamed, or none
    assert (after["person"] == "Sam").sum() == 31
    settings = load_people(people_path(journal_path))
    assert private_names(settings, names) == names  # whatever the name, still private


# -- private people never leave ---------------------------------------------------------------

SECRET = "Zephyrine"


@pytest.fixture
def with_secret(small, journal_path):
    ghw.append(small, {"date": "2026-11-02", "mood": 8, "person": SECRET, "relationship": "friend",
                       "activity": f"tea at {SECRET}'s", "note": f"{SECRET} told me everything"})
    for day in (3, 5, 9):
        ghw.append(small, {"date": f"2026-11-{day:02d}", "mood": 6, "person": SECRET, "relationship": "friend"})
    ghw.append(small, {"date": "2026-11-04", "mood": 5, "person": "Sam", "relationship": "partner",
                       "activity": f"talked about {SECRET.lower()}", "note": f"Sam met {SECRET.upper()} too"})
    plan.add(plan.plan_path(journal_path), {"month": "2026-11", "what": f"Visit {SECRET}", "person": SECRET})
    plan.add(plan.plan_path(journal_path), {"month": "2026-11", "what": f"Ask Sam about {SECRET}", "times": 1})
    _people_file(journal_path, f"person,relationship,every,private\n{SECRET.lower()},,every week,yes\n"
                               ",partner,every week,\n")
    return small


def _text_of(path):
    if path.suffix == ".pdf":
        return "".join(page.extract_text() for page in PdfReader(path).pages)
    return path.read_bytes().decode("utf-8").replace("\r\n ", "")  # iCalendar folds long lines


@pytest.mark.parametrize("options", [[], ["--names", "--notes"]])
def test_a_private_person_is_in_no_export(with_secret, journal_path, options):
    alias = privacy.Pseudonyms([SECRET], privacy.key_for(journal_path)).alias(SECRET)
    written = []
    for fmt in exports.EXPORTS:
        out = journal_path.parent / f"out-{fmt}.{fmt}"
        result = ghw_command("export", "--format", fmt, "--month", "2026-11", "--out", out, *options)
        assert result.returncode == 0, result.stderr
        written.append(out)
    assert {p.suffix.lstrip(".") for p in written} == set(exports.EXPORTS)
    for path in written:
        text = _text_of(path)
        assert SECRET.casefold() not in text.casefold(), path.name
        assert alias not in text, path.name
    assert "Ask Sam about someone" in _text_of(journal_path.parent / "out-ics.ics") or "--names" not in options
    calendar = _text_of(journal_path.parent / "out-ics.ics")
    assert "Reach out to" in calendar  # the partner's rhythm still gives reminders


def test_the_share_form_leaves_a_private_person_out(with_secret, journal_path):
    from ghw.widgets import ShareForm

    form = ShareForm()
    form.period.value, form.pseudonyms.value, form.notes.value = "2026-11", False, True
    for fmt in exports.EXPORTS:
        form.format.value = fmt
        path = form.write()
        assert path is not None and SECRET.casefold() not in _text_of(path).casefold(), fmt
    assert SECRET.casefold() not in form.summary.value.casefold()


# -- the command line ---------------------------------------------------------------------------

def run(*args):
    result = ghw_command("people", *args)
    return result.returncode, result.stdout, result.stderr


def test_command_line_people(small, journal_path):
    write(small, small.read_text() + _rows("ana ", "friend", (20,), prefix="x"))
    code, out, err = run()
    assert code == 0, err
    assert "Due now:" in out and "Leo: 76 days; usually every 3 days" in out
    assert "'ana' (1 day) and 'Ana' (3 days), friend: written the same" in out
    assert "In the last 4 weeks: 2 kinds of relationship" in out
    code, out, _ = run("show", "leo")
    assert code == 0 and out.startswith("Leo (family)") and "usually every 3 days" in out
    code, _, err = run("show", "Lio")
    assert code == 2 and "No one called 'Lio'" in err and "Did you mean 'Leo'?" in err and "Traceback" not in err
    code, _, err = run("rename", "ana", "Ana")
    assert code == 2 and "already someone" in err and "--merge" in err
    code, out, _ = run("rename", "ana", "Ana", "--merge")
    assert code == 0 and "Merged 1 entry: 'ana' is now 'Ana'" in out and "ghw restore" in out
    code, out, _ = run("rhythm", "Leo", "every", "2", "weeks")
    assert code == 0 and "Wished rhythm for 'Leo': every 2 weeks" in out
    code, out, _ = run("rhythm", "friend", "monthly")
    assert code == 0 and "every friend: every month" in out
    code, _, err = run("rhythm", "Leo", "whenever")
    assert code == 1 and "every ('whenever'): is not a rhythm" in err and "Traceback" not in err
    code, out, _ = run("private", "Leo")
    assert code == 0 and "private" in out
    assert load_people(people_path(journal_path)).set_index("person").loc["Leo", "private"]
    code, out, _ = run("rhythm", "Leo", "usual")
    assert code == 0 and "Forgot the wished rhythm" in out


def test_command_line_with_no_journal_and_a_broken_people_file(journal_path):
    code, _, err = run()
    assert code == 2 and "There is no journal" in err
    write(journal_path, HEADER + "\n" + _rows("Jo", "friend", (1, 2)))
    write(people_path(journal_path), "person,every\nJo,often\n")
    code, _, err = run()
    assert code == 1 and "line 2, every ('often')" in err and "Traceback" not in err


# -- the page ------------------------------------------------------------------------------------

def test_view_merges_and_undoes(small, journal_path):
    write(small, small.read_text() + _rows("ana ", "friend", (20,), prefix="x"))
    view = PeopleView()
    assert view.alike[["name", "into"]].values.tolist() == [["ana", "Ana"]]
    merge = view.tidy.children[0].children[0]
    assert "ghw-people-merge" in merge._dom_classes
    merge.click()
    assert "Merged 1 entry" in view.status.value and view.undo_button.layout.display is None
    assert (ghw.load(small)["person"] == "Ana").sum() == 4 and view.alike.empty
    view.undo_button.click()
    assert "Undone: 1 entry" in view.status.value and (ghw.load(small)["person"] == "ana").sum() == 1


def test_view_asks_before_a_rename_merges(small):
    view = PeopleView()
    view.who.value = "Ana"
    view.new_name.value = "Sam"
    before = small.read_bytes()
    view.rename_button.click()
    assert "already someone" in view.status.value and view.confirm_button.layout.display is None
    assert small.read_bytes() == before
    view.confirm_button.click()
    assert "Merged 3 entries" in view.status.value and view.who.value == "Sam"


def test_view_saves_rhythms_and_private_marks(small, journal_path):
    view = PeopleView()
    view.who.value = "Leo"
    assert "Leo (family)" in view.page.value and "Leo" in view.due.value
    view.rhythm.value = "nonsense"
    assert not view.save_rhythm() and "is not a rhythm" in view.status.value
    view.rhythm.value = "never"
    assert view.save_rhythm() and "Leo" not in view.due.value
    view.private.value = True
    view.kind.value, view.kind_rhythm.value = "friend", "every week"
    assert view.save_kind_rhythm()
    settings = load_people(people_path(journal_path))
    assert settings.fillna("").values.tolist() == [["Leo", "", "never", True], ["", "friend", "every week", False]]
    assert "Ana" in view.due.value


def test_view_on_the_sample_writes_nothing(journal_path):
    view = PeopleView()
    assert view.journal.is_sample and "Sample data" in view.banner.value
    assert set(view.alike["name"]) == {"Sammy", "jo"}  # the sample writes some names two ways
    assert "Priya" in view.overdue["person"].tolist()  # and a friend drifted away
    before = paths.SAMPLE_JOURNAL.read_bytes()
    assert not view.merge("Sammy", "Sam") and "This is the sample" in view.status.value
    view.who.value = "Leo"
    view.private.value = True
    assert not view.private.value and paths.SAMPLE_JOURNAL.read_bytes() == before
    assert not journal_path.exists() and not people_path(journal_path).exists()


def test_app_has_a_people_tab(small):
    app = App()
    assert "People" in app.titles
    ghw.append(small, {"date": "2026-10-31", "mood": 7, "person": "Leo", "relationship": "family"})
    app.selected_index = 2
    assert "Leo" not in app.people.due.value


def test_notebook_runs(journal_path):
    notebook = run_notebook(paths.notebooks_dir() / "05-people.ipynb")
    state = str(notebook.metadata["widgets"])
    assert "ghw-people" in state and "Sammy" in state
    assert not journal_path.exists()


def test_people_from_an_imported_daylio_history(tmp_path, journal_path):
    """Daylio keeps people as activities; once mapped and imported, each gets a page and a rhythm."""
    lines = ["full_date,date,weekday,time,mood,activities,note"]
    for offset in range(60):
        day = pd.Timestamp("2026-09-01") + pd.Timedelta(days=offset)
        who = ["Sam"] + (["Mum"] if offset % 7 == 0 and offset < 35 else []) + (["friends"] if offset % 5 == 0 else [])
        lines.append(f"{day.date()},{day:%b %d},{day:%A},19:00,{'good' if offset % 3 else 'meh'},{' | '.join(who)},")
    source = write(tmp_path / "daylio.csv", "\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    activities = write(tmp_path / "activities.csv", "activity,relationship,person\nSam,partner,Sam\nMum,family,Mum\n"
                                                     "friends,friend,\n")
    result = ghw_command("import", "daylio", source, "--activities", activities)
    assert result.returncode == 0, result.stderr
    entries = ghw.load(journal_path)
    table = ledger(entries).set_index("person")
    assert table.loc["Mum", "usual_gap"] == 7 and table.loc["Sam", "days"] == 60
    assert overdue(entries)["person"].tolist() == ["Mum"]  # last on 29 September, usually weekly
    view = PeopleView()
    assert "Mum" in view.due.value and not view.journal.is_sample


def test_the_mix_chart_greys_the_kinds_missing_lately(small):
    import matplotlib.pyplot as plt

    from ghw import plots

    ax = plots.plot_kinds_mix(variety(ghw.load(small), weeks=2))
    assert [round(p.get_width()) for p in ax.patches] == [14, 0, 0]  # Sam on each of 18-31 October
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["partner", "friend (missing lately)", "family (missing lately)"]  # top to bottom
    empty = plots.plot_kinds_mix(variety(ghw.load(small).iloc[:0]), ax=plt.figure().add_subplot())
    assert [t.get_text() for t in empty.texts] == ["No connections yet"]


def test_a_summary_shared_with_a_practitioner_leaves_a_private_person_out(with_secret, journal_path, tmp_path):
    from ghw import sharing

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o750)
    sharing.share(journal_path, "2026-11", notes=True, names=True, folder=folder)
    for path in folder.iterdir():
        assert SECRET.casefold() not in path.read_text(encoding="utf-8").casefold(), path.name

"""The rules every file beside the journal is read by: the same reader, lines and messages for each format."""

import datetime as dt

import pytest

import ghw
from ghw import checkins, experiment, plan, rules
from ghw.people.file import load_people
from helpers import write

# Each format: its loader, its header with a column the format does not know, a row that is fine and
# holds a line break in that column, and a row that breaks one rule in the named column.
FORMATS = {
    "plan": (plan.load_plan, "id,month,what,person,relationship,times,note",
             'a,2026-11,Call Mum,,,1,"first line\nsecond line"', "b,2026-11,Walk,,,40,", "times"),
    "check-ins": (checkins.load_checkins, "checkin,date,instrument,item,answer,note",
                  'c,2026-11-01,who5,who5_1,3,"first line\nsecond line"', "c,2026-11-01,who5,who5_2,9,", "answer"),
    "people": (load_people, "person,relationship,every,private,note",
               'Jo,,,,"first line\nsecond line"', "Sam,,sometimes,,", "every"),
}


@pytest.mark.parametrize("name", FORMATS)
def test_a_problem_after_a_line_break_in_a_cell_names_its_own_line(tmp_path, name):
    load, header, fine, bad, column = FORMATS[name]
    path = write(tmp_path / "file.csv", f"{header}\n{fine}\n{bad}\n")
    with pytest.raises(ghw.ValidationError) as caught:
        load(path)
    assert caught.value.problems[["line", "column"]].values.tolist() == [[4, column]]
    assert f"line 4, {column} (" in str(caught.value)


@pytest.mark.parametrize("load, header", [
    (plan.load_plan, ",".join(plan.PLAN_COLUMNS)),
    (checkins.load_checkins, ",".join(checkins.CHECKIN_COLUMNS)),
    (experiment.load, ",".join(experiment.COLUMNS)),
])
def test_a_row_longer_than_the_header_is_named_by_its_line(tmp_path, load, header):
    path = write(tmp_path / "file.csv", header + "\n" + ",".join(["x"] * (header.count(",") + 2)) + "\n")
    with pytest.raises(ghw.GhwError, match=r"line 2: it has more values than the header names columns"):
        load(path)


@pytest.mark.parametrize("load, header, what", [
    (plan.load_plan, "id,month,what,relationship,times", "plan"),
    (checkins.load_checkins, "checkin,date,item,answer", "check-ins file"),
    (experiment.load, ",".join(c for c in experiment.COLUMNS if c != "seed"), "experiments file"),
])
def test_a_missing_column_says_what_the_first_line_should_be(tmp_path, load, header, what):
    path = write(tmp_path / "file.csv", header + "\n")
    with pytest.raises(ghw.GhwError) as caught:
        load(path)
    message = str(caught.value)
    assert f"line 1: the {what} has no" in message and "its first line should be: " in message


def test_a_whole_number_as_a_spreadsheet_writes_it_is_read(tmp_path):
    path = write(tmp_path / "plan.csv", "id,month,what,person,relationship,times\na,2026-11,Call Mum,,,2.0\n")
    assert plan.load_plan(path)["times"].tolist() == [2]


def test_one_check_names_every_bad_cell_in_the_order_of_the_columns():
    declared = {
        "day": rules.Rule(rules.date, rules.DATE_PROBLEM, "datetime64[s]", required="is required"),
        "kind": rules.Rule(rules.choice(("call", "visit")), "must be call or visit"),
        "count": rules.Rule(rules.integer(1, 9), "must be from 1 to 9", "Int64", default="1"),
    }
    typed, problems = rules.check({"day": " ", "kind": "Letter", "count": "12"}, declared)
    assert problems == [("day", " ", "is required"), ("kind", "Letter", "must be call or visit"),
                        ("count", "12", "must be from 1 to 9")]
    typed, problems = rules.check({"day": "2026-11-25", "kind": " VISIT"}, declared)
    assert not problems and typed == {"day": dt.date(2026, 11, 25), "kind": "visit", "count": 1}
    table = rules.table([typed], declared)
    assert table.dtypes.astype(str).tolist() == ["datetime64[s]", "str", "Int64"]

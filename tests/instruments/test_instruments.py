"""The instruments registry: the published parts pinned, the ONS personal well-being questions on every face, and a
new instrument as one file read from a folder of its own."""

import dataclasses
import datetime as dt
import json

import pandas as pd
import pytest

import ghw
from ghw import checkins, exports, findings, instruments, journal, paths, sample, summary, vocabulary
from ghw.errors import GhwError
from ghw.widgets import CheckinForm
from helpers import MADE_UP, ghw_command, made_up

# SHA-256 of each shipped instrument's published part (instruments.digest). A changed item, answer or instruction
# changes it: this test fails until the change is checked against the publication and the figure here is updated.
PUBLISHED = {
    "who5": "d920d46434ba8a0c909ac3183090ffe03d4217549b3140868e483b959eb30219",
    "loneliness": "e2b7eac2d57c08ef8390029a91851df78a9b25915b02d2eb0934795d3ddd48bc",
    "ons4": "382b0531cc69a5798c90367c78c523d3919243e732ff58e9eabb44c44adb1560",
}
ONS4 = ["satisfied", "worthwhile", "happy", "anxious"]


def run(*args, stdin=None):
    result = ghw_command(*args, stdin=stdin)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def registry():
    """The registry as it is, put back after the test (which may add instruments to it)."""
    saved = dict(instruments.INSTRUMENTS)
    yield instruments.INSTRUMENTS
    instruments.INSTRUMENTS.clear()
    instruments.INSTRUMENTS.update(saved)


def test_every_shipped_instrument_is_pinned_and_registered_in_order():
    files = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in instruments.PACKAGE_DIR.glob("*.json")}
    assert {name: instruments.digest(spec["published"]) for name, spec in files.items()} == PUBLISHED
    assert list(instruments.INSTRUMENTS) == ["who5", "loneliness", "ons4"]
    for found in instruments.INSTRUMENTS.values():
        assert not found.problem and found.source and found.licence and found.scoring and found.about


def test_the_ons4_questions_are_the_published_ones():
    found = checkins.instrument("ons4")
    assert found.instructions == (
        "Next I would like to ask you four questions about your feelings on aspects of your life. There are no right "
        "or wrong answers. For each of these questions I\u2019d like you to give an answer on a scale of 0 to 10, "
        "where 0 is \u201cnot at all\u201d and 10 is \u201ccompletely\u201d.")
    assert [i.text for i in found.items] == [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "On a scale where 0 is \u201cnot at all anxious\u201d and 10 is \u201ccompletely anxious\u201d, overall, how "
        "anxious did you feel yesterday?"]
    for item in found.items:
        assert item.values == tuple(range(11)) and item.label(0) == "not at all" and item.label(10) == "completely"
        assert all(item.label(v) == "" for v in range(1, 10))  # the published scale names only its two ends
    assert "Open Government Licence" in found.licence


@pytest.mark.parametrize(("answers", "scores"), [
    ([7, 8, 6, 3], {"ons_satisfied": 7, "ons_worthwhile": 8, "ons_happy": 6, "ons_anxious": 3}),
    ([0, 0, 0, 10], {"ons_satisfied": 0, "ons_worthwhile": 0, "ons_happy": 0, "ons_anxious": 10}),
    ([10, None, 10, 0], {"ons_satisfied": 10, "ons_worthwhile": None, "ons_happy": 10, "ons_anxious": 0}),
])
def test_ons4_scores_each_question_on_its_own(journal_path, answers, scores):
    saved = checkins.save(checkins.checkins_path(journal_path), "ons4", dict(zip(ONS4, answers)), date="2026-11-01")
    assert saved["scores"] == scores and saved["complete"] == (None not in answers)
    with pytest.raises(GhwError, match=r"from 0 \(not at all\) to 10 \(completely\)"):
        checkins.save(checkins.checkins_path(journal_path), "ons4", {"happy": 11})


def test_ons4_on_the_command_line(journal_path):
    code, stdout, _ = run("checkin", "--help")
    said = " ".join(stdout.split()).replace("well- being", "well-being")  # argparse wraps at a hyphen
    assert code == 0 and "{who5,loneliness,ons4}" in said
    assert "ons4: ONS personal well-being questions (ONS4), once a month" in said
    code, stdout, stderr = run("checkin", "ons4", "--answers", "7,8,6,3", "--date", "2026-11-01")
    assert code == 0, stderr
    assert "Life satisfaction (ONS, 0-10): 7 (from 0 to 10, higher is better)" in stdout
    assert "Anxiety yesterday (ONS, 0-10): 3 (from 0 to 10, higher is more anxious)" in stdout
    code, stdout, stderr = run("checkin", "ons4", "--date", "2026-11-02", stdin="7\n11\n8\n\n2\n")
    assert code == 0, stderr
    assert "   0  not at all\n   1\n" in stdout and "   10  completely\n" in stdout
    assert "Please type one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10" in stdout
    assert "Happiness yesterday (ONS, 0-10): not scored" in stdout


def test_ons4_in_the_form_and_due_only_once_begun(journal_path):
    form = CheckinForm(journal_path, today=dt.date(2026, 11, 20))
    assert [label for label, _ in form.instrument.options][-1] == "Personal well-being (ONS4)"
    form.choose("ons4")
    first = form.items["satisfied"]  # a row of numbers, its ends' published words beside it
    assert first.options == tuple((str(v), v) for v in range(11)) and first.value is None
    assert first.description == "0 = not at all · 10 = completely" and first.tooltips[10] == "10: completely"
    for item, value in zip(ONS4, [7, 8, 6, 3]):
        form.answer(item, value)
    assert form.save() and "Life satisfaction (ONS, 0-10) 7" in form.status.value
    assert "Anxiety yesterday (ONS, 0-10)" in form.history.value and not form.care.value

    table = checkins.load_checkins(checkins.checkins_path(journal_path))
    due = checkins.due(table.iloc[:0], dt.date(2026, 11, 20)).set_index("instrument")["due"]
    assert due.to_dict() == {"who5": True, "loneliness": True, "ons4": False}  # not suggested until first answered
    later = checkins.due(table, dt.date(2026, 12, 20)).set_index("instrument")["due"]
    assert later["ons4"] and not checkins.due(table, dt.date(2026, 12, 10)).set_index("instrument").at["ons4", "due"]


def test_ons4_in_the_finding_the_chart_and_a_session_report(registry, tmp_path):
    # The shipped sample year does not answer it; a year that does, made by the same generator from a sample plan.
    plan = {"every_days": 30, "from": 5.6, "to": 7.0, "noise": 1.0, "items": {"anxious": {"from": 4.6, "to": 3.0}}}
    registry["ons4"] = dataclasses.replace(registry["ons4"], sample=plan)
    answers = checkins.generate(365, seed=3, end="2026-10-31")
    shipped = checkins.load_checkins(paths.SAMPLE_CHECKINS)
    others = answers.loc[answers["instrument"] != "ons4"].reset_index(drop=True)
    pd.testing.assert_frame_equal(others, pd.read_csv(paths.SAMPLE_CHECKINS, dtype="str", keep_default_na=False))
    answers.to_csv(tmp_path / "checkins.csv", index=False)
    answers = checkins.load_checkins(tmp_path / "checkins.csv")
    entries = ghw.load(paths.SAMPLE_JOURNAL)
    data = findings.Data(entries, checkins=answers)
    finding = findings.FINDINGS["checkins"]
    result = finding.compute(data).set_index("scale")
    assert result.at["ons_satisfied", "status"] == "no_criterion" and result.at["ons_anxious", "diff"] < 0
    assert "Life satisfaction (ONS): 4.2 in your first three months" in finding.explain(result.reset_index(), data)
    labels = [line.get_label() for line in finding.plot(result.reset_index(), data, ax=None).lines]
    assert labels[:4] == ["well-being (WHO-5)", "loneliness (3-9)", "life satisfaction (ONS)", "anxiety (ONS)"]
    report = summary.summary(entries, "2026-08-15..2026-10-31", checkins=answers, key=b"k" * 16)
    assert "Life satisfaction (ONS): 3 check-ins (8, 7, 7), 7.3 on average" in "\n".join(report.sentences())
    page = exports.EXPORTS["html"].write(report).decode()
    assert "Life satisfaction (ONS, 0-10): 8, 7, 7" in page and "Anxiety yesterday (ONS, 0-10)" in page
    # Someone who never answered it hears nothing of it.
    assert "ons_satisfied" not in set(finding.compute(findings.Data(entries, checkins=shipped))["scale"])


# -- a new instrument is one file --------------------------------------------------------------------------------------

def test_a_new_instrument_is_one_file_and_every_face_shows_it(registry, tmp_path, journal_path):
    added = instruments.add_folder(made_up(tmp_path / "mine"))
    assert [i.name for i in added] == ["pets"] and list(registry)[-1] == "pets"
    assert vocabulary.label("pet_time") == "Pet time (2-6)" and vocabulary.name("pet_time") == "time with your pet"

    code, stdout, stderr = run("checkin", "pets", "--answers", "1,1", "--date", "2026-11-01")
    assert code == 0, stderr
    assert "Pet time (2-6): 2 (from 2 to 6, higher is more time together)" in stdout
    assert "Your pet check-in of 2026-11-01 came to 2 of 6. Below 3 is where" in stdout  # its own care point
    form = CheckinForm(journal_path, today=dt.date(2026, 11, 20))
    assert ("Pets", "pets") in form.instrument.options and "pet every week" in form.children[0].value
    form.choose("pets")
    form.answer("walks", 3)
    form.answer("talks", 2)
    assert form.save() and "Pet time (2-6) 5" in form.status.value

    answers = checkins.load_checkins(checkins.checkins_path(journal_path))
    assert checkins.due(answers, dt.date(2026, 11, 27)).set_index("instrument").at["pets", "due"]  # a week on
    data = findings.Data(ghw.load(paths.SAMPLE_JOURNAL), checkins=answers)
    finding = findings.FINDINGS["checkins"]
    result = finding.compute(data)
    assert "Time with your pet: not enough data yet to compare months" in finding.explain(result, data)
    assert "time with your pet" in [line.get_label() for line in finding.plot(result, data, ax=None).lines]
    journal.create(journal_path, sample.generate(30, seed=2, end="2026-11-30"))
    report = summary.summary(ghw.load(journal_path), "2026-11", checkins=answers, key=b"k" * 16)
    assert "Time with your pet: 2 check-ins (2, 5), 3.5 on average" in "\n".join(report.sentences())
    assert "pets" not in set(checkins.generate(60, seed=1, end="2026-10-31")["instrument"])  # no sample in its file: the sample year leaves it out


@pytest.mark.parametrize(("changes", "says"), [
    ({"published_sha256": "0" * 64}, None),  # read, but refused when asked
    ({"name": "who5"}, "already registered"),
    ({"scales": [{"name": "x", "items": ["walks"]}]}, "the key 'multiplier' is missing"),
    ({"scales": [dict(MADE_UP["scales"][0], items=["nope"])]}, "names items it does not have: nope"),
    ({"scales": [dict(MADE_UP["scales"][0], high=9)]}, "runs from 2 to 6 by its items and multiplier, not from 2 to 9"),
    ({"every_days": "14"}, "every_days needs to be a whole number"),
    ({"care": [{"scale": "elsewhere", "below": 1}]}, "a care threshold names a scale the file does not have"),
])
def test_a_bad_instrument_file_is_a_plain_message(registry, tmp_path, changes, says):
    folder = made_up(tmp_path / "bad", **changes)
    if says is None:
        instruments.add_folder(folder)
        with pytest.raises(GhwError, match="no longer matches the published Two questions about a pet"):
            checkins.instrument("pets")
        return
    with pytest.raises(GhwError, match=says):
        instruments.add_folder(folder)
    assert "pets" not in registry
    (folder / "pets.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GhwError, match="cannot be read"):
        instruments.add_folder(folder)

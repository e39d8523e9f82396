"""Check-ins: the published items, scoring worked by hand, bad input, reliable change, the care point, the faces."""

import datetime as dt
import json
import math
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import ghw
from ghw import care, checkins, findings, instruments, paths, reliable_change, summary
from ghw.errors import GhwError, ValidationError
from ghw.widgets import App, CheckinForm, LogForm, ShareForm
from helpers import ghw_command
from notebooks_run import run_notebook

WHO5 = ["who5_1", "who5_2", "who5_3", "who5_4", "who5_5"]
LONELINESS = ["ucla_1", "ucla_2", "ucla_3", "direct"]


def run(*args, stdin=None):
    result = ghw_command(*args, stdin=stdin)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def checkins_file(journal_path):
    return checkins.checkins_path(journal_path)


def write_rows(path, rows):
    text = "checkin,date,instrument,item,answer\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def who5(checkin, date, answers):
    return [(checkin, date, "who5", item, a) for item, a in zip(WHO5, answers) if a is not None]


# -- the items as published --------------------------------------------------


def test_the_items_are_the_published_ones():
    found = checkins.instrument("who5")
    assert [i.text for i in found.items] == [
        "I have felt cheerful and in good spirits", "I have felt calm and relaxed", "I have felt active and vigorous",
        "I woke up feeling fresh and rested", "My daily life has been filled with things that interest me"]
    assert found.items[0].options == ((5, "All of the time"), (4, "Most of the time"), (3, "More than half of the time"),
                                      (2, "Less than half of the time"), (1, "Some of the time"), (0, "At no time"))
    lonely = checkins.instrument("loneliness")
    assert [i.text for i in lonely.items] == [
        "How often do you feel that you lack companionship?", "How often do you feel left out?",
        "How often do you feel isolated from others?", "How often do you feel lonely?"]
    assert [label for _, label in lonely.item("ucla_1").options] == ["Hardly ever or never", "Some of the time", "Often"]
    assert [label for _, label in lonely.item("direct").options] == [
        "Often or Always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
    for found in (checkins.instrument("who5"), lonely):
        assert found.source and found.licence and found.scoring


def test_an_edited_item_file_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "instruments"
    shutil.copytree(instruments.PACKAGE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    spec = json.loads((folder / "who5.json").read_text(encoding="utf-8"))
    spec["published"]["items"][2]["text"] = "I have felt energetic"  # reworded: no longer the validated item
    (folder / "who5.json").write_text(json.dumps(spec), encoding="utf-8")
    edited = instruments.read(folder / "who5.json")
    with pytest.raises(GhwError, match="no longer matches the published WHO-5"):
        edited.checked()
    # Only the published part counts: the surrounding words are ghw's own and may change.
    spec = json.loads((instruments.PACKAGE_DIR / "loneliness.json").read_text(encoding="utf-8"))
    spec["title"] = "Loneliness, monthly"
    (folder / "loneliness.json").write_text(json.dumps(spec), encoding="utf-8")
    assert instruments.read(folder / "loneliness.json").checked().title == "Loneliness, monthly"

    monkeypatch.setitem(instruments.INSTRUMENTS, "who5", edited)
    with pytest.raises(GhwError, match="Nothing was asked or saved"):
        checkins.save(None, "who5", dict(zip(WHO5, [3, 3, 3, 3, 3])))
    form = CheckinForm()
    assert "no longer matches the published" in form.status.value and form.save_button.disabled
    assert not checkins.checkins_path().exists()
    form.choose("loneliness")  # the other instruments are asked as ever
    assert not form.save_button.disabled and len(form.items) == 4


# -- scoring, worked by hand from each instrument's rules ----------------------


@pytest.mark.parametrize(("answers", "raw", "percent"), [
    ([3, 4, 2, 5, 1], 15, 60),  # 3 + 4 + 2 + 5 + 1 = 15; 15 x 4 = 60
    ([5, 5, 5, 5, 5], 25, 100),
    ([0, 0, 0, 0, 0], 0, 0),
    ([2, 3, 2, 3, 2], 12, 48),
])
def test_who5_scores_by_hand(checkins_file, answers, raw, percent):
    saved = checkins.save(checkins_file, "who5", dict(zip(WHO5, answers)), date="2026-11-01")
    assert saved["scores"] == {"who5_raw": raw, "who5_percent": percent} and saved["complete"]
    table = checkins.scores(checkins.load_checkins(checkins_file))
    assert table.set_index("scale")["score"].to_dict() == {"who5_raw": raw, "who5_percent": percent}


@pytest.mark.parametrize(("answers", "ucla3", "lonely"), [
    ([2, 1, 3, 4], 6, 4),  # 2 + 1 + 3 = 6; "Some of the time" is the 4th of 5 from Never
    ([1, 1, 1, 1], 3, 1),
    ([3, 3, 3, 5], 9, 5),
])
def test_loneliness_scores_by_hand(checkins_file, answers, ucla3, lonely):
    saved = checkins.save(checkins_file, "loneliness", dict(zip(LONELINESS, answers)), date="2026-11-01")
    assert saved["scores"] == {"ucla3": ucla3, "lonely": lonely}
    assert checkins.instrument("loneliness").item("direct").label(4) == "Some of the time"


def test_a_question_left_out_is_kept_as_incomplete_and_scored_only_where_the_rules_allow(checkins_file):
    saved = checkins.save(checkins_file, "who5", {"who5_1": 3, "who5_2": 4, "who5_3": "", "who5_5": 1})
    assert not saved["complete"] and saved["scores"] == {"who5_raw": None, "who5_percent": None}
    saved = checkins.save(checkins_file, "loneliness", {"ucla_1": 2, "ucla_3": 2, "direct": 3})
    assert saved["scores"] == {"ucla3": None, "lonely": 3}  # the direct question stands on its own
    saved = checkins.save(checkins_file, "loneliness", {"ucla_1": 2, "ucla_2": 2, "ucla_3": 2})
    assert saved["scores"] == {"ucla3": 6, "lonely": None}
    table = checkins.scores(checkins.load_checkins(checkins_file))
    assert len(table) == 6 and (~table["complete"]).all()
    assert table["score"].isna().sum() == 4
    assert len(checkins.load_checkins(checkins_file)) == 3 + 3 + 3  # one row per answered item


def test_out_of_range_answers_name_the_item_and_nothing_is_written(checkins_file):
    with pytest.raises(ValidationError) as caught:
        checkins.save(checkins_file, "who5", dict(zip(WHO5, [3, 4, 7, 5, "a lot"])))
    problems = caught.value.problems
    assert list(problems["column"]) == ["item 3", "item 5"]
    assert "I have felt active and vigorous" in problems["problem"].iat[0]
    assert "from 0 (At no time) to 5 (All of the time)" in problems["problem"].iat[0]
    assert not checkins_file.exists()
    with pytest.raises(GhwError, match="Nothing was answered"):
        checkins.save(checkins_file, "loneliness", {})


def test_a_bad_file_lists_every_problem_with_its_line(checkins_file):
    write_rows(checkins_file, [
        ("a", "2026-11-01", "who5", "who5_1", 3),
        ("a", "01/11/2026", "who5", "who5_2", 3),
        ("a", "2026-11-01", "who5", "who5_9", 3),
        ("b", "2026-11-01", "loneliness", "ucla_2", 4),
        ("a", "2026-11-01", "who5", "who5_1", 2),
        ("c", "2026-11-01", "mood", "x", 1),
    ])
    with pytest.raises(ValidationError) as caught:
        checkins.load_checkins(checkins_file)
    problems = caught.value.problems
    assert list(problems["line"]) == [3, 4, 5, 6, 7]
    assert list(problems["column"]) == ["date", "item", "answer", "item", "instrument"]
    assert "item 2 of Loneliness" in problems["problem"].iat[2] and "left out" in problems["problem"].iat[2]
    assert "answered twice" in problems["problem"].iat[3]


def test_checkins_file_is_appended_never_rewritten(checkins_file):
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [1, 2, 3, 4, 5])), date="2026-10-01")
    before = checkins_file.read_bytes()
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [5, 4, 3, 2, 1])), date="2026-10-15")
    assert checkins_file.read_bytes().startswith(before)


# -- over time -----------------------------------------------------------------


def test_due_after_the_instruments_interval(checkins_file):
    write_rows(checkins_file, who5("a", "2026-11-01", [3, 3, 3, 3, 3]))
    table = checkins.load_checkins(checkins_file)
    due = checkins.due(table, dt.date(2026, 11, 14)).set_index("instrument")
    assert not due.at["who5", "due"] and due.at["who5", "days_since"] == 13
    assert due.at["loneliness", "due"]  # never answered
    assert checkins.due(table, dt.date(2026, 11, 15)).set_index("instrument").at["who5", "due"]


def test_reliable_change_by_hand(checkins_file):
    # WHO-5 percentage: SD 5.26 x 4 = 21.04, alpha 0.87 -> SEM = 21.04 x sqrt(0.13) = 7.586;
    # one check-in each side: SE of the difference = sqrt(2) x 7.586 = 10.73; 1.96 x 10.73 = 21.0 points.
    write_rows(checkins_file, who5("a", "2026-01-05", [2, 2, 2, 2, 2]) + who5("b", "2026-06-05", [3, 3, 3, 3, 4])
               + who5("c", "2026-07-05", [3, 3, 3, 3, 3]))
    table = checkins.scores(checkins.load_checkins(checkins_file))
    first = ("2026-01-01", "2026-01-31")
    big = reliable_change.change(table, "who5_percent", first, ("2026-06-01", "2026-06-30"))  # 40 -> 64: +24
    assert big["diff"] == 24 and big["status"] == "ok" and big["reliable"]
    assert big["rci"] == pytest.approx(24 / (math.sqrt(2) * 21.04 * math.sqrt(0.13)), rel=1e-9)
    assert big["ci_low"] == pytest.approx(24 - 1.959964 * 10.7284, abs=1e-3)
    small = reliable_change.change(table, "who5_percent", first, ("2026-07-01", "2026-07-31"))  # 40 -> 60: +20
    assert small["diff"] == 20 and not small["reliable"] and small["ci_low"] < 0
    assert reliable_change.change(table, "who5_percent", first, ("2026-03-01", "2026-03-31"))["status"] == "too_few"
    # Means of several check-ins have less measurement error: sqrt(1/k1 + 1/k2) instead of sqrt(2).
    both = reliable_change.change(table, "who5_percent", first, ("2026-06-01", "2026-07-31"))
    assert both["rci"] == pytest.approx(22 / (7.5861 * math.sqrt(1 + 1 / 2)), rel=1e-4)


def test_loneliness_changes_are_shown_but_not_judged_without_published_figures(checkins_file):
    checkins.save(checkins_file, "loneliness", dict(zip(LONELINESS, [3, 3, 3, 5])), date="2026-01-05")
    checkins.save(checkins_file, "loneliness", dict(zip(LONELINESS, [1, 1, 1, 1])), date="2026-06-05")
    table = checkins.scores(checkins.load_checkins(checkins_file))
    result = reliable_change.change(table, "ucla3", ("2026-01-01", "2026-01-31"), ("2026-06-01", "2026-06-30"))
    assert result["diff"] == -6 and result["status"] == "no_criterion" and not result["reliable"]


@pytest.mark.parametrize(("answers", "reason"), [
    ([[3, 3, 2, 2, 2]], "low"),  # raw 12: below 13
    ([[3, 3, 3, 2, 2]], None),  # raw 13: not below 13
    ([[4, 3, 3, 3, 3], [3, 3, 2, 2, 2]], "low"),  # 64 -> 48 is also a drop; the low score is said first
    ([[4, 3, 3, 3, 3], [3, 3, 3, 3, 1]], "drop"),  # 64 -> 52: a fall of 12 points, raw 13
    ([[4, 3, 3, 3, 3], [3, 3, 3, 3, 2]], None),  # 64 -> 56: a fall of 8 points
    ([[3, 3, 3, 3, 1], [4, 3, 3, 3, 3]], None),  # a rise is never flagged
])
def test_care_thresholds(checkins_file, answers, reason):
    rows = []
    for number, given in enumerate(answers):
        rows += who5(f"c{number}", f"2026-11-{number + 1:02d}", given)
    write_rows(checkins_file, rows)
    flag = checkins.care_flag(checkins.scores(checkins.load_checkins(checkins_file)))
    assert (flag and flag["reason"]) == reason
    if flag:
        text = care.checkin_note(flag)
        assert "not a diagnosis" in text and "someone you trust" in text
        assert not any(word in text.lower() for word in ("depress", "disorder", "danger", "urgent"))


@pytest.mark.parametrize(("first", "second", "reason"), [([5, 5, 5, 5, 5], [0, 0, 0, 0, 0], "low"),
                                                         ([0, 0, 0, 0, 0], [5, 5, 5, 5, 5], None)])
def test_the_latest_of_two_checkins_on_one_date_is_the_one_answered_last(checkins_file, first, second, reason):
    """Ids are random: a later check-in whose id sorts first must still count as the latest."""
    write_rows(checkins_file, who5("zz-first", "2026-11-02", first) + who5("aa-second", "2026-11-02", second))
    flag = checkins.care_flag(checkins.scores(checkins.load_checkins(checkins_file)))
    assert (flag and flag["reason"]) == reason
    form = CheckinForm(checkins_file.parent / "journal.csv", today=dt.date(2026, 11, 2))  # the app's care line
    assert ("came to 0 of 25" in form.care.value) == (reason == "low")


@pytest.mark.parametrize("answers", [("0,0,0,0,0", "5,5,5,5,5"), ("5,5,5,5,5", "0,0,0,0,0")])
def test_the_command_line_judges_the_checkin_just_answered(journal_path, answers):
    for given in answers:
        code, out, _ = run("checkin", "who5", "--answers", given, "--journal", journal_path, "--date", "2026-11-02")
        assert code == 0
    assert ("came to 0 of 25" in out) == (answers[-1] == "0,0,0,0,0"), out


def test_sample_is_reproducible_and_shows_a_real_trend():
    shipped = pd.read_csv(paths.SAMPLE_CHECKINS, dtype="str", keep_default_na=False)
    made = checkins.generate(365, seed=3, end="2026-10-31")
    pd.testing.assert_frame_equal(shipped, made)
    table = checkins.load_checkins(paths.SAMPLE_CHECKINS)
    data = findings.Data(ghw.load(paths.SAMPLE_JOURNAL), checkins=table)
    result = findings.FINDINGS["checkins"].compute(data).set_index("scale")
    assert result.at["who5_percent", "status"] == "ok" and result.at["who5_percent", "reliable"]
    assert result.at["who5_percent", "diff"] > 10 and result.at["ucla3", "diff"] < 0
    sentence = findings.FINDINGS["checkins"].explain(result.reset_index(), data)
    # Beyond measurement error, but with seven check-ins a side and carry-over up to 0.7 allowed for, a rise of
    # 16 points is not yet clearly more than the usual ups and downs: the sentence says both, and no change.
    assert result.at["who5_percent", "swings"] == "ok" and result.at["who5_percent", "p_val"] >= 0.05
    assert "larger than the questionnaire's measurement error, but not clearly more than your usual ups" in sentence
    assert "not called a change" in sentence


def test_a_checkin_change_passes_both_measurement_error_and_ups_and_downs():
    """Twelve steady check-ins then twelve 20 points higher: a rise beyond both; the numbers agree with the words."""
    rows = [{"date": pd.Timestamp("2026-01-05") + pd.Timedelta(days=14 * i), "scale": "who5_percent",
             "score": 40.0 + 4 * (i % 3) + 20.0 * (i >= 12)} for i in range(24)]
    table = pd.DataFrame(rows)
    found = reliable_change.change(table, "who5_percent", ("2026-01-01", "2026-06-10"), ("2026-06-11", "2026-12-31"))
    assert found["reliable"] and found["swings"] == "ok" and found["p_val"] < 0.05 and found["ci_low"] > 0
    assert reliable_change.verdict(found).startswith("a rise larger than both")
    jump = table.assign(score=np.where(table["score"] > 50, 80.0, 40.0))  # 40 points: beyond measurement error
    one_each = reliable_change.change(jump, "who5_percent", ("2026-05-30", "2026-06-10"), ("2026-06-11", "2026-06-25"))
    assert one_each["reliable"] and one_each["swings"] == "too_few" and np.isnan(one_each["p_val"])
    assert "too few check-ins yet to tell" in reliable_change.verdict(one_each)


def test_checkins_chart_overlays_connection_measures():
    table = checkins.load_checkins(paths.SAMPLE_CHECKINS)
    data = findings.Data(ghw.load(paths.SAMPLE_JOURNAL), checkins=table)
    finding = findings.FINDINGS["checkins"]
    ax = finding.plot(finding.compute(data), data, ax=None)
    labels = [line.get_label() for line in ax.lines]
    assert labels[:2] == ["well-being (WHO-5)", "loneliness (3-9)"]
    assert {"how connected", "you reached out"} <= set(labels)
    assert set(labels) <= {t.get_text() for t in ax.texts}  # each line labelled at its end
    assert len(ax.lines[0].get_xdata()) == 12  # a year of months


# -- a report for a session ----------------------------------------------------


def test_span_summaries_leave_months_and_weeks_as_they_were():
    entries = ghw.load(paths.SAMPLE_JOURNAL)
    assert summary.period_range("2026-10") == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert summary.period_range("2026-09-20..2026-10-31") == (dt.date(2026, 9, 20), dt.date(2026, 10, 31))
    month = summary.summary(entries, "2026-10", key=b"k" * 16)
    assert month.period == "2026-10" and month.slug == "2026-10" and not month.checkin_changes
    span = summary.summary(entries, "2026-10-01..2026-10-31", key=b"k" * 16)
    assert span.period == "2026-10-01 to 2026-10-31" and span.slug == "2026-10-01_2026-10-31"
    assert span.sentences()[0] == month.sentences()[0]  # the same days logged
    # The same mood; the span is compared with the 31 days before it, the month with September.
    assert span.sentences()[1].split(";")[0] == month.sentences()[1].split(";")[0]
    for bad, message in (("2026-10-31..2026-10-01", "after it ends"), ("2026-10-01..2026-13-01", "not a date")):
        with pytest.raises(GhwError, match=message):
            summary.summary(entries, bad)


def test_session_report_holds_scores_their_change_intentions_and_clear_findings():
    entries = ghw.load(paths.SAMPLE_JOURNAL)
    answers = checkins.load_checkins(paths.SAMPLE_CHECKINS)
    from ghw import plan

    report = summary.summary(entries, "2026-08-15..2026-10-31", plan=plan.load_plan(paths.SAMPLE_PLAN),
                             checkins=answers, key=b"k" * 16)
    text = "\n".join(report.sentences())
    assert "Days logged: 73 of 78." in text and "the period before" in text
    assert "Well-being (WHO-5): 5 check-ins (72, 64, 68, 56, 56), 63.2 on average; 58.0 in the period before" in text
    assert "How often lonely: Never, Never." in text
    assert "Give and take:" in text and "Intentions: Call Person" in text
    assert "95% interval" in text and "Neither how connected you felt nor" not in text  # only findings that are clear
    assert "Mum" not in text and report.notes_included is False


def long_report():
    """A span report made very long by many intentions, to make the PDF run over several pages."""
    entries = ghw.load(paths.SAMPLE_JOURNAL)
    plan = pd.DataFrame({"id": [f"i{k}" for k in range(90)], "month": "2026-10",
                         "what": [f"Intention number {k} with a rather long description of what to do" for k in
                                  range(90)], "person": None, "relationship": "friend", "times": 2})
    plan = plan.astype({"times": "Int64", "person": "str"})
    answers = checkins.load_checkins(paths.SAMPLE_CHECKINS)
    return summary.summary(entries, "2026-09-01..2026-10-31", plan=plan, checkins=answers, key=b"k" * 16)


def test_pdf_paginates_whatever_its_length(tmp_path):
    from pypdf import PdfReader

    from ghw import exports

    report = long_report()
    path = exports.EXPORTS["pdf"].to(report, tmp_path / "report.pdf")
    pages = PdfReader(path).pages
    assert len(pages) >= 4
    texts = [page.extract_text() for page in pages]
    for number, text in enumerate(texts, start=1):
        assert f"page {number} of {len(pages)}" in text
    whole = " ".join(" ".join(texts).split())
    assert "Intention number 89 with a rather long description" in whole
    assert "Contacts last checked" in whole
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (Debian's poppler-utils) is not installed: pages checked by their text only")
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(path), str(tmp_path / "page")], check=True, timeout=120)
    import numpy as np
    from PIL import Image

    rendered = sorted(tmp_path.glob("page-*.pgm"))
    assert len(rendered) == len(pages)
    for image in rendered:
        pixels = np.asarray(Image.open(image))
        edge = int(pixels.shape[0] * 0.4 / 11.69)  # the last 0.4 inch of the page: below the footer
        assert pixels[-edge:].min() > 200, f"{image.name}: ink runs off the bottom of the page"
        assert pixels[:-edge].min() < 100, f"{image.name}: an empty page"


def test_html_session_report_has_the_checkins_chart(tmp_path):
    from ghw import exports

    html = exports.EXPORTS["html"].write(long_report()).decode()
    # The connections panel; the mood of the span, the check-ins of the last year, quality or quantity.
    assert html.count("<img") == 4 and 'alt="Check-ins over the last year, month by month"' in html


# -- the faces -----------------------------------------------------------------


def test_command_line_checkin_with_answers(journal_path, checkins_file):
    code, stdout, stderr = run("checkin", "who5", "--answers", "3,4,2,5,1", "--date", "2026-11-01")
    assert code == 0, stderr
    assert "Well-being (WHO-5, 0-25): 15 (from 0 to 25, higher is better)" in stdout
    assert "Well-being (WHO-5, 0-100): 60" in stdout
    code, _, stderr = run("checkin", "who5", "--answers", "3,9,2,5,1")
    assert code == 1 and "item 2" in stderr and "I have felt calm and relaxed" in stderr and "Traceback" not in stderr
    code, _, stderr = run("checkin", "who5", "--answers", "3,4")
    assert code == 2 and "give 5 answers" in stderr
    code, stdout, _ = run("checkin", "who5", "--answers", "1,1,1,1,1", "--date", "2026-11-15")
    assert code == 0 and "came to 5 of 25" in stdout and "If you are in crisis" in stdout
    assert checkins.scores(checkins.load_checkins(checkins_file))["checkin"].nunique() == 2


def test_command_line_checkin_asks_each_question(journal_path, checkins_file):
    code, stdout, stderr = run("checkin", "loneliness", "--date", "2026-11-01", stdin="2\n7\n1\n\n4\n")
    assert code == 0, stderr
    assert "How often do you feel left out?" in stdout and "Please type one of 1, 2, 3" in stdout
    assert "Loneliness (3 least to 9 most): not scored" in stdout and "How often lonely: Some of the time" in stdout
    assert dict(zip(*checkins.load_checkins(checkins_file)[["item", "answer"]].T.values)) == {
        "ucla_1": 2, "ucla_2": 1, "direct": 4}


def test_command_line_export_for_a_span(journal_path, checkins_file):
    from ghw import journal, sample

    journal.create(journal_path, sample.generate(90, seed=2, end="2026-11-20"))
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [3, 4, 2, 5, 1])), date="2026-11-10")
    for fmt in ("html", "pdf"):
        code, stdout, stderr = run("export", "--format", fmt, "--since", "2026-10-01", "--until", "2026-11-20")
        assert code == 0, stderr
        out = journal_path.parent / "exports" / f"ghw-2026-10-01_2026-11-20.{fmt}"
        assert out.exists() and f"Wrote {out}" in stdout
    assert "Well-being (WHO-5, 0-100): 60; none in the 51 days before to compare." in out.with_suffix(".html").read_text()
    code, _, stderr = run("export", "--format", "html", "--since", "2026-10-01", "--month", "2026-10")
    assert code == 2 and "not both" in stderr


def test_checkin_form_saves_and_shows_the_care_line(journal_path, checkins_file):
    form = CheckinForm(journal_path, today=dt.date(2026, 11, 20))
    assert "No check-ins yet" in form.history.value
    for item, value in zip(WHO5, [3, 2, 2, 2, 2]):
        form.answer(item, value)
    assert form.save() and "Well-being (WHO-5, 0-100) 44" in form.status.value
    assert "came to 11 of 25" in form.care.value and "Samaritans" in form.care.value
    assert all(choice.value is None for choice in form.items.values())  # ready for the next one
    form.choose("loneliness")
    form.answer("direct", 2)
    assert form.save() and "Kept as incomplete" in form.status.value
    assert "Hardly ever" in form.history.value and "incomplete" in form.history.value


def test_log_form_says_quietly_when_a_checkin_is_due(journal_path, checkins_file):
    now = dt.datetime(2026, 11, 20, 9, 0)
    form = LogForm(journal_path, now=now)
    assert "A check-in is due: WHO-5 Well-Being Index and Loneliness" in form.checkin_due.text.value
    form.checkin_due.dismiss()
    assert form.checkin_due.layout.display == "none"
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [3] * 5)), date="2026-11-19")
    checkins.save(checkins_file, "loneliness", dict(zip(LONELINESS, [1] * 4)), date="2026-11-19")
    assert LogForm(journal_path, now=now).checkin_due.layout.display == "none"


def test_share_form_span(journal_path):
    from ghw import journal, sample

    journal.create(journal_path, sample.generate(60, seed=5, end="2026-11-20"))
    form = ShareForm(journal_path)
    form.span.value = True
    form.since.value, form.until.value = dt.date(2026, 11, 1), dt.date(2026, 11, 14)
    assert "Days logged:" in form.summary.value and "of 14." in form.summary.value
    assert form.period.layout.display == "none"
    form.format.value = "pdf"
    out = form.write()
    assert out.name == "ghw-2026-11-01_2026-11-14.pdf" and out.read_bytes().startswith(b"%PDF")


def test_app_has_a_checkin_tab():
    app = App()
    assert "Check-in" in app.titles and isinstance(app.checkin_form, CheckinForm)


def test_notebook_runs(journal_path):
    notebook = run_notebook(paths.notebooks_dir() / "04-checkin.ipynb")
    state = str(notebook.metadata["widgets"])
    assert "ghw-checkin" in state and "I have felt cheerful and in good spirits" in state


def test_command_line_reflect_reads_the_checkins(journal_path, checkins_file):
    from ghw import journal, sample

    journal.create(journal_path, sample.generate(30, seed=2, end="2026-11-20"))
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [3, 4, 2, 5, 1])), date="2026-11-10")
    code, stdout, stderr = run("reflect", "--finding", "checkins")
    assert code == 0, stderr
    assert "Well-being (WHO-5): not enough data yet to compare months (1 check-in;" in stdout


def test_reflection_shows_checkins_outside_the_journals_days(journal_path, checkins_file):
    from ghw import journal, sample
    from ghw.widgets import Reflection

    journal.create(journal_path, sample.generate(30, seed=2, end="2026-11-10"))
    checkins.save(checkins_file, "who5", dict(zip(WHO5, [3, 4, 2, 5, 1])), date="2026-11-20")
    view = Reflection(journal_path, charts=False)
    assert view.end.value == dt.date(2026, 11, 20) and len(view.filtered()) == len(view.journal.entries)
    assert "(1 check-in;" in view.sentences["checkins"]

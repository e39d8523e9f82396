"""The monthly self-study programme: lessons, the month's steps, its file, reflections, the rest week,
privacy of reflections in every export and the share, the page, the command line and the start-here notebook."""

import datetime as dt
import html
import json
import re
import shutil

import pandas as pd
import pytest
from pypdf import PdfReader

import ghw
from conftest import HEADER, ghw_command, write
from ghw import care, exports, lessons, paths, plan, programme, reflections, schema, sharing, summary
from ghw.folder import JournalFolder
from ghw.lessons import LESSONS
from ghw.people.file import load_people, people_path, set_private
from ghw.widgets import App, LogForm, PeopleView, ThisMonth
from ghw.widgets.checkin import DueLine
from notebooks_run import run_notebook

REST_DAY = dt.date(2026, 12, 23)
LEARN_DAY = dt.date(2026, 12, 5)


# -- lessons ---------------------------------------------------------------------


def test_at_least_six_lessons_each_a_short_read_with_sources():
    assert len(LESSONS) >= 6
    themes = {"why-connection", "quality", "variety", "give-and-take", "small-act", "rest", "hard-times"}
    assert themes <= set(LESSONS)
    from ghw import findings

    for lesson in LESSONS.values():
        assert 300 <= lesson.words <= 600, (lesson.name, lesson.words)
        cited = [line for line in lesson.sources.splitlines() if line.startswith("- ")]
        assert len(cited) >= 3, lesson.name
        assert all(re.search(r"\(\d{4}\)", line) for line in cited), lesson.name  # each with its year
        assert lesson.figure in findings.FINDINGS and set(lesson.findings) <= set(findings.FINDINGS), lesson.name
        assert lesson.prompt.endswith("?") and lesson.practice and lesson.act, lesson.name
        assert lesson.relationship is None or lesson.relationship in schema.RELATIONSHIPS, lesson.name
        text = (lesson.body + lesson.sources).lower()
        assert "diagnos" not in text.replace("not a diagnosis", "") or lesson.care, lesson.name
        for promise in ("will make you", "guarantee", "cures", "proves that"):
            assert promise not in text, (lesson.name, promise)
    assert LESSONS["hard-times"].care and LESSONS["rest"].stirring and LESSONS["rest"].kind == "alone"


def test_the_papers_the_programme_rests_on_are_cited():
    cited = " ".join(lesson.sources for lesson in LESSONS.values())
    for paper in ("Holt-Lunstad, J., Smith, T. B., & Layton", "Holt-Lunstad, J., Smith, T. B., Baker", "Sun, J., Harris",
                  "Liu, H., Xie", "Collins, H. K.", "Sandstrom, G. M., & Dunn", "Kahneman, D.", "Quoidbach, J.",
                  "Reis, H. T., & Shaver", "Reis, H. T., Clark", "Nguyen, T. T., Ryan", "Hawkley, L. C., & Cacioppo",
                  "Curry, O. S.", "Epley, N., & Schroeder", "Gouldner"):
        assert paper in cited, paper


def test_a_lesson_is_one_file(tmp_path):
    source = (lessons.FOLDER / "2-quality.md").read_text(encoding="utf-8")
    path = tmp_path / "9-new.md"
    path.write_text(source.replace('name = "quality"', 'name = "new"'), encoding="utf-8")
    assert lessons.read_lesson(path).name == "new"
    path.write_text(source.replace("## Sources", "## Reading"), encoding="utf-8")
    with pytest.raises(ValueError, match="Sources"):
        lessons.read_lesson(path)
    path.write_text(source.replace('prompt = ', 'question = '), encoding="utf-8")
    with pytest.raises(ValueError, match="lacks prompt"):
        lessons.read_lesson(path)


def test_lesson_markdown_is_escaped_and_readable():
    rendered = lessons.to_html("## A <b>head</b>\n\nSome **bold** and *it* & <script>.\n\n- one\n  more\n- two")
    assert "<h4>A &lt;b&gt;head&lt;/b&gt;</h4>" in rendered and "<script>" not in rendered
    assert "<b>bold</b>" in rendered and "<i>it</i>" in rendered and "<li>one more</li>" in rendered
    text = lessons.to_text(LESSONS["quality"].body)
    assert "**" not in text and "QUALITY OVER QUANTITY" not in text and "TWO WAYS TO COUNT" in text


# -- the month and its file ---------------------------------------------------------


def test_steps_follow_the_days_of_the_month(journal_path):
    steps = {day: programme.state(journal_path, today=dt.date(2026, 12, day)).step for day in (1, 7, 8, 14, 15, 21,
                                                                                               22, 28, 29, 31)}
    assert steps == {1: "learn", 7: "learn", 8: "reflect", 14: "reflect", 15: "practise", 21: "practise", 22: "rest",
                     28: "rest", 29: "review", 31: "review"}
    february = programme.state(journal_path, today=dt.date(2027, 2, 28))
    assert february.step == "rest" and february.last_day("rest") == dt.date(2027, 2, 28)
    assert february.first_day("review") == dt.date(2027, 2, 28)  # a short February has no review days of its own


def test_the_theme_follows_on_and_can_be_chosen(journal_path):
    assert programme.state(journal_path, today=LEARN_DAY).lesson.name == "why-connection"  # a new person starts here
    write(journal_path, HEADER + "\na,2026-09-03,,5,,,,,,,,,\n")
    later = programme.state(journal_path, today=LEARN_DAY, entries=ghw.load(journal_path))
    names = list(LESSONS)
    assert later.lesson.name == names[3 % len(names)] and not later.chosen  # September was the first theme
    programme.choose_theme(journal_path, "rest", today=LEARN_DAY)
    chosen = programme.state(journal_path, today=LEARN_DAY)
    assert chosen.lesson.name == "rest" and chosen.chosen
    assert programme.state(journal_path, today=dt.date(2027, 1, 3)).lesson.name == "hard-times"  # and on from there
    with pytest.raises(ghw.GhwError, match="no theme 'rests'"):
        programme.choose_theme(journal_path, "rests")


def test_reflections_carry_the_theme_on(journal_path):
    reflections.save(reflections.reflections_path(journal_path), "Noted", theme="variety", date="2026-10-10")
    assert programme.state(journal_path, today=LEARN_DAY).lesson.name == names_after("variety", 2)


def names_after(name, months):
    names = list(LESSONS)
    return names[(names.index(name) + months) % len(names)]


def test_pause_skip_and_the_rest_week(journal_path):
    assert programme.quiet(journal_path, today=REST_DAY) and programme.state(journal_path, today=REST_DAY).quiet
    assert not programme.quiet(journal_path, today=LEARN_DAY)
    programme.skip(journal_path, "rest", today=LEARN_DAY)
    assert not programme.quiet(journal_path, today=REST_DAY)
    assert programme.quiet(journal_path, today=REST_DAY + dt.timedelta(days=31))  # only that month
    programme.pause(journal_path, today=dt.date(2027, 1, 2))
    january = programme.state(journal_path, today=dt.date(2027, 1, 23))
    assert january.paused and not january.quiet and not programme.quiet(journal_path, today=dt.date(2027, 1, 23))
    assert "paused" in programme.suggestion(january)
    programme.resume(journal_path, today=dt.date(2027, 1, 24))
    assert programme.quiet(journal_path, today=dt.date(2027, 1, 24))
    assert programme.load_programme(programme.programme_path(journal_path))["action"].tolist() == [
        "skip", "pause", "resume"]


def test_a_programme_file_with_problems_names_the_line(journal_path):
    path = programme.programme_path(journal_path)
    path.write_text("date,month,action,value\n2026-12-01,2026-12,theme,rest\n2026-13-01,,pause,\n"
                    "2026-12-02,2026-12,skip,sleep\n2026-12-03,,theme,rest\n")
    with pytest.raises(ghw.ValidationError) as caught:
        programme.load_programme(path)
    text = str(caught.value)
    assert "line 3" in text and "line 4" in text and "sleep" in text and "line 5" in text
    assert not programme.quiet(journal_path, today=REST_DAY)  # a broken file never silences anything
    assert ghw_command("month", "--journal", journal_path).returncode == 1


def test_suggestions_never_insist():
    lesson = LESSONS["quality"]
    for day in (2, 9, 16, 23, 30):
        now = programme.Month("2026-12", dt.date(2026, 12, day), programme.STEPS[(day - 1) // 7], lesson, False,
                              None, frozenset())
        said = programme.suggestion(now, due=["WHO-5"])
        assert not re.search(r"\b(must|should|missed|streak|behind)\b", said.lower()), said
    now = programme.Month("2026-12", LEARN_DAY, "learn", lesson, False, None, frozenset({"learn"}))
    assert programme.suggestion(now) == "You are skipping learn this month. Reflect starts on 2026-12-08."


# -- reflections ------------------------------------------------------------------


def test_reflections_keep_what_was_written(journal_path):
    path = reflections.reflections_path(journal_path)
    text = 'Zoë and O’Brien, "@jo_k" and J.D.: a walk, a meal 🍲\r\nand a long talk'
    saved = reflections.save(path, text, theme="quality", prompt="What made it close?", date="2026-12-09")
    assert not saved["crisis"]
    [row] = reflections.load_reflections(path).to_dict("records")
    assert row["text"] == text.replace("\r\n", "\n") and row["theme"] == "quality" and row["id"] == saved["id"]
    with pytest.raises(ghw.ValidationError, match="the reflection itself"):
        reflections.save(path, "  \n ", theme="quality")
    with pytest.raises(ghw.GhwError, match="no theme"):
        reflections.save(path, "x", theme="nope")
    assert reflections.save(path, "Some days I want to die.", theme="hard-times")["crisis"]
    assert len(reflections.load_reflections(path)) == 2  # saved, whatever it says
    with pytest.raises(ghw.GhwError, match="no reflection 'zzz'"):
        reflections.pick(reflections.load_reflections(path), ["zzz"])
    path.write_text(path.read_text() + f"{saved['id']},2026-12-10,quality,,again\n")
    with pytest.raises(ghw.ValidationError, match="used by an earlier reflection"):
        reflections.load_reflections(path)


@pytest.mark.parametrize("text, crisis", [("I want to die", True), ("I can’t go on anymore", True),
                                          ("thinking about SUICIDE", True), ("self-harm again", True),
                                          ("killed it at work today", False), ("I can't go on holiday", False),
                                          ("dying to see Jo", False), ("", False)])
def test_words_of_crisis(text, crisis):
    assert care.mentions_crisis(text) is crisis


# -- the rest week quiets nudges ----------------------------------------------------


@pytest.fixture
def lapsed(journal_path):
    """Leo, seen every few days in September and not since: due everywhere outside the rest week."""
    rows = [f"r{i},2026-09-{i * 3 + 1:02d},,5,Leo,family,,,,,,," for i in range(6)]
    rows += [f"s{i},2026-12-{i + 1:02d},,5,Sam,partner,,,,,,," for i in range(4)]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    return journal_path


def test_rest_week_silences_nudges_and_due_lists(lapsed):
    from ghw import catalogue

    busy = LogForm(lapsed, now=dt.datetime(2026, 12, 5, 9, 0))
    assert "Leo" in busy.nudge.value and catalogue.idea_of_the_day().text in busy.nudge.value
    assert "A check-in is due" in DueLine(lapsed, today=LEARN_DAY).text.value
    assert "Leo" in PeopleView(lapsed, today=LEARN_DAY).due.value

    resting = LogForm(lapsed, now=dt.datetime(2026, 12, 23, 9, 0))
    assert "Rest week" in resting.nudge.value and "Leo" not in resting.nudge.value
    assert catalogue.idea_of_the_day().text not in resting.nudge.value
    line = DueLine(lapsed, today=REST_DAY)
    assert line.text.value == "" and line.layout.display == "none"
    due = PeopleView(lapsed, today=REST_DAY).due.value
    assert due.startswith("<p><i>Rest week") and "<details>" in due  # set aside, one tap away

    programme.skip(lapsed, "rest", today=REST_DAY)  # the person wants them this week
    assert "Leo" in LogForm(lapsed, now=dt.datetime(2026, 12, 23, 9, 0)).nudge.value
    assert "A check-in is due" in DueLine(lapsed, today=REST_DAY).text.value


# -- reflections stay private ---------------------------------------------------------


SECRET = "the quiet bench by the river with Alex"


@pytest.fixture
def written(journal_path):
    write(journal_path, HEADER + "\na,2026-11-02,09:00,6,Alex,friend,walk,in_person,30,4,me,gave,\n"
          "b,2026-11-03,09:00,5,,,,,,,,,\n")
    path = reflections.reflections_path(journal_path)
    saved = reflections.save(path, f"Sat on {SECRET}.", theme="quality", prompt="What made it close?",
                             date="2026-11-04")
    return journal_path, saved["id"]


def _text(fmt, data: bytes) -> str:
    if fmt == "pdf":
        import io

        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", list(exports.EXPORTS))
def test_reflections_stay_out_of_every_export_unless_chosen(written, fmt):
    journal_path, chosen = written
    entries = ghw.load(journal_path)
    plan.add(plan.plan_path(journal_path), {"month": "2026-11", "what": "Walk with Alex", "person": "Alex"})
    intentions = plan.load_plan(plan.plan_path(journal_path))
    export = exports.EXPORTS[fmt]
    plain = summary.summary(entries, "2026-11", plan=intentions, names=True)
    assert "quiet bench" not in _text(fmt, export.write(plain))
    assert "no reflections" in exports.preview(plain, fmt)
    picked = reflections.pick(reflections.load_reflections(reflections.reflections_path(journal_path)), [chosen])
    report = summary.summary(entries, "2026-11", plan=intentions, reflections=picked, key=b"k" * 32)
    out = " ".join(_text(fmt, export.write(report)).split())
    if export.sentences:
        assert "quiet bench by the river with Person" in out and "Alex" not in out  # names as in the notes
        assert "1 reflection you chose" in exports.preview(report, fmt)
    else:
        assert "quiet bench" not in out and "this format holds none" in exports.preview(report, fmt)


def test_private_people_leave_reflections_too(written):
    journal_path, chosen = written
    set_private(people_path(journal_path), "Alex")
    picked = reflections.pick(reflections.load_reflections(reflections.reflections_path(journal_path)), [chosen])
    report = summary.summary(ghw.load(journal_path), "2026-11", names=True, reflections=picked,
                             people=load_people(people_path(journal_path)))
    [line] = [s for s in report.sentences() if s.startswith("Reflection of")]
    assert "with someone" in line and "Alex" not in line


def test_reflections_stay_out_of_the_share_unless_chosen(written, tmp_path, monkeypatch):
    journal_path, chosen = written
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o2750)
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(folder))
    sharing.share(journal_path, "2026-11")
    assert all("quiet bench" not in f.read_text() for f in folder.iterdir())
    picked = reflections.pick(reflections.load_reflections(reflections.reflections_path(journal_path)), [chosen])
    held = sharing.share(journal_path, "2026-11", reflections=picked)
    assert any("quiet bench" in s for s in held["sentences"])
    assert "quiet bench" in (folder / sharing.SUMMARY_FILE).read_text()
    assert "quiet bench" not in (folder / sharing.ENTRIES_FILE).read_text()
    result = ghw_command("share", "--month", "2026-11", "--journal", journal_path)
    assert result.returncode == 0 and "quiet bench" not in (folder / sharing.SUMMARY_FILE).read_text()


def test_export_and_the_share_form_pick_reflections(written, tmp_path):
    journal_path, chosen = written
    out = tmp_path / "out.md"
    result = ghw_command("export", "--format", "md", "--month", "2026-11", "--journal", journal_path, "--out", out)
    assert result.returncode == 0 and "quiet bench" not in out.read_text() and "no reflections" in result.stdout
    result = ghw_command("export", "--format", "md", "--month", "2026-11", "--journal", journal_path, "--out", out,
                         "--reflection", chosen)
    assert result.returncode == 0 and "quiet bench" in out.read_text()
    wrong = ghw_command("export", "--format", "md", "--month", "2026-11", "--journal", journal_path, "--reflection", "x")
    assert wrong.returncode == 2 and "no reflection 'x'" in wrong.stderr
    from ghw.widgets import ShareForm

    form = ShareForm(journal_path)
    form.period.value, form.format.value = "2026-11", "md"
    assert form.reflections.value == () and "quiet bench" not in form.summary.value
    form.reflections.value = (chosen,)
    assert "quiet bench" in form.summary.value and "quiet bench" in form.write().read_text()


def test_reflection_and_programme_files_are_never_overwritten_by_an_export(written):
    journal_path, _ = written
    for name in ("reflections.csv", "programme.csv"):
        with pytest.raises(ghw.GhwError, match="one of your journal's own files"):
            exports.write_bytes(journal_path.parent / name, b"x", journal=journal_path)


# -- the month in review --------------------------------------------------------------


def test_the_review_compares_with_the_month_before_through_the_summary(journal_path):
    written = reflections.load_reflections(paths.SAMPLE_REFLECTIONS)
    looked = programme.review(JournalFolder(journal_path, sample=True), "2026-10", reflections=written)
    expected = summary.of(JournalFolder(journal_path, sample=True), "2026-10", names=True)
    assert looked.summary.mood_change == expected.mood_change  # the summaries' own test, nothing new
    lines = looked.lines()
    assert lines[0] == "2026-10: the theme was Quality over quantity, and you wrote 7 reflections."
    assert any("the period before" in line for line in lines)
    assert any(line.startswith("Time alone noted:") for line in lines)
    assert lines[-1].startswith("Next month (2026-11): A variety of ties.")


def test_the_review_says_what_the_summary_says(journal_path, tmp_path):
    """The page, the command and the summary of the same month hold the same sentences, in the same order."""
    (tmp_path / "copy").mkdir()
    sample_copy = shutil.copy(paths.SAMPLE_JOURNAL, tmp_path / "copy" / "journal.csv")
    for name in ("plan", "people", "checkins", "experiments"):
        shutil.copy(getattr(paths, f"SAMPLE_{name.upper()}"), tmp_path / "copy" / f"{name}.csv")
    said = summary.of(JournalFolder(sample_copy), "2026-10", names=True).sentences()
    assert len(said) > 3
    looked = programme.review(JournalFolder(sample_copy), "2026-10").lines()
    assert looked[1:1 + len(said)] == said
    printed = ghw_command("month", "review", "--month", "2026-10", "--journal", sample_copy)
    assert printed.returncode == 0, printed.stderr
    assert [f"- {line}" for line in said] == printed.stdout.splitlines()[3:3 + len(said)]
    page = ThisMonth(journal_path, today=LEARN_DAY)  # the sample, whose last month is 2026-10 too
    page.show("review")
    assert all(html.escape(line) in page.review.value for line in said)


# -- the page ---------------------------------------------------------------------------


def test_the_page_on_the_sample(journal_path):
    page = ThisMonth(journal_path, today=LEARN_DAY)
    assert "Sample data" in page.banner.value and "Why connection matters" in page.header.value
    assert page.step.value == "learn" and page.figure.png and "sample journal" in page.figure.alt
    assert "Sources" in page.lesson.value and "A check-in is due" in page.today_line.value
    assert any(page.intention_button in getattr(part, "children", ()) for part in page.section.children)  # one tap
    assert "Sample reflections" in page.reflections.value and "phones away" in page.reflections.value
    page.show("review")
    assert "Looking back on 2026-10" in page.review.value and "the period before" in page.review.value
    page.show("rest")
    assert "In the rest week, 22 to 28 Dec, reminders go quiet" in page.rest.value
    page.show("practise")
    assert not page.add_intention() and "sample data" in page.practice_status.value
    assert not plan.plan_path(journal_path).exists() and not journal_path.exists()


def test_the_page_on_an_empty_journal_and_what_it_writes(journal_path):
    write(journal_path, HEADER + "\n")
    page = ThisMonth(journal_path, today=REST_DAY)
    assert page.banner.value == "" and page.step.value == "rest" and "Rest week" in page.today_line.value
    assert "People to talk to" in page.care.value and "<details>" in page.care.value  # the rest prompt can stir
    assert "Reminders are quiet until 28 Dec" in page.rest.value
    assert "No reflections yet" in page.reflections.value
    assert not page.note_alone(None, "lonely") and "choose your mood" in page.alone_status.value
    assert page.note_alone(4, "lonely")
    assert ghw.load(journal_path)["alone"].tolist() == ["lonely"]
    page.show("reflect")
    page.answer.value = "Quiet days. Some days I want to die, honestly."
    assert "sounds really hard" in page.care.value  # at once, before any save
    assert page.save_reflection()
    assert page.answer.value == "" and "really hard" in page.care.value
    [saved] = reflections.load_reflections(reflections.reflections_path(journal_path)).to_dict("records")
    assert saved["prompt"] == LESSONS["why-connection"].prompt and "want to die" in saved["text"]
    assert "Quiet days" in page.reflections.value
    page.show("practise")
    assert page.add_intention() and page.start_experiment() is not None
    month = plan.load_plan(plan.plan_path(journal_path))
    assert month["what"].tolist() == [LESSONS["why-connection"].act] and month["month"].tolist() == ["2026-12"]
    page.skip()
    assert page.skip_button.disabled and page.step.value == "practise"
    page.pause()
    assert "paused" in page.today_line.value and page.pause_button.description == "Resume the programme"
    page.resume()
    assert page.choose_theme("variety") and "A variety of ties" in page.header.value
    page.show("review")  # before the 29th, the review is of last month, and its next month is this one
    assert "Looking back on 2026-11" in page.review.value and page.next_button.description == "Use it for 2026-12"
    assert page.use_next_theme("rest")
    assert programme.state(journal_path, today=dt.date(2027, 1, 2)).lesson.name == "hard-times"  # rest, then on


def test_the_page_says_what_is_wrong_with_its_file(journal_path):
    programme.programme_path(journal_path).write_text("date,month,action,value\nsoon,,pause,\n")
    page = ThisMonth(journal_path, today=LEARN_DAY)
    assert "line 2" in page.status.value and page.header.value  # the page still shows the month


def test_the_app_has_the_tab(journal_path):
    from ghw.widgets.app import TABS

    app = App(journal_path)

    app.selected_index = [title for title, _ in TABS].index("This month")
    assert isinstance(app.this_month, ThisMonth)
    fresh = app.this_month.today_line.value
    app.selected_index = 0
    app.selected_index = [title for title, _ in TABS].index("This month")  # opened again: read again
    assert app.this_month.today_line.value == fresh


# -- the command line and the notebook --------------------------------------------------


def test_the_command_on_the_sample_and_on_an_empty_journal(journal_path, tmp_path):
    sample_copy = shutil.copy(paths.SAMPLE_JOURNAL, tmp_path / "sample.csv")
    for path in (sample_copy, journal_path):
        result = ghw_command("month", "--journal", path, "--on", "2026-12-23")
        assert result.returncode == 0, result.stderr
        assert "Rest (2026-12-22 to 2026-12-28)" in result.stdout and "reminders are quiet" in result.stdout
        assert "If you are in crisis" in result.stdout  # the rest prompt can stir something
    review = ghw_command("month", "review", "--month", "2026-10", "--journal", sample_copy)
    assert review.returncode == 0 and "the period before" in review.stdout
    write(journal_path, HEADER + "\n")
    empty = ghw_command("month", "review", "--journal", journal_path, "--on", "2026-12-05")
    assert empty.returncode == 0 and "Looking back on 2026-11" in empty.stdout and "Days logged: 0 of 30" in empty.stdout


def test_the_command_writes_only_what_it_says(journal_path):
    lesson = ghw_command("month", "lesson", "hard-times", "--journal", journal_path)
    assert lesson.returncode == 0 and "REACHING OUT WHEN TIMES ARE HARD" in lesson.stdout
    assert "SOURCES" in lesson.stdout and "Samaritans" in lesson.stdout
    said = ghw_command("month", "reflect", "I can’t go on anymore", "--journal", journal_path, "--on", "2026-12-09")
    assert said.returncode == 0 and "stays private" in said.stdout and "If you are in crisis" in said.stdout
    listed = ghw_command("month", "reflections", "--journal", journal_path)
    [saved] = reflections.load_reflections(reflections.reflections_path(journal_path)).to_dict("records")
    assert saved["id"] in listed.stdout and saved["prompt"] == LESSONS["why-connection"].prompt
    assert ghw_command("month", "theme", "rest", "--journal", journal_path, "--on", "2026-12-09").returncode == 0
    assert "* rest" in ghw_command("month", "theme", "--journal", journal_path, "--on", "2026-12-09").stdout
    assert ghw_command("month", "skip", "rest", "--journal", journal_path, "--on", "2026-12-09").returncode == 0
    assert not programme.quiet(journal_path, today=REST_DAY)
    assert ghw_command("month", "pause", "--journal", journal_path).returncode == 0
    assert "paused" in ghw_command("month", "--journal", journal_path).stdout
    assert ghw_command("month", "resume", "--journal", journal_path).returncode == 0
    assert ghw_command("month", "theme", "nope", "--journal", journal_path).returncode == 2
    bad = ghw_command("month", "--on", "2026-02-30", "--journal", journal_path)
    assert bad.returncode == 2 and "not a date" in bad.stderr
    assert not journal_path.exists()  # the programme never writes the journal


@pytest.mark.parametrize("sample", [True, False])
def test_the_start_here_notebook_runs(journal_path, sample):
    if not sample:
        write(journal_path, HEADER + "\n")
    notebook = run_notebook(paths.notebooks_dir() / "00-start-here.ipynb")
    state = json.dumps(notebook.metadata["widgets"])
    assert "ghw-month" in state and ("Sample data" in state) is sample
    assert not reflections.reflections_path(journal_path).exists()  # showing the page writes nothing


def test_the_sample_month_of_reflections():
    written = reflections.load_reflections(paths.SAMPLE_REFLECTIONS)
    assert len(written) >= 6 and set(written["date"].dt.strftime("%Y-%m")) == {"2026-10"}
    prompts = {programme.prompt_for(step, LESSONS["quality"]) for step in programme.STEPS}
    assert set(written["prompt"]) == prompts  # one or more for every step of the month
    assert not any(care.mentions_crisis(t) for t in written["text"])
    assert pd.api.types.is_string_dtype(written["text"])

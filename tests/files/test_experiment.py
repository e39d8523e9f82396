"""Personal experiments: the draw, the file, adherence, the answer, and its faces."""

import datetime as dt
import itertools
import random

import numpy as np
import pandas as pd
import pytest

import ghw
from ghw import experiment, exports, findings, journal, paths, privacy, randomization, summary
from ghw.widgets import ExperimentForm
from ghw.widgets.log import LogForm
from helpers import ghw_command
from notebooks_run import run_notebook

START = dt.date(2026, 11, 2)


def _entries(tmp_path, moods, start=START, connections=()):
    """A journal on disk with one entry per day (mood), plus connections as (day, person, relationship)."""
    rows = [{"date": start + dt.timedelta(days=i), "time": "09:00", "mood": m} for i, m in enumerate(moods)
            if m is not None]
    rows += [{"date": start + dt.timedelta(days=i), "time": "18:00", "mood": 6, "person": p, "relationship": r}
             for i, p, r in connections]
    path = tmp_path / "journal.csv"
    ghw.extend(path, pd.DataFrame(rows).astype("str").replace("None", ""))
    return ghw.load(path)


def _row(**changes):
    values = {"act": "Call Jo", "person": "Jo", "start": START.isoformat(), "weeks": 2, "design": "weekly",
              "per_week": 2, "seed": 7} | changes
    checked, problems = experiment._check(_values(values), drawing=True)
    assert not problems, problems
    return checked


def _values(values):
    start = dt.date.fromisoformat(values["start"])
    end = start + dt.timedelta(days=7 * int(values["weeks"]) - 1)
    return {"id": "e1", "created": values["start"], "start": values["start"], "end": end.isoformat(),
            "act": values["act"], "person": values.get("person", ""), "relationship": values.get("relationship", ""),
            "outcome": values.get("outcome", "mood"), "design": values["design"],
            "per_week": str(values.get("per_week", "")) if values["design"] == "weekly" else "",
            "block_days": str(values.get("block_days", "")) if values["design"] == "blocks" else "",
            "seed": str(values["seed"]), "schedule": "", "stopped": ""}


def _as_table_row(checked):
    return experiment._typed([checked]).iloc[0].to_dict()


# -- the draw --------------------------------------------------------------


def test_the_schedule_is_reproducible_from_its_seed_as_documented():
    design = experiment.Design("weekly", 3, per_week=3)
    again = experiment.Design("weekly", 3, per_week=3)
    assert (design.draw(42) == again.draw(42)).all() and not (design.draw(42) == design.draw(43)).all()
    # docs/experiment-format.md: seven numbers a week from random.Random(seed).random(), the smallest are act days
    stream, expected = random.Random(42), []
    for _ in range(3):
        keys = [stream.random() for _ in range(7)]
        smallest = sorted(range(7), key=keys.__getitem__)[:3]
        expected += [d in smallest for d in range(7)]
    assert design.draw(42).tolist() == expected
    assert "".join("x" if a else "." for a in design.draw(42)) == ".xxx...x.x..x..xx..x."
    blocks = experiment.Design("blocks", 4, block_days=4)
    assert blocks.draw(5).sum() == 12 and len(blocks.draw(5)) == 28
    assert all(len(set(blocks.draw(5)[b * 4:(b + 1) * 4])) == 1 for b in range(7))  # whole blocks


def test_every_week_gets_its_act_days_and_the_family_is_counted():
    design = experiment.Design("weekly", 4, per_week=2)
    for seed in range(20):
        assert design.draw(seed).reshape(4, 7).sum(axis=1).tolist() == [2, 2, 2, 2]
    assert design.family_size == 21**4
    small = experiment.Design("weekly", 2, per_week=2)
    family, exact = small.reference(small.draw(1), rng=np.random.default_rng(0))
    assert exact and len(family) == 441 and len({r.tobytes() for r in family}) == 441
    assert (family[0] == small.draw(1)).all()


# -- the answer ------------------------------------------------------------


def _brute_force_p(moods, used, per_week):
    """The randomisation p-value by plain enumeration: every schedule with ``per_week`` act days in each week."""
    weeks = len(used) // 7
    def diff(schedule):
        act = [m for m, a in zip(moods, schedule) if a and m is not None]
        other = [m for m, a in zip(moods, schedule) if not a and m is not None]
        return sum(act) / len(act) - sum(other) / len(other)
    observed = diff(used)
    week_choices = [[d in c for d in range(7)] for c in itertools.combinations(range(7), per_week)]
    schedules = [sum(combo, []) for combo in itertools.product(week_choices, repeat=weeks)]
    values = [diff(s) for s in schedules]
    return observed, sum(abs(v) >= abs(observed) - 1e-9 for v in values) / len(values), schedules


def test_randomisation_test_matches_brute_force_enumeration(tmp_path):
    rng = np.random.default_rng(3)
    checked = _row(seed=11, per_week=3)
    used = [c == "x" for c in checked["schedule"]]
    moods = [int(np.clip(round(5 + 1.5 * a + rng.normal(0, 1.2)), 0, 10)) for a in used]
    moods[4] = None  # a day without an entry
    entries = _entries(tmp_path, moods)
    result = randomization.analyse(_as_table_row(checked), entries, ghw.daily(entries),
                                as_of=START + dt.timedelta(days=20)).set_index("analysis")
    main = result.loc["as assigned"]
    observed, p, schedules = _brute_force_p(moods, used, 3)
    assert main["status"] == "ok" and main["exact"] and main["schedules"] == len(schedules) == 35**2
    assert main["diff"] == pytest.approx(observed) and main["p_val"] == pytest.approx(p)
    # The interval inverts the test: effects just inside are not rejected, just outside are.
    for tau, kept in ((main["ci_low"] + 0.01, True), (main["ci_low"] - 0.01, False),
                      (main["ci_high"] - 0.01, True), (main["ci_high"] + 0.01, False)):
        shifted = [None if m is None else m - tau * a for m, a in zip(moods, used)]
        assert bool(_brute_force_p(shifted, used, 3)[1] > 0.05) is kept, tau


def test_too_early_or_too_few_days_says_so(tmp_path):
    checked = _row()
    entries = _entries(tmp_path, [6] * 5)
    running = randomization.analyse(_as_table_row(checked), entries, ghw.daily(entries), as_of=START + dt.timedelta(days=5))
    assert set(running["status"]) == {"running"} and running["diff"].isna().all()
    ended = randomization.analyse(_as_table_row(checked), entries, ghw.daily(entries), as_of=START + dt.timedelta(days=30))
    assert ended["status"].iat[0] in ("too_few_with", "too_few_without")
    data = findings.Data(entries, experiments=experiment._typed([checked]), as_of=START + dt.timedelta(days=30))
    finding = findings.FINDINGS["experiment"]
    assert "too few days to answer" in finding.explain(finding.compute(data), data)


def test_the_sample_experiment_finds_its_known_effect():
    entries = ghw.load(paths.SAMPLE_JOURNAL)
    table = experiment.load(paths.SAMPLE_EXPERIMENTS)
    data = findings.Data(entries, experiments=table)
    finding = findings.FINDINGS["experiment"]
    result = finding.compute(data).set_index("analysis")
    assert (result["status"] == "ok").all()
    assigned, done = result.loc["as assigned"], result.loc["as done"]
    assert assigned["ci_low"] > 0 and done["ci_low"] < experiment.SAMPLE_EFFECT < done["ci_high"]
    assert assigned["done_days"] < assigned["act_days"]  # not every act day was done, and that is shown
    sentence = finding.explain(finding.compute(data), data)
    assert "very likely raised your mood" in sentence and "You did it on" in sentence
    assert finding.plot(finding.compute(data), data, ax=None).get_title() == "Act days and other days"
    # The committed file is the one the code describes.
    assert table.iloc[0]["schedule"] == experiment.sample_row()["schedule"]


def test_false_positive_rate_quickly_stays_near_five_percent():
    p = randomization.simulate(experiment.Design("weekly", 2, per_week=3), effect=0.0, carry_over=0.0, runs=300)
    assert np.mean(p < 0.05) <= 0.1 and 0.3 < np.mean(p) < 0.7


@pytest.mark.slow
def test_false_positive_rate_holds_with_carry_over_in_mood():
    """4,000 experiments with no effect and strong day-to-day carry-over: at most 5%, allowing for simulation error."""
    p = randomization.simulate(experiment.Design("weekly", 4, per_week=3), effect=0.0, carry_over=0.0, runs=4000,
                            draws=199, autocorrelation=0.7, seed=1)
    assert np.mean(p < 0.05) <= 0.05 + 2.5 * np.sqrt(0.05 * 0.95 / 4000)


def test_interval_and_test_on_a_plain_contrast():
    schedules = np.array([[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 1, 0]], bool)
    y = np.array([5.0, 3.0, 6.0, 2.0])
    stats = randomization.contrast(schedules, y, np.ones(4, bool))
    assert stats[0] == 3.0 and randomization.test(stats) == pytest.approx(2 / 6)


# -- the file ----------------------------------------------------------------


def test_new_draws_and_saves_and_the_file_round_trips(tmp_path):
    path = tmp_path / "experiments.csv"
    saved = experiment.new(path, {"act": "Call Jo", "person": "Jo", "weeks": 3}, today=START)
    table = experiment.load(path)
    assert len(table) == 1 and table["end"].iat[0] == pd.Timestamp(START + dt.timedelta(days=20))
    design = experiment.design_of(saved)
    assert table["schedule"].iat[0] == "".join("x" if a else "." for a in design.draw(saved["seed"]))


@pytest.mark.parametrize(("values", "column", "words"), [
    ({"weeks": 9}, "weeks", "from 2 to 8"),
    ({"start": "2026-10-01"}, "start", "days already lived cannot be drawn"),
    ({"relationship": "pal"}, "relationship", "must be one of"),
    ({"design": "blocks", "block_days": 9}, "block_days", "from 3 to 7"),
    ({"act": " "}, "act", "is required"),
    ({"outcome": "sleep"}, "outcome", "must be one of"),
])
def test_bad_settings_name_the_field_and_write_nothing(tmp_path, values, column, words):
    path = tmp_path / "experiments.csv"
    with pytest.raises(ghw.ValidationError) as error:
        experiment.new(path, {"act": "Call Jo"} | values, today=START)
    assert error.value.problems["column"].tolist() == [column] and words in str(error.value)
    assert not path.exists()


def test_overlapping_experiments_on_one_outcome_are_refused(tmp_path):
    path = tmp_path / "experiments.csv"
    first = experiment.new(path, {"act": "Call Jo", "weeks": 4}, today=START)
    before = path.read_bytes()
    with pytest.raises(ghw.ValidationError, match=f"overlaps experiment {first['id']}"):
        experiment.new(path, {"act": "Walk", "start": "2026-11-20"}, today=START)
    assert path.read_bytes() == before
    experiment.new(path, {"act": "Walk", "start": "2026-11-20", "outcome": "quality"}, today=START)  # another outcome
    experiment.stop(path, first["id"], today=dt.date(2026, 11, 10))
    experiment.new(path, {"act": "Walk", "start": "2026-11-10"}, today=dt.date(2026, 11, 10))  # after the stop
    assert len(experiment.load(path)) == 3 and len(list((tmp_path / "backups").iterdir())) == 1


@pytest.mark.parametrize(("column", "value", "words"), [
    ("end", "2026-10-01", "is before the start"),
    ("end", "2027-03-01", "must last whole weeks, from 2 to 8"),
    ("schedule", "x" * 14, "is not the schedule drawn from this seed"),
    ("seed", "lucky", "whole number"),
    ("stopped", "2027-01-01", "must fall between the start"),
    ("start", "2026-11-3", "YYYY-MM-DD"),
])
def test_a_file_edited_by_hand_is_refused_line_by_line_and_kept(tmp_path, column, value, words):
    path = tmp_path / "experiments.csv"
    experiment.new(path, {"act": "Call Jo", "weeks": 2}, today=START)
    text = pd.read_csv(path, dtype="str", keep_default_na=False)
    text.loc[0, column] = value
    text.to_csv(path, index=False)
    before = path.read_bytes()
    with pytest.raises(ghw.ValidationError) as error:
        experiment.load(path)
    problems = error.value.problems
    assert problems["line"].tolist()[0] == 2 and column in problems["column"].tolist() and words in str(error.value)
    with pytest.raises(ghw.GhwError):
        experiment.new(path, {"act": "Walk", "outcome": "quality"}, today=START)
    assert path.read_bytes() == before


def test_adherence_uses_the_intentions_matching_rules(tmp_path):
    checked = _row(seed=3)
    entries = _entries(tmp_path, [6] * 14, connections=[(0, "jo", "friend"), (1, "Sam", "partner")])
    days = experiment.adherence(_as_table_row(checked), entries)
    assert days["done"].tolist()[:3] == [True, False, False] and days["done"].sum() == 1
    kind = _as_table_row(_row(person="", relationship="partner"))
    assert experiment.adherence(kind, entries)["done"].tolist()[:2] == [False, True]


# -- faces -------------------------------------------------------------------


def test_summary_and_calendar_keep_names_out(tmp_path):
    entries = _entries(tmp_path, [6] * 14, connections=[(0, "Mum", "family")])
    table = experiment._typed([_row(act="Call Mum", person="Mum")])
    report = summary.summary(entries, "2026-11", experiments=table, key=b"k" * 16)
    alias = privacy.Pseudonyms(["Mum"], b"k" * 16).alias("Mum")
    text = " ".join(report.sentences())
    assert f"Your experiment “Call {alias}”" in text and "Mum" not in text and "still running" not in text
    calendar = exports.EXPORTS["ics"].write(report).decode()
    assert calendar.count("BEGIN:VEVENT") == 4 and f"Act day: Call {alias}" in calendar and "Mum" not in calendar
    weekly = summary.summary(entries, "2026-W45", experiments=table, key=b"k" * 16)
    assert "still running" in " ".join(weekly.sentences())


def _ghw(*args, journal_path):
    return ghw_command("experiment", *args, "--journal", journal_path)


def test_command_line_sets_up_follows_and_stops(journal_path):
    done = _ghw("new", "--act", "Call Jo", "--person", "Jo", "--weeks", "2", journal_path=journal_path)
    assert done.returncode == 0 and "Started experiment" in done.stdout and "Power" in done.stdout
    status = _ghw("status", journal_path=journal_path)
    assert status.returncode == 0 and "Today is an" in status.stdout and "day 1 of 14" in status.stdout
    again = _ghw("new", "--act", "Walk", journal_path=journal_path)
    assert again.returncode == 1 and "overlaps experiment" in again.stderr and "Traceback" not in again.stderr
    result = _ghw("result", journal_path=journal_path)
    assert result.returncode == 0 and "still running" in result.stdout
    ident = experiment.load(experiment.experiments_path(journal_path))["id"].iat[0]
    stopped = _ghw("stop", ident, journal_path=journal_path)
    assert stopped.returncode == 0 and "Stopped experiment" in stopped.stdout
    assert "too few days" in _ghw("result", journal_path=journal_path).stdout
    bad = _ghw("stop", "nope", journal_path=journal_path)
    assert bad.returncode == 2 and "No experiment has the id 'nope'" in bad.stderr


def test_form_sets_up_and_the_log_form_says_what_today_is(journal_path):
    form = ExperimentForm(journal_path)
    assert "Example on sample data" in form.answer.value  # the sample's finished experiment
    assert "12 act days" in form.explanation.value and "of the time" in form.explanation.value
    form.act.value = "Call someone you have been missing"
    assert form.relationship.value == "friend"  # from the idea
    form.weeks.value = 2
    form.design.value = "blocks"
    assert "rarely stand out" in form.explanation.value and form.per_week.layout.display == "none"
    form.design.value = "weekly"
    assert form.start() and "Started" in form.status.value
    assert "Today is an" in form.running.children[0].children[0].value
    today_is_act = experiment.today(experiment.load(form.path))[0][1]
    log = LogForm(journal_path)
    assert ("Today is an act day" if today_is_act else "Today is an ordinary day") in log.assignment.value
    form.act.value = "Another"
    assert not form.start() and "overlaps experiment" in form.status.value and form.act.value == "Another"
    form.stop(experiment.load(form.path)["id"].iat[0])
    assert "Stopped" in form.status.value and "No experiment yet" in form.running.children[0].value
    assert "too few days to answer" in form.answer.value


def test_notebook_runs(journal_path):
    run_notebook(paths.notebooks_dir() / "06-experiment.ipynb")
    assert not journal_path.exists() and not experiment.experiments_path(journal_path).exists()


def test_journal_module_is_untouched_by_experiments(tmp_path):
    path = tmp_path / "journal.csv"
    journal.append(path, {"date": "2026-11-02", "mood": 6})
    before = path.read_bytes()
    experiment.new(experiment.experiments_path(path), {"act": "Call Jo"}, today=START)
    assert path.read_bytes() == before


def test_a_design_too_small_to_answer_says_so(tmp_path):
    checked = _row(design="blocks", block_days=4, seed=0)  # blocks of 4, 4 and 6 days: only 3 schedules
    assert checked["schedule"] == "........xxxxxx"
    entries = _entries(tmp_path, [5, 6, 5, 6, 5, 6, 5, 6, 8, 9, 8, 9, 8, 9])
    data = findings.Data(entries, experiments=experiment._typed([checked]), as_of=START + dt.timedelta(days=20))
    finding = findings.FINDINGS["experiment"]
    result = finding.compute(data).set_index("analysis").loc["as assigned"]
    assert result["status"] == "ok" and result["schedules"] == 3 and result["p_val"] > 0.05
    sentence = finding.explain(finding.compute(data), data)
    assert "too few schedules to bound it" in sentence and "cannot tell the act apart from chance" in sentence
    assert "inf" not in sentence


def test_every_problem_of_a_new_experiment_is_said_at_once(tmp_path):
    with pytest.raises(ghw.ValidationError) as error:
        experiment.new(tmp_path / "experiments.csv", {"act": "", "weeks": "ten", "outcome": "sleep"}, today=START)
    assert error.value.problems["column"].tolist() == ["weeks", "act", "outcome"]


def test_form_offers_this_months_intentions(journal_path):
    from ghw import plan

    plan.add(plan.plan_path(journal_path), {"month": "2026-11", "what": "Walk with Priya", "person": "Priya"})
    form = ExperimentForm(journal_path, today=START)
    assert form.act.options[0] == "Walk with Priya"
    form.act.value = "Walk with Priya"
    assert form.person.value == "Priya" and form.relationship.value is None
    assert form.start() and experiment.load(form.path)["person"].iat[0] == "Priya"


def test_reflection_page_says_what_is_wrong_with_the_file_and_shows_the_rest(tmp_path):
    from ghw.widgets import Reflection

    entries = _entries(tmp_path, [6] * 10)
    path = experiment.experiments_path(tmp_path / "journal.csv")
    experiment.new(path, {"act": "Call Jo"}, today=START)
    path.write_text(path.read_text().replace("weekly,3", "weekly,5"))
    page = Reflection(tmp_path / "journal.csv", charts=False)
    assert "line 2, per_week (&#x27;5&#x27;): must be a whole number from 2 to 4" in page.status.value and page.sentences["experiment"] == ""
    assert len(page.sentences) == len(findings.FINDINGS) and len(entries) == 10

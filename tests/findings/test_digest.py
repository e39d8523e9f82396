"""The digest: at most five lines that agree with the findings' own tables, for every status a finding can have."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ghw import analysis, digest, findings, inference, journal, paths, sample
from ghw import checkins as checkin_files
from ghw import experiment as experiments
from ghw.findings import _shared


@pytest.fixture(scope="module")
def year():
    """The sample year with its check-ins and experiment, its findings' tables and their readings."""
    entries = journal.load(paths.SAMPLE_JOURNAL)
    data = findings.Data(entries, checkins=checkin_files.load_checkins(paths.SAMPLE_CHECKINS),
                         experiments=experiments.load(paths.SAMPLE_EXPERIMENTS), as_of=dt.date(2026, 11, 25))
    results = findings.compute(data)
    return data, results, digest.readings(data, results)


@pytest.fixture(scope="module")
def new():
    """A journal of five days: every answer still to come."""
    data = findings.Data(_typed(sample.generate(5, seed=3, end="2026-10-31")))
    return data, digest.readings(data)


def _typed(raw):
    from ghw import schema

    entries, problems = schema.validate(raw)
    assert problems.empty
    return entries


def _estimate_column(table):
    return next(c for c in ("r", "beta", "diff", "change") if c in table)


def test_every_reading_agrees_with_its_findings_table(year):
    """Each reading carries its row's status, estimate and interval, and is clear exactly when the finding's rule
    (the interval, or the family's adjusted p-value, or a reliable change) says so."""
    data, results, table = year
    assert set(table["finding"]) >= {"quality_vs_quantity", "quality", "relationships", "variety", "checkins",
                                     "experiment", "timeline"}
    for name, rows in table.groupby("finding"):
        result = results[name]
        if name == "timeline":
            continue  # the change in mood, checked below
        for reading in rows.to_dict("records"):
            if reading["item"] == "all":
                assert not reading["clear"]
                ok = result.loc[result["status"] == "ok"]
                assert all(not _shared.decided(r) for _, r in ok.iterrows())
                continue
            key = {"quality_vs_quantity": "term", "checkins": "scale", "experiment": "experiment", "lift": "group",
                   "relationships": "group", "activities": "group", "alone": "group"}.get(name, "x")
            if name == "next_day":
                predictor, outcome = reading["item"].split(" -> ")
                row = result.loc[(result["predictor"] == predictor) & (result["outcome"] == outcome)].iloc[0]
            elif name == "experiment":
                row = result.loc[(result["experiment"] == reading["item"]) & (result["analysis"] == "as assigned")].iloc[0]
            else:
                row = result.loc[result[key] == reading["item"]].iloc[0]
            if name == "lift" and reading["status"] != "ok":
                row = result.loc[result["group"] == "no connection"].iloc[0]
            assert reading["status"] == row["status"], (name, reading["item"])
            if row["status"] != "ok":
                continue
            estimate = row[_estimate_column(result)]
            assert reading["estimate"] == pytest.approx(estimate), (name, reading["item"])
            assert (reading["ci_low"], reading["ci_high"]) == pytest.approx((row["ci_low"], row["ci_high"]))
            if name == "checkins":
                assert reading["clear"] == (bool(row["reliable"]) and row["swings"] == "ok" and inference.clear(row))
            elif name == "experiment":
                assert reading["clear"] == bool(row["ci_low"] > 0 or row["ci_high"] < 0)
            else:
                assert reading["clear"] == _shared.decided(row), (name, reading["item"])
            if reading["clear"] and reading["form"] == "link":  # the direction in words agrees with the sign
                assert ("better mood" in reading["headline"]) == (estimate > 0), reading["headline"]


def test_the_digest_is_at_most_five_lines_each_from_a_finding(year):
    data, _, table = year
    lines = digest.digest(data, table=table)
    assert 1 <= len(lines) <= digest.MAX_LINES
    assert set(lines["finding"]) <= set(findings.FINDINGS)
    assert list(lines["kind"]) == sorted(lines["kind"], key=digest.KINDS.index)
    said = digest.lines(lines)
    assert said[0] == "How connected you felt went with your mood more than how many connections you had."
    clear = lines.loc[lines["kind"] == "clear"]
    assert clear["clear"].all() and clear["finding"].is_unique
    assert any(line.startswith("Your experiment “Offer a neighbour a hand") for line in said)
    # Every clear line is one of the findings' clear readings, word for word.
    assert set(clear["text"]) <= {f"{h}." for h in table.loc[table["clear"], "headline"]}


def test_a_new_journal_is_told_how_far_each_answer_is(new):
    data, table = new
    assert not digest.answered(table)
    waiting = digest.progress(table)
    assert len(waiting) >= 8 and waiting["finding"].is_unique
    quality = waiting.set_index("finding").loc["quality"]
    n = int(data.daily.loc[data.daily["connections"] > 0, "quality"].notna().sum())
    assert quality["text"] == f"How connected you felt: {n} of about {analysis.inference.MIN_OBS} days with a connection"
    assert quality["share"] == pytest.approx(n / analysis.inference.MIN_OBS)
    lines = digest.digest(data, table=table)
    assert list(lines["kind"]) == ["not_yet"]
    assert "a first answer may come in about" in lines["text"].iloc[0]


@pytest.mark.parametrize("status", ["too_few", "no_variation", "collinear", "unrated", "too_few_with",
                                    "too_few_without", "no_criterion", "running"])
def test_every_waiting_status_is_said_and_never_as_an_answer(year, status):
    """A reading whose finding has no answer is never a clear line; its numbers say why, in the status's words."""
    data, _, table = year
    row = table.iloc[0].to_dict() | {"status": status, "clear": False, "headline": "", "n": 4, "needed": 14.0,
                                     "estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan,
                                     "until": pd.Timestamp("2026-11-30")}
    said = digest.how_sure(row)
    if status in ("too_few", "too_few_with", "too_few_without"):
        assert said == "Not enough data yet: 4 of about 14 days with a connection."
    elif status == "running":
        assert said.startswith("Still running: 4 of 14 days so far; it is judged after 2026-11-30")
    else:
        assert said.startswith("No number yet: ") and "not enough" not in said
    fake = pd.DataFrame([row | {"finding": "quality", "days_to_go": digest.pace(row, data)}])
    lines = digest.digest(data, table=fake)
    assert "clear" not in set(lines["kind"])


def test_a_month_is_told_when_its_next_answer_may_come():
    """The line docs/using.md quotes, on a month of sample data."""
    data = findings.Data(_typed(sample.generate(30, seed=3, end="2026-10-31")))
    lines = digest.lines(digest.digest(data))
    said = ("The number of kinds of relationship in a week: 3 of about 8 weeks so far; a first answer may come in "
            "about 7 weeks at your pace")
    assert f"{said}." in lines
    doc = " ".join((paths.PROJECT_DIR / "docs" / "using.md").read_text(encoding="utf-8").split())
    assert f'"{said}"' in doc


def test_how_far_away_an_answer_is_at_the_pace_so_far():
    days = pd.DataFrame({"date": pd.date_range("2026-10-01", periods=20), "entries": 1})
    data = findings.Data(days=days)
    row = {"status": "too_few", "n": 10, "needed": 30, "measure": "r"}
    assert digest.pace(row, data) == 40  # 10 came in 20 days: 20 more take 40
    assert digest.when(40) == "in about 6 weeks" and digest.when(400) == "not within a year"
    assert np.isnan(digest.pace(row | {"n": 0}, data))  # nothing yet to go by


def test_the_third_person_swaps_pronouns_only():
    text = "Your experiment: on act days your mood was higher; you did it on 3 of 4 days. Yours, youth."
    assert digest.voice(text, "they") == (
        "Their experiment: on act days their mood was higher; they did it on 3 of 4 days. Theirs, youth.")
    assert digest.voice(text) == text


def test_how_sure_is_said_the_same_on_the_page_and_in_the_report(year, tmp_path):
    """The one helper's words stand unchanged in a finding's section and in the report's appendix."""
    import html

    from ghw import summary
    from ghw.exports import _report
    from ghw.widgets.reflect import finding_html

    data, results, table = year
    row = table.loc[table["finding"] == "quality"].iloc[0].to_dict()
    said = digest.how_sure(row)
    assert said.startswith("A correlation of +0.") and "(95% interval), from" in said
    assert html.escape(said) in finding_html(table.loc[table["finding"] == "quality"], "")
    # A week is too short for this finding, so the report reads it over the whole journal: the same numbers.
    report = summary.summary(data.entries, "2026-10-25..2026-10-31", checkins=data.checkins,
                             experiments=data.experiments)
    appendix = {entry.title: entry for entry in _report.layout(report).appendix}
    quality = appendix[findings.FINDINGS["quality"].title]
    assert quality.scope == "over the whole journal, to 2026-10-31"
    assert quality.numbers == [f"How connected you felt: {said}"]

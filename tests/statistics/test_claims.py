"""Null journals, the list of every claim, and the promise itself: on journals where nothing is linked, no claim is
made much more often than 5% of the time."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ghw import change, claims, findings, nulls, schema, tables


@pytest.mark.parametrize("family", list(nulls.FAMILIES))
def test_a_null_journal_is_a_journal_as_ghw_reads_one(family):
    entries = nulls.journal(family, 60, 0.5, np.random.default_rng(1))
    raw = entries.copy()
    for column in raw.columns:
        raw[column] = raw[column].astype("object").where(raw[column].notna(), "").astype(str)
    raw["date"] = entries["date"].dt.strftime("%Y-%m-%d")
    typed, problems = schema.validate(raw)
    assert problems.empty
    pd.testing.assert_frame_equal(typed.reset_index(drop=True), entries.reset_index(drop=True), check_dtype=False)
    days = tables.daily(entries)
    assert len(days) == 60 and entries["mood"].between(0, 10).all()
    kind = nulls.FAMILIES[family]
    logged = (days["entries"] > 0).mean()
    assert logged == 1.0 if not kind.gaps else 0.5 < logged < 0.97  # a quarter missing on average, runs vary
    if kind.every_day:
        assert (days["connections"] >= 1).all()


def test_carry_over_is_what_was_asked_for():
    """Mood's day-to-day state carries over as asked (the logged mean is a little less, by rounding and spread)."""
    rng = np.random.default_rng(2)
    lags = [tables.daily(nulls.journal("plain", 2000, phi, rng))["mood"].autocorr() for phi in (0.0, 0.7)]
    assert abs(lags[0]) < 0.07 and 0.55 < lags[1] < 0.72


def test_null_checkins_read_back_as_checkins(tmp_path):
    from ghw import checkins

    entries = nulls.journal("plain", 200, 0.5, np.random.default_rng(6))
    made = nulls.checkins(entries, 0.5, np.random.default_rng(7))
    path = tmp_path / "checkins.csv"
    made.astype(str).to_csv(path, index=False)
    pd.testing.assert_frame_equal(checkins.load_checkins(path), made, check_dtype=False)
    assert set(made["instrument"]) == {"who5", "loneliness"}


def test_every_claim_is_judged_on_every_journal():
    verdicts = claims.judge(nulls.journal("several a day", 120, 0.3, np.random.default_rng(3)))
    assert list(verdicts) == list(claims.CLAIMS)
    assert all(isinstance(said, list) and all(isinstance(v, bool) for v in said) for said in verdicts.values())
    assert len(verdicts["closeness rising or falling"]) >= 3  # one per person with enough ratings


def test_a_claim_is_made_where_the_link_is_real():
    """Mood made to follow how connected a day felt, and to rise in the second half: both are said."""
    entries = nulls.journal("plain", 120, 0.3, np.random.default_rng(4))
    days = tables.daily(entries).set_index("date")
    lift = (days["quality"].fillna(days["quality"].mean()) - 3.3) * 2.5 + 3.0 * (np.arange(len(days)) >= 60)
    shifted = entries["date"].map(lift)
    entries = entries.assign(mood=(entries["mood"].astype(float) + shifted).round().clip(0, 10).astype("Int64"))
    verdicts = claims.judge(entries)
    assert verdicts["flagship: quality"] == [True] and verdicts["quality and mood"] == [True]
    assert verdicts["change from the period before"] == [True]


def test_the_change_test_is_cached_by_design_and_agrees_with_itself():
    index = pd.date_range("2026-01-01", periods=30)
    later = pd.Series(np.arange(30) >= 15, index)
    rng = np.random.default_rng(5)
    for _ in range(50):
        found = change.step(pd.Series(rng.normal(size=30) + 1.2 * later.to_numpy(), index), later)
        assert (found["p_val"] < 0.05) == (found["ci_low"] > 0 or found["ci_high"] < 0)
    assert change._reference.cache_info().hits >= 49


@pytest.mark.slow
@pytest.mark.parametrize(("family", "days", "phi"), [("several a day", 60, 0.5), ("gaps in runs", 120, 0.7)])
def test_no_claim_is_made_much_more_often_than_promised(family, days, phi):
    """300 null journals: no claim is made significantly more often than 6% (one-sided binomial test at 1%)."""
    rng = np.random.default_rng([days, int(phi * 10)])
    made = {name: [0, 0] for name in claims.CLAIMS}
    for _ in range(300):
        for name, said in claims.judge(nulls.journal(family, days, phi, rng)).items():
            made[name][0] += sum(said)
            made[name][1] += len(said)
    too_often = {name: said / judged for name, (said, judged) in made.items()
                 if judged and stats.binomtest(said, judged, 0.06, alternative="greater").pvalue < 0.01}
    assert not too_often, too_often
    assert findings.FINDINGS  # every finding module was loaded


@pytest.mark.slow  # a few journals through the whole bench: its stages, kept cells and report
def test_the_false_positive_bench_reads_cells_in_stages(tmp_path):
    """``benchmarks/false_positives.py`` keeps each cell, judges a claim again on fresh journals, makes a claim's
    first stage again, and reports every claim with the cells above the line."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "benchmarks" / "false_positives.py"
    cells = tmp_path / "cells"
    common = [sys.executable, str(bench), "--only", "families", "--families", "plain", "--sizes", "30", "--carry",
              "0.5", "--cells", str(cells)]

    def run(*args):
        return subprocess.run([*common, *args], capture_output=True, text=True, check=True, timeout=600).stdout

    run("--runs", "3", "--near-runs", "3")
    kept = json.loads((cells / "plain" / "0.5_30.json").read_text())
    assert kept["runs"] == 3 and set(kept["made"]) == set(claims.CLAIMS)
    flagship = kept["made"]["flagship: quality"]
    report = run("--report", "--verify", "--verify-at", "0", "--verify-runs", "4", "--claims",
                 "flagship: quality|experiment: the act changed mood", "--redo", "kinds in a week")
    kept = json.loads((cells / "plain" / "0.5_30.json").read_text())
    assert set(kept["verified"]) == {"flagship: quality", "experiment: the act changed mood"}
    assert kept["verified"]["flagship: quality"][1:] == [4, 4] and kept["made"]["flagship: quality"] == flagship
    assert kept["verified"]["experiment: the act changed mood"][1:] == [4, 4]  # an experiment on every journal
    assert kept["redone"] == {"kinds in a week": 3}
    assert "| flagship: quality |" in report and "cells above 0.06" in report

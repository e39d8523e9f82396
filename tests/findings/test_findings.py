"""Every statistic checked against scipy and statsmodels, and on data whose truth is known."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import acf

import ghw
from ghw import analysis, findings, sample, schema
from ghw.findings import lift, mood_by, next_day, quality_vs_quantity, reciprocity, timeline, variety
from ghw.tables import daily, weekly
from helpers import HEADER, ar1, write

Data = findings.Data


@pytest.fixture(scope="module")
def year():
    entries, _ = schema.validate(sample.generate(365, seed=6, end="2026-10-31"))
    return entries


def test_association_is_pearson_when_nothing_carries_over():
    rng = np.random.default_rng(1)
    n = 120
    x = np.where(np.arange(n) % 2, 1.0, -1.0) + rng.normal(0, 0.3, n)  # alternates: negative autocorrelation
    y = ar1(rng, 0.5, n) + 0.4 * x
    result = analysis.association(pd.DataFrame({"x": x, "mood": y}), "x").iloc[0]
    reference = stats.pearsonr(x, y)
    ci = reference.confidence_interval(0.95)
    assert result["n_eff"] == n
    assert result["r"] == pytest.approx(reference.statistic)
    # Fisher's interval, as wide as makes it agree with the t test (within 0.001 of scipy's here).
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(ci.low, abs=1e-3), pytest.approx(ci.high, abs=1e-3))
    assert result["p_val"] == pytest.approx(reference.pvalue)


def test_association_shrinks_n_by_the_autocorrelations():
    rng = np.random.default_rng(2)
    x, y = ar1(rng, 0.7, 400), ar1(rng, 0.6, 400)
    result = analysis.association(pd.DataFrame({"x": x, "mood": y}), "x").iloc[0]
    a, b = acf(x, nlags=1)[1], acf(y, nlags=1)[1]
    assert result["autocorr_x"] == pytest.approx(a, abs=0.02) and result["autocorr_y"] == pytest.approx(b, abs=0.02)
    expected = 400 * (1 - a * b) / (1 + a * b)
    assert result["n_eff"] == pytest.approx(expected, rel=0.05)
    t = stats.t.ppf(0.975, result["n_eff"] - 2)  # Fisher's z, its width where the t test turns clear
    half = np.arctanh(t / np.sqrt(result["n_eff"] - 2 + t * t))
    z = np.arctanh(result["r"])
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(np.tanh(z - half)), pytest.approx(np.tanh(z + half)))


def test_association_uses_only_days_with_both_values_and_skips_gaps():
    days = pd.DataFrame({"x": [1.0, 2, np.nan, 4, 5] * 10, "mood": [2.0, 3, 5, np.nan, 6] * 10})
    result = analysis.association(days, "x").iloc[0]
    both = days.dropna()
    assert result["n"] == len(both) == 30
    assert result["r"] == pytest.approx(stats.pearsonr(both["x"], both["mood"]).statistic)


def test_association_says_when_there_is_not_enough():
    days = pd.DataFrame({"x": np.arange(10.0), "mood": np.arange(10.0)})
    result = analysis.association(days, "x").iloc[0]
    assert np.isnan(result["r"]) and result["status"] == "too_few" and result["needed"] >= 14
    flat = analysis.association(pd.DataFrame({"x": np.ones(40), "mood": np.arange(40.0)}), "x").iloc[0]
    assert np.isnan(flat["r"]) and (flat["status"], flat["about"]) == ("no_variation", "x")


@pytest.mark.slow
def test_false_positive_rate_under_carry_over():
    """Two unrelated series with lag-1 autocorrelation 0.7: naive Pearson says 'related' about 25% of the time."""
    rng = np.random.default_rng(3)
    runs, n = 1000, 120
    naive = ours = 0
    for _ in range(runs):
        frame = pd.DataFrame({"x": ar1(rng, 0.7, n), "mood": ar1(rng, 0.7, n)})
        naive += stats.pearsonr(frame["x"], frame["mood"]).pvalue < 0.05
        ours += analysis.association(frame, "x")["p_val"].iat[0] < 0.05
    assert naive / runs > 0.17
    assert 0.025 <= ours / runs <= 0.075


def test_quality_vs_quantity_matches_statsmodels(year):
    days = daily(year)
    result = quality_vs_quantity.compute(Data(days=days)).set_index("term")
    used = days.loc[days["connections"] > 0, ["mood", "quality", "connections", "minutes"]].dropna()
    z = (used - used.mean()) / used.std()
    exog = sm.add_constant(z[["quality", "connections", "minutes"]])
    reference = sm.OLS(z["mood"], exog).fit()
    betas = dict(zip(exog.columns, reference.params))
    for term in ("quality", "connections", "minutes"):
        row = result.loc[term]
        assert row["beta"] == pytest.approx(betas[term])
        # The interval is Student's t on the term's effective days (ghw.inference, checked there against statsmodels).
        half = stats.t.ppf(0.975, row["df"]) * row["se"]
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(row["beta"] - half), pytest.approx(row["beta"] + half))
        assert row["df"] <= len(used) - 4
    # Standardized betas are the raw slopes scaled by sd(x) / sd(mood).
    raw = np.linalg.lstsq(np.column_stack([np.ones(len(used)), used[["quality", "connections", "minutes"]]]),
                          used["mood"], rcond=None)[0]
    assert result.loc["quality", "beta"] == pytest.approx(raw[1] * used["quality"].std() / used["mood"].std())
    diff = result.loc["quality - connections"]
    assert diff["beta"] == pytest.approx(betas["quality"] - betas["connections"])
    assert (result["n"] == len(used)).all()


def test_quality_vs_quantity_recovers_the_known_effects(year):
    result = quality_vs_quantity.compute(Data(year)).set_index("term")
    true = sample.EFFECTS
    quality, connections = result.loc["quality"], result.loc["connections"]
    assert quality["ci_low"] <= true["quality"] <= quality["ci_high"]
    assert connections["ci_low"] <= true["connections"] <= connections["ci_high"]
    assert result.loc["quality - connections", "ci_low"] > 0
    sentence = quality_vs_quantity.explain(result.reset_index())
    assert sentence.startswith("On your data, how connected you felt went with your mood more than how many")


def test_minutes_are_left_out_when_rarely_logged(year):
    sparse = year.assign(minutes=year["minutes"].where(year["date"] < year["date"].min() + pd.Timedelta(days=60)))
    assert "minutes" not in set(quality_vs_quantity.compute(Data(sparse))["term"])


def test_mood_by_matches_differences_of_means_and_bh(year):
    result = mood_by.mood_by(Data(year)).set_index("group")
    days = daily(year)
    logged = days.loc[days["mood"].notna()].set_index("date")["mood"]
    friend_days = set(year.loc[year["relationship"] == "friend", "date"])
    with_it = logged.index.isin(list(friend_days))
    row = result.loc["friend"]
    assert row["days_with"] == with_it.sum() and row["days_without"] == (~with_it).sum()
    assert row["diff"] == pytest.approx(logged[with_it].mean() - logged[~with_it].mean())
    tested = result.loc[result["status"] == "ok"]
    expected = multipletests(tested["p_val"], method="fdr_bh")[1]
    assert tested["p_fdr"].to_numpy() == pytest.approx(expected)


def test_mood_by_keeps_someone_met_twice_off_the_top(year):
    rare = year.iloc[[5, 40]].assign(person="Zed", relationship="friend", mood=10)
    entries = pd.concat([year, rare.assign(id=["z1", "z2"])], ignore_index=True)
    result = mood_by.mood_by(Data(entries), "person")
    zed = result.loc[result["group"] == "Zed"].iloc[0]
    assert zed["days_with"] == 2 and np.isnan(zed["diff"]) and zed["status"] == "too_few_with"
    assert result.index[result["group"] == "Zed"][0] >= (result["status"] == "ok").sum()
    assert result["status"].iloc[0] == "ok"


def test_next_day_both_directions(year):
    days = daily(year)
    result = next_day.compute(Data(days=days), ("quality",))
    assert result[["predictor", "outcome"]].values.tolist() == [["quality", "mood"], ["mood", "quality"]]
    pairs = pd.DataFrame({"y": days["mood"].shift(-1), "control": days["mood"], "x": days["quality"]}).dropna()
    z = (pairs - pairs.mean()) / pairs.std()
    slope = np.linalg.lstsq(np.column_stack([np.ones(len(z)), z["control"], z["x"]]), z["y"], rcond=None)[0][2]
    assert result["beta"].iat[0] == pytest.approx(slope)
    assert result["n"].iat[0] == len(pairs)
    # The sample has no next-day effect built in.
    assert result["ci_low"].iat[0] < 0 < result["ci_high"].iat[0]


def test_variety_and_reciprocity_are_associations_on_weeks(year):
    result = variety.compute(Data(year))
    assert result["x"].tolist() == ["variety", "richness", "evenness"]
    assert result["unit"].tolist() == ["day", "week", "week"]
    weeks = weekly(year)
    expected = analysis.association(weeks, "richness", unit="week")
    pd.testing.assert_frame_equal(result.iloc[[1]].reset_index(drop=True), expected)
    assert reciprocity.compute(Data(year))["x"].tolist() == ["initiative", "support"]


def test_mood_lift_by_hand(journal_path):
    rows = []
    for day in range(24):
        date = str((pd.Timestamp("2026-10-01") + pd.Timedelta(days=day)).date())
        rows += [f"m{day},{date},08:00,5,,,,,,,,,", f"k{day},{date},10:00,{5 + day % 4},,,,,,,,,",
                 f"c{day},{date},12:00,{6 + day % 2},Jo,friend,,,,4,,,",
                 f"n{day},{date},21:00,{5 + day % 3},,,,,,,,,", f"u{day},{date},,9,,,,,,,,,"]
    write(journal_path, HEADER + "\n" + "\n".join(rows) + "\n")
    result = lift.compute(Data(ghw.load(journal_path))).set_index("group")
    after = np.array([(6 + day % 2) - (5 + day % 4) for day in range(24)], dtype=float)  # k -> c
    plain = np.array([(5 + day % 4) - 5 for day in range(24)], dtype=float)  # m -> k; c -> n starts at a connection
    assert result.loc["after a connection", "n"] == 24 and result.loc["after a connection", "days"] == 24
    assert result.loc["after a connection", "change"] == pytest.approx(after.mean())
    assert result.loc["no connection", "n"] == 24  # the fading of the lift (c -> n) is in neither group
    assert result.loc["no connection", "change"] == pytest.approx(plain.mean())
    difference = result.loc["difference"]
    assert difference["change"] == pytest.approx(after.mean() - plain.mean())
    # One of each per day: the difference is a paired one, whose t interval over days it must match.
    paired = stats.ttest_1samp(after - plain, 0.0).confidence_interval(0.95)
    assert (difference["ci_low"], difference["ci_high"]) == (pytest.approx(paired.low, rel=0.05),
                                                             pytest.approx(paired.high, rel=0.05))


def test_five_days_say_not_enough_everywhere(year):
    short = year.loc[year["date"] < year["date"].min() + pd.Timedelta(days=5)]
    data = Data(short)
    results = findings.compute(data)
    for name in ("quality_vs_quantity", "quality", "next_day", "variety", "reciprocity", "lift"):
        assert results[name]["status"].isin(["too_few", "no_variation"]).all(), name
        assert (results[name]["status"] == "too_few").any(), name
    assert (results["relationships"]["status"] != "ok").all()
    for name, finding in findings.FINDINGS.items():
        if results[name] is not None:
            sentence = finding.explain(results[name], data)
            assert "not enough data yet" in sentence.lower(), (name, sentence)


def test_empty_journal_everywhere(journal_path):
    write(journal_path, HEADER + "\n")
    data = Data(ghw.load(journal_path))
    results = findings.compute(data)
    assert (results["quality_vs_quantity"]["status"] == "too_few").all()
    assert results["relationships"].empty
    assert timeline.explain(None, data) == "No entries yet."
    assert (results["lift"]["status"] == "too_few").all()


@pytest.mark.parametrize(
    ("quality", "connections", "difference", "start"),
    [
        ((0.4, 0.3, 0.5), (0.1, -0.05, 0.25), (0.3, 0.1, 0.5), "On your data, how connected you felt went"),
        ((0.1, -0.05, 0.25), (0.5, 0.35, 0.65), (-0.4, -0.6, -0.2), "On your data, how many connections you had"),
        ((-0.1, -0.3, 0.1), (0.1, -0.1, 0.3), (-0.2, -0.5, 0.1), "Neither how connected you felt nor"),
        ((-0.1, -0.3, 0.1), (-0.5, -0.7, -0.3), (0.4, 0.1, 0.7),
         "On your data, the link between how connected you felt and your mood was clearly more positive than the "
         "link with how many connections you had, though how connected you felt shows no clear link of its own yet. "
         "Days with more connections went with lower mood"),
        ((-0.4, -0.55, -0.25), (0.1, -0.1, 0.3), (-0.5, -0.8, -0.2),
         "On your data, the link between how many connections you had and your mood was clearly more positive"),
        ((0.3, 0.1, 0.5), (0.2, 0.05, 0.35), (0.1, -0.1, 0.3),
         "Which goes with your mood more, how connected you felt or how many connections you had, can't be told yet. "
         "Days with connections that felt closer went with better mood; days with more connections went with better "
         "mood"),
    ],
)
def test_the_flagship_sentence_never_overclaims(quality, connections, difference, start):
    rows = [("quality", *quality), ("connections", *connections), ("quality - connections", *difference)]
    result = pd.DataFrame([{"term": t, "beta": b, "se": 0.1, "ci_low": lo, "ci_high": hi,
                            "p_val": 0.01 if lo > 0 or hi < 0 else 0.3, "n": 200, "status": "ok"}
                           for t, b, lo, hi in rows])
    assert quality_vs_quantity.explain(result).startswith(start)

"""ghw.inference checked against scipy and statsmodels, by brute force, and by simulation under no link."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import acf

from ghw import inference, sample, schema
from ghw.tables import daily
from helpers import ar1


def _dates(n, start="2026-01-01"):
    return pd.date_range(start, periods=n, freq="D")


def _alternating(rng, n):
    """A series that flips sign every day: negative carry-over, so the effective n is n."""
    return np.where(np.arange(n) % 2, 1.0, -1.0) + rng.normal(0, 0.3, n)


@pytest.fixture(scope="module")
def year():
    entries, _ = schema.validate(sample.generate(365, seed=6, end="2026-10-31"))
    return daily(entries).set_index("date")


# --- building blocks ------------------------------------------------------------------------------------------


def test_lag1_is_the_adjusted_acf_without_gaps():
    x = ar1(np.random.default_rng(1), 0.6, 200)
    assert inference.lag1(x, np.arange(200)) == pytest.approx(acf(x, nlags=1, adjusted=True)[1])


def test_lag1_never_bridges_a_gap():
    values = np.array([1.0, 2.0, 9.0, 3.0, 4.0])
    days = np.array([0, 1, 5, 6, 7])  # 9.0 sits after a three-day gap
    centred = values - values.mean()
    pairs = [(0, 1), (2, 3), (3, 4)]
    expected = np.mean([centred[i] * centred[j] for i, j in pairs]) / np.mean(centred**2)
    assert inference.lag1(values, days) == pytest.approx(expected)


def test_effective_n_is_the_double_sum_with_gaps():
    days = np.array([0, 1, 2, 5, 6, 9, 10, 11, 12, 30])
    rho = 0.55
    brute = len(days) ** 2 / np.sum(rho ** np.abs(days[:, None] - days[None, :]))
    assert inference.effective_n(days, rho) == pytest.approx(brute)
    assert inference.effective_n(days, -0.2) == len(days)


def test_effective_n_tends_to_bartlett_without_gaps():
    assert inference.effective_n(np.arange(20000), 0.5) == pytest.approx(20000 * 0.5 / 1.5, rel=1e-3)


def test_calendar_days_count_calendar_days():
    assert inference.calendar_days(pd.to_datetime(["2026-02-27", "2026-03-01"])).tolist() == [20511, 20513]


def test_holm_and_fdr_match_statsmodels_and_skip_missing():
    p = np.array([0.01, np.nan, 0.04, 0.03, 0.20])
    valid = np.isfinite(p)
    for ours, method in ((inference.holm(p), "holm"), (inference.fdr(p), "fdr_bh")):
        assert np.isnan(ours[1])
        assert ours[valid] == pytest.approx(multipletests(p[valid], method=method)[1])


# --- correlation ----------------------------------------------------------------------------------------------


def test_correlation_is_pearson_when_nothing_carries_over():
    rng = np.random.default_rng(2)
    x = _alternating(rng, 80)
    y = 0.4 * x + 2 * ar1(rng, 0.8, 80)  # carries over, x swings back: Bartlett's sum is not positive
    result = inference.correlation(pd.Series(x, _dates(80)), pd.Series(y, _dates(80)))
    reference = stats.pearsonr(x, y)
    ci = reference.confidence_interval(0.95)
    assert result["status"] == "ok" and result["n"] == result["n_eff"] == 80 and result["df"] == 78
    assert result["estimate"] == pytest.approx(reference.statistic)
    # Fisher's interval, as wide as makes it agree with the t test: within 0.001 of scipy's at 80 days.
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(ci.low, abs=1e-3), pytest.approx(ci.high, abs=1e-3))
    assert result["p_val"] == pytest.approx(reference.pvalue)


def test_the_correlation_interval_leaves_out_zero_exactly_when_the_test_is_clear():
    """The one decision rule: over 2,000 short series, p < 0.05 and an interval without zero always agree."""
    rng = np.random.default_rng(8)
    for _ in range(2000):
        n = int(rng.integers(14, 40))
        x = ar1(rng, 0.5, n)
        result = inference.correlation(pd.Series(x, _dates(n)), pd.Series(0.3 * x + ar1(rng, 0.5, n), _dates(n)))
        if result["status"] == "ok":
            assert (result["p_val"] < 0.05) == (result["ci_low"] > 0 or result["ci_high"] < 0), result


def test_correlation_counts_carry_over_as_fewer_days():
    rng = np.random.default_rng(3)
    index = _dates(300)
    x, y = pd.Series(ar1(rng, 0.7, 300), index), pd.Series(ar1(rng, 0.6, 300), index)
    result = inference.correlation(x, y)
    assert result["autocorr_x"] > 0.5 and result["autocorr_y"] > 0.4
    (scale_x, rate_x), (scale_y, rate_y) = inference.carry_over(x), inference.carry_over(y)
    assert (scale_x * rate_x, scale_y * rate_y) == (pytest.approx(result["autocorr_x"]),
                                                    pytest.approx(result["autocorr_y"]))
    expected = inference.effective_n(np.arange(300), rate_x * rate_y, scale_x * scale_y)
    assert result["n_eff"] == pytest.approx(expected)
    assert result["n_eff"] < 300 * 0.6
    assert result["p_val"] > stats.pearsonr(x, y).pvalue


def test_correlation_status_codes():
    index = _dates(30)
    flat = inference.correlation(pd.Series(np.ones(30), index, name="quality"), pd.Series(np.arange(30.0), index))
    assert flat["status"] == "no_variation" and flat["variable"] == "quality" and np.isnan(flat["p_val"])
    rng = np.random.default_rng(4)
    short = inference.correlation(pd.Series(rng.normal(size=9), index[:9]), pd.Series(rng.normal(size=9), index[:9]))
    assert short["status"] == "too_few" and short["needed"] == inference.MIN_OBS and np.isnan(short["estimate"])
    weekly = inference.correlation(pd.Series(rng.normal(size=9), index[:9]), pd.Series(rng.normal(size=9), index[:9]),
                                   min_n=inference.MIN_WEEKS)
    assert weekly["status"] == "ok"
    two_weeks = inference.correlation(pd.Series([1.0, 2.0], index[:2]), pd.Series([3.0, 1.0], index[:2]),
                                      min_n=inference.MIN_WEEKS)
    assert two_weeks["status"] == "too_few" and two_weeks["needed"] == inference.MIN_WEEKS


# --- regression and the flagship ------------------------------------------------------------------------------


def test_regression_is_ols_when_nothing_carries_over():
    rng = np.random.default_rng(5)
    n = 90
    X = pd.DataFrame({"quality": _alternating(rng, n), "connections": rng.normal(size=n)}, _dates(n))
    y = pd.Series(0.5 * X["quality"] + 2 * ar1(rng, 0.8, n), _dates(n))
    ours = inference.regression(y, X, contrasts={"quality - connections": {"quality": 1, "connections": -1}})
    ours = ours.set_index("term")
    z = pd.concat([y.rename("y"), X], axis=1)
    z = (z - z.mean()) / z.std()
    fit = sm.OLS(z["y"], sm.add_constant(z[["quality", "connections"]])).fit()
    row = ours.loc["quality"]
    assert row["n_eff"] == n and row["df"] == n - 3
    assert row["estimate"] == pytest.approx(fit.params["quality"])
    assert row["se"] == pytest.approx(fit.bse["quality"])
    assert row["p_val"] == pytest.approx(fit.pvalues["quality"])
    assert (row["ci_low"], row["ci_high"]) == tuple(pytest.approx(v) for v in fit.conf_int().loc["quality"])
    contrast = fit.t_test("quality = connections")
    row = ours.loc["quality - connections"]
    if row["n_eff"] == n:
        assert row["se"] == pytest.approx(float(np.squeeze(contrast.sd)))
        assert row["p_val"] == pytest.approx(float(np.squeeze(contrast.pvalue)))
    assert row["estimate"] == pytest.approx(float(np.squeeze(contrast.effect)))


def test_regression_widens_by_the_effective_n_on_calendar_gaps():
    rng = np.random.default_rng(6)
    n = 150
    index = _dates(n)
    keep = rng.random(n) > 0.2
    X = pd.DataFrame({"x": ar1(rng, 0.8, n)}, index)[keep]
    y = pd.Series(ar1(rng, 0.8, n), index)[keep]
    row = inference.regression(y, X).iloc[0]
    days = inference.calendar_days(X.index)
    z = (np.column_stack([y, X]) - np.column_stack([y, X]).mean(axis=0)) / np.column_stack([y, X]).std(axis=0, ddof=1)
    fit = sm.OLS(z[:, 0], sm.add_constant(z[:, 1])).fit()
    resid_rho = inference.lag1(fit.resid, days)
    w = sm.add_constant(z[:, 1]) @ np.linalg.inv(fit.model.exog.T @ fit.model.exog)[:, 1]
    a, b = (min((len(days) * r + k) / (len(days) - 4), 0.99) for r, k in ((inference.lag1(w, days), 1), (resid_rho, 2)))
    brute = len(days) ** 2 / np.sum((a * b) ** np.abs(days[:, None] - days[None, :]))
    assert row["n_eff"] == pytest.approx(brute)
    assert row["se"] == pytest.approx(fit.bse[1] * np.sqrt(len(days) / brute))
    assert row["df"] == pytest.approx(brute - 2)


def test_regression_status_codes():
    rng = np.random.default_rng(7)
    index = _dates(40)
    x = rng.normal(size=40)
    collinear = inference.regression(pd.Series(rng.normal(size=40), index),
                                     pd.DataFrame({"a": x, "b": 2 * x}, index))
    assert (collinear["status"] == "collinear").all()
    flat = inference.regression(pd.Series(rng.normal(size=40), index),
                                pd.DataFrame({"a": x, "b": np.ones(40)}, index))
    assert (flat["status"] == "no_variation").all() and (flat["variable"] == "b").all()
    short = inference.regression(pd.Series(rng.normal(size=10), index[:10]),
                                 pd.DataFrame({"a": x[:10]}, index[:10]))
    assert (short["status"] == "too_few").all() and (short["needed"] >= inference.MIN_OBS).all()


def test_flagship_on_a_year_of_the_sample(year):
    table = inference.quality_vs_quantity(year).set_index("term")
    assert list(table.index) == ["quality", "connections", "minutes", "quality - connections"]
    assert (table["status"] == "ok").all()
    assert table.at["quality", "ci_low"] > 0.2 and table.at["quality", "estimate"] == pytest.approx(0.4, abs=0.12)
    with_connection = year.loc[year["connections"] > 0, ["mood", "quality", "connections", "minutes"]]
    assert table.at["quality", "n"] == len(with_connection.dropna())


def test_flagship_leaves_out_rarely_logged_minutes(year):
    sparse = year.assign(minutes=year["minutes"].where(np.arange(len(year)) % 3 == 0))
    assert "minutes" not in set(inference.quality_vs_quantity(sparse)["term"])


def test_a_clearly_negative_link_is_reported_negative():
    rng = np.random.default_rng(8)
    n = 120
    index = _dates(n)
    x = ar1(rng, 0.3, n)
    y = -0.6 * x + ar1(rng, 0.3, n)
    corr = inference.correlation(pd.Series(x, index), pd.Series(y, index))
    assert corr["ci_high"] < 0 and corr["estimate"] < 0
    term = inference.regression(pd.Series(y, index), pd.DataFrame({"x": x}, index)).iloc[0]
    assert term["ci_high"] < 0 and term["p_val"] < 0.05
    group = inference.group_difference(pd.Series(y, index), pd.Series(x > 0.5, index))
    assert group["ci_high"] < 0 and group["estimate"] == pytest.approx(y[x > 0.5].mean() - y[x <= 0.5].mean())


# --- next day -------------------------------------------------------------------------------------------------


def test_next_day_uses_consecutive_calendar_days_and_holm():
    rng = np.random.default_rng(9)
    n = 200
    index = _dates(n)
    frame = pd.DataFrame({"mood": ar1(rng, 0.4, n), "quality": rng.normal(size=n),
                          "connections": rng.poisson(2, n).astype(float)}, index)
    frame.loc[frame.index[::7], "quality"] = np.nan
    dropped = frame.drop(frame.index[50:53])  # three days never logged
    table = inference.next_day(dropped)
    assert list(zip(table["predictor"], table["outcome"])) == [
        ("quality", "mood"), ("mood", "quality"), ("connections", "mood"), ("mood", "connections")]
    complete = dropped.reindex(index)
    for row in table.itertuples():
        pairs = pd.concat([complete[row.outcome].shift(-1), complete[row.predictor], complete["mood"],
                           complete["quality"] if "quality" in (row.predictor, row.outcome) else complete["mood"]],
                          axis=1).dropna()
        assert row.n == len(pairs)
    assert (table["adjust"] == "holm").all()
    assert table["p_adj"].to_numpy() == pytest.approx(multipletests(table["p_val"], method="holm")[1])


def test_next_day_finds_a_real_lag():
    rng = np.random.default_rng(10)
    n = 300
    x = rng.normal(size=n)
    mood = np.r_[0.0, 0.6 * x[:-1]] + rng.normal(size=n)
    table = inference.next_day(pd.DataFrame({"mood": mood, "quality": x, "connections": rng.normal(size=n)},
                                            _dates(n)))
    first = table.iloc[0]
    assert first["predictor"] == "quality" and first["p_adj"] < 0.001 and first["ci_low"] > 0


# --- groups ---------------------------------------------------------------------------------------------------


def test_group_difference_is_the_pooled_t_test_without_carry_over():
    rng = np.random.default_rng(11)
    n = 60
    present = np.arange(n) % 2 == 0  # every other day: the indicator carries nothing over
    mood = rng.normal(size=n) + 0.5 * present
    result = inference.group_difference(pd.Series(mood, _dates(n)), pd.Series(present, _dates(n)))
    reference = stats.ttest_ind(mood[present], mood[~present])
    assert result["n_eff"] == n and result["days_with"] == 30
    assert result["estimate"] == pytest.approx(mood[present].mean() - mood[~present].mean())
    assert result["p_val"] == pytest.approx(reference.pvalue)
    ci = reference.confidence_interval(0.95)
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(ci.low), pytest.approx(ci.high))


def test_group_difference_needs_days_on_both_sides():
    index = _dates(40)
    result = inference.group_difference(pd.Series(np.arange(40.0), index), pd.Series(np.arange(40) < 6, index))
    assert result["status"] == "too_few" and result["needed"] == 10 and result["days_with"] == 6


def test_mood_by_adjusts_with_benjamini_hochberg():
    rng = np.random.default_rng(12)
    n = 120
    index = _dates(n)
    groups = pd.DataFrame({"friend": rng.random(n) < 0.4, "family": rng.random(n) < 0.3,
                           "rare": np.arange(n) < 4}, index)
    mood = pd.Series(rng.normal(size=n) + 0.8 * groups["friend"], index)
    table = inference.mood_by(mood, groups)
    assert list(table["group"]) == ["friend", "family", "rare"]
    assert table.at[2, "status"] == "too_few" and np.isnan(table.at[2, "p_fdr"])
    assert table["p_fdr"][:2].to_numpy() == pytest.approx(multipletests(table["p_val"][:2], method="fdr_bh")[1])
    assert (table["adjust"] == "bh").all()


# --- mood lift ------------------------------------------------------------------------------------------------


def _lift_entries():
    """Twelve days: morning check-in, one or two connections (+1 and +2), sometimes a late check-in."""
    rows = []
    for d in range(24):
        date = pd.Timestamp("2026-03-01") + pd.Timedelta(days=d)
        base = 5 + (d % 3)
        if d % 2 == 0:
            rows += [(date, base, False), (date, base + 1 + (d % 4 == 0), True), (date, base + 0.5, False)]
        else:
            rows += [(date, base, False), (date, base + (d % 3) - 1, False)]
    return pd.DataFrame(rows, columns=["day", "mood", "connection"])


def test_mood_lift_compares_against_changes_with_no_connection_before():
    entries = _lift_entries()
    table = inference.mood_lift(entries["day"], entries["mood"], entries["connection"]).set_index("group")
    after = [1 + (d % 4 == 0) for d in range(0, 24, 2)]
    baseline = [(d % 3) - 1 for d in range(1, 24, 2)]  # the fall after a connection is in neither group
    assert table.at["after a connection", "n"] == 12 and table.at["no connection", "n"] == 12
    assert table.at["after a connection", "estimate"] == pytest.approx(np.mean(after))
    assert table.at["no connection", "estimate"] == pytest.approx(np.mean(baseline))
    assert table.at["difference", "estimate"] == pytest.approx(np.mean(after) - np.mean(baseline))
    clustered = sm.OLS(np.array(after, float), np.ones(12)).fit(cov_type="cluster", cov_kwds={"groups": np.arange(12)})
    assert table.at["after a connection", "se"] == pytest.approx(clustered.bse[0])
    # Days are disjoint here, so the difference is Welch's t-test on the changes.
    welch = stats.ttest_ind(after, baseline, equal_var=False)
    assert table.at["difference", "p_val"] == pytest.approx(welch.pvalue)


def test_mood_lift_needs_ten_days_each_side():
    entries = _lift_entries().iloc[:20]
    table = inference.mood_lift(entries["day"], entries["mood"], entries["connection"])
    assert (table["status"] == "too_few").all() and (table["needed"] == 10).all()


def test_nothing_logged_yet_is_too_few_everywhere():
    empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in ("mood", "quality", "connections", "minutes")},
                         index=pd.DatetimeIndex([], name="date"))
    assert (inference.quality_vs_quantity(empty)["status"] == "too_few").all()
    assert (inference.next_day(empty)["status"] == "too_few").all()
    assert inference.correlation(empty["quality"], empty["mood"])["status"] == "too_few"
    assert inference.group_difference(empty["mood"], empty["quality"] > 0)["status"] == "too_few"
    assert inference.mood_by(empty["mood"], pd.DataFrame(index=empty.index)).empty
    assert (inference.mood_lift([], [], [])["status"] == "too_few").all()


# --- the promise itself ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("days", "phi"), [(21, 0.7), (60, 0.3)])
def test_false_positives_stay_at_most_six_percent(days, phi):
    """Unrelated AR(1) series: the flagship terms and the correlation are clear in at most 6% of runs.

    800 runs per cell; the check fails when the count of clear runs is
    significantly above 6% (one-sided binomial test at 1%), which the
    Newey-West errors used before (12-28% at these sizes) fail by far.
    """
    rng = np.random.default_rng(2026)
    runs = 800
    index = _dates(days)
    clear = np.zeros(3)
    for _ in range(runs):
        mood, quality, count = (ar1(rng, phi, days) for _ in range(3))
        frame = pd.DataFrame({"mood": mood, "quality": quality, "connections": np.clip(np.rint(1.5 + count), 0, 4)},
                             index)
        table = inference.quality_vs_quantity(frame)
        clear[:2] += table["p_val"].to_numpy(dtype=float)[[0, 2]] < 0.05
        clear[2] += inference.correlation(frame["quality"], frame["mood"])["p_val"] < 0.05
    limit = stats.binom.ppf(0.99, runs, 0.06)
    assert (clear <= limit).all(), clear / runs


def test_a_state_with_noise_on_top_fades_at_the_states_rate():
    """A carried-over state (0.8) under as much noise: lag 1 says 0.4, but the series fades at 0.8 a day."""
    rng = np.random.default_rng(11)
    state = ar1(rng, 0.8, 3000)
    noisy = pd.Series(state / state.std() + rng.normal(size=3000), _dates(3000))
    scale, rate = inference.carry_over(noisy)
    assert rate == pytest.approx(0.8, abs=0.05) and scale == pytest.approx(0.5, abs=0.07)
    assert inference.lag1(noisy.to_numpy(), np.arange(3000)) == pytest.approx(0.4, abs=0.05)
    # Counted as AR(1) from lag 1 it would be worth more independent days than it is.
    as_ar1 = inference.effective_n(np.arange(3000), 0.4 * 0.4)
    assert inference.effective_n(np.arange(3000), rate * rate, scale * scale) < 0.85 * as_ar1

"""The synthetic journal: valid, reproducible, and carrying the effects it promises."""

import pandas as pd
import pytest
import statsmodels.formula.api as smf

import ghw
from ghw import sample, schema


def _days(raw):
    entries, problems = schema.validate(raw)
    assert problems.empty
    entries = entries.assign(connection=entries["relationship"].notna())
    days = entries.groupby("date").agg(
        mood=("mood", "mean"), connections=("connection", "sum"), quality=("quality", "mean")
    ).astype(float)
    return entries, days.reindex(pd.date_range(days.index.min(), days.index.max()))


def test_sample_is_valid_and_realistic():
    entries, days = _days(sample.generate(365, seed=1, end="2026-10-31"))
    per_day = entries.groupby("date").size()
    assert per_day.between(1, 5).all() and 2 <= per_day.mean() <= 4
    assert 0.85 <= days["mood"].notna().mean() < 1  # some days are skipped
    assert entries["relationship"].nunique() >= 9
    no_connection = days["connections"].eq(0)
    assert no_connection.any() and days.loc[no_connection, "quality"].isna().all()


def test_committed_sample_is_what_the_generator_makes():
    from ghw import paths

    committed = ghw.load(paths.SAMPLE_JOURNAL)
    fresh, _ = schema.validate(sample.generate(365, seed=6, end="2026-10-31"))
    pd.testing.assert_frame_equal(committed, fresh)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_known_effects_are_recovered(seed):
    _, days = _days(sample.generate(365, seed=seed, end="2026-10-31"))
    with_connections = days.dropna()
    z = (with_connections - with_connections.mean()) / with_connections.std()
    fit = smf.ols("mood ~ quality + connections", z).fit()
    assert 0.28 <= fit.params["quality"] <= 0.52
    assert 0.0 <= fit.params["connections"] <= 0.35
    assert fit.params["quality"] > fit.params["connections"]
    carry_over = days["mood"].autocorr()
    assert 0.1 <= carry_over <= 0.45
    lagged = days.assign(next_mood=days["mood"].shift(-1)).dropna()
    lagged = (lagged - lagged.mean()) / lagged.std()
    next_day = smf.ols("next_mood ~ mood + quality", lagged).fit()
    assert abs(next_day.params["quality"]) < 0.2


def test_rejects_nonsense():
    with pytest.raises(ValueError):
        sample.generate(0)

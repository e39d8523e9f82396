"""Charts: the right artists, labels in plain words, the Axes returned, and 'not enough data yet'."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from ghw import plots, sample, schema, theme
from ghw.findings import Data, lift, mood_by, next_day, quality_vs_quantity
from ghw.tables import daily, weekly


@pytest.fixture(scope="module")
def year():
    entries, _ = schema.validate(sample.generate(365, seed=6, end="2026-10-31"))
    return entries


@pytest.fixture(scope="module")
def few():
    entries, _ = schema.validate(sample.generate(5, seed=6, end="2026-10-31"))
    return entries


def test_mood_timeline(year):
    days = daily(year)
    _, ax = plt.subplots()
    assert plots.plot_mood_timeline(days, window=14, ax=ax) is ax
    rolling = ax.lines[0].get_ydata()
    expected = days.set_index("date")["mood"].rolling("14D", min_periods=7).mean().to_numpy()
    np.testing.assert_allclose(rolling, expected)
    assert ax.get_ylabel() == "Mood"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0 very low", "5 okay", "10 very good"]  # better is up
    # The line is labelled at its end; the legend, inside the chart, holds only the kinds of dot.
    assert "14-day average" in [t.get_text() for t in ax.texts]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["day with a connection", "day without a connection"]
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == days["mood"].notna().sum()
    low, high = ax.get_xlim()  # the time axis spans the logged days, a few days' margin each side
    first, last = (mdates.date2num(d) for d in (days["date"].min(), days["date"].max()))
    assert first - 15 < low < first and last < high < last + 15


def test_check_ins_of_one_month_span_that_month_and_list_only_measures_with_data():
    """A month with one check-in is one month on the axis (not years around it), and nothing without data is named."""
    month = pd.DataFrame({"month": [pd.Timestamp("2026-10-01")], "who5_percent": [56.0], "ucla3": [np.nan],
                          "quality": [3.5]})
    ax = plots.plot_checkins(month, ax=plt.figure().add_subplot())
    low, high = ax.get_xlim()
    assert high - low < 10  # days
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Oct 2026"]
    named = [t.get_text() for t in ax.texts if t.get_text() != "—"]
    assert sorted(named) == ["how connected", "well-being (WHO-5)"] and ax.get_legend() is None


def test_forest_names_its_zero_line_and_its_sides(year):
    ax = plots.plot_quality_vs_quantity(quality_vs_quantity.compute(Data(year)), ax=plt.figure().add_subplot())
    texts = [t.get_text() for t in ax.texts]
    assert "0: no link" in texts and "← lower mood" in texts and "better mood →" in texts
    low, high = ax.get_xlim()
    assert low < 0 < high


def test_report_panel_charts_label_their_data(year):
    """Connections by kind carry their counts on the bars; give and take says whose part is whose on the bar."""
    month = year.loc[year["date"] >= "2026-10-01"]
    kinds = month.loc[month["relationship"].notna()].groupby("relationship").size().rename("connections")
    kinds = kinds.sort_values(ascending=False).reset_index()
    ax = plots.plot_kinds(kinds, ax=plt.figure().add_subplot())
    assert [t.get_text() for t in ax.get_yticklabels()] == kinds["relationship"].tolist()
    assert [t.get_text() for t in ax.texts] == [str(n) for n in kinds["connections"]]
    ax = plots.plot_give_and_take(month, ax=plt.figure().add_subplot())
    said = " ".join(t.get_text() for t in ax.texts)
    reached = month.loc[month["relationship"].notna(), "initiated_by"].value_counts()
    assert f"you {reached['me']}" in said and ax.get_legend() is None


def test_people_are_small_multiples_on_one_scale(year):
    days = pd.concat([daily(year).assign(person=name) for name in ("Zoë", "O’Brien")])
    ax = plots.plot_people(days, ax=plt.figure().add_subplot())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Zoë", "O’Brien"]
    assert len(ax.lines) == 2 * 2  # a baseline and a line per person


def test_current_axes_are_used_by_default(year):
    fig = plt.figure()
    ax = fig.add_subplot()
    assert plots.plot_mood_timeline(daily(year)) is ax


def test_quality_vs_mood_has_line_and_band(year):
    days = daily(year)
    ax = plots.plot_quality_vs_mood(days, ax=plt.figure().add_subplot())
    line = ax.lines[0]
    x, y = line.get_xdata(), line.get_ydata()
    used = days.loc[days["connections"] > 0, ["quality", "mood"]].dropna()
    slope, intercept = np.polyfit(used["quality"], used["mood"], 1)
    np.testing.assert_allclose(y, intercept + slope * x)
    assert len(ax.collections) == 2  # the dots and the band
    assert "How connected you felt" in ax.get_xlabel()
    assert ax.get_title() == f"How connected you felt, and mood ({len(used)} days)"


def test_quality_vs_quantity_effects(year):
    result = quality_vs_quantity.compute(Data(year))
    ax = plots.plot_quality_vs_quantity(result, ax=plt.figure().add_subplot())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["How connected you felt", "Number of connections", "Time together", "Difference: felt minus number"]
    points = [c for c in ax.containers]
    assert len(points) == 4
    first = points[0].lines[0].get_xdata()[0]
    assert first == pytest.approx(result["beta"].iat[0])
    assert "standard deviations" in ax.get_xlabel()


def test_mood_by_lists_untested_groups_in_grey(year):
    result = mood_by.mood_by(Data(year), "activity")
    result = pd.concat([result, pd.DataFrame([{"group": "rare", "days_with": 2, "days_without": 300,
                                               "status": "not enough days with it yet (2; needs 10)"}])],
                       ignore_index=True)
    ax = plots.plot_mood_by(result, title="Mood by activity", ax=plt.figure().add_subplot())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "rare (2 days)" and ax.get_yticklabels()[-1].get_color() == theme.MUTED
    assert len(ax.containers) == (result["status"] == "ok").sum()
    assert any(t.get_text() == "not enough days yet" for t in ax.texts)
    assert ax.get_title() == "Mood by activity"


def test_next_day_and_lift(year):
    ax = plots.plot_next_day(next_day.compute(Data(year)), ax=plt.figure().add_subplot())
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "How connected you felt today → mood tomorrow"
    result = lift.compute(Data(year))
    ax = plots.plot_mood_lift(result, ax=plt.figure().add_subplot())
    assert len(ax.containers) == (result["status"] == "ok").sum() >= 1  # rows without a number say so instead
    assert len(ax.get_yticklabels()) == 3


def test_variety_and_reciprocity(year):
    weeks = weekly(year)
    ax = plots.plot_variety(weeks, ax=plt.figure().add_subplot())
    assert len(ax.patches) == weeks["richness"].notna().sum()
    assert ax.get_ylabel() == "Kinds of relationship that week"
    ax = plots.plot_reciprocity(weeks, ax=plt.figure().add_subplot())
    np.testing.assert_allclose(ax.lines[1].get_ydata(), weeks["initiative"].to_numpy())


def test_calendar_is_a_year_in_pixels(year):
    days = daily(year)
    ax = plots.plot_calendar(days, ax=plt.figure().add_subplot())
    grid = ax.images[0].get_array()
    assert grid.shape == (7, 53)
    last = days.iloc[-1]
    assert grid[last["date"].day_of_week, -1] == last["mood"]
    assert np.ma.count_masked(grid) + np.isnan(grid.filled(np.nan)).sum() > 0  # unlogged days are grey
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Mon"


@pytest.mark.parametrize(
    "draw",
    [
        lambda e: plots.plot_quality_vs_mood(daily(e)),
        lambda e: plots.plot_quality_vs_quantity(quality_vs_quantity.compute(Data(e))),
        lambda e: plots.plot_next_day(next_day.compute(Data(e))),
        lambda e: plots.plot_mood_lift(lift.compute(Data(e))),
        lambda e: plots.plot_variety(weekly(e.iloc[:0])),
        lambda e: plots.plot_calendar(daily(e.iloc[:0])),
        lambda e: plots.plot_mood_timeline(daily(e.iloc[:0])),
        lambda e: plots.plot_mood_by(mood_by.mood_by(Data(e))),
    ],
)
def test_too_little_data_still_returns_axes_and_says_so(few, draw):
    ax = draw(few)
    texts = [t.get_text() for t in ax.texts]
    assert "Not enough data yet" in texts or "not enough days yet" in texts

"""Charts that a person can read at a glance.

One function per chart, in the manner of seaborn: the data first, options
by keyword, ``ax=None`` draws on the current Axes, extra keywords go to the
main matplotlib call, and the Axes is returned, also when there is too
little data (it then says so). Colours are the Okabe-Ito palette, which
stays distinct for colour-blind readers; the mood scale is ``cividis``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import analysis, vocabulary

__all__ = [
    "plot_mood_timeline",
    "plot_quality_vs_mood",
    "plot_quality_vs_quantity",
    "plot_mood_by",
    "plot_next_day",
    "plot_mood_lift",
    "plot_variety",
    "plot_reciprocity",
    "plot_calendar",
    "plot_plan_progress",
    "plot_kinds_mix",
    "plot_checkins",
    "plot_experiment",
    "plot_alone",
]

BLUE, ORANGE, GREEN, VERMILLION, SKY, GREY = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#999999"
NOT_ENOUGH = "Not enough data yet"


def plot_mood_timeline(daily: pd.DataFrame, *, window: int = 7, ax=None, **kwargs):
    """Daily mood as dots, its rolling mean as a line; days alone in orange.

    ``window`` is the width of the rolling mean in days. Days without entries
    are gaps, not zeros.
    """
    ax = ax or plt.gca()
    logged = daily.loc[daily["mood"].notna()]
    ax.set(ylim=(-0.3, 10.3), xlabel="Date", ylabel="Mood (0 = worst, 10 = best)", title="Mood over time")
    if logged.empty:
        return _say(ax, NOT_ENOUGH)
    rolling = daily.set_index("date")["mood"].rolling(f"{window}D", min_periods=max(1, window // 2)).mean()
    ax.plot(rolling.index, rolling.to_numpy(), color=BLUE, linewidth=2.2, label=f"{window}-day average", **kwargs)
    alone = logged["connections"] == 0
    ax.scatter(logged.loc[~alone, "date"], logged.loc[~alone, "mood"], s=12, color=SKY, alpha=0.7,
               label="day with a connection")
    ax.scatter(logged.loc[alone, "date"], logged.loc[alone, "mood"], s=16, color=ORANGE, marker="D",
               label="day without a connection")
    ax.legend(loc="lower left", frameon=False, fontsize="small", ncols=3)
    _dates(ax)
    return ax


def plot_quality_vs_mood(daily: pd.DataFrame, *, ax=None, **kwargs):
    """Each day with a connection: its mean quality against its mood, with a fitted line and 95% band.

    The band is for the fitted line and counts the days as the sentence's
    test does (:func:`ghw.analysis.association`): neighbouring days that
    repeat each other widen it, by the square root of days over effective
    days, with Student's t on the effective days.
    """
    from scipy import stats

    ax = ax or plt.gca()
    days = daily.loc[daily["connections"] > 0, ["quality", "mood"]].astype("float64").dropna()
    ax.set(xlim=(0.8, 5.2), ylim=(-0.3, 10.3), xlabel=f"{vocabulary.label('quality')} that day (1 = not at all, 5 = deeply)",
           ylabel="Mood that day (0-10)", title=f"{vocabulary.label('quality')}, and mood ({len(days)} days)")
    ax.scatter(days["quality"], days["mood"], s=14, color=BLUE, alpha=0.45, **kwargs)
    found = analysis.association(daily, "quality").iloc[0]
    if found["status"] != "ok":
        return _say(ax, NOT_ENOUGH)
    x, y = days["quality"].to_numpy(), days["mood"].to_numpy()
    slope, intercept = np.polyfit(x, y, 1)
    spread = np.sqrt(np.sum((y - intercept - slope * x) ** 2) / (len(x) - 2))
    grid = np.linspace(x.min(), x.max(), 50)
    se = spread * np.sqrt(1 / len(x) + (grid - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2))
    half = stats.t.ppf(0.975, found["n_eff"] - 2) * se * np.sqrt(len(x) / found["n_eff"])
    line = intercept + slope * grid
    ax.plot(grid, line, color=VERMILLION, linewidth=2.2, label="fitted line")
    ax.fill_between(grid, line - half, line + half, color=VERMILLION, alpha=0.2, label="95% band")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    return ax


def plot_quality_vs_quantity(result: pd.DataFrame, *, ax=None, **kwargs):
    """The effects from :func:`ghw.findings.quality_vs_quantity.compute`, side by side with 95% intervals."""
    labels = [vocabulary.label(t) for t in result["term"]]
    colours = [GREY if t == "quality - connections" else BLUE for t in result["term"]]
    n = int(result["n"].iat[0]) if len(result) else 0
    return _forest(result, labels, colours, ax=ax, estimate="beta",
                   xlabel="Link with mood (standard deviations)", title=f"Quality or quantity? ({n} days)", **kwargs)


def plot_mood_by(result: pd.DataFrame, *, title: str = "Mood by kind of relationship", ax=None, **kwargs):
    """Mood on days with each group minus days without, from :func:`ghw.findings.mood_by.mood_by`.

    Groups that stand out after false discovery control are green; groups
    with too few days are listed in grey, without a number.
    """
    labels = [f"{g} ({d} days)" for g, d in zip(result["group"], result["days_with"])]
    colours = [GREEN if p < 0.05 else BLUE for p in result["p_fdr"].fillna(1.0)]
    return _forest(result, labels, colours, ax=ax, estimate="diff",
                   xlabel="Mood on days with it, minus days without (points)", title=title, **kwargs)


def plot_next_day(result: pd.DataFrame, *, ax=None, **kwargs):
    """Today-to-tomorrow links in both directions, from :func:`ghw.findings.next_day.compute`."""
    labels = [f"{vocabulary.label(p)} today → {vocabulary.name(o)} tomorrow"
              for p, o in zip(result["predictor"], result["outcome"])]
    colours = [BLUE if o == "mood" else ORANGE for o in result["outcome"]]
    return _forest(result, labels, colours, ax=ax, estimate="beta",
                   xlabel="Link across days (standard deviations)", title="From one day to the next", **kwargs)


def plot_mood_lift(result: pd.DataFrame, *, ax=None, **kwargs):
    """Change in mood from the entry before, from :func:`ghw.findings.lift.compute`."""
    labels = [f"{g} ({n} days)" for g, n in zip(result["group"], result["days"])]
    colours = [BLUE, ORANGE, GREY][: len(result)]
    return _forest(result, labels, colours, ax=ax, estimate="change",
                   xlabel="Change in mood since the entry before (points)", title="Mood just after a connection",
                   **kwargs)


def plot_variety(weekly: pd.DataFrame, *, ax=None, **kwargs):
    """Kinds of relationship each week (bars), with weekly mood (line, right axis)."""
    ax = ax or plt.gca()
    ax.set(xlabel="Week", ylabel="Kinds of relationship that week", title="Variety of connection, week by week")
    weeks = weekly.loc[weekly["richness"].notna()]
    if weeks.empty:
        return _say(ax, NOT_ENOUGH)
    ax.bar(weeks["week"], weeks["richness"], width=5, color=SKY, label="kinds of relationship", **kwargs)
    mood = ax.twinx()
    mood.plot(weekly["week"], weekly["mood"], color=BLUE, linewidth=2, label="mood (weekly mean)")
    mood.set(ylim=(0, 10), ylabel="Mood (weekly mean)")
    mood.yaxis.label.set_color(BLUE)
    _dates(ax)
    return ax


def plot_reciprocity(weekly: pd.DataFrame, *, ax=None, **kwargs):
    """Who reached out and who gave support, week by week, from -1 to +1."""
    ax = ax or plt.gca()
    ax.set(ylim=(-1.1, 1.1), xlabel="Week", ylabel="← them / others        you →", title="Give and take, week by week")
    ax.axhline(0, color=GREY, linewidth=1)
    if weekly[["initiative", "support"]].notna().sum().sum() == 0:
        return _say(ax, NOT_ENOUGH)
    ax.plot(weekly["week"], weekly["initiative"], color=BLUE, marker="o", markersize=3,
            label="who reached out (+1: always you)", **kwargs)
    ax.plot(weekly["week"], weekly["support"], color=VERMILLION, marker="s", markersize=3,
            label="who gave support (+1: only you)")
    ax.legend(loc="lower left", frameon=False, fontsize="small")
    _dates(ax)
    return ax


def plot_calendar(daily: pd.DataFrame, *, year: int | None = None, ax=None, **kwargs):
    """A year in pixels: one square per day, coloured by mood; grey where nothing was logged.

    ``year`` defaults to the 53 weeks that end with the last day in ``daily``.
    """
    ax = ax or plt.gca()
    if daily.empty:
        ax.set(title="Mood, day by day")
        return _say(ax, NOT_ENOUGH)
    last = pd.Timestamp(f"{year}-12-31") if year else daily["date"].max()
    first = pd.Timestamp(f"{year}-01-01") if year else last - pd.Timedelta(weeks=52)
    first -= pd.Timedelta(days=first.weekday())  # columns are weeks from Monday
    days = pd.date_range(first, last, freq="D")
    mood = daily.set_index("date")["mood"].reindex(days)
    columns = (days - first).days // 7
    grid = np.full((7, columns.max() + 1), np.nan)
    grid[days.day_of_week, columns] = mood.to_numpy()
    cmap = plt.get_cmap("cividis").with_extremes(bad="#e8e8e8")
    image = ax.imshow(grid, cmap=cmap, vmin=0, vmax=10, aspect="equal", interpolation="nearest", **kwargs)
    ax.set_yticks(range(7), ["Mon", "", "Wed", "", "Fri", "", "Sun"])
    starts = [d for d in days if d.day == 1]
    ax.set_xticks([(d - first).days // 7 for d in starts], [d.strftime("%b") for d in starts])
    ax.tick_params(length=0)
    ax.set_frame_on(False)
    ax.set_title(f"Mood, day by day ({days[0].date()} to {days[-1].date()}; grey: not logged)")
    ax.figure.colorbar(image, ax=ax, orientation="horizontal", fraction=0.05, pad=0.12, label="Mood (0-10)")
    return ax


def plot_plan_progress(progress: pd.DataFrame, *, ax=None, **kwargs):
    """Each intention of the month: connections logged against the number intended."""
    ax = ax or plt.gca()
    ax.set(xlabel="Times this month", title="Intentions this month")
    if progress.empty:
        return _say(ax, "No intentions for this month yet")
    positions = np.arange(len(progress))[::-1]
    targets = progress["times"].astype("float64").to_numpy()
    done = progress["done"].astype("float64").to_numpy()
    colours = [GREEN if s == "done" else ORANGE if s == "partly" else GREY for s in progress["status"]]
    ax.barh(positions, targets, color="none", edgecolor=GREY, hatch="//", label="intended")
    ax.barh(positions, np.minimum(done, targets), color=colours, label="done", **kwargs)
    ax.set_yticks(positions, [f"{w} ({d:.0f} of {t:.0f})" for w, d, t in zip(progress["what"], done, targets)])
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    return ax


def plot_kinds_mix(variety: pd.DataFrame, *, ax=None, **kwargs):
    """Connections of each kind in the last weeks (:func:`ghw.people.variety`); kinds missing lately in grey."""
    ax = ax or plt.gca()
    weeks = variety.attrs.get("weeks", 4)
    ax.set(xlabel=f"Connections in the last {weeks} weeks", title="The mix lately")
    if variety.empty:
        return _say(ax, "No connections yet")
    positions = np.arange(len(variety))[::-1]
    counts = variety["connections"].to_numpy(dtype="float64")
    missing = variety["missing"].to_numpy()
    ax.barh(positions, counts, color=np.where(missing, GREY, SKY), **kwargs)
    ax.set_yticks(positions, [f"{k} (missing lately)" if m else k for k, m in zip(variety["relationship"], missing)])
    for tick, gone in zip(ax.get_yticklabels(), missing):
        if gone:
            tick.set_color(GREY)
    return ax


# How each monthly measure is put on one 0-100 axis: (low, high) of its range, or None for "your highest month".
_CHECKIN_LINES = {
    "who5_percent": ("well-being (WHO-5, 0-100)", (0, 100), BLUE, "-", 2.6),
    "ucla3": ("loneliness (3-9 scale)", (3, 9), VERMILLION, "-", 2.6),
    "quality": ("how connected you felt (1-5)", (1, 5), GREEN, "--", 1.2),
    "connections": ("connections a day (of your highest month)", None, ORANGE, "--", 1.2),
    "variety": ("kinds of relationship a day (of your highest month)", None, SKY, "--", 1.2),
    "initiative": ("who reached out (them to you)", (-1, 1), GREY, ":", 1.2),
    "support": ("who gave support (them to you)", (-1, 1), "#CC79A7", ":", 1.2),
}


def plot_checkins(monthly: pd.DataFrame, *, ax=None, **kwargs):
    """Check-in scores month by month (thick lines), with the month's connection measures (thin lines).

    ``monthly`` has a ``month`` column (a date) and any of the measures in
    the legend; each is drawn as a share of its own range, so that all fit
    on one axis from 0 to 100.
    """
    ax = ax or plt.gca()
    ax.set(ylim=(-3, 103), xlabel="Month", ylabel="% of each measure's range",
           title="Check-ins and connection, month by month")
    if monthly.empty or monthly.reindex(columns=["who5_percent", "ucla3"]).notna().sum().sum() == 0:
        return _say(ax, "No check-ins yet")
    for column, (label, span, colour, style, width) in _CHECKIN_LINES.items():
        if column not in monthly or monthly[column].notna().sum() == 0:
            continue
        values = monthly[column].astype("float64")
        low, high = span or (0, values.max() or 1)
        share = (values - low) / (high - low) * 100
        marker = "o" if width > 2 else None
        ax.plot(monthly["month"], share, color=colour, linestyle=style, linewidth=width, marker=marker, label=label,
                **kwargs)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
    _dates(ax)
    return ax


def plot_experiment(days: pd.DataFrame, *, outcome: str = "mood", ax=None, **kwargs):
    """An experiment's days over time: act days and other days in two colours, each with its mean.

    ``days`` has ``date``, ``act`` (drawn as an act day), ``done`` (the act
    was logged) and the ``outcome`` column; act days where the act was not
    done are hollow.
    """
    ax = ax or plt.gca()
    top = 5.3 if outcome == "quality" else 10.3
    ax.set(ylim=(-0.3 if outcome != "quality" else 0.7, top), xlabel="Date", ylabel=vocabulary.label(outcome),
           title="Act days and other days")
    known = days.loc[days[outcome].notna()]
    if known.empty:
        return _say(ax, NOT_ENOUGH)
    for act, colour, name in ((True, ORANGE, "act day"), (False, BLUE, "other day")):
        group = known.loc[known["act"] == act]
        if group.empty:
            continue
        filled = group["done"] == act
        ax.scatter(group.loc[filled, "date"], group.loc[filled, outcome], s=28, color=colour, label=name, **kwargs)
        if (~filled).any():
            ax.scatter(group.loc[~filled, "date"], group.loc[~filled, outcome], s=28, facecolors="none",
                       edgecolors=colour, label=f"{name}, {'not done' if act else 'done anyway'}")
        ax.axhline(group[outcome].mean(), color=colour, linewidth=1.5, linestyle="--")
    _dates(ax)
    ax.legend(loc="lower left", frameon=False, fontsize="small", ncols=2)
    return ax


def plot_alone(entries: pd.DataFrame, *, ax=None, **kwargs):
    """Time alone noted as restful or lonely, counted month by month as two bars side by side.

    ``entries`` is the journal; its optional ``alone`` column holds ``restful``
    or ``lonely`` on entries of time alone. Months with no note are left out.
    """
    ax = ax or plt.gca()
    ax.set(xlabel="Month", ylabel="Times noted", title="Time alone: restful or lonely")
    noted = entries.loc[entries["alone"].notna(), ["date", "alone"]] if "alone" in entries else entries.iloc[:0]
    if noted.empty:
        return _say(ax, "No time alone noted yet")
    counts = (noted.assign(month=noted["date"].dt.strftime("%Y-%m")).groupby(["month", "alone"]).size()
              .unstack(fill_value=0).reindex(columns=["restful", "lonely"], fill_value=0))
    positions = np.arange(len(counts))
    for offset, (kind, colour) in zip((-0.2, 0.2), (("restful", BLUE), ("lonely", ORANGE))):
        ax.bar(positions + offset, counts[kind].to_numpy(), width=0.4, color=colour, label=kind, **kwargs)
    step = max(1, len(counts) // 8)
    ax.set_xticks(positions[::step], counts.index[::step])
    ax.legend(loc="upper left", frameon=False, fontsize="small", ncols=2)
    return ax


def _forest(result, labels, colours, *, ax, estimate, xlabel, title, **kwargs):
    """Estimates as dots with 95% intervals, top to bottom; rows without a number say why."""
    ax = ax or plt.gca()
    ax.set(xlabel=xlabel, title=title)
    ax.axvline(0, color=GREY, linewidth=1)
    if result.empty:
        return _say(ax, NOT_ENOUGH)
    positions = np.arange(len(result))[::-1]
    ok = (result["status"] == "ok").to_numpy()
    values = result[estimate].to_numpy(dtype="float64")
    low, high = result["ci_low"].to_numpy(dtype="float64"), result["ci_high"].to_numpy(dtype="float64")
    for y, value, lo, hi, colour, fine in zip(positions, values, low, high, colours, ok):
        if fine:
            ax.errorbar(value, y, xerr=[[value - lo], [hi - value]], fmt="o", color=colour, capsize=3, **kwargs)
    ax.set_yticks(positions, labels)
    for tick, fine in zip(ax.get_yticklabels(), ok):
        if not fine:
            tick.set_color(GREY)
    for y in positions[~ok]:
        ax.annotate("not enough days yet", (0, y), xytext=(6, 0), textcoords="offset points", va="center",
                    color=GREY, fontsize="small")
    ax.set_ylim(-0.7, len(result) - 0.3)
    return ax


def _dates(ax):
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _say(ax, text: str):
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color=GREY, fontsize="large")
    return ax

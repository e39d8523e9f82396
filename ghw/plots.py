"""Charts that a person can read at a glance.

One function per chart, in the manner of seaborn: the data first, options
by keyword, ``ax=None`` draws on the current Axes, extra keywords go to the
main matplotlib call, and the Axes is returned, also when there is too
little data (it then says so). Colours come from :mod:`ghw.theme`: the
Okabe-Ito palette, which stays distinct for colour-blind readers, and the
theme's mood scale; draw inside ``theme.chart_style()`` for ghw's type and
ink (the pages and the exports do).

Each chart is annotated where its meaning is, in the manner of a newspaper's
chart desk: the mood axis names its ends and middle in words, the zero line
says what zero means, and the sides of a comparison say which way is better.
Lines carry their labels at their ends; a legend is kept only for kinds of
dot, which cannot be labelled on the data, and sits inside the chart. A time
axis spans the dates of its data, and nothing is listed that has no data.

Long because it holds one short function per chart, drawn in one style through shared helpers
(the forest, the mood axis, labels at line ends); a chart is found here by its name.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import analysis, i18n, theme, vocabulary
from .i18n import _, ngettext

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
    "plot_kinds",
    "plot_give_and_take",
    "plot_people",
    "plot_alone",
]

BLUE, ORANGE, GREEN, VERMILLION, SKY, GREY = theme.BLUE, theme.ORANGE, theme.GREEN, theme.VERMILLION, theme.SKY, theme.GREY
NOT_ENOUGH = _("Not enough data yet")


def plot_mood_timeline(daily: pd.DataFrame, *, window: int = 7, ax=None, **kwargs):
    """Daily mood as dots, its rolling mean as a line labelled at its end; days alone in orange.

    ``window`` is the width of the rolling mean in days. Days without entries
    are gaps, not zeros. The mood axis names its ends and middle in words.
    """
    ax = ax or plt.gca()
    logged = daily.loc[daily["mood"].notna()]
    ax.set(ylim=(-0.3, 10.3), ylabel=vocabulary.label("mood"), title=_("Mood over time"))
    _mood_axis(ax)
    if logged.empty:
        return _say(ax, NOT_ENOUGH)
    rolling = daily.set_index("date")["mood"].rolling(f"{window}D", min_periods=max(1, window // 2)).mean()
    ax.plot(rolling.index, rolling.to_numpy(), color=BLUE, linewidth=2.2, label=_average(window), **kwargs)
    alone = logged["connections"] == 0
    for rows, style in ((~alone, {"s": 12, "color": SKY, "alpha": 0.8, "label": _("day with a connection")}),
                        (alone, {"s": 16, "color": ORANGE, "marker": "D", "label": _("day without a connection")})):
        if rows.any():
            ax.scatter(logged.loc[rows, "date"], logged.loc[rows, "mood"], **style)
    dots = [artist for artist in ax.collections if not artist.get_label().startswith("_")]
    ax.legend(handles=dots, loc="lower left", ncols=len(dots), fontsize="small", handletextpad=0.2,
              columnspacing=0.8, borderaxespad=0.2)
    _dates(ax, logged["date"])
    known = rolling.dropna()
    if len(known):
        _label_ends(ax, [(known.index[-1], known.iloc[-1], _("weekly average") if window == 7 else _average(window),
                          BLUE)])
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
    quality = vocabulary.label("quality")
    ax.set(xlim=(0.8, 5.2), ylim=(-0.3, 10.3),
           xlabel=_("{quality} that day (1 = not at all, 5 = deeply)").format(quality=quality), ylabel=_("Mood that day"),
           title=ngettext("{quality}, and mood ({n} day)", "{quality}, and mood ({n} days)", len(days)).format(
               quality=quality, n=len(days)))
    _mood_axis(ax)
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
    ax.plot(grid, line, color=VERMILLION, linewidth=2.2, label=_("fitted line"))
    ax.fill_between(grid, line - half, line + half, color=VERMILLION, alpha=0.2, label=_("95% band"))
    ax.annotate(_("fitted line, with its 95% band"), (grid[-1], line[-1]), xytext=(0, 10), textcoords="offset points",
                ha="right", va="bottom", color=VERMILLION, fontsize="small")
    return ax


def plot_quality_vs_quantity(result: pd.DataFrame, *, ax=None, **kwargs):
    """The effects from :func:`ghw.findings.quality_vs_quantity.compute`, side by side with 95% intervals."""
    labels = [vocabulary.label(t) for t in result["term"]]
    colours = [GREY if t == "quality - connections" else BLUE for t in result["term"]]
    n = int(result["n"].iat[0]) if len(result) else 0
    return _forest(result, labels, colours, ax=ax, estimate="beta", xlabel=_("link with mood, in standard deviations"),
                   sides=(_("lower mood"), _("better mood")),
                   title=ngettext("Quality or quantity? ({n} day)", "Quality or quantity? ({n} days)", n).format(n=n),
                   **kwargs)


def plot_mood_by(result: pd.DataFrame, *, title: str | None = None, by: str = "relationship", ax=None, **kwargs):
    """Mood on days with each group minus days without, from :func:`ghw.findings.mood_by.mood_by`.

    Groups that stand out after false discovery control are green; groups
    with too few days are listed in grey, without a number. ``by`` is the
    field the groups are values of, so that a code is named in words
    (:func:`ghw.vocabulary.word`); ``title`` defaults to "Mood by kind of relationship".
    """
    labels = [_days(vocabulary.word(by, g), d) for g, d in zip(result["group"], result["days_with"])]
    colours = [GREEN if p < 0.05 else BLUE for p in result["p_fdr"].fillna(1.0)]
    return _forest(result, labels, colours, ax=ax, estimate="diff", xlabel=_("mood on days with it, minus days without"),
                   sides=(_("lower"), _("higher")), zero=_("no difference"),
                   title=title or _("Mood by kind of relationship"), **kwargs)


def plot_next_day(result: pd.DataFrame, *, ax=None, **kwargs):
    """Today-to-tomorrow links in both directions, from :func:`ghw.findings.next_day.compute`."""
    labels = [_("{measure} today → {outcome} tomorrow").format(measure=vocabulary.label(p), outcome=vocabulary.name(o))
              for p, o in zip(result["predictor"], result["outcome"])]
    colours = [BLUE if o == "mood" else ORANGE for o in result["outcome"]]
    return _forest(result, labels, colours, ax=ax, estimate="beta", xlabel=_("link across days, in standard deviations"),
                   sides=(_("less the next day"), _("more the next day")), title=_("From one day to the next"), **kwargs)


# The rows of :func:`ghw.findings.lift.compute`, by their codes, as the chart names them.
_LIFT_GROUPS = {"after a connection": _("after a connection"), "no connection": _("no connection"),
                "difference": _("difference")}


def plot_mood_lift(result: pd.DataFrame, *, ax=None, **kwargs):
    """Change in mood from the entry before, from :func:`ghw.findings.lift.compute`."""
    labels = [_days(_LIFT_GROUPS.get(g, g), n) for g, n in zip(result["group"], result["days"])]
    colours = [BLUE, ORANGE, GREY][: len(result)]
    return _forest(result, labels, colours, ax=ax, estimate="change", xlabel=_("change since the entry before, in points"),
                   sides=(_("mood fell"), _("mood rose")), zero=_("no change"), title=_("Mood just after a connection"),
                   **kwargs)


def plot_variety(weekly: pd.DataFrame, *, ax=None, **kwargs):
    """Kinds of relationship each week (bars), with weekly mood (line, right axis, its ends named in words)."""
    ax = ax or plt.gca()
    ax.set(ylabel=_("Kinds of relationship that week"), title=_("Variety of connection, week by week"))
    weeks = weekly.loc[weekly["richness"].notna()]
    if weeks.empty:
        return _say(ax, NOT_ENOUGH)
    ax.bar(weeks["week"], weeks["richness"], width=5, color=SKY, label=_("kinds of relationship"), **kwargs)
    ax.yaxis.label.set_color(theme.INK)
    mood = ax.twinx()
    mood.plot(weekly["week"], weekly["mood"], color=BLUE, linewidth=2, label=_("mood (weekly mean)"))
    mood.set(ylim=(-0.3, 10.3), ylabel=_("Mood (weekly mean)"))
    _mood_axis(mood)
    mood.grid(False)
    mood.spines["right"].set_visible(True)
    mood.yaxis.label.set_color(BLUE)
    _dates(ax, weekly["week"])
    return ax


def plot_reciprocity(weekly: pd.DataFrame, *, ax=None, **kwargs):
    """Who reached out and who gave support, week by week, from -1 (always them) to +1 (always you).

    The zero line is named ("even"), the axis's ends say whose side is whose,
    and each line is labelled at its end.
    """
    ax = ax or plt.gca()
    ax.set(ylim=(-1.1, 1.1), title=_("Give and take, week by week"))
    ax.set_yticks([-1, 0, 1], [_("others, always"), _("even"), _("you, always")])
    ax.axhline(0, color=GREY, linewidth=1)
    if weekly[["initiative", "support"]].notna().sum().sum() == 0:
        return _say(ax, NOT_ENOUGH)
    ends = []
    for column, colour, marker, label in (("initiative", BLUE, "o", _("who reached out")),
                                          ("support", VERMILLION, "s", _("who gave support"))):
        known = weekly.loc[weekly[column].notna()]
        if known.empty:
            continue
        ax.plot(weekly["week"], weekly[column], color=colour, marker=marker, markersize=3, label=label, **kwargs)
        ends.append((known["week"].iloc[-1], known[column].iloc[-1], label, colour))
    _dates(ax, weekly.loc[weekly[["initiative", "support"]].notna().any(axis=1), "week"])
    _label_ends(ax, ends)
    return ax


def plot_calendar(daily: pd.DataFrame, *, year: int | None = None, ax=None, **kwargs):
    """A year in pixels: one square per day, filled with its mood's colour; an empty square where nothing was logged.

    ``year`` defaults to the 53 weeks that end with the last day in ``daily``. Moods take the theme's mood scale
    (:data:`ghw.theme.MOOD_SCALE`); a day without an entry is drawn hollow (:data:`ghw.theme.NO_ENTRY` inside a
    :data:`ghw.theme.NO_ENTRY_EDGE` outline), so it is never mistaken for a mood by its colour.
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    ax = ax or plt.gca()
    if daily.empty:
        ax.set(title=_("Mood, day by day"))
        return _say(ax, NOT_ENOUGH)
    last = pd.Timestamp(f"{year}-12-31") if year else daily["date"].max()
    first = pd.Timestamp(f"{year}-01-01") if year else last - pd.Timedelta(weeks=52)
    first -= pd.Timedelta(days=first.weekday())  # columns are weeks from Monday
    days = pd.date_range(first, last, freq="D")
    mood = daily.set_index("date")["mood"].reindex(days)
    columns = (days - first).days // 7
    grid = np.full((7, columns.max() + 1), np.nan)
    grid[days.day_of_week, columns] = mood.to_numpy()
    cmap = plt.get_cmap(theme.MOOD_SCALE).with_extremes(bad=theme.PAGE)
    image = ax.imshow(grid, cmap=cmap, vmin=0, vmax=10, aspect="equal", interpolation="nearest", **kwargs)
    missing = mood.isna().to_numpy()
    ax.add_collection(PatchCollection(
        [Rectangle((c - 0.4, r - 0.4), 0.8, 0.8) for r, c in zip(days.day_of_week[missing], columns[missing])],
        facecolor=theme.NO_ENTRY, edgecolor=theme.NO_ENTRY_EDGE, linewidth=0.7))
    ax.set_yticks(range(7), [i18n.date(day.date(), "EEE") if row % 2 == 0 else "" for row, day in enumerate(days[:7])])
    starts = [d for d in days if d.day == 1]
    ax.set_xticks([(d - first).days // 7 for d in starts], [i18n.date(d.date(), "MMM") for d in starts])
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_frame_on(False)
    ax.set_title(_("Mood, day by day ({first} to {last}; empty squares: not logged)").format(
        first=days[0].date(), last=days[-1].date()))
    bar = ax.figure.colorbar(image, ax=ax, orientation="horizontal", fraction=0.05, pad=0.12, label=_("Mood (0-10)"))
    bar.set_ticks([0, 5, 10], labels=[f"0 {theme.MOOD_WORDS[0]}", f"5 {theme.MOOD_WORDS[5]}",
                                      f"10 {theme.MOOD_WORDS[10]}"])
    return ax


def plot_plan_progress(progress: pd.DataFrame, *, ax=None, **kwargs):
    """Each intention of the month: connections logged against the number intended."""
    ax = ax or plt.gca()
    ax.set(xlabel=_("Times this month"), title=_("Intentions this month"))
    if progress.empty:
        return _say(ax, _("No intentions for this month yet"))
    positions = np.arange(len(progress))[::-1]
    targets = progress["times"].astype("float64").to_numpy()
    done = progress["done"].astype("float64").to_numpy()
    colours = [GREEN if s == "done" else ORANGE if s == "partly" else GREY for s in progress["status"]]
    ax.barh(positions, targets, color="none", edgecolor=GREY, hatch="//", label=_("intended"))
    ax.barh(positions, np.minimum(done, targets), color=colours, label=_("done"), **kwargs)
    ax.set_yticks(positions, [f"{w} ({vocabulary.done_of(d, t)})" for w, d, t in zip(progress["what"], done, targets)])
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    return ax


def plot_kinds_mix(variety: pd.DataFrame, *, ax=None, **kwargs):
    """Connections of each kind in the last weeks (:func:`ghw.people.variety.variety`); kinds missing lately in grey."""
    ax = ax or plt.gca()
    weeks = variety.attrs.get("weeks", 4)
    ax.set(xlabel=ngettext("Connections in the last {n} week", "Connections in the last {n} weeks", weeks).format(n=weeks),
           title=_("The mix lately"))
    if variety.empty:
        return _say(ax, _("No connections yet"))
    positions = np.arange(len(variety))[::-1]
    counts = variety["connections"].to_numpy(dtype="float64")
    missing = variety["missing"].to_numpy()
    ax.barh(positions, counts, color=np.where(missing, GREY, SKY), **kwargs)
    kinds = [vocabulary.word("relationship", k) for k in variety["relationship"]]
    ax.set_yticks(positions, [_("{kind} (missing lately)").format(kind=k) if m else k for k, m in zip(kinds, missing)])
    for tick, gone in zip(ax.get_yticklabels(), missing):
        if gone:
            tick.set_color(theme.MUTED)
    return ax


# The chart palette by name, as an instrument's file names a line's colour (Okabe-Ito, from the theme).
PALETTE = {"blue": BLUE, "orange": ORANGE, "green": GREEN, "vermillion": VERMILLION, "sky": SKY,
           "purple": theme.PURPLE, "yellow": theme.YELLOW, "black": theme.OKABE_ITO[-1], "grey": GREY}

# How each monthly connection measure is put on one 0-100 axis beside the check-ins: its label at the line's end,
# (low, high) of its range or None for "your highest month", colour, line style and width. The check-in scores come
# first, drawn as their instruments' files say (:func:`_checkin_lines`).
_CONNECTION_LINES = {
    "quality": (_("how connected"), (1, 5), GREEN, "--", 1.2),
    "connections": (_("connections a day"), None, ORANGE, "--", 1.2),
    "variety": (_("kinds a day"), None, SKY, "--", 1.2),
    "initiative": (_("you reached out"), (-1, 1), GREY, ":", 1.2),
    "support": (_("you gave support"), (-1, 1), theme.PURPLE, ":", 1.2),
}


def _checkin_lines() -> dict[str, tuple]:
    """Every charted check-in score of the registry, as a thick line in its instrument's colour."""
    from .instruments import INSTRUMENTS

    return {s.name: (s.chart.label, (s.chart.low, s.chart.high), PALETTE[s.chart.colour], "-", 2.6)
            for found in INSTRUMENTS.values() for s in found.scales if s.chart is not None}


def plot_checkins(monthly: pd.DataFrame, *, ax=None, **kwargs):
    """Check-in scores month by month (thick lines), with the month's connection measures (thin lines).

    ``monthly`` has a ``month`` column (a date), any check-in score an
    instrument draws, and any of the measures of ``_CONNECTION_LINES``; each is drawn as a share of its own range (a count as
    a share of its highest month), so that all fit on one axis from 0 to
    100, and labelled at its last month. Only measures with data are drawn,
    and the time axis spans the months that have them.
    """
    ax = ax or plt.gca()
    ax.set(ylim=(-3, 103), ylabel=_("% of each measure's range"), title=_("Check-ins and connection, month by month"))
    lines = _checkin_lines()
    scored = monthly.reindex(columns=list(lines)).notna().any(axis=1) if len(monthly) else []
    if monthly.empty or not np.any(scored):
        return _say(ax, _("No check-ins yet"))
    months = monthly.loc[scored].reset_index(drop=True)
    ends = []
    for column, (label, span, colour, style, width) in (lines | _CONNECTION_LINES).items():
        if column not in months or months[column].notna().sum() == 0:
            continue
        values = months[column].astype("float64")
        low, high = span or (0, values.max() or 1)
        share = (values - low) / (high - low) * 100
        marker = "o" if width > 2 or share.notna().sum() < 3 else None
        ax.plot(months["month"], share, color=colour, linestyle=style, linewidth=width, marker=marker, label=label,
                **kwargs)
        last = share.last_valid_index()
        ends.append((months["month"].iloc[last], share.iloc[last], label, colour))
    _dates(ax, months["month"])
    if len(months) == 1:  # one month: name it, rather than a scale of days around it
        ax.set_xticks([months["month"].iloc[0]], [i18n.date(months["month"].iloc[0].date(), "MMM yyyy")])
    _label_ends(ax, ends)
    return ax


def plot_experiment(days: pd.DataFrame, *, outcome: str = "mood", ax=None, **kwargs):
    """An experiment's days over time: act days and other days in two colours, each with its mean.

    ``days`` has ``date``, ``act`` (drawn as an act day), ``done`` (the act
    was logged) and the ``outcome`` column; act days where the act was not
    done are hollow.
    """
    ax = ax or plt.gca()
    top = 5.3 if outcome == "quality" else 10.3
    ax.set(ylim=(-0.3 if outcome != "quality" else 0.7, top), ylabel=vocabulary.label(outcome),
           title=_("Act days and other days"))
    known = days.loc[days[outcome].notna()]
    if known.empty:
        return _say(ax, NOT_ENOUGH)
    for act, colour, name, hollow, mean in (
            (True, ORANGE, _("act day"), _("act day, not done"), _("act days' mean")),
            (False, BLUE, _("other day"), _("other day, done anyway"), _("other days' mean"))):
        group = known.loc[known["act"] == act]
        if group.empty:
            continue
        filled = group["done"] == act
        ax.scatter(group.loc[filled, "date"], group.loc[filled, outcome], s=28, color=colour, label=name, **kwargs)
        if (~filled).any():
            ax.scatter(group.loc[~filled, "date"], group.loc[~filled, outcome], s=28, facecolors="none",
                       edgecolors=colour, label=hollow)
        ax.axhline(group[outcome].mean(), color=colour, linewidth=1.5, linestyle="--")
        ax.annotate(mean, (1, group[outcome].mean()), xycoords=("axes fraction", "data"),
                    xytext=(-2, 3), textcoords="offset points", ha="right", va="bottom", color=colour,
                    fontsize="small")
    if outcome == "mood":
        _mood_axis(ax)
    _dates(ax, known["date"])
    ax.legend(loc="lower left", frameon=False, fontsize="small", ncols=2)
    return ax


def plot_alone(entries: pd.DataFrame, *, ax=None, **kwargs):
    """Time alone noted as restful or lonely, counted month by month as two bars side by side.

    ``entries`` is the journal; its optional ``alone`` column holds ``restful``
    or ``lonely`` on entries of time alone. Months with no note are left out.
    """
    ax = ax or plt.gca()
    ax.set(xlabel=_("Month"), ylabel=_("Times noted"), title=_("Time alone: restful or lonely"))
    noted = entries.loc[entries["alone"].notna(), ["date", "alone"]] if "alone" in entries else entries.iloc[:0]
    if noted.empty:
        return _say(ax, _("No time alone noted yet"))
    counts = (noted.assign(month=noted["date"].dt.strftime("%Y-%m")).groupby(["month", "alone"]).size()
              .unstack(fill_value=0).reindex(columns=["restful", "lonely"], fill_value=0))
    positions = np.arange(len(counts))
    for offset, (kind, colour) in zip((-0.2, 0.2), (("restful", BLUE), ("lonely", ORANGE))):
        ax.bar(positions + offset, counts[kind].to_numpy(), width=0.4, color=colour, label=vocabulary.word("alone", kind), **kwargs)
    step = max(1, len(counts) // 8)
    ax.set_xticks(positions[::step], counts.index[::step])
    ax.legend(loc="upper left", frameon=False, fontsize="small", ncols=2)
    return ax


def plot_kinds(by_kind: pd.DataFrame, *, ax=None, **kwargs):
    """Connections of each kind in a period, most first, each bar labelled with its count.

    ``by_kind`` has ``relationship`` and ``connections`` (a summary's
    ``by_relationship``). The counts sit on the bars, so the chart needs no
    scale.
    """
    ax = ax or plt.gca()
    ax.set_title(_("Connections by kind"))
    if by_kind.empty:
        return _say(ax, _("No connections logged"))
    positions = np.arange(len(by_kind))[::-1]
    counts = by_kind["connections"].to_numpy(dtype="float64")
    ax.barh(positions, counts, color=SKY, height=0.7, **kwargs)
    for y, count in zip(positions, counts):
        ax.annotate(f"{count:.0f}", (count, y), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize="small", color=theme.INK)
    ax.set_yticks(positions, [vocabulary.word("relationship", kind) for kind in by_kind["relationship"]])
    ax.set_xlim(0, counts.max() * 1.18)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.grid(False)
    return ax


_GIVE_AND_TAKE = (
    (_("Who reached out"), "initiated_by", (("me", _("you"), BLUE), ("mutual", _("both"), GREY),
                                            ("them", _("they"), ORANGE))),
    (_("Who gave support"), "support", (("gave", _("you"), BLUE), ("both", _("both ways"), GREY),
                                        ("received", _("they"), ORANGE))),
)


def plot_give_and_take(entries: pd.DataFrame, *, ax=None, **kwargs):
    """Who reached out and who gave support in a period: one bar each, split into you, both and them.

    ``entries`` are the period's entries; connections without the field
    (or with support ``neither``) are left out. Each part is labelled on the
    bar with its words and count, so the chart needs no legend.
    """
    ax = ax or plt.gca()
    ax.set_title(_("Give and take"))
    connections = entries.loc[entries["relationship"].notna()] if len(entries) else entries
    rows = [(title, [(word, colour, int((connections[column] == code).sum())) for code, word, colour in parts])
            for title, column, parts in _GIVE_AND_TAKE]
    rows = [(title, parts) for title, parts in rows if sum(count for _, _, count in parts)]
    if not rows:
        return _say(ax, _("Not logged"))
    for y, (_title, parts) in zip(np.arange(len(rows))[::-1], rows):
        total, left = sum(count for _, _, count in parts), 0.0
        for word, colour, count in parts:
            if not count:
                continue
            share = count / total
            ax.barh(y, share, left=left, color=colour, height=0.6, **kwargs)
            said = f"{word} {count}" if share >= 0.04 * len(word) + 0.06 else f"{count}" if share >= 0.06 else ""
            ax.text(left + share / 2, y, said, ha="center", va="center", fontsize="small", color=theme.text_on(colour))
            left += share
    ax.set_yticks(np.arange(len(rows))[::-1], [title for title, _ in rows])
    ax.set_xlim(0, 1)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.grid(False)
    return ax


def plot_people(days: pd.DataFrame, *, ax=None, **kwargs):
    """Small multiples in one chart: each person's weekly mood as a line in a row of its own, on one time axis.

    ``days`` is long, with ``person``, ``date`` and ``mood`` (one row per day,
    as :func:`ghw.practice.pooled_days` gives). Every row spans the same
    mood scale (its band's bottom is 0, its top 10) and the same dates, so
    rows compare at a glance; each is labelled with the person and their
    average.
    """
    ax = ax or plt.gca()
    ax.set_title(_("Mood week by week, one row per person (each row 0 to 10)"))
    logged = days.loc[days["mood"].notna()] if len(days) else days
    if logged.empty:
        return _say(ax, _("Nobody has shared days yet"))
    people = sorted(logged["person"].unique(), key=str)
    for row, person in enumerate(people[::-1]):
        own = logged.loc[logged["person"] == person]
        weeks = own.set_index("date")["mood"].resample("W-SUN").mean()
        ax.axhline(row - 0.42, color=theme.LINE, linewidth=0.6)
        ax.plot(weeks.index, row - 0.42 + weeks.to_numpy() / 10 * 0.84, color=BLUE, linewidth=1.6, marker="o",
                markersize=2.5, **kwargs)
        ax.annotate(ngettext("{mean} avg · {n} day", "{mean} avg · {n} days", len(own)).format(
                        mean=f"{own['mood'].mean():.1f}", n=len(own)), (1, row),
                    xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize="small", color=theme.MUTED, annotation_clip=False)
    ax.set_yticks(range(len(people)), [str(p) for p in people[::-1]])
    ax.set_ylim(-0.6, len(people) - 0.4)
    ax.grid(False)
    _dates(ax, logged["date"])
    return ax


def _forest(result, labels, colours, *, ax, estimate, xlabel, title, sides, zero=None, **kwargs):
    """Estimates as dots with 95% intervals, top to bottom; rows without a number say why.

    The zero line is named (``zero``, "no link" unless said) and the axis says which side is which
    (``sides``, left then right), so the chart reads without its legend.
    """
    ax = ax or plt.gca()
    ax.set(xlabel=xlabel[:1].upper() + xlabel[1:], title=title)
    ax.axvline(0, color=GREY, linewidth=1)
    ax.annotate(_("0: {meaning}").format(meaning=zero or _("no link")), (0, 1), xycoords=("data", "axes fraction"), xytext=(3, -2), textcoords="offset points",
                ha="left", va="top", color=theme.MUTED, fontsize="small")
    for x, text, align in ((0, f"← {sides[0]}", "left"), (1, f"{sides[1]} →", "right")):
        ax.annotate(text, (x, 0), xycoords="axes fraction", xytext=(4 if x == 0 else -4, 3),
                    textcoords="offset points", ha=align, va="bottom", color=theme.INK, fontsize="small")
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
            tick.set_color(theme.MUTED)
    for y in positions[~ok]:
        ax.annotate(_("not enough days yet"), (0, y), xytext=(6, 0), textcoords="offset points", va="center",
                    color=theme.MUTED, fontsize="small")
    ax.set_ylim(-0.9, len(result) - 0.3)
    if ok.any():  # both sides of zero in view, so that the zero line is always there to read against
        reach = np.nanmax(np.abs(np.concatenate([low[ok], high[ok]])))
        if np.isfinite(reach) and reach > 0:
            ax.set_xlim(min(-0.1 * reach, np.nanmin(low[ok]) * 1.08), max(0.1 * reach, np.nanmax(high[ok]) * 1.08))
    return ax


def _average(window: int) -> str:
    """A rolling mean's name: "7-day average"."""
    return ngettext("{n}-day average", "{n}-day average", window).format(n=window)


def _days(group: str, n: float) -> str:
    """A row of a comparison with its days: "friend (23 days)"."""
    return ngettext("{group} ({n} day)", "{group} ({n} days)", int(n)).format(group=group, n=int(n))


def _mood_axis(ax) -> None:
    """Name the mood axis's ends and middle in words (0 very low, 5 okay, 10 very good): better days are up."""
    ax.set_yticks([0, 5, 10], [f"{mood} {theme.MOOD_WORDS[mood]}" for mood in (0, 5, 10)])


def _label_ends(ax, items) -> None:
    """Label lines at their last points, just right of them: a short stroke in the line's colour, then its
    words in ink (a light colour is hard to read as text), nudged apart so that no two overlap.

    ``items`` are ``(x, y, text, colour)`` with ``x`` a number or a date. Call
    it once the axes' limits are set, and on a figure of its final size.
    """
    import matplotlib.dates as mdates

    if not items:
        return
    tall = ax.get_window_extent().height / ax.figure.dpi * 72  # the axes' height in points
    gap = 1.3 * theme.CHART_FONT_PT["small"] / max(tall, 1.0)
    items = sorted(items, key=lambda item: item[1])
    spots = []
    for x, y, *_rest in items:
        number = x if isinstance(x, (int, float, np.number)) else mdates.date2num(pd.Timestamp(x).to_pydatetime())
        spots.append(ax.transLimits.transform((number, y)))
    heights = [float(np.clip(height, 0, 1)) for _, height in spots]
    for i in range(1, len(heights)):  # push up to keep the gap, then down again from the top if that ran over
        heights[i] = max(heights[i], heights[i - 1] + gap)
    heights[-1] = min(heights[-1], 1.0)
    for i in range(len(heights) - 2, -1, -1):
        heights[i] = min(heights[i], heights[i + 1] - gap)
    for (across, _height), height, (*_place, text, colour) in zip(spots, heights, items):
        ax.annotate("—", (across, height), xycoords="axes fraction", xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", color=colour, fontsize="small", fontweight="bold", annotation_clip=False)
        ax.annotate(text, (across, height), xycoords="axes fraction", xytext=(16, 0), textcoords="offset points",
                    ha="left", va="center", color=theme.INK, fontsize="small", annotation_clip=False)


class _ConciseDates(mdates.ConciseDateFormatter):
    """matplotlib's concise date labels with the months named in ghw's language (strftime names them in
    English, whatever the language)."""

    def format_ticks(self, values):
        return [_month_words(label) for label in super().format_ticks(values)]

    def get_offset(self):
        return _month_words(super().get_offset())


def _month_words(text: str) -> str:
    """``text`` with strftime's short month names replaced by the language's own (in one pass, so that a name is
    never replaced twice)."""
    pattern, said = _months(i18n.language())
    return pattern.sub(lambda found: said[found.group()], text)


@lru_cache(maxsize=8)
def _months(language: str) -> tuple[re.Pattern, dict[str, str]]:
    """strftime's short month names as one pattern, and the language's for each (``language`` keys the cache)."""
    days = [dt.date(2000, month, 1) for month in range(1, 13)]
    said = {day.strftime("%b"): i18n.date(day, "LLL") for day in days}
    return re.compile(r"\b(?:" + "|".join(map(re.escape, said)) + r")\b"), said


def _dates(ax, dates=None):
    """A concise date axis, its months in ghw's language; with ``dates``, spanning exactly their days (a few
    days' margin each side)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_ConciseDates(locator))
    if dates is not None:
        known = pd.to_datetime(pd.Series(dates)).dropna()
        if len(known):
            first, last = known.min(), known.max()
            margin = max(pd.Timedelta(days=3), (last - first) * 0.03)
            ax.set_xlim(first - margin, last + margin)


def _say(ax, text: str):
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color=theme.MUTED, fontsize="large")
    return ax

"""The session report's content, laid out once for the PDF and the HTML page.

A therapist has a couple of minutes before a session. Page 1 is what they
need then, in at most :data:`MAX_WORDS` words: the span and the days logged;
mood (its average, range, and change from the days before with its
interval in words); the check-ins and their change; connections by kind and
the give and take, as one small panel of two charts; intentions and
experiments with their progress; and the three clearest findings. Page 2
holds the charts, each titled once, each time axis spanning its data. The
appendix holds every finding, each marked as read over the span or over the
whole journal, with its numbers said by :func:`ghw.digest.how_sure`, then the
note on care.

A finding is read over the span when the span's days give it an answer
(clear or not), else over every day up to the span's end, which a span of a
few weeks often needs; the mark says which. A finding with periods of its
own (an experiment's days, the check-ins' first and last months) is always
read over the whole journal (:attr:`ghw.findings.Finding.spans`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from .. import care, checkins, digest, findings, inference, plots, reliable_change, theme, vocabulary
from ..findings import checkins as checkin_finding
from ..i18n import _, ngettext
from ..instruments import INSTRUMENTS
from ..plan import STATUS_WORDS
from ..tables import daily

if TYPE_CHECKING:  # only for annotations
    from ..summary import Summary

__all__ = ["MAX_WORDS", "Block", "Entry", "Chart", "Layout", "layout", "draw", "draw_panel", "words", "page_number"]

MAX_WORDS = 300
"""Page 1 holds at most this many words: about a minute and a quarter at an adult's usual silent reading pace."""
CLEAREST = 3
"""How many findings page 1 names."""
LISTED = 4
"""Intentions named on page 1; more are counted."""
SLACK = 10
"""Words kept in hand below :data:`MAX_WORDS`, for what a PDF's text layer may split in two ("O ffer")."""


@dataclass
class Block:
    """A part of page 1: a heading and its lines; ``panel`` puts the connections panel under them."""

    heading: str
    lines: list[str]
    panel: bool = False


@dataclass
class Entry:
    """A finding in the appendix: its title, where it was read (``scope``), its answers, numbers and sentence."""

    title: str
    scope: str
    answers: list[str]
    numbers: list[str]
    sentence: str


@dataclass
class Chart:
    """A chart of page 2: its title (drawn on it, once), how to draw it on an Axes, and whether time runs along it."""

    title: str
    draw: Callable
    wide: bool = True


@dataclass
class Layout:
    """The whole report: page 1 (``title``, ``subtitle``, ``blocks``, ``footer``), the charts, the appendix."""

    title: str
    subtitle: str
    blocks: list[Block]
    footer: str
    charts: list[Chart]
    appendix: list[Entry]
    care: list[str] = field(default_factory=list)

    def page_one(self) -> str:
        """Page 1's words as plain text, in order, with a bullet before each line of a list (the panel's own
        words and the page number aside)."""
        parts = [self.title, self.subtitle]
        for block in self.blocks:
            parts += [block.heading, *(f"• {line}" if len(block.lines) > 1 else line for line in block.lines)]
        return "\n".join([*parts, self.footer])


def words(text: str) -> int:
    """Words as a word count counts them: whatever stands between spaces ("6.3", "WHO-5" and a bullet each one)."""
    return len(text.split())


def layout(report: Summary) -> Layout:
    """The report of ``report``'s period (any span, week or month)."""
    span = _span_data(report)
    history = report.history if report.history is not None else span
    results = dict(report.results)
    entries, picked = [], []
    for name, finding in findings.FINDINGS.items():
        scope, data, result, table = _read(name, finding, span, history, results)
        sentence = finding.explain(result, data)
        if table is not None and len(table):
            table = table.assign(finding=name, scope=scope)
            picked.append(table)
        if name == "timeline":
            table = _change_reading(report)
        if not sentence and (table is None or table.empty):
            continue
        rows = [] if table is None else table.to_dict("records")
        entries.append(Entry(
            title=finding.title, scope=_scope_words(scope, report),
            answers=[f"{row['headline']}." for row in rows if row["headline"]],
            numbers=[f"{row['subject'][:1].upper()}{row['subject'][1:]}: {digest.how_sure(row)}" for row in rows],
            sentence=sentence))
    table = pd.concat(picked, ignore_index=True) if picked else pd.DataFrame(columns=[*findings.READING, "scope"])
    if report.progress is not None and len(report.progress):
        entries.insert(0, Entry(_("Intentions"), _("over the span"), [
            _("{what}: {done} ({status})").format(what=row.what, done=vocabulary.done_of(row.done, row.times),
                                                  status=STATUS_WORDS[row.status])
            for row in report.progress.itertuples()], [], ""))
    if report.reflection_sentences():  # only those the person chose to include
        entries.append(Entry(_("Reflections"), _("the ones chosen to be included"), report.reflection_sentences(), [],
                             ""))
    if report.moments:  # only when notes were let in
        entries.append(Entry(_("Good moments"), _("over the span, from the notes of the best days"),
                             [f"{day}: {text}" for day, text in report.moments], [], ""))
    before = _before(report)
    entries_said = ngettext("{n} entry", "{n} entries", len(report.entries)).format(n=len(report.entries))
    content = Layout(
        title=_("Session report: {period}").format(period=report.when),
        subtitle=ngettext("{logged} of {n} day logged ({entries})", "{logged} of {n} days logged ({entries})",
                          report.days).format(logged=report.days_logged, n=report.days, entries=entries_said),
        blocks=[],
        footer=" ".join([_("Every finding, with its numbers, is in the appendix after the charts."),
                         *([_("Names are pseudonyms.")] if report.pseudonymized else []),
                         _("Notes are included.") if report.notes_included else _("Notes are left out.")]),
        charts=_charts(report, history, results),
        appendix=entries,
        care=care.care_note().splitlines(),
    )
    for listed, clearest in ((LISTED, CLEAREST), (0, CLEAREST), (0, CLEAREST - 1)):  # within the words, if need be
        content.blocks = [
            Block(_("Mood"), [_mood(report, before)]),
            Block(_("Check-ins"), _checkins(report, before)),
            Block(_("Connections"), [_connections(report)], panel=not report.by_relationship.empty),
            Block(_("Intentions and experiments"), _plans(report, table, listed)),
            Block(_("The clearest findings"), _clearest(table, report, clearest)),
        ]
        if words(content.page_one()) + _panel_words(report) + words(page_number(1, 9)) <= MAX_WORDS - SLACK:
            break
    return content


def page_number(number: int, total: int) -> str:
    """What the foot of each page says: "page 2 of 5"."""
    return _("page {number} of {total}").format(number=number, total=total)


def _panel_words(report: Summary) -> int:
    """The words the connections panel shows: its two titles, a name and a count per kind, the two bars' names,
    and a word and a count on each of their six parts at most."""
    return 3 + 2 * len(report.by_relationship) + 3 + 6 + 2 * 6 if not report.by_relationship.empty else 0


def _span_data(report: Summary) -> findings.Data:
    """The period's own days as findings see them: its entries, its check-ins, experiments judged after it."""
    raw = report.history.checkins if report.history is not None else None
    if raw is not None:
        raw = raw.loc[(raw["date"].dt.date >= report.start) & (raw["date"].dt.date <= report.end)]
    return findings.Data(report.entries, checkins=raw, experiments=report.experiments,
                         as_of=report.end + dt.timedelta(days=1))


def _read(name, finding, span, history, results):
    """Read ``finding`` over the span if that gives an answer, else over the whole journal up to the span's end."""
    if finding.spans:
        result = finding.compute(span)
        if finding.read is None:
            return "span", span, result, None
        table = finding.read(result, span)
        if table is not None and digest.answered(table):
            return "span", span, result, table
    if name not in results:
        results[name] = finding.compute(history)
    return "journal", history, results[name], finding.read(results[name], history)


def _scope_words(scope: str, report: Summary) -> str:
    return _("over the span") if scope == "span" else _("over the whole journal, to {day}").format(day=report.end)


def _before(report: Summary) -> str:
    """The period before, as the summary compares with it: the month before, the week before, or as many days."""
    if re.fullmatch(r"\d{4}-\d{2}", report.period):
        return _("the month before")
    if re.fullmatch(r"\d{4}-W\d{2}", report.period):
        return _("the week before")
    return ngettext("the {n} day before", "the {n} days before", report.days).format(n=report.days)


def _change_reading(report: Summary) -> pd.DataFrame | None:
    """The change in mood from the period before, as a reading, for its numbers in the appendix."""
    change = report.mood_change
    if change is None:
        return None
    clear = inference.clear(change)
    row = findings.reading("change", "change", _("mood against {before}").format(before=_before(report)), change, estimate="estimate",
                           clear=clear, measure="points", unit="day", n=int(change.get("n", 0) or 0))
    return pd.DataFrame([row])


def _between(low: float, high: float) -> str:
    """An interval of a change in words: "between 1.0 lower and 0.9 higher"."""
    def side(value):
        return (_("{value} lower") if value < 0 else _("{value} higher")).format(value=f"{abs(value):.1f}")
    return _("between {low} and {high}").format(low=side(low), high=side(high))


def _mood(report: Summary, before: str) -> str:
    """Average, range, and the change from the period before with its interval in words."""
    mood = report.mood
    if not report.days_logged or not pd.notna(mood["mean"]):
        return _("Nothing was logged in this period.")
    text = _("{mean} on average, from {low} to {high}.").format(mean=f"{mood['mean']:.1f}", low=mood["min"],
                                                                 high=mood["max"]) + " "
    change = report.mood_change
    if change is None:
        return text + _("Nothing was logged in {before} to compare with.").format(before=before)
    said = {"before": before, "earlier": f"{report.previous_mood:.1f}"}
    if change["status"] == "no_variation":
        return text + _("The same as {before} ({earlier}).").format(**said)
    if change["status"] != "ok":
        return text + _("Too few days to tell whether it changed from {before} ({earlier}).").format(**said)
    said["interval"] = _between(change["ci_low"], change["ci_high"])
    if inference.clear(change):
        if change["estimate"] > 0:
            return text + _("Higher than {before} ({earlier}): a clear change, likely {interval}.").format(**said)
        return text + _("Lower than {before} ({earlier}): a clear change, likely {interval}.").format(**said)
    return text + _("No clear change from {before} ({earlier}): likely somewhere {interval}.").format(**said)


def _checkins(report: Summary, before: str) -> list[str]:
    """Each score of the period with its change from the period before; a single question said in words, in words."""
    scored = report.checkins.loc[report.checkins["score"].notna()] if report.checkins is not None else None
    if scored is None or scored.empty:
        return [_("No check-ins in this period.")]
    lines = []
    for change in report.checkin_changes:
        values = scored.loc[scored["scale"] == change["scale"], "score"].astype(int).tolist()
        if not values:
            continue
        said = {"scale": vocabulary.label(change["scale"]), "values": ", ".join(map(str, values)), "before": before,
                "first": f"{change['first']:.0f}"}
        if change["status"] == "too_few":
            text = _("{scale}: {values}; none in {before} to compare.").format(**said)
        elif change["status"] == "no_criterion":
            text = _("{scale}: {values}; {first} in {before}, with no published figures to call it a change.").format(
                **said)
        else:
            text = _("{scale}: {values}; {first} in {before}: {verdict}.").format(
                **said, verdict=reliable_change.verdict(change))
        lines.append(text)
    for scale in (s for found in INSTRUMENTS.values() for s in found.reported if s.words is not None):
        said = scored.loc[scored["scale"] == scale.name, "score"].astype(int)
        if len(said):
            lines.append(f"{scale.label}: " + ", ".join(scale.say(v) for v in said).lower() + ".")
    return lines


def _connections(report: Summary) -> str:
    kinds = report.by_relationship
    if kinds.empty:
        return _("No connections were logged in this period.")
    total = int(kinds["connections"].sum())
    connections = ngettext("{n} connection", "{n} connections", total).format(n=total)
    return ngettext("{connections} with {n} kind of relationship.", "{connections} with {n} kinds of relationship.",
                    len(kinds)).format(connections=connections, n=len(kinds))


def _plans(report: Summary, table: pd.DataFrame, listed: int = LISTED) -> list[str]:
    """Intentions met, with the first ``listed`` by name, and each experiment's state."""
    lines = []
    progress = report.progress
    if progress is not None and len(progress):
        met = int((progress["status"] == "done").sum())
        named = "; ".join(f"{row.what} {vocabulary.done_of(row.done, row.times)}"
                          for row in progress.head(listed).itertuples())
        said = {"met": met, "n": len(progress), "named": named, "more": len(progress) - listed}
        if len(progress) <= listed:
            line = ngettext("{met} of {n} intention met: {named}.", "{met} of {n} intentions met: {named}.",
                            len(progress))
        elif named:
            line = ngettext("{met} of {n} intention met: {named}; and {more} more.",
                            "{met} of {n} intentions met: {named}; and {more} more.", len(progress))
        else:
            line = ngettext("{met} of {n} intention met (each in the appendix).",
                            "{met} of {n} intentions met (each in the appendix).", len(progress))
        lines.append(line.format(**said))
    for row in table.loc[table["form"] == "experiment"].to_dict("records"):
        text = f"{row['headline']}."
        if row["status"] == "running":
            text = _("{headline} (day {n} of {needed}).").format(headline=row["headline"], n=int(row["n"]),
                                                                needed=int(row["needed"]))
        lines.append(text)
    return lines or [_("No intentions or experiments in this period.")]


def _clearest(table: pd.DataFrame, report: Summary, count: int = CLEAREST) -> list[str]:
    """The clearest findings in words, each marked where it was read (experiments have their own line above)."""
    chosen = digest.clearest(table.loc[table["form"] != "experiment"]).head(count)
    if chosen.empty:
        return [_("Nothing is clear yet: every finding could still be chance, or needs more days.")]
    return [_("{headline} ({scope}).").format(headline=row["headline"], scope=_scope_words(row["scope"], report))
            for row in chosen.to_dict("records")]


def _charts(report: Summary, history: findings.Data, results: dict) -> list[Chart]:
    """Page 2: mood in the period; the check-ins of the last year with the period marked; quality or quantity;
    the latest experiment that ran in the period."""
    charts = [Chart(_("Mood, {start} to {end}").format(start=report.start, end=report.end), lambda ax: plots.plot_mood_timeline(daily(report.entries),
                                                                                                 ax=ax))]
    raw = history.checkins
    if raw is not None and report.checkins is not None and report.checkins["score"].notna().any():
        year_ago = pd.Timestamp(report.end) - pd.Timedelta(days=365)

        def draw_checkins(ax):
            scores = checkins.scores(raw.loc[raw["date"] >= year_ago])
            days = history.daily.loc[history.daily["date"] >= year_ago]
            months = checkin_finding.monthly(scores, days)  # the scores, and how connected: the rest is on Reflect
            plots.plot_checkins(months.drop(columns=["connections", "variety", "initiative", "support"],
                                            errors="ignore"), ax=ax)
            ax.axvspan(pd.Timestamp(report.start), pd.Timestamp(report.end), color=theme.IDEA, zorder=0)
            ax.annotate(_("this period"), (pd.Timestamp(report.start), 1), xycoords=("data", "axes fraction"),
                        xytext=(2, -2), textcoords="offset points", va="top", fontsize="small", color=theme.MUTED)
            return ax

        charts.append(Chart(_("Check-ins over the last year, month by month"), draw_checkins))
    flagship = results.get("quality_vs_quantity")
    if flagship is None:
        flagship = results["quality_vs_quantity"] = findings.FINDINGS["quality_vs_quantity"].compute(history)
    n = int(flagship["n"].iat[0]) if len(flagship) else 0
    charts.append(Chart(ngettext("Quality or quantity? ({n} day, whole journal)",
                                 "Quality or quantity? ({n} days, whole journal)", n).format(n=n),
                        lambda ax: plots.plot_quality_vs_quantity(flagship, ax=ax), wide=False))
    if report.experiments is not None and len(report.experiments):
        finding = findings.FINDINGS["experiment"]
        charts.append(Chart(_("The latest experiment: act days and other days"),
                            lambda ax: finding.plot(None, history, ax)))
    return charts


def draw(chart: Chart, ax) -> None:
    """Draw ``chart`` on ``ax``, under its own title only."""
    chart.draw(ax)
    ax.set_title(chart.title)


def draw_panel(report: Summary, kinds_ax, give_ax) -> None:
    """The connections panel: connections by kind beside the give and take."""
    plots.plot_kinds(report.by_relationship, ax=kinds_ax)
    plots.plot_give_and_take(report.entries, ax=give_ax)

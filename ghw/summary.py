"""Summaries of a week, a month or any span of days: the figures of a period in plain sentences.

A :class:`Summary` is what every export writes (:mod:`ghw.exports`) and
what ``ghw summary`` prints. Periods are ``YYYY-MM`` or ISO weeks
``YYYY-Www``, handled as :class:`pandas.Period`, or a span of days written
``YYYY-MM-DD..YYYY-MM-DD`` (both days included; :func:`span`), such as the
weeks since the last session with a therapist. Names are replaced by
pseudonyms (:mod:`ghw.privacy`) and notes left out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from . import checkins as checkin_scores
from . import experiment, findings, inference, journal, privacy, reliable_change, tables, vocabulary
from . import plan as plans
from .change import mood_change
from .errors import GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _, ngettext
from .instruments import INSTRUMENTS
from .people.due import schedule
from .people.file import load_people, private_names

__all__ = ["Summary", "period", "period_range", "span", "summary", "of"]

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_SPAN = re.compile(r"(\S+)\.\.(\S+)")


@dataclass
class Summary:
    """A week, a month or a span of days in figures and sentences; see :func:`summary`.

    ``mood`` is the period's mood averaged per day first (a day with five
    entries counts once), with ``min``, ``max``, ``n`` (entries) and
    ``days``. ``mood_change`` compares it with the period before
    (:func:`ghw.change.mood_change`: ``estimate``, ``ci_low``, ``ci_high``, ``p_val``,
    ``mean_before``, ``mean_after``, ``status``, …), since moods carry over
    from day to day and two periods differ by chance more than a plain
    difference of means suggests; None when nothing was logged in the
    period before.

    ``checkins`` holds the period's check-in scores (:func:`ghw.checkins.scores`)
    and ``checkin_changes`` each score's change from the period before
    (:func:`ghw.reliable_change.change`), when the summary was given check-ins.

    ``reflections`` holds the reflections the person chose to include
    (:func:`ghw.reflections.pick`), their names already left out or replaced
    as in the entries; None (the default) when none was chosen.

    ``history`` is every day up to the period's end, as shared (the same
    pseudonyms, no private people, notes as chosen), for the findings that
    need more days than the period has; ``results`` holds the findings'
    tables computed on it so far (the session report computes the rest).
    """

    period: str
    start: dt.date
    end: dt.date
    entries: pd.DataFrame = field(repr=False)
    days_logged: int
    mood: dict
    mood_change: dict | None
    by_relationship: pd.DataFrame
    findings: dict[str, str]
    flagship: pd.DataFrame
    moments: list[tuple[dt.date, str]]
    progress: pd.DataFrame | None
    notes_included: bool
    pseudonymized: bool
    due: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    checkins: pd.DataFrame | None = field(default=None, repr=False)
    checkin_changes: list[dict] = field(default_factory=list)
    experiments: pd.DataFrame | None = None
    unsure: dict[str, int] = field(default_factory=dict)
    reflections: pd.DataFrame | None = field(default=None, repr=False)
    history: findings.Data | None = field(default=None, repr=False)
    results: dict = field(default_factory=dict, repr=False)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous_mood(self) -> float | None:
        """The period before's mood, averaged per day; None when nothing was logged then."""
        return None if self.mood_change is None else self.mood_change["mean_before"]

    @property
    def when(self) -> str:
        """The period with its days, as "2026-11 (2026-11-01 to 2026-11-30)"; a span is its days alone."""
        days = _("{start} to {end}").format(start=self.start, end=self.end)
        if self.period == str(self.start):
            return self.period
        return days if self.period == _span_name(self.start, self.end) else f"{self.period} ({days})"

    @property
    def slug(self) -> str:
        """The period as it stands in a file name: ``2026-11``, ``2026-W48`` or ``2026-09-01_2026-11-15``."""
        return self.period.replace(" to ", "_")

    def __str__(self) -> str:
        """The summary's sentences, one to a line."""
        return "\n".join(self.sentences())

    def sentences(self) -> list[str]:
        """The summary as plain sentences, most important first."""
        lines = [_("Days logged: {logged} of {days}.").format(logged=self.days_logged, days=self.days)]
        if self.days_logged == 0:
            return lines + [_("Not enough data yet: nothing was logged in this period.")]
        mood = self.mood
        said = {"mean": f"{mood['mean']:.1f}", "low": mood["min"], "high": mood["max"],
                "entries": ngettext("{n} entry", "{n} entries", mood["n"]).format(n=mood["n"]),
                "days": ngettext("{n} day", "{n} days", mood["days"]).format(n=mood["days"])}
        if self.mood_change is None:
            lines.append(_("Mood: {mean} on average per day (from {low} to {high}, {entries} on {days}).").format(
                **said))
        else:
            lines.append(_("Mood: {mean} on average per day (from {low} to {high}, {entries} on {days}); "
                           "{change}.").format(**said, change=self._change()))
        kinds = self.by_relationship
        if kinds.empty:
            lines.append(_("No connections were logged in this period."))
        else:
            listed = ", ".join(f"{vocabulary.word('relationship', r.relationship)} {r.connections}"
                               for r in kinds.itertuples(index=False))
            lines.append(ngettext("Connections: {total} with {n} kind of relationship ({listed}).",
                                  "Connections: {total} with {n} kinds of relationship ({listed}).", len(kinds)).format(
                total=int(kinds["connections"].sum()), n=len(kinds), listed=listed))
            lines.append(self._give_and_take())
        lines += self._checkins()
        lines += [s for s in self.findings.values() if s]
        if self.progress is not None and len(self.progress):
            months = self.progress["month"].nunique() > 1
            done = "; ".join((_("{what}: {done} ({status}) in {month}") if months else _("{what}: {done} ({status})"))
                             .format(what=r.what, done=vocabulary.done_of(r.done, r.times),
                                     status=vocabulary.word("status", r.status), month=r.month)
                             for r in self.progress.itertuples(index=False))
            lines.append(_("Intentions: {intentions}.").format(intentions=done))
        if self.moments:
            lines.append(_("Good moments: {moments}.").format(
                moments="; ".join(f"{day}: {text}" for day, text in self.moments)))
        lines += self.reflection_sentences()
        return lines

    def reflection_sentences(self) -> list[str]:
        """One sentence per reflection the person chose to include."""
        if self.reflections is None:
            return []
        from .lessons import LESSONS

        said = []
        for r in self.reflections.itertuples(index=False):
            parts = {"day": r.date.date(), "theme": LESSONS[r.theme].title if r.theme in LESSONS else r.theme,
                     "prompt": r.prompt, "text": " ".join(r.text.split())}
            if isinstance(r.prompt, str) and r.prompt:
                said.append(_("Reflection of {day} ({theme}), on \u201c{prompt}\u201d: {text}").format(**parts))
            else:
                said.append(_("Reflection of {day} ({theme}): {text}").format(**parts))
        return said

    def _change(self) -> str:
        """The change from the period before, called one only when it is clear (:func:`ghw.inference.clear`)."""
        change = self.mood_change
        said = {"before": f"{change['mean_before']:.1f}"}
        if change["status"] == "no_variation":  # every day's mood the same, in both periods
            return _("the same as the period before ({before})").format(**said)
        if change["status"] != "ok":
            return _("{before} in the period before: too few days to tell whether mood changed").format(**said)
        said["interval"] = _("95% interval {low} to {high}").format(low=f"{change['ci_low']:+.1f}",
                                                                     high=f"{change['ci_high']:+.1f}")
        if inference.clear(change):
            said["size"] = f"{abs(change['estimate']):.1f}"
            if change["estimate"] > 0:
                return _("{size} higher than the period before ({before}; {interval})").format(**said)
            return _("{size} lower than the period before ({before}; {interval})").format(**said)
        return _("no clear change from the period before ({before}): a difference of {difference} is within the usual "
                 "ups and downs ({interval})").format(**said, difference=f"{change['estimate']:+.1f}")

    def _checkins(self) -> list[str]:
        """One sentence per check-in score: the scores of the period, and the change from the period before."""
        if self.checkins is None:
            return []
        scored = self.checkins.loc[self.checkins["score"].notna()]
        if scored.empty:
            return [_("Check-ins: none answered in this period.")]
        lines = []
        for change in self.checkin_changes:
            scale = change["scale"]
            values = scored.loc[scored["scale"] == scale, "score"].astype(int).tolist()
            if not values:
                continue
            name = vocabulary.name(scale)
            said = {"scale": f"{name[0].upper()}{name[1:]}", "values": ", ".join(map(str, values)),
                    "checkins": ngettext("{n} check-in", "{n} check-ins", len(values)).format(n=len(values)),
                    "mean": f"{change['second']:.1f}", "first": f"{change['first']:.1f}",
                    "diff": f"{change['diff']:+.1f}", "low": f"{change['ci_low']:+.1f}", "high": f"{change['ci_high']:+.1f}"}
            if change["status"] == "too_few":
                text = _("{scale}: {checkins} ({values}), {mean} on average; none in the period before to compare "
                         "with.")
            elif change["status"] == "no_criterion":
                text = _("{scale}: {checkins} ({values}), {mean} on average; {first} in the period before ({diff}), "
                         "{status}.")
                said["status"] = vocabulary.status_text("no_criterion")
            else:
                text = _("{scale}: {checkins} ({values}), {mean} on average; {first} in the period before ({diff}, "
                         "95% interval {low} to {high}): {verdict}.")
                said["verdict"] = reliable_change.verdict(change)
            lines.append(text.format(**said))
        for scale in (s for found in INSTRUMENTS.values() for s in found.reported if s.words is not None):
            said = scored.loc[scored["scale"] == scale.name, "score"].astype(int)
            if len(said):  # a single question: its answers in words, never an average of categories
                lines.append(_("{scale}: {answers}.").format(scale=scale.label,
                                                             answers=", ".join(scale.say(v) for v in said)))
        incomplete = self.checkins.loc[~self.checkins["complete"], "checkin"].nunique()
        if incomplete:
            lines.append(ngettext("{n} check-in left a question out and was scored only where the questionnaire's "
                                  "rules allow.", "{n} check-ins left a question out and were scored only where the "
                                  "questionnaire's rules allow.", incomplete).format(n=incomplete))
        return lines

    def _give_and_take(self) -> str:
        connections = self.entries.loc[self.entries["relationship"].notna()]
        reached = connections["initiated_by"].value_counts()
        support = connections["support"].value_counts()
        if not reached.sum() and not support.sum():
            return _("Give and take: not logged in this period.")
        parts = []
        if reached.sum():
            mine = int(reached.get("me", 0))
            parts.append(ngettext("you reached out {n} time, others {others}, both {both}",
                                  "you reached out {n} times, others {others}, both {both}", mine).format(
                n=mine, others=reached.get("them", 0), both=reached.get("mutual", 0)))
        if support.sum():
            gave = int(support.get("gave", 0))
            parts.append(ngettext("you gave support {n} time, received {received}, both ways {both}",
                                  "you gave support {n} times, received {received}, both ways {both}", gave).format(
                n=gave, received=support.get("received", 0), both=support.get("both", 0)))
        return _("Give and take: {parts}.").format(parts="; ".join(parts))


def _span_name(start: dt.date, end: dt.date) -> str:
    """A span's period as it stands in a share and, "to" made "_", in a file name (:attr:`Summary.slug`): kept as
    it is in every language, since both are read back."""
    return f"{start} to {end}"


def span(since, until=None) -> str:
    """The span from ``since`` to ``until`` (default today) as a period text, ``YYYY-MM-DD..YYYY-MM-DD``."""
    until = until or dt.date.today()
    return f"{since}..{until}"


def _span_range(text: str) -> tuple[dt.date, dt.date] | None:
    found = _SPAN.fullmatch(str(text).strip())
    if not found:
        return None
    days = []
    for part in found.groups():
        try:
            if len(part) != 10:
                raise ValueError
            days.append(dt.date.fromisoformat(part))
        except ValueError:
            raise GhwError(_("{text!r} is not a date written as YYYY-MM-DD, like 2026-11-25.").format(text=part)) \
                from None
    if days[0] > days[1]:
        raise GhwError(_("The span starts on {start}, after it ends on {end}; give the earlier day first.").format(
            start=days[0], end=days[1]))
    return days[0], days[1]


def period(text: str) -> pd.Period:
    """``YYYY-MM`` as a monthly :class:`pandas.Period`, ``YYYY-Www`` as a weekly one (Monday to Sunday)."""
    text = str(text).strip()
    month, week = _MONTH.fullmatch(text), _WEEK.fullmatch(text)
    try:
        if month:
            return pd.Period(text, freq="M")
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return pd.Period(monday, freq="W-SUN")
    except (ValueError, OverflowError):
        raise GhwError((_("{text!r} is not a week ghw can use.") if week else _("{text!r} is not a month ghw can use."))
                       .format(text=text)) from None
    raise GhwError(_("{text!r} is not a month (YYYY-MM, like 2026-11), a week (YYYY-Www, like 2026-W48) or a span of "
                     "days (YYYY-MM-DD..YYYY-MM-DD, like 2026-09-01..2026-11-15).").format(text=text))


def _name(p: pd.Period) -> str:
    if p.freqstr.startswith("W"):
        try:
            year, week = p.start_time.date().isocalendar()[:2]
        except (ValueError, OverflowError, NotImplementedError, pd.errors.OutOfBoundsDatetime):
            raise GhwError(_("That week is outside the dates ghw can handle.")) from None
        return f"{year}-W{week:02d}"
    return p.strftime("%Y-%m")


FIRST_YEAR, LAST_YEAR = 1900, 9998  # periods ghw summarizes; the period before and after must exist too


def period_range(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``YYYY-MM``, an ISO week ``YYYY-Www`` or a span ``YYYY-MM-DD..YYYY-MM-DD``."""
    days = _span_range(text)
    if not days:
        p = period(text)
        try:
            days = p.start_time.date(), p.end_time.date()
        except (ValueError, OverflowError, NotImplementedError, pd.errors.OutOfBoundsDatetime):
            days = None
    if days is None or days[0].year < FIRST_YEAR or days[1].year > LAST_YEAR:
        raise GhwError(_("{text!r} is outside the dates ghw summarizes ({first} to {last}).").format(
            text=text, first=FIRST_YEAR, last=LAST_YEAR))
    return days


def of(folder: JournalFolder, period_text: str, *, notes: bool = False, names: bool = False,
       reflections: pd.DataFrame | None = None) -> Summary:
    """The summary of a period of the journal in ``folder``, with everything beside it that a summary holds.

    The one way a summary of a person's journal is made: ``ghw summary``,
    ``ghw export``, ``ghw share``, the share form's preview and what it
    writes, and :func:`ghw.sharing.share` all call it, so that they hold the
    same entries, intentions, people, check-ins and experiments, under the
    same pseudonyms. Each file is read through ``folder`` (once, until
    :meth:`ghw.folder.JournalFolder.reload`), so a preview and the write after
    it are made from the very same data. A journal with a line ghw cannot
    read is refused with every such line named (:class:`ghw.errors.ValidationError`)
    rather than summarised without it. Names become pseudonyms from the
    journal's own key unless ``names``; the sample's are made with a fresh
    key, since the sample's people are nobody's. ``notes`` and
    ``reflections`` are as in :func:`summary`.
    """
    entries, problems = folder.read("journal", journal.check)
    if len(problems):
        raise ValidationError(problems, source=str(folder.source("journal")))
    key = None if names or folder.sample else privacy.key_for(folder.journal)
    return summary(entries, period_text, plan=folder.read("plan", plans.load_plan),
                   people=folder.read("people", load_people), notes=notes, names=names, key=key,
                   checkins=folder.read("checkins", checkin_scores.load_checkins),
                   experiments=folder.read("experiments", experiment.load), reflections=reflections)


def summary(entries: pd.DataFrame, period_text: str, *, plan: pd.DataFrame | None = None,
            people: pd.DataFrame | None = None, notes: bool = False, names: bool = False,
            key: bytes | None = None, checkins: pd.DataFrame | None = None,
            experiments: pd.DataFrame | None = None, reflections: pd.DataFrame | None = None) -> Summary:
    """Summarize a period (``YYYY-MM``, ``YYYY-Www`` or ``YYYY-MM-DD..YYYY-MM-DD``) of ``entries``.

    By default it is safe to share: notes are left out and names are
    replaced by pseudonyms. ``notes=True`` lets the best moments quote notes;
    ``names=True`` keeps names as written. ``key`` is the journal's pseudonym
    key (:func:`ghw.privacy.key_for`); without one, pseudonyms are made with a
    fresh key and agree only within this summary. The findings marked for
    summaries use every day up to the period's end, since a week alone is
    too short for them.

    Everything the summary holds passes through one :class:`ghw.privacy.Shield`
    (every field of every entry, the user's own columns too; intentions,
    people due and experiments), so that every export, the printed summary
    and a share leave names out the same way. ``people`` is the people file
    (:func:`ghw.people.file.load_people`): people marked private there are left
    out entirely, with the intentions and experiments naming them, and
    wished rhythms set ``due``: who becomes due by the period's end, counted
    from the last contact before it ends (:func:`ghw.people.due.schedule`).
    ``unsure`` lists the names left as written because they are also
    everyday words (written without a capital), for the preview to say.

    A span of days is compared with as many days just before it, and
    reports every finding whose 95% interval is clear (over all days up to
    the span's end) instead of the summary findings alone. ``checkins``
    (:func:`ghw.checkins.load_checkins`) adds the period's check-in scores and
    their change from the period before. ``experiments``
    (:func:`ghw.experiment.load`) that run during the period are judged as of
    the day after it, with their acts under the same pseudonyms.

    ``reflections`` are only those the person picked to include
    (:func:`ghw.reflections.pick`): none by default, so that what someone
    wrote in the programme never leaves unless they choose it. Their texts
    and prompts go through the same name rules as notes (private people
    become "someone", others pseudonyms unless ``names``).

    Long because it gathers every part a summary holds, each passed through the one shield in turn;
    the parts are small, and the order in which they meet the shield is the point.
    """
    days = _span_range(period_text)
    if days:
        start, end = period_range(period_text)
        name = _span_name(start, end) if start != end else str(start)
        previous_start = start - (end - start) - dt.timedelta(days=1)
        months = pd.period_range(start, end, freq="M").strftime("%Y-%m")
        progress = (pd.concat([plans.progress(plan, entries, m).assign(month=m) for m in months], ignore_index=True)
                    if plan is not None else None)
    else:
        p = period(period_text)
        start, end = period_range(period_text)
        name = _name(p)
        try:
            previous_start, _ = period_range(_name(p - 1))
        except GhwError:  # the first period there can be
            previous_start = start
        progress = plans.progress(plan, entries, name) if plan is not None and p.freqstr == "M" else None
    if not notes:
        entries = entries.assign(note=pd.Series(pd.NA, index=entries.index, dtype="str"))
    shield = _shield(entries, plan, people, experiments, key=key, names=names)
    if progress is not None:
        progress = shield.table(progress.loc[~shield.private_rows(progress)], ["what", "person"])
    theirs = shield.private_rows(entries)
    due = schedule(entries.loc[~theirs & (entries["date"].dt.date <= end)], people)
    due = shield.table(due.loc[due["due_on"].dt.date <= end].reset_index(drop=True), ["person"])
    if experiments is not None:
        last = experiments["stopped"].fillna(experiments["end"])
        experiments = experiments.loc[(experiments["start"] <= pd.Timestamp(end)) & (last >= pd.Timestamp(start))]
        experiments = shield.table(experiments.loc[~shield.private_rows(experiments)], ["act", "person"])
    if reflections is not None:
        reflections = shield.table(reflections.reset_index(drop=True), ["prompt", "text"])
    entries = shield.entries(entries)
    dates = entries["date"].dt.date
    inside = entries.loc[(dates >= start) & (dates <= end)]
    moods = inside["mood"].astype("float64")
    per_day = tables.daily(entries.loc[(dates >= previous_start) & (dates <= end)])
    this_period = per_day.dropna(subset=["mood"]).loc[lambda d: d["date"].dt.date >= start, "mood"]
    mood = {"mean": this_period.mean(), "min": int(moods.min()) if len(moods) else None,
            "max": int(moods.max()) if len(moods) else None, "n": len(moods), "days": len(this_period)}
    change = mood_change(per_day, start)
    connections = inside.loc[inside["relationship"].notna()]
    by_kind = (connections.groupby("relationship")
               .agg(connections=("id", "size"), quality=("quality", "mean"))
               .sort_values("connections", ascending=False).reset_index())
    until = checkins.loc[checkins["date"].dt.date <= end] if checkins is not None else None
    history = findings.Data(entries.loc[dates <= end], checkins=until, experiments=experiments,
                            as_of=end + dt.timedelta(days=1))
    chosen = {n: f for n, f in findings.FINDINGS.items() if f.in_summary or days}
    results = {n: f.compute(history) for n, f in chosen.items()}
    if days:  # a span reports what is clear, with its interval
        chosen = {n: f for n, f in chosen.items() if _clear(results[n])}
    table, changes = None, []
    if checkins is not None:
        every = checkin_scores.scores(checkins)
        table = every.loc[(every["date"].dt.date >= start) & (every["date"].dt.date <= end)].reset_index(drop=True)
        for scale in checkin_scores.compared(checkins):
            changes.append(reliable_change.change(every, scale, (previous_start, start - dt.timedelta(days=1)),
                                                 (start, end)))
    moments = []
    if notes:
        noted = inside.loc[inside["note"].notna()].sort_values(["mood", "date"], ascending=[False, True]).head(3)
        moments = [(d.date(), n.replace("\n", " ")) for d, n in zip(noted["date"], noted["note"])]
    return Summary(
        period=name, start=start, end=end, entries=inside, days_logged=inside["date"].nunique(), mood=mood,
        mood_change=change, by_relationship=by_kind,
        findings={n: f.explain(results[n], history) for n, f in chosen.items()},
        flagship=results.get("quality_vs_quantity"), moments=moments,
        progress=progress, notes_included=notes, pseudonymized=not names, due=due, checkins=table,
        checkin_changes=changes, experiments=experiments, unsure=shield.unsure,
        reflections=reflections, history=history, results=results,
    )


def _shield(entries: pd.DataFrame, plan: pd.DataFrame | None, people: pd.DataFrame | None,
            experiments: pd.DataFrame | None, *, key: bytes | None, names: bool) -> privacy.Shield:
    """The one shield for everything a summary holds: every person named in the journal, the plan, the experiments
    and the people file, with those marked private in the people file."""
    named = [entries["person"]]
    named += [table["person"] for table in (plan, experiments, people) if table is not None and "person" in table]
    every = pd.concat(named, ignore_index=True).dropna().astype("str").unique()
    return privacy.Shield(every, private=private_names(people, every), key=key, keep_names=names)


def _clear(result) -> bool:
    """Whether a finding's table holds a clear result (:func:`ghw.inference.clear`, the rule its sentence uses)."""
    if not isinstance(result, pd.DataFrame) or "status" not in result.columns:
        return False
    return any(inference.clear(row) for _, row in result.iterrows())

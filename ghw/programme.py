"""The monthly self-study programme: learn, reflect, practise, rest, then look back, one theme a month.

Each calendar month has a theme (one of :data:`ghw.lessons.LESSONS`) and
five steps by the day of the month: days 1 to 7 *learn* (the lesson, and a
baseline check-in where one is due), 8 to 14 *reflect* (a prompt beside
your own findings), 15 to 21 *practise* (the lesson's small practice, as an
intention or an experiment), 22 to 28 *rest* (nudges and due lists go
quiet; time alone may be noted as restful or lonely), and from the 29th
*review* (the month against the one before, through the summaries' own
tests, and the next theme). Every step can be opened at any time; the date
only decides what is suggested and when the rest week is.

The person's choices are kept in ``programme.csv`` beside the journal
(``docs/programme-format.md``), one line per choice, only ever appended
(every function here takes the journal's path and finds the file beside it): a
theme chosen for a month, a step skipped, a pause, a resume. Without a
choice, a month's theme follows on from the last one chosen or written
about (in ``reflections.csv``), or else from the month of the journal's
first entry, so the themes go round by themselves. Nothing here ever
reminds or insists: pausing stops the programme's suggestions (and its rest
weeks), and a skipped step is simply not suggested.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import rules, sidefiles, storage
from .errors import GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _, ngettext
from .lessons import LESSONS, Lesson

if TYPE_CHECKING:  # only for annotations: the programme's state loads without summaries or SciPy
    from .summary import Summary

__all__ = ["STEPS", "ACTIONS", "PROGRAMME_COLUMNS", "STEP_TITLES", "STEP_WORDS", "Month", "Review",
           "programme_path", "load_programme", "choose_theme", "skip", "pause", "resume", "state", "quiet",
           "prompt_for", "stirs", "suggestion", "joined", "review", "month_of", "next_month"]

STEPS = ("learn", "reflect", "practise", "rest", "review")
STEP_TITLES = {"learn": _("Learn"), "reflect": _("Reflect"), "practise": _("Practise"), "rest": _("Rest"),
               "review": _("Review")}
"""Each step's name as a heading or a button says it."""
STEP_WORDS = {"learn": _("learn"), "reflect": _("reflect"), "practise": _("practise"), "rest": _("rest"),
              "review": _("review")}
"""Each step's name as it stands inside a sentence ("today is the learn step")."""
_FIRST_DAY = {"learn": 1, "reflect": 8, "practise": 15, "rest": 22, "review": 29}
ACTIONS = ("theme", "skip", "pause", "resume")
SKIPPABLE = (*STEPS, "month")
PROGRAMME_COLUMNS = ("date", "month", "action", "value")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_MONTH_PROBLEM = _("must be a month written as YYYY-MM, like 2026-11")
_PROMPTS = {
    "learn": _("What in this lesson rang true for you, and what did not?"),
    "practise": _("How did the practice go? What was easier, or harder, than you expected?"),
    "rest": _("How did your time alone feel this week: restful, lonely, or some of each?"),
    "review": _("Looking back on this month, what would you like to keep, and what would you let go of?"),
}

_RULES = {
    "date": rules.Rule(rules.date, rules.DATE_PROBLEM, "datetime64[s]",
                       required=_("is required: the day the choice was made, as YYYY-MM-DD")),
    "month": rules.Rule(lambda text: text if _MONTH.fullmatch(text) else rules.INVALID, _MONTH_PROBLEM),
    "action": rules.Rule(rules.choice(ACTIONS), _("must be one of: {codes}").format(codes=", ".join(ACTIONS)),
                         required=_("must be one of: {codes}").format(codes=", ".join(ACTIONS))),
    "value": rules.Rule(rules.text, ""),
}


def month_of(day: dt.date) -> str:
    """The month of ``day`` as ``YYYY-MM``."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str, by: int = 1) -> str:
    """The month ``by`` months after ``month`` (``YYYY-MM``)."""
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _months_between(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = (map(int, m.split("-")) for m in (first, last))
    return (y2 - y1) * 12 + m2 - m1


# -- the file ---------------------------------------------------------------


def programme_path(journal: str | os.PathLike | None = None) -> Path:
    """``programme.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal).programme


def _check_row(values: Mapping[str, str]) -> tuple[dict, list[tuple[str, str, str]]]:
    """One choice, checked: a theme or a skip names its month and what; a skip names a step or the month."""
    row, problems = rules.check(values, _RULES)
    action, value = row["action"], row["value"] or ""
    if action in ("theme", "skip") and row["month"] is None and not problems:
        problems.append(("month", "", _("is required for a {action}: {problem}").format(action=action,
                                                                                      problem=_MONTH_PROBLEM)))
    if action == "theme" and not value:
        problems.append(("value", value, _("is required for a theme: the lesson's name ({names})").format(
            names=", ".join(LESSONS))))
    if action == "skip" and value not in SKIPPABLE:
        problems.append(("value", value, _("must be one of: {codes}").format(codes=", ".join(SKIPPABLE))))
    row["value"] = value
    return row, problems


def load_programme(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check ``programme.csv``; a missing file holds no choices.

    Returns one row per choice, in the order they were made (``date``,
    ``month``, ``action``, ``value``). Every problem is listed with its line
    in one :class:`~ghw.errors.ValidationError`.
    """
    rows = rules.load(path or programme_path(), "programme", PROGRAMME_COLUMNS, _check_row)
    return rules.table(rows, _RULES)


def _record(journal, action: str, value: str = "", month: str | None = None, today: dt.date | None = None) -> dict:
    """Append one choice to the programme file beside ``journal``."""
    path = programme_path(journal)
    day = today or dt.date.today()
    values = {"date": day.isoformat(), "month": month or "", "action": action, "value": value}
    row, problems = _check_row(values)
    if problems:
        raise ValidationError.from_rows(problems, source=_("This choice"))
    with storage.locked(path):
        sidefiles.append(path, "programme", PROGRAMME_COLUMNS, [values])
    return row


def choose_theme(journal, theme: str, *, month: str | None = None, today: dt.date | None = None) -> Lesson:
    """Make ``theme`` (a lesson's name) the theme of ``month`` (default: this month)."""
    if theme not in LESSONS:
        raise GhwError(_("There is no theme {theme!r}; the themes are: {names}.").format(theme=theme,
                                                                                         names=", ".join(LESSONS)))
    _record(journal, "theme", theme, month or month_of(today or dt.date.today()), today)
    return LESSONS[theme]


def skip(journal, step: str, *, month: str | None = None, today: dt.date | None = None) -> None:
    """Skip ``step`` (or the whole ``"month"``) in ``month`` (default: this month): it is not suggested.

    Skipping ``rest`` (or the month) keeps the usual nudges on through that week.
    """
    if step not in SKIPPABLE:
        raise GhwError(_("There is no step {step!r} to skip; the steps are: {names}.").format(
            step=step, names=", ".join(SKIPPABLE)))
    _record(journal, "skip", step, month or month_of(today or dt.date.today()), today)


def pause(journal, *, today: dt.date | None = None) -> None:
    """Pause the programme from today: no suggestions and no rest weeks until it is resumed."""
    _record(journal, "pause", today=today)


def resume(journal, *, today: dt.date | None = None) -> None:
    """Resume a paused programme from today."""
    _record(journal, "resume", today=today)


# -- where a person is --------------------------------------------------------


@dataclass(frozen=True)
class Month:
    """The programme on one day: the month's theme, the step of the day, and the person's choices.

    ``chosen`` says whether the theme was chosen (else it followed on);
    ``paused_since`` is the day of the pause in force (or None);
    ``skipped`` holds the steps skipped this month (``"month"`` for all).
    """

    month: str
    today: dt.date
    step: str
    lesson: Lesson
    chosen: bool
    paused_since: dt.date | None
    skipped: frozenset[str]

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    def skips(self, step: str) -> bool:
        """Whether ``step`` is skipped this month."""
        return step in self.skipped or "month" in self.skipped

    @property
    def running(self) -> bool:
        """Whether the step of the day is on: not paused, and not skipped."""
        return not self.paused and not self.skips(self.step)

    @property
    def quiet(self) -> bool:
        """Whether nudges and due lists rest today: the rest week, running."""
        return self.step == "rest" and self.running

    def first_day(self, step: str) -> dt.date:
        """The day ``step`` starts this month (for ``review``, the 29th, which a short February lacks)."""
        year, number = map(int, self.month.split("-"))
        return dt.date(year, number, min(_FIRST_DAY[step], calendar.monthrange(year, number)[1]))

    def last_day(self, step: str) -> dt.date:
        """The last day of ``step`` this month."""
        year, number = map(int, self.month.split("-"))
        end = calendar.monthrange(year, number)[1]
        following = STEPS.index(step) + 1
        last = _FIRST_DAY[STEPS[following]] - 1 if following < len(STEPS) else end
        return dt.date(year, number, min(last, end))

    @property
    def next_month(self) -> str:
        return next_month(self.month)


def _step_of(day: dt.date) -> str:
    return next(step for step in reversed(STEPS) if day.day >= _FIRST_DAY[step])


def _anchors(events: pd.DataFrame, reflections: pd.DataFrame | None, first_day) -> dict[str, tuple[str, bool]]:
    """Months whose theme is known: ``{month: (theme, chosen)}``, from choices, reflections and the first entry."""
    anchors: dict[str, tuple[str, bool]] = {}
    if first_day is not None:
        anchors[month_of(first_day)] = (next(iter(LESSONS)), False)
    if reflections is not None and len(reflections):
        written = reflections.loc[reflections["theme"].isin(list(LESSONS))]
        for month, theme in zip(written["date"].dt.strftime("%Y-%m"), written["theme"]):
            anchors[month] = (theme, False)  # the last one written in a month stands for it
    chosen = events.loc[(events["action"] == "theme") & events["value"].isin(list(LESSONS))]
    for month, theme in zip(chosen["month"], chosen["value"]):
        anchors[month] = (theme, True)  # a later choice for the same month wins
    return anchors


def _theme(month: str, anchors: dict[str, tuple[str, bool]]) -> tuple[Lesson, bool]:
    if month in anchors:
        theme, chosen = anchors[month]
        return LESSONS[theme], chosen
    earlier = sorted(m for m in anchors if m < month)
    if not earlier:
        return next(iter(LESSONS.values())), False
    names = list(LESSONS)
    theme = anchors[earlier[-1]][0]
    return LESSONS[names[(names.index(theme) + _months_between(earlier[-1], month)) % len(names)]], False


def state(journal: str | os.PathLike | None = None, *, today: dt.date | None = None,
          entries: pd.DataFrame | None = None, reflections: pd.DataFrame | None = None,
          month: str | None = None) -> Month:
    """Where the programme stands on ``today`` for the journal at ``journal``.

    ``entries`` (the journal) dates the first month when no theme was ever
    chosen or written about; ``reflections`` (default: ``reflections.csv``
    beside the journal) carry the themes written about. ``month`` asks about
    another month (its theme and skips; the step is then its first).
    """
    from .reflections import load_reflections, reflections_path

    today = today or dt.date.today()
    events = load_programme(programme_path(journal))
    if reflections is None:
        reflections = load_reflections(reflections_path(journal))
    first = entries["date"].min().date() if entries is not None and len(entries) else None
    this = month or month_of(today)
    lesson, chosen = _theme(this, _anchors(events, reflections, first))
    until = events.loc[events["date"].dt.date <= today]
    switches = until.loc[until["action"].isin(["pause", "resume"])]
    paused = (switches["date"].iloc[-1].date() if len(switches) and switches["action"].iloc[-1] == "pause"
              else None)
    skipped = frozenset(events.loc[(events["action"] == "skip") & (events["month"] == this), "value"])
    step = _step_of(today) if this == month_of(today) else STEPS[0]
    return Month(month=this, today=today, step=step, lesson=lesson, chosen=chosen, paused_since=paused,
                 skipped=skipped)


def quiet(journal: str | os.PathLike | None = None, *, today: dt.date | None = None) -> bool:
    """Whether nudges and due lists should rest today (the rest week of a running programme).

    Cheap enough for every redraw: it reads ``programme.csv`` alone. A file
    with problems never silences anything (the This month tab says what is
    wrong with it).
    """
    today = today or dt.date.today()
    if _step_of(today) != "rest":
        return False
    try:
        events = load_programme(programme_path(journal))
    except GhwError:
        return False
    until = events.loc[events["date"].dt.date <= today]
    switches = until.loc[until["action"].isin(["pause", "resume"])]
    if len(switches) and switches["action"].iloc[-1] == "pause":
        return False
    skipped = events.loc[(events["action"] == "skip") & (events["month"] == month_of(today)), "value"]
    return not {"rest", "month"} & set(skipped)


# -- words --------------------------------------------------------------------


def prompt_for(step: str, lesson: Lesson) -> str:
    """The reflection prompt of ``step`` in a month on ``lesson``: the lesson's own in the reflect week."""
    return lesson.prompt if step == "reflect" else _PROMPTS[step]


def stirs(step: str, lesson: Lesson) -> bool:
    """Whether the prompt of ``step`` could stir something, so that the care note goes with it."""
    return lesson.care or step == "rest" or (step == "reflect" and lesson.stirring)


def suggestion(now: Month, *, due: Iterable[str] = (), written: int = 0, practising: bool = False) -> str:
    """Today's suggestion, in a sentence or two; it never insists.

    ``due`` are the titles of check-ins that are due (offered as a
    baseline in the learn week), ``written`` how many reflections were
    written this month on the prompt of the day's step, and ``practising``
    whether this month's practice is already an intention or an experiment.
    """
    if now.paused:
        return _("The programme is paused (since {day}). Resume it whenever you like; nothing is missed.").format(
            day=now.paused_since)
    if now.skips(now.step):
        following = STEPS[STEPS.index(now.step) + 1] if now.step != "review" else None
        text = _("You are skipping {step} this month.").format(step=STEP_WORDS[now.step])
        if following and not now.skips(following):
            text += " " + _("{step} starts on {day}.").format(step=STEP_TITLES[following],
                                                              day=now.first_day(following))
        return text
    lesson = now.lesson
    until = now.last_day(now.step)
    if now.step == "learn":
        text = ngettext("This month's theme is {title}: a {n}-minute read, whenever suits you.",
                        "This month's theme is {title}: a {n}-minute read, whenever suits you.",
                        lesson.minutes).format(title=lesson.title, n=lesson.minutes)
        due = list(due)
        if due:
            text += " " + _("A check-in is due ({titles}): done this week, it gives the month a starting point to "
                            "look back on.").format(titles=joined(due))
        return text
    if now.step == "reflect":
        if written:
            return _("You have written on this week's question; add to it if you like, until {day}.").format(day=until)
        return _("A question to sit with this week, beside what your journal shows: {prompt}").format(
            prompt=lesson.prompt)
    if now.step == "practise":
        if practising or lesson.kind == "alone":
            return _("This week's practice: {practice}").format(practice=lesson.practice)
        return _("This week's practice: {practice} One tap makes it this month's intention or an experiment.").format(
            practice=lesson.practice)
    if now.step == "rest":
        return _("Rest week, until {day}: nothing to do, and ghw's reminders are quiet. If you spend time alone, you "
                 "may note whether it felt restful or lonely.").format(day=until)
    return _("Time to look back on {month} and compare it with the month before. Next month's theme will be "
             "offered; choose another if you like.").format(month=now.month)


def joined(words: Iterable[str]) -> str:
    """``words`` said one after the other: "A and B", "A and B and C"."""
    return functools.reduce(lambda these, that: _("{these} and {that}").format(these=these, that=that), words)


# -- the month in review --------------------------------------------------------


@dataclass
class Review:
    """A month looked back on: its summary (compared with the month before), what was written and noted."""

    month: str
    lesson: Lesson
    summary: Summary  # mood, check-ins and intentions, against the month before
    reflections: int
    alone: dict[str, int]
    alone_before: dict[str, int]
    next_month: str
    next_lesson: Lesson

    def lines(self) -> list[str]:
        """The review in sentences: the theme, the summary's own sentences, time alone, and the next theme."""
        n = self.reflections
        lines = [_("{month}: the theme was {title}, and you wrote no reflections.") if not n else
                 ngettext("{month}: the theme was {title}, and you wrote {n} reflection.",
                          "{month}: the theme was {title}, and you wrote {n} reflections.", n)]
        lines[0] = lines[0].format(month=self.month, title=self.lesson.title, n=n)
        lines += self.summary.sentences()
        if sum(self.alone.values()) or sum(self.alone_before.values()):
            lines.append(_("Time alone noted: {restful} restful and {lonely} lonely (the month before: "
                           "{restful_before} and {lonely_before}).").format(
                restful=self.alone["restful"], lonely=self.alone["lonely"],
                restful_before=self.alone_before["restful"], lonely_before=self.alone_before["lonely"]))
        lines.append(_("Next month ({month}): {title}. Choose another theme if you like.").format(
            month=self.next_month, title=self.next_lesson.title))
        return lines


def review(folder: JournalFolder, month: str, *, reflections: pd.DataFrame | None = None,
           today: dt.date | None = None) -> Review:
    """Look back on ``month`` (``YYYY-MM``) of the journal in ``folder``: its summary, with names as written.

    The summary is :func:`ghw.summary.of` of the month, the one every summary
    of a journal comes from (``ghw summary``, the share form, sharing), so the
    review says what the summary says: the month against the one before
    through the same tests (mood through
    :func:`ghw.inference.group_difference`, check-ins through
    :func:`ghw.reliable_change.change`), with the intentions, people,
    check-ins and experiments read beside the journal (the sample's, while the
    folder shows the sample). The review adds how many reflections were
    written (``reflections``, default the folder's), the time alone noted this
    month and the month before, and the theme that follows.
    """
    from . import journal
    from . import summary as summaries
    from .reflections import load_reflections

    if not _MONTH.fullmatch(str(month)):
        raise GhwError(_("{month!r} is not a month written as YYYY-MM, like 2026-11.").format(month=month))
    report = summaries.of(folder, month, names=True)
    entries = folder.read("journal", journal.check)[0]
    if reflections is None:
        reflections = folder.read("reflections", load_reflections)
    this = state(folder.journal, today=today, entries=entries, reflections=reflections, month=month)
    following = state(folder.journal, today=today, entries=entries, reflections=reflections,
                      month=next_month(month))

    def alone(in_month: str) -> dict[str, int]:
        if "alone" not in entries:
            return {"restful": 0, "lonely": 0}
        noted = entries.loc[entries["date"].dt.strftime("%Y-%m") == in_month, "alone"].value_counts()
        return {kind: int(noted.get(kind, 0)) for kind in ("restful", "lonely")}

    written = int((reflections["date"].dt.strftime("%Y-%m") == month).sum()) if len(reflections) else 0
    return Review(month=month, lesson=this.lesson, summary=report, reflections=written, alone=alone(month),
                  alone_before=alone(next_month(month, -1)), next_month=next_month(month),
                  next_lesson=following.lesson)

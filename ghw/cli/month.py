"""``ghw month``: the self-study programme from a terminal, as the This month tab shows it.

Without an action it says the month's theme, the step of the day and
today's suggestion; the actions read the lesson, write a reflection, list
the reflections, choose a theme, skip a step, pause, resume, and look back
on a month. Every error is one plain line (the command line's own
:func:`ghw.cli.main` prints it).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .. import care, checkins, journal, programme, schema
from ..errors import GhwError
from ..folder import JournalFolder
from ..i18n import _
from ..lessons import LESSONS, to_text
from ..reflections import load_reflections, pick, reflections_path
from ..reflections import save as save_reflection
from ._common import journal_option

__all__ = ["chosen_reflections", "register"]


def register(commands) -> None:
    """Add ``ghw month`` and its actions."""
    month = commands.add_parser("month", help=_("this month's theme and step in the self-study programme, and "
                                                "today's suggestion"),
                                description=_("Each month: learn (days 1-7), reflect (8-14), practise (15-21), rest "
                                              "(22-28: reminders are quiet), review (29 on). Without an action: where "
                                              "you are today."))
    actions = month.add_subparsers(metavar="ACTION")
    lesson = actions.add_parser("lesson", help=_("read this month's lesson (or another theme's), with its sources"))
    lesson.add_argument("theme", nargs="?", choices=list(LESSONS), metavar="THEME", help=", ".join(LESSONS))
    lesson.set_defaults(run=_lesson)
    reflect = actions.add_parser("reflect", help=_("write a reflection on the question of the day's step (kept "
                                                   "private)"))
    reflect.add_argument("text", help=_("what you want to say, in quotes"))
    reflect.add_argument("--step", choices=programme.STEPS, help=_("answer another step's question"))
    reflect.set_defaults(run=_reflect)
    listing = actions.add_parser("reflections", help=_("list your reflections with their ids (to pick for an export)"))
    listing.set_defaults(run=_reflections)
    theme = actions.add_parser("theme", help=_("list the themes, or choose one for this month (or --month)"))
    theme.add_argument("theme", nargs="?", choices=list(LESSONS), metavar="THEME", help=", ".join(LESSONS))
    theme.add_argument("--month", help=_("YYYY-MM (default this month)"))
    theme.set_defaults(run=_theme)
    skipping = actions.add_parser("skip", help=_("skip a step this month (rest: reminders stay on that week)"))
    skipping.add_argument("step", choices=programme.SKIPPABLE, help=", ".join(programme.SKIPPABLE))
    skipping.add_argument("--month", help=_("YYYY-MM (default this month)"))
    skipping.set_defaults(run=_skip)
    pausing = actions.add_parser("pause", help=_("pause the programme: no suggestions and no rest weeks"))
    pausing.set_defaults(run=_pause)
    resuming = actions.add_parser("resume", help=_("resume the programme"))
    resuming.set_defaults(run=_resume)
    looking = actions.add_parser("review", help=_("look back on a month, compared with the month before"))
    looking.add_argument("--month", help=_("YYYY-MM (default: this month from the 29th, else last month)"))
    looking.set_defaults(run=_review)
    steps = (lesson, reflect, listing, theme, skipping, pausing, resuming, looking)
    journal_option(month, actions=steps, help=_("journal file; the programme's files go beside it"))
    for command in (month, *steps):  # an action's --on has no default, so that one given before it is kept
        command.add_argument("--on", metavar="DATE", help=_("as on this day, YYYY-MM-DD (default today)"),
                             **({} if command is month else {"default": argparse.SUPPRESS}))
    month.set_defaults(run=_where)


def chosen_reflections(path: Path, ids: list[str] | None):
    """The reflections picked by id for an export or a share, or None when none was picked."""
    return pick(load_reflections(reflections_path(path)), ids) if ids else None


def _today(args) -> dt.date:
    if not args.on:
        return dt.date.today()
    day = schema.parse("date", args.on)
    if day is None:
        raise GhwError(_("--on {day!r} is not a date written as YYYY-MM-DD.").format(day=args.on))
    return day


def _entries(path: Path):
    return journal.load(path) if path.exists() and path.stat().st_size else schema.empty_entries()


def _where(args) -> int:
    path, today = args.journal_file, _today(args)
    entries = _entries(path)
    written = load_reflections(reflections_path(path))
    now = programme.state(path, today=today, entries=entries, reflections=written)
    if now.chosen:
        print(_("{month}: {title} (chosen).").format(month=now.month, title=now.lesson.title))
    else:
        print(_("{month}: {title} (following on; {command} changes it).").format(
            month=now.month, title=now.lesson.title, command="ghw month theme"))
    print(_("Today, {day}: {step} ({first} to {last}).").format(day=today, step=programme.STEP_TITLES[now.step],
                                                               first=now.first_day(now.step),
                                                               last=now.last_day(now.step)))
    due = checkins.due(checkins.load_checkins(checkins.checkins_path(path)), today)
    this_month = written.loc[written["date"].dt.strftime("%Y-%m") == now.month]
    prompt = programme.prompt_for(now.step, now.lesson)
    print()
    print(programme.suggestion(now, due=due.loc[due["due"], "title"], written=int((this_month["prompt"] == prompt).sum())))
    print()
    print(_("Reflections this month: {n}. Read the lesson with: {command}").format(n=len(this_month),
                                                                                 command="ghw month lesson"))
    if programme.stirs(now.step, now.lesson) and now.running:
        print()
        print(care.care_note())
    return 0


def _lesson(args) -> int:
    path, today = args.journal_file, _today(args)
    lesson = LESSONS[args.theme] if args.theme else programme.state(path, today=today, entries=_entries(path)).lesson
    print(lesson.title.upper())
    print()
    print(to_text(lesson.body))
    print()
    print(_("A question to reflect on: {prompt}").format(prompt=lesson.prompt))
    print(_("A small practice: {practice}").format(practice=lesson.practice))
    print()
    print(_("Sources: what the studies did and did not show").upper())
    print(to_text(lesson.sources))
    if lesson.care or lesson.stirring:
        print()
        print(care.care_note())
    return 0


def _reflect(args) -> int:
    path, today = args.journal_file, _today(args)
    now = programme.state(path, today=today, entries=_entries(path))
    step = args.step or now.step
    prompt = programme.prompt_for(step, now.lesson)
    saved = save_reflection(reflections_path(path), args.text, theme=now.lesson.name, prompt=prompt, date=today)
    print(_("Saved your reflection {id} of {day} on \u201c{prompt}\u201d to {file}. It stays private: no export or "
            "share holds it unless you pick it.").format(id=saved["id"], day=saved["date"], prompt=prompt,
                                                         file=reflections_path(path)))
    if saved["crisis"] or programme.stirs(step, now.lesson):
        print()
        print(care.care_note())
    return 0


def _reflections(args) -> int:
    path = args.journal_file
    written = load_reflections(reflections_path(path))
    if written.empty:
        print(_("No reflections yet. Write one with: {command}").format(command='ghw month reflect "..."'))
        return 0
    print(_("Your reflections in {file} (pick one for an export with {option}):").format(
        file=reflections_path(path), option="--reflection ID"))
    for row in written.itertuples(index=False):
        text = " ".join(row.text.split())
        title = LESSONS[row.theme].title if row.theme in LESSONS else row.theme
        print(f"  {row.id}  {row.date.date()}  {title}: {text[:70]}{'…' if len(text) > 70 else ''}")
    return 0


def _theme(args) -> int:
    path, today = args.journal_file, _today(args)
    if args.theme is None:
        now = programme.state(path, today=today, entries=_entries(path), month=args.month)
        print(_("Themes (the one of {month} marked):").format(month=now.month))
        for lesson in LESSONS.values():
            print(f"  {'*' if lesson.name == now.lesson.name else ' '} {lesson.name:<16} {lesson.title}")
        return 0
    month = args.month or programme.month_of(today)
    chosen = programme.choose_theme(path, args.theme, month=_month(month), today=today)
    print(_("The theme of {month} is now {title}. Saved in {file}.").format(month=month, title=chosen.title,
                                                                           file=programme.programme_path(path)))
    return 0


def _month(text: str) -> str:
    from ..plan import month_range

    month_range(text)  # a wrong month is said plainly
    return text


def _skip(args) -> int:
    path, today = args.journal_file, _today(args)
    month = _month(args.month) if args.month else programme.month_of(today)
    programme.skip(path, args.step, month=month, today=today)
    said = (_("Skipping the whole month in {month}.").format(month=month) if args.step == "month"
            else _("Skipping {step} in {month}.").format(step=programme.STEP_WORDS[args.step], month=month))
    if args.step in ("rest", "month"):
        said += " " + _("Reminders stay on through the rest week.")
    print(said + " " + _("Saved in {file}.").format(file=programme.programme_path(path)))
    return 0


def _pause(args) -> int:
    path = args.journal_file
    programme.pause(path, today=_today(args))
    print(_("Paused: no suggestions and no rest weeks until you resume ({command}). Nothing is lost.").format(
        command="ghw month resume"))
    return 0


def _resume(args) -> int:
    path = args.journal_file
    programme.resume(path, today=_today(args))
    print(_("Resumed. {command} says where you are.").format(command="ghw month"))
    return 0


def _review(args) -> int:
    path, today = args.journal_file, _today(args)
    month = _month(args.month) if args.month else (
        programme.month_of(today) if programme.state(path, today=today).step == "review"
        else programme.next_month(programme.month_of(today), -1))
    looked = programme.review(JournalFolder(path), month, today=today)
    print(_("Looking back on {month}").format(month=month) + "\n")
    for line in looked.lines():
        print(f"- {line}")
    print()
    print(care.care_note())
    return 0

"""``ghw checkin INSTRUMENT``: a short questionnaire, for every instrument in ``instruments.INSTRUMENTS``."""

from __future__ import annotations

from .. import care
from ..i18n import _
from ._common import date_option, journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw checkin``, its choices the registered instruments."""
    from ..instruments import INSTRUMENTS
    from ..vocabulary import every

    checkin = commands.add_parser("checkin", help=_("answer a short check-in: {instruments}").format(
                                      instruments=", ".join(f"{name} ({found.short})"
                                                            for name, found in INSTRUMENTS.items())),
                                  description=_("Asks each question in turn; press Enter on its own to skip one."))
    checkin.add_argument("instrument", choices=list(INSTRUMENTS), help=_("which check-in: {instruments}").format(
        instruments="; ".join(f"{name}: {found.title}, {every(found.every_days)}"
                              for name, found in INSTRUMENTS.items())))
    checkin.add_argument("--answers",
                         help=_("the answers in order, like 3,4,2,5,1 (leave a place empty to skip one)"))
    date_option(checkin)
    journal_option(checkin, help=_("journal file; check-ins go beside it (default: your journal)"))
    checkin.set_defaults(run=_checkin)


def _checkin(args) -> int:
    from .. import checkins
    from ..vocabulary import label

    found = checkins.instrument(args.instrument)
    path = checkins.checkins_path(args.journal_file)
    if args.answers is not None:
        answers = checkins.parse_answers(args.instrument, args.answers)
    else:
        answers = _ask(found)
    saved = checkins.save(path, args.instrument, answers, date=args.date)
    print(_("Saved your {instrument} check-in of {date} to {path}.").format(instrument=found.title,
                                                                          date=saved["date"], path=path))
    for scale in found.scales:
        score = saved["scores"][scale.name]
        if score is None:
            print("  " + _("{scale}: not scored, a question it needs was left out.").format(scale=label(scale.name)))
        elif scale.words is not None:
            print(f"  {label(scale.name)}: {scale.say(score)}")
        else:
            print("  " + _("{scale}: {score} (from {low} to {high}, higher is {higher_is})").format(
                scale=label(scale.name), score=score, low=scale.low, high=scale.high, higher_is=scale.higher_is))
    if not saved["complete"]:
        print("  " + _("Kept as incomplete: only the scores whose questions were all answered are given."))
    flag = checkins.care_flag(checkins.scores(checkins.load_checkins(path)), args.instrument)
    if flag:
        print()
        print(care.checkin_note(flag))
        print()
        print(care.care_note())
    return 0


def _ask(found) -> dict:
    """Ask each question on the terminal; an answer out of range is asked again, an empty one skips it."""
    print(f"{found.title}. {found.instructions}")
    if found.timeframe:
        print(found.timeframe)
    answers = {}
    for number, item in enumerate(found.items, start=1):
        print(f"\n{number}. {item.text}")
        for value, text in item.options:
            print(f"   {value}  {text}".rstrip())
        while True:
            try:
                reply = input("   " + _("Your answer (Enter to skip): ")).strip()
            except EOFError:
                reply = ""
            if reply == "" or reply in {str(v) for v in item.values}:
                break
            print("   " + _("Please type one of {values}, or press Enter to skip.").format(
                values=", ".join(str(v) for v in sorted(item.values))))
        answers[item.id] = reply or None
    return answers

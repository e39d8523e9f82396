"""``ghw people``: everyone in the journal, one person's page, and the actions that tidy names and wishes."""

from __future__ import annotations

from .. import journal, schema
from ..i18n import _, ngettext
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw people`` and its actions: show, rename, rhythm, private."""
    people = commands.add_parser("people", help=_("the people in your journal: who is due, one person's page, tidy names"),
                                 description=_("Without an action: everyone, who is due, names that look alike, and "
                                               "the mix of kinds lately."))
    people.set_defaults(run=_people)
    people_actions = people.add_subparsers(metavar="ACTION")
    show = people_actions.add_parser("show", help=_("one person: contacts, rhythm, balance, mood with and without them"))
    show.add_argument("name", help=_("the name as you write it in the journal"))
    show.set_defaults(run=_people_show)
    rename = people_actions.add_parser("rename", help=_("call someone by another name in every entry (a backup is kept)"))
    rename.add_argument("old", help=_("the name as the journal writes it"))
    rename.add_argument("new", help=_("the name to use from now on"))
    rename.add_argument("--merge", action="store_true", help=_("NEW is already someone: merge the two into one person"))
    rename.set_defaults(run=_people_rename)
    rhythm = people_actions.add_parser("rhythm", help=_("how often you wish to connect with a person or a kind"),
                                       description=_("EVERY is like 'every week', 'every 2 weeks', 'monthly', 'every "
                                                     "10 days' or 'never'; 'usual' forgets the wish."))
    rhythm.add_argument("who", metavar="NAME|KIND", help=_("a person, or a kind of relationship: {kinds}").format(
                        kinds=", ".join(schema.RELATIONSHIPS)))
    rhythm.add_argument("every", nargs="+", metavar="EVERY", help=_("the rhythm, like every 2 weeks"))
    rhythm.set_defaults(run=_people_rhythm)
    private = people_actions.add_parser("private", help=_("keep someone out of every export, even under a pseudonym"))
    private.add_argument("name", help=_("the name as you write it in the journal"))
    private.add_argument("--off", action="store_true", help=_("let them appear in exports again"))
    private.set_defaults(run=_people_private)
    journal_option(people, actions=(show, rename, rhythm, private))


def _people_files(args):
    from ..people.file import load_people, people_path

    path = args.journal_file
    return path, people_path(path), load_people(people_path(path))


def _people(args) -> int:
    import math

    from .. import vocabulary
    from ..people.contacts import duplicates
    from ..people.due import overdue
    from ..people.ledger import ledger
    from ..people.page import describe_variety, due_words
    from ..people.variety import variety

    path, _home, settings = _people_files(args)
    entries = journal.load(path)
    table = ledger(entries, settings)
    if table.empty:
        print(_("{path}: no named people yet. Log a connection with a name to start.").format(path=path))
        return 0
    print(_("People in {path} (most recently seen first):").format(path=path) + "\n")
    heads = _("name"), _("kind"), _("last contact"), _("contacts"), _("usual gap"), _("rhythm")
    print(f"  {heads[0]:<24} {heads[1]:<13} {heads[2]:<13} {heads[3]:>8}  {heads[4]:<13} {heads[5]}")
    for row in table.itertuples(index=False):
        gap = "-" if math.isnan(row.usual_gap) else vocabulary.days(row.usual_gap)
        wish = row.every if isinstance(row.every, str) else "-"
        mark = "  " + _("(private)") if row.private else ""
        print(f"  {_cell(row.person, 24)} {row.relationship:<13} {row.last_contact.date()!s:<13} {row.contacts:>8}  "
              f"{gap:<13} {wish}{mark}")
    late = overdue(entries, settings)
    print("\n" + (_("Due now:") if len(late) else _("Nobody is due now.")))
    for row in late.itertuples(index=False):
        print(f"  {_cell(row.person, 24, pad=False)}: {due_words(row)}")
    alike = duplicates(entries)
    if len(alike):
        print("\n" + _("Names that look like one person (merge with: ghw people rename NAME INTO --merge):"))
        for row in alike.itertuples(index=False):
            print("  " + _("{name} ({days}) and {into} ({into_days}), {kind}: {why}").format(
                name=_cell(repr(row.name), 40, pad=False), into=_cell(repr(row.into), 40, pad=False),
                days=ngettext("{n} day", "{n} days", row.days).format(n=row.days),
                into_days=ngettext("{n} day", "{n} days", row.into_days).format(n=row.into_days),
                kind=row.relationship, why=row.why))
    print("\n" + describe_variety(variety(entries)))
    return 0


def _cell(name: str, width: int, *, pad: bool = True) -> str:
    shown = name if len(name) <= width else name[:width - 1] + "…"
    return f"{shown:<{width}}" if pad else shown


def _people_show(args) -> int:
    from ..names import find
    from ..people.page import describe, person

    path, _home, settings = _people_files(args)
    entries = journal.load(path)
    name = find(entries, args.name)
    for line in describe(person(entries, name, settings)):
        print(line)
    return 0


def _people_rename(args) -> int:
    from .. import storage
    from ..people.rename import rename

    path = args.journal_file
    done = rename(path, args.old, args.new, merge=args.merge)
    said = (ngettext("Merged {n} entry: {old!r} is now {new!r} in {path}.",
                     "Merged {n} entries: {old!r} is now {new!r} in {path}.", done.count) if done.merged else
            ngettext("Renamed {n} entry: {old!r} is now {new!r} in {path}.",
                     "Renamed {n} entries: {old!r} is now {new!r} in {path}.", done.count))
    print(said.format(n=done.count, old=done.old, new=done.new, path=path))
    newest = storage.backups(path)[-1:] or None
    if newest:
        print(_("The journal as it was is kept as {backup}; ghw restore puts it back.").format(backup=newest[0].name))
    return 0


def _people_rhythm(args) -> int:
    from ..names import find
    from ..people.file import set_rhythm

    path, home, _settings = _people_files(args)
    every = " ".join(args.every)
    forget = every.strip().lower() == "usual"
    entries, _problems = journal.check(path)
    # A kind's word wins, unless someone in the journal is called exactly that.
    kind = args.who not in set(entries["person"].dropna()) and schema.parse("relationship", args.who) is not None
    who = args.who if kind else find(entries, args.who)
    saved = set_rhythm(home, who, None if forget else every, kind=kind)
    subject = _("every {kind}").format(kind=schema.parse("relationship", who)) if kind else repr(who)
    if saved is None:
        print(_("Forgot the wished rhythm for {who}: their own usual gap counts again. Saved in {file}.").format(
            who=subject, file=home))
    else:
        print(_("Wished rhythm for {who}: {rhythm}. Saved in {file}.").format(who=subject, rhythm=saved, file=home))
    return 0


def _people_private(args) -> int:
    from ..names import find
    from ..people.file import set_private

    path, home, _settings = _people_files(args)
    entries, _problems = journal.check(path)
    name = find(entries, args.name)
    set_private(home, name, not args.off)
    if args.off:
        print(_("{name!r} may appear in exports again (under a pseudonym unless you ask for names). Saved in "
                "{file}.").format(name=name, file=home))
    else:
        print(_("{name!r} is private: left out of every summary and export, even under a pseudonym. Saved in "
                "{file}.").format(name=name, file=home))
    return 0

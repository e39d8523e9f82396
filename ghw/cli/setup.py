"""``ghw sample``, ``ghw init`` and ``ghw doctor``: a journal to try, a workspace, and a check of a journal.

Also what every other command does first: bring over the files an earlier
install kept inside the package (:func:`earlier_install`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import journal, paths, schema, workspace
from ..errors import GhwError
from ..i18n import _, ngettext
from ._common import journal_option, yes

__all__ = ["MAX_SAMPLE_DAYS", "SAY_IT_THEMSELVES", "earlier_install", "register"]


def register(commands) -> None:
    """Add ``ghw sample``, ``ghw init`` and ``ghw doctor``."""
    sample = commands.add_parser("sample", help=_("write a synthetic journal to try things with"))
    sample.add_argument("--days", type=int, default=365, help=_("how many days (default 365)"))
    sample.add_argument("--seed", type=int, default=0, help=_("random seed; the same seed gives the same journal"))
    sample.add_argument("--end", help=_("last day, YYYY-MM-DD (default today)"))
    sample.add_argument("--out", required=True, type=Path, help=_("file to create (never overwritten)"))
    sample.set_defaults(run=_sample)

    init = commands.add_parser("init", help=_("make a workspace: the notebooks and a data folder for your journal"))
    init.add_argument("folder", nargs="?", type=Path, help=_("where (default: your workspace; ghw doctor says where)"))
    init.add_argument("--remove-earlier", action="store_true",
                      help=_("remove the copy an earlier install kept inside the package, once it is all in the "
                             "workspace"))
    init.set_defaults(run=_init)

    doctor = commands.add_parser("doctor", help=_("check a journal and list its problems (never changes it)"))
    doctor.add_argument("file", nargs="?", type=Path, help=_("journal to check (default: your journal)"))
    journal_option(doctor, help=_("the same, as every other command takes it"))
    doctor.set_defaults(run=_doctor)


def earlier_install() -> None:
    """Bring over what an earlier install kept inside the package, or say on every command that it is left behind.

    With no journal in the workspace yet, the files are copied before the command runs, so that the command uses
    them (logging before ``ghw init`` started an empty journal beside the old one). Otherwise ``ghw init`` merges
    them, and until then every command says so. A failure here is said and never stops the command.
    """
    from .. import earlier

    try:
        found = earlier.find()
        left = earlier.missing(found) if found else []
        if not left:
            return
        data = paths.data_dir()
        if (data / "journal.csv").exists():
            print("ghw: " + ngettext(
                "an earlier install of ghw kept {n} file of yours in {folder} that your workspace does not have yet; "
                "ghw init brings it over (nothing is overwritten).",
                "an earlier install of ghw kept {n} files of yours in {folder} that your workspace does not have yet; "
                "ghw init brings them over (nothing is overwritten).", len(left)).format(n=len(left), folder=found.folder),
                  file=sys.stderr)
            return
        moved = earlier.bring_over(found, data)
        print("ghw: " + ngettext(
            "brought {n} file of yours over from an earlier install of ghw ({folder}) into {data}. The earlier copy "
            "is kept until ghw init --remove-earlier removes it.",
            "brought {n} files of yours over from an earlier install of ghw ({folder}) into {data}. The earlier copy "
            "is kept until ghw init --remove-earlier removes it.", len(moved.copied)).format(
                n=len(moved.copied), folder=found.folder, data=data), file=sys.stderr)
    except (OSError, GhwError) as exc:
        print("ghw: " + _("an earlier install's files could not be brought over ({problem}); ghw init tries "
                          "again.").format(problem=exc), file=sys.stderr)


MAX_SAMPLE_DAYS = 36_500  # a hundred years


def _sample(args) -> int:
    from .. import sample

    if not 1 <= args.days <= MAX_SAMPLE_DAYS:
        raise GhwError(_("--days must be a whole number from 1 to {most}.").format(most=MAX_SAMPLE_DAYS))
    if args.seed < 0:
        raise GhwError(_("--seed must be a whole number from 0 up."))
    end = schema.parse("date", args.end) if args.end else None
    if args.end and (end is None or end.year < 1900):
        raise GhwError(_("--end {end!r} is not a date written as YYYY-MM-DD from 1900 on.").format(end=args.end))
    entries = sample.generate(args.days, seed=args.seed, end=end)
    journal.create(args.out, entries)
    print(ngettext("Wrote {n} synthetic entries over {days} day to {path}.",
                   "Wrote {n} synthetic entries over {days} days to {path}.", args.days).format(
        n=len(entries), days=args.days, path=args.out))
    return 0


def _init(args) -> int:
    made = workspace.create(args.folder)
    print(_("Workspace: {folder}").format(folder=made.folder))
    for path in made.added:
        print("  " + _("added {path}").format(path=f"{path.relative_to(made.folder)}{os.sep if path.is_dir() else ''}"))
    for path in made.updated:
        print("  " + _("updated {path} to this version's (you had not changed it)").format(
            path=path.relative_to(made.folder)))
    for path in made.kept:
        print("  " + _("kept your {path}, which you changed (to get this version's, delete yours and run ghw init "
                       "again)").format(path=path.relative_to(made.folder)))
    if made.current:
        print("  " + ngettext("{n} file was already there and up to date", "{n} files were already there and up to date",
                              len(made.current)).format(n=len(made.current)))
    _init_earlier(made.folder, remove=args.remove_earlier)
    if made.folder == paths.workspace().resolve():
        print(_("Your journal: {path} ({where}).").format(path=paths.journal_path(), where=paths.journal_source()))
        print(_("Next: ghw lab opens the notebooks; ghw app opens logging and reflection as a plain page."))
        return 0
    if paths.CLONE_DIR is not None:
        print(_("ghw run from this clone keeps using the clone; an installed ghw uses {folder} once GHW_HOME names "
                "it:").format(folder=made.folder))
    else:
        print(_("To use it, set GHW_HOME to it, then run ghw:"))
    print("  " + _('Windows PowerShell: $env:GHW_HOME = "{folder}"   (setx GHW_HOME "{folder}" keeps it for new '
                   'windows)').format(folder=made.folder))
    print("  " + _('macOS or Linux:     export GHW_HOME="{folder}"   (add that line to ~/.profile to keep it)').format(
        folder=made.folder))
    return 0


def _init_earlier(folder: Path, *, remove: bool) -> None:
    """Bring over what an earlier install kept inside the package, then offer to remove that copy."""
    from .. import earlier

    found = earlier.find()
    if found is None:
        return
    data = folder / "data"
    moved = earlier.bring_over(found, data)
    for path in moved.copied:
        print("  " + _("brought over {path} from the earlier install in {folder}").format(
            path=path.relative_to(folder), folder=found.folder))
    if moved.merged:
        print("  " + ngettext("added {n} entry of the earlier install's journal to your journal",
                              "added {n} entries of the earlier install's journal to your journal",
                              moved.merged).format(n=moved.merged))
    for path in moved.beside:
        print("  " + _("kept the earlier install's {file} as {path}, beside yours (yours is unchanged)").format(
            file=path.relative_to(data / earlier.BESIDE), path=path.relative_to(folder)))
    if earlier.missing(found, data):
        return  # cannot happen unless the disk failed under us; the next command says so
    question = _("The earlier copy in {folder} holds names and notes, and all of it is now in {data}. Remove that "
                 "copy?").format(folder=found.folder, data=data)
    if remove or yes(question):
        removed = earlier.remove(found, data)
        print("  " + ngettext("removed the earlier copy: {n} file from {folder}",
                              "removed the earlier copy: {n} files from {folder}", len(removed)).format(
            n=len(removed), folder=found.folder))
    else:
        print(_("The earlier copy in {folder} is no longer needed; ghw init --remove-earlier removes it.").format(
            folder=found.folder))


def _doctor(args) -> int:
    if args.file and args.journal and args.file != args.journal:
        raise GhwError(_("Name one journal to check: either as FILE or with --journal."))
    named = args.file or args.journal
    path = args.file or args.journal_file
    print(_("Checking {path} ({where}).").format(path=path, where=_("named on the command line") if named
                                                 else paths.journal_source()))
    from .. import earlier

    if (found := earlier.find()) is not None:
        left = earlier.missing(found)
        print((ngettext("An earlier ghw left {n} file of yours in {folder} that your workspace does not have yet: "
                       "ghw init brings it over.",
                       "An earlier ghw left {n} files of yours in {folder} that your workspace does not have yet: "
                       "ghw init brings them over.", len(left)) if left else
              _("An earlier ghw left a copy of your files in {folder}; all of it is in your workspace, and ghw init "
                "--remove-earlier removes it.")).format(n=len(left), folder=found.folder))
    entries, problems = journal.check(path)
    if len(problems):
        lines = problems["line"].nunique()
        print(_("{path}: {problems} on {lines}; {entries} without any:").format(
            path=path, problems=ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems)),
            lines=ngettext("{n} line", "{n} lines", lines).format(n=lines),
            entries=ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries))))
        for row in problems.itertuples(index=False):
            said = dict(line=row.line, field=row.column, value=row.value, problem=row.problem)
            print("  " + (_("line {line}, {field} {value!r}: {problem}") if row.value
                          else _("line {line}, {field}: {problem}")).format(**said))
        print(_("Nothing was changed. Fix these lines in the file, then run ghw doctor again."))
        return 1
    if entries.empty:
        print(_("{path}: a valid journal with no entries yet.").format(path=path))
    else:
        first, last = entries["date"].min().date(), entries["date"].max().date()
        print(ngettext("{path}: {n} valid entry, from {first} to {last}.",
                       "{path}: {n} valid entries, from {first} to {last}.", len(entries)).format(
            path=path, n=len(entries), first=first, last=last))
    return 0


#: The commands that say in their own words what an earlier install left (the others say it before they run).
SAY_IT_THEMSELVES = (_init, _doctor)

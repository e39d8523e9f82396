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
from ..vocabulary import count
from ._common import journal_option, yes

__all__ = ["MAX_SAMPLE_DAYS", "SAY_IT_THEMSELVES", "earlier_install", "register"]


def register(commands) -> None:
    """Add ``ghw sample``, ``ghw init`` and ``ghw doctor``."""
    sample = commands.add_parser("sample", help="write a synthetic journal to try things with")
    sample.add_argument("--days", type=int, default=365, help="how many days (default 365)")
    sample.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same journal")
    sample.add_argument("--end", help="last day, YYYY-MM-DD (default today)")
    sample.add_argument("--out", required=True, type=Path, help="file to create (never overwritten)")
    sample.set_defaults(run=_sample)

    init = commands.add_parser("init", help="make a workspace: the notebooks and a data folder for your journal")
    init.add_argument("folder", nargs="?", type=Path, help="where (default: your workspace; ghw doctor says where)")
    init.add_argument("--remove-earlier", action="store_true",
                      help="remove the copy an earlier install kept inside the package, once it is all in the workspace")
    init.set_defaults(run=_init)

    doctor = commands.add_parser("doctor", help="check a journal and list its problems (never changes it)")
    doctor.add_argument("file", nargs="?", type=Path, help="journal to check (default: your journal)")
    journal_option(doctor, help="the same, as every other command takes it")
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
            print(f"ghw: an earlier install of ghw kept {count(len(left), 'file')} of yours in {found.folder} that "
                  f"your workspace does not have yet; ghw init brings them over (nothing is overwritten).",
                  file=sys.stderr)
            return
        moved = earlier.bring_over(found, data)
        print(f"ghw: brought {count(len(moved.copied), 'file')} of yours over from an earlier install of ghw "
              f"({found.folder}) into {data}. The earlier copy is kept until ghw init --remove-earlier removes it.",
              file=sys.stderr)
    except (OSError, GhwError) as exc:
        print(f"ghw: an earlier install's files could not be brought over ({exc}); ghw init tries again.",
              file=sys.stderr)


MAX_SAMPLE_DAYS = 36_500  # a hundred years


def _sample(args) -> int:
    from .. import sample

    if not 1 <= args.days <= MAX_SAMPLE_DAYS:
        raise GhwError(f"--days must be a whole number from 1 to {MAX_SAMPLE_DAYS}.")
    if args.seed < 0:
        raise GhwError("--seed must be a whole number from 0 up.")
    end = schema.parse("date", args.end) if args.end else None
    if args.end and (end is None or end.year < 1900):
        raise GhwError(f"--end {args.end!r} is not a date written as YYYY-MM-DD from 1900 on.")
    entries = sample.generate(args.days, seed=args.seed, end=end)
    journal.create(args.out, entries)
    print(f"Wrote {len(entries)} synthetic entries over {args.days} days to {args.out}.")
    return 0


def _init(args) -> int:
    made = workspace.create(args.folder)
    print(f"Workspace: {made.folder}")
    for path in made.added:
        print(f"  added {path.relative_to(made.folder)}{os.sep if path.is_dir() else ''}")
    for path in made.updated:
        print(f"  updated {path.relative_to(made.folder)} to this version's (you had not changed it)")
    for path in made.kept:
        print(f"  kept your {path.relative_to(made.folder)}, which you changed (to get this version's, delete yours "
              "and run ghw init again)")
    if made.current:
        print(f"  {count(len(made.current), 'file was', 'files were')} already there and up to date")
    _init_earlier(made.folder, remove=args.remove_earlier)
    if made.folder == paths.workspace().resolve():
        print(f"Your journal: {paths.journal_path()} ({paths.journal_source()}).")
        print("Next: ghw lab opens the notebooks; ghw app opens logging and reflection as a plain page.")
        return 0
    if paths.CLONE_DIR is not None:
        print(f"ghw run from this clone keeps using the clone; an installed ghw uses {made.folder} once GHW_HOME names it:")
    else:
        print("To use it, set GHW_HOME to it, then run ghw:")
    print(f'  Windows PowerShell: $env:GHW_HOME = "{made.folder}"   (setx GHW_HOME "{made.folder}" keeps it for new windows)')
    print(f'  macOS or Linux:     export GHW_HOME="{made.folder}"   (add that line to ~/.profile to keep it)')
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
        print(f"  brought over {path.relative_to(folder)} from the earlier install in {found.folder}")
    if moved.merged:
        print(f"  added {count(moved.merged, 'entry', 'entries')} of the earlier install's journal to your journal")
    for path in moved.beside:
        print(f"  kept the earlier install's {path.relative_to(data / earlier.BESIDE)} as {path.relative_to(folder)}, "
              "beside yours (yours is unchanged)")
    if earlier.missing(found, data):
        return  # cannot happen unless the disk failed under us; the next command says so
    question = (f"The earlier copy in {found.folder} holds names and notes, and all of it is now in {data}. "
                "Remove that copy?")
    if remove or yes(question):
        removed = earlier.remove(found, data)
        print(f"  removed the earlier copy: {count(len(removed), 'file')} from {found.folder}")
    else:
        print(f"The earlier copy in {found.folder} is no longer needed; ghw init --remove-earlier removes it.")


def _doctor(args) -> int:
    if args.file and args.journal and args.file != args.journal:
        raise GhwError("Name one journal to check: either as FILE or with --journal.")
    named = args.file or args.journal
    path = args.file or args.journal_file
    print(f"Checking {path} ({'named on the command line' if named else paths.journal_source()}).")
    from .. import earlier

    if (found := earlier.find()) is not None:
        left = earlier.missing(found)
        print(f"An earlier ghw left {count(len(left), 'file')} of yours in {found.folder} that your workspace does "
              "not have yet: ghw init brings them over." if left else
              f"An earlier ghw left a copy of your files in {found.folder}; all of it is in your workspace, and ghw "
              "init --remove-earlier removes it.")
    entries, problems = journal.check(path)
    if len(problems):
        lines = problems["line"].nunique()
        print(f"{path}: {count(len(problems), 'problem')} on {count(lines, 'line')}; "
              f"{count(len(entries), 'entry', 'entries')} without any:")
        for row in problems.itertuples(index=False):
            shown = f" {row.value!r}" if row.value else ""
            print(f"  line {row.line}, {row.column}{shown}: {row.problem}")
        print("Nothing was changed. Fix these lines in the file, then run ghw doctor again.")
        return 1
    if entries.empty:
        print(f"{path}: a valid journal with no entries yet.")
    else:
        first, last = entries["date"].min().date(), entries["date"].max().date()
        print(f"{path}: {count(len(entries), 'valid entry', 'valid entries')}, from {first} to {last}.")
    return 0


#: The commands that say in their own words what an earlier install left (the others say it before they run).
SAY_IT_THEMSELVES = (_init, _doctor)

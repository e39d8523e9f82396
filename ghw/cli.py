"""The ``ghw`` command: a thin face over the library.

Every error ghw expects is printed as one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import io
import os
import sys
from pathlib import Path

from . import care, journal, paths, schema, workspace
from .errors import GhwError, ValidationError

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a path the terminal cannot show is shown with escapes, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    with _reader_may_leave():
        if args.run not in (_init, _doctor):  # those two say it in their own words
            _earlier_install()
        return _run(args)


def _earlier_install() -> None:
    """Bring over what an earlier install kept inside the package, or say on every command that it is left behind.

    With no journal in the workspace yet, the files are copied before the command runs, so that the command uses
    them (logging before ``ghw init`` started an empty journal beside the old one). Otherwise ``ghw init`` merges
    them, and until then every command says so. A failure here is said and never stops the command.
    """
    from . import earlier

    try:
        found = earlier.find()
        left = earlier.missing(found) if found else []
        if not left:
            return
        data = paths.data_dir()
        if (data / "journal.csv").exists():
            print(f"ghw: an earlier install of ghw kept {_count(len(left), 'file')} of yours in {found.folder} that "
                  f"your workspace does not have yet; ghw init brings them over (nothing is overwritten).",
                  file=sys.stderr)
            return
        moved = earlier.bring_over(found, data)
        print(f"ghw: brought {_count(len(moved.copied), 'file')} of yours over from an earlier install of ghw "
              f"({found.folder}) into {data}. The earlier copy is kept until ghw init --remove-earlier removes it.",
              file=sys.stderr)
    except (OSError, GhwError) as exc:
        print(f"ghw: an earlier install's files could not be brought over ({exc}); ghw init tries again.",
              file=sys.stderr)


def _run(args) -> int:
    try:
        _refuse_undecodable(args)
        return args.run(args)
    except UnicodeError as exc:  # typed at a prompt in another encoding
        print(f"ghw: some text was not UTF-8 ({exc.reason}); type it again in UTF-8. Nothing was saved.",
              file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"ghw: {exc}", file=sys.stderr)
        return 1
    except GhwError as exc:
        print(f"ghw: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the file system said no: a folder where a file should be, no permission, a full disk
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"ghw: {exc.strerror or exc}{where}. Nothing was changed.", file=sys.stderr)
        return 2


class _Output(io.TextIOBase):
    """Standard output that a reader who stops reading cannot interrupt (``ghw people | head``).

    Once the reader has gone, the rest of the output is dropped and the command carries on to its end, so that what
    it was asked to change is changed, and nothing false is said (the command is not stopped half-way, and no
    "Nothing was changed" follows a change). Windows reports a closed pipe as EINVAL rather than EPIPE.
    """

    def __init__(self, stream):
        self.stream, self.gone = stream, False

    def write(self, text: str) -> int:
        self._unless_gone(self.stream.write, text)
        return len(text)

    def flush(self) -> None:
        self._unless_gone(self.stream.flush)

    def _unless_gone(self, action, *args) -> None:
        if self.gone:
            return
        try:
            action(*args)
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.EINVAL):
                raise
            self.gone = True
            # Python flushes standard output once more as it exits: give what is left somewhere to go, silently.
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                os.dup2(os.open(os.devnull, os.O_WRONLY), self.stream.fileno())

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self):
        return self.stream.encoding


@contextlib.contextmanager
def _reader_may_leave():
    """Standard output as :class:`_Output` while a command runs."""
    saved = sys.stdout
    if saved is None:  # no console at all (pythonw): nothing to guard
        yield
        return
    sys.stdout = _Output(saved)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = saved


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuse, naming the option, text given in an encoding other than UTF-8 (Python keeps its bytes as stand-ins).

    File paths are left alone: a path is bytes to the system, whatever they are.
    """
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\udc80" <= c <= "\udcff" for c in text):
                option = name.upper() if name in _POSITIONAL else "--" + name.replace("_", "-")
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise GhwError(f"{option} {shown!r} holds bytes that are not UTF-8 text (is the terminal set to "
                               "another encoding?). Give it again in UTF-8; nothing was saved.")


_POSITIONAL = ("old", "new", "name", "who", "every", "id", "backup", "instrument")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="ghw", description="A connection-and-mood journal that lives in Jupyter.")
    parser.add_argument("--version", action="version", version=f"ghw {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

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
    doctor.add_argument("--journal", type=Path, help="the same, as every other command takes it")
    doctor.set_defaults(run=_doctor)

    log = commands.add_parser("log", help="add one entry to the journal")
    log.add_argument("--mood", required=True, help="how you feel now, 0 (worst) to 10 (best)")
    log.add_argument("--date", help="YYYY-MM-DD (default today)")
    log.add_argument("--time", help="HH:MM (default now)")
    log.add_argument("--person", help="who: a name, nickname or initials")
    log.add_argument("--relationship", help=", ".join(schema.RELATIONSHIPS))
    log.add_argument("--activity", help="what you did together")
    log.add_argument("--channel", help=", ".join(schema.CHANNELS))
    log.add_argument("--minutes", help="how long: 45, 45 min, 1h or 1:30")
    log.add_argument("--quality", help="how connected you felt, 1 (not at all) to 5 (deeply)")
    log.add_argument("--initiated-by", dest="initiated_by", help=", ".join(schema.INITIATED_BY))
    log.add_argument("--support", help=", ".join(schema.SUPPORT))
    log.add_argument("--note", help="anything else")
    log.add_argument("--alone", help="on a mood check-in alone: how the time alone felt, " + ", ".join(schema.ALONE))
    log.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    log.add_argument("--yes", action="store_true", help="save a date well after today without asking")
    log.set_defaults(run=_log)

    summary = commands.add_parser("summary", help="print a summary of a week or a month")
    _period_options(summary)
    summary.add_argument("--notes", action="store_true", help="quote notes among the good moments")
    summary.set_defaults(run=_summary)

    from .exports import EXPORTS

    export = commands.add_parser("export", help="write a summary or the entries of a period to a file",
                                 description="Notes are left out and names replaced by pseudonyms unless you ask.")
    export.add_argument("--format", required=True, choices=list(EXPORTS),
                        help="; ".join(f"{name}: {e.label}" for name, e in EXPORTS.items()))
    _period_options(export)
    export.add_argument("--notes", action="store_true", help="include notes (left out by default)")
    export.add_argument("--names", action="store_true", help="keep names as written (pseudonyms by default)")
    export.add_argument("--no-notes", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old scripts
    export.add_argument("--pseudonymize", action="store_true", help=argparse.SUPPRESS)  # likewise
    export.add_argument("--out", type=Path, help="file to write (default: exports/ beside the journal)")
    export.add_argument("--reflection", action="append", metavar="ID",
                        help="include this reflection (repeat for more; ghw month reflections lists them; none by default)")
    export.set_defaults(run=_export)

    reflect = commands.add_parser("reflect", help="print what your journal shows: a few lines, then a sentence per finding")
    reflect.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    reflect.add_argument("--finding", action="append", metavar="NAME",
                         help="only this finding (repeat for more); a wrong name lists them all")
    reflect.set_defaults(run=_reflect)

    from .importers import IMPORTERS

    importing = commands.add_parser("import", help="bring in history from " + ", ".join(
        importer.label for importer in IMPORTERS.values()))
    sources = importing.add_subparsers(required=True, metavar="SOURCE")
    for importer in IMPORTERS.values():
        source = sources.add_parser(importer.name, help=importer.help, description=importer.about)
        source.add_argument("file", type=Path, help=importer.file_help)
        for option in importer.options:
            source.add_argument(option.flag, dest=option.name, type=Path if option.file else str,
                                required=option.required, help=option.help.replace("%", "%%"))
        source.add_argument("--journal", type=Path, help="journal file (default: your journal)")
        source.add_argument("--dry-run", action="store_true", help="show what would be added or updated, write nothing")
        source.set_defaults(run=_import, importer=importer.name)

    restore = commands.add_parser("restore", help="list the journal's backups, or put one back")
    restore.add_argument("backup", nargs="?", help="number (1 = newest) or file name of the backup to put back")
    restore.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    restore.set_defaults(run=_restore)

    lab = commands.add_parser("lab", help="open the notebooks in JupyterLab (on this computer only)")
    lab.set_defaults(run=_lab)

    app = commands.add_parser("app", help="open logging and reflection as a plain page, without code (Voila)")
    app.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    app.add_argument("--lan", action="store_true",
                     help="serve on this machine's home-network address with a secret token (off by default)")
    app.add_argument("--certfile", type=Path, help="TLS certificate (PEM) to serve over HTTPS")
    app.add_argument("--keyfile", type=Path, help="TLS private key (PEM) for --certfile")
    app.set_defaults(run=_app)

    people = commands.add_parser("people", help="the people in your journal: who is due, one person's page, tidy names",
                                 description="Without an action: everyone, who is due, names that look alike, and "
                                             "the mix of kinds lately.")
    people.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    people.set_defaults(run=_people)
    people_actions = people.add_subparsers(metavar="ACTION")
    show = people_actions.add_parser("show", help="one person: contacts, rhythm, balance, mood with and without them")
    show.add_argument("name", help="the name as you write it in the journal")
    show.set_defaults(run=_people_show)
    rename = people_actions.add_parser("rename", help="call someone by another name in every entry (a backup is kept)")
    rename.add_argument("old", help="the name as the journal writes it")
    rename.add_argument("new", help="the name to use from now on")
    rename.add_argument("--merge", action="store_true", help="NEW is already someone: merge the two into one person")
    rename.set_defaults(run=_people_rename)
    rhythm = people_actions.add_parser("rhythm", help="how often you wish to connect with a person or a kind",
                                       description="EVERY is like 'every week', 'every 2 weeks', 'monthly', 'every 10 "
                                                   "days' or 'never'; 'usual' forgets the wish.")
    rhythm.add_argument("who", metavar="NAME|KIND", help="a person, or a kind of relationship: " +
                        ", ".join(schema.RELATIONSHIPS))
    rhythm.add_argument("every", nargs="+", metavar="EVERY", help="the rhythm, like every 2 weeks")
    rhythm.set_defaults(run=_people_rhythm)
    private = people_actions.add_parser("private", help="keep someone out of every export, even under a pseudonym")
    private.add_argument("name", help="the name as you write it in the journal")
    private.add_argument("--off", action="store_true", help="let them appear in exports again")
    private.set_defaults(run=_people_private)
    for command in (show, rename, rhythm, private):
        command.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    # Check-ins, and reports over any span of days.
    for command in (summary, export):
        command.add_argument("--since", help="first day of a span, YYYY-MM-DD (instead of --month or --week)")
        command.add_argument("--until", help="last day of the span, YYYY-MM-DD (default today)")
    from .instruments import INSTRUMENTS
    from .vocabulary import every

    checkin = commands.add_parser("checkin", help="answer a short check-in: " + ", ".join(
                                      f"{name} ({found.short})" for name, found in INSTRUMENTS.items()),
                                  description="Asks each question in turn; press Enter on its own to skip one.")
    checkin.add_argument("instrument", choices=list(INSTRUMENTS), help="which check-in: " + "; ".join(
        f"{name}: {found.title}, {every(found.every_days)}" for name, found in INSTRUMENTS.items()))
    checkin.add_argument("--answers", help="the answers in order, like 3,4,2,5,1 (leave a place empty to skip one)")
    checkin.add_argument("--date", help="YYYY-MM-DD (default today)")
    checkin.add_argument("--journal", type=Path, help="journal file; check-ins go beside it (default: your journal)")
    checkin.set_defaults(run=_checkin)
    from .experiment import DESIGNS, MAX_WEEKS, MIN_WEEKS, OUTCOMES

    experiments = commands.add_parser("experiment", help="try a small act on days drawn at random, and see what it does")
    steps = experiments.add_subparsers(required=True, metavar="STEP")
    new = steps.add_parser("new", help="set up an experiment: the act days are drawn now and kept")
    new.add_argument("--act", required=True, help="what you will do on act days, in your own words or an idea")
    new.add_argument("--person", help="with whom (a day counts as done when you log a connection with them)")
    new.add_argument("--relationship", help="or with which kind of relationship: " + ", ".join(schema.RELATIONSHIPS))
    new.add_argument("--outcome", default="mood", choices=OUTCOMES, help="what to compare (default mood)")
    new.add_argument("--weeks", default="4", help=f"how long, {MIN_WEEKS} to {MAX_WEEKS} weeks (default 4)")
    new.add_argument("--design", default="weekly", choices=DESIGNS,
                     help="weekly: a few act days drawn in each week; blocks: blocks of days drawn as act blocks")
    new.add_argument("--per-week", dest="per_week", help="act days a week for the weekly design, 2 to 4 (default 3)")
    new.add_argument("--block-days", dest="block_days", help="days a block for the blocks design, 3 to 7 (default 4)")
    new.add_argument("--start", help="first day, YYYY-MM-DD (default today; never in the past)")
    new.set_defaults(run=_experiment_new)
    status = steps.add_parser("status", help="running experiments: today's assignment and the act days done so far")
    status.set_defaults(run=_experiment_status)
    result = steps.add_parser("result", help="what each experiment found, once it has ended")
    result.set_defaults(run=_experiment_result)
    halt = steps.add_parser("stop", help="stop a running experiment today; the days so far are kept")
    halt.add_argument("id", help="the experiment's id (ghw experiment status lists it)")
    halt.set_defaults(run=_experiment_stop)
    for step in (new, status, result, halt):
        step.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    share = commands.add_parser("share", help="share a summary with your practitioner, or take it back",
                                description="On a practice's JupyterHub: writes the summary of a period where only "
                                "your practitioner can read it. Notes are left out and names replaced by pseudonyms "
                                "unless you ask.")
    which = share.add_mutually_exclusive_group()
    which.add_argument("--month", help="YYYY-MM (default: the month of your last entry)")
    which.add_argument("--week", help="YYYY-Www, like 2026-W48")
    which.add_argument("--withdraw", action="store_true", help="remove what you shared")
    share.add_argument("--notes", action="store_true", help="include notes (left out by default)")
    share.add_argument("--names", action="store_true", help="keep names as written (pseudonyms by default)")
    share.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    share.add_argument("--reflection", action="append", metavar="ID",
                       help="include this reflection (repeat for more; none by default)")
    share.set_defaults(run=_share)
    _study_parser(commands)
    from .cli_month import add_command

    add_command(commands)
    return parser


def _study_parser(commands) -> None:
    """``ghw study``: a person's consent to a study, and the study's pool of the shares of those who gave it."""
    study = commands.add_parser("study", help="join or leave a study; gather and ask a study's pool",
                                description="Consent to a study is separate from sharing with your practitioner: "
                                "a study pools only the shares of the people who consented to it, without their "
                                "names, notes or activities.")
    steps = study.add_subparsers(required=True, metavar="STEP")
    join = steps.add_parser("consent", help="join the study: its pool may include what you share from now on")
    leave = steps.add_parser("withdraw", help="leave the study: your rows leave its pool when it is next gathered")
    status = steps.add_parser("status", help="the studies you joined")
    gather = steps.add_parser("pool", help="(the study's operator) gather the consenting people's shares into Parquet")
    gather.add_argument("--shares", type=Path, help="the shared root, one folder per practitioner "
                        "(default $GHW_SHARED_ROOT or /srv/ghw/shared)")
    gather.add_argument("--out", required=True, type=Path, help="the Parquet file to make (replaced, never kept)")
    for step in (join, leave, gather):
        step.add_argument("--study", help="the study's name (default $GHW_STUDY)")
    join.set_defaults(run=_study_consent)
    leave.set_defaults(run=_study_withdraw)
    status.set_defaults(run=_study_status)
    gather.set_defaults(run=_study_pool)
    ask = steps.add_parser("ask", help="(a researcher) ask the pool a question, through DuckDB")
    ask.add_argument("question", nargs="?", help="a question by name (a wrong name lists them)")
    ask.add_argument("--sql", help="your own SQL over the views entries and days, instead of a named question")
    ask.add_argument("--pool", type=Path, help="the pool's Parquet file (default $GHW_STUDY_POOL)")
    ask.add_argument("--csv", type=Path, help="also write the answer to this CSV file")
    ask.set_defaults(run=_study_ask)


MAX_SAMPLE_DAYS = 36_500  # a hundred years


def _sample(args) -> int:
    from . import sample

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
        print(f"  {_count(len(made.current), 'file was', 'files were')} already there and up to date")
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
    from . import earlier

    found = earlier.find()
    if found is None:
        return
    data = folder / "data"
    moved = earlier.bring_over(found, data)
    for path in moved.copied:
        print(f"  brought over {path.relative_to(folder)} from the earlier install in {found.folder}")
    if moved.merged:
        print(f"  added {_count(moved.merged, 'entry', 'entries')} of the earlier install's journal to your journal")
    for path in moved.beside:
        print(f"  kept the earlier install's {path.relative_to(data / earlier.BESIDE)} as {path.relative_to(folder)}, "
              "beside yours (yours is unchanged)")
    if earlier.missing(found, data):
        return  # cannot happen unless the disk failed under us; the next command says so
    question = (f"The earlier copy in {found.folder} holds names and notes, and all of it is now in {data}. "
                "Remove that copy?")
    if remove or _yes(question):
        removed = earlier.remove(found, data)
        print(f"  removed the earlier copy: {_count(len(removed), 'file')} from {found.folder}")
    else:
        print(f"The earlier copy in {found.folder} is no longer needed; ghw init --remove-earlier removes it.")


def _yes(question: str) -> bool:
    """Ask at a terminal; anything but yes, or no terminal to ask at, is no."""
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _doctor(args) -> int:
    if args.file and args.journal and args.file != args.journal:
        raise GhwError("Name one journal to check: either as FILE or with --journal.")
    named = args.file or args.journal
    path = named or paths.journal_path()
    print(f"Checking {path} ({'named on the command line' if named else paths.journal_source()}).")
    from . import earlier

    if (found := earlier.find()) is not None:
        left = earlier.missing(found)
        print(f"An earlier ghw left {_count(len(left), 'file')} of yours in {found.folder} that your workspace does "
              "not have yet: ghw init brings them over." if left else
              f"An earlier ghw left a copy of your files in {found.folder}; all of it is in your workspace, and ghw "
              "init --remove-earlier removes it.")
    entries, problems = journal.check(path)
    if len(problems):
        lines = problems["line"].nunique()
        print(f"{path}: {_count(len(problems), 'problem')} on {_count(lines, 'line')}; "
              f"{_count(len(entries), 'entry', 'entries')} without any:")
        for row in problems.itertuples(index=False):
            shown = f" {row.value!r}" if row.value else ""
            print(f"  line {row.line}, {row.column}{shown}: {row.problem}")
        print("Nothing was changed. Fix these lines in the file, then run ghw doctor again.")
        return 1
    if entries.empty:
        print(f"{path}: a valid journal with no entries yet.")
    else:
        first, last = entries["date"].min().date(), entries["date"].max().date()
        print(f"{path}: {_count(len(entries), 'valid entry', 'valid entries')}, from {first} to {last}.")
    return 0


def _period_options(command: argparse.ArgumentParser) -> None:
    which = command.add_mutually_exclusive_group()
    which.add_argument("--month", help="YYYY-MM (default: this month)")
    which.add_argument("--week", help="YYYY-Www, like 2026-W48")
    command.add_argument("--journal", type=Path, help="journal file (default: your journal)")


def _period(args) -> str:
    from .summary import period_range

    if getattr(args, "since", None) or getattr(args, "until", None):
        if args.week or args.month:
            raise GhwError("Give either --since (and --until) or --month or --week, not both.")
        if not args.since:
            raise GhwError("--until needs --since: say the first day of the span too.")
        from .summary import span

        period = span(args.since, args.until)
    else:
        period = args.week or args.month or dt.date.today().strftime("%Y-%m")
    period_range(period)  # a wrong period is said before anything is read
    return period


def _summary(args) -> int:
    from . import summary
    from .folder import JournalFolder

    period = _period(args)
    result = summary.of(JournalFolder(args.journal), period, notes=args.notes, names=True)
    print(f"ghw summary for {result.when}\n")
    for sentence in result.sentences():
        print(f"- {sentence}")
    if result.unsure:
        from .exports import unsure

        print(f"\n{unsure(result.unsure).strip()}")
    print()
    print(care.care_note())
    return 0


def _export(args) -> int:
    from . import exports, summary
    from .cli_month import chosen_reflections
    from .folder import JournalFolder

    mine = JournalFolder(args.journal)
    path = mine.journal
    period = _period(args)
    result = summary.of(mine, period, notes=args.notes, names=args.names,
                        reflections=chosen_reflections(path, args.reflection))
    export = exports.EXPORTS[args.format]
    out = args.out or exports.exports_dir(path) / f"ghw-{result.slug}.{export.name}"
    print(exports.preview(result, export.name))
    export.to(result, out, journal=path)
    print(f"Wrote {out}")
    return 0


def _reflect(args) -> int:
    from . import experiment, findings, vocabulary

    path = args.journal or paths.journal_path()
    unknown = [n for n in args.finding or () if n not in findings.FINDINGS]
    if unknown:
        raise GhwError(f"There is no finding {unknown[0]!r}; the findings are: {', '.join(findings.FINDINGS)}.")
    data = findings.Data(journal.load(path), checkins=_checkins_of(path),
                         experiments=experiment.load(experiment.experiments_path(path)))
    if imported := findings.unmapped(data.entries):
        sentence = vocabulary.status_text("unmapped", n=imported)
        print(f"{sentence[0].upper()}{sentence[1:]}.\n")
    results = {name: findings.FINDINGS[name].compute(data) for name in args.finding or findings.FINDINGS}
    if not args.finding:  # the gist first: at most five lines, then what is still to come
        from . import digest

        table = digest.readings(data, results)
        for heading, said in (("What your journal says", digest.lines(digest.digest(data, table=table))),
                              ("Answers still to come", digest.progress(table)["text"].tolist())):
            if said:
                print(heading + "".join(f"\n  - {line}" for line in said) + "\n")
    for name, result in results.items():
        finding = findings.FINDINGS[name]
        sentence = finding.explain(result, data)
        if sentence:
            print(f"{finding.title}\n  {sentence}\n")
    print(care.care_note())
    return 0


def _import(args) -> int:
    """``ghw import SOURCE FILE``: the importer registered as SOURCE, with the options it declares."""
    import shlex

    from .importers import IMPORTERS, words

    importer = IMPORTERS[args.importer]
    path = args.journal or paths.journal_path()
    given = {option.name: getattr(args, option.name) for option in importer.options}
    done = importer.run(args.file, journal=path, dry_run=args.dry_run, **given)
    again = {**{k: v for k, v in given.items() if v is not None}, "journal": args.journal, **importer.again(done)}
    command = ["ghw", "import", importer.name, str(args.file)]
    for name, value in again.items():
        if value is not None:
            command += ["--" + name.replace("_", "-"), str(value)]
    print("\n".join(words.merged(done.merged, path, dry_run=args.dry_run, earlier=done.earlier)))
    _preview(done.merged.added, args.dry_run)
    for line in importer.say(done, dry_run=args.dry_run, next_step=f"import again:\n  {shlex.join(command)}"):
        print(line)
    return 0


def _preview(added, dry_run: bool) -> None:
    """In a dry run, the first rows that would be added."""
    if dry_run and len(added):
        print(added.head(10).to_string(index=False, columns=["date", "time", "mood", "person", "relationship", "note"]))


def _restore(args) -> int:
    from . import storage

    path = args.journal or paths.journal_path()
    saved = storage.backups(path)[::-1]
    if not saved:
        print(f"No backups of {path} yet: one is kept before every edit or delete.")
        return 0
    if args.backup is None:
        print(f"Backups of {path}, newest first (put one back with: ghw restore NUMBER):")
        for number, backup in enumerate(saved, start=1):
            problem = journal.unreadable(backup, read=False)
            said = f"cannot be put back: {problem}" if problem else _count(_lines(backup), 'line')
            print(f"  {number:>2}. {backup.name}  ({said})")
        return 0
    chosen = next((b for b in saved if b.name == args.backup), None)
    if chosen is None and args.backup.isdigit() and 1 <= int(args.backup) <= len(saved):
        chosen = saved[int(args.backup) - 1]
    if chosen is None:
        raise GhwError(f"There is no backup {args.backup!r}; run ghw restore to list them.")
    from .people.rename import restore

    marked = restore(path, chosen)
    print(f"Put back {chosen.name} as {path}. The version it replaced is now the newest backup.")
    if marked:
        print(f"Marked private, as their entries are a private person's: {', '.join(map(repr, marked))}.")
    return 0


def _lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _log(args) -> int:
    now = dt.datetime.now()
    fields = [c for c in (*schema.COLUMNS, *schema.OPTIONAL_COLUMNS) if c not in ("id", "date", "time")]
    entry = {c: getattr(args, c) for c in fields if getattr(args, c) is not None}
    if "minutes" in entry:  # "45", "45 min", "1h", "1:30"
        entry["minutes"] = schema.duration(entry["minutes"])
    entry["date"] = args.date or now.date()
    entry["time"] = args.time or now.time()
    path = args.journal or paths.journal_path()
    _confirm_far_date(args)
    saved = journal.append(path, entry)
    person = saved["person"] if isinstance(saved["person"], str) else saved["relationship"]
    who = f" with {person}" if isinstance(person, str) else ""
    print(f"Saved mood {saved['mood']}{who} on {saved['date'].date()} at {saved['time']} to {path}.")
    return 0


def _confirm_far_date(args) -> None:
    """A date well after today (:func:`ghw.schema.days_ahead`) is asked about at the terminal, or needs --yes."""
    day = schema.parse("date", args.date) if args.date else None
    days = schema.days_ahead(day) if day else 0
    if not days or args.yes:
        return
    question = f"{day} is {days} days from today. Save the entry on that date anyway?"
    if sys.stdin is not None and sys.stdin.isatty():
        if input(f"{question} [y/N] ").strip().lower() in ("y", "yes"):
            return
        raise GhwError("Nothing was saved.")
    raise GhwError(f"{question} Nothing was saved; add --yes to save it.")


def _lab(args) -> None:
    from . import server

    server.run_lab()


def _app(args) -> None:
    from . import server

    server.run_app(args.port, lan=args.lan, certfile=args.certfile, keyfile=args.keyfile, open_browser=not args.no_browser)


def _people_files(args):
    from .people.file import load_people, people_path

    path = args.journal or paths.journal_path()
    return path, people_path(path), load_people(people_path(path))


def _people(args) -> int:
    import math

    from . import vocabulary
    from .people.contacts import duplicates
    from .people.due import overdue
    from .people.ledger import ledger
    from .people.page import describe_variety, due_words
    from .people.variety import variety

    path, _, settings = _people_files(args)
    entries = journal.load(path)
    table = ledger(entries, settings)
    if table.empty:
        print(f"{path}: no named people yet. Log a connection with a name to start.")
        return 0
    print(f"People in {path} (most recently seen first):\n")
    print(f"  {'name':<24} {'kind':<13} {'last contact':<13} {'contacts':>8}  {'usual gap':<13} rhythm")
    for row in table.itertuples(index=False):
        gap = "-" if math.isnan(row.usual_gap) else vocabulary.days(row.usual_gap)
        wish = row.every if isinstance(row.every, str) else "-"
        mark = "  (private)" if row.private else ""
        print(f"  {_cell(row.person, 24)} {row.relationship:<13} {row.last_contact.date()!s:<13} {row.contacts:>8}  "
              f"{gap:<13} {wish}{mark}")
    late = overdue(entries, settings)
    print("\nDue now:" if len(late) else "\nNobody is due now.")
    for row in late.itertuples(index=False):
        print(f"  {_cell(row.person, 24, pad=False)}: {due_words(row)}")
    alike = duplicates(entries)
    if len(alike):
        print("\nNames that look like one person (merge with: ghw people rename NAME INTO --merge):")
        for row in alike.itertuples(index=False):
            print(f"  {_cell(repr(row.name), 40, pad=False)} ({_count(row.days, 'day')}) and "
                  f"{_cell(repr(row.into), 40, pad=False)} ({_count(row.into_days, 'day')}), {row.relationship}: {row.why}")
    print("\n" + describe_variety(variety(entries)))
    return 0


def _cell(name: str, width: int, *, pad: bool = True) -> str:
    shown = name if len(name) <= width else name[:width - 1] + "…"
    return f"{shown:<{width}}" if pad else shown


def _people_show(args) -> int:
    from .names import find
    from .people.page import describe, person

    path, _, settings = _people_files(args)
    entries = journal.load(path)
    name = find(entries, args.name)
    for line in describe(person(entries, name, settings)):
        print(line)
    return 0


def _people_rename(args) -> int:
    from . import storage
    from .people.rename import rename

    path = args.journal or paths.journal_path()
    done = rename(path, args.old, args.new, merge=args.merge)
    verb = "Merged" if done.merged else "Renamed"
    print(f"{verb} {_count(done.count, 'entry', 'entries')}: {done.old!r} is now {done.new!r} in {path}.")
    newest = storage.backups(path)[-1:] or None
    if newest:
        print(f"The journal as it was is kept as {newest[0].name}; ghw restore puts it back.")
    return 0


def _people_rhythm(args) -> int:
    from .names import find
    from .people.file import set_rhythm

    path, home, _ = _people_files(args)
    every = " ".join(args.every)
    forget = every.strip().lower() == "usual"
    entries, _ = journal.check(path)
    # A kind's word wins, unless someone in the journal is called exactly that.
    kind = args.who not in set(entries["person"].dropna()) and schema.parse("relationship", args.who) is not None
    who = args.who if kind else find(entries, args.who)
    saved = set_rhythm(home, who, None if forget else every, kind=kind)
    subject = f"every {schema.parse('relationship', who)}" if kind else repr(who)
    if saved is None:
        print(f"Forgot the wished rhythm for {subject}: their own usual gap counts again. Saved in {home}.")
    else:
        print(f"Wished rhythm for {subject}: {saved}. Saved in {home}.")
    return 0


def _people_private(args) -> int:
    from .names import find
    from .people.file import set_private

    path, home, _ = _people_files(args)
    entries, _ = journal.check(path)
    name = find(entries, args.name)
    set_private(home, name, not args.off)
    if args.off:
        print(f"{name!r} may appear in exports again (under a pseudonym unless you ask for names). Saved in {home}.")
    else:
        print(f"{name!r} is private: left out of every summary and export, even under a pseudonym. Saved in {home}.")
    return 0


def _checkins_of(path: Path):
    """The check-ins beside the journal at ``path`` (none when there is no file yet)."""
    from . import checkins

    return checkins.load_checkins(checkins.checkins_path(path))


def _checkin(args) -> int:
    from . import checkins
    from .vocabulary import label

    found = checkins.instrument(args.instrument)
    path = checkins.checkins_path(args.journal or paths.journal_path())
    if args.answers is not None:
        answers = checkins.parse_answers(args.instrument, args.answers)
    else:
        answers = _ask(found)
    saved = checkins.save(path, args.instrument, answers, date=args.date)
    print(f"Saved your {found.title} check-in of {saved['date']} to {path}.")
    for scale in found.scales:
        score = saved["scores"][scale.name]
        if score is None:
            print(f"  {label(scale.name)}: not scored, a question it needs was left out.")
        elif scale.words is not None:
            print(f"  {label(scale.name)}: {scale.say(score)}")
        else:
            print(f"  {label(scale.name)}: {score} (from {scale.low} to {scale.high}, higher is {scale.higher_is})")
    if not saved["complete"]:
        print("  Kept as incomplete: only the scores whose questions were all answered are given.")
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
                reply = input("   Your answer (Enter to skip): ").strip()
            except EOFError:
                reply = ""
            if reply == "" or reply in {str(v) for v in item.values}:
                break
            print(f"   Please type one of {', '.join(str(v) for v in sorted(item.values))}, or press Enter to skip.")
        answers[item.id] = reply or None
    return answers


def _experiment_new(args) -> int:
    from . import experiment, randomization

    path = experiment.experiments_path(args.journal or paths.journal_path())
    values = {k: getattr(args, k) for k in ("act", "person", "relationship", "outcome", "weeks", "design", "per_week",
                                            "block_days", "start")}
    saved = experiment.new(path, values)
    design = experiment.design_of(saved)
    act_days = sum(c == experiment.ACT_DAY for c in saved["schedule"])
    print(f"Started experiment {saved['id']}: {saved['act']}, {saved['start']} to {saved['end']} "
          f"({act_days} act days of {design.days}).")
    print(design.describe())
    print(f"Power at half a standard deviation of mood: about {randomization.power(design):.0%}.")
    print(f"The days are drawn from seed {saved['seed']} and kept in {path}.")
    return 0


def _experiment_status(args) -> int:
    from . import experiment

    home = args.journal or paths.journal_path()
    running = experiment.today(experiment.load(experiment.experiments_path(home)))
    if not running:
        print("No experiment is running today. Start one with: ghw experiment new --act '...'")
        return 0
    entries = journal.load(home) if Path(home).exists() else schema.empty_entries()
    today = dt.date.today()
    for row, act in running:
        days = experiment.adherence(row, entries)
        so_far = days.loc[days["date"] < str(today)]
        done = int((so_far["act"] & so_far["done"]).sum())
        print(f"{row['id']}: {row['act']} ({row['start'].date()} to {row['end'].date()}), day {len(so_far) + 1} "
              f"of {len(days)}.")
        print(f"  Today is {'an act day' if act else 'an ordinary day'}. So far you did it on {done} of "
              f"{_count(int(so_far['act'].sum()), 'act day')}.")
    return 0


def _experiment_result(args) -> int:
    from . import experiment, findings

    home = args.journal or paths.journal_path()
    table = experiment.load(experiment.experiments_path(home))
    if table.empty:
        print("No experiments yet. Start one with: ghw experiment new --act '...'")
        return 0
    entries = journal.load(home) if Path(home).exists() else schema.empty_entries()
    data = findings.Data(entries, experiments=table)
    finding = findings.FINDINGS["experiment"]
    result = finding.compute(data)
    for _, rows in result.groupby("experiment", sort=False):
        print(f"{rows['experiment'].iat[0]}: {finding.explain(rows, data)}\n")
    columns = ["experiment", "analysis", "diff", "ci_low", "ci_high", "p_val", "n_act", "n_other", "status"]
    print(result[columns].round(3).to_string(index=False))
    return 0


def _experiment_stop(args) -> int:
    from . import experiment

    path = experiment.experiments_path(args.journal or paths.journal_path())
    stopped = experiment.stop(path, args.id)
    print(f"Stopped experiment {args.id} ({stopped['act']}) on {stopped['stopped'].date()}. The days so far are kept; "
          "ghw experiment result gives their answer. A new draw is a new experiment.")
    return 0


def _share(args) -> int:
    from . import sharing

    if args.withdraw:
        removed = sharing.withdraw()
        print(f"Withdrew what you shared ({', '.join(p.name for p in removed)}): your practitioner can no longer "
              "open it." if removed else "You had nothing shared; nothing was changed.")
        return 0
    period = args.week or args.month
    if period:
        _period(args)  # a wrong period is said before anything is read
    from .cli_month import chosen_reflections

    reflections = chosen_reflections(args.journal or paths.journal_path(), args.reflection)
    held = sharing.share(args.journal, period, notes=args.notes, names=args.names, reflections=reflections)
    kept = ("notes included" if held["notes_included"] else "no notes",
            "names replaced by pseudonyms" if held["pseudonymized"] else "names as you wrote them")
    print(f"Shared your summary of {held['period']} ({held['days_logged']} days logged, {held['entries']} entries; "
          f"{', '.join(kept)}) with your practitioner. ghw share --withdraw takes it back.")
    if held["unsure"]:
        from .exports import unsure

        print(unsure(held["unsure"]).strip())
    return 0


def _study_consent(args) -> int:
    from . import study

    record = study.consent(args.study)
    print(f"You joined the study {study.study_name(args.study)!r} (since {record['consented_at']}). Its pool takes "
          "what you share with your practitioner, as codes and numbers under the code "
          f"{record['participant']}: never your name, your notes or your activities. "
          "ghw study withdraw takes you out.")
    return 0


def _study_withdraw(args) -> int:
    from . import study

    name = study.study_name(args.study)
    if study.withdraw(name):
        print(f"You left the study {name!r}. Your rows leave its pool when it is next gathered; what was already "
              "worked out from an earlier pool cannot be taken back. Sharing with your practitioner is unchanged.")
    else:
        print(f"You had not joined the study {name!r}; nothing was changed.")
    return 0


def _study_status(args) -> int:
    from . import study

    held = study.consents()
    if not held:
        print("You have not joined any study. Sharing with your practitioner does not put you in one.")
    for name, record in sorted(held.items()):
        print(f"{name}: joined {record['consented_at']}, as participant {record['participant']}.")
    return 0


def _study_pool(args) -> int:
    from . import study

    done = study.pool(args.out, args.study, args.shares)
    print(f"Pooled {_count(done.participants, 'participant')} ({_count(done.entries, 'entry', 'entries')}) of the "
          f"study {done.study!r} into {done.path}.")
    for row in done.problems.itertuples(index=False):
        print(f"  {row.folder}: {row.problem}")
    return 0


def _study_ask(args) -> int:
    from . import study

    if (args.question is None) == (args.sql is None):
        raise GhwError("Ask one thing: a question by name (" + ", ".join(study.QUESTIONS) + ") or --sql.")
    answer = study.sql(args.sql, args.pool) if args.sql else study.ask(args.question, args.pool)
    print(answer.to_string(index=False))
    if args.csv:
        from .exports import write_bytes

        write_bytes(args.csv, answer.to_csv(index=False).encode("utf-8"))
        print(f"Wrote the answer to {args.csv}.")
    return 0

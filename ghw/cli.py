"""The ``ghw`` command: a thin face over the library.

Every error ghw expects is printed as one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    try:
        return args.run(args)
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ghw", description="A connection-and-mood journal that lives in Jupyter.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    sample = commands.add_parser("sample", help="write a synthetic journal to try things with")
    sample.add_argument("--days", type=int, default=365, help="how many days (default 365)")
    sample.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same journal")
    sample.add_argument("--end", help="last day, YYYY-MM-DD (default today)")
    sample.add_argument("--out", required=True, type=Path, help="file to create (never overwritten)")
    sample.set_defaults(run=_sample)

    init = commands.add_parser("init", help="make a workspace: the notebooks and a data folder for your journal")
    init.add_argument("folder", nargs="?", type=Path, help="where (default: your workspace; ghw doctor says where)")
    init.set_defaults(run=_init)

    doctor = commands.add_parser("doctor", help="check a journal and list its problems (never changes it)")
    doctor.add_argument("file", nargs="?", type=Path, help="journal to check (default: your journal)")
    doctor.set_defaults(run=_doctor)

    log = commands.add_parser("log", help="add one entry to the journal")
    log.add_argument("--mood", required=True, help="how you feel now, 0 (worst) to 10 (best)")
    log.add_argument("--date", help="YYYY-MM-DD (default today)")
    log.add_argument("--time", help="HH:MM (default now)")
    log.add_argument("--person", help="who: a name, nickname or initials")
    log.add_argument("--relationship", help=", ".join(schema.RELATIONSHIPS))
    log.add_argument("--activity", help="what you did together")
    log.add_argument("--channel", help=", ".join(schema.CHANNELS))
    log.add_argument("--minutes", help="how long")
    log.add_argument("--quality", help="how connected you felt, 1 (not at all) to 5 (deeply)")
    log.add_argument("--initiated-by", dest="initiated_by", help=", ".join(schema.INITIATED_BY))
    log.add_argument("--support", help=", ".join(schema.SUPPORT))
    log.add_argument("--note", help="anything else")
    log.add_argument("--journal", type=Path, help="journal file (default: your journal)")
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
    export.set_defaults(run=_export)

    reflect = commands.add_parser("reflect", help="print what your journal shows, one sentence per finding")
    reflect.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    reflect.add_argument("--finding", action="append", metavar="NAME",
                         help="only this finding (repeat for more); names: " + ", ".join(_finding_names()))
    reflect.set_defaults(run=_reflect)

    importing = commands.add_parser("import", help="bring in history from Daylio or another CSV")
    sources = importing.add_subparsers(required=True, metavar="SOURCE")
    daylio = sources.add_parser("daylio", help="a Daylio CSV export")
    daylio.add_argument("file", type=Path, help="the exported CSV")
    daylio.add_argument("--moods", type=Path, help="CSV name,mood for mood names beyond rad, good, meh, bad, awful")
    daylio.add_argument("--activities", type=Path, help="CSV activity,relationship,person: activities that are connections")
    other = sources.add_parser("csv", help="any CSV, through a column mapping")
    other.add_argument("file", type=Path, help="the CSV to import")
    other.add_argument("--map", required=True, type=Path, help="CSV journal,source: which of your columns is which")
    other.add_argument("--date-format", help="how your dates are written, like %%d/%%m/%%Y (default YYYY-MM-DD)")
    for command in (daylio, other):
        command.add_argument("--journal", type=Path, help="journal file (default: your journal)")
        command.add_argument("--dry-run", action="store_true", help="show what would be added, add nothing")
    daylio.set_defaults(run=_import_daylio)
    other.set_defaults(run=_import_csv)

    restore = commands.add_parser("restore", help="list the journal's backups, or put one back")
    restore.add_argument("backup", nargs="?", help="number (1 = newest) or file name of the backup to put back")
    restore.add_argument("--journal", type=Path, help="journal file (default: your journal)")
    restore.set_defaults(run=_restore)

    lab = commands.add_parser("lab", help="open the notebooks in JupyterLab")
    lab.set_defaults(run=_lab)

    app = commands.add_parser("app", help="open logging and reflection as a plain page, without code (Voila)")
    app.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    app.set_defaults(run=_app)

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
    share.set_defaults(run=_share)
    return parser


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
    for path in made.brought_over:
        print(f"  brought over {path.relative_to(made.folder)} from the earlier install in {paths.PROJECT_DIR / 'data'}")
    for path in made.kept:
        print(f"  kept your {path.relative_to(made.folder)} (to get this version's, delete yours and run ghw init again)")
    if made.current:
        print(f"  {_count(len(made.current), 'file was', 'files were')} already there and up to date")
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


def _doctor(args) -> int:
    path = args.file or paths.journal_path()
    print(f"Checking {path} ({'named on the command line' if args.file else paths.journal_source()}).")
    if (earlier := workspace.earlier_journal()) is not None:
        print(f"An earlier ghw left a journal at {earlier}: ghw init copies it into your workspace.")
    entries, problems = journal.check(path)
    if len(problems):
        print(f"{path}: {_count(len(problems), 'problem')} ({_count(len(entries), 'entry', 'entries')} without any):")
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

    period = args.week or args.month or dt.date.today().strftime("%Y-%m")
    period_range(period)  # a wrong period is said before anything is read
    return period


def _summary(args) -> int:
    from . import plan, summary

    path = args.journal or paths.journal_path()
    period = _period(args)
    result = summary.summary(journal.load(path), period, plan=plan.load_plan(plan.plan_path(path)), notes=args.notes,
                             names=True)
    print(f"ghw summary for {result.period} ({result.start} to {result.end})\n")
    for sentence in result.sentences():
        print(f"- {sentence}")
    print()
    print(care.care_note())
    return 0


def _export(args) -> int:
    from . import exports, plan, privacy, summary

    path = args.journal or paths.journal_path()
    period = _period(args)
    entries = journal.load(path)
    key = None if args.names else privacy.key_for(path)
    result = summary.summary(entries, period, plan=plan.load_plan(plan.plan_path(path)), notes=args.notes,
                             names=args.names, key=key)
    export = exports.EXPORTS[args.format]
    out = args.out or exports.exports_dir(path) / f"ghw-{result.period}.{export.name}"
    print(exports.preview(result, export.name))
    export.to(result, out, journal=path)
    print(f"Wrote {out}")
    return 0


def _reflect(args) -> int:
    from . import findings

    path = args.journal or paths.journal_path()
    unknown = [n for n in args.finding or () if n not in findings.FINDINGS]
    if unknown:
        raise GhwError(f"There is no finding {unknown[0]!r}; the findings are: {', '.join(findings.FINDINGS)}.")
    data = findings.Data(journal.load(path))
    for name in args.finding or findings.FINDINGS:
        finding = findings.FINDINGS[name]
        sentence = finding.explain(finding.compute(data), data)
        if sentence:
            print(f"{finding.title}\n  {sentence}\n")
    print(care.care_note())
    return 0


def _finding_names() -> list[str]:
    from . import findings

    return list(findings.FINDINGS)


def _import_daylio(args) -> int:
    from . import importers

    moods = importers.read_mood_map(args.moods) if args.moods else None
    activities = importers.read_activity_map(args.activities) if args.activities else None
    rows = importers.read_daylio(args.file, moods=moods, activities=activities, template=not args.dry_run)
    path = args.journal or paths.journal_path()
    known = journal.check(path)[0] if path.exists() and not path.is_dir() else None
    earlier = importers.already_imported(rows, known) if known is not None else None
    if earlier is None:
        return _import(args, rows, known)
    return _import(args, rows.loc[~earlier], known, skipped=int(earlier.sum()))


def _import_csv(args) -> int:
    from . import importers

    rows = importers.read_mapped(args.file, importers.read_mapping(args.map), date_format=args.date_format)
    path = args.journal or paths.journal_path()
    return _import(args, rows, journal.check(path)[0] if path.exists() and not path.is_dir() else None)


def _import(args, rows, known, *, skipped: int = 0) -> int:
    """Add ``rows``; say how many were there already, and how many of those the source has changed since."""
    path = args.journal or paths.journal_path()
    added = journal.extend(path, rows, dry_run=args.dry_run)
    there = len(rows) - len(added) + skipped
    already = f" ({_count(there, 'entry was', 'entries were')} already there)" if there else ""
    changed = _changed(rows, known)
    if args.dry_run:
        print(f"Would add {_count(len(added), 'entry', 'entries')} to {path}{already}. Nothing was written.")
        if len(added):
            print(added.head(10).to_string(index=False, columns=["date", "time", "mood", "person", "relationship", "note"]))
    else:
        print(f"Added {_count(len(added), 'entry', 'entries')} to {path}{already}.")
    if changed:
        print(f"{_count(changed, 'entry differs', 'entries differ')} from the version in your journal (changed at the "
              "source, or mapped differently); your journal keeps its own version.")
    return 0


def _changed(rows, known) -> int:
    """How many rows are in the journal already (by id) with another mood, note or activity there."""
    if known is None or known.empty:
        return 0
    mine = known.set_index("id")[["mood", "note", "activity"]].astype("str").fillna("")
    theirs = rows.set_index("id")[["mood", "note", "activity"]].astype("str").replace({"nan": ""})
    both = theirs.index.intersection(mine.index)
    mine = mine.loc[both].replace({"<NA>": "", "nan": ""})
    differs = (mine != theirs.loc[both]).any(axis=1)
    return int(differs.sum())


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
            print(f"  {number:>2}. {backup.name}  ({_count(_lines(backup), 'line')})")
        return 0
    chosen = next((b for b in saved if b.name == args.backup), None)
    if chosen is None and args.backup.isdigit() and 1 <= int(args.backup) <= len(saved):
        chosen = saved[int(args.backup) - 1]
    if chosen is None:
        raise GhwError(f"There is no backup {args.backup!r}; run ghw restore to list them.")
    storage.restore(path, chosen)
    print(f"Put back {chosen.name} as {path}. The version it replaced is now the newest backup.")
    return 0


def _lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _log(args) -> int:
    now = dt.datetime.now()
    fields = [c for c in schema.COLUMNS if c not in ("id", "date", "time")]
    entry = {c: getattr(args, c) for c in fields if getattr(args, c) is not None}
    entry["date"] = args.date or now.date()
    entry["time"] = args.time or now.time()
    path = args.journal or paths.journal_path()
    saved = journal.append(path, entry)
    person = saved["person"] if isinstance(saved["person"], str) else saved["relationship"]
    who = f" with {person}" if isinstance(person, str) else ""
    print(f"Saved mood {saved['mood']}{who} on {saved['date'].date()} at {saved['time']} to {path}.")
    return 0


def _lab(args) -> None:
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={paths.notebooks_dir()}", "--ip=127.0.0.1"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    os.execv(sys.executable, command)  # the process becomes JupyterLab


def _app(args) -> None:
    os.execv(sys.executable, [sys.executable, *app_command(args.port)])  # the process becomes Voila


def app_command(port: int) -> list[str]:
    """Voila serving the app notebook on 127.0.0.1 only; the browser gets widgets, never code or files."""
    return [
        "-m", "voila", str(paths.notebooks_dir() / "app.ipynb"),
        "--Voila.ip=127.0.0.1", f"--port={port}", "--theme=light",
        "--VoilaConfiguration.file_denylist=.*",
    ]


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
    held = sharing.share(args.journal, period, notes=args.notes, names=args.names)
    kept = ("notes included" if held["notes_included"] else "no notes",
            "names replaced by pseudonyms" if held["pseudonymized"] else "names as you wrote them")
    print(f"Shared your summary of {held['period']} ({held['days_logged']} days logged, {held['entries']} entries; "
          f"{', '.join(kept)}) with your practitioner. ghw share --withdraw takes it back.")
    return 0

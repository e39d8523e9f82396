"""The ``ghw`` command: a thin face over the library.

Every error ghw expects is printed as one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import care, journal, paths, schema
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ghw", description="A connection-and-mood journal that lives in Jupyter.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    sample = commands.add_parser("sample", help="write a synthetic journal to try things with")
    sample.add_argument("--days", type=int, default=365, help="how many days (default 365)")
    sample.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same journal")
    sample.add_argument("--end", help="last day, YYYY-MM-DD (default today)")
    sample.add_argument("--out", required=True, type=Path, help="file to create (never overwritten)")
    sample.set_defaults(run=_sample)

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
    return parser


def _sample(args) -> int:
    from . import sample

    if args.days < 1:
        raise GhwError("--days must be at least 1.")
    entries = sample.generate(args.days, seed=args.seed, end=args.end)
    journal.create(args.out, entries)
    print(f"Wrote {len(entries)} synthetic entries over {args.days} days to {args.out}.")
    return 0


def _doctor(args) -> int:
    path = args.file or paths.journal_path()
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
    from . import experiment, plan, summary

    path = args.journal or paths.journal_path()
    period = _period(args)
    result = summary.summary(journal.load(path), period, plan=plan.load_plan(plan.plan_path(path)), notes=args.notes,
                             names=True, experiments=experiment.load(experiment.experiments_path(path)))
    print(f"ghw summary for {result.period} ({result.start} to {result.end})\n")
    for sentence in result.sentences():
        print(f"- {sentence}")
    print()
    print(care.care_note())
    return 0


def _export(args) -> int:
    from . import experiment, exports, plan, privacy, summary

    path = args.journal or paths.journal_path()
    period = _period(args)
    entries = journal.load(path)
    key = None if args.names else privacy.key_for(path)
    result = summary.summary(entries, period, plan=plan.load_plan(plan.plan_path(path)), notes=args.notes,
                             names=args.names, key=key, experiments=experiment.load(experiment.experiments_path(path)))
    export = exports.EXPORTS[args.format]
    out = args.out or exports.exports_dir(path) / f"ghw-{result.period}.{export.name}"
    print(exports.preview(result, export.name))
    export.to(result, out, journal=path)
    print(f"Wrote {out}")
    return 0


def _reflect(args) -> int:
    from . import experiment, findings

    path = args.journal or paths.journal_path()
    unknown = [n for n in args.finding or () if n not in findings.FINDINGS]
    if unknown:
        raise GhwError(f"There is no finding {unknown[0]!r}; the findings are: {', '.join(findings.FINDINGS)}.")
    data = findings.Data(journal.load(path), experiments=experiment.load(experiment.experiments_path(path)))
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
    return _import(args, importers.read_daylio(args.file, moods=moods, activities=activities))


def _import_csv(args) -> int:
    from . import importers

    return _import(args, importers.read_mapped(args.file, importers.read_mapping(args.map), date_format=args.date_format))


def _import(args, rows) -> int:
    path = args.journal or paths.journal_path()
    added = journal.extend(path, rows, dry_run=args.dry_run)
    known = len(rows) - len(added)
    already = f" ({_count(known, 'entry was', 'entries were')} already there)" if known else ""
    if args.dry_run:
        print(f"Would add {_count(len(added), 'entry', 'entries')} to {path}{already}. Nothing was written.")
        if len(added):
            print(added.head(10).to_string(index=False, columns=["date", "time", "mood", "person", "relationship", "note"]))
    else:
        print(f"Added {_count(len(added), 'entry', 'entries')} to {path}{already}.")
    return 0


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
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={paths.NOTEBOOKS_DIR}", "--ip=127.0.0.1"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    os.execv(sys.executable, command)  # the process becomes JupyterLab


def _app(args) -> None:
    os.execv(sys.executable, [sys.executable, *app_command(args.port)])  # the process becomes Voila


def app_command(port: int) -> list[str]:
    """Voila serving the app notebook on 127.0.0.1 only; the browser gets widgets, never code or files."""
    return [
        "-m", "voila", str(paths.NOTEBOOKS_DIR / "app.ipynb"),
        "--Voila.ip=127.0.0.1", f"--port={port}", "--theme=light",
        "--VoilaConfiguration.file_denylist=.*",
    ]


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

"""``ghw experiment``: a small act tried on days drawn at random, its progress, its answer, and stopping it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import journal, schema
from ..vocabulary import count
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw experiment`` and its steps: new, status, result, stop."""
    from ..experiment import DESIGNS, MAX_WEEKS, MIN_WEEKS, OUTCOMES

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
    journal_option(new, status, result, halt)


def _experiment_new(args) -> int:
    from .. import experiment, randomization

    path = experiment.experiments_path(args.journal_file)
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
    from .. import experiment

    home = args.journal_file
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
              f"{count(int(so_far['act'].sum()), 'act day')}.")
    return 0


def _experiment_result(args) -> int:
    from .. import experiment, findings

    home = args.journal_file
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
    from .. import experiment

    path = experiment.experiments_path(args.journal_file)
    stopped = experiment.stop(path, args.id)
    print(f"Stopped experiment {args.id} ({stopped['act']}) on {stopped['stopped'].date()}. The days so far are kept; "
          "ghw experiment result gives their answer. A new draw is a new experiment.")
    return 0

"""``ghw experiment``: a small act tried on days drawn at random, its progress, its answer, and stopping it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import journal, schema
from ..i18n import _, ngettext
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw experiment`` and its steps: new, status, result, stop."""
    from ..experiment import DESIGNS, MAX_WEEKS, MIN_WEEKS, OUTCOMES

    experiments = commands.add_parser("experiment", help=_("try a small act on days drawn at random, and see what it does"))
    steps = experiments.add_subparsers(required=True, metavar="STEP")
    new = steps.add_parser("new", help=_("set up an experiment: the act days are drawn now and kept"))
    new.add_argument("--act", required=True, help=_("what you will do on act days, in your own words or an idea"))
    new.add_argument("--person", help=_("with whom (a day counts as done when you log a connection with them)"))
    new.add_argument("--relationship", help=_("or with which kind of relationship: {kinds}").format(
        kinds=", ".join(schema.RELATIONSHIPS)))
    new.add_argument("--outcome", default="mood", choices=OUTCOMES, help=_("what to compare (default mood)"))
    new.add_argument("--weeks", default="4", help=_("how long, {low} to {high} weeks (default 4)").format(
        low=MIN_WEEKS, high=MAX_WEEKS))
    new.add_argument("--design", default="weekly", choices=DESIGNS,
                     help=_("weekly: a few act days drawn in each week; blocks: blocks of days drawn as act blocks"))
    new.add_argument("--per-week", dest="per_week", help=_("act days a week for the weekly design, 2 to 4 (default 3)"))
    new.add_argument("--block-days", dest="block_days", help=_("days a block for the blocks design, 3 to 7 (default 4)"))
    new.add_argument("--start", help=_("first day, YYYY-MM-DD (default today; never in the past)"))
    new.set_defaults(run=_experiment_new)
    status = steps.add_parser("status", help=_("running experiments: today's assignment and the act days done so far"))
    status.set_defaults(run=_experiment_status)
    result = steps.add_parser("result", help=_("what each experiment found, once it has ended"))
    result.set_defaults(run=_experiment_result)
    halt = steps.add_parser("stop", help=_("stop a running experiment today; the days so far are kept"))
    halt.add_argument("id", help=_("the experiment's id (ghw experiment status lists it)"))
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
    print(ngettext("Started experiment {id}: {act}, {start} to {end} ({n} act day of {days}).",
                   "Started experiment {id}: {act}, {start} to {end} ({n} act days of {days}).", act_days).format(
        id=saved["id"], act=saved["act"], start=saved["start"], end=saved["end"], n=act_days, days=design.days))
    print(design.describe())
    print(_("Power at half a standard deviation of mood: about {power:.0%}.").format(
        power=randomization.power(design)))
    print(_("The days are drawn from seed {seed} and kept in {path}.").format(seed=saved["seed"], path=path))
    return 0


def _experiment_status(args) -> int:
    from .. import experiment

    home = args.journal_file
    running = experiment.today(experiment.load(experiment.experiments_path(home)))
    if not running:
        print(_("No experiment is running today. Start one with: ghw experiment new --act '...'"))
        return 0
    entries = journal.load(home) if Path(home).exists() else schema.empty_entries()
    today = dt.date.today()
    for row, act in running:
        days = experiment.adherence(row, entries)
        so_far = days.loc[days["date"] < str(today)]
        done = int((so_far["act"] & so_far["done"]).sum())
        print(_("{id}: {act} ({start} to {end}), day {day} of {days}.").format(
            id=row["id"], act=row["act"], start=row["start"].date(), end=row["end"].date(), day=len(so_far) + 1,
            days=len(days)))
        planned = int(so_far["act"].sum())
        print("  " + (_("Today is an act day.") if act else _("Today is an ordinary day.")) + " " + ngettext(
            "So far you did it on {done} of {n} act day.", "So far you did it on {done} of {n} act days.",
            planned).format(done=done, n=planned))
    return 0


def _experiment_result(args) -> int:
    from .. import experiment, findings

    home = args.journal_file
    table = experiment.load(experiment.experiments_path(home))
    if table.empty:
        print(_("No experiments yet. Start one with: ghw experiment new --act '...'"))
        return 0
    entries = journal.load(home) if Path(home).exists() else schema.empty_entries()
    data = findings.Data(entries, experiments=table)
    finding = findings.FINDINGS["experiment"]
    result = finding.compute(data)
    for _name, rows in result.groupby("experiment", sort=False):
        print(f"{rows['experiment'].iat[0]}: {finding.explain(rows, data)}\n")
    columns = ["experiment", "analysis", "diff", "ci_low", "ci_high", "p_val", "n_act", "n_other", "status"]
    print(result[columns].round(3).to_string(index=False))
    return 0


def _experiment_stop(args) -> int:
    from .. import experiment

    path = experiment.experiments_path(args.journal_file)
    stopped = experiment.stop(path, args.id)
    print(_("Stopped experiment {id} ({act}) on {day}. The days so far are kept; ghw experiment result gives their "
            "answer. A new draw is a new experiment.").format(id=args.id, act=stopped["act"],
                                                              day=stopped["stopped"].date()))
    return 0

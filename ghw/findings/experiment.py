"""Your experiments: what a small act did on the days drawn at random for it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import experiment as experiments
from .. import inference, plots, randomization, vocabulary
from ..i18n import _, ngettext
from ._base import Data, declare, reading, readings


def compute(data: Data) -> pd.DataFrame | None:
    """Every experiment's three looks (:func:`ghw.randomization.analyse`), oldest first, judged as of ``data.as_of``.

    ``None`` when there is no experiment: nothing to say, and nothing missing.
    """
    table = data.experiments
    if table is None or table.empty or data.entries is None:
        return None
    return pd.concat([randomization.analyse(row, data.entries, data.daily, as_of=data.as_of)
                      for row in table.sort_values("start").to_dict("records")], ignore_index=True)


def explain(result: pd.DataFrame | None, data: Data | None = None) -> str:
    """One short paragraph per experiment: what was tried, what it changed, and how sure that is."""
    if result is None:
        return ""
    return " ".join(_one(rows.set_index("analysis")) for _experiment, rows in result.groupby("experiment", sort=False))


def _one(rows: pd.DataFrame) -> str:
    main, done, later = rows.loc["as assigned"], rows.loc["as done"], rows.loc["next day"]
    outcome = vocabulary.name(main["outcome"])
    title = _("Your experiment “{act}” ({start} to {end})").format(act=main["act"], start=main["start"].date(),
                                                                   end=main["end"].date())
    act_days = int(main["act_days"])
    doing = ngettext("you did it on {done} of {n} act day", "you did it on {done} of {n} act days",
                     act_days).format(done=main["done_days"], n=act_days)
    if main["status"] == "running":
        waiting = vocabulary.status_text("running", n=int(main["days_so_far"]), needed=int(main["days"]),
                                         about=main["about"])
        return _("{title}: {waiting}, and {doing}. Judging earlier would let chance pass for an effect.").format(
            title=title, waiting=waiting, doing=doing)
    if main["status"] != "ok":
        n_act, n_other = int(main["n_act"]), int(main["n_other"])
        return _("{title} ended with too few days to answer: {act_days} and {other_days} with {outcome} logged, and it "
                 "needs at least {needed} of each ({doing}).").format(
            title=title, act_days=ngettext("{n} act day", "{n} act days", n_act).format(n=n_act),
            other_days=ngettext("{n} other day", "{n} other days", n_other).format(n=n_other), outcome=outcome,
            needed=int(main["needed"]), doing=doing)
    schedules = int(main["schedules"])
    family = (ngettext("all {n:,} schedule the design could have drawn", "all {n:,} schedules the design could have drawn",
                       schedules) if main["exact"]
              else ngettext("{n:,} schedule drawn the same way", "{n:,} schedules drawn the same way", schedules))
    if not inference.clear(main):
        verdict = _("so this experiment cannot tell the act apart from chance")
    elif main["diff"] > 0:
        verdict = _("so the act very likely raised your {outcome}").format(outcome=outcome)
    else:
        verdict = _("so the act very likely lowered your {outcome}").format(outcome=outcome)
    bounded = np.isfinite(main["ci_low"]) and np.isfinite(main["ci_high"])
    interval = (_("95% interval {low:+.2f} to {high:+.2f}").format(low=main["ci_low"], high=main["ci_high"])
                if bounded else _("the design has too few schedules to bound it"))
    said = [
        _("{title}: on the {n_act} act days drawn at random, your {outcome} was {points} than on the {n_other} other "
          "days ({interval}).").format(title=title, n_act=main["n_act"], outcome=outcome, points=_points(main),
                                       n_other=main["n_other"], interval=interval),
        _("A difference this large came from the draw alone in {share:.1%} of {family}, {verdict}.").format(
            share=main["p_val"], family=family.format(n=schedules), verdict=verdict),
    ]
    doing = f"{doing[0].upper()}{doing[1:]}"
    if done["status"] == "ok" and main["done_days"] < main["act_days"]:
        said.append(_("{doing}; on the days that went as drawn the difference was {diff:+.2f} ({low:+.2f} to "
                      "{high:+.2f}).").format(doing=doing, diff=done["diff"], low=done["ci_low"], high=done["ci_high"]))
    else:
        said.append(f"{doing}.")
    if later["status"] == "ok":
        if not inference.clear(later):
            lingers = _("The day after an act day was not clearly different ({diff:+.2f}, {low:+.2f} to {high:+.2f}).")
        elif later["diff"] > 0:
            lingers = _("The day after an act day was clearly higher ({diff:+.2f}, {low:+.2f} to {high:+.2f}).")
        else:
            lingers = _("The day after an act day was clearly lower ({diff:+.2f}, {low:+.2f} to {high:+.2f}).")
        said.append(lingers.format(diff=later["diff"], low=later["ci_low"], high=later["ci_high"]))
    return " ".join(said)


def read(result: pd.DataFrame | None, data: Data | None = None) -> pd.DataFrame | None:
    """One reading per experiment, from its main look (the days as drawn): running, answered, or ended too short."""
    if result is None:
        return None
    rows = []
    for _index, main in result.loc[result["analysis"] == "as assigned"].iterrows():
        subject = _("your experiment “{act}”").format(act=main["act"])
        outcome = _("your mood") if main["outcome"] == "mood" else vocabulary.name(main["outcome"])
        fixed = {"until": main["end"], "unit": "day", "measure": "points"}
        if main["status"] == "running":
            rows.append(reading(main["experiment"], "experiment", subject, main, n=int(main["days_so_far"]),
                                headline=_("Your experiment “{act}” is running; its answer comes after {end}").format(
                                    act=main["act"], end=main["end"].date()), **fixed))
        elif main["status"] != "ok":
            rows.append(reading(main["experiment"], "experiment", subject, main, count="n", **fixed,
                                headline=_("Your experiment “{act}” ended with too few days to answer").format(
                                    act=main["act"])))
        else:
            clear = inference.clear(main)
            headline = (_("Your experiment “{act}”: on act days {outcome} was {points}, very likely because of the "
                          "act").format(act=main["act"], outcome=outcome, points=vocabulary.points(main["diff"]))
                        if clear else
                        _("Your experiment “{act}” could not tell the act apart from chance").format(act=main["act"]))
            rows.append(reading(main["experiment"], "experiment", subject, main, estimate="diff", clear=clear,
                                headline=headline, **fixed))
    return readings(rows)


def _points(row) -> str:
    """A difference as "0.42 points higher" (or lower)."""
    return (_("{size:.2f} points higher") if row["diff"] >= 0 else _("{size:.2f} points lower")).format(
        size=abs(row["diff"]))


def plot(result: pd.DataFrame, data: Data, ax):
    """The latest experiment's days: act days and other days over time."""
    table = data.experiments
    if table is None or table.empty or data.entries is None:
        ax.set(title=_("Act days and other days"))
        return plots.plot_experiment(pd.DataFrame(columns=["date", "act", "done", "mood"]), ax=ax)
    latest = table.sort_values("start").iloc[-1].to_dict()
    days = experiments.adherence(latest, data.entries)
    days = days.loc[days["date"] < pd.Timestamp(data.as_of)]
    outcome = latest["outcome"]
    days = days.merge(data.daily[["date", outcome]], on="date", how="left")
    return plots.plot_experiment(days, outcome=outcome, ax=ax)


FINDING = declare(__name__, title=_("Your experiments"),
                  intro=_("A small act on days drawn at random, against the other days: a fair test of what it "
                          "changes for you."), wide=True, in_summary=True, spans=False)

"""Your experiments: what a small act did on the days drawn at random for it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import experiment as experiments
from .. import inference, plots, randomization, vocabulary
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
    return " ".join(_one(rows.set_index("analysis")) for _, rows in result.groupby("experiment", sort=False))


def _one(rows: pd.DataFrame) -> str:
    main, done, later = rows.loc["as assigned"], rows.loc["as done"], rows.loc["next day"]
    outcome = vocabulary.name(main["outcome"])
    title = f"Your experiment “{main['act']}” ({main['start'].date()} to {main['end'].date()})"
    doing = f"you did it on {main['done_days']} of {vocabulary.count(int(main['act_days']), 'act day')}"
    if main["status"] == "running":
        waiting = vocabulary.status_text("running", n=int(main["days_so_far"]), needed=int(main["days"]),
                                         about=main["about"])
        return f"{title}: {waiting}, and {doing}. Judging earlier would let chance pass for an effect."
    if main["status"] != "ok":
        return (f"{title} ended with too few days to answer: {main['n_act']} act days and {main['n_other']} other days "
                f"with {outcome} logged, and it needs at least {int(main['needed'])} of each ({doing}).")
    share = main["p_val"]
    family = (f"all {int(main['schedules']):,} schedules the design could have drawn" if main["exact"]
              else f"{int(main['schedules']):,} schedules drawn the same way")
    clear = inference.clear(main)
    verdict = (f"so the act very likely {'raised' if main['diff'] > 0 else 'lowered'} your {outcome}" if clear
               else "so this experiment cannot tell the act apart from chance")
    bounded = np.isfinite(main["ci_low"]) and np.isfinite(main["ci_high"])
    interval = (f"95% interval {main['ci_low']:+.2f} to {main['ci_high']:+.2f}" if bounded
                else "the design has too few schedules to bound it")
    text = (f"{title}: on the {main['n_act']} act days drawn at random, your {outcome} was {_points(main)} than on the "
            f"{main['n_other']} other days ({interval}). "
            f"A difference this large came from the draw alone in {share:.1%} of {family}, {verdict}. "
            f"{doing[0].upper()}{doing[1:]}")
    if done["status"] == "ok" and main["done_days"] < main["act_days"]:
        text += (f"; on the days that went as drawn the difference was {done['diff']:+.2f} "
                 f"({done['ci_low']:+.2f} to {done['ci_high']:+.2f})")
    if later["status"] == "ok":
        lingers = (f"clearly {'higher' if later['diff'] > 0 else 'lower'}" if inference.clear(later)
                   else "not clearly different")
        text += (f". The day after an act day was {lingers} ({later['diff']:+.2f}, "
                 f"{later['ci_low']:+.2f} to {later['ci_high']:+.2f})")
    return text + "."


def read(result: pd.DataFrame | None, data: Data | None = None) -> pd.DataFrame | None:
    """One reading per experiment, from its main look (the days as drawn): running, answered, or ended too short."""
    if result is None:
        return None
    rows = []
    for _, main in result.loc[result["analysis"] == "as assigned"].iterrows():
        subject = f"your experiment “{main['act']}”"
        outcome = "your mood" if main["outcome"] == "mood" else vocabulary.name(main["outcome"])
        fixed = {"until": main["end"], "unit": "day", "measure": "points"}
        if main["status"] == "running":
            rows.append(reading(main["experiment"], "experiment", subject, main, n=int(main["days_so_far"]),
                                headline=f"Your experiment “{main['act']}” is running; its answer comes after "
                                         f"{main['end'].date()}", **fixed))
        elif main["status"] != "ok":
            rows.append(reading(main["experiment"], "experiment", subject, main, count="n", **fixed,
                                headline=f"Your experiment “{main['act']}” ended with too few days to answer"))
        else:
            clear = inference.clear(main)
            headline = (f"Your experiment “{main['act']}”: on act days {outcome} was {vocabulary.points(main['diff'])}, "
                        "very likely because of the act" if clear else
                        f"Your experiment “{main['act']}” could not tell the act apart from chance")
            rows.append(reading(main["experiment"], "experiment", subject, main, estimate="diff", clear=clear,
                                headline=headline, **fixed))
    return readings(rows)


def _points(row) -> str:
    return f"{abs(row['diff']):.2f} points {'higher' if row['diff'] >= 0 else 'lower'}"


def plot(result: pd.DataFrame, data: Data, ax):
    """The latest experiment's days: act days and other days over time."""
    table = data.experiments
    if table is None or table.empty or data.entries is None:
        ax.set(title="Act days and other days")
        return plots.plot_experiment(pd.DataFrame(columns=["date", "act", "done", "mood"]), ax=ax)
    latest = table.sort_values("start").iloc[-1].to_dict()
    days = experiments.adherence(latest, data.entries)
    days = days.loc[days["date"] < pd.Timestamp(data.as_of)]
    outcome = latest["outcome"]
    days = days.merge(data.daily[["date", outcome]], on="date", how="left")
    return plots.plot_experiment(days, outcome=outcome, ax=ax)


FINDING = declare(__name__, title="Your experiments",
                  intro="A small act on days drawn at random, against the other days: a fair test of what it changes "
                        "for you.", wide=True, in_summary=True, spans=False)

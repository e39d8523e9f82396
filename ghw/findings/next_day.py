"""Links from today to tomorrow, in both directions."""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ..i18n import _, ngettext
from ._base import Data, declare, reading, readings, sentence_for_status
from ._shared import better, decided, effect


def compute(data: Data, predictors: tuple[str, ...] = ("quality", "connections")) -> pd.DataFrame:
    """For each predictor ``x``, today to tomorrow in both directions.

    Does ``x`` today go with mood tomorrow, beyond today's mood
    (``mood[t+1] ~ mood[t] + x[t]``)? And does mood today go with ``x``
    tomorrow, beyond today's ``x`` (``x[t+1] ~ x[t] + mood[t]``)? Happier
    days can lead to more connection as much as the other way round, so both
    are shown. Pairs are consecutive calendar days. Each slope is tested on
    its effective number of pairs, and since four tests are looked at
    together, ``p_adj`` holds Holm's adjustment: a link is clear only when
    ``p_adj`` is below 0.05 (:func:`ghw.inference.next_day`).

    Returns
    -------
    DataFrame with two rows per predictor and columns ``predictor`` (today),
    ``outcome`` (tomorrow), ``beta``, ``se``, ``ci_low``, ``ci_high``,
    ``p_val``, ``p_adj``, ``n`` (pairs of consecutive days), ``unit``,
    ``status``, ``needed`` and ``about``.
    """
    table = inference.next_day(analysis.on_calendar(data.daily), predictors)
    return analysis.from_inference(table, "beta").assign(unit="pair of consecutive days")


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Both directions across days, said together, each clear link with its direction in words.

    Clear is :func:`ghw.inference.clear`, on Holm's ``p_adj`` across the four links.
    """
    ok = result.loc[result["status"] == "ok"]
    if ok.empty:
        return sentence_for_status(result.iloc[0], _("from one day to the next"))
    clear = [row for _index, row in ok.iterrows() if inference.clear(row)]
    if not clear:
        return ngettext("No clear link from one day to the next in either direction yet, once chance across the {n} "
                        "link looked at is allowed for.",
                        "No clear link from one day to the next in either direction yet, once chance across the {n} "
                        "links looked at is allowed for.", len(ok)).format(n=len(ok))
    parts = [_("{today} today went with {tomorrow} tomorrow ({effect})").format(
        today=vocabulary.toward(row["predictor"], 1), tomorrow=vocabulary.toward(row["outcome"], row["beta"]),
        effect=effect(row)) for row in clear]
    return _("Across days, after allowing for chance across the links looked at: {links}. Either could also be the "
             "other way round, or due to something else.").format(links="; ".join(parts))


def read(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """Each clear link across days, said in its direction; else one reading for all four."""
    subject, unit = _("links from one day to the next"), "pair of consecutive days"
    ok = result.loc[result["status"] == "ok"]
    if ok.empty:
        return readings([reading("all", "next_day", subject, result.iloc[0], unit=unit, measure="sd")])
    rows = []
    for row in ok.to_dict("records"):
        if not decided(row):
            continue
        predictor, outcome = row["predictor"], row["outcome"]
        tomorrow = better(row["beta"], outcome)
        headline = (_("Better mood one day went with {tomorrow} the next day").format(tomorrow=tomorrow)
                    if predictor == "mood" else
                    _("Days with {more} went with {tomorrow} the next day").format(more=vocabulary.more(predictor),
                                                                                   tomorrow=tomorrow))
        rows.append(reading(f"{predictor} -> {outcome}", "next_day", subject, row, estimate="beta", p="p_adj",
                            clear=True, measure="sd", unit=unit, headline=headline))
    if not rows:
        rows.append(reading("all", "next_day", subject, n=int(ok["n"].max()), unit=unit, measure="sd",
                            headline=_("No clear link from one day to the next yet, in either direction")))
    return readings(rows)


FINDING = declare(__name__, title=_("From one day to the next"),
                  intro=_("Does connection today go with mood tomorrow, and does mood today go with connection "
                          "tomorrow?"),
                  plot=lambda result, data, ax: plots.plot_next_day(result, ax=ax))

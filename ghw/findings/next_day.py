"""Links from today to tomorrow, in both directions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import analysis, plots, vocabulary
from ._base import Data, Finding, register, sentence_for_status
from ._shared import effect, is_clear


def compute(data: Data, predictors: tuple[str, ...] = ("quality", "connections")) -> pd.DataFrame:
    """For each predictor ``x``, today to tomorrow in both directions.

    Does ``x`` today go with mood tomorrow, beyond today's mood
    (``mood[t+1] ~ mood[t] + x[t]``)? And does mood today go with ``x``
    tomorrow, beyond today's ``x`` (``x[t+1] ~ x[t] + mood[t]``)? Happier
    days can lead to more connection as much as the other way round, so both
    are shown. Pairs are consecutive calendar days; variables are
    standardized; errors are HAC.

    Returns
    -------
    DataFrame with two rows per predictor and columns ``predictor`` (today),
    ``outcome`` (tomorrow), ``beta``, ``se``, ``ci_low``, ``ci_high``,
    ``p_val``, ``n`` (pairs of consecutive days), ``unit``, ``status``,
    ``needed`` and ``about``.
    """
    import statsmodels.api as sm

    days = data.daily
    rows = []
    for x in predictors:
        for today, tomorrow, control in ((x, "mood", "mood"), ("mood", x, x)):
            pairs = pd.DataFrame({
                "y": days[tomorrow].shift(-1),
                "control": days[control],
                "x": days[today],
            }).astype("float64").dropna()
            n = len(pairs)
            row = {"predictor": today, "outcome": tomorrow, "beta": np.nan, "se": np.nan, "ci_low": np.nan,
                   "ci_high": np.nan, "p_val": np.nan, "n": n, "unit": "pair of consecutive days"}
            state = analysis.status()
            if n < analysis.MIN_DAYS:
                state = analysis.status("too_few", needed=analysis.MIN_DAYS)
            elif (pairs.nunique() < 2).any():
                state = analysis.status("no_variation", about=x)
            else:
                z = (pairs - pairs.mean()) / pairs.std()
                fit = sm.OLS(z["y"], sm.add_constant(z[["control", "x"]])).fit(
                    cov_type="HAC", cov_kwds={"maxlags": analysis.hac_lags(n)})
                low, high = fit.conf_int(alpha=1 - analysis.LEVEL).loc["x"]
                row |= {"beta": fit.params["x"], "se": fit.bse["x"], "ci_low": low, "ci_high": high,
                        "p_val": fit.pvalues["x"]}
            rows.append(row | state)
    return pd.DataFrame(rows)


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Both directions across days, said together, from the user's own numbers only."""
    ok = result.loc[result["status"] == "ok"]
    if ok.empty:
        return sentence_for_status(result.iloc[0], "from one day to the next")
    clear = ok.loc[(ok["ci_low"] > 0) | (ok["ci_high"] < 0)]
    if clear.empty:
        return (f"No clear link from one day to the next in either direction yet: each of the {len(ok)} intervals "
                "includes zero.")
    parts = [f"{vocabulary.name(row['predictor'])} today went with {vocabulary.name(row['outcome'])} tomorrow "
             f"({effect(row)})" for _, row in clear.iterrows() if is_clear(row)]
    return "Across days: " + "; ".join(parts) + ". Either could also be the other way round, or due to something else."


FINDING = register(Finding(
    name="next_day",
    title="From one day to the next",
    intro="Does connection today go with mood tomorrow, and does mood today go with connection tomorrow?",
    compute=compute,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_next_day(result, ax=ax),
))

"""The flagship question: does how connected you felt go with mood more than how many connections you had?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import analysis, plots
from ._base import Data, Finding, register, sentence_for_status
from ._shared import effect, is_clear


def compute(data: Data) -> pd.DataFrame:
    """Regress daily mood on the day's connection quality and number of connections.

    On days with at least one connection (days without any have no quality,
    so they are not part of this comparison), daily mood is regressed on the
    day's mean connection quality, number of connections and, when logged on
    most such days, minutes, all standardized, so each effect is in standard
    deviations of mood per standard deviation of the predictor. With minutes
    in the model, each effect is at equal time together. Standard errors are
    autocorrelation-robust (Newey-West HAC). The last row is the difference
    between the quality and the number effects, tested in the same model.

    Returns
    -------
    DataFrame with rows ``quality``, ``connections``, (``minutes``,) and
    ``quality - connections``, and columns ``term``, ``beta``, ``se``,
    ``ci_low``, ``ci_high``, ``p_val``, ``n`` (days in the model), ``status``,
    ``needed`` and ``about``.
    """
    import statsmodels.formula.api as smf

    days = data.daily.loc[data.daily["connections"] > 0]
    terms = ["quality", "connections"]
    if days["minutes"].notna().mean() >= 0.8 and days["minutes"].dropna().nunique() > 1:
        terms.append("minutes")
    used = days[["mood", *terms]].astype("float64").dropna()
    n = len(used)
    rows = [*terms, "quality - connections"]
    if days["quality"].isna().all() and len(days):
        return analysis.empty(rows, "term", int(days["connections"].sum()), analysis.status("unrated"), ["beta", "se"])
    if n < analysis.MIN_DAYS:
        return analysis.empty(rows, "term", n, analysis.status("too_few", needed=analysis.MIN_DAYS), ["beta", "se"])
    flat = [t for t in terms if used[t].nunique() < 2]
    if flat:
        return analysis.empty(rows, "term", n, analysis.status("no_variation", about=flat[0]), ["beta", "se"])
    z = (used - used.mean()) / used.std()
    fit = smf.ols("mood ~ " + " + ".join(terms), data=z).fit(cov_type="HAC", cov_kwds={"maxlags": analysis.hac_lags(n)})
    ci = fit.conf_int(alpha=1 - analysis.LEVEL)
    out = [{"term": t, "beta": fit.params[t], "se": fit.bse[t], "ci_low": ci.loc[t, 0], "ci_high": ci.loc[t, 1],
            "p_val": fit.pvalues[t]} for t in terms]
    diff = fit.t_test("quality = connections")
    low, high = np.asarray(diff.conf_int(alpha=1 - analysis.LEVEL)).ravel()
    out.append({"term": "quality - connections", "beta": float(np.squeeze(diff.effect)), "se": float(np.squeeze(diff.sd)),
                "ci_low": low, "ci_high": high, "p_val": float(np.squeeze(diff.pvalue))})
    return pd.DataFrame(out).assign(n=n, **analysis.status())


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Quality or quantity, or can't tell yet; a clearly negative link is said as one."""
    rows = result.set_index("term")
    if (rows["status"] != "ok").any():
        first = result.iloc[0].copy()
        first["unit"] = "day with a connection"  # for too_few; unrated counts connections
        return sentence_for_status(first, "Quality or quantity?")
    q, c, d = rows.loc["quality"], rows.loc["connections"], rows.loc["quality - connections"]
    equal_time = ", each at equal time together" if "minutes" in rows.index else ""
    detail = (
        f"how connected you felt {effect(q)}; number of connections {effect(c)}; difference {effect(d)}; "
        f"{int(q['n'])} days with connections{equal_time}; effects in standard deviations of mood"
    )
    if d["ci_low"] > 0 and q["ci_low"] > 0:
        lead = "On your data, how connected you felt went with your mood more than how many connections you had"
    elif d["ci_high"] < 0 and c["ci_low"] > 0:
        lead = "On your data, how many connections you had went with your mood more than how connected you felt"
    else:
        clear = [(name, row) for name, row in (("how connected you felt", q), ("how many connections you had", c))
                 if is_clear(row)]
        if not clear:
            lead = "Neither how connected you felt nor how many connections you had shows a clear link with your mood yet"
        else:
            said = " and ".join(f"{name} went with {'better' if row['beta'] > 0 else 'lower'} mood" for name, row in clear)
            lead = f"On your data, {said}; which of the two goes with your mood more can't be told yet"
    return (f"{lead} ({detail}). Days without any connection are not part of this comparison. "
            "These are links, not proof of cause.")


FINDING = register(Finding(
    name="quality_vs_quantity",
    title="Quality or quantity?",
    intro=("Which goes with your mood more: how connected you felt, or how many connections you had? "
           "Each dot is an estimate; the bar around it is the range it could plausibly be in. "
           "A bar that crosses the zero line means 'no clear link yet'."),
    compute=compute,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_quality_vs_quantity(result, ax=ax),
    in_summary=True,
))

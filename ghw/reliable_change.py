"""Whether a check-in score changed: beyond the questionnaire's measurement error, and beyond usual ups and downs.

The first question is the reliable change of Jacobson and Truax (1991),
from each instrument's published reliability and standard deviation; the
second is :func:`ghw.change.step` on the check-ins themselves. A change is
called only when both answer yes (:func:`change`), and :func:`verdict` says
which of them it passed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import change as changes
from . import inference
from .errors import GhwError
from .i18n import _
from .instruments import Instrument, Scale, find_scale

__all__ = ["change", "verdict", "MIN_CHANGE_CHECKINS"]

Z95 = 1.959963984540054


def change(table: pd.DataFrame, scale: str, first: tuple, second: tuple) -> dict:
    """Whether a score changed between two periods: beyond measurement error, and beyond usual ups and downs.

    ``table`` is :func:`ghw.checkins.scores`; ``first`` and ``second`` are (start, end)
    dates, both ends included. Each period's score is the mean of its
    scored check-ins. Two questions, both of which a change must pass:

    - *Measurement error* (Jacobson and Truax 1991): with the instrument's
      published reliability ``r`` and standard deviation ``sd``, one
      check-in's standard error of measurement is ``sd * sqrt(1 - r)``; the
      difference of two means of ``k1`` and ``k2`` check-ins has the
      standard error ``sem * sqrt(1/k1 + 1/k2)``, and ``reliable`` says the
      difference is more than 1.96 of those (``rci``, ``p_rci``).
    - *Ups and downs*: a person's well-being moves from one check-in to the
      next even when nothing lasting changes, and those swings carry over.
      :func:`ghw.change.step` compares the periods' check-ins in order
      against that (``p_swings``, with ``swings`` its status), from
      :data:`MIN_CHANGE_CHECKINS` check-ins in each period.

    ``p_val`` is the larger of the two p-values (a change is clear only when
    both tests are), and ``ci_low``/``ci_high`` the wider of the two
    intervals, so the interval leaves out zero exactly when the change is
    clear; with too few check-ins for the second test they are the first's,
    and ``p_val`` is missing (no change is called).

    Returns
    -------
    dict with ``scale``, ``first``, ``second`` (means), ``n_first``,
    ``n_second``, ``diff``, ``ci_low``, ``ci_high``, ``rci``, ``p_rci``,
    ``reliable``, ``p_swings``, ``swings``, ``p_val``, ``n`` and ``status``:
    ``ok``, ``too_few`` (a period has no scored check-in) or
    ``no_criterion`` (no published reliability and SD to judge by).
    """
    if find_scale(scale) is None:
        raise GhwError(_("There is no check-in score {scale}.").format(scale=repr(scale)))
    found, chosen = find_scale(scale)
    rows = table.loc[(table["scale"] == scale) & table["score"].notna()]

    def inside(period):
        start, end = (pd.Timestamp(d) for d in period)
        return rows.loc[(rows["date"] >= start) & (rows["date"] <= end), "score"].astype("float64")

    a, b = inside(first), inside(second)
    out = {"scale": scale, "first": a.mean() if len(a) else np.nan, "second": b.mean() if len(b) else np.nan,
           "n_first": len(a), "n_second": len(b), "n": len(a) + len(b), "diff": np.nan,
           "ci_low": np.nan, "ci_high": np.nan, "rci": np.nan, "p_rci": np.nan, "reliable": False,
           "p_swings": np.nan, "swings": "too_few", "p_val": np.nan, "status": "ok"}
    if not len(a) or not len(b):
        return out | {"status": "too_few", "n": min(len(a), len(b))}
    out["diff"] = out["second"] - out["first"]
    sem = _sem(found, chosen)
    if sem is None:
        return out | {"status": "no_criterion"}
    error = sem * math.sqrt(1 / len(a) + 1 / len(b))
    rci = out["diff"] / error
    from scipy.stats import norm  # imported when used: scipy.stats is slow to load

    out |= {"ci_low": out["diff"] - Z95 * error, "ci_high": out["diff"] + Z95 * error, "rci": rci,
            "p_rci": float(2 * norm.sf(abs(rci))), "reliable": bool(abs(rci) > Z95)}
    in_order = pd.concat([a, b], ignore_index=True)  # check-ins in date order: carry-over per check-in
    swings = changes.step(in_order, pd.Series(np.arange(len(in_order)) >= len(a)), min_days=MIN_CHANGE_CHECKINS)
    out["swings"] = swings["status"]
    if swings["status"] == "ok":
        out |= {"p_swings": swings["p_val"], "p_val": max(out["p_rci"], swings["p_val"]),
                "ci_low": min(out["ci_low"], swings["ci_low"]), "ci_high": max(out["ci_high"], swings["ci_high"])}
    return out


MIN_CHANGE_CHECKINS = 2  # check-ins in each period before a change is told from ups and downs


def verdict(found: Mapping) -> str:
    """What a :func:`change` says, in words: a change only when it passes both of its questions."""
    if not found["reliable"]:
        return _("within the questionnaire's measurement error, so not called a change")
    if found["swings"] != "ok":
        return _("larger than the questionnaire's measurement error, but too few check-ins yet to tell it from your "
                 "usual ups and downs, so not yet called a change")
    if inference.clear(found):
        if found["diff"] > 0:
            return _("a rise larger than both the questionnaire's measurement error and your usual ups and downs")
        return _("a fall larger than both the questionnaire's measurement error and your usual ups and downs")
    return _("larger than the questionnaire's measurement error, but not clearly more than your usual ups and downs "
             "between check-ins, so not called a change")


def _sem(found: Instrument, scale: Scale) -> float | None:
    """The standard error of measurement of one check-in on ``scale``, from the published figures."""
    published = found.reliability
    if published.get("sd") is None or published.get("coefficient") is None:
        return None
    base = next(s for s in found.scales if s.name == published["scale"])
    if set(base.items) != set(scale.items):
        return None
    sd = published["sd"] * scale.multiplier / base.multiplier
    return sd * math.sqrt(1 - published["coefficient"])

"""How connected you felt, day by day, against mood."""

from __future__ import annotations

import pandas as pd

from .. import analysis, plots
from ..i18n import _
from ._base import Data, declare
from ._shared import explain_association, read_association


def compute(data: Data) -> pd.DataFrame:
    """Correlation of the day's mean connection quality with the day's mood (:func:`ghw.analysis.association`).

    A history with connections but no quality ratings (as imported ones are) says so instead.
    """
    result = analysis.association(data.daily, "quality")
    connections = int(data.daily["connections"].sum())
    if connections and data.daily["quality"].isna().all():
        result = result.assign(n=connections, **analysis.status("unrated"))
    return result


FINDING = declare(__name__, title=_("Connection quality and mood"),
                  intro=_("Each dot is a day with at least one connection."), explain=explain_association,
                  read=read_association,
                  plot=lambda result, data, ax: plots.plot_quality_vs_mood(data.daily, ax=ax))

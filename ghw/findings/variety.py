"""Variety of relationships against mood: kinds in a day, kinds in a week, and how even the mix is."""

from __future__ import annotations

import pandas as pd

from .. import plots
from ..i18n import _
from ._base import Data, declare
from ._shared import associations, explain_association, read_association


def compute(data: Data) -> pd.DataFrame:
    """Per day, the number of kinds of relationship; per week, richness and evenness; each against mood.

    Each row is an :func:`ghw.analysis.association`.
    """
    return associations(data, {"variety": "day", "richness": "week", "evenness": "week"})


FINDING = declare(__name__, title=_("Variety"),
                  intro=_("How many kinds of relationship each week held, beside your weekly mood."),
                  explain=explain_association, read=read_association,
                  plot=lambda result, data, ax: plots.plot_variety(data.weekly, ax=ax),
                  wide=True)

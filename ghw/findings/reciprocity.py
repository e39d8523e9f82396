"""Give and take against mood, week by week."""

from __future__ import annotations

import pandas as pd

from .. import plots
from ..i18n import _
from ._base import Data, declare
from ._shared import associations, explain_association, read_association


def compute(data: Data) -> pd.DataFrame:
    """Who reached out (``initiative``, -1 they always did to +1 you always did) and who gave support
    (``support``, -1 you only received to +1 you only gave), each against weekly mood
    (:func:`ghw.analysis.association`)."""
    return associations(data, {"initiative": "week", "support": "week"})


FINDING = declare(__name__, title=_("Give and take"), intro=_("Who reached out, and who gave support, week by week."),
                  explain=explain_association, read=read_association,
                  plot=lambda result, data, ax: plots.plot_reciprocity(data.weekly, ax=ax),
                  wide=True)

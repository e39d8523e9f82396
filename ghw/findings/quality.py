"""How connected you felt, day by day, against mood."""

from __future__ import annotations

import pandas as pd

from .. import analysis, plots
from ._base import Data, Finding, register
from ._shared import explain_association


def compute(data: Data) -> pd.DataFrame:
    """Correlation of the day's mean connection quality with the day's mood (:func:`ghw.analysis.association`)."""
    return analysis.association(data.daily, "quality")


FINDING = register(Finding(
    name="quality",
    title="Connection quality and mood",
    intro="Each dot is a day with at least one connection.",
    compute=compute,
    explain=lambda result, data: explain_association(result),
    plot=lambda result, data, ax: plots.plot_quality_vs_mood(data.daily, ax=ax),
))

"""The two charts that a summary page and a PDF carry: mood in the period, and quality or quantity so far."""

from __future__ import annotations

import io

from .. import plots
from ..summary import Summary
from ..tables import daily

CHARTS = ("Mood in this period", "Quality or quantity, over all your days so far")


def draw(report: Summary, index: int, ax) -> None:
    """Draw chart number ``index`` of :data:`CHARTS` on ``ax``."""
    if index == 0:
        plots.plot_mood_timeline(daily(report.entries), ax=ax)
    else:
        plots.plot_quality_vs_quantity(report.flagship, ax=ax)


def pngs(report: Summary) -> list[tuple[str, bytes]]:
    """Each chart as (title, PNG bytes)."""
    from matplotlib.figure import Figure

    out = []
    for index, title in enumerate(CHARTS):
        figure = Figure(figsize=(8, 3.6), layout="constrained")
        draw(report, index, figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=90)
        out.append((title, buffer.getvalue()))
    return out

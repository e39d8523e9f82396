"""The charts that a summary page and a PDF carry: mood in the period, quality or quantity so far, and the
check-ins month by month when the summary holds any."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .. import plots, theme
from ..findings import checkins as checkin_finding
from ..tables import daily

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

CHARTS = ("Mood in this period", "Quality or quantity, over all your days so far")
CHECKIN_CHART = "Check-ins and connection in this period, month by month"


def titles(report: Summary) -> list[str]:
    """The titles of the charts ``report`` gets, in order."""
    has_checkins = report.checkins is not None and report.checkins["score"].notna().any()
    return [*CHARTS, *([CHECKIN_CHART] if has_checkins else [])]


def draw(report: Summary, index: int, ax) -> None:
    """Draw chart number ``index`` of :func:`titles` on ``ax``."""
    if index == 0:
        plots.plot_mood_timeline(daily(report.entries), ax=ax)
    elif index == 1:
        plots.plot_quality_vs_quantity(report.flagship, ax=ax)
    else:
        months = checkin_finding.monthly(report.checkins, daily(report.entries))
        plots.plot_checkins(months, ax=ax)


def pngs(report: Summary) -> list[tuple[str, bytes]]:
    """Each chart as (title, PNG bytes), in the theme's chart style, drawn at the width the page shows it."""
    from matplotlib.figure import Figure

    out = []
    with theme.chart_style():
        for index, title in enumerate(titles(report)):
            figure = Figure(figsize=(8, 3.6), layout="constrained")  # 768 px: the page's width
            draw(report, index, figure.add_subplot())
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png")
            out.append((title, buffer.getvalue()))
    return out

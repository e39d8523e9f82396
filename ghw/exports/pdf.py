"""A PDF: the sentences and the care note, then the charts."""

from __future__ import annotations

import io
import textwrap

from .. import care
from ..summary import Summary
from . import _charts
from ._base import Export, register

_LINES_PER_PAGE = 60


def write(report: Summary) -> bytes:
    """A4 pages of text (as many as the summary needs), then one page with the charts."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    lines = [f"{report.start} to {report.end}", ""]
    for sentence in [*report.sentences(), "", *care.care_note().splitlines()]:
        lines += textwrap.wrap(sentence, 95) or [""]
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": f"ghw summary {report.period}", "Creator": "ghw"}) as pdf:
        for first in range(0, len(lines), _LINES_PER_PAGE):
            page = Figure(figsize=(8.27, 11.69))
            if first == 0:
                page.text(0.07, 0.95, f"ghw summary: {report.period}", va="top", fontsize=16, weight="bold")
            page.text(0.07, 0.92, "\n".join(lines[first:first + _LINES_PER_PAGE]), va="top", fontsize=9,
                      linespacing=1.5)
            pdf.savefig(page)
        charts = Figure(figsize=(8.27, 11.69), layout="constrained")
        for index, ax in enumerate(charts.subplots(2, 1)):
            _charts.draw(report, index, ax)
        pdf.savefig(charts)
    return buffer.getvalue()


EXPORT = register(Export("pdf", "PDF", "two charts, the summary sentences and a note on care and where to find help",
                         write))

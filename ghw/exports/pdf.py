"""A PDF: the sentences and the care note on as many A4 pages as they need, then the charts.

Every line is placed at a position measured in points from the top margin,
so a page never holds more lines than fit above its bottom margin, however
long the summary is. Each page carries the title and "page i of n".
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from .. import care, theme
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

PAGE = (8.27, 11.69)  # A4, inches
MARGIN = 0.75  # inches on every side
FONT = 9.5  # points
LINE = FONT * 1.5  # points from one line to the next
WIDTH = 95  # characters of body text a line holds at FONT in the usable width
CHARTS_PER_PAGE = 2


def lines_per_page() -> int:
    """How many body lines fit between the header and the footer of a page."""
    usable = (PAGE[1] - 2 * MARGIN) * 72 - 3 * LINE  # room kept for the title and the footer
    return int(usable // LINE)


def _body(report: Summary) -> list[str]:
    """The text as wrapped lines: the period, each sentence as a bullet with a hanging indent, the care note."""
    lines = [f"{report.start} to {report.end}", ""]
    for sentence in report.sentences():
        lines += textwrap.wrap(sentence, WIDTH, initial_indent="• ", subsequent_indent="  ") or [""]
    lines.append("")
    for paragraph in care.care_note().splitlines():
        lines += textwrap.wrap(paragraph, WIDTH) or [""]
    return lines


def write(report: Summary) -> bytes:
    """A4 pages of text (as many as the summary needs), then the charts, two to a page."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from . import _charts  # matplotlib and the findings load only when a chart is drawn

    lines = _body(report)
    per_page = lines_per_page()
    text_pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    titles = _charts.titles(report)
    chart_pages = [list(range(i, min(i + CHARTS_PER_PAGE, len(titles)))) for i in range(0, len(titles),
                                                                                        CHARTS_PER_PAGE)]
    total = len(text_pages) + len(chart_pages)
    height = PAGE[1] * 72
    top = 1 - MARGIN / PAGE[1]

    def frame(page: Figure, number: int) -> None:
        page.text(MARGIN / PAGE[0], top, f"ghw summary: {report.period}", va="top", fontsize=14 if number == 1 else 9,
                  weight="bold", color=theme.INK)
        page.text(1 - MARGIN / PAGE[0], MARGIN / PAGE[1] * 0.6, f"page {number} of {total}", ha="right",
                  va="bottom", fontsize=8, color=theme.MUTED)

    buffer = io.BytesIO()
    with theme.chart_style(), PdfPages(buffer, metadata={"Title": f"ghw summary {report.period}", "Creator": "ghw"}) as pdf:
        for number, chunk in enumerate(text_pages, start=1):
            page = Figure(figsize=PAGE)
            frame(page, number)
            for row, line in enumerate(chunk):
                y = top - (2.5 * LINE + row * LINE) / height
                page.text(MARGIN / PAGE[0], y, line, va="top", fontsize=FONT, color=theme.INK)
            pdf.savefig(page)
        for number, indices in enumerate(chart_pages, start=len(text_pages) + 1):
            page = Figure(figsize=PAGE, layout="constrained")
            page.get_layout_engine().set(rect=(MARGIN / PAGE[0], MARGIN / PAGE[1], 1 - 2 * MARGIN / PAGE[0],
                                               1 - 2 * MARGIN / PAGE[1] - 0.03), h_pad=0.3)
            frame(page, number)
            for ax, index in zip(page.subplots(CHARTS_PER_PAGE, 1, squeeze=False)[:, 0], indices + [None]):
                if index is None:
                    ax.set_axis_off()  # an odd chart out leaves the lower half empty
                else:
                    _charts.draw(report, index, ax)
            pdf.savefig(page)
    return buffer.getvalue()


EXPORT = register(Export("pdf", "PDF", "the summary sentences, a note on care and where to find help, and the charts, "
                         "on as many pages as they need", write))

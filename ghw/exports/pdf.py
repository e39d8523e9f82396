"""The session report as a PDF on A4: page 1 for the two minutes before a session, a page of charts, the appendix.

The content is :func:`ghw.exports._report.layout`'s, the same as the HTML
page's. Every line is placed at a position measured from the top margin and
wrapped to a width that the page holds, and a line that would pass the
bottom margin starts a new page, so nothing falls outside a page however
long the appendix is. A finding's title is never left alone at the foot of
a page. Each page after the first carries the report's name, and every page
"page i of n".
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from .. import theme
from ..i18n import _
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

PAGE = (8.27, 11.69)  # A4, inches
MARGIN = 0.75  # inches on every side
BODY = 10  # points: page 1's text
SMALL = 9.5  # points: the appendix's text
LEADING = 1.45  # a line's height, in its type size
CHARS_PER_POINT = 0.55  # a line of DejaVu Sans holds about this many characters per point of its width per point


def _fits(size: float, indent: float = 0.0) -> int:
    """How many characters of type ``size`` a line holds across the usable width, less ``indent`` inches."""
    width = (PAGE[0] - 2 * MARGIN - indent) * 72
    return int(width / (size * CHARS_PER_POINT))


class _Pages:
    """A4 pages filled from the top: lines of text and blocks of charts, each where the last one ended."""

    def __init__(self):
        from matplotlib.figure import Figure

        self._figure = Figure
        self.pages = []
        self.new()

    def new(self) -> None:
        self.pages.append(self._figure(figsize=PAGE))
        self.y = MARGIN  # inches from the top of the page

    @property
    def page(self):
        return self.pages[-1]

    @property
    def room(self) -> float:
        """Inches left above the bottom margin."""
        return PAGE[1] - MARGIN - self.y

    def skip(self, inches: float) -> None:
        self.y += inches

    def text(self, line: str, *, size: float = BODY, weight: str = "normal", colour: str = theme.INK,
             indent: float = 0.0, keep: float = 0.0) -> None:
        """One line; a new page first when it (and ``keep`` inches after it) would pass the bottom margin."""
        height = size * LEADING / 72
        if self.room < height + keep:
            self.new()
        self.page.text((MARGIN + indent) / PAGE[0], 1 - self.y / PAGE[1], line, va="top", fontsize=size,
                       weight=weight, color=colour)
        self.y += height

    def paragraph(self, text: str, *, size: float = BODY, bullet: str = "", indent: float = 0.0, **style) -> None:
        """``text`` wrapped to the width, with a hanging ``bullet``."""
        hang = 0.18 if bullet else 0.0
        lines = textwrap.wrap(text, _fits(size, indent + hang)) or [""]
        for number, line in enumerate(lines):
            if number == 0 and bullet:
                self.text(bullet, size=size, indent=indent, **style)
                self.y -= size * LEADING / 72
            self.text(line, size=size, indent=indent + hang, **style)

    def axes(self, rect: tuple[float, float, float, float]):
        """Axes at ``rect`` = (left, top, width, height) in inches from the top left of the current page."""
        left, top, width, height = rect
        return self.page.add_axes((left / PAGE[0], 1 - (top + height) / PAGE[1], width / PAGE[0], height / PAGE[1]))


def write(report: Summary) -> bytes:
    """Page 1, a page of charts, then the appendix on as many pages as it needs."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from . import _report  # matplotlib and the findings load only when a report is made

    content = _report.layout(report)
    # Fonts embedded as TrueType (not Type 3), so that the text layer reads back as written: curly quotes, accents.
    with theme.chart_style(), matplotlib.rc_context({"pdf.fonttype": 42}):
        pages = _Pages()
        _page_one(pages, content, report)
        charts = Figure(figsize=PAGE, layout="constrained")
        charts.get_layout_engine().set(rect=(MARGIN / PAGE[0], MARGIN / PAGE[1], 1 - 2 * MARGIN / PAGE[0],
                                             1 - 2 * MARGIN / PAGE[1] - 0.02), h_pad=0.1)
        # A subfigure each, so that each chart is laid out on its own and a long label of one moves no other.
        for part, chart in zip(charts.subfigures(len(content.charts), 1, squeeze=False)[:, 0], content.charts):
            _report.draw(chart, part.add_subplot())
        pages.pages.append(charts)
        pages.new()
        _appendix(pages, content)
        buffer = io.BytesIO()
        total = len(pages.pages)
        with PdfPages(buffer, metadata={"Title": content.title, "Creator": "ghw"}) as pdf:
            for number, page in enumerate(pages.pages, start=1):
                if number > 1:
                    page.text(MARGIN / PAGE[0], 1 - MARGIN * 0.75 / PAGE[1], content.title, va="bottom", fontsize=8,
                              color=theme.MUTED)
                page.text(1 - MARGIN / PAGE[0], MARGIN / PAGE[1] * 0.5, _report.page_number(number, total), ha="right",
                          va="bottom", fontsize=8, color=theme.MUTED)
                pdf.savefig(page)
    return buffer.getvalue()


def _page_one(pages: _Pages, content, report: Summary) -> None:
    from . import _report

    pages.text(content.title, size=16, weight="bold")
    pages.skip(0.05)
    pages.paragraph(content.subtitle, size=11, colour=theme.MUTED)
    for block in content.blocks:
        pages.skip(0.12)
        pages.text(block.heading, size=11.5, weight="bold")
        for line in block.lines:
            pages.paragraph(line, bullet="•" if len(block.lines) > 1 else "")
        if block.panel:
            height = 2.1
            pages.skip(0.3)  # room for the two charts' titles
            width = PAGE[0] - 2 * MARGIN
            _report.draw_panel(report, pages.axes((MARGIN + 1.0, pages.y, width * 0.42 - 1.0, height)),
                               pages.axes((MARGIN + width * 0.42 + 1.25, pages.y, width * 0.58 - 1.3, height * 0.75)))
            pages.skip(height + 0.1)
    pages.skip(0.12)
    pages.paragraph(content.footer, size=9, colour=theme.MUTED)


def _appendix(pages: _Pages, content) -> None:
    pages.text(_("Appendix: every finding"), size=14, weight="bold")
    pages.paragraph(_("Each finding is read over the span when its days give an answer, and otherwise over every day "
                      "of the journal up to the span's end; each says which. The numbers are said the same way "
                      "everywhere: the estimate, the range it likely lies in (a 95% interval) and the days behind it."),
                    size=SMALL, colour=theme.MUTED)
    line = SMALL * LEADING / 72
    for entry in content.appendix:
        pages.skip(0.1)
        pages.text(entry.title, size=11, weight="bold", keep=2 * line)
        pages.text(entry.scope, size=SMALL, colour=theme.MUTED)
        for answer in entry.answers:
            pages.paragraph(answer, size=SMALL, bullet="•")
        if entry.numbers:
            pages.text(_("How sure:"), size=SMALL, weight="bold", keep=line)
            for numbers in entry.numbers:
                pages.paragraph(numbers, size=SMALL, bullet="–")
        if entry.sentence:
            pages.paragraph(_("In full: {sentence}").format(sentence=entry.sentence), size=SMALL)
    pages.skip(0.15)
    pages.text(_("A note on care"), size=11, weight="bold", keep=2 * line)
    for paragraph in content.care:
        pages.paragraph(paragraph, size=SMALL)


EXPORT = register(Export("pdf", _("PDF session report"), _("page 1 for the minutes before a session (the span, mood, "
                         "check-ins, connections, intentions and experiments, the clearest findings), a page of "
                         "charts, and every finding with its numbers in an appendix, with a note on care"), write))

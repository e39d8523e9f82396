"""Charts as PNG bytes, drawn outside pyplot in the theme's style, and shown at the width they were drawn for.

A chart is drawn for a desktop page and for a phone (at twice the pixels,
for a sharp screen), and the page picks the one that fits its width, so the
text of a chart is shown at the size it was drawn, 11 CSS px or more (13 on
a phone, whose drawing has larger type), never shrunk to a third of it. A page that says its width
(:func:`draw_for`, as the app does) gets only the drawing it shows, which
costs no more than one drawing did.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap

import ipywidgets as widgets
from matplotlib.figure import Figure

from .. import theme

__all__ = ["Chart", "render_png", "draw_for", "SIZES", "PHONE_WIDTH"]

# Inches at theme.CHART_DPI: (wide, not wide) for a desktop page and for a phone.
SIZES = {"desktop": ((9.0, 3.4), (7.0, 4.0)), "phone": ((3.3, 3.0), (3.3, 3.4))}
PHONE_WIDTH = 600  # CSS px: a page this narrow or narrower shows the phone drawing
_PHONE_DENSITY = 2
_drawn = {"desktop", "phone"}  # the sizes Chart.draw makes: both, until the page says its width


def draw_for(width: int | None) -> None:
    """Draw charts from now on for a page ``width`` CSS px wide only (``None`` or 0: for any width, both sizes)."""
    _drawn.clear()
    _drawn.update({"desktop", "phone"} if not width else {"phone"} if width <= PHONE_WIDTH else {"desktop"})


def render_png(draw, *, wide: bool, size: str = "desktop") -> bytes:
    """Call ``draw(ax)`` on a fresh figure of ``size`` (``"desktop"`` or ``"phone"``) and return it as PNG bytes."""
    with theme.chart_style(phone=size == "phone"):
        figure = Figure(figsize=SIZES[size][0 if wide else 1], layout="constrained")
        draw(figure.add_subplot())
        if size == "phone":
            _fit_phone(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=theme.CHART_DPI * (_PHONE_DENSITY if size == "phone" else 1))
    return buffer.getvalue()


def _fit_phone(figure: Figure) -> None:
    """Make a chart drawn for a desktop page fit a phone's width.

    Titles, axis labels and long labels of rows are wrapped, dates are
    marked at four places at most, a row of more than six names keeps every
    other one, and legends go below the chart, one entry a line, where they
    have the whole width.
    """
    import matplotlib.dates as mdates

    handles, labels = [], []
    for ax in figure.axes:
        title = ax.get_title(loc="left") or ax.get_title()
        if title:  # over the whole width, not only over the plot
            ax.set_title("", loc="left")
            ax.set_title("")
            figure.suptitle(textwrap.fill(title, 34), x=0.02, ha="left", fontsize="large", fontweight="bold")
        ax.set_xlabel(textwrap.fill(ax.get_xlabel(), 28))
        ax.set_ylabel(textwrap.fill(ax.get_ylabel(), 22))
        names = [t.get_text() for t in ax.get_xticklabels()]
        if len(names) > 6 and all(names):
            ax.set_xticks(ax.get_xticks(), [n if i % 2 == 0 else "" for i, n in enumerate(names)])
        ticks = ax.get_yticklabels()
        if any(len(t.get_text()) > 18 for t in ticks):
            ax.set_yticks(ax.get_yticks(), [textwrap.fill(t.get_text(), 18) for t in ticks])
        locator = ax.xaxis.get_major_locator()
        if isinstance(locator, mdates.AutoDateLocator):
            locator.maxticks = dict.fromkeys(locator.maxticks, 4)
        legend = ax.get_legend()
        if legend is not None:
            handles += legend.legend_handles
            labels += [text.get_text() for text in legend.get_texts()]
            legend.remove()
    if handles:
        figure.legend(handles, labels, loc="outside lower center", ncols=1)


class Chart(widgets.HTML):
    """A chart as an ``<img>`` with ``alt`` text, so that a screen reader names it.

    (An ``Image`` widget cannot carry a text alternative.) :meth:`draw` draws
    it for a desktop page and for a phone; :attr:`png` is the desktop drawing.
    """

    def __init__(self, alt: str, **kwargs):
        super().__init__(**kwargs)
        self.alt = alt
        self._png = b""
        self.add_class("ghw-chart")

    def draw(self, draw, *, wide: bool) -> None:
        """Draw ``draw(ax)`` at the sizes the page may show (see :func:`draw_for`) and show the one that fits it."""
        desktop = render_png(draw, wide=wide) if "desktop" in _drawn else b""
        phone = render_png(draw, wide=wide, size="phone") if "phone" in _drawn else b""
        self._show(desktop, phone)

    def clear(self) -> None:
        """Show nothing (a finding with nothing to show yet has no chart)."""
        self._png = b""
        self.value = ""

    @property
    def png(self) -> bytes:
        """The chart as PNG bytes for a desktop page (empty until drawn)."""
        return self._png

    def _show(self, desktop: bytes, phone: bytes) -> None:
        self._png = desktop or phone
        alt = html.escape(self.alt, quote=True)
        if desktop and phone:
            source = f"<source media='(max-width: {PHONE_WIDTH}px)' srcset='{_uri(phone)} {_PHONE_DENSITY}x'>"
            image = f"<img src='{_uri(desktop)}' alt='{alt}' style='max-width:100%;height:auto'>"
            self.value = f"<picture>{source}{image}</picture>"
        else:
            density = f" srcset='{_uri(phone)} {_PHONE_DENSITY}x'" if phone else ""
            self.value = f"<img src='{_uri(self._png)}'{density} alt='{alt}' style='max-width:100%;height:auto'>"


def _uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

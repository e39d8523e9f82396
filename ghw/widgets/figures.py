"""Charts as PNG bytes, drawn outside pyplot so nothing is shown twice, and shown with a text alternative."""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
from matplotlib.figure import Figure

__all__ = ["Chart", "render_png"]


def render_png(draw, *, wide: bool) -> bytes:
    """Call ``draw(ax)`` on a fresh figure and return it as PNG bytes."""
    figure = Figure(figsize=(10, 3.6) if wide else (7.5, 4.2), layout="constrained")
    draw(figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


class Chart(widgets.HTML):
    """A chart as an ``<img>`` with ``alt`` text, so that a screen reader names it.

    (An ``Image`` widget cannot carry a text alternative.) Set :attr:`png` to
    the chart's bytes; the image shrinks to the width of a narrow screen.
    """

    def __init__(self, alt: str, **kwargs):
        super().__init__(**kwargs)
        self.alt = alt
        self._png = b""

    @property
    def png(self) -> bytes:
        """The chart as PNG bytes (empty until drawn)."""
        return self._png

    @png.setter
    def png(self, data: bytes) -> None:
        self._png = data
        source = base64.b64encode(data).decode("ascii")
        self.value = (f"<img src='data:image/png;base64,{source}' alt='{html.escape(self.alt, quote=True)}' "
                      "style='max-width:100%;height:auto'>" if data else "")

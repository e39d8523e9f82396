"""Charts as PNG bytes for Image widgets, drawn outside pyplot so nothing is shown twice."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["render_png"]


def render_png(draw, *, wide: bool) -> bytes:
    """Call ``draw(ax)`` on a fresh figure and return it as PNG bytes."""
    figure = Figure(figsize=(10, 3.6) if wide else (7.5, 4.2), layout="constrained")
    draw(figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()

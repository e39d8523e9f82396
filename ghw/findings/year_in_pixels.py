"""A year in pixels: one square per day, coloured by mood."""

from __future__ import annotations

from .. import plots
from ..i18n import _
from ._base import Finding, register

FINDING = register(Finding(
    name="calendar",
    title=_("A year in pixels"),
    intro=_("One square per day, coloured by mood. Empty squares are days without an entry."),
    compute=lambda data: None,
    explain=lambda result, data: "",
    plot=lambda result, data, ax: plots.plot_calendar(data.daily, ax=ax),
    wide=True,
))

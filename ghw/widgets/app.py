"""The app page: logging, reflection and check-ins as tabs, for people who prefer no code."""

from __future__ import annotations

import ipywidgets as widgets

from .checkin import CheckinForm
from .log import LogForm
from .reflect import Reflection

__all__ = ["App"]


class App(widgets.Tab):
    """Log, Reflect and Check-in tabs over one journal; Reflect re-reads the journal when opened."""

    def __init__(self, path=None):
        self.log_form = LogForm(path)
        self.reflection = Reflection(path)
        self.checkin_form = CheckinForm(path)
        super().__init__(children=[self.log_form, self.reflection, self.checkin_form], titles=("Log", "Reflect", "Check-in"))
        self.add_class("ghw-app")
        self.observe(self._opened, names="selected_index")

    def _opened(self, change) -> None:
        if change["new"] == 1:
            self.reflection.reload()

"""The app page: logging, reflection and people as tabs, for people who prefer no code."""

from __future__ import annotations

import ipywidgets as widgets

from .log import LogForm
from .people import PeopleView
from .reflect import Reflection

__all__ = ["App"]


class App(widgets.Tab):
    """Log, Reflect and People tabs over one journal; Reflect and People re-read the journal when opened."""

    def __init__(self, path=None):
        self.log_form = LogForm(path)
        self.reflection = Reflection(path)
        self.people = PeopleView(path)
        super().__init__(children=[self.log_form, self.reflection, self.people], titles=("Log", "Reflect", "People"))
        self.add_class("ghw-app")
        self.observe(self._opened, names="selected_index")

    def _opened(self, change) -> None:
        if change["new"] == 1:
            self.reflection.reload()
        if change["new"] == 2:
            self.people.reload()

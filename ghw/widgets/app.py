"""The app page: logging, reflection and experiments as tabs, for people who prefer no code."""

from __future__ import annotations

import ipywidgets as widgets

from .experiment import ExperimentForm, today_note
from .log import LogForm
from .reflect import Reflection

__all__ = ["App"]


class App(widgets.Tab):
    """Log, Reflect and Experiment tabs over one journal; Reflect and Experiment re-read the journal when opened."""

    def __init__(self, path=None):
        self.log_form = LogForm(path)
        self.reflection = Reflection(path)
        self.experiment_form = ExperimentForm(path)
        super().__init__(children=[self.log_form, self.reflection, self.experiment_form],
                         titles=("Log", "Reflect", "Experiment"))
        self.add_class("ghw-app")
        self.observe(self._opened, names="selected_index")

    def _opened(self, change) -> None:
        if change["new"] == 0:  # an experiment set up in its tab changes what today is
            self.log_form.assignment.value = today_note(self.log_form.path)
        elif change["new"] == 1:
            self.reflection.reload()
        elif change["new"] == 2:
            self.experiment_form.refresh()

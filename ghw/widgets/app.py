"""The app page: the forms and pages as tabs, for people who prefer no code."""

from __future__ import annotations

import ipywidgets as widgets

from .checkin import CheckinForm
from .experiment import ExperimentForm, today_note
from .log import LogForm
from .people import PeopleView
from .reflect import Reflection
from .style import style_sheet

__all__ = ["App", "TABS"]

# Each tab: its title and the widget class that fills it (called with the journal's path).
TABS = (("Log", LogForm), ("Reflect", Reflection), ("People", PeopleView), ("Check-in", CheckinForm),
        ("Experiment", ExperimentForm))


def _page(title: str) -> property:
    """The page of the tab called ``title`` as an attribute of the app (``app.log_form``), built on first use."""
    return property(lambda app: app.page(title), doc=f"The page of the {title} tab, built on first use.")


class App(widgets.Tab):
    """One tab per page over one journal.

    Only the first tab is built when the page opens, so the logging form is
    ready at once; another tab is built the first time it is opened, and
    re-reads the journal (its ``reload()`` or ``refresh()``) each time it is
    opened again.
    """

    def __init__(self, path=None):
        self.path = path
        self.pages: dict[str, widgets.Widget] = {}
        super().__init__(children=[widgets.VBox() for _ in TABS], titles=[title for title, _ in TABS])
        self.add_class("ghw-app")
        self.page(TABS[0][0])
        self.children[0].children = (style_sheet(), *self.children[0].children)  # fits the page to a phone
        self.observe(self._opened, names="selected_index")

    def page(self, title: str) -> widgets.Widget:
        """The widget of the tab called ``title``, built on first use."""
        if title not in self.pages:
            index, make = next((i, make) for i, (name, make) in enumerate(TABS) if name == title)
            self.pages[title] = make(self.path)
            self.children[index].children = (self.pages[title],)
        return self.pages[title]

    log_form = _page("Log")
    reflection = _page("Reflect")
    people = _page("People")
    checkin_form = _page("Check-in")
    experiment_form = _page("Experiment")

    def _opened(self, change) -> None:
        title = TABS[change["new"]][0]
        fresh = title not in self.pages
        page = self.page(title)
        if title == "Log":  # an experiment set up in its tab changes what today is
            page.assignment.value = today_note(page.path)
        elif not fresh:  # the journal may have changed in another tab
            (getattr(page, "reload", None) or page.refresh)()

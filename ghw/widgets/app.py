"""The app page: the forms and pages as tabs, for people who prefer no code."""

from __future__ import annotations

import gc
import importlib
import threading

import ipywidgets as widgets

from .checkin import CheckinForm
from .experiment import ExperimentForm, today_note
from .importer import ImportForm
from .log import LogForm
from .month import ThisMonth
from .people import PeopleView
from .reflect import Reflection
from .style import style_sheet

__all__ = ["App", "TABS", "wait_for_page"]

# Each tab: its title and the widget class that fills it (called with the journal's path).
TABS = (("Log", LogForm), ("Reflect", Reflection), ("People", PeopleView), ("Check-in", CheckinForm),
        ("Experiment", ExperimentForm), ("Import", ImportForm), ("This month", ThisMonth))


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
    this_month = _page("This month")

    def _opened(self, change) -> None:
        title = TABS[change["new"]][0]
        fresh = title not in self.pages
        page = self.page(title)
        if title == "Log":  # an experiment set up in its tab changes what today is
            page.assignment.value = today_note(page.path)
        elif not fresh:  # the journal may have changed in another tab
            (getattr(page, "reload", None) or page.refresh)()


def wait_for_page() -> None:
    """Under ``ghw app``, hold this kernel until its page is opened; anywhere else, return at once.

    ``ghw app`` starts each kernel before anyone asks for the page, so the page opens as fast as a bare one; waiting
    here means the form is still built when the page is opened, with that moment's date and journal. Voilà's own
    helper does the waiting. Two things around it are measured choices (``benchmarks/browser_bench.py``):

    - the helper's import, which loads Voilà's server code, runs on a thread of its own. On CPython 3.11, on the
      kernel's main thread, it took 4.4 s of CPU against 1.2 s on a fresh thread or in a plain Python process, most
      of the difference in one dependency's grammar building mapping and unmapping memory; a kernel kept warm then
      costs about 2.8 s of CPU rather than 6.2 s;
    - before waiting, the garbage of loading is collected and what is loaded is set aside from later collections,
      so that the page's first answer does not pay for a full collection of everything just imported.
    """
    loader = threading.Thread(target=importlib.import_module, args=("voila.utils",), name="load-voila")
    loader.start()
    loader.join()
    from voila.utils import wait_for_request

    gc.collect()
    gc.freeze()
    wait_for_request()

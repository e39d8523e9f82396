"""The app page: the forms and pages as tabs, for people who prefer no code."""

from __future__ import annotations

import gc
import html
import importlib
import threading

import anywidget
import ipywidgets as widgets
import traitlets

from ..i18n import N_, _
from . import figures
from .checkin import CheckinForm
from .experiment import ExperimentForm
from .imports import ImportPage
from .log import LogForm
from .month import ThisMonth
from .people import PeopleView
from .plan import PlanForm, ShareForm
from .reflect import Reflection
from .style import style_sheet

__all__ = ["App", "TABS", "wait_for_page"]

# Each tab: its title, in English, and the widget class that fills it (called with the journal's path). The title
# is the tab's key (``app.page("Log")``); the tab shows it in the language ghw speaks.
TABS = (
    (N_("Log"), LogForm),
    (N_("Reflect"), Reflection),
    (N_("People"), PeopleView),
    (N_("Check-in"), CheckinForm),
    (N_("Experiment"), ExperimentForm),
    (N_("Import"), ImportPage),
    (N_("This month"), ThisMonth),
    (N_("Plan"), PlanForm),
    (N_("Share"), ShareForm),
)


class _Landmark(anywidget.AnyWidget):
    """Makes the app the page's main landmark, named, under a heading that names the page for screen readers, and
    tells the kernel the page's width, so that charts are drawn for the width they are shown at.

    Everything a person reads is then inside a landmark, and the pages' headings start from one ``h1``.
    """

    _esm = """
    function render({ model, el }) {
      function measure() {  // the kernel draws charts for this width only
        model.set("width", window.innerWidth);
        model.save_changes();
      }
      measure();
      let waiting = null;
      window.addEventListener("resize", () => { clearTimeout(waiting); waiting = setTimeout(measure, 300); });
      let frames = 0;
      function mark() {  // the view may be drawn before it is put in the page: look again at the next frame
        const app = el.closest(".ghw-app");
        if (!app) {
          if (frames++ < 600) requestAnimationFrame(mark);
          return;
        }
        if (app.getAttribute("role") === "main") return;
        app.setAttribute("role", "main");
        app.setAttribute("aria-label", model.get("title"));
        const heading = document.createElement("h1");
        heading.className = "ghw-visually-hidden";
        heading.textContent = model.get("title");
        app.prepend(heading);
      }
      mark();
    }
    export default { render };
    """
    title = traitlets.Unicode(_("ghw: how you feel and who you connected with")).tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)  # the page's width in CSS px, once the page has said it


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
        super().__init__(children=[widgets.VBox() for _tab in TABS], titles=[_(title) for title, _make in TABS])
        self.add_class("ghw-app")
        for box in self.children[1:]:  # what an unbuilt tab shows while it is built: a moving bar, never a blank
            box.children = (_building(),)
        self.page(TABS[0][0])
        self.log_form.checkin_due.point_to(_("the Check-in tab"))
        landmark = _Landmark()
        landmark.observe(lambda change: figures.draw_for(change["new"]), names="width")
        self.children[0].children = (style_sheet(), landmark, *self.children[0].children)
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
    plan_form = _page("Plan")
    share_form = _page("Share")

    def _opened(self, change) -> None:
        if change["new"] is None:
            return
        title = TABS[change["new"]][0]
        fresh = title not in self.pages
        page = self.page(title)
        if title == "Log":  # back to today; an experiment set up in its tab changes what today is
            page.opened()
        elif not fresh:  # the journal may have changed in another tab
            (getattr(page, "reload", None) or page.refresh)()


def _building() -> widgets.HTML:
    named = html.escape(_("Opening this tab"), quote=True)
    bar = widgets.HTML(f"<div class='ghw-building' role='progressbar' aria-label='{named}'></div>"
                       "<p class='ghw-muted'>" + html.escape(_("Opening…")) + "</p>")
    bar.add_class("ghw-building-tab")
    return bar


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

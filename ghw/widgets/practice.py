"""The practitioner's page: who shared a summary with them, what it says, and what holds across people.

Each person is shown as their own Reflect page would show them, in the
third person: the digest of what they shared (:func:`ghw.practice.digest`),
the numbers behind it under "How sure?", and their summary's sentences under
a disclosure of their own. Across people, one chart holds everyone's weekly
mood in rows on the same scale and dates (small multiples), above the
within-person links.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import digest, plots, practice, theme
from ..errors import GhwError
from ..i18n import _, ngettext
from ._messages import error, problem
from .figures import Chart
from .reflect import digest_html

__all__ = ["Practice"]

_TABLE_COLUMNS = ["x", "method", "estimate", "ci_low", "ci_high", "p_val", "n", "n_obs", "status"]


class Practice(widgets.VBox):
    """The people who share a summary now, each with their latest one, and the group view across them.

    Reads the practitioner's folder (``$GHW_PRACTICE_DIR``, or ``folder``)
    and nothing else. Plain method: :meth:`refresh`, to see new shares and
    withdrawals.
    """

    def __init__(self, folder=None):
        self.folder = Path(folder) if folder is not None else None
        self.refresh_button = widgets.Button(description=_("Refresh"), icon="refresh")
        self.status = widgets.HTML()
        self.people = widgets.VBox()
        self.digests: dict[str, pd.DataFrame] = {}
        self.panel = Chart(_("Chart: each person's weekly mood, one row per person, on the same scale and dates"),
                           layout=widgets.Layout(max_width="900px"))
        self.group = widgets.HTML()
        self.refresh_button.add_class("ghw-practice-refresh")
        self.status.add_class("ghw-practice-status")
        self.group.add_class("ghw-practice-group")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([
            self.refresh_button, self.status, widgets.HTML("<h3>" + _("Shared with you") + "</h3>"), self.people,
            widgets.HTML("<h3>" + _("Across everyone who shared") + "</h3>"), self.panel,
            widgets.HTML("<small>" + _("Within-person links: on a person's days with more of a measure than usual "
                                       "for them, was their mood higher than usual? A multilevel model with a slope "
                                       "per person, and the repeated-measures correlation, each with a 95% "
                                       "interval.") + "</small>"),
            self.group,
        ])
        self.add_class("ghw-practice")
        self.refresh()

    def refresh(self) -> None:
        """Read the shared folder again and redraw."""
        try:
            folder = self.folder or practice.practice_dir()
            shared = practice.people(folder)
            entries = practice.shared_entries(folder)
            days = practice.pooled_days(folder, entries)
        except GhwError as exc:
            self.status.value = error(exc)
            self.people.children, self.group.value = [], ""
            self.panel.clear()
            return
        self.status.value = ngettext("{n} person shares a summary with you.", "{n} people share a summary with you.",
                                     len(shared)).format(n=len(shared))
        self.digests = {person: practice.digest(own) for person, own in entries.items()}
        self.people.children = [self._person(row, self.digests.get(row["person"])) for row in shared.to_dict("records")] or [
            widgets.HTML("<i>" + _("Nobody has shared a summary with you yet.") + "</i>")]
        if len(days):
            self.panel.draw(lambda ax: plots.plot_people(days, ax=ax), wide=True)
        else:
            self.panel.clear()
        links = practice.group_links(days)
        said = dict.fromkeys(practice.explain(row) for row in links.to_dict("records"))  # both methods may say the same
        sentences = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in said)
        table = links[_TABLE_COLUMNS].to_html(index=False, float_format=lambda v: f"{v:.3g}", na_rep="—")
        self.links = links
        numbers = _("The numbers")
        self.group.value = f"<ul>{sentences}</ul><details><summary>{numbers}</summary>{table}</details>"

    @staticmethod
    def _person(row: dict, said: pd.DataFrame | None) -> widgets.HTML:
        """One person: their digest in the third person, its numbers under "How sure?", their summary under its own."""
        name = html.escape(row["person"])
        if row["problem"]:
            return widgets.HTML(f"<div class='ghw-practice-person'><h4>{name}</h4>"
                                f"{problem(html.escape(row['problem']))}</div>")
        left_out = ", ".join(what for what, shown in ((_("no notes"), not row["notes_included"]),
                                                      (_("names as pseudonyms"), row["pseudonymized"])) if shown)
        gist = ""
        if said is not None and len(said):
            numbers = "".join(f"<li>{html.escape(digest.voice(digest.how_sure(line), 'they'))}</li>"
                              for line in said.to_dict("records"))
            sure = _("How sure?")
            gist = (digest_html(said, person="they", links=False)
                    + f"<details class='ghw-sure'><summary style='cursor:pointer;color:{theme.ACCENT}'>{sure}"
                      f"</summary><ul>{numbers}</ul></details>")
        items = "".join(f"<li>{html.escape(s)}</li>" for s in row["sentences"])
        heading = _("{name}: {period}").format(name=name, period=html.escape(row["period"]))
        shared = _("shared {when}").format(when=html.escape(row["shared_at"]))
        in_full = _("Their summary in full")
        box = widgets.HTML(f"<div class='ghw-practice-person'><h4>{heading}</h4>"
                           f"<small>{shared}{'; ' + left_out if left_out else ''}</small>{gist}"
                           f"<details><summary style='cursor:pointer;color:{theme.ACCENT}'>{in_full}"
                           f"</summary><ul>{items}</ul></details></div>")
        return box

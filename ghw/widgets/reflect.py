"""The reflection page: what the journal says in a few lines, then each finding with its words, numbers and chart.

From the top: the digest (:mod:`ghw.digest`, at most five lines, each a
link to the finding it comes from); a card of the answers still to come,
with how far along each is; the filters; then each finding that has
something to show, as its answer in plain words, a "How sure?" disclosure
with the numbers, and its chart. A finding with nothing to show yet has no
section and no empty chart: it is a line of the card until it has.
"""

from __future__ import annotations

import asyncio
import html

import ipywidgets as widgets
import pandas as pd

from .. import checkins, digest, experiment, findings, theme, vocabulary
from ..errors import GhwError
from ..folder import JournalFolder
from ..i18n import _, ngettext
from ..journal import open_journal
from ._messages import file_problems, note, problem
from .figures import Chart

__all__ = ["Reflection", "digest_html", "progress_html", "finding_html", "anchor"]


class Reflection(widgets.VBox):
    """The reflection dashboard for a journal (the user's, or the sample while there is none).

    The digest on top (``digest``, its table; :attr:`lines`, its words), the
    card of answers still to come (``progress``), then one section per
    registered finding (:data:`ghw.findings.FINDINGS`), in order, shown when
    the finding has something to show (``shown``). ``sentences`` (each
    finding's full sentence) and ``images`` hold what the sections show, so
    that tests and other code can read them; ``results`` holds each finding's
    table and ``readings`` their answers (:func:`ghw.digest.readings`);
    :meth:`refresh` recomputes everything for the current filters. With
    ``charts=False`` the page shows the words only, and draws no chart
    (quicker, and enough for a screen reader).

    In a kernel (the app, a notebook) the sentences and the first chart show
    at once and the other charts follow one by one, each in its own turn of
    the kernel's event loop, so that a click elsewhere (Save, another tab) is
    answered between two charts rather than after all of them. Outside an
    event loop every chart is drawn before :meth:`refresh` returns.
    """

    def __init__(self, path=None, *, charts: bool = True):
        self.path = path
        self.charts = charts
        self.start = widgets.DatePicker(description=_("From"))
        self.end = widgets.DatePicker(description=_("To"))
        self.kinds = widgets.SelectMultiple(description=_("Count"), rows=6)
        self.kinds_help = widgets.HTML("<small>" + _("Connections of the kinds selected count; "
                                                     "the others are treated as plain check-ins.") + "</small>")
        self.banner = widgets.HTML()
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.summary.add_class("ghw-digest")
        self.card = widgets.HTML()
        self.card.add_class("ghw-progress")
        self.sentences: dict[str, str] = {}
        self.results: dict[str, pd.DataFrame | None] = {}
        self.readings = pd.DataFrame()
        self.digest = pd.DataFrame()
        self.progress = pd.DataFrame()
        self.shown: dict[str, bool] = {}
        self.images: dict[str, Chart] = {}
        self._texts: dict[str, widgets.HTML] = {}
        self._sections: dict[str, widgets.VBox] = {}
        self._drawing = 0  # how many times refresh was called: charts left over from an earlier one are dropped
        for key, finding in findings.FINDINGS.items():
            self._texts[key] = widgets.HTML()
            self.images[key] = Chart(_("Chart: {title}").format(title=finding.title),
                                     layout=widgets.Layout(max_width="900px", display=None if charts else "none"))
            self._sections[key] = widgets.VBox([
                widgets.HTML(f"<h3 id='{anchor(key)}'>{html.escape(finding.title)}</h3>"
                             f"<p>{html.escape(finding.intro)}</p>"),
                self._texts[key],
                self.images[key],
            ])
            self._sections[key].add_class("ghw-finding")
        filters = widgets.HBox([widgets.VBox([self.start, self.end]), widgets.VBox([self.kinds, self.kinds_help])])
        super().__init__([widgets.HTML("<h2>" + _("What your journal shows") + "</h2>"), self.banner, self.summary, self.card, filters,
                          self.status, *self._sections.values()])
        self.add_class("ghw-reflect")
        self.reload()
        for control in (self.start, self.end, self.kinds):
            control.observe(lambda _: self.refresh(), names="value")

    def reload(self) -> None:
        """Read the journal again if it changed, reset the filters to all of it, and redraw.

        When the journal file is as it was at the last reading (same size and
        time of change), nothing is recomputed and the filters stay as chosen.
        """
        stamp = self._stamp()
        if stamp == getattr(self, "_read", None):
            return
        self._read = stamp
        self.journal = open_journal(self.path)
        checkins_problem = ""
        try:
            self.checkins = checkins.open_checkins(self.journal.path, is_sample=self.journal.is_sample)
        except GhwError as exc:  # the rest of the page still works
            self.checkins = None
            checkins_problem = problem(_("Check-ins left out: {problem}").format(problem=html.escape(str(exc))))
        try:
            self.experiments = experiment.experiments_for(self.journal)
            self.experiments_problem = ""
        except GhwError as exc:  # the page still shows everything else; the file is left as it is
            self.experiments, self.experiments_problem = None, str(exc)
        entries = self.journal.entries
        self._quiet = True
        # All of the journal, and all of the check-ins too: a check-in may come before the first entry or after the last.
        dates = pd.concat([entries["date"], self.checkins["date"] if self.checkins is not None else None])
        self.start.value = dates.min().date() if len(dates) else None
        self.end.value = dates.max().date() if len(dates) else None
        kinds = sorted(entries["relationship"].dropna().unique())
        self.kinds.options = kinds
        self.kinds.value = tuple(kinds)
        self._quiet = False
        self.banner.value = self._banner() + checkins_problem
        self.refresh()

    def _stamp(self) -> tuple:
        """Size and time of change of the journal and the files ghw keeps beside it."""
        home = JournalFolder(self.path)
        stamp = []
        for file in (home.journal, home.checkins, home.experiments, home.people):
            try:
                info = file.stat()
                stamp.append((str(file), info.st_mtime_ns, info.st_size))
            except OSError:
                stamp.append((str(file), None))
        return tuple(stamp)

    def filtered(self) -> pd.DataFrame:
        """The entries in the chosen dates, with only the chosen kinds counting as connections."""
        entries = self.journal.entries
        keep = pd.Series(True, index=entries.index)
        if self.start.value:
            keep &= entries["date"] >= pd.Timestamp(self.start.value)
        if self.end.value:
            keep &= entries["date"] <= pd.Timestamp(self.end.value)
        chosen = entries.loc[keep]
        other = chosen["relationship"].notna() & ~chosen["relationship"].isin(self.kinds.value)
        connection_fields = ["person", "relationship", "activity", "channel", "minutes", "quality", "initiated_by",
                             "support"]
        return chosen.assign(**{c: chosen[c].mask(other) for c in connection_fields})

    def _checkins_in_range(self) -> pd.DataFrame | None:
        """The check-ins between the chosen dates."""
        if self.checkins is None:
            return None
        keep = pd.Series(True, index=self.checkins.index)
        if self.start.value:
            keep &= self.checkins["date"] >= pd.Timestamp(self.start.value)
        if self.end.value:
            keep &= self.checkins["date"] <= pd.Timestamp(self.end.value)
        return self.checkins.loc[keep]

    def refresh(self) -> None:
        """Recompute every finding for the current filters, then draw their charts (see the class)."""
        if self._quiet:
            return
        if self.start.value and self.end.value and self.start.value > self.end.value:
            self.status.value = problem(_("The start date is after the end date."))
            return
        data = findings.Data(self.filtered(), checkins=self._checkins_in_range(), experiments=self.experiments)
        self.status.value = file_problems(self.experiments_problem) if self.experiments_problem else ""
        for key, finding in findings.FINDINGS.items():
            self.results[key] = finding.compute(data)
            self.sentences[key] = finding.explain(self.results[key], data)
        self.readings = digest.readings(data, self.results)
        self.digest = digest.digest(data, table=self.readings)
        self.progress = digest.progress(self.readings)
        new = not digest.answered(self.readings)  # a new journal sees one card: how far along each answer is
        self.summary.value = "" if new else digest_html(self.digest)
        self.card.value = progress_html(self.progress, new=new)
        charts = []
        logged = bool(len(data.daily) and (data.daily["entries"] > 0).any())
        for key, finding in findings.FINDINGS.items():
            shown = self.shown[key] = logged and (finding.read is None or digest.shows(self.readings, key))
            self._sections[key].layout.display = None if shown else "none"
            own = self.readings.loc[self.readings["finding"] == key]
            self._texts[key].value = (finding_html(own, self.sentences[key], plain=finding.read is None) if shown
                                      else "")
            if shown:
                charts.append((key, finding, self.results[key]))
            else:
                self.images[key].clear()
        self._drawing += 1
        if self.charts:
            self._draw(charts, data, self._drawing)

    @property
    def lines(self) -> list[str]:
        """The digest's lines as words."""
        return digest.lines(self.digest)

    def _draw(self, charts: list, data: findings.Data, drawing: int) -> None:
        """Draw the first of ``charts``, then the next in the event loop's next turn (all at once without a loop)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        while charts and drawing == self._drawing:
            key, finding, result = charts.pop(0)
            self.images[key].draw(lambda ax, f=finding, r=result: f.plot(r, data, ax), wide=finding.wide)
            if charts and loop is not None:
                loop.call_soon(self._draw, charts, data, drawing)
                return

    def _banner(self) -> str:
        journal = self.journal
        if journal.is_sample:
            return note(_("<b>Sample data.</b> This is a made-up year, not yours. Once you save your first entry, "
                          "this page shows your own journal."), "sample", css_class="ghw-sample")
        n = len(journal.entries)
        text = "<p>" + ngettext("Your journal: {path}, {n} entry.", "Your journal: {path}, {n} entries.", n).format(
            path=html.escape(str(journal.path)), n=n) + "</p>"
        if imported := findings.unmapped(journal.entries):
            sentence = vocabulary.status_text("unmapped", n=imported)
            text += note(f"{html.escape(sentence[0].upper() + sentence[1:])}.", "sample", css_class="ghw-unmapped")
        if len(journal.problems):
            lines = sorted(set(journal.problems["line"]))
            shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
            text += problem(ngettext("{n} entry with problems is left out (line {lines}). Run <code>ghw doctor</code> "
                                     "to see each one.",
                                     "{n} entries with problems are left out (lines {lines}). Run <code>ghw doctor</code> "
                                     "to see each one.", len(lines)).format(n=len(lines), lines=shown))
        return text


def anchor(name: str) -> str:
    """The id of a finding's heading on the page, which its digest lines link to."""
    return f"ghw-finding-{name}"


def digest_html(table: pd.DataFrame, *, person: str = "you", links: bool = True) -> str:
    """The digest as a short list, each line a link to its finding's section (``links``); words only."""
    if table.empty:
        return ""
    heading = _("What your journal says") if person == "you" else _("What their journal says")
    items = []
    for row, text in zip(table.to_dict("records"), digest.lines(table, person=person)):
        said = html.escape(text)
        if links:
            said = (f"<a href='#{anchor(row['finding'])}' class='ghw-digest-line' "
                    f"style='color:{theme.INK};text-decoration-color:{theme.LINE}'>{said}</a>")
        items.append(f"<li style='margin:{theme.SPACE / 2:g}px 0'>{said}</li>")
    return (f"<section aria-label='{heading}' class='ghw-card' style='background:{theme.CARD};"
            f"border:1px solid {theme.LINE};border-radius:{theme.RADIUS['card']}px;"
            f"padding:{theme.SPACE}px {theme.SPACE * 2}px;margin:{theme.SPACE}px 0;"
            f"font-size:{theme.TYPE['lead']}px;line-height:1.4'>"
            f"<h3 style='margin:{theme.SPACE}px 0'>{heading}</h3>"
            f"<ul style='padding-left:{theme.SPACE * 2.5:g}px;margin:0'>{''.join(items)}</ul></section>")


def progress_html(table: pd.DataFrame, *, new: bool = False) -> str:
    """The answers still to come, each with how far along it is: the whole page for a new journal."""
    if table.empty:
        return ""
    heading = _("Your first answers are on their way") if new else _("Answers still to come")
    lead = ("<p>" + _("Each question needs a number of days before it can be answered without guessing. Here is how "
                      "far along each one is; its chart appears as soon as it has something to show.") + "</p>"
            if new else "")
    items = []
    for row in table.to_dict("records"):
        text = html.escape(row["text"])
        eta = digest.when(row["days_to_go"])
        bar = ""
        if pd.notna(row["share"]):
            bar = (f"<progress value='{row['share']:.3f}' max='1' aria-label='{text}' "
                   f"style='width:{theme.SPACE * 20}px;max-width:100%;accent-color:{theme.ACCENT}'></progress>")
        more = " <small>" + _("({when} at your pace)").format(when=html.escape(eta)) + "</small>" if eta else ""
        items.append(f"<li style='margin:{theme.SPACE}px 0'>{text}{more}<br>{bar}</li>")
    return (f"<section aria-label='{heading}' class='ghw-card' style='background:{theme.CARD};"
            f"border:1px solid {theme.LINE};border-radius:{theme.RADIUS['card']}px;"
            f"padding:{theme.SPACE}px {theme.SPACE * 2}px;margin:{theme.SPACE}px 0'>"
            f"<h3 style='margin:{theme.SPACE}px 0'>{heading}</h3>{lead}"
            f"<ul style='list-style:none;padding:0;margin:0'>{''.join(items)}</ul></section>")


def finding_html(table: pd.DataFrame, sentence: str, *, person: str = "you", plain: bool = False) -> str:
    """A finding's answers in plain words, then "How sure?" with the numbers (:func:`ghw.digest.how_sure`)
    and the finding's full sentence; a ``plain`` finding (one that only describes, as how many days were
    logged) shows its sentence among the answers."""
    said = [f"{row['headline']}." for row in table.to_dict("records") if row["headline"]]
    if plain and sentence:
        said, sentence = [sentence, *said], ""
    answers = "".join(f"<li>{html.escape(digest.voice(text, person))}</li>" for text in said)
    answers = f"<ul class='ghw-answers' style='font-size:{theme.TYPE['lead']}px'>{answers}</ul>" if said else ""
    numbers = "".join(f"<li>{html.escape(digest.voice(_named(row), person))}</li>" for row in table.to_dict("records"))
    detail = ("<p>" + _("In full: {sentence}").format(sentence=html.escape(digest.voice(sentence, person))) + "</p>"
              if sentence else "")
    if not numbers and not detail:
        return answers
    sure = _("How sure?")
    return (f"{answers}<details class='ghw-sure' style='margin:{theme.SPACE}px 0'>"
            f"<summary style='cursor:pointer;color:{theme.ACCENT}'>{sure}</summary>"
            f"<ul>{numbers}</ul>{detail}</details>")


def _named(row: dict) -> str:
    """The numbers of a reading, after what they are about when a finding has several."""
    subject = row["subject"]
    return _("{subject}: {numbers}").format(subject=f"{subject[:1].upper()}{subject[1:]}", numbers=digest.how_sure(row))

"""The session report, as a therapist reads it: page 1 within 300 words, full pages, nothing off the page.

The report is made by the real command (``ghw export``) from the sample year
with its check-ins, intentions and experiment, over the span the first
reviewers used (2026-10-02 to 2026-10-31), and read back with poppler's own
``pdftotext`` and ``pdftoppm``.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from ghw import checkins, experiment, journal, paths, plan, privacy, summary
from ghw.exports import _report
from ghw.people.file import load_people
from helpers import ghw_command

SCREENSHOTS = paths.PROJECT_DIR / "build" / "screenshots"
SPAN = ("2026-10-02", "2026-10-31")
DPI = 40  # pixels an inch when the pages are rendered to be looked at
EDGE = 0.25  # inches at each edge of a page where nothing is drawn


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The sample journal and the files beside it, as a user's folder."""
    here = tmp_path_factory.mktemp("sample")
    for name in ("journal", "plan", "people", "checkins", "experiments"):
        shutil.copy(getattr(paths, f"SAMPLE_{name.upper()}"), here / f"{name}.csv")
    return here


@pytest.fixture(scope="module")
def pdf(folder):
    out = folder / "report.pdf"
    result = ghw_command("export", "--format", "pdf", "--journal", str(folder / "journal.csv"), "--since", SPAN[0],
                         "--until", SPAN[1], "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _text(pdf, page: int | None = None) -> str:
    """The text of page ``page``, or of every page (pages apart by a form feed)."""
    chosen = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *chosen, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _summary(folder):
    """The summary ``ghw export`` makes: the people file's private people out, pseudonyms from the journal's key."""
    path = folder / "journal.csv"
    return summary.summary(journal.load(path), "..".join(SPAN), plan=plan.load_plan(folder / "plan.csv"),
                           people=load_people(folder / "people.csv"), key=privacy.key_for(path),
                           checkins=checkins.load_checkins(folder / "checkins.csv"),
                           experiments=experiment.load(folder / "experiments.csv"))


def _pages(pdf, folder) -> list[Image.Image]:
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]


def test_page_one_holds_what_a_therapist_needs_in_300_words(pdf, folder):
    first = _text(pdf, 1)
    assert len(first.split()) <= _report.MAX_WORDS, len(first.split())
    entries = journal.load(folder / "journal.csv")
    inside = entries.loc[(entries["date"] >= SPAN[0]) & (entries["date"] <= SPAN[1])]
    days = inside["date"].nunique()
    per_day = inside.groupby("date")["mood"].mean().mean()
    flat = " ".join(first.split())
    assert f"Session report: {SPAN[0]} to {SPAN[1]}" in flat
    assert f"{days} of 30 days logged" in flat  # the span and the days logged
    assert f"{per_day:.1f} on average, from {inside['mood'].min()} to {inside['mood'].max()}" in flat  # mood
    assert re.search(r"(No clear change from|Higher than|Lower than) the 30 days before \(\d\.\d\): "
                     r"(a clear change, )?likely (somewhere )?between \d\.\d (lower|higher) and \d\.\d (lower|higher)",
                     flat)  # the change, with its interval in words
    assert "Well-being (WHO-5, 0-100): 56, 56; 66 in the 30 days before" in flat  # check-ins and their change
    assert "Connections by kind" in flat and "Give and take" in flat  # the panel
    assert "intentions met" in flat and "Your experiment “O" in flat  # intentions and the experiment
    clearest = flat.split("The clearest findings")[1]
    assert clearest.count("•") == 3 and "(over the span)" in clearest


def test_no_page_but_the_last_is_mostly_blank_and_nothing_is_off_the_page(pdf, folder):
    pages = _pages(pdf, folder)
    assert len(pages) >= 4  # page 1, the charts, the appendix
    for number, image in enumerate(pages, start=1):
        ink = np.asarray(image) < 200
        edge = int(EDGE * DPI)
        assert not ink[:edge].any() and not ink[-edge:].any(), f"page {number}: ink at the top or bottom edge"
        assert not ink[:, :edge].any() and not ink[:, -edge:].any(), f"page {number}: ink at a side"
        band = int(0.6 * DPI)  # leave out the running head and the page number
        rows = np.flatnonzero(ink[band:-band].any(axis=1))
        used = (rows.max() - rows.min()) / (ink.shape[0] - 2 * band) if len(rows) else 0.0
        if number < len(pages):
            assert used >= 0.6, f"page {number} is mostly blank ({used:.0%} of it used)"
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    width, height = (float(v) for v in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', words).groups())
    boxes = [tuple(map(float, found)) for found in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words)]
    margin = EDGE * 72
    assert boxes and all(margin <= x0 and x1 <= width - margin and margin <= y0 and y1 <= height - margin
                         for x0, y0, x1, y1 in boxes)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # page 1, for the docs
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(SCREENSHOTS / "report-page1")], check=True)


def test_charts_titled_once_and_appendix_marks_where_each_finding_was_read(pdf):
    charts = _text(pdf, 2)
    titles = ["Mood, 2026-10-02 to 2026-10-31", "Check-ins over the last year, month by month",
              "Quality or quantity? (339 days, whole journal)", "The latest experiment: act days and other days"]
    for title in titles:
        assert " ".join(charts.split()).count(title) == 1, title
    appendix = " ".join(" ".join(page.split()) for page in _text(pdf).split("\f")[2:])
    assert "Appendix: every finding" in appendix
    scopes = re.findall(r"over the span|over the whole journal, to 2026-10-31", appendix)
    assert "over the whole journal, to 2026-10-31" in scopes and "over the span" in scopes
    assert appendix.count("How sure:") >= 8 and "If you are in crisis" in appendix


def test_each_chart_spans_its_data_and_names_only_what_has_data(folder):
    """The check-ins chart runs over the year up to the span, not years around one point; no label without data."""
    content = _report.layout(_summary(folder))
    for chart in content.charts:
        ax = plt.figure(figsize=(7, 3)).add_subplot()
        _report.draw(chart, ax)
        assert ax.get_title() == chart.title
        legend = ax.get_legend()
        if legend is not None:  # inside the chart, and only for what is drawn
            assert legend.get_bbox_to_anchor().bounds == ax.bbox.bounds
            drawn = {artist.get_label() for artist in ax.collections + ax.lines}
            assert {text.get_text() for text in legend.get_texts()} <= drawn
        if chart.wide:
            low, high = (pd.Timestamp(plt.matplotlib.dates.num2date(v)).tz_localize(None) for v in ax.get_xlim())
            assert pd.Timestamp(SPAN[1]) - pd.Timedelta(days=400) < low and high < pd.Timestamp(SPAN[1]) + pd.Timedelta(days=45)
            named = [t.get_text() for t in ax.texts if t.get_text() not in ("—", "this period")]
            assert len(named) == len(set(named))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_page_holds_the_same_content(folder):
    out = folder / "report.html"
    result = ghw_command("export", "--format", "html", "--journal", str(folder / "journal.csv"), "--since", SPAN[0],
                         "--until", SPAN[1], "--out", str(out))
    assert result.returncode == 0, result.stderr
    parsed = _Text()
    parsed.feed(out.read_text())
    text = " ".join(" ".join(parsed.text).split())
    content = _report.layout(_summary(folder))
    assert content.title in text and content.subtitle in text and content.footer in text
    for block in content.blocks:
        assert block.heading in text
        for line in block.lines:
            assert " ".join(line.split()) in text, line
    for entry in content.appendix:
        assert entry.title in text and entry.scope in text


def test_names_as_written_reach_the_page_and_markup_stays_text(tmp_path):
    """Names with accents, apostrophes and dots are printed as written; markup in an activity is shown as text."""
    names = ["Zoë", "O’Brien", "J.D.", "@jo_k"]
    rows = [f"e{d},2026-10-{d:02d},19:00,{4 + d % 5},{names[d % 4]},friend,<b>walk</b>,in_person,30,{1 + d % 5},me,gave,"
            for d in range(1, 29)]
    path = tmp_path / "journal.csv"
    path.write_text("id,date,time,mood,person,relationship,activity,channel,minutes,quality,initiated_by,support,note\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    plan.add(plan.plan_path(path), {"month": "2026-10", "what": "Call O’Brien", "person": "O’Brien", "times": 2})
    for fmt in ("pdf", "html"):
        result = ghw_command("export", "--format", fmt, "--journal", str(path), "--month", "2026-10", "--names",
                             "--out", str(tmp_path / f"r.{fmt}"))
        assert result.returncode == 0, result.stderr
    first = " ".join(_text(tmp_path / "r.pdf", 1).split())
    assert "Call O’Brien 2 of 2, and 5 more" in first and len(first.split()) <= _report.MAX_WORDS
    page = (tmp_path / "r.html").read_text()
    assert "<b>walk</b>" not in page and "Call O’Brien: 2 of 2, and 5 more (done)" in page


def test_the_reading_figures_in_the_docs_are_this_report_s(pdf):
    """docs/report-reading.md quotes benchmarks/report_reading.py on this very page, and docs/using.md points to it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("report_reading", paths.PROJECT_DIR / "benchmarks" / "report_reading.py")
    reading = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reading)
    figures = reading.measure(_text(pdf, 1))
    doc = (paths.PROJECT_DIR / "docs" / "report-reading.md").read_text(encoding="utf-8")
    for answer, (before, seconds) in figures["answers"].items():
        assert re.search(rf"\| [^|]*{re.escape(answer)}[^|]* \| {before} \| {seconds} \|", doc), answer
    assert f"| the whole page ({figures['words']} words) | | {figures['seconds']} |" in doc
    using = (paths.PROJECT_DIR / "docs" / "using.md").read_text(encoding="utf-8")
    assert "[report-reading.md](report-reading.md)" in using

"""The reflection page, as a widget and as a notebook run by a real kernel."""

import datetime as dt
import json
import time

import pandas as pd
import pytest

from ghw import findings, journal, paths, sample
from ghw.widgets import Reflection
from helpers import HEADER, write
from notebooks_run import run_notebook

PNG = b"\x89PNG\r\n\x1a\n"


def test_sample_data_is_labelled_and_every_section_is_drawn(journal_path):
    view = Reflection()
    assert view.journal.is_sample and "Sample data" in view.banner.value
    assert set(view.sentences) == set(view.images) == set(view.shown)
    assert all(view.images[key].png.startswith(PNG) == shown for key, shown in view.shown.items())
    assert view.sentences["quality_vs_quantity"].startswith("On your data, how connected you felt went with your mood more")
    # The digest leads the page: at most five lines, each a link to the section of its finding.
    assert 1 <= len(view.lines) <= 5 and view.summary.value.index("What your journal says") >= 0
    assert view.lines[0] == "How connected you felt went with your mood more than how many connections you had."
    for name in view.digest["finding"]:
        assert f"href='#ghw-finding-{name}'" in view.summary.value and view.shown[name]


def test_filters_recompute(journal_path):
    view = Reflection(charts=False)
    view.start.value = dt.date(2026, 10, 20)
    assert "not enough data yet" in view.sentences["quality_vs_quantity"].lower()
    shown = view.journal.entries.loc[view.journal.entries["date"] >= "2026-10-20", "date"]
    logged, days = shown.nunique(), (shown.max() - pd.Timestamp("2026-10-20")).days + 1
    assert view.sentences["timeline"] == f"You logged on {logged} of {days} days ({logged / days:.0%})."
    view.start.value = dt.date(2025, 11, 1)
    view.kinds.value = ("partner",)
    # One partner connection a day, every day: the number cannot explain anything, and the page says so.
    assert "The number of connections was the same every time" in view.sentences["quality_vs_quantity"]
    relationships = view.filtered()["relationship"].dropna().unique().tolist()
    assert relationships == ["partner"] and len(view.filtered()) == len(view.journal.entries)


def test_start_after_end_is_said_plainly(journal_path):
    view = Reflection(charts=False)
    view.start.value = dt.date(2026, 10, 31)
    view.end.value = dt.date(2026, 1, 1)
    assert "start date is after the end date" in view.status.value


def test_own_journal_with_a_problem(journal_path):
    journal.create(journal_path, sample.generate(40, seed=2, end="2026-10-31"))
    with open(journal_path, "a", encoding="utf-8") as handle:
        handle.write("bad,2026-11-01,,99,,,,,,,,,<script>alert(1)</script>\n")
    view = Reflection(charts=False)
    assert not view.journal.is_sample and "Sample data" not in view.banner.value
    assert "1 entry with problems is left out (line 131)" in view.banner.value and "ghw doctor" in view.banner.value


def test_user_text_is_escaped(journal_path):
    rows = "\n".join(f"e{i},2026-10-{i + 1:02d},12:00,{5 + i % 3},<b>Bo</b>,friend,<img src=x onerror=alert(1)>,,,4,,,"
                     for i in range(28))
    write(journal_path, HEADER + "\n" + rows + "\n")
    view = Reflection(charts=False)
    for text in view._texts.values():
        assert "<img" not in text.value and "<b>Bo" not in text.value


@pytest.mark.parametrize("days", [365, 5])
def test_notebook_runs_on_sample_and_tiny_journals(journal_path, days):
    if days < 365:
        journal.create(journal_path, sample.generate(days, seed=3, end="2026-10-31"))
    notebook = run_notebook(paths.notebooks_dir() / "02-reflect.ipynb")
    state = json.dumps(notebook.metadata["widgets"])
    if days == 365:
        assert "Sample data." in state and "how connected you felt went with your mood more" in state
    else:  # a new journal: one card with progress towards each answer, and no empty charts
        assert "Sample data." not in state and "Your first answers are on their way" in state
        assert "How connected you felt: 4 of about 14 days with a connection" in state
        assert state.count("<progress") >= 8
        assert state.count("data:image/png") <= 2 * 2  # the mood over time and the year in pixels, each drawn twice


def test_in_a_kernel_charts_follow_and_a_request_is_answered_between_them(tmp_path):
    """In a real kernel the page is built with its sentences and first chart; the other charts follow one by one.

    A request sent while the page is built (as a click on Save would be) is answered before the last chart is drawn,
    and every chart is drawn in the end.
    """
    from jupyter_client.manager import start_new_kernel

    path = tmp_path / "journal.csv"
    journal.create(path, sample.generate(365, seed=1, end="2026-10-31"))
    manager, client = start_new_kernel(kernel_name="python3")

    def run(code: str) -> str:
        out = []
        reply = client.execute_interactive(code, timeout=120, output_hook=lambda message: out.append(
            message["content"].get("text", "")) if message["msg_type"] == "stream" else None)
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out)

    count = "print(sum(i.png.startswith(b'\\x89PNG') for i in view.images.values()), sum(view.shown.values()))"
    try:
        run("from ghw.widgets import Reflection")
        client.execute(f"view = Reflection({str(path)!r})")
        drawn, total = map(int, run(count).split())
        assert 1 <= drawn < total
        assert run("print(len(view.sentences))").strip() == str(len(findings.FINDINGS))  # every sentence is there already
        for _ in range(120):
            drawn, total = map(int, run(count).split())
            if drawn == total:
                break
            time.sleep(0.5)
        assert drawn == total
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)

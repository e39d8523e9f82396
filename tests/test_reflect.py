"""The reflection page, as a widget and as a notebook run by a real kernel."""

import datetime as dt
import json

import pandas as pd
import pytest

from conftest import HEADER, write
from ghw import journal, paths, sample
from ghw.widgets import Reflection
from notebooks_run import run_notebook

PNG = b"\x89PNG\r\n\x1a\n"


def test_sample_data_is_labelled_and_every_section_is_drawn(journal_path):
    view = Reflection()
    assert view.journal.is_sample and "Sample data" in view.banner.value
    assert set(view.sentences) == set(view.images)
    assert all(image.png.startswith(PNG) for image in view.images.values())
    assert view.sentences["quality_vs_quantity"].startswith("On your data, how connected you felt went with your mood more")


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
    else:
        assert "Sample data." not in state
        assert state.count("not enough data yet") + state.count("Not enough data yet") >= 8

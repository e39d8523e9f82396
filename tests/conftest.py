"""Fixtures every test can ask for by name, and how the suite is ordered; the plain functions and constants the tests
share are in helpers.py."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

from ghw import journal, sample

# Marks of tests that start servers, browsers or environments, longest first: each takes seconds to a minute.
LONG = ("hub", "install", "browser", "xdist_group")


def pytest_xdist_auto_num_workers(config):
    """Two workers more than cores for ``-n auto``: many tests spend their time waiting on a browser, a server or a
    kernel in processes of their own, so a core left to a waiting worker would stand idle."""
    return (os.cpu_count() or 1) + 2


def pytest_collection_modifyitems(items):
    """Long tests first, so that on several cores (make test) the short ones fill the end rather than wait for one."""
    def rank(item):
        return next((i for i, name in enumerate(LONG) if item.get_closest_marker(name)), len(LONG))

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _isolated_journal(tmp_path, monkeypatch):
    """No test ever touches the user's journal: GHW_JOURNAL points into tmp_path."""
    monkeypatch.setenv("GHW_JOURNAL", str(tmp_path / "journal.csv"))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journal.csv"


@pytest.fixture
def sample_journal(tmp_path):
    """A 60-day synthetic journal on disk."""
    path = tmp_path / "sample.csv"
    journal.create(path, sample.generate(60, seed=11, end="2026-10-31"))
    return path

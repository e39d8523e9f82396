import os
import signal
import subprocess
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

from ghw import journal, sample, schema

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


def write(path, text: str, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


HEADER = ",".join(schema.COLUMNS)


def kill_after(script: str, path, delay: float) -> None:
    """Run ``script`` (a writer that loops forever on ``sys.argv[1]``) and kill it after ``delay`` seconds."""
    prelude = "import sys, ghw\nprint('ready', flush=True)\n"  # ready once ghw is imported
    writer = subprocess.Popen([sys.executable, "-c", prelude + script, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait()


def ghw_command(*args, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``ghw ARGS`` through the command line's own entry point (:func:`ghw.cli.main`), in this process.

    It parses, runs and reports exactly as the ``ghw`` command does, with
    ``stdin`` as its input and ``env`` (if given) as its whole environment;
    only the start of a new interpreter is saved, which is most of the time
    of a short command. ``tests/test_cli.py`` and ``tests/test_install.py``
    run the real ``python -m ghw`` and the installed ``ghw``.
    """
    import contextlib
    import io

    from ghw import cli

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_stdin = dict(os.environ), sys.stdin
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(a) for a in args])
            except SystemExit as exit:  # argparse refusing the arguments
                code = exit.code if isinstance(exit.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["ghw", *map(str, args)], code, out.getvalue(), err.getvalue())


def ar1(rng, phi: float, n: int):
    """``n`` values of a stationary AR(1) series with lag-1 autocorrelation ``phi`` and unit innovations."""
    import numpy as np

    x = np.empty(n)
    x[0] = rng.normal() / np.sqrt(1 - phi**2)
    for t in range(1, n):
        x[t] = phi * x[t - 1] + rng.normal()
    return x

"""Plain functions and constants the tests share (the fixtures are in conftest.py).

A test file in any folder under tests/ imports them with ``from helpers import ...``:
pytest's ``pythonpath`` setting in pyproject.toml puts tests/ on the import path.
"""

import json
import os
import signal
import subprocess
import sys
import time

from ghw import schema


def write(path, text: str, encoding="utf-8"):
    """``text`` written to ``path`` as bytes in ``encoding``, exactly (no newline translation): ``path``."""
    path.write_bytes(text.encode(encoding))
    return path


HEADER = ",".join(schema.COLUMNS)  # the first line of a journal with every standard column


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
    of a short command. ``tests/cli/test_cli.py`` and ``tests/app/test_install.py``
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


# An instrument made up for the tests of a new instrument as one file, and of one given by an add-on.
MADE_UP = {
    "name": "pets", "order": 50, "title": "Two questions about a pet (made up for this test)", "label": "Pets",
    "short": "pet", "about": "two made-up questions", "version": "test", "every_days": 7, "suggested": True,
    "numbered": False,
    "published": {
        "instructions": "Think of your pet.", "timeframe": "This week",
        "option_sets": {"often": [{"value": 1, "label": "Rarely"}, {"value": 2, "label": "Sometimes"},
                                  {"value": 3, "label": "Often"}]},
        "items": [{"id": "walks", "text": "How often did you walk together?", "options": "often"},
                  {"id": "talks", "text": "How often did you talk to it?", "options": "often"}]},
    "scales": [{"name": "pet_time", "items": ["walks", "talks"], "multiplier": 1, "low": 2, "high": 6,
                "higher_is": "more time together", "label": "Pet time (2-6)", "called": "time with your pet",
                "chart": {"colour": "green"}}],
    "care": [{"scale": "pet_time", "below": 3}],
    "scoring": "The two answers added.", "source": "This test.", "licence": "None needed: made up.",
}


def made_up(folder, **changes):
    """``MADE_UP`` with ``changes``, checksummed unless they say otherwise, as ``folder``/pets.json: ``folder``."""
    from ghw import instruments

    spec = json.loads(json.dumps(MADE_UP)) | changes
    spec.setdefault("published_sha256", instruments.digest(spec["published"]))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{spec['name']}.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder

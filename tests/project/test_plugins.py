"""Add-ons: a package installed beside ghw gives it an instrument, an importer and an export format through entry
points, found in a fresh interpreter exactly as ghw's own are; a broken add-on is a warning, never a crash.

The package is made here as an installed distribution is laid out (its modules, and a ``*.dist-info`` folder with
``METADATA`` and ``entry_points.txt``) on a folder put on ``sys.path``, which is what ``importlib.metadata`` reads."""

import json
import subprocess
import sys
import textwrap

from ghw import paths
from helpers import made_up

ENTRY_POINTS = """\
[ghw.instruments]
pets = ghw_extra.instruments
[ghw.importers]
diary = ghw_extra.diary
twice = ghw_extra.twice
[ghw.exports]
txt = ghw_extra.txt
broken = ghw_extra.broken
"""



def _diary() -> str:
    """The smallest importer, as docs/architecture.md shows it: the add-on runs the code the page prints."""
    text = (paths.PROJECT_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    return text.split("## The smallest importer", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


TWICE = '''\
from ghw.importers import Importer, register

register(Importer(name="csv", label="Another CSV", help="", file_help="", about="", run=print))
'''

TXT = '''\
from ghw.exports import Export, register

register(Export(name="txt", label="Plain text", holds="the summary's sentences",
                write=lambda report: "\\n".join(report.sentences()).encode("utf-8")))
'''

# Run in a fresh interpreter: the add-ons are found when ghw's registries load, and the commands are ghw's own.
SCRIPT = '''\
import contextlib, io, json, sys, warnings

warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    from ghw import cli, exports, importers, instruments
    from ghw.widgets import ImportPage


def ghw(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = cli.main(list(args))
        except SystemExit as exit:
            code = exit.code
    return code, out.getvalue()


folder = sys.argv[1]
print(json.dumps({
    "warnings": [str(w.message) for w in caught],
    "instruments": list(instruments.INSTRUMENTS), "importers": list(importers.IMPORTERS),
    "exports": list(exports.EXPORTS),
    "checkin": ghw("checkin", "pets", "--answers", "3,2", "--date", "2026-11-02"),
    "import": ghw("import", "diary", folder + "/diary.txt", "--note", "from my diary"),
    "export": ghw("export", "--format", "txt", "--month", "2026-11", "--out", folder + "/summary.txt"),
    "help": [ghw(command, "--help")[1] for command in ("checkin", "import", "export")],
    "tab": [label for label, _ in ImportPage().source.options],
}))
'''


def test_an_add_on_package_adds_to_every_registry(tmp_path):
    site = tmp_path / "site"
    package = site / "ghw_extra"
    made_up(package / "instruments")
    for name, text in (("__init__.py", ""), ("instruments/__init__.py", ""), ("diary.py", _diary()), ("twice.py", TWICE),
                       ("txt.py", TXT), ("broken.py", "raise ImportError('a module this add-on needs is missing')")):
        (package / name).write_text(text, encoding="utf-8")
    info = site / "ghw_extra-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ghw-extra\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    (tmp_path / "diary.txt").write_text("2026-11-01 6\n2026-11-02 8\n", encoding="utf-8")

    env = {"PYTHONPATH": str(site), "GHW_JOURNAL": str(tmp_path / "journal.csv"), "MPLBACKEND": "Agg",
           "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout.splitlines()[-1])

    assert said["instruments"] == ["who5", "loneliness", "ons4", "pets"]  # built-ins first, as their order says
    assert said["importers"] == ["daylio", "csv", "diary"] and said["exports"][-1] == "txt"
    assert said["checkin"][0] == 0 and "Pet time (2-6): 5" in said["checkin"][1]
    assert said["import"] == [0, said["import"][1]] and "Added 2 entries" in said["import"][1]
    assert said["export"][0] == 0 and (tmp_path / "summary.txt").read_text().startswith("Days logged: 2 of 30.")
    assert "pets" in said["help"][0] and "diary" in said["help"][1] and "txt" in said["help"][2]
    assert said["tab"] == ["Daylio", "Any CSV", "A plain diary"]
    journal = (tmp_path / "journal.csv").read_text(encoding="utf-8")
    assert journal.count("from my diary") == 2

    # What could not be loaded is said, naming the add-on and its package; everything else works.
    broken, twice = (next(w for w in said["warnings"] if f"'{name}'" in w) for name in ("broken", "twice"))
    assert "ghw-extra" in broken and "a module this add-on needs is missing" in broken
    assert "another importer is already registered as 'csv'" in twice
    assert len(said["warnings"]) == 2, said["warnings"]


def test_the_docs_name_every_group():
    from ghw import plugins

    text = (paths.PROJECT_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    for group in plugins.GROUPS:
        assert f"ghw.{group}" in text
    assert textwrap.dedent(plugins.__doc__).count("[project.entry-points.") == len(plugins.GROUPS)

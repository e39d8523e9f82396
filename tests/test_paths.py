"""Where the journal and the notebooks are: in this clone, and in a copy of the package that is not a clone."""

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ghw import cli, paths

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path, **extra):
    """A user's environment with nothing of ghw's set, and a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHW_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), USERPROFILE=str(tmp_path / "home"), **extra)
    return env


def test_the_clone_is_the_workspace_as_before(monkeypatch, tmp_path):
    monkeypatch.delenv("GHW_JOURNAL")
    monkeypatch.setenv("GHW_HOME", str(tmp_path / "elsewhere"))  # only an installed ghw follows it
    assert paths.CLONE_DIR == ROOT
    assert paths.journal_path() == ROOT / "data" / "journal.csv"
    assert paths.journal_source() == "this clone's data folder"
    assert paths.notebooks_dir() == ROOT / "notebooks"
    assert paths.data_dir() == ROOT / "data"
    assert paths.SAMPLE_JOURNAL == ROOT / "data" / "sample_journal.csv" and paths.SAMPLE_JOURNAL.is_file()
    assert paths.SAMPLE_PLAN.is_file() and paths.BUNDLED_NOTEBOOKS == ROOT / "notebooks"


def test_ghw_journal_wins(journal_path):
    assert paths.journal_path() == journal_path
    assert paths.journal_source() == "GHW_JOURNAL is set"


def test_a_folder_is_a_clone_only_with_the_project_file_naming_ghw(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data").mkdir()
    assert not paths._is_clone(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert not paths._is_clone(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project\nname = "ghw"\n')
    assert not paths._is_clone(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "ghw"\n')
    assert paths._is_clone(tmp_path)


@pytest.fixture
def site(tmp_path):
    """The package copied into a folder that is not a clone, as site-packages is."""
    folder = tmp_path / "site"
    shutil.copytree(ROOT / "ghw", folder / "ghw", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks", folder / "ghw" / "_resources" / "notebooks")
    return folder


def _installed(site, tmp_path, code, **extra):
    """Run ``code`` with the copy in ``site`` as the ghw that is imported."""
    env = _env(tmp_path, PYTHONPATH=str(site), **extra)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SHOW = """
import json, ghw
from ghw import paths
print(json.dumps({"package": ghw.__file__, "clone": str(paths.CLONE_DIR), "workspace": str(paths.workspace()),
                  "journal": str(paths.journal_path()), "source": paths.journal_source(),
                  "notebooks": str(paths.notebooks_dir()), "sample": str(paths.SAMPLE_JOURNAL)}))
"""


def test_installed_ghw_keeps_the_journal_in_a_per_user_folder(site, tmp_path):
    shown = _installed(site, tmp_path, SHOW)
    assert shown["package"] == str(site / "ghw" / "__init__.py") and shown["clone"] == "None"
    home = tmp_path / "home"
    workspace = Path(shown["workspace"])
    assert workspace.is_relative_to(home) and not workspace.is_relative_to(site)
    assert workspace.name == "ghw"
    assert shown["journal"] == str(workspace / "data" / "journal.csv")
    assert shown["notebooks"] == str(workspace / "notebooks")
    assert shown["source"] == f"your workspace at {workspace}"
    assert shown["sample"] == str(site / "ghw" / "_resources" / "data" / "sample_journal.csv")


def test_installed_ghw_follows_ghw_home_and_ghw_journal(site, tmp_path):
    chosen = tmp_path / "my journal"
    shown = _installed(site, tmp_path, SHOW, GHW_HOME=str(chosen))
    assert shown["journal"] == str(chosen / "data" / "journal.csv")
    assert shown["notebooks"] == str(chosen / "notebooks")
    assert shown["source"] == f"your workspace at {chosen} (GHW_HOME is set)"
    shown = _installed(site, tmp_path, SHOW, GHW_HOME=str(chosen), GHW_JOURNAL=str(tmp_path / "j.csv"))
    assert shown["journal"] == str(tmp_path / "j.csv") and shown["source"] == "GHW_JOURNAL is set"


def test_init_brings_over_a_journal_an_earlier_install_left_in_the_package_folder(site, tmp_path):
    earlier = site / "data"
    (earlier / "backups").mkdir(parents=True)
    (earlier / "journal.csv").write_bytes(b"my entries\n")
    (earlier / "backups" / "journal-1.csv").write_bytes(b"older\n")
    (earlier / "unrelated.txt").write_bytes(b"not ghw's\n")

    def workspace_note():
        doctor = subprocess.run([sys.executable, "-m", "ghw", "doctor"], capture_output=True, text=True, timeout=120,
                                cwd=tmp_path, env=_env(tmp_path, PYTHONPATH=str(site), GHW_HOME=str(tmp_path / "ws")))
        assert doctor.stdout.startswith("Checking"), doctor.stderr
        return [line for line in doctor.stdout.splitlines() if line.startswith("An earlier ghw")]

    assert workspace_note() == [f"An earlier ghw left a journal at {earlier / 'journal.csv'}: "
                                "ghw init copies it into your workspace."]
    code = "import json; from ghw import workspace; made = workspace.create(); print(json.dumps([str(p) for p in made.brought_over]))"
    brought = _installed(site, tmp_path, code, GHW_HOME=str(tmp_path / "ws"))
    data = tmp_path / "ws" / "data"
    assert sorted(brought) == [str(data / "backups" / "journal-1.csv"), str(data / "journal.csv")]
    assert (data / "journal.csv").read_bytes() == b"my entries\n"
    assert (earlier / "journal.csv").read_bytes() == b"my entries\n"  # copied, never moved
    assert workspace_note() == []  # nothing left to bring over
    (data / "journal.csv").write_bytes(b"newer entries\n")
    assert _installed(site, tmp_path, code, GHW_HOME=str(tmp_path / "ws")) == []
    assert (data / "journal.csv").read_bytes() == b"newer entries\n"


def test_init_fills_a_folder_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "ws"
    assert cli.main(["init", str(folder)]) == 0
    said = capsys.readouterr().out
    shipped = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (folder / "notebooks").iterdir()) == shipped
    assert (folder / "data").is_dir() and not any((folder / "data").iterdir())
    if os.name == "posix":
        assert stat.S_IMODE((folder / "data").stat().st_mode) == 0o700  # the journal's folder is the user's alone
    assert f"added {Path('notebooks', '01-log.ipynb')}" in said and "GHW_HOME" in said
    mine = folder / "notebooks" / "01-log.ipynb"
    mine.write_text("my own version")
    assert cli.main(["init", str(folder)]) == 0
    said = capsys.readouterr().out
    assert mine.read_text() == "my own version"
    assert f"kept your {Path('notebooks', '01-log.ipynb')}" in said and f"{len(shipped) - 1} files were already there" in said


def test_init_says_plainly_when_it_cannot_write(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cli.main(["init", str(blocker / "ws")]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"ghw: Could not set up {blocker / 'ws'}") and "Traceback" not in said


def test_doctor_first_says_which_journal_and_why(journal_path, tmp_path, capsys):
    from ghw import journal, sample

    journal.create(journal_path, sample.generate(5, seed=1, end="2026-11-01"))
    assert cli.main(["doctor"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Checking {journal_path} (GHW_JOURNAL is set)."
    assert cli.main(["doctor", str(journal_path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Checking {journal_path} (named on the command line)."

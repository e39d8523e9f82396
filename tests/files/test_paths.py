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

ROOT = Path(__file__).resolve().parents[2]


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


def _ghw(site, tmp_path, *args, workspace=None, stdin=None):
    """The installed copy's ``ghw ARGS``, as a user runs it; returns (code, stdout, stderr)."""
    env = _env(tmp_path, PYTHONPATH=str(site), GHW_HOME=str(workspace or tmp_path / "ws"))
    done = subprocess.run([sys.executable, "-m", "ghw", *map(str, args)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env=env, input=stdin)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def _earlier(site) -> Path:
    """The files an earlier install kept in site-packages/data: a journal of 20 days, a plan, a backup."""
    from ghw import journal, sample

    earlier = site / "data"
    (earlier / "backups").mkdir(parents=True)
    journal.create(earlier / "journal.csv", sample.generate(20, seed=5, end="2026-10-31"))
    shutil.copy(paths.SAMPLE_PLAN, earlier / "plan.csv")
    (earlier / "backups" / "journal-1.csv").write_bytes(b"older\n")
    (earlier / "unrelated.txt").write_bytes(b"not ghw's\n")
    return earlier


def test_logging_before_init_brings_the_earlier_journal_over_first(site, tmp_path):
    """The first command after an upgrade copies the earlier files in, so the entry lands in the journal kept so far."""
    from ghw import journal

    earlier = _earlier(site)
    before = journal.load(earlier / "journal.csv")
    code, out, err = _ghw(site, tmp_path, "log", "--mood", "7")
    data = tmp_path / "ws" / "data"
    assert code == 0 and f"brought 3 files of yours over from an earlier install of ghw ({earlier})" in err
    assert out.rstrip().endswith(f"to {data / 'journal.csv'}.")
    assert len(journal.load(data / "journal.csv")) == len(before) + 1
    assert (earlier / "journal.csv").read_bytes() != b"" and (earlier / "unrelated.txt").exists()  # copied, not moved
    assert _ghw(site, tmp_path, "log", "--mood", "6")[2] == ""  # said once: nothing is left behind now
    code, out, _ = _ghw(site, tmp_path, "doctor")
    assert "all of it is in your workspace, and ghw init --remove-earlier removes it" in out
    code, out, _ = _ghw(site, tmp_path, "init", "--remove-earlier")
    assert code == 0 and f"removed the earlier copy: 3 files from {earlier}" in out
    assert sorted(p.name for p in earlier.iterdir()) == ["unrelated.txt"]  # only what was ghw's is gone
    assert "An earlier ghw" not in _ghw(site, tmp_path, "doctor")[1]


def test_a_journal_started_before_the_move_is_merged_by_init_and_said_until_then(site, tmp_path):
    from ghw import journal

    earlier = _earlier(site)
    data = tmp_path / "ws" / "data"
    data.mkdir(parents=True)
    journal.append(data / "journal.csv", {"date": "2026-11-02", "mood": 4})  # logged by an upgrade that orphaned it
    for command in (("log", "--mood", "5"), ("people",)):
        code, _, err = _ghw(site, tmp_path, *command)
        assert code == 0 and f"kept 3 files of yours in {earlier}" in err and "ghw init brings them over" in err
    assert len(journal.load(data / "journal.csv")) == 2  # nothing merged behind the person's back
    code, out, err = _ghw(site, tmp_path, "doctor")
    assert f"An earlier ghw left 3 files of yours in {earlier} that your workspace does not have yet" in out
    code, out, _ = _ghw(site, tmp_path, "init")  # no terminal to ask at: it says how, and removes nothing
    kept = len(journal.load(earlier / "journal.csv"))
    assert f"added {kept} entries of the earlier install's journal to your journal" in out
    assert f"brought over {Path('data', 'plan.csv')}" in out and "ghw init --remove-earlier removes it" in out
    merged = journal.load(data / "journal.csv")
    assert len(merged) == kept + 2 and set(journal.load(earlier / "journal.csv")["id"]) <= set(merged["id"])
    assert (earlier / "journal.csv").exists() and _ghw(site, tmp_path, "summary")[2] == ""
    code, out, _ = _ghw(site, tmp_path, "init", stdin="y\n")  # no terminal to ask at, so no yes is taken
    assert "of the earlier install's journal" not in out and (earlier / "journal.csv").exists()  # merged once only


def test_an_earlier_file_the_workspace_has_its_own_of_is_kept_beside(site, tmp_path):
    earlier = site / "data"
    earlier.mkdir()
    (earlier / "journal.csv").write_bytes(b"my entries, in a form ghw cannot read\n")
    (earlier / ".pseudonym-key").write_bytes(b"old key")
    data = tmp_path / "ws" / "data"
    data.mkdir(parents=True)
    (data / "journal.csv").write_bytes(b"newer entries\n")
    (data / ".pseudonym-key").write_bytes(b"new key")
    code, out, _ = _ghw(site, tmp_path, "init", "--remove-earlier")
    assert code == 0, out
    assert (data / "journal.csv").read_bytes() == b"newer entries\n" and (data / ".pseudonym-key").read_bytes() == b"new key"
    assert (data / "earlier" / "journal.csv").read_bytes() == b"my entries, in a form ghw cannot read\n"
    assert (data / "earlier" / ".pseudonym-key").read_bytes() == b"old key"
    assert f"kept the earlier install's journal.csv as {Path('data', 'earlier', 'journal.csv')}" in out
    assert not (earlier / "journal.csv").exists()  # removed only after both were verified in the workspace


@pytest.fixture
def older_app(tmp_path, monkeypatch):
    """An older app.ipynb, recorded as shipped (in a copy of the manifest), as an earlier version had it."""
    from ghw import shipped

    older = json.loads((ROOT / "notebooks" / "app.ipynb").read_text())
    older["cells"][-1]["source"] = ["App(None)"]
    (tmp_path / "older").mkdir()
    (tmp_path / "older" / "app.ipynb").write_text(json.dumps(older))
    manifest = shutil.copy(shipped.MANIFEST, tmp_path / "shipped.json")
    shipped.record(tmp_path / "older", manifest)
    monkeypatch.setattr(shipped, "MANIFEST", manifest)
    shipped.shipped.cache_clear()
    yield older
    shipped.shipped.cache_clear()


def test_init_replaces_the_notebooks_nobody_edited_and_keeps_the_others(tmp_path, capsys, older_app):
    folder = tmp_path / "ws"
    assert cli.main(["init", str(folder)]) == 0
    capsys.readouterr()
    notebooks = folder / "notebooks"
    # The older app.ipynb, run in JupyterLab since: outputs and metadata of its own, but its cells as shipped.
    older_app["cells"][-1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hello\n"]}]
    older_app["metadata"]["widgets"] = {"state": {}}
    (notebooks / "app.ipynb").write_text(json.dumps(older_app))
    mine = json.loads((notebooks / "01-log.ipynb").read_text())
    mine["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": ["My own note"]})
    (notebooks / "01-log.ipynb").write_text(json.dumps(mine))
    assert cli.main(["init", str(folder)]) == 0
    said = capsys.readouterr().out
    assert f"updated {Path('notebooks', 'app.ipynb')} to this version's" in said
    assert (notebooks / "app.ipynb").read_bytes() == (ROOT / "notebooks" / "app.ipynb").read_bytes()
    assert f"kept your {Path('notebooks', '01-log.ipynb')}, which you changed" in said
    assert "My own note" in (notebooks / "01-log.ipynb").read_text()


def test_every_notebook_as_it_ships_now_is_recorded():
    """A changed notebook must be recorded (make shipped), or ghw init would keep an old copy forever as 'edited'."""
    from ghw import shipped

    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert shipped.unedited(notebook), f"{notebook.name} changed: run `make shipped` and commit the manifest"


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

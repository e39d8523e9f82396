"""ghw as a user installs it: build the sdist and wheel, install the wheel into a fresh venv, use it, upgrade it.

The fresh venv gets ghw from the wheel alone (``pip install --no-deps --no-index``);
its dependencies come from this test environment through a one-line ``.pth`` file,
so the test needs no network and downloads nothing.
"""

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import ghw

ROOT = Path(__file__).resolve().parents[2]
# Wheels built and installed into fresh environments, a minute of pip: make slow.
pytestmark = [pytest.mark.install, pytest.mark.slow]

USER_FILES = ("data/journal.csv", "data/plan.csv", "data/.pseudonym-key", "data/backups/journal-1.csv",
              "data/exports/ghw-2026-11.html")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and wheel, built from a copy of the project in which a user has been keeping a journal."""
    tmp = tmp_path_factory.mktemp("build")
    source = tmp / "ghw"
    skip = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                  ".hypothesis", ".ipynb_checkpoints", "data")
    shutil.copytree(ROOT, source, ignore=skip)
    (source / "data").mkdir()
    for name in ("sample_journal.csv", "sample_plan.csv", "README.md"):
        shutil.copy2(ROOT / "data" / name, source / "data" / name)
    for name in USER_FILES:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("private\n")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    [sdist] = (tmp / "dist").glob("*.tar.gz")
    [wheel] = (tmp / "dist").glob("*.whl")
    return sdist, wheel


def test_wheel_carries_the_package_notebooks_and_samples_and_nothing_of_the_user(dist):
    _, wheel = dist
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = email.message_from_bytes(archive.read(f"ghw-{ghw.__version__}.dist-info/METADATA"))
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "ghw").rglob("*.py")}
    assert modules <= names
    resources = {n for n in names if n.startswith("ghw/_resources/")}
    notebooks = {f"ghw/_resources/notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert resources == notebooks | {"ghw/_resources/data/sample_journal.csv", "ghw/_resources/data/sample_plan.csv",
                                     "ghw/_resources/deploy/jupyterhub_config.py"}
    assert not [n for n in names if "journal.csv" in n and "sample" not in n]
    assert f"ghw-{ghw.__version__}.dist-info/licenses/LICENSE" in names
    assert metadata["Name"] == "ghw" and metadata["Version"] == ghw.__version__
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "# ghw: a connection-and-mood journal" in metadata.get_payload()
    assert "Framework :: Jupyter" in metadata.get_all("Classifier")
    assert "platformdirs>=4.2" in metadata.get_all("Requires-Dist")


def test_sdist_has_the_top_folders_but_not_the_users_files(dist):
    sdist, _ = dist
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {"notebooks/01-log.ipynb", "data/sample_journal.csv", "data/sample_plan.csv", "LICENSE", "Makefile",
            "environment.yml", "binder/postBuild", "docs/journal-format.md", "docs/index.md", "CONTRIBUTING.md",
            "tests/app/test_install.py", "tests/helpers.py"} <= names
    assert not set(USER_FILES) & names


def _scripts(venv: Path) -> Path:
    return Path(sysconfig.get_path("scripts", vars={"base": str(venv), "platbase": str(venv)}))


def _purelib(venv: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))


def test_install_upgrade_use_reinstall_and_uninstall_never_touch_the_journal(dist, earlier_wheel, tmp_path):
    """A wheel numbered as every earlier build was (0.1.0) is installed and used, then this version's is installed
    over it with plain `pip install --upgrade` (a build of the same number was taken as already installed), and
    `ghw init` brings the notebooks nobody edited up to date; reinstalling and uninstalling touch nothing."""
    _, wheel = dist
    old_wheel, older_app = earlier_wheel
    assert ghw.__version__ != "0.1.0" and wheel.name.startswith(f"ghw-{ghw.__version__}-")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    # The dependencies, from this environment; ghw itself only from the wheel.
    site_dirs = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
    (_purelib(venv) / "_test_dependencies.pth").write_text("".join(f"{p}\n" for p in site_dirs))
    python = _scripts(venv) / Path(sys.executable).name
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHW_", "XDG_", "PYTHON"))}
    env.update(HOME=str(tmp_path / "home"), USERPROFILE=str(tmp_path / "home"), PIP_NO_INDEX="1")

    def run(*command, check=True):
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert not check or result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def pip(*args):
        return run(str(python), "-m", "pip", "--disable-pip-version-check", *args)

    pip("install", "--no-deps", str(old_wheel))
    ghw_command = shutil.which("ghw", path=str(_scripts(venv)))
    assert ghw_command, "the wheel installs a ghw command"
    assert run(ghw_command, "--version").strip() == "ghw 0.1.0"

    said = run(ghw_command, "init")
    workspace = Path(said.splitlines()[0].removeprefix("Workspace: "))
    assert workspace.is_relative_to(tmp_path / "home") and not workspace.is_relative_to(venv)
    assert f"added {Path('notebooks', 'app.ipynb')}" in said and "ghw lab" in said

    for _ in range(2):
        said = run(ghw_command, "log", "--mood", "6")
    journal = workspace / "data" / "journal.csv"
    assert said.rstrip().endswith(f"to {journal}.") and journal.is_file()
    logged = journal.read_bytes()

    said = pip("install", "--upgrade", "--no-deps", str(wheel))  # plain pip: no --force-reinstall
    assert "already satisfied" not in said.lower() and f"Successfully installed ghw-{ghw.__version__}" in said
    assert run(ghw_command, "--version").strip() == f"ghw {ghw.__version__}"
    said = run(ghw_command, "init")
    assert journal.read_bytes() == logged
    assert (workspace / "notebooks" / "app.ipynb").read_bytes() == (ROOT / "notebooks" / "app.ipynb").read_bytes()
    assert (f"updated {Path('notebooks', 'app.ipynb')} to this version's" in said) == older_app
    assert run(ghw_command, "doctor").splitlines() == [
        f"Checking {journal} (your workspace at {workspace}).",
        f"{journal}: 2 valid entries, from {_today()} to {_today()}.",
    ]
    where = run(str(python), "-c", "from ghw import paths, journal; "
                "print(paths.notebooks_dir()); print(paths.SAMPLE_JOURNAL); "
                "print(len(journal.open_journal(paths.data_dir() / 'none.csv').entries))").split("\n")
    assert Path(where[0]) == workspace / "notebooks" and (workspace / "notebooks" / "app.ipynb").is_file()
    assert Path(where[1]).is_relative_to(_purelib(venv)) and Path(where[1]).is_file()
    assert int(where[2]) > 300  # the sample journal, shown until there is one's own
    assert run(ghw_command, "summary").startswith(f"ghw summary for {_today()[:7]}")

    elsewhere = tmp_path / "elsewhere"
    env["GHW_HOME"] = str(elsewhere)
    run(ghw_command, "init")
    run(ghw_command, "log", "--mood", "4")
    assert (elsewhere / "data" / "journal.csv").is_file() and (elsewhere / "notebooks" / "01-log.ipynb").is_file()
    del env["GHW_HOME"]

    kept = {p: p.read_bytes() for p in (journal, elsewhere / "data" / "journal.csv")}
    kept |= {p: p.read_bytes() for p in (workspace / "notebooks").iterdir()}
    pip("install", "--no-deps", "--force-reinstall", str(wheel))
    assert {p: p.read_bytes() for p in kept} == kept
    pip("uninstall", "--yes", "ghw")
    assert not shutil.which("ghw", path=str(_scripts(venv))) and not (_purelib(venv) / "ghw").exists()
    assert {p: p.read_bytes() for p in kept} == kept


def _today():
    import datetime as dt

    return dt.date.today().isoformat()


def _older_app_notebook() -> bytes | None:
    """The app notebook as the first version that had one shipped it (from this clone's history), if there is one."""
    try:
        commits = subprocess.run(["git", "log", "--format=%H", "--", "notebooks/app.ipynb"], cwd=ROOT, check=True,
                                 capture_output=True, text=True, timeout=60).stdout.split()
        older = subprocess.run(["git", "show", f"{commits[-1]}:notebooks/app.ipynb"], cwd=ROOT, check=True,
                               capture_output=True, timeout=60).stdout
    except (OSError, subprocess.CalledProcessError, IndexError):
        return None
    return older if older != (ROOT / "notebooks" / "app.ipynb").read_bytes() else None


@pytest.fixture(scope="module")
def earlier_wheel(tmp_path_factory):
    """A wheel as every earlier build was numbered (0.1.0), with the app notebook as an earlier version shipped it."""
    tmp = tmp_path_factory.mktemp("earlier")
    source = tmp / "ghw"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                                "__pycache__", ".pytest_cache", ".hypothesis"))
    init = source / "ghw" / "__init__.py"
    init.write_text(init.read_text().replace(f'__version__ = "{ghw.__version__}"', '__version__ = "0.1.0"'))
    older = _older_app_notebook()
    if older is not None:
        (source / "notebooks" / "app.ipynb").write_bytes(older)
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(tmp / "dist"),
                    str(source)], check=True, capture_output=True, timeout=300)
    [wheel] = (tmp / "dist").glob("*.whl")
    return wheel, older is not None

"""The repository itself: notebooks without outputs, one list of dependencies."""

import json
import os
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower()


def test_notebooks_have_no_outputs_and_a_kernel():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            assert not cell.get("outputs"), f"{path.name} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} has execution counts"
        assert notebook["metadata"]["kernelspec"]["name"] == "python3", path.name


def _conda_packages(path: Path) -> tuple[dict[str, str], str, list[str]]:
    """The packages an environment file asks for (not python or pip), its python, and its pip lines."""
    environment = yaml.safe_load(path.read_text())
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    pip = next((d["pip"] for d in environment["dependencies"] if isinstance(d, dict)), [])
    python = next(r for r in conda if _name(r) == "python")
    return {_name(r): r.replace(" ", "") for r in conda if _name(r) not in ("python", "pip")}, python, pip


def test_environment_installs_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"]}
    given, python, pip = _conda_packages(ROOT / "environment.yml")
    assert given == wanted
    assert "-e ." in pip
    assert python.removeprefix("python") == project["requires-python"]


def test_binder_builds_the_same_environment_and_then_installs_ghw():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"]}
    given, python, pip = _conda_packages(ROOT / "binder" / "environment.yml")
    assert given == wanted and not pip  # the project's files are not there yet when Binder builds this
    minimum = tuple(int(n) for n in project["requires-python"].removeprefix(">=").split("."))
    assert tuple(int(n) for n in python.removeprefix("python=").split(".")) >= minimum
    post_build = ROOT / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "pip install --no-deps -e ." in post_build.read_text()


def test_no_user_data_is_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "data"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert set(tracked) <= {"data/sample_journal.csv", "data/sample_plan.csv", "data/sample_people.csv",
                            "data/sample_checkins.csv", "data/sample_experiments.csv", "data/sample_reflections.csv",
                            "data/README.md"}


def test_the_top_level_does_what_its_docstring_says():
    import ghw
    from ghw import paths

    entries = ghw.load(paths.SAMPLE_JOURNAL)
    assert len(ghw.daily(entries)) == (entries["date"].max() - entries["date"].min()).days + 1
    for name in ghw._ON_FIRST_USE:
        assert getattr(ghw, name).__name__ == f"ghw.{name}"
    with pytest.raises(AttributeError):
        _ = ghw.no_such_thing

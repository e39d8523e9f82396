"""The repository itself: notebooks without outputs, one list of dependencies."""

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


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


def test_environment_installs_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"]}
    given = {_name(r): r.replace(" ", "") for r in conda if _name(r) not in ("python", "pip")}
    assert given == wanted
    assert "-e ." in pip
    python = next(r for r in conda if _name(r) == "python")
    assert python.removeprefix("python") == project["requires-python"]


def test_no_user_data_is_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "data"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert set(tracked) <= {"data/sample_journal.csv", "data/sample_plan.csv", "data/sample_experiments.csv", "data/README.md"}


def test_the_top_level_does_what_its_docstring_says():
    import ghw
    from ghw import paths

    entries = ghw.load(paths.SAMPLE_JOURNAL)
    assert len(ghw.daily(entries)) == (entries["date"].max() - entries["date"].min()).days + 1
    for name in ghw._ON_FIRST_USE:
        assert getattr(ghw, name).__name__ == f"ghw.{name}"
    with pytest.raises(AttributeError):
        _ = ghw.no_such_thing

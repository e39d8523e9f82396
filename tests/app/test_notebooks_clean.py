"""Notebooks stay clean: saved without outputs or widget state, so using one leaves it as it is in git.

``tests/app/test_browser.py::test_log_in_jupyterlab`` uses, saves and reopens one in a real JupyterLab.
"""

import copy
import json

import pytest

from ghw import lab, paths, server


def _ran(notebook: dict) -> dict:
    """``notebook`` as a run leaves it: outputs, counts, widget state, the kernel's details."""
    ran = copy.deepcopy(notebook)
    for cell in ran["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "display_data", "data": {"text/plain": "Jo, mood 7"}, "metadata": {}}]
            cell["execution_count"] = 3
            cell["metadata"]["execution"] = {"iopub.status.idle": "2026-11-25T18:30:00Z"}
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": {}}}}
    ran["metadata"]["language_info"] = {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"}
    return ran


@pytest.mark.parametrize("name", ["01-log.ipynb", "02-reflect.ipynb", "app.ipynb"])
def test_clean_takes_back_what_a_run_leaves(name):
    committed = json.loads((paths.notebooks_dir() / name).read_text())
    model = {"type": "notebook", "content": _ran(committed)}
    assert lab.clean(model) is model and model["content"] == committed
    other = {"type": "file", "content": "a,b\n"}
    assert lab.clean(other) == {"type": "file", "content": "a,b\n"}


def test_lab_is_told_to_clean_and_to_keep_no_widget_state():
    command = server.lab_command()
    assert "--ContentsManager.pre_save_hook=ghw.lab.clean" in command
    assert server.LAB_OVERRIDES["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": False}

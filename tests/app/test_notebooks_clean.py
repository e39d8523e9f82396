"""Notebooks stay clean: saved without outputs or widget state, so using one leaves it as it is in git."""

import copy
import json
import os
import secrets
import shutil
import sys

import pytest
from test_browser import _env, _free_port, _run_all, _serve, _stop, browser  # noqa: F401 (browser is a fixture)

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


@pytest.mark.browser
def test_a_notebook_used_and_saved_in_lab_is_unchanged(browser, tmp_path, journal_path):  # noqa: F811
    """Run every cell of the logging notebook in ghw's JupyterLab, save, reopen: the file is byte for byte as
    committed, and the reopened notebook shows no "model not found"."""
    notebooks = shutil.copytree(paths.notebooks_dir(), tmp_path / "notebooks")
    before = (notebooks / "01-log.ipynb").read_bytes()
    saved_at = (notebooks / "01-log.ipynb").stat().st_mtime_ns
    env = _env(tmp_path, journal_path)
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    port, token = _free_port(), secrets.token_hex(16)
    own = [arg for arg in server.lab_command() if not arg.startswith("--ServerApp.root_dir=")]
    command = [sys.executable, *own, "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={notebooks}"]
    if os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    with open(tmp_path / "lab.log", "w") as log:
        process = _serve(command, f"http://127.0.0.1:{port}/api/status?token={token}", env, log)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        url = f"http://127.0.0.1:{port}/lab/tree/01-log.ipynb?token={token}"
        _run_all(page, url)
        page.wait_for_selector(".ghw-save")
        page.keyboard.press("Control+s")
        page.wait_for_timeout(1500)
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')")
        assert (notebooks / "01-log.ipynb").stat().st_mtime_ns > saved_at  # saved, indeed
        assert (notebooks / "01-log.ipynb").read_bytes() == before
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        page.wait_for_timeout(2000)
        assert page.get_by_text("model not found").count() == 0
    finally:
        context.close()
        _stop(process)

"""What JupyterLab does with a notebook as it saves it, under ``ghw lab``: nothing of a run is kept.

Outputs, execution counts, widget state and the kernel's details are left
out of the file, so that using a notebook leaves it as it was in git, a
notebook holds no journal entry or name from its outputs, and reopening one
never shows "Error displaying widget: model not found" for a widget whose
kernel is gone. ``ghw.server.lab_command`` passes :func:`clean` to the
server as its ``pre_save_hook``, and turns off the widget manager's own
saving of widget state.
"""

from __future__ import annotations

__all__ = ["clean"]

# Cell metadata that only says how a run went or how the cell was shown.
_RUN_METADATA = ("execution", "scrolled", "collapsed")


def clean(model: dict, **_) -> dict:
    """Strip a notebook's contents model of what a run leaves (a ``pre_save_hook``); other files pass unchanged."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return model
    notebook = model["content"]
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in _RUN_METADATA:
            cell.get("metadata", {}).pop(key, None)
    metadata = notebook.get("metadata", {})
    metadata.pop("widgets", None)
    if "language_info" in metadata:  # the kernel adds its version and more at each run
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    return model

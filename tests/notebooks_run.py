"""Run a notebook in a real kernel, as JupyterLab would, and fail on any error."""

import nbformat
from nbclient import NotebookClient


def run_notebook(path, timeout=600):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", "".join(output.get("traceback", []))
            assert output.get("name") != "stderr" or "Warning" not in output.get("text", ""), output.get("text")
    return notebook

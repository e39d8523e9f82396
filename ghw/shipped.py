"""Every version of the notebooks ghw has shipped, by fingerprint: how ``ghw init`` tells an untouched copy from yours.

``ghw init`` copies the notebooks into a workspace and never overwrites a file. An upgrade then left an older
notebook in place (an old ``app.ipynb`` that lacks what the new library offers) whenever the user had never touched
it. A copy whose cells are those of a notebook ghw once shipped was not edited, and is replaced by this version's;
a copy with any cell of its own is kept.

A fingerprint covers each cell's type and source, in order, and nothing else: running a notebook (outputs,
execution counts) or opening it in JupyterLab (metadata) is not editing it. ``shipped_notebooks.json`` holds the
fingerprints of every version of each notebook that was ever committed; ``python -m ghw.shipped`` (``make
shipped``) adds the current ones after a notebook changes, and ``tests/files/test_paths.py`` fails until it has.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path

from . import paths

__all__ = ["MANIFEST", "fingerprint", "shipped", "unedited", "record"]

MANIFEST = Path(__file__).resolve().parent / "shipped_notebooks.json"


def fingerprint(data: bytes) -> str | None:
    """SHA-256 of a notebook's cells (type and source, in order); None when ``data`` is not a notebook."""
    try:
        cells = json.loads(data.decode("utf-8"))["cells"]
        content = [[cell["cell_type"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]]
                   for cell in cells]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


@cache
def shipped() -> dict[str, frozenset[str]]:
    """Notebook name -> the fingerprints of every version of it that ghw has shipped."""
    return {name: frozenset(prints) for name, prints in json.loads(MANIFEST.read_text(encoding="utf-8")).items()}


def unedited(path: str | os.PathLike) -> bool:
    """Whether the notebook at ``path`` is, cell for cell, a version of it that ghw shipped."""
    path = Path(path)
    try:
        found = fingerprint(path.read_bytes())
    except OSError:
        return False
    return found is not None and found in shipped().get(path.name, frozenset())


def record(notebooks: str | os.PathLike = paths.BUNDLED_NOTEBOOKS, manifest: str | os.PathLike = MANIFEST) -> list[str]:
    """Add the fingerprints of the notebooks in ``notebooks`` to ``manifest``; return the names that were new.

    Fingerprints are only ever added: a version that shipped once may be in someone's workspace for years.
    """
    manifest = Path(manifest)
    known = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    added = []
    for notebook in sorted(Path(notebooks).glob("*.ipynb")):
        found = fingerprint(notebook.read_bytes())
        if found is not None and found not in known.setdefault(notebook.name, []):
            known[notebook.name].append(found)
            added.append(notebook.name)
    manifest.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n", encoding="utf-8")
    shipped.cache_clear()
    return added


if __name__ == "__main__":
    if paths.CLONE_DIR is None:
        sys.exit("python -m ghw.shipped records the notebooks of a clone of ghw; this ghw is installed.")
    new = record()
    print(f"Recorded {', '.join(new)} in {MANIFEST}." if new else f"Every notebook is already in {MANIFEST}.")

"""Where ghw's files live, decided in one place.

A *workspace* is a folder the user owns, laid out like the project itself:
``notebooks/`` (the pages they open) and ``data/`` (their journal, plan,
backups and exports). Which folder that is:

1. ``$GHW_JOURNAL``, when set, names the journal file itself and wins
   (its plan, backups and exports sit beside it).
2. In a clone of the project (the folder above the package has a
   ``pyproject.toml`` naming ghw, a ``notebooks/`` and a ``data/``), the
   clone is the workspace: ``data/journal.csv`` and ``notebooks/`` as they
   have always been, so nobody working from a clone needs to do anything.
3. Installed from a wheel, ``$GHW_HOME`` if set, else the per-user data
   folder ``platformdirs.user_data_dir("ghw")``: ``~/.local/share/ghw`` on
   Linux, ``~/Library/Application Support/ghw`` on macOS,
   ``%LOCALAPPDATA%\\ghw`` on Windows. That folder rather than Documents
   because Documents is often synced to a cloud service (OneDrive, iCloud)
   and this journal names people and moods: it stays on the machine, it
   belongs to the user and not to the installed package, so upgrading or
   uninstalling ghw never touches it. ``ghw init`` and ``ghw doctor`` say
   where it is, and ``$GHW_HOME`` puts it anywhere else.

What ships with ghw (the notebooks to copy into a workspace, the sample
journal and plan) is read from the clone's ``notebooks/`` and ``data/`` in a
clone, and from ``ghw/_resources/`` in an installed package, where the build
maps those same two folders (see ``pyproject.toml``): one copy of each file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .i18n import _

__all__ = [
    "PROJECT_DIR",
    "CLONE_DIR",
    "BUNDLED_NOTEBOOKS",
    "SAMPLE_JOURNAL",
    "SAMPLE_PLAN",
    "SAMPLE_PEOPLE",
    "SAMPLE_CHECKINS",
    "SAMPLE_EXPERIMENTS",
    "SAMPLE_REFLECTIONS",
    "HUB_CONFIG",
    "default_workspace",
    "workspace",
    "data_dir",
    "notebooks_dir",
    "journal_path",
    "journal_source",
    "backups_dir",
]


def _is_clone(folder: Path) -> bool:
    """Whether ``folder`` is a checkout of this project (and not, say, site-packages)."""
    if not ((folder / "notebooks").is_dir() and (folder / "data").is_dir()):
        return False
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return project.get("project", {}).get("name") == "ghw"


PROJECT_DIR = Path(__file__).resolve().parent.parent
"""The folder that holds the package: the clone in a clone, site-packages when installed."""
CLONE_DIR: Path | None = PROJECT_DIR if _is_clone(PROJECT_DIR) else None
"""The clone ghw runs from, or None when it is installed."""
_BUNDLE = CLONE_DIR or Path(__file__).resolve().parent / "_resources"
BUNDLED_NOTEBOOKS = _BUNDLE / "notebooks"
"""The notebooks as shipped, which ``ghw init`` copies into a workspace."""
SAMPLE_JOURNAL = _BUNDLE / "data" / "sample_journal.csv"
SAMPLE_PLAN = _BUNDLE / "data" / "sample_plan.csv"
SAMPLE_PEOPLE = _BUNDLE / "data" / "sample_people.csv"
SAMPLE_CHECKINS = _BUNDLE / "data" / "sample_checkins.csv"
HUB_CONFIG = (_BUNDLE / "deploy" / "jupyterhub" if CLONE_DIR else _BUNDLE / "deploy") / "jupyterhub_config.py"
"""A practice's JupyterHub configuration (deploy/jupyterhub/ in the clone), which ``python -m ghw.tljh`` installs."""
SAMPLE_EXPERIMENTS = _BUNDLE / "data" / "sample_experiments.csv"
SAMPLE_REFLECTIONS = _BUNDLE / "data" / "sample_reflections.csv"


def default_workspace() -> Path:
    """The workspace used when nothing is set: the clone, else the per-user data folder."""
    if CLONE_DIR is not None:
        return CLONE_DIR
    from platformdirs import user_data_dir

    # resolve(): Python from the Microsoft Store has Windows keep this folder in
    # the Store app's own storage; once it exists, that real place is what we show.
    return Path(user_data_dir("ghw", appauthor=False)).resolve()


def workspace() -> Path:
    """The user's workspace: the clone, else ``$GHW_HOME``, else :func:`default_workspace`."""
    home = _env("GHW_HOME")
    if CLONE_DIR is None and home:
        return Path(home).expanduser().resolve()
    return default_workspace()


def data_dir() -> Path:
    """The workspace's ``data/`` folder: the journal, plan, backups and exports."""
    return workspace() / "data"


def notebooks_dir() -> Path:
    """The workspace's ``notebooks/`` folder, which ``ghw lab`` and ``ghw app`` open."""
    return workspace() / "notebooks"


def journal_path() -> Path:
    """The user's journal: ``$GHW_JOURNAL`` if set, else ``data/journal.csv`` in the workspace."""
    journal = _env("GHW_JOURNAL")
    return Path(journal).expanduser() if journal else data_dir() / "journal.csv"


def journal_source() -> str:
    """Why :func:`journal_path` chose that file, in words for the user."""
    if _env("GHW_JOURNAL"):
        return _("GHW_JOURNAL is set")
    if CLONE_DIR is not None:
        return _("this clone's data folder")
    if _env("GHW_HOME"):
        return _("your workspace at {folder} (GHW_HOME is set)").format(folder=workspace())
    return _("your workspace at {folder}").format(folder=workspace())


def backups_dir(journal: Path) -> Path:
    """Folder that holds the previous versions of ``journal`` after edits: one folder per file, by its name."""
    return journal.parent / "backups" / journal.name


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


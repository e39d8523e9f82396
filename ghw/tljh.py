"""ghw on The Littlest JupyterHub: the setup steps of ``deploy/jupyterhub/README.md``, as one command.

Run as root on the TLJH machine, after installing ghw into the users'
environment::

    sudo /opt/tljh/user/bin/python -m ghw.tljh

It puts the practice's hub configuration that ships in the wheel where TLJH
reads extra configuration (``/opt/tljh/config/jupyterhub_config.d/ghw.py``),
makes the practice file ``/etc/ghw/practice.json`` if there is none (never
replacing one), makes the shared root ``/srv/ghw/shared`` (root's, mode
0711: anyone passes through, nobody lists it), and sets TLJH's idle culler
and memory limit with ``tljh-config`` before reloading the hub. Run again,
it changes only what differs. ``--root`` does it all under another folder,
for a look at what it would make.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from . import paths
from .errors import GhwError
from .i18n import _

__all__ = ["SETTINGS", "setup", "main"]

SETTINGS = (("services.cull.timeout", "1800"), ("limits.memory", "1G"))
"""TLJH settings: servers idle for 30 minutes are stopped; a server may use 1 GiB (docs/scale.md)."""
CONFIG_TARGET = Path("opt/tljh/config/jupyterhub_config.d/ghw.py")
TLJH_CONFIG = Path("opt/tljh/hub/bin/tljh-config")
PRACTICE_FILE = Path("etc/ghw/practice.json")
SHARED_ROOT = Path("srv/ghw/shared")


def setup(root: str | os.PathLike = "/") -> list[str]:
    """Do the steps under ``root``; return one line per step, saying what was done or left as it was."""
    root = Path(root)
    done = []
    config = root / CONFIG_TARGET
    shipped = paths.HUB_CONFIG.read_bytes()
    if not config.parent.is_dir():
        raise GhwError(_("There is no {folder}: is The Littlest JupyterHub installed here? Install it first "
                         "(deploy/jupyterhub/README.md).").format(folder=config.parent))
    if config.is_file() and config.read_bytes() == shipped:
        done.append(_("{file}: already this version's").format(file=config))
    else:
        said = _("{file}: replaced") if config.exists() else _("{file}: added")
        temp = config.with_name(f".{config.name}.tmp")
        temp.write_bytes(shipped)
        temp.chmod(0o644)
        os.replace(temp, config)
        done.append(said.format(file=config))
    practice = root / PRACTICE_FILE
    if practice.exists():
        done.append(_("{file}: kept as it is").format(file=practice))
    else:
        practice.parent.mkdir(parents=True, exist_ok=True)
        practice.write_text(json.dumps({"practitioners": {}}, indent=1) + "\n", encoding="utf-8")
        practice.chmod(0o644)
        done.append(_("{file}: added, with no practitioners yet (list them there: who supports whom)").format(
            file=practice))
    shared = root / SHARED_ROOT
    if shared.is_symlink() or (shared.exists() and not shared.is_dir()):
        raise GhwError(_("{folder} is not a plain folder; the shared root must be one. Nothing further was "
                         "changed.").format(folder=shared))
    shared.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(shared, 0, 0)
    shared.chmod(0o711)
    done.append(_("{folder}: a folder of root's, mode 711").format(folder=shared))
    tljh_config = root / TLJH_CONFIG
    commands = [[str(tljh_config), "set", key, value] for key, value in SETTINGS] + [[str(tljh_config), "reload"]]
    if not tljh_config.is_file():
        done.append(_("{file} is not there, so these are yours to run: {commands}").format(
            file=tljh_config, commands="; ".join(f"tljh-config {' '.join(c[1:])}" for c in commands)))
        return done
    for command in commands:
        ran = subprocess.run(command, capture_output=True, text=True)
        if ran.returncode != 0:
            raise GhwError(_("{command} failed: {problem}").format(command=" ".join(command),
                                                                  problem=(ran.stderr or ran.stdout).strip()))
        done.append(" ".join(["tljh-config", *command[1:]]))
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ghw.tljh", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default="/", help=_("do it under this folder instead of / (to look first)"))
    args = parser.parse_args(argv)
    try:
        for line in setup(args.root):
            print(line)
    except (GhwError, OSError) as exc:
        print(f"ghw: {exc}", file=sys.stderr)
        return 2
    print(_("Done. A person's first log-in makes their workspace; see deploy/jupyterhub/README.md."))
    return 0


if __name__ == "__main__":
    sys.exit(main())

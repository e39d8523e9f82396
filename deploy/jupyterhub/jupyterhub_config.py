"""JupyterHub for a practice: one private ghw per person, summaries shared with a practitioner only by choice.

Use it as the whole configuration of a hub that runs as root with the local
process spawner (``jupyterhub -f jupyterhub_config.py``), or as a drop-in for
The Littlest JupyterHub (copy it to ``/opt/tljh/config/jupyterhub_config.d/``).
It sets no authenticator and no spawner: those belong to the platform (see
README.md beside it). What it does, at every start of a person's server:

- makes their workspace ``~/ghw`` (``ghw init``, run as them, so every file
  in it is theirs) and closes it to everyone else (mode 0700);
- sets ``GHW_HOME`` and ``GHW_JOURNAL`` there, and opens the app page
  (Voila) as their landing page; the notebooks are one click away;
- for a person with a practitioner, makes the one folder they can share
  into, ``<shared root>/<practitioner>/<person>``: owned by the person, its
  group the practitioner's own private group, mode 2750. The practitioner
  can read it and write nothing; nobody else can even open it. ghw names it
  in ``GHW_SHARE_DIR``; ``ghw share`` and the share form write there, and
  ``ghw share --withdraw`` empties it;
- for a practitioner, names their folder in ``GHW_PRACTICE_DIR`` and opens
  the practice page instead.

Who supports whom is read from a JSON file (``GHW_PRACTICE_FILE``, default
``/etc/ghw/practice.json``) at every server start, so adding a person needs
no restart::

    {"practitioners": {"lee": ["ann", "ben", "cat"]}}

JupyterHub's own sharing (``shares`` scopes) is left off: it grants a whole
server, and a person's server can read their whole journal. The file system
enforces the narrower promise, file by file.
"""

import grp
import json
import os
import pwd
import shlex
import shutil
import subprocess
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it when it loads this file)

PRACTICE_FILE = Path(os.environ.get("GHW_PRACTICE_FILE", "/etc/ghw/practice.json"))
SHARED_ROOT = Path(os.environ.get("GHW_SHARED_ROOT", "/srv/ghw/shared"))
# The ghw command of the users' environment (TLJH keeps it in /opt/tljh/user/bin), as a command line.
GHW = shlex.split(os.environ.get("GHW_COMMAND", "")) or [
    shutil.which("ghw", path="/opt/tljh/user/bin") or shutil.which("ghw") or "ghw"]
# Hub name to system user: "{name}" for the local process spawner, "jupyter-{name}" on TLJH.
SYSTEM_USER = os.environ.get("GHW_SYSTEM_USER", "jupyter-{name}" if Path("/opt/tljh").is_dir() else "{name}")
APP_PAGE = "/voila/render/notebooks/app.ipynb"
PRACTICE_PAGE = "/voila/render/notebooks/practice.ipynb"


def practitioners() -> dict[str, list[str]]:
    """Practitioner -> the people they support, as the practice file says."""
    try:
        return json.loads(PRACTICE_FILE.read_text(encoding="utf-8"))["practitioners"]
    except FileNotFoundError:
        return {}


def system_user(name: str) -> pwd.struct_passwd:
    """The system account of hub user ``name``, made on first login as TLJH itself makes it."""
    login = SYSTEM_USER.format(name=name)
    try:
        return pwd.getpwnam(login)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", login], check=True)
        account = pwd.getpwnam(login)
        os.chmod(account.pw_dir, 0o700)
        return account


def private_group(account: pwd.struct_passwd) -> int:
    """The practitioner's own group; refused if anyone else is in it, since its members read the shares."""
    group = grp.getgrgid(account.pw_gid)
    others = [u.pw_name for u in pwd.getpwall() if u.pw_gid == group.gr_gid and u.pw_name != account.pw_name]
    if group.gr_mem or others:
        raise RuntimeError(f"{account.pw_name}'s group {group.gr_name} has other members "
                           f"({', '.join(group.gr_mem + others)}); shares need a group of their own.")
    return group.gr_gid


def folder(path: Path, uid: int, gid: int, mode: int) -> Path:
    """Make ``path`` with this owner and mode, and put them right if someone changed them."""
    path.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        raise RuntimeError(f"{path} is a link; the shared folders must be plain folders.")
    os.chown(path, uid, gid)
    os.chmod(path, mode)
    return path


def prepare(spawner) -> None:
    """Before a server starts: the workspace, the environment, the landing page, the shared folder."""
    name = spawner.user.name
    account = system_user(name)
    workspace = Path(account.pw_dir) / "ghw"
    subprocess.run([*GHW, "init", str(workspace)], user=account.pw_uid, group=account.pw_gid, extra_groups=[],
                   cwd=account.pw_dir, env={"HOME": account.pw_dir, "PATH": os.environ.get("PATH", "")},
                   check=True, capture_output=True)
    os.chmod(workspace, 0o700)
    spawner.notebook_dir = str(workspace)
    spawner.environment.update(GHW_HOME=str(workspace), GHW_JOURNAL=str(workspace / "data" / "journal.csv"))
    spawner.default_url = APP_PAGE
    everyone = practitioners()
    folder(SHARED_ROOT, 0, 0, 0o711)  # anyone may pass through, nobody may list
    if name in everyone:
        own = folder(SHARED_ROOT / name, 0, private_group(account), 0o751)  # they list it; people pass through
        spawner.environment["GHW_PRACTICE_DIR"] = str(own)
        spawner.default_url = PRACTICE_PAGE
        return
    mine = [p for p, people in everyone.items() if name in people]
    if len(mine) > 1:
        raise RuntimeError(f"{name} is listed under several practitioners ({', '.join(mine)}); list them under one.")
    if mine:
        practitioner = pwd.getpwnam(SYSTEM_USER.format(name=mine[0]))
        gid = private_group(practitioner)
        folder(SHARED_ROOT / mine[0], 0, gid, 0o751)
        shared = folder(SHARED_ROOT / mine[0] / name, account.pw_uid, gid, 0o2750)
        spawner.environment["GHW_SHARE_DIR"] = str(shared)


c.Spawner.pre_spawn_hook = prepare
c.Spawner.default_url = APP_PAGE

# Roles (JupyterHub 5 and later). Everyone has their own server and nothing else; JupyterHub's sharing of
# servers (the "shares" scopes) is given to nobody. A practitioner may also list the names of the people
# they support, and nothing of theirs: no server, no files, no activity. Those names come from the practice
# file at start, as one group per practitioner.
_groups = {f"people-of-{p}": {"users": sorted(people)} for p, people in practitioners().items()}
c.JupyterHub.load_groups = _groups
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self"]},
    *({"name": f"practitioner-{p}", "description": f"{p}: their own server and the names of their people",
       "scopes": ["self", f"list:users!group=people-of-{p}", f"read:users:name!group=people-of-{p}"],
       "users": [p]} for p in practitioners()),
]

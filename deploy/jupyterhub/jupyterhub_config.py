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

A mistake in that file is logged with its line and touches only whom it
concerns: a practitioner whose entry is wrong, or a person listed twice, is
left out (their servers start, without sharing) until it is fixed; a file
that is not JSON at all leaves the hub with the file as it last read it (or
with no practitioners, at its first start). Everyone else is served as usual.

Idle kernels and servers are stopped: a kernel no page is connected to (a
page closed without saying so, a phone that killed its browser) ends after
``GHW_CULL_KERNELS_AFTER`` seconds (default 600), and a server with no
kernel and no use for ``GHW_CULL_SERVERS_AFTER`` seconds (default 3600)
stops itself, so its memory returns to the machine.

JupyterHub's own sharing (``shares`` scopes) is left off: it grants a whole
server, and a person's server can read their whole journal. The file system
enforces the narrower promise, file by file.
"""

import grp
import json
import logging
import os
import pwd
import re
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
KERNEL_IDLE = int(os.environ.get("GHW_CULL_KERNELS_AFTER", "600"))
SERVER_IDLE = int(os.environ.get("GHW_CULL_SERVERS_AFTER", "3600"))
CULL_EVERY = int(os.environ.get("GHW_CULL_EVERY", "60"))  # seconds between two looks for idle kernels
log = logging.getLogger("JupyterHub")
_last_read: dict[str, list[str]] = {}  # the practice file as last read whole, kept while it cannot be read


def read_practice(text: str) -> tuple[dict[str, list[str]] | None, list[str]]:
    """Practitioner -> their people, from the practice file's text, and each problem found, with its line.

    Entries with a problem are left out and the rest kept; None when the text is not JSON with a "practitioners"
    object at all (then nothing in it can be trusted).
    """
    def line(name: str) -> int:
        found = re.search(rf'"{re.escape(name)}"\s*:', text) if isinstance(name, str) else None
        return text.count("\n", 0, found.start()) + 1 if found else 1

    try:
        whole = json.loads(text)
    except ValueError as exc:
        return None, [f"line {exc.lineno}, column {exc.colno}: {exc.msg}" if hasattr(exc, "lineno") else str(exc)]
    if not isinstance(whole, dict) or not isinstance(whole.get("practitioners"), dict):
        return None, [f"line {line('practitioners')}: " + 'the file must hold {"practitioners": {"name": ["person"]}}']
    found, problems = {}, []
    for practitioner, people in whole["practitioners"].items():
        if not _name(practitioner):
            problems.append(f"line {line(practitioner)}: {practitioner!r} is not a user name; left out")
        elif not isinstance(people, list) or not all(_name(p) for p in people):
            problems.append(f"line {line(practitioner)}: {practitioner}'s people must be a list of user names, like "
                            f'["ann", "ben"]; {practitioner} is left out')
        else:
            found[practitioner] = list(dict.fromkeys(people))
    listed: dict[str, list[str]] = {}
    for practitioner, people in found.items():
        for person in people:
            listed.setdefault(person, []).append(practitioner)
    for person, theirs in listed.items():
        if len(theirs) > 1:
            problems.append(f"line {line(theirs[1])}: {person} is listed under several practitioners "
                            f"({', '.join(theirs)}); list them under one. {person} shares with nobody until then")
            for practitioner in theirs:
                found[practitioner].remove(person)
    return found, problems


def _name(value) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[\w.@+-]{1,64}", value))


def practitioners() -> dict[str, list[str]]:
    """Practitioner -> the people they support, as the practice file says; its problems are logged, never raised."""
    global _last_read
    try:
        text = PRACTICE_FILE.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        log.error("ghw: cannot read %s (%s); using it as last read", PRACTICE_FILE, exc)
        return _last_read
    found, problems = read_practice(text)
    for problem in problems:
        log.error("ghw: %s, %s", PRACTICE_FILE, problem)
    if found is None:
        log.error("ghw: %s is not used until it is fixed; %s", PRACTICE_FILE,
                  "using it as last read" if _last_read else "nobody has a practitioner meanwhile")
        return _last_read
    _last_read = found
    return found


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
    mine = [p for p, people in everyone.items() if name in people]  # one at most: read_practice sees to it
    if mine:
        try:
            gid = private_group(pwd.getpwnam(SYSTEM_USER.format(name=mine[0])))
        except KeyError:
            log.warning("ghw: %s's practitioner %s has not logged in yet; %s can share once they have", name,
                        mine[0], name)
            return
        except RuntimeError as exc:
            log.error("ghw: %s; %s shares with nobody until it is fixed", exc, name)
            return
        folder(SHARED_ROOT / mine[0], 0, gid, 0o751)
        shared = folder(SHARED_ROOT / mine[0] / name, account.pw_uid, gid, 0o2750)
        spawner.environment["GHW_SHARE_DIR"] = str(shared)


c.Spawner.pre_spawn_hook = prepare
c.Spawner.default_url = APP_PAGE
# Each server stops its idle kernels, and itself once it has none and nobody has used it for a while.
# Its pages take no script, stylesheet or font from outside the hub: Voila's template links Font Awesome from a
# public CDN (its own bundle, served by the server, already carries it), and its page loads MathJax from another
# when it meets math, each telling a third party that someone opened their journal. The policy keeps JupyterHub's
# own rule that no other site may frame a server's pages.
_LOCAL_ONLY = ("frame-ancestors 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; "
               "style-src 'self' 'unsafe-inline'; font-src 'self' data:")
c.Spawner.args.extend([
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
    f"--MappingKernelManager.cull_interval={CULL_EVERY}",
    "--MappingKernelManager.cull_connected=False",
    f"--ServerApp.shutdown_no_activity_timeout={SERVER_IDLE}",
    "--ServerApp.tornado_settings=" + json.dumps({"headers": {"Content-Security-Policy": _LOCAL_ONLY}}),
])

# Roles (JupyterHub 5 and later). Everyone has their own server and nothing else; JupyterHub's sharing of
# servers (the "shares" scopes) is given to nobody. A practitioner may also list the names of the people
# they support, and nothing of theirs: no server, no files, no activity. Those names come from the practice
# file at start, as one group per practitioner.
_practice = practitioners()
c.JupyterHub.load_groups = {f"people-of-{p}": {"users": sorted(people)} for p, people in _practice.items()}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self"]},
    *({"name": f"practitioner-{p}", "description": f"{p}: their own server and the names of their people",
       "scopes": ["self", f"list:users!group=people-of-{p}", f"read:users:name!group=people-of-{p}"],
       "users": [p]} for p in _practice),
]

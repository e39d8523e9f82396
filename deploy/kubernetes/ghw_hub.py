"""ghw on Zero to JupyterHub: what each person's pod mounts, and who may see whose share.

The chart runs this file inside its own hub configuration, as
``hub.extraConfig.ghw`` (the install puts it there with ``helm upgrade ...
--set-file hub.extraConfig.ghw=ghw_hub.py``); ``c`` is the hub's
configuration and ``custom.ghw`` in ``values.yaml`` holds its settings.

Every pod runs as the same user (uid 1000), so Unix modes cannot keep
people apart; what a pod mounts does. At every start of a server:

- everyone gets their own home volume (the chart's), ``ghw init`` run in it
  by an init container that mounts nothing else, and the app page;
- a person with a practitioner also mounts ``<practitioner>/<person>`` of
  the shares volume, read-write, and nothing else of it (``GHW_SHARE_DIR``);
- a practitioner mounts ``<practitioner>`` of it, read-only
  (``GHW_PRACTICE_DIR``), and lands on the practice page;
- a researcher mounts the study's pool, read-only (``GHW_STUDY_POOL``),
  and no share at all.

The folders in the shares volume are made by a second init container,
which mounts the whole volume and runs a fixed script with the two names as
arguments, never the person's code. Folder names are the hub names as
KubeSpawner's pod names write them (``kubespawner.slugs.safe_slug``).

Who supports whom is the JSON file the ``ghw-practice`` ConfigMap holds,
read at every start (``{"practitioners": {"lee": ["ann", "ben"]}}``): a
new person needs no restart of the hub, a new practitioner does (for
their role).
"""

import json
from pathlib import Path

from kubespawner.slugs import safe_slug
from z2jh import get_config

GHW = get_config("custom.ghw", None) or {}
PRACTICE_FILE = Path(GHW.get("practiceFile", "/etc/ghw/practice.json"))
SHARES_CLAIM = GHW.get("sharesClaim", "ghw-shares")
STUDY_CLAIM = GHW.get("studyClaim", "ghw-study")
STUDY = GHW.get("study") or ""
RESEARCHERS = sorted(GHW.get("researchers") or [])
HOME = get_config("singleuser.storage.homeMountPath", "/home/jovyan")
WORKSPACE = f"{HOME}/ghw"
SHARE_MOUNT, PRACTICE_MOUNT, STUDY_MOUNT, ALL_SHARES = ("/srv/ghw/share", "/srv/ghw/practice", "/srv/ghw/study",
                                                        "/srv/ghw/all-shares")
APP_PAGE = "/voila/render/notebooks/app.ipynb"
PRACTICE_PAGE = "/voila/render/notebooks/practice.ipynb"
# Authenticators that let in anyone who types a name: a practice must choose a real one (see README.md).
OPEN_DOORS = {"dummy", "jupyterhub.auth.DummyAuthenticator", "firstuseauthenticator", "tmpauthenticator",
              "firstuseauthenticator.FirstUseAuthenticator", "tmpauthenticator.TmpAuthenticator"}
# Makes <practitioner> (and <practitioner>/<person>, when a second name is given) in the shares volume, closed.
# No braces: KubeSpawner fills {name} fields in everything it is given.
FOLDERS_SCRIPT = ('set -eu; umask 077; cd "$0"; mkdir -p -- "$1"; chmod 0700 -- "$1"; '
                  'if [ "$#" -gt 1 ]; then mkdir -p -- "$1/$2"; chmod 0700 -- "$1/$2"; fi')

_chosen = str(c.JupyterHub.get("authenticator_class", ""))  # noqa: F821 (c is the hub's configuration)
if _chosen in OPEN_DOORS:
    raise SystemExit(f"ghw: the hub's authenticator is {_chosen!r}, which lets in anyone who types a name. Set "
                     "hub.config.JupyterHub.authenticator_class to your practice's own (deploy/kubernetes/README.md).")


def practitioners() -> dict[str, list[str]]:
    """Practitioner -> the people they support, from the practice file; refused plainly if it is not that shape."""
    try:
        held = json.loads(PRACTICE_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"ghw: {PRACTICE_FILE} could not be read ({exc}).") from None
    everyone = held.get("practitioners") if isinstance(held, dict) else None
    if not isinstance(everyone, dict) or not all(
            isinstance(p, str) and isinstance(people, list) and all(isinstance(n, str) for n in people)
            for p, people in everyone.items()):
        raise RuntimeError(f'ghw: {PRACTICE_FILE} must be {{"practitioners": {{"name": ["person", ...]}}}}.')
    return everyone


def _merged(existing, added: dict) -> dict:
    """KubeSpawner's volumes and mounts may be a list or a dict; as a dict, with ``added`` joined."""
    if isinstance(existing, list):
        existing = {f"{i}-{v['name']}": v for i, v in enumerate(existing)}
    return {**existing, **added}


def _init_container(spawner, name: str, command: list[str], mounts: list[dict]) -> dict:
    """A short container of the server's own image, as the same non-root user, with only ``mounts``."""
    return {
        "name": name, "image": spawner.image, "command": command, "volumeMounts": mounts,
        "securityContext": {"runAsUser": spawner.uid, "runAsNonRoot": True, "allowPrivilegeEscalation": False,
                            "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
        "resources": {"requests": {"cpu": "50m", "memory": "128Mi"}, "limits": {"memory": "512Mi"}},
    }


def prepare(spawner) -> None:
    """Before a server starts: its workspace, environment and landing page, and the one share it may see."""
    name = spawner.user.name
    everyone = practitioners()
    if name in RESEARCHERS and (name in everyone or any(name in people for people in everyone.values())):
        raise RuntimeError(f"ghw: {name} is a researcher and also in the practice file; a researcher sees the pool "
                           "only, so list them in one place.")
    mine = [p for p, people in everyone.items() if name in people]
    if len(mine) > 1:
        raise RuntimeError(f"ghw: {name} is listed under several practitioners ({', '.join(mine)}); list them "
                           "under one.")
    if mine and name in everyone:
        raise RuntimeError(f"ghw: {name} is a practitioner and also one of {mine[0]}'s people; list them once.")
    home = next(m for m in _merged(spawner.volume_mounts, {}).values() if m["mountPath"] == HOME)
    spawner.notebook_dir = WORKSPACE
    spawner.default_url = APP_PAGE
    spawner.environment = {**spawner.environment, "GHW_HOME": WORKSPACE, "GHW_JOURNAL": f"{WORKSPACE}/data/journal.csv",
                           **({"GHW_STUDY": STUDY} if STUDY else {})}
    init = [_init_container(spawner, "ghw-init", ["ghw", "init", WORKSPACE], [home])]
    volumes, mounts = {}, {}
    shares = {"name": "ghw-shares", "persistentVolumeClaim": {"claimName": SHARES_CLAIM}}
    if name in everyone or mine:
        practitioner = safe_slug(name if name in everyone else mine[0])
        folders = [practitioner] if name in everyone else [practitioner, safe_slug(name)]
        init.append(_init_container(spawner, "ghw-share-folder", ["sh", "-c", FOLDERS_SCRIPT, ALL_SHARES, *folders],
                                    [{"name": "ghw-shares", "mountPath": ALL_SHARES}]))
        volumes["ghw-shares"] = shares
    if name in everyone:
        mounts["ghw-shares"] = {"name": "ghw-shares", "mountPath": PRACTICE_MOUNT, "subPath": practitioner,
                                "readOnly": True}
        spawner.environment["GHW_PRACTICE_DIR"] = PRACTICE_MOUNT
        spawner.default_url = PRACTICE_PAGE
    elif mine:
        mounts["ghw-shares"] = {"name": "ghw-shares", "mountPath": SHARE_MOUNT, "subPath": "/".join(folders)}
        spawner.environment["GHW_SHARE_DIR"] = SHARE_MOUNT
    elif name in RESEARCHERS:
        volumes["ghw-study"] = {"name": "ghw-study", "persistentVolumeClaim": {"claimName": STUDY_CLAIM}}
        mounts["ghw-study"] = {"name": "ghw-study", "mountPath": STUDY_MOUNT, "readOnly": True}
        spawner.environment["GHW_STUDY_POOL"] = f"{STUDY_MOUNT}/pool.parquet"
        spawner.default_url = "/lab"
    spawner.volumes = _merged(spawner.volumes, volumes)
    spawner.volume_mounts = _merged(spawner.volume_mounts, mounts)
    spawner.init_containers = [*spawner.init_containers, *init]


c.KubeSpawner.pre_spawn_hook = prepare  # noqa: F821

# Roles, as on one machine: everyone has their own server and nothing else (JupyterHub's sharing of whole
# servers is given to nobody); a practitioner may also list the names of their own people, and nothing of theirs.
_everyone = practitioners()
c.JupyterHub.load_groups = {f"people-of-{p}": {"users": sorted(people)} for p, people in _everyone.items()}  # noqa: F821
c.JupyterHub.load_roles = [  # noqa: F821
    *c.JupyterHub.load_roles,  # noqa: F821 (the chart's own, such as the idle culler's)
    {"name": "user", "scopes": ["self"]},
    *({"name": f"practitioner-{p}", "description": f"{p}: their own server and the names of their people",
       "scopes": ["self", f"list:users!group=people-of-{p}", f"read:users:name!group=people-of-{p}"], "users": [p]}
      for p in _everyone),
]

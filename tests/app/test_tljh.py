"""The Littlest JupyterHub's setup steps (python -m ghw.tljh), run for real under a folder standing for /."""

import json
import stat
import subprocess
import sys

import pytest

from ghw import paths, tljh
from ghw.errors import GhwError

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def machine(tmp_path):
    """A folder laid out as TLJH leaves a machine: its configuration folder, nothing of ghw's yet."""
    (tmp_path / "opt/tljh/config/jupyterhub_config.d").mkdir(parents=True)
    return tmp_path


def test_setup_puts_the_shipped_configuration_and_folders_in_place(machine):
    assert paths.HUB_CONFIG == ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    said = tljh.setup(machine)
    config = machine / "opt/tljh/config/jupyterhub_config.d/ghw.py"
    assert config.read_bytes() == paths.HUB_CONFIG.read_bytes() and stat.S_IMODE(config.stat().st_mode) == 0o644
    practice = machine / "etc/ghw/practice.json"
    assert json.loads(practice.read_text()) == {"practitioners": {}}
    shared = machine / "srv/ghw/shared"
    assert stat.S_IMODE(shared.stat().st_mode) == 0o711
    assert said[-1].endswith("tljh-config set services.cull.timeout 1800; tljh-config set limits.memory 1G; "
                             "tljh-config reload") and "is not there, so these are yours to run" in said[-1]
    # Again: nothing of the practice's is replaced, and an older configuration is brought up to date.
    practice.write_text(json.dumps({"practitioners": {"lee": ["ann"]}}))
    config.write_text("# an older version\n")
    said = tljh.setup(machine)
    assert json.loads(practice.read_text()) == {"practitioners": {"lee": ["ann"]}}
    assert config.read_bytes() == paths.HUB_CONFIG.read_bytes() and f"{config}: replaced" in said
    assert f"{config}: already this version's" in tljh.setup(machine)
    assert sorted(p.name for p in config.parent.iterdir()) == ["ghw.py"]


def test_setup_runs_tljh_config_when_it_is_there(machine):
    tool = machine / "opt/tljh/hub/bin/tljh-config"
    tool.parent.mkdir(parents=True)
    calls = machine / "calls.txt"
    tool.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')  # TLJH's own tool needs a TLJH machine; this one notes
    tool.chmod(0o755)
    said = tljh.setup(machine)
    assert calls.read_text().splitlines() == ["set services.cull.timeout 1800", "set limits.memory 1G", "reload"]
    assert said[-1] == "tljh-config reload"
    tool.write_text("#!/bin/sh\necho 'no such key' >&2\nexit 1\n")
    with pytest.raises(GhwError, match="failed: no such key"):
        tljh.setup(machine)


def test_setup_refuses_what_is_not_a_tljh_machine(tmp_path, machine):
    with pytest.raises(GhwError, match="is The Littlest JupyterHub installed here"):
        tljh.setup(tmp_path / "empty")
    (machine / "srv/ghw").mkdir(parents=True)
    (machine / "srv/ghw/shared").symlink_to(tmp_path)
    with pytest.raises(GhwError, match="is not a plain folder"):
        tljh.setup(machine)
    done = subprocess.run([sys.executable, "-m", "ghw.tljh", "--root", str(tmp_path / "empty")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.startswith("ghw: There is no ") and "Traceback" not in done.stderr


def test_setup_on_the_command_line(machine):
    done = subprocess.run([sys.executable, "-m", "ghw.tljh", "--root", str(machine)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith("jupyterhub_config.d/ghw.py: added") and "Done." in done.stdout

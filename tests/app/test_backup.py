"""deploy/kubernetes/ghw_backup.py on real folders: archive, retention, and a restore that loses nothing."""

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ghw import journal, sample

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes" / "ghw_backup.py"
sys.path.insert(0, str(SCRIPT.parent))
import ghw_backup  # noqa: E402


def _tree(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None, stat.S_IMODE(p.stat().st_mode))
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def practice(tmp_path):
    """A home with a journal and a shared root with one person's share, modes as the hub sets them."""
    home = tmp_path / "live" / "home"
    workspace = home / "jupyter-ann" / "ghw" / "data"
    workspace.mkdir(parents=True)
    journal.create(workspace / "journal.csv", sample.generate(30, seed=1, end="2026-11-30"))
    (home / "jupyter-ann").chmod(0o700)
    share = tmp_path / "live" / "shared" / "lee" / "ann"
    share.mkdir(parents=True)
    (share / "summary.json").write_text('{"period": "2026-11"}')
    (share / "summary.json").chmod(0o640)
    share.chmod(0o2750)
    return home, share.parent.parent


def test_backup_and_restore_give_back_every_file_and_mode(tmp_path, practice):
    home, shared = practice
    archive = ghw_backup.backup([home, shared], tmp_path / "backups")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600 and archive.name.startswith("ghw-")
    before = {"home": _tree(home), "shared": _tree(shared)}
    (home / "jupyter-ann" / "ghw" / "data" / "journal.csv").write_text("lost\n")  # the day something goes wrong
    ghw_backup.restore(archive, tmp_path / "restored")
    assert {"home": _tree(tmp_path / "restored" / "home"), "shared": _tree(tmp_path / "restored" / "shared")} == before
    assert len(journal.load(tmp_path / "restored" / "home" / "jupyter-ann" / "ghw" / "data" / "journal.csv")) > 0
    # One person's share alone; never into a folder that holds something.
    names = ghw_backup.restore(archive, tmp_path / "one", only="shared/lee/ann")
    assert sorted(names) == ["shared/lee/ann", "shared/lee/ann/summary.json"]
    with pytest.raises(SystemExit, match="is not empty"):
        ghw_backup.restore(archive, tmp_path / "one")
    with pytest.raises(SystemExit, match="holds nothing under"):
        ghw_backup.restore(archive, tmp_path / "none", only="shared/kim")


def test_retention_keeps_the_newest_of_each_day_and_week(tmp_path, practice):
    home, _ = practice
    start = dt.datetime(2026, 9, 1, 3, 15, tzinfo=dt.UTC)
    for hours in range(0, 24 * 90, 12):  # twice a day for 90 days
        ghw_backup.backup([home], tmp_path / "b", daily=7, weekly=8, now=start + dt.timedelta(hours=hours))
    kept = [when for when, _ in ghw_backup.archives(tmp_path / "b")]
    last = start + dt.timedelta(hours=24 * 90 - 12)
    days = {w.date() for w in kept if w > last - dt.timedelta(days=7)}
    assert len(days) == 7 and all(w.hour == 15 for w in kept if w.date() in days)  # the later of each day
    assert len({w.isocalendar()[:2] for w in kept}) == 8 and len(kept) <= 7 + 8
    assert not list((tmp_path / "b").glob(".*.part"))


def test_a_hostile_archive_cannot_write_outside(tmp_path):
    import io
    import tarfile

    bad = tmp_path / "ghw-20261201T000000Z.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        data = b"x"
        member = tarfile.TarInfo("../escaped")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    with pytest.raises(tarfile.TarError):
        ghw_backup.restore(bad, tmp_path / "into")
    assert not (tmp_path / "escaped").exists()


def test_backup_on_the_command_line(tmp_path, practice):
    home, shared = practice
    run = [sys.executable, str(SCRIPT)]
    done = subprocess.run([*run, "backup", "--to", tmp_path / "b", home, shared], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("Wrote "), done.stderr
    listed = subprocess.run([*run, "list", tmp_path / "b"], capture_output=True, text=True).stdout
    assert "UTC" in listed and "ghw-" in listed
    archive = next((tmp_path / "b").glob("ghw-*.tar.gz"))
    done = subprocess.run([*run, "restore", archive, "--into", tmp_path / "r", "--only", "home"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and (tmp_path / "r" / "home" / "jupyter-ann").is_dir()
    assert not (tmp_path / "r" / "shared").exists() and os.listdir(tmp_path / "r") == ["home"]

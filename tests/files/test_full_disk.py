"""A disk that fills up during any rewrite: the files are changed whole or not at all, and no cut-off backup is kept.

The real thing where it can be had: a small tmpfs mounted for the test (as
root, as in CI), filled to leave exactly so many pages free, and every
rewrite tried at every amount of free space from none to enough. Without the
right to mount, a per-process file size limit (``RLIMIT_FSIZE``, which makes
a write past it fail with EFBIG) gives a full disk for one case anywhere.
"""

import datetime as dt
import os
import resource
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import ghw
from ghw import experiment, journal, plan, sample, storage
from ghw.people.file import load_people, people_path, private_names, set_private, set_rhythm
from ghw.people.rename import rename
from helpers import ghw_command, write

PAGE = resource.getpagesize()
TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a 1 MiB tmpfs of its own, unmounted afterwards; skipped where mounting is not allowed."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _free(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def _fill(folder: Path, pages: int) -> None:
    """Leave exactly ``pages`` pages free in ``folder``'s file system."""
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        handle.truncate(0)
    spare = _free(folder) - pages * PAGE
    with open(filler, "r+b") as handle:
        while spare > 0:
            try:
                spare -= handle.write(b"\0" * min(spare, 1 << 16))
                handle.flush()
            except OSError:
                break
    assert _free(folder) == pages * PAGE, (_free(folder), pages * PAGE)


def _setup(folder: Path) -> Path:
    """A journal with people, a plan, an experiment and one backup, as a person has after a few weeks."""
    path = folder / "journal.csv"
    entries = sample.generate(40, seed=3, end="2026-11-01")
    entries.loc[entries["person"] == entries["person"].dropna().iloc[0], "person"] = "Ana"
    journal.create(path, entries)
    os.chmod(path, 0o600)
    ghw.edit(path, ghw.load(path)["id"].iat[0], {"note": "first edit"})
    set_private(people_path(path), "Ana")
    set_rhythm(people_path(path), "friend", "every week", kind=True)
    for what in ("Call Ana", "A walk with a neighbour"):
        plan.add(plan.plan_path(path), {"month": "2026-11", "what": what})
    experiment.new(experiment.experiments_path(path), {"act": "Call a friend", "start": TODAY.isoformat()},
                   today=TODAY)
    return path


def _first_id(path: Path) -> str:
    return ghw.load(path)["id"].iat[1]


REWRITES = {
    "edit": lambda p: ghw.edit(p, _first_id(p), {"note": "changed " * 40}),
    "delete": lambda p: ghw.delete(p, _first_id(p)),
    "rename": lambda p: rename(p, "Ana", "Ana María"),
    "merge": lambda p: rename(p, "Ana", ghw.load(p)["person"].dropna().loc[lambda s: s != "Ana"].iat[0],
                                     merge=True),
    "restore": lambda p: journal.restore(p, storage.backups(p)[-1]),
    "private": lambda p: set_private(people_path(p), "Ana", False),
    "rhythm": lambda p: set_rhythm(people_path(p), "Ana", "every 2 weeks"),
    "plan remove": lambda p: plan.remove(plan.plan_path(p), plan.load_plan(plan.plan_path(p))["id"].iat[0]),
    "experiment stop": lambda p: experiment.stop(experiment.experiments_path(p),
                                                 experiment.load(experiment.experiments_path(p))["id"].iat[0],
                                                 today=TODAY + dt.timedelta(days=3)),
}


def _files(path: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (path, people_path(path), plan.plan_path(path),
                                        experiment.experiments_path(path))}


@pytest.mark.parametrize("action", REWRITES)
def test_every_rewrite_on_a_filling_disk_is_whole_or_nothing(small_disk, action):
    done = None
    for pages in range(0, 64):
        folder = small_disk / uuid.uuid4().hex[:8]
        folder.mkdir()
        path = _setup(folder)
        before = _files(path)
        versions = {p: {b for b in [data, *(x.read_bytes() for x in storage.backups(p))]} for p, data in before.items()}
        _fill(small_disk, pages)
        try:
            REWRITES[action](path)
        except ghw.GhwError as exc:
            assert "Traceback" not in str(exc)
            after = _files(path)
            home = people_path(path)
            if action in ("rename", "merge") and after[home] != before[home]:
                # The people file learns the new name first: the private mark is then on both names.
                after.pop(home), before.pop(home)
                settings = load_people(home)
                assert private_names(settings, ghw.load(path)["person"].dropna()) >= {"Ana"}
            assert after == before, f"{action} with {pages} pages free changed a file and failed"
        else:
            done = pages
        (small_disk / "filler").unlink()
        for file in before:
            for backup in storage.backups(file):
                # Every backup is a whole earlier version of its file, with the file's permissions. A rename
                # changes the people file twice: the version between the two is whole, and reads as one.
                kept = backup.read_bytes()
                between = action in ("rename", "merge") and file.name == "people.csv" and kept.endswith(b"\n")
                assert kept in versions[file] or (between and len(load_people(backup))), \
                    f"{backup} with {pages} pages free is cut off"
                assert stat.S_IMODE(backup.stat().st_mode) == stat.S_IMODE(file.stat().st_mode)
            kept = storage.backups(file)
            assert not kept or not [p for p in kept[0].parent.iterdir() if p.name.endswith(".tmp")]
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        if done is not None:
            break
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    assert done is not None, f"{action} never succeeded, even with 64 pages free"
    assert done > 0


RENAME_ON_A_FULL_DISK = """
import resource, signal, sys
from ghw.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails, as on a full disk
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(["people", "rename", sys.argv[3], "Al", "--journal", sys.argv[1]]))
"""


def test_a_rename_on_a_full_disk_keeps_no_cut_off_backup_and_restore_refuses_one(journal_path):
    """The journal shrinks when a long name becomes a short one: the new file fits, its backup does not."""
    long = "Alexandra Konstantinopoulou-Vasilakopoulou"
    rows = "".join(f"e{i},2026-10-{1 + i % 28:02d},,5,{long},friend,,,,,,,\n" for i in range(300))
    write(journal_path, ",".join(journal.schema.COLUMNS) + "\n" + rows)
    os.chmod(journal_path, 0o600)
    before = journal_path.read_bytes()
    limit = len(before) // 2
    assert len(before.replace(long.encode(), b"Al")) < limit
    result = subprocess.run([sys.executable, "-c", RENAME_ON_A_FULL_DISK, str(journal_path), str(limit), long],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "Could not keep a backup" in result.stderr and "not changed" in result.stderr
    assert journal_path.read_bytes() == before
    assert storage.backups(journal_path) == []
    # A cut-off backup an older ghw left is listed as such and never put back.
    folder = journal_path.parent / "backups" / journal_path.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "20261101-120000-000000.csv").write_bytes(before[:8192])
    listing = ghw_command("restore", "--journal", journal_path)
    assert "cannot be put back: it ends part way through a line" in listing.stdout
    refused = ghw_command("restore", "1", "--journal", journal_path)
    assert refused.returncode == 2 and "was not put back" in refused.stderr and "cut off" in refused.stderr
    assert journal_path.read_bytes() == before
    (folder / "20261101-120000-000001.csv").write_bytes(b"")
    assert "it is empty" in ghw_command("restore", "1", "--journal", journal_path).stderr
    (folder / "20261101-120000-000002.csv").write_bytes(b"date;mood\n2026-11-01;5\n")
    assert "does not read as a journal" in ghw_command("restore", "1", "--journal", journal_path).stderr
    assert journal_path.read_bytes() == before


def test_a_backup_has_the_permissions_of_its_file(journal_path):
    ghw.append(journal_path, {"id": "a", "date": "2026-11-01", "mood": 5})
    for mode in (0o600, 0o640):
        os.chmod(journal_path, mode)
        ghw.edit(journal_path, "a", {"mood": 6})
        assert stat.S_IMODE(storage.backups(journal_path)[-1].stat().st_mode) == mode
    assert stat.S_IMODE(storage.backups(journal_path)[-1].parent.stat().st_mode) == 0o700

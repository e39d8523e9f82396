"""Nothing is lost when things go wrong: a full disk, a read-only folder, edits made elsewhere, backups."""

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import ghw
from ghw import exports, findings, journal, sample, schema, storage, summary
from ghw.widgets import LogForm
from helpers import kill_after

LIMITED = """
import resource, signal, sys
import ghw
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails like a full disk
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    if sys.argv[3] == "append":
        ghw.append(sys.argv[1], {"date": "2026-11-01", "mood": 5, "note": "x" * 5000})
    else:
        ghw.edit(sys.argv[1], "e0", {"note": "y" * 5000})
except ghw.GhwError as exc:
    print(exc)
"""


@pytest.fixture
def filled(journal_path):
    rows = [{c: "" for c in schema.COLUMNS} | {"id": f"e{i}", "date": "2026-11-01", "mood": "5"} for i in range(200)]
    journal.create(journal_path, pd.DataFrame(rows))
    return journal_path


@pytest.mark.parametrize("action", ["append", "edit"])
def test_a_full_disk_changes_nothing(filled, action):
    before = filled.read_bytes()
    limit = len(before) + 100 if action == "append" else len(before) - 100
    result = subprocess.run([sys.executable, "-c", LIMITED, str(filled), str(limit), action],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Could not save" in result.stdout and "was not changed" in result.stdout
    assert filled.read_bytes() == before
    assert not [p for p in filled.parent.iterdir() if p.name.endswith(".tmp")]


READ_ONLY = """
import sys, ghw
for attempt in (lambda: ghw.append(sys.argv[1], {"date": "2026-11-01", "mood": 5}),
                lambda: ghw.edit(sys.argv[1], "e0", {"mood": 1})):
    try:
        attempt()
        print("saved?!")
    except ghw.GhwError as exc:
        print(exc)
"""


def _make_read_only(folder: Path, path: Path) -> list[str]:
    """Make folder and file unwritable, even for root (who ignores permissions); return the undo command."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        folder.chmod(0o555)
        return ["chmod", "755", str(folder)]
    if subprocess.run(["chattr", "+i", str(path), str(folder)], capture_output=True).returncode:
        pytest.skip("chattr is not available to make a folder read-only for root")
    return ["chattr", "-i", str(path), str(folder)]


def test_a_read_only_folder_says_so_and_changes_nothing(filled):
    folder = Path(tempfile.mkdtemp(dir=filled.parent))
    path = folder / "journal.csv"
    shutil.copy(filled, path)
    undo = _make_read_only(folder, path)
    try:
        result = subprocess.run([sys.executable, "-c", READ_ONLY, str(path)], capture_output=True, text=True,
                                timeout=60)
        lines = result.stdout.strip().splitlines()
        assert len(lines) == 2 and all("Nothing was saved" in line for line in lines), result.stdout + result.stderr
        assert all("Could not write in" in line for line in lines)
        assert path.read_bytes() == filled.read_bytes()
    finally:
        subprocess.run(undo, check=True)


DELETER = """
import sys, ghw
while True:
    saved = ghw.append(sys.argv[1], {"date": "2026-11-02", "mood": 3, "note": "z" * 3000})
    ghw.delete(sys.argv[1], saved["id"])
"""


def test_a_writer_killed_mid_delete_leaves_every_entry(filled):
    for delay in (0.3, 0.6, 0.9):
        kill_after(DELETER, filled, delay)
        entries = ghw.load(filled)
        # Every entry is there; a run killed between its append and its delete leaves its own entry too.
        assert {f"e{i}" for i in range(200)} <= set(entries["id"]) and len(entries) <= 203


def test_edits_made_in_a_spreadsheet_meanwhile_are_kept(filled):
    form = LogForm()
    # Meanwhile the user opens the journal in a spreadsheet, fixes a mood and adds a row, and saves.
    frame = pd.read_csv(filled, dtype="str", na_filter=False)
    frame.loc[frame["id"] == "e5", "mood"] = "9"
    frame = pd.concat([frame, frame.iloc[[0]].assign(id="typed-by-hand", mood="2")])
    frame.to_csv(filled, index=False)
    form.start_edit("e1")
    form.mood.value = 7
    assert form.save()
    entries = ghw.load(filled).set_index("id")
    assert entries.loc["e5", "mood"] == 9 and entries.loc["typed-by-hand", "mood"] == 2 and entries.loc["e1", "mood"] == 7
    # An entry deleted in the spreadsheet cannot be deleted again; the form says so.
    frame.loc[frame["id"] != "e3"].to_csv(filled, index=False)
    form.delete("e3")
    assert "No entry has the id 'e3'" in html.unescape(form.status.value)


def test_restore_a_backup(filled):
    original = filled.read_bytes()
    ghw.edit(filled, "e0", {"mood": 1})
    ghw.edit(filled, "e0", {"mood": 2})
    listing = subprocess.run([sys.executable, "-m", "ghw", "restore"], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and re.search(r" 2\. \d{8}-\d{6}-\d{6}\.csv", listing.stdout)
    put_back = subprocess.run([sys.executable, "-m", "ghw", "restore", "2"], capture_output=True, text=True, timeout=60)
    assert put_back.returncode == 0 and "Put back" in put_back.stdout
    assert filled.read_bytes() == original
    assert len(storage.backups(filled)) == 3  # the restored-over version was kept too
    wrong = subprocess.run([sys.executable, "-m", "ghw", "restore", "9"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "There is no backup '9'" in wrong.stderr


def test_no_network_anywhere(journal_path, tmp_path, monkeypatch):
    """Load, every analysis and every export run with sockets forbidden."""
    journal.create(journal_path, sample.generate(120, seed=5, end="2026-10-31"))
    opened = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            raise AssertionError("ghw tried to open a network socket")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", NoSocket)
    entries = ghw.load(journal_path)
    findings.compute(entries)
    result = summary.summary(entries, "2026-10", notes=True, names=False, key=b"k" * 16)
    for fmt, export in exports.EXPORTS.items():
        if fmt != "ics":  # no intentions in this journal: the calendar file says so (tested with the exports)
            export.to(result, tmp_path / f"r.{fmt}")
    assert opened == []


def test_export_names_cannot_leave_the_exports_folder(journal_path):
    for period in ("../../etc/passwd", "2026-10/../../x", "/tmp/x"):
        with pytest.raises(ghw.GhwError):
            summary.period_range(period)

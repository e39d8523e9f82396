"""Never lose: what a spreadsheet, an interrupted install or a hostile command line leaves behind is read right,
written right, or refused in words, never with a traceback."""

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import ghw
from ghw import checkins, experiment, journal, plan, storage
from ghw.people.rename import rename, undo_rename
from helpers import HEADER, ghw_command, write

ROOT = Path(__file__).resolve().parents[2]


def ghw_cli(*args):
    result = ghw_command(*args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- an interrupted ghw init --------------------------------------------------------------

@pytest.fixture
def site(tmp_path):
    """The package in a folder that is not a clone (as site-packages is), with a journal an earlier install left."""
    folder = tmp_path / "site"
    shutil.copytree(ROOT / "ghw", folder / "ghw", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks", folder / "ghw" / "_resources" / "notebooks")
    (folder / "data").mkdir()
    rows = "".join(f"e{i},2026-10-{1 + i % 28:02d},12:00,{i % 11},,,,,,,,,a note long enough to matter {i}\n"
                   for i in range(4000))
    write(folder / "data" / "journal.csv", HEADER + "\n" + rows)
    return folder


INIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails, as on a full disk
if sys.argv[1] != "none":
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from ghw.cli import main
sys.exit(main(["init"]))
"""


def _init(site, tmp_path, limit):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHW_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), PYTHONPATH=str(site), GHW_HOME=str(tmp_path / "ws"))
    return subprocess.run([sys.executable, "-c", INIT, str(limit)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("limit", [0, 1024, 100_000])
def test_an_interrupted_init_never_leaves_a_cut_off_journal_or_notebook(site, tmp_path, limit):
    """0 bytes: every file fails at once; 1 KiB: notebooks are cut; 100 kB: the notebooks fit, the journal does not."""
    earlier = (site / "data" / "journal.csv").read_bytes()
    assert len(earlier) > 100_000
    interrupted = _init(site, tmp_path, limit)
    assert interrupted.returncode == 2 and "Traceback" not in interrupted.stderr, interrupted.stderr
    workspace = tmp_path / "ws"
    for path in workspace.rglob("*"):
        if path.is_file():
            assert not path.name.endswith(".tmp"), path
            shipped = ROOT / "notebooks" / path.name if path.suffix == ".ipynb" else site / "data" / path.name
            assert path.read_bytes() == shipped.read_bytes(), f"{path} is cut off"
    again = _init(site, tmp_path, "none")
    assert again.returncode == 0, again.stderr
    assert (workspace / "data" / "journal.csv").read_bytes() == earlier
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert (workspace / "notebooks" / notebook.name).read_bytes() == notebook.read_bytes()
    assert "kept your" not in again.stdout


def test_init_completes_a_cut_off_copy_an_older_version_left_and_keeps_the_users_own(site, tmp_path):
    earlier = (site / "data" / "journal.csv").read_bytes()
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    data, pages = tmp_path / "ws" / "data", tmp_path / "ws" / "notebooks"
    data.mkdir(parents=True)
    pages.mkdir()
    (data / "journal.csv").write_bytes(earlier[:8192])  # an older ghw's copy, cut off mid-line
    (pages / notebooks[0].name).write_bytes(b"")  # and a 0-byte notebook
    mine = json.loads(notebooks[1].read_text(encoding="utf-8"))
    mine["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": ["My own note"]})
    own = json.dumps(mine).encode("utf-8")
    (pages / notebooks[1].name).write_bytes(own)  # the user's own edit of another (a cell of their own)
    done = _init(site, tmp_path, "none")
    assert done.returncode == 0, done.stderr
    assert (data / "journal.csv").read_bytes() == earlier
    assert (pages / notebooks[0].name).read_bytes() == notebooks[0].read_bytes()
    assert (pages / notebooks[1].name).read_bytes() == own and f"kept your notebooks/{notebooks[1].name}" in done.stdout


# -- a header written with spaces after the commas ------------------------------------------

def test_a_header_with_spaces_after_the_commas_is_read_and_appended_to_alike(journal_path):
    write(journal_path, HEADER.replace(",", ", ") + "\n" + "a, 2026-11-01, 09:00, 5, Jo, friend, , , , , , , \n")
    assert ghw_cli("doctor").returncode == 0
    saved = ghw_cli("log", "--mood", "6", "--person", "Sam", "--relationship", "friend", "--note", "hi, there",
                    "--date", "2026-11-02", "--time", "10:00")
    assert saved.returncode == 0, saved.stderr
    [last] = csv.reader(journal_path.read_text().splitlines()[-1:])
    assert len(last) == len(journal.schema.COLUMNS)
    entries = ghw.load(journal_path)
    assert entries["person"].tolist() == ["Jo", "Sam"] and entries["note"].iat[1] == "hi, there"
    ghw.append(journal_path, {"id": "given", "date": "2026-11-03", "mood": 7})  # the check for a used id too
    for command in (("doctor",), ("people",), ("summary", "--month", "2026-11"), ("reflect",)):
        assert ghw_cli(*command).returncode == 0, command


# -- a row copied in a spreadsheet, id and all -----------------------------------------------

def test_a_rename_changes_only_the_rows_of_that_person_when_an_id_is_copied(journal_path):
    write(journal_path, HEADER + "\nx1,2026-11-01,,5,Sam,friend,,,,,,,\nx1,2026-11-02,,6,Bob,friend,,,,,,,\n"
          "x2,2026-11-03,,7,Sam,friend,,,,,,,\n")
    done = ghw_cli("people", "rename", "Sam", "Samuel")
    assert done.returncode == 0 and "Renamed 2 entries" in done.stdout
    lines = journal_path.read_text().splitlines()[1:]
    assert [line.split(",")[4] for line in lines] == ["Samuel", "Bob", "Samuel"]
    renamed = rename(journal_path, "Samuel", "Sam")
    assert undo_rename(journal_path, renamed) == 2
    assert [line.split(",")[4] for line in journal_path.read_text().splitlines()[1:]] == ["Samuel", "Bob", "Samuel"]


def test_an_undo_finds_entries_that_moved_up(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,Leo,friend,,,,,,,\nb,2026-11-02,,6,Sam,friend,,,,,,,\n"
          "c,2026-11-03,,7,Sam,friend,,,,,,,\n")
    renamed = rename(journal_path, "Sam", "Samuel")
    ghw.delete(journal_path, "a")  # every entry below moves up one row
    ghw.append(journal_path, {"id": "d", "date": "2026-11-04", "mood": 7, "person": "Samuel", "relationship": "friend"})
    assert undo_rename(journal_path, renamed) == 2  # found by their ids, which are used once
    assert [line.split(",")[4] for line in journal_path.read_text().splitlines()[1:]] == ["Sam", "Sam", "Samuel"]


# -- side files with their columns in another order --------------------------------------------

def test_side_files_with_columns_in_another_order_get_new_rows_in_the_right_columns(journal_path, tmp_path):
    folder = journal_path.parent
    write(folder / "checkins.csv", "date,answer,item,instrument,checkin,mine\n")
    write(folder / "experiments.csv", "schedule,seed,id,created,start,end,act,person,relationship,outcome,design,"
                                      "per_week,block_days,stopped,mine\n")
    write(folder / "plan.csv", " times , what , month , id , person , relationship , mine \n")
    saved = ghw_cli("checkin", "who5", "--answers", "3,4,2,5,1", "--date", "2026-11-01")
    assert saved.returncode == 0, saved.stderr
    table = checkins.load_checkins(folder / "checkins.csv")
    assert table["answer"].tolist() == [3, 4, 2, 5, 1] and set(table["instrument"]) == {"who5"}
    today = dt.date.today()
    started = ghw_cli("experiment", "new", "--act", "Call Jo", "--person", "Jo")
    assert started.returncode == 0, started.stderr
    [row] = experiment.load(folder / "experiments.csv").to_dict("records")
    assert row["act"] == "Call Jo" and row["person"] == "Jo" and row["start"].date() == today
    plan.add(folder / "plan.csv", {"month": "2026-11", "what": "Walk with Jo", "person": "Jo", "times": 2})
    plan.add(folder / "plan.csv", {"month": "2026-11", "what": "Call Mum"})
    intentions = plan.load_plan(folder / "plan.csv")
    assert intentions[["month", "what", "times"]].astype(object).values.tolist() == [
        ["2026-11", "Walk with Jo", 2], ["2026-11", "Call Mum", 1]]
    assert intentions["person"].iat[0] == "Jo" and pd.isna(intentions["person"].iat[1])
    write(folder / "plan.csv", (folder / "plan.csv").read_text().rstrip("\n") + "mine too\n")  # the user's column
    plan.remove(folder / "plan.csv", intentions["id"].iat[0])
    text = (folder / "plan.csv").read_text()
    assert text.splitlines()[0] == "times,what,month,id,person,relationship,mine" and "mine too" in text
    assert plan.load_plan(folder / "plan.csv")["what"].tolist() == ["Call Mum"]
    ghw.append(journal_path, {"date": "2026-11-01", "mood": 5})
    for command in (("summary", "--month", "2026-11"), ("reflect",), ("experiment", "status")):
        assert ghw_cli(*command).returncode == 0, command


def test_a_plan_with_a_copied_id_is_not_changed_by_guessing(journal_path):
    path = plan.plan_path(journal_path)
    write(path, "id,month,what,person,relationship,times\nab,2026-11,Call Jo,,,1\nab,2026-11,Call Sam,,,1\n")
    before = path.read_bytes()
    with pytest.raises(ghw.GhwError, match="is on lines 2 and 3"):
        plan.remove(path, "ab")
    assert path.read_bytes() == before


def test_experiment_stop_with_spaces_around_the_id_really_stops(journal_path):
    path = experiment.experiments_path(journal_path)
    saved = experiment.new(path, {"act": "Call Jo"})
    write(path, path.read_text().replace(f"\n{saved['id']},", f"\n  {saved['id']} ,"))
    for given in (saved["id"], f" {saved['id']} "):
        done = ghw_cli("experiment", "stop", given)
        assert done.returncode in (0, 2)
    assert experiment.load(path)["stopped"].notna().all()
    again = ghw_cli("experiment", "stop", saved["id"])
    assert again.returncode == 2 and "already stopped" in again.stderr
    missing = ghw_cli("experiment", "stop", "nope")
    assert missing.returncode == 2 and "No experiment has the id" in missing.stderr


# -- appends: the end of the file is checked once per change from elsewhere -------------------

def test_an_open_quote_left_by_another_program_after_an_append_is_still_caught(journal_path):
    ghw.append(journal_path, {"date": "2026-11-01", "mood": 5, "note": "first"})
    ghw.append(journal_path, {"date": "2026-11-02", "mood": 5, "note": "second"})
    with open(journal_path, "a", encoding="utf-8") as handle:  # another program appends a broken line
        handle.write('x,2026-11-03,,5,,,,,,,,,"never closed\n')
    with pytest.raises(ghw.GhwError, match="line 4: a double quote opens a field"):
        ghw.append(journal_path, {"date": "2026-11-04", "mood": 5})
    # The same change made in place, keeping the size and the time of the last change, is caught too.
    write(journal_path, HEADER + "\n")
    ghw.append(journal_path, {"id": "aaaa", "date": "2026-11-01", "mood": 5, "note": "plain words here"})
    info = journal_path.stat()
    data = journal_path.read_bytes().replace(b",plain words here", b',"lain words here')
    with open(journal_path, "r+b") as handle:
        handle.write(data)
    os.utime(journal_path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert journal_path.stat().st_size == info.st_size
    with pytest.raises(ghw.GhwError, match="line 2: a double quote opens a field"):
        ghw.append(journal_path, {"date": "2026-11-04", "mood": 5})


def test_the_check_is_skipped_only_while_the_journal_is_as_ghw_left_it(journal_path):
    write(journal_path, HEADER + "\n" + "".join(f"e{i},2026-11-01,,5,,,,,,,,,words\n" for i in range(50_000)))
    lock = Path(f"{journal_path}.lock")
    ghw.append(journal_path, {"date": "2026-11-02", "mood": 5})
    noted = lock.read_bytes()
    assert noted.startswith(b"ghw-end ") and str(journal_path.stat().st_size).encode() in noted
    with open(journal_path, "ab") as handle:
        handle.write(b"f,2026-11-03,,5,,,,,,,,,more\n")
    with open(journal_path, "rb") as handle:
        assert not storage._ends_cleanly(journal_path, handle.fileno())
    lock.write_bytes(b"nonsense")  # a damaged note only means the end is read again
    ghw.append(journal_path, {"date": "2026-11-04", "mood": 5})
    assert len(ghw.load(journal_path)) == 50_003


# -- no tracebacks ------------------------------------------------------------------------------

NOT_UTF8 = "caf\udce9"  # how Python keeps the byte 0xE9 of a Latin-1 terminal in a command's arguments


@pytest.mark.parametrize("args", [
    ("log", "--mood", "5", "--note", NOT_UTF8),
    ("log", "--mood", "5", "--person", NOT_UTF8, "--relationship", "friend"),
    ("log", "--mood", "5", "--person", "Jo", "--relationship", "friend", "--activity", NOT_UTF8),
    ("experiment", "new", "--act", NOT_UTF8),
    ("experiment", "new", "--act", "Call", "--person", NOT_UTF8),
    ("people", "rename", "Jo", NOT_UTF8),
    ("people", "rename", NOT_UTF8, "Jo"),
    ("people", "rhythm", "Jo", "every", NOT_UTF8),
], ids=["note", "person", "activity", "act", "experiment-person", "rename-new", "rename-old", "rhythm"])
def test_text_that_is_not_utf8_is_refused_in_words(journal_path, args):
    ghw.append(journal_path, {"date": "2026-11-01", "mood": 5, "person": "Jo", "relationship": "friend"})
    before = {p: p.read_bytes() for p in journal_path.parent.iterdir() if p.is_file()}
    result = ghw_cli(*args)
    assert result.returncode == 2 and "not UTF-8 text" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in journal_path.parent.iterdir() if p.is_file()} == before


def test_bytes_that_are_not_utf8_on_a_real_command_line(journal_path):
    result = subprocess.run([sys.executable, "-m", "ghw", "log", "--mood", "5", "--note", b"caf\xe9"],
                            capture_output=True, timeout=60)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"--note" in result.stderr and b"not UTF-8 text" in result.stderr and not journal_path.exists()
    odd = journal_path.parent / "caf\udce9.csv"  # a file name may be any bytes: it is used as it is
    result = subprocess.run([sys.executable, "-m", "ghw", "log", "--mood", "5", "--journal", os.fsencode(odd)],
                            capture_output=True, timeout=60)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert len(ghw.load(odd)) == 1


def test_the_last_days_a_date_can_hold(journal_path):
    write(journal_path, HEADER + "\n" + "".join(f"e{d},9999-12-{d},,5,Sam,friend,,,,,,,\n" for d in (20, 24, 28, 31)))
    ghw_cli("people", "rhythm", "Sam", "every", "month")
    for args in (("people",), ("people", "show", "Sam"), ("doctor",), ("reflect",)):
        result = ghw_cli(*args)
        assert result.returncode == 0, (args, result.stderr)
    assert "9999-12-31" in ghw_cli("people", "show", "Sam").stdout
    late = ghw_cli("experiment", "new", "--act", "Call Sam", "--start", "9999-12-25")
    assert late.returncode == 1 and "would end after 9999-12-31" in late.stderr
    assert not experiment.experiments_path(journal_path).exists()
    assert pd.Timestamp("9999-12-31") in set(ghw.load(journal_path)["date"])


def test_an_import_never_takes_out_entries_by_an_id_two_of_them_share(journal_path):
    write(journal_path, HEADER + "\nd1,2026-11-01,,5,,,,,,,,,from Daylio\nd1,2026-11-01,,6,,,,,,,,,my copy of it\n")
    before = journal_path.read_bytes()

    def choose(raw):
        return {"d1"}, raw.iloc[[0]].assign(id="d1-new", in_place_of="d1")

    with pytest.raises(ghw.GhwError, match="is on 2 entries"):
        journal.replace_entries(journal_path, choose)
    assert journal_path.read_bytes() == before

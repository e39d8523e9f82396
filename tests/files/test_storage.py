"""How ghw writes files: backups that belong to one file, symbolic links, locks, line endings, unclosed quotes."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ghw
from ghw import journal, paths, plan, schema, storage
from ghw.widgets import LogForm
from helpers import HEADER, ghw_command, kill_after, write

ROW = "e{i},2026-11-01,09:00,5,,,,,,,,,note {i}"


def ghw_cli(*args):
    result = ghw_command(*args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def journal_file(path: Path, rows: int = 3, newline: str = "\n") -> Path:
    return write(path, newline.join([HEADER, *(ROW.format(i=i) for i in range(rows))]) + newline)


# -- backups belong to one file ------------------------------------------------

def test_backups_of_journals_whose_names_share_a_prefix_stay_apart(tmp_path):
    mine, work = journal_file(tmp_path / "j.csv"), journal_file(tmp_path / "j-work.csv")
    for mood in range(storage.KEEP_BACKUPS + 1):
        ghw.edit(work, "e0", {"mood": mood % 11})
    before_my_edit = mine.read_bytes()
    ghw.edit(mine, "e0", {"mood": 9})
    assert len(storage.backups(work)) == storage.KEEP_BACKUPS  # my edit deleted none of j-work's
    listing = ghw_cli("restore", "--journal", mine)
    assert listing.returncode == 0 and re.findall(r"^\s+\d+\. ", listing.stdout, re.M) == ["   1. "], listing.stdout
    assert ghw_cli("restore", "1", "--journal", mine).returncode == 0
    assert mine.read_bytes() == before_my_edit


def test_backups_in_the_old_layout_are_adopted_and_strangers_kept(tmp_path):
    mine = journal_file(tmp_path / "j.csv")
    old = tmp_path / "backups"
    old.mkdir()
    own = write(old / "j-20250101-120000-000001.csv", HEADER + "\nold,2025-01-01,,3,,,,,,,,,\n")
    strangers = {
        "j-work-20250101-120000-000002.csv": "j-work.csv's",
        "j-notes.csv": "the user's own file",
        "j-2025.csv": "no stamp",
        "j-20250101-120000-000003.txt": "another suffix",
        "J-20250101-120000-000004.csv": "another name",
    }
    for name, text in strangers.items():
        write(old / name, text)
    listing = ghw_cli("restore", "--journal", mine)
    assert listing.returncode == 0 and "20250101-120000-000001.csv" in listing.stdout
    assert not own.exists() and (paths.backups_dir(mine) / "20250101-120000-000001.csv").exists()
    for mood in range(storage.KEEP_BACKUPS + 3):  # rotation runs past the adopted backup
        ghw.edit(mine, "e0", {"mood": mood % 11})
    assert {p.name: p.read_text() for p in old.iterdir() if p.is_file()} == strangers
    assert len(storage.backups(mine)) == storage.KEEP_BACKUPS


def test_the_plan_keeps_its_own_backups(tmp_path):
    plan_file = tmp_path / "plan.csv"
    for what in ("Call Jo", "Walk with Sam"):
        plan.add(plan_file, {"month": "2026-11", "what": what})
    look_alike = journal_file(tmp_path / "plan-2026.csv")
    ghw.edit(look_alike, "e0", {"mood": 1})
    ghw.edit(look_alike, "e0", {"mood": 2})
    plan.remove(plan_file, plan.load_plan(plan_file)["id"].iat[0])
    [backup] = storage.backups(plan_file)
    assert backup.parent == paths.backups_dir(plan_file) and "Call Jo" in backup.read_text()


# -- symbolic links ------------------------------------------------------------

LINKS = ["absolute", "relative", "link-to-a-link"]


def _linked(tmp_path, kind: str, rows: int = 3) -> tuple[Path, Path]:
    """A journal in sync/ and a link to it in home/."""
    home, sync = tmp_path / "home", tmp_path / "sync"
    home.mkdir()
    sync.mkdir()
    target = journal_file(sync / "journal.csv", rows=rows)
    link = home / "journal.csv"
    if kind == "absolute":
        link.symlink_to(target)
    elif kind == "relative":
        link.symlink_to(Path("..") / "sync" / "journal.csv")
    else:
        (home / "middle.csv").symlink_to(target)
        link.symlink_to("middle.csv")
    return link, target


@pytest.mark.parametrize("kind", LINKS)
def test_edits_through_a_link_reach_its_target(tmp_path, kind):
    link, target = _linked(tmp_path, kind)
    before = target.read_bytes()
    ghw.edit(link, "e1", {"mood": 9})
    ghw.append(link, {"date": "2026-11-02", "mood": 4, "id": "new"})
    ghw.delete(link, "e2")
    assert link.is_symlink() and link.resolve() == target
    entries = ghw.load(target).set_index("id")
    assert entries.loc["e1", "mood"] == 9 and "new" in entries.index and "e2" not in entries.index
    assert storage.backups(link) == storage.backups(target)
    assert storage.backups(target)[0].read_bytes() == before
    assert not (link.parent / "backups").exists()  # backups are kept beside the real file
    assert ghw_cli("restore", "2", "--journal", link).returncode == 0
    assert target.read_bytes() == before and link.is_symlink()


HOLDER = """
import sys, time
from pathlib import Path
from ghw import storage
with storage.locked(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""

APPEND_ONE = """
import sys, ghw
ghw.append(sys.argv[1], {"id": "waited", "date": "2026-11-02", "mood": 6})
"""


@pytest.mark.parametrize("kind", LINKS)
def test_a_link_and_its_target_share_one_lock_which_a_killed_holder_releases(tmp_path, kind):
    link, target = _linked(tmp_path, kind)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(link)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        writer = subprocess.Popen([sys.executable, "-c", APPEND_ONE, str(target)], stderr=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=3)  # it waits for the lock taken through the other name
        assert "waited" not in target.read_text()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert writer.wait(timeout=60) == 0, writer.stderr.read()
    assert "waited" in set(ghw.load(link)["id"])


EDITOR = """
i = 0
while True:
    i += 1
    ghw.edit(sys.argv[1], "e0", {"note": "edit %d " % i + "x" * 2000})
"""

APPENDER = """
while True:
    ghw.append(sys.argv[1], {"date": "2026-11-01", "mood": 5, "note": "n" * 500})
"""


@pytest.mark.parametrize("writer", [EDITOR, APPENDER], ids=["edit", "append"])
def test_a_writer_killed_through_a_link_leaves_the_link_and_a_valid_journal(tmp_path, writer):
    link, target = _linked(tmp_path, "relative", rows=2000)
    for delay in (0.3, 0.7):
        kill_after(writer, link, delay)
        entries, problems = ghw.check(target)
        assert link.is_symlink() and problems.empty and {f"e{i}" for i in range(2000)} <= set(entries["id"])
    assert not [p for p in link.parent.iterdir() if p.name.endswith(".tmp")]  # temporary files go beside the target


def test_a_dangling_link_is_refused_and_nothing_is_created(tmp_path):
    link = tmp_path / "journal.csv"
    link.symlink_to(tmp_path / "gone.csv")
    result = ghw_cli("log", "--mood", "5", "--journal", link)
    assert result.returncode == 2 and "is a link to" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "gone.csv").exists() and link.is_symlink()
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    assert ghw_cli("log", "--mood", "5", "--journal", loop).returncode == 2
    assert "is a link to" in ghw_cli("doctor", link).stderr


def test_a_lock_file_that_is_a_link_is_not_followed(tmp_path):
    path = journal_file(tmp_path / "journal.csv")
    before = path.read_bytes()
    victim = tmp_path / "elsewhere" / "victim"
    victim.parent.mkdir()
    Path(f"{path}.lock").symlink_to(victim)
    with pytest.raises(ghw.GhwError, match="Nothing was saved"):
        ghw.append(path, {"date": "2026-11-02", "mood": 5})
    assert not victim.exists() and path.read_bytes() == before


# -- the end of the file -------------------------------------------------------

def test_appending_after_an_unclosed_quote_is_refused_and_names_the_line(tmp_path):
    path = journal_file(tmp_path / "journal.csv", rows=5)
    with path.open("a") as handle:  # an editor left a quote open in the last note
        handle.write('e5,2026-11-02,10:00,4,,,,,,,,,"Started writing\nand never closed it\n')
    before = path.read_bytes()
    result = ghw_cli("log", "--mood", "6", "--note", "new", "--journal", path)
    assert result.returncode == 2 and "Saved" not in result.stdout
    assert f"{path}, line 7: a double quote opens a field there that is never closed" in result.stderr
    for attempt in (lambda: ghw.append(path, {"id": "given", "date": "2026-11-03", "mood": 5}),  # as undo does
                    lambda: journal.extend(path, pd.DataFrame([{"date": "2026-11-03", "mood": "5"}]))):  # an import
        with pytest.raises(ghw.GhwError, match="line 7: a double quote"):
            attempt()
    assert path.read_bytes() == before
    assert "line 7: a double quote" in ghw_cli("doctor", path).stderr


def test_the_plan_refuses_to_append_after_an_unclosed_quote(tmp_path):
    plan_file = tmp_path / "plan.csv"
    plan.add(plan_file, {"month": "2026-11", "what": "Call Jo"})
    with plan_file.open("a") as handle:
        handle.write('x1,2026-11,"Visit Mum\n')
    before = plan_file.read_bytes()
    with pytest.raises(ghw.GhwError, match="line 3: a double quote"):
        plan.add(plan_file, {"month": "2026-11", "what": "Walk"})
    assert plan_file.read_bytes() == before


def _reference_open_quote(data: bytes) -> int | None:
    """The line of the quoted field open at the end, reading every byte from the start as Python's csv does."""
    state, opened_at = "start", None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for i, byte in enumerate(data):
        c = bytes([byte])
        if state == "start":
            if c == b'"':
                state, opened_at = "quoted", i
            elif c not in (b",", b"\r", b"\n"):
                state = "field"
        elif state == "field":
            if c in (b",", b"\r", b"\n"):
                state = "start"
        elif state == "quoted":
            if c == b'"':
                state = "quote"
        elif state == "quote":
            if c == b'"':
                state = "quoted"
            else:
                state = "start" if c in (b",", b"\r", b"\n") else "field"
    return data.count(b"\n", 0, opened_at) + 1 if state == "quoted" else None


pieces = st.sampled_from([b'"', b'""', b",", b"\n", b"\r\n", b"x", b"note", b',"', b'",', b'"\n', b"\n\"", b" "])
filler = st.integers(0, 15_000).map(lambda n: (b"a,b,c\n" * n))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(pieces, max_size=30).map(b"".join), filler, st.lists(pieces, max_size=30).map(b"".join),
       st.booleans())
def test_the_end_of_file_check_agrees_with_reading_the_whole_file(tmp_path_factory, head, middle, tail, bom):
    """Only the end is read, so the answer must match a reader that starts at the beginning, whatever the size."""
    data = (b"\xef\xbb\xbf" if bom else b"") + b"id,note\n" + head + middle + tail
    path = tmp_path_factory.mktemp("tail") / "f.csv"
    path.write_bytes(data)
    expected = _reference_open_quote(data)
    found = storage.unclosed_quote(path)
    assert (found is None) == (expected is None), (expected, found)
    if expected is not None:
        assert f", line {expected}: " in found


def test_an_unclosed_quote_far_back_is_found(tmp_path):
    path = journal_file(tmp_path / "journal.csv", rows=2)
    with path.open("a") as handle:
        handle.write('e9,2026-11-02,10:00,4,,,,,,,,,"left open\n' + "and then many more lines\n" * 50_000)
    with pytest.raises(ghw.GhwError, match="line 4: a double quote"):
        ghw.append(path, {"date": "2026-11-03", "mood": 5})


# -- line endings --------------------------------------------------------------

def _record_ends(data: bytes) -> set[bytes]:
    """The line endings that end records (outside quotes)."""
    outside = data.split(b'"')[::2]
    return {end for part in outside for end in re.findall(rb"\r\n|\r|\n", part)}


def test_appending_to_a_crlf_journal_keeps_crlf(tmp_path):
    path = write(tmp_path / "journal.csv", "\ufeff" + HEADER + "\r\n" + ROW.format(i=0) + "\r\n")  # as Excel saves
    ghw.append(path, {"date": "2026-11-02", "mood": 6, "note": 'two lines,\nand a "quote"'})
    assert ghw_cli("log", "--mood", "7", "--journal", path).returncode == 0
    data = path.read_bytes()
    assert _record_ends(data) == {b"\r\n"} and data.count(b"\r\n") == 4
    assert ghw.load(path)["note"].iat[1] == 'two lines,\nand a "quote"'


notes = st.text(st.sampled_from(list('ab ,"\n\r\'é😀')), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(notes, min_size=1, max_size=6))
def test_any_note_appended_to_a_crlf_journal_reads_back(tmp_path_factory, texts):
    path = write(tmp_path_factory.mktemp("crlf") / "journal.csv", HEADER + "\r\n")
    for i, text in enumerate(texts):
        ghw.append(path, {"id": f"n{i}", "date": "2026-11-01", "mood": 5, "note": text})
    ghw.edit(path, "n0", {"mood": 6})
    assert _record_ends(path.read_bytes()) == {b"\r\n"}
    expected = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    assert ghw.load(path)["note"].fillna("").tolist() == expected


def test_an_edit_keeps_the_journals_line_endings(tmp_path):
    crlf = journal_file(tmp_path / "crlf.csv", newline="\r\n")
    ghw.edit(crlf, "e1", {"note": 'now two lines,\nand "quoted"'})
    ghw.delete(crlf, "e2")
    assert _record_ends(crlf.read_bytes()) == {b"\r\n"}
    assert ghw.load(crlf).set_index("id").loc["e1", "note"] == 'now two lines,\nand "quoted"'
    lf = journal_file(tmp_path / "lf.csv")
    ghw.edit(lf, "e1", {"mood": 2})
    assert b"\r" not in lf.read_bytes()


def test_a_journal_rewritten_in_a_spreadsheet_meanwhile(journal_path):
    journal_file(journal_path)
    form = LogForm()
    # The user opens the journal in a spreadsheet, which saves it with Windows line endings...
    write(journal_path, journal_path.read_text().replace("\n", "\r\n"))
    form.mood.value = 8
    assert form.save()
    assert _record_ends(journal_path.read_bytes()) == {b"\r\n"} and len(ghw.load(journal_path)) == 4
    # ... and then an editor leaves a quote open at the end: the form says so and keeps what was typed.
    with journal_path.open("ab") as handle:
        handle.write(b'e7,2026-11-03,,5,,,,,,,,,"half a note\r\n')
    before = journal_path.read_bytes()
    form.mood.value = 3
    form.note.value = "kept"
    assert not form.save()
    assert "a double quote opens a field there" in form.status.value and form.note.value == "kept"
    assert journal_path.read_bytes() == before


# -- paths that are not a journal file -----------------------------------------

def test_a_journal_in_a_folder_that_does_not_exist_is_not_created(tmp_path):
    missing = tmp_path / "no" / "such" / "journal.csv"
    result = ghw_cli("log", "--mood", "5", "--journal", missing)
    assert result.returncode == 2 and f"The folder {missing.parent} does not exist" in result.stderr
    assert not (tmp_path / "no").exists()
    with pytest.raises(ghw.GhwError, match="does not exist"):
        journal.create(missing, pd.DataFrame(columns=list(schema.COLUMNS)))
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", [
    ["log", "--mood", "5", "--journal"], ["doctor"], ["restore", "--journal"], ["restore", "1", "--journal"],
    ["summary", "--journal"],
])
def test_a_folder_where_a_file_is_expected_gets_a_plain_message(tmp_path, command):
    result = ghw_cli(*command, tmp_path)
    assert result.returncode == 2 and f"{tmp_path} is a folder, not a file" in result.stderr
    assert list(tmp_path.iterdir()) == [] and not Path(f"{tmp_path}.lock").exists()


def test_a_pipe_where_a_file_is_expected_gets_a_plain_message(tmp_path):
    pipe = tmp_path / "journal.csv"
    os.mkfifo(pipe)  # reading it would wait for a writer forever
    for command in (["doctor", pipe], ["log", "--mood", "5", "--journal", pipe], ["restore", "--journal", pipe]):
        result = ghw_cli(*command)
        assert result.returncode == 2 and "is not a plain file" in result.stderr


# -- portable ------------------------------------------------------------------

def test_importing_ghw_needs_no_posix_only_module(journal_path):
    """As on Windows, where fcntl does not exist: ghw imports, and a system without locks gets a plain message."""
    code = (
        "import sys\n"
        "sys.modules['fcntl'] = None  # importing it now fails\n"
        "import ghw, ghw.storage, ghw.journal, ghw.plan, ghw.cli\n"
        "print('imported')\n"
        "try:\n"
        "    ghw.append(sys.argv[1], {'date': '2026-11-01', 'mood': 5})\n"
        "except ghw.GhwError as exc:\n"
        "    print(exc)\n"
    )
    journal_file(journal_path)
    before = journal_path.read_bytes()
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", code, str(journal_path)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == "imported", result.stderr
    assert "Could not lock" in result.stdout and "Nothing was saved" in result.stdout
    assert journal_path.read_bytes() == before

"""The ghw command, run as a user would run it."""

import os
import subprocess
import sys

import pytest

import ghw
from helpers import HEADER, write


def run(*args, env=None):
    result = subprocess.run(
        [sys.executable, "-m", "ghw", *args], capture_output=True, text=True, env=env or os.environ.copy(), timeout=120
    )
    return result.returncode, result.stdout, result.stderr


def test_sample_writes_a_valid_journal_and_never_overwrites(tmp_path):
    out = tmp_path / "s.csv"
    code, stdout, _ = run("sample", "--days", "30", "--seed", "4", "--end", "2026-11-01", "--out", str(out))
    assert code == 0 and "30 days" in stdout
    entries = ghw.load(out)
    assert str(entries["date"].max().date()) == "2026-11-01"
    before = out.read_bytes()
    code, _, stderr = run("sample", "--days", "5", "--out", str(out))
    assert code == 2 and "never overwrites" in stderr and "Traceback" not in stderr
    assert out.read_bytes() == before


def test_same_seed_same_journal(tmp_path):
    for name in ("a.csv", "b.csv"):
        assert run("sample", "--days", "20", "--seed", "9", "--end", "2026-11-01", "--out", str(tmp_path / name))[0] == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_doctor_reports_problems_and_never_changes_the_file(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\nb,2026-11-02,,12,Jo,,,,,,,,\n")
    before, stamp = journal_path.read_bytes(), journal_path.stat().st_mtime_ns
    code, stdout, _ = run("doctor", str(journal_path))
    assert code == 1
    assert "2 problems on 1 line; 1 entry without any:" in stdout
    assert run("doctor", "--journal", str(journal_path))[1] == stdout  # the option every other command takes
    assert "line 3, mood '12': must be a whole number from 0 (worst) to 10 (best)" in stdout
    assert "line 3, relationship: is needed for a connection" in stdout
    assert journal_path.read_bytes() == before and journal_path.stat().st_mtime_ns == stamp


def test_doctor_on_a_valid_journal(journal_path):
    write(journal_path, HEADER + "\na,2026-11-01,,5,,,,,,,,,\n")
    code, stdout, _ = run("doctor")  # the user's journal, from GHW_JOURNAL
    assert code == 0 and "1 valid entry, from 2026-11-01 to 2026-11-01" in stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "There is no journal"), (b"\x00\xff\xfe binary", "not UTF-8"), (b"date,mood,mood\n", "more than once")],
)
def test_doctor_on_unreadable_files_says_one_line(journal_path, content, words):
    if content is not None:
        journal_path.write_bytes(content)
    code, stdout, stderr = run("doctor", str(journal_path))
    assert code == 2 and words in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_log_appends_one_entry(journal_path):
    code, stdout, _ = run(
        "log", "--mood", "7", "--person", "Jo", "--relationship", "Friend", "--activity", "coffee",
        "--channel", "in person", "--minutes", "30", "--quality", "4", "--initiated-by", "me",
        "--support", "both", "--note", "nice, really", "--date", "2026-11-01", "--time", "08:15",
    )
    assert code == 0 and "Saved mood 7 with Jo on 2026-11-01 at 08:15" in stdout
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["relationship"], entry["channel"], entry["note"]) == ("friend", "in_person", "nice, really")


def test_logging_starts_without_the_statistics_or_the_charts(journal_path):
    """Logging from a terminal loads neither scipy nor matplotlib nor the widgets: they take most of a second to
    load, and saving a line needs none of them."""
    script = ("import sys\nfrom ghw import cli\n"
              f"cli.main(['log', '--mood', '6', '--journal', {str(journal_path)!r}])\n"
              "print([m for m in ('scipy', 'matplotlib', 'ipywidgets') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.rstrip().endswith("[]"), result.stdout + result.stderr
    assert len(ghw.load(journal_path)) == 1


def test_log_refuses_bad_input_with_plain_words(journal_path):
    code, _, stderr = run("log", "--mood", "11", "--quality", "3")
    assert code == 1 and "Traceback" not in stderr
    assert "mood ('11'): must be a whole number from 0 (worst) to 10 (best)" in stderr
    assert "relationship: is needed for a connection" in stderr
    assert not journal_path.exists()


def test_log_defaults_to_now(journal_path):
    code, _, _ = run("log", "--mood", "5")
    [entry] = ghw.load(journal_path).to_dict("records")
    assert code == 0 and entry["time"] is not None and entry["date"].date() <= __import__("datetime").date.today()


def test_a_date_far_ahead_is_asked_about(journal_path):
    code, _, stderr = run("log", "--mood", "5", "--date", "2099-01-01")
    assert code == 2 and "days from today" in stderr and "--yes" in stderr and not journal_path.exists()
    code, stdout, _ = run("log", "--mood", "5", "--date", "2099-01-01", "--yes")
    assert code == 0 and "on 2099-01-01" in stdout


def _closed_reader(*args):
    """``ghw ARGS | head -0``: a reader that has gone before the command writes a word."""
    process = subprocess.Popen([sys.executable, "-m", "ghw", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode()


def test_a_reader_that_leaves_early_hears_no_false_word(journal_path, tmp_path):
    """A closed pipe is no failure of ghw's: the command does all it was asked, and says nothing untrue."""
    code, stderr = _closed_reader("log", "--mood", "6", "--person", "Zoë", "--relationship", "friend")
    assert (code, stderr) == (0, "")
    assert ghw.load(journal_path)["person"].tolist() == ["Zoë"]  # saved, though nobody read that it was
    sample = tmp_path / "sample.csv"
    assert _closed_reader("sample", "--days", "400", "--out", str(sample)) == (0, "")
    code, stderr = _closed_reader("summary", "--journal", str(sample))
    assert (code, stderr) == (0, "")
    refused = _closed_reader("log", "--mood", "11")
    assert refused[0] == 1 and "Traceback" not in refused[1] and "mood" in refused[1]  # a problem is still said

"""The command line under arguments a hurried or hostile user might type: a plain message or a result, never a traceback."""

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghw import cli, paths

COMMANDS = {
    "doctor": ["{path}", "--journal", "{path}"],
    "log": ["--mood", "{number}", "--date", "{date}", "--time", "{text}", "--minutes", "{number}", "--journal",
            "{path}", "--person", "{text}", "--quality", "{number}"],
    "summary": ["--month", "{period}", "--week", "{period}", "--journal", "{path}"],
    "export": ["--format", "{format}", "--month", "{period}", "--out", "{path}", "--journal", "{path}"],
    "reflect": ["--journal", "{path}", "--finding", "{text}"],
    "import daylio": ["{path}", "--moods", "{path}", "--activities", "{path}", "--journal", "{path}", "--dry-run"],
    "import csv": ["{path}", "--map", "{path}", "--date-format", "{text}", "--journal", "{path}"],
    "restore": ["{text}", "--journal", "{path}"],
    "sample": ["--days", "{number}", "--end", "{date}", "--out", "{path}", "--seed", "{number}"],
}
NUMBERS = ["-1", "0", "5", "11", "99999", "100000000", "1e9", "nan", "", "½", "٣"]
DATES = ["2026-11-28", "2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "28/11/2026", "", "tomorrow"]
PERIODS = ["2026-11", "2026-13", "0000-01", "0001-01", "9999-12", "2026-W53", "2026-W54", "0001-W01", "9999-W52",
           "../../etc/passwd", ""]
TEXTS = ["", "J.D.", "Zoë", "@jo_k", "%Q", "%d/%m/%Y", "9", "x" * 300, "\u202eevil", "1", "nope"]


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    root = tmp_path_factory.mktemp("places")
    (root / "binary.csv").write_bytes(b"\x7fELF\x00\x00\x01\x02binary")
    (root / "empty.csv").write_bytes(b"")
    shutil.copy(paths.SAMPLE_JOURNAL, root / "journal.csv")
    return {"dir": str(root), "missing": str(root / "no" / "such" / "file.csv"), "binary": str(root / "binary.csv"),
            "empty": str(root / "empty.csv"), "journal": str(root / "journal.csv"), "new": str(root / "new.csv")}


def _argument(kind, places):
    pools = {"number": NUMBERS, "date": DATES, "period": PERIODS, "text": TEXTS, "format": ["csv", "md", "ics", "x"],
             "path": list(places.values())}
    return st.sampled_from(pools[kind])


@st.composite
def command_lines(draw, places):
    command = draw(st.sampled_from(sorted(COMMANDS)))
    argv = command.split()
    options = COMMANDS[command]
    i = 0
    while i < len(options):
        option = options[i]
        if option.startswith("--"):
            takes = i + 1 < len(options) and options[i + 1].startswith("{")
            if draw(st.booleans()):
                argv.append(option)
                if takes:
                    argv.append(draw(_argument(options[i + 1][1:-1], places)))
            i += 2 if takes else 1
        else:
            argv.append(draw(_argument(option[1:-1], places)))
            i += 1
    return argv


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_command_line_ends_in_a_traceback(places, data, capsys):
    argv = data.draw(command_lines(places))
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse's own usage message, for a missing or malformed option
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), argv
    assert "Traceback" not in out + err, (argv, err)
    if code == 2 and err:
        assert err.startswith(("ghw: ", "usage: ")), (argv, err)

"""Nothing is lost: concurrent writers, killed writers, and any journal we write reads back."""

import subprocess
import sys

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ghw
from ghw import journal, schema
from helpers import kill_after

WRITER = """
import sys, ghw
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    ghw.append(path, {"id": f"{who}-{i}", "date": "2026-11-01", "mood": i % 11, "note": f"from {who}, entry {i}"})
"""


def test_two_processes_appending_at_once(journal_path):
    count = 200
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(journal_path), who, str(count)]) for who in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    entries = ghw.load(journal_path)
    assert len(entries) == 2 * count
    assert set(entries["id"]) == {f"{who}-{i}" for who in "ab" for i in range(count)}
    assert journal_path.read_text().count(",".join(schema.COLUMNS)) == 1


EDITOR = """
import sys, ghw
i = 0
while True:
    i += 1
    ghw.edit(sys.argv[1], "e0", {"note": "edit %d " % i + "x" * 2000})
"""


def test_a_writer_killed_mid_edit_leaves_a_valid_journal(journal_path):
    journal.create(journal_path, pd.DataFrame([{c: "" for c in schema.COLUMNS} | {"id": f"e{i}", "date": "2026-11-01", "mood": "5"} for i in range(2000)]))
    for delay in (0.3, 0.55, 0.8, 1.1):
        kill_after(EDITOR, journal_path, delay)
        entries = ghw.load(journal_path)
        assert len(entries) == 2000 and entries["id"].is_unique
    leftovers = [p.name for p in journal_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 4  # a killed writer may leave its temporary file, never a damaged journal


APPENDER = """
import sys, ghw
while True:
    ghw.append(sys.argv[1], {"date": "2026-11-01", "mood": 5, "note": "n" * 500})
"""


def test_an_appender_killed_mid_write_leaves_a_valid_journal(journal_path):
    for delay in (0.2, 0.45, 0.7):
        kill_after(APPENDER, journal_path, delay)
        entries, problems = ghw.check(journal_path)
        assert problems.empty and len(entries) > 0


text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
entry = st.fixed_dictionaries(
    {
        "date": st.dates(min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2200-12-31").date()),
        "time": st.one_of(st.none(), st.times().map(lambda t: t.strftime("%H:%M"))),
        "mood": st.integers(0, 10),
        "note": text,
    },
    optional={
        "connection": st.fixed_dictionaries(
            {
                "person": text.map(str.strip),
                "relationship": st.sampled_from(schema.RELATIONSHIPS),
                "activity": text.map(str.strip),
                "channel": st.sampled_from(schema.CHANNELS),
                "minutes": st.integers(0, schema.MAX_MINUTES),
                "quality": st.integers(1, 5),
                "initiated_by": st.sampled_from(schema.INITIATED_BY),
                "support": st.sampled_from(schema.SUPPORT),
            }
        )
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entry, max_size=8), st.lists(text, max_size=8))
def test_any_journal_we_write_loads_back_identical(tmp_path_factory, entries, extra):
    path = tmp_path_factory.mktemp("prop") / "journal.csv"
    written = []
    for i, e in enumerate(entries):
        e = dict(e)
        e.update(e.pop("connection", {}))
        e["id"] = f"p{i}"
        e["extra"] = extra[i] if i < len(extra) else ""
        written.append(e)
    frame = pd.DataFrame(written, columns=[*schema.COLUMNS, "extra"]).astype("object").fillna("")
    journal.create(path, frame.astype("str"))
    loaded = ghw.load(path)
    assert len(loaded) == len(written)
    for row, e in zip(loaded.to_dict("records"), written):
        for column in (*schema.COLUMNS, "extra"):
            expected = e.get(column, "")
            got = row[column]
            if column == "date":
                got = got.date()
            elif pd.isna(got):
                got = ""
            if expected is None:
                expected = ""
            elif isinstance(expected, str):
                expected = expected.replace("\r\n", "\n").replace("\r", "\n")
            assert str(got) == str(expected), (column, got, expected)
    # And appending the same entries one by one gives the same journal.
    if not written:
        return
    appended = tmp_path_factory.mktemp("prop") / "journal.csv"
    for e in written:
        ghw.append(appended, {k: v for k, v in e.items() if k != "extra"})
    pd.testing.assert_frame_equal(ghw.load(appended), loaded.drop(columns="extra"))

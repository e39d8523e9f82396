"""Files as spreadsheets and accidents leave them: each loads, or fails with a clear message; none is changed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ghw
from helpers import HEADER

ROW = "a,2026-11-01,09:00,5,Jo,friend,walk,in_person,30,4,me,both,fine"


def _check_unchanged(path, content: bytes):
    path.write_bytes(content)
    try:
        return ghw.check(path)
    finally:
        assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("content", "ids"),
    [
        (("\ufeff" + HEADER + "\r\n" + ROW + "\r\n").encode(), ["a"]),  # Excel: BOM and CRLF
        ((HEADER + ",,,\n" + ROW + ",,,\n" + "," * 15 + "\n\n").encode(), ["a"]),  # trailing empty columns and rows
        ((HEADER + "\n" + ROW + "\n" + HEADER + "\n" + ROW.replace("a,", "b,", 1) + "\n").encode(), ["a", "b"]),
        ((HEADER + "\n\n\n" + ROW + "\n\n").encode(), ["a"]),  # blank lines
        ((HEADER + "\n" + ROW.replace(",fine", ',"' + "long " * 200_000 + '"') + "\n").encode(), ["a"]),
        ((HEADER + "\n").encode(), []),  # a header alone
        (b"", []),  # an empty file
        ((" " + HEADER.replace(",", " , ") + "\n" + ROW + "\n").encode(), ["a"]),  # spaces around names
    ],
    ids=["excel", "trailing-empties", "repeated-header", "blank-lines", "long-note", "header-only", "empty", "spaces"],
)
def test_loads_correctly(journal_path, content, ids):
    entries, problems = _check_unchanged(journal_path, content)
    assert problems.empty and entries["id"].tolist() == ids


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ((HEADER.replace(",", ";") + "\n" + ROW.replace(",", ";") + "\n").encode(), "separated by semicolons"),
        ((HEADER + "\n" + ROW.replace("fine", "café") + "\n").encode("cp1252"), "line 2 is not UTF-8 text"),
        ((HEADER + "\n" + ROW + "\n" + ROW.replace("fine", "naïve") + "\n").encode("latin-1"), "line 3 is not UTF-8"),
        (bytes(range(256)) * 4, "not UTF-8"),
        (b"\x00\x01\x02binary\x00", "no 'date' or 'mood' column"),
        ((HEADER + ",\n" + ROW + ",surprise\n").encode(), "column 14 has values but no name"),
        ((HEADER + '\n' + ROW.replace("fine", '"never closed') + "\n").encode(), "cannot be read"),
    ],
    ids=["semicolons", "cp1252", "latin-1", "binary", "nul-bytes", "unnamed-column", "open-quote"],
)
def test_fails_with_a_clear_message(journal_path, content, words):
    journal_path.write_bytes(content)
    with pytest.raises(ghw.GhwError, match=words):
        ghw.load(journal_path)
    assert journal_path.read_bytes() == content


def test_spreadsheet_dates_are_explained(journal_path):
    journal_path.write_text(HEADER + "\n" + ROW.replace("2026-11-01", "25/11/2026") + "\n")
    _, problems = ghw.check(journal_path)
    assert problems[["line", "column", "value"]].values.tolist() == [[2, "date", "25/11/2026"]]
    assert "25/11/2026" in problems["problem"].iat[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: (HEADER + "\n" + t).encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from([ROW, HEADER, "", ",,,", '"', "a,b", "\r", "x" * 50, ROW.replace("5", "55")]),
             max_size=8).map(lambda lines: (HEADER + "\n" + "\n".join(lines)).encode()),
))
def test_any_bytes_give_a_journal_or_a_ghw_error(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "journal.csv"
    path.write_bytes(content)
    try:
        entries, problems = ghw.check(path)
    except ghw.GhwError:
        pass
    else:
        assert set(problems.columns) == {"line", "column", "value", "problem"}
        assert problems["line"].between(1, content.count(b"\n") + content.count(b"\r") + 1).all()
        assert entries["id"].is_unique
    assert path.read_bytes() == content

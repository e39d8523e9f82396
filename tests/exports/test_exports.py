"""Summaries and exports: known numbers, safe HTML and CSV, pages of the PDF, no names when hidden."""

import csv
import io
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from scipy import stats

import ghw
from ghw import care, exports, names, paths, plan, privacy, sample, summary
from ghw.widgets import ShareForm
from helpers import HEADER, ar1, ghw_command, write

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ROWS = f"""
a,2026-11-02,08:00,4,,,,,,,,,
b,2026-11-02,12:00,6,Alex,colleague,work chat,in_person,20,2,them,received,=HYPERLINK("http://x")
c,2026-11-02,19:00,8,Sam,partner,walk with Sam,in_person,40,5,me,gave,"Sam made me laugh, {HOSTILE.replace('"', '""')}"
d,2026-11-04,09:00,5,,,,,,,,,
e,2026-11-05,18:00,7,Jo,friend,coffee,call,,4,mutual,both,@SUM(A1)
f,2026-10-30,18:00,3,Jo,friend,coffee,call,,2,them,neither,
"""


@pytest.fixture
def entries(journal_path):
    write(journal_path, HEADER + ROWS)
    return ghw.load(journal_path)


def test_week_summary_numbers(entries):
    result = summary.summary(entries, "2026-W45")  # Monday 2 to Sunday 8 November 2026
    assert (result.start.isoformat(), result.end.isoformat()) == ("2026-11-02", "2026-11-08")
    assert result.days_logged == 3 and result.days == 7
    assert result.mood == {"mean": pytest.approx(6.0), "min": 4, "max": 8, "n": 5, "days": 3}
    assert result.previous_mood == 3.0  # the week before holds one entry
    assert result.by_relationship.set_index("relationship")["connections"].to_dict() == {
        "colleague": 1, "partner": 1, "friend": 1}
    text = " ".join(result.sentences())
    assert "Days logged: 3 of 7." in text
    assert ("Mood: 6.0 on average per day (from 4 to 8, 5 entries on 3 days); 3.0 in the period before: "
            "too few days to tell whether mood changed.") in text
    assert "you reached out 1 time, others 1, both 1" in text
    assert "Quality or quantity? Not enough data yet" in text


def test_the_period_before_is_the_calendar_month_before(journal_path):
    write(journal_path, HEADER + "\na,2026-01-31,,9,,,,,,,,,\nb,2026-02-10,,3,,,,,,,,,\nc,2026-03-05,,5,,,,,,,,,\n")
    march = summary.summary(ghw.load(journal_path), "2026-03")
    assert march.previous_mood == 3.0  # February only, not the 31 days before March (which reach into January)
    assert summary.summary(ghw.load(journal_path), "2026-01").previous_mood is None


def test_mood_is_averaged_per_day_first(journal_path):
    busy = "".join(f"\nb{i},2026-03-02,{8 + i:02d}:00,10,,,,,,,,," for i in range(5))
    quiet = "".join(f"\nq{d},2026-03-{d:02d},,0,,,,,,,,," for d in range(3, 12))
    write(journal_path, HEADER + busy + quiet + "\n")
    march = summary.summary(ghw.load(journal_path), "2026-03")
    assert march.mood["mean"] == pytest.approx(1.0)  # ten days, one of them at 10: not 14 entries' 3.6
    assert (march.mood["n"], march.mood["days"]) == (14, 10)


def _months(shift: float, seed: int) -> pd.DataFrame:
    """Two months of daily moods with a little carry-over; the second month ``shift`` points higher."""
    rng = np.random.default_rng(seed)
    noise = ar1(rng, 0.3, 61)
    dates = pd.date_range("2026-03-01", periods=61)
    mood = np.clip(np.rint(5 + 1.5 * noise + shift * (dates.month == 4)), 0, 10)
    return pd.DataFrame({"id": [f"m{i}" for i in range(61)], "date": dates, "mood": mood})


@pytest.mark.parametrize("shift, word", [(0.0, "no clear change"), (3.0, "higher")])
def test_a_change_from_the_month_before_is_called_one_only_when_its_interval_says_so(journal_path, shift, word):
    frame = _months(shift, seed=3)
    write(journal_path, HEADER + "".join(f"\n{r.id},{r.date.date()},,{int(r.mood)},,,,,,,,," for r in frame.itertuples())
          + "\n")
    april = summary.summary(ghw.load(journal_path), "2026-04")
    change = april.mood_change
    daily = frame.set_index("date")["mood"]
    assert change["mean_after"] == pytest.approx(daily["2026-04"].mean())
    assert change["mean_before"] == pytest.approx(daily["2026-03"].mean())
    assert change["ci_low"] < change["estimate"] < change["ci_high"]
    text = " ".join(april.sentences())
    assert word in text and f"95% interval {change['ci_low']:+.1f} to {change['ci_high']:+.1f}" in text
    # Counting every day as new evidence gives the pooled t-test; carry-over can only widen that interval.
    plain = stats.ttest_ind(daily["2026-04"], daily["2026-03"]).confidence_interval(0.95)
    assert change["estimate"] == pytest.approx((plain.low + plain.high) / 2)
    assert change["ci_high"] - change["ci_low"] >= plain.high - plain.low - 1e-9


def test_a_mood_that_never_moved_is_the_same_as_before(journal_path):
    write(journal_path, HEADER + "".join(f"\nm{d},2026-0{3 + d // 31}-{d % 31 + 1:02d},,5,,,,,,,,," for d in range(61))
          + "\n")
    text = " ".join(summary.summary(ghw.load(journal_path), "2026-04").sentences())
    assert "the same as the period before (5.0)." in text


def test_notes_only_when_allowed(entries):
    assert summary.summary(entries, "2026-11").moments == []
    moments = summary.summary(entries, "2026-11", notes=True, names=True).moments
    assert moments[0][1].startswith("Sam made me laugh")


def test_bad_periods_are_plain_errors(entries):
    for period in ("2026-13", "November", "2026-W54"):
        with pytest.raises(ghw.GhwError, match="not a"):
            summary.summary(entries, period)


def test_an_empty_period_says_so(entries):
    assert summary.summary(entries, "2025-01").sentences()[-1] == "Not enough data yet: nothing was logged in this period."


def test_sample_month_matches_a_direct_computation():
    entries, _ = ghw.schema.validate(sample.generate(365, seed=6, end="2026-10-31"))
    result = summary.summary(entries, "2026-10")
    october = entries.loc[entries["date"].dt.strftime("%Y-%m") == "2026-10"]
    assert result.mood["mean"] == pytest.approx(october.groupby("date")["mood"].mean().mean())
    assert result.days_logged == october["date"].nunique()
    assert result.by_relationship["connections"].sum() == october["relationship"].notna().sum()
    assert "how connected you felt went with your mood more" in " ".join(result.sentences())


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.images, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"])

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_self_contained_and_escaped(entries, tmp_path):
    path = export_to("html", summary.summary(entries, "2026-11", notes=True), tmp_path / "r.html")
    page = path.read_text()
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and parsed.tags.count("img") == 3  # the connections panel and two charts
    assert all(src.startswith("data:image/png;base64,") for src in parsed.images)
    assert HOSTILE in "".join(parsed.text)  # shown as text, never as markup
    assert 'src="http' not in page and "<link" not in page  # nothing loads from elsewhere
    assert care.CRISIS_RESOURCES[0][1] in page and f"last checked {care.CHECKED}" in page


def test_csv_export_neutralizes_formulas(entries, tmp_path):
    path = export_to("csv", summary.summary(entries, "2026-11", notes=True), tmp_path / "r.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    notes = [r["note"] for r in rows if r["note"]]
    assert "'=HYPERLINK(\"http://x\")" in notes and "'@SUM(A1)" in notes
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert "note" not in next(csv.DictReader(io.StringIO(export_to("csv", 
        summary.summary(entries, "2026-11"), tmp_path / "n.csv").read_text()))).keys()


def test_pdf_has_page_one_the_charts_page_and_the_appendix(entries, tmp_path):
    path = export_to("pdf", summary.summary(entries, "2026-11"), tmp_path / "r.pdf")
    pdf = PdfReader(path)
    assert len(pdf.pages) >= 3
    first = pdf.pages[0].extract_text()
    assert "Session report: 2026-11 (2026-11-01 to 2026-11-30)" in first and "3 of 30 days logged" in first
    assert "Mood, 2026-11-01 to 2026-11-30" in pdf.pages[1].extract_text()
    last = pdf.pages[-1].extract_text()
    assert "Appendix: every finding" in pdf.pages[2].extract_text() and "not a medical device" in last


def test_markdown_escapes_user_text(entries, tmp_path):
    path = export_to("md", summary.summary(entries, "2026-11", notes=True), tmp_path / "r.md")
    text = path.read_text()
    assert "<script>" not in text and "\\<script\\>" in text
    assert text.startswith("# ghw summary: 2026-11")


def test_pseudonymized_exports_hold_no_real_name(entries, tmp_path):
    intentions = write(tmp_path / "plan.csv", "id,month,what,person,relationship,times\n"
                       "i1,2026-11,Call Sam on Sunday,Sam,partner,2\ni2,2026-11,Coffee with Jo,Jo,friend,1\n")
    result = summary.summary(entries, "2026-11", notes=True, names=False, key=b"k" * 16,
                             plan=plan.load_plan(intentions))
    files = [export.to(result, tmp_path / f"r.{fmt}") for fmt, export in exports.EXPORTS.items()]  # every format
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace") if path.suffix != ".pdf" else "".join(
            page.extract_text() for page in PdfReader(path).pages)
        for name in ("Sam", "Alex", "Jo"):
            assert not re.search(rf"\b{name}\b", text), (path.name, name)
    again = summary.summary(entries, "2026-11", names=False, key=b"k" * 16)
    assert list(again.entries["person"].dropna()) == list(result.entries["person"].dropna())
    assert all(p.startswith("Person ") for p in result.entries["person"].dropna())
    assert "walk with Person" in " ".join(result.entries["activity"].dropna())


def test_preview_says_what_will_be_written(entries):
    result = summary.summary(entries, "2026-11", names=False, key=b"k" * 16)
    text = exports.preview(result, "html")
    assert text.startswith("HTML export of 2026-11 (2026-11-01 to 2026-11-30): 5 entries on 3 days")
    assert "names replaced by pseudonyms; no notes" in text


def run(*args):
    result = ghw_command(*args)
    return result.returncode, result.stdout, result.stderr


def test_command_line_summary_and_exports(entries, journal_path):
    code, out, _ = run("summary", "--week", "2026-W45")
    assert code == 0 and "- Days logged: 3 of 7." in out and "not a medical device" in out
    code, out, _ = run("export", "--format", "html", "--month", "2026-11", "--no-notes", "--pseudonymize")
    exported = journal_path.parent / "exports" / "ghw-2026-11.html"
    assert code == 0 and f"Wrote {exported}" in out and "names replaced by pseudonyms; no notes" in out
    assert not re.search(r"\bSam\b", exported.read_text())
    code, _, err = run("export", "--format", "ics", "--month", "2026-11")
    assert code == 2 and "no intentions for 2026-11" in err
    plan.add(plan.plan_path(journal_path), {"month": "2026-11", "what": "Call Mum", "times": 2})
    out_file = journal_path.parent / "cal.ics"
    code, out, _ = run("export", "--format", "ics", "--month", "2026-11", "--out", str(out_file))
    assert code == 0 and "ICS export of 2026-11" in out and out_file.read_bytes().count(b"BEGIN:VEVENT") == 2


def test_share_form_previews_then_writes(entries, journal_path):
    form = ShareForm()
    assert form.period.value == "2026-11" and form.pseudonyms.value and not form.notes.value
    assert "Will be written:" in form.summary.value and "names replaced by pseudonyms" in form.summary.value
    form.format.value = "pdf"
    out = form.write()
    assert out == journal_path.parent / "exports" / "ghw-2026-11.pdf" and out.read_bytes().startswith(b"%PDF")
    form.period.value = "last month"
    assert "is not a month" in form.summary.value


def test_exports_never_land_in_the_project(entries, journal_path):
    assert exports.exports_dir(journal_path) == journal_path.parent / "exports" != paths.PROJECT_DIR / "exports"


def export_to(fmt, report, path):
    return exports.EXPORTS[fmt].to(report, path)


def test_share_form_writes_beside_its_own_journal(entries, journal_path, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere" / "j.csv"
    other.parent.mkdir()
    other.write_bytes(journal_path.read_bytes())
    monkeypatch.setenv("GHW_JOURNAL", str(tmp_path / "default" / "journal.csv"))
    out = ShareForm(path=other).write()
    assert out.parent == other.parent / "exports" and privacy.key_file(other).exists()
    assert not (tmp_path / "default").exists()


def test_an_export_never_replaces_the_journal_or_its_files(entries, journal_path):
    before = journal_path.read_bytes()
    for target in (journal_path, plan.plan_path(journal_path), journal_path.parent / "backups" / "journal-1.csv"):
        code, _, err = run("export", "--format", "csv", "--month", "2026-11", "--out", str(target))
        assert code == 2 and "never replaces it" in err and "Traceback" not in err
    assert journal_path.read_bytes() == before


def test_command_line_exports_are_safe_by_default(entries, journal_path):
    code, out, _ = run("export", "--format", "csv", "--month", "2026-11")
    written = (journal_path.parent / "exports" / "ghw-2026-11.csv").read_text()
    assert code == 0 and "names replaced by pseudonyms; no notes" in out
    assert "Sam" not in written and "note" not in written.splitlines()[0]
    code, out, _ = run("export", "--format", "csv", "--month", "2026-11", "--names", "--notes", "--out",
                       str(journal_path.parent / "mine.csv"))
    assert code == 0 and "Sam made me laugh" in (journal_path.parent / "mine.csv").read_text()


@pytest.mark.parametrize("content", ["", "not hex at all", "abcd"])
def test_a_bad_pseudonym_key_is_refused(journal_path, content):
    privacy.key_file(journal_path).write_text(content)
    with pytest.raises(ghw.GhwError, match="valid pseudonym key"):
        privacy.key_for(journal_path)


def test_a_linked_key_is_never_followed(journal_path, tmp_path):
    privacy.key_file(journal_path).symlink_to(tmp_path / "nowhere")
    with pytest.raises(ghw.GhwError, match="is a link"):
        privacy.key_for(journal_path)


@pytest.mark.parametrize("name, written", [("J.D.", "met J.D. today"), ("@jo_k", "dm from @jo_k"),
                                            ("Mum (Sue)", "Sue called"), ("Zoë", "zoe and ZOË"),
                                            ("Alexandra Reyes", "Alexandra said hi"), ("Sam :)", "Sam :) again")])
def test_pseudonyms_catch_names_with_punctuation_accents_and_parts(name, written):
    swap = privacy.Pseudonyms([name], b"k" * 16)
    assert swap(name) == swap.alias(name)
    replaced = swap(written)
    for part in ("J.D", "jo_k", "Sue", "zoe", "ZO", "Alexandra", "Sam"):
        assert part not in replaced, replaced


def test_pseudonyms_are_long_enough_and_distinct():
    names = [f"Person number {i}" for i in range(2000)]
    swap = privacy.Pseudonyms(names, b"k" * 32)
    assert len(set(swap.aliases.values())) == 2000
    assert all(len(alias) >= len("Person ") + 8 for alias in swap.aliases.values())


_RARE = "QXZJqxzjÅåÉéØøŽžÏï"
_names = st.builds(lambda pre, core, post: pre + core + post,
                   st.sampled_from(["", "@", "(", "Dr. ", "“"]),
                   st.text(alphabet=_RARE, min_size=4, max_size=9),
                   st.sampled_from(["", ".", " :)", " 🙂", "_k", ")", "”"]))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(_names, min_size=1, max_size=4, unique_by=lambda n: names.fold(n)))
def test_no_export_holds_a_name_under_pseudonyms(tmp_path, people):
    buffer = io.StringIO()
    table = csv.writer(buffer, lineterminator="\n")
    for i in range(30):
        who, other = people[i % len(people)], people[(i + 1) % len(people)]
        table.writerow([f"e{i}", f"2026-11-{1 + i % 28:02d}", "12:00", 3 + i % 5, who, "friend",
                        f"walk with {who.upper()}", "", "", 4, "", "", f"saw {other} today"])
    path = tmp_path / f"j{abs(hash(tuple(people)))}.csv"
    write(path, HEADER + "\n" + buffer.getvalue())
    result = summary.summary(ghw.load(path), "2026-11", notes=True, key=b"k" * 32)
    for fmt in ("csv", "md", "html"):
        written = exports.EXPORTS[fmt].write(result).decode("utf-8")
        text = names.fold(re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", written))  # charts are pictures
        for name in people:
            core = names.fold(name).strip("@(“”.:) 🙂_k").removeprefix("dr. ")
            assert core not in text, (fmt, name)

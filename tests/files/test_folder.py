"""One folder object for a journal and its files, and one summary that every face shows and writes."""

import datetime as dt
import html
import json
import re

import pytest

from ghw import checkins, experiment, exports, journal, privacy, sample, sharing, summary, vocabulary
from ghw.errors import GhwError
from ghw.folder import SIDE_FILES, JournalFolder
from ghw.people.file import set_private
from ghw.widgets.plan import ShareForm
from helpers import ghw_command

WHO5 = ["who5_1", "who5_2", "who5_3", "who5_4", "who5_5"]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """A journal with everything a summary holds beside it: check-ins, an experiment with a person, a private person."""
    home = JournalFolder(tmp_path_factory.mktemp("full") / "journal.csv")
    journal.create(home.journal, sample.generate(60, seed=3, end="2026-10-31"))
    checkins.save(home.checkins, "who5", dict(zip(WHO5, [3, 4, 2, 5, 1])), date="2026-09-10")
    checkins.save(home.checkins, "who5", dict(zip(WHO5, [4, 4, 3, 5, 2])), date="2026-10-10")
    experiment.new(home.experiments, {"act": "a walk with Alex", "start": "2026-10-01", "weeks": 4},
                   today=dt.date(2026, 10, 1))
    set_private(home.people, "Mia")
    return home


@pytest.fixture
def share_folder(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o2750)
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(folder))
    return folder


def _previewed(form: ShareForm) -> list[str]:
    """The sentences the share form shows, as the person reads them."""
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", form.summary.value)]


def test_the_share_holds_exactly_what_the_form_previewed(full, share_folder, tmp_path):
    form = ShareForm(full.journal)
    form.period.value = "2026-10"
    shown, sentences = form.shown, _previewed(form)
    assert sentences == shown.sentences()
    assert any(s.startswith("Well-being (WHO-5)") for s in sentences)  # the check-ins
    alex = privacy.Pseudonyms(["Alex"], privacy.key_for(full.journal))("Alex")
    assert any(f"Your experiment “a walk with {alex}”" in s for s in sentences)  # the experiment, under a pseudonym

    held = form.share()
    assert held is not None, form.status.value
    written = json.loads((share_folder / sharing.SUMMARY_FILE).read_text(encoding="utf-8"))
    assert {key: written[key] for key in written if key != "shared_at"} == {
        "period": shown.period, "start": shown.start.isoformat(), "end": shown.end.isoformat(),
        "days_logged": shown.days_logged, "entries": len(shown.entries), "notes_included": shown.notes_included,
        "pseudonymized": shown.pseudonymized, "sentences": [vocabulary.without_advice(s) for s in sentences]}
    entries = (share_folder / sharing.ENTRIES_FILE).read_bytes()
    assert entries == exports.EXPORTS["csv"].write(shown)
    for text in (json.dumps(written, ensure_ascii=False), entries.decode("utf-8")):
        assert "Mia" not in text and "Alex" not in text  # private: out; the others: pseudonyms

    form.format.value = "csv"
    assert form.write().read_bytes() == entries  # the form's own export is the share's table


def test_ghw_summary_prints_what_the_form_previews(full):
    form = ShareForm(full.journal)
    form.period.value = "2026-10"
    form.pseudonyms.value = False  # ghw summary is for the person: names as written, private people still out
    done = ghw_command("summary", "--month", "2026-10", "--journal", full.journal)
    assert done.returncode == 0, done.stderr
    said = done.stdout.split("\n\n")[1]  # after the heading, before the unsure names and the care note
    printed = [line[2:] for line in said.splitlines()]
    assert printed == _previewed(form) and any("a walk with Alex" in line for line in printed)
    assert "Mia" not in done.stdout


def test_a_preview_keeps_what_it_read_until_reload(full):
    form = ShareForm(full.journal)
    form.period.value = "2026-10"
    before = form.shown.sentences()
    plan_file = form.folder.plan
    try:
        plan_file.write_text("id,month,what,person,relationship,times\nx1,2026-10,call Sam,Sam,,2\n", encoding="utf-8")
        form.notes.value = True  # a new preview, from what was read before
        assert not any(s.startswith("Intentions:") for s in form.shown.sentences())
        form.reload()
        assert any(s.startswith("Intentions: call") for s in form.shown.sentences())
    finally:
        plan_file.unlink()
    assert form.shown.sentences() != before


def test_a_journal_with_a_bad_line_is_named_not_summarised_without_it(tmp_path):
    home = JournalFolder(tmp_path / "journal.csv")
    journal.create(home.journal, sample.generate(20, seed=1, end="2026-10-31"))
    lines = home.journal.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",2026-10-", ",2026-13-", 1)
    home.journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GhwError, match="line 4"):
        summary.of(home, "2026-10")
    form = ShareForm(home.journal)
    form.period.value = "2026-10"
    assert form.shown is None and "line 4" in form.summary.value


def test_side_files_sit_beside_a_link_and_the_record_beside_its_target(tmp_path):
    real = tmp_path / "synced" / "mine.csv"
    real.parent.mkdir()
    journal.create(real, sample.generate(10, seed=2, end="2026-10-31"))
    link = tmp_path / "here" / "journal.csv"
    link.parent.mkdir()
    link.symlink_to(real)
    home = JournalFolder(link)
    assert home.plan == link.parent / "plan.csv" and home.key == link.parent / ".journal.csv.pseudonym-key"
    assert home.imported == real.parent / "mine.imported.csv"
    kept = home.kept()
    for name in SIDE_FILES.values():
        assert (link.parent / name).resolve() in kept and (real.parent / name).resolve() in kept
    for target in (link.parent / "people.csv", home.backups / "pseudonym-key"):
        with pytest.raises(GhwError, match="one of your journal's own files"):
            exports.write_bytes(target, b"x", journal=link)
    assert not (link.parent / "people.csv").exists()


def test_two_journals_in_one_folder_have_their_own_keys_and_records(tmp_path):
    one, two = JournalFolder(tmp_path / "a.csv"), JournalFolder(tmp_path / "b.csv")
    assert one.plan == two.plan  # the plan and the people are the folder's, as they always were
    assert one.key != two.key and one.imported != two.imported and one.backups != two.backups


def test_the_sample_is_read_while_there_is_no_journal(tmp_path):
    home = JournalFolder.open(tmp_path / "journal.csv")
    assert home.sample and home.plan == tmp_path / "plan.csv" and home.source("plan").name == "sample_plan.csv"
    last = home.read("journal", journal.check)[0]["date"].max()
    assert summary.of(home, last.strftime("%Y-%m")).days_logged > 0
    assert JournalFolder.default().journal == tmp_path / "journal.csv"  # GHW_JOURNAL, as every test sets it

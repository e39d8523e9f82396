"""Never leak: private people stay out and everyone else stays under a pseudonym, in everything that leaves.

Everything that leaves is a summary's export (every format), the printed
summary, or a share with a practitioner; each is checked here by reading
what was written, as a person would.
"""

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import ghw
from ghw import experiment, exports, folder, journal, names, plan, privacy, sharing, storage, summary
from ghw.people.file import load_people, people_path, private_names, set_private
from ghw.people.rename import rename, restore, undo_rename
from helpers import HEADER, ghw_command, write

KEY = b"k" * 32


def _text_of(path):
    if path.suffix == ".pdf":
        return "".join(page.extract_text() for page in PdfReader(path).pages)
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")  # iCalendar folds long lines
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", text)  # charts are pictures


def _every_export(journal_path, *options, month="2026-11", formats=tuple(exports.EXPORTS)):
    """Every format (or those given) written by the command line, and the printed summary: name to text."""
    written = {}
    for fmt in formats:
        out = journal_path.parent / f"out-{fmt}.{fmt}"
        result = ghw_command("export", "--format", fmt, "--month", month, "--out", out, *options)
        assert result.returncode == 0, result.stderr
        written[fmt] = _text_of(out)
    printed = ghw_command("summary", "--month", month, *(o for o in options if o == "--notes"))
    assert printed.returncode == 0, printed.stderr
    written["summary"] = printed.stdout
    return written


def _absent(texts: dict[str, str], *secrets_):
    """None of ``secrets_`` is in any of ``texts`` as a word, however written."""
    for where, text in texts.items():
        folded = names.fold(text)
        for secret in secrets_:
            assert not re.search(rf"(?<!\w){re.escape(names.fold(secret))}(?!\w)", folded), (where, secret)


# -- the matcher --------------------------------------------------------------------------------

CAUGHT = [
    ("Ørjan", "Orjan came round"), ("Bjørn", "met BJORN and bjørn"), ("Orjan", "Ørjan's birthday"),
    ("O'Brien", "O’Brien called"), ("O’Brien", "lunch with o'brien"), ("O'Brien", "OBrien again"),
    ("J.D.", "saw JD"), ("JD", "saw J.D. today"), ("J.D.", "saw J. D. today"),
    ("Mary-Jane", "Mary Jane said"), ("Mary Jane", "with mary-jane"), ("Mary-Jane", "MaryJane"),
    ("Zoë", "zoe and ZOË"), ("Łukasz", "Lukasz"), ("Søren Ærø", "Soren and AERO"), ("Straße", "strasse"),
    ("@jo_k", "a message from jo_k"), ("Sam", "Sam's flat"), ("Alexandra Reyes", "Alexandra said hi"),
    ("Mum (Sue)", "Sue rang"), ("Will", "Will called"), ("Grace", "Grace and I"), ("李明", "和李明吃饭"),
    ("Will", "Will you come?"), ("May", "back in May"), ("Ann", "Ann-the-great"),
]


@pytest.mark.parametrize(("name", "text"), CAUGHT)
def test_names_are_caught_however_the_letters_and_punctuation_are_written(name, text):
    swap = privacy.Pseudonyms([name], KEY)
    out = swap(text)
    assert swap.alias(name) in out, out
    for word in re.findall(r"\w+", names.fold(name)):
        if len(word) >= 3 or name.isupper():
            assert word not in re.findall(r"\w+", names.fold(out)), out


LEFT = [
    ("Will", "will call later"), ("Grace", "said grace before dinner"), ("Bea (book club)", "read a book"),
    ("Bea (book club)", "the club met"), ("Jo", "jo_k wrote"), ("Jo", "also joined"), ("Al", "Albert and Alan"),
    ("Sam", "Samantha"), ("May", "you may go"), ("Ann", "an n"), ("Mum (Sue)", "Mum's cooking"),
    ("Aunt May", "Aunt Jo came"), ("Dr Lee", "Dr Kim came"), ("Ann", "A-n-n"), ("Sam", "Sammy"), ("Priya", "Pryia"),
    ("Olga", "Ольга"), ("Jo", "my sister"),
]


@pytest.mark.parametrize(("name", "text"), LEFT)
def test_words_that_merely_equal_a_name_or_contain_one_are_left(name, text):
    swap = privacy.Pseudonyms([name], KEY)
    assert swap(text) == text


def test_everyday_words_left_as_written_are_reported_not_guessed(journal_path):
    write(journal_path, HEADER + "\ne1,2026-11-02,,6,Will,friend,walk,,,,,,will call later\n"
          "e2,2026-11-03,,6,Grace,friend,,,,,,,Will and Grace came; said grace\n")
    result = summary.summary(ghw.load(journal_path), "2026-11", notes=True, key=KEY)
    notes = result.entries["note"].tolist()
    assert notes[0] == "will call later" and "said grace" in notes[1] and "Will" not in notes[1]
    assert result.unsure == {"will": 1, "grace": 1}
    said = exports.preview(result, "md")
    assert "'grace' (1 text), 'will' (1 text)" in said and "write the name with a capital" in said
    printed = ghw_command("export", "--format", "md", "--month", "2026-11", "--notes")
    assert "Left as written" in printed.stdout and "'will'" in printed.stdout


# -- private marks belong to the person -----------------------------------------------------------

SECRET = "Zephyrine"


@pytest.fixture
def secret_journal(journal_path):
    """Sam and Ana, and a private person written two ways (Zephyrine, zephyrine), all in November 2026."""
    lines = [f"s{d},2026-11-{d:02d},12:00,6,Sam,partner,walk,,,,,,fine" for d in range(1, 20)]
    lines += [f"z{d},2026-11-{d:02d},18:00,8,{SECRET if d % 2 else SECRET.lower()},friend,tea,,,,,,"
              f"{SECRET} told me" for d in range(1, 9)]
    lines += [f"a{d},2026-11-{d:02d},09:00,5,Ana,friend,lunch,,,,,,Ana and {SECRET}" for d in (3, 10, 17)]
    write(journal_path, HEADER + "\n" + "\n".join(lines) + "\n")
    set_private(people_path(journal_path), SECRET)
    return journal_path


def test_renaming_one_spelling_of_a_private_person_keeps_every_spelling_private(secret_journal):
    assert ghw_command("people", "rename", SECRET, "Zephy").returncode == 0
    assert set(ghw.load(secret_journal)["person"]) >= {"Zephy", SECRET.lower()}
    texts = _every_export(secret_journal, "--names", "--notes", formats=("csv", "md"))
    _absent(texts, SECRET, "Zephy")
    assert "Sam" in texts["csv"]


def test_restoring_the_journal_after_renaming_or_merging_a_private_person_keeps_them_private(secret_journal):
    assert ghw_command("people", "rename", SECRET, "Zephy").returncode == 0
    assert ghw_command("restore", "1").returncode == 0
    _absent(_every_export(secret_journal, "--names", "--notes", formats=("csv",)), SECRET, "Zephy")
    # A merge into Ana, undone, then the merged journal put back: Ana's entries now hold Zephyrine's.
    merged = rename(secret_journal, SECRET.lower(), "Ana", merge=True)
    undo_rename(secret_journal, merged)
    restored = ghw_command("restore", "1")
    assert restored.returncode == 0 and "Marked private" in restored.stdout and "'Ana'" in restored.stdout
    _absent(_every_export(secret_journal, "--names", "--notes", formats=("csv",)), SECRET, "Ana")


def test_an_undo_that_cannot_finish_leaves_merged_entries_private(secret_journal, monkeypatch):
    merged = rename(secret_journal, SECRET, "Ana", merge=True)
    monkeypatch.setattr(storage, "LOCK_TIMEOUT", 0.2)
    with storage.locked(secret_journal):  # another program holds the journal, so the undo stops at its first step
        with pytest.raises(ghw.GhwError, match="Another program"):
            undo_rename(secret_journal, merged)
    settings = load_people(people_path(secret_journal))
    holders = set(ghw.load(secret_journal).loc[lambda e: e["id"].str.startswith("z"), "person"])
    assert private_names(settings, holders) == holders
    _absent(_every_export(secret_journal, "--names", "--notes", formats=("csv",)), SECRET)


# -- what only a plan, an experiment or a column of the user's own names --------------------------

def test_people_in_plans_experiments_and_own_columns_never_leave_by_name(secret_journal, tmp_path):
    rows = secret_journal.read_text().splitlines()
    extra = [f"{rows[0]},place"] + [f"{row},{'Sam' + chr(39) + 's flat' if row.startswith('s') else ''}"
                                     for row in rows[1:]]
    extra = [row + (f"{SECRET}'s garden" if row.startswith("z") else "") for row in extra]
    extra.append("x1,2026-11-20,10:00,7,Ana,friend,,,,,,,,round at Zephyrine's")
    write(secret_journal, "\n".join(extra) + "\n")
    home = secret_journal.parent
    plan.add(plan.plan_path(home / "journal.csv"), {"month": "2026-11", "what": "Visit Quillon", "person": "Quillon"})
    plan.add(plan.plan_path(home / "journal.csv"), {"month": "2026-11", "what": f"Ask {SECRET} about tea"})
    day = dt.date(2026, 11, 2)
    experiment.new(experiment.experiments_path(secret_journal),
                   {"act": "Tea with Marcelline", "person": "Marcelline", "start": day.isoformat()}, today=day)
    experiment.new(experiment.experiments_path(secret_journal),
                   {"act": f"Call {SECRET}", "relationship": "friend", "outcome": "quality", "start": day.isoformat()},
                   today=day)
    texts = _every_export(secret_journal)
    printed = texts.pop("summary")
    _absent(texts, SECRET, "Quillon", "Marcelline", "Sam")
    assert "'s flat" in texts["csv"] and "someone's" in texts["csv"] and "Act day: Call someone" in texts["ics"]
    _absent({"summary": printed}, SECRET)
    shared = tmp_path / "share"
    shared.mkdir(mode=0o750)
    sharing.share(secret_journal, "2026-11", folder=shared)
    _absent({p.name: p.read_text() for p in shared.iterdir()}, SECRET, "Quillon", "Sam")
    assert json.loads((shared / sharing.SUMMARY_FILE).read_text())["pseudonymized"] is True


# -- one key per journal ---------------------------------------------------------------------------

def test_each_journal_has_its_own_key_and_a_missing_key_is_refused(journal_path):
    other = journal_path.parent / "work.csv"
    for path in (journal_path, other):
        write(path, HEADER + "\ne1,2026-11-02,,6,Sam,friend,,,,,,,\n")
    aliases = []
    for path in (journal_path, other):
        assert ghw_command("export", "--format", "csv", "--month", "2026-11", "--journal", path, "--out",
                           path.with_suffix(".out")).returncode == 0
        aliases.append(re.search(r"Person [0-9A-F]{8}", path.with_suffix(".out").read_text()).group())
    assert aliases[0] != aliases[1]
    assert privacy.key_file(journal_path) != privacy.key_file(other)
    assert oct(privacy.key_file(journal_path).stat().st_mode)[-3:] == "600"
    saved = privacy.key_file(journal_path).read_bytes()
    privacy.key_file(journal_path).unlink()
    refused = ghw_command("export", "--format", "csv", "--month", "2026-11")
    assert refused.returncode == 2 and "is missing, and earlier exports were made with it" in refused.stderr
    assert not privacy.key_file(journal_path).exists()
    write(privacy.key_file(journal_path), saved.decode())
    assert ghw_command("export", "--format", "csv", "--month", "2026-11", "--out", journal_path.with_suffix(".again")
                       ).returncode == 0
    assert aliases[0] in journal_path.with_suffix(".again").read_text()


def test_the_key_of_the_whole_folder_goes_to_one_journal_only(journal_path):
    legacy = journal_path.parent / folder.LEGACY_KEY
    write(legacy, "ab" * 32 + "\n")
    before = privacy.Pseudonyms(["Sam"], bytes.fromhex("ab" * 32)).alias("Sam")
    write(journal_path, HEADER + "\ne1,2026-11-02,,6,Sam,friend,,,,,,,\n")
    assert privacy.Pseudonyms(["Sam"], privacy.key_for(journal_path)).alias("Sam") == before
    assert not legacy.exists()
    other = journal_path.parent / "second.csv"
    assert privacy.key_for(other) != privacy.key_for(journal_path)


# -- properties over generated names and journals ------------------------------------------------

_LETTERS = "bcdfghklmnpqrstvwxzøæåßłéëüö"
_word = st.text(alphabet=_LETTERS, min_size=3, max_size=7).map(str.capitalize)
_name = st.lists(_word, min_size=1, max_size=2).map(" ".join)


def _respell(name: str, how: int) -> str:
    """Another way of writing ``name``: its case, accents, letters, hyphens and spaces changed."""
    from anyascii import anyascii

    forms = [name.upper(), name.lower(), anyascii(name), name.replace(" ", "-"), name.replace(" ", ""),
             anyascii(name).lower().replace(" ", "-")]
    return forms[how % len(forms)]


@settings(max_examples=150, deadline=None)
@given(name=_name, how=st.integers(0, 5), before=st.sampled_from(["", "met ", "(", "with "]),
       after=st.sampled_from(["", " today", "'s", ".", ", then"]))
def test_property_a_name_written_any_way_is_replaced_and_a_longer_word_is_not(name, how, before, after):
    assume(not any(names.is_everyday(names.fold(w)) for w in name.split()))
    swap = privacy.Pseudonyms([name], KEY)
    text = before + _respell(name, how) + after
    out = swap(text)
    assert swap.alias(name) in out and out.endswith(after if after != "." else ".")
    assert not set(re.findall(r"\w+", names.fold(name))) & set(re.findall(r"\w+", names.fold(out)))
    longer = "x" + names.fold(name).split()[0] + "y"
    assert swap(f"the {longer} word") == f"the {longer} word"


_spellings = st.sampled_from(["Zephyrine", "zephyrine", "Zephy", "Zéphyrine", "Ørjan", "O’Brien", "J.D."])
_ops = st.lists(st.tuples(st.sampled_from(["rename", "merge", "undo", "restore"]), _spellings), min_size=1,
                max_size=6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_property_a_private_person_stays_private_through_renames_merges_undos_and_restores(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("private") / "journal.csv"
    lines = [f"z{d},2026-11-{d:02d},18:00,8,{'Zephyrine' if d % 2 else 'zephyrine'},friend,tea,,,,,,"
             f"with Zephyrine" for d in range(1, 9)]
    lines += [f"a{d},2026-11-{d:02d},09:00,5,Ana,friend,lunch,,,,,,fine" for d in range(1, 12)]
    write(path, HEADER + "\n" + "\n".join(lines) + "\n")
    set_private(people_path(path), "Zephyrine")
    done = []
    for op, new in ops:
        entries = ghw.load(path)
        theirs = sorted(set(entries.loc[entries["id"].str.startswith("z"), "person"]))
        try:
            if op == "rename":
                done.append(rename(path, theirs[0], new, merge=True))
            elif op == "merge":
                done.append(rename(path, theirs[-1], "Ana", merge=True))
            elif op == "undo" and done:
                undo_rename(path, done.pop())
            elif op == "restore" and storage.backups(path):
                restore(path, storage.backups(path)[-1])
        except ghw.GhwError as exc:
            assert "already written that way" in str(exc) or "nothing to change" in str(exc), exc
        entries, problems = journal.check(path)
        holders = set(entries.loc[entries["id"].str.startswith("z"), "person"])
        settings_ = load_people(people_path(path))
        assert private_names(settings_, holders) == holders, (op, new, holders)
        assert problems.empty and len(entries) == len(lines)
    every = entries["person"].dropna().unique()
    shield = privacy.Shield(every, private=private_names(settings_, every), keep_names=True)
    out = shield.entries(entries).to_csv()
    assert "zephyr" not in names.fold(out) and not any(re.search(rf"\b{re.escape(h)}\b", out) for h in holders), out


def test_the_share_form_says_which_everyday_words_it_left(journal_path, tmp_path, monkeypatch):
    from ghw.widgets import ShareForm

    write(journal_path, HEADER + "\ne1,2026-11-02,,6,Grace,friend,said grace,,,,,,\n")
    shared = tmp_path / "share"
    shared.mkdir(mode=0o750)
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(shared))
    form = ShareForm(path=journal_path)
    form.period.value = "2026-11"
    assert form.share()["unsure"] == {"grace": 1}
    assert "&#x27;grace&#x27; (1 text)" in form.status.value and "Shared your summary" in form.status.value
    entries = (shared / sharing.ENTRIES_FILE).read_text()
    assert ",Grace," not in entries and "said grace" in entries  # the person hidden; the word left, and said so

"""Sharing a summary with a practitioner, and the practitioner's group view, on real files."""

import html
import json
import os
import re
import stat

import numpy as np
import pandas as pd
import pytest

from ghw import digest, journal, practice, privacy, sample, sharing
from ghw.widgets import Practice, ShareForm
from helpers import ghw_command
from notebooks_run import run_notebook

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def share_folder(tmp_path, monkeypatch):
    """A person's shared folder as the hub makes it: theirs, the practitioner's group may read, nobody else."""
    folder = tmp_path / "practice" / "ann"
    folder.mkdir(parents=True)
    folder.chmod(0o2750)
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(folder))
    return folder


@pytest.fixture
def own_journal(journal_path):
    journal.create(journal_path, sample.generate(60, seed=3, end="2026-10-31"))
    return journal_path


def test_share_writes_a_safe_summary_readable_by_the_group_only(share_folder, own_journal):
    held = sharing.share(own_journal)
    assert held["period"] == "2026-10" and held["pseudonymized"] and not held["notes_included"]
    summary = json.loads((share_folder / "summary.json").read_text())
    assert summary["sentences"] == held["sentences"] and summary["sentences"][0].startswith("Days logged:")
    for name in ("summary.json", "entries.csv"):
        assert stat.S_IMODE((share_folder / name).stat().st_mode) == 0o640
    shared = (share_folder / "entries.csv").read_text()
    names = journal.load(own_journal)["person"].dropna().unique()
    assert names.size and not any(f",{n}," in shared for n in names)
    assert privacy.Pseudonyms(names, privacy.key_for(own_journal))(names[0]) in shared
    assert "note" not in shared.splitlines()[0]
    assert sharing.shared() == summary
    assert sharing.withdraw() == [share_folder / "summary.json", share_folder / "entries.csv"]
    assert sharing.shared() is None and not any(share_folder.iterdir())
    assert sharing.withdraw() == []


def test_share_refuses_what_it_cannot_keep_private(tmp_path, monkeypatch, own_journal):
    monkeypatch.delenv(sharing.SHARE_DIR_VAR, raising=False)
    with pytest.raises(sharing.GhwError, match="no practitioner to share with"):
        sharing.share(own_journal)
    open_folder = tmp_path / "open"
    open_folder.mkdir(mode=0o755)
    open_folder.chmod(0o755)
    with pytest.raises(sharing.GhwError, match="Everyone on this machine can open"):
        sharing.share(own_journal, folder=open_folder)
    assert not any(open_folder.iterdir())
    with pytest.raises(sharing.GhwError, match="does not exist yet"):
        sharing.share(own_journal, folder=tmp_path / "missing")
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    with pytest.raises(sharing.GhwError, match="nothing of yours to share yet"):
        sharing.share(tmp_path / "empty.csv", folder=private)


def _ghw(*args, env):
    return ghw_command(*args, env=env)


def test_share_on_the_command_line(share_folder, own_journal):
    env = os.environ.copy()
    done = _ghw("share", "--month", "2026-09", env=env)
    assert done.returncode == 0, done.stderr
    assert "Shared your summary of 2026-09" in done.stdout and "names replaced by pseudonyms" in done.stdout
    assert json.loads((share_folder / "summary.json").read_text())["period"] == "2026-09"
    bad = _ghw("share", "--month", "2026-13", env=env)
    assert bad.returncode == 2 and bad.stderr.startswith("ghw: ") and "Traceback" not in bad.stderr
    gone = _ghw("share", "--withdraw", env=env)
    assert gone.returncode == 0 and "can no longer open it" in gone.stdout and not any(share_folder.iterdir())
    env.pop(sharing.SHARE_DIR_VAR)
    nowhere = _ghw("share", env=env)
    assert nowhere.returncode == 2 and "no practitioner to share with" in nowhere.stderr


def test_share_form_shares_and_withdraws(share_folder, own_journal):
    form = ShareForm(own_journal)
    assert form.practitioner_button.layout.display != "none"
    form.period.value = "2026-10"
    form.notes.value = True
    assert form.share()["notes_included"] is True
    assert "✓ Shared your summary of 2026-10" in form.status.value
    assert json.loads((share_folder / "summary.json").read_text())["notes_included"] is True
    assert len(form.withdraw()) == 2 and "Withdrawn" in form.status.value


def test_share_form_hides_the_action_off_a_hub(monkeypatch, own_journal):
    monkeypatch.delenv(sharing.SHARE_DIR_VAR, raising=False)
    form = ShareForm(own_journal)
    assert form.practitioner_button.layout.display == "none"
    assert form.share() is None and "no practitioner to share with" in form.status.value


def _group(people, days=40, *, slope=0.5, slope_sd=0.15, seed=0):
    """Synthetic days with a known within-person slope of mood on connections, and a between-person
    link of the opposite sign (people who connect more are, here, less happy), which pooling would confuse."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(people):
        usual = rng.uniform(0.5, 4.0)
        own = slope + slope_sd * rng.standard_normal()
        x = rng.poisson(usual, days).astype(float)
        mood = 7.0 - 0.8 * usual + own * (x - usual) + rng.normal(0, 1.0, days)
        rows.append(pd.DataFrame({"person": f"p{i:02d}", "date": pd.date_range("2026-01-01", periods=days),
                                  "connections": x, "mood": mood}))
    return pd.concat(rows, ignore_index=True)


def test_mixed_model_recovers_a_known_within_person_slope():
    days = _group(40, slope=0.5)
    [row] = practice.mixed_model(days, "connections").to_dict("records")
    assert row["status"] == "ok" and row["model"] == "random slopes" and (row["n"], row["n_obs"]) == (40, 1600)
    assert row["ci_low"] < 0.5 < row["ci_high"] and row["ci_low"] > 0.3 and row["p_val"] < 1e-6
    pooled = np.corrcoef(days["connections"], days["mood"])[0, 1]
    assert pooled < 0.3  # one correlation over everyone's days hides most of the link
    # Independent two-stage estimate: an OLS slope per person, then their mean with a t interval.
    slopes = days.groupby("person").apply(lambda d: np.polyfit(d["connections"], d["mood"], 1)[0])
    assert abs(slopes.mean() - row["estimate"]) < 0.03
    assert row["slope_sd"] < 0.4


def test_rm_corr_matches_independent_computations():
    import statsmodels.formula.api as smf

    days = _group(12, days=30, seed=4)
    [row] = practice.rm_corr(days, "connections").to_dict("records")
    # The same correlation from an ordinary regression with one intercept per person: r = t / sqrt(t^2 + dof).
    fit = smf.ols("mood ~ C(person) + connections", days).fit()
    t, dof = fit.tvalues["connections"], fit.df_resid
    assert dof == len(days) - 12 - 1
    assert row["estimate"] == pytest.approx(t / np.sqrt(t * t + dof), abs=1e-10)
    pingouin = pytest.importorskip("pingouin")
    theirs = pingouin.rm_corr(days, x="connections", y="mood", subject="person")
    assert row["estimate"] == pytest.approx(theirs["r"].iloc[0], abs=1e-8)
    # Days count as effective days (never more than there are): with them all, the test is the published one.
    assert row["dof"] <= dof and row["p_val"] >= fit.pvalues["connections"] * (1 - 1e-6)
    undated = practice.rm_corr(days.drop(columns="date"), "connections").iloc[0]
    assert undated["dof"] == dof and undated["p_val"] == pytest.approx(theirs["pval"].iloc[0], rel=1e-5)
    assert undated["p_val"] == pytest.approx(fit.pvalues["connections"], rel=1e-6)


def test_group_links_count_days_that_carry_over_as_fewer():
    """Every person's days carry over strongly (0.8): the group figure uses effective days, and widens."""
    rng = np.random.default_rng(5)
    rows = []
    for i in range(8):
        x, y = np.zeros(60), np.zeros(60)
        for t in range(1, 60):
            x[t], y[t] = 0.8 * x[t - 1] + rng.normal(), 0.8 * y[t - 1] + rng.normal()
        rows.append(pd.DataFrame({"person": f"p{i}", "date": pd.date_range("2026-01-01", periods=60),
                                  "connections": x, "mood": y}))
    days = pd.concat(rows, ignore_index=True)
    worth = practice.effective_days(practice.usable(days, "connections", "mood", 7), "connections", "mood")
    assert worth < 0.6 * len(days)
    row = practice.rm_corr(days, "connections").iloc[0]
    assert row["dof"] == pytest.approx(worth - 8 - 1)
    assert (row["p_val"] < 0.05) == (row["ci_low"] > 0 or row["ci_high"] < 0)


def test_no_link_is_not_found_where_there_is_none():
    days = _group(30, slope=0.0, slope_sd=0.0, seed=9)
    links = practice.group_links(days, ["connections"])
    assert (links["status"] == "ok").all()
    assert ((links["ci_low"] < 0) & (links["ci_high"] > 0)).all()


def test_not_enough_people_yet():
    days = _group(practice.MIN_PEOPLE - 1)
    links = practice.group_links(days, ["connections"])
    assert (links["status"] == "too_few").all() and (links["needed"] == practice.MIN_PEOPLE).all()
    assert links["estimate"].isna().all()
    sentence = practice.explain(links.iloc[0])
    assert sentence == (f"The number of connections and mood: not enough people yet ({practice.MIN_PEOPLE - 1} people "
                        f"with {practice.MIN_DAYS} or more days of it; needs at least {practice.MIN_PEOPLE}).")
    short = _group(practice.MIN_PEOPLE, days=practice.MIN_DAYS - 1)  # enough people, too few days each
    assert practice.rm_corr(short, "connections")["n"].iloc[0] == 0


def _shares(folder, people):
    """Each person shares from their own journal into their own folder under the practitioner's."""
    for i in range(people):
        own = folder.parent / f"journals/p{i}/journal.csv"
        own.parent.mkdir(parents=True)
        journal.create(own, sample.generate(45, seed=20 + i, end="2026-10-31"))
        mine = folder / f"person{i}"
        mine.mkdir(mode=0o750, parents=True)
        sharing.share(own, "2026-10", folder=mine)


def test_practitioner_sees_shares_and_group_view(tmp_path):
    folder = tmp_path / "practice"
    _shares(folder, 6)
    (folder / "quiet").mkdir()  # someone with a folder who never shared
    sharing.withdraw(folder / "person5")
    seen = practice.people(folder)
    assert sorted(seen["person"]) == [f"person{i}" for i in range(5)] and (seen["problem"] == "").all()
    days = practice.pooled_days(folder)
    assert sorted(days["person"].unique()) == [f"person{i}" for i in range(5)]
    assert days["date"].min() >= pd.Timestamp("2026-10-01")
    page = Practice(folder)
    assert "5 people share a summary with you." in page.status.value
    assert len(page.people.children) == 5 and "Days logged:" in page.people.children[0].value
    # Each person as their own digest would say it, in the third person, with the numbers behind it.
    first = page.people.children[0].value
    lines = digest.lines(page.digests[seen["person"][0]], person="they")
    assert 1 <= len(lines) <= 5 and "What their journal says" in first and "How sure?" in first
    assert all(html.escape(line) in first for line in lines)
    assert not re.search(r"\b[Yy]our?\b", " ".join(lines))
    # Across people: one chart, a row per person on the same scale and dates.
    assert page.panel.png.startswith(b"\x89PNG")
    assert set(page.links["status"]) <= {"ok", "no_fit"} and "95% interval" in page.group.value


def test_practitioner_page_off_a_hub(monkeypatch):
    monkeypatch.delenv(practice.PRACTICE_DIR_VAR, raising=False)
    page = Practice()
    assert "for a practitioner" in page.status.value and not page.people.children


def test_practice_notebook_runs(tmp_path, monkeypatch):
    folder = tmp_path / "practice"
    _shares(folder, 2)
    monkeypatch.setenv(practice.PRACTICE_DIR_VAR, str(folder))
    notebook = run_notebook(ROOT / "notebooks" / "practice.ipynb")
    [output] = notebook.cells[1].outputs
    assert output["data"]["text/plain"].startswith("Practice(") and "application/vnd.jupyter.widget-view+json" in output["data"]


@pytest.mark.parametrize(("field", "value"), [("sentences", None), ("shared_at", 1), ("period", None),
                                              ("days_logged", "many"), ("notes_included", "no"), ("sentences", [1])])
def test_one_malformed_share_is_said_and_the_others_shown(tmp_path, field, value):
    folder = tmp_path / "practice"
    _shares(folder, 2)
    held = json.loads((folder / "person0" / "summary.json").read_text())
    (folder / "person0" / "summary.json").write_text(json.dumps(held | {field: value}))
    seen = practice.people(folder).set_index("person")
    assert seen.at["person1", "problem"] == "" and seen.at["person1", "sentences"][0].startswith("Days logged")
    assert "could not be read" in seen.at["person0", "problem"] and f"\u201c{field}\u201d" in seen.at["person0", "problem"]
    page = Practice(folder)
    assert "2 people share a summary with you." in page.status.value
    shown = " ".join(child.value for child in page.people.children)
    assert "could not be read" in shown and "Days logged" in shown and "5 people" not in page.group.value


@pytest.mark.parametrize("kind", ["fifo", "link", "huge", "folder", "not json", "a list"])
def test_a_share_that_is_not_a_plain_small_file_never_holds_the_page(tmp_path, kind):
    folder = tmp_path / "practice"
    _shares(folder, 2)
    summary = folder / "person0" / "summary.json"
    summary.unlink()
    if kind == "fifo":
        os.mkfifo(summary)  # opened naively, it waits for a writer for ever
        os.mkfifo(folder / "person1" / "entries.csv.new")
        os.replace(folder / "person1" / "entries.csv.new", folder / "person1" / "entries.csv")
    elif kind == "link":
        secret = tmp_path / "practitioner-notes.json"
        secret.write_text(json.dumps(json.loads((folder / "person1" / "summary.json").read_text())))
        summary.symlink_to(secret)  # a file of the practitioner's own, shown as if shared
    elif kind == "huge":
        summary.write_bytes(b" " * (practice.MAX_SUMMARY_BYTES + 1))
    elif kind == "folder":
        summary.mkdir()
    else:
        summary.write_text("{'period': 1" if kind == "not json" else "[]")
    seen = practice.people(folder).set_index("person")
    assert "could not be read" in seen.at["person0", "problem"] or "cannot be read" in seen.at["person0", "problem"]
    page = Practice(folder)  # returns: nothing waits on a pipe
    assert "could not be read" in " ".join(child.value for child in page.people.children)
    days = practice.pooled_days(folder)
    # A summary that is a plain file marks a complete share, whatever it says: its entries count in the group view.
    assert ("person0" in set(days["person"])) == (kind in ("huge", "not json", "a list"))
    assert ("person1" in set(days["person"])) == (kind != "fifo")


def test_shares_hold_no_advice_meant_for_the_person(share_folder, journal_path):
    """Imported entries have no quality ratings: the person is told to rate new ones; their practitioner is not."""
    entries = sample.generate(60, seed=3, end="2026-10-31").assign(quality=pd.NA)
    journal.create(journal_path, entries)
    from ghw import summary

    own = summary.summary(journal.load(journal_path), "2026-10").sentences()
    assert any("rate new ones" in s for s in own)  # what the person reads
    held = sharing.share(journal_path, "2026-10")
    assert any("have no rating of how connected you felt (imported entries have none)." in s for s in held["sentences"])
    assert not any("rate new ones" in s for s in held["sentences"])
    # A share written before advice was left out is read without it.
    old = json.loads((share_folder / "summary.json").read_text())
    (share_folder / "summary.json").write_text(json.dumps(old | {"sentences": own}))
    [row] = practice.people(share_folder.parent).to_dict("records")
    assert row["sentences"] and not any("rate new ones" in s for s in row["sentences"])


# -- the hub's practice file ------------------------------------------------------------------------------------------

HUB_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"


def _load_hub_config(tmp_path, monkeypatch, text):
    """The hub's configuration as JupyterHub loads it, over a practice file holding ``text``."""
    import runpy

    from traitlets.config import Config

    practice_file = tmp_path / "practice.json"
    practice_file.write_text(text)
    monkeypatch.setenv("GHW_PRACTICE_FILE", str(practice_file))
    config = Config()
    return runpy.run_path(str(HUB_CONFIG), init_globals={"get_config": lambda: config}), config, practice_file


GOOD = '{"practitioners": {\n  "lee": ["ann", "ben"],\n  "mo": ["cat"]\n}}\n'


@pytest.mark.parametrize(("text", "line", "kept"), [
    ('{"practitioners": {\n  "lee": ["ann", "ben"],\n  "mo": ["cat"\n}}\n', "line 4", {}),  # a bracket left out
    ('{"practitioner": {"lee": ["ann"]}}', "line 1", {}),  # a misspelt key
    ('{"practitioners": {\n  "lee": "ann, ben",\n  "mo": ["cat"]\n}}', "line 2", {"mo": ["cat"]}),
    ('{"practitioners": {\n  "lee": ["ann", "ben"],\n  "mo": ["cat", "ann"]\n}}', "line 3",
     {"lee": ["ben"], "mo": ["cat"]}),  # one person under two practitioners shares with neither
    ('{"practitioners": {\n  "lee": ["ann", 7]\n}}', "line 2", {}),
])
def test_a_mistake_in_the_practice_file_is_said_with_its_line_and_touches_only_whom_it_concerns(
        tmp_path, monkeypatch, caplog, text, line, kept):
    with caplog.at_level("ERROR", logger="JupyterHub"):
        hub, config, _ = _load_hub_config(tmp_path, monkeypatch, text)  # the hub starts
    said = caplog.text
    assert f"practice.json, {line}" in said, said
    assert hub["practitioners"]() == kept
    assert config.JupyterHub.load_groups == {f"people-of-{p}": {"users": sorted(people)} for p, people in kept.items()}
    assert [role["name"] for role in config.JupyterHub.load_roles] == ["user", *(f"practitioner-{p}" for p in kept)]


def test_a_broken_practice_file_leaves_the_hub_with_it_as_last_read(tmp_path, monkeypatch, caplog):
    hub, _, practice_file = _load_hub_config(tmp_path, monkeypatch, GOOD)
    assert hub["practitioners"]() == {"lee": ["ann", "ben"], "mo": ["cat"]}
    practice_file.write_text(GOOD.replace('"mo"', 'mo'))  # edited while the hub runs
    with caplog.at_level("ERROR", logger="JupyterHub"):
        assert hub["practitioners"]() == {"lee": ["ann", "ben"], "mo": ["cat"]}
    assert "practice.json, line 3, column 3" in caplog.text and "as last read" in caplog.text


def test_the_hub_stops_idle_kernels_and_servers(tmp_path, monkeypatch):
    monkeypatch.setenv("GHW_CULL_KERNELS_AFTER", "300")
    _, config, _ = _load_hub_config(tmp_path, monkeypatch, GOOD)
    args = config.Spawner.args.get_value([])
    assert "--MappingKernelManager.cull_idle_timeout=300" in args and "--MappingKernelManager.cull_connected=False" in args
    assert "--ServerApp.shutdown_no_activity_timeout=3600" in args

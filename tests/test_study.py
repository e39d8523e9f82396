"""A study's pool on real folders: consent apart from sharing, withdrawal, untrusted shares, DuckDB against ghw.practice."""

import json
import os
import stat

import numpy as np
import pandas as pd
import pytest

from conftest import ghw_command
from ghw import journal, practice, sample, sharing, study
from ghw.errors import GhwError

pytest.importorskip("duckdb", reason='the study extra (pip install "ghw[study]") is part of the test extra')


def _folder(root, practitioner, person):
    """A person's shared folder as the hub makes it: plain, and closed to everyone but the practitioner."""
    folder = root / practitioner / person
    folder.mkdir(parents=True)
    folder.chmod(0o2750)
    return folder


def _share(tmp_path, folder, seed, days=40):
    """A real share: a synthetic journal, shared through ghw.sharing (pseudonyms, no notes)."""
    own = tmp_path / "journals" / folder.name / "journal.csv"
    own.parent.mkdir(parents=True)
    journal.create(own, sample.generate(days, seed=seed, end="2026-10-31"))
    sharing.share(own, "2026-10", folder=folder)
    return own


@pytest.fixture
def practice_root(tmp_path):
    """Two practitioners; ann, ben, cat and Zoë consent to the study "demo", dan only to "other", eve to none."""
    root = tmp_path / "shared"
    people = {"ann": ("lee", ["demo"]), "ben": ("lee", ["demo"]), "cat": ("lee", ["demo", "other"]),
              "zoë": ("kim", ["demo"]), "dan": ("kim", ["other"]), "eve": ("kim", [])}
    for seed, (name, (practitioner, studies)) in enumerate(people.items()):
        folder = _folder(root, practitioner, name)
        _share(tmp_path, folder, seed)
        for name_of_study in studies:
            study.consent(name_of_study, folder=folder)
    return root


def _participants(path):
    return set(pd.read_parquet(path)["participant"])


def _code(root, practitioner, person, name="demo"):
    return study.consents(root / practitioner / person)[name]["participant"]


def test_consent_is_a_record_of_its_own_beside_the_share(tmp_path, monkeypatch):
    folder = _folder(tmp_path, "lee", "ann")
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(folder))
    monkeypatch.setenv(study.STUDY_VAR, "demo")
    assert study.consents() == {}
    record = study.consent()
    assert len(record["participant"]) == 16 and study.consent() == record  # consenting twice changes nothing
    assert stat.S_IMODE((folder / "study.json").stat().st_mode) == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["study.json"]  # nothing shared with the practitioner
    other = study.consent("other")
    assert other["participant"] != record["participant"]
    assert study.withdraw() is True and set(study.consents()) == {"other"}
    assert study.withdraw() is False
    assert study.withdraw("other") is True and not (folder / "study.json").exists()
    assert study.consent()["participant"] != record["participant"]  # a new consent is a new participant


def test_consent_refuses_what_it_cannot_keep(tmp_path, monkeypatch):
    monkeypatch.delenv(sharing.SHARE_DIR_VAR, raising=False)
    monkeypatch.delenv(study.STUDY_VAR, raising=False)
    folder = _folder(tmp_path, "lee", "ann")
    with pytest.raises(GhwError, match="Which study"):
        study.consent(folder=folder)
    with pytest.raises(GhwError, match="is not a study's name"):
        study.consent("../lee", folder=folder)
    with pytest.raises(GhwError, match="no practitioner to share with"):
        study.consent("demo")
    folder.chmod(0o755)
    with pytest.raises(GhwError, match="Everyone on this machine can open"):
        study.consent("demo", folder=folder)
    assert not (folder / "study.json").exists()


def test_pool_takes_only_those_who_consented_to_this_study(tmp_path, practice_root):
    out = tmp_path / "study" / "pool.parquet"
    with pytest.raises(GhwError, match="does not exist"):
        study.pool(out, "demo", practice_root)
    out.parent.mkdir()
    done = study.pool(out, "demo", practice_root)
    wanted = {_code(practice_root, p, n) for p, n in (("lee", "ann"), ("lee", "ben"), ("lee", "cat"), ("kim", "zoë"))}
    assert _participants(out) == wanted and done.participants == 4 and done.problems.empty
    table = pd.read_parquet(out)
    assert tuple(table.columns) == study.COLUMNS and done.entries == len(table)
    # Codes and numbers only: no hub names, no notes or activities, no names of the people in the journals.
    cells = set(table.astype("str").to_numpy().ravel())
    assert not {"ann", "ben", "cat", "zoë", "lee", "kim"} & cells
    logged = set(journal.load(tmp_path / "journals" / "ann" / "journal.csv")["person"].dropna())
    assert logged and not logged & set(table["person"].dropna())
    assert table["person"].dropna().str.fullmatch(r"p[0-9a-f]{12}").all()
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and sorted(p.name for p in out.parent.iterdir()) == [out.name]
    # Each participant's entries are those of their share, all of them.
    ann = table.loc[table["participant"] == _code(practice_root, "lee", "ann")]
    assert len(ann) == len(journal.load(practice_root / "lee" / "ann" / "entries.csv"))
    other = study.pool(tmp_path / "other.parquet", "other", practice_root)
    assert _participants(other.path) == {_code(practice_root, "lee", "cat", "other"),
                                         _code(practice_root, "kim", "dan", "other")}


def test_a_withdrawn_person_is_gone_at_the_next_pool(tmp_path, practice_root):
    out = tmp_path / "pool.parquet"
    ann, ben = _code(practice_root, "lee", "ann"), _code(practice_root, "lee", "ben")
    study.pool(out, "demo", practice_root)
    assert {ann, ben} <= _participants(out)
    assert study.withdraw("demo", folder=practice_root / "lee" / "ann")
    sharing.withdraw(practice_root / "lee" / "ben")  # ben stops sharing but keeps his consent
    done = study.pool(out, "demo", practice_root)
    assert ann not in _participants(out) and ben not in _participants(out) and done.participants == 2
    assert done.problems.to_dict("records") == [{"folder": "lee/ben", "problem": "consented, but shares nothing now"}]
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(p.name for p in tmp_path.iterdir())
    assert not list(tmp_path.glob(".pool.parquet*")) and not (tmp_path / "backups").exists()
    # Back in: a new consent is a new participant, never the old code.
    study.consent("demo", folder=practice_root / "lee" / "ann")
    study.pool(out, "demo", practice_root)
    assert ann not in _participants(out) and _code(practice_root, "lee", "ann") in _participants(out)


def test_pool_reads_each_share_as_untrusted(tmp_path, practice_root):
    lee = practice_root / "lee"
    (lee / "ann" / "study.json").write_text("{not json")
    (lee / "ben" / "study.json").write_text(json.dumps({"studies": {"demo": {"participant": "../../x",
                                                                             "consented_at": "2026-10-01"}}}))
    cat = lee / "cat" / "study.json"
    cat.rename(lee / "cat" / "elsewhere.json")
    cat.symlink_to(lee / "cat" / "elsewhere.json")
    (lee / "fay").symlink_to(practice_root / "kim" / "zoë")  # a link is never followed
    zoe = practice_root / "kim" / "zoë" / "entries.csv"
    lines = zoe.read_text().splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[3], "eleven", 1)  # a mood that is not a number
    zoe.write_text("\n".join(lines) + "\n")
    done = study.pool(tmp_path / "pool.parquet", "demo", practice_root)
    problems = dict(zip(done.problems["folder"], done.problems["problem"]))
    assert "is not valid JSON" in problems["lee/ann"]
    assert "field participant: not a code of 16 hex digits" in problems["lee/ben"]
    assert "is not a plain file" in problems["lee/cat"]
    assert problems["kim/zoë"].startswith("1 problem in entries.csv") and "line 4, mood" in problems["kim/zoë"]
    assert done.participants == 1 and "lee/fay" not in problems
    kept = pd.read_parquet(done.path)
    assert len(kept) == len(lines) - 2  # every row of Zoë's share but the header and the one with a bad mood


def test_study_links_agree_with_the_practice_page(tmp_path):
    """DuckDB's sums over the pool give ghw.practice's numbers on the same people: rm_corr and the mixed model."""
    root = tmp_path / "shared"
    for i in range(7):
        folder = _folder(root, "lee", f"person{i}")
        _share(tmp_path, folder, seed=10 + i, days=60)
        study.consent("demo", folder=folder)
    out = tmp_path / "pool.parquet"
    study.pool(out, "demo", root)
    ours = study.links(out)
    days = practice.pooled_days(root / "lee")
    columns = ["estimate", "ci_low", "ci_high", "p_val", "n", "n_obs", "dof"]
    for x, row in zip(practice.MEASURES, ours.itertuples(index=False)):
        theirs = practice.rm_corr(days, x)
        assert row.x == x and row.status == theirs["status"].iat[0] == "ok"
        np.testing.assert_allclose([getattr(row, c) for c in columns], theirs[columns].iloc[0].to_numpy(dtype=float),
                                   rtol=1e-9)
    # The days DuckDB makes are ghw.tables.daily's, day for day (the days without entries aside).
    names = {study.consents(f)["demo"]["participant"]: f.name for f in (root / "lee").iterdir()}
    pooled = study.days(out).assign(person=lambda d: d["person"].map(names)).sort_values(["person", "date"])
    theirs = days.loc[days["entries"] > 0].sort_values(["person", "date"])
    measures = ["mood", "entries", "connections", "minutes", "quality"]
    pd.testing.assert_frame_equal(pooled[["person", "date", *measures]].reset_index(drop=True),
                                  theirs[["person", "date", *measures]].reset_index(drop=True), check_dtype=False)
    a, b = practice.mixed_model(pooled, "quality"), practice.mixed_model(theirs, "quality")
    assert a["status"].iat[0] == "ok"
    np.testing.assert_allclose(a[["estimate", "ci_low", "ci_high"]], b[["estimate", "ci_low", "ci_high"]], rtol=1e-9)
    few = study.links(out, min_people=8)
    assert (few["status"] == "too_few").all() and few["estimate"].isna().all()


def test_study_on_the_command_line(tmp_path, practice_root, monkeypatch):
    ann = practice_root / "lee" / "ann"
    monkeypatch.setenv(sharing.SHARE_DIR_VAR, str(ann))
    monkeypatch.setenv(study.STUDY_VAR, "demo")
    env = dict(os.environ)
    done = ghw_command("study", "status", env=env)
    assert done.returncode == 0 and "demo: joined" in done.stdout
    done = ghw_command("study", "withdraw", env=env)
    assert done.returncode == 0 and "You left the study 'demo'" in done.stdout and "next gathered" in done.stdout
    assert "You have not joined any study" in ghw_command("study", "status", env=env).stdout
    done = ghw_command("study", "consent", env=env)
    assert done.returncode == 0 and "You joined the study 'demo'" in done.stdout and "never your name" in done.stdout
    out = tmp_path / "pool.parquet"
    done = ghw_command("study", "pool", "--shares", practice_root, "--out", out, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Pooled 4 participants (") and f"of the study 'demo' into {out}" in done.stdout
    env[study.POOL_VAR] = str(out)
    done = ghw_command("study", "ask", "size", env=env)
    assert done.returncode == 0 and done.stdout.split("\n")[1].split()[0] == "4"
    done = ghw_command("study", "ask", "links", "--csv", tmp_path / "links.csv", env=env)
    assert done.returncode == 0 and "repeated-measures correlation" in done.stdout
    assert list(pd.read_csv(tmp_path / "links.csv")["x"]) == list(practice.MEASURES)
    done = ghw_command("study", "ask", "--sql", "SELECT count(*) AS n FROM days WHERE mood >= 7", env=env)
    assert done.returncode == 0 and done.stdout.split()[0] == "n"
    for args, said in ((("ask", "who"), "There is no question 'who'; ask one of: participants, size, links"),
                       (("ask", "--sql", "SELEKT 1"), "DuckDB could not run that question"),
                       (("ask",), "Ask one thing"),
                       (("ask", "size", "--pool", tmp_path / "none.parquet"), "There is no pool at"),
                       (("pool", "--out", out, "--shares", tmp_path / "nowhere"), "There is no folder"),
                       (("consent", "--study", "Big Study"), "is not a study's name")):
        done = ghw_command("study", *args, env=env)
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("pool_bench", study_root() / "benchmarks" / "pool.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def study_root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def test_the_scale_doc_quotes_the_last_saved_pool_run():
    bench = _bench()
    saved = json.loads(bench.FIGURES.read_text())
    assert bench.doc_block(bench.DOC.read_text()) == bench.render(saved)
    assert saved["agree"] and (saved["people"], saved["days"]) == (1000, 90)


def test_the_pool_benchmark_runs_and_agrees_on_a_small_run():
    bench = _bench()
    figures = bench.measure(12, 21)
    assert figures["agree"] and figures["consenting"] == 11 and figures["r_people"] <= 11
    assert set(figures) == set(json.loads(bench.FIGURES.read_text()))


@pytest.mark.slow
def test_the_scale_docs_machine_free_figures_are_current():
    """What does not depend on the machine (entries, days, r) is what a rerun at the saved size gives."""
    bench = _bench()
    saved = json.loads(bench.FIGURES.read_text())
    again = bench.measure(saved["people"], saved["days"])
    for key in ("consenting", "entries", "person_days", "r_people", "r_days"):
        assert again[key] == saved[key], key
    assert again["r_duckdb"] == pytest.approx(saved["r_duckdb"], abs=1e-12)

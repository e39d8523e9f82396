"""Contract tests: every member of every registry (findings, export formats, instruments, importers) does what its
registry promises, whoever wrote it. A new member is covered here the moment it is registered."""

import datetime as dt
import re

import numpy as np
import pytest
from daylio_export import export as daylio_export
from daylio_export import moods_map
from pypdf import PdfReader

import ghw
from ghw import checkins, exports, findings, importers, instruments, paths, plots, summary, vocabulary
from ghw.widgets import ImportFileForm, ImportPage
from helpers import ghw_command

# -- findings: numbers, a sentence and a chart, on a year and on nothing ------------------------------------------------


@pytest.fixture(scope="module")
def year():
    """The sample year with its check-ins and experiment, as the reflection page reads it."""
    from ghw import experiment

    return findings.Data(ghw.load(paths.SAMPLE_JOURNAL), checkins=checkins.load_checkins(paths.SAMPLE_CHECKINS),
                         experiments=experiment.load(paths.SAMPLE_EXPERIMENTS), as_of=dt.date(2026, 11, 1))


@pytest.mark.parametrize("name", list(findings.FINDINGS))
def test_every_finding_computes_explains_and_draws(name, year):
    import matplotlib.pyplot as plt

    finding = findings.FINDINGS[name]
    for data in (year, findings.Data(ghw.load(paths.SAMPLE_JOURNAL).iloc[:0])):
        result = finding.compute(data)
        if result is not None:  # a table with a status code, or a chart with nothing to compute
            assert "status" in result or result.empty or name in ("relationships", "timeline", "calendar"), name
        assert isinstance(finding.explain(result, data), str)
        _, ax = plt.subplots()
        assert finding.plot(result, data, ax) is ax
    assert finding.title and finding.intro


# -- export formats: every format writes every kind of summary, under pseudonyms ---------------------------------------

KINDS = {"month": "2026-10", "week": "2026-W42", "span": "2026-09-01..2026-10-31"}


@pytest.fixture(scope="module")
def reports():
    """A month, a week and a span of the sample, with everything beside it, names under pseudonyms."""
    from ghw import experiment, plan
    from ghw.people.file import load_people

    entries = ghw.load(paths.SAMPLE_JOURNAL)
    inputs = dict(plan=plan.load_plan(paths.SAMPLE_PLAN), people=load_people(paths.SAMPLE_PEOPLE),
                  checkins=checkins.load_checkins(paths.SAMPLE_CHECKINS),
                  experiments=experiment.load(paths.SAMPLE_EXPERIMENTS))
    names = set(entries["person"].dropna()) | set(inputs["people"]["person"].dropna())
    return names, {kind: summary.summary(entries, period, key=b"k" * 16, **inputs) for kind, period in KINDS.items()}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", list(exports.EXPORTS))
def test_every_export_writes_every_kind_of_summary_without_a_name(fmt, kind, reports, tmp_path):
    names, made = reports
    report = made[kind]
    export = exports.EXPORTS[fmt]
    path = export.to(report, tmp_path / f"report.{fmt}")
    data = path.read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(path).pages) if fmt == "pdf" else data.decode("utf-8")
    assert len(text) > 100
    left = {name for name in names if re.search(rf"\b{re.escape(name)}\b", text)} - set(report.unsure)
    assert not left, f"{fmt} of a {kind} names {left}"
    assert export.label and export.holds and fmt in exports.preview(report, fmt).lower()


# -- instruments: the extremes scored, a check-in kept and read back, every word and colour there -----------------------


@pytest.mark.parametrize("name", list(instruments.INSTRUMENTS))
def test_every_instrument_scores_its_extremes(name, journal_path):
    found = checkins.instrument(name)
    for pick, end in ((min, "low"), (max, "high")):
        answers = {item.id: pick(item.values) for item in found.items}
        saved = checkins.save(checkins.checkins_path(journal_path), name, answers, date="2026-11-01")
        assert saved["complete"]
        for scale in found.scales:
            assert saved["scores"][scale.name] == getattr(scale, end), (scale.name, end)


@pytest.mark.parametrize("name", list(instruments.INSTRUMENTS))
def test_every_instrument_round_trips_a_file(name, journal_path):
    found = checkins.instrument(name)
    rng = np.random.default_rng(7)
    path = checkins.checkins_path(journal_path)
    given = []
    for day in (1, 15):
        answers = {item.id: int(rng.choice(item.values)) for item in found.items}
        text = ",".join(str(answers[item.id]) for item in found.items)
        assert checkins.parse_answers(name, text) == {k: str(v) for k, v in answers.items()}
        checkins.save(path, name, checkins.parse_answers(name, text), date=f"2026-11-{day:02d}")
        given.append(answers)
    table = checkins.load_checkins(path)
    assert len(table) == 2 * len(found.items) and set(table["instrument"]) == {name}
    scores = checkins.scores(table)
    for number, answers in enumerate(given):
        mine = scores.loc[scores["checkin"] == scores["checkin"].unique()[number]].set_index("scale")["score"]
        assert {s: int(v) for s, v in mine.items()} == {s.name: s.score(answers) for s in found.scales}
    assert name in set(checkins.due(table, dt.date(2026, 12, 31))["instrument"])


@pytest.mark.parametrize("name", list(instruments.INSTRUMENTS))
def test_every_instrument_has_its_words_colours_and_doc(name):
    found = instruments.INSTRUMENTS[name]
    doc = (paths.PROJECT_DIR / "docs" / "checkin-format.md").read_text(encoding="utf-8")
    assert f"`ghw checkin {name}`" in doc and f"ghw/instruments/{name}.json" in doc
    assert found.reported, "an instrument needs a score that stands for it"
    for scale in found.scales:
        assert vocabulary.label(scale.name) == scale.label and vocabulary.name(scale.name) == scale.called
        assert scale.chart is None or scale.chart.colour in plots.PALETTE
        assert scale.words is None or len(scale.items) == 1  # words are said for a single question only
    assert {s.name for s in found.scales}.isdisjoint(vocabulary.TERMS)
    every = [s.name for other in instruments.INSTRUMENTS.values() for s in other.scales]
    assert len(every) == len(set(every)), "each score needs a name of its own across instruments"


# -- importers: each reads a tiny sample, on the command line and in the Import tab --------------------------------------


def _daylio(folder):
    path = folder / "daylio.csv"
    path.write_text(daylio_export("full-date", days=6), encoding="utf-8")
    moods = folder / "moods.csv"
    moods.write_text(moods_map(), encoding="utf-8")
    return path, {"moods": moods}


def _csv(folder):
    path = folder / "sheet.csv"
    path.write_text("Day,Feeling,With,Kind\n25/11/2026,7,Ørjan,friend\n26/11/2026,5,,\n", encoding="utf-8")
    mapping = folder / "map.csv"
    mapping.write_text("journal,source\ndate,Day\nmood,Feeling\nperson,With\nrelationship,Kind\n", encoding="utf-8")
    return path, {"map": mapping, "date_format": "%d/%m/%Y"}


# A tiny file of each importer's kind, and what it takes beside it; a new importer adds its own here.
SAMPLES = {"daylio": _daylio, "csv": _csv}


def test_every_importer_has_a_sample_here():
    assert set(SAMPLES) == set(importers.IMPORTERS)


@pytest.mark.parametrize("name", list(importers.IMPORTERS))
def test_every_importer_reads_a_tiny_sample(name, tmp_path):
    importer = importers.IMPORTERS[name]
    file, options = SAMPLES[name](tmp_path)
    journal_file = tmp_path / "journal.csv"
    given = {o.name: options.get(o.name) for o in importer.options}
    dry = importer.run(file, journal=journal_file, dry_run=True, **given)
    assert len(dry.merged.added) and not journal_file.exists()
    done = importer.run(file, journal=journal_file, dry_run=False, **given)
    assert len(ghw.load(journal_file)) == len(done.merged.added) == len(dry.merged.added)
    assert not len(importer.run(file, journal=journal_file, dry_run=False, **given).merged.added)  # nothing twice

    args = [a for o in importer.options if options.get(o.name) is not None for a in (o.flag, options[o.name])]
    again = ghw_command("import", name, file, *args, "--journal", tmp_path / "other.csv")
    assert again.returncode == 0, again.stderr
    assert f"Added {len(done.merged.added)} " in again.stdout
    helped = ghw_command("import", name, "--help").stdout
    assert all(o.flag in helped for o in importer.options) and importer.file_help in helped


def test_the_import_tab_lists_every_importer(tmp_path):
    page = ImportPage(tmp_path / "journal.csv")
    assert [name for _, name in page.source.options] == list(importers.IMPORTERS)
    for name, importer in importers.IMPORTERS.items():
        shown = page.choose(name)
        assert page.body.children == (shown,)
        assert isinstance(shown, ImportFileForm) == (importer.page is None)
    page.reload()


def test_an_importer_without_a_page_of_its_own_is_a_page_built_from_its_options(tmp_path):
    journal_file = tmp_path / "journal.csv"
    file, options = _csv(tmp_path)
    form = ImportPage(journal_file).choose("csv")
    assert form.preview() is None and "Choose the file and column mapping first." in form.status.value
    assert form.load("file", "my sheet.csv", file.read_bytes())
    assert (tmp_path / "imports" / "csv.csv").read_bytes() == file.read_bytes() and "my sheet.csv" in form.kept["file"].value
    assert form.load("map", "map.csv", options["map"].read_bytes())
    assert form.preview() is None and "not a date" in form.status.value  # 25/11/2026 needs its date format
    form.texts["date_format"].value = "%d/%m/%Y"
    assert len(form.preview().merged.added) == 2 and "Would add 2 entries" in form.status.value
    assert "Ørjan" in form.preview_table.value and not journal_file.exists()
    assert len(form.run().merged.added) == 2 and "✓ Added 2 entries" in form.status.value
    assert set(ghw.load(journal_file)["person"].dropna()) == {"Ørjan"}
    form.load("map", "bad map.csv", b"journal,source\ndate,Day\n")
    assert form.run() is None and "bad map.csv" in form.status.value and "holds mood" in form.status.value

"""How fast ghw is as a journal grows: medians of repeated runs, with ratios to baselines measured alongside.

    make bench            # or: .venv/bin/python benchmarks/bench.py [--repeat 7]

Journals are synthetic (ghw.sample), written to a temporary folder. Nothing
here is a test: it prints figures, and the targets beside them.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import ghw
from ghw import digest, findings, journal, paths, sample
from ghw.people.contacts import duplicates
from ghw.people.due import overdue
from ghw.people.ledger import ledger
from ghw.people.page import person
from ghw.people.variety import variety
from ghw.tables import daily

SIZES = {"1 year": 365, "10 years": 3650, "30 years": 10950, "100,000 entries": 27_800}
APPEND_SIZES = (1_000, 380_000)  # entries: appending must cost the same at any size


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_python(code: str, repeat: int, env=None) -> float:
    return median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True, env=env), repeat)


def peak_memory_mb(code: str) -> float:
    """Peak resident memory (VmHWM) of a fresh interpreter running ``code``, in MB."""
    script = f"{code}\nprint(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def all_analyses(entries: pd.DataFrame) -> None:
    """Everything the reflection page computes: every registered finding, on daily and weekly tables built once."""
    findings.compute(findings.Data(entries))


def the_digest(data: findings.Data, results: dict) -> list[str]:
    """What Reflect adds once the findings are computed on its tables: every finding's readings, the digest, its
    words."""
    return digest.lines(digest.digest(data, table=digest.readings(data, results)))


def session_report(entries: pd.DataFrame) -> bytes:
    """The PDF of the last 30 days, as ``ghw export --format pdf --since`` makes it (no check-ins or plan)."""
    from ghw import exports, summary

    end = entries["date"].max().date()
    report = summary.summary(entries, summary.span(end - pd.Timedelta(days=29), end), key=b"k" * 32)
    return exports.EXPORTS["pdf"].write(report)


def people_page(entries: pd.DataFrame) -> None:
    """What the People page computes before showing one person: the ledger, who is due, look-alikes, the mix."""
    ledger(entries)
    overdue(entries)
    duplicates(entries)
    variety(entries)


def renaming(path: Path):
    """An action that renames Jo to Joanna in every entry of ``path``, then back, and so on."""
    turns = iter(range(10**9))

    def rename() -> None:
        old, new = ("Jo", "Joanna") if next(turns) % 2 == 0 else ("Joanna", "Jo")
        rename(path, old, new)
    return rename


def daylio_imports(folder: Path, repeat: int) -> None:
    """A 10-year Daylio export imported (first), imported again with a map that gives 1 entry in 7 a connection
    (an update: one rewrite), and imported again with nothing to do; each against reading the export alone."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from daylio_export import MOODS, export

    from ghw import importers

    source = folder / "daylio_export.csv"
    source.write_text(export("scales", days=3650), encoding="utf-8")
    activities = folder / "daylio.activities.csv"
    activities.write_text("activity,relationship,person\nfamily,family,\nTania-time,partner,Tania\n")
    read = median_time(lambda: importers.read_daylio(source, moods=MOODS), repeat)
    size = f"10 years ({len(importers.read_daylio(source, moods=MOODS)):,})"
    report("read the export", size, read)
    target, record = folder / "imported.csv", importers.record_path(folder / "imported.csv")

    def timed(before: tuple[bytes, bytes] | None, **maps) -> tuple[float, tuple[bytes, bytes]]:
        """Median time of an import into the journal as ``before`` (journal, record) holds it; the journal after."""
        times = []
        for _ in range(repeat):
            for path, data in zip((target, record), before or (None, None)):
                path.unlink(missing_ok=True)
                if data is not None:
                    path.write_bytes(data)
            start = time.perf_counter()
            importers.import_daylio(source, journal=target, moods=MOODS, **maps)
            times.append(time.perf_counter() - start)
        return statistics.median(times), (target.read_bytes(), record.read_bytes())

    first, imported = timed(None)
    report("first import", size, first, "reading", read)
    update, mapped = timed(imported, activities=activities)
    report("again, with a map (an update)", size, update, "first import", first)
    again, _ = timed(mapped, activities=activities)
    report("again, nothing to do", size, again, "first import", first)


def bare_append(path: Path, line: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def report(what, size, seconds, baseline_name="", baseline=None, target=""):
    ratio = f"{seconds / baseline:.2f}x {baseline_name}" if baseline else ""
    print(f"  {what:<34} {size:<24} {seconds * 1000:>10,.1f} ms   {ratio:<26} {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (the median is shown)")
    args = parser.parse_args()
    repeat = args.repeat
    print(f"ghw {ghw.__version__} · Python {platform.python_version()} · pandas {pd.__version__} · "
          f"{platform.machine()}, {os.cpu_count()} cores · median of {repeat} runs\n")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print("Import, in a fresh interpreter")
        bare = fresh_python("import pandas", repeat)
        report("import pandas", "", bare)
        ours = fresh_python("import ghw", repeat)
        report("import ghw", "", ours, "import pandas", bare, f"target: {(ours - bare) * 1000:+.0f} ms, under +300 ms")

        files = {}
        for name, days in SIZES.items():
            files[name] = folder / f"{days}.csv"
            journal.create(files[name], sample.generate(days, seed=1, end="2026-10-31"))

        print("\nLoad (read and validate) against a bare pandas.read_csv of the same file")
        for name, path in files.items():
            entries = ghw.load(path)
            base = median_time(lambda p=path: pd.read_csv(p), repeat)
            load = median_time(lambda p=path: ghw.load(p), repeat)
            target = "target: < 2x" if name == "100,000 entries" else ""
            report("ghw.load", f"{name} ({len(entries):,})", load, "read_csv", base, target)

        print("\nAppend one entry (lock, validate, append, fsync) against a bare append with fsync, at 1,000 and "
              "380,000 entries, as generated and with no quoted field (where the check of the file's end once grew)")
        entry = {"date": "2026-11-01", "time": "12:00", "mood": 6, "person": "Jo", "relationship": "friend",
                 "quality": 4, "note": "benchmark"}
        line = b"x,2026-11-01,12:00,6,Jo,friend,,,,4,,,benchmark\n"
        header, body = files["100,000 entries"].read_bytes().split(b"\n", 1)
        for kind, records in (("as generated", body), ("no quotes", re.sub(rb'"[^"]*"', b"x", body))):
            records = records.splitlines(keepends=True)
            copies, bare_copies = {}, {}
            for count in APPEND_SIZES:
                copies[count] = folder / f"append-{count}.csv"
                copies[count].write_bytes(header + b"\n" + b"".join(records[i % len(records)] for i in range(count)))
                bare_copies[count] = folder / f"bare-{count}.csv"
                bare_copies[count].write_bytes(copies[count].read_bytes())
            # Turn by turn across the sizes, so that a disk or a machine busy for a while slows every size alike.
            times = {(count, what): [] for count in APPEND_SIZES for what in ("ghw", "bare")}
            for _ in range(repeat * 5):
                for count in APPEND_SIZES:
                    times[count, "bare"].append(median_time(lambda p=bare_copies[count]: bare_append(p, line), 1))
                    times[count, "ghw"].append(median_time(lambda p=copies[count]: ghw.append(p, entry), 1))
            for count in APPEND_SIZES:
                ours, base = statistics.median(times[count, "ghw"]), statistics.median(times[count, "bare"])
                target = ""
                if count == APPEND_SIZES[-1]:
                    growth = ours / statistics.median(times[APPEND_SIZES[0], "ghw"])
                    target = f"target: < 3x bare; {growth:.2f}x the {APPEND_SIZES[0]:,}-entry append (< 1.5x)"
                report("ghw.append", f"{count:,} ({kind})", ours, "bare append", base, target)

        print("\nDays, and every reflection analysis")
        for name, path in files.items():
            entries = ghw.load(path)
            report("ghw.tables.daily", name, median_time(lambda e=entries: daily(e), repeat))
            all_analyses(entries)  # first call imports statsmodels; not counted
            target = "target: < 1 s" if name == "10 years" else ""
            analyses = median_time(lambda e=entries: all_analyses(e), repeat)
            report("all reflection analyses", name, analyses, target=target)
            if name in ("1 year", "10 years"):
                data = findings.Data(entries)
                results = findings.compute(data)  # as the page has them, on tables built once
                report("  the digest, from their tables", name,
                       median_time(lambda d=data, r=results: the_digest(d, r), repeat), "all reflection analyses",
                       analyses)
                report("  a month's session report (PDF)", name,
                       median_time(lambda e=entries: session_report(e), max(1, repeat // 2)),
                       "all reflection analyses", analyses)
            if name == "10 years":
                data = findings.Data(entries)
                report("daily and weekly tables, once", name,
                       median_time(lambda d=data: (d.daily, d.weekly), 1))  # as on the page, before the findings
                for key, finding in findings.FINDINGS.items():
                    report(f"  {key}", name, median_time(lambda f=finding, d=data: f.compute(d), repeat))

        print("\nThe People page, and renaming someone in every entry against one edit (both rewrite the file)")
        for name in ("10 years", "100,000 entries"):
            entries = ghw.load(files[name])
            analyses = median_time(lambda e=entries: all_analyses(e), max(1, repeat // 2))
            report("people page", name, median_time(lambda e=entries: people_page(e), repeat),
                   "all reflection analyses", analyses)
            report("one person's page", name, median_time(lambda e=entries: person(e, "Jo"), repeat))
            copy = folder / f"rename-{SIZES[name]}.csv"
            copy.write_bytes(files[name].read_bytes())
            first = ghw.load(copy)["id"].iat[0]
            edit = median_time(lambda p=copy, i=first: ghw.edit(p, i, {"mood": 5}), repeat)
            report("rename", name, median_time(renaming(copy), repeat), "ghw.edit", edit)

        print("\nImporting Daylio: the first time, again with a map, again with nothing new")
        daylio_imports(folder, max(1, repeat // 2))

        print("\nThe reflection notebook, executed headless (kernel start included)")
        import nbformat
        from nbclient import NotebookClient

        env_before = os.environ.get("GHW_JOURNAL")
        os.environ["GHW_JOURNAL"] = str(files["10 years"])

        def run_notebook():
            notebook = nbformat.read(paths.notebooks_dir() / "02-reflect.ipynb", as_version=4)
            NotebookClient(notebook, timeout=300, kernel_name="python3").execute()

        report("02-reflect.ipynb", "10 years", median_time(run_notebook, max(1, repeat // 2)), target="target: < 15 s")
        if env_before is None:
            del os.environ["GHW_JOURNAL"]
        else:
            os.environ["GHW_JOURNAL"] = env_before

        print("\nPeak memory of a fresh interpreter (resident set)")
        largest = files["100,000 entries"]
        base = peak_memory_mb("import ghw")
        load = peak_memory_mb(f"import ghw; ghw.load({str(largest)!r})")
        run = peak_memory_mb(
            f"import ghw, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from bench import all_analyses; "
            f"all_analyses(ghw.load({str(largest)!r}))")
        print(f"  {'import ghw':<34} {'':<24} {base:>10,.0f} MB")
        print(f"  {'+ load':<34} {'100,000 entries':<24} {load:>10,.0f} MB")
        print(f"  {'+ load and all analyses':<34} {'100,000 entries':<24} {run:>10,.0f} MB")


if __name__ == "__main__":
    main()

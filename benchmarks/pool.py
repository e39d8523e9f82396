"""A study's pool, measured: ghw.study against the practice page's way, and the figures in docs/scale.md.

    .venv/bin/python benchmarks/pool.py [--people 1000] [--days 90] [--save]

Needs the study extra (pip install -e ".[study]": DuckDB and pyarrow).
Makes a synthetic shared root (one folder per person under one
practitioner, with the entries.csv and summary.json that ``ghw share``
writes, from ghw.sample journals; nine people in ten consent to the study),
then times, on this machine:

1. ``ghw.practice.pooled_days``: every share read, checked and made into
   days, as the practitioner's page does (the baseline), and
   ``ghw.practice.rm_corr`` and ``ghw.practice.mixed_model`` on those days;
2. ``ghw.study.pool``: the consenting people's shares into one Parquet
   file, in a process of its own, whose peak memory is the pool job's;
3. DuckDB over that file: ``ghw.study.days`` and ``ghw.study.links``;

and checks that DuckDB's within-person correlation equals ghw's on the same
people. ``--save`` writes the figures to ``benchmarks/pool.json`` and the
block of ``docs/scale.md`` between its pool markers, from those figures
(:func:`render`), so the doc says what the last saved run measured.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from ghw import journal, practice, sample, sharing, study

HERE = Path(__file__).resolve().parent
FIGURES = HERE / "pool.json"
DOC = HERE.parent / "docs" / "scale.md"
BEGIN = "<!-- pool figures: written by benchmarks/pool.py --save from benchmarks/pool.json; do not edit by hand -->"
END = "<!-- end of pool figures -->"
STUDY = "bench"


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def make_shares(root: Path, people: int, days: int) -> list[str]:
    """One folder per person under the practitioner "lee"; returns the names of those who consented."""
    consenting = []
    for i in range(people):
        mine = root / "lee" / f"person{i:05d}"
        mine.mkdir(parents=True, mode=0o750)
        journal.create(mine / sharing.ENTRIES_FILE, sample.generate(days, seed=i, end="2026-10-31"))
        (mine / sharing.SUMMARY_FILE).write_text("{}")
        if i % 10 != 9:
            study.consent(STUDY, folder=mine)
            consenting.append(mine.name)
    return consenting


def pool_in_child(root: Path, out: Path) -> tuple[float, float]:
    """``ghw.study.pool`` in a fresh interpreter (as the nightly job runs it): wall seconds and peak MiB."""
    code = ("import sys, time; from ghw import study; t = time.perf_counter(); "
            f"study.pool(sys.argv[2], {STUDY!r}, sys.argv[1]); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(out)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip()), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(people: int, days: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "shared", Path(tmp) / "pool.parquet"
        consenting = make_shares(root, people, days)
        csv_bytes = sum(p.stat().st_size for p in root.rglob(sharing.ENTRIES_FILE))
        everyone, pooled_days_s = timed(lambda: practice.pooled_days(root / "lee"))
        theirs = everyone.loc[everyone["person"].isin(consenting)]
        rm, rm_corr_s = timed(lambda: practice.rm_corr(theirs, "connections"))
        _, mixed_s = timed(lambda: practice.mixed_model(theirs, "connections"))
        pool_s, pool_mib = pool_in_child(root, out)
        pooled, days_s = timed(lambda: study.days(out))
        links, links_s = timed(lambda: study.links(out))
        _, mixed_pooled_s = timed(lambda: practice.mixed_model(pooled, "connections"))
        ours = links.set_index("x").loc["connections"]
        return {
            "machine": f"{platform.machine()}, Python {platform.python_version()}, pandas {pd.__version__}",
            "people": people, "days": days, "consenting": len(consenting),
            "entries": int(study.ask("size", out)["entries"].iat[0]),
            "person_days": len(pooled), "csv_mib": csv_bytes / 2**20, "parquet_mib": out.stat().st_size / 2**20,
            "pooled_days_s": pooled_days_s, "rm_corr_s": rm_corr_s, "mixed_model_s": mixed_s,
            "pool_s": pool_s, "pool_peak_mib": pool_mib, "duckdb_days_s": days_s, "duckdb_links_s": links_s,
            "mixed_model_on_pool_s": mixed_pooled_s,
            "r_duckdb": float(ours["estimate"]), "r_ghw": float(rm["estimate"].iat[0]),
            "r_people": int(ours["n"]), "r_days": int(ours["n_obs"]),
            "agree": bool(ours["n"] == rm["n"].iat[0] and ours["n_obs"] == rm["n_obs"].iat[0]
                          and abs(ours["estimate"] - rm["estimate"].iat[0]) < 1e-9),
        }


def render(f: dict) -> str:
    """The doc's block of figures, from a run's figures (the same text for the same figures)."""
    rows = [
        ("read, check and turn every share into days (`ghw.practice.pooled_days`, the practice page's way)",
         f"{f['pooled_days_s']:.1f} s"),
        ("the repeated-measures correlation on those days (`ghw.practice.rm_corr`)", f"{f['rm_corr_s']:.2f} s"),
        ("the multilevel model with random slopes on those days (`ghw.practice.mixed_model`)",
         f"{f['mixed_model_s']:.1f} s"),
        ("gather the consenting people's shares into one Parquet file (`ghw study pool`, in a process of its own)",
         f"{f['pool_s']:.1f} s, at most {f['pool_peak_mib']:.0f} MiB ({f['csv_mib']:.1f} MiB of CSV become "
         f"{f['parquet_mib']:.1f} MiB)"),
        ("DuckDB over the Parquet file: the days (`ghw.study.days`)", f"{f['duckdb_days_s']:.2f} s"),
        ("DuckDB: the within-person correlation of three measures with mood (`ghw study ask links`)",
         f"{f['duckdb_links_s']:.2f} s"),
        ("the multilevel model on DuckDB's days", f"{f['mixed_model_on_pool_s']:.1f} s"),
    ]
    table = "\n".join(f"| {what} | {figure} |" for what, figure in rows)
    verdict = ("equals" if f["agree"] else "DOES NOT equal")
    return (f"{f['people']:,} people with {f['days']} days each, {f['consenting']:,} of whom consented: "
            f"{f['entries']:,} entries and {f['person_days']:,} person-days in the pool ({f['machine']}).\n\n"
            f"| step | time |\n|---|---|\n{table}\n\n"
            f"The correlation DuckDB computes {verdict} ghw's on the same people: r = {f['r_duckdb']:.4f} "
            f"against {f['r_ghw']:.4f} ({f['r_people']:,} people, {f['r_days']:,} days).")


def doc_block(text: str) -> str:
    """What stands between the pool markers of a doc's text."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--save", action="store_true", help="write benchmarks/pool.json and docs/scale.md's figures")
    args = parser.parse_args()
    figures = measure(args.people, args.days)
    print(render(figures))
    if args.save:
        FIGURES.write_text(json.dumps(figures, indent=1) + "\n")
        text = DOC.read_text(encoding="utf-8")
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        DOC.write_text(f"{text[:start]}\n{render(figures)}\n{text[end:]}", encoding="utf-8")
        print(f"\nSaved to {FIGURES.name} and {DOC.name}.")


if __name__ == "__main__":
    main()

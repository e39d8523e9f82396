"""A study's pool: many people's shared entries gathered into one Parquet file and queried with DuckDB.

    .venv/bin/python benchmarks/pool.py [--people 1000] [--days 90]

Needs the optional extras: pip install -e ".[study]" (duckdb, pyarrow).
Makes a synthetic practice folder (one folder per person with the
entries.csv that ``ghw share`` writes; ghw.sample journals), then times:

1. ghw.practice.pooled_days: every share read, checked and made into days
   (what the practitioner's page does), the baseline;
2. gathering the shares into one Parquet file (pandas + pyarrow);
3. DuckDB over that file: days per person, and the repeated-measures
   correlation of connections and mood, in SQL;
and prints the figures, with the DuckDB r beside ghw's rm_corr as a check.
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from ghw import journal, practice, sample, sharing

DAYS_SQL = """
CREATE TABLE days AS
SELECT person, date, avg(mood) AS mood, count(relationship) AS connections
FROM read_parquet(?) GROUP BY person, date
"""
RM_CORR_SQL = """
WITH usable AS (
    SELECT * FROM days
    WHERE person IN (SELECT person FROM days GROUP BY person
                     HAVING count(*) >= ? AND count(DISTINCT connections) > 1)
), centred AS (
    SELECT connections - avg(connections) OVER (PARTITION BY person) AS x,
           mood - avg(mood) OVER (PARTITION BY person) AS y
    FROM usable
)
SELECT sum(x * y) / sqrt(sum(x * x) * sum(y * y)) AS r, count(*) AS days,
       (SELECT count(DISTINCT person) FROM usable) AS people
FROM centred
"""


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def make_shares(folder: Path, people: int, days: int) -> None:
    for i in range(people):
        mine = folder / f"person{i:04d}"
        mine.mkdir(parents=True)
        journal.create(mine / sharing.ENTRIES_FILE, sample.generate(days, seed=i, end="2026-10-31"))
        (mine / sharing.SUMMARY_FILE).write_text("{}")


def to_parquet(folder: Path, out: Path) -> int:
    frames = [pd.read_csv(p / sharing.ENTRIES_FILE, dtype="str").assign(person=p.name)
              for p in sorted(folder.iterdir()) if (p / sharing.ENTRIES_FILE).is_file()]
    table = pd.concat(frames, ignore_index=True)
    table["date"] = pd.to_datetime(table["date"])
    table["mood"] = pd.to_numeric(table["mood"])
    table.to_parquet(out, index=False)
    return len(table)


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, parquet = Path(tmp) / "shared", Path(tmp) / "pool.parquet"
        _, made = timed(lambda: make_shares(folder, args.people, args.days))
        csv_bytes = sum(p.stat().st_size for p in folder.rglob(sharing.ENTRIES_FILE))
        days, pandas_s = timed(lambda: practice.pooled_days(folder))
        ours, rm_s = timed(lambda: practice.rm_corr(days, "connections"))
        rows, parquet_s = timed(lambda: to_parquet(folder, parquet))
        con = duckdb.connect()
        _, days_sql_s = timed(lambda: con.execute(DAYS_SQL, [str(parquet)]))
        (r, n_days, n_people), rm_sql_s = timed(lambda: con.execute(RM_CORR_SQL, [practice.MIN_DAYS]).fetchone())
        print(f"{args.people} people x {args.days} days: {rows:,} entries, {len(days):,} person-days "
              f"(made in {made:.1f} s)")
        print(f"  shares as CSV: {csv_bytes / 2**20:.1f} MiB; as one Parquet file: {parquet.stat().st_size / 2**20:.1f} MiB")
        print(f"  ghw.practice.pooled_days (read, check, days):   {pandas_s:7.2f} s  (baseline)")
        print(f"  ghw.practice.rm_corr on those days:            {rm_s:7.2f} s")
        print(f"  gather into Parquet (pandas + pyarrow):        {parquet_s:7.2f} s  ({parquet_s / pandas_s:.2f} x)")
        print(f"  DuckDB: days per person from Parquet:          {days_sql_s:7.3f} s  ({days_sql_s / pandas_s:.3f} x)")
        print(f"  DuckDB: repeated-measures correlation:         {rm_sql_s:7.3f} s  ({rm_sql_s / pandas_s:.3f} x)")
        print(f"  r within people, connections and mood: DuckDB {r:.4f} ({n_people} people, {n_days} days); "
              f"ghw {ours['estimate'].iloc[0]:.4f} ({ours['n'].iloc[0]} people, {ours['n_obs'].iloc[0]} days)")


if __name__ == "__main__":
    main()

"""How often each finding calls unrelated series related, and how soon it finds real links.

Null table: mood and the things it is compared with are unrelated AR(1)
series with the same carry-over (lag-1 autocorrelation). For each finding it
prints the share of runs called clear (p < 0.05) by a naive test, by the
methods ghw used before (``before``: Newey-West HAC errors with normal
critical values, the correlation's effective n without bias correction), and
by ``ghw.inference`` (``ghw``). A test that keeps its promise shows about 0.05
or less. ``answered`` is the share of runs where ghw gave a number at all
(the rest say "too_few"); a run that is not answered is not clear.

Power table: the share of clear verdicts when the links are the sample
journal's own (see ``ghw.sample``: quality 0.40 and number 0.20 standard
deviations of mood, mood carry-over 0.3), before and now. Last, the time all
findings take on ten years of sample data.

    .venv/bin/python benchmarks/false_positives.py [--runs 10000] [--only flagship,next_day,...]

Each cell gets 10,000 runs by default: at 2,000, a test that is exactly
right still shows more than 0.06 in about one cell in fifty, by chance
alone. The full run takes about an hour of CPU; sections run alone give the
same numbers, so they can run side by side. Use ``--runs 500`` to iterate. ``benchmarks/false_positives.txt`` holds the last
full run.
"""

import argparse
import json
import time
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from ghw import change, claims, inference, nulls, sample, schema
from ghw.tables import daily, weekly

CARRY_OVER = (0.0, 0.3, 0.5, 0.7)
DAYS = (14, 21, 30, 60, 120, 365)
WEEKS = (8, 12, 26, 52)
POWER_DAYS = (30, 60, 90, 180, 365)
RUN_LENGTHS = (5, 10)
SECTIONS = ("association", "flagship", "next_day", "mood_by", "mood_lift", "weekly", "power", "power_change", "speed",
            "families", "practice")
PRACTICE_DAYS = (30, 60, 120)
PRACTICE_PEOPLE = 8
CHANGE_DAYS = (14, 30, 60, 120, 365)  # the two periods together: a week against the week before, ...
FAMILY_DAYS = (14, 30, 60, 120, 365)
FAMILY_CARRY = (0.0, 0.3, 0.5, 0.7, 0.9)  # 0.9 is a stress cell: reported, not promised
LINE = 0.06  # the most a claim may read in any cell at carry-over 0-0.7
NEAR = 0.04  # a cell with a claim at or above this after the first runs gets --near-runs in all
_Z = stats.norm.ppf(0.975)


def ar1(rng, phi, runs, n):
    """``runs`` independent stationary AR(1) series of length ``n``, unit innovation variance."""
    x = np.empty((runs, n))
    x[:, 0] = rng.normal(size=runs) / np.sqrt(1 - phi**2)
    noise = rng.normal(size=(runs, n))
    for t in range(1, n):
        x[:, t] = phi * x[:, t - 1] + noise[:, t]
    return x


# --- the methods as they were: analysis.py before ghw.inference -----------------------------------------------


def hac_lags(n):
    return max(1, int(np.floor(4 * (n / 100) ** (2 / 9))))


def ols(y, X, hac=True):
    """OLS with an intercept; returns (beta, p-values): Newey-West + normal (before) or classical t (naive)."""
    X = np.column_stack([np.ones(len(y)), X])
    n, p = X.shape
    inverse = np.linalg.inv(X.T @ X)
    beta = inverse @ X.T @ y
    resid = y - X @ beta
    if hac:
        scores = X * resid[:, None]
        meat = scores.T @ scores
        lags = hac_lags(n)
        for lag in range(1, lags + 1):
            cross = scores[lag:].T @ scores[:-lag]
            meat += (1 - lag / (lags + 1)) * (cross + cross.T)
        cov = inverse @ meat @ inverse
        return beta, cov, lambda t: 2 * stats.norm.sf(np.abs(t))
    cov = inverse * (resid @ resid / (n - p))
    return beta, cov, lambda t: 2 * stats.t.sf(np.abs(t), n - p)


def contrast_p(beta, cov, pvalue, c):
    c = np.asarray(c, dtype="float64")
    return pvalue((c @ beta) / np.sqrt(c @ cov @ c))


def zscore(a):
    return (a - a.mean(axis=0)) / a.std(axis=0, ddof=1)


def before_association(x, y, min_n):
    """analysis.association as it was: pandas lag-1 autocorrelations, n_eff >= 10, t with n_eff - 2."""
    both = np.isfinite(x) & np.isfinite(y)
    n = int(both.sum())
    if n < min_n:
        return np.nan
    a, b = pd.Series(x).autocorr(1), pd.Series(y).autocorr(1)
    ab = a * b if np.isfinite(a * b) else 0.0
    ab = max(ab, 0.0)
    n_eff = n * (1 - ab) / (1 + ab)
    if n_eff < 10:
        return np.nan
    r = np.corrcoef(x[both], y[both])[0, 1]
    return 2 * stats.t.sf(abs(r) * np.sqrt((n_eff - 2) / max(1 - r * r, 1e-12)), n_eff - 2)


def pearson_p(x, y):
    both = np.isfinite(x) & np.isfinite(y)
    return stats.pearsonr(x[both], y[both]).pvalue


# --- one finding per function: returns {method: [p-values or clear flags per run]} -------------------------------


def sim_association(rng, phi, n, runs, min_n=21, ghw_min_n=inference.MIN_OBS):
    x, y = ar1(rng, phi, runs, n), ar1(rng, phi, runs, n)
    index = pd.date_range("2026-01-01", periods=n)
    out = {"naive": [], "before": [], "ghw": [], "answered": []}
    for i in range(runs):
        out["naive"].append(pearson_p(x[i], y[i]))
        out["before"].append(before_association(x[i], y[i], min_n))
        result = inference.correlation(pd.Series(x[i], index), pd.Series(y[i], index), min_n=ghw_min_n)
        out["ghw"].append(result["p_val"])
        out["answered"].append(result["status"] == "ok")
    return out


def flagship_days(rng, phi, n, runs):
    """Null flagship data: mood, quality and a connection count, all AR(1); zero-count days drop out."""
    mood, quality, count = ar1(rng, phi, runs, n), ar1(rng, phi, runs, n), ar1(rng, phi, runs, n)
    return mood, quality, np.clip(np.rint(1.5 + count), 0, 4)


def sim_flagship(rng, phi, n, runs):
    mood, quality, connections = flagship_days(rng, phi, n, runs)
    index = pd.date_range("2026-01-01", periods=n)
    out = {f"{m} {t}": [] for m in ("naive", "before", "ghw") for t in ("quality", "difference")} | {"answered": []}
    for i in range(runs):
        frame = pd.DataFrame({"mood": mood[i], "quality": quality[i], "connections": connections[i]}, index)
        used = frame.loc[frame["connections"] > 0]
        if len(used) >= 21 and used["connections"].nunique() > 1:
            z = zscore(used.to_numpy())
            for method, hac in (("naive", False), ("before", True)):
                beta, cov, pvalue = ols(z[:, 0], z[:, 1:], hac)
                out[f"{method} quality"].append(contrast_p(beta, cov, pvalue, [0, 1, 0]))
                out[f"{method} difference"].append(contrast_p(beta, cov, pvalue, [0, 1, -1]))
        else:
            for method in ("naive", "before"):
                out[f"{method} quality"].append(np.nan)
                out[f"{method} difference"].append(np.nan)
        table = inference.quality_vs_quantity(frame).set_index("term")
        out["ghw quality"].append(table.at["quality", "p_val"])
        out["ghw difference"].append(table.at["quality - connections", "p_val"])
        out["answered"].append(table.at["quality", "status"] == "ok")
    return out


def sim_next_day(rng, phi, n, runs):
    """Familywise: share of runs where any of the four today-to-tomorrow tests is clear."""
    mood, quality, connections = flagship_days(rng, phi, n, runs)
    quality = np.where(connections > 0, quality, np.nan)
    index = pd.date_range("2026-01-01", periods=n)
    out = {"naive": [], "before": [], "ghw": [], "answered": []}
    for i in range(runs):
        frame = pd.DataFrame({"mood": mood[i], "quality": quality[i], "connections": connections[i]}, index)
        smallest = {"naive": 1.0, "before": 1.0}
        for x in ("quality", "connections"):
            for today, tomorrow, control in ((x, "mood", "mood"), ("mood", x, x)):
                pairs = np.column_stack([frame[tomorrow].shift(-1), frame[control], frame[today]])
                pairs = pairs[np.isfinite(pairs).all(axis=1)]
                if len(pairs) < 21:
                    continue
                z = zscore(pairs)
                for method, hac in (("naive", False), ("before", True)):
                    beta, cov, pvalue = ols(z[:, 0], z[:, 1:], hac)
                    smallest[method] = min(smallest[method], contrast_p(beta, cov, pvalue, [0, 0, 1]))
        for method in smallest:
            out[method].append(smallest[method])
        table = inference.next_day(frame)
        out["ghw"].append(np.nanmin(np.r_[table["p_adj"].to_numpy(dtype="float64"), 1.0]))
        out["answered"].append((table["status"] == "ok").any())
    return out


def group_runs(rng, n, length, share=0.25):
    """A 0/1 group indicator made of runs of ``length`` days covering about ``share`` of the days."""
    k = max(1, round(share * n / length))
    free = n - k * length
    gaps = rng.multinomial(free, np.ones(k + 1) / (k + 1))
    flags = np.zeros(n, dtype=bool)
    start = 0
    for gap in gaps[:-1]:
        start += gap
        flags[start:start + length] = True
        start += length
    return flags


def sim_mood_by(rng, phi, n, runs, length, share=0.25):
    mood = ar1(rng, phi, runs, n)
    index = pd.date_range("2026-01-01", periods=n)
    out = {"naive": [], "before": [], "ghw": [], "answered": []}
    for i in range(runs):
        flags = group_runs(rng, n, length, share)
        logged = rng.random(n) >= 0.1  # a tenth of the days go unlogged
        y, g = mood[i][logged], flags[logged]
        if min(g.sum(), (~g).sum()) >= 10:
            out["naive"].append(stats.ttest_ind(y[g], y[~g], equal_var=False).pvalue)
            beta, cov, pvalue = ols(y, g.astype(float), True)
            out["before"].append(contrast_p(beta, cov, pvalue, [0, 1]))
        else:
            out["naive"].append(np.nan)
            out["before"].append(np.nan)
        result = inference.group_difference(pd.Series(y, index[logged]), pd.Series(g, index[logged]))
        out["ghw"].append(result["p_val"])
        out["answered"].append(result["status"] == "ok")
    return out


def lift_entries(rng, phi, n):
    """One run of entries with no lift at all: check-ins and connections around an AR(1) day mood."""
    day_mood = ar1(rng, phi, 1, n)[0]
    connections = rng.binomial(4, 0.35, n)
    morning = (rng.random(n) < 0.6) | (connections == 0)
    late = (rng.random(n) < 0.3) & (morning + connections < 5)
    per_day = morning.astype(int) + connections + late.astype(int)
    days = np.repeat(np.arange(n), per_day)
    position = np.arange(len(days)) - np.repeat(np.cumsum(per_day) - per_day, per_day)
    first = np.repeat(morning.astype(int), per_day)
    kinds = (position >= first) & (position < first + np.repeat(connections, per_day))
    mood = day_mood[days] + rng.normal(0, 0.6, len(days))
    return days, mood, kinds


def before_lift(days, mood, connection):
    """analysis.mood_lift's difference as it was: change after connection vs after any non-connection, Welch."""
    same = np.r_[False, days[1:] == days[:-1]]
    change = np.r_[np.nan, np.diff(mood)]
    means = []
    for chosen in (same & connection, same & ~connection):
        if chosen.sum() < 10:
            return np.nan
        per_day = pd.Series(change[chosen]).groupby(days[chosen]).mean().to_numpy()
        if len(per_day) < 21:
            return np.nan
        means.append(per_day)
    return stats.ttest_ind(*means, equal_var=False).pvalue


def sim_mood_lift(rng, phi, n, runs):
    out = {"before": [], "ghw": [], "answered": []}
    for _ in range(runs):
        days, mood, connection = lift_entries(rng, phi, n)
        out["before"].append(before_lift(days, mood, connection))
        table = inference.mood_lift(days, mood, connection)
        out["ghw"].append(table["p_val"].iat[2])
        out["answered"].append(table["status"].iat[2] == "ok")
    return out


def power_days(rng, n, runs):
    """Days like the sample's: quality 0.40 and number 0.20 SD of mood, carry-over 0.3 in mood, 8% days skipped."""
    quality = rng.normal(size=(runs, n))
    count = np.minimum(rng.poisson(2.4, size=(runs, n)), 4).astype(float)
    z_count = (count - 2.3) / 1.3
    has = count > 0
    drive = 0.40 * np.where(has, quality, 0.0) + 0.20 * z_count
    mood = np.empty((runs, n))
    previous = np.zeros(runs)
    noise = rng.normal(0, np.sqrt(0.71), size=(runs, n))
    for t in range(n):
        previous = 0.3 * previous + drive[:, t] + noise[:, t]
        mood[:, t] = previous
    mood[rng.random((runs, n)) < 0.08] = np.nan
    return mood, np.where(has, quality, np.nan), count


def previous_flagship(frame):
    """The flagship's p-values as ghw computed them before each term's carry-over was counted on its own.

    The same least squares and effective n, with a contrast's weights
    taken as one AR(1) series (:func:`ghw.inference.regression` before).
    """
    used = frame.loc[frame["connections"] > 0, ["mood", "quality", "connections"]].dropna()
    n = len(used)
    if n < max(inference.MIN_OBS, 5) or used.nunique().min() < 2:
        return {}
    days = inference.calendar_days(used.index)
    z = zscore(used.to_numpy())
    design = np.column_stack([np.ones(n), z[:, 1:]])
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ z[:, 0]
    resid = z[:, 0] - design @ beta
    s2 = resid @ resid / (n - 3)
    b = inference._debias(inference.lag1(resid, days), n, 3)
    pairs = inference._pairs_by_lag(days)
    out = {}
    for name, c in (("quality", [0, 1, 0]), ("connections", [0, 0, 1]), ("quality - connections", [0, 1, -1])):
        w = design @ (inverse @ np.array(c, dtype=float))
        a = inference._debias(inference.lag1(w, days), n, 1)
        n_eff = min(inference._neff_from_pairs(n, pairs, a * b), float(n))
        if n_eff - 3 < inference.MIN_DF:
            continue
        estimate = float(np.array(c) @ beta)
        se = np.sqrt(s2 * (w @ w) * n / n_eff)
        out[name] = (2 * stats.t.sf(abs(estimate) / se, n_eff - 3), estimate)
    return out


def sim_power(rng, n, runs):
    mood, quality, count = power_days(rng, n, runs)
    index = pd.date_range("2026-01-01", periods=n)
    names = ("quality", "connections", "quality - connections", "association")
    out = {f"{m} {t}": [] for t in names for m in ("before", "previous", "ghw") if m != "previous" or t != names[-1]}
    for i in range(runs):
        frame = pd.DataFrame({"mood": mood[i], "quality": quality[i], "connections": count[i]}, index)
        used = frame.loc[frame["connections"] > 0].dropna()
        if len(used) >= 21:
            z = zscore(used.to_numpy())
            beta, cov, pvalue = ols(z[:, 0], z[:, 1:], True)
            for name, c in zip(names, ([0, 1, 0], [0, 0, 1], [0, 1, -1])):
                out[f"before {name}"].append(contrast_p(beta, cov, pvalue, c) < 0.05 and c @ beta > 0)
        else:
            for name in names[:3]:
                out[f"before {name}"].append(False)
        table = inference.quality_vs_quantity(frame).set_index("term")
        previous = previous_flagship(frame)
        for name in names[:3]:
            out[f"ghw {name}"].append(table.at[name, "p_val"] < 0.05 and table.at[name, "estimate"] > 0)
            p_then, estimate = previous.get(name, (1.0, 0.0))
            out[f"previous {name}"].append(p_then < 0.05 and estimate > 0)
        p_old = before_association(frame["quality"].to_numpy(), frame["mood"].to_numpy(), 21)
        r = frame[["quality", "mood"]].corr().iat[0, 1]
        out["before association"].append(p_old < 0.05 and r > 0)
        new = inference.correlation(frame["quality"], frame["mood"])
        out["ghw association"].append(new["p_val"] < 0.05 and new["estimate"] > 0)
    return out


def sim_change_power(rng, n, runs, shift):
    """A summary's change: the second half ``shift`` standard deviations of daily mood above the first.

    Mood carries over 0.3 from day to day (the sample's), in whole points
    (1.4 points a standard deviation, the sample's), 8% of days skipped. ``before``
    is the effective-n comparison summaries used before (``group_difference``,
    seven days a side), ``ghw`` is :func:`ghw.change.mood_change`.
    """
    mood = ar1(rng, 0.3, runs, n) * np.sqrt(1 - 0.09)
    later = np.arange(n) >= n // 2
    points = np.clip(np.rint(5 + 1.4 * (mood + shift * later)), 0, 10)
    points[rng.random((runs, n)) < 0.08] = np.nan
    index = pd.date_range("2026-01-01", periods=n)
    start = index[n // 2].date()
    out = {"before": [], "ghw": []}
    for i in range(runs):
        days = pd.DataFrame({"date": index, "mood": points[i]})
        logged = days.dropna()
        old = inference.group_difference(logged.set_index("date")["mood"],
                                         pd.Series(later[logged.index], logged["date"]), min_days=7)
        out["before"].append(old["p_val"] < 0.05 and old["estimate"] * shift > 0)
        new = change.mood_change(days, start)
        out["ghw"].append(new is not None and inference.clear(new) and new["estimate"] * shift > 0)
    return out


def sim_change_null(rng, phi, n, runs):
    """The summary's change with no change at all, on whole-point moods that carry over ``phi``; 8% of days skipped."""
    mood = ar1(rng, phi, runs, n) * np.sqrt(1 - phi**2)
    points = np.clip(np.rint(5 + 1.4 * mood), 0, 10)
    points[rng.random((runs, n)) < 0.08] = np.nan
    index = pd.date_range("2026-01-01", periods=n)
    later = np.arange(n) >= n // 2
    out = {"before": [], "ghw": []}
    for i in range(runs):
        days = pd.DataFrame({"date": index, "mood": points[i]})
        logged = days.dropna()
        old = inference.group_difference(logged.set_index("date")["mood"],
                                         pd.Series(later[logged.index], logged["date"]), min_days=7)
        out["before"].append(old["p_val"])
        new = change.mood_change(days, index[n // 2].date())
        out["ghw"].append(new["p_val"] if new is not None and new["status"] == "ok" else np.nan)
    return out


def sim_practice(rng, phi, n, runs, people=PRACTICE_PEOPLE):
    """The practitioner's group figures on ``people`` null journals of ``n`` days: each measure and method clear."""
    import warnings

    from ghw import practice

    out = {}
    for _ in range(runs):
        days = pd.concat([daily(nulls.journal("plain", n, phi, rng)).assign(person=f"p{i}") for i in range(people)],
                         ignore_index=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            links = practice.group_links(days)
        for _, row in links.iterrows():
            out.setdefault(f"{row['x']}, {row['method']}", []).append(0.0 if inference.clear(row) else 1.0)
    return out


def all_findings(entries):
    """Every ghw.inference method the reflection page needs, on one journal."""
    days = daily(entries).set_index("date")
    weeks = weekly(entries).set_index("week")
    inference.quality_vs_quantity(days)
    inference.correlation(days["quality"], days["mood"])
    inference.correlation(days["variety"], days["mood"])
    inference.next_day(days)
    logged = days["mood"].dropna()
    for by in ("relationship", "activity"):
        seen = entries.loc[entries["relationship"].notna() & entries[by].notna(), ["date", by]].drop_duplicates()
        groups = seen.groupby(["date", by]).size().unstack(fill_value=0).reindex(logged.index, fill_value=0) > 0
        inference.mood_by(logged, groups)
    for column in ("richness", "evenness", "initiative", "support"):
        inference.correlation(weeks[column], weeks["mood"], min_n=inference.MIN_WEEKS)
    timed = entries.loc[entries["time"].notna()].sort_values(["date", "time"], kind="stable")
    inference.mood_lift(timed["date"], timed["mood"], timed["relationship"].notna())


def speed():
    """Seconds for all findings on ten years of sample data, against building the daily table alone."""
    entries, _ = schema.validate(sample.generate(3650, seed=1, end="2026-10-31"))
    from ghw.people.ledger import closeness_trend

    days = daily(entries)
    last_month = days.loc[days["date"] >= days["date"].max() - pd.Timedelta(days=60)]
    named = entries.loc[entries["person"].notna(), ["person", "date", "quality"]]
    timings = {}
    for name, job in (("daily table", lambda: daily(entries)), ("all findings", lambda: all_findings(entries)),
                      ("a month's change", lambda: change.mood_change(last_month, last_month["date"].iloc[30].date())),
                      ("every person's trend", lambda: [closeness_trend(rated[["date", "quality"]])
                                                        for _, rated in named.groupby("person")])):
        started = time.perf_counter()
        job()
        timings[name] = time.perf_counter() - started
    change, trends = timings["a month's change"], timings["every person's trend"]
    print(f"\nten years of sample data: all findings {timings['all findings']:.2f} s, "
          f"{timings['all findings'] / timings['daily table']:.1f} x the time to build the daily table; "
          f"a month's change from the month before {change:.3f} s (the first time; cached after), "
          f"every person's closeness trend {trends:.2f} s ({named['person'].nunique()} people)")


# --- every claim on journals of every family (ghw.nulls, ghw.claims) --------------------------------------------


def sim_family(rng, family, phi, n, runs, made=None):
    """Runs of one cell: for each claim, [instances made, instances judged] (added to ``made`` when given).

    Every third journal carries a finished experiment over its first weeks (:func:`ghw.nulls.experiment`).
    """
    made = made or {name: [0, 0] for name in claims.CLAIMS}
    for run in range(runs):
        entries = nulls.journal(family, n, phi, rng)
        # An experiment on every third journal: its randomisation test costs as much as all the rest together.
        # Check-ins on journals long enough to compare their first and last three months.
        verdicts = claims.judge(entries, nulls.experiment(entries, rng) if run % 3 == 0 else None,
                                nulls.checkins(entries, phi, rng) if n >= 200 else None)
        for name, said in verdicts.items():
            made[name][0] += sum(said)
            made[name][1] += len(said)
    return made


def _risk_order(args):
    """Cells the strongest carry-over and the longest journals first (where effective-day tests are tested hardest),
    so that a run cut short has the cells that matter most."""
    order = {0.7: 0, 0.5: 1, 0.9: 2, 0.3: 3, 0.0: 4}
    sizes = {120: 0, 365: 1, 60: 2, 30: 3, 14: 4}
    return sorted(((phi, n) for phi in args.carry for n in args.sizes),
                  key=lambda cell: (order.get(cell[0], 5), sizes.get(cell[1], 5)))


def _cell_path(args, family, phi, n) -> Path:
    return Path(args.cells) / family.replace(" ", "_") / f"{phi}_{n}.json"


def family_cells(args, families):
    """Run every family's cells, riskiest first, topped up to ``--near-runs`` where a claim comes near the line.

    Each finished stretch of runs is kept in ``--cells`` (one JSON file a
    cell), so that a long run can stop and go on where it was, each stretch
    with a stream of its own; ``--fresh`` starts over.
    """
    for phi, n in _risk_order(args):
        for family in families:
            path = _cell_path(args, family, phi, n)
            path.parent.mkdir(parents=True, exist_ok=True)
            kept = json.loads(path.read_text()) if path.exists() and not args.fresh else {"runs": 0, "made": None}
            made, runs = kept["made"], kept["runs"]
            near = made is not None and any(m >= NEAR * max(j, 1) for m, j in made.values())
            target = args.near_runs if near else args.runs
            while runs < target:
                rng = np.random.default_rng([args.seed, zlib.crc32(repr((family, phi, n, runs)).encode())])
                made = sim_family(rng, family, phi, n, target - runs, made)
                runs = target
                path.write_text(json.dumps({"runs": runs, "made": made}))
                near = any(m >= NEAR * max(j, 1) for m, j in made.values())
                target = args.near_runs if near else args.runs


def sim_claims(rng, family, phi, n, runs, names):
    """Runs of one cell judging only the claims ``names`` (each journal as in :func:`sim_family`, but with an
    experiment on every journal when an experiment's claim is judged: three times the experiments for the same
    journals, and no draws spent on experiments otherwise)."""
    made = {name: [0, 0] for name in names}
    every = any(name.startswith("experiment") for name in names)
    for _ in range(runs):
        entries = nulls.journal(family, n, phi, rng)
        experiments = nulls.experiment(entries, rng) if every else None
        checkins = nulls.checkins(entries, phi, rng) if n >= 200 and "check-in score changed" in names else None
        look = claims.Look(claims.Data(entries, experiments=experiments, checkins=checkins,
                                       as_of=(entries["date"].max() + pd.Timedelta(days=1)).date()))
        for name in names:
            said = claims.CLAIMS[name].judge(look)
            made[name][0] += sum(said)
            made[name][1] += len(said)
    return made


def _kept_cells(args, families):
    """(family, carry-over, days, path, kept cell) for every kept cell, riskiest first."""
    for phi, n in _risk_order(args):
        for family in families:
            path = _cell_path(args, family, phi, n)
            if path.exists():
                yield family, phi, n, path, json.loads(path.read_text())


def redo_cells(args, families):
    """The first reading of the claims ``--redo`` (separated by |) made again in every kept cell, on as many fresh
    journals as the cell has, from a stream of their own: for a claim whose code changed after the cells were run
    (its verifications, made with the code of their day, are kept)."""
    for family, phi, n, path, kept in _kept_cells(args, families):
        names = [name for name in args.redo if kept.get("redone", {}).get(name) != kept["runs"]]
        if not names:
            continue
        rng = np.random.default_rng([args.seed, zlib.crc32(repr((family, phi, n, "redo", names)).encode())])
        found = sim_claims(rng, family, phi, n, kept["runs"], names)
        for name in names:
            kept["made"][name] = found[name]
            kept.setdefault("redone", {})[name] = kept["runs"]
        path.write_text(json.dumps(kept))


def verify_cells(args, families):
    """Every claim that reads ``--verify-at`` or more in a kept cell (its latest reading) is judged again on
    ``--verify-runs`` fresh journals (the claims of a cell judged again together), so that a high reading from few
    runs is told from chance; kept beside the cell. Each size of verification draws its own journals, so a larger
    one that replaces a smaller one shares none of its journals."""
    for family, phi, n, path, kept in _kept_cells(args, families):
        verified = kept.setdefault("verified", {})
        latest = {name: verified.get(name, reading)[:2] for name, reading in kept["made"].items()}
        high = [name for name, (m, j) in latest.items()
                if (not args.claims or name in args.claims) and j and m / j >= args.verify_at
                and verified.get(name, [0, 0, 0])[2] < args.verify_runs]
        if not high:
            continue
        rng = np.random.default_rng([args.seed, zlib.crc32(repr((family, phi, n, "verify", args.verify_runs)).encode())])
        found = sim_claims(rng, family, phi, n, args.verify_runs, high)
        for name in high:
            verified[name] = [*found[name], args.verify_runs]
        path.write_text(json.dumps(kept))


def print_claims_summary(args, families):
    """One markdown row per claim: its share over the first runs of every kept cell at carry-over 0-0.7 together
    (with an exact 95% interval), its highest reading in one cell (where, and over how many journals), the cells
    still above ``LINE``, and the highest at 0.9. A cell's reading is its latest: a claim that read ``--verify-at``
    or more was judged again on more, fresh journals. The pooled share is over the first runs only: each first
    reading is a fair draw, while replacing only the high ones with fresh readings would pull the pool down."""
    print(f"\n| claim | all cells at carry-over 0-0.7 (95% interval) | highest cell | where (family, carry-over, days, "
          f"journals) | cells above {LINE} | highest at 0.9 | cells |")
    print("|---|---|---|---|---|---|---|")
    for name in claims.CLAIMS:
        worst, where, stress, cells, pooled, above = -1.0, "", -1.0, 0, [0, 0], 0
        for family in families:
            for phi in args.carry:
                for n in args.sizes:
                    path = _cell_path(args, family, phi, n)
                    if not path.exists():
                        continue
                    cell = json.loads(path.read_text())
                    again = cell.get("verified", {}).get(name)
                    said, judged = again[:2] if again else cell["made"].get(name, (0, 0))
                    if not judged:
                        continue
                    rate = said / judged
                    runs = again[2] if again else cell["runs"]
                    if phi <= 0.7:
                        cells += 1
                        above += rate > LINE
                        first = cell["made"].get(name, (0, 0))
                        pooled[0] += first[0]
                        pooled[1] += first[1]
                        if rate > worst:
                            worst, where = rate, f"{family}, {phi}, {n}, {runs}{' (again)' if again else ''}"
                    else:
                        stress = max(stress, rate)
        shown = f"{worst:.3f}" if worst >= 0 else "-"
        low, high = stats.binomtest(pooled[0], pooled[1]).proportion_ci() if pooled[1] else (np.nan, np.nan)
        overall = f"{pooled[0] / pooled[1]:.3f} ({low:.3f}-{high:.3f}) of {pooled[1]}" if pooled[1] else "-"
        print(f"| {name} | {overall} | {shown} | {where} | {above} | {f'{stress:.3f}' if stress >= 0 else '-'} "
              f"| {cells} |")


def print_family(family, args):
    """One family's table from the kept cells ("-" where a cell has not been run)."""
    kept = {}
    for phi in args.carry:
        for n in args.sizes:
            path = _cell_path(args, family, phi, n)
            if path.exists():
                kept[phi, n] = json.loads(path.read_text())
    print(f"\n{family}: {nulls.FAMILIES[family].about}")
    print(f"{'claim':>36} {'carry-over':>10} " + " ".join(f"{n:>6} " for n in args.sizes) + "   (days)")
    for name in claims.CLAIMS:
        for phi in args.carry:
            rates = []
            for n in args.sizes:
                cell = kept.get((phi, n), {"made": {}})
                again = cell.get("verified", {}).get(name)
                said, judged = again[:2] if again else cell["made"].get(name, (0, 0))
                mark = "*" if again else " "
                rates.append(f"{said / judged:>6.3f}{mark}" if judged else f"{'-':>6} ")
            print(f"{name:>36} {phi:>10.1f} " + " ".join(rates))
    for phi in args.carry:
        print(f"{'runs':>36} {phi:>10.1f} " + " ".join(f"{kept[phi, n]['runs'] if (phi, n) in kept else 0:>6} "
                                                       for n in args.sizes))


def share(values):
    """Share of runs called clear: p < 0.05 (NaN, no answer, is not clear)."""
    return float(np.mean(np.nan_to_num(np.asarray(values, dtype="float64"), nan=1.0) < 0.05))


def print_table(title, results, sizes, unit="days"):
    """results: {(phi, size): {method: values}}; one line per carry-over and method."""
    print(f"\n{title}")
    methods = list(next(iter(results.values())))
    print(f"{'carry-over':>10} {'method':>18} " + " ".join(f"{s:>6}" for s in sizes) + f"   ({unit})")
    for phi in CARRY_OVER:
        for method in methods:
            cells = []
            for size in sizes:
                values = results[(phi, size)][method]
                cells.append(np.mean(values) if method == "answered" else share(values))
            print(f"{phi:>10.1f} {method:>18} " + " ".join(f"{c:>6.3f}" for c in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10000, help="runs per cell (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    parser.add_argument("--families", default=",".join(nulls.FAMILIES), help="families of null journals")
    parser.add_argument("--sizes", default=",".join(map(str, FAMILY_DAYS)), help="journal lengths in days")
    parser.add_argument("--carry", default=",".join(map(str, FAMILY_CARRY)), help="carry-overs")
    parser.add_argument("--near-runs", type=int, default=10000, help="runs for a family cell near the line")
    parser.add_argument("--cells", default="build/false_positives", help="folder that keeps finished family cells")
    parser.add_argument("--fresh", action="store_true", help="recompute family cells kept from an earlier run")
    parser.add_argument("--report", action="store_true", help="print the family tables from the kept cells only")
    parser.add_argument("--verify", action="store_true", help="judge again the claims that read high in kept cells")
    parser.add_argument("--verify-at", type=float, default=0.06, help="a reading that gets judged again")
    parser.add_argument("--verify-runs", type=int, default=1000, help="fresh journals for a claim judged again")
    parser.add_argument("--redo", default="", help="claims (separated by |) whose first readings are made again")
    parser.add_argument("--claims", default="", help="claims (separated by |) --verify may judge again (default all; with "
                        "--verify-at 0, judged again in every kept cell)")
    args = parser.parse_args()
    args.sizes = [int(v) for v in args.sizes.split(",")]
    args.claims = [name for name in args.claims.split("|") if name]
    args.redo = [name for name in args.redo.split("|") if name]
    args.carry = [float(v) for v in args.carry.split(",")]
    only = args.only.split(",")
    started = time.perf_counter()
    noise = 2 * np.sqrt(0.05 * 0.95 / args.runs)
    print(f"{args.runs} runs per cell; share of runs called clear at p < 0.05 (about 0.05 or less is right; "
          f"a test that is exactly right shows 0.05 ± {noise:.3f} in 95% of cells at this many runs)")

    def grid(simulate, sizes, **kwargs):
        # Each table draws from its own stream, so a section run alone gives the same numbers.
        rng = np.random.default_rng([args.seed, zlib.crc32(repr((simulate.__name__, kwargs)).encode())])
        return {(phi, n): simulate(rng, phi, n, args.runs, **kwargs) for phi in CARRY_OVER for n in sizes}

    if "association" in only:
        print_table("association (daily correlation)", grid(sim_association, DAYS), DAYS)
    if "flagship" in only:
        print_table("flagship: mood ~ quality + connections on days with connections", grid(sim_flagship, DAYS), DAYS)
    if "next_day" in only:
        print_table("next_day: any of the four tests clear (ghw: Holm-adjusted)", grid(sim_next_day, DAYS), DAYS)
    if "mood_by" in only:
        for length in RUN_LENGTHS:
            print_table(f"mood_by: a group on runs of {length} days, a quarter of the days",
                        grid(sim_mood_by, DAYS, length=length), DAYS)
        print_table("mood_by: a group on one run of 10 days", grid(sim_mood_by, DAYS, length=10, share=0.0), DAYS)
    if "mood_lift" in only:
        print_table("mood_lift: change after a connection minus change with none (no lift exists)",
                    grid(sim_mood_lift, DAYS), DAYS)
    if "weekly" in only:
        weekly_grid = grid(sim_association, WEEKS, min_n=8, ghw_min_n=inference.MIN_WEEKS)
        print_table("weekly association", weekly_grid, WEEKS, unit="weeks")
    if "power" in only:
        rng = np.random.default_rng([args.seed, zlib.crc32(b"power")])
        power = {n: sim_power(rng, n, args.runs) for n in POWER_DAYS}
        print("\npower at the sample's effects: share of runs clear and positive")
        print(f"{'finding':>34} " + " ".join(f"{n:>6}" for n in POWER_DAYS) + "   (days)")
        for method in next(iter(power.values())):
            print(f"{method:>34} " + " ".join(f"{np.mean(power[n][method]):>6.3f}" for n in POWER_DAYS))
    if "power_change" in only:
        print_table("summary: change from the period before, with no change (whole-point moods, 8% of days skipped)",
                    grid(sim_change_null, CHANGE_DAYS), CHANGE_DAYS)
        rng = np.random.default_rng([args.seed, zlib.crc32(b"power_change")])
        print("\npower of the summary's change at carry-over 0.3: share of runs clear and in the right direction")
        print(f"{'shift (SD of daily mood)':>26} {'method':>8} " + " ".join(f"{n:>6}" for n in CHANGE_DAYS) + "   (days)")
        for shift in (0.5, 0.8):
            found = {n: sim_change_power(rng, n, args.runs, shift) for n in CHANGE_DAYS}
            for method in ("before", "ghw"):
                print(f"{shift:>26} {method:>8} " + " ".join(f"{np.mean(found[n][method]):>6.3f}" for n in CHANGE_DAYS))
    if "speed" in only:
        speed()
    if "practice" in only:
        print_table(f"practitioner's group figures: {PRACTICE_PEOPLE} people's null journals (plain), each measure and "
                    "method", grid(sim_practice, PRACTICE_DAYS), PRACTICE_DAYS)
    if "families" in only:
        families = args.families.split(",")
        if not args.report:
            family_cells(args, families)
        if args.redo:
            redo_cells(args, families)
        if args.verify:
            verify_cells(args, families)
        print(f"\nEvery claim on null journals of each family: share of instances said (clear); the runs row says how "
              f"many journals each cell has first. A reading of {args.verify_at} or more was judged again on fresh "
              "journals (1,000, then 10,000 if it read as high again; with an experiment on each for an experiment's "
              "claims), and the last reading is shown, marked *. A person's trend counts once per person with "
              "enough ratings, an experiment's looks once per experiment (every third journal first), a check-in "
              "score once per score (journals of 200 days or more).")
        for family in families:
            print_family(family, args)
        print_claims_summary(args, families)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

"""How often two unrelated daily series are called related, naive Pearson against ghw.

Prints the share of runs with p < 0.05 for pairs of independent AR(1) series:
it should be near 0.05 for a test that keeps its promise.

    .venv/bin/python benchmarks/false_positives.py [--runs 2000]
"""

import argparse

import numpy as np
import pandas as pd
from scipy import stats

from ghw import analysis


def ar1(rng, phi, n):
    x = np.empty(n)
    x[0] = rng.normal() / np.sqrt(1 - phi**2)
    noise = rng.normal(size=n)
    for t in range(1, n):
        x[t] = phi * x[t - 1] + noise[t]
    return x


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(f"{'lag-1 autocorrelation':>22} {'days':>5} {'naive Pearson':>14} {'ghw association':>16}")
    for phi in (0.0, 0.3, 0.5, 0.7):
        for n in (60, 120, 365):
            naive = ours = 0
            for _ in range(args.runs):
                frame = pd.DataFrame({"x": ar1(rng, phi, n), "mood": ar1(rng, phi, n)})
                naive += stats.pearsonr(frame["x"], frame["mood"]).pvalue < 0.05
                ours += analysis.association(frame, "x")["p_val"].iat[0] < 0.05
            print(f"{phi:>22.1f} {n:>5} {naive / args.runs:>14.3f} {ours / args.runs:>16.3f}")


if __name__ == "__main__":
    main()

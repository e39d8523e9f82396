"""Personal experiments: false positives with no effect, and power, for each design and length.

Simulated experiments follow ghw.randomization.simulate_days: mood as an
autoregressive series in standard deviations, one day in ten unlogged, the
act adding an effect on the days it is done and a share of it (carry-over)
lingering on the days after. Each experiment is answered as ghw answers a
real one, as assigned: exact over every schedule when the design has at
most 20,000, otherwise against random schedules of the same design.

    .venv/bin/python benchmarks/experiments.py [--runs 2000] [--power-runs 1000] [--draws 999]
"""

import argparse
import time

import numpy as np

from ghw.experiment import Design
from ghw.randomization import simulate

DESIGNS = {"weekly, 3 act days a week": lambda weeks: Design("weekly", weeks, per_week=3),
           "blocks of 4 days": lambda weeks: Design("blocks", weeks, block_days=4)}
WEEKS = (2, 4, 8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="experiments per cell with no effect")
    parser.add_argument("--power-runs", type=int, default=1000, help="experiments per cell with an effect")
    parser.add_argument("--draws", type=int, default=999, help="random schedules per Monte Carlo test")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    began = time.perf_counter()

    print(f"No effect: share of experiments called clear (p < 0.05), {args.runs} runs each; it must stay at or "
          "below 0.05.")
    print(f"{'design':<27} {'weeks':>5} {'schedules':>18} {'autocorr 0.3':>13} {'autocorr 0.7':>13}")
    worst = 0.0
    for name, make in DESIGNS.items():
        for weeks in WEEKS:
            design = make(weeks)
            rates = [float(np.mean(simulate(design, effect=0.0, carry_over=0.0, runs=args.runs, draws=args.draws,
                                            seed=args.seed + weeks, autocorrelation=phi) < 0.05))
                     for phi in (0.3, 0.7)]
            worst = max(worst, *rates)
            print(f"{name:<27} {weeks:>5} {design.family_size:>18,} {rates[0]:>13.3f} {rates[1]:>13.3f}")
    print(f"Highest false-positive rate: {worst:.3f} ({'within' if worst <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / args.runs) else 'ABOVE'} "
          "0.05 allowing for simulation error)\n")

    print(f"Power: share of experiments called clear, {args.power_runs} runs each (mood autocorrelation 0.3).")
    header = " ".join(f"{f'd={e} c={c}':>12}" for e in (0.3, 0.5) for c in (0.0, 0.3, 0.7))
    print(f"{'design':<27} {'weeks':>5} {header}")
    for name, make in DESIGNS.items():
        for weeks in WEEKS:
            design = make(weeks)
            cells = [float(np.mean(simulate(design, effect=e, carry_over=c, runs=args.power_runs, draws=args.draws,
                                            seed=args.seed + 100 + weeks) < 0.05))
                     for e in (0.3, 0.5) for c in (0.0, 0.3, 0.7)]
            print(f"{name:<27} {weeks:>5} " + " ".join(f"{v:>12.2f}" for v in cells))
    print("d: effect on act days in standard deviations of mood; c: share of it still there the day after.")
    print(f"({time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()

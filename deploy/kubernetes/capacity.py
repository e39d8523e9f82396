"""Capacity estimates for ghw on Zero to JupyterHub: nodes and autoscaler bounds for a number of enrolled people.

    python deploy/kubernetes/capacity.py            # the table in README.md beside this file

Estimates, not a load test. They rest on:

- memory: each server's guarantee in values.yaml (512 MiB, above the
  385 MiB measured for a server with the app page open, docs/scale.md);
- people at once: at most one in five of those enrolled at the peak, as
  docs/scale.md assumes with servers stopped after 30 idle minutes;
- start-up CPU: about 6 s of one core to start a server and its app
  kernel. The app's kernel was measured at 2.8 s of CPU before its page
  opens (README.md, benchmarks/browser_bench.py); the Jupyter server's own
  start is taken to cost as much again, which was not measured;
- a log-in burst: a tenth of the people at once starting in the same
  minute (a group session on the hour);
- nodes of 4 cores and 16 GiB, of which 3.5 cores and 14.5 GiB are left to
  servers after the system's own share.

The README's table is this script's output; tests/app/test_kubernetes.py checks
that they agree.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENROLLED = (100, 1_000, 10_000)
AT_ONCE = 1 / 5
BURST = 1 / 10
START_CPU_S = 6.0
NODE_CORES, NODE_MIB = 3.5, 14.5 * 1024
BEGIN = "<!-- capacity: written by capacity.py; do not edit by hand -->"
END = "<!-- end of capacity -->"


def guarantee_mib() -> float:
    """The memory guarantee of a server, from values.yaml."""
    text = (HERE / "values.yaml").read_text()
    number, unit = re.search(r"^\s+guarantee: ([\d.]+)([MG])\s*$", text, re.M).groups()
    return float(number) * (1024 if unit == "G" else 1)


def estimate(enrolled: int, guarantee: float) -> dict:
    at_once = math.ceil(enrolled * AT_ONCE)
    per_node = int(NODE_MIB // guarantee)
    burst = math.ceil(at_once * BURST)
    burst_cores = burst * START_CPU_S / 60
    nodes = max(math.ceil(at_once / per_node), math.ceil(burst_cores / NODE_CORES), 1)
    return {"enrolled": enrolled, "at_once": at_once, "per_node": per_node, "nodes": nodes, "burst": burst,
            "burst_cores": burst_cores, "placeholders": min(burst, per_node), "max_nodes": nodes + 1,
            "hub_db": "SQLite on its volume" if enrolled <= 1_000 else "PostgreSQL (hub.db.type: postgres)"}


def table() -> str:
    guarantee = guarantee_mib()
    rows = [estimate(n, guarantee) for n in ENROLLED]
    lines = ["| enrolled | at once (peak) | user nodes at the peak | log-ins in the busiest minute | autoscaler "
             "min / max | userPlaceholder.replicas | hub database |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['enrolled']:,} | {r['at_once']:,} | {r['nodes']} ({r['per_node']} servers a node) | "
                     f"{r['burst']:,} ({r['burst_cores']:.1f} cores for a minute) | 1 / {r['max_nodes']} | "
                     f"{r['placeholders']} | {r['hub_db']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())

"""Everything ghw can show about a journal, one module per finding.

A finding (:class:`Finding`) is its numbers (``compute``), its sentence
(``explain``) and its chart (``plot``), kept together in one module of this
package that registers it. The reflection page, the summaries, the command
line (``ghw reflect``) and the benchmarks loop over :data:`FINDINGS`, so a
new finding is one new module plus its name in ``MODULES`` below::

    from ghw import findings
    data = findings.Data(entries)              # daily and weekly tables, built once
    results = findings.compute(data)           # {name: table}
    findings.FINDINGS["quality_vs_quantity"].explain(results["quality_vs_quantity"], data)
"""

from __future__ import annotations

from importlib import import_module

import pandas as pd

from ..importers.daylio import ID_PREFIX
from ._base import FINDINGS, READING, Data, Finding, declare, reading, register

__all__ = ["Data", "Finding", "FINDINGS", "register", "declare", "compute", "unmapped", "MODULES", "READING",
           "reading"]

# Page order. Each module registers its finding(s) when imported.
MODULES = ("timeline", "year_in_pixels", "quality_vs_quantity", "quality", "mood_by", "variety", "reciprocity", "alone",
           "next_day", "lift", "checkins", "experiment")
for _module in MODULES:
    import_module(f".{_module}", __name__)


def compute(data: Data | pd.DataFrame, names=None) -> dict[str, pd.DataFrame | None]:
    """Every registered finding's table (or those in ``names``), for entries or a :class:`Data`."""
    data = data if isinstance(data, Data) else Data(data)
    return {name: FINDINGS[name].compute(data) for name in (names or FINDINGS)}


def unmapped(entries: pd.DataFrame) -> int:
    """How many entries were imported from Daylio when none of them is a connection; 0 otherwise.

    Such a history can answer no question about connections until its
    activities map says which activities were time with someone, so the
    reflection page and ``ghw reflect`` say that first (status ``unmapped``
    in :func:`ghw.vocabulary.status_text`) rather than only "not enough data".
    """
    imported = entries["id"].astype("str").str.startswith(ID_PREFIX)
    if not imported.any() or entries.loc[imported, "relationship"].notna().any():
        return 0
    return int(imported.sum())

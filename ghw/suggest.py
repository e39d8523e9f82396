"""Ideas for a month's plan from the journal: people who are due, kinds missing lately, activities that stood out.

It sits above the findings because one of its ideas is a finding's result;
the plan file itself (:mod:`ghw.plan`) knows nothing of where ideas come from.
"""

from __future__ import annotations

import pandas as pd

from . import catalogue, findings, schema
from .i18n import _, ngettext
from .people.due import overdue
from .people.page import due_words

__all__ = ["suggestions"]


def suggestions(entries: pd.DataFrame, *, people_file: pd.DataFrame | None = None, weeks: int = 4,
                limit: int = 8) -> pd.DataFrame:
    """Ideas for this month's plan, drawn from the journal.

    People who are due (:func:`ghw.people.due.overdue`: by the rhythm wished for
    them in ``people_file``, else by how often you usually connect), kinds of
    relationship missing from the last ``weeks`` weeks,
    and activities that stood out with better days after allowing for chance
    across all activities (exploratory).

    Returns
    -------
    DataFrame with columns ``what``, ``person``, ``relationship`` and ``why``.
    """
    rows = []
    for late in overdue(entries, people_file).head(3).itertuples(index=False):
        rows.append({"what": _("Reach out to {person}").format(person=late.person), "person": late.person, "relationship": late.relationship,
                     "why": due_words(late)})
    if len(entries):
        recent = entries.loc[entries["date"] > entries["date"].max() - pd.Timedelta(weeks=weeks)]
        seen = set(recent["relationship"].dropna())
        for kind in (k for k in schema.RELATIONSHIPS if k not in seen and k not in ("other", "professional")):
            idea = next((i for i in catalogue.IDEAS if kind in i.relationships), None)
            if idea:
                rows.append({"what": idea.text, "person": None, "relationship": kind,
                             "why": ngettext("no {kind} connection in the last {n} week",
                                             "no {kind} connection in the last {n} weeks", weeks).format(kind=kind,
                                                                                                         n=weeks)})
        better = findings.FINDINGS["activities"].compute(findings.Data(entries))
        better = better.loc[(better["status"] == "ok") & (better["p_fdr"] < 0.05) & (better["diff"] > 0)]
        for row in better.head(2).itertuples(index=False):
            rows.append({"what": str(row.group), "person": None, "relationship": None,
                         "why": _("days with it averaged {diff} mood points (exploratory)").format(
                             diff=f"{row.diff:+.1f}")})
    return pd.DataFrame(rows[:limit], columns=["what", "person", "relationship", "why"])

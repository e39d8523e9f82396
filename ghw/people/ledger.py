"""The people ledger: one row per person, with who they are to you, how often, how it felt and which way it leans.

The ledger notices; it never scores. Nothing here ranks people by how your
days went with them, and balances (who reaches out, who supports whom) are
information, not verdicts.
"""

from __future__ import annotations

import pandas as pd

from .. import change, inference, schema
from .. import names as naming
from .contacts import contact_days, usual_relationships
from .due import wished
from .file import private_names, rhythm_text

__all__ = ["MIN_TREND", "ledger", "closeness_trend"]

MIN_TREND = 8  # rated contacts before ghw says whether closeness is rising or falling


def ledger(entries: pd.DataFrame, settings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person, the most recently seen first.

    Returns
    -------
    DataFrame with columns ``person``; ``relationship`` (their usual kind);
    ``first_contact`` and ``last_contact``; ``contacts`` (connections logged)
    and ``days`` (days with one); ``usual_gap`` (median days between contact
    days, from 2 days on); ``channels`` (how you connected, most used first);
    ``quality`` (mean of how connected you felt, 1-5), ``quality_n`` and
    ``trend`` (:func:`closeness_trend`: ``rising``, ``falling``,
    ``unclear`` or ``same``, from :data:`MIN_TREND` rated contacts);
    ``me``, ``them`` and ``mutual`` (who reached out) with
    ``reaching`` (``me``, ``them``, ``mutual`` or ``even``); ``gave``,
    ``received`` and ``both`` (support) with ``support_balance``
    (``gave``, ``received``, ``both`` or ``even``); ``every`` (the wished
    rhythm that applies, if any) and ``private``.
    """
    named = naming.named(entries)
    if named.empty:
        return pd.DataFrame(columns=_LEDGER_COLUMNS)
    contact = contact_days(named)
    grouped = named.groupby("person")
    table = contact.assign(
        relationship=pd.Series(usual_relationships(named)),
        contacts=grouped.size(),
        channels=grouped["channel"].agg(lambda s: ", ".join(s.value_counts().index)),
        quality=grouped["quality"].mean().astype("float64"),
        quality_n=grouped["quality"].count(),
    )
    table["trend"] = pd.Series({p: closeness_trend(g) for p, g in grouped[["date", "quality"]]}, dtype="str")
    reached = pd.crosstab(named["person"], named["initiated_by"]).reindex(columns=list(schema.INITIATED_BY), fill_value=0)
    support = pd.crosstab(named["person"], named["support"]).reindex(columns=["gave", "received", "both"], fill_value=0)
    table = table.join(reached).join(support).fillna({c: 0 for c in (*reached.columns, *support.columns)})
    table["reaching"] = [_balance(r.me, r.them, r.mutual, ("me", "them", "mutual")) for r in table.itertuples()]
    table["support_balance"] = [_balance(r.gave, r.received, r.both, ("gave", "received", "both"))
                                for r in table.itertuples()]
    wishes = wished(table, settings)
    table["every"] = pd.Series({p: rhythm_text(w) for p, w in wishes.items()}, dtype="str")
    table["private"] = table.index.isin(list(private_names(settings, table.index)))
    table = table.rename_axis("person").reset_index().sort_values(["last_contact", "person"], ascending=[False, True])
    return table[_LEDGER_COLUMNS].reset_index(drop=True)

_LEDGER_COLUMNS = ["person", "relationship", "first_contact", "last_contact", "contacts", "days", "usual_gap",
                   "channels", "quality", "quality_n", "trend", "me", "them", "mutual", "reaching", "gave", "received",
                   "both", "support_balance", "every", "private"]


def closeness_trend(rated: pd.DataFrame) -> str | None:
    """Whether how connected you felt with someone rose or fell over time, as a code; None with too few ratings.

    ``rated`` holds one person's ``date`` and ``quality``. The slope of the
    ratings on the date is judged by :func:`ghw.change.trend`, which allows
    for closeness carrying over between nearby days (ratings on one day are
    averaged first). ``rising`` or ``falling`` only when the slope is clear
    (:func:`ghw.inference.clear`); ``unclear`` when it is not; ``same`` when
    every rating so far is the same; None below :data:`MIN_TREND` ratings,
    or when no slope could be clear on so few days.
    """
    rated = rated.dropna()
    found = change.trend(rated.set_index("date")["quality"], min_n=MIN_TREND)
    if found["status"] == "no_variation":
        return "same"
    if found["status"] != "ok":
        return None
    if not inference.clear(found):
        return "unclear"
    return "rising" if found["estimate"] > 0 else "falling"


def _balance(mine: float, theirs: float, shared: float, codes: tuple[str, str, str]) -> str | None:
    """Which way an exchange leans, from at least 3 known cases: mostly shared, two thirds or more one way, or even."""
    total = mine + theirs + shared
    if total < 3:
        return None
    if 2 * shared > total or mine + theirs == 0:
        return codes[2]
    share = mine / (mine + theirs)
    return codes[0] if share >= 2 / 3 else codes[1] if share <= 1 / 3 else "even"

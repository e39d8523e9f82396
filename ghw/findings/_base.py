"""What a finding is, the data every finding takes, and the registry that holds them."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .. import vocabulary
from ..i18n import _
from ..registry import Registry
from ..tables import daily, weekly

__all__ = ["Data", "Finding", "FINDINGS", "register", "declare", "sentence_for_status", "READING", "reading",
           "readings"]


class Data:
    """One set of entries, with its daily and weekly tables computed once and shared by every finding.

    Every finding's ``compute`` takes a ``Data`` as its first argument, so a
    page that shows ten findings builds the daily table once, not ten times.
    Tests and simulations that start from a daily table may pass it as
    ``days`` (``entries`` then defaults to no entries). ``checkins`` are the
    rows of ``checkins.csv`` (:func:`ghw.checkins.load_checkins`) that go with
    the entries, or ``None`` where there are none. ``experiments`` are the
    user's experiments (:func:`ghw.experiment.load`; none by default) and
    ``as_of`` the day they are judged on (default today): a summary of a past
    month judges them as of the day after it.
    """

    def __init__(self, entries: pd.DataFrame | None = None, *, days: pd.DataFrame | None = None,
                 checkins: pd.DataFrame | None = None, experiments: pd.DataFrame | None = None,
                 as_of: dt.date | None = None):
        self.entries = entries
        self.checkins = checkins
        self.experiments = experiments
        self.as_of = as_of or dt.date.today()
        if days is not None:
            self.__dict__["daily"] = days

    @cached_property
    def daily(self) -> pd.DataFrame:
        """One row per calendar day (:func:`ghw.tables.daily`)."""
        return daily(self.entries)

    @cached_property
    def weekly(self) -> pd.DataFrame:
        """One row per week (:func:`ghw.tables.weekly`), from the daily table."""
        return weekly(self.entries, self.daily)


@dataclass(frozen=True)
class Finding:
    """One thing ghw can show about a journal: its numbers, its sentence and its chart.

    - ``compute(data)`` returns a tidy table (or ``None`` for a finding that
      is only a chart of the data);
    - ``explain(result, data)`` says it in one plain sentence, or ``""``;
    - ``plot(result, data, ax)`` draws it on ``ax`` and returns the Axes;
    - ``read(result, data)``, for a finding with numbers, returns its
      readings (:func:`reading`): one row per answer it gives, in the same
      columns for every finding, which the digest, the progress card, the
      "how sure?" disclosure and the session report read (:mod:`ghw.digest`);
      ``None`` for a finding that is only a chart;
    - ``wide`` asks for a wide figure (time runs along it);
    - ``in_summary`` puts the sentence in weekly and monthly summaries;
    - ``spans`` says whether the finding can be read over a span of days on
      its own (the session report does so when the span gives an answer);
      ``False`` for one that has periods of its own, such as an experiment's
      days, which a span would cut.
    """

    name: str
    title: str
    intro: str
    compute: Callable[[Data], pd.DataFrame | None]
    explain: Callable[[pd.DataFrame | None, Data], str]
    plot: Callable
    read: Callable[[pd.DataFrame | None, Data], pd.DataFrame] | None = None
    wide: bool = False
    in_summary: bool = False
    spans: bool = True


FINDINGS: Registry[Finding] = Registry("finding")
register = FINDINGS.add  # the page, summaries, command line and benchmarks show a finding once it is added


def declare(module: str, *, title: str, intro: str, **given) -> Finding:
    """Register the finding that the module ``module`` of this package is (pass ``__name__``).

    The finding is named as the module, and its ``compute``, ``explain``,
    ``plot`` and (when it has one) ``read`` are the module's own functions of
    those names unless given here; ``wide``, ``in_summary`` and ``spans`` are
    as for :class:`Finding`. A module
    that holds several findings builds each :class:`Finding` and calls
    :func:`register` itself.
    """
    own = vars(sys.modules[module])
    parts = {part: given.pop(part) if part in given else own[part] for part in ("compute", "explain", "plot")}
    parts["read"] = given.pop("read", own.get("read"))
    return register(Finding(name=module.rpartition(".")[2], title=title, intro=intro, **parts, **given))


def sentence_for_status(row, subject: str) -> str:
    """"<Subject>: <why there is no number yet>." for a result row (a Series or dict) whose status is not ``ok``."""
    needed, unit, about = row.get("needed"), row.get("unit"), row.get("about")
    text = vocabulary.status_text(
        row["status"], n=int(row.get("n", 0) or 0), needed=int(needed) if pd.notna(needed) else 0,
        unit=unit if isinstance(unit, str) else "day", about=about if isinstance(about, str) else "",
    )
    if subject.endswith("?"):
        return _("{question} {why}.").format(question=subject, why=text[0].upper() + text[1:])
    return _("{subject}: {why}.").format(subject=subject[0].upper() + subject[1:], why=text)


READING = ("finding", "item", "form", "subject", "headline", "status", "clear", "estimate", "ci_low", "ci_high", "p",
           "measure", "n", "unit", "needed", "until")
"""The columns of a reading: one answer a finding gives, said the same way for every finding.

- ``finding``: the finding's name; ``item``: which of its rows (a term, a
  measure, a group, a scale, an experiment);
- ``form``: what kind of answer it is, a code: ``link`` (a measure against
  mood), ``compare`` (which of two goes with mood more), ``group`` (days
  with something against days without), ``lift`` (mood just after a
  connection), ``next_day``, ``score`` (a questionnaire over the months) or
  ``experiment``;
- ``subject``: what it is about, as it stands in a sentence ("how connected
  you felt"); ``headline``: the answer in plain words, with its direction
  and size but no numbers ("" while there is no answer yet);
- ``status``: the finding's status code; ``clear``: whether the answer is
  clear by the rule its finding's sentence uses;
- ``estimate``, ``ci_low``, ``ci_high``, ``p``: the numbers, with ``measure``
  saying what the estimate counts (``r``, ``sd``, ``points``, ``score``);
- ``n`` of ``unit`` behind it, and ``needed`` of them for an answer, when
  there is not one yet; ``until``: the day a running experiment ends.
"""


def reading(item: str, form: str, subject: str, row=None, *, estimate: str | None = None,
            headline: str = "", clear: bool = False, p: str = "p_val", measure: str = "r", count: str = "n",
            unit: str = "day", **fixed) -> dict:
    """One reading (:data:`READING`) from a row of a finding's table (the page fills in ``finding``).

    ``estimate``, ``p`` and ``count`` name the row's columns that hold the
    estimate, the p-value and ``n``; the interval is its ``ci_low`` and
    ``ci_high``, the status and ``needed`` its own. Any column may be given
    outright in ``fixed``.
    """
    row = {} if row is None else dict(row)

    def number(key):
        value = row.get(key) if key else None
        return float(value) if value is not None and pd.notna(value) else float("nan")

    out = {"finding": "", "item": item, "form": form, "subject": subject, "headline": headline,
           "status": row.get("status", "ok"), "clear": bool(clear), "estimate": number(estimate),
           "ci_low": number("ci_low"), "ci_high": number("ci_high"), "p": number(p), "measure": measure,
           "n": int(number(count)) if pd.notna(number(count)) else 0, "unit": unit, "needed": number("needed"),
           "until": pd.NaT}
    return out | fixed


def readings(rows: list[dict]) -> pd.DataFrame:
    """Readings as a table in the columns of :data:`READING`."""
    return pd.DataFrame(rows, columns=list(READING))

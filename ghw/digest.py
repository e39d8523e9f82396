"""What a journal says, in at most five plain lines, with the numbers one step away.

The findings (:mod:`ghw.findings`) each answer a question in a sentence with
its numbers. Read one after another they take minutes; a person opening
Reflect, or a therapist before a session, needs the gist in seconds. The
digest is that gist, chosen from every finding's readings (the same columns
for every finding, :data:`ghw.findings.READING`):

- what is **clear**: the clearest answers, one per finding, with their
  direction and size in words ("days with connections that felt closer went
  with better mood: a moderate link");
- what is **not yet** clear and roughly when it will be: the answer nearest
  to having enough days, from the days each finding says it needs and the
  pace at which they have come so far;
- what **changed**: mood over the last 30 days against the 30 before, by
  the summaries' own test (:func:`ghw.change.mood_change`);
- the **experiment**: the latest one, running or answered.

Every line names the finding it comes from, so a page can open it there; the
numbers behind a line (estimate, interval, days) are said by
:func:`how_sure`, the one place that puts them in words, wherever they are
shown. :func:`progress` lists what each finding still waits for, for a new
journal's progress card.

Codes below, words above: :func:`digest` returns a table (kinds, findings,
numbers, and the line's words from the findings' readings); :func:`lines`
says it, in the second person for the journal's owner or the third for a
practitioner (``person="they"``, :func:`voice`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import change, findings, inference, vocabulary
from .findings import READING
from .i18n import _, ngettext

__all__ = ["MAX_LINES", "CHANGE_DAYS", "KINDS", "readings", "digest", "lines", "how_sure", "progress", "pace",
           "when", "voice", "shows", "answered", "clearest"]

MAX_LINES = 5
"""At most this many lines: more is no longer read at a glance."""
CHANGE_DAYS = 30
"""The days of "what changed": the last ones logged, against as many before them."""
KINDS = ("clear", "unclear", "not_yet", "changed", "experiment")
"""What a line of the digest is, in the order the lines are shown."""
_WAITING = ("too_few", "too_few_with", "too_few_without", "running")


def readings(data: findings.Data, results: dict | None = None, *, change: bool = True) -> pd.DataFrame:
    """Every finding's readings, in the page's order, each with its ``finding`` and how many days it still
    waits for at the pace so far (``days_to_go``, :func:`pace`).

    ``results`` are the findings' tables already computed (``{name: table}``);
    those missing are computed here. With ``change``, mood over the last
    :data:`CHANGE_DAYS` days against as many before is a reading of the
    timeline (form ``change``); leave it out for data without the days
    before, such as a share of one month.
    """
    results = {} if results is None else results
    rows = []
    for name, finding in findings.FINDINGS.items():
        if finding.read is None:
            continue
        result = results[name] if name in results else finding.compute(data)
        table = finding.read(result, data)
        if table is not None:
            rows += [row | {"finding": name} for row in table.to_dict("records")]
    if change:
        rows += _change(data)
    span = _span(data)
    rows = [row | {"days_to_go": _pace(row, *span)} for row in rows]
    return pd.DataFrame(rows, columns=[*READING, "days_to_go"])


def pace(row, data: findings.Data) -> float:
    """Days until a waiting reading has the ``needed`` it asks for, at the pace its ``n`` came so far.

    ``n`` of a unit came over the days from the first day of ``data`` to its
    last, so ``needed - n`` more take about ``(needed - n) / n`` times as
    long; days of check-ins come one a day; a running experiment waits for
    its last day. NaN when there is nothing to go by (nothing counted yet).
    """
    return _pace(row, *_span(data))


def _span(data: findings.Data) -> tuple[pd.Timestamp | None, int]:
    """The last day logged, and the days from the first day logged to it."""
    days = data.daily
    logged = days.loc[days["entries"] > 0, "date"] if len(days) else pd.Series(dtype="datetime64[us]")
    if logged.empty:
        return None, 0
    return logged.max(), (logged.max() - logged.min()).days + 1


def _pace(row, last: pd.Timestamp | None, elapsed: int) -> float:
    if row["status"] == "running":
        return float(max((pd.Timestamp(row["until"]) - last).days, 0)) if last is not None else np.nan
    needed, n = row["needed"], row["n"]
    if row["status"] not in _WAITING or not pd.notna(needed):
        return np.nan
    if needed <= n or n <= 0:
        return np.nan  # more are needed but the finding cannot say how many, or nothing has come yet to go by
    if row["measure"] == "score":  # days of check-ins pass one a day
        return float(needed - n)
    if not elapsed:
        return np.nan
    return float((needed - n) / n * elapsed)


def when(days_to_go: float) -> str:
    """Roughly when, in words: "in about 3 weeks", "not within a year"; "" when it cannot be said."""
    if not pd.notna(days_to_go):
        return ""
    if days_to_go > 365:
        return _("not within a year")
    if days_to_go < 1.5:
        return _("within a day or two")
    if days_to_go < 14:
        n = round(days_to_go)
        return ngettext("in about {n} day", "in about {n} days", n).format(n=n)
    if days_to_go < 61:
        n = round(days_to_go / 7)
        return ngettext("in about {n} week", "in about {n} weeks", n).format(n=n)
    n = round(days_to_go / 30.4)
    return ngettext("in about {n} month", "in about {n} months", n).format(n=n)


def digest(data: findings.Data, results: dict | None = None, *, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """At most :data:`MAX_LINES` lines: what is clear, what is not yet, what changed, the experiment.

    ``table`` is :func:`readings` when already made. What changed is said
    when the change test gives an answer (a change, or none); too few days
    for it is left to the timeline's numbers.

    Returns
    -------
    DataFrame with one row per line, in the order of :data:`KINDS`, and
    columns ``kind``, ``text`` (the line, second person) and those of the
    reading it comes from (``finding``, ``item``, ``estimate``, ``ci_low``,
    ``ci_high``, ``n``, ``unit``, ``needed``, ``days_to_go``, ``status``, ...).
    """
    table = readings(data, results) if table is None else table
    rows = table.to_dict("records")  # a handful of rows: plain Python is quicker than frames of text
    others = [row for row in rows if row["form"] not in ("experiment", "change")]
    clear = _clearest(others)
    unclear = [row for row in others if row["status"] == "ok" and not row["clear"] and row["headline"]]
    waiting = sorted((row for row in others if row["status"] in _WAITING and not row["headline"]
                      and row["days_to_go"] <= 365), key=lambda row: row["days_to_go"])
    picked = {"clear": clear[:2], "unclear": unclear[:0 if clear else 1], "not_yet": waiting[:1],
              "changed": [row for row in rows if row["form"] == "change" and row["status"] in ("ok", "no_variation")],
              "experiment": [row for row in rows if row["form"] == "experiment"][-1:]}
    room = MAX_LINES - sum(len(chosen) for chosen in picked.values())
    picked["clear"] = clear[:2 + max(room, 0)]
    lines_ = [row | {"kind": kind, "text": _say(row)} for kind in KINDS for row in picked[kind]][:MAX_LINES]
    columns = ["kind", "text", *table.columns]
    return pd.DataFrame(lines_, columns=columns)


def clearest(table: pd.DataFrame) -> pd.DataFrame:
    """The clear readings, one per finding, in the page's order (the main question first): a finding's
    comparison when it has one, else its clearest (smallest ``p``); one that says what an earlier one said is
    left out."""
    return pd.DataFrame(_clearest(table.to_dict("records")), columns=table.columns)


def _clearest(rows: list[dict]) -> list[dict]:
    order = {name: i for i, name in enumerate(findings.FINDINGS)}
    best: dict[str, dict] = {}
    for row in sorted((r for r in rows if r["clear"]), key=lambda r: (r["form"] != "compare", r["p"])):
        best.setdefault(row["finding"], row)
    out, said = [], set()
    for row in sorted(best.values(), key=lambda r: order.get(r["finding"], len(order))):
        # A link with the same measure as an earlier one (the main question's and its own finding's) says it again.
        key = row["item"] if row["form"] == "link" else row["headline"]
        if key not in said:
            said.add(key)
            out.append(row)
    return out


def _change(data: findings.Data) -> list[dict]:
    """Mood over the last :data:`CHANGE_DAYS` days logged against as many before, as a reading of the timeline."""
    last = _span(data)[0]
    if last is None:
        return []
    start = (last - pd.Timedelta(days=CHANGE_DAYS - 1)).date()
    days = data.daily.loc[data.daily["date"] >= last - pd.Timedelta(days=2 * CHANGE_DAYS - 1)]
    found = change.mood_change(days, start)
    if found is None:
        return []
    clear = inference.clear(found)
    n = CHANGE_DAYS
    subject = ngettext("mood over the last {n} day against the {n} before",
                       "mood over the last {n} days against the {n} before", n).format(n=n)
    if found["status"] == "ok" and clear:
        headline = ngettext("Your mood over the last {n} day was {difference} than in the {n} day before",
                            "Your mood over the last {n} days was {difference} than in the {n} days before", n).format(
            n=n, difference=vocabulary.points(found["estimate"]))
    elif found["status"] == "ok":
        headline = ngettext("Your mood over the last {n} day showed no clear change from the {n} day before",
                            "Your mood over the last {n} days showed no clear change from the {n} days before",
                            n).format(n=n)
    elif found["status"] == "no_variation":
        headline = ngettext("Your mood over the last {n} day was the same as in the {n} day before",
                            "Your mood over the last {n} days was the same as in the {n} days before", n).format(n=n)
    else:
        headline = ngettext("Too few days logged in the last {n} day and the {n} before to tell whether your mood "
                            "changed",
                            "Too few days logged in the last {n} and the {n} before to tell whether your mood changed",
                            n).format(n=n)
    days_logged = int(found.get("n", 0) or 0)
    row = findings.reading("change", "change", subject, found, estimate="estimate", clear=clear, measure="points",
                           headline=headline, n=days_logged, unit="day")
    return [row | {"finding": "timeline"}]


def _say(row: dict) -> str:
    """A line's words: the reading's headline, or for one that waits, what it waits for and roughly when."""
    if row["headline"]:
        return _("{headline}.").format(headline=row["headline"])
    subject = f"{row['subject'][:1].upper()}{row['subject'][1:]}"
    eta = when(row["days_to_go"])
    if eta:
        return _("{subject}: {progress} so far; a first answer may come {when} at your pace.").format(
            subject=subject, progress=_of(row), when=eta)
    return _("{subject}: {progress} so far.").format(subject=subject, progress=_of(row))


def _of(row: dict) -> str:
    """ "23 of about 60 days with a connection" """
    return _("{n} of about {needed}").format(n=int(row["n"]), needed=vocabulary.count(int(row["needed"]), row["unit"]))


def lines(table: pd.DataFrame, *, person: str = "you") -> list[str]:
    """The digest's lines as plain text, in the second person or, with ``person="they"``, the third."""
    return [voice(text, person) for text in table["text"]]


_THIRD = {"you": "they", "your": "their", "yours": "theirs", "yourself": "themselves"}


def voice(text: str, person: str = "you") -> str:
    """``text`` as said to its owner (``person="you"``, unchanged) or about them to someone else (``"they"``).

    English gives "you" and "they" the same verb forms, so swapping the
    pronouns is all it takes: "you felt" becomes "they felt".
    """
    if person == "you":
        return text

    def swap(match: re.Match) -> str:
        word = match.group(0)
        said = _THIRD[word.lower()]
        return said.capitalize() if word[0].isupper() else said

    return re.sub(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b", swap, text)


# What an estimate is, by its measure: how it is said, and the digits it is said with.
_MEASURES = {
    "r": (_("A correlation of {estimate}"), ".2f"),
    "sd": (_("An effect of {estimate} standard deviations of mood"), ".2f"),
    "points": (_("A difference of {estimate} mood points"), ".2f"),
    "score": (_("A difference of {estimate} questionnaire points"), ".1f"),
}


def how_sure(row) -> str:
    """The numbers behind a reading, in the same words wherever they are shown.

    "An effect of +0.42 standard deviations of mood, likely between +0.32 and
    +0.52 (95% interval), from 339 days with a connection. Clear: the
    interval leaves out zero." For an answer still to come, what it has of
    what it needs; for a running experiment, its days so far.
    """
    row = dict(row)
    status, n, unit = row["status"], int(row["n"]), row["unit"]
    if status == "running":
        needed = int(row["needed"])
        return ngettext("Still running: {n} of {needed} day so far; it is judged after {until}, since judging earlier "
                        "would let chance pass for an effect.",
                        "Still running: {n} of {needed} days so far; it is judged after {until}, since judging earlier "
                        "would let chance pass for an effect.", needed).format(
            n=n, needed=needed, until=pd.Timestamp(row["until"]).date())
    if status in ("too_few", "too_few_with", "too_few_without"):
        if pd.notna(row["needed"]) and row["needed"] > n:
            return _("Not enough data yet: {progress}.").format(progress=_of(row))
        return _("Not enough data yet: {counted}; more are needed, as neighbouring days repeat each other.").format(
            counted=vocabulary.count(n, unit))
    if status != "ok" and not pd.notna(row["estimate"]):
        return _("No number yet: {why}.").format(
            why=vocabulary.status_text(status, n=n, about=str(row.get("about") or "mood")))
    if not pd.notna(row["estimate"]):
        return _("{counted}; none is clear once chance across all of them is allowed for.").format(
            counted=vocabulary.count(n, unit).capitalize())
    words, form = _MEASURES[row["measure"]]
    estimate = words.format(estimate=f"{row['estimate']:+{form}}")
    counted = vocabulary.count(n, unit)
    if np.isfinite(row["ci_low"]) and np.isfinite(row["ci_high"]):
        text = _("{estimate}, likely between {low} and {high} (95% interval), from {counted}.").format(
            estimate=estimate, low=f"{row['ci_low']:+{form}}", high=f"{row['ci_high']:+{form}}", counted=counted)
    elif row["form"] == "experiment":
        text = _("{estimate}, with too few possible schedules to bound it, from {counted}.").format(
            estimate=estimate, counted=counted)
    else:
        text = _("{estimate}, from {counted}.").format(estimate=estimate, counted=counted)
    if status != "ok":  # a number, but no verdict on it
        return _("{numbers} {why}.").format(numbers=text, why=vocabulary.status_text(status).capitalize())
    if row["measure"] == "score":
        verdict = (_("Clear: larger than both the questionnaire's measurement error and your usual ups and downs.")
                   if row["clear"] else
                   _("Not clear: within the questionnaire's measurement error or your usual ups and downs."))
    elif row["clear"] and row["form"] in ("group", "next_day"):  # a family of comparisons, judged together
        verdict = _("Clear: the interval leaves out zero, after allowing for chance across everything compared.")
    elif row["clear"]:
        verdict = _("Clear: the interval leaves out zero.")
    elif row["ci_low"] > 0 or row["ci_high"] < 0:  # a family's adjusted p-value decides, not this one interval
        verdict = _("Not clear: the interval leaves out zero, but not once chance across everything compared is "
                    "allowed for.")
    else:
        verdict = _("Not clear: the interval includes zero, so it may be chance.")
    return _("{numbers} {verdict}").format(numbers=text, verdict=verdict)


def progress(table: pd.DataFrame) -> pd.DataFrame:
    """What each finding still waits for: its first reading without an answer, one per finding.

    Columns are those of :func:`readings` plus ``text``, the line a progress
    card shows ("How connected you felt: 23 of about 60 days with a
    connection"), and ``share``, how far along it is (0 to 1; NaN where no
    count applies, as for a measure that never varied).
    """
    waiting = table.loc[(table["headline"] == "") & (table["status"] != "ok")]
    waiting = waiting.drop_duplicates("finding", keep="first")
    texts, shares = [], []
    for row in waiting.to_dict("records"):
        subject = f"{row['subject'][:1].upper()}{row['subject'][1:]}"
        counted = pd.notna(row["needed"]) and row["needed"] > row["n"] and row["status"] in _WAITING
        if counted and row["measure"] == "score" and row["n"] == 0:
            texts.append(_("{subject}: no check-ins yet").format(subject=subject))
            shares.append(0.0)
        elif counted:
            texts.append(_("{subject}: {progress}").format(subject=subject, progress=_of(row)))
            shares.append(row["n"] / row["needed"])
        else:
            said = how_sure(row)
            texts.append(_("{subject}: {progress}").format(subject=subject, progress=said[0].lower() + said[1:-1]))
            shares.append(np.nan)
    return waiting.assign(text=texts, share=shares).reset_index(drop=True)


def answered(table: pd.DataFrame) -> bool:
    """Whether any finding has an answer yet (clear or not): until then a journal is new to the page."""
    return bool(((table["status"] == "ok") | (table["headline"] != "")).any())


def shows(table: pd.DataFrame, name: str) -> bool:
    """Whether the finding ``name`` has something to show: an answer (clear or not), or a running experiment.

    A finding that is only a chart (no readings) shows once anything is logged; the page decides that.
    """
    rows = table.loc[table["finding"] == name]
    return bool(((rows["status"] == "ok") | (rows["headline"] != "")).any())

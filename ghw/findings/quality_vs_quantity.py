"""The flagship question: does how connected you felt go with mood more than how many connections you had?"""

from __future__ import annotations

import pandas as pd

from .. import analysis, inference, plots, vocabulary
from ..i18n import _, ngettext
from ._base import Data, Finding, reading, readings, register, sentence_for_status
from ._shared import better, capital, decided, effect


def compute(data: Data) -> pd.DataFrame:
    """Regress daily mood on the day's connection quality and number of connections.

    On days with at least one connection (days without any have no quality,
    so they are not part of this comparison), daily mood is regressed on the
    day's mean connection quality, number of connections and, when logged on
    most such days, minutes, all standardized, so each effect is in standard
    deviations of mood per standard deviation of the predictor. With minutes
    in the model, each effect is with the others, time together among them, held equal. Each term is tested
    on its own effective number of days (:func:`ghw.inference.quality_vs_quantity`),
    so that carry-over from one day to the next does not make links look
    surer than they are. The last row is the difference between the quality
    and the number effects, tested in the same model.

    Returns
    -------
    DataFrame with rows ``quality``, ``connections``, (``minutes``,) and
    ``quality - connections``, and columns ``term``, ``beta``, ``se``,
    ``ci_low``, ``ci_high``, ``p_val``, ``n`` (days in the model), ``n_eff``,
    ``df``, ``status``, ``needed`` and ``about``.
    """
    days = analysis.on_calendar(data.daily)
    with_connection = days.loc[days["connections"] > 0]
    if len(with_connection) and with_connection["quality"].isna().all():
        rows = ["quality", "connections", "quality - connections"]
        return analysis.empty(rows, "term", int(with_connection["connections"].sum()), analysis.status("unrated"),
                              ["beta", "se"])
    return analysis.from_inference(inference.quality_vs_quantity(days), "beta")


DIFFERENCE = "quality - connections"
_SUBJECTS = {"quality": _("how connected you felt"), "connections": _("how many connections you had"),
             "minutes": _("the time you spent together")}
_NUMBERS = {"quality": _("how connected you felt"), "connections": _("number of connections"),
            "minutes": _("time together"), DIFFERENCE: _("difference")}


def explain(result: pd.DataFrame, data: Data | None = None) -> str:
    """Which goes with mood more, if that is clear, and every clear link with its direction in words.

    The comparison (the ``quality - connections`` row) leads; then each term
    that is clear is said with its direction ("days with more connections
    went with lower mood"), and a term without a number says why. Clear
    means :func:`ghw.inference.clear`, the rule the intervals follow too.
    """
    rows = result.set_index("term")
    ok = rows.loc[rows["status"] == "ok"]
    if ok.empty:
        return _waiting(rows.iloc[0], _("Quality or quantity?")) + "."
    terms = rows.drop(index=DIFFERENCE, errors="ignore")
    said = [_comparison(rows)]
    links = [_link(term, row) for term, row in terms.iterrows() if inference.clear(row)]
    if links:
        said.append("; ".join(links))
    numbers = "; ".join(_("{name} {effect}").format(name=_NUMBERS.get(term, term), effect=effect(row))
                        for term, row in ok.iterrows())
    n = int(ok["n"].iat[0])
    days = ngettext("{n} day with connections", "{n} days with connections", n).format(n=n)
    if "minutes" in ok.index:
        detail = _("{numbers}; {days}, each effect with the others held equal; effects in standard deviations of "
                   "mood").format(numbers=numbers, days=days)
    else:
        detail = _("{numbers}; {days}; effects in standard deviations of mood").format(numbers=numbers, days=days)
    waiting = [_waiting(row, _SUBJECTS.get(term, term)) for term, row in terms.iterrows() if row["status"] != "ok"]
    return " ".join([
        *(f"{_capital(part)}." for part in said[:-1]),
        _("{sentence} ({detail}).").format(sentence=_capital(said[-1]), detail=detail),
        *(f"{_capital(text)}." for text in waiting),
        _("Days without any connection are not part of this comparison. These are links, not proof of cause."),
    ])


def _comparison(rows: pd.DataFrame) -> str:
    """Which of the two goes with mood more, or that this can't be told (yet); no full stop."""
    if DIFFERENCE not in rows.index or rows.at[DIFFERENCE, "status"] != "ok":
        question = _("which goes with your mood more, how connected you felt or how many connections you had")
        return _waiting(rows.loc[DIFFERENCE] if DIFFERENCE in rows.index else rows.iloc[0], question)
    difference = rows.loc[DIFFERENCE]
    both = [rows.loc[term] for term in ("quality", "connections")]
    if not inference.clear(difference):
        if all(row["status"] == "ok" and not inference.clear(row) for row in both):
            return _("neither how connected you felt nor how many connections you had shows a clear link with your "
                     "mood yet, and which of the two goes with it more can't be told yet")
        return _("which goes with your mood more, how connected you felt or how many connections you had, can't be "
                 "told yet")
    first, second = ("quality", "connections") if difference["beta"] > 0 else ("connections", "quality")
    winner = rows.loc[first]
    said = {"first": _SUBJECTS[first], "second": _SUBJECTS[second]}
    if inference.clear(winner) and winner["beta"] > 0:
        return _("on your data, {first} went with your mood more than {second}").format(**said)
    if winner["status"] == "ok" and not inference.clear(winner):
        return _("on your data, the link between {first} and your mood was clearly more positive than the link with "
                 "{second}, though {first} shows no clear link of its own yet").format(**said)
    return _("on your data, the link between {first} and your mood was clearly more positive than the link with "
             "{second}").format(**said)


def _link(term: str, row) -> str:
    """A clear term with its direction in words: "days with more connections went with lower mood"."""
    return _("days with {more} went with {mood}").format(more=vocabulary.more(term),
                                                         mood=vocabulary.toward("mood", row["beta"]))


def _capital(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}"


def _waiting(row, subject: str) -> str:
    """Why a row has no number yet, as "<subject>: <why>", without a full stop."""
    row = row.copy()
    row["unit"] = "day with a connection"  # a unit of ghw.vocabulary, for too_few; unrated counts connections
    return sentence_for_status(row, subject)[:-1]


def read(result: pd.DataFrame, data: Data | None = None) -> pd.DataFrame:
    """The comparison first (which goes with mood more), then each term's own link with mood."""
    rows = result.set_index("term")
    out = []
    if "quality - connections" in rows.index:
        difference = rows.loc["quality - connections"]
        clear = decided(difference)
        headline = ""
        if difference["status"] == "ok" and not clear:
            headline = _("Which goes with your mood more, how connected you felt or how many connections you had, "
                         "can't be told yet")
        elif clear:
            first, second = ("quality", "connections") if difference["beta"] > 0 else ("connections", "quality")
            said = {"first": _SUBJECTS[first], "second": _SUBJECTS[second]}
            if decided(rows.loc[first]) and rows.at[first, "beta"] > 0:
                headline = capital(_("{first} went with your mood more than {second}").format(**said))
            else:
                headline = _("The link between {first} and your mood was clearly more positive than the link with "
                             "{second}").format(**said)
        out.append(reading("quality - connections", "compare", _("quality or quantity"), difference, estimate="beta",
                           headline=headline, clear=clear, measure="sd", unit="day with a connection"))
    for term, row in rows.drop(index="quality - connections", errors="ignore").iterrows():
        clear = decided(row)
        headline = ("" if row["status"] != "ok" else
                    _("Days with {more} went with {mood}: a {strength} link").format(
                        more=vocabulary.more(term), mood=better(row["beta"]), strength=vocabulary.strength(row["beta"]))
                    if clear else _("No clear link yet between {name} and mood").format(name=vocabulary.name(term)))
        out.append(reading(term, "link", vocabulary.name(term), row, estimate="beta", headline=headline, clear=clear,
                           measure="sd", unit="day with a connection"))
    return readings(out)


FINDING = register(Finding(
    name="quality_vs_quantity",
    title=_("Quality or quantity?"),
    intro=_("Which goes with your mood more: how connected you felt, or how many connections you had? "
            "Each dot is an estimate; the bar around it is the range it could plausibly be in. "
            "A bar that crosses the zero line means 'no clear link yet'."),
    compute=compute,
    explain=explain,
    plot=lambda result, data, ax: plots.plot_quality_vs_quantity(result, ax=ax),
    read=read,
    in_summary=True,
))

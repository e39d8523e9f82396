"""Every sentence that makes a claim, over every combination of statuses and signs its numbers can take.

A sentence must never crash, never print a missing number, state every clear
result with its direction in words, and never call clear what is not.
"""

import itertools

import numpy as np
import pandas as pd
import pytest

from ghw import practice, reliable_change, summary, vocabulary
from ghw.findings import experiment, lift, next_day, quality_vs_quantity
from ghw.findings._shared import explain_association

NOT_OK = ("too_few", "no_variation", "unrated", "collinear")
OK = ("clear +", "clear -", "unclear +", "unclear -")
STATES = NOT_OK + OK


def _row(term: str, state: str, **extra) -> dict:
    """One result row in ``state``: a status code, or ``ok`` with a clear or unclear estimate of a sign."""
    if state in NOT_OK:
        return {"term": term, "beta": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan,
                "n": 40, "status": state, "needed": 60, "about": "quality" if state == "no_variation" else None} | extra
    clear, sign = state.split()
    beta = 0.45 if sign == "+" else -0.45
    half = 0.2 if clear == "clear" else 0.6
    return {"term": term, "beta": beta, "se": half / 2, "ci_low": beta - half, "ci_high": beta + half,
            "p_val": 0.001 if clear == "clear" else 0.3, "n": 40, "status": "ok", "needed": np.nan,
            "about": None} | extra


FLAGSHIP_WORDS = {"quality": "connections that felt closer", "connections": "more connections",
                  "minutes": "more time together"}


# Two terms on every run (512 tables); three (4,096 tables, with time together) in make slow.
@pytest.mark.parametrize("terms", [("quality", "connections"),
                                   pytest.param(("quality", "connections", "minutes"), marks=pytest.mark.slow)])
def test_the_flagship_says_every_combination_of_statuses_and_signs(terms):
    """8 states a row (4 status codes, clear or not, either sign) over every row: 512 and 4,096 tables."""
    rows = [*terms, "quality - connections"]
    for states in itertools.product(STATES, repeat=len(rows)):
        table = pd.DataFrame([_row(term, state) for term, state in zip(rows, states)])
        text = quality_vs_quantity.explain(table)
        given = dict(zip(rows, states))
        assert text.endswith(".") and "nan" not in text.lower(), (given, text)
        if all(state in NOT_OK for state in states):
            assert text.startswith("Quality or quantity? ") and " went with " not in text, (given, text)
            continue
        for term in terms:
            state = given[term]
            said = f"days with {FLAGSHIP_WORDS[term]} went with"
            if state.startswith("clear"):
                mood = "better mood" if state.endswith("+") else "lower mood"
                assert f"{said} {mood}".lower() in text.lower(), (given, text)
            else:
                assert said not in text.lower(), (given, text)
            if state in NOT_OK:
                words = vocabulary.status_text(state, n=40, needed=60, unit="day with a connection", about="quality")
                assert words in text, (given, text)
        difference = given["quality - connections"]
        if difference.startswith("clear"):
            first, second = (("how connected you felt", "how many connections you had") if difference.endswith("+")
                             else ("how many connections you had", "how connected you felt"))
            assert (f"{first} went with your mood more than {second}" in text
                    or f"between {first} and your mood was clearly more positive than the link with {second}"
                    in text), (given, text)
            assert "can't be told" not in text, (given, text)
        elif difference.startswith("unclear"):
            assert "can't be told yet" in text and "more than" not in text, (given, text)
        else:
            assert "went with your mood more than" not in text and "clearly more positive" not in text, (given, text)


def test_the_flagship_says_a_negative_number_and_a_clear_difference():
    """Quality +0.55 and number of connections −0.46, both clear: both directions are said, in words."""
    table = pd.DataFrame([_row("quality", "clear +"), _row("connections", "clear -"),
                          _row("quality - connections", "clear +")])
    text = quality_vs_quantity.explain(table)
    assert text.startswith("On your data, how connected you felt went with your mood more than how many connections")
    assert "days with more connections went with lower mood" in text


def test_a_clear_difference_is_said_though_the_leading_term_is_not():
    table = pd.DataFrame([_row("quality", "clear -"), _row("connections", "unclear +"),
                          _row("quality - connections", "clear -")])
    text = quality_vs_quantity.explain(table)
    assert text.startswith("On your data, the link between how many connections you had and your mood was clearly "
                           "more positive than the link with how connected you felt, though how many connections you "
                           "had shows no clear link of its own yet.")
    assert "connections that felt closer went with lower mood" in text


# --- the other findings -----------------------------------------------------------------------------------------


def _association(x: str, unit: str, state: str) -> dict:
    row = _row(x, state, x=x, y="mood", unit=unit, r=np.nan)
    row["r"] = row.pop("beta")
    return row


@pytest.mark.parametrize("x, unit", [("quality", "day"), ("variety", "day"), ("richness", "week"),
                                     ("evenness", "week"), ("initiative", "week"), ("support", "week")])
def test_a_link_with_mood_is_said_with_its_direction_in_words(x, unit):
    for state in STATES:
        text = explain_association(pd.DataFrame([_association(x, unit, state)]))
        assert text.endswith(".") and "nan" not in text.lower(), (state, text)
        if state.startswith("clear"):
            mood = "better mood" if state.endswith("+") else "lower mood"
            assert text.startswith(f"{unit.capitalize()}s with {vocabulary.more(x)} went with {mood} ("), text
        elif state.startswith("unclear"):
            assert text.startswith("No clear link yet"), text
        else:
            assert "went with" not in text and "No clear link" not in text, text


NEXT_DAY = [("quality", "mood"), ("mood", "quality"), ("connections", "mood"), ("mood", "connections")]


def test_next_day_links_say_every_clear_direction_in_words():
    for states in itertools.product(STATES, repeat=4):
        table = pd.DataFrame([_row("x", state, predictor=today, outcome=tomorrow, unit="pair of consecutive days")
                              for (today, tomorrow), state in zip(NEXT_DAY, states)])
        table["p_adj"] = table["p_val"]
        text = next_day.explain(table)
        assert text.endswith(".") and "nan" not in text.lower(), (states, text)
        for (today, tomorrow), state in zip(NEXT_DAY, states):
            said = f"{vocabulary.more(today)} today went with"
            if state.startswith("clear"):
                way = vocabulary.toward(tomorrow, 1 if state.endswith("+") else -1)
                assert f"{said} {way} tomorrow" in text, (states, text)
            elif state in OK:
                assert f"{said} {vocabulary.more(tomorrow)} tomorrow" not in text, (states, text)
                assert f"{said} {vocabulary.less(tomorrow)} tomorrow" not in text, (states, text)


LIFT_ROWS = ("after a connection", "no connection", "difference")


def test_the_lift_says_a_clear_change_and_a_clear_difference_with_their_directions():
    for states in itertools.product(STATES, repeat=3):
        rows = []
        for group, state in zip(LIFT_ROWS, states):
            row = _row(group, state, group=group, days=12, unit="day with a change")
            row["change"] = row.pop("beta")
            rows.append(row)
        text = lift.explain(pd.DataFrame(rows))
        after, _, difference = states
        assert text.endswith(".") and "nan" not in text.lower(), (states, text)
        if after in NOT_OK:
            assert "not enough" in text.lower() or "same every time" in text or "moved together" in text \
                or "no rating" in text, (states, text)
            continue
        if after.startswith("clear"):
            assert f"clearly {'higher' if after.endswith('+') else 'lower'} than at the entry before" in text, text
        else:
            assert "not clearly different from the entry before" in text, text
        if difference.startswith("clear"):
            assert f"clearly rose {'more' if difference.endswith('+') else 'less'} after a connection" in text, text
        elif difference.startswith("unclear"):
            assert "not clearly more than chance" in text, text


@pytest.mark.parametrize("state", STATES)
def test_the_summary_says_a_change_only_when_it_is_clear(state):
    row = _row("change", state, mean_before=5.2, mean_after=5.6)
    row["estimate"] = row.pop("beta")
    said = summary.Summary.__new__(summary.Summary)
    said.mood_change = row
    text = said._change()
    assert "nan" not in text.lower(), text
    if state.startswith("clear"):
        assert text.startswith(f"0.5 {'higher' if state.endswith('+') else 'lower'} than the period before (5.2; 95%")
    elif state.startswith("unclear"):
        assert text.startswith("no clear change from the period before (5.2)"), text
    elif state == "no_variation":
        assert text == "the same as the period before (5.2)"
    else:
        assert text == "5.2 in the period before: too few days to tell whether mood changed"


@pytest.mark.parametrize("code, words", [("rising", "rising over time"), ("falling", "lower lately than earlier"),
                                         ("unclear", "no clear rise or fall over time"),
                                         ("same", "the same every time so far")])
def test_a_persons_trend_is_said_in_words(code, words):
    assert vocabulary.BALANCE["trend"][code] == words


@pytest.mark.parametrize("method", ["multilevel model", "repeated-measures correlation"])
@pytest.mark.parametrize("state", STATES)
def test_the_practitioners_sentences_say_clear_directions_only(method, state):
    row = _row("connections", state, x="connections", y="mood", method=method, n=8, n_obs=400, unit="person",
               slope_sd=0.1, needed=5)
    row["estimate"] = row.pop("beta")
    text = practice.explain(row)
    assert text.endswith(".") and "nan" not in text.lower(), text
    if state.startswith("clear"):
        if method == "multilevel model":
            assert f"was clearly {'higher' if state.endswith('+') else 'lower'}:" in text, text
        else:
            assert f"more connections went with {'better' if state.endswith('+') else 'lower'} mood" in text, text
    elif state.startswith("unclear"):
        assert "not clearly different" in text or "no clear link" in text, text
    else:
        assert "clearly" not in text.replace("not clearly", "") and "went with" not in text, text


@pytest.mark.parametrize("reliable", [True, False])
@pytest.mark.parametrize("swings", ["ok", "too_few"])
@pytest.mark.parametrize("state", OK)
def test_a_checkin_change_is_called_one_only_when_both_tests_pass(reliable, swings, state):
    found = _row("change", state, reliable=reliable, swings=swings)
    found["diff"] = found.pop("beta")
    if swings != "ok":
        found["p_val"] = np.nan
    text = reliable_change.verdict(found)
    called = reliable and swings == "ok" and state.startswith("clear")
    assert text.startswith("a rise" if state.endswith("+") else "a fall") == called, (found, text)
    assert ("not called a change" in text or "not yet called a change" in text) != called, text


EXPERIMENT_STATES = ("running", "too_few_with", "clear +", "clear -", "unclear +", "unclear -")


def _look(analysis: str, state: str) -> dict:
    base = {"experiment": "e1", "act": "Call a friend", "outcome": "mood", "analysis": analysis, "n": 28, "n_act": 12,
            "n_other": 16, "schedules": 1225, "exact": True, "act_days": 12, "done_days": 10, "days_so_far": 28,
            "days": 28, "start": pd.Timestamp("2026-03-02"), "end": pd.Timestamp("2026-03-29"), "stopped": pd.NaT,
            "needed": 5, "about": "2026-03-29"}
    if state == "running" or state == "too_few_with":
        return base | {"diff": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan, "status": state}
    row = _row(analysis, state)
    return base | {"diff": row["beta"], "ci_low": row["ci_low"], "ci_high": row["ci_high"], "p_val": row["p_val"],
                   "status": "ok"}


def test_an_experiment_says_a_clear_effect_and_a_lingering_one_with_their_directions():
    for main, later in itertools.product(EXPERIMENT_STATES, repeat=2):
        table = pd.DataFrame([_look("as assigned", main), _look("as done", main), _look("next day", later)])
        text = experiment.explain(table)
        assert text.endswith(".") and "nan" not in text.lower(), (main, later, text)
        if main.startswith("clear"):
            assert f"very likely {'raised' if main.endswith('+') else 'lowered'} your mood" in text, text
        elif main.startswith("unclear"):
            assert "cannot tell the act apart from chance" in text, text
        if main in OK and later.startswith("clear"):
            assert f"was clearly {'higher' if later.endswith('+') else 'lower'}" in text, text
        elif main in OK and later.startswith("unclear"):
            assert "was not clearly different" in text, text

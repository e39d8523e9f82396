"""Every sentence that makes a claim, over every combination of statuses and signs its numbers can take.

A sentence must never crash, never print a missing number, state every clear
result with its direction in words, and never call clear what is not.
"""

import itertools

import numpy as np
import pandas as pd
import pytest

from ghw import vocabulary
from ghw.findings import quality_vs_quantity

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


@pytest.mark.parametrize("terms", [("quality", "connections"), ("quality", "connections", "minutes")])
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

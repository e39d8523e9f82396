"""The examples in the docstrings run as written: each module's doctests pass, and it has some."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "ghw.inference",
    "ghw.analysis",
)


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_run_as_written(name):
    failed, attempted = doctest.testmod(importlib.import_module(name))
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0, f"{failed} of {name}'s {attempted} examples gave something else (printed above)"

"""The period's entries as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import _
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write(report: Summary) -> bytes:
    """One row per entry of the period; notes only when the summary includes them."""
    table = report.entries.copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    for column in table.columns:
        if pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(_defuse, na_action="ignore")
    if not report.notes_included:
        table = table.drop(columns="note")
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


EXPORT = register(Export("csv", _("CSV of the entries"), _("one row per entry"), write, sentences=False))

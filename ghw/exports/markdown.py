"""The summary as Markdown, with every character Markdown would read as markup escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import care
from ..i18n import _
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def write(report: Summary) -> bytes:
    """The sentences as a list, then the care note."""
    lines = ["# " + _("ghw summary: {period}").format(period=report.period), "",
             _("{start} to {end}").format(start=report.start, end=report.end), ""]
    lines += [f"- {_escape(s)}" for s in report.sentences()]
    lines += ["", "---", "", *(_escape(line) for line in care.care_note().splitlines())]
    return ("\n".join(lines) + "\n").encode("utf-8")


EXPORT = register(Export("md", _("Markdown"), _("the summary sentences and a note on care and where to find help"),
                         write))

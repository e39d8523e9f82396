"""Reflections: what a person writes in answer to the programme's prompts, kept in ``reflections.csv``.

One row per reflection: its id, the day, the month's theme (a lesson's
name), the prompt it answers and the text (``docs/reflection-format.md``).
Reflections are private by default: no export and no share holds one unless
the person picks it by its id (:func:`pick`, and ``reflections=`` in
:func:`ghw.summary.summary`). A reflection is saved whatever it says; one
that holds words of crisis (:data:`ghw.care.CRISIS_WORDS`) is saved too, and
the faces show the care note at once.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import care, paths, rules, sidefiles, storage
from .errors import GhwError, ValidationError
from .folder import JournalFolder
from .i18n import _

__all__ = ["REFLECTION_COLUMNS", "reflections_path", "load_reflections", "open_reflections", "save", "pick",
           "MAX_CHARACTERS"]

REFLECTION_COLUMNS = ("id", "date", "theme", "prompt", "text")
MAX_CHARACTERS = 20_000  # a long letter; more is likely a paste gone wrong

# Each column's rule (docs/reflection-format.md).
_RULES = {
    "id": rules.Rule(rules.text, "", required=_("is required: the id that names this reflection")),
    "date": rules.Rule(rules.date, rules.DATE_PROBLEM, "datetime64[s]",
                       required=_("is required: the day of the reflection, as YYYY-MM-DD")),
    "theme": rules.Rule(rules.text, "", required=_("is required: the theme of the month it belongs to")),
    "prompt": rules.Rule(rules.text, ""),
    "text": rules.Rule(lambda t: t if len(t) <= MAX_CHARACTERS else rules.INVALID,
                       _("is longer than {n} characters").format(n=f"{MAX_CHARACTERS:,}"),
                       required=_("is required: the reflection itself")),
}


def reflections_path(journal: str | os.PathLike | None = None) -> Path:
    """``reflections.csv`` in the journal's folder (:class:`ghw.folder.JournalFolder`)."""
    return JournalFolder(journal).reflections


def load_reflections(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check ``reflections.csv``; a missing file holds no reflections.

    Returns one row per reflection with ``id``, ``date``, ``theme``,
    ``prompt`` and ``text``, oldest first. Every problem is listed with its
    line in one :class:`~ghw.errors.ValidationError`.
    """
    rows = rules.load(path or reflections_path(), "reflections", REFLECTION_COLUMNS,
                      lambda values: rules.check(values, _RULES), across=_twice)
    return rules.table(rows, _RULES).sort_values("date", kind="stable").reset_index(drop=True)


def _twice(rows: list[tuple[int, dict]]) -> list[tuple[int, str, str, str]]:
    """An id used by an earlier reflection, on the lines after the first."""
    seen, problems = set(), []
    for line, row in rows:
        if row["id"] in seen:
            problems.append((line, "id", row["id"], _("is used by an earlier reflection; ids must be unique")))
        seen.add(row["id"])
    return problems


def open_reflections(journal_path: str | os.PathLike, *, is_sample: bool) -> pd.DataFrame:
    """The reflections to show beside a journal: the person's own, or the sample's while both are still empty."""
    own = load_reflections(reflections_path(journal_path))
    return load_reflections(paths.SAMPLE_REFLECTIONS) if own.empty and is_sample else own


def save(path: str | os.PathLike | None, text: str, *, theme: str, prompt: str = "",
         date: dt.date | str | None = None) -> dict:
    """Check and append one reflection; return it as saved, with ``crisis`` (it holds words of crisis).

    The text is kept as written (line breaks too); an empty one is refused,
    and nothing is written when a value breaks its rule.
    """
    from .lessons import LESSONS

    if theme not in LESSONS:
        raise GhwError(_("There is no theme {theme!r}; the themes are: {names}.").format(theme=theme,
                                                                                         names=", ".join(LESSONS)))
    path = Path(path or reflections_path())
    values = {"id": secrets.token_hex(6), "date": str(date or dt.date.today()), "theme": theme,
              "prompt": _one_line_break(prompt), "text": _one_line_break(text).strip()}
    typed, problems = rules.check(values, _RULES)
    if problems:
        raise ValidationError.from_rows(problems, source=_("This reflection"))
    with storage.locked(path):
        sidefiles.append(path, "reflections", REFLECTION_COLUMNS,
                         [{"id": values["id"], "date": typed["date"].isoformat(), "theme": typed["theme"],
                           "prompt": typed["prompt"], "text": typed["text"]}])
    return typed | {"crisis": care.mentions_crisis(typed["text"])}


def pick(reflections: pd.DataFrame, ids: Iterable[str]) -> pd.DataFrame:
    """The reflections with these ids, as the person chose them for an export or a share.

    An id that is not there is refused with the ids there are, so that a
    typo never silently leaves out (or puts in) the wrong one.
    """
    ids = [str(i).strip() for i in ids]
    unknown = [i for i in ids if i not in set(reflections["id"])]
    if unknown:
        known = ", ".join(reflections["id"].tolist()[-10:]) or _("none yet")
        raise GhwError(_("There is no reflection {id!r}; {command} lists them ({known}).").format(
            id=unknown[0], command="ghw month reflections", known=known))
    return reflections.loc[reflections["id"].isin(ids)].reset_index(drop=True)


def _one_line_break(text: str) -> str:
    """Line breaks as one ``\\n``, the way the journal keeps them (a lone ``\\r`` would not be quoted)."""
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n")


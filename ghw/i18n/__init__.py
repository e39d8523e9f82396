"""Every word a person reads goes through here: one gettext catalogue, English as its source.

Code marks a sentence with ``_("...")`` (or ``ngettext(one, many, n)`` where
a number decides the form, and ``N_("...")`` where the words are kept as
they are and translated where shown). ``make catalogue`` (Babel's
``pybabel extract``, configured in ``babel.cfg``) gathers every marked
sentence, every heading and paragraph of the lessons and every label of the
questionnaires into ``ghw/i18n/ghw.pot``; a translation is a ``.po`` file
for a language in ``ghw/i18n/<language>/``, made from it.

The language is chosen once, when ghw is first imported: ``GHW_LANG`` if it
is set, else the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``); a language ghw has no catalogue for reads English. Words kept in
module constants are translated as the module is imported, so the language
stays the one ghw started with.

``en_XA`` is a pseudo-language made from the template itself: every letter
of every sentence swapped for an accented one, placeholders and markup left
alone. Text that still reads as plain English under it was never marked,
which is what ``tests/i18n/test_i18n.py`` looks for on every page, message and
export.

Dates are said through :func:`date`, with the calendar words of the
language (Babel's locale data).
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import os
import re
from pathlib import Path

__all__ = ["_", "ngettext", "N_", "language", "use", "date", "PSEUDO", "TEMPLATE", "pseudo"]

HERE = Path(__file__).parent
TEMPLATE = HERE / "ghw.pot"
PSEUDO = "en_XA"
_SOURCE = "en"


def _wanted() -> list[str]:
    """The languages asked for, most wanted first, as gettext reads them from the environment."""
    for variable in ("GHW_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable):  # "de_DE.UTF-8@euro" is de_DE; LANGUAGE may list several, most wanted first
            return [part.split(".")[0].split("@")[0] for part in os.environ[variable].split(":") if part]
    return [_SOURCE]


# Letters a sentence of the pseudo-language is written in: each ASCII letter becomes one that still reads.
_ACCENTED = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                          "àƀçđéƒĝĥîĵķĺɱñöþǫŕšŧûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŦÛṼŴẊÝŽ")
# What a sentence holds that is not words to read: placeholders, markup, entities, links and code.
_KEEP = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifgr%]|<[^<>]*>|&#?\w+;|`[^`]*`"
                   r"|\]\([^)]*\)|https?://\S+|\b(?:ghw|GHW_\w+)\b")


def pseudo(text: str) -> str:
    """``text`` in the pseudo-language: its letters accented, its placeholders, markup and code left as they are."""
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last:match.start()].translate(_ACCENTED))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTED))
    return "".join(out)


def _compiled(catalog) -> _gettext.GNUTranslations:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def _pseudo_catalogue() -> _gettext.GNUTranslations:
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as file:
        catalog = read_po(file, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(pseudo(form) for form in message.id)
        else:
            message.string = pseudo(message.id)
    return _compiled(catalog)


def _catalogue(name: str, folder: Path = HERE) -> _gettext.NullTranslations | None:
    """The translations for language ``name`` (``de``, ``pt_BR``…) in ``folder``, or None when there are none."""
    if name == PSEUDO:
        return _pseudo_catalogue()
    from babel.messages.pofile import read_po

    for candidate in (name, name.split("_")[0]):
        path = folder / candidate / "ghw.po"
        if path.is_file():
            with path.open("rb") as file:
                return _compiled(read_po(file, locale=candidate))
    return None


_language = _SOURCE
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def use(name: str | None = None, folder: Path = HERE) -> str:
    """Speak ``name`` (or the language the environment asks for) from now on; returns the language chosen.

    ``folder`` holds the translations, one folder a language (``de/ghw.po``): ghw's own by default.

    Words already kept in module constants stay in the language ghw was imported with: choose before
    importing the rest of ghw (``GHW_LANG`` does).
    """
    global _language, _translations
    for wanted in [name] if name else _wanted():
        if wanted in (_SOURCE, "C", "POSIX") or wanted.startswith("en_") and wanted != PSEUDO:
            break  # English, the source, is asked for before any other
        found = _catalogue(wanted, folder)
        if found is not None:
            _language, _translations = wanted, found
            return _language
    _language, _translations = _SOURCE, _gettext.NullTranslations()
    return _language


def language() -> str:
    """The language ghw speaks: ``en``, or one it has a catalogue for."""
    return _language


def _(message: str) -> str:
    """``message`` in the language ghw speaks."""
    return _translations.gettext(message)


def ngettext(one: str, many: str, n: float) -> str:
    """The form of a sentence for the number ``n``: ``one`` or ``many`` in English, as the language has it.

    A whole number of any type (numpy's too) is given to the language's plural rule as it is; a fraction takes the
    form English gives it ("1.5 days"), since gettext's rules are written for whole numbers.
    """
    whole = float(n).is_integer()
    return _translations.ngettext(one, many, int(n) if whole else 2)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue and returns it unchanged, for words translated where they are shown."""
    return message


def date(day: dt.date, form: str = "d MMMM yyyy") -> str:
    """``day`` said in the language: "3 March 2026" (``form`` is a CLDR date pattern, so the words are the
    language's own)."""
    from babel.dates import format_date

    return format_date(day, form, locale=_SOURCE if _language == PSEUDO else _language)


use()

"""How names are compared: one fold for letters and punctuation, one key per person, and everyday words.

A journal writes the same person in several ways: "Zoë" and "zoe",
"Ørjan" and "Orjan", "O’Brien" and "O'Brien", "J.D." and "JD", "Mary-Jane"
and "Mary Jane". :func:`fold` turns text into a form where those agree
letter by letter, and :func:`key` turns a name into the one key of the
person it names, used wherever ghw asks whether two names are one person
(the people file, private marks, pseudonyms, merges).

Some names are also everyday words ("Will", "Grace", "May"). Those are in
:data:`EVERYDAY`, and the pseudonym matcher (:mod:`ghw.privacy`) treats them
with care: it replaces them only where they are written with a capital, and
reports every other use instead of guessing.

Beside the fold, the names as a journal writes them: which entries name a
person (:func:`named`), the one name a typed name stands for (:func:`find`),
a name ghw may write (:func:`check`), and which connections count for an
intention or an experiment's act (:func:`matches`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from .errors import GhwError
from .i18n import _, ngettext

__all__ = ["fold", "fold_with_places", "key", "EVERYDAY", "is_everyday", "spaced", "MAX_NAME", "check", "short",
           "named", "find", "matches"]

_APOSTROPHES = frozenset("'’‘ʼ`´′")
_LEADING = "@"  # a handle ("@jo_k") names the same person as the name without it


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded: no case, no accents, Latin letters as plain ASCII, apostrophes and dashes as one each.

    Letters of other scripts keep their own letters (without case): "Ольга"
    stays Cyrillic, and Chinese is not spelled out in Latin letters.
    """
    from anyascii import anyascii  # imported on first use: ``import ghw`` stays fast

    out = []
    for part in unicodedata.normalize("NFKD", char):
        category = unicodedata.category(part)
        if unicodedata.combining(part) or category in ("Cf", "Mn"):
            continue
        if part in _APOSTROPHES:
            out.append("'")
        elif category == "Pd":
            out.append("-")
        elif category == "Zs":
            out.append(" ")
        elif part.isascii():
            out.append(part.casefold())
        elif unicodedata.name(part, "").startswith("LATIN"):
            out.append(anyascii(part).casefold())  # Ø, ß, Æ, Ł, Đ: letters with no accent to take off
        else:
            out.append(part.casefold())
    return "".join(out)


def fold(text: str) -> str:
    """``text`` folded letter by letter (see :func:`fold_with_places`)."""
    return "".join(_fold_char(c) for c in str(text))


def fold_with_places(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each folded character the position in ``text`` it came from.

    Folding may drop a character (an invisible mark) or make several of one
    ("ß" is "ss"), so a match in the folded text is mapped back through these
    places to the characters of the original.
    """
    folded, places = [], []
    for index, char in enumerate(str(text)):
        piece = _fold_char(char)
        folded.append(piece)
        places.extend([index] * len(piece))
    return "".join(folded), places


_INITIALS = re.compile(r"\b(\w)\s+(?=\w\b)")


def key(name: str) -> str:
    """The key of the person ``name`` names: folded, without apostrophes, dots or a leading "@", hyphens as spaces,
    single letters run together.

    "Zoë " and "zoe", "Ørjan" and "orjan", "O’Brien" and "OBrien", "J.D.",
    "J. D." and "JD", "Mary-Jane" and "mary jane", "@jo_k" and "jo_k" each
    have one key.
    """
    text = fold(name)
    text = "".join(" " if c == "-" else c for c in text if c not in "'.")
    text = " ".join(text.split()).lstrip(_LEADING)
    return _INITIALS.sub(r"\1", text)


def spaced(char: str) -> bool:
    """Whether the script of ``char`` puts spaces between words (Chinese, Japanese and Thai do not)."""
    name = unicodedata.name(char, "")
    return not name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"))


# Everyday English words that are also first names or their short forms. A name on this list is replaced only
# where it is written with a capital ("Will called", never "will call later"), and each other use is reported.
EVERYDAY = frozenset("""
    ace amber angel april art ash august autumn bay bell belle bill birdie blaze blossom bob bonnie brandy brook
    buck buddy bunny buster candy carol cash champ chance chase cherry chip clay cliff colt coral cotton crystal
    daisy dale dash dawn dean destiny dot dove drew duke dusty earl ebony eve faith fawn fern flora ford forest fox
    frank gale gene ginger glen gold grace grant gray grey guy harmony hazel heath heather holly honey hope hunter
    iris ivy jack jade jay jewel joy judge june justice kit king lake lance lark laurel lee liberty lily lotus love
    lucky mack major march marina mark marsh mason matt max may meadow melody mercy mike miles mint misty moon moss
    nick noble norm north ocean olive opal pat patience peach pearl pepper pip piper poppy prince princess rain ray
    raven red reed rich rob robin rock rocky rod rose rosemary ruby rush rusty sage sandy scout shadow sky slate
    sonny spike star sterling stone storm summer sue sunny tad tiger tiny trinity tucker victor violet wade ward
    warren wells will winter wolf wren
""".split())


def is_everyday(name_fold: str) -> bool:
    """Whether a folded name (or part of one) is also an everyday word."""
    return name_fold in EVERYDAY


# -- names as a journal writes them ------------------------------------------------

MAX_NAME = 200  # characters in a name ghw writes; longer names already in a journal are still read


def check(name: str, what: str | None = None) -> str:
    """A name ghw may write: stripped, one line, not too long. ``what`` names it in a problem ("The new name")."""
    name = str(name).strip()
    what = what or _("The name")
    if not key(name):
        raise GhwError(_("{what} is empty; give a name, a nickname or initials.").format(what=what))
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise GhwError(_("{what} holds a line break or a control character; write it on one line.").format(what=what))
    if len(name) > MAX_NAME:
        raise GhwError(ngettext("{what} has {n:,} character; ghw keeps names to {most}. Use a shorter name or "
                                "initials.",
                                "{what} has {n:,} characters; ghw keeps names to {most}. Use a shorter name or "
                                "initials.", len(name)).format(what=what, n=len(name), most=MAX_NAME))
    return name


def short(name: str, width: int = 60) -> str:
    """``name`` cut to ``width`` characters with an ellipsis, for a message."""
    return name if len(name) <= width else name[:width - 1] + "…"


def named(entries: pd.DataFrame) -> pd.DataFrame:
    """The entries that name a person and a kind of relationship."""
    return entries.loc[entries["person"].notna() & entries["relationship"].notna()]


def find(entries: pd.DataFrame, name: str) -> str:
    """The name as the journal writes it: exactly, or else the one name with the same :func:`key`.

    An unknown name is a :class:`GhwError` that suggests the closest names.
    """
    names = pd.unique(named(entries)["person"])
    wanted = str(name).strip()
    if wanted in names:
        return wanted
    same = [n for n in names if key(n) == key(wanted)]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        raise GhwError(_("Several people are written like {name}: {names}. Give one exactly as written.").format(
            name=repr(short(wanted)), names=", ".join(repr(short(n)) for n in same)))
    close = difflib.get_close_matches(key(wanted), [key(n) for n in names], n=3, cutoff=0.6)
    unknown = _("No one called {name} is in the journal.").format(name=repr(short(wanted)))
    if close:
        unknown += " " + _("Did you mean {names}?").format(
            names=_(" or ").join(repr(n) for n in names if key(n) in close))
    raise GhwError(unknown)


def matches(entries: pd.DataFrame, what: str, person: str | None = None,
            relationship: str | None = None) -> pd.Series:
    """Which entries are connections that count for an intention (or an experiment's act).

    A connection counts when it is with the person named (whatever the
    case), of the kind of relationship named, or, when neither is named,
    when its activity contains ``what``. Returns a boolean Series on
    ``entries``' index.
    """
    match = entries["relationship"].notna()
    if isinstance(person, str):
        match &= entries["person"].str.casefold() == person.casefold()
    if isinstance(relationship, str):
        match &= entries["relationship"] == relationship
    if not isinstance(person, str) and not isinstance(relationship, str):
        match &= entries["activity"].str.casefold().str.contains(what.casefold(), regex=False).fillna(False)
    return match.fillna(False).astype(bool)

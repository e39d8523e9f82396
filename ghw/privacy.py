"""Pseudonyms: the names of the people in a journal, replaced before anything is shared.

Every name gets a stable pseudonym (``Person 3F2A9C1B``) computed with a
secret key kept beside the journal (``.pseudonym-key``), so exports made on
different days agree, and nobody without the key can work back from a
pseudonym to a name. Names are found as the user wrote them, whatever
their case or accents ("Zoë" also catches "zoe"), with punctuation
("J.D.", "@jo_k", "Mum (Sue)"), and by their parts ("Alexandra" for
"Alexandra Reyes").
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .errors import GhwError

__all__ = ["KEY_FILE", "key_for", "Pseudonyms", "pseudonymize", "someone", "leave_out"]

KEY_FILE = ".pseudonym-key"
_KEY_HEX = re.compile(r"[0-9a-f]{32,128}")
_MIN_PART = 3  # shorter parts of a name ("Jo" in "Jo Kim") are replaced only as whole names


def key_for(journal: str | os.PathLike) -> bytes:
    """The secret key of ``journal``'s pseudonyms, made on first use.

    The key file sits beside the journal, readable by its owner only. A key
    file that is a link, is empty or holds anything but hex digits is refused
    rather than used: a weak key would give pseudonyms anyone can compute.
    """
    path = Path(journal).parent / KEY_FILE
    if path.is_symlink():
        raise GhwError(f"{path} is a link; ghw keeps its pseudonym key in a plain file. Remove the link and try again.")
    if path.is_dir():
        raise GhwError(f"{path} is a folder, where ghw keeps its pseudonym key. Move it away and try again.")
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it a moment ago
        except OSError as exc:
            raise GhwError(f"Could not make a pseudonym key in {path.parent}: {exc.strerror or exc}.") from exc
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    text = path.read_text(encoding="ascii", errors="replace").strip().lower()
    if not _KEY_HEX.fullmatch(text):
        raise GhwError(f"{path} does not hold a valid pseudonym key (32 to 128 hex digits). Delete it and ghw makes "
                       "a new one; pseudonyms in earlier exports will then differ from new ones.")
    return bytes.fromhex(text if len(text) % 2 == 0 else text[:-1])


def _fold(text: str) -> str:
    """``text`` without case or accents: "Zoë" and "ZOE" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Pseudonyms:
    """Replaces the given names wherever they stand in a text, each by its own stable pseudonym.

    A pseudonym is ``"Person "`` and 8 hex digits of an HMAC-SHA256 of the
    folded name; should two names ever share one, both get longer
    pseudonyms, so two people never become one.
    """

    def __init__(self, names: Iterable[str], key: bytes):
        if len(key) < 16:
            raise GhwError("A pseudonym key needs at least 16 bytes.")
        people = {_fold(n).strip(): n for n in names if isinstance(n, str) and n.strip()}
        self.aliases = self._aliases(people, key)
        variants: dict[str, str] = {}
        for folded, alias in self.aliases.items():
            variants[folded] = alias
            for part in re.split(r"[\s()\[\],;:/&+]+", folded):
                part = part.strip(".'\"-")
                if sum(c.isalnum() for c in part) >= _MIN_PART:
                    variants.setdefault(part, alias)
        self._variants = variants
        ordered = sorted(variants, key=len, reverse=True)
        self._pattern = (re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W_])")
                         if ordered else None)

    @staticmethod
    def _aliases(people: dict[str, str], key: bytes) -> dict[str, str]:
        digests = {f: hmac.new(key, f.encode("utf-8"), hashlib.sha256).hexdigest().upper() for f in people}
        length = 8
        while True:
            aliases = {f: "Person " + d[:length] for f, d in digests.items()}
            if len(set(aliases.values())) == len(aliases) or length >= 64:
                return aliases
            length += 4

    def alias(self, name: str) -> str:
        """The pseudonym of ``name`` (one of the names given)."""
        return self.aliases[_fold(name).strip()]

    def __call__(self, text):
        """``text`` with every name (or part of one) replaced; missing values pass through."""
        if not isinstance(text, str) or self._pattern is None:
            return text
        folded, where = [], []
        for index, char in enumerate(text):
            for piece in _fold(char):
                folded.append(piece)
                where.append(index)
        folded_text = "".join(folded)
        out, last = [], 0
        for match in self._pattern.finditer(folded_text):
            start, end = where[match.start()], where[match.end() - 1] + 1
            out += [text[last:start], self._variants[match.group(0)]]
            last = end
        return "".join(out) + text[last:]


def pseudonymize(entries: pd.DataFrame, key: bytes) -> tuple[pd.DataFrame, Pseudonyms]:
    """Entries with every person's name replaced by a pseudonym, also inside activities and notes."""
    swap = Pseudonyms(entries["person"].dropna().unique(), key)
    out = entries.assign(**{c: entries[c].map(swap, na_action="ignore").astype("str")
                            for c in ("person", "activity", "note")})
    return out, swap


class _Someone(Pseudonyms):
    """Finds names as :class:`Pseudonyms` does, and says "someone" for every one of them."""

    def __init__(self, names: Iterable[str]):
        super().__init__(names, bytes(16))

    @staticmethod
    def _aliases(people: dict[str, str], key: bytes) -> dict[str, str]:
        return dict.fromkeys(people, "someone")


def someone(names: Iterable[str]) -> Pseudonyms:
    """A function that replaces these names in a text by "someone", wherever and however they are written."""
    return _Someone(names)


_CONNECTION = ("person", "relationship", "activity", "channel", "minutes", "quality", "initiated_by", "support", "note")


def leave_out(entries: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """Entries with these people taken out, for anything that leaves the journal.

    Their connections become plain mood check-ins (every connection field and
    the note emptied: the mood stays, the person goes), and their names
    inside other entries' activities and notes become "someone", found the
    way pseudonyms find names (any case or accents, and by their parts).
    """
    names = [n for n in names if isinstance(n, str) and n.strip()]
    if not names:
        return entries
    theirs = entries["person"].isin(names)
    hide = someone(names)
    out = entries.assign(**{c: entries[c].mask(theirs) for c in _CONNECTION})
    return out.assign(**{c: out[c].map(hide, na_action="ignore").astype("str") for c in ("activity", "note")})

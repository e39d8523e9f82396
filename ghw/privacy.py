"""Privacy at the one place where anything leaves: private people taken out, everyone else under a pseudonym.

Every summary, export and share is made by :func:`ghw.summary.summary`,
which passes everything it holds through one :class:`Shield`: every field of
every entry (the user's own extra columns too), the intentions, the people
who become due, and the experiments. The shield

- leaves a **private** person out: their connections become plain mood
  check-ins (only the entry's id, date, time and mood stay) and their name
  anywhere in any text becomes "someone";
- gives everyone else a **pseudonym** (``Person 3F2A9C1B``), the same for
  every spelling of them and stable across exports, computed with a secret
  key kept for each journal (:func:`key_for`), so nobody without the key can
  work back from a pseudonym to a name; or, when the user asked for names,
  leaves them as written.

Names are found by :class:`Pseudonyms`, whatever their case, accents or
letters ("Zoë" and "zoe", "Ørjan" and "Orjan", :func:`ghw.names.fold`), and
whatever their apostrophes, dots, hyphens and spaces ("O’Brien" and
"O'Brien", "J.D." and "JD", "Mary-Jane" and "Mary Jane"), as whole words
only ("Al" is not found in "also", nor "jo" in "jo_k"). A name is looked
for as a whole and by each of its parts written with a capital ("Alexandra"
for "Alexandra Reyes", "Sue" for "Mum (Sue)", never "book" for "Bea (book
club)"). A name that is also an everyday word ("Will", "Grace",
:data:`ghw.names.EVERYDAY`) is replaced only where it is written with a
capital; each other use is counted in :attr:`Pseudonyms.unsure`, which the
preview reports, rather than guessed at.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import names as naming
from .errors import GhwError
from .folder import JournalFolder
from .i18n import _

__all__ = ["key_file", "key_for", "Pseudonyms", "Shield", "SOMEONE"]

SOMEONE = _("someone")
_KEY_HEX = re.compile(r"[0-9a-f]{32,128}")
_MIN_PART = 3  # shorter parts of a name ("Jo" in "Jo Kim") are replaced only as part of the whole name
_TITLES = frozenset("mr mrs ms miss mx dr doc prof sir dame aunt auntie uncle nan nana gran granny grandma grandpa "
                    "grandad grandpa mum mom dad cousin father mother sister brother the and".split())
_SEPARATOR = r"[\s\-'.]*"  # what may stand between the parts of a name: "Mary-Jane", "Mary Jane", "J. D.", "O'Brien"
_WORD_PIECES = re.compile(r"[^\s\-'.]+")
# The columns of an entry that hold codes or numbers, never free text: everything else is shielded.
_CODED = frozenset(("id", "date", "time", "mood", "relationship", "channel", "minutes", "quality", "initiated_by",
                    "support"))
_KEPT_FOR_PRIVATE = ("id", "date", "time", "mood")  # all a private person's entry keeps
_MAKE_FAILED = _("Could not make a pseudonym key in {folder}: {reason}.")
_COPY_FAILED = _("Could not keep a copy of the pseudonym key in {folder}: {reason}.")


# -- the key -------------------------------------------------------------------

def key_file(journal: str | os.PathLike) -> Path:
    """Where the pseudonym key of ``journal`` is kept: ``.<journal file name>.pseudonym-key`` beside it."""
    return JournalFolder(journal).key


def _key_copy(journal: Path) -> Path:
    """A copy of the key in the journal's backups folder; it also says that pseudonyms were made with a key."""
    return JournalFolder(journal).backups / "pseudonym-key"


def key_for(journal: str | os.PathLike) -> bytes:
    """The secret key of ``journal``'s pseudonyms, made on first use; each journal has its own.

    The key sits beside the journal (:func:`key_file`), readable by its
    owner only, with a copy in the journal's backups folder. When the key is
    gone but its copy is there, pseudonyms were made with it before, so a new
    key would give them other names: that is refused, with where to find the
    copy. A key kept the older way, one for the whole folder, becomes the key
    of the first journal that asks for one (so its earlier pseudonyms stay
    the same); every other journal gets a key of its own. A key file that is
    a link, is empty or holds anything but hex digits is refused rather than
    used: a weak key would give pseudonyms anyone can compute.
    """
    journal = Path(journal)
    path, copy = key_file(journal), _key_copy(journal)
    for where in (path, copy):
        if where.is_symlink():
            raise GhwError(_("{path} is a link; ghw keeps its pseudonym key in a plain file. Remove the link and try "
                             "again.").format(path=where))
        if where.is_dir():
            raise GhwError(_("{path} is a folder, where ghw keeps a pseudonym key. Move it away and try again.").format(
                path=where))
    if not path.exists():
        if copy.exists():
            raise GhwError(_(
                "The pseudonym key of {journal} ({path}) is missing, and earlier exports were made with it: a new key "
                "would give the people in them other pseudonyms. Put it back by copying {copy} to {path}. To start new "
                "pseudonyms on purpose, delete {copy} too.").format(journal=journal.name, path=path, copy=copy))
        _make_key(path, JournalFolder(journal).legacy_key)
    text = _read_key(path)
    if not copy.exists():
        _keep_copy(copy, text)
    elif _read_key(copy) != text:
        raise GhwError(_("{path} and its copy {copy} hold different pseudonym keys. Keep the one your earlier exports "
                         "were made with, copy it over the other, and try again.").format(path=path, copy=copy))
    return bytes.fromhex(text if len(text) % 2 == 0 else text[:-1])


def _make_key(path: Path, legacy: Path) -> None:
    """Make the key file: the folder's older key when there is one (moved, so no other journal shares it), else new."""
    adopted = legacy.is_file() and not legacy.is_symlink()
    try:
        text = _read_key(legacy) if adopted else secrets.token_hex(32)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GhwError(_MAKE_FAILED.format(folder=path.parent, reason=exc.strerror or exc)) from exc
    if not _write_new(path, text, _MAKE_FAILED):
        return  # another process made it a moment ago
    if adopted:
        legacy.unlink(missing_ok=True)


def _read_key(path: Path) -> str:
    text = path.read_text(encoding="ascii", errors="replace").strip().lower()
    if not _KEY_HEX.fullmatch(text):
        raise GhwError(_("{path} does not hold a valid pseudonym key (32 to 128 hex digits). Put back the key your "
                         "earlier exports were made with, or delete it and its copy in backups/ to start new "
                         "pseudonyms.").format(path=path))
    return text


def _keep_copy(copy: Path, text: str) -> None:
    try:
        copy.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise GhwError(_COPY_FAILED.format(folder=copy.parent, reason=exc.strerror or exc)) from exc
    _write_new(copy, text, _COPY_FAILED)


def _write_new(path: Path, text: str, failed: str) -> bool:
    """Write a key to ``path`` readable by its owner only, synced; False if the file is already there (another
    process made it a moment ago), since a key is never overwritten. ``failed`` is the error's sentence, with the
    ``{folder}`` and the system's ``{reason}``."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise GhwError(failed.format(folder=path.parent, reason=exc.strerror or exc)) from exc
    with os.fdopen(fd, "w") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return True


# -- finding names in text -------------------------------------------------------

class Pseudonyms:
    """Finds every person's name in a text, and puts their pseudonym (or "someone") in its place.

    ``names`` are every spelling of every person (from the journal, the
    plan, the experiments and the people file); spellings with one
    :func:`ghw.names.key` are one person, with one pseudonym: ``"Person "``
    and 8 hex digits of an HMAC-SHA256 of the key (longer should two people
    ever share 8). People whose names are in ``private`` are "someone".
    With ``keep_names`` everyone else stays as written, and only private
    names are looked for.
    """

    def __init__(self, names: Iterable[str], key: bytes, *, private: Iterable[str] = (), keep_names: bool = False):
        if len(key) < 16:
            raise GhwError(_("A pseudonym key needs at least 16 bytes."))
        private = [n for n in private if isinstance(n, str) and naming.key(n)]
        spellings: dict[str, set[str]] = collections.defaultdict(set)
        for name in [*names, *private]:
            if isinstance(name, str) and naming.key(name):
                spellings[naming.key(name)].add(name.strip())
        hidden = {naming.key(n) for n in private}
        self.private = frozenset(hidden)
        self.aliases = self._aliases(sorted(spellings), key)
        for person in hidden:
            self.aliases[person] = SOMEONE
        self.unsure: collections.Counter[str] = collections.Counter()
        wanted = {p: s for p, s in spellings.items() if not keep_names or p in hidden}
        self._targets, patterns = self._variants(wanted)
        self._everyday = {v for v in self._targets if naming.is_everyday(v)}
        ordered = sorted(patterns.items(), key=lambda item: (-len(item[0]), item[0]))
        self._pattern = re.compile("|".join(p for _, p in ordered)) if ordered else None

    @staticmethod
    def _aliases(people: list[str], key: bytes) -> dict[str, str]:
        digests = {p: hmac.new(key, p.encode("utf-8"), hashlib.sha256).hexdigest().upper() for p in people}
        length = 8
        while True:
            aliases = {p: _("Person {code}").format(code=d[:length]) for p, d in digests.items()}
            if len(set(aliases.values())) == len(aliases) or length >= 64:
                return aliases
            length += 4

    def _variants(self, spellings: dict[str, set[str]]) -> tuple[dict[str, str], dict[str, str]]:
        """Each way a name may be written (its letters without separators) with whom it stands for, and its pattern.

        A whole name stands for its person; a part shared by two people, or
        with someone's whole name, stands for nobody in particular
        ("someone"), and a whole name wins over a part.
        """
        whole: dict[str, set[str]] = collections.defaultdict(set)
        parts: dict[str, set[str]] = collections.defaultdict(set)
        patterns: dict[str, str] = {}
        for person, written in spellings.items():
            for spelling in written:
                for pieces in _whole_forms(spelling):
                    joined = "".join(pieces)
                    whole[joined].add(person)
                    patterns.setdefault(joined, _pattern(pieces))
                for part in _parts(spelling):
                    parts[part].add(person)
                    patterns.setdefault(part, _pattern([part]))
        targets = {}
        for joined in patterns:
            who = whole.get(joined) or parts[joined]
            targets[joined] = self.aliases[next(iter(who))] if len(who) == 1 else SOMEONE
        return targets, patterns

    def alias(self, name: str) -> str:
        """The pseudonym of ``name`` (one of the names given), or "someone" for a private person."""
        return self.aliases[naming.key(name)]

    def __call__(self, text):
        """``text`` with every name (or part of one) replaced; missing values and other types pass through."""
        if not isinstance(text, str) or self._pattern is None:
            return text
        folded, places = naming.fold_with_places(text)
        out, last = [], 0
        for match in self._pattern.finditer(folded):
            start, end = places[match.start()], places[match.end() - 1] + 1
            joined = re.sub(_SEPARATOR, "", match.group(0))
            if joined in self._everyday and not text[start].isupper():
                self.unsure[text[start:end]] += 1  # "will call later": a word, or the person? Said, not guessed.
                continue
            out += [text[last:start], self._targets[joined]]
            last = end
        return "".join(out) + text[last:]


def _whole_forms(spelling: str) -> list[list[str]]:
    """A whole name as lists of folded pieces, as it may be written: as given, and without a leading "@".

    Initials written as capitals ("JD") are pieces of one letter each, so
    that "J.D." and "J D" are found too.
    """
    spelling = spelling.strip()
    folded, places = naming.fold_with_places(spelling)
    pieces = []
    for found in _WORD_PIECES.finditer(folded):
        word = spelling[places[found.start()]:places[found.end() - 1] + 1]
        if 2 <= len(word) <= 3 and word.isalpha() and word.isupper():
            pieces += list(found.group())
        else:
            pieces.append(found.group())
    forms = [pieces] if pieces else []
    if pieces and pieces[0].startswith("@") and len(pieces[0]) > 1:
        forms.append([pieces[0][1:], *pieces[1:]])
    return forms


def _parts(spelling: str) -> list[str]:
    """The parts of a name that are names in their own right: words written with a capital, of 3 letters or more,
    other than titles ("Alexandra" and "Reyes"; "Sue" in "Mum (Sue)"; not "book" in "Bea (book club)")."""
    words = re.findall(r"\w+", spelling)
    if len(words) < 2:
        return []
    found = []
    for word in words:
        folded = naming.fold(word)
        capital = word[0].isupper() or (word[0].isalpha() and not word[0].islower())  # or a script without case
        if capital and len(folded) >= _MIN_PART and folded not in _TITLES:
            found.append(folded)
    return found


def _pattern(pieces: list[str]) -> str:
    """A regular expression for a name made of ``pieces``, as a whole word: separators between its pieces may be
    written or left out, and nothing that is part of a word (a letter, a digit, "_") may touch it, except in
    scripts written without spaces between words. Initials take their last dot along."""
    body = _SEPARATOR.join(map(re.escape, pieces))
    first, last = pieces[0][0], pieces[-1][-1]
    before = r"(?<!\w)" if (first.isalnum() or first == "_") and naming.spaced(first) else ""
    after = r"(?!\w)" if (last.isalnum() or last == "_") and naming.spaced(last) else ""
    initials = len(pieces) > 1 and all(len(p) == 1 for p in pieces)
    return before + body + after + (r"\.?" if initials else "")  # "J.D." with its last dot


# -- what leaves -------------------------------------------------------------------

class Shield:
    """Everything a summary holds passes through here before it leaves (see the module's docstring).

    ``names`` are every spelling of every person; ``private`` those of the
    people marked private; ``key`` the journal's (:func:`key_for`; a fresh
    one when None, so pseudonyms agree within this summary only);
    ``keep_names`` leaves everyone but private people as written.
    """

    def __init__(self, names: Iterable[str], *, private: Iterable[str] = (), key: bytes | None = None,
                 keep_names: bool = False):
        self.pseudonymized = not keep_names
        self.find = Pseudonyms(names, key or secrets.token_bytes(32), private=private, keep_names=keep_names)

    @property
    def unsure(self) -> dict[str, int]:
        """Words left as written because they are also everyday words, each with the number of texts it was left in
        (see :class:`Pseudonyms`)."""
        return dict(self.find.unsure)

    def is_private(self, name) -> bool:
        return isinstance(name, str) and naming.key(name) in self.find.private

    def private_rows(self, frame: pd.DataFrame, column: str = "person") -> pd.Series:
        """Which rows of ``frame`` name a private person in ``column`` (each distinct name looked at once)."""
        hidden = {name for name in frame[column].dropna().unique() if self.is_private(name)}
        return frame[column].isin(hidden).astype(bool)

    def text(self, value):
        """One text, names replaced."""
        return self.find(value)

    def table(self, frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """``frame`` with names replaced in ``columns`` (default: every text column but those holding codes)."""
        if columns is None:
            columns = [c for c in frame.columns if c not in _CODED and _is_text(frame[c])]
        return frame.assign(**{c: _replace(frame[c], self.find) for c in columns if c in frame.columns})

    def entries(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Entries as they may leave: a private person's entries keep only their id, date, time and mood, and every
        text column (notes, activities, the user's own columns) has its names replaced."""
        theirs = self.private_rows(frame)
        if theirs.any():
            frame = frame.assign(**{c: frame[c].mask(theirs) for c in frame.columns if c not in _KEPT_FOR_PRIVATE})
        return self.table(frame)


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _replace(column: pd.Series, find: Pseudonyms) -> pd.Series:
    """Names replaced in every value of ``column``; each distinct text is looked at once."""
    values = column.dropna().unique()
    done = {v: find(v) for v in values}
    out = column.map(done, na_action="ignore")
    return out.astype(column.dtype) if pd.api.types.is_string_dtype(column) else out

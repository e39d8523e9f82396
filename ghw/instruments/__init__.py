"""Check-in instruments: published questionnaires, one JSON file each, registered in :data:`INSTRUMENTS`.

An instrument file holds everything that differs between instruments
(``docs/checkin-format.md``, "An instrument file"): its items exactly as
published, with their source and licence (the ``published`` part, checked
against its SHA-256 in ``published_sha256``); the scales that score them
(a sum times a multiplier, a range, which way is better); how each scale is
said and drawn (a label, a number or the answer's words, a colour of the
chart); the care thresholds; how often it is suggested; and how the sample
year answers it. Every face loops over the registry: ``ghw checkin``, the
check-in form, the words, the finding, the chart, the summaries.

ghw's own files are read from this package's folder, then those of any
add-on whose ``ghw.instruments`` entry point names a package
(:mod:`ghw.plugins`), in the same way; :func:`add_folder` reads any other
folder. A file whose published part was edited is still registered, so that
the faces can say so, but :meth:`Instrument.checked` refuses to ask it.

ghw's own words about an instrument (its title, labels, the words it is
called by, what it asks, its scoring: the fields of
:data:`ghw.i18n.extract.INSTRUMENT_WORDS`) are read in the language ghw
speaks; its published part is used exactly as written in the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GhwError
from ..i18n import _
from ..registry import Registry

__all__ = ["Item", "Scale", "Chart", "Care", "Instrument", "INSTRUMENTS", "read", "add_folder", "find_scale", "digest",
           "PACKAGE_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Item:
    """One question as published: its ``id``, its ``text`` and its answers as ``(value, words)``.

    On a numbered line of answers (0 to 10, say) only some values have
    words (the published anchors); the others have ``""``.
    """

    id: str
    text: str
    options: tuple[tuple[int, str], ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(v for v, _ in self.options)

    def label(self, value: int) -> str:
        """The published words for ``value`` (``""`` for a point of a numbered line that has none)."""
        return dict(self.options)[value]


@dataclass(frozen=True)
class Chart:
    """How a scale is drawn in the chart of check-ins: a colour of the chart palette, the range drawn, and the few
    words that label the line at its end."""

    colour: str
    low: float
    high: float
    label: str


@dataclass(frozen=True)
class Scale:
    """A score made from some items: their sum times ``multiplier``, from ``low`` to ``high``.

    ``higher_is`` says which way a higher score goes ("better", "lonelier").
    ``label`` heads a form field or a chart line, ``called`` stands inside a
    sentence. ``report`` says whether the scale stands for its instrument in
    tables, summaries and the finding (a raw score kept for a care point
    may not, where its percentage does). ``words`` holds a single question's answers when the
    score is said in words and never averaged; ``chart`` is None for a
    scale not drawn.
    """

    name: str
    items: tuple[str, ...]
    multiplier: int
    low: int
    high: int
    higher_is: str
    label: str
    called: str
    report: bool = True
    words: Mapping[int, str] | None = None
    chart: Chart | None = None

    def score(self, answers: Mapping[str, int]) -> int | None:
        """The score when every item of the scale is answered, else ``None`` (no prorating is published)."""
        if any(i not in answers for i in self.items):
            return None
        return sum(answers[i] for i in self.items) * self.multiplier

    def say(self, score: int) -> str:
        """A score as a person reads it: the answer's words for a single question said in words, else the number."""
        return self.words[score] if self.words is not None else str(score)


@dataclass(frozen=True)
class Care:
    """When a check-in reaches the point where the instrument's authors suggest further assessment.

    On ``scale``: a score below ``below``, or one ``fall`` points or more
    under the check-in before.
    """

    scale: str
    below: int | None = None
    fall: int | None = None


@dataclass(frozen=True)
class Instrument:
    """An instrument read from its file; see ``docs/checkin-format.md``.

    ``order`` places it among the others (the form's buttons, the due line,
    the chart); ``label`` names it on a button, ``short`` inside a sentence
    ("your well-being check-in"), ``about`` says what it asks. It is
    suggested every ``every_days`` days; one that is not ``suggested`` is
    due only once it has been answered. ``numbered`` shows its answers as
    numbers with their published words beside them. ``published`` is the
    file's published part as it is written there (the words cited exactly,
    never translated by ghw). ``problem`` is set when the published part no
    longer matches what was published.
    """

    name: str
    order: int
    title: str
    label: str
    short: str
    about: str
    version: str
    every_days: int
    suggested: bool
    numbered: bool
    instructions: str
    timeframe: str
    items: tuple[Item, ...]
    scales: tuple[Scale, ...]
    care: tuple[Care, ...]
    scoring: str
    reliability: Mapping
    source: str
    licence: str
    sample: Mapping
    path: Path
    published: Mapping = field(default_factory=dict, compare=False)
    problem: str = field(default="", compare=False)

    def checked(self) -> Instrument:
        """This instrument, when its published part is what was published; else a :class:`GhwError` saying so."""
        if self.problem:
            raise GhwError(self.problem)
        return self

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def position(self, item_id: str) -> int:
        """1 for the first item, as a person counts."""
        return [i.id for i in self.items].index(item_id) + 1

    def scale(self, name: str) -> Scale:
        return next(s for s in self.scales if s.name == name)

    @property
    def reported(self) -> tuple[Scale, ...]:
        """The scales that stand for the instrument in tables, summaries and the finding."""
        return tuple(s for s in self.scales if s.report)


def digest(published: Mapping) -> str:
    """SHA-256 of the published part, written canonically (keys sorted, no spaces, UTF-8)."""
    text = json.dumps(published, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(path: str | os.PathLike) -> Instrument:
    """Read an instrument file; a file that cannot make an instrument is a :class:`GhwError` naming what is wrong.

    A file whose published part does not hash to its ``published_sha256``
    is read, with :attr:`Instrument.problem` saying so.
    """
    path = Path(path)
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GhwError(_("The instrument file {path} cannot be read: {problem}.").format(path=path, problem=exc)) \
            from None
    try:
        return _instrument(spec, path)
    except (KeyError, TypeError, ValueError, IndexError, StopIteration, AttributeError) as exc:
        what = (_("the key {key} is missing").format(key=exc) if isinstance(exc, KeyError)
                else str(exc) or type(exc).__name__)
        raise GhwError(_("The instrument file {path} is not as docs/checkin-format.md describes: {problem}.").format(
            path=path, problem=what)) from None


def _own(words: str) -> str:
    """ghw's own words about an instrument, from its file, in the language ghw speaks (``""`` stays ``""``)."""
    return _(words) if words else words


def _instrument(spec: Mapping, path: Path) -> Instrument:
    published = spec["published"]
    sets = published["option_sets"]
    items = tuple(Item(i["id"], i["text"], tuple((o["value"], o["label"]) for o in sets[i["options"]]))
                  for i in published["items"])
    if not items or any(not _whole(v) for item in items for v in item.values):
        raise ValueError(_("every item's answers need whole numbers as their values"))
    if not _whole(spec["every_days"]) or spec["every_days"] < 1:
        raise ValueError(_("every_days needs to be a whole number of days, 1 or more"))
    by_id = {i.id: i for i in items}
    scales = []
    for s in spec["scales"]:
        unknown = [i for i in s["items"] if i not in by_id]
        if unknown:
            raise ValueError(_("the scale {name!r} names items it does not have: {items}").format(
                name=s["name"], items=", ".join(unknown)))
        ends = [sum(pick(by_id[i].values) for i in s["items"]) * s["multiplier"] for pick in (min, max)]
        if not _whole(s["multiplier"]) or [s["low"], s["high"]] != ends:
            raise ValueError(_("the scale {name!r} runs from {low} to {high} by its items and multiplier, not from "
                               "{given_low} to {given_high}").format(name=s["name"], low=ends[0], high=ends[1],
                                                                     given_low=s["low"], given_high=s["high"]))
        words = dict(next(i for i in items if i.id == s["items"][0]).options) if s.get("shown") == "words" else None
        chart = s.get("chart")
        span = chart.get("range", [s["low"], s["high"]]) if chart else None
        scales.append(Scale(s["name"], tuple(s["items"]), s["multiplier"], s["low"], s["high"], s["higher_is"],
                            _own(s["label"]), _own(s["called"]), s.get("report", True), words,
                            Chart(chart["colour"], *span, _own(chart.get("label", s["called"]))) if chart else None))
    names = {s.name for s in scales}
    care = tuple(Care(c["scale"], c.get("below"), c.get("fall")) for c in spec.get("care", ()))
    if any(c.scale not in names for c in care):
        raise ValueError(_("a care threshold names a scale the file does not have"))
    title = _own(spec["title"])
    problem = ""
    if digest(published) != spec.get("published_sha256"):
        problem = _("The instrument file {path} no longer matches the published {title}: its questions or answers "
                    "were changed, and a reworded questionnaire is no longer the validated measure. Nothing was asked "
                    "or saved. Reinstall ghw (or undo the edit) to use it again.").format(path=path, title=title)
    return Instrument(
        name=spec["name"], order=spec.get("order", 100), title=title, label=_own(spec["label"]),
        short=_own(spec["short"]), about=_own(spec["about"]), version=spec["version"], every_days=spec["every_days"],
        suggested=spec.get("suggested", True), numbered=spec.get("numbered", False),
        instructions=published["instructions"], timeframe=published["timeframe"], items=items, scales=tuple(scales),
        care=care, scoring=_own(spec["scoring"]), reliability=spec.get("reliability", {}), source=spec["source"],
        licence=spec["licence"], sample=spec.get("sample", {}), path=path, published=published,
        problem=problem)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


INSTRUMENTS: Registry[Instrument] = Registry("check-in instrument")


def add_folder(folder: str | os.PathLike) -> list[Instrument]:
    """Read every ``*.json`` of ``folder`` into :data:`INSTRUMENTS`, kept in order; return those added.

    A file that cannot be read, or a name already registered, is a
    :class:`GhwError` and nothing of the folder is added.
    """
    found = [read(path) for path in sorted(Path(folder).glob("*.json"))]
    taken = [f.name for f in found if f.name in INSTRUMENTS]
    if taken or len({f.name for f in found}) < len(found):
        raise GhwError(_("{folder}: an instrument called {name!r} is already registered; each instrument needs a "
                         "name of its own.").format(folder=folder, name=(taken or [f.name for f in found])[0]))
    _keep_in_order([*INSTRUMENTS.values(), *found])
    return found


def _keep_in_order(every: list[Instrument]) -> None:
    INSTRUMENTS.clear()
    for one in sorted(every, key=lambda i: (i.order, i.name)):
        INSTRUMENTS.add(one)


def find_scale(name: str) -> tuple[Instrument, Scale] | None:
    """The instrument and scale called ``name``, or None."""
    for found in INSTRUMENTS.values():
        for scale in found.scales:
            if scale.name == name:
                return found, scale
    return None


def _load() -> None:
    """ghw's own instruments, then the add-ons'; a file or an add-on that cannot be read is a warning, not a crash."""
    from ..plugins import AddOnWarning, load

    folders = [(PACKAGE_DIR, "ghw")]
    for name, module in load("instruments"):
        if not hasattr(module, "__path__"):
            warnings.warn(_("The add-on {name!r} for ghw's instruments names {module}, which is not a package: it "
                            "needs to name the package whose folder holds the files.").format(
                                name=name, module=module.__name__), AddOnWarning, stacklevel=2)
            continue
        folders += [(Path(p), name) for p in module.__path__]
    for folder, owner in folders:
        for path in sorted(folder.glob("*.json")):
            try:
                one = read(path)
                if one.name in INSTRUMENTS:
                    raise GhwError(_("{path}: an instrument called {name!r} is already registered.").format(
                        path=path, name=one.name))
            except GhwError as exc:
                warnings.warn(_("{problem} It is left out (from {owner}).").format(problem=exc, owner=owner),
                              AddOnWarning, stacklevel=2)
                continue
            INSTRUMENTS.add(one)
    _keep_in_order(list(INSTRUMENTS.values()))


_load()

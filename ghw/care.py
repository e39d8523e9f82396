"""What every report says about care, kept in one place with the date it was checked."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .i18n import N_, _, language, ngettext

__all__ = ["NOT_A_MEDICAL_DEVICE", "CRISIS_RESOURCES", "CHECKED", "CRISIS_PHRASES", "CRISIS_WORDS", "care_note",
           "checkin_note", "mentions_crisis"]

NOT_A_MEDICAL_DEVICE = _(
    "ghw is a tool for reflecting on your own days. It is not a medical device and does not diagnose or treat "
    "anything. If these pages stir up something hard, talking with someone you trust or a professional can help."
)
CRISIS_RESOURCES = (
    (_("United States"), _("call or text 988")),
    (_("United Kingdom and Ireland"), _("Samaritans, 116 123")),
    (_("Elsewhere"), _("findahelpline.com lists free, confidential lines by country")),
    (_("In an emergency"), _("call your local emergency number (112, 911 or 999)")),
)
CHECKED = "2026-11-25"
# Translators: phrases separated by "|", matched as whole words in any case.
# List your language's own ways of saying these, not word for word; the English ones are matched too.
CRISIS_PHRASES = N_(
    "suicide|suicidal|kill myself|killing myself|end my life|ending my life|take my own life|want to die|"
    "wish i was dead|wish i were dead|better off dead|no reason to live|self-harm|self harm|self-harming|"
    "hurt myself|hurting myself|harm myself|harming myself|cut myself|overdose|can't go on anymore|"
    "cannot go on anymore")
CRISIS_WORDS = tuple(CRISIS_PHRASES.split("|"))
"""Words and phrases that, written in an answer to a prompt, show the care note at once (docs/reflection-format.md),
in English and, where a translation lists them, in ghw's language.

A short list, not a detector: it is there so that someone who writes one of these sees where help is, and it
never sends anything anywhere or stops anything from being saved."""


def care_note() -> str:
    """The note as plain text, one resource a line."""
    lines = [NOT_A_MEDICAL_DEVICE, _("If you are in crisis:")]
    lines += [f"- {where}: {what}" for where, what in CRISIS_RESOURCES]
    lines.append("(" + _("Contacts last checked {day}.").format(day=CHECKED) + ")")
    return "\n".join(lines)


def checkin_note(flag: dict) -> str:
    """A kind line for a check-in at the point where its questionnaire's authors suggest further assessment.

    ``flag`` is :func:`ghw.checkins.care_flag`'s answer. The line says what
    the score was and what the questionnaire's authors suggest, and points
    to people to talk to; it never names a condition.
    """
    from .instruments import INSTRUMENTS

    short = INSTRUMENTS[flag["instrument"]].short
    if flag["reason"] == "low":
        what = _("Your {short} check-in of {day} came to {score} of {high}.").format(
            short=short, day=flag["date"], score=flag["score"], high=flag["high"])
        point = _("Below {threshold} is where the questionnaire's authors suggest talking it over with your doctor, "
                  "your therapist or someone you trust, to see whether more support would help.").format(
            threshold=flag["threshold"])
    else:
        fall = flag["previous"] - flag["score"]
        what = ngettext("Your {short} check-in of {day} was {n} point lower than the one before ({previous} to "
                        "{score} of {high}).",
                        "Your {short} check-in of {day} was {n} points lower than the one before ({previous} to "
                        "{score} of {high}).", fall).format(short=short, day=flag["date"], n=fall,
                                                            previous=flag["previous"], score=flag["score"],
                                                            high=flag["high"])
        point = ngettext("A fall of {threshold} point or more is where the questionnaire's authors suggest talking it "
                         "over with your doctor, your therapist or someone you trust, to see whether more support "
                         "would help.",
                         "A fall of {threshold} points or more is where the questionnaire's authors suggest talking "
                         "it over with your doctor, your therapist or someone you trust, to see whether more support "
                         "would help.", flag["threshold"]).format(threshold=flag["threshold"])
    return " ".join([what, point, _("It is not a diagnosis, and one check-in is one moment. If things feel hard right "
                                    "now, the care note lists people you can talk to today.")])


def mentions_crisis(text: str | None) -> bool:
    """Whether ``text`` holds one of :data:`CRISIS_WORDS` (or its language's) as whole words, in any case, with any
    apostrophe."""
    if not text:
        return False
    return _crisis(language()).search(re.sub(r"\s+", " ", _folded(text))) is not None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).casefold().replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=4)
def _crisis(language: str) -> re.Pattern:
    """The English phrases and ``language``'s as one pattern (``language`` keys the cache)."""
    own = (" ".join(_folded(word).split()) for word in _(CRISIS_PHRASES).split("|"))
    words = dict.fromkeys([*CRISIS_WORDS, *(word for word in own if word)])
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")

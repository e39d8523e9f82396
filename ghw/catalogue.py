"""Everyday ways to connect: small, concrete acts that fit into one day.

Used as suggestions in the logging form and the monthly plan, and by the
sample generator. Each idea names the kinds of relationship it suits, so a
suggestion can match the gaps in someone's week.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .i18n import _

__all__ = ["Idea", "IDEAS", "ACTIVITIES", "idea_of_the_day"]


class Idea(NamedTuple):
    """One small act of connection."""

    text: str
    relationships: tuple[str, ...]
    channel: str


IDEAS: tuple[Idea, ...] = (
    Idea(_("Ask a colleague how they are really doing, and listen"), ("colleague",), "in_person"),
    Idea(_("Call someone you have been missing"), ("friend", "family"), "call"),
    Idea(_("Send a family member a short note saying they matter to you"), ("family",), "message"),
    Idea(_("Swap a few friendly words with a barista, driver or cashier"), ("stranger", "acquaintance"), "in_person"),
    Idea(_("Start a small chat with someone in a queue"), ("stranger",), "in_person"),
    Idea(_("Ask a newer acquaintance about something they love doing"), ("acquaintance",), "in_person"),
    Idea(_("Offer a neighbour a hand with something small"), ("neighbour",), "in_person"),
    Idea(_("Share something funny with a person who crossed your mind"), ("friend", "family"), "message"),
    Idea(_("Tell your partner one specific thing you appreciate about them"), ("partner",), "in_person"),
    Idea(_("Give an hour to a local group or cause"), ("community",), "in_person"),
    Idea(_("Try a class, club or meet-up near you"), ("community", "acquaintance"), "in_person"),
    Idea(_("Have a meal with someone, phones away"), ("partner", "family", "friend"), "in_person"),
    Idea(_("Take a walk with someone and let the talk wander"), ("friend", "partner", "family"), "in_person"),
    Idea(_("Play a game or read a story with a child, following their lead"), ("child",), "in_person"),
    Idea(_("Write a letter or card to someone far away"), ("friend", "family"), "letter"),
    Idea(_("Ask someone for help or advice: letting others give matters too"), ("friend", "colleague", "family"), "in_person"),
    Idea(_("Video call someone who lives far away"), ("friend", "family"), "video"),
    Idea(_("Remember a detail from last time and ask how it went"), ("colleague", "acquaintance", "friend"), "in_person"),
)

# Everyday activity names the form suggests alongside the user's own (in the person's language: what they pick is
# written as they read it, like an activity they type).
ACTIVITIES: tuple[str, ...] = (
    _("coffee"),
    _("meal together"),
    _("walk"),
    _("phone call"),
    _("video call"),
    _("messages"),
    _("work chat"),
    _("helped out"),
    _("asked for help"),
    _("deep talk"),
    _("game or hobby"),
    _("played with kids"),
    _("volunteering"),
    _("class or club"),
    _("small talk"),
    _("exercise together"),
)


def idea_of_the_day(day: dt.date | None = None) -> Idea:
    """A different idea each day, and the same one all day long."""
    day = day or dt.date.today()
    return IDEAS[day.toordinal() % len(IDEAS)]

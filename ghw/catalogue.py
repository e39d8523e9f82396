"""Everyday ways to connect: small, concrete acts that fit into one day.

Used as suggestions in the logging form and the monthly plan, and by the
sample generator. Each idea names the kinds of relationship it suits, so a
suggestion can match the gaps in someone's week.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

__all__ = ["Idea", "IDEAS", "ACTIVITIES", "idea_of_the_day"]


class Idea(NamedTuple):
    """One small act of connection."""

    text: str
    relationships: tuple[str, ...]
    channel: str


IDEAS: tuple[Idea, ...] = (
    Idea("Ask a colleague how they are really doing, and listen", ("colleague",), "in_person"),
    Idea("Call someone you have been missing", ("friend", "family"), "call"),
    Idea("Send a family member a short note saying they matter to you", ("family",), "message"),
    Idea("Swap a few friendly words with a barista, driver or cashier", ("stranger", "acquaintance"), "in_person"),
    Idea("Start a small chat with someone in a queue", ("stranger",), "in_person"),
    Idea("Ask a newer acquaintance about something they love doing", ("acquaintance",), "in_person"),
    Idea("Offer a neighbour a hand with something small", ("neighbour",), "in_person"),
    Idea("Share something funny with a person who crossed your mind", ("friend", "family"), "message"),
    Idea("Tell your partner one specific thing you appreciate about them", ("partner",), "in_person"),
    Idea("Give an hour to a local group or cause", ("community",), "in_person"),
    Idea("Try a class, club or meet-up near you", ("community", "acquaintance"), "in_person"),
    Idea("Have a meal with someone, phones away", ("partner", "family", "friend"), "in_person"),
    Idea("Take a walk with someone and let the talk wander", ("friend", "partner", "family"), "in_person"),
    Idea("Play a game or read a story with a child, following their lead", ("child",), "in_person"),
    Idea("Write a letter or card to someone far away", ("friend", "family"), "letter"),
    Idea("Ask someone for help or advice: letting others give matters too", ("friend", "colleague", "family"), "in_person"),
    Idea("Video call someone who lives far away", ("friend", "family"), "video"),
    Idea("Remember a detail from last time and ask how it went", ("colleague", "acquaintance", "friend"), "in_person"),
)

# Everyday activity names the form suggests alongside the user's own.
ACTIVITIES: tuple[str, ...] = (
    "coffee",
    "meal together",
    "walk",
    "phone call",
    "video call",
    "messages",
    "work chat",
    "helped out",
    "asked for help",
    "deep talk",
    "game or hobby",
    "played with kids",
    "volunteering",
    "class or club",
    "small talk",
    "exercise together",
)



def idea_of_the_day(day: dt.date | None = None) -> Idea:
    """A different idea each day, and the same one all day long."""
    day = day or dt.date.today()
    return IDEAS[day.toordinal() % len(IDEAS)]

"""What every report says about care, kept in one place with the date it was checked."""

from __future__ import annotations

__all__ = ["NOT_A_MEDICAL_DEVICE", "CRISIS_RESOURCES", "CHECKED", "care_note"]

NOT_A_MEDICAL_DEVICE = (
    "ghw is a tool for reflecting on your own days. It is not a medical device and does not diagnose or treat "
    "anything. If these pages stir up something hard, talking with someone you trust or a professional can help."
)
CRISIS_RESOURCES = (
    ("United States", "call or text 988"),
    ("United Kingdom and Ireland", "Samaritans, 116 123"),
    ("Elsewhere", "findahelpline.com lists free, confidential lines by country"),
    ("In an emergency", "call your local emergency number (112, 911 or 999)"),
)
CHECKED = "2026-11-25"


def care_note() -> str:
    """The note as plain text, one resource a line."""
    lines = [NOT_A_MEDICAL_DEVICE, "If you are in crisis:"]
    lines += [f"- {where}: {what}" for where, what in CRISIS_RESOURCES]
    lines.append(f"(Contacts last checked {CHECKED}.)")
    return "\n".join(lines)

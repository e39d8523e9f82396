"""Bringing history in: Daylio exports, and any CSV through a column mapping."""

from .daylio import DEFAULT_MOODS, UnmappedMoods, read_activity_map, read_daylio, read_mood_map
from .mapped import read_mapped, read_mapping

__all__ = ["DEFAULT_MOODS", "UnmappedMoods", "read_daylio", "read_mood_map", "read_activity_map", "read_mapped",
           "read_mapping"]

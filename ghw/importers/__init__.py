"""Bringing history in: Daylio exports, and any CSV through a column mapping."""

from ._table import read_table, read_text
from .daylio import DEFAULT_MOODS, UnmappedMoods, already_imported, read_activity_map, read_daylio, read_mood_map
from .mapped import read_mapped, read_mapping

__all__ = ["DEFAULT_MOODS", "UnmappedMoods", "read_daylio", "read_mood_map", "read_activity_map", "already_imported",
           "read_mapped", "read_mapping", "read_table", "read_text"]

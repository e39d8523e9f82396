"""Bringing history in: Daylio exports with their moods and activities maps, and any CSV through a column mapping."""

from ._table import read_table, read_text
from .daylio import (
           DEFAULT_MOODS,
           Contents,
           Imported,
           UnmappedMoods,
           already_imported,
           contents,
           entry_of,
           import_daylio,
           map_paths,
           read_daylio,
)
from .mapped import read_mapped, read_mapping
from .maps import activity_template, read_activity_map, read_activity_table, read_mood_map, suggest
from .merge import Merged, bring_in, record_path

__all__ = ["DEFAULT_MOODS", "UnmappedMoods", "Contents", "Imported", "Merged", "read_daylio", "contents",
           "import_daylio", "entry_of", "map_paths", "read_mood_map", "read_activity_map", "read_activity_table",
           "activity_template", "suggest", "already_imported", "bring_in", "record_path", "read_mapped",
           "read_mapping", "read_table", "read_text"]

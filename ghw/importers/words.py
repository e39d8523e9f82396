"""What an import did, in sentences: the command line prints them and the Import page shows them.

:func:`merged` says what happened to the entries (:class:`~.merge.Merged`);
:func:`activities` says where the activities map of a Daylio import stands
(:class:`~.daylio.Imported`) and what to do next. ``next_step`` is the
words for "fill in the map and import again", which differ between a
command line (a file to edit, a command to run) and a page (the table on
it).
"""

from __future__ import annotations

from pathlib import Path

from .daylio import Imported
from .merge import Merged

__all__ = ["merged", "activities", "count"]


def count(n: int, one: str, many: str) -> str:
    """``n`` with the right form of the noun: "1 entry", "3 entries"."""
    return f"{n} {one if n == 1 else many}"


def merged(result: Merged, journal: Path, *, dry_run: bool, earlier: int = 0) -> list[str]:
    """What happened to the entries: added, already there, updated (with how many gain or lose a connection), kept."""
    there = result.same + result.updated + result.kept + result.left + earlier
    already = f" ({count(there, 'entry was', 'entries were')} already there)" if there else ""
    lines = [f"{'Would add' if dry_run else 'Added'} {count(len(result.added), 'entry', 'entries')} to "
             f"{journal}{already}."]
    if result.updated:
        changes = [f"{result.gained} {'gains' if result.gained == 1 else 'gain'} a connection",
                   "none loses one" if not result.lost else f"{result.lost} {'loses' if result.lost == 1 else 'lose'} one"]
        other = result.updated - result.gained - result.lost
        if other:
            changes.append(f"{other} {'changes' if other == 1 else 'change'} otherwise")
        kept = f" Your journal as it was is kept in {result.backup}." if result.backup else ""
        lines.append(f"{'Would update' if dry_run else 'Updated'} "
                     f"{count(result.updated, 'entry', 'entries')} an earlier import wrote: "
                     f"{', '.join(changes)}.{kept}")
    if result.kept:
        lines.append(f"{count(result.kept, 'entry was', 'entries were')} changed in ghw since "
                     f"{'it was' if result.kept == 1 else 'they were'} imported (or imported by an earlier version "
                     f"of ghw with another map), so {'it keeps' if result.kept == 1 else 'they keep'} your version.")
    if result.left:
        lines.append(f"{count(result.left, 'entry', 'entries')} in your journal "
                     f"{'differs' if result.left == 1 else 'differ'} from what this import makes of "
                     f"{'it' if result.left == 1 else 'them'} (an earlier activities map gave connections, say) and "
                     f"{'was' if result.left == 1 else 'were'} left as "
                     f"{'it is' if result.left == 1 else 'they are'}: an import changes entries already there only "
                     "when given an activities map.")
    if dry_run:
        lines.append("Nothing was written.")
    return lines


def activities(result: Imported, *, dry_run: bool, next_step: str,
               confirm: tuple[str, str] = ("remove its '?' to use it", "remove the '?' to use one")) -> list[str]:
    """Where the activities map stands: none is a connection yet (and where the map is), suggestions not used.

    ``next_step`` says how to fill the map in and import again; ``confirm``
    how to take a suggestion, when there is one and when there are several.
    """
    lines = []
    if result.activities and not result.mapped:
        if result.offered is None:
            where = ""
        elif result.written:
            where = (f" {result.offered} lists your {count(result.activities, 'activity', 'activities')} with how "
                     "often each appears.")
        elif dry_run and not result.offered.exists():
            where = f" The import would write {result.offered}, listing your activities with how often each appears."
        else:
            where = f" Your activities map {result.offered} is there and was left as it is."
        how = ("" if result.offered is None else " Beside each activity that was time with someone, write the kind "
               "of relationship (and a name, if you like); leave the others empty. Where ghw guessed, the guess ends "
               "in '?': remove the '?' from those you agree with. Then")
        lines.append("None of your Daylio entries is a connection yet: Daylio keeps activities, not the people you "
                     f"were with.{where}{how} {next_step}")
    if result.suggested:
        shown = ", ".join(result.suggested[:8]) + (", …" if len(result.suggested) > 8 else "")
        lines.append(f"Still {'a suggestion' if len(result.suggested) == 1 else 'suggestions'} in your map, not "
                     f"used: {shown} ({confirm[len(result.suggested) > 1]}).")
    return lines

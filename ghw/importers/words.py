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

from ..i18n import _, ngettext
from .daylio import Imported
from .merge import Merged

__all__ = ["merged", "activities"]


def merged(result: Merged, journal: Path, *, dry_run: bool, earlier: int = 0) -> list[str]:
    """What happened to the entries: added, already there, updated (with how many gain or lose a connection), kept."""
    there = result.same + result.updated + result.kept + result.left + earlier
    n = len(result.added)
    if there:
        already = ngettext("{n} entry was already there", "{n} entries were already there", there).format(n=there)
        added = (ngettext("Would add {n} entry to {journal} ({already}).",
                          "Would add {n} entries to {journal} ({already}).", n) if dry_run else
                 ngettext("Added {n} entry to {journal} ({already}).", "Added {n} entries to {journal} ({already}).", n))
    else:
        already = ""
        added = (ngettext("Would add {n} entry to {journal}.", "Would add {n} entries to {journal}.", n) if dry_run
                 else ngettext("Added {n} entry to {journal}.", "Added {n} entries to {journal}.", n))
    lines = [added.format(n=n, journal=journal, already=already)]
    if result.updated:
        changes = [ngettext("{n} gains a connection", "{n} gain a connection", result.gained).format(n=result.gained),
                   ngettext("{n} loses one", "{n} lose one", result.lost).format(n=result.lost) if result.lost
                   else _("none loses one")]
        other = result.updated - result.gained - result.lost
        if other:
            changes.append(ngettext("{n} changes otherwise", "{n} change otherwise", other).format(n=other))
        updated = (ngettext("Would update {n} entry an earlier import wrote: {changes}.",
                            "Would update {n} entries an earlier import wrote: {changes}.", result.updated) if dry_run
                   else ngettext("Updated {n} entry an earlier import wrote: {changes}.",
                                 "Updated {n} entries an earlier import wrote: {changes}.", result.updated))
        line = updated.format(n=result.updated, changes=", ".join(changes))
        if result.backup:
            line += " " + _("Your journal as it was is kept in {file}.").format(file=result.backup)
        lines.append(line)
    if result.kept:
        lines.append(ngettext(
            "{n} entry was changed in ghw since it was imported (or imported by an earlier version of ghw with another "
            "map), so it keeps your version.",
            "{n} entries were changed in ghw since they were imported (or imported by an earlier version of ghw with "
            "another map), so they keep your version.", result.kept).format(n=result.kept))
    if result.left:
        lines.append(ngettext(
            "{n} entry in your journal differs from what this import makes of it (an earlier activities map gave "
            "connections, say) and was left as it is: an import changes entries already there only when given an "
            "activities map.",
            "{n} entries in your journal differ from what this import makes of them (an earlier activities map gave "
            "connections, say) and were left as they are: an import changes entries already there only when given an "
            "activities map.", result.left).format(n=result.left))
    if dry_run:
        lines.append(_("Nothing was written."))
    return lines


def activities(result: Imported, *, dry_run: bool, next_step: str,
               confirm: tuple[str, str] = (_("remove its '?' to use it"), _("remove the '?' to use one"))) -> list[str]:
    """Where the activities map stands: none is a connection yet (and where the map is), suggestions not used.

    ``next_step`` says how to fill the map in and import again; ``confirm``
    how to take a suggestion, when there is one and when there are several.
    """
    lines = []
    if result.activities and not result.mapped:
        said = [_("None of your Daylio entries is a connection yet: Daylio keeps activities, not the people you were "
                  "with.")]
        if result.offered is None:
            said.append(next_step)
        else:
            if result.written:
                said.append(ngettext("{file} lists your {n} activity with how often each appears.",
                                     "{file} lists your {n} activities with how often each appears.",
                                     result.activities).format(file=result.offered, n=result.activities))
            elif dry_run and not result.offered.exists():
                said.append(_("The import would write {file}, listing your activities with how often each "
                              "appears.").format(file=result.offered))
            else:
                said.append(_("Your activities map {file} is there and was left as it is.").format(file=result.offered))
            said.append(_("Beside each activity that was time with someone, write the kind of relationship (and a "
                          "name, if you like); leave the others empty. Where ghw guessed, the guess ends in '?': "
                          "remove the '?' from those you agree with. Then {next_step}").format(next_step=next_step))
        lines.append(" ".join(said))
    if result.suggested:
        shown = ", ".join(result.suggested[:8]) + (", …" if len(result.suggested) > 8 else "")
        lines.append(ngettext("Still a suggestion in your map, not used: {shown} ({confirm}).",
                              "Still suggestions in your map, not used: {shown} ({confirm}).",
                              len(result.suggested)).format(shown=shown, confirm=confirm[len(result.suggested) > 1]))
    return lines

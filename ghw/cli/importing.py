"""``ghw import SOURCE FILE``: history brought in by any importer registered in ``importers.IMPORTERS``."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from ._common import journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw import`` and one source under it for each registered importer, with the options it declares."""
    from ..importers import IMPORTERS

    importing = commands.add_parser("import", help=_("bring in history from another app or a file; sources: {sources}").format(
        sources=", ".join(IMPORTERS)))
    sources = importing.add_subparsers(required=True, metavar="SOURCE")
    for importer in IMPORTERS.values():
        source = sources.add_parser(importer.name, help=importer.help, description=importer.about)
        source.add_argument("file", type=Path, help=importer.file_help)
        for option in importer.options:
            source.add_argument(option.flag, dest=option.name, type=Path if option.file else str,
                                required=option.required, help=option.help.replace("%", "%%"))
        journal_option(source)
        source.add_argument("--dry-run", action="store_true", help=_("show what would be added or updated, write nothing"))
        source.set_defaults(run=_import, importer=importer.name)


def _import(args) -> int:
    """``ghw import SOURCE FILE``: the importer registered as SOURCE, with the options it declares."""
    import shlex

    from ..importers import IMPORTERS, words

    importer = IMPORTERS[args.importer]
    path = args.journal_file
    given = {option.name: getattr(args, option.name) for option in importer.options}
    done = importer.run(args.file, journal=path, dry_run=args.dry_run, **given)
    again = {**{k: v for k, v in given.items() if v is not None}, "journal": args.journal, **importer.again(done)}
    command = ["ghw", "import", importer.name, str(args.file)]
    for name, value in again.items():
        if value is not None:
            command += ["--" + name.replace("_", "-"), str(value)]
    print("\n".join(words.merged(done.merged, path, dry_run=args.dry_run, earlier=done.earlier)))
    _preview(done.merged.added, args.dry_run)
    for line in importer.say(done, dry_run=args.dry_run, next_step=_("import again:") + f"\n  {shlex.join(command)}"):
        print(line)
    return 0


def _preview(added, dry_run: bool) -> None:
    """In a dry run, the first rows that would be added."""
    if dry_run and len(added):
        print(added.head(10).to_string(index=False, columns=["date", "time", "mood", "person", "relationship", "note"]))

"""``ghw reflect``: what the journal shows, a few lines first, then a sentence per finding."""

from __future__ import annotations

from .. import care, journal
from ..errors import GhwError
from ..i18n import _
from ._common import checkins_of, journal_option

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw reflect``."""
    reflect = commands.add_parser("reflect", help=_("print what your journal shows: a few lines, then a sentence per finding"))
    journal_option(reflect)
    reflect.add_argument("--finding", action="append", metavar="NAME",
                         help=_("only this finding (repeat for more); a wrong name lists them all"))
    reflect.set_defaults(run=_reflect)


def _reflect(args) -> int:
    from .. import experiment, findings, vocabulary

    path = args.journal_file
    unknown = [n for n in args.finding or () if n not in findings.FINDINGS]
    if unknown:
        raise GhwError(_("There is no finding {name!r}; the findings are: {names}.").format(
            name=unknown[0], names=", ".join(findings.FINDINGS)))
    data = findings.Data(journal.load(path), checkins=checkins_of(path),
                         experiments=experiment.load(experiment.experiments_path(path)))
    if imported := findings.unmapped(data.entries):
        sentence = vocabulary.status_text("unmapped", n=imported)
        print(f"{sentence[0].upper()}{sentence[1:]}.\n")
    results = {name: findings.FINDINGS[name].compute(data) for name in args.finding or findings.FINDINGS}
    if not args.finding:  # the gist first: at most five lines, then what is still to come
        from .. import digest

        table = digest.readings(data, results)
        for heading, said in ((_("What your journal says"), digest.lines(digest.digest(data, table=table))),
                              (_("Answers still to come"), digest.progress(table)["text"].tolist())):
            if said:
                print(heading + "".join(f"\n  - {line}" for line in said) + "\n")
    for name, result in results.items():
        finding = findings.FINDINGS[name]
        sentence = finding.explain(result, data)
        if sentence:
            print(f"{finding.title}\n  {sentence}\n")
    print(care.care_note())
    return 0

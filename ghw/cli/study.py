"""``ghw study``: a person's consent to a study, and the study's pool of the shares of those who gave it."""

from __future__ import annotations

from pathlib import Path

from ..errors import GhwError
from ..i18n import _, ngettext

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw study`` and its steps: consent, withdraw, status, pool, ask."""
    study = commands.add_parser("study", help=_("join or leave a study; gather and ask a study's pool"),
                                description=_("Consent to a study is separate from sharing with your practitioner: a "
                                              "study pools only the shares of the people who consented to it, "
                                              "without their names, notes or activities."))
    steps = study.add_subparsers(required=True, metavar="STEP")
    join = steps.add_parser("consent", help=_("join the study: its pool may include what you share from now on"))
    leave = steps.add_parser("withdraw", help=_("leave the study: your rows leave its pool when it is next gathered"))
    status = steps.add_parser("status", help=_("the studies you joined"))
    gather = steps.add_parser("pool", help=_("(the study's operator) gather the consenting people's shares into Parquet"))
    gather.add_argument("--shares", type=Path, help=_("the shared root, one folder per practitioner "
                                                          "(default $GHW_SHARED_ROOT or /srv/ghw/shared)"))
    gather.add_argument("--out", required=True, type=Path, help=_("the Parquet file to make (replaced, never kept)"))
    for step in (join, leave, gather):
        step.add_argument("--study", help=_("the study's name (default $GHW_STUDY)"))
    join.set_defaults(run=_study_consent)
    leave.set_defaults(run=_study_withdraw)
    status.set_defaults(run=_study_status)
    gather.set_defaults(run=_study_pool)
    ask = steps.add_parser("ask", help=_("(a researcher) ask the pool a question, through DuckDB"))
    ask.add_argument("question", nargs="?", help=_("a question by name (a wrong name lists them)"))
    ask.add_argument("--sql", help=_("your own SQL over the views entries and days, instead of a named question"))
    ask.add_argument("--pool", type=Path, help=_("the pool's Parquet file (default $GHW_STUDY_POOL)"))
    ask.add_argument("--csv", type=Path, help=_("also write the answer to this CSV file"))
    ask.set_defaults(run=_study_ask)


def _study_consent(args) -> int:
    from .. import study

    record = study.consent(args.study)
    print(_("You joined the study {study!r} (since {since}). Its pool takes what you share with your practitioner, "
            "as codes and numbers under the code {code}: never your name, your notes or your activities. ghw study "
            "withdraw takes you out.").format(study=study.study_name(args.study), since=record["consented_at"],
                                              code=record["participant"]))
    return 0


def _study_withdraw(args) -> int:
    from .. import study

    name = study.study_name(args.study)
    if study.withdraw(name):
        print(_("You left the study {study!r}. Your rows leave its pool when it is next gathered; what was already "
                "worked out from an earlier pool cannot be taken back. Sharing with your practitioner is "
                "unchanged.").format(study=name))
    else:
        print(_("You had not joined the study {study!r}; nothing was changed.").format(study=name))
    return 0


def _study_status(args) -> int:
    from .. import study

    held = study.consents()
    if not held:
        print(_("You have not joined any study. Sharing with your practitioner does not put you in one."))
    for name, record in sorted(held.items()):
        print(_("{study}: joined {since}, as participant {code}.").format(study=name, since=record["consented_at"],
                                                                         code=record["participant"]))
    return 0


def _study_pool(args) -> int:
    from .. import study

    done = study.pool(args.out, args.study, args.shares)
    print(_("Pooled {participants} ({entries}) of the study {study!r} into {path}.").format(
        participants=ngettext("{n} participant", "{n} participants", done.participants).format(n=done.participants),
        entries=ngettext("{n} entry", "{n} entries", done.entries).format(n=done.entries), study=done.study,
        path=done.path))
    for row in done.problems.itertuples(index=False):
        print(f"  {row.folder}: {row.problem}")
    return 0


def _study_ask(args) -> int:
    from .. import study

    if (args.question is None) == (args.sql is None):
        raise GhwError(_("Ask one thing: a question by name ({questions}) or --sql.").format(
            questions=", ".join(study.QUESTIONS)))
    answer = study.sql(args.sql, args.pool) if args.sql else study.ask(args.question, args.pool)
    print(answer.to_string(index=False))
    if args.csv:
        from ..exports import write_bytes

        write_bytes(args.csv, answer.to_csv(index=False).encode("utf-8"))
        print(_("Wrote the answer to {path}.").format(path=args.csv))
    return 0

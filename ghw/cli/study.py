"""``ghw study``: a person's consent to a study, and the study's pool of the shares of those who gave it."""

from __future__ import annotations

from pathlib import Path

from ..errors import GhwError
from ..vocabulary import count

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw study`` and its steps: consent, withdraw, status, pool, ask."""
    study = commands.add_parser("study", help="join or leave a study; gather and ask a study's pool",
                                description="Consent to a study is separate from sharing with your practitioner: "
                                "a study pools only the shares of the people who consented to it, without their "
                                "names, notes or activities.")
    steps = study.add_subparsers(required=True, metavar="STEP")
    join = steps.add_parser("consent", help="join the study: its pool may include what you share from now on")
    leave = steps.add_parser("withdraw", help="leave the study: your rows leave its pool when it is next gathered")
    status = steps.add_parser("status", help="the studies you joined")
    gather = steps.add_parser("pool", help="(the study's operator) gather the consenting people's shares into Parquet")
    gather.add_argument("--shares", type=Path, help="the shared root, one folder per practitioner "
                        "(default $GHW_SHARED_ROOT or /srv/ghw/shared)")
    gather.add_argument("--out", required=True, type=Path, help="the Parquet file to make (replaced, never kept)")
    for step in (join, leave, gather):
        step.add_argument("--study", help="the study's name (default $GHW_STUDY)")
    join.set_defaults(run=_study_consent)
    leave.set_defaults(run=_study_withdraw)
    status.set_defaults(run=_study_status)
    gather.set_defaults(run=_study_pool)
    ask = steps.add_parser("ask", help="(a researcher) ask the pool a question, through DuckDB")
    ask.add_argument("question", nargs="?", help="a question by name (a wrong name lists them)")
    ask.add_argument("--sql", help="your own SQL over the views entries and days, instead of a named question")
    ask.add_argument("--pool", type=Path, help="the pool's Parquet file (default $GHW_STUDY_POOL)")
    ask.add_argument("--csv", type=Path, help="also write the answer to this CSV file")
    ask.set_defaults(run=_study_ask)


def _study_consent(args) -> int:
    from .. import study

    record = study.consent(args.study)
    print(f"You joined the study {study.study_name(args.study)!r} (since {record['consented_at']}). Its pool takes "
          "what you share with your practitioner, as codes and numbers under the code "
          f"{record['participant']}: never your name, your notes or your activities. "
          "ghw study withdraw takes you out.")
    return 0


def _study_withdraw(args) -> int:
    from .. import study

    name = study.study_name(args.study)
    if study.withdraw(name):
        print(f"You left the study {name!r}. Your rows leave its pool when it is next gathered; what was already "
              "worked out from an earlier pool cannot be taken back. Sharing with your practitioner is unchanged.")
    else:
        print(f"You had not joined the study {name!r}; nothing was changed.")
    return 0


def _study_status(args) -> int:
    from .. import study

    held = study.consents()
    if not held:
        print("You have not joined any study. Sharing with your practitioner does not put you in one.")
    for name, record in sorted(held.items()):
        print(f"{name}: joined {record['consented_at']}, as participant {record['participant']}.")
    return 0


def _study_pool(args) -> int:
    from .. import study

    done = study.pool(args.out, args.study, args.shares)
    print(f"Pooled {count(done.participants, 'participant')} ({count(done.entries, 'entry', 'entries')}) of the "
          f"study {done.study!r} into {done.path}.")
    for row in done.problems.itertuples(index=False):
        print(f"  {row.folder}: {row.problem}")
    return 0


def _study_ask(args) -> int:
    from .. import study

    if (args.question is None) == (args.sql is None):
        raise GhwError("Ask one thing: a question by name (" + ", ".join(study.QUESTIONS) + ") or --sql.")
    answer = study.sql(args.sql, args.pool) if args.sql else study.ask(args.question, args.pool)
    print(answer.to_string(index=False))
    if args.csv:
        from ..exports import write_bytes

        write_bytes(args.csv, answer.to_csv(index=False).encode("utf-8"))
        print(f"Wrote the answer to {args.csv}.")
    return 0

"""A study's pool: the shares of the people who consented to it, gathered into one Parquet file, asked with DuckDB.

Sharing a summary with one's practitioner is not consent to research. A
person on a practice's hub gives (and takes back) consent to a named study
on its own, with ``ghw study consent`` and ``ghw study withdraw``; the
record is a small file, ``study.json``, in the same folder as their share
(``$GHW_SHARE_DIR``), described in ``docs/study.md``. It names each study
they joined with the time they joined and a random participant code, which
is all the study ever learns of who they are.

The study's operator runs :func:`pool` (``ghw study pool``), once a day for
instance. It walks the practice's shared folders, takes the ``entries.csv``
of every person whose ``study.json`` names the study, and writes one Parquet
file from scratch, so a person who withdrew (or stopped sharing) is not in
the next pool. What goes in is codes and numbers only: the participant code
instead of the hub name, the day, mood and the coded fields of each
connection; the people a person logged become codes that hold within one
pool only; notes and activities (free text) never go in.

The study's questions are SQL over that file, run by DuckDB
(:data:`QUESTIONS`, ``ghw study ask``); :func:`days` gives the days that the
statistics of :mod:`ghw.practice` take, and :func:`links` the
within-person correlation of each measure with mood, computed in SQL and
equal to :func:`ghw.practice.rm_corr` on the same people.

DuckDB and pyarrow are an optional extra: ``pip install "ghw[study]"``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import journal, practice, schema, sharing, storage
from .analysis import status
from .errors import GhwError, os_errors
from .i18n import _, ngettext

__all__ = ["STUDY_VAR", "SHARED_ROOT_VAR", "POOL_VAR", "CONSENT_FILE", "COLUMNS", "Pooled", "Question", "QUESTIONS",
           "study_name", "consent", "withdraw", "consents", "pool", "pool_path", "days", "links", "ask", "sql"]

STUDY_VAR = "GHW_STUDY"
"""The study a practice's hub runs, named for everyone's ``ghw study consent``."""
SHARED_ROOT_VAR = "GHW_SHARED_ROOT"
"""The root of the shared folders: one folder per practitioner, one per person inside it."""
POOL_VAR = "GHW_STUDY_POOL"
"""The pool's Parquet file, as the hub names it for a researcher."""
DEFAULT_SHARED_ROOT = "/srv/ghw/shared"
CONSENT_FILE = "study.json"
COLUMNS = ("participant", "date", "time", "mood", "person", "relationship", "channel", "minutes", "quality",
           "initiated_by", "support")
"""The pool's columns: the participant's code, and the journal's columns that hold codes and numbers."""
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,62}")
_CODE = re.compile(r"[0-9a-f]{16}")
_MAX_CONSENT_BYTES = 64 * 1024
_FILE_MODE = 0o640


def _extra(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise GhwError(_('A study\'s pool needs {module}, which is not installed here: pip install "ghw[study]" adds '
                         'it (and DuckDB and pyarrow).').format(module=module)) from None


def study_name(name: str | None = None) -> str:
    """The study's name, as given or from ``$GHW_STUDY``; lowercase letters, digits and ``. _ -``."""
    name = (name if name is not None else os.environ.get(STUDY_VAR, "")).strip()
    if not name:
        raise GhwError(_("Which study? Give its name (--study NAME); on a practice's hub that runs one, {variable} "
                         "names it.").format(variable=STUDY_VAR))
    if not _NAME.fullmatch(name):
        raise GhwError(_("{name!r} is not a study's name: use up to 63 lowercase letters, digits, dots, dashes and "
                         "underscores, starting with a letter or digit.").format(name=name))
    return name


# The person's side: consent and withdrawal.


def consents(folder: str | os.PathLike | None = None) -> dict[str, dict]:
    """The studies this person joined: name -> ``{"consented_at", "participant"}`` (empty when none)."""
    folder = sharing._checked(Path(folder) if folder is not None else sharing.share_dir())
    return _read_consents(folder / CONSENT_FILE)


def consent(study: str | None = None, folder: str | os.PathLike | None = None) -> dict:
    """Join ``study``: record consent beside the share; return the record (the same one if already given).

    The record holds when consent was given and a participant code drawn at
    random now, so the study can follow a person's days without their name.
    Consenting again after withdrawing draws a new code.
    """
    study = study_name(study)
    folder = sharing._checked(Path(folder) if folder is not None else sharing.share_dir())
    held = _read_consents(folder / CONSENT_FILE)
    if study not in held:
        held[study] = {"consented_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                       "participant": secrets.token_hex(8)}
        _write_consents(folder / CONSENT_FILE, held)
    return held[study]


def withdraw(study: str | None = None, folder: str | os.PathLike | None = None) -> bool:
    """Leave ``study``; return whether there was consent to take back.

    The record goes at once; the person's rows leave the pool when it is next
    gathered. Results a study already drew from an earlier pool cannot be
    taken back, and the consent text says so.
    """
    study = study_name(study)
    folder = sharing._checked(Path(folder) if folder is not None else sharing.share_dir())
    held = _read_consents(folder / CONSENT_FILE)
    if study not in held:
        return False
    del held[study]
    if held:
        _write_consents(folder / CONSENT_FILE, held)
    else:
        with os_errors(f"remove {folder / CONSENT_FILE}"):
            (folder / CONSENT_FILE).unlink()
    return True


def _write_consents(path: Path, held: dict) -> None:
    data = json.dumps({"studies": held}, indent=1, sort_keys=True) + "\n"
    storage.replace(path, data.encode("utf-8"), backup=False)
    with os_errors(_("set who may read {path}").format(path=path)):
        os.chmod(path, _FILE_MODE)


def _read_consents(path: Path) -> dict[str, dict]:
    """The consent records in ``path``, checked field by field; a plain refusal names what is wrong.

    The file sits in a folder its owner can write, so the pool reads it as
    untrusted: a link, a folder, a huge file or a record of the wrong shape
    is refused, never followed or half-read.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise GhwError(_("Could not open {path}: {reason}.").format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise GhwError(_("{path} is not a plain file; a consent record must be one.").format(path=path))
    if info.st_size > _MAX_CONSENT_BYTES:
        raise GhwError(_("{path} is {size} bytes, far more than a consent record holds.").format(
            path=path, size=f"{info.st_size:,}"))
    try:
        held = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GhwError(_("Could not read {path}: {reason}.").format(path=path, reason=exc.strerror or exc)) from None
    except ValueError as exc:
        raise GhwError(_("{path} is not valid JSON ({reason}).").format(path=path, reason=exc)) from None
    studies = held.get("studies") if isinstance(held, dict) else None
    if not isinstance(studies, dict):
        raise GhwError(_("{path} has no \"studies\" object; it is not a consent record ghw wrote.").format(path=path))
    for name, record in studies.items():
        if not _NAME.fullmatch(str(name)):
            raise GhwError(_("{path}: {name!r} is not a study's name.").format(path=path, name=name))
        if not isinstance(record, dict) or not _CODE.fullmatch(str(record.get("participant", ""))):
            raise GhwError(_("{path}: study {name!r}, field participant: not a code of 16 hex digits.").format(
                path=path, name=name))
        try:
            dt.datetime.fromisoformat(str(record.get("consented_at")))
        except ValueError:
            raise GhwError(_("{path}: study {name!r}, field consented_at: {value!r} is not a date and time.").format(
                path=path, name=name, value=record.get("consented_at"))) from None
    return {name: {"consented_at": r["consented_at"], "participant": r["participant"]} for name, r in studies.items()}


# The operator's side: the pool.


@dataclass
class Pooled:
    """What :func:`pool` did: the file, what went in, and who was left out and why.

    ``problems`` has one row per folder that was skipped or partly read:
    ``folder`` (practitioner/person), ``problem``; it names folders, which
    only the operator sees, never the pool.
    """

    path: Path
    study: str
    participants: int
    entries: int
    problems: pd.DataFrame


def _person_folders(root: Path) -> list[Path]:
    """``root/<practitioner>/<person>`` folders: plain folders only, never links, never hidden names."""
    def plain(folder: Path) -> list[Path]:
        with os_errors(_("open {folder}").format(folder=folder),
                       missing=_("There is no folder {folder}: name the shared root (--shares).").format(folder=folder)):
            found = sorted(folder.iterdir())
        return [p for p in found if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()]

    return [person for practitioner in plain(root) for person in plain(practitioner)]


def pool(out: str | os.PathLike, study: str | None = None, shares: str | os.PathLike | None = None) -> Pooled:
    """Gather the shares of everyone who consented to ``study`` into the Parquet file ``out``, made anew.

    ``shares`` is the shared root (default ``$GHW_SHARED_ROOT``, else
    ``/srv/ghw/shared``). A person counts when their ``study.json`` names the
    study and their share (``summary.json`` and ``entries.csv``) is there;
    their valid entries go in, as :func:`ghw.practice.pooled_days` takes
    them. The file is replaced atomically and no earlier version is kept, so
    the rows of a person who withdrew are gone from it. Columns:
    :data:`COLUMNS`.
    """
    pa, pq = _extra("pyarrow"), _extra("pyarrow.parquet")
    study = study_name(study)
    root = Path(shares if shares is not None else os.environ.get(SHARED_ROOT_VAR, "") or DEFAULT_SHARED_ROOT)
    out = Path(out)
    key = secrets.token_bytes(32)  # codes for the people a person logged hold within this pool only
    frames, problems = [], []
    for folder in _person_folders(root):
        where = f"{folder.parent.name}/{folder.name}"
        try:
            record = _read_consents(folder / CONSENT_FILE).get(study)
        except GhwError as exc:
            problems.append((where, str(exc)))
            continue
        if record is None:
            continue
        if not (folder / sharing.SUMMARY_FILE).is_file() or not (folder / sharing.ENTRIES_FILE).is_file():
            problems.append((where, _("consented, but shares nothing now")))
            continue
        try:
            entries, bad = journal.check(folder / sharing.ENTRIES_FILE)
        except (OSError, GhwError) as exc:
            problems.append((where, _("{file} could not be read ({reason})").format(file=sharing.ENTRIES_FILE, reason=exc)))
            continue
        if len(bad):
            first = bad.iloc[0]
            problems.append((where, ngettext(
                "{n} problem in {file}, that row left out: line {line}, {column}: {problem}",
                "{n} problems in {file}, those rows left out; first: line {line}, {column}: {problem}", len(bad)).format(
                n=len(bad), file=sharing.ENTRIES_FILE, line=first["line"], column=first["column"],
                problem=first["problem"])))
        if len(entries):
            frames.append(_coded(entries, record["participant"], key))
    table = pd.concat(frames, ignore_index=True) if frames else _coded(schema.empty_entries(), "", key)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), b"ghw.study": study.encode(),
                                           b"ghw.pooled_at": dt.datetime.now(dt.UTC).isoformat().encode()})
    sink = pa.BufferOutputStream()
    pq.write_table(arrow, sink)
    storage.replace(out, sink.getvalue().to_pybytes(), backup=False)
    with os_errors(_("set who may read {path}").format(path=out)):
        os.chmod(out, _FILE_MODE)
    return Pooled(out, study, int(table["participant"].nunique()), len(table),
                  pd.DataFrame(problems, columns=["folder", "problem"]))


def _coded(entries: pd.DataFrame, participant: str, key: bytes) -> pd.DataFrame:
    """One participant's entries in the pool's columns: codes and numbers, no free text."""
    def code(name):
        if pd.isna(name):
            return name
        return "p" + hmac.new(key, f"{participant}\0{name}".encode(), hashlib.sha256).hexdigest()[:12]

    table = pd.DataFrame({
        "participant": pd.Series(participant, index=entries.index, dtype="str"),
        "date": entries["date"].astype("datetime64[us]"),
        "time": entries["time"].astype("str").where(entries["time"].notna()),
        "mood": entries["mood"].astype("float64"),
        "person": entries["person"].map(code, na_action="ignore").astype("str"),
        **{c: entries[c].astype("str") for c in ("relationship", "channel", "initiated_by", "support")},
        "minutes": entries["minutes"].astype("float64"),
        "quality": entries["quality"].astype("float64"),
    })
    return table[list(COLUMNS)]


def pool_path(path: str | os.PathLike | None = None) -> Path:
    """The pool to ask: ``path``, or ``$GHW_STUDY_POOL``; it must exist."""
    path = Path(path) if path is not None else Path(os.environ.get(POOL_VAR, "").strip() or ".")
    if str(path) == ".":
        raise GhwError(_("Which pool? Give its file (--pool FILE); on a researcher's server, {variable} names "
                         "it.").format(variable=POOL_VAR))
    if not path.is_file():
        raise GhwError(_("There is no pool at {path} yet: ghw study pool makes it.").format(path=path))
    return path


# The researcher's side: questions, in SQL.

_DAYS_SQL = """
SELECT participant AS person, date, avg(mood) AS mood, count(*)::DOUBLE AS entries,
       count(relationship)::DOUBLE AS connections,
       CASE WHEN count(relationship) = 0 THEN 0 ELSE sum(minutes) END AS minutes,
       avg(quality) AS quality
FROM entries GROUP BY participant, date
"""
_LINK_SQL = """
WITH both_ AS (
    SELECT person, {x}::DOUBLE AS x, mood AS y FROM days WHERE {x} IS NOT NULL AND mood IS NOT NULL
), usable AS (
    SELECT * FROM both_ WHERE person IN (
        SELECT person FROM both_ GROUP BY person HAVING count(*) >= $min_days AND count(DISTINCT x) > 1)
), centred AS (
    SELECT person, x - avg(x) OVER (PARTITION BY person) AS x, y - avg(y) OVER (PARTITION BY person) AS y
    FROM usable
)
SELECT sum(x * y) AS sxy, sum(x * x) AS sxx, sum(y * y) AS syy, count(*) AS n_obs,
       count(DISTINCT person) AS n FROM centred
"""


def _connect(path: Path):
    duckdb = _extra("duckdb")
    con = duckdb.connect()
    quoted = "'" + str(path).replace("'", "''") + "'"  # a view cannot take a parameter
    con.execute(f"CREATE VIEW entries AS SELECT * FROM read_parquet({quoted})")
    con.execute(f"CREATE VIEW days AS {_DAYS_SQL}")
    return con


def sql(query: str, pool: str | os.PathLike | None = None) -> pd.DataFrame:
    """Any SQL over the pool, as a DataFrame: the views ``entries`` (:data:`COLUMNS`) and ``days`` (one row a day)."""
    duckdb = _extra("duckdb")
    con = _connect(pool_path(pool))
    try:
        return con.execute(query).df()
    except duckdb.Error as exc:
        raise GhwError(_("DuckDB could not run that question: {reason}").format(reason=exc)) from None
    finally:
        con.close()


def days(pool: str | os.PathLike | None = None) -> pd.DataFrame:
    """The pool as days, in the shape :mod:`ghw.practice` takes: ``person`` (the participant code), ``date``,
    ``mood``, ``entries``, ``connections``, ``minutes``, ``quality``; only days with entries."""
    table = sql("SELECT * FROM days ORDER BY person, date", pool)
    table["date"] = table["date"].astype("datetime64[us]")
    return table


def links(pool: str | os.PathLike | None = None, measures=practice.MEASURES, *, min_people: int = practice.MIN_PEOPLE,
          min_days: int = practice.MIN_DAYS) -> pd.DataFrame:
    """For each measure, its within-person correlation with mood, summed in SQL over the whole pool.

    The same statistic as :func:`ghw.practice.rm_corr` (the repeated-measures
    correlation, tested on the days' effective number less the people, with
    its Fisher's z interval), with the same people and days: DuckDB does the
    sums, and each person's carry-over is read from the pooled days. Columns
    as ``rm_corr``'s.
    """
    path = pool_path(pool)
    con = _connect(path)
    pooled = days(path)
    rows = []
    try:
        for x in measures:
            if x not in ("connections", "minutes", "quality", "entries"):
                raise GhwError(_("{measure!r} is not a measure of the days; choose from connections, minutes, "
                                 "quality.").format(measure=x))
            sxy, sxx, syy, n_obs, n = con.execute(_LINK_SQL.format(x=x), {"min_days": min_days}).fetchone()
            row = {"x": x, "y": "mood", "method": "repeated-measures correlation", "estimate": np.nan,
                   "ci_low": np.nan, "ci_high": np.nan, "p_val": np.nan, "n": int(n), "n_obs": int(n_obs),
                   "unit": "person", "dof": np.nan}
            if n < min_people:
                rows.append(row | status("too_few", needed=min_people))
                continue
            effective = practice.effective_days(practice.usable(pooled, x, "mood", min_days), x, "mood")
            rows.append(row | status() | practice.rm_corr_from_sums(sxy, sxx, syy, effective, int(n)))
    finally:
        con.close()
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Question:
    """A question a study asks of its pool: a name, what it answers, and how (a function of the pool's path)."""

    name: str
    about: str
    answer: Callable[[Path], pd.DataFrame]


QUESTIONS: dict[str, Question] = {}


def _question(name: str, about: str):
    def register(answer):
        QUESTIONS[name] = Question(name, about, answer)
        return answer
    return register


@_question("participants", _("each participant's days, entries and first and last day in the pool"))
def _participants(path: Path) -> pd.DataFrame:
    return sql("SELECT participant, count(DISTINCT date) AS days, count(*) AS entries, min(date)::DATE AS first, "
               "max(date)::DATE AS last FROM entries GROUP BY participant ORDER BY participant", path)


@_question("size", _("how many participants, days and entries the pool holds"))
def _size(path: Path) -> pd.DataFrame:
    return sql("SELECT count(DISTINCT participant) AS participants, count(DISTINCT (participant, date)) AS days, "
               "count(*) AS entries FROM entries", path)


@_question("links", _("within each person, how connections, minutes together and connection quality go with "
                       "mood"))
def _links(path: Path) -> pd.DataFrame:
    return links(path)


def ask(question: str, pool: str | os.PathLike | None = None) -> pd.DataFrame:
    """The answer to one of :data:`QUESTIONS`, by name, as a tidy DataFrame."""
    if question not in QUESTIONS:
        raise GhwError(_("There is no question {question!r}; ask one of: {questions}, or your own with --sql.").format(
            question=question, questions=", ".join(QUESTIONS)))
    return QUESTIONS[question].answer(pool_path(pool))

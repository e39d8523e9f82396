"""A practitioner's view: who shared a summary, and what holds across the people who did.

The hub names the practitioner's folder in ``$GHW_PRACTICE_DIR``; inside
it, one folder per person, each holding what :mod:`ghw.sharing` wrote
there (``summary.json`` and ``entries.csv``, see ``docs/sharing.md``).

Across people, the honest question is a *within-person* one: on the days a
person connects more than is usual for them, is their mood higher than is
usual for them? Pooling everyone's days into one correlation would mix that
with differences between people (someone who is often with others may be
cheerful for other reasons). Two methods answer it, each with an interval:

- :func:`mixed_model`: a multilevel model (statsmodels ``MixedLM``) of mood
  on the day's measure centred on the person's own mean, with the person's
  mean as a second term, a random intercept and a random slope per person.
  The fixed slope is the typical within-person change in mood per unit of
  the measure; ``slope_sd`` says how much people differ around it.
- :func:`rm_corr`: the repeated-measures correlation (Bakdash and Marusich
  2017), the correlation of the two after each person's mean is taken out,
  with ``N - k - 1`` degrees of freedom for N days of k people.

Each person's days carry over from one to the next, so they hold fewer
independent days than they number. Both methods count each person's
*effective* days instead (:func:`effective_days`, the correction ghw uses
for one person), so that a group figure is not surer than its days allow.

Below :data:`MIN_PEOPLE` people with :data:`MIN_DAYS` usable days each, both
say ``too_few`` rather than give a number.

What a person shared is read as input from someone else: only a plain file
(never a link, a pipe or a device, which could point elsewhere or keep the
page waiting for ever), no larger than :data:`MAX_SUMMARY_BYTES` or
:data:`MAX_ENTRIES_BYTES`, and a summary whose fields are not what
``docs/sharing.md`` says is shown as one that could not be read, beside
everyone else's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from . import inference, sharing, tables, vocabulary
from .analysis import status
from .errors import GhwError, os_errors
from .i18n import _, ngettext

__all__ = ["PRACTICE_DIR_VAR", "MIN_PEOPLE", "MIN_DAYS", "MEASURES", "MAX_SUMMARY_BYTES", "MAX_ENTRIES_BYTES",
           "practice_dir", "people", "read_summary", "shared_entries", "digest", "pooled_days", "usable", "rm_corr",
           "rm_corr_from_sums", "mixed_model", "group_links", "effective_days", "explain"]

PRACTICE_DIR_VAR = "GHW_PRACTICE_DIR"
MIN_PEOPLE = 5
"""People needed before a group figure is shown: fewer cannot tell a typical link from one person's."""
MIN_DAYS = 7
"""Days with both values a person needs to count towards a group figure."""
MEASURES = ("connections", "minutes", "quality")
"""The daily measures whose link with mood the group view shows."""
MAX_SUMMARY_BYTES = 1 << 20
"""Largest ``summary.json`` read: a year's summary is a few kilobytes."""
MAX_ENTRIES_BYTES = 64 << 20
"""Largest ``entries.csv`` read: decades of entries are a few megabytes."""


def practice_dir() -> Path:
    """The practitioner's folder of shared summaries, as the hub set it in ``$GHW_PRACTICE_DIR``."""
    folder = os.environ.get(PRACTICE_DIR_VAR, "").strip()
    if not folder:
        raise GhwError(_("This page is for a practitioner on a practice's JupyterHub, which names the folder of "
                         "shared summaries in {variable}; it is not set here.").format(variable=PRACTICE_DIR_VAR))
    return Path(folder)


def _folders(folder: Path) -> list[Path]:
    with os_errors(f"open {folder}"):
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def people(folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per person who shares a summary now, most recent share first.

    Columns: ``person`` (their folder's name, the hub user), ``period``,
    ``shared_at``, ``days_logged``, ``entries``, ``notes_included``,
    ``pseudonymized``, ``sentences`` (a list) and ``problem`` (empty, or
    why their share could not be read). People who withdrew, or never
    shared, have no row.
    """
    folder = Path(folder) if folder is not None else practice_dir()
    rows = []
    for person in _folders(folder):
        path = person / sharing.SUMMARY_FILE
        try:
            held = read_summary(path)
        except GhwError as exc:
            rows.append({"person": person.name, "problem": str(exc)})
            continue
        if held is not None:
            rows.append({"person": person.name, **{k: held[k] for k in _HELD}, "problem": ""})
    table = pd.DataFrame(rows, columns=["person", *_HELD, "problem"])
    return table.sort_values("shared_at", ascending=False, na_position="last", ignore_index=True)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _moment(value) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


# What each field of summary.json must be (docs/sharing.md), and how that is said when it is not.
_HELD = {
    "period": (lambda v: isinstance(v, str) and 0 < len(v) <= 100, _("a period like 2026-11")),
    "shared_at": (_moment, _("a date and time like 2026-11-30T18:00:00+00:00")),
    "days_logged": (_whole, _("a whole number")),
    "entries": (_whole, _("a whole number")),
    "notes_included": (lambda v: isinstance(v, bool), _("true or false")),
    "pseudonymized": (lambda v: isinstance(v, bool), _("true or false")),
    "sentences": (lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v), _("a list of sentences")),
}


def read_summary(path: str | os.PathLike) -> dict | None:
    """One person's ``summary.json``, checked field by field; None when they share nothing now.

    Raises :class:`GhwError` saying why it could not be read: not a plain file, too large, not JSON, or a field that
    is missing or not what it should be. The sentences come without the advice that was meant for the person
    themselves (shares made before ghw left it out hold it).
    """
    path = Path(path)
    data = _shared_bytes(path, MAX_SUMMARY_BYTES)
    if data is None:
        return None
    try:
        held = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise GhwError(_("{path} could not be read: it is not JSON text ({reason}).").format(path=path, reason=exc)) \
            from None
    if not isinstance(held, dict):
        raise GhwError(_("{path} could not be read: it holds no summary.").format(path=path))
    for field, (valid, should) in _HELD.items():
        if field not in held:
            raise GhwError(_("{path} could not be read: it has no \u201c{field}\u201d.").format(path=path, field=field))
        if not valid(held[field]):
            raise GhwError(_("{path} could not be read: its \u201c{field}\u201d should be {should}, not {value}.").format(
                path=path, field=field, should=should, value=json.dumps(held[field])[:40]))
    return held | {"sentences": [vocabulary.without_advice(s) for s in held["sentences"]]}


def _plain_file(path: Path) -> bool:
    """Whether ``path`` is a plain file itself (not a link to one), looked at without opening it."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _shared_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of a file someone shared, if it is a plain file of at most ``limit`` bytes; None if there is none.

    Opened without following a link and without waiting for a writer, then looked at through what was opened, so
    that it cannot be swapped for something else in between.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise GhwError(_("{path} cannot be read by you.").format(path=path)) from None
    except OSError as exc:  # a link, under O_NOFOLLOW (ELOOP)
        raise GhwError(_("{path} could not be read: it is not a plain file ({reason}).").format(
            path=path, reason=exc.strerror)) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise GhwError(_("{path} could not be read: it is not a plain file.").format(path=path))
    with os.fdopen(handle, "rb") as reader:
        data = reader.read(limit + 1)
    if len(data) > limit:
        raise GhwError(_("{path} could not be read: it is larger than {size} MiB.").format(path=path,
                                                                                          size=limit // 2**20))
    return data


def shared_entries(folder: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Each person's shared entries (``entries.csv``), by person, once their ``summary.json`` is there as a plain file
    (it is written last, so the share is complete). Entries that cannot be read are left out (:func:`people` says
    what is wrong with a summary), and so is a share without entries."""
    from . import journal

    folder = Path(folder) if folder is not None else practice_dir()
    shared = {}
    with tempfile.TemporaryDirectory(prefix="ghw-practice-") as scratch:
        for person in _folders(folder):
            try:
                if not _plain_file(person / sharing.SUMMARY_FILE):
                    continue
                data = _shared_bytes(person / sharing.ENTRIES_FILE, MAX_ENTRIES_BYTES)
                if data is None:
                    continue
                copy = Path(scratch) / f"{len(shared)}.csv"  # read from a copy that nobody else can change
                copy.write_bytes(data)
                entries, _ = journal.check(copy)
            except (OSError, GhwError):
                continue
            if len(entries):
                shared[person.name] = entries
    return shared


def digest(entries: pd.DataFrame) -> pd.DataFrame:
    """What one person's shared entries say, as the person's own Reflect page says it
    (:func:`ghw.digest.digest`; shown in the third person by :func:`ghw.digest.lines` with ``person="they"``)."""
    from . import digest as digests
    from . import findings

    data = findings.Data(entries)
    return digests.digest(data, table=digests.readings(data, change=False))  # a share holds no days before it


def pooled_days(folder: str | os.PathLike | None = None, shared: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Everyone's shared entries as days: ``person``, ``date`` and the columns of :func:`ghw.tables.daily`.

    ``shared`` is :func:`shared_entries`, when already read.
    """
    shared = shared_entries(folder) if shared is None else shared
    frames = [tables.daily(entries).assign(person=person) for person, entries in shared.items()]
    if not frames:
        return pd.DataFrame({"person": pd.Series(dtype="str"), "date": pd.Series(dtype="datetime64[us]")})
    days = pd.concat(frames, ignore_index=True)
    return days[["person", *[c for c in days.columns if c != "person"]]]


def usable(days: pd.DataFrame, x: str, y: str, min_days: int) -> pd.DataFrame:
    """The days with both values, of the people with ``min_days`` such days and some change in ``x``."""
    dated = ["date"] if "date" in days else []
    if x not in days or y not in days:
        return pd.DataFrame(columns=["person", *dated, x, y])
    both = days[["person", *dated, x, y]].dropna()
    by = both.groupby("person")[x]
    keep = (by.transform("size") >= min_days) & (by.transform("nunique") > 1)
    return both.loc[keep].astype({x: "float64", y: "float64"})


def effective_days(data: pd.DataFrame, x: str, y: str) -> float:
    """Independent days that a group's days are worth: each person's effective days, summed.

    For each person, ``x`` and ``y`` carry over as
    :func:`ghw.inference.carry_over` says over their calendar days, and the
    person's days count as :func:`ghw.inference.effective_n` at the product,
    as for one person's correlation. Without a ``date`` column the days count as they are.
    """
    if "date" not in data:
        return float(len(data))
    total = 0.0
    for _person, own in data.groupby("person"):
        own = own.set_index("date").sort_index()
        (scale_x, rate_x), (scale_y, rate_y) = inference.carry_over(own[x]), inference.carry_over(own[y])
        days = inference.calendar_days(own.index)
        total += min(inference.effective_n(days, rate_x * rate_y, scale_x * scale_y), len(own))
    return total


def _row(x: str, y: str, method: str, data: pd.DataFrame, min_people: int) -> dict:
    n = int(data["person"].nunique()) if len(data) else 0
    row = {"x": x, "y": y, "method": method, "estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan,
           "p_val": np.nan, "n": n, "n_obs": len(data), "unit": "person"}
    return row | (status("too_few", needed=min_people) if n < min_people else status())


def rm_corr(days: pd.DataFrame, x: str, y: str = "mood", *, min_people: int = MIN_PEOPLE,
            min_days: int = MIN_DAYS) -> pd.DataFrame:
    """Repeated-measures correlation of ``x`` and ``y`` within people, with a 95% interval.

    ``days`` is long: a ``person`` column and one row per day. Each person's
    means are taken out of both columns; ``estimate`` is the correlation of
    what remains, tested with ``dof = N - k - 1`` (N days, k people), where
    N counts :func:`effective_days` when the days carry over (with a ``date``
    column). The interval is Fisher's z, as wide as makes it leave out zero
    exactly when the test is clear (the method's authors' ``1.96 /
    sqrt(dof - 1)`` to within 1.5%).

    Returns one row: ``x``, ``y``, ``method``, ``estimate`` (r), ``ci_low``,
    ``ci_high``, ``p_val``, ``n`` (people), ``n_obs`` (days), ``unit``,
    ``dof``, ``status``, ``needed``, ``about``.
    """
    data = usable(days, x, y, min_days)
    row = _row(x, y, "repeated-measures correlation", data, min_people)
    if row["status"] != "ok":
        return pd.DataFrame([row | {"dof": np.nan}])
    centred = data[[x, y]] - data.groupby("person")[[x, y]].transform("mean")
    sums = (centred[x] * centred[y]).sum(), (centred[x] ** 2).sum(), (centred[y] ** 2).sum()
    return pd.DataFrame([row | rm_corr_from_sums(*sums, effective_days(data, x, y), row["n"], about=y)])


def rm_corr_from_sums(sxy: float, sxx: float, syy: float, effective: float, people: int, *, about: str = "mood") -> dict:
    """:func:`rm_corr`'s estimate, test and interval from its sums of centred products, the effective days and
    the people: the one place both it and :func:`ghw.study.links` (which sums in SQL) decide."""
    if syy == 0:
        return {"dof": np.nan} | status("no_variation", about=about)
    dof = max(effective - people - 1, 1.0)
    r = float(np.clip(sxy / np.sqrt(sxx * syy), -1.0, 1.0))
    t = r * np.sqrt(dof / max(1.0 - r * r, 1e-300))
    # Fisher's z, as wide as makes the interval leave out zero exactly when the t test is clear.
    critical = stats.t.ppf(0.975, dof)
    z, half = np.arctanh(np.clip(r, -0.999999, 0.999999)), np.arctanh(critical / np.sqrt(dof + critical**2))
    return {"estimate": r, "ci_low": float(np.tanh(z - half)), "ci_high": float(np.tanh(z + half)),
            "p_val": float(2 * stats.t.sf(abs(t), dof)), "dof": float(dof)}


def mixed_model(days: pd.DataFrame, x: str, y: str = "mood", *, min_people: int = MIN_PEOPLE,
                min_days: int = MIN_DAYS) -> pd.DataFrame:
    """Within-person slope of ``y`` on ``x`` from a multilevel model with random slopes, with a 95% interval.

    The model is ``y ~ x_within + x_between`` with a random intercept and a
    random ``x_within`` slope per person (REML), where ``x_within`` is the
    day's value minus the person's mean and ``x_between`` that mean minus the
    mean of all people. When the random-slopes model does not converge (too
    little spread in slopes to estimate), a random-intercept model is fitted
    instead and ``model`` says so. The fixed slope's standard error is the
    model's times ``sqrt(N / effective days)`` (:func:`effective_days`), and
    its test and interval are Student's t on the effective days less the
    people and the two slopes: the model treats a person's days as
    independent, which days that carry over are not.

    Returns one row: ``x``, ``y``, ``method``, ``estimate`` (change in ``y``
    per unit of ``x`` within a person), ``ci_low``, ``ci_high``, ``p_val``,
    ``n`` (people), ``n_obs`` (days), ``unit``, ``slope_sd`` (how much the
    slope differs between people), ``model``, ``status``, ``needed``, ``about``.
    """
    import statsmodels.formula.api as smf

    data = usable(days, x, y, min_days)
    row = _row(x, y, "multilevel model", data, min_people) | {"slope_sd": np.nan, "model": ""}
    if row["status"] != "ok":
        return pd.DataFrame([row])
    mean = data.groupby("person")[x].transform("mean")
    frame = pd.DataFrame({"y": data[y], "x_within": data[x] - mean, "x_between": mean - data[x].mean(),
                          "person": data["person"]})
    for model, re_formula in (("random slopes", "~x_within"), ("random intercepts", "~1")):
        with warnings.catch_warnings():
            # Convergence is judged below from the fit itself; a slope spread estimated at zero is a result.
            warnings.simplefilter("ignore")
            try:
                fit = smf.mixedlm("y ~ x_within + x_between", frame, groups=frame["person"],
                                  re_formula=re_formula).fit(reml=True)
            except (np.linalg.LinAlgError, ValueError):
                continue
        if fit.converged and np.isfinite(fit.bse["x_within"]):
            estimate = float(fit.params["x_within"])
            # Days that carry over are worth fewer: the standard error grows by sqrt(days / effective days),
            # and the test is Student's t on the effective days less the people and the two slopes.
            worth = effective_days(data, x, y)
            se = float(fit.bse["x_within"]) * np.sqrt(len(data) / worth)
            dof = max(worth - row["n"] - 2, 1.0)
            half = stats.t.ppf(0.975, dof) * se
            spread = float(np.sqrt(max(fit.cov_re.loc["x_within", "x_within"], 0.0))) if model == "random slopes" else np.nan
            return pd.DataFrame([row | {"estimate": estimate, "ci_low": estimate - half, "ci_high": estimate + half,
                                        "p_val": float(2 * stats.t.sf(abs(estimate) / se, dof)),
                                        "slope_sd": spread, "model": model}])
    return pd.DataFrame([row | status("no_fit")])


def group_links(days: pd.DataFrame, measures=MEASURES, *, min_people: int = MIN_PEOPLE,
                min_days: int = MIN_DAYS) -> pd.DataFrame:
    """For each measure, its within-person link with mood by both methods: one row per measure and method."""
    rows = [method(days, x, min_people=min_people, min_days=min_days) for x in measures
            for method in (mixed_model, rm_corr)]
    return pd.concat(rows, ignore_index=True)


_ONE_MORE = {"connections": _("one more connection"), "minutes": _("one more minute together"),
             "quality": _("one point more of how connected they felt")}
# The two methods (the codes in a row's ``method``), as a sentence names them.
_METHOD_WORDS = {"multilevel model": _("multilevel model"),
                 "repeated-measures correlation": _("repeated-measures correlation")}


def explain(row) -> str:
    """One sentence for a row of :func:`group_links`."""
    what = vocabulary.name(row["x"])
    if row["status"] == "too_few":
        return ngettext("{what} and mood: not enough people yet ({n} person with {days} or more days of it; needs at "
                        "least {needed}).",
                        "{what} and mood: not enough people yet ({n} people with {days} or more days of it; needs at "
                        "least {needed}).", int(row["n"])).format(
            what=what.capitalize(), n=int(row["n"]), days=MIN_DAYS, needed=int(row["needed"]))
    if row["status"] != "ok":
        return _("{what} and mood ({method}): {status}.").format(
            what=what.capitalize(), method=_METHOD_WORDS[row["method"]],
            status=vocabulary.status_text(row["status"], about=row["about"]))
    said = {"people": ngettext("{n} person", "{n} people", int(row["n"])).format(n=int(row["n"])),
            "days": ngettext("{n} day", "{n} days", int(row["n_obs"])).format(n=int(row["n_obs"])),
            "low": f"{row['ci_low']:.2f}", "high": f"{row['ci_high']:.2f}", "r": f"{row['estimate']:.2f}",
            "estimate": f"{row['estimate']:+.2f}", "what": what}
    clear = inference.clear(row)
    if row["method"] == "multilevel model":
        said["more"] = _ONE_MORE.get(row["x"]) or _("one more of {what}").format(what=what)
        said["spread"] = f"{row['slope_sd']:.2f}"
        way = ("higher" if row["estimate"] > 0 else "lower") if clear else "unclear"
        spread = "spread" if np.isfinite(row["slope_sd"]) else "plain"
        return _MIXED[way, spread].format(**said)
    if clear:
        return _("Within people, days with {more} went with {toward}: r = {r} (95% interval {low} to {high}; {people}, "
                 "{days}).").format(**said, more=vocabulary.more(row["x"]),
                                    toward=vocabulary.toward(row["y"], row["estimate"]))
    return _("Within people, no clear link between {what} and mood: r = {r} (95% interval {low} to {high}; {people}, "
             "{days}).").format(**said)


# The multilevel model's sentence, by which way mood went (clearly) and whether people's spread is known.
_MIXED = {
    ("higher", "spread"): _("On days with {more} than usual for them, people's mood was clearly higher: {estimate} "
                            "points on average (95% interval {low} to {high}; people differ by about {spread} around "
                            "it; {people}, {days})."),
    ("higher", "plain"): _("On days with {more} than usual for them, people's mood was clearly higher: {estimate} "
                           "points on average (95% interval {low} to {high}; {people}, {days})."),
    ("lower", "spread"): _("On days with {more} than usual for them, people's mood was clearly lower: {estimate} "
                           "points on average (95% interval {low} to {high}; people differ by about {spread} around "
                           "it; {people}, {days})."),
    ("lower", "plain"): _("On days with {more} than usual for them, people's mood was clearly lower: {estimate} "
                          "points on average (95% interval {low} to {high}; {people}, {days})."),
    ("unclear", "spread"): _("On days with {more} than usual for them, people's mood was not clearly different: "
                             "{estimate} points on average (95% interval {low} to {high}; people differ by about "
                             "{spread} around it; {people}, {days})."),
    ("unclear", "plain"): _("On days with {more} than usual for them, people's mood was not clearly different: "
                            "{estimate} points on average (95% interval {low} to {high}; {people}, {days})."),
}

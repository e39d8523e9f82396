"""Backups of a practice's homes and shares: dated archives, kept by a retention rule, restored beside the live data.

    python ghw_backup.py backup --to /backups /home /srv/ghw/shared      # one archive of both folders
    python ghw_backup.py list /backups
    python ghw_backup.py restore /backups/ghw-20261201T031500Z.tar.gz --into /restore [--only shared/lee/ann]

Each run writes one ``ghw-<UTC time>.tar.gz`` (mode 600) holding every
folder given, under its own name, with owners and modes; then it keeps the
newest archive of each of the last ``--daily`` days (default 7) and of each
of the last ``--weekly`` ISO weeks (default 8), and deletes the rest. A
restore never writes over live data: it unpacks into an empty folder,
refusing links and paths that would leave it, and the operator moves back
what is needed (README.md beside this file says how). The archives hold
health data: keep them on encrypted storage, away from the machine.

Only the standard library, so it runs on the hub's machine or in a job of
the single-user image alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tarfile
from pathlib import Path

STAMP = "%Y%m%dT%H%M%SZ"


def backup(sources: list[Path], dest: Path, *, daily: int = 7, weekly: int = 8,
           now: dt.datetime | None = None) -> Path:
    """Archive ``sources`` into ``dest`` and apply the retention rule; return the new archive."""
    now = now or dt.datetime.now(dt.UTC)
    names = [Path(s).resolve().name for s in sources]
    if len(set(names)) != len(names):
        raise SystemExit(f"ghw_backup: two folders share a name ({', '.join(names)}); back them up separately.")
    for source in sources:
        if not Path(source).is_dir():
            raise SystemExit(f"ghw_backup: {source} is not a folder.")
    dest.mkdir(parents=True, exist_ok=True)
    archive = dest / f"ghw-{now.strftime(STAMP)}.tar.gz"
    temp = dest / f".{archive.name}.part"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for source, name in zip(sources, names):
            tar.add(source, arcname=name)
        raw.flush()
    with open(temp, "rb") as done:
        os.fsync(done.fileno())
    os.replace(temp, archive)
    prune(dest, daily=daily, weekly=weekly)
    return archive


def archives(dest: Path) -> list[tuple[dt.datetime, Path]]:
    """The archives in ``dest``, oldest first, with their times."""
    found = []
    for path in Path(dest).glob("ghw-*.tar.gz"):
        try:
            found.append((dt.datetime.strptime(path.name[4:-7], STAMP).replace(tzinfo=dt.UTC), path))
        except ValueError:
            continue
    return sorted(found)


def prune(dest: Path, *, daily: int, weekly: int) -> list[Path]:
    """Keep the newest archive of each of the last ``daily`` days and ``weekly`` weeks; delete the others."""
    found = archives(dest)
    keep = set()
    for key, count in ((lambda t: t.date(), daily), (lambda t: t.isocalendar()[:2], weekly)):
        newest = {}
        for when, path in found:  # oldest first, so the last one of a day or week wins
            newest[key(when)] = path
        keep.update(newest[k] for k in sorted(newest)[-count:] if count > 0)
    removed = [path for _, path in found if path not in keep]
    for path in removed:
        path.unlink()
    return removed


def restore(archive: Path, into: Path, only: str | None = None) -> list[str]:
    """Unpack ``archive`` (or only the part under ``only``) into the empty folder ``into``; return what came out."""
    into.mkdir(parents=True, exist_ok=True)
    if any(into.iterdir()):
        raise SystemExit(f"ghw_backup: {into} is not empty; restore into an empty folder, then move back what you need.")
    prefix = only.strip("/") if only else None
    with tarfile.open(archive, "r:gz") as tar:
        members = [m for m in tar.getmembers()
                   if prefix is None or m.name == prefix or m.name.startswith(prefix + "/")]
        if not members:
            raise SystemExit(f"ghw_backup: {archive} holds nothing under {only}.")
        tar.extractall(into, members=members, filter=_safe)
    return [m.name for m in members]


def _safe(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo:
    """The standard library's "data" checks (no absolute paths, nothing outside, no links out, no devices), with the
    owners and modes kept: a home must come back its person's and closed, a share folder setgid."""
    checked = tarfile.data_filter(member, path)
    mode = member.mode & (0o2777 if member.isdir() else 0o777)  # never setuid, never setgid on a file
    return checked.replace(mode=mode, uid=member.uid, gid=member.gid, uname=member.uname, gname=member.gname,
                           deep=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    make = steps.add_parser("backup", help="archive folders, then apply the retention rule")
    make.add_argument("sources", nargs="+", type=Path)
    make.add_argument("--to", required=True, type=Path, help="the folder of archives")
    make.add_argument("--daily", type=int, default=7, help="days for which the newest archive is kept (default 7)")
    make.add_argument("--weekly", type=int, default=8, help="weeks for which the newest archive is kept (default 8)")
    listing = steps.add_parser("list", help="the archives, newest first")
    listing.add_argument("dest", type=Path)
    back = steps.add_parser("restore", help="unpack an archive into an empty folder")
    back.add_argument("archive", type=Path)
    back.add_argument("--into", required=True, type=Path)
    back.add_argument("--only", help="a path inside the archive, like shared/lee/ann or home/jupyter-ann/ghw")
    args = parser.parse_args(argv)
    if args.step == "backup":
        print(f"Wrote {backup(args.sources, args.to, daily=args.daily, weekly=args.weekly)}")
    elif args.step == "list":
        for when, path in reversed(archives(args.dest)):
            print(f"{when:%Y-%m-%d %H:%M} UTC  {path.stat().st_size / 2**20:8.1f} MiB  {path.name}")
    else:
        names = restore(args.archive, args.into, args.only)
        print(f"Unpacked {len(names)} files and folders into {args.into}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

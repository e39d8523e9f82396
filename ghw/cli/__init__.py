"""The ``ghw`` command: a thin face over the library.

Each module here holds one group of commands, their parsers beside their
handlers, and adds them to the command line in its ``register(commands)``;
:data:`MODULES` names them in the order ``ghw --help`` lists them, and
:func:`parser` is the one place that calls them. ``docs/cli.md`` is written
from that parser (``python -m ghw.cli.reference``). Every error ghw expects
is printed as one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import GhwError, ValidationError
from ..i18n import _
from ._common import find_journal
from ._output import reader_may_leave

__all__ = ["MODULES", "main", "parser"]

#: The command modules, in the order of their commands in ``ghw --help``.
MODULES = ("setup", "log", "share", "reflect", "importing", "backups", "servers", "people", "checkin", "experiment",
           "study", "month")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from .setup import SAY_IT_THEMSELVES, earlier_install

    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a path the terminal cannot show is shown with escapes, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    with reader_may_leave():
        if args.run not in SAY_IT_THEMSELVES:
            earlier_install()
        return _run(args)


def parser() -> argparse.ArgumentParser:
    """The whole command line: every module of :data:`MODULES` adds its commands."""
    from .. import __version__

    made = argparse.ArgumentParser(prog="ghw", description=_("A connection-and-mood journal that lives in Jupyter."))
    made.add_argument("--version", action="version", version=f"ghw {__version__}",
                      help=_("show program's version number and exit"))
    commands = made.add_subparsers(required=True, metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return made


def _run(args) -> int:
    try:
        _refuse_undecodable(args)
        find_journal(args)
        return args.run(args)
    except UnicodeError as exc:  # typed at a prompt in another encoding
        print("ghw: " + _("some text was not UTF-8 ({reason}); type it again in UTF-8. Nothing was saved.").format(
            reason=exc.reason), file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"ghw: {exc}", file=sys.stderr)
        return 1
    except GhwError as exc:
        print(f"ghw: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the file system said no: a folder where a file should be, no permission, a full disk
        said = exc.strerror or exc
        print("ghw: " + (_("{problem} ({file}). Nothing was changed.").format(problem=said, file=exc.filename)
                         if exc.filename else _("{problem}. Nothing was changed.").format(problem=said)),
              file=sys.stderr)
        return 2


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuse, naming the option, text given in an encoding other than UTF-8 (Python keeps its bytes as stand-ins).

    File paths are left alone: a path is bytes to the system, whatever they are.
    """
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\udc80" <= c <= "\udcff" for c in text):
                option = name.upper() if name in _POSITIONAL else "--" + name.replace("_", "-")
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise GhwError(_("{option} {text!r} holds bytes that are not UTF-8 text (is the terminal set to "
                                 "another encoding?). Give it again in UTF-8; nothing was saved.").format(
                                     option=option, text=shown))


_POSITIONAL = ("old", "new", "name", "who", "every", "id", "backup", "instrument", "text", "question")

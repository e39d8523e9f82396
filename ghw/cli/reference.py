"""``docs/cli.md``, the reference of the ``ghw`` command, written from the command line's own parser.

Every command and action gets a section: what it does (its help line and
description), how it is called (a synopsis in the form ``--help`` uses)
and each argument with its help. Nothing is written by hand, so the page
says what ``ghw COMMAND --help`` says; ``python -m ghw.cli.reference``
(``make docs``) writes it again after a command changes, and
``tests/cli/test_cli_reference.py`` fails until it has. The synopsis is built
here rather than taken from argparse, whose layout changes with the
version of Python and the width of the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from . import parser

__all__ = ["PAGE", "markdown"]

PAGE = Path("docs") / "cli.md"
_WIDTH = 100  # the synopsis is wrapped to be read without scrolling

_INTRO = """\
<!-- Written by `make docs` (python -m ghw.cli.reference) from the command line itself: edit the commands, not this
page. -->

# The ghw command

{description} Every command says plainly what went wrong, never with a
traceback; `ghw COMMAND --help` says what its section here says.
"""


def markdown(top: argparse.ArgumentParser | None = None) -> str:
    """The whole reference as Markdown: a table of the commands, then a section for each command and action."""
    top = top or parser()
    sections = list(_parsers(top))
    lines = [_INTRO.format(description=top.description), "| command | what it does |", "|---|---|"]
    for prog, summary, _ in sections[1:]:
        if prog.count(" ") == 1:
            lines.append(f"| [`{prog}`](#{prog.replace(' ', '-')}) | {_cell(summary)} |")
    for prog, summary, command in sections:
        lines.append(_section(prog, summary, command))
    return "\n".join(lines)


def _parsers(command: argparse.ArgumentParser, summary: str = ""):
    """``(prog, help line, parser)`` for ``command`` and every command and action below it, depth first."""
    yield command.prog, summary, command
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, below in action.choices.items():
                yield from _parsers(below, helps.get(name) or "")


def _section(prog: str, summary: str, command: argparse.ArgumentParser) -> str:
    """One command's heading, what it does, its synopsis and its arguments."""
    heading = "#" * min(prog.count(" ") + 1, 4)
    said = [f"\n{heading} {prog}\n"] if prog.count(" ") else ["\n## Options of ghw itself\n"]
    said += [text + "\n" for text in (summary, command.description if prog.count(" ") else "") if text]
    said.append(f"```\n{_synopsis(prog, command)}\n```\n")
    said += [f"- {_name(action)}: {_help(action, prog)}" for action in _shown(command)]
    return "\n".join(said)


def _shown(command: argparse.ArgumentParser):
    """The arguments a reader is told about: not ``--help``, nor the ones kept only for old scripts."""
    return [a for a in command._actions if not isinstance(a, argparse._HelpAction) and a.help != argparse.SUPPRESS]


def _synopsis(prog: str, command: argparse.ArgumentParser) -> str:
    """``ghw export --format {csv,...} [--month MONTH | --week WEEK] ...``: required first, then the rest."""
    grouped = {a: group for group in command._mutually_exclusive_groups for a in group._group_actions}
    parts, done = [], set()
    for action in _shown(command):
        group = grouped.get(action)
        if group is not None and group not in done:
            done.add(group)
            shown = [_usage(a) for a in group._group_actions if a.help != argparse.SUPPRESS]
            parts.append(("(" if group.required else "[") + " | ".join(shown) + (")" if group.required else "]"))
        elif group is None:
            parts.append(_usage(action) if _required(action) else f"[{_usage(action)}]")
    lines = [prog]
    for part in parts:  # wrapped as --help wraps it, each line under the first argument
        if len(lines[-1]) + 1 + len(part) > _WIDTH and lines[-1].strip() != prog:
            lines.append(" " * len(prog))
        lines[-1] += " " + part
    return "\n".join(lines)


def _required(action: argparse.Action) -> bool:
    if action.option_strings or isinstance(action, argparse._SubParsersAction):
        return action.required
    return action.nargs not in ("?", "*")


def _usage(action: argparse.Action) -> str:
    """How one argument is written: ``--out OUT``, ``--notes``, ``EVERY [EVERY ...]``, ``ACTION``."""
    metavar = _metavar(action)
    if not action.option_strings:
        return f"{metavar} [{metavar} ...]" if action.nargs in ("+", "*") else metavar
    flag = action.option_strings[-1]
    return flag if action.nargs == 0 else f"{flag} {metavar}"


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return action.metavar
    if action.choices is not None:
        return "{" + ",".join(map(str, action.choices)) + "}"
    return action.dest.upper() if action.option_strings else action.dest


def _name(action: argparse.Action) -> str:
    """An argument as the list names it, in code, with ``(required)`` when it must be given."""
    written = ", ".join(action.option_strings) if action.option_strings else _metavar(action)
    if action.option_strings and action.nargs != 0:
        written += " " + _metavar(action)
    return f"`{written}`" + (" (required)" if action.option_strings and action.required else "")


def _help(action: argparse.Action, prog: str) -> str:
    """The argument's help as ``--help`` prints it (``%(default)s`` and the like filled in)."""
    if isinstance(action, argparse._SubParsersAction):
        return "one of " + ", ".join(f"[`{name}`](#{prog.replace(' ', '-')}-{name})" for name in action.choices)
    values = {k: v for k, v in vars(action).items() if v is not argparse.SUPPRESS} | {"prog": prog}
    if action.choices is not None:
        values["choices"] = ", ".join(map(str, action.choices))
    return (action.help or "") % values


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    if paths.CLONE_DIR is None:
        sys.exit("python -m ghw.cli.reference writes docs/cli.md in a clone of ghw; this ghw is installed.")
    page = paths.CLONE_DIR / PAGE
    text = markdown()
    if page.exists() and page.read_text(encoding="utf-8") == text:
        print(f"{page} is already up to date.")
    else:
        page.write_text(text, encoding="utf-8", newline="\n")
        print(f"Wrote {page}.")

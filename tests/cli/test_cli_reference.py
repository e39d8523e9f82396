"""docs/cli.md is the command line as its parser has it now: every command, every action and every option."""

import argparse

from ghw import cli, paths
from ghw.cli import reference


def _commands(parser, prog="ghw"):
    """(prog, parser) for every command and action, walked here apart from the page's own walk."""
    yield prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, below in action.choices.items():
                yield from _commands(below, f"{prog} {name}")


def test_the_committed_reference_is_what_the_parser_gives_now():
    committed = (paths.PROJECT_DIR / reference.PAGE).read_text(encoding="utf-8")
    assert committed == reference.markdown(), "the commands changed: run `make docs` and commit docs/cli.md"


def test_every_command_and_option_has_its_place_on_the_page():
    parser = cli.parser()
    page = reference.markdown(parser)
    sections = {}
    for part in page.split("\n#")[1:]:
        heading, _, body = part.lstrip("#").partition("\n")
        sections[heading.strip()] = body
    for prog, command in _commands(parser):
        if prog == "ghw":
            continue
        assert prog in sections, prog
        said = sections[prog]
        assert f"```\n{prog}" in said, prog  # the synopsis starts with the command itself
        for action in command._actions:
            if action.help in (None, argparse.SUPPRESS) or action.option_strings[:1] in ([], ["-h"]):
                continue
            flag = action.option_strings[-1]
            assert f"- `{flag}" in said and flag in said.split("```")[1], (prog, flag)
            assert action.help % vars(action) in said, (prog, flag)
    # What is kept only for old scripts stays out of the page, as it stays out of --help.
    assert "--no-notes" not in sections["ghw export"] and "--pseudonymize" not in sections["ghw export"]
    assert "[--month MONTH | --week WEEK | --withdraw]" in sections["ghw share"]
    assert "ghw people [ACTION]" in sections["ghw people"] and "ghw experiment STEP\n" in sections["ghw experiment"]

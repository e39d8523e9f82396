"""The options several commands share: --journal names the file every command works on, wherever it is written."""

from helpers import ghw_command


def test_a_journal_named_before_the_action_is_the_one_used(tmp_path):
    other = tmp_path / "other" / "journal.csv"
    other.parent.mkdir()
    assert ghw_command("log", "--mood", "6", "--person", "Ørjan", "--relationship", "friend", "--journal", other
                       ).returncode == 0
    for args in (("people", "--journal", other, "private", "Ørjan"),
                 ("people", "private", "Ørjan", "--off", "--journal", other)):
        done = ghw_command(*args)
        assert done.returncode == 0 and str(other.parent / "people.csv") in done.stdout, done.stderr
    assert not (tmp_path / "people.csv").exists()  # the default journal's folder is left alone
    shown = ghw_command("people", "--journal", other, "show", "Ørjan")
    assert shown.returncode == 0 and shown.stdout.startswith("Ørjan (friend)")


def test_a_day_named_before_the_action_is_the_one_used(tmp_path):
    for args in (("month", "--on", "2026-11-25", "reflect", "a quiet week"),
                 ("month", "reflect", "a quieter week", "--on", "2026-11-26")):
        done = ghw_command(*args)
        assert done.returncode == 0, done.stderr
    listed = ghw_command("month", "reflections").stdout
    assert "2026-11-25  " in listed and "2026-11-26  " in listed


def test_the_journal_is_found_once_for_every_command_that_takes_it(tmp_path, monkeypatch):
    from ghw import cli

    named = tmp_path / "named.csv"
    for argv in (["log", "--mood", "5"], ["summary"], ["people", "show", "Jo"], ["month", "lesson"],
                 ["experiment", "status"], ["import", "csv", "f.csv", "--map", "m.csv"], ["restore"]):
        args = cli.parser().parse_args(argv)
        cli._common.find_journal(args)
        assert args.journal_file == tmp_path / "journal.csv", argv  # GHW_JOURNAL, as the tests set it
        args = cli.parser().parse_args([*argv, "--journal", str(named)])
        cli._common.find_journal(args)
        assert args.journal_file == named and args.journal == named, argv

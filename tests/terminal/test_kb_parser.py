"""The arguments of ``kb``: what argparse refuses before the store is opened."""

from __future__ import annotations

import pytest

from bot.cli import build_parser


@pytest.mark.parametrize(("action", "limit"), [("history", "0"), ("history", "-5"), ("unanswered", "-1"),
                                               ("unanswered", "0"), ("history", "many")])
def test_a_limit_below_one_is_refused_with_a_clear_message(action: str, limit: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["kb", action, "--limit", limit])
    assert refused.value.code == 2
    assert f"argument --limit: {limit!r} is not a whole number of at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("action", ["history", "unanswered"])
def test_a_limit_of_one_or_more_is_taken(action: str) -> None:
    assert build_parser().parse_args(["kb", action, "--limit", "1"]).limit == 1


@pytest.mark.parametrize("number", ["0", "-3"])
def test_undo_refuses_a_change_number_below_one(number: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["kb", "undo", number])
    assert refused.value.code == 2
    assert f"argument N: {number!r} is not a whole number of at least 1" in capsys.readouterr().err


def test_undo_takes_a_change_number_or_none() -> None:
    assert build_parser().parse_args(["kb", "undo", "4"]).number == 4
    assert build_parser().parse_args(["kb", "undo"]).number is None


@pytest.mark.parametrize("args", [["kb", "undo", str(2**63)], ["kb", "history", "--limit", "9" * 23],
                                  ["kb", "unanswered", "--limit", str(2**63)]])
def test_a_number_the_journal_cannot_hold_is_refused_by_argparse_not_by_sqlite(
        args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(args)
    assert refused.value.code == 2
    assert f"is too large: at most {2**63 - 1}" in capsys.readouterr().err


def test_the_largest_change_number_sqlite_holds_is_taken() -> None:
    assert build_parser().parse_args(["kb", "undo", str(2**63 - 1)]).number == 2**63 - 1


@pytest.mark.parametrize(("args", "value"), [(["invite", "--client-id", "-5"], "-5"),
                                             (["invite", "--client-id", "0"], "0"),
                                             (["sync", "--guild", str(2**64)], str(2**64))])
def test_a_discord_id_must_be_a_snowflake(args: list[str], value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(args)
    assert refused.value.code == 2
    assert f"{value!r} is" in capsys.readouterr().err


def test_a_real_discord_id_is_taken() -> None:
    assert build_parser().parse_args(["invite", "--client-id", "1029384756102938475"]).client_id == 1029384756102938475


def test_export_names_its_argument_file_as_the_readme_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["kb", "export", "--help"])
    assert "[--out FILE]" in capsys.readouterr().out
    assert str(build_parser().parse_args(["kb", "export", "--out", "kb.yaml"]).out) == "kb.yaml"

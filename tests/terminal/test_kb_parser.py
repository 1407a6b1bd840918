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

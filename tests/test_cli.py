"""``python -m bot``'s arguments: where the folder options go, and what no command means."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import build_parser, main
from tests.conftest import SECOND_STORY


@pytest.mark.parametrize("argv", [
    ["--knowledge", "K", "--data", "D", "ask", "q"],  # before the command: any command
    ["--data", "D", "--knowledge", "K", "kb", "history"],
    ["--knowledge", "K", "--data", "D", "init"],
    ["--knowledge", "K", "kb", "history", "--data", "D"],  # after it: the commands that use them
    ["chat", "--knowledge", "K", "--data", "D"],
    ["--knowledge", "elsewhere", "--data", "elsewhere", "run", "--knowledge", "K", "--data", "D"],  # the later wins
])
def test_the_folder_options_work_before_or_after_the_command(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.knowledge, args.data) == (Path("K"), Path("D"))


def test_a_command_without_the_options_leaves_them_unset() -> None:
    args = build_parser().parse_args(["check"])
    assert getattr(args, "knowledge", None) is None and getattr(args, "data", None) is None


def test_ask_with_the_knowledge_option_before_it_answers_from_that_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(SECOND_STORY), "--data", str(tmp_path), "ask", "how many people work there"]) == 0
    assert "12 people" in capsys.readouterr().out


def test_options_with_no_command_mean_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.terminal import commands

    seen = {}

    def run(args: object, settings: object) -> int:
        seen["settings"] = settings
        return 0

    monkeypatch.setattr(commands, "run", run)
    assert main(["--knowledge", str(SECOND_STORY), "--data", str(tmp_path)]) == 0
    settings = seen["settings"]
    assert (settings.knowledge_dir, settings.data_dir) == (SECOND_STORY, tmp_path)  # type: ignore[attr-defined]


def test_help_says_where_the_folder_options_go_and_that_no_command_means_run(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--knowledge DIR" in text and "--data DIR" in text
    assert "before or after the command" in text
    assert "No COMMAND means run" in text

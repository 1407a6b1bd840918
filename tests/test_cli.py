"""``python -m bot``'s arguments: where the folder options go, and what no command means."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from tests.conftest import SECOND_STORY
from tests.support.signals import ctrl_c_as_at_a_terminal


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


@pytest.mark.parametrize(("argv", "line"), [
    (["run"], "Start the Discord bot (with DISCORD_TOKEN), else chat in the terminal."),
    (["chat"], "Ask questions in the terminal."),
    (["ask"], "Answer the questions given, or each line of standard input."),
    (["sync"], "Register the slash commands with Discord."),
    (["kb", "add"], "Add the entries in a YAML file (knowledge format)."),
])
def test_each_commands_help_opens_with_what_it_does(argv: list[str], line: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    assert f"\n\n{line}\n" in capsys.readouterr().out


def test_every_command_has_a_description_in_its_help() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert all(parser.description for parser in commands.values())


@pytest.mark.parametrize("where", ["/dev/null", "afile", "afile/sub"])
@pytest.mark.parametrize("command", [["kb", "history"], ["kb", "list"]])
def test_a_data_folder_that_is_not_one_is_one_sentence_without_errno(
        where: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    assert main([*command, "--knowledge", str(SECOND_STORY), "--data", where]) == 2
    err = capsys.readouterr().err
    named = " ".join(command)
    assert err.startswith(f"storybot {named}: DATA_DIR {where} ") and err.strip().endswith("point --data at a folder")
    assert "Errno" not in err and len(err.splitlines()) == 1


def test_the_discord_bot_with_a_data_file_says_so_before_connecting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.app.runner

    def connect(settings: object) -> int:
        raise AssertionError("the bot should not start")

    monkeypatch.setattr(bot.app.runner, "run_discord", connect)
    monkeypatch.setenv("DISCORD_TOKEN", "x.y.z")
    assert main(["--knowledge", str(SECOND_STORY), "--data", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert err == "storybot run: DATA_DIR /dev/null is not a folder — point --data at a folder\n"
    assert "x.y.z" not in err


def test_a_journal_that_fails_is_one_sentence_and_any_other_error_is_not_hidden(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import bot.cli

    def failing(error: Exception) -> dict[str, object]:
        def handler(args: object, settings: object) -> int:
            raise error
        return {"check": handler}

    monkeypatch.setattr(bot.cli, "_handlers", lambda: failing(sqlite3.OperationalError("disk I/O error")))
    assert main(["check", "--knowledge", str(SECOND_STORY)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("storybot check: the journal failed (disk I/O error)") and len(err.splitlines()) == 1
    monkeypatch.setattr(bot.cli, "_handlers", lambda: failing(RuntimeError("a bug")))
    with pytest.raises(RuntimeError):
        main(["check", "--knowledge", str(SECOND_STORY)])


@pytest.mark.parametrize("argv", [["who runs the iss"], ["who", "runs", "the", "iss"],
                                  ["--knowledge", "K", "who runs the iss"]])
def test_a_question_where_the_command_goes_is_told_to_use_ask(argv: list[str],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2  # a wrong argument, as before
    assert capsys.readouterr().err == ("storybot: 'who runs the iss' is not a command — to ask a question, run: "
                                       'python -m bot ask "who runs the iss"\n')


def test_a_misspelt_command_is_offered_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["chekc"])
    assert ended.value.code == 2
    assert "'chekc' is not a command — did you mean 'check'?" in capsys.readouterr().err


def test_the_commands_and_their_errors_are_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["kb", "bogus"])
    assert ended.value.code == 2 and "argument ACTION: invalid choice: 'bogus'" in capsys.readouterr().err
    assert build_parser().parse_args(["ask", "who runs the iss"]).questions == ["who runs the iss"]


@pytest.mark.parametrize(("argv", "usage"), [
    (["ask", "--limit", "3", "who runs the iss"], "usage: storybot ask "),
    (["check", "--bogus"], "usage: storybot check "),
    (["kb", "add", "--bogus", "f.yaml"], "usage: storybot kb add "),
    (["--data", "D", "eval", "set.yaml", "--nope"], "usage: storybot eval "),
])
def test_an_argument_a_command_does_not_take_shows_that_commands_usage(
        argv: list[str], usage: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and "unrecognized arguments: " in err
    assert "COMMAND" not in err  # not the top-level usage


INTERRUPTING = """
import os, signal, sys

class _Interrupt:  # Ctrl-C, pressed just as the module named in STORYBOT_INTERRUPT_AT starts loading
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["STORYBOT_INTERRUPT_AT"]:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, _Interrupt())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("at", ["bot.cli", "bot.config", "argparse", "bot.terminal.commands",
                                "bot.core.knowledge.loading"])
def test_ctrl_c_while_a_command_is_starting_ends_it_with_130_and_no_traceback(at: str, tmp_path: Path) -> None:
    import os
    import subprocess

    (tmp_path / "sitecustomize.py").write_text(INTERRUPTING, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path]), "STORYBOT_INTERRUPT_AT": at}
    done = subprocess.run([sys.executable, "-m", "bot", "check", "--knowledge", str(SECOND_STORY)], env=env,
                          capture_output=True, text=True, timeout=60, check=False,
                          preexec_fn=ctrl_c_as_at_a_terminal)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr

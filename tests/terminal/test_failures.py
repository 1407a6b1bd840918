"""Every command fails with one sentence, never a traceback; --help explains every argument."""

from __future__ import annotations

import argparse
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.core.storage.journal import Journal
from tests.conftest import SECOND_STORY
from tests.terminal.test_ask_command import run_bot


def one_sentence(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len([line for line in stderr.splitlines() if line.strip()]) <= 2, stderr


def test_bench_on_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    done = run_bot("bench", "--knowledge", str(tmp_path / "nonexistent"), env={"DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert "does not exist" in done.stderr
    one_sentence(done.stderr)


def test_kb_add_of_a_missing_file_names_it_once(story_copy: Path, tmp_path: Path) -> None:
    done = run_bot("kb", "add", "missing.yaml", "--knowledge", str(story_copy), "--data", str(tmp_path / "d"))
    assert done.returncode == 1
    assert done.stderr.count("missing.yaml") == 1, done.stderr
    assert "No such file or directory" in done.stderr
    one_sentence(done.stderr)


def test_kb_remove_of_an_unknown_id_points_to_kb_list_which_exists(story_copy: Path, tmp_path: Path) -> None:
    base = ["--knowledge", str(story_copy), "--data", str(tmp_path / "d")]
    done = run_bot("kb", "remove", "no-such-entry", *base)
    hint = f"'python -m bot kb list --knowledge {story_copy} --data {tmp_path / 'd'}'"
    assert done.returncode == 1 and hint in done.stderr  # the folder given: the hint lists this folder's ids
    listed = run_bot("kb", "list", "--knowledge", str(story_copy), "--data", str(tmp_path / "d"))
    assert listed.returncode == 0, listed.stderr
    first = listed.stdout.splitlines()[0].split()
    assert first[:2] == ["prize", "fact"] and " ".join(first[2:]) == "what did the bakery win"  # no title: 1st question
    assert listed.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_kb_export_to_a_full_disk_is_one_sentence(story_copy: Path, tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        import os
        import subprocess
        import sys

        done = subprocess.run([sys.executable, "-m", "bot", "kb", "export", "--knowledge", str(story_copy), "--data",
                               str(tmp_path / "d")], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                              env={**os.environ, "DISCORD_TOKEN": ""}, check=False)
    assert done.returncode == 1
    assert "No space left on device" in done.stderr
    one_sentence(done.stderr)


def test_a_full_disk_at_the_journal_is_one_sentence(story_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    def full(*args: object, **kwargs: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Journal, "begin_change", full)
    entry = tmp_path / "new.yaml"
    entry.write_text("facts:\n  - id: bread\n    questions: [which bread, what bread, bread kind]\n"
                     "    answer: Rye bread.\n    cite:\n      - line: 1\n"
                     "        quote: won a prize for its rye bread\n", encoding="utf-8")
    code = main(["kb", "add", str(entry), "--knowledge", str(story_copy), "--data", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code == 1
    assert "database or disk is full" in err and "Traceback" not in err
    assert "id: bread" not in (story_copy / "kb.yaml").read_text(encoding="utf-8"), "nothing half done"


def test_a_journal_full_of_garbage_is_one_sentence(story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "journal.sqlite3").write_bytes(b"\x00garbage" * 5000)
    done = run_bot("kb", "history", "--knowledge", str(story_copy), "--data", str(data))
    assert "Traceback" not in done.stderr


def _arguments(parser: argparse.ArgumentParser, path: list[str]) -> list[tuple[str, str, str | None]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            described = {choice.dest for choice in action._choices_actions if choice.help}
            for name, sub in action.choices.items():
                found.append((" ".join(path), name, name if name in described else None))
                found += _arguments(sub, [*path, name])
        elif not isinstance(action, argparse._HelpAction | argparse._VersionAction):
            found.append((" ".join(path), action.dest, action.help))
    return found


def test_help_describes_every_argument_and_option() -> None:
    missing = [(where, name) for where, name, text in _arguments(build_parser(), ["storybot"]) if not text]
    assert missing == []


def test_no_voice_warning_when_the_bot_is_built(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    import discord

    from bot.app import create_bot
    from bot.config import Settings

    discord.VoiceClient.warn_nacl = True
    discord.VoiceClient.warn_dave = True
    with caplog.at_level(logging.WARNING):
        create_bot(Settings(knowledge_dir=SECOND_STORY, data_dir=tmp_path))
    assert not [r for r in caplog.records if "voice" in r.getMessage()]


def test_a_journal_that_cannot_be_opened_is_one_sentence_without_errno(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "d"))

    monkeypatch.setattr("bot.terminal.kb.Journal", refused)
    assert main(["kb", "undo", "--knowledge", str(story_copy), "--data", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert f"cannot open the journal in {tmp_path / 'd'}: Permission denied — pass --data DIR" in err
    assert "Errno" not in err
    one_sentence(err)


@pytest.mark.parametrize("command", [["ask", "who runs the station"], ["chat"], ["commands"], ["eval", "set.yaml"],
                                     ["check"]])
def test_a_missing_knowledge_folder_is_said_after_the_commands_name_as_every_failure_is(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nonexistent"
    assert main([*command, "--knowledge", str(missing)]) == 1
    assert capsys.readouterr().err == (f"storybot {command[0]}: {missing}: the knowledge folder does not exist — pass "
                                       "--knowledge DIR or set KNOWLEDGE_DIR to the folder with article.txt\n")


def test_a_broken_knowledge_base_ends_its_problems_with_a_line_after_the_commands_name(
        story_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = story_copy / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8").replace("answer: The bakery employs 12 people.", "answer: no"),
                  encoding="utf-8")
    assert main(["ask", "how many staff", "--knowledge", str(story_copy)]) == 1
    *problems, last = capsys.readouterr().err.splitlines()
    assert len(problems) == 1 and "entry 'staff': 'answer' should be text" in problems[0]
    assert last == (f"storybot ask: 1 error in the knowledge base; run 'python -m bot check --knowledge {story_copy}' "
                    "after fixing it")


@pytest.mark.parametrize(("error", "fix"), [
    (PermissionError(13, "Permission denied", "/srv/kb/article.txt"),
     "Permission denied (/srv/kb/article.txt) — check that this user may read it (and write it, for a change): its "
     "owner and mode"),
    (OSError(28, "No space left on device", "/var/lib/storybot/x"),
     "No space left on device (/var/lib/storybot/x) — make room on the disk, then try again"),
])
def test_a_failure_of_the_machine_says_the_fix_for_its_kind(
        error: OSError, fix: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import bot.cli

    def failing(args: argparse.Namespace, settings: object) -> int:
        raise error

    monkeypatch.setattr(bot.cli, "_handlers", lambda: {"check": failing})
    assert main(["check"]) == 1
    assert capsys.readouterr().err == f"storybot check: {fix}\n"


@pytest.mark.parametrize(("action", "said"), [
    ("history", "No changes yet."), ("unanswered", "No unanswered questions recorded yet (the Discord bot records "
                                                   "them)."), ("feedback", "No 👎 on any answer yet.")])
def test_a_look_at_a_data_folder_with_no_journal_says_so_and_makes_nothing(
        action: str, said: str, story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mistyped = tmp_path / "no" / "such" / "data"
    assert main(["kb", action, "--knowledge", str(story_copy), "--data", str(mistyped)]) == 0
    assert capsys.readouterr().out == f"{said} (no journal in {mistyped} yet)\n"
    assert main(["kb", "list", "--knowledge", str(story_copy), "--data", str(mistyped)]) == 0
    assert not (tmp_path / "no").exists()

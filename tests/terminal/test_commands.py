"""What each command does with its arguments, before any work: a wrong combination is one sentence and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_bench_entries_without_full_says_it_needs_full_instead_of_being_ignored(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.core.measuring import benchmark

    monkeypatch.setattr(benchmark, "measure", lambda *args, **kwargs: pytest.fail("nothing is timed"))
    assert main(["bench", "--entries", "500"]) == 2
    err = capsys.readouterr().err
    assert err == ("storybot bench: --entries sizes the generated knowledge base that only --full measures — run "
                   "'python -m bot bench --full --entries 500'\n")


def test_bench_full_takes_entries_and_defaults_to_ten_thousand(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core.measuring import benchmark

    seen: list[int] = []
    monkeypatch.setattr(benchmark, "measure",
                        lambda _dir, _say, entries, **kwargs: seen.append(entries) or benchmark.Run([], {}))
    assert main(["bench", "--full", "--entries", "500"]) == 0
    assert main(["bench", "--full"]) == 0
    assert seen == [500, 10_000]


def test_a_hint_names_the_knowledge_folder_unless_it_is_the_shipped_one(tmp_path: Path) -> None:
    from bot.config import shipped_knowledge_dir
    from bot.terminal import command

    assert command("check", shipped_knowledge_dir()) == "python -m bot check"
    assert command("kb list") == "python -m bot kb list"
    mine = tmp_path / "my story"
    assert command("kb list", mine) == f"python -m bot kb list --knowledge '{mine}'"  # quoted: it can be pasted


def test_a_hint_names_the_folder_knowledge_dir_set_so_following_it_acts_on_that_folder(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(story_copy))
    assert main(["kb", "remove", "no-such-entry", "--data", str(tmp_path / "data")]) == 1
    assert (f"use an id that 'python -m bot kb list --knowledge {story_copy} --data {tmp_path / 'data'}' lists"
            in capsys.readouterr().err)


def _half_written_change(story: Path, data: Path) -> None:
    """A change journaled and written, then the process killed before the journal said it was done."""
    from bot.core.storage.journal import Journal

    kb = story / "kb.yaml"
    before = kb.read_text(encoding="utf-8")
    after = before.replace("The bakery employs 12 people.", "The bakery employs twelve people.")
    Journal(data, folder=story).begin_change("ann", "edit", "edited staff", ["staff"], {"kb.yaml": (before, after)})
    kb.write_text(after, encoding="utf-8")


@pytest.mark.parametrize("command", [["check"], ["ask", "how many people work there?"]])
def test_check_and_ask_finish_a_change_a_crash_left_half_written_before_reading(
        command: list[str], story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.core.storage.journal import Journal

    data = tmp_path / "data"
    _half_written_change(story_copy, data)
    assert main([*command, "--knowledge", str(story_copy), "--data", str(data)]) == 0
    said = capsys.readouterr().err.splitlines()
    name = command[0]
    assert [line for line in said if "interrupted" in line] == [
        f"storybot {name}: finished change 1 (edited staff), interrupted before it was recorded"]  # once, as a note
    assert [r.summary for r in Journal(data, folder=story_copy).history()] == ["edited staff"]


def test_ask_leaves_a_journal_with_nothing_pending_as_it_is_and_makes_none_where_there_is_none(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.core.storage.pending import any_pending

    data = tmp_path / "data"
    assert main(["ask", "--knowledge", str(story_copy), "--data", str(data), "hello"]) == 0
    assert not data.exists()
    _half_written_change(story_copy, data)
    assert any_pending(data, story_copy)
    assert not any_pending(data, tmp_path)  # another folder's change is that folder's to finish
    assert main(["check", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    capsys.readouterr()
    assert not any_pending(data, story_copy)
    assert main(["ask", "--knowledge", str(story_copy), "--data", str(data), "hello"]) == 0
    assert "interrupted" not in capsys.readouterr().err
    for path in data.iterdir():  # SQLite's own -wal and -shm beside the journal, as private as it is
        assert path.name.startswith("journal.sqlite3") or path.name == "vote-salt"
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_a_journal_that_cannot_be_read_counts_as_pending_so_the_store_says_what_is_wrong(tmp_path: Path) -> None:
    from bot.core.storage.pending import FILE_NAME, any_pending

    (tmp_path / FILE_NAME).write_bytes(b"not a database" * 100)
    assert any_pending(tmp_path, tmp_path)


@pytest.mark.parametrize("argv", [["--data", "", "ask", "hi"], ["ask", "--knowledge", " ", "hi"], ["kb", "add", ""]])
def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert 'an empty path: give a folder or file name ("." for the current folder)' in capsys.readouterr().err


def test_run_started_as_a_service_with_no_token_fails_instead_of_chatting_to_nobody(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io
    import os

    monkeypatch.setenv("DISCORD_TOKEN", "")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with open(tmp_path / "journal-stream", "w+", encoding="utf-8") as journal:  # stands for systemd's stream
        info = os.fstat(journal.fileno())
        monkeypatch.setattr("sys.stderr", journal)
        monkeypatch.setenv("INVOCATION_ID", "0123abcd")  # what systemd sets for a service, with JOURNAL_STREAM
        monkeypatch.setenv("JOURNAL_STREAM", f"{info.st_dev}:{info.st_ino}")
        assert main(["run"]) == 2  # the unit's RestartPreventExitStatus: no retry will find a token
        monkeypatch.setenv("JOURNAL_STREAM", "1:2")  # a shell in a terminal of a user unit: it inherits both
        assert main(["run"]) == 0  # and chats, as a terminal does
        journal.seek(0)
        said = journal.read()
    assert said.startswith("storybot run: started as a service with no DISCORD_TOKEN — set it")
    assert said.count("started as a service") == 1


def test_an_empty_token_in_the_environment_is_said_to_win_over_the_one_in_env(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.terminal.commands import no_token_reason

    (tmp_path / ".env").write_text("DISCORD_TOKEN=abc\n", encoding="utf-8")
    monkeypatch.setenv("DISCORD_TOKEN", "")
    assert no_token_reason(tmp_path / ".env") == (
        f"Terminal mode: DISCORD_TOKEN is set but empty in the environment, which wins over the one in "
        f"{tmp_path / '.env'} (unset it to use the file's).")
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n", encoding="utf-8")  # as .env.example ships it
    assert no_token_reason(tmp_path / ".env").startswith("Terminal mode: no DISCORD_TOKEN in the environment or in")


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
                    reason="only root can make files another user can't open")
def test_root_is_refused_another_users_data_folder_so_the_journal_stays_theirs(tmp_path: Path) -> None:
    import os
    import pwd

    from bot.config import data_dir_problem

    nobody = pwd.getpwnam("nobody")
    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, nobody.pw_uid, nobody.pw_gid)
    assert data_dir_problem(data) == (f"DATA_DIR {data} belongs to the user nobody, and files root made in it would "
                                      "lock that user out — run it as that user (sudo -u nobody ...)")
    assert data_dir_problem(data / "new" / "deeper") == (
        f"DATA_DIR {data / 'new' / 'deeper'} would be made in {data}, which belongs to the user nobody, and files root "
        "made in it would lock that user out — run it as that user (sudo -u nobody ...)")
    os.chown(data, 4242, 4242)  # a user with no name
    assert "run it as that user (sudo -u '#4242' ...)" in (data_dir_problem(data) or "")
    assert data_dir_problem(tmp_path) is None  # root's own folder

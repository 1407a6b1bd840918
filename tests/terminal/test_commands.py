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
                   "'bench --full --entries 500'\n")


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
    assert any_pending(data)
    assert main(["check", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    capsys.readouterr()
    assert not any_pending(data)
    assert main(["ask", "--knowledge", str(story_copy), "--data", str(data), "hello"]) == 0
    assert "interrupted" not in capsys.readouterr().err
    for path in data.iterdir():  # SQLite's own -wal and -shm beside the journal, as private as it is
        assert path.name.startswith("journal.sqlite3") or path.name == "vote-salt"
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_a_journal_that_cannot_be_read_counts_as_pending_so_the_store_says_what_is_wrong(tmp_path: Path) -> None:
    from bot.core.storage.pending import FILE_NAME, any_pending

    (tmp_path / FILE_NAME).write_bytes(b"not a database" * 100)
    assert any_pending(tmp_path)


@pytest.mark.parametrize("argv", [["--data", "", "ask", "hi"], ["ask", "--knowledge", " ", "hi"], ["kb", "add", ""]])
def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert 'an empty path: give a folder or file name ("." for the current folder)' in capsys.readouterr().err

"""What each command does with its arguments, before any work: a wrong combination is one sentence and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_bench_entries_without_full_says_it_needs_full_instead_of_being_ignored(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.core.measuring import benchmark

    monkeypatch.setattr(benchmark, "run_benchmark", lambda *args, **kwargs: pytest.fail("nothing is timed"))
    assert main(["bench", "--entries", "500"]) == 2
    err = capsys.readouterr().err
    assert err == ("storybot bench: --entries sizes the generated knowledge base that only --full measures — run "
                   "'bench --full --entries 500'\n")


def test_bench_full_takes_entries_and_defaults_to_ten_thousand(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core.measuring import benchmark

    seen: list[int] = []
    monkeypatch.setattr(benchmark, "run_benchmark", lambda _dir, entries, **kwargs: seen.append(entries) or 0)
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


def test_check_finishes_a_change_a_crash_left_half_written_before_reading(
        story_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.core.storage.journal import Journal

    data = tmp_path / "data"
    kb = story_copy / "kb.yaml"
    before = kb.read_text(encoding="utf-8")
    after = before.replace("The bakery employs 12 people.", "The bakery employs twelve people.")
    Journal(data, folder=story_copy).begin_change("ann", "edit", "edited staff", ["staff"],
                                                  {"kb.yaml": (before, after)})
    kb.write_text(after, encoding="utf-8")  # written, then the process was killed before the journal said so
    assert main(["check", "--knowledge", str(story_copy), "--data", str(data)]) == 0
    assert "finished change 1 (edited staff), interrupted before it was recorded" in capsys.readouterr().err
    assert [r.summary for r in Journal(data, folder=story_copy).history()] == ["edited staff"]

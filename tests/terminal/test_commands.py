"""What each command does with its arguments, before any work: a wrong combination is one sentence and exit 2."""

from __future__ import annotations

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

"""How eval's figures and thresholds read: never a figure over nothing, never a failure that reads as a pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.terminal.reports import below_thresholds, eval_summary, knowledge_errors

ONLY_DECLINES = {"questions": 3, "in_scope": 0, "out_of_scope": 3, "accuracy": 1.0, "decline_rate": 1.0,
                 "precision": 1.0}


def test_a_minimum_over_no_questions_fails_instead_of_passing_vacuously() -> None:
    (failure,) = below_thresholds(ONLY_DECLINES, accuracy=0.9, decline=0.0, precision=0.0)
    assert failure.startswith("in-scope accuracy has no questions to measure")
    assert "add answerable questions" in failure
    assert "in-scope accuracy:         n/a (no such questions)" in eval_summary(ONLY_DECLINES, 0)


def test_a_failure_shows_enough_decimals_to_differ_from_the_minimum() -> None:
    summary = {**ONLY_DECLINES, "in_scope": 400, "accuracy": 0.9528}
    assert below_thresholds(summary, accuracy=0.953, decline=0.0, precision=0.0) == [
        "in-scope accuracy 95.28% is below 95.3%"]
    assert below_thresholds(summary, accuracy=0.95, decline=0.0, precision=0.0) == []


def test_the_fix_for_a_broken_knowledge_base_names_the_command_as_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["/usr/local/bin/storybot", "ask", "hi"])
    assert "run 'storybot check --knowledge kb'" in knowledge_errors([], Path("kb"))
    monkeypatch.setattr("sys.argv", ["bot/__main__.py", "ask", "hi"])
    assert "run 'python -m bot check --knowledge kb'" in knowledge_errors([], Path("kb"))

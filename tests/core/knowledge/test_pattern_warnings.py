"""Warnings about question patterns that will take questions meant for other entries."""

from __future__ import annotations

from pathlib import Path

from bot.core.knowledge.loading import load_knowledge
from tests.conftest import replace_in


def warnings_of(directory: Path) -> list[str]:
    result = load_knowledge(directory)
    assert result.problems.errors == []
    return [str(problem) for problem in result.problems.warnings]


def test_a_question_that_reads_as_one_word_many_entries_use_is_warned_about(kb_copy: Path) -> None:
    line = replace_in(kb_copy / "facts.yaml", "      - this filed from moscow?", "      - this from moscow?")
    (warning,) = warnings_of(kb_copy)
    assert f"facts.yaml:{line}:" in warning
    assert "entry 'report-dateline'" in warning
    assert "reads as the one word 'russia'" in warning
    assert "add the words that only this entry is about" in warning


def test_a_one_word_question_about_what_the_entry_says_is_fine(kb_copy: Path) -> None:
    """The entry says "relations between the US and Russia": a bare "Russia?" may well be answered there."""
    replace_in(kb_copy / "facts.yaml", "      - how are relations between the us and russia\n",
               "      - how are relations between the us and russia\n      - russia?\n")
    assert warnings_of(kb_copy) == []

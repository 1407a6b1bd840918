"""How eval's figures and thresholds read: never a figure over nothing, never a failure that reads as a pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.terminal.reports import below_thresholds, check_text, counted, eval_summary, knowledge_errors

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


def test_counts_are_plural_only_when_they_are_not_one() -> None:
    one = {**ONLY_DECLINES, "questions": 1, "out_of_scope": 1}
    assert eval_summary(one, 0).startswith("1 question (0 in scope, 1 out of scope), 0 missed\n")
    assert eval_summary(ONLY_DECLINES, 0).startswith("3 questions (")
    assert knowledge_errors([], Path("kb")).startswith("0 errors in the knowledge base")
    assert [counted(n, "entry", "entries") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]


def test_check_counts_read_as_english(tmp_path: Path) -> None:
    """One entry of each kind reads '1 entry (1 fact, ...)', never '1 entries' or 'error(s)'."""
    from bot.core.knowledge.loading import load_knowledge

    (tmp_path / "article.txt").write_text("The station flies.\n", encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(
        "facts:\n  - id: flies\n    questions: [does it fly, is it flying, what does the station do]\n"
        "    answer: The station flies.\n    cite:\n      - line: 1\n        quote: The station flies\n",
        encoding="utf-8")
    text = check_text(load_knowledge(tmp_path), tmp_path)
    assert f"{tmp_path}: 1 entry (1 fact, 0 quotes, 0 timeline events, 0 gaps), 3 question patterns, 1 citation;" \
        in text
    assert "(s)" not in text


def test_check_counts_the_paragraphs_cited_as_people_count_them_not_the_files_lines(story_copy: Path) -> None:
    """The second story's article is three paragraphs on file lines 1, 3 and 5, each cited: "3 of 3", as answers
    number them ("paragraph 3"), not "1, 3, 5" or "of 5" with the blank lines counted."""
    from bot.core.knowledge.loading import load_knowledge

    result = load_knowledge(story_copy)
    assert result.lines_covered == [1, 3, 5]  # what --json keeps: the YAML's line numbers
    assert check_text(result, story_copy).splitlines()[-2].endswith("; article paragraphs cited: 3 of 3")


def test_a_paragraph_nothing_cites_is_counted_out_and_its_warning_names_its_paragraph(story_copy: Path) -> None:
    from bot.core.knowledge.loading import load_knowledge

    article = story_copy / "article.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA fourth paragraph nothing cites.", encoding="utf-8")
    result = load_knowledge(story_copy)
    text = check_text(result, story_copy)
    assert text.splitlines()[-2].endswith("; article paragraphs cited: 3 of 4")
    assert "article.txt:7: article line 7 (paragraph 4) is not cited by any entry" in text


def test_a_missing_article_cites_no_paragraphs(story_copy: Path) -> None:
    from bot.core.knowledge.loading import load_knowledge

    (story_copy / "article.txt").unlink()
    assert "; article paragraphs cited: none (no article)" in check_text(load_knowledge(story_copy), story_copy)


def test_a_missing_knowledge_folder_is_one_sentence_not_a_count_of_errors(tmp_path: Path) -> None:
    from bot.core.knowledge.loading import load_knowledge

    missing = tmp_path / "nonexist"
    result = load_knowledge(missing)
    said = (f"{missing}: the knowledge folder does not exist — pass --knowledge DIR or set KNOWLEDGE_DIR to the "
            "folder with article.txt")
    assert knowledge_errors(result.problems.errors, missing) == said
    assert check_text(result, missing) == f"error: {said}"

"""Questions asking how many times, or where, the article uses a quoted word: counted and cited, never guessed."""

from __future__ import annotations

import pytest

from bot.core.answers import Kind
from bot.core.knowledge.article import Article
from bot.core.matching.word_counts import WordCounts, counted_word

ARTICLE = Article.from_text(
    "Springfield, May 3: The bakery won a prize. The bread was fresh.\n\n"
    "\"Fresh bread, fresh rolls,\" the mayor said.\n\n"
    "The bakery opened in 1998.\n")
COUNTS = WordCounts(ARTICLE)


@pytest.mark.parametrize("question", ["how many times does the article say 'fresh'?",
                                      "How often does the word “fresh” appear?",
                                      "'fresh' - how many times?",
                                      "where does the word 'fresh' appear?",
                                      "The word 'fresh' appears a lot. In which lines?"])
def test_every_use_of_the_word_is_counted_and_each_line_cited_once(question: str) -> None:
    result = COUNTS.answer(question)
    assert result is not None and result.kind is Kind.ANSWER
    assert result.answer == 'The article uses "fresh" 3 times.'
    assert [(cited.line, cited.quote) for cited in result.citations] == [(1, "fresh"), (3, "Fresh")]


def test_a_word_is_counted_whole_not_inside_another() -> None:
    result = COUNTS.answer("how many times does it say 'bake'?")
    assert result is not None and result.kind is Kind.GAP
    assert "bake" not in result.answer  # the typed word is never said back


def test_a_count_narrowed_to_one_quote_is_left_alone_when_the_uses_span_lines() -> None:
    assert COUNTS.answer("how many times does the mayor say 'fresh' in that quote?") is None
    narrowed = COUNTS.answer("how many times is 'bakery' in the first line?")
    assert narrowed is None  # on two lines: which one is meant can't be told


def test_a_question_quoting_no_word_is_not_a_count() -> None:
    assert counted_word("how many times did the bakery win a prize?") is None
    assert counted_word("is 'fresh' the word they use?") is None

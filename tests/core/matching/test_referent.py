"""Questions about whom the article's "she" or "he" means: the person it last names before the pronoun."""

from __future__ import annotations

import pytest

from bot.core.answers import Kind
from bot.core.engine import Engine
from bot.core.knowledge.article import Article
from bot.core.matching.referent import Referent, asked_pronoun
from tests.conftest import KNOWLEDGE

ARTICLE = Article.from_text(
    "Springfield, May 3: The mayor, Ann Lee, opened the fair.\n\n"
    "The baker Bo Chen won the prize for rye bread.\n\n"
    "\"It makes the whole town proud,\" she said.\n\n"
    "Later Ann Lee thanked the judges. \"We worked hard,\" she added.\n")
REFERENT = Referent(ARTICLE, lambda: ["Ann Lee", "The Town Council"])


def _cited(question: str) -> list[tuple[int, str]] | None:
    result = REFERENT.answer(question)
    if result is None:
        return None
    assert result.kind is Kind.ANSWER
    for cited in result.citations:
        assert cited.quote in cited.text
    return [(cited.line, cited.quote) for cited in result.citations]


@pytest.mark.parametrize("question", ["who is the 'she' in the article?", "Who's “she”?",
                                      "who does 'she' refer to", "so who is the she here"])
def test_the_pronoun_means_the_person_last_named_before_its_first_use(question: str) -> None:
    """Bo Chen is named in between, but is no one the story quotes: the persons are its speakers."""
    assert _cited(question) == [(1, "Ann Lee"), (5, "she said")]


def test_a_question_about_the_last_use_reads_the_last_one() -> None:
    """The last paragraph names her itself, before the pronoun: one line holds both."""
    assert _cited("who is the 'she' in the last paragraph?") == [(7, "Ann Lee")]


def test_a_pronoun_not_set_apart_as_a_word_is_left_to_the_knowledge_base() -> None:
    """"who is she?" may follow on from an earlier question rather than point at the text."""
    assert asked_pronoun("who is she?") is None
    assert REFERENT.answer("who is she?") is None


def test_a_pronoun_the_article_never_uses_finds_no_one() -> None:
    assert REFERENT.answer("who is the 'he' in the article?") is None


def test_the_story_answers_whom_its_she_means_with_both_lines() -> None:
    result = Engine.load(KNOWLEDGE).ask("Who is the 'she' in the last paragraph?")
    assert result.kind is Kind.ANSWER
    assert [cited.line for cited in result.citations] == [11, 13]

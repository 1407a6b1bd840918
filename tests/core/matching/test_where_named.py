"""Questions asking the article's own word for a thing: the sentence where the article first names it."""

from __future__ import annotations

import pytest

from bot.core.answers import Kind, Result
from bot.core.engine import Engine
from bot.core.knowledge.article import Article
from bot.core.matching.where_named import WhereNamed, thing_named
from bot.core.matching.words.normalize import clean, stem
from tests.conftest import KNOWLEDGE

ARTICLE = Article.from_text(
    "Geneva, May 2: The World Health Organization said the outbreak was over.\n\n"
    "The agency thanked the nurses. The health agency's volunteers went home.\n")
RELATED = {"medic": "nurs", "helper": "volunt"}  # as the matcher's reading would take a word the article doesn't use


def _terms_of(text: str) -> list[tuple[str, float]]:
    return [(RELATED.get(stem(word), stem(word)), 1.0) for word in clean(text).split()
            if word not in {"the", "of", "s"}]


WHERE_NAMED = WhereNamed(ARTICLE, _terms_of)
UNMATCHED = Result("", Kind.DECLINE)


def _cited(question: str, matched: Result = UNMATCHED) -> tuple[int, str] | None:
    result = WHERE_NAMED.answer(question, matched)
    if result is None:
        return None
    (cited,) = result.citations
    assert cited.quote in cited.text
    return cited.line, cited.quote


def test_a_thing_named_in_other_words_is_found_by_the_terms_they_read_as() -> None:
    assert _cited("what word does the article use for the medics?") == (3, "The agency thanked the nurses.")


def test_the_words_as_typed_side_by_side_come_first() -> None:
    """"health agency" is said only in the second sentence; "agency" alone comes earlier."""
    assert _cited("what word does the article use for the health agency") == (
        3, "The health agency's volunteers went home.")


@pytest.mark.parametrize("question", [
    "what does the article call the helpers",
    "whats the word for helpers in the article",
    "Which term did the story use to describe the helpers, something like 'staff'?",
])
def test_each_way_of_asking_for_the_texts_word_is_understood(question: str) -> None:
    assert _cited(question) == (3, "The health agency's volunteers went home.")


def test_an_entry_whose_line_names_the_thing_keeps_its_answer() -> None:
    from bot.core.answers import CitedLine

    matched = Result("", Kind.ANSWER, answer="Nurses were thanked.", entry="thanks",
                     citations=(CitedLine(3, "thanked the nurses", ARTICLE.line(3)),), score=0.9)
    assert WHERE_NAMED.answer("what word does the article use for the medics?", matched) is matched


@pytest.mark.parametrize("question", [
    "what did the mayor call the nurses",                           # someone's word, not the text's
    "what word does the article use for how the outbreak ended",   # a thing described, not named
    "what word does the article use for the agency besides agency",
    "what word does the article use for the nurses' names",        # a word no sentence accounts for
    "what name does the article give the outbreak",                # asks for a name, which it may not give
    "who thanked the nurses",
])
def test_anything_else_is_left_to_the_knowledge_base(question: str) -> None:
    assert WHERE_NAMED.answer(question, UNMATCHED) is None


def test_the_thing_ends_where_an_aside_or_a_guess_begins() -> None:
    assert thing_named("what word does the article use for the regions, something like 'separatist'?") == "the regions"
    assert thing_named("What name does the article give for the state's agency?") is None
    assert thing_named("what does the article call Russia's state corporation") == "Russia's state corporation"


def test_the_shipped_story_names_a_thing_the_asker_calls_otherwise() -> None:
    result = Engine.load(KNOWLEDGE).ask("whats the word for russian astronauts in the article")
    assert result.kind is Kind.ANSWER
    (cited,) = result.citations
    assert cited.line == 1 and "cosmonauts" in cited.quote


@pytest.mark.parametrize("question", [
    "find me the line about the helpers",
    "can you quote the part where the helpers went home",
    "show me the helpers bit",
    "where does the article mention the helpers?",
    "point me to where the helpers come up",
    "where are the helpers mentioned in the article",
])
def test_a_request_for_the_line_about_a_thing_gets_the_sentence_naming_it(question: str) -> None:
    assert _cited(question) == (3, "The health agency's volunteers went home.")


def test_a_line_asked_about_a_thing_the_article_never_names_is_left_to_the_knowledge_base() -> None:
    """No sentence has a word for "names": the knowledge base may say the article doesn't give them."""
    assert WHERE_NAMED.answer("show me the part about the nurses' names", UNMATCHED) is None
    assert WHERE_NAMED.answer("find me the line where the nurses were paid", UNMATCHED) is None


@pytest.mark.parametrize("question", [
    "does the article mention the helpers?",
    "Is the volunteers named in the story?",
    "do the helpers come up in the article",
])
def test_asking_whether_the_article_names_a_thing_is_answered_yes_with_the_sentence_naming_it(question: str) -> None:
    result = WHERE_NAMED.answer(question, UNMATCHED)
    assert result is not None and result.answer.startswith("Yes")
    assert _cited(question) == (3, "The health agency's volunteers went home.")


def test_a_thing_the_article_never_names_is_left_to_the_knowledge_base() -> None:
    """Not "no": the knowledge base may know it missing, or say what the article says instead."""
    assert WHERE_NAMED.answer("does the article mention the doctors?", UNMATCHED) is None
    assert WHERE_NAMED.answer("does the article mention how the volunteers went home?", UNMATCHED) is None

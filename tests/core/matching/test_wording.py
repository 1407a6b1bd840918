"""Questions about the article's own wording, answered from the article alone."""

from __future__ import annotations

from bot.core.answers import Kind
from bot.core.article import Article
from bot.core.matching.wording import Wording

ARTICLE = Article.from_text(
    "Geneva, May 2: The World Health Organization said the outbreak was over.\n\n"
    "The WHO and UNICEF thanked the nurses. \"We could not have done it without them,\" a spokesman said.\n")
WORDING = Wording(ARTICLE)


def test_an_abbreviation_is_spelled_out_from_the_articles_capitalised_words() -> None:
    result = WORDING.answer("what does WHO stand for")
    assert result is not None and result.kind is Kind.ANSWER
    assert result.answer == "WHO stands for World Health Organization."
    (cited,) = result.citations
    assert cited.line == 1 and cited.quote == "World Health Organization" and cited.quote in cited.text


def test_an_abbreviation_the_article_never_spells_out_is_an_honest_decline() -> None:
    result = WORDING.answer("what is UNICEF short for?")
    assert result is not None and result.kind is Kind.GAP and not result.answered
    assert result.answer == "The article doesn't spell out UNICEF."


def test_a_quoted_fragment_cites_the_sentence_that_holds_it() -> None:
    result = WORDING.answer('who said "could not have done it"?')
    assert result is not None and result.answered
    (cited,) = result.citations
    assert cited.line == 3
    assert cited.quote == "\"We could not have done it without them,\" a spokesman said."
    assert cited.quote in ARTICLE.line(3)


def test_a_fragment_the_article_does_not_hold_settles_nothing() -> None:
    assert WORDING.answer('did they say "the vaccine failed"?') is None


def test_other_questions_are_left_to_the_knowledge_base() -> None:
    assert WORDING.answer("who thanked the nurses") is None
    assert WORDING.answer("what does it mean for us") is None

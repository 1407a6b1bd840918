"""Questions about the article's own wording, answered from the article alone."""

from __future__ import annotations

import pytest

from bot.core.answers import Kind
from bot.core.knowledge.article import Article
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


def test_the_full_name_of_something_an_abbreviation_describes_is_not_asked_of_the_abbreviation() -> None:
    """'the full name of the UNICEF spokesman' asks the spokesman's name, which the knowledge base may know."""
    assert WORDING.answer("what is the full name of the UNICEF spokesman") is None
    assert WORDING.answer("what is UNICEF's full name") is not None


def test_an_abbreviation_the_article_never_uses_is_declined_without_repeating_it() -> None:
    """Whatever someone types after "what does" must not come back in the bot's own voice."""
    for typed in ("what does NATO stand for", "what does XYZZY stand for?"):
        result = WORDING.answer(typed)
        assert result is not None and result.kind is Kind.GAP and not result.answered
        assert result.answer == "The article doesn't use that abbreviation."


def test_an_abbreviation_the_article_never_uses_is_read_as_a_name_it_writes_out_in_full() -> None:
    """People shorten a long name the way it is commonly shortened ("WFP"), though the article writes it out."""
    wording = Wording(Article.from_text("Paris, May 2: The European Space Agency met the World Food Programme."))
    for typed, name in (("what does ESA stand for", "European Space Agency"),
                        ("what is WFP short for, the article spells it out", "World Food Programme")):
        result = wording.answer(typed)
        assert result is not None and result.kind is Kind.ANSWER
        assert result.answer == f"That is the {name}, as the article writes it."
        (cited,) = result.citations
        assert cited.line == 1 and cited.quote == name


def test_an_unused_abbreviation_of_two_letters_or_none_the_article_spells_is_still_declined() -> None:
    """Two initials fit too many pairs of capitalised words by chance ("SA" for "Space Agency")."""
    wording = Wording(Article.from_text("Paris, May 2: The European Space Agency met the World Food Programme."))
    for typed in ("what does SA stand for", "what does ESB stand for", "what does NATO stand for"):
        result = wording.answer(typed)
        assert result is not None and result.kind is Kind.GAP
        assert result.answer == "The article doesn't use that abbreviation."


def test_a_quoted_fragment_cites_the_sentence_that_holds_it() -> None:
    result = WORDING.answer('who said "could not have done it"?')
    assert result is not None and result.answered
    (cited,) = result.citations
    assert cited.line == 3
    assert cited.quote == "\"We could not have done it without them,\" a spokesman said."
    assert cited.quote in ARTICLE.line(3)


def test_a_short_fragment_in_many_lines_is_found_by_the_punctuation_typed_with_it() -> None:
    """'what's with the "(the)"?': "the" is on every line, the brackets only on one."""
    wording = Wording(Article.from_text("Paris, May 2: The mayor backed (the) plan. It passed.\n\n"
                                        "The plan was the town's.\n"))
    result = wording.answer('whats with the "(the)" in the quote, what\'s the bit around it')
    assert result is not None and result.answered
    (cited,) = result.citations
    assert cited.line == 1 and cited.quote == "Paris, May 2: The mayor backed (the) plan."
    assert wording.answer('what does "the" mean there') is None


def test_a_fragment_the_article_does_not_hold_settles_nothing() -> None:
    assert WORDING.answer('did they say "the vaccine failed"?') is None


def test_other_questions_are_left_to_the_knowledge_base() -> None:
    assert WORDING.answer("who thanked the nurses") is None
    assert WORDING.answer("what does it mean for us") is None


NAMES = Wording(Article.from_text(
    "Paris, May 2: France and Spain signed a deal, the New York Times reported.\n\n"
    "The two countries will meet again in three weeks.\n"))


def test_the_countries_the_article_names_are_listed_each_where_it_first_appears() -> None:
    result = NAMES.answer("which countries does the article mention?")
    assert result is not None and result.answered
    assert result.answer == "The article names 2 countries: France and Spain."
    assert [(c.line, c.quote) for c in result.citations] == [(1, "France"), (1, "Spain")]


@pytest.mark.parametrize("question", ["which countries are named in the article, besides France?",
                                      "which countries does it mention apart from france",
                                      "what countries are mentioned other than France"])
def test_the_countries_named_besides_those_the_question_sets_aside_are_listed(question: str) -> None:
    result = NAMES.answer(question)
    assert result is not None and result.answered
    assert result.answer == "The article names 1 country: Spain."


@pytest.mark.parametrize("question", ["which countries besides France signed the deal",
                                      "which countries are mentioned besides the big ones",
                                      "which other countries are mentioned"])
def test_setting_aside_anything_but_names_of_the_kind_asked_is_a_question_about_the_story(question: str) -> None:
    assert NAMES.answer(question) is None


def test_a_name_inside_a_longer_name_is_not_counted() -> None:
    result = NAMES.answer("what cities are named in the text")
    assert result is not None
    assert [c.quote for c in result.citations] == ["Paris"]  # not the New York of the New York Times


def test_the_numbers_come_with_the_word_they_count() -> None:
    result = NAMES.answer("what numbers appear in the article")
    assert result is not None
    assert [c.quote for c in result.citations] == ["2", "two countries", "three weeks"]


def test_a_question_about_the_story_is_not_a_list_of_names() -> None:
    assert NAMES.answer("which countries signed the deal") is None
    assert NAMES.answer("which countries are named as signing the deal") is None


def test_a_short_quoted_fragment_is_found_when_only_one_line_holds_it() -> None:
    result = WORDING.answer('where does the article say "nurses"?')
    assert result is not None and result.kind is Kind.ANSWER
    assert [c.line for c in result.citations] == [3]
    assert WORDING.answer('what does "the" mean') is None  # on every line: proves nothing


def test_a_fragment_in_single_quotes_may_hold_apostrophes() -> None:
    result = WORDING.answer("it goes 'The WHO and UNICEF thanked the nurses' and then what?")
    assert result is not None and result.answered
    result = WORDING.answer("what comes after 'the Organization's own words' then")  # not the article's: no answer
    assert result is None
    article = Article.from_text("The mayor's office said the nurses' pay would rise.\n")
    result = Wording(article).answer("the article says 'the nurses' pay would' - who said that?")
    assert result is not None and result.answered and result.citations[0].line == 1


def test_an_abbreviations_full_stop_does_not_end_the_sentence_a_fragment_is_cited_from() -> None:
    article = Article.from_text("Paris, May 2: The bakery opened.\n\n"
                                "The U.S. Embassy sent Mr. Lee, who praised the bread. The mayor stayed home.\n")
    result = Wording(article).answer('who praised "the bread"?')
    assert result is not None and result.answered
    (cited,) = result.citations
    assert cited.quote == "The U.S. Embassy sent Mr. Lee, who praised the bread."


def test_a_paragraph_named_by_its_place_is_found_and_left_out_of_what_is_asked() -> None:
    assert WORDING.paragraph_named("who is thanked in the last paragraph?") == (3, "who is thanked in the  ?")
    assert WORDING.paragraph_named("what does the opening line say")[0] == 1
    assert WORDING.paragraph_named("what is in paragraph 2")[0] == 3
    assert WORDING.paragraph_named("the final sentence of the article")[0] == 3


def test_words_to_complete_need_no_quotes_after_a_request_to_complete_them() -> None:
    result = WORDING.answer("fill in the blank: we could not have done it without ___")
    assert result is not None and [c.line for c in result.citations] == [3]
    assert WORDING.answer("complete this: the outbreak was ...").citations[0].line == 1  # type: ignore[union-attr]
    assert WORDING.answer("complete this: a sentence no paragraph holds ___") is None
    assert WORDING.answer("the outbreak was over") is None  # no request to complete: a statement put up for checking


def test_the_abbreviations_the_article_uses_are_listed_each_where_it_first_appears() -> None:
    result = WORDING.answer("what acronyms show up in the article")
    assert result is not None and result.kind is Kind.ANSWER
    assert result.answer == "The article names 2 abbreviations: WHO and UNICEF."
    assert [c.line for c in result.citations] == [3, 3]


def test_a_paragraph_asked_for_and_nothing_more_is_answered_whole() -> None:
    result = WORDING.answer("last line of the story please read it word for word")
    assert result is not None and result.kind is Kind.ANSWER
    assert [c.line for c in result.citations] == [3] and result.citations[0].quote == ARTICLE.line(3)
    assert WORDING.answer("what is the first paragraph?").citations[0].line == 1  # type: ignore[union-attr]
    assert WORDING.answer("who is thanked in the last paragraph?") is None  # something in it is asked
    assert WORDING.answer("what does the first line say about the outbreak") is None


def test_a_place_in_something_else_or_past_the_end_names_no_paragraph() -> None:
    assert WORDING.paragraph_named("what is the last line of the spokesman's quote") is None
    assert WORDING.paragraph_named("what is in the seventh paragraph") is None
    assert WORDING.paragraph_named("who thanked the nurses") is None


def test_a_quoted_fragment_is_not_the_answer_when_the_rest_asks_a_value_its_sentence_lacks() -> None:
    """'it says "thanked the nurses" - when did they thank them?': the sentence holds no date, so it can't say when;
    the question is left to the knowledge base. Line 1 holds one ("May 2"), so a fragment of it is still cited."""
    assert WORDING.answer('it says "thanked the nurses" - when did they thank them?') is None
    assert WORDING.answer('it says "thanked the nurses" - in what year was that?') is None
    result = WORDING.answer('"the outbreak was over" - when was that said?')
    assert result is not None and result.answered and result.citations[0].line == 1
    result = WORDING.answer('it says "thanked the nurses" - who did?')
    assert result is not None and result.answered


def test_a_quoted_word_cites_the_sentence_holding_it_word_for_word_before_one_holding_it_nearly() -> None:
    """'what "occasions" does she mean?': "occasions" is word for word in the second sentence; the first's "occasion"
    is only near it, and the sentence that holds what was quoted is the one cited."""
    wording = Wording(Article.from_text("\"It was a fine occasion. We met on such occasions before,\" she said.\n"))
    result = wording.answer('what "occasions" does she mean?')
    assert result is not None and result.answered
    (cited,) = result.citations
    assert "such occasions" in cited.quote

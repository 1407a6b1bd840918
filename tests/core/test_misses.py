"""Why a decline is a decline: mash, words that ask about nothing, or a question the article doesn't cover."""

from __future__ import annotations

from bot.core.answers import Kind, Result, Suggestion, no_such_paragraph_text
from bot.core.engine import Engine
from bot.core.misses import Miss
from tests.conftest import SECOND_STORY


def test_mash_pasted_over_and_over_is_still_unreadable() -> None:
    reader = Engine.load(SECOND_STORY, cache_dir=None).reader
    assert not reader.read("qzxv wplk").readable
    assert not reader.read("qzxv wplk " * 400).readable  # each run counts once, not 400 times
    assert reader.read("how many people work at the bakery").readable


def test_a_paragraph_number_past_the_last_is_a_miss_of_its_own_and_one_in_range_is_not() -> None:
    engine = Engine.load(SECOND_STORY, cache_dir=None)  # three paragraphs
    reader = engine.reader
    for asked in ["what does paragraph 9 say?", "read me para #4", "show me the 12th paragraph", "paragraph 0",
                  "para. 9", "paragraphs 2 and 9", "paragraph 1000000", "paragraph " + "9" * 5000]:
        assert reader.past_the_last_paragraph(asked), asked
    for asked in ["what does paragraph 3 say?", "the 1st paragraph", "how many people work at the bakery"]:
        assert not reader.past_the_last_paragraph(asked), asked
    assert engine.miss(engine.ask("what does paragraph 9 say?")) is Miss.NO_SUCH_PARAGRAPH


def test_a_paragraph_number_past_the_last_is_told_the_real_count() -> None:
    assert no_such_paragraph_text(7) == "The article has 7 paragraphs; try 1–7."
    assert no_such_paragraph_text(1) == "The article has 1 paragraph; ask for paragraph 1."


def test_a_did_you_mean_for_a_paragraph_past_the_last_is_shown_as_that_miss_not_as_entries_never_asked_for() -> None:
    engine = Engine.load(SECOND_STORY, cache_dir=None)
    near = Result("paragraph 8", Kind.SUGGESTIONS, suggestions=(Suggestion("prize", "what did it win", 0.5),))
    shown, miss = engine.presented(near)
    assert (shown.kind, shown.suggestions, miss) == (Kind.DECLINE, (), Miss.NO_SUCH_PARAGRAPH)
    within = Result("paragraph 2", Kind.SUGGESTIONS, suggestions=near.suggestions)
    assert engine.presented(within)[0].kind is Kind.SUGGESTIONS


def test_an_answer_to_a_question_about_a_paragraph_past_the_last_is_shown_as_that_miss() -> None:
    """'what does paragraph 9 say about the prize': the prize's line is not paragraph 9, which doesn't exist."""
    engine = Engine.load(SECOND_STORY, cache_dir=None)
    answered = engine.ask("what does paragraph 9 say about the prize")
    shown, miss = engine.presented(answered)
    assert (shown.kind, shown.citations, miss) == (Kind.DECLINE, (), Miss.NO_SUCH_PARAGRAPH)

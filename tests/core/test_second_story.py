"""Another article with its own YAML works through the same code, with no change to it."""

from __future__ import annotations

from bot.core.engine import Engine
from bot.core.knowledge.loading import load_knowledge
from tests.conftest import SECOND_STORY


def test_the_second_story_loads_clean() -> None:
    result = load_knowledge(SECOND_STORY)
    assert result.ok
    assert result.lines_covered == [1, 3, 5]


def test_the_second_story_answers_with_its_own_citations() -> None:
    engine = Engine.load(SECOND_STORY)
    result = engine.ask("how many ppl work at the bakery?")
    assert result.answered
    assert result.entry == "staff"
    assert [(c.line, c.quote) for c in result.citations] == [(5, "employs 12 people")]
    assert result.citations[0].text == "The bakery opened in 1998 and employs 12 people."


def test_the_second_story_declines_and_uses_its_gaps() -> None:
    engine = Engine.load(SECOND_STORY)
    assert not engine.ask("who won the world cup").answered
    gap = engine.ask("what's the baker's name?")
    assert not gap.answered
    assert gap.answer == "The article doesn't name the baker."


def test_the_second_story_aliases_apply() -> None:
    engine = Engine.load(SECOND_STORY)
    assert engine.ask("which loaf won the prize").entry == "prize"

"""``Engine.near_entry``: the entry ``/kb unanswered`` offers to teach an unanswered question to."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import KNOWLEDGE


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(KNOWLEDGE)


def test_a_paraphrase_in_words_the_story_does_not_use_is_offered_the_entry_it_comes_close_to(engine: Engine) -> None:
    near = engine.near_entry("who reprimanded the cosmonauts")
    assert near is not None and near.from_article


@pytest.mark.parametrize("question", ["who is the pope", "who is the president of france",
                                      "what is the weather on mars"])
def test_an_off_topic_question_close_on_its_question_words_alone_is_offered_no_entry(engine: Engine,
                                                                                     question: str) -> None:
    # "who is the pope" ranks "who is Lueders" first on who-is alone; taught there, it would be answered
    assert engine.near_entry(question) is None


def test_keyboard_mash_is_offered_no_entry(engine: Engine) -> None:
    assert engine.near_entry("asdfgh jkl") is None

"""The engine's reply to a message that asks several questions at once."""

from __future__ import annotations

import pytest

from bot.core.answers import Kind
from bot.core.engine import Engine
from bot.core.matching.question.clauses import MAX_QUESTIONS, separate_questions
from tests.conftest import SECOND_STORY


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(SECOND_STORY)


def test_two_questions_in_one_message_are_each_answered_from_their_own_entry(engine: Engine) -> None:
    prize, staff = engine.ask_each("what did the bakery win? how many people work at the bakery?")
    assert (prize.kind, prize.entry, prize.question) == (Kind.ANSWER, "prize", "what did the bakery win?")
    assert (staff.kind, staff.entry) == (Kind.ANSWER, "staff")
    assert "employs 12 people" in staff.citations[0].quote


def test_a_message_with_one_question_is_left_to_ask(engine: Engine) -> None:
    assert engine.ask_each("what did the bakery win?") == ()
    assert engine.ask_each("I read the report. what did the bakery win?") == ()


@pytest.mark.parametrize("message", [
    "what did the bakery win? who won the world cup?",  # one the story can't answer: the message is read whole
    "who is the baker? what did the bakery win?",  # a gap's question: its reply comes from the message read whole
    "what did the bakery win? what did it win?",  # both from one line: one question, asked twice
    "what did the bakery win? Or was it a medal?",  # the other half of an either-or
    "what did the bakery win? And why?",  # too short to stand alone
])
def test_a_message_whose_questions_are_not_each_answered_on_their_own_is_read_whole(engine: Engine,
                                                                                     message: str) -> None:
    assert engine.ask_each(message) == ()


def test_more_questions_than_the_limit_are_read_as_one_message() -> None:
    questions = ["what did the bakery win?", "how many people work there?", "when did it open?",
                 "who is the mayor?"]
    assert len(separate_questions(" ".join(questions[:MAX_QUESTIONS]))) == MAX_QUESTIONS
    assert separate_questions(" ".join(questions[:MAX_QUESTIONS + 1])) == []


def test_a_fragment_with_a_question_mark_asks_nothing_of_its_own_and_a_new_line_ends_a_question() -> None:
    assert separate_questions("what did the bakery win? a prize for bread?") == []  # no question word
    assert separate_questions("what did the bakery win?\nhow many people work there?") == [
        "what did the bakery win?", "how many people work there?"]


def test_an_answer_to_one_of_a_messages_questions_names_the_others_it_leaves_unanswered(engine: Engine) -> None:
    message = "what prize did the bakery win? and what is the capital of peru?"
    result = engine.ask(message)
    assert (result.kind, result.entry) == (Kind.ANSWER, "prize")
    assert engine.left_unanswered(message, result) == ("what is the capital of peru?",)  # without its "and"


@pytest.mark.parametrize(("message", "left"), [
    ("what prize did the bakery win? what is the capital of peru? who won the world cup? how tall is everest?",
     ("what is the capital of peru?", "who won the world cup?", "how tall is everest?")),  # more than ask_each takes
    ("what prize did the bakery win? what flags?", ("what flags?",)),  # too short for ask_each, not to be named
])
def test_an_answer_to_one_of_a_messages_questions_names_the_others_however_many_or_short_they_are(
        engine: Engine, message: str, left: tuple[str, ...]) -> None:
    result = engine.ask(message)
    assert (result.kind, result.entry) == (Kind.ANSWER, "prize")
    assert engine.left_unanswered(message, result) == left


@pytest.mark.parametrize("message", [
    "what prize did the bakery win? And why?",  # leans on the question before it: nothing to ask on its own
    "what prize did the bakery win? Or was it a medal?",  # the other half of an either-or
    "what prize did the bakery win? a prize for bread?",  # no question word: it asks nothing of its own
])
def test_a_part_that_asks_nothing_on_its_own_is_never_named_to_ask_on_its_own(engine: Engine, message: str) -> None:
    assert engine.left_unanswered(message, engine.ask(message)) == ()


@pytest.mark.parametrize("message", [
    "what did the bakery win?",  # one question: nothing else was asked
    "what did the bakery win? what did it win?",  # both answered by the one answer
])
def test_an_answer_that_answers_every_question_of_the_message_leaves_none(engine: Engine, message: str) -> None:
    result = engine.ask(message)
    assert result.kind is Kind.ANSWER
    assert engine.left_unanswered(message, result) == ()


def test_a_message_that_is_not_answered_leaves_nothing_to_name(engine: Engine) -> None:
    message = "who is the baker? what did the bakery win?"
    assert engine.left_unanswered(message, engine.ask(message)) == ()

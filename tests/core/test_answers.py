"""How a reply reads as plain text: the note naming what an answer leaves unanswered."""

from __future__ import annotations

from bot.core.answers import left_note


def test_the_note_names_one_question_left_as_asked_on_its_own() -> None:
    assert left_note(("when did it open?",)) == "(This answers one part of your message; ask “when did it open?” " \
                                                 "on its own.)"


def test_the_note_names_three_questions_left_rather_than_hide_one_behind_and_1_more() -> None:
    assert left_note(("who?a", "who?b", "who?c")) == "(This answers one part of your message; ask “who?a”, “who?b” " \
                                                      "and “who?c” each on its own.)"


def test_the_note_names_two_of_four_or_more_and_counts_the_rest() -> None:
    assert left_note(("a?", "b?", "c?", "d?")) == "(This answers one part of your message; ask “a?”, “b?” and 2 more " \
                                                   "each on its own.)"

"""Reading entries: what a timeline event's answer says when its date was worked out rather than stated, and what it
says for matching."""

from __future__ import annotations

from bot.core.knowledge import EVENT
from bot.core.knowledge.loading import load_knowledge
from tests.conftest import SECOND_STORY


def test_an_event_whose_date_was_worked_out_says_how_in_plain_words() -> None:
    """Not "(Date inferred: …)": a member is told what was worked out, the date, and then how."""
    kb = load_knowledge(SECOND_STORY).kb
    assert kb is not None
    events = {entry.id: entry.answer for entry in kb.of_kind(EVENT)}
    assert events["report"] == "May 3: The report. (How the date was worked out: a made-up year for the test story.)"
    assert events["opening"] == "1998: The bakery opens."  # a date the article states is given as it is


def test_what_an_event_says_for_matching_leaves_out_the_notes_own_label() -> None:
    """The label is the bot's wording: its words ("how", "worked", "out") would weigh in matching as the story's."""
    kb = load_knowledge(SECOND_STORY).kb
    assert kb is not None
    report = next(entry for entry in kb.of_kind(EVENT) if entry.id == "report")
    assert report.said.startswith("May 3: The report. a made-up year for the test story.")
    assert "worked out" not in report.said and "worked out" in report.answer

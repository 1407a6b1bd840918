"""An edit's summary says what it changed, so the history and the moderators' log are worth reading."""

from __future__ import annotations

from bot.core.storage.differences import changes_in

ENTRY = {"id": "staff", "title": "How many work there?", "questions": ["how many staff", "how big is the team"],
         "answer": "Twelve.", "cite": [{"line": 2, "quote": "employs 12 people"}]}


def test_each_changed_field_is_named_in_reading_order() -> None:
    after = {**ENTRY, "answer": "Twelve people.", "title": "Staff", "cite": [{"line": 2, "quote": "12 people"}]}
    assert changes_in(ENTRY, after) == "title; answer; citations"


def test_questions_are_counted_added_and_removed() -> None:
    after = {**ENTRY, "questions": ["how many staff", "who works there", "headcount?"]}
    assert changes_in(ENTRY, after) == "2 questions added, 1 removed"
    assert changes_in(ENTRY, {**ENTRY, "questions": ["how many staff"]}) == "1 question removed"
    assert changes_in(ENTRY, {**ENTRY, "questions": list(reversed(ENTRY["questions"]))}) == "questions reordered"


def test_a_field_dropped_or_new_counts_and_an_unchanged_entry_says_so() -> None:
    gap = {("reply" if k == "answer" else k): v for k, v in ENTRY.items() if k != "cite"}
    assert changes_in(ENTRY, gap) == "citations removed (now a gap)"  # its answer, now a reply, is unchanged
    assert changes_in(gap, ENTRY) == "citations added (now a fact)"
    assert changes_in(ENTRY, {**ENTRY, "context": "said at noon"}) == "context"
    assert changes_in(ENTRY, dict(ENTRY)) == "no change"

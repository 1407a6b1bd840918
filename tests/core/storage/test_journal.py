"""The journal keeps unanswered questions and votes without keeping who asked or voted."""

from __future__ import annotations

from pathlib import Path

from bot.core.storage.journal import Journal


def test_unanswered_questions_are_counted_by_text_and_guild(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    for _ in range(3):
        journal.record_unanswered("what are the cosmonauts names", 1)
    journal.record_unanswered("what are the cosmonauts names", 2)
    journal.record_unanswered("who commands the station", 1)
    top = journal.unanswered()
    assert [(u.question, u.count) for u in top] == [("what are the cosmonauts names", 4),
                                                    ("who commands the station", 1)]
    assert [u.count for u in journal.unanswered(guild=2)] == [1]
    journal.forget_unanswered("who commands the station")
    assert len(journal.unanswered()) == 1


def test_one_vote_per_user_per_answer_stored_as_a_salted_hash(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    assert journal.vote(message_id=10, user_id=412345678901234567, entry="iss-crew", question="iss crew?", up=False)
    assert not journal.vote(message_id=10, user_id=412345678901234567, entry="iss-crew", question="iss crew?",
                            up=False), "the same vote again changes nothing, and says so"
    journal.vote(message_id=10, user_id=498765432109876543, entry="iss-crew", question="how many on board", up=False)
    journal.vote(message_id=11, user_id=412345678901234567, entry="flags", question="which flags", up=True)
    (feedback,) = journal.feedback()
    assert (feedback.entry, feedback.down, feedback.up) == ("iss-crew", 2, 0)
    assert set(feedback.questions) == {"iss crew?", "how many on board"}
    raw = journal.path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("journal.sqlite3-*"))
    assert b"412345678901234567" not in raw and b"498765432109876543" not in raw
    assert journal.voter_hash(4) == Journal(tmp_path).voter_hash(4), "the salt is kept between runs"


def test_changing_a_vote_replaces_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.vote(message_id=10, user_id=1, entry="flags", question="which flags", up=False)
    assert journal.vote(message_id=10, user_id=1, entry="flags", question="which flags", up=True)
    assert journal.feedback() == []

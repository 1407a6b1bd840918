"""A journal deleted while the bot runs, or full of garbage: the bot carries on with a new one.

The knowledge files are the source of truth and are never touched; a corrupt journal is moved
aside (kept), a new one is started, and whoever opened the journal hears it in one sentence.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from bot.core.knowledge.loading import load_knowledge
from bot.core.storage.journal import FILE_NAME, Journal
from bot.core.storage.store import KnowledgeStore
from tests.core.storage.test_store import NEW_FACT, fact, snapshot


def filled(directory: Path, told: list[str]) -> Journal:
    journal = Journal(directory, on_reset=told.append)
    for n in range(400):  # several pages, so garbage in the middle is read by every query
        journal.record_unanswered(f"a question nobody could answer number {n} " + "x" * 40, 1)
    journal.vote(1, 42, "staff", "how many staff", up=False)
    return journal


def scribble(path: Path, at: int, size: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(at)
        handle.write(os.urandom(size))


def test_a_journal_deleted_while_running_is_made_again_and_nothing_is_lost_after(tmp_path: Path) -> None:
    told: list[str] = []
    journal = filled(tmp_path, told)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{journal.path}{suffix}").unlink(missing_ok=True)
    journal.record_unanswered("who commands the station", 1)  # not silently lost
    journal.vote(2, 42, "staff", "how many staff", up=False)
    assert [u.question for u in journal.unanswered()] == ["who commands the station"]
    assert [f.entry for f in journal.feedback()] == ["staff"]
    assert journal.history() == []
    assert len(told) == 1 and "was missing" in told[0]


def test_garbage_pages_move_the_journal_aside_and_start_a_new_one(tmp_path: Path) -> None:
    told: list[str] = []
    journal = filled(tmp_path, told)
    scribble(journal.path, 4096 * 3, 4096 * 4)
    assert journal.unanswered() == []  # no traceback: a new, empty journal
    journal.record_unanswered("who commands the station", 1)
    assert [u.question for u in journal.unanswered()] == ["who commands the station"]
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith(f"{FILE_NAME}.corrupt-")]
    assert len(aside) == 1, "the bad file is kept, beside the new one"
    assert len(told) == 1 and "is corrupt" in told[0] and aside[0] in told[0]


def test_a_journal_that_is_not_a_database_at_all_is_replaced_on_opening(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(os.urandom(8192))
    told: list[str] = []
    journal = Journal(tmp_path, on_reset=told.append)
    journal.record_unanswered("who commands the station", None)
    assert len(journal.unanswered()) == 1
    assert len(told) == 1 and "is corrupt" in told[0]


@pytest.mark.parametrize("fault", ["deleted", "garbage"])
def test_the_store_keeps_working_and_the_knowledge_files_are_untouched(story_copy: Path, tmp_path: Path,
                                                                      fault: str) -> None:
    journal = Journal(tmp_path / "data")
    store = KnowledgeStore(story_copy, journal)
    store.add(fact("first-new", "first new question"), actor="ann")
    before = snapshot(story_copy)
    if fault == "deleted":
        journal.path.unlink()
    else:
        scribble(journal.path, 0, 4096)
    assert snapshot(story_copy) == before
    outcome = store.add(NEW_FACT, actor="ann")
    assert [r.id for r in journal.history()] == [outcome.change_id]
    store.undo(actor="bob")
    assert snapshot(story_copy) == before
    assert load_knowledge(story_copy).ok


@pytest.mark.parametrize("damage", ["UPDATE changes SET files = 'not json'",
                                    "ALTER TABLE changes RENAME COLUMN files TO file_texts"])
def test_a_change_this_version_cant_read_is_said_in_one_sentence_and_the_journal_kept(
        story_copy: Path, tmp_path: Path, damage: str) -> None:
    import sqlite3

    from bot.core.storage.errors import StoreError

    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    store.add(NEW_FACT, actor="ann")
    with sqlite3.connect(tmp_path / "data" / FILE_NAME) as db:
        db.execute(damage)
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    with pytest.raises(StoreError, match=r"holds a change \(number 1\) this version can't read.*move the file aside"):
        store.undo("ann")
    assert (tmp_path / "data" / FILE_NAME).exists()  # not moved aside as a corrupt file is: its history is kept


def test_a_changes_file_texts_are_kept_compressed_and_come_back_exact(story_copy: Path, tmp_path: Path) -> None:
    import sqlite3

    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    before = snapshot(story_copy)
    store.add(NEW_FACT, actor="ann")
    with sqlite3.connect(tmp_path / "data" / FILE_NAME) as db:
        (stored,) = db.execute("SELECT files FROM changes").fetchone()
    assert isinstance(stored, bytes)
    texts = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    assert len(stored) < len(texts)  # before and after, each whole, in less room than one of them
    store.undo(actor="ann")
    assert snapshot(story_copy) == before


def test_a_change_written_before_texts_were_compressed_is_still_undone(story_copy: Path, tmp_path: Path) -> None:
    import json
    import sqlite3
    import zlib

    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    before = snapshot(story_copy)
    store.add(NEW_FACT, actor="ann")
    with sqlite3.connect(tmp_path / "data" / FILE_NAME) as db:  # as an older Storybot wrote it: plain JSON text
        (stored,) = db.execute("SELECT files FROM changes").fetchone()
        db.execute("UPDATE changes SET files = ?", (zlib.decompress(stored).decode("utf-8"),))
        assert isinstance(json.loads(db.execute("SELECT files FROM changes").fetchone()[0]), dict)
    KnowledgeStore(story_copy, Journal(tmp_path / "data")).undo(actor="ann")
    assert snapshot(story_copy) == before


def test_history_lists_a_change_it_cant_read_as_such_among_the_others(story_copy: Path, tmp_path: Path) -> None:
    import sqlite3

    from bot.core.storage.journal import DAMAGED

    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    store.add(NEW_FACT, actor="ann")
    store.remove("opened", actor="bob")
    with sqlite3.connect(tmp_path / "data" / FILE_NAME) as db:
        db.execute("UPDATE changes SET files = 'not json' WHERE id = 1")
    newest, damaged = Journal(tmp_path / "data").history()
    assert (newest.id, newest.summary) == (2, "removed opened")
    assert (damaged.id, damaged.actor, damaged.action) == (1, "ann", DAMAGED)
    assert damaged.summary.startswith("(this change can't be read")


def _crashed_mid_change(story: Path, data: Path) -> tuple[str, str]:
    """A journal with other pages in it, and a change journaled and written, then the process killed before the
    journal said it was done; the journal's pages all in its main file. The file's texts before and after."""
    journal = filled(data, [])
    journal.folder = str(story.resolve())
    before = (story / "kb.yaml").read_text(encoding="utf-8")
    after = before + "# an edit the crash cut short\n"
    journal.begin_change("ann", "edit", "edited staff", ["staff"], {"kb.yaml": (before, after)})
    (story / "kb.yaml").write_text(after, encoding="utf-8")
    journal.close()
    with contextlib.closing(sqlite3.connect(journal.path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return before, after


def test_a_change_a_crash_left_pending_in_a_journal_found_corrupt_is_carried_into_the_new_one_and_finished(
        story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    before, after = _crashed_mid_change(story_copy, data)
    scribble(data / FILE_NAME, 4096 * 3, 4096 * 4)  # the questions' pages; the changes' page still reads
    told: list[str] = []
    journal = Journal(data, on_reset=told.append, folder=story_copy)
    assert journal.unanswered() == []  # found corrupt, moved aside, a new one started
    assert len(told) == 1 and "with the change a crash left half written in it" in told[0]
    assert KnowledgeStore(story_copy, journal).recover() == [
        "finished change 1 (edited staff), interrupted before it was recorded"]
    assert [r.summary for r in journal.history()] == ["edited staff"]  # in the history, so undoable
    KnowledgeStore(story_copy, journal).undo("ann")
    assert (story_copy / "kb.yaml").read_text(encoding="utf-8") == before != after


def test_a_journal_too_corrupt_to_read_for_a_pending_change_says_in_one_sentence_where_it_was_set_aside(
        story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _crashed_mid_change(story_copy, data)
    scribble(data / FILE_NAME, 0, 100)  # its header: SQLite can read nothing of it
    told: list[str] = []
    Journal(data, on_reset=told.append, folder=story_copy)
    (aside,) = (p for p in data.iterdir() if p.name.startswith(f"{FILE_NAME}.corrupt-"))
    assert told == [f"the journal {data / FILE_NAME} is corrupt (file is not a database), so it was moved to {aside} "
                    "and a new one started; the knowledge files are untouched and earlier history and votes are in "
                    "the old file, but if an edit was under way when it broke, it is set aside there unfinished (the "
                    "file can't be read to finish it): look over the knowledge files it touched and make it again by "
                    "hand"]

"""Two knowledge folders may share one data folder (the default one is shared): each keeps to its own changes.

Before, a second folder's `kb history` "recovered" the first one's change in progress, an undo in a copy of a
folder undid the original's change, and a crash of one was dropped by the other, its files left half written.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore


def fact(entry_id: str) -> str:
    return textwrap.dedent(f"""
        facts:
          - id: {entry_id}
            questions: [who bakes for {entry_id}, bakers for {entry_id}, {entry_id} bakers]
            answer: The bakery employs 12 people.
            cite:
              - line: 5
                quote: employs 12 people
    """)


def test_each_folder_sees_and_undoes_only_its_own_changes(story_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(story_copy, other)
    data = tmp_path / "data"
    mine, theirs = KnowledgeStore(story_copy, Journal(data)), KnowledgeStore(other, Journal(data))
    mine.import_entries(fact("mine"), actor="ann")
    assert [r.summary for r in theirs.journal.history()] == []
    assert theirs.journal.last_undoable() is None
    theirs.import_entries(fact("theirs"), actor="bob")
    assert [r.entries for r in mine.journal.history()] == [["mine"]]
    mine.undo("ann")
    assert mine.get("mine") is None and theirs.get("theirs") is not None


def test_a_pending_change_is_left_to_its_own_folder(story_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(story_copy, other)
    data = tmp_path / "data"
    crashed = Journal(data, folder=story_copy)
    crashed.begin_change("ann", "add", "added mine", ["mine"], {"kb.yaml": ("x", "y")})  # its process was killed
    assert KnowledgeStore(other, Journal(data)).recover() == []  # not the other folder's to settle
    assert len(Journal(data, folder=story_copy).pending_changes()) == 1


def test_a_journal_from_before_folders_were_told_apart_keeps_its_history_for_every_folder(
        story_copy: Path, tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "journal.sqlite3") as db:  # the table as an older version made it
        db.execute("CREATE TABLE changes (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, "
                   "action TEXT NOT NULL, summary TEXT NOT NULL, entries TEXT NOT NULL, files TEXT NOT NULL, "
                   "undoes INTEGER, undone_by INTEGER, state TEXT NOT NULL DEFAULT 'done')")
        db.execute("INSERT INTO changes (at, actor, action, summary, entries, files) VALUES "
                   "('2026-01-01T00:00:00+00:00', 'ann', 'add', 'added old', '[\"old\"]', '{}')")
    store = KnowledgeStore(story_copy, Journal(data))
    assert [r.summary for r in store.journal.history()] == ["added old"]
    store.import_entries(fact("new"), actor="bob")  # and new changes are kept with their folder
    assert len(store.journal.history()) == 2


def test_a_change_left_pending_in_a_folder_moved_since_the_crash_is_settled_in_its_new_place(
        story_copy: Path, tmp_path: Path) -> None:
    from bot.core.storage.pending import any_pending

    data = tmp_path / "data"
    before = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    after = before + "# an edit the crash cut short\n"
    crashed = Journal(data, folder=story_copy)
    crashed.begin_change("ann", "edit", "edited staff", ["staff"], {"kb.yaml": (before, after)})
    (story_copy / "kb.yaml").write_text(after, encoding="utf-8")  # written, then killed before it was marked done
    moved = tmp_path / "moved"
    story_copy.rename(moved)
    assert any_pending(data, moved)  # so `ask` and `check` look too
    KnowledgeStore(moved, Journal(data)).recover()
    journal = Journal(data, folder=moved)
    assert journal.pending_changes() == []
    assert [r.summary for r in journal.history()] == ["edited staff"]  # finished, and undoable here
    KnowledgeStore(moved, Journal(data)).undo("ann")
    assert (moved / "kb.yaml").read_text(encoding="utf-8") == before


def test_a_change_pending_in_a_gone_folder_whose_files_are_not_these_is_left_alone(
        story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    gone = tmp_path / "gone"
    Journal(data, folder=gone).begin_change("ann", "add", "added x", ["x"], {"kb.yaml": ("x", "y")})
    assert KnowledgeStore(story_copy, Journal(data)).recover() == []
    assert len(Journal(data, folder=gone).pending_changes()) == 1  # not this folder's: kept for its own


def test_a_change_pending_in_a_folder_that_is_away_is_not_taken_by_an_untouched_copy(
        story_copy: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    copy = tmp_path / "copy"
    shutil.copytree(story_copy, copy)  # the same files as the original had before its change
    before = (story_copy / "kb.yaml").read_text(encoding="utf-8")
    after = before + "# cut short\n"
    crashed = Journal(data, folder=story_copy)
    crashed.begin_change("ann", "edit", "edited staff", ["staff"], {"kb.yaml": (before, after)})
    (story_copy / "kb.yaml").write_text(after, encoding="utf-8")
    away = tmp_path / "away"
    story_copy.rename(away)  # unmounted for a while
    assert KnowledgeStore(copy, Journal(data)).recover() == []
    away.rename(story_copy)
    KnowledgeStore(story_copy, Journal(data)).recover()  # back: its own change is finished there
    assert [r.summary for r in Journal(data, folder=story_copy).history()] == ["edited staff"]

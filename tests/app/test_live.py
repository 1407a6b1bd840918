"""Hand edits to the knowledge folder while the bot runs: picked up, and read-only folders too."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.app import create_bot, live
from bot.app.client import StoryBot
from bot.config import Settings

OLD = "answer: NASA and Roscosmos, Russia's state space corporation, jointly operate the ISS."


@pytest.fixture
def running(tmp_path: Path, kb_copy: Path) -> StoryBot:
    return create_bot(Settings(knowledge_dir=kb_copy, data_dir=tmp_path / "data"))


def _hand_edit(kb: Path, suffix: str) -> None:
    facts = kb / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(OLD, OLD[:-1] + suffix, 1), encoding="utf-8")


async def test_a_read_only_folder_is_reloaded_without_the_lock(running: StoryBot, kb_copy: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a read-only mount (systemd's ProtectSystem=strict): no lock file can be made there."""

    @contextmanager
    def read_only_lock(path: Path, timeout: float = 15.0) -> Iterator[None]:
        raise OSError(errno.EROFS, "Read-only file system", str(path))
        yield  # pragma: no cover

    _hand_edit(kb_copy, ", as the article says.")
    monkeypatch.setattr(live, "file_lock", read_only_lock)
    monkeypatch.setattr(live, "writable", lambda directory: False)
    assert await running.live.check_once()
    entry = running.engine.kb.get("iss-operators")
    assert entry is not None and "as the article says" in entry.answer


def test_writable_tells_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert live.writable(tmp_path)
    monkeypatch.setattr(live.os, "access", lambda path, mode: False)
    assert not live.writable(tmp_path)


NEW_FACT = """
facts:
  - id: live-test-fact
    topic: The station
    questions: ["zebra quokka question one", "zebra quokka question two", "zebra quokka question three"]
    answer: NASA and Roscosmos jointly operate the ISS.
    cite:
      - line: 7
        quote: jointly operate the ISS
"""


@pytest.fixture
def announced(running: StoryBot, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    async def announce(text: str) -> None:
        said.append(text)

    monkeypatch.setattr(running.live, "announce", announce)
    return said


async def test_the_stores_own_write_seen_before_it_is_adopted_is_not_a_hand_edit(running: StoryBot,
                                                                                 announced: list[str]) -> None:
    outcome = running.store.add(NEW_FACT, actor="ann")  # written; adopt() has not run yet: the poller's window
    assert await running.live.check_once()
    assert announced == [], "no 'edited on disk' notice for the store's own change"
    assert running.engine.kb.get("live-test-fact") is not None
    engine = running.engine
    await running.live.adopt(outcome.kb, outcome.change_id)
    assert running.engine is engine, "the change already live is not built a second time"
    assert not await running.live.check_once()


async def test_after_adopting_a_change_the_poller_sees_nothing_new(running: StoryBot, announced: list[str]) -> None:
    outcome = running.store.add(NEW_FACT, actor="ann")
    await running.live.adopt(outcome.kb, outcome.change_id)
    engine = running.engine
    assert not await running.live.check_once()
    assert running.engine is engine and announced == []


async def test_a_hand_edit_just_after_a_store_write_is_still_a_hand_edit(running: StoryBot, kb_copy: Path,
                                                                        announced: list[str]) -> None:
    outcome = running.store.add(NEW_FACT, actor="ann")
    _hand_edit(kb_copy, ", by hand.")
    await running.live.adopt(outcome.kb, outcome.change_id)
    assert await running.live.check_once()
    entry = running.engine.kb.get("iss-operators")
    assert entry is not None and "by hand" in entry.answer
    assert running.engine.kb.get("live-test-fact") is not None
    assert len(announced) == 1 and "edit on disk" in announced[0]


async def test_a_store_change_from_another_process_goes_live_quietly(running: StoryBot, kb_copy: Path,
                                                                    tmp_path: Path, announced: list[str]) -> None:
    from bot.core.storage.journal import Journal
    from bot.core.storage.store import KnowledgeStore

    KnowledgeStore(kb_copy, Journal(tmp_path / "data")).add(NEW_FACT, actor="terminal")  # like `python -m bot kb add`
    assert await running.live.check_once()
    assert running.engine.kb.get("live-test-fact") is not None
    assert announced == []


async def test_touching_a_file_is_not_a_change(running: StoryBot, kb_copy: Path, announced: list[str]) -> None:
    import os

    engine = running.engine
    facts = kb_copy / "facts.yaml"
    stat = facts.stat()
    os.utime(facts, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert not await running.live.check_once()
    assert running.engine is engine and announced == []

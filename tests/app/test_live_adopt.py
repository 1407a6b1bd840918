"""A hand edit saved while the bot adopts its own change is still picked up (it used to be missed 5
times out of 5: the folder's fingerprint was taken after building the engine, so it hid the edit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import create_bot, live
from bot.app.client import StoryBot
from bot.config import Settings
from bot.core.engine import Engine
from bot.core.knowledge import KnowledgeBase
from tests.app.test_live import NEW_FACT, OLD


@pytest.fixture
def running(tmp_path: Path, kb_copy: Path) -> StoryBot:
    return create_bot(Settings(knowledge_dir=kb_copy, data_dir=tmp_path / "data"))


async def test_a_hand_edit_during_adopt_is_reloaded(running: StoryBot, kb_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []

    async def announce(text: str) -> None:
        said.append(text)

    monkeypatch.setattr(running.live, "announce", announce)
    outcome = running.store.add(NEW_FACT, actor="ann")

    def build_while_someone_saves(kb: KnowledgeBase) -> Engine:
        facts = kb_copy / "facts.yaml"  # the hand edit lands while the engine for the store's change is built
        facts.write_text(facts.read_text(encoding="utf-8").replace(OLD, OLD[:-1] + ", saved by hand.", 1),
                         encoding="utf-8")
        return Engine(kb)

    monkeypatch.setattr(live, "Engine", build_while_someone_saves)
    await running.live.adopt(outcome.kb, outcome.change_id)
    monkeypatch.setattr(live, "Engine", Engine)
    assert await running.live.check_once(), "the hand edit is noticed"
    entry = running.engine.kb.get("iss-operators")
    assert entry is not None and "saved by hand" in entry.answer
    assert running.engine.kb.get("live-test-fact") is not None, "and the store's change stays live"

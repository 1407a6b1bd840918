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

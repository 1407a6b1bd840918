"""What reads or writes the journal (SQLite: a flush may wait up to a minute, the lock up to 30 s)
acknowledges its interaction first, so a busy journal never loses it.

The journal call is *held* (it waits on an event the test sets): the acknowledgement is seen to
come while the journal is still busy, with no timing asserted.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

from bot.core.storage.store import KnowledgeStore
from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType, InteractionHandle

EPHEMERAL = 64


def hold(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> tuple[threading.Event, threading.Event]:
    """Make ``target.name`` wait for the returned ``release`` event; ``busy`` is set once it waits."""
    release, busy = threading.Event(), threading.Event()
    real: Callable[..., Any] = getattr(target, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        busy.set()
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, held)
    return release, busy


async def acknowledged_while_held(handle: InteractionHandle, release: threading.Event,
                                  busy: threading.Event) -> dict[str, Any]:
    try:
        assert await asyncio.to_thread(busy.wait, 10), "the journal was never called"
        body = await handle.response(timeout=5)
        assert not release.is_set()
        assert body["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE, "acknowledged before the journal answered"
        assert body["data"]["flags"] & EPHEMERAL, "privately: the 'thinking…' is the moderator's or voter's own"
    finally:
        release.set()
    return await handle.reply(timeout=30)


@pytest.mark.parametrize(("subcommand", "method", "shown"), [
    ("history", "history", "No changes yet."),
    ("unanswered", "unanswered", "No unanswered questions recorded yet."),
    ("feedback", "feedback", "No 👎 on any answer yet."),
])
async def test_kb_reads_of_the_journal_acknowledge_first(editable: Running, monkeypatch: pytest.MonkeyPatch,
                                                         subcommand: str, method: str, shown: str) -> None:
    fake = editable.fake
    release, busy = hold(monkeypatch, editable.bot.journal, method)
    handle = await fake.slash_command("kb", subcommand=subcommand, user=fake.moderator)
    reply = await acknowledged_while_held(handle, release, busy)
    assert shown in (reply.get("content") or reply["embeds"][0].get("description", ""))
    assert fake.invalid == []


async def test_a_vote_acknowledges_before_it_is_written(editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = editable.fake
    asked = await fake.slash_command("ask", {"question": "who runs the iss"})
    data = (await asked.response())["data"]
    up = next(c["custom_id"] for row in data["components"] for c in row["components"]
              if c["custom_id"].startswith("sb:vote:up:"))
    release, busy = hold(monkeypatch, editable.bot.journal, "vote")
    vote = await fake.click(asked, up, user=fake.non_moderator)
    thanks = await acknowledged_while_held(vote, release, busy)
    assert thanks["content"] == "Thanks, glad it helped." and thanks["flags"] & EPHEMERAL
    again = await fake.click(asked, up, user=fake.non_moderator)
    for _ in range(100):
        if again.followups:
            break
        await asyncio.sleep(0.02)
    assert again.followups[0].body["content"].startswith("You already voted 👍 on this answer")
    assert fake.invalid == []


def held_on_record(monkeypatch: pytest.MonkeyPatch, target: object, name: str,
                   threads: list[str]) -> tuple[threading.Event, threading.Event]:
    """``hold``, noting the name of each thread the held call runs on."""
    release, busy = hold(monkeypatch, target, name)
    held = getattr(target, name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return held(*args, **kwargs)

    monkeypatch.setattr(target, name, noted)
    return release, busy


async def test_kb_edit_with_its_entry_read_held_says_the_knowledge_base_is_busy_before_discords_3_seconds(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """/kb edit opens a modal, which can't be deferred: its read is bounded well under 3 s and runs on the
    reads' own threads, so abandoned reads can't fill the default pool."""
    fake = editable.fake
    threads: list[str] = []
    release, busy = held_on_record(monkeypatch, KnowledgeStore, "get", threads)  # a store per use
    try:
        opened = await fake.slash_command("kb", {"entry": "iss-operators"}, subcommand="edit", user=fake.moderator)
        body = await opened.response(timeout=2.5)
        assert busy.is_set() and not release.is_set()
    finally:
        release.set()
    assert body["type"] == CallbackType.CHANNEL_MESSAGE and body["data"]["flags"] & EPHEMERAL
    assert body["data"]["content"].startswith("The knowledge base is busy just now")
    assert threads and all(name.startswith("storybot-kb-read") for name in threads)
    again = await fake.slash_command("kb", {"entry": "iss-operators"}, subcommand="edit", user=fake.moderator)
    assert (await again.modal(timeout=5))["components"]  # free again: the form opens
    assert fake.invalid == []


async def test_an_unanswered_list_lookup_runs_on_the_reads_own_threads(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.app.screens import kb_views

    fake, bot = editable.fake, editable.bot
    await (await fake.slash_command("ask", {"question": "what colour is the commander's hat?"})).response()
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    data = await listing.reply(timeout=10)
    new = next(c["custom_id"] for row in data["components"] for c in row["components"]
               if c["custom_id"].startswith("sb:kbq:new:"))
    monkeypatch.setattr(kb_views, "_LISTED", type(kb_views._LISTED)())  # restarted since: the click reads the journal
    threads: list[str] = []
    release, _ = held_on_record(monkeypatch, bot.journal, "unanswered", threads)
    try:
        said = await (await fake.click(listing, new, user=fake.moderator)).reply(timeout=2.5)
    finally:
        release.set()
    assert "journal is busy" in said["content"] and said["flags"] & EPHEMERAL
    assert threads and all(name.startswith("storybot-kb-read") for name in threads)
    assert fake.invalid == []

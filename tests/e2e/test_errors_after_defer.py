"""An error after a public "thinking…" is told to the one who asked, privately: the placeholder
goes, and the error is a new ephemeral message (a follow-up would otherwise *replace* the public
placeholder and be public, whatever its flags)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from bot.core.answers import Result
from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType

EPHEMERAL = 64


async def test_an_error_after_a_public_defer_is_private(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = running.fake, running.bot
    release, busy = threading.Event(), threading.Event()

    def broken(question: str, *args: Any, **kwargs: Any) -> Result:
        busy.set()
        release.wait(30)  # long enough that /ask acknowledges first, publicly
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(bot.engine, "ask", broken)
    ask = await fake.slash_command("ask", {"question": "who runs the iss"})
    try:
        assert await asyncio.to_thread(busy.wait, 10)
        body = await ask.response(timeout=5)
        assert body["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
        assert not (body.get("data") or {}).get("flags", 0) & EPHEMERAL, "a public 'thinking…'"
    finally:
        release.set()
    told = await ask.followup(timeout=10)
    assert "Something went wrong" in told["content"]
    assert told["flags"] & EPHEMERAL
    deleted = [r for r in ask.requests if r.method == "DELETE" and r.path.endswith("/messages/@original")]
    assert deleted and deleted[0].ok, "the public placeholder was removed first"
    assert ask.message is None, "nothing public is left behind"
    error_message = fake.messages[ask.followups[0].message_id]  # type: ignore[index]
    assert error_message["flags"] & EPHEMERAL, "the error is a new, private message, not the placeholder edited"
    assert fake.invalid == []

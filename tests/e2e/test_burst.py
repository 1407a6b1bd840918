"""A burst of /ask that the bot can't answer within Discord's 3 seconds in arrival order: it
acknowledges first (defers), answers in a follow-up, and no interaction is lost."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.core.answers import Result
from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType

BURST = 120
ANSWER_COST = 0.035  # seconds of (blocking) work per answer: the whole burst needs 4.2 s in a row


async def test_a_burst_past_the_window_loses_no_interaction(running: Running,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = running.fake, running.bot
    assert fake.interaction_timeout == 3.0, "Discord's window: an answer later than that is lost"
    real_ask = bot.engine.ask

    def slow_ask(question: str, *args: Any, **kwargs: Any) -> Result:
        time.sleep(ANSWER_COST)  # a heavy answer path, or a slow machine
        return real_ask(question, *args, **kwargs)

    monkeypatch.setattr(bot.engine, "ask", slow_ask)
    users = [fake.add_user(f"burst{n}") for n in range(BURST)]
    questions = ["who runs the iss", "what did nasa say", "what are the cosmonauts names", "lol"]
    handles = [await fake.slash_command("ask", {"question": questions[n % len(questions)]}, user=users[n])
               for n in range(BURST)]
    replies = await asyncio.gather(*(h.reply(timeout=60) for h in handles))
    lost = [h for h in handles if h.callback is None or not h.callback.ok]
    assert lost == [], f"{len(lost)} of {BURST} interactions were not acknowledged within 3 s"
    assert all(r.get("content") or r.get("embeds") for r in replies), "every question got its answer"
    deferred = [h for h in handles if (h.callback.body or {}).get("type")  # type: ignore[union-attr]
                == CallbackType.DEFERRED_CHANNEL_MESSAGE]
    assert deferred, "behind, the bot acknowledged first"
    private = [h for h in deferred if h.followups]
    public = [h for h in deferred if not h.followups]
    assert private and public, "the burst had answers and private replies (declines) too"
    assert all(h.followups[0].body["flags"] & 64 for h in private)  # type: ignore[index]
    assert all(h.message is None for h in private), "a private reply leaves no public 'thinking…' behind"
    assert all((h.message or {}).get("embeds") for h in public), "an answer replaces the 'thinking…' message"
    assert fake.invalid == []

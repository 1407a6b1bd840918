"""Steady traffic on a busy server (a couple of dozen /ask at once, each quick to answer) is
answered directly: deferring there would only add a request per interaction and hold answers back."""

from __future__ import annotations

import asyncio

from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType

AT_ONCE = 24


async def test_two_dozen_quick_questions_at_once_are_answered_without_deferring(running: Running) -> None:
    fake = running.fake
    users = [fake.add_user(f"steady{n}") for n in range(AT_ONCE)]
    questions = ["who runs the iss", "what did nasa say", "what are the cosmonauts names"]
    for question in questions:  # once each first: the rest are answered from the engine's memory, quickly
        await (await fake.slash_command("ask", {"question": question}, user=fake.add_user("first"))).reply()
    handles = [await fake.slash_command("ask", {"question": questions[n % len(questions)]}, user=users[n])
               for n in range(AT_ONCE)]
    await asyncio.gather(*(h.reply(timeout=30) for h in handles))
    kinds = [(h.callback.body or {}).get("type") for h in handles]  # type: ignore[union-attr]
    assert kinds == [CallbackType.CHANNEL_MESSAGE] * AT_ONCE, "answered in the callback, none deferred"
    assert all(h.callback.ok for h in handles)  # type: ignore[union-attr]

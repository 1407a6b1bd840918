"""Slow questions (a long, unreadable message costs the engine about a second) never hold up an
interaction: matching runs on the engine's own thread, /ask is acknowledged in time whatever is
queued there, and what somebody waits for goes before the bot's own 💡 checks.

No timing is asserted: the engine's slow work is *held* (it waits on an event the test sets), so
"acknowledged before the slow work ended" is a fact the test controls, not a race.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from bot.app.cogs.listener import PASSIVE_CHARS, PASSIVE_RATE
from bot.core.answers import Result
from tests.e2e.conftest import Running
from tests.support.fake_discord import CallbackType, FakeDiscord, NoResponse

EPHEMERAL = 1 << 6
SLOW = "what zzqx"  # the questions the held engine works on until the test lets it go


class HeldEngine:
    """``engine.ask`` that, for the slow questions, waits until ``release`` (as 4,000 characters of
    nonsense keep the real one busy); every question it is asked, in order, is in ``asked``."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.release = threading.Event()
        self.busy = threading.Event()  # the engine is inside a slow question
        self.asked: list[str] = []
        self.threads: set[str] = set()

    def __call__(self, question: str, *args: Any, **kwargs: Any) -> Result:
        self.asked.append(question)
        self.threads.add(threading.current_thread().name)
        if question.startswith(SLOW):
            self.busy.set()
            self.release.wait(30)
        return self.real(question, *args, **kwargs)

    async def until_busy(self) -> None:
        assert await asyncio.to_thread(self.busy.wait, 10), "the slow question never reached the engine"


@pytest.fixture
def held(running: Running, monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldEngine]:
    engine = HeldEngine(running.bot.engine.ask)
    monkeypatch.setattr(running.bot.engine, "ask", engine)
    try:
        yield engine
    finally:
        engine.release.set()  # never leave the engine's thread waiting


async def flood(fake: FakeDiscord, how: str, count: int) -> None:
    spammer = fake.add_user("spammer")
    for n in range(count):
        question = f"{SLOW} {n} {'blorp ' * 20}?"
        if how == "watched channel":
            await fake.message(question, user=spammer, channel=fake.other_channel)
        elif how == "mentions":
            await fake.message(question, user=spammer, mentions_bot=True)
        else:
            await fake.slash_command("ask", {"question": question}, user=fake.add_user(f"asker{n}"))


@pytest.mark.parametrize("how", ["watched channel", "mentions", "/ask"])
async def test_slow_questions_do_not_delay_the_acknowledgement_of_an_ask(running: Running, held: HeldEngine,
                                                                        how: str) -> None:
    fake = running.fake
    await flood(fake, how, 5)
    await held.until_busy()
    ask = await fake.slash_command("ask", {"question": "who runs the iss"}, user=fake.non_moderator)
    body = await ask.response(timeout=5)
    assert not held.release.is_set(), "acknowledged while the engine was still busy with the slow questions"
    assert body["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE and ask.callback is not None and ask.callback.ok
    held.release.set()
    reply = await ask.reply(timeout=30)
    assert "jointly operate" in reply["embeds"][0]["description"]
    assert held.threads == {"storybot-engine"}, "the engine is only ever called from its one thread"
    assert fake.invalid == []


async def test_a_question_someone_waits_for_goes_before_the_bots_own_light_bulb_checks(
        running: Running, held: HeldEngine) -> None:
    fake = running.fake
    for n in range(PASSIVE_RATE):  # the first holds the engine; the others queue behind it
        await fake.message(f"{SLOW} {n}?", user=fake.add_user(f"chatter{n}"), channel=fake.other_channel)
    await held.until_busy()
    ask = await fake.slash_command("ask", {"question": "who runs the iss"}, user=fake.non_moderator)
    await ask.response(timeout=5)
    held.release.set()
    await ask.reply(timeout=30)
    slow = [q for q in held.asked if q.startswith(SLOW)]
    assert held.asked.index("who runs the iss") == 1, f"the /ask went next, before {slow[1:]}: {held.asked}"


def _questions_asked(bot: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions the engine is asked from now on, in order (it still answers them)."""
    asked: list[str] = []
    real = bot.engine.ask

    def spy(question: str, *args: Any, **kwargs: Any) -> Result:
        asked.append(question)
        return real(question, *args, **kwargs)

    monkeypatch.setattr(bot.engine, "ask", spy)
    return asked


async def test_a_long_message_in_a_watched_channel_is_not_matched(running: Running,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = running.fake, running.bot
    asked = _questions_asked(bot, monkeypatch)
    long = "what " + "blorp " * (PASSIVE_CHARS // 6) + "who runs the iss?"
    assert len(long) > PASSIVE_CHARS
    skipped = await fake.message(long, channel=fake.other_channel)
    marked = await fake.message("who runs the iss?", channel=fake.other_channel)
    assert await marked.reaction() == "💡"
    with pytest.raises(NoResponse):
        await skipped.reaction(timeout=0.3)
    assert asked == ["who runs the iss?"]


async def test_light_bulb_checks_are_rate_limited_per_member(running: Running,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = running.fake, running.bot
    asked = _questions_asked(bot, monkeypatch)
    chatty = fake.add_user("chatty")
    for n in range(PASSIVE_RATE + 3):
        await fake.message(f"who runs the iss? ({n})", user=chatty, channel=fake.other_channel)
    other = await fake.message("who runs the iss?", user=fake.non_moderator, channel=fake.other_channel)
    assert await other.reaction() == "💡", "another member's question is still checked"
    assert len([q for q in asked if q.endswith(")")]) == PASSIVE_RATE


async def test_a_marked_question_edited_long_before_its_light_bulb_is_clicked_is_not_matched(
        running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = running.fake, running.bot
    question = await fake.message("who runs the iss?", channel=fake.other_channel)
    assert await question.reaction() == "💡"
    asked = _questions_asked(bot, monkeypatch)
    fake.messages[question.id]["content"] = "who runs the iss? " + "blorp " * PASSIVE_CHARS  # edited since
    since = fake.mark()
    await fake.reaction_add(question, "💡", user=fake.non_moderator)
    with pytest.raises(NoResponse):
        await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since,
                                    timeout=0.5)
    assert asked == []


async def test_an_ask_stuck_behind_work_gone_wrong_is_told_so_privately(running: Running, held: HeldEngine,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    # the module the running bot loaded: discord.py imports an extension afresh for each bot
    monkeypatch.setattr(sys.modules["bot.app.cogs.ask"], "ANSWER_WITHIN", 1.5)
    fake = running.fake
    await flood(fake, "mentions", 1)
    await held.until_busy()
    ask = await fake.slash_command("ask", {"question": "who runs the iss"}, user=fake.add_user("patient"))
    assert (await ask.response(timeout=5))["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    told = await ask.reply(timeout=10)
    assert "too long" in told["content"] and told["flags"] & EPHEMERAL
    held.release.set()
    assert fake.invalid == []

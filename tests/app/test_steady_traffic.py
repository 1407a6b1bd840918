"""What keeps the bot's own work per interaction small under steady traffic: answer cards laid out
once, misses handed to the journal together, long-lived objects out of the garbage collector's way."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from bot.app.client import StoryBot
from bot.app.screens import answering
from bot.app.screens.answering import answer_reply
from bot.core.answers import Kind
from bot.core.engine import Engine
from bot.core.storage import journal as journal_module
from tests.conftest import KNOWLEDGE


def test_an_answer_card_is_laid_out_once_and_sends_as_a_fresh_one(bot: StoryBot) -> None:
    result = bot.engine.ask("who runs the space station?")
    assert result.kind is Kind.ANSWER
    first, again = answer_reply(result, bot.engine), answer_reply(result, bot.engine)
    assert first is not again  # a reply of its own: a caller may change its content
    assert first.embed is again.embed and first.view is again.view
    answering._cards.clear()
    fresh = answer_reply(result, bot.engine)
    assert fresh.embed is not first.embed
    assert first.embed is not None and fresh.embed is not None and first.view is not None and fresh.view is not None
    assert first.embed.to_dict() == fresh.embed.to_dict()
    assert first.view.to_components() == fresh.view.to_components()
    other = Engine.load(KNOWLEDGE)  # a new knowledge base lays its cards out anew
    assert answer_reply(other.ask("who runs the space station?"), other).embed is not first.embed


def test_the_cards_kept_are_bounded(bot: StoryBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answering, "CARDS_KEPT", 2)
    for question in ("who runs the space station?", "when did the war start", "who is kathy lueders"):
        answer_reply(bot.engine.ask(question), bot.engine)
    assert len(answering._cards[bot.engine]) == 2


async def test_misses_go_to_the_journal_at_once_and_are_committed_together(bot: StoryBot,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_module, "GATHER", 60.0)  # only closing the journal ends the gathering here
    journal = await asyncio.to_thread(lambda: bot.journal)
    handed: list[str] = []
    commits: list[int] = []
    record, write = journal.record_unanswered_later, journal._write_unanswered
    monkeypatch.setattr(journal, "record_unanswered_later",
                        lambda question, guild: (handed.append(question), record(question, guild)))
    monkeypatch.setattr(journal, "_write_unanswered", lambda rows: (commits.append(len(rows)), write(rows)))
    for question in ("who won the world cup in 1998?", "what is the capital of peru?",
                     "who won the world cup in 1998?"):
        await bot.note_result(bot.engine.ask(question), 42)
    assert len(handed) == 3  # handed over as they come: the writer gathers them, nothing waits here
    await bot.close_journal()
    assert commits == [3]
    assert sorted(u.count for u in journal.unanswered()) == [1, 2]


async def test_misses_are_counted_when_the_journal_is_read_and_at_close(bot: StoryBot) -> None:
    journal = await asyncio.to_thread(lambda: bot.journal)
    await bot.note_result(bot.engine.ask("who won the world cup in 1998?"), 42)
    assert [u.count for u in await asyncio.to_thread(journal.unanswered)] == [1]
    await bot.note_result(bot.engine.ask("who won the world cup in 1998?"), 42)
    await bot.close_journal()
    assert [u.count for u in journal.unanswered()] == [2]


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the test process's other objects go back to the collector


async def test_what_lives_as_long_as_the_bot_is_frozen_out_of_collections(bot: StoryBot, unfrozen: None) -> None:
    gc.unfreeze()
    await bot.on_ready()
    assert gc.get_freeze_count() > 0
    assert not any(obj is bot.engine.kb for obj in gc.get_objects())
    engine = Engine.load(KNOWLEDGE)
    assert any(obj is engine.kb for obj in gc.get_objects())
    bot.engine = engine  # a reload: the new engine joins them
    assert not any(obj is engine.kb for obj in gc.get_objects())  # frozen: no collection walks it

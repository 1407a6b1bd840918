"""The bot notes what it could not answer without waiting: not for the disk, not for another
process holding the journal's write lock (the CLI, say), so a burst of misses costs nothing."""

from __future__ import annotations

import asyncio
import sqlite3
import time

from bot.app.client import StoryBot
from bot.core.answers import Kind


async def test_noting_a_miss_never_waits_for_the_journals_lock(bot: StoryBot) -> None:
    journal = await asyncio.to_thread(lambda: bot.journal)  # opened off the loop, as setup_hook does
    result = bot.engine.ask("who won the world cup in 1998?")
    assert result.kind in (Kind.DECLINE, Kind.GAP)
    other = sqlite3.connect(journal.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        began = time.monotonic()
        async with asyncio.timeout(2):
            for _ in range(50):
                await bot.note_result(result, 42)
        assert time.monotonic() - began < 0.5, "noting 50 misses waited for the journal"
    finally:
        other.execute("COMMIT")
        other.close()
    await bot.close_journal()  # writes what is queued
    counts = {u.question: u.count for u in journal.unanswered()}
    assert list(counts.values()) == [50], counts


async def test_only_what_a_moderator_could_teach_is_noted(bot: StoryBot) -> None:
    journal = await asyncio.to_thread(lambda: bot.journal)
    engine = bot.engine
    gap = next(e for e in engine.kb.entries if not e.from_article and e.questions
               and engine.ask(e.questions[0]).entry == e.id)
    listed = engine.ask(gap.questions[0].upper())  # its own question, read as check compares them: case aside
    assert listed.kind is Kind.GAP and listed.entry == gap.id
    mash, hello = engine.ask("asdfgh jkl qwrtzp"), engine.ask("hi there")
    assert mash.kind is hello.kind is Kind.DECLINE
    for result in (listed, hello, engine.ask("who won the world cup in 1998?")):
        await bot.note_result(result, 42)
    await bot.note_result(mash, 42, engine.miss(mash))
    await bot.close_journal()
    assert [u.question for u in journal.unanswered()] == ["who won the world cup in 1998"]


async def test_a_listed_question_another_entry_takes_is_noted_for_a_look(bot: StoryBot) -> None:
    journal = await asyncio.to_thread(lambda: bot.journal)
    engine = bot.engine
    taken = next((q for e in engine.kb.entries for q, _ in engine.answered_elsewhere(e.id)
                  if engine.ask(q).kind is Kind.GAP), None)
    assert taken is not None, "the shipped knowledge base has such a question (the test needs one)"
    await bot.note_result(engine.ask(taken), 42)  # a gap took another entry's own question
    await bot.close_journal()
    assert len(journal.unanswered()) == 1

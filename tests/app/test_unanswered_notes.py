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


async def test_a_question_an_entry_already_lists_and_keyboard_mash_are_not_noted(bot: StoryBot) -> None:
    journal = await asyncio.to_thread(lambda: bot.journal)
    gap = next(e for e in bot.engine.kb.entries if not e.from_article and e.questions)
    listed = bot.engine.ask(gap.questions[0].upper())  # read as check compares questions: case aside
    mash = bot.engine.ask("asdfgh jkl qwrtzp")
    unlisted = bot.engine.ask("who won the world cup in 1998?")
    assert listed.kind is Kind.GAP and mash.kind is Kind.DECLINE
    for result in (listed, mash, unlisted):
        await bot.note_result(result, 42)
    await bot.close_journal()
    assert [u.question for u in journal.unanswered()] == ["who won the world cup in 1998"]

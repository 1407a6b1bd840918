"""A journal the bot had to start anew is announced in the moderators' log channel."""

from __future__ import annotations

import asyncio
import os
from unittest.mock import AsyncMock

from bot.app.client import StoryBot
from bot.core.storage.journal import FILE_NAME


async def test_a_corrupt_journal_is_announced_in_the_mod_log(bot: StoryBot) -> None:
    bot.settings.data_dir.mkdir(parents=True)
    (bot.settings.data_dir / FILE_NAME).write_bytes(os.urandom(8192))
    bot._event_loop = asyncio.get_running_loop()  # what setup_hook does
    announce = AsyncMock()
    bot.live.announce = announce  # type: ignore[method-assign]
    assert await asyncio.to_thread(bot.journal.unanswered) == []
    for _ in range(5):
        await asyncio.sleep(0)
    announce.assert_awaited_once()
    (text,) = announce.await_args.args
    assert text.startswith("⚠️ The journal") and "is corrupt" in text and "knowledge files are untouched" in text

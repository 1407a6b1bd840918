"""Keeping the bot's knowledge base current: after an edit, on /kb reload, and on hand edits.

The rule is the same everywhere: a new knowledge base replaces the live one only when it has
no errors. Otherwise the old one keeps answering, and the errors go to the log and the
moderators' log channel. Hand edits are noticed by polling the folder's file sizes and
times every couple of seconds: for a handful of files that is cheap and works the same on
every system and editor, so no file-watching dependency is needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

import discord

from bot.app.limits import CONTENT, clip
from bot.core.engine import Engine
from bot.core.files import file_lock
from bot.core.knowledge import KnowledgeBase
from bot.core.loading import LoadResult, fingerprint, load_knowledge
from bot.core.problems import Problem
from bot.core.store import LOCK_FILE

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.knowledge")

POLL_SECONDS = 2.0


def writable(directory: Path) -> bool:
    """Whether this process may write in ``directory`` (False on a read-only mount, even for root)."""
    return os.access(directory, os.W_OK)


class LiveKnowledge:
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.directory = bot.settings.knowledge_dir
        self._seen = fingerprint(self.directory)
        self._task: asyncio.Task[None] | None = None
        self._reported: tuple[tuple[str, int, int], ...] | None = None
        self._swap = asyncio.Lock()  # one swap at a time, so an older knowledge base never replaces a newer one
        self._change = 0

    async def adopt(self, kb: KnowledgeBase, change_id: int) -> None:
        """Make a knowledge base that the store just validated and wrote (change ``change_id``) the live one."""
        async with self._swap:
            if change_id < self._change:
                return  # a later change is already live
            engine = await asyncio.to_thread(Engine, kb)
            self.bot.engine = engine
            self._change = change_id
            self._seen = fingerprint(self.directory)

    async def reload(self) -> list[Problem]:
        """Read the folder again; swap it in if it is valid, else keep the old one and return the errors."""
        async with self._swap:
            seen = fingerprint(self.directory)
            try:
                result = await asyncio.to_thread(self._read_locked)
            finally:
                self._seen = seen
            if result.kb is None:
                return result.problems.errors
            self.bot.engine = await asyncio.to_thread(Engine, result.kb)
        log.info("knowledge base reloaded: %d entries", len(result.kb.entries))
        return []

    def _read_locked(self) -> LoadResult:
        """Read under the store's lock, so a change being written is seen whole or not at all.

        A folder this process can't write (a read-only deployment: edits are off) can't hold the
        lock file either; the store can't be writing in it from here, so it is read as it is.
        """
        if not writable(self.directory):
            return load_knowledge(self.directory, None, False)
        with file_lock(self.directory / LOCK_FILE):
            return load_knowledge(self.directory, None, False)

    def start(self, interval: float = POLL_SECONDS) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._watch(interval), name="storybot-knowledge-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _watch(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await self.check_once()
            except Exception:  # the watcher must outlive any one bad reload
                log.exception("checking the knowledge folder failed")

    async def check_once(self) -> bool:
        """Reload if the files changed since last seen; True when something changed."""
        current = fingerprint(self.directory)
        if current == self._seen:
            return False
        problems = await self.reload()
        if problems:
            log.error("knowledge files changed on disk but have errors; the previous knowledge base stays live:\n%s",
                      "\n".join(str(p) for p in problems))
            if self._reported != current:
                self._reported = current
                await self.announce("⚠️ The knowledge files were edited on disk, but they have errors, so the "
                                    "previous knowledge base is still answering:\n" +
                                    "\n".join(f"• {p}" for p in problems[:10]))
        else:
            await self.announce(f"🔄 Reloaded the knowledge base after an edit on disk "
                                f"({len(self.bot.engine.kb.entries)} entries).")
        return True

    async def announce(self, text: str) -> None:
        """Post to the moderators' log channel, if there is one; never fail the caller."""
        channel_id = self.bot.settings.mod_log_channel_id
        if channel_id is None:
            return
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
            if isinstance(channel, discord.abc.Messageable):
                await channel.send(clip(text, CONTENT))
        except discord.HTTPException as exc:
            log.warning("could not post to the mod-log channel %s: %s", channel_id, exc)

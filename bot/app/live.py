"""Keeping the bot's knowledge base current: after an edit, on /kb reload, and on hand edits.

The rule is the same everywhere: a new knowledge base replaces the live one only when it has
no errors. Otherwise the old one keeps answering, and the errors go to the log and the
moderators' log channel.

Changes on disk are noticed by polling: every 2 s the folder's file names, sizes and times are
compared (a few ``stat`` calls). We keep polling rather than use ``watchfiles``: for a handful of
files it costs nothing, it is the same on every system, and it also sees changes that file-system
events miss (network and container bind mounts, WSL, a ``git checkout`` swapping the folder), with
no native dependency to install on a Raspberry Pi or Windows; 2 s is quick enough for a hand edit.

The store's own writes never look like hand edits. What counts is content, not times: the bot
keeps a digest of every file its live knowledge base was built from, and after a store change the
journal says what each file it wrote now holds. A file that changed on disk is a hand edit only if
its content is neither what the bot already has nor what the store's last change to it wrote; a
store change made elsewhere (``python -m bot kb`` in a terminal) is made live quietly, and a store
change of this bot, seen before it is adopted, is not reloaded a second time.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import aiohttp
import discord

from bot.app.screens.limits import CONTENT, clip
from bot.app.screens.refusals import problem_line
from bot.core.engine import Engine
from bot.core.knowledge import KnowledgeBase
from bot.core.knowledge.loading import ARTICLE_FILE, LoadResult, fingerprint, load_knowledge, yaml_files
from bot.core.knowledge.problems import Problem
from bot.core.storage.files import file_lock
from bot.core.storage.store import LOCK_FILE

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.knowledge")
T = TypeVar("T")

POLL_SECONDS = 2.0


def writable(directory: Path) -> bool:
    """Whether this process may write in ``directory`` (False on a read-only mount, even for root)."""
    return os.access(directory, os.W_OK)


Digests = dict[str, str]  # knowledge file name -> SHA-256 of its bytes
#: How many recent store changes are looked at to tell a store write from a hand edit.
RECENT_CHANGES = 50


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(directory: Path) -> Digests:
    """The content of each knowledge file (the article and the YAML), as digests."""
    found: Digests = {}
    try:
        names = [ARTICLE_FILE, *yaml_files(directory)]
    except OSError:
        return found
    for name in names:
        with contextlib.suppress(OSError):
            found[name] = _digest((directory / name).read_bytes())
    return found


class LiveKnowledge:
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.directory = bot.settings.knowledge_dir
        self._seen = fingerprint(self.directory)
        self._known = digests(self.directory)  # what the live knowledge base was built from
        self._task: asyncio.Task[None] | None = None
        self._reported: tuple[tuple[str, int, int], ...] | None = None
        self._swap = asyncio.Lock()  # one swap at a time, so an older knowledge base never replaces a newer one
        self._change = 0

    async def adopt(self, kb: KnowledgeBase, change_id: int) -> None:
        """Make a knowledge base that the store just validated and wrote (change ``change_id``) the live one."""
        async with self._swap:
            if change_id <= self._change:
                return  # this change (seen on disk first) or a later one is already live
            record = await asyncio.to_thread(self.bot.journal.change, change_id)
            engine = await asyncio.to_thread(Engine, kb)
            self.bot.engine = engine
            self._change = change_id
            # What the store wrote, from the journal, not from the disk: a hand edit made since
            # must still show up as one.
            for name, (_, after) in (record.files if record else {}).items():
                if after is None:
                    self._known.pop(name, None)
                else:
                    self._known[name] = _digest(after.encode("utf-8"))

    async def reload(self, change_id: int = 0) -> list[Problem]:
        """Read the folder again; swap it in if it is valid, else keep the old one and return the errors."""
        async with self._swap:
            seen = fingerprint(self.directory)
            try:
                result, read = await asyncio.to_thread(self._locked, self._read)
            finally:
                self._seen = seen
            if result.kb is None:
                return result.problems.errors
            self.bot.engine = await asyncio.to_thread(Engine, result.kb)
            self._known = read
            self._change = max(self._change, change_id)
        log.info("knowledge base reloaded: %d entries", len(result.kb.entries))
        return []

    def _read(self) -> tuple[LoadResult, Digests]:
        return load_knowledge(self.directory, None, False), digests(self.directory)

    def _locked(self, action: Callable[[], T]) -> T:
        """Run ``action`` under the store's lock, so a change being written is seen whole or not at all.

        A folder this process can't write (a read-only deployment: edits are off) can't hold the
        lock file either; the store can't be writing in it from here, so it is read as it is.
        """
        if not writable(self.directory):
            return action()
        with file_lock(self.directory / LOCK_FILE):
            return action()

    def _observe(self) -> tuple[set[str], int | None]:
        """The files whose content changed, and the store change that explains them all (if one does)."""
        now = digests(self.directory)
        changed = {name for name in now.keys() | self._known.keys() if now.get(name) != self._known.get(name)}
        if not changed:
            return changed, None
        last_write: dict[str, tuple[int, str | None]] = {}  # file -> (change, text after) of its last store write
        try:
            records = self.bot.journal.history(limit=RECENT_CHANGES)  # newest first
        except sqlite3.Error:
            log.warning("could not read the journal; the changed files count as hand edits", exc_info=True)
            records = []
        for record in records:
            for name, (_, after) in record.files.items():
                last_write.setdefault(name, (record.id, after))
        for name in changed:
            if name not in last_write:
                return changed, None
            after = last_write[name][1]
            if now.get(name) != (None if after is None else _digest(after.encode("utf-8"))):
                return changed, None
        return changed, max(last_write[name][0] for name in changed)

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
        changed, store_change = await asyncio.to_thread(self._locked, self._observe)
        if not changed:  # touched, or rewritten as it was, or the store's change already live
            self._seen = current
            return False
        if store_change is not None:  # written by the store (here, not adopted yet, or by another process)
            problems = await self.reload(store_change)
            if not problems:
                log.info("knowledge base: change %d from the store is live (%s)", store_change,
                         ", ".join(sorted(changed)))
                return True
        else:
            problems = await self.reload()
        if problems:
            log.error("knowledge files changed on disk but have errors; the previous knowledge base stays live:\n%s",
                      "\n".join(str(p) for p in problems))
            if self._reported != current:
                self._reported = current
                await self.announce("⚠️ The knowledge files were edited on disk, but they have errors, so the "
                                    "previous knowledge base is still answering:\n" +
                                    "\n".join(f"• {problem_line(p)}" for p in problems[:10]))
        else:
            await self.announce(f"🔄 Reloaded the knowledge base after an edit on disk "
                                f"({len(self.bot.engine.kb.entries)} entries).")
        return True

    async def check_mod_log(self) -> str | None:
        """At start-up, whether the moderators' log channel can be posted to, so the operator hears of a wrong
        MOD_LOG_CHANNEL_ID now, not from a moderator after the first change. What is wrong (``None``: fine or unset)."""
        channel_id = self.bot.settings.mod_log_channel_id
        if channel_id is None:
            return None
        trouble: str | None = None
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        except discord.Forbidden:
            trouble = "the bot lacks the permission to see it"
        except discord.NotFound:
            trouble = "no channel has that id"
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:  # Discord down is no wrong setting
            log.warning("could not look up the mod-log channel %s (%s); it is tried again at the first change",
                        channel_id, getattr(exc, "status", type(exc).__name__))
            return None
        else:
            if not isinstance(channel, discord.abc.Messageable):
                trouble = "it is not a channel messages can be sent to"
            elif isinstance(channel, discord.abc.GuildChannel):
                allowed = channel.permissions_for(channel.guild.me)
                if not (allowed.view_channel and allowed.send_messages):
                    trouble = "the bot lacks View Channel or Send Messages there"
        if trouble is not None:
            log.warning("the mod-log channel %s can't be posted to: %s, so changes won't be logged; set "
                        "MOD_LOG_CHANNEL_ID to a channel the bot can post in, or give it View Channel and Send "
                        "Messages there", channel_id, trouble)
        return trouble

    async def announce(self, text: str) -> str | None:
        """Post to the moderators' log channel, if there is one; never fail the caller. What kept it from
        being posted, in words for a moderator (``None``: posted, or no channel set)."""
        channel_id = self.bot.settings.mod_log_channel_id
        if channel_id is None:
            return None
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                trouble = "it is not a channel messages can be sent to"
            else:
                await channel.send(clip(text, CONTENT))
                return None
        except discord.Forbidden:
            trouble = "the bot lacks the permission to see it or send messages there"
        except discord.NotFound:
            trouble = "the channel no longer exists"
        except discord.HTTPException as exc:
            trouble = f"Discord refused it ({exc.status})"
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:  # the connection dropped: the change stands
            trouble = f"the connection to Discord failed ({type(exc).__name__})"
        log.warning("could not post to the mod-log channel %s: %s (MOD_LOG_CHANNEL_ID)", channel_id, trouble)
        return trouble

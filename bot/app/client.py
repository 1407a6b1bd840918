"""``create_bot``: the Discord face, wired over the core and ready to connect.

The bot holds one ``Engine``; replacing it (reload, an edit) swaps the whole knowledge base at
once. Replies never ping anyone: ``allowed_mentions`` is none on the client itself.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sqlite3
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import discord
from discord.ext import commands

from bot.app.cogs import EXTENSIONS
from bot.app.cogs.listener import PASSIVE_PER, PASSIVE_RATE
from bot.app.cooldowns import UserCooldowns
from bot.app.live import LiveKnowledge
from bot.app.screens.kb_views import KB_DYNAMIC_ITEMS, PendingImport, stale_form
from bot.app.screens.views import DYNAMIC_ITEMS
from bot.app.tree import StoryTree
from bot.app.worker import EngineWorker
from bot.config import Settings, installed_copy_note
from bot.core.answers import Kind, Result
from bot.core.engine import Engine
from bot.core.matching.words.normalize import clean
from bot.core.misses import Miss
from bot.core.small_talk import small_talk
from bot.core.storage.errors import StoreError
from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore

log = logging.getLogger("storybot")

REMEMBERED_LIGHT_BULBS = 5_000
UNANSWERED_CHARS = 300
#: Connections the bot's HTTP client keeps open to Discord, reused (keep-alive) like a browser's or
#: aiohttp's own pool. discord.py's default has no limit: a burst of 1,000 replies opened 1,000.
HTTP_CONNECTIONS = 64


class BoundedSet:
    """Remembers the most recent ``size`` items (message ids already answered)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[int, None] = OrderedDict()
        self._size = size

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def add(self, item: int) -> None:
        self._items[item] = None
        self._items.move_to_end(item)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def keep_long_lived() -> None:
    """Take what lives as long as the bot (the engine's index and texts, the modules, discord.py's
    state) out of the garbage collector's way: ``gc.freeze`` moves every object tracked now into a
    generation that collections skip. Without it, every full collection walks the whole engine
    again: about 90 ms with the event loop stopped (every interaction arriving then waits), soon
    after each new engine and whenever enough new objects have lived long enough. The engine holds
    no reference cycles, so a replaced one is still freed as soon as nothing refers to it; the young
    collection first leaves out most of the garbage that is about to go anyway."""
    gc.collect(1)
    gc.freeze()


class StoryBotMixin:
    """What Storybot adds to discord.py's bot classes (plain or auto-sharded)."""

    settings: Settings
    tree: StoryTree
    _engine: Engine
    _running = False  # connected once: a new engine is then frozen as it comes in (keep_long_lived)

    @property
    def engine(self) -> Engine:
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        """The knowledge base swapped at once (a reload, an edit)."""
        self._engine = engine
        if self._running:
            keep_long_lived()

    def _init_story(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.worker = EngineWorker()  # the engine's matching, off the event loop (bot.app.worker)
        #: reads that must come before a modal (bot.app.screens.kb_views.read_in_time), kept out of the default pool
        self.reads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="storybot-kb-read")
        self.cooldowns = UserCooldowns()
        self.vote_cooldowns = UserCooldowns()  # 👍/👎 presses, at the same rate as questions
        self.light_bulb_cooldowns = UserCooldowns(PASSIVE_RATE, PASSIVE_PER)  # 💡 checks of a watched channel
        self.light_bulbs_answered = BoundedSet(REMEMBERED_LIGHT_BULBS)
        self.light_bulbs_answering: set[int] = set()  # 💡 clicks being answered right now
        #: a click that came while its message was being answered, kept in case that answer falls through
        self.light_bulbs_waiting: dict[int, discord.RawReactionActionEvent] = {}
        self.pending_imports: dict[str, PendingImport] = {}
        self.extensions_loaded = False
        self.live = LiveKnowledge(self)  # type: ignore[arg-type]
        self._journal: Journal | None = None
        self._event_loop: asyncio.AbstractEventLoop | None = None

    @property
    def journal(self) -> Journal:
        """Opened on first use, so building the bot (e.g. to list its commands) writes nothing."""
        if self._journal is None:
            self._journal = Journal(self.settings.data_dir, on_reset=self._journal_reset,
                                    folder=self.settings.knowledge_dir)
        return self._journal

    def _journal_reset(self, message: str) -> None:
        """The journal had to start anew (deleted, corrupt): tell the moderators. Called from any thread."""
        loop = self._event_loop
        if loop is not None and not loop.is_closed():
            text = f"⚠️ {message[:1].upper()}{message[1:]}."
            loop.call_soon_threadsafe(lambda: loop.create_task(self.live.announce(text)))

    @property
    def store(self) -> KnowledgeStore:
        return KnowledgeStore(self.settings.knowledge_dir, self.journal,
                              edits_off=installed_copy_note(self.settings.knowledge_dir), command=in_discord)

    async def note_result(self, result: Result, guild_id: int | None, miss: Miss | None = None) -> None:
        """Every reply passes here, so the journal keeps what the bot could not answer (no user ids).
        The log keeps which entry answered: members see the story as the source, moderators the ids."""
        log.debug("reply in guild %s: %s, entry %s, score %.3f", guild_id, result.kind.value, result.entry,
                  result.score)
        if result.kind in (Kind.DECLINE, Kind.GAP):
            question = clean(result.question)[:UNANSWERED_CHARS]
            if not question or miss in (Miss.UNREADABLE, Miss.NO_SUCH_PARAGRAPH) or self._nothing_to_teach(result):
                return
            try:  # handed to the journal's writer, which gathers misses into one commit: no waiting here
                self.journal.record_unanswered_later(question, guild_id)
            except sqlite3.Error:  # opening the journal failed
                log.exception("could not record an unanswered question")

    def _nothing_to_teach(self, result: Result) -> bool:
        """Small talk, or a gap's own question answered by that gap: a moderator could add nothing. (A listed
        question another entry takes, or none, is kept: that entry needs a look.)"""
        if result.kind is Kind.DECLINE and small_talk(result.question) is not None:
            return True
        listing = self.engine.listed_in(result.question)
        return listing is not None and listing.id == result.entry

    async def close(self) -> None:
        """Stop watching the files, disconnect (the library's own close), then end the answer worker, the reads pool
        and the journal, in that order."""
        await self.live.stop()
        await super().close()  # type: ignore[misc]
        await asyncio.to_thread(self.worker.close)  # before the journal: no answer is noted after it closes
        self.reads.shutdown(wait=False, cancel_futures=True)
        await self.close_journal()

    async def close_journal(self) -> None:
        """Write the unanswered questions still queued, and close the journal's connections."""
        if self._journal is not None:
            await asyncio.to_thread(self._journal.close)
        log.info("stopped: the journal is written and closed")

    async def load_story_extensions(self) -> None:
        """Load the cogs and the persistent buttons (also used without connecting, to list commands)."""
        if self.extensions_loaded:
            return
        for extension in EXTENSIONS:
            await self.load_extension(extension)  # type: ignore[attr-defined]
        self.add_dynamic_items(*DYNAMIC_ITEMS, *KB_DYNAMIC_ITEMS)  # type: ignore[attr-defined]
        self.extensions_loaded = True

    async def login(self, token: str) -> None:
        """A bounded pool of reused connections (made here, inside the event loop, as aiohttp wants),
        unless ``create_bot`` was given a connector."""
        http = self.http  # type: ignore[attr-defined]
        if http.connector is discord.utils.MISSING:
            http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)  # type: ignore[misc]

    @property
    def has_been_ready(self) -> bool:
        """Connected to Discord at least once since it was made."""
        return self._running

    async def setup_hook(self) -> None:
        self._event_loop = asyncio.get_running_loop()
        await self.load_story_extensions()
        try:  # a change a killed process left half done is finished or dropped before anything else
            await asyncio.to_thread(self.store.recover)
        except (StoreError, OSError, sqlite3.Error) as exc:
            log.error("could not check the knowledge store for interrupted changes: %s", exc)
        read_only = self.store.read_only()
        if read_only:
            log.warning("%s; answering and reloading work as usual", read_only)
        self.live.start()
        guild_id = self.settings.dev_guild_id
        if guild_id is not None:
            # Development: guild commands update at once. Global sync is on purpose only (python -m bot sync).
            synced = await self.tree.sync_to_guild(guild_id)
            log.info("synced %d commands to the development server %s", len(synced), guild_id)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Every interaction passes here too; only a form's submit that no open form waits for is answered here."""
        try:
            await stale_form(interaction)
        except discord.HTTPException as exc:
            log.warning("could not hand back a stale form's text: %s", exc)

    async def on_message(self, message: discord.Message) -> None:
        """No text commands: mentions and DMs are answered by the listener cog. (The default would
        read "@bot who runs it" as a command called "who" and log an error for every question.)"""

    async def on_ready(self) -> None:
        if not self._running:  # started: what is loaded now lives as long as the bot
            self._running = True
            gc.collect()
            keep_long_lived()
            await self.live.check_mod_log()
        user = self.user  # type: ignore[attr-defined]
        log.info("connected as %s (%s) to %d server(s); knowledge base: %d entries from %s", user,
                 getattr(user, "id", "?"), len(self.guilds), len(self.engine.kb.entries),  # type: ignore[attr-defined]
                 self.settings.knowledge_dir)


DISCORD_COMMANDS = {"check": "/kb reload", "kb list": "/kb show"}  # /kb show's entry box lists every id


def in_discord(rest: str) -> str:
    """How a hint names a command to a moderator in Discord: the slash command that does it."""
    return DISCORD_COMMANDS.get(rest, f"/{rest}")


class StoryBot(StoryBotMixin, commands.Bot):
    """One connection to Discord."""


class ShardedStoryBot(StoryBotMixin, commands.AutoShardedBot):
    """One connection per shard, for a bot in very many servers."""


def intents_for(settings: Settings) -> discord.Intents:
    """Only what is used. Message Content is privileged: needed only to watch ASK_CHANNEL_IDS."""
    intents = discord.Intents.default()
    intents.message_content = bool(settings.ask_channel_ids)
    intents.members = False
    intents.presences = False
    intents.typing = False
    return intents


def create_bot(settings: Settings | None = None, engine: Engine | None = None, **options: Any) -> StoryBot:
    """The fully wired bot, not connected. ``settings=None`` reads the environment and ``.env``.

    Raises ``KnowledgeError`` when the knowledge base has errors: a bot must not start on one.
    """
    settings = settings or Settings.from_env()
    # The bot never joins voice: no warnings about voice libraries (PyNaCl, and davey for DAVE encryption).
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    engine = engine or Engine.load(settings.knowledge_dir, cache_dir=settings.cache_dir)
    kwargs: dict[str, Any] = {
        "command_prefix": commands.when_mentioned,
        "help_command": None,
        "intents": intents_for(settings),
        "allowed_mentions": discord.AllowedMentions.none(),
        "tree_cls": StoryTree,
        "application_id": settings.application_id,
        **options,
    }
    cls: type[StoryBot] = StoryBot
    if settings.sharded:
        cls = ShardedStoryBot  # type: ignore[assignment]
        if settings.shard_count:
            kwargs["shard_count"] = settings.shard_count
    bot = cls(**kwargs)
    bot._init_story(settings, engine)
    return bot

"""Running the bot, syncing its commands, and the invite link: the operator's commands."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

import aiohttp
import discord

from bot.app.client import create_bot
from bot.config import Settings
from bot.core.engine import KnowledgeError
from bot.logs import setup_logging
from bot.terminal import program

log = logging.getLogger("storybot")

# The least the bot needs: see and answer in channels, embeds, replies that quote the question
# (Read Message History) and the 💡 / ⏳ reactions. Slash commands need no permission bit.
INVITE_PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, send_messages_in_threads=True,
                                         embed_links=True, read_message_history=True, add_reactions=True)
SCOPES = ("bot", "applications.commands")


def _setup_logging(settings: Settings) -> None:
    setup_logging(settings.log_level, settings.log_format)


def _print_knowledge_errors(exc: KnowledgeError, settings: Settings) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"The knowledge base in {settings.knowledge_dir} has errors; fix them ({program()} check) and start "
          "again.", file=sys.stderr)


def _explain(exc: BaseException, settings: Settings) -> str | None:
    """What to tell the operator when talking to Discord failed; ``None`` for a bug (re-raised)."""
    if isinstance(exc, KnowledgeError):
        _print_knowledge_errors(exc, settings)
        return ""
    if isinstance(exc, discord.LoginFailure):
        return ("Discord refused the token: reset it in the developer portal (Bot > Reset Token) and put the new "
                "one in DISCORD_TOKEN.")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return ("ASK_CHANNEL_IDS needs the Message Content intent: turn it on in the developer portal (Bot > "
                "Privileged Gateway Intents), or leave ASK_CHANNEL_IDS empty.")
    if isinstance(exc, discord.HTTPException):
        return f"Discord refused the request: {exc.status} {exc.text or ''}".strip()
    if isinstance(exc, aiohttp.ClientError | OSError | asyncio.TimeoutError):
        return f"Could not reach Discord ({type(exc).__name__}): check the network connection and try again."
    return None


def _guarded(action: Callable[[], int], settings: Settings, command: str = "") -> int:
    """``action``, with a failure to talk to Discord told in one sentence (after 'storybot COMMAND:' if given)."""
    try:
        return action()
    except Exception as exc:
        message = _explain(exc, settings)
        if message is None:
            raise
        if message:
            print(f"storybot {command}: {message}" if command else message, file=sys.stderr)
        return 1


def run_discord(settings: Settings) -> int:
    _setup_logging(settings)
    log.info("Discord mode: DISCORD_TOKEN is set")

    def run() -> int:
        create_bot(settings).run(settings.discord_token, log_handler=None)
        return 0

    return _guarded(run, settings)


async def _sync(settings: Settings, guild_id: int | None) -> int:
    bot = create_bot(settings)
    try:
        await bot.login(settings.discord_token)
        await bot.load_story_extensions()
        if guild_id is not None:
            synced = await bot.tree.sync_to_guild(guild_id)
            print(f"Synced {len(synced)} commands to server {guild_id} (they show up at once).")
        else:
            synced = await bot.tree.sync()
            print(f"Synced {len(synced)} commands globally (Discord can take up to an hour to show changes).")
        print("Commands: " + ", ".join(f"/{c.name}" for c in synced))
        return 0
    finally:
        await bot.close()


def sync_commands(settings: Settings, guild_id: int | None) -> int:
    if not settings.has_token:
        print("storybot sync: sync needs DISCORD_TOKEN — set it in the environment or in .env", file=sys.stderr)
        return 2
    _setup_logging(settings)
    return _guarded(lambda: asyncio.run(_sync(settings, guild_id)), settings, "sync")


async def _application_id(token: str) -> int:
    client = discord.Client(intents=discord.Intents.none())
    try:
        await client.login(token)
        info = await client.application_info()
        return info.id
    finally:
        await client.close()


def invite_url(client_id: int) -> str:
    return discord.utils.oauth_url(client_id, permissions=INVITE_PERMISSIONS, scopes=SCOPES)


def print_invite(settings: Settings, client_id: int | None) -> int:
    client_id = client_id or settings.application_id
    if client_id is None:
        if not settings.has_token:
            print("storybot invite: invite needs the application id — pass --client-id ID, set APPLICATION_ID, or set "
                  "DISCORD_TOKEN so it can be looked up", file=sys.stderr)
            return 2
        return _guarded(lambda: _print_looked_up_invite(settings), settings, "invite")
    print(invite_url(client_id))
    return 0


def _print_looked_up_invite(settings: Settings) -> int:
    print(invite_url(asyncio.run(_application_id(settings.discord_token))))
    return 0

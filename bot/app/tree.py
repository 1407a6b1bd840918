"""The command tree, with the one error handler every command, button and modal goes through.

A user gets a short ephemeral message; the log gets the details. Expired interactions (10062)
and missing permissions are logged, not re-raised: no single interaction can stop the bot.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import discord
from discord import app_commands

from bot.app.backlog import Backlog
from bot.app.cooldowns import wait_text
from bot.app.moderators import NotModerator
from bot.app.replies import send_ephemeral
from bot.app.screens.limits import clip
from bot.core.storage.journal import DamagedRecord

log = logging.getLogger("storybot.errors")

UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060


def _describe(interaction: discord.Interaction[Any]) -> str:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data: Any = interaction.data or {}
    return f"component {data.get('custom_id')!r}"


def user_message(error: Exception) -> str | None:
    """What the user is told for an error; ``None`` when nobody can be told."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: {wait_text(error.retry_after)}."
    if isinstance(error, NotModerator) and error.manages_server:
        # every server shares one knowledge base, so Manage Server counts only where the operator says
        return ("Only moderators can use /kb. Manage Server counts only in the servers the bot's operator lists "
                "(every server shares one knowledge base); elsewhere, ask the operator for a moderator role.")
    if isinstance(error, NotModerator):
        return "Only moderators (Manage Server, or a moderator role) can use /kb."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.MissingPermissions | app_commands.MissingAnyRole | app_commands.CheckFailure):
        return "You don't have permission to do that."
    if isinstance(error, discord.NotFound) and error.code == UNKNOWN_INTERACTION:
        return None  # the interaction expired; there is nothing left to answer
    if isinstance(error, discord.HTTPException) and error.code == ALREADY_ACKNOWLEDGED:
        return None
    if isinstance(error, TimeoutError):
        return "That took me too long to answer, sorry. Please try again in a moment, or ask a shorter question."
    if isinstance(error, discord.Forbidden):
        return "I'm missing a permission in this channel, so I couldn't finish that. A server admin can fix it."
    if isinstance(error, DamagedRecord):  # its own sentence says what the operator can do about it
        return f"Nothing was changed: {error}."
    if isinstance(error, sqlite3.Error):  # a locked, full or damaged journal: nothing was changed by it
        return ("I couldn't read or write my journal just now (it may be busy or its disk full), so nothing was "
                "changed. Please try again in a minute; if it keeps happening, the bot's operator should check "
                "the log and the disk of the data folder.")
    return "Something went wrong on my side; it has been logged. Please try again."


async def report(interaction: discord.Interaction[Any], error: Exception) -> None:
    """Log an error with its context and tell the user what they can do about it."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    where = f"{_describe(interaction)} by user {interaction.user.id} in {interaction.channel_id}"
    if isinstance(original, app_commands.CommandOnCooldown | app_commands.CheckFailure):
        log.info("%s refused: %s", where, original)
    elif isinstance(original, discord.NotFound | discord.Forbidden):
        log.warning("%s failed: %s %s", where, type(original).__name__, original)
    elif isinstance(original, TimeoutError):
        log.warning("%s gave up: the engine's thread did not answer in time", where)
    else:
        log.error("%s failed", where, exc_info=original)
    message = user_message(error)
    if message is None:
        return
    try:
        await send_ephemeral(interaction, clip(message, 2000))
    except discord.HTTPException as exc:
        log.warning("%s: could not tell the user about the error: %s", where, exc)


class StoryTree(app_commands.CommandTree[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.backlog = Backlog()

    def _from_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """discord.py's own dispatch (one task per interaction), with the backlog counted around it."""
        self.backlog.arrived(interaction)

        async def wrapper() -> None:
            try:
                await self._call(interaction)
            except app_commands.AppCommandError as error:
                await self._dispatch_error(interaction, error)
            finally:
                self.backlog.acknowledged(interaction)  # at the latest when the command is over

        self.client.loop.create_task(wrapper(), name="CommandTree-invoker")

    async def on_error(self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError) -> None:
        await report(interaction, error)

    async def sync_to_guild(self, guild_id: int) -> list[app_commands.AppCommand]:
        """The global commands registered on one server, where (unlike global ones) they show up at once."""
        guild = discord.Object(id=guild_id)
        self.copy_global_to(guild=guild)
        return await self.sync(guild=guild)

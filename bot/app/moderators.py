"""Who may change the knowledge base from Discord.

There is one knowledge base for every server the bot is in, so "Manage Server" counts only in
the servers that run it (MOD_GUILD_IDS, and DEV_GUILD_ID): otherwise anyone who invited the
bot to a server of their own could edit everyone's answers. A role in MOD_ROLE_IDS counts
anywhere (role ids are unique to one server).
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.config import Settings

log = logging.getLogger("storybot.moderation")


def is_moderator(interaction: discord.Interaction[Any], settings: Settings) -> bool:
    user = interaction.user
    if interaction.guild is None or not isinstance(user, discord.Member):
        return False
    if any(role.id in settings.mod_role_ids for role in user.roles):
        return True
    return user.guild_permissions.manage_guild and interaction.guild_id in settings.moderating_guilds


def actor_name(interaction: discord.Interaction[Any]) -> str:
    """How the journal names who made a change (a display name, as moderators see it)."""
    return f"discord:{interaction.user.display_name} ({interaction.user.id})"


def log_refusal(interaction: discord.Interaction[Any], what: str) -> None:
    log.warning("refused %s for user %s (%s) in guild %s: not a moderator", what, interaction.user.id,
                interaction.user.name, interaction.guild_id)


class NotModerator(app_commands.CheckFailure):
    """Raised by the /kb group's check; the tree's handler tells the user who may use it (``manages_server``:
    they have Manage Server here, which this server doesn't count)."""

    def __init__(self, message: str, manages_server: bool = False) -> None:
        super().__init__(message)
        self.manages_server = manages_server


def manages_server(interaction: discord.Interaction[Any]) -> bool:
    user = interaction.user
    return isinstance(user, discord.Member) and user.guild_permissions.manage_guild

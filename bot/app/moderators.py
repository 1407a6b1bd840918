"""Who may change the knowledge base from Discord: Manage Server, or a role in MOD_ROLE_IDS."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger("storybot.moderation")


def is_moderator(interaction: discord.Interaction[Any], mod_role_ids: frozenset[int]) -> bool:
    user = interaction.user
    if interaction.guild is None or not isinstance(user, discord.Member):
        return False
    if user.guild_permissions.manage_guild:
        return True
    return any(role.id in mod_role_ids for role in user.roles)


def actor_name(interaction: discord.Interaction[Any]) -> str:
    """How the journal names who made a change (a display name, as moderators see it)."""
    return f"discord:{interaction.user.name}"


def log_refusal(interaction: discord.Interaction[Any], what: str) -> None:
    log.warning("refused %s for user %s (%s) in guild %s: not a moderator", what, interaction.user.id,
                interaction.user.name, interaction.guild_id)


class NotModerator(app_commands.CheckFailure):
    """Raised by the /kb group's check; the tree's handler tells the user who may use it."""

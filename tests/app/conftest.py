"""Spec'd mocks of discord objects: a typo in an attribute fails the test instead of passing."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest

from bot.app import create_bot
from bot.app.client import StoryBot
from bot.config import Settings
from tests.conftest import KNOWLEDGE


@pytest.fixture
def bot(tmp_path: Path) -> StoryBot:
    return create_bot(Settings(knowledge_dir=KNOWLEDGE, data_dir=tmp_path / "data"))


def make_interaction(user_id: int = 1001, guild_id: int | None = 42, manage_guild: bool = False,
                     role_ids: tuple[int, ...] = ()) -> Any:
    interaction = MagicMock(spec=discord.Interaction)
    interaction.response = MagicMock(spec=discord.InteractionResponse)
    interaction.response.send_message = AsyncMock()
    interaction.response.defer = AsyncMock()
    interaction.response.send_modal = AsyncMock()
    interaction.response.edit_message = AsyncMock()
    interaction.response.is_done = MagicMock(return_value=False)
    interaction.followup = MagicMock(spec=discord.Webhook)
    interaction.followup.send = AsyncMock()
    user = MagicMock(spec=discord.Member)
    user.id = user_id
    user.name = "tester"
    user.mention = f"<@{user_id}>"
    user.guild_permissions = discord.Permissions(manage_guild=manage_guild)
    roles = []
    for role_id in role_ids:
        role = MagicMock(spec=discord.Role)
        role.id = role_id
        roles.append(role)
    user.roles = roles
    interaction.user = user
    interaction.guild_id = guild_id
    interaction.guild = MagicMock(spec=discord.Guild) if guild_id else None
    interaction.channel_id = 7
    interaction.command = None
    interaction.data = {}
    return interaction


def sent(interaction: Any) -> dict[str, Any]:
    """The keyword arguments of the one response the bot sent."""
    interaction.response.send_message.assert_awaited_once()
    return dict(interaction.response.send_message.await_args.kwargs)

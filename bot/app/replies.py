"""Answering an interaction whether or not it has been answered already."""

from __future__ import annotations

from typing import Any

import discord


async def send(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
    """Reply to an interaction: the first response if there is none yet, else a follow-up."""
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def send_ephemeral(interaction: discord.Interaction[Any], content: str) -> None:
    await send(interaction, content=content, ephemeral=True)

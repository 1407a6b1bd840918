"""Answering an interaction whether or not it has been answered already."""

from __future__ import annotations

import contextlib
from typing import Any

import discord

#: interaction.extras: the interaction was deferred with a *public* "thinking…" that nothing has replaced yet.
PUBLIC_THINKING = "storybot-public-thinking"


async def defer_publicly(interaction: discord.Interaction[Any]) -> None:
    """Acknowledge now with a public "thinking…"; the answer replaces it (``answer_after_defer``)."""
    await interaction.response.defer(thinking=True)
    interaction.extras[PUBLIC_THINKING] = True


def public_thinking_replaced(interaction: discord.Interaction[Any]) -> None:
    """The public "thinking…" now shows the answer (or is gone): later follow-ups are new messages."""
    interaction.extras.pop(PUBLIC_THINKING, None)


async def remove_public_thinking(interaction: discord.Interaction[Any]) -> None:
    """Before anything private after a public defer: the first follow-up would *replace* the public
    "thinking…" and be public whatever its flags say (Discord keeps the deferral's visibility), so
    the placeholder is deleted first and the follow-up becomes a new, private message."""
    if interaction.extras.get(PUBLIC_THINKING):
        with contextlib.suppress(discord.NotFound):  # already gone
            await interaction.delete_original_response()
        public_thinking_replaced(interaction)


async def send(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
    """Reply to an interaction: the first response if there is none yet, else a follow-up. A private
    follow-up after a public "thinking…" removes that first, so it stays private."""
    if interaction.response.is_done():
        if kwargs.get("ephemeral"):
            await remove_public_thinking(interaction)
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def send_ephemeral(interaction: discord.Interaction[Any], content: str) -> None:
    await send(interaction, content=content, ephemeral=True)

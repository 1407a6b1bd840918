"""/topics and /about: what the bot can answer, and how it works."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.screens import embeds

if TYPE_CHECKING:
    from bot.app.client import StoryBot

QUESTIONS_PER_TOPIC = 6


class InfoCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="topics", description="What I can answer about the story")
    async def topics(self, interaction: discord.Interaction[Any]) -> None:
        grouped = {topic: [entry.heading for entry in entries] for topic, entries in self.bot.engine.topics().items()}
        await interaction.response.send_message(embed=embeds.topics_embed(grouped, QUESTIONS_PER_TOPIC),
                                                ephemeral=True)

    @app_commands.command(name="about", description="What Storybot is and how its answers are cited")
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        kb = self.bot.engine.kb
        await interaction.response.send_message(embed=embeds.about_embed(
            kb.story, kb, light_bulbs=bool(self.bot.settings.ask_channel_ids)), ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(InfoCog(bot))

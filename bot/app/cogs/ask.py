"""/ask: a question in plain words, answered with the article lines that prove it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import limits
from bot.app.answering import reply_for
from bot.app.limits import clip

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.ask")


class AskCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        self.bot.cooldowns.check(interaction.user.id)
        result = self.bot.engine.ask(question)
        reply = reply_for(result, interaction.user.id)
        await interaction.response.send_message(**reply.kwargs(), ephemeral=reply.private)
        await self.bot.note_result(result, interaction.guild_id)

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction[Any],
                               current: str) -> list[app_commands.Choice[str]]:
        questions = self.bot.engine.complete(current, limit=limits.CHOICES)
        return [app_commands.Choice(name=clip(q, limits.CHOICE_NAME), value=clip(q, limits.CHOICE_NAME))
                for q in questions]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(AskCog(bot))

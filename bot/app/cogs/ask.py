"""/ask: a question in plain words, answered with the article lines that prove it."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.backlog import answer_after_defer
from bot.app.screens import limits
from bot.app.screens.answering import reply_for
from bot.app.screens.limits import clip
from bot.core.reading import question_part

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.ask")

LONG_NOTE = "(Your question was long, so I read its end.)"


class AskCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        self.bot.cooldowns.check(interaction.user.id)
        backlog = self.bot.tree.backlog
        late = backlog.behind(interaction)
        if late:  # a burst: acknowledge within Discord's 3 s first, so no question is lost, then answer
            await interaction.response.defer(thinking=True)
            backlog.acknowledged(interaction)
            await backlog.drained()  # the acknowledgements waiting behind this one go first
        started = time.perf_counter()
        part = question_part(question)
        result = self.bot.engine.ask(part.text)
        reply = reply_for(result, interaction.user.id, self.bot.engine)
        backlog.took(time.perf_counter() - started)
        if part.cut:
            reply.noted(LONG_NOTE)
        if late:
            await answer_after_defer(interaction, reply.private, **reply.kwargs())
        else:
            await interaction.response.send_message(**reply.kwargs(), ephemeral=reply.private)
            backlog.acknowledged(interaction)
        await self.bot.note_result(result, interaction.guild_id)

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction[Any],
                               current: str) -> list[app_commands.Choice[str]]:
        questions = self.bot.engine.complete(current, limit=limits.CHOICES)
        return [app_commands.Choice(name=clip(q, limits.CHOICE_NAME), value=clip(q, limits.CHOICE_NAME))
                for q in questions]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(AskCog(bot))

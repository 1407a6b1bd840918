"""/timeline: the story's events in order, paged when they don't fit one embed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.screens.views import book_pages, book_view

if TYPE_CHECKING:
    from bot.app.client import StoryBot


class TimelineCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="timeline",
                          description="The story's events in order, with dates and paragraph numbers")
    async def timeline(self, interaction: discord.Interaction[Any]) -> None:
        self.bot.cooldowns.check(interaction.user.id)  # a public post: as rate-limited as /ask
        pages = book_pages(self.bot, "timeline")
        view = book_view(self.bot, "timeline", 0, len(pages))
        await interaction.response.send_message(embed=pages[0], **({"view": view} if view else {}))  # type: ignore[call-overload]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(TimelineCog(bot))

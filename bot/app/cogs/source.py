"""/source: the article itself with line numbers, or one line of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import embeds
from bot.app.views import book_pages, pager_view

if TYPE_CHECKING:
    from bot.app.client import StoryBot


class SourceCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="source", description="The article with line numbers, or one line of it")
    @app_commands.describe(line="A line number, to see just that line")
    async def source(self, interaction: discord.Interaction[Any],
                     line: app_commands.Range[int, 1, 10_000] | None = None) -> None:
        article = self.bot.engine.kb.article
        if line is not None:
            if line not in article.text_lines:
                numbers = ", ".join(map(str, article.text_lines))
                await interaction.response.send_message(f"Line {line} has no text. The article's text is on lines "
                                                        f"{numbers}.", ephemeral=True)
                return
            await interaction.response.send_message(embed=embeds.source_line_embed(line, article.line(line)))
            return
        pages = book_pages(self.bot, "source")
        view = pager_view("source", 0, len(pages))
        await interaction.response.send_message(embed=pages[0], **({"view": view} if view else {}))  # type: ignore[call-overload]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(SourceCog(bot))

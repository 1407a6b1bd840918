"""/source: the article itself with its paragraphs numbered, or one paragraph of it.

People count paragraphs (blank lines don't count); the option keeps its name, ``line``, because
scripts and muscle memory depend on command names and options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.screens import embeds
from bot.app.screens.views import book_pages, pager_view

if TYPE_CHECKING:
    from bot.app.client import StoryBot


def beyond_the_article(count: int) -> str:
    """What a paragraph number past the end is told: the range to pick from, or 'line 1' when there is one."""
    if count == 1:
        return "The article has 1 paragraph: pick line 1."
    return f"The article has {count} paragraphs: pick a number from 1 to {count}."


class SourceCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="source", description="The article with its paragraphs numbered, or one paragraph")
    @app_commands.describe(line="A paragraph number, to see just that paragraph")
    async def source(self, interaction: discord.Interaction[Any],
                     line: app_commands.Range[int, 1, 10_000] | None = None) -> None:
        article = self.bot.engine.kb.article
        if line is not None:
            found = article.line_of_paragraph(line)
            count = article.paragraph_count
            if found is None:
                await interaction.response.send_message(beyond_the_article(count), ephemeral=True)
                return
            self.bot.cooldowns.check(interaction.user.id)  # a public post: as rate-limited as /ask
            await interaction.response.send_message(embed=embeds.source_paragraph_embed(line, article.line(found),
                                                                                        count))
            return
        self.bot.cooldowns.check(interaction.user.id)
        pages = book_pages(self.bot, "source")
        view = pager_view("source", 0, len(pages))
        await interaction.response.send_message(embed=pages[0], **({"view": view} if view else {}))  # type: ignore[call-overload]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(SourceCog(bot))

"""/quote: a direct quote from the article, with its speaker, line and context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.screens import embeds, limits
from bot.app.screens.limits import clip

if TYPE_CHECKING:
    from bot.app.client import StoryBot


class QuotesCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="quote", description="A direct quote from the article")
    @app_commands.describe(speaker="Who said it", search="Words to look for in the quote")
    async def quote(self, interaction: discord.Interaction[Any], speaker: str | None = None,
                    search: str | None = None) -> None:
        engine = self.bot.engine
        if speaker is not None and not embeds.shown(speaker):
            speaker = None  # only invisible characters: no speaker was typed, as when the option is left out
        if speaker and speaker.casefold() not in {s.casefold() for s in engine.kb.speakers}:
            names = ", ".join(engine.kb.speakers)
            await interaction.response.send_message(clip(f"No quotes from {embeds.shown(speaker)} in the article. "
                                                         f"Speakers: {names}.", limits.CONTENT), ephemeral=True)
            return
        if speaker is None and not search:
            found = engine.random_quote()
            quotes = [found] if found else []
        else:
            quotes = engine.quotes(speaker, search)
        if not quotes:
            await interaction.response.send_message("No quote matches that. Try `/quote` with no options for a "
                                                    "random one.", ephemeral=True)
            return
        self.bot.cooldowns.check(interaction.user.id)  # a public post: as rate-limited as /ask
        await interaction.response.send_message(embed=embeds.quote_embed(quotes[0], engine.kb))

    @quote.autocomplete("speaker")
    async def speaker_autocomplete(self, interaction: discord.Interaction[Any],
                                   current: str) -> list[app_commands.Choice[str]]:
        speakers = [s for s in self.bot.engine.kb.speakers if current.casefold() in s.casefold()]
        return [app_commands.Choice(name=clip(s, limits.CHOICE_NAME), value=clip(s, limits.CHOICE_NAME))
                for s in speakers[: limits.CHOICES]]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(QuotesCog(bot))

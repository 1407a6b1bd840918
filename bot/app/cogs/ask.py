"""/ask: a question in plain words, answered with the article lines that prove it."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.backlog import answer_after_defer
from bot.app.replies import defer_publicly
from bot.app.screens import answering, limits
from bot.app.screens.limits import clip
from bot.core.messages import question_part

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.ask")

LONG_NOTE = "(Your question was long, so I read its {part}.)"
AUTOCOMPLETE_CHARS = 200  # what autocomplete reads of the question typed so far
#: How long an /ask waits for the engine's thread, its own matching and the questions ahead of it included:
#: a question is answered in milliseconds, so this is only ever reached behind work gone wrong, and the asker
#: hears so instead of "thinking…" for the fifteen minutes Discord keeps the interaction open.
ANSWER_WITHIN = 30.0


class AskCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        self.bot.cooldowns.check(interaction.user.id)
        backlog = self.bot.tree.backlog
        part = question_part(question)
        # The matching runs on the engine's thread; the event loop stays free for every other
        # interaction. If it isn't done in time (a long question, or others' ahead of it on that
        # thread), this one is acknowledged first ("thinking…"), so it is never lost.
        work = asyncio.ensure_future(answering.ask(self.bot, part.text))
        try:
            late = backlog.behind(interaction)
            if late:  # a burst: acknowledge within Discord's 3 s first, so no question is lost, then answer
                await defer_publicly(interaction)
                backlog.acknowledged(interaction)
                await backlog.drained()  # the acknowledgements waiting behind this one go first
            else:
                await asyncio.wait({work}, timeout=backlog.left(interaction))
                if not work.done():
                    await defer_publicly(interaction)
                    backlog.acknowledged(interaction)
                    late = True
            asked = await asyncio.wait_for(work, ANSWER_WITHIN)
        finally:
            work.cancel()  # no-op once done; else the interaction failed and nobody waits for the answer
        started = time.perf_counter()
        reply = answering.reply_to(asked, interaction.user.id)
        backlog.took(asked.seconds + time.perf_counter() - started)
        if part.cut:
            reply.noted(LONG_NOTE.format(part=part.read))
        if late:
            await answer_after_defer(interaction, reply.private, **reply.kwargs())
        else:
            await interaction.response.send_message(**reply.kwargs(), ephemeral=reply.private)
            backlog.acknowledged(interaction)
        await self.bot.note_result(asked.result, interaction.guild_id, asked.shown[1] if asked.shown else None)

    @ask.autocomplete("question")
    async def ask_autocomplete(self, interaction: discord.Interaction[Any],
                               current: str) -> list[app_commands.Choice[str]]:
        # On the event loop (an autocomplete can't be deferred, and mustn't queue behind questions on
        # the engine's thread); fuzzy matching grows with what is typed (90 ms for 4,000 characters),
        # and nobody picks a title of at most 100 characters from more than the first couple hundred.
        questions = self.bot.engine.complete(current[:AUTOCOMPLETE_CHARS], limit=limits.CHOICES)
        return [app_commands.Choice(name=clip(q, limits.CHOICE_NAME), value=clip(q, limits.CHOICE_NAME))
                for q in questions]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(AskCog(bot))

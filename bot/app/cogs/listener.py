"""Questions outside slash commands: mentions, DMs, and 💡 in watched channels.

Mentions and DMs need no privileged intent (Discord always delivers the content of messages
that mention the bot or are sent to it). Watching ``ASK_CHANNEL_IDS`` needs the Message
Content intent; there the bot only reacts 💡 to questions it can answer with high confidence,
and posts the answer when someone clicks the reaction. Misses stay silent.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app.answering import reply_for
from bot.app.embeds import not_answered_text
from bot.core.answers import Result

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.listener")

LIGHT_BULB = "💡"
CONFIDENT = 0.85  # a 💡 is unasked-for: offer it only when the match is this sure
_QUESTION_START = re.compile(r"^\s*(who|what|when|where|why|how|which|is|are|was|were|did|does|do|can|could|"
                             r"will|would|has|have)\b", re.IGNORECASE)


def reads_as_question(text: str) -> bool:
    return text.rstrip().endswith("?") or bool(_QUESTION_START.match(text))


class ListenerCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    def _without_mention(self, message: discord.Message) -> str:
        assert self.bot.user is not None
        return re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content).strip()

    def _addressed(self, message: discord.Message) -> bool:
        return message.guild is None or (self.bot.user is not None and self.bot.user in message.mentions)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None:
            return
        try:
            if self._addressed(message):
                await self._answer_message(message)
            elif message.channel.id in self.bot.settings.ask_channel_ids:
                await self._offer_light_bulb(message)
        except discord.HTTPException as exc:
            log.warning("could not reply to message %s in %s: %s", message.id, message.channel.id, exc)

    async def _answer_message(self, message: discord.Message) -> None:
        question = self._without_mention(message)
        if self.bot.cooldowns.hit(message.author.id) is not None:
            await message.add_reaction("⏳")
            return
        if not question:
            examples = self.bot.engine.complete("")
            example = f", for example: “{examples[0]}”" if examples else ""
            await message.reply(f"Ask me a question about the story{example}. Try `/topics` for more.")
            return
        result = self.bot.engine.ask(question)
        reply = reply_for(result, message.author.id)
        if reply.view is not None and reply.private:
            reply.view = None  # did-you-mean buttons are for /ask; here the text lists the options
            reply.content = suggestions_text(result) if result.suggestions else reply.content
        await message.reply(**reply.kwargs())
        await self.bot.note_result(result, message.guild.id if message.guild else None)

    async def _offer_light_bulb(self, message: discord.Message) -> None:
        if not message.content or not reads_as_question(message.content):
            return
        result = self.bot.engine.ask(message.content)
        if result.answered and result.score >= CONFIDENT:
            await message.add_reaction(LIGHT_BULB)

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        if (str(payload.emoji) != LIGHT_BULB or payload.channel_id not in self.bot.settings.ask_channel_ids
                or self.bot.user is None or payload.user_id == self.bot.user.id):
            return
        try:
            await self._answer_light_bulb(payload)
        except discord.HTTPException as exc:
            log.warning("could not answer the 💡 on message %s: %s", payload.message_id, exc)

    async def _answer_light_bulb(self, payload: discord.RawReactionActionEvent) -> None:
        if payload.message_id in self.bot.light_bulbs_answered:
            return
        self.bot.light_bulbs_answered.add(payload.message_id)  # before any await: two clicks, one answer
        channel = self.bot.get_channel(payload.channel_id) or await self.bot.fetch_channel(payload.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            return
        message = await channel.fetch_message(payload.message_id)
        if not any(str(r.emoji) == LIGHT_BULB and r.me for r in message.reactions):
            return  # only questions the bot itself marked
        result = self.bot.engine.ask(message.content)
        if not result.answered:
            return
        reply = reply_for(result, payload.user_id)
        await message.reply(**reply.kwargs())


def suggestions_text(result: Result) -> str:
    options = "\n".join(f"• {s.question}" for s in result.suggestions)
    return f"{not_answered_text(result)}\n{options}"


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ListenerCog(bot))

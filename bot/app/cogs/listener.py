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

from bot.app.cooldowns import wait_text
from bot.app.screens.answering import reply_for
from bot.core.reading import question_part

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.listener")

LIGHT_BULB = "💡"
CONFIDENT = 0.85  # a 💡 is unasked-for: offer it only when the match is this sure
LONG_NOTE = "(Your message was long, so I read its end.)"  # /ask's note, for a message
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
            await self._slow_down(message)
            return
        if not question:
            examples = self.bot.engine.complete("")
            example = f", for example: “{examples[0]}”" if examples else ""
            await message.reply(f"Ask me a question about the story{example}. Try `/topics` for more.")
            return
        part = question_part(question)
        result = self.bot.engine.ask(part.text)
        # A mention's reply is public: a miss is one short line; did-you-mean is buttons, as in /ask.
        reply = reply_for(result, message.author.id, self.bot.engine, public=message.guild is not None)
        if part.cut:  # an answer card too, as /ask says it
            reply.noted(LONG_NOTE)
        await message.reply(**reply.kwargs())
        await self.bot.note_result(result, message.guild.id if message.guild else None)

    async def _slow_down(self, message: discord.Message) -> None:
        """Over the limit: say so once, with the real wait (gone when the wait is over); after that a ⏳."""
        wait = self.bot.cooldowns.first_refusal(message.author.id)
        if wait is None:
            await message.add_reaction("⏳")
            return
        await message.reply(f"Slow down a little: {wait_text(wait)}.", delete_after=max(wait, 1.0))

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
        reply = reply_for(result, payload.user_id, self.bot.engine)
        await message.reply(**reply.kwargs())


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ListenerCog(bot))

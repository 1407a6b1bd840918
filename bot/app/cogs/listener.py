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

from bot.app import worker
from bot.app.cooldowns import wait_text
from bot.app.screens import answering
from bot.core.reading import question_part

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.listener")

LIGHT_BULB = "💡"
CONFIDENT = 0.85  # a 💡 is unasked-for: offer it only when the match is this sure
LONG_NOTE = "(Your message was long, so I read its end.)"  # /ask's note, for a message
#: A watched channel's message longer than this gets no 💡: nobody asked the bot, and matching a long
#: message costs the most (up to a second for 4,000 characters of nonsense). Chat questions are short.
PASSIVE_CHARS = 500
#: 💡 checks each member's messages get: at most this many per ``PASSIVE_PER`` seconds (the rest stay
#: unmarked, silently), and at most ``PASSIVE_QUEUE`` waiting for the engine's thread at once.
PASSIVE_RATE = 3
PASSIVE_PER = 10.0
PASSIVE_QUEUE = 8
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
        asked = await answering.ask(self.bot, part.text)  # on the engine's thread: the event loop stays free
        # A mention's reply is public: a miss is one short line; did-you-mean is buttons, as in /ask.
        reply = answering.reply_to(asked, message.author.id, public=message.guild is not None)
        if part.cut:  # an answer card too, as /ask says it
            reply.noted(LONG_NOTE)
        await message.reply(**reply.kwargs())
        await self.bot.note_result(asked.result, message.guild.id if message.guild else None)

    async def _slow_down(self, message: discord.Message) -> None:
        """Over the limit: say so once, with the real wait (gone when the wait is over); after that a ⏳."""
        wait = self.bot.cooldowns.first_refusal(message.author.id)
        if wait is None:
            await message.add_reaction("⏳")
            return
        await message.reply(f"Slow down a little: {wait_text(wait)}.", delete_after=max(wait, 1.0))

    async def _offer_light_bulb(self, message: discord.Message) -> None:
        content = message.content
        if not content or len(content) > PASSIVE_CHARS or not reads_as_question(content):
            return
        if (self.bot.worker.pending(worker.PASSIVE) >= PASSIVE_QUEUE  # first: a check skipped costs the member none
                or self.bot.light_bulb_cooldowns.hit(message.author.id) is not None):
            return  # an offer nobody asked for can be skipped; the member can still /ask or mention the bot
        asked = await answering.ask(self.bot, content, worker.PASSIVE)  # after anything someone is waiting for
        result = asked.result
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
        # the message may have been edited since it was marked: read it as a 💡 check would
        content = message.content
        if len(content) > PASSIVE_CHARS or self.bot.cooldowns.hit(payload.user_id) is not None:
            return
        asked = await answering.ask(self.bot, content)
        if not asked.result.answered:
            return
        reply = answering.reply_to(asked, payload.user_id)
        await message.reply(**reply.kwargs())


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ListenerCog(bot))

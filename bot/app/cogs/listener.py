"""Questions outside slash commands: mentions, DMs, and 💡 in watched channels.

Mentions and DMs need no privileged intent (Discord always delivers the content of messages
that mention the bot or are sent to it). Watching ``ASK_CHANNEL_IDS`` needs the Message
Content intent; there the bot only reacts 💡 to questions it can answer with high confidence,
and posts the answer when someone clicks the reaction. Misses stay silent.
"""

from __future__ import annotations

import logging
import re
from enum import Enum
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app import worker
from bot.app.cooldowns import wait_text
from bot.app.screens import answering, embeds
from bot.core.messages import question_part, reads_as_question

if TYPE_CHECKING:
    from bot.app.client import StoryBot

log = logging.getLogger("storybot.listener")

LIGHT_BULB = "💡"
CONFIDENT = 0.85  # a 💡 is unasked-for: offer it only when the match is this sure
LONG_NOTE = "(Your message was long, so I read its {part}.)"  # /ask's note, for a message
#: A watched channel's message longer than this gets no 💡: nobody asked the bot, and matching a long
#: message costs the most (up to a second for 4,000 characters of nonsense). Chat questions are short.
PASSIVE_CHARS = 500
#: 💡 checks each member's messages get: at most this many per ``PASSIVE_PER`` seconds (the rest stay
#: unmarked, silently), and at most ``PASSIVE_QUEUE`` waiting for the engine's thread at once.
PASSIVE_RATE = 3
PASSIVE_PER = 10.0
PASSIVE_QUEUE = 8


class ListenerCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot

    def _without_mention(self, message: discord.Message) -> str:
        assert self.bot.user is not None
        text = re.sub(rf"<@!?{self.bot.user.id}>", " ", message.content)
        role = _own_role(message)
        if role is not None:
            text = text.replace(role.mention, " ")
        return text.strip()

    def _addressed(self, message: discord.Message) -> bool:
        """A DM, a mention of the bot, or of its own role (Discord's @ picker offers both under one name)."""
        if message.guild is None:
            return True
        if self.bot.user is not None and self.bot.user in message.mentions:
            return True
        role = _own_role(message)
        return role is not None and role in message.role_mentions

    def _reply_ping_only(self, message: discord.Message) -> bool:
        """Addressed only because the message replies to one of the bot's and pings it (a reply's default): Discord
        lists the replied-to author among the mentions though the text names nobody."""
        if message.guild is None or self.bot.user is None:
            return False
        if re.search(rf"<@!?{self.bot.user.id}>", message.content):
            return False
        role = _own_role(message)
        return role is None or role not in message.role_mentions

    def _watched(self, channel_id: int) -> bool:
        """A watched channel, or a thread under one."""
        watched = self.bot.settings.ask_channel_ids
        if channel_id in watched:
            return True
        channel = self.bot.get_channel(channel_id)
        return isinstance(channel, discord.Thread) and channel.parent_id in watched

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None:
            return
        try:
            if self._addressed(message):
                if self._reply_ping_only(message) and not reads_as_question(self._without_mention(message)):
                    return  # "lol nice" in reply to an answer: talk among members, not a question for the bot
                await self._answer_message(message)
            elif self._watched(message.channel.id):
                await self._offer_light_bulb(message)
        except discord.HTTPException as exc:
            log.warning("could not reply to message %s in %s: %s", message.id, message.channel.id, exc)

    async def _answer_message(self, message: discord.Message) -> None:
        question = self._without_mention(message)
        if self.bot.cooldowns.hit(message.author.id) is not None:
            await self._slow_down(message)
            return
        if not question and (replied := await self._replied_to(message)) is not None:
            if replied is UNSEEN:
                await _send_reply(message, answering.Reply(content=UNSEEN_TEXT))
                return
            question = replied  # "@Storybot" alone, in reply to someone's question: that question
        if not question:
            examples = self.bot.engine.complete("")
            example = embeds.for_example(examples[0] if examples else "")
            await _send_reply(message, answering.Reply(content=f"Ask me a question about the story{example} Try "
                                                               "`/topics` for more."))
            return
        part = question_part(question)
        asked = await answering.ask(self.bot, part.text)  # on the engine's thread: the event loop stays free
        # A mention's reply is public: a miss is one short line; did-you-mean is buttons, as in /ask.
        reply = answering.reply_to(asked, message.author.id, public=message.guild is not None)
        if part.cut:  # an answer card too, as /ask says it
            reply.noted(LONG_NOTE.format(part=part.read))
        await _send_reply(message, answering.as_text(reply, asked) if not _can_embed(message) else reply)
        await self.bot.note_result(asked.result, message.guild.id if message.guild else None,
                                   asked.shown[1] if asked.shown else None)

    async def _replied_to(self, message: discord.Message) -> str | Unseen | None:
        """The text of the message this one replies to, if it can be read (not a bot's own, not empty); ``UNSEEN`` when
        Discord blanked it: without the Message Content intent the bot sees only messages that mention it."""
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        replied = reference.resolved if isinstance(reference.resolved, discord.Message) else None
        if replied is None:
            try:
                replied = await message.channel.fetch_message(reference.message_id)
            except discord.HTTPException:
                return None
        if replied.author.bot:
            return None
        blanked = message.guild is not None and not self.bot.intents.message_content  # a DM is always seen whole
        if blanked and not (replied.content or replied.attachments or replied.embeds or replied.stickers
                            or replied.poll):
            return UNSEEN
        text = self._without_mention(replied)
        return text if text and reads_as_question(text) else None  # "lol that's wild" is no question to answer

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
        if (str(payload.emoji) != LIGHT_BULB or not self._watched(payload.channel_id)
                or self.bot.user is None or payload.user_id == self.bot.user.id):
            return
        try:
            await self._answer_light_bulb(payload)
        except discord.HTTPException as exc:
            log.warning("could not answer the 💡 on message %s: %s", payload.message_id, exc)

    async def _answer_light_bulb(self, payload: discord.RawReactionActionEvent) -> None:
        """One answer per marked message: a click that ends without one (the clicker over the limit, Discord
        failing the fetch or the reply) leaves the 💡 for the next member, and for a click that came meanwhile."""
        answering_now, answered = self.bot.light_bulbs_answering, self.bot.light_bulbs_answered
        message_id = payload.message_id
        if message_id in answered:
            return
        if message_id in answering_now:
            self.bot.light_bulbs_waiting[message_id] = payload  # answered for, should this answer fall through
            return
        if self.bot.cooldowns.hit(payload.user_id) is not None:
            return  # over the limit: before anything is fetched, and without holding the 💡 from others
        answering_now.add(message_id)  # before any await: two clicks at once, one answer
        try:
            click = await self._light_bulb_answered(payload)
        except discord.HTTPException as exc:  # the reply refused: the next click tries again
            log.warning("could not answer the 💡 on message %s: %s", message_id, exc)
            click = Click.RETRY
        finally:
            answering_now.discard(message_id)
            waiting = self.bot.light_bulbs_waiting.pop(message_id, None)
        if click is not Click.RETRY:
            answered.add(message_id)  # answered, or never will be: no more fetches for it
        elif waiting is not None:  # a click that came meanwhile is answered now, not dropped
            await self._answer_light_bulb(waiting)

    async def _light_bulb_answered(self, payload: discord.RawReactionActionEvent) -> Click:
        try:
            channel = self.bot.get_channel(payload.channel_id) or await self.bot.fetch_channel(payload.channel_id)
            if not isinstance(channel, discord.abc.Messageable):
                return Click.NEVER
            message = await channel.fetch_message(payload.message_id)
        except discord.NotFound:
            return Click.NEVER
        except discord.HTTPException as exc:
            log.warning("could not fetch the 💡 message %s: %s", payload.message_id, exc)
            return Click.RETRY
        if not any(str(r.emoji) == LIGHT_BULB and r.me for r in message.reactions):
            return Click.NEVER  # only questions the bot itself marked
        # the message may have been edited since it was marked: read it as a 💡 check would
        content = message.content
        if len(content) > PASSIVE_CHARS:
            return Click.NEVER
        asked = await answering.ask(self.bot, content)
        if not asked.result.answered:
            return Click.NEVER
        reply = answering.reply_to(asked, payload.user_id)
        await _send_reply(message, answering.as_text(reply, asked) if not _can_embed(message) else reply)
        return Click.ANSWERED


class Unseen(Enum):
    """The replied-to message's text, which Discord withholds from the bot."""

    UNSEEN = "unseen"


UNSEEN = Unseen.UNSEEN
UNSEEN_TEXT = ("I can't read the message you replied to: Discord shows me only messages that mention me. Mention me "
               "with the question itself.")


class Click(Enum):
    """How a 💡 click ended."""

    ANSWERED = "answered"
    NEVER = "never"  # not the bot's mark, too long, or no answer now: the next click would end the same
    RETRY = "retry"  # Discord failed us: the next click tries again


def _can_embed(message: discord.Message) -> bool:
    """Whether the bot's embeds show in the message's channel (Embed Links; always in a DM)."""
    guild, channel = message.guild, message.channel
    if guild is None or not isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return True
    return channel.permissions_for(guild.me).embed_links


async def _send_reply(message: discord.Message, reply: answering.Reply) -> None:
    """A reply to the message; where replying is refused (no Read Message History), the same in the channel."""
    try:
        await message.reply(**reply.kwargs())
    except discord.Forbidden:
        log.info("could not reply to message %s in %s; sending to the channel instead", message.id,
                 message.channel.id)
        await message.channel.send(**reply.kwargs())


def _own_role(message: discord.Message) -> discord.Role | None:
    """The role Discord gives a bot in a server, named like it."""
    guild = message.guild
    return guild.self_role if guild is not None else None


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ListenerCog(bot))

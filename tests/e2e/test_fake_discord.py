"""Proves the fake Discord with a tiny bot defined right here, so failures point at the fake.

The real bot's end-to-end tests rely on everything below: login, READY + GUILD_CREATE, command
sync, slash commands, autocomplete, buttons, modals, deferred answers, mentions, DMs, reactions,
injected Discord errors, and a validator that actually catches bodies Discord would reject.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.support.fake_discord import (
    CallbackType,
    CommandNotAvailable,
    FakeDiscord,
    NoResponse,
)
from tests.support.openapi import check_limits, validate, validate_request

TOPICS = ("budget vote", "bridge closure", "mayor's statement")


@dataclass
class TinyBot:
    """A minimal bot using each feature the fake must support, plus what its handlers observed."""

    bot: commands.Bot | commands.AutoShardedBot
    forbidden: asyncio.Future[discord.Forbidden]


def make_tiny_bot(guild_id: int, *, sharded: bool = False) -> TinyBot:
    intents = discord.Intents.default()
    intents.message_content = True
    intents.members = True  # without it Discord (and the fake) only sends the bot's own member
    bot_class = commands.AutoShardedBot if sharded else commands.Bot
    bot = bot_class(
        command_prefix="!",
        intents=intents,
        allowed_mentions=discord.AllowedMentions.none(),
    )
    tiny = TinyBot(bot, forbidden=asyncio.get_running_loop().create_future())
    guild = discord.Object(guild_id)

    class FeedbackModal(discord.ui.Modal, title="Feedback"):
        comment: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(label="Comment", max_length=200)

        async def on_submit(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"Thanks: {self.comment.value}", ephemeral=True)

    class AnswerView(discord.ui.View):
        @discord.ui.button(label="Show source", custom_id="show-source")
        async def show_source(self, interaction: discord.Interaction, _: discord.ui.Button[AnswerView]) -> None:
            await interaction.response.send_message("Paragraph 3: the council voted 7-2.", ephemeral=True)

        @discord.ui.button(label="Feedback", custom_id="feedback")
        async def feedback(self, interaction: discord.Interaction, _: discord.ui.Button[AnswerView]) -> None:
            await interaction.response.send_modal(FeedbackModal())

    @bot.tree.command(name="ask", description="Ask about the story", guild=guild)
    @app_commands.describe(topic="What to ask about")
    async def ask(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.send_message(f"About {topic}: the council voted 7-2.", view=AnswerView())

    @ask.autocomplete("topic")
    async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=t, value=t) for t in TOPICS if current.lower() in t]

    @bot.tree.command(name="slow", description="Answer after thinking", guild=guild)
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("Thought about it.")

    @bot.tree.command(name="reload", description="Reload the story (moderators)", guild=guild)
    @app_commands.default_permissions(manage_guild=True)
    async def reload(interaction: discord.Interaction) -> None:
        allowed = interaction.permissions.manage_guild
        await interaction.response.send_message("Reloaded." if allowed else "Not allowed.", ephemeral=True)

    @bot.listen("on_message")
    async def answer(message: discord.Message) -> None:
        if message.author.bot:
            return
        try:
            if isinstance(message.channel, discord.DMChannel):
                await message.channel.send("Hello in private!")
            elif bot.user is not None and bot.user in message.mentions:
                await message.reply(f"You asked: {message.clean_content}")
        except discord.Forbidden as exc:
            if not tiny.forbidden.done():
                tiny.forbidden.set_result(exc)

    @bot.listen("on_raw_reaction_add")
    async def acknowledge(payload: discord.RawReactionActionEvent) -> None:
        if bot.user is not None and payload.user_id != bot.user.id:
            channel = bot.get_partial_messageable(payload.channel_id)
            await channel.get_partial_message(payload.message_id).add_reaction("👀")

    return tiny


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
async def tiny(fake: FakeDiscord) -> AsyncIterator[TinyBot]:
    tiny = make_tiny_bot(fake.guild.id)
    await fake.start_bot(tiny.bot)
    await tiny.bot.tree.sync(guild=discord.Object(fake.guild.id))
    yield tiny
    await fake.stop_bot()


async def test_bot_logs_in_and_sees_the_guild(fake: FakeDiscord, tiny: TinyBot) -> None:
    bot = tiny.bot
    assert bot.is_ready()
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    assert bot.application_id == fake.application_id
    guild = bot.get_guild(fake.guild.id)
    assert guild is not None
    assert guild.get_channel(fake.channel.id) is not None
    moderator = guild.get_member(fake.moderator.id)
    member = guild.get_member(fake.user.id)
    assert moderator is not None and moderator.guild_permissions.manage_guild
    assert member is not None and not member.guild_permissions.manage_guild
    assert fake.invalid == []


async def test_command_sync_sends_a_valid_bulk_overwrite(fake: FakeDiscord, tiny: TinyBot) -> None:
    (sync,) = fake.requests_to("PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild.id}/commands$")
    assert sorted(c["name"] for c in sync.body) == ["ask", "reload", "slow"]
    assert sync.ok and sync.problems == []
    assert {c["name"] for c in fake.guild_commands[fake.guild.id]} == {"ask", "reload", "slow"}


async def test_slash_command_gets_a_valid_callback(fake: FakeDiscord, tiny: TinyBot) -> None:
    ask = await fake.slash_command("ask", {"topic": "budget vote"})

    body = await ask.response()

    assert body["type"] == CallbackType.CHANNEL_MESSAGE
    assert body["data"]["content"] == "About budget vote: the council voted 7-2."
    assert ask.callback is not None and ask.callback.pings == []  # allowed_mentions none
    assert ask.latency is not None and 0 < ask.latency < 3
    assert ask.message is not None and ask.message["interaction_metadata"]["name"] == "ask"
    assert fake.invalid == []


async def test_autocomplete_returns_matching_choices(fake: FakeDiscord, tiny: TinyBot) -> None:
    typing = await fake.autocomplete("ask", "topic", "bri")

    assert await typing.choices() == [{"name": "bridge closure", "value": "bridge closure"}]
    assert fake.invalid == []


async def test_button_click_and_modal_submit(fake: FakeDiscord, tiny: TinyBot) -> None:
    ask = await fake.slash_command("ask", {"topic": "budget vote"})
    await ask.response()

    source = await fake.click(ask, "show-source")
    shown = await source.reply()
    assert shown["content"].startswith("Paragraph 3")
    assert shown["flags"] & discord.MessageFlags.ephemeral.flag

    opened = await fake.click(ask, "feedback", user=fake.moderator)
    modal = await opened.modal()
    assert modal["title"] == "Feedback"
    submitted = await fake.submit_modal(opened, {"Comment": "Clear answer"})
    assert (await submitted.reply())["content"] == "Thanks: Clear answer"
    assert submitted.user == fake.moderator
    assert fake.invalid == []


async def test_deferred_answer_arrives_as_followup(fake: FakeDiscord, tiny: TinyBot) -> None:
    slow = await fake.slash_command("slow")

    assert (await slow.response())["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    assert (await slow.reply())["content"] == "Thought about it."
    assert slow.message is not None and slow.message["content"] == "Thought about it."
    assert fake.invalid == []


async def test_mention_and_dm_get_replies(fake: FakeDiscord, tiny: TinyBot) -> None:
    mention = await fake.message("what happened?", mentions_bot=True)
    reply = await mention.reply()
    assert reply["content"] == "You asked: @Storybot what happened?"
    assert int(reply["message_reference"]["message_id"]) == mention.id

    dm = await fake.message("hello", dm=True, user=fake.non_moderator)
    assert dm.channel_id == fake.dm_channel(fake.non_moderator).id
    assert (await dm.reply())["content"] == "Hello in private!"
    assert fake.invalid == []


async def test_reaction_add_reaches_the_bot(fake: FakeDiscord, tiny: TinyBot) -> None:
    question = await fake.message("what happened?", mentions_bot=True)
    await question.reply()

    reaction = await fake.reaction_add(question, "👍")

    assert await reaction.reaction() == "👀"
    assert fake.invalid == []


async def test_injected_forbidden_surfaces_in_the_bot(fake: FakeDiscord, tiny: TinyBot) -> None:
    rule = fake.fail("POST", rf"/channels/{fake.channel.id}/messages$", status=403, code=50013)

    await fake.message("are you there?", mentions_bot=True)

    error = await asyncio.wait_for(tiny.forbidden, timeout=5)
    assert isinstance(error, discord.Forbidden) and error.code == 50013
    assert len(rule.hits) == 1 and rule.exhausted


async def test_late_interaction_callback_is_refused_like_discord(fake: FakeDiscord, tiny: TinyBot) -> None:
    fake.interaction_timeout = 0.0  # every callback is "too late"

    ask = await fake.slash_command("ask", {"topic": "budget vote"})

    callback = await ask.callback_request()
    assert callback.status == 404 and callback.response["code"] == 10062
    assert "10062" in await fake.wait_for_error(r"Ignoring exception in command 'ask'")


async def test_discord_would_not_offer_unsynced_or_guild_commands_in_dms(fake: FakeDiscord, tiny: TinyBot) -> None:
    with pytest.raises(CommandNotAvailable):
        await fake.slash_command("nope")
    with pytest.raises(CommandNotAvailable):
        await fake.slash_command("ask", {"topic": "x"}, guild=False)


async def test_moderator_only_command(fake: FakeDiscord, tiny: TinyBot) -> None:
    reload = await fake.slash_command("reload", user=fake.moderator)
    assert (await reload.reply())["content"] == "Reloaded."

    with pytest.raises(CommandNotAvailable, match="default_member_permissions"):
        await fake.slash_command("reload", user=fake.non_moderator)


async def test_silence_is_reported_with_context(fake: FakeDiscord, tiny: TinyBot) -> None:
    unanswered = await fake.message("no mention here")

    with pytest.raises(NoResponse, match="timed out"):
        await unanswered.reply(timeout=0.2)


async def test_auto_sharded_bot_logs_in_through_gateway_bot(fake: FakeDiscord) -> None:
    tiny = make_tiny_bot(fake.guild.id, sharded=True)

    await fake.start_bot(tiny.bot)

    assert tiny.bot.shard_count == 1
    assert fake.requests_to("GET", r"^/gateway/bot$")
    assert tiny.bot.get_guild(fake.guild.id) is not None
    await fake.stop_bot()


async def test_validator_catches_what_discord_would_reject(fake: FakeDiscord, tiny: TinyBot) -> None:
    with pytest.raises(AssertionError, match="length 2001"):
        validate_request("POST", f"/api/v10/channels/{fake.channel.id}/messages", {"content": "x" * 2001})
    with pytest.raises(AssertionError, match="maxLength 256"):
        validate("RichEmbed", {"title": "t" * 257})
    with pytest.raises(AssertionError, match="lowercase"):
        check_limits("command", {"name": "Ask", "description": "Capitalised names are rejected", "type": 1})

    # And through the fake: the real client sends the over-long message, the fake records it.
    channel = tiny.bot.get_channel(fake.channel.id)
    assert isinstance(channel, discord.TextChannel)
    await channel.send("x" * 2001)
    fake.strict = False  # this test produces an invalid body on purpose
    (invalid,) = fake.invalid
    assert any("length 2001" in problem for problem in invalid.problems)

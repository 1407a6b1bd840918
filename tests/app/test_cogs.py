"""Each cog, called directly with spec'd mock interactions: exactly what it sends."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.app import create_bot
from bot.app.client import StoryBot
from bot.app.cogs.ask import AUTOCOMPLETE_CHARS, AskCog
from bot.app.cogs.info import InfoCog
from bot.app.cogs.moderation import KbGroup
from bot.app.cogs.quotes import QuotesCog
from bot.app.cogs.source import SourceCog
from bot.app.cogs.timeline import TimelineCog
from bot.app.moderators import NotModerator
from bot.app.tree import report, user_message
from bot.config import Settings
from bot.core.answers import Kind
from tests.app.conftest import make_interaction, sent
from tests.conftest import KNOWLEDGE


async def test_ask_answers_with_an_embed_and_a_view(bot: StoryBot) -> None:
    cog = AskCog(bot)
    interaction = make_interaction()
    await cog.ask.callback(cog, interaction, question="who runs the station?")
    kwargs = sent(interaction)
    embed: discord.Embed = kwargs["embed"]
    assert kwargs["ephemeral"] is False
    assert embed.title == "Who runs the ISS?"  # the entry's own question, not the asker's words again
    assert embed.fields[0].name == "Paragraph 4"  # file line 7: people count paragraphs
    assert "jointly operate the ISS" in str(embed.fields[0].value)
    assert "entry" not in str(embed.footer.text) and "iss-operators" not in str(embed.to_dict())
    assert embed.footer.text == ("NASA rebukes Russian cosmonauts over Ukraine celebration on the ISS · "
                                 "A wire report of July 8, 2022, citing the Washington Post")
    labels = [getattr(getattr(item, "item", item), "label", None) for item in kwargs["view"].children]
    assert "Show source" in labels


async def test_ask_declines_privately(bot: StoryBot) -> None:
    cog = AskCog(bot)
    interaction = make_interaction()
    await cog.ask.callback(cog, interaction, question="how do i make pancakes")
    kwargs = sent(interaction)
    assert kwargs["ephemeral"] is True
    assert "/topics" in kwargs["content"]
    assert "embed" not in kwargs


async def test_ask_for_a_paragraph_past_the_last_is_told_how_many_there_are(bot: StoryBot) -> None:
    cog = AskCog(bot)
    interaction = make_interaction()
    await cog.ask.callback(cog, interaction, question="what does paragraph 9 say?")
    kwargs = sent(interaction)
    count = len(bot.engine.kb.article.text_lines)
    assert kwargs["ephemeral"] is True
    assert kwargs["content"] == f"The article has {count} paragraphs; try 1–{count}."

async def test_ask_never_echoes_the_askers_text_as_the_title(bot: StoryBot) -> None:
    cog = AskCog(bot)
    interaction = make_interaction()
    await cog.ask.callback(cog, interaction, question="@everyone who **runs** the station?")
    embed = sent(interaction)["embed"]
    assert embed.title == "Who runs the ISS?"
    assert "everyone" not in str(embed.to_dict()) and "**" not in str(embed.title)


async def test_the_sixth_ask_in_ten_seconds_is_refused(bot: StoryBot) -> None:
    cog = AskCog(bot)
    for _ in range(5):
        await cog.ask.callback(cog, make_interaction(user_id=5), question="who runs the iss")
    with pytest.raises(app_commands.CommandOnCooldown):
        await cog.ask.callback(cog, make_interaction(user_id=5), question="who runs the iss")
    await cog.ask.callback(cog, make_interaction(user_id=6), question="who runs the iss")  # others are not slowed


async def test_autocomplete_offers_at_most_25_short_choices(bot: StoryBot) -> None:
    cog = AskCog(bot)
    choices = await cog.ask_autocomplete(make_interaction(), "nasa")
    assert 0 < len(choices) <= 25
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)


async def test_autocomplete_reads_only_the_start_of_a_long_question(bot: StoryBot,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cog = AskCog(bot)
    typed: list[str] = []
    real = bot.engine.complete
    monkeypatch.setattr(bot.engine, "complete", lambda text, limit: typed.append(text) or real(text, limit))
    choices = await cog.ask_autocomplete(make_interaction(), "who runs the iss " + "blorp " * 1000)
    assert typed and len(typed[0]) == AUTOCOMPLETE_CHARS and typed[0].startswith("who runs the iss")
    assert choices


async def test_quote_by_speaker_and_an_unknown_speaker(bot: StoryBot) -> None:
    cog = QuotesCog(bot)
    interaction = make_interaction()
    await cog.quote.callback(cog, interaction, speaker="NASA", search=None)
    assert sent(interaction)["embed"].author.name == "NASA"
    unknown = make_interaction()
    await cog.quote.callback(cog, unknown, speaker="Santa", search=None)
    assert sent(unknown)["ephemeral"] is True


async def test_timeline_source_topics_and_about(bot: StoryBot) -> None:
    timeline, source, info = TimelineCog(bot), SourceCog(bot), InfoCog(bot)
    interaction = make_interaction()
    await timeline.timeline.callback(timeline, interaction)
    fields = sent(interaction)["embed"].fields
    assert [f.name.removeprefix("† ").split(",")[0] for f in fields][:1] == ["February 24"]
    one_line = make_interaction()
    await source.source.callback(source, one_line, line=2)  # paragraph 2 is file line 3
    assert "strongly rebukes" in str(sent(one_line)["embed"].description)
    topics = make_interaction()
    await info.topics.callback(info, topics)
    assert sent(topics)["ephemeral"] is True
    about = make_interaction()
    await info.about.callback(info, about)
    assert "cited" in str(sent(about)["embed"].fields[2].name)


async def test_kb_needs_manage_server_in_a_moderating_server_or_a_moderator_role(tmp_path: Path) -> None:
    settings = Settings(knowledge_dir=KNOWLEDGE, data_dir=tmp_path / "d", mod_guild_ids=frozenset({42}),
                        mod_role_ids=frozenset({77}))
    group = KbGroup(create_bot(settings))
    with pytest.raises(NotModerator):
        await group.interaction_check(make_interaction(guild_id=42, manage_guild=False))
    with pytest.raises(NotModerator) as elsewhere:  # an admin of some other server the bot is in
        await group.interaction_check(make_interaction(guild_id=99, manage_guild=True))
    told = user_message(elsewhere.value)
    assert told is not None and "Manage Server counts only in the servers the bot's operator lists" in told
    assert await group.interaction_check(make_interaction(guild_id=42, manage_guild=True))
    assert await group.interaction_check(make_interaction(guild_id=99, role_ids=(77,)))


async def test_errors_become_short_private_messages(bot: StoryBot) -> None:
    interaction = make_interaction()
    forbidden = discord.Forbidden(response=_response(403), message={"code": 50013, "message": "Missing Permissions"})
    await report(interaction, app_commands.CommandInvokeError(_command(), forbidden))
    assert "missing a permission" in sent(interaction)["content"]
    expired = make_interaction()
    gone = discord.NotFound(response=_response(404), message={"code": 10062, "message": "Unknown interaction"})
    await report(expired, gone)
    expired.response.send_message.assert_not_awaited()  # nobody is left to tell


def _response(status: int) -> object:
    from unittest.mock import MagicMock

    response = MagicMock()
    response.status = status
    response.reason = "x"
    return response


def _command() -> app_commands.Command:  # type: ignore[type-arg]
    async def noop(interaction: discord.Interaction) -> None:
        return None

    return app_commands.Command(name="ask", description="x", callback=noop)


async def test_a_paragraph_past_a_one_paragraph_article_is_told_line_1_not_a_range_from_1_to_1(
        one_paragraph_story: Path, tmp_path: Path) -> None:
    bot = create_bot(Settings(knowledge_dir=one_paragraph_story, data_dir=tmp_path / "d"))
    cog, interaction = SourceCog(bot), make_interaction()
    await cog.source.callback(cog, interaction, line=2)
    assert interaction.response.send_message.await_args.args == ("The article has 1 paragraph: pick line 1.",)
    assert sent(interaction) == {"ephemeral": True}


def test_a_thread_under_a_watched_channel_is_watched_too() -> None:
    from unittest.mock import MagicMock

    from bot.app.cogs.listener import ListenerCog

    thread = MagicMock(spec=discord.Thread)
    thread.parent_id = 500
    bot = MagicMock()
    bot.settings.ask_channel_ids = frozenset({500})
    bot.get_channel = lambda channel_id: thread if channel_id == 501 else None
    listener = ListenerCog(bot)
    assert listener._watched(500) and listener._watched(501)
    assert not listener._watched(502)


def test_without_embed_links_an_answer_is_sent_as_text_with_its_quotes(bot: StoryBot) -> None:
    from unittest.mock import MagicMock

    from bot.app.cogs.listener import _can_embed
    from bot.app.screens import answering

    asked = answering.ask_engine(bot.engine, "who runs the iss?")
    card = answering.reply_to(asked, 1001)
    text = answering.as_text(card, asked)
    assert text.embed is None and text.view is card.view
    quote = asked.result.citations[0].quote
    assert text.content is not None and quote in text.content.replace("\\", "") and "(Paragraph" in text.content
    channel = MagicMock(spec=discord.TextChannel)
    channel.permissions_for.return_value = discord.Permissions(send_messages=True, embed_links=False)
    message = MagicMock(spec=discord.Message)
    message.guild, message.channel = MagicMock(spec=discord.Guild), channel
    assert not _can_embed(message)
    channel.permissions_for.return_value = discord.Permissions(send_messages=True, embed_links=True)
    assert _can_embed(message)


def test_an_answer_to_one_of_several_questions_says_which_to_ask_on_their_own_without_pinging(bot: StoryBot) -> None:
    from bot.app.screens import answering

    asked = answering.ask_engine(bot.engine, "who runs the iss? and who is the pope **@everyone**?")
    card = answering.reply_to(asked, 1001)
    assert card.embed is not None and asked.result.entry is not None
    assert card.content is not None and card.content.startswith("(This answers one part of your message; ask “who")
    assert "@everyone" not in card.content and "**" not in card.content  # escaped: no ping, no bold
    again = answering.reply_to(answering.ask_engine(bot.engine, "who runs the iss?"), 1001)
    assert again.content is None  # the cached card itself was never given the note


def test_small_talk_whose_words_the_story_uses_is_met_as_small_talk_not_answered(bot: StoryBot) -> None:
    from bot.app.screens import answering

    asked = answering.ask_engine(bot.engine, "cheers!")  # "cheers" reads as a celebration to the matcher
    assert asked.result.kind is Kind.DECLINE
    reply = answering.reply_to(asked, 1001)
    assert reply.embed is None and reply.content is not None and reply.content.startswith("You're welcome")


async def test_a_quote_speaker_of_only_invisible_characters_counts_as_no_speaker(bot: StoryBot) -> None:
    cog = QuotesCog(bot)
    interaction = make_interaction()
    await cog.quote.callback(cog, interaction, speaker="\u200b\u200d \u2060", search=None)
    assert sent(interaction)["embed"].author.name  # a random quote, not "No quotes from  in the article."


def test_an_import_lists_at_most_30_whole_ids_then_says_how_many_more() -> None:
    from bot.app.cogs.moderation import listed_ids

    assert listed_ids(["a", "b"]) == "`a`, `b`"
    many = listed_ids([f"entry-{n}" for n in range(45)])
    assert many.count("`") == 60 and many.endswith(" and 15 more")
    long = listed_ids([f"{'x' * 90}-{n}" for n in range(30)])
    assert long.count("`") % 2 == 0 and len(long) < 900 and long.endswith(" more")

"""Storybot end to end: the real discord.py client against the loopback Discord.

Every body the bot sends is validated against Discord's OpenAPI description by the fake;
``fake.invalid`` must stay empty, and no reply may ping anyone.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.app import create_bot
from bot.core.answers import Kind
from tests.e2e.conftest import Running, settings_for
from tests.support.fake_discord import CallbackType, FakeDiscord, NoResponse

EPHEMERAL = discord.MessageFlags.ephemeral.flag


def no_pings(running: Running) -> None:
    assert all(r.pings == [] for r in running.fake.requests), "a reply would have pinged someone"


def first_question(running: Running, kind: Kind) -> str:
    """A question the engine handles as ``kind`` (so tests don't depend on one phrasing)."""
    candidates = [q for e in running.bot.engine.kb.entries for q in e.questions]
    candidates += ["what are the names of the cosmonauts", "who won the world cup", "lol", "nasa",
                   "what were the cosmonauts even doin in the pics", "whos the nasa side person and what she do",
                   "was the liberation day meant just for people on the ground"]
    for question in candidates:
        if running.bot.engine.ask(question).kind is kind:
            return question
    raise AssertionError(f"no question gives {kind}")


async def test_logs_in_and_syncs_every_command_to_the_dev_server(running: Running) -> None:
    fake = running.fake
    (sync,) = fake.requests_to("PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild.id}/commands$")
    assert sorted(c["name"] for c in sync.body) == ["about", "ask", "kb", "quote", "source", "timeline", "topics"]
    assert not fake.requests_to("PUT", rf"/applications/{fake.application_id}/commands$"), "no global sync on start"
    assert fake.invalid == []


async def test_ask_answers_publicly_with_cited_lines_and_a_source_button(running: Running) -> None:
    fake = running.fake
    ask = await fake.slash_command("ask", {"question": "who runs the space station?"})
    body = await ask.response()
    assert body["type"] == CallbackType.CHANNEL_MESSAGE
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    (embed,) = data["embeds"]
    assert "jointly operate" in embed["description"]
    assert embed["fields"][0]["name"] == "Paragraph 4"
    assert "Roscosmos, jointly operate the ISS" in embed["fields"][0]["value"]
    buttons = [c for row in data["components"] for c in row["components"]]
    assert any(b["custom_id"].startswith("sb:src:") for b in buttons)

    source = await fake.click(ask, next(b["custom_id"] for b in buttons if b["custom_id"].startswith("sb:src:")))
    shown = await source.reply()
    assert shown["flags"] & EPHEMERAL
    assert "**NASA and Russia's state space corporation, Roscosmos, jointly operate the ISS**" in \
        shown["embeds"][0]["fields"][0]["value"]
    assert shown["embeds"][0]["fields"][0]["name"] == "Paragraph 4"
    no_pings(running)
    assert fake.invalid == []


async def test_a_decline_is_private_and_points_to_topics(running: Running) -> None:
    ask = await running.fake.slash_command("ask", {"question": "who won the world cup?"})
    data = (await ask.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "doesn't say" in data["content"] and "/topics" in data["content"]
    assert running.fake.invalid == []


async def test_a_gap_gets_its_honest_reply(running: Running) -> None:
    ask = await running.fake.slash_command("ask", {"question": "what are the names of the cosmonauts?"})
    data = (await ask.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "doesn't name" in data["content"]


async def test_autocomplete_offers_known_questions(running: Running) -> None:
    typing = await running.fake.autocomplete("ask", "question", "who runs")
    choices = await typing.choices()
    assert 0 < len(choices) <= 25
    assert all(len(c["name"]) <= 100 for c in choices)
    assert any("run" in c["name"] for c in choices)
    assert running.fake.invalid == []


async def test_did_you_mean_buttons_answer_only_for_the_asker(running: Running) -> None:
    fake = running.fake
    question = first_question(running, Kind.SUGGESTIONS)
    ask = await fake.slash_command("ask", {"question": question})
    data = (await ask.response())["data"]
    assert data["flags"] & EPHEMERAL and "Did you mean" in data["content"]
    picks = [c["custom_id"] for row in data["components"] for c in row["components"]]
    assert picks and all(p.startswith("sb:pick:") for p in picks)

    stranger = await fake.click(ask, picks[0], user=fake.non_moderator)
    assert "Only the person who asked" in (await stranger.reply())["content"]

    chosen = await fake.click(ask, picks[0], user=fake.user)
    body = await chosen.response()
    assert body["type"] == CallbackType.UPDATE_MESSAGE  # the question becomes its answer, in place
    answer = body["data"]
    assert answer["embeds"] and answer["content"] in (None, "")
    assert not any(c["custom_id"].startswith("sb:pick:") for row in answer["components"] for c in row["components"])
    assert not fake.requests_to("POST", r"/webhooks/") and len(chosen.followups) == 0
    assert fake.invalid == []


async def test_a_10000_character_question_gets_a_valid_reply(running: Running) -> None:
    ask = await running.fake.slash_command("ask", {"question": "who runs the iss " + "a" * 10_000})
    await ask.response()
    assert running.fake.invalid == []


async def test_everyone_and_role_mentions_never_ping(running: Running) -> None:
    fake = running.fake
    noisy = f"@everyone @here <@&{fake.moderator_role.id}> <@{fake.moderator.id}> who runs the **station**?"
    ask = await fake.slash_command("ask", {"question": noisy})
    body = await ask.response()
    assert body["data"]["allowed_mentions"] == {"parse": []} or ask.callback.pings == []
    mention = await fake.message(noisy, mentions_bot=True)
    await mention.reply()
    no_pings(running)
    assert fake.invalid == []


async def test_a_mention_and_a_dm_get_the_same_answer_as_ask(running: Running) -> None:
    fake = running.fake
    mention = await fake.message("who runs the iss?", mentions_bot=True)
    reply = await mention.reply()
    assert "jointly operate" in reply["embeds"][0]["description"]
    assert int(reply["message_reference"]["message_id"]) == mention.id

    dm = await fake.message("who runs the iss?", dm=True)
    assert "jointly operate" in (await dm.reply())["embeds"][0]["description"]
    assert fake.invalid == []


LONG_PASTE = ("I was reading this and honestly I have no idea what is going on here. " * 80) + "Who runs the ISS?"


async def test_a_long_mention_answered_from_its_end_says_so_above_the_card_as_ask_does(running: Running) -> None:
    assert len(LONG_PASTE) > 4000
    mention = await running.fake.message(LONG_PASTE, mentions_bot=True)
    reply = await mention.reply()
    assert reply["content"] == "(Your message was long, so I read its end.)"
    assert "jointly operate" in reply["embeds"][0]["description"]
    asked = (await (await running.fake.slash_command("ask", {"question": LONG_PASTE})).response())["data"]
    assert asked["content"] == "(Your question was long, so I read its end.)" and asked["embeds"]
    assert running.fake.invalid == []


async def test_a_short_mention_has_no_note_above_its_card(running: Running) -> None:
    reply = await (await running.fake.message("who runs the iss?", mentions_bot=True)).reply()
    assert not reply.get("content") and reply["embeds"]


async def test_a_light_bulb_marks_a_confident_question_and_answers_when_clicked(running: Running) -> None:
    fake = running.fake
    question = await fake.message("who runs the iss?", channel=fake.other_channel)
    assert await question.reaction() == "💡"
    since = fake.mark()
    await fake.reaction_add(question, "💡", user=fake.non_moderator)
    posted = await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)
    assert "jointly operate" in posted.body["embeds"][0]["description"]
    assert int(posted.body["message_reference"]["message_id"]) == question.id

    silent = await fake.message("who won the world cup?", channel=fake.other_channel)
    with pytest.raises(NoResponse):
        await silent.reaction(timeout=0.3)  # a miss stays silent: no reaction, no reply
    assert fake.invalid == []


async def test_a_light_bulb_click_that_ends_without_an_answer_leaves_it_for_the_next_member(running: Running) -> None:
    fake, bot = running.fake, running.bot
    question = await fake.message("who runs the iss?", channel=fake.other_channel)
    assert await question.reaction() == "💡"
    while bot.cooldowns.hit(fake.user.id) is None:  # the first clicker has used up their questions
        pass
    since = fake.mark()
    await fake.reaction_add(question, "💡", user=fake.user)
    await asyncio.sleep(0.3)  # that click is refused (slow down) and nothing is posted
    await fake.reaction_add(question, "💡", user=fake.non_moderator)
    posted = await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)
    assert "jointly operate" in posted.body["embeds"][0]["description"]
    assert len(fake.requests_to("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)) == 1


async def test_mentioning_the_bots_own_role_asks_the_bot(running: Running) -> None:
    fake = running.fake
    reply = await (await fake.message(f"<@&{fake.bot_role.id}> who runs the iss?")).reply()
    assert "jointly operate" in reply["embeds"][0]["description"]


async def test_a_bare_mention_in_reply_to_a_question_answers_that_question(running: Running) -> None:
    fake = running.fake
    asked = await fake.message("who runs the iss?", user=fake.non_moderator)
    reply = await (await fake.message(fake.bot_user.mention, reply_to=asked.id)).reply()
    assert "jointly operate" in reply["embeds"][0]["description"]


async def test_quote_timeline_source_topics_and_about(running: Running) -> None:
    fake = running.fake
    quote = await (await fake.slash_command("quote", {"speaker": "Kathy Lueders"})).response()
    assert quote["data"]["embeds"][0]["author"]["name"] == "Kathy Lueders"
    random_quote = await (await fake.slash_command("quote")).response()
    assert random_quote["data"]["embeds"][0]["footer"]["text"].startswith("Paragraph ")
    unknown = await (await fake.slash_command("quote", {"speaker": "Elon Musk"})).response()
    assert unknown["data"]["flags"] & EPHEMERAL

    timeline = (await (await fake.slash_command("timeline")).response())["data"]["embeds"][0]
    assert timeline["fields"][0]["name"].removeprefix("† ").startswith("February 24, 2022")

    article = (await (await fake.slash_command("source")).response())["data"]["embeds"][0]
    assert article["description"].startswith("**1** Washington, July 8")
    line = (await (await fake.slash_command("source", {"line": 5})).response())["data"]["embeds"][0]
    assert "February 24" in line["description"] and line["title"] == "Paragraph 5 of 7"
    beyond = (await (await fake.slash_command("source", {"line": 99})).response())["data"]
    assert beyond["flags"] & EPHEMERAL
    assert beyond["content"] == "The article has 7 paragraphs: pick a number from 1 to 7."

    topics = (await (await fake.slash_command("topics")).response())["data"]["embeds"][0]
    assert len(topics["fields"]) >= 4
    about = (await (await fake.slash_command("about")).response())["data"]["embeds"][0]
    assert "Washington, July 8" in about["fields"][0]["value"]
    asking = next(f["value"] for f in about["fields"] if f["name"] == "How to ask")
    assert "💡" in asking  # this bot watches a channel: what its mark means    assert fake.invalid == []


async def test_cooldown_gives_a_friendly_notice(running: Running) -> None:
    fake = running.fake
    for _ in range(5):
        await (await fake.slash_command("ask", {"question": "who runs the iss"})).response()
    sixth = (await (await fake.slash_command("ask", {"question": "who runs the iss"})).response())["data"]
    assert sixth["flags"] & EPHEMERAL and "Slow down" in sixth["content"]


async def test_forbidden_and_expired_interactions_do_not_take_the_bot_down(running: Running) -> None:
    fake = running.fake
    fake.fail("POST", rf"/channels/{fake.channel.id}/messages$", status=403, code=50013, times=1)
    mention = await fake.message("who runs the iss?", mentions_bot=True)
    await mention.reply_request()

    fake.fail("POST", r"/interactions/\d+/[^/]+/callback", status=403, code=50013, times=1)
    failed = await fake.slash_command("ask", {"question": "who runs the iss"}, user=fake.moderator)
    await failed.callback_request()

    after = await fake.slash_command("ask", {"question": "who runs the iss"}, user=fake.owner)
    assert (await after.response())["data"]["embeds"]
    assert running.bot.is_ready() and not running.bot.is_closed()


async def test_a_sharded_deployment_logs_in_and_answers(tmp_path: object) -> None:
    from pathlib import Path

    from bot.app import create_bot
    from bot.app.client import ShardedStoryBot
    from tests.e2e.conftest import settings_for
    from tests.support.fake_discord import FakeDiscord

    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, Path(str(tmp_path)) / "data", shard_count=0))
        assert isinstance(bot, ShardedStoryBot)
        await fake.start_bot(bot)
        ask = await fake.slash_command("ask", {"question": "who runs the iss"})
        assert "jointly operate" in (await ask.response())["data"]["embeds"][0]["description"]
        await fake.stop_bot()


async def test_hi_thanks_and_help_are_met_as_such_not_declined(running: Running) -> None:
    fake = running.fake
    hello = await (await fake.message("hi", dm=True)).reply()
    assert hello["content"].startswith("Hi! Ask me about the story") and "doesn't say" not in hello["content"]
    assert "?”." not in hello["content"]  # the example question ends the sentence
    thanks = await (await fake.message("thanks!", mentions_bot=True)).reply()
    assert thanks["content"] == "You're welcome!"
    helped = (await (await fake.slash_command("ask", {"question": "help"})).response())["data"]
    assert "Every answer quotes the article" in helped["content"] and helped["flags"] & (1 << 6)
    who = (await (await fake.slash_command("ask", {"question": "who are you?"})).response())["data"]
    assert who["content"] == helped["content"]
    okay = await (await fake.message("ok got it", dm=True, user=fake.non_moderator)).reply()
    assert okay["content"].startswith("👍") and "doesn't say" not in okay["content"]
    bye = await (await fake.message("bye!", dm=True, user=fake.add_user("leaver"))).reply()
    assert bye["content"].startswith("Bye!")


async def test_a_reply_that_names_topics_is_not_told_to_try_topics_again(running: Running) -> None:
    engine = running.bot.engine
    gap = next(e for e in engine.kb.entries if not e.from_article and "/topics" in e.answer and e.questions)
    assert engine.ask(gap.questions[0]).entry == gap.id
    asked = await running.fake.slash_command("ask", {"question": gap.questions[0]})
    data = (await asked.response())["data"]
    assert data["content"].startswith(gap.answer) and data["content"].count("/topics") == 1


async def test_a_refused_reply_is_sent_to_the_channel_instead(running: Running) -> None:
    fake = running.fake
    fake.fail("POST", rf"/channels/{fake.channel.id}/messages$", 403, 160002, "Cannot reply without permission "
              "to read message history", times=1)
    asked = await fake.message("who runs the iss?", mentions_bot=True)
    for _ in range(100):
        sent = [r for r in asked.replies if r.status == 200]
        if sent:
            break
        await asyncio.sleep(0.02)
    assert sent and "jointly operate" in sent[0].body["embeds"][0]["description"]
    assert not sent[0].body.get("message_reference")


async def test_without_embed_links_in_a_channel_a_mention_is_answered_in_plain_text(running: Running) -> None:
    fake = running.fake
    await fake.deny_in_channel(fake.channel, fake.bot_role, discord.Permissions(embed_links=True).value)
    await asyncio.sleep(0.1)  # the bot has taken in the change
    reply = await (await fake.message("who runs the iss?", mentions_bot=True)).reply()
    assert not reply.get("embeds") and "jointly operate" in reply["content"] and "(Paragraph" in reply["content"]
    assert reply.get("components"), "the buttons come too"
    assert fake.invalid == []


async def test_a_thread_under_a_watched_channel_gets_a_light_bulb(running: Running) -> None:
    fake = running.fake
    thread = await fake.open_thread(fake.other_channel)
    await asyncio.sleep(0.1)
    question = await fake.message("who runs the iss?", channel=thread)
    assert await question.reaction() == "💡"
    since = fake.mark()
    await fake.reaction_add(question, "💡", user=fake.non_moderator)
    posted = await fake.wait_for_request("POST", rf"/channels/{thread.id}/messages$", since=since)
    assert "jointly operate" in posted.body["embeds"][0]["description"]


async def test_a_bare_mention_in_reply_to_chatter_gets_the_prompt_not_a_decline(running: Running) -> None:
    fake = running.fake
    chatter = await fake.message("lol that's wild", user=fake.non_moderator)
    reply = await (await fake.message(fake.bot_user.mention, reply_to=chatter.id)).reply()
    assert reply["content"].startswith("Ask me a question about the story")


async def test_a_light_bulb_click_while_another_falls_through_is_answered_not_dropped(running: Running) -> None:
    fake = running.fake
    question = await fake.message("who runs the iss?", channel=fake.other_channel)
    assert await question.reaction() == "💡"
    since = fake.mark()
    # Discord is slow to refuse the first clicker's fetch; a second member clicks meanwhile
    fake.fail("GET", rf"/channels/{fake.other_channel.id}/messages/{question.id}$", 403, 50001, "Missing Access",
              delay=0.3)
    await fake.reaction_add(question, "💡", user=fake.user)
    await asyncio.sleep(0.1)
    await fake.reaction_add(question, "💡", user=fake.non_moderator)
    posted = await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)
    assert "jointly operate" in posted.body["embeds"][0]["description"]
    await asyncio.sleep(0.2)
    assert len(fake.requests_to("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)) == 1


async def test_a_reply_to_an_answer_that_only_pings_the_bot_is_answered_only_when_it_asks(running: Running) -> None:
    """A reply pings the replied-to author by default, and Discord then lists the bot among its mentions: members
    talking about an answer ("lol nice") are not answered; a follow-up question in reply to it is."""
    fake = running.fake
    asked = await fake.message("who runs the iss?", mentions_bot=True)
    await asked.reply()
    answer = asked.reply_message
    assert answer is not None
    chatter = await fake.message("lol nice, told you so", reply_to=int(answer["id"]), reply_ping=True,
                                 user=fake.non_moderator)
    await asyncio.sleep(0.3)
    assert chatter.replies == [] and fake.errors == []
    follow_up = await fake.message("when did russia invade ukraine?", reply_to=int(answer["id"]), reply_ping=True,
                                   user=fake.non_moderator)
    assert (await follow_up.reply())["embeds"]
    assert fake.invalid == []


async def test_another_member_turning_a_public_page_gets_it_privately_and_the_message_stays(
        tmp_path: Path, kb_copy: Path) -> None:
    with (kb_copy / "article.txt").open("a", encoding="utf-8") as article:  # long enough for /source to have pages
        article.write("".join(f"\n{'More words of a long report. ' * 40}\n" for _ in range(6)))
    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, tmp_path / "data", knowledge_dir=kb_copy))
        await fake.start_bot(bot)
        await _turn_a_page_as_another_member(fake)
        await fake.stop_bot()


async def _turn_a_page_as_another_member(fake: FakeDiscord) -> None:
    posted = await fake.slash_command("source")
    first = (await posted.response())["data"]
    next_page = next(c["custom_id"] for row in first["components"] for c in row["components"]
                     if c.get("label") == "Next ▶")
    message = posted.message
    assert message is not None
    other = await fake.click(message, next_page, user=fake.non_moderator)
    private = (await other.response())
    assert private["type"] == CallbackType.CHANNEL_MESSAGE and private["data"]["flags"] & 64
    assert private["data"]["embeds"][0]["footer"]["text"].startswith("Page 2 of")
    assert fake.messages[int(message["id"])]["embeds"][0]["footer"]["text"].startswith("Page 1 of")
    copy = other.message  # their own copy turns in place
    assert copy is not None
    back = next(c["custom_id"] for row in copy["components"] for c in row["components"]
                if c.get("label") == "◀ Previous")
    assert (await (await fake.click(copy, back, user=fake.non_moderator)).response())["type"] == \
        CallbackType.UPDATE_MESSAGE
    own = await fake.click(message, next_page, user=fake.user)
    assert (await own.response())["type"] == CallbackType.UPDATE_MESSAGE
    assert fake.messages[int(message["id"])]["embeds"][0]["footer"]["text"].startswith("Page 2 of")
    assert fake.invalid == []


async def test_a_bare_mention_in_reply_to_a_question_the_bot_may_not_read_says_so(tmp_path: Path) -> None:
    """Without the Message Content intent (no watched channels) Discord blanks the replied-to message for the bot,
    in the gateway's copy and in a fetch: the member hears why, not the generic "Ask me a question" prompt."""
    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, tmp_path / "data", ask_channel_ids=frozenset()))
        await fake.start_bot(bot)
        asked = await fake.message("who runs the iss?", user=fake.non_moderator)
        reply = await (await fake.message(fake.bot_user.mention, reply_to=asked.id)).reply()
        assert reply["content"].startswith("I can't read the message you replied to")
        own = await (await fake.message("who runs the iss?", mentions_bot=True)).reply()  # a mention is read
        assert own["embeds"]
        dm = await fake.message("who runs the iss?", dm=True)  # and a DM is always seen whole
        await dm.reply()
        again = await (await fake.message(fake.bot_user.mention, dm=True, reply_to=dm.id)).reply()
        assert again["embeds"]
        assert fake.invalid == []
        await fake.stop_bot()

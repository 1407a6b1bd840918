"""A message that asks several questions at once gets an answer card for each, in one reply, each with its own
buttons: the same for /ask, a mention and a channel without Embed Links."""

from __future__ import annotations

import asyncio
from typing import Any

import discord

from tests.e2e.conftest import Running

TWO = "who runs the iss? when did russia invade ukraine?"


def buttons_by_row(data: dict[str, Any]) -> list[list[str]]:
    return [[str(c["custom_id"]) for c in row["components"]] for row in data["components"]]


async def test_two_questions_in_one_ask_get_two_numbered_cards_each_with_its_own_buttons(running: Running) -> None:
    fake = running.fake
    data = (await (await fake.slash_command("ask", {"question": TWO})).response())["data"]
    first, second = data["embeds"]
    assert first["title"].startswith("1. ") and "jointly operate" in first["description"]
    assert second["title"].startswith("2. ") and "February 24" in second["description"]
    assert "footer" not in first and second["footer"]["text"], "the story is named once, under the last card"
    assert buttons_by_row(data) == [
        ["sb:src:iss-operators", "sb:vote:up:iss-operators", "sb:vote:down:iss-operators"],
        ["sb:src:invasion-date", "sb:vote:up:invasion-date", "sb:vote:down:invasion-date"]]
    labels = [c["label"] for row in data["components"] for c in row["components"] if "label" in c]
    assert labels == ["Show source 1", "Show source 2"]
    assert fake.invalid == []


async def test_a_vote_on_the_second_card_counts_for_its_own_entry_under_its_own_heading(running: Running) -> None:
    fake, bot = running.fake, running.bot
    ask = await fake.slash_command("ask", {"question": TWO})
    await ask.response()
    vote = await fake.click(ask, "sb:vote:down:invasion-date")
    await vote.response()
    for _ in range(50):
        found = await asyncio.to_thread(bot.journal.feedback, 50)
        if found:
            break
        await asyncio.sleep(0.05)
    (item,) = found
    assert item.entry == "invasion-date" and item.questions == [bot.engine.heading("invasion-date")]
    assert fake.invalid == []


async def test_a_mention_asking_two_questions_gets_both_answers_and_in_plain_text_without_embed_links(
        running: Running) -> None:
    fake = running.fake
    reply = await (await fake.message(TWO, mentions_bot=True)).reply()
    assert [e["title"][:2] for e in reply["embeds"]] == ["1.", "2."]
    await fake.deny_in_channel(fake.channel, fake.bot_role, discord.Permissions(embed_links=True).value)
    await asyncio.sleep(0.1)  # the bot has taken in the change
    plain = await (await fake.message(TWO, mentions_bot=True)).reply()
    assert not plain.get("embeds") and plain["content"].startswith("**1.** ")
    assert "jointly operate" in plain["content"] and "\n**2.** " in plain["content"]
    assert "February 24" in plain["content"]
    assert fake.invalid == []


async def test_two_questions_of_which_the_story_answers_one_are_read_as_one_message(running: Running) -> None:
    data = (await (await running.fake.slash_command(
        "ask", {"question": "who runs the iss? who won the world cup?"})).response())["data"]
    assert len(data.get("embeds") or []) <= 1
    assert running.fake.invalid == []

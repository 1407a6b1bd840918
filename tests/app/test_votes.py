"""👍/👎 can't be stuffed: one vote per member per entry, rate-limited, and only on the bot's own
answers for entries that exist (a crafted custom id counts nothing)."""

from __future__ import annotations

import asyncio
import re
from typing import Any
from unittest.mock import MagicMock

import discord
import pytest

from bot.app.client import StoryBot
from bot.app.screens.views import VoteButton
from tests.app.conftest import make_interaction

BOT_ID = 555


@pytest.fixture
def me(bot: StoryBot) -> StoryBot:
    user = MagicMock(spec=discord.ClientUser)
    user.id = BOT_ID
    bot._connection.user = user
    return bot


def answer_message(message_id: int, entry: str, author: int = BOT_ID, carries: str | None = None) -> Any:
    message = MagicMock(spec=discord.Message)
    message.id = message_id
    message.author = MagicMock(spec=discord.User)
    message.author.id = author
    ids = [f"sb:src:{entry}", f"sb:vote:up:{entry}", f"sb:vote:down:{entry}"] if carries is None else [carries]
    message.components = [discord.ActionRow({"type": 1, "components": [  # type: ignore[typeddict-item]
        {"type": 2, "style": 2, "custom_id": custom_id} for custom_id in ids]})]
    message.embeds = [discord.Embed(title="Who runs the ISS?")]
    return message


async def press(bot: StoryBot, entry: str, message: Any, user_id: int = 1001, up: bool = False) -> Any:
    interaction = make_interaction(user_id=user_id)
    interaction.client = bot
    interaction.message = message
    custom_id = f"sb:vote:{'up' if up else 'down'}:{entry}"
    match = re.fullmatch(VoteButton.__discord_ui_compiled_template__, custom_id)  # type: ignore[attr-defined]
    assert match is not None
    button = await VoteButton.from_custom_id(interaction, MagicMock(), match)
    await button.callback(interaction)
    return interaction


def reply_text(interaction: Any) -> str:
    call = interaction.response.send_message.await_args
    return str(call.kwargs.get("content") or (call.args[0] if call.args else ""))


async def feedback(bot: StoryBot) -> dict[str, int]:
    return {item.entry: item.down for item in await asyncio.to_thread(bot.journal.feedback, 50)}


async def test_one_member_on_many_fresh_answers_counts_once(me: StoryBot) -> None:
    for n in range(4):  # fresh answers in DMs, each a new message, within the rate limit
        await press(me, "iss-operators", answer_message(9000 + n, "iss-operators"))
    await press(me, "iss-operators", answer_message(9100, "iss-operators"), user_id=2002)
    assert await feedback(me) == {"iss-operators": 2}


async def test_votes_are_rate_limited_like_questions(me: StoryBot) -> None:
    entries = [e.id for e in me.engine.kb.entries if e.from_article][:8]
    replies = [reply_text(await press(me, entry, answer_message(9200 + n, entry))) for n, entry in enumerate(entries)]
    assert sum(1 for text in replies if "moderators will review" in text) == 5
    assert len(await feedback(me)) == 5


async def test_a_crafted_id_for_an_entry_that_does_not_exist_counts_nothing(me: StoryBot) -> None:
    crafted = "sb:vote:down:no-such-entry"
    real = answer_message(9300, "iss-operators")  # the button isn't on this message
    assert "isn't on one of my answers" in reply_text(await press(me, "no-such-entry", real))
    forged = answer_message(9301, "no-such-entry", carries=crafted)  # a message carrying it, but not the bot's
    forged.author.id = 1001
    assert "isn't on one of my answers" in reply_text(await press(me, "no-such-entry", forged))
    ours = answer_message(9302, "no-such-entry", carries=crafted)  # ours, for an entry since removed
    assert "no longer in the knowledge base" in reply_text(await press(me, "no-such-entry", ours))
    assert "isn't on one of my answers" in reply_text(await press(me, "iss-operators", None))
    assert await feedback(me) == {}

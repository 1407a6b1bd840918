"""The moderators' log channel is checked when the bot connects: a wrong MOD_LOG_CHANNEL_ID is the operator's to
hear at start-up, not a moderator's after the first change."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import discord
import pytest

from bot.app import create_bot
from tests.e2e.conftest import Running, settings_for
from tests.support.fake_discord import FakeDiscord


async def _started_with(mod_log: int, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    async with FakeDiscord() as fake:
        caplog.set_level(logging.WARNING, logger="storybot")
        bot = create_bot(settings_for(fake, tmp_path / "data", mod_log_channel_id=mod_log or fake.other_channel.id))
        await fake.start_bot(bot)
        for _ in range(50):  # the check runs once connected, alongside everything else the bot does then
            await asyncio.sleep(0.02)
            if any("mod-log" in r.getMessage() for r in caplog.records):
                break
        await fake.stop_bot()
    return [r.getMessage() for r in caplog.records if "mod-log" in r.getMessage()]


async def test_a_channel_the_bot_can_post_in_gives_no_warning(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    assert await _started_with(0, tmp_path, caplog) == []


async def test_an_id_no_channel_has_is_warned_of_at_start_up_with_the_fix(tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    warned = await _started_with(123456789012345678, tmp_path, caplog)
    assert len(warned) == 1
    assert "123456789012345678" in warned[0] and "no channel has that id" in warned[0]
    assert "set MOD_LOG_CHANNEL_ID to a channel the bot can post in" in warned[0]


async def test_a_channel_the_bot_may_not_post_in_is_named_with_what_it_lacks(editable: Running) -> None:
    fake = editable.fake
    assert await editable.bot.live.check_mod_log() is None
    await fake.deny_in_channel(fake.other_channel, fake.bot_role, discord.Permissions(send_messages=True).value)
    await asyncio.sleep(0.1)  # the bot has taken in the change
    assert await editable.bot.live.check_mod_log() == "the bot lacks View Channel or Send Messages there"

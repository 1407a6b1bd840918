"""The real Storybot, built with ``create_bot``, logged in to the loopback fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import create_bot
from bot.app.client import StoryBot
from bot.config import Settings
from tests.conftest import KNOWLEDGE
from tests.support.fake_discord import FakeDiscord


@dataclass
class Running:
    fake: FakeDiscord
    bot: StoryBot


def settings_for(fake: FakeDiscord, data: Path, **changes: object) -> Settings:
    base = {
        "knowledge_dir": KNOWLEDGE,
        "data_dir": data,
        "dev_guild_id": fake.guild.id,
        "application_id": fake.application_id,
        "ask_channel_ids": frozenset({fake.other_channel.id}),
        "mod_role_ids": frozenset(),
    }
    base.update(changes)
    return Settings(**base)  # type: ignore[arg-type]


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, tmp_path / "data"))
        await fake.start_bot(bot)
        yield Running(fake, bot)
        await fake.stop_bot()


@pytest.fixture
async def editable(tmp_path: Path, kb_copy: Path) -> AsyncIterator[Running]:
    """The bot on a private copy of the knowledge base, with a mod-log channel, for /kb tests."""
    async with FakeDiscord() as fake:
        settings = settings_for(fake, tmp_path / "data", knowledge_dir=kb_copy,
                                mod_log_channel_id=fake.other_channel.id, ask_channel_ids=frozenset())
        bot = create_bot(settings)
        await fake.start_bot(bot)
        yield Running(fake, bot)
        await fake.stop_bot()

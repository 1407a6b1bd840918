"""The slash-command payloads a sync sends, built without a token or a connection."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app.client import create_bot
from bot.config import Settings
from bot.core.engine import Engine


async def _payloads(settings: Settings, engine: Engine) -> list[dict[str, Any]]:
    bot = create_bot(settings, engine)
    try:
        await bot.load_story_extensions()
        return [command.to_dict(bot.tree) for command in bot.tree.get_commands()]
    finally:
        await bot.close()


def command_payloads(settings: Settings, engine: Engine) -> list[dict[str, Any]]:
    return asyncio.run(_payloads(settings, engine))

"""The bot's HTTP client keeps a bounded pool of reused connections, like a real client's
(discord.py's default opens one connection per request in flight, with no limit)."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.app.client import HTTP_CONNECTIONS
from tests.e2e.conftest import Running


async def test_replies_reuse_a_bounded_pool_of_connections(running: Running) -> None:
    connector = running.bot.http.connector
    assert isinstance(connector, aiohttp.TCPConnector)
    assert connector.limit == HTTP_CONNECTIONS
    fake = running.fake
    users = [fake.add_user(f"pool{n}") for n in range(HTTP_CONNECTIONS + 20)]
    handles = [await fake.slash_command("ask", {"question": "who runs the iss"}, user=user) for user in users]
    await asyncio.gather(*(h.reply(timeout=60) for h in handles))
    assert all(h.callback is not None and h.callback.ok for h in handles)
    assert len(connector._acquired) <= 1, "only the gateway connection stays in use; the rest went back"

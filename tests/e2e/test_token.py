"""The token is never logged, at any level, through a whole session: login, commands, errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.app import create_bot
from tests.e2e.conftest import settings_for
from tests.support.fake_discord import FakeDiscord

TOKEN = "MTAxNjAwMDAwMDAwMDAwMDAw.GaBcDe.PROBESECRETPROBESECRET12345"


async def test_the_token_is_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, tmp_path / "data"))
        await fake.start_bot(bot, token=TOKEN)
        await (await fake.slash_command("ask", {"question": "who runs the iss"})).reply()
        await (await fake.message("who runs the iss?", mentions_bot=True)).reply()
        def broken(question: str) -> None:
            raise RuntimeError("the engine broke")

        monkeypatch.setattr(bot.engine, "ask", broken)
        await (await fake.slash_command("ask", {"question": "what did nasa say"})).reply()
        await fake.wait_for_error("failed")
        await fake.stop_bot()
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records and all(part not in logged for part in TOKEN.split(".")[1:])
    assert TOKEN.split(".")[0] not in logged

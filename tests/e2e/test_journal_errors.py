"""A journal that fails a moderator's look (a row this version can't read, a lock held too long) is said in
words that name what to do, and a mod-log post lost to a dropped connection leaves the saved change standing."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from typing import Any

import aiohttp
import pytest

from tests.e2e.conftest import Running
from tests.e2e.test_moderation import NEW_ENTRY


def damage_a_row(running: Running) -> None:
    with contextlib.closing(sqlite3.connect(running.bot.journal.path)) as db, db:
        db.execute("INSERT INTO changes (at, actor, action, summary, entries, files, state, folder) "
                   "VALUES ('2026-01-01T00:00:00+00:00', 'x', 'edit', 's', 'not json', '{}', 'done', ?)",
                   (str(running.bot.settings.knowledge_dir.resolve()),))


async def test_history_lists_a_row_it_cannot_read_as_such_and_undo_says_why_it_refuses(editable: Running) -> None:
    import json

    fake = editable.fake
    damage_a_row(editable)
    history = await (await fake.slash_command("kb", subcommand="history", user=fake.moderator)).reply()
    shown = json.dumps(history, ensure_ascii=False)
    assert "this change can" in shown and "be read" in shown
    assert "Something went wrong" not in shown
    undo = await (await fake.slash_command("kb", subcommand="undo", user=fake.moderator)).reply()
    assert "Move the file aside to start a new history" in json.dumps(undo, ensure_ascii=False)
    assert fake.invalid == []


async def test_a_dropped_connection_on_the_mod_log_post_leaves_the_change_saved_and_said_once(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = editable.fake, editable.bot
    real = bot.http.send_message

    def dropped_on_the_mod_log(channel_id: Any, *args: Any, **kwargs: Any) -> Any:
        if int(channel_id) == fake.other_channel.id:
            raise aiohttp.ServerDisconnectedError()
        return real(channel_id, *args, **kwargs)

    monkeypatch.setattr(bot.http, "send_message", dropped_on_the_mod_log)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    submitted = await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)
    assert "Saved as change 1" in (await submitted.reply())["content"]
    await asyncio.sleep(0.3)  # anything that would follow the saved note has been sent
    notes = [str(r.body.get("content")) for r in submitted.followups]
    assert bot.engine.kb.get("iss-crew-size") is not None
    assert not any("Something went wrong" in note for note in notes), notes
    assert fake.invalid == []

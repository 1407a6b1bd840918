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


async def test_an_entry_saved_from_the_unanswered_list_is_not_called_unsaved_when_the_journal_cannot_forget_it(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = editable.fake, editable.bot
    await (await fake.slash_command("ask", {"question": "what are the names of the cosmonauts?"})).response()
    for _ in range(100):  # the bot records after it has answered
        if bot.journal.unanswered():
            break
        await asyncio.sleep(0.02)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    data = await listing.reply()
    new = next(c["custom_id"] for row in data["components"] for c in row["components"]
               if c["custom_id"].startswith("sb:kbq:new:"))
    opened = await fake.click(listing, new, user=fake.moderator)
    await opened.modal()

    def locked(*_: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(bot.journal, "forget_unanswered", locked)  # busy past its 30 s, after the change was saved
    saved = await fake.submit_modal(opened, {"Short name": "crew-names-asked",
                                             "Questions people ask": "what are the names of the cosmonauts?",
                                             "Answer": "The article doesn't name them."}, user=fake.moderator)
    assert "Saved as change 1" in (await saved.reply())["content"]
    await asyncio.sleep(0.3)  # anything that would follow the saved note has been sent
    notes = [str(r.body.get("content")) for r in saved.followups]
    assert bot.engine.kb.get("crew-names-asked") is not None
    assert not any("nothing was changed" in note or "try again" in note.casefold() for note in notes), notes
    assert fake.invalid == []


async def test_a_note_after_a_saved_change_that_discord_refuses_does_not_say_the_change_failed(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from bot.core.engine import Engine

    fake, bot = editable.fake, editable.bot
    gap = next(e for e in bot.engine.kb.entries if not e.from_article and e.questions)
    borrowed = gap.questions[0] + " then"  # a question of the new entry that the gap still takes: a heads-up follows
    fields = {**NEW_ENTRY, "Questions people ask": NEW_ENTRY["Questions people ask"] + "\n" + borrowed}
    checking, real = threading.Event(), Engine.answered_elsewhere

    def held(self: Engine, entry_id: str) -> list[tuple[str, str]]:
        checking.wait(10)  # until the test has made Discord refuse the next note
        return real(self, entry_id)

    monkeypatch.setattr(Engine, "answered_elsewhere", held)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    submitted = await fake.submit_modal(opened, fields, user=fake.moderator)
    assert "Saved as change 1" in (await submitted.reply())["content"]
    fake.fail("POST", r"^/webhooks/", 403, 50013, "Missing Permissions")  # the heads-up, once
    checking.set()
    await asyncio.sleep(0.5)
    told = [str(r.body.get("content")) for r in submitted.followups if r.status and r.status < 300]
    assert bot.engine.kb.get("iss-crew-size") is not None
    assert not any("try again" in note.casefold() or "couldn't finish" in note for note in told), told
    assert fake.invalid == []

"""The buttons of /kb's confirmations and of the unanswered list, pressed as people press them: twice, or while
another process holds the journal. Each click is answered within Discord's 3 s, a change runs once, and the
message ends saying what happened."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

import pytest

from bot.app.screens import kb_views
from tests.e2e.conftest import Running

MISSED = "what are the names of the cosmonauts?"


def custom_ids(data: dict[str, Any]) -> list[str]:
    return [str(c["custom_id"]) for row in data["components"] for c in row["components"]]


async def listed(running: Running) -> tuple[Any, list[str]]:
    """/kb unanswered, with one question the bot could not answer recorded."""
    fake = running.fake
    await (await fake.slash_command("ask", {"question": MISSED})).response()
    for _ in range(200):
        if running.bot.journal.unanswered():
            break
        await asyncio.sleep(0.02)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    return listing, custom_ids(await listing.reply())


async def teach_preview(running: Running) -> tuple[Any, str, str]:
    fake = running.fake
    listing, buttons = await listed(running)
    attach_id = next(b for b in buttons if b.startswith("sb:kbq:to:"))
    attach = await fake.click(listing, attach_id, user=fake.moderator)
    teach = next(b for b in custom_ids((await attach.response())["data"]) if b.startswith("sb:kbq:ok:"))
    return attach, teach, attach_id.rsplit(":", 1)[1]


class LockedJournal:
    """Another process (the CLI, say) holding the journal's write lock."""

    def __init__(self, running: Running) -> None:
        self.db = sqlite3.connect(running.bot.journal.path, isolation_level=None, check_same_thread=False)

    def __enter__(self) -> LockedJournal:
        self.db.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *_: object) -> None:
        self.db.execute("COMMIT")
        self.db.close()


@pytest.mark.parametrize("prefix", ["sb:kbq:new:", "sb:kbq:to:", "sb:kbq:ok:"])
async def test_an_unanswered_list_button_is_answered_in_time_while_another_process_holds_the_journal(
        editable: Running, prefix: str) -> None:
    fake = editable.fake
    if prefix == "sb:kbq:ok:":
        on, button, _ = await teach_preview(editable)
    else:
        on, buttons = await listed(editable)
        button = next(b for b in buttons if b.startswith(prefix))
    with LockedJournal(editable):
        await (await fake.slash_command("ask", {"question": "what colour is the commander's hat?"})).response()
        await asyncio.sleep(0.7)  # the writer of unanswered questions now waits for the lock
        click = await fake.click(on, button, user=fake.moderator)
        request = await click.callback_request(timeout=3)
        assert request.received_at - click.dispatched_at < 3
        assert request.response is not None and request.response.get("code") != 10062
    assert fake.invalid == []


async def test_after_a_restart_a_list_button_reads_the_journal_without_waiting_for_its_writer(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = editable.fake
    listing, buttons = await listed(editable)
    monkeypatch.setattr(kb_views, "_LISTED", type(kb_views._LISTED)())  # what a restarted bot remembers: nothing
    with LockedJournal(editable):
        await (await fake.slash_command("ask", {"question": "what colour is the commander's hat?"})).response()
        await asyncio.sleep(0.7)
        click = await fake.click(listing, next(b for b in buttons if b.startswith("sb:kbq:new:")),
                                 user=fake.moderator)
        form = await click.modal(timeout=3)  # a reader never waits for the write lock (WAL)
    assert any(c.get("value") == MISSED.rstrip("?") for row in form["components"] for c in row["components"])
    assert fake.invalid == []


async def test_a_list_button_whose_question_takes_too_long_to_look_up_says_so_in_time(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = editable.fake, editable.bot
    listing, buttons = await listed(editable)
    monkeypatch.setattr(kb_views, "_LISTED", type(kb_views._LISTED)())
    monkeypatch.setattr(kb_views, "LOOKUP_WITHIN", 0.2)
    slow = bot.journal.unanswered

    def stuck(*args: Any) -> Any:  # a journal on a disk that has stopped answering
        time.sleep(1)
        return slow(*args)

    monkeypatch.setattr(bot.journal, "unanswered", stuck)
    click = await fake.click(listing, next(b for b in buttons if b.startswith("sb:kbq:new:")), user=fake.moderator)
    said = await click.reply(timeout=3)
    assert "journal is busy" in said["content"] and "press the button again" in said["content"]
    assert fake.invalid == []


async def test_teach_it_told_the_journal_is_busy_works_when_pressed_again(editable: Running,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = editable.fake, editable.bot
    attach, teach, entry = await teach_preview(editable)
    monkeypatch.setattr(kb_views, "_LISTED", type(kb_views._LISTED)())  # restarted since the list was shown
    monkeypatch.setattr(kb_views, "LOOKUP_WITHIN", 0.2)
    quick = bot.journal.unanswered

    def stuck(*args: Any) -> Any:
        time.sleep(1)
        return quick(*args)

    monkeypatch.setattr(bot.journal, "unanswered", stuck)
    busy = await fake.click(attach, teach, user=fake.moderator)
    assert "press the button again" in (await busy.reply(timeout=3))["content"]
    monkeypatch.setattr(bot.journal, "unanswered", quick)
    again = await fake.click(attach, teach, user=fake.moderator)
    await again.reply(timeout=10)
    for _ in range(100):
        if bot.journal.history():
            break
        await asyncio.sleep(0.05)
    (change,) = bot.journal.history()
    assert change.entries == [entry] and "added the question" in change.summary
    assert fake.invalid == []


async def test_teach_it_pressed_twice_teaches_the_question_once_and_says_it_was_saved(editable: Running) -> None:
    fake, bot = editable.fake, editable.bot
    attach, teach, entry = await teach_preview(editable)
    first = await fake.click(attach, teach, user=fake.moderator)
    second = await fake.click(attach, teach, user=fake.moderator)
    await first.reply(timeout=10)
    await asyncio.sleep(0.5)
    questions = bot.store.get(entry)["questions"]  # type: ignore[index]
    assert questions.count(MISSED.rstrip("?")) + questions.count(MISSED) == 1
    assert [r.summary for r in bot.journal.history()].__len__() == 1
    assert not second.edits, "the second press changed nothing and said nothing"
    assert fake.invalid == []


async def test_remove_pressed_twice_or_cancelled_meanwhile_removes_once_and_says_so(editable: Running) -> None:
    fake, bot = editable.fake, editable.bot
    asked = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    confirm, cancel = custom_ids((await asked.response())["data"])
    presses = [await fake.click(asked, confirm, user=fake.moderator),
               await fake.click(asked, confirm, user=fake.moderator),
               await fake.click(asked, cancel, user=fake.moderator)]
    await presses[0].reply(timeout=10)
    await asyncio.sleep(0.5)
    shown = [str(edit.body.get("content")) for press in presses for edit in press.edits]
    assert bot.engine.kb.get("rare-statement") is None
    assert len(shown) == 1 and "removed rare-statement" in shown[0], shown
    assert len(bot.journal.history()) == 1
    assert fake.invalid == []


def test_the_store_refuses_to_teach_an_entry_a_question_it_already_lists(editable: Running) -> None:
    from bot.core.storage.errors import NothingToChange

    store = editable.bot.store
    question = store.get("iss-operators")["questions"][0]  # type: ignore[index]
    for again in (question, question.upper(), f"{question}?", f" {question}  "):  # read as check reads them
        with pytest.raises(NothingToChange, match="already one of the questions of iss-operators"):
            store.add_question("iss-operators", again, "test")

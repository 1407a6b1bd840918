"""An edit form carries the entry's version: a change made while it was open (by hand, or by another
moderator) is never silently overwritten on submit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.storage.errors import StoreError
from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore, entry_version
from tests.conftest import replace_in
from tests.e2e.conftest import Running


def test_the_store_refuses_an_edit_started_from_an_older_version(story_copy: Path, tmp_path: Path) -> None:
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    opened = store.get("staff")
    assert opened is not None
    version = entry_version(opened)
    replace_in(story_copy / "kb.yaml", "The bakery employs 12 people.", "Twelve people work at the bakery.")
    edited = {**opened, "answer": "The bakery has 12 staff."}
    with pytest.raises(StoreError, match="this entry changed while you were editing"):
        store.replace_entry("staff", edited, "ann", version)
    assert "Twelve people work at the bakery." in (story_copy / "kb.yaml").read_text(encoding="utf-8")
    current = store.get("staff")
    store.replace_entry("staff", {**edited}, "ann", entry_version(current))  # from the new text, it saves
    assert "The bakery has 12 staff." in (story_copy / "kb.yaml").read_text(encoding="utf-8")


async def test_a_hand_edit_while_the_form_is_open_is_kept(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", {"entry": "iss-operators"}, subcommand="edit", user=fake.moderator)
    await opened.modal()
    folder = editable.bot.settings.knowledge_dir
    path = next(p for p in folder.glob("*.yaml") if "id: iss-operators" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index("id: iss-operators")
    answer_at = text.index("answer:", start)
    line_end = text.index("\n", answer_at)
    path.write_text(text[:answer_at] + "answer: NASA and Roscosmos share the running of the ISS." +
                    text[line_end:], encoding="utf-8")  # someone edits the file by hand meanwhile
    submitted = await fake.submit_modal(opened, {"Answer": "The two agencies run it."}, user=fake.moderator)
    reply = await submitted.reply()
    assert "this entry changed while you were editing" in reply["content"]
    assert "share the running of the ISS" in path.read_text(encoding="utf-8")
    for _ in range(100):
        if len(submitted.followups) >= 2:
            break
        await asyncio.sleep(0.02)
    given_back = submitted.followups[1].body
    assert given_back["flags"] & (1 << 6)
    assert "What you typed, to paste back" in given_back["content"] and "The two agencies run it." in \
        given_back["content"]  # the moderator's edit is not lost with the refusal

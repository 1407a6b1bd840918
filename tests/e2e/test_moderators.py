"""What a careful moderator sees, end to end through the loopback Discord (issue 10, items 11-15)."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any

import pytest

from bot.core.answers import Kind
from bot.core.storage.store import KnowledgeStore
from tests.e2e.conftest import Running
from tests.e2e.test_moderation import CITATIONS, NEW_ENTRY
from tests.e2e.test_slow_journal import hold
from tests.support.fake_discord import CallbackType

EPHEMERAL = 1 << 6


def components(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [row["components"] for row in data.get("components") or []]


async def record_unanswered(running: Running, *questions: str) -> None:
    for question in questions:
        await (await running.fake.slash_command("ask", {"question": question})).response()
    for _ in range(200):  # the bot records after it has answered
        if len(running.bot.journal.unanswered()) >= len(set(questions)):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the unanswered questions were not recorded: {running.bot.journal.unanswered()} {questions}")


async def test_unanswered_offers_teach_only_for_a_near_miss_and_shows_the_answer_first(editable: Running) -> None:
    fake = editable.fake
    near = next(q for q in ("when did they post the fotos in space", "wen did the rusians post the pics",
                            "what did the photos show exactly in space", "what did they post in space exactly")
                if editable.bot.engine.near_entry(q) and editable.bot.engine.ask(q).kind is Kind.DECLINE)
    await (await fake.slash_command("ask", {"question": "asdfghjkl"})).response()  # keyboard mash: never listed
    await record_unanswered(editable, "who won the world cup?", near)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    data = await listing.reply()
    order = [f["value"] for f in data["embeds"][0]["fields"]]
    rows = components(data)
    assert len(rows) == len(order) == 2  # one row per question, in the list's order
    for number, (row, question) in enumerate(zip(rows, order, strict=True), start=1):
        assert all(b["label"].startswith(f"{number}: ") for b in row)
        teach = [b for b in row if b["custom_id"].startswith("sb:kbq:to:")]
        if question.startswith(("asdfghjkl", "who won the world cup")):
            assert teach == [], f"{question!r} must not be offered to an entry"
        else:
            assert len(teach) == 1 and "“" in teach[0]["label"]  # the entry's title, not its id

    teach_id = next(b["custom_id"] for row in rows for b in row if b["custom_id"].startswith("sb:kbq:to:"))
    entry = teach_id.rsplit(":", 1)[1]
    before = editable.bot.engine.kb.get(entry)
    preview = await fake.click(listing, teach_id, user=fake.moderator)
    shown = await preview.reply()
    assert shown["flags"] & EPHEMERAL and "gets this answer" in shown["content"]
    assert shown["embeds"][0]["description"] == before.answer  # type: ignore[union-attr]
    assert editable.bot.engine.kb.get(entry) == before, "nothing is saved before the confirmation"
    labels = [b["label"] for row in components(shown) for b in row]
    assert labels == ["Teach it", "Cancel"]
    confirm = next(b["custom_id"] for row in components(shown) for b in row if b["label"] == "Teach it")
    done = await fake.click(preview, confirm, user=fake.moderator)
    result = await done.reply()
    assert "Saved as change 1" in result["content"] and not result.get("components")
    assert editable.bot.engine.ask(near).entry == entry
    assert fake.invalid == []


async def _teach_preview(editable: Running) -> tuple[str, str, Any, dict[str, Any]]:
    """A declined question near an entry, recorded as unanswered, and its "Teach it" preview opened: the question,
    the entry it would teach, the preview's interaction and its reply."""
    fake = editable.fake
    near = next(q for q in ("when did they post the fotos in space", "wen did the rusians post the pics",
                            "what did the photos show exactly in space", "what did they post in space exactly")
                if editable.bot.engine.near_entry(q) and editable.bot.engine.ask(q).kind is Kind.DECLINE)
    await record_unanswered(editable, near)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    rows = components(await listing.reply())
    teach_id = next(b["custom_id"] for row in rows for b in row if b["custom_id"].startswith("sb:kbq:to:"))
    preview = await fake.click(listing, teach_id, user=fake.moderator)
    return near, teach_id.rsplit(":", 1)[1], preview, await preview.reply()


async def test_teach_it_after_the_entry_was_edited_since_its_answer_was_shown_teaches_nothing(
        editable: Running) -> None:
    """The moderator agreed to the answer the preview showed; another moderator edits that answer before the press."""
    fake, bot = editable.fake, editable.bot
    near, entry, preview, shown = await _teach_preview(editable)
    raw = bot.store.get(entry)
    assert raw is not None
    answer_field = "answer" if "answer" in raw else "reply"
    edited = {**raw, answer_field: str(raw[answer_field]) + " (Corrected.)"}
    bot.store.replace_entry(entry, edited, "discord:another moderator (1)")  # meanwhile
    for _ in range(200):  # the edit is live
        if bot.engine.kb.get(entry) is not None and "(Corrected.)" in bot.engine.kb.get(entry).answer:  # type: ignore[union-attr]
            break
        await asyncio.sleep(0.02)
    confirm = next(b["custom_id"] for row in components(shown) for b in row if b["label"] == "Teach it")
    result = await (await fake.click(preview, confirm, user=fake.moderator)).reply()
    assert "nothing was taught" in result["content"] and not result.get("components")
    assert near not in (bot.store.get(entry) or {}).get("questions", [])
    assert fake.invalid == []


async def test_a_refused_import_names_the_uploaded_files_line_not_the_server_path(editable: Running) -> None:
    fake = editable.fake
    text = ("# my additions\n"
            "facts:\n"
            "  - id: crew-total\n"
            "    questions: [how many people in total, total crew, crew count]\n"
            "    answer: Seven people are aboard.\n"
            "    cite:\n"
            "      - line: 7\n"
            "        quote: five Americans\n")
    reply = await (await fake.slash_command("kb", {"file": fake.upload("mine.yaml", text.encode())},
                                            subcommand="import", user=fake.moderator)).reply()
    content = reply["content"]
    assert content.startswith("Nothing was saved. Fix this and try again:")
    # the misquote's own line in the upload (its quote:), not the entry's id line
    assert "• **mine.yaml, line 8** (entry 'crew-total'): Copy the exact words from line 7" in content
    assert str(editable.bot.settings.knowledge_dir) not in content and "facts.yaml" not in content


async def test_history_reads_like_discord(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await (await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)).reply()
    await (await fake.slash_command("kb", subcommand="undo", user=fake.moderator)).reply()
    history = await (await fake.slash_command("kb", subcommand="history", user=fake.moderator)).reply()
    fields = history["embeds"][0]["fields"]
    assert fields[1]["name"] == "Change 1: added iss-crew-size (undone by change 2)"
    assert fields[0]["name"].startswith("Change 2: undid change 1")
    assert re.fullmatch(rf"<@{fake.moderator.id}> · <t:\d+:R> \(<t:\d+:f>\)", fields[0]["value"])
    stamp = int(re.search(r"<t:(\d+):R>", fields[0]["value"])[1])  # type: ignore[index]
    assert abs(stamp - time.time()) < 120
    assert "footer" not in history["embeds"][0] or "page" not in history["embeds"][0]["footer"]["text"].lower()
    assert fake.invalid == []


async def test_form_boxes_are_plain_words_with_real_examples(editable: Running) -> None:
    opened = await editable.fake.slash_command("kb", subcommand="add", user=editable.fake.moderator)
    modal = await opened.modal()
    inputs = [c for row in modal["components"] for c in row.get("components", [row.get("component", {})])]
    labels = [c["label"] for c in inputs]
    assert labels == ["Short name", "Questions people ask", "Answer", CITATIONS, "Topic (optional)"]
    assert all(c.get("placeholder") for c in inputs)
    assert all(":" not in label and "(lowercase" not in label for label in labels)
    article = editable.bot.engine.kb.article
    paragraph, words = inputs[3]["placeholder"].split(" (")[0].split(": ", 1)
    assert words in article.line(article.line_of_paragraph(int(paragraph)) or 0)  # a real citation, as typed
    assert inputs[0]["placeholder"].split(" ")[0] in {e.id for e in editable.bot.engine.kb.entries}


async def test_the_stores_own_write_is_never_an_edit_on_disk(editable: Running,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fake = editable.fake
    slow = KnowledgeStore._change_locked

    def written_then_slow(self: KnowledgeStore, *args: Any, **kwargs: Any) -> Any:
        outcome = slow(self, *args, **kwargs)
        time.sleep(0.5)  # the files are written; the bot hasn't made them live yet
        return outcome

    monkeypatch.setattr(KnowledgeStore, "_change_locked", written_then_slow)
    await editable.bot.live.stop()
    editable.bot.live.start(interval=0.05)  # the folder check runs many times during the save
    since = fake.mark()
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    assert "Saved as change 1" in (await (await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator))
                                   .reply())["content"]
    await asyncio.sleep(0.3)  # several more checks after the save
    posted = [str((r.body or {}).get("content")) for r in fake.requests_to(
        "POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)]
    assert any("added iss-crew-size" in p for p in posted)
    assert not any("edit on disk" in p for p in posted), posted
    assert not await editable.bot.live.check_once()


async def test_kb_show_is_a_summary_with_the_whole_entry_attached(editable: Running) -> None:
    fake = editable.fake
    entry = max(editable.bot.engine.kb.entries, key=lambda e: len(e.questions))
    assert len(entry.questions) > 20
    shown = await fake.slash_command("kb", {"entry": entry.id}, subcommand="show", user=fake.moderator)
    data = await shown.reply()
    assert data["flags"] & EPHEMERAL
    embed = data["embeds"][0]
    assert embed["description"] == entry.answer
    names = [f["name"] for f in embed["fields"]]
    assert f"{len(entry.questions)} ways to ask it" in names
    count = next(f for f in embed["fields"] if f["name"].endswith("ways to ask it"))
    assert count["value"].count("•") == 3 and f"{len(entry.questions) - 3} more in the attached file" in count["value"]
    assert any(n.startswith("Paragraph ") for n in names)
    assert data["attachments"][0]["filename"] == f"{entry.id}.yaml"
    assert fake.invalid == []


async def test_kb_show_of_a_quote_or_a_timeline_event_shows_its_words(editable: Running) -> None:
    fake, kb = editable.fake, editable.bot.engine.kb
    quote, event = kb.quotes[0], kb.timeline[0]
    for entry_id, words in ((quote.id, quote.text), (event.id, event.event)):
        shown = await fake.slash_command("kb", {"entry": entry_id}, subcommand="show", user=fake.moderator)
        description = (await shown.reply())["embeds"][0]["description"]
        assert words[:40] in description


async def test_an_entry_typed_with_spaces_or_pasted_with_its_title_is_found(editable: Running) -> None:
    fake, kb = editable.fake, editable.bot.engine.kb
    entry = next(e for e in kb.entries if e.from_article)
    for typed in (f"  {entry.id} ", f"{entry.id} — {entry.heading}"):
        shown = await fake.slash_command("kb", {"entry": typed}, subcommand="show", user=fake.moderator)
        data = await shown.reply()
        assert data.get("embeds"), data.get("content")


async def test_a_cancelled_import_forgets_the_file(editable: Running) -> None:
    fake = editable.fake
    text = b"facts:\n  - id: crew-total\n    questions: [a b c, d e f, g h i]\n    answer: Seven.\n" \
           b"    cite:\n      - line: 7\n        quote: four Americans\n"
    imported = await fake.slash_command("kb", {"file": fake.upload("new.yaml", text)}, subcommand="import",
                                        user=fake.moderator)
    preview = await imported.reply()
    cancel = next(b["custom_id"] for row in components(preview) for b in row if b["label"] == "Cancel")
    body = await (await fake.click(imported, cancel, user=fake.moderator)).response()
    assert body["type"] == CallbackType.UPDATE_MESSAGE and body["data"]["components"] == []
    assert editable.bot.pending_imports == {}
    assert editable.bot.engine.kb.get("crew-total") is None


async def test_reload_errors_name_the_file_and_line_but_no_server_path(editable: Running) -> None:
    fake = editable.fake
    folder = editable.bot.settings.knowledge_dir
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8")[:500], encoding="utf-8")
    reply = await (await fake.slash_command("kb", subcommand="reload", user=fake.moderator)).reply()
    assert re.search(r"• facts\.yaml:\d+:", reply["content"]), reply["content"]
    assert str(folder) not in reply["content"] and folder.name + "/" not in reply["content"]


async def test_an_unanswered_question_an_entry_has_listed_since_is_not_taught_twice(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, bot = editable.fake, editable.bot
    question = "who won the world cup?"
    await record_unanswered(editable, question)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    new = next(b["custom_id"] for row in components(await listing.reply()) for b in row
               if b["custom_id"].startswith("sb:kbq:new:"))
    outcome = await asyncio.to_thread(bot.store.add_question, "iss-crew", question, "ann")  # taught meanwhile
    await bot.live.adopt(outcome.kb, outcome.change_id)
    release, _ = hold(monkeypatch, bot.journal, "forget_unanswered")  # the journal is busy meanwhile
    try:
        clicked = await fake.click(listing, new, user=fake.moderator)
        told = (await clicked.response(timeout=2.5))["data"]  # within Discord's 3 s, not after the journal
    finally:
        release.set()
    assert told["flags"] & EPHEMERAL and "already one of the questions of `iss-crew`" in told["content"]
    for _ in range(100):  # forgotten after the reply, since the journal may be busy
        if not bot.journal.unanswered():
            break
        await asyncio.sleep(0.02)
    assert bot.journal.unanswered() == []


async def test_kb_show_of_a_hand_edit_with_text_for_a_line_number_stays_within_discords_limits(
        editable: Running) -> None:
    """A hand edit the live knowledge base refused can still be shown: its raw "line" may be any text (a field
    name holds 256 characters, and a mention written there must not become a pill)."""
    fake = editable.fake
    entry = next(e for e in editable.bot.engine.kb.entries if e.cite)
    path = editable.bot.settings.knowledge_dir / Path(entry.origin.file).name
    text = path.read_text(encoding="utf-8")
    at = text.index(f"id: {entry.id}\n")
    cited = f"- line: {entry.cite[0].line}\n"
    at = text.index(cited, at)
    path.write_text(text[:at] + "- line: '<@123456789012345678> " + "9" * 300 + "'\n" + text[at + len(cited):],
                    encoding="utf-8")
    shown = await fake.slash_command("kb", {"entry": entry.id}, subcommand="show", user=fake.moderator)
    data = await shown.reply()
    names = [f["name"] for f in data["embeds"][0]["fields"]]
    assert any(n.startswith("Line ") and len(n) <= 256 and "<@123" not in n for n in names), names
    assert fake.invalid == []


async def test_teach_it_on_an_entry_a_hand_edit_left_with_one_question_not_a_list_saves(editable: Running) -> None:
    fake = editable.fake
    near, entry, preview, shown = await _teach_preview(editable)
    # meanwhile, by hand: the entry's questions written as one question (YAML reads it as text, not a list)
    folder = editable.bot.settings.knowledge_dir
    pattern = re.compile(rf"(  - id: {re.escape(entry)}\n(?:    (?!questions:).*\n)*)    questions:\n(?:      - .*\n)+")
    path = next(p for p in sorted(folder.glob("*.yaml")) if pattern.search(p.read_text(encoding="utf-8")))
    path.write_text(pattern.sub(r"\1    questions: what about the pictures from space\n",
                                path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    confirm = next(b["custom_id"] for row in components(shown) for b in row if b["label"] == "Teach it")
    result = await (await fake.click(preview, confirm, user=fake.moderator)).reply()
    assert "Saved as change 1" in result["content"], result["content"]
    assert editable.bot.engine.ask(near).entry == entry
    assert fake.invalid == []

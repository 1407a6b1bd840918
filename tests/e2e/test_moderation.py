"""/kb end to end: forms, undo, refusals, reload, the unanswered list and feedback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.app import create_bot
from bot.app.screens.kb_views import EntryModal
from bot.core.storage.errors import StoreError
from bot.core.storage.store import KnowledgeStore
from tests.e2e.conftest import Running, settings_for
from tests.support.fake_discord import CallbackType, CommandNotAvailable, FakeDiscord, InteractionHandle

EPHEMERAL = 1 << 6
KB_COMMANDS = ["add", "edit", "remove", "show", "undo", "history", "reload", "export", "import", "unanswered",
               "feedback"]
CITATIONS = "Where the article says it"
NEW_ENTRY = {
    "Short name": "iss-crew-size",
    "Questions people ask": "how big is the crew\nhow many people live on the station\ncrew size",
    "Answer": "Seven: two Russian cosmonauts, one European astronaut and four Americans.",
    CITATIONS: "4: two Russian cosmonauts, one European astronaut and four Americans",  # paragraph 4, file line 7
}


def snapshot(running: Running) -> dict[str, bytes]:
    folder = running.bot.settings.knowledge_dir
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


async def test_kb_is_hidden_from_members_without_manage_server(editable: Running) -> None:
    with pytest.raises(CommandNotAvailable, match="default_member_permissions"):
        await editable.fake.slash_command("kb", subcommand="history", user=editable.fake.non_moderator)


@pytest.mark.parametrize("subcommand", KB_COMMANDS)
async def test_every_kb_command_refuses_a_non_moderator_visibly(editable: Running, subcommand: str) -> None:
    fake = editable.fake
    fake.allow_command("kb", fake.non_moderator)  # a server admin exposed it anyway
    options: dict[str, object] | None = {"entry": "iss-crew"} if subcommand in ("edit", "remove", "show") else None
    if subcommand == "import":
        options = {"file": fake.upload("kb.yaml", b"facts: []")}
    before = snapshot(editable)
    handle = await fake.slash_command("kb", options, subcommand=subcommand, user=fake.non_moderator)
    data = (await handle.response())["data"]
    assert data["flags"] & EPHEMERAL
    assert "Only moderators" in data["content"]
    assert snapshot(editable) == before


async def test_add_through_the_form_then_undo(editable: Running) -> None:
    fake = editable.fake
    before = snapshot(editable)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    modal = await opened.modal()
    assert modal["title"] == "Add an entry"
    submitted = await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)
    reply = await submitted.reply()
    assert "Saved as change 1" in reply["content"]
    assert editable.bot.engine.ask("how big is the crew").entry == "iss-crew-size"
    logged = await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$")
    assert "added iss-crew-size" in logged.body["content"]

    undo = await fake.slash_command("kb", subcommand="undo", user=fake.moderator)
    assert "undid change 1" in (await undo.reply())["content"]
    assert snapshot(editable) == before
    assert editable.bot.engine.kb.get("iss-crew-size") is None
    assert fake.invalid == []


@pytest.mark.parametrize(("status", "code", "says"), [(403, 50013, "lacks the permission"),
                                                    (404, 10003, "no longer exists")])
async def test_a_mod_log_channel_that_refuses_the_post_is_told_to_the_moderator(
        editable: Running, status: int, code: int, says: str) -> None:
    fake = editable.fake
    fake.fail("POST", rf"/channels/{fake.other_channel.id}/messages$", status, code, "refused", times=None)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    submitted = await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)
    assert "Saved as change 1" in (await submitted.reply())["content"]
    for _ in range(200):
        if len(submitted.followups) >= 2:
            break
        await asyncio.sleep(0.02)
    notes = [r.body["content"] for r in submitted.followups]
    assert notes[0].startswith("Saved as change 1")  # the moderator first, the mod-log after
    assert len(notes) == 2 and "couldn't be posted to the mod-log channel" in notes[1] and says in notes[1]
    assert ("give the bot View Channel" in notes[1]) == (status == 403)  # a deleted channel needs another one
    assert all(r.body["flags"] & EPHEMERAL for r in submitted.followups)
    assert editable.bot.engine.kb.get("iss-crew-size") is not None


async def test_a_form_with_a_wrong_quote_saves_nothing_and_says_why(editable: Running) -> None:
    fake = editable.fake
    before = snapshot(editable)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    wrong = {**NEW_ENTRY, CITATIONS: "4: five Americans"}
    reply = await (await fake.submit_modal(opened, wrong, user=fake.moderator)).reply()
    assert reply["flags"] & EPHEMERAL
    content = reply["content"]
    assert content.startswith("Nothing was saved. Fix this and try again:\n")
    # the fix first, the box named, paragraphs as in /source, no server path, no merged-file line
    assert "• **Where the article says it**, line 1: Copy the exact words from paragraph 4; the closest there is " \
           "\"four Americans\" (quote \"five Americans\" is not on paragraph 4)." in content
    assert "/" not in content and ".yaml" not in content
    assert snapshot(editable) == before


async def test_a_malformed_citation_box_is_explained(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    wrong = {**NEW_ENTRY, CITATIONS: "seven jointly operate"}
    reply = await (await fake.submit_modal(opened, wrong, user=fake.moderator)).reply()
    assert reply["content"].startswith("Nothing was saved. Write the paragraph, a colon and its exact words")
    assert ("(Where the article says it, line 1: 'seven jointly operate' is not a paragraph number, a colon and "
            "words)") in reply["content"]


async def test_edit_opens_a_prefilled_form_and_saves(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", {"entry": "iss-operators"}, subcommand="edit", user=fake.moderator)
    modal = await opened.modal()
    assert modal["title"] == "Edit iss-operators"
    texts = [c for row in modal["components"] for c in row.get("components", [row.get("component", {})])]
    assert any("jointly operate" in (c.get("value") or "") for c in texts)
    answer = "NASA and Roscosmos run the station together."
    reply = await (await fake.submit_modal(opened, {"Answer": answer}, user=fake.moderator)).reply()
    assert "edited iss-operators — answer." in reply["content"]  # what changed, and only that
    assert editable.bot.engine.kb.get("iss-operators").answer == answer  # type: ignore[union-attr]


async def test_clearing_a_facts_citations_says_it_is_a_gap_now(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", {"entry": "iss-operators"}, subcommand="edit", user=fake.moderator)
    await opened.modal()
    submitted = await fake.submit_modal(opened, {"Answer": "The article doesn't say.", CITATIONS: ""},
                                        user=fake.moderator)
    assert "edited iss-operators" in (await submitted.reply())["content"]
    for _ in range(100):
        if any("it is a gap now" in r.body["content"] for r in submitted.followups):
            break
        await asyncio.sleep(0.02)
    assert any("it is a gap now" in r.body["content"] for r in submitted.followups)
    assert not editable.bot.engine.kb.get("iss-operators").from_article  # type: ignore[union-attr]


async def test_remove_asks_to_confirm(editable: Running) -> None:
    fake = editable.fake
    asked = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    data = (await asked.response())["data"]
    confirm, cancel = (c["custom_id"] for c in data["components"][0]["components"])
    assert [c["label"] for c in data["components"][0]["components"]] == ["Remove rare-statement", "Cancel"]
    assert editable.bot.engine.kb.get("rare-statement") is not None
    cancelled = await (await fake.click(asked, cancel, user=fake.moderator)).response()
    assert cancelled["type"] == CallbackType.UPDATE_MESSAGE and cancelled["data"]["components"] == []
    assert cancelled["data"]["content"] == "Cancelled: nothing was changed."
    assert editable.bot.engine.kb.get("rare-statement") is not None

    asked = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    confirm = (await asked.response())["data"]["components"][0]["components"][0]["custom_id"]
    confirmed = await fake.click(asked, confirm, user=fake.moderator)
    assert (await confirmed.response())["type"] == CallbackType.DEFERRED_UPDATE_MESSAGE
    edited = await confirmed.reply()  # the question itself now says what happened, with no buttons left
    assert "removed rare-statement" in edited["content"] and not edited.get("components")
    assert not confirmed.followups
    assert editable.bot.engine.kb.get("rare-statement") is None


async def test_remove_in_a_read_only_folder_refuses_at_once_with_no_buttons(
        editable: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KnowledgeStore, "read_only", lambda self: "knowledge is read-only here, so edits are off")
    fake = editable.fake
    asked = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    data = (await asked.response())["data"]
    assert data["flags"] & EPHEMERAL and "edits are off" in data["content"]
    assert not data.get("components")
    assert editable.bot.engine.kb.get("rare-statement") is not None


async def test_a_remove_confirmed_after_someone_edited_the_entry_removes_nothing(editable: Running) -> None:
    fake = editable.fake
    asked = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="remove", user=fake.moderator)
    confirm = (await asked.response())["data"]["components"][0]["components"][0]["custom_id"]
    edit = await fake.slash_command("kb", {"entry": "rare-statement"}, subcommand="edit", user=fake.owner)
    await edit.modal()
    saved = await fake.submit_modal(edit, {"Answer": "Rewritten meanwhile."}, user=fake.owner)
    assert "Saved as change 1" in (await saved.reply())["content"]
    said = (await (await fake.click(asked, confirm, user=fake.moderator)).reply())["content"]
    assert "changed after you asked to remove it" in said and "nothing was removed" in said
    assert editable.bot.engine.kb.get("rare-statement").answer == "Rewritten meanwhile."  # type: ignore[union-attr]


async def test_reload_with_a_broken_file_keeps_the_old_knowledge_base(editable: Running) -> None:
    fake = editable.fake
    facts = editable.bot.settings.knowledge_dir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8")[:500], encoding="utf-8")
    entries = len(editable.bot.engine.kb.entries)
    reply = await (await fake.slash_command("kb", subcommand="reload", user=fake.moderator)).reply()
    assert "still answering" in reply["content"] and "facts.yaml" in reply["content"]
    assert len(editable.bot.engine.kb.entries) == entries
    assert editable.bot.engine.ask("who runs the iss").answered


async def test_a_hand_edit_is_picked_up_and_a_broken_one_is_not(editable: Running) -> None:
    fake = editable.fake
    live = editable.bot.live
    facts = editable.bot.settings.knowledge_dir / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    old = "answer: NASA and Roscosmos, Russia's state space corporation, jointly operate the ISS."
    facts.write_text(text.replace(old, old[:-1] + ", the article says.", 1), encoding="utf-8")
    assert await live.check_once()
    assert "the article says" in editable.bot.engine.kb.get("iss-operators").answer  # type: ignore[union-attr]

    facts.write_text("facts: [broken", encoding="utf-8")
    assert await live.check_once()
    assert editable.bot.engine.kb.get("iss-operators") is not None, "the old knowledge base stays live"
    posted = await fake.wait_for(lambda r: r.method == "POST" and "errors" in str((r.body or {}).get("content")))
    assert "facts.yaml" in posted.body["content"]


async def test_unanswered_questions_are_listed_with_fixes(editable: Running) -> None:
    fake = editable.fake
    for _ in range(2):
        await (await fake.slash_command("ask", {"question": "what are the names of the cosmonauts?"})).response()
    for _ in range(100):  # the bot records after it has answered
        recorded = editable.bot.journal.unanswered()
        if recorded and recorded[0].count == 2:
            break
        await asyncio.sleep(0.02)
    listing = await fake.slash_command("kb", subcommand="unanswered", user=fake.moderator)
    assert (await listing.response())["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE  # the journal may be busy
    data = await listing.reply()
    assert "names of the cosmonauts" in data["embeds"][0]["fields"][0]["value"]
    assert "×2" in data["embeds"][0]["fields"][0]["name"]
    buttons = [c["custom_id"] for row in data["components"] for c in row["components"]]
    new = next(b for b in buttons if b.startswith("sb:kbq:new:"))
    opened = await fake.click(listing, new, user=fake.moderator)
    modal = await opened.modal()
    assert any("names of the cosmonauts" in (c.get("value") or "")
               for row in modal["components"] for c in row.get("components", [row.get("component", {})]))
    saved = await fake.submit_modal(opened, {"Short name": "crew-names-asked",
                                             "Questions people ask": "what are the names of the cosmonauts?",
                                             "Answer": "The article doesn't name them."}, user=fake.moderator)
    assert "Saved as change 1" in (await saved.reply())["content"]
    for _ in range(100):  # forgotten once the change is saved and announced
        if not editable.bot.journal.unanswered():
            break
        await asyncio.sleep(0.02)
    assert editable.bot.journal.unanswered() == [], "a question answered by the new entry leaves the list"


async def test_votes_show_up_in_feedback(editable: Running) -> None:
    fake = editable.fake
    asked = await fake.slash_command("ask", {"question": "who runs the iss"})
    data = (await asked.response())["data"]
    down = next(c["custom_id"] for row in data["components"] for c in row["components"]
                if c["custom_id"].startswith("sb:vote:down:"))
    thanks = await (await fake.click(asked, down, user=fake.non_moderator)).reply()
    assert thanks["flags"] & EPHEMERAL
    report = await (await fake.slash_command("kb", subcommand="feedback", user=fake.moderator)).reply()
    heading = editable.bot.engine.heading("iss-operators")
    assert report["embeds"][0]["fields"][0]["name"].startswith(f"{heading} (iss-operators): 1 👎")
    assert "`/kb edit`" in report["embeds"][0]["description"]  # what to do about it


async def test_export_and_history(editable: Running) -> None:
    fake = editable.fake
    exported = await fake.slash_command("kb", subcommand="export", user=fake.moderator)
    # acknowledged first: reading and writing out every file of a big knowledge base takes seconds
    assert (await exported.response())["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    sent = await exported.reply()
    assert sent["attachments"][0]["filename"] == "knowledge.yaml" and sent["flags"] & EPHEMERAL
    history = await (await fake.slash_command("kb", subcommand="history", user=fake.moderator)).reply()
    assert history["embeds"][0]["description"] == "No changes yet."
    assert fake.invalid == []


async def _imported(fake: FakeDiscord, name: str, text: str) -> InteractionHandle:
    """A moderator's /kb import of a file holding ``text``: the interaction, its preview still to read."""
    return await fake.slash_command("kb", {"file": fake.upload(name, text.encode())}, subcommand="import",
                                    user=fake.moderator)


async def test_import_previews_and_applies_on_confirm(editable: Running) -> None:
    fake = editable.fake
    yaml_text = (
        "facts:\n"
        "  - id: crew-total\n"
        "    questions: [how many people in total are on the iss, total crew, crew count]\n"
        "    answer: Seven people are aboard.\n"
        "    cite:\n"
        "      - line: 7\n"
        "        quote: four Americans\n"
    )
    imported = await _imported(fake, "new.yaml", yaml_text)
    preview = await imported.reply()
    assert "would add 1 and change 0" in preview["content"]
    assert editable.bot.engine.kb.get("crew-total") is None
    confirm = preview["components"][0]["components"][0]["custom_id"]
    assert [c["label"] for c in preview["components"][0]["components"]] == ["Import these changes", "Cancel"]
    click = await fake.click(imported, confirm, user=fake.moderator)
    done = await click.reply()
    assert "imported: 1 added" in done["content"] and not done.get("components") and not click.followups
    assert editable.bot.engine.kb.get("crew-total") is not None


async def test_an_import_confirmed_after_another_moderator_changed_an_entry_it_holds_imports_nothing(
        editable: Running) -> None:
    """The preview said the file leaves an entry unchanged; another moderator edits it before the confirm: the confirm
    would put the old text back, which is not what was previewed, so nothing is imported."""
    import yaml

    fake, bot = editable.fake, editable.bot
    kept = bot.store.get("iss-crew")
    assert kept is not None
    yaml_text = yaml.safe_dump({"facts": [kept, {
        "id": "crew-total", "questions": ["how many people in total are on the iss", "total crew", "crew count"],
        "answer": "Seven people are aboard.", "cite": [{"line": 7, "quote": "four Americans"}]}]}, sort_keys=False)
    imported = await _imported(fake, "mine.yaml", yaml_text)
    preview = await imported.reply()
    assert "would add 1 and change 0 entries (1 unchanged)" in preview["content"]
    edited = {**kept, "answer": str(kept["answer"]) + " (Checked again.)"}
    bot.store.replace_entry("iss-crew", edited, "discord:another moderator (1)")  # meanwhile
    confirm = preview["components"][0]["components"][0]["custom_id"]
    done = await (await fake.click(imported, confirm, user=fake.moderator)).reply()
    assert "Nothing was saved" in done["content"] and "upload the file again" in done["content"].casefold()
    assert bot.store.get("iss-crew") == edited, "the other moderator's edit stands"
    assert bot.store.get("crew-total") is None
    assert fake.invalid == []


POSED, POSED_NOW = "answer: The cosmonauts posed with", "answer: The cosmonauts posed holding"  # the entry flags


async def test_an_older_export_uploaded_unedited_names_the_entries_changed_since_as_kb_import_does(
        editable: Running) -> None:
    """Not "(N unchanged). Nothing to do.": what changed since the export keeps its newer text, and it says so."""
    fake, store = editable.fake, editable.bot.store
    exported = store.export()
    store.remove("iss-crew", "ann")
    facts = editable.bot.settings.knowledge_dir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(POSED, POSED_NOW), encoding="utf-8")  # by hand
    before = snapshot(editable)
    imported = await _imported(fake, "knowledge.yaml", exported)
    reply = await imported.reply()
    assert reply["content"] == ("`knowledge.yaml`: nothing to change — the file edits no entry, and those that "
                                "changed since it was exported stay as they are now (flags changed, iss-crew "
                                "removed).")
    assert not reply.get("components") and snapshot(editable) == before


async def test_an_older_export_with_one_edit_previews_the_entries_changed_since_as_kept_not_unchanged(
        editable: Running) -> None:
    fake, store = editable.fake, editable.bot.store
    exported = store.export()
    entries = len(editable.bot.engine.kb.entries)
    store.remove("iss-crew", "ann")
    edited = exported.replace(POSED, POSED_NOW)
    imported = await _imported(fake, "knowledge.yaml", edited)
    preview = await imported.reply()
    assert preview["content"] == (f"`knowledge.yaml` would add 0 and change 1 entries ({entries - 2} unchanged).\n"
                                  "Changed: `flags`\n"
                                  "Changed since the file was exported, so kept as they are now: iss-crew removed")
    assert [c["label"] for c in preview["components"][0]["components"]] == ["Import these changes", "Cancel"]


async def test_an_import_that_turns_a_fact_into_a_gap_previews_and_applies(editable: Running) -> None:
    fake = editable.fake
    yaml_text = (  # an export edited: the fact's citations taken out, its answer now a gap's reply, under gaps:
        "gaps:\n"
        "  - id: iss-crew\n"
        "    questions: [who is on the iss, iss crew, crew of the iss]\n"
        "    reply: The article doesn't list the crew by name.\n"
    )
    imported = await _imported(fake, "edited.yaml", yaml_text)
    preview = await imported.reply()
    assert "would add 0 and change 1" in preview["content"], preview["content"]
    click = await fake.click(imported, preview["components"][0]["components"][0]["custom_id"], user=fake.moderator)
    assert "imported: 0 added, 1 changed (iss-crew)" in (await click.reply())["content"]
    entry = editable.bot.engine.kb.get("iss-crew")
    assert entry is not None and entry.kind == "gap"
    assert fake.invalid == []


async def test_an_invalid_import_is_refused_before_any_confirmation(editable: Running) -> None:
    fake = editable.fake
    before = snapshot(editable)
    bad = fake.upload("bad.yaml", b"facts:\n  - id: x\n    questions: [a]\n    answer: no\n    cite: []\n")
    reply = await (await fake.slash_command("kb", {"file": bad}, subcommand="import", user=fake.moderator)).reply()
    assert "Nothing was saved" in reply["content"]
    assert not reply.get("components")
    assert snapshot(editable) == before


async def test_refusals_name_discords_commands_not_the_terminals(editable: Running) -> None:
    fake, store = editable.fake, editable.bot.store
    undo = await fake.slash_command("kb", {"number": 999}, subcommand="undo", user=fake.moderator)
    said = (await undo.reply())["content"]
    assert "'/kb history' lists every change" in said and "python -m bot" not in said
    store.remove("iss-crew", "ann")
    with pytest.raises(StoreError, match="use an id that '/kb show' lists"):
        store.remove("iss-crew", "bob")  # removed meanwhile


async def test_a_saved_question_that_another_entry_still_takes_is_pointed_out(editable: Running) -> None:
    fake = editable.fake
    gap = next(e for e in editable.bot.engine.kb.entries if not e.from_article and e.questions)
    borrowed = gap.questions[0] + " then"  # close to the gap's own question, not the same
    assert editable.bot.engine.ask(borrowed).entry == gap.id
    fields = {**NEW_ENTRY, "Questions people ask": NEW_ENTRY["Questions people ask"] + "\n" + borrowed}
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    submitted = await fake.submit_modal(opened, fields, user=fake.moderator)
    assert "Saved as change 1" in (await submitted.reply())["content"]
    for _ in range(200):
        notes = [r.body["content"] for r in submitted.followups]
        if any("Heads-up" in n for n in notes):
            break
        await asyncio.sleep(0.02)
    note = next(n for n in notes if "Heads-up" in n)
    assert f"gets “{editable.bot.engine.heading(gap.id)}” (`{gap.id}`)" in note and "(`iss-crew-size`)" in note


@pytest.mark.parametrize(("status", "code"), [(404, 10015), (403, 50013)])
async def test_a_saved_change_is_logged_though_discord_refuses_the_note_to_the_moderator(
        editable: Running, status: int, code: int) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    since = fake.mark()
    fake.fail("POST", r"^/webhooks/", status, code, "refused")  # "Saved as change 1", once
    submitted = await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)
    logged = await fake.wait_for_request("POST", rf"/channels/{fake.other_channel.id}/messages$", since=since)
    assert "added iss-crew-size" in logged.body["content"]
    assert editable.bot.engine.kb.get("iss-crew-size") is not None
    await asyncio.sleep(0.2)
    told = [r.body.get("content") or "" for r in submitted.followups if r.status and r.status < 300]
    assert not any("try again" in note or "couldn't finish" in note for note in told), told


async def test_a_form_submitted_after_it_stopped_waiting_hands_the_text_back(editable: Running) -> None:
    fake = editable.fake
    before = snapshot(editable)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    await asyncio.sleep(0.1)
    EntryModal.waiting.clear()  # what an hour open, or a restart, leaves: no form waiting for this submit
    for modal in list(editable.bot._connection._view_store._modals.values()):  # type: ignore[attr-defined]
        modal.stop()
    submitted = await fake.submit_modal(opened, NEW_ENTRY, user=fake.moderator)
    first = await submitted.reply()
    assert first["flags"] & EPHEMERAL and first["content"].startswith("Nothing was saved: that form was open too long")
    for _ in range(100):
        if len(submitted.followups) >= 2:
            break
        await asyncio.sleep(0.02)
    handed = submitted.followups[-1].body["content"]
    assert handed.startswith("What you typed, to paste back:") and "how big is the crew" in handed
    assert "Short name:\niss-crew-size" in handed  # every box, the short name too
    assert snapshot(editable) == before
    assert fake.invalid == []


@pytest.mark.parametrize(("answer", "says"), [
    ("Seven\u200b people.", "**Answer**: Delete the invisible character U+200B from the answer"),
    ("   ", "Answer: the box is empty"),
])
async def test_a_wrong_answer_box_is_named_with_the_fix(editable: Running, answer: str, says: str) -> None:
    fake = editable.fake
    before = snapshot(editable)
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    reply = await (await fake.submit_modal(opened, {**NEW_ENTRY, "Answer": answer}, user=fake.moderator)).reply()
    assert says in reply["content"] and "missing field" not in reply["content"]
    assert snapshot(editable) == before


async def test_a_taken_or_invalid_short_name_says_what_to_do_in_discords_words(editable: Running) -> None:
    fake = editable.fake
    for typed, says in (("iss-operators", "change that entry with '/kb edit iss-operators'"),
                        ("Crew Size!!", "use lowercase letters, digits and dashes")):
        opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
        await opened.modal()
        reply = await (await fake.submit_modal(opened, {**NEW_ENTRY, "Short name": typed}, user=fake.moderator)).reply()
        assert says in reply["content"].casefold() or says in reply["content"], reply["content"]
        assert "YAML" not in reply["content"]


async def test_a_refused_form_quotes_what_was_typed_without_mention_pills(editable: Running) -> None:
    fake = editable.fake
    opened = await fake.slash_command("kb", subcommand="add", user=fake.moderator)
    await opened.modal()
    typed = {**NEW_ENTRY, "Short name": "Bad <@123456789012345678>",
             CITATIONS: f"4: <@{fake.user.id}> <#{fake.channel.id}> @everyone"}
    submitted = await fake.submit_modal(opened, typed, user=fake.moderator)
    content = (await submitted.reply())["content"]
    assert content.startswith("Nothing was saved")
    assert "<@1" not in content and f"<#{fake.channel.id}>" not in content and "@everyone" not in content
    assert str(fake.user.id) in content  # what was typed is still quoted
    assert fake.invalid == []


async def test_a_moderator_role_without_manage_server_needs_the_server_to_show_it_kb(tmp_path: Path) -> None:
    """MOD_ROLE_IDS counts at run time, but Discord hides /kb (default permission Manage Server) from a member who has
    only that role: until a server admin allows it (Server Settings > Integrations) the role can't run it."""
    async with FakeDiscord() as fake:
        bot = create_bot(settings_for(fake, tmp_path / "data", mod_role_ids=frozenset({fake.member_role.id})))
        await fake.start_bot(bot)
        with pytest.raises(CommandNotAvailable, match="default_member_permissions"):
            await fake.slash_command("kb", subcommand="history", user=fake.non_moderator)
        fake.allow_command("kb", fake.non_moderator)  # what the README tells the server admin to do
        data = await (await fake.slash_command("kb", subcommand="history", user=fake.non_moderator)).reply()
        assert "Only moderators" not in str(data.get("content")) and data["embeds"]
        assert fake.invalid == []
        await fake.stop_bot()

"""/kb guards that run before any form or confirmation opens: a read-only knowledge folder."""

from __future__ import annotations

import pytest

from bot.app.client import StoryBot
from bot.app.cogs.moderation import ModerationCog
from bot.core.storage.store import KnowledgeStore
from tests.app.conftest import make_interaction, sent


@pytest.mark.parametrize("command", ["add", "edit", "remove"])
async def test_a_read_only_folder_says_edits_are_off_instead_of_opening_the_form_or_the_confirm_buttons(
        bot: StoryBot, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setattr(KnowledgeStore, "read_only", lambda self: "knowledge is read-only for this user, so edits "
                                                                  "are off — make the folder writable")
    cog = ModerationCog(bot)
    interaction = make_interaction(manage_guild=True)
    if command == "add":
        await cog.add(interaction)
    elif command == "edit":
        await cog.edit(interaction, "iss-operators")
    else:
        await cog.remove(interaction, "iss-operators")
    interaction.response.send_modal.assert_not_awaited()
    reply = sent(interaction)
    assert reply["ephemeral"] is True and "edits are off" in reply["content"]
    assert reply.get("view") is None  # no buttons to agree to a change that can't be made


async def test_the_story_installed_with_the_program_is_not_edited_from_discord(
        bot: StoryBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # The bot's knowledge folder stands in for the copy inside an installed package.
    monkeypatch.setattr("bot.config.SHIPPED", bot.settings.knowledge_dir.resolve())
    assert "installed with storybot" in (bot.store.read_only() or "")
    cog = ModerationCog(bot)
    interaction = make_interaction(manage_guild=True)
    await cog.add(interaction)
    interaction.response.send_modal.assert_not_awaited()
    assert "python -m bot init DIR" in sent(interaction)["content"]


async def test_a_refused_form_too_long_for_a_message_is_given_back_as_a_file() -> None:
    from bot.app.screens.kb_views import give_back
    from bot.core.storage.forms import EntryForm
    from tests.app.conftest import make_interaction

    interaction = make_interaction()
    await give_back(interaction, EntryForm("staff", "how many\n" * 400, "Twelve ``` people.", "3: employs 12"))
    sent = interaction.followup.send.await_args
    attached = sent.kwargs["file"]
    assert sent.kwargs["ephemeral"] and attached.filename == "your-edit.txt"
    text = attached.fp.read().decode("utf-8")
    assert text.count("how many") == 400 and "Twelve ``` people." in text  # a file keeps every character
    short = make_interaction()
    await give_back(short, EntryForm("staff", "how many", "Twelve people.", ""))
    said = short.response.send_message.await_args.kwargs["content"]
    assert said.startswith("What you typed, to paste back:\n```") and said.count("```") == 2
    fenced = make_interaction()
    await give_back(fenced, EntryForm("staff", "how many", "Twelve ``` people.", ""))
    assert fenced.followup.send.await_args.kwargs["file"].filename == "your-edit.txt"  # a fence would end the block

"""The moderators' buttons and forms: the entry modal, confirmations, unanswered questions."""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import time
from typing import TYPE_CHECKING, Any

import discord

from bot.app import limits
from bot.app.limits import clip
from bot.app.moderators import actor_name, is_moderator, log_refusal
from bot.app.replies import send_ephemeral
from bot.app.tree import report
from bot.app.views import ENTRY, Guarded, story_bot
from bot.core.forms import EntryForm
from bot.core.store import Outcome, StoreError

if TYPE_CHECKING:
    from bot.app.client import StoryBot

IMPORT_TTL = 15 * 60
ANSWER_MAX = 1500
CITATIONS_MAX = 2000
TOPIC_MAX = 100


def question_key(question: str) -> str:
    return hashlib.sha256(question.encode()).hexdigest()[:16]


def refusal_text(error: StoreError) -> str:
    lines = [f"Nothing was saved: {error.message}"]
    lines += [f"• {p}" for p in error.problems[:12]]
    return clip("\n".join(lines), limits.CONTENT)


async def apply_change(interaction: discord.Interaction[Any], change: Any, *args: Any) -> Outcome | None:
    """Run a store change off the event loop; make it live, announce it, and tell the moderator."""
    bot = story_bot(interaction)
    try:
        outcome: Outcome = await asyncio.to_thread(change, *args)
    except StoreError as error:
        await send_ephemeral(interaction, refusal_text(error))
        return None
    await bot.live.adopt(outcome.kb, outcome.change_id)
    await bot.live.announce(f"📝 {interaction.user.mention} {outcome.summary} (change {outcome.change_id}).")
    await send_ephemeral(interaction, clip(f"Saved as change {outcome.change_id}: {outcome.summary}. "
                                           "Undo with `/kb undo`.", limits.CONTENT))
    return outcome


async def moderator_only(interaction: discord.Interaction[Any], what: str) -> bool:
    if is_moderator(interaction, story_bot(interaction).settings):
        return True
    log_refusal(interaction, what)
    await send_ephemeral(interaction, "Only moderators can change the knowledge base.")
    return False


class EntryModal(discord.ui.Modal):
    """Add or edit an entry: questions one per line, answer, citations as 'LINE: exact words'."""

    def __init__(self, form: EntryForm, editing: bool) -> None:
        title = f"Edit {form.id}" if editing else "Add an entry"
        super().__init__(title=clip(title, limits.MODAL_TITLE), timeout=15 * 60)
        self.editing = editing
        self.entry_id = form.id
        self.id_input: discord.ui.TextInput[EntryModal] | None = None
        if not editing:
            self.id_input = discord.ui.TextInput(label="Id (lowercase-with-dashes)", default=form.id or None,
                                                 placeholder="lowercase-with-dashes", max_length=60)
            self.add_item(self.id_input)
        self.questions: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label="Questions, one per line", style=discord.TextStyle.paragraph,
            default=form.questions or None, max_length=limits.INPUT_VALUE)
        self.answer: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label="Answer", style=discord.TextStyle.paragraph, default=form.answer or None, max_length=ANSWER_MAX)
        self.citations: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label="Citations: LINE: exact words (none = gap)", style=discord.TextStyle.paragraph, required=False,
            default=form.citations or None, max_length=CITATIONS_MAX, placeholder="3: exact words from line 3")
        self.topic: discord.ui.TextInput[EntryModal] = discord.ui.TextInput(
            label="Topic (optional)", required=False, default=form.topic or None, max_length=TOPIC_MAX)
        for item in (self.questions, self.answer, self.citations, self.topic):
            self.add_item(item)

    @staticmethod
    def fits(form: EntryForm) -> bool:
        """Whether an entry can be shown in the form without cutting anything off (that would lose it on save)."""
        return (len(form.questions) <= limits.INPUT_VALUE and len(form.answer) <= ANSWER_MAX
                and len(form.citations) <= CITATIONS_MAX and len(form.topic) <= TOPIC_MAX)

    def form(self) -> EntryForm:
        entry_id = self.id_input.value if self.id_input is not None else self.entry_id
        return EntryForm(entry_id, self.questions.value, self.answer.value, self.citations.value, self.topic.value)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        if not await moderator_only(interaction, "a knowledge-base form"):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            section, entry = self.form().to_entry()
        except StoreError as error:
            await send_ephemeral(interaction, refusal_text(error))
            return
        store = story_bot(interaction).store
        actor = actor_name(interaction)
        if self.editing:
            await apply_change(interaction, store.replace_entry, self.entry_id, entry, actor)
        else:
            await apply_change(interaction, store.add_entries, [(section, entry)], actor)

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception, /) -> None:
        await report(interaction, error)


class ConfirmRemove(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=rf"sb:kbrm:(?P<entry>{ENTRY}):(?P<user>\d+)"):
    def __init__(self, entry: str, user: int) -> None:
        super().__init__(discord.ui.Button(label=f"Remove {entry}"[: limits.BUTTON_LABEL],
                                           style=discord.ButtonStyle.danger, custom_id=f"sb:kbrm:{entry}:{user}"))
        self.entry = entry
        self.user = user

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> ConfirmRemove:
        return cls(match["entry"], int(match["user"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.user.id != self.user:
            await send_ephemeral(interaction, "Only the moderator who asked can confirm this.")
            return
        if not await moderator_only(interaction, f"removing {self.entry}"):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        bot = story_bot(interaction)
        await apply_change(interaction, bot.store.remove, self.entry, actor_name(interaction))


class ConfirmImport(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=r"sb:kbimp:(?P<token>[A-Za-z0-9_-]{8,40})"):
    def __init__(self, token: str) -> None:
        super().__init__(discord.ui.Button(label="Import these changes", style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:kbimp:{token}"))
        self.token = token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> ConfirmImport:
        return cls(match["token"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = story_bot(interaction)
        pending = bot.pending_imports.pop(self.token, None)
        if pending is None or pending.expires < time.monotonic():
            await send_ephemeral(interaction, "This import has expired or was already applied. Run `/kb import` "
                                              "again.")
            return
        if interaction.user.id != pending.user or not await moderator_only(interaction, "an import"):
            bot.pending_imports[self.token] = pending
            if interaction.user.id != pending.user:
                await send_ephemeral(interaction, "Only the moderator who uploaded the file can confirm it.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await apply_change(interaction, bot.store.import_entries, pending.text, actor_name(interaction),
                           pending.name)


class PendingImport:
    def __init__(self, text: str, name: str, user: int) -> None:
        self.text = text
        self.name = name
        self.user = user
        self.expires = time.monotonic() + IMPORT_TTL


def new_import_token(pending: dict[str, PendingImport]) -> str:
    """A token for a new pending import; expired ones are forgotten first (each holds up to 1 MB)."""
    now = time.monotonic()
    for token in [token for token, item in pending.items() if item.expires < now]:
        del pending[token]
    return secrets.token_urlsafe(12)


class UnansweredNew(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                    template=r"sb:kbq:new:(?P<key>[0-9a-f]{16})"):
    """Opens the add form with an unanswered question already filled in."""

    def __init__(self, key: str, label: str = "New entry") -> None:
        super().__init__(discord.ui.Button(label=clip(label, limits.BUTTON_LABEL), style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:kbq:new:{key}"))
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> UnansweredNew:
        return cls(match["key"], item.label or "New entry")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if not await moderator_only(interaction, "adding from unanswered"):
            return
        question = await find_unanswered(story_bot(interaction), self.key)
        if question is None:
            await send_ephemeral(interaction, "That question is no longer in the unanswered list.")
            return
        await interaction.response.send_modal(EntryModal(EntryForm("", question, "", ""), editing=False))


class UnansweredAttach(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=rf"sb:kbq:to:(?P<key>[0-9a-f]{{16}}):(?P<entry>{ENTRY})"):
    """Teaches an existing entry the unanswered question as one more way to ask it."""

    def __init__(self, key: str, entry: str) -> None:
        super().__init__(discord.ui.Button(label=clip(f"Add to {entry}", limits.BUTTON_LABEL),
                                           style=discord.ButtonStyle.secondary, custom_id=f"sb:kbq:to:{key}:{entry}"))
        self.key = key
        self.entry = entry

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> UnansweredAttach:
        return cls(match["key"], match["entry"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if not await moderator_only(interaction, "adding a question to an entry"):
            return
        bot = story_bot(interaction)
        question = await find_unanswered(bot, self.key)
        if question is None:
            await send_ephemeral(interaction, "That question is no longer in the unanswered list.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await apply_change(interaction, bot.store.add_question, self.entry, question,
                                     actor_name(interaction))
        if outcome is not None:
            await asyncio.to_thread(bot.journal.forget_unanswered, question)


async def find_unanswered(bot: StoryBot, key: str) -> str | None:
    for item in await asyncio.to_thread(bot.journal.unanswered, 500):
        if question_key(item.question) == key:
            return item.question
    return None


KB_DYNAMIC_ITEMS = (ConfirmRemove, ConfirmImport, UnansweredNew, UnansweredAttach)

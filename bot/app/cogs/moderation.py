"""/kb: moderators keep the knowledge base right from Discord.

Discord hides the group from members without Manage Server (``default_permissions``), and
every command, button and form checks again at run time (Manage Server, or a role in
MOD_ROLE_IDS): permissions can be overridden per server, so the default is not enough.
Every change goes through the core store: validated, atomic, journaled, undoable.
"""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Any

import discord
import yaml
from discord import app_commands
from discord.ext import commands

from bot.app.moderators import NotModerator, actor_name, is_moderator, log_refusal, manages_server
from bot.app.replies import send_ephemeral
from bot.app.screens import embeds, kb_embeds, limits
from bot.app.screens.kb_views import (
    KB_BUSY,
    ConfirmImport,
    ConfirmRemove,
    EntryModal,
    JournalBusy,
    PendingImport,
    UnansweredAttach,
    UnansweredNew,
    apply_change,
    confirm_view,
    listed_key,
    mod_log_trouble,
    new_import_token,
    read_in_time,
)
from bot.app.screens.limits import clip
from bot.app.screens.refusals import problem_line, refusal_text
from bot.core.knowledge import EVENT, QUOTE
from bot.core.storage.errors import StoreError
from bot.core.storage.forms import EntryForm
from bot.core.storage.store import entry_version, named_since, nothing_to_change

if TYPE_CHECKING:
    from bot.app.client import StoryBot

MAX_IMPORT_BYTES = 1_000_000
HISTORY_PAGE = 10
KbCommand = app_commands.Command[Any, Any, None]  # one /kb subcommand, as group.command() returns it


IMPORT_LISTED = 30
IMPORT_LIST_CHARS = 800  # each of the added and changed lists: both fit in one message, no code span cut


def listed_ids(ids: list[str]) -> str:
    """"`a`, `b` and 3 more": at most ``IMPORT_LISTED`` ids and ``IMPORT_LIST_CHARS`` characters, whole ids only."""
    shown_ids: list[str] = []
    for i in ids[:IMPORT_LISTED]:
        if len(", ".join([*shown_ids, f"`{embeds.in_code(i)}`"])) > IMPORT_LIST_CHARS:
            break
        shown_ids.append(f"`{embeds.in_code(i)}`")
    rest = len(ids) - len(shown_ids)
    return ", ".join(shown_ids) + (f" and {rest} more" if rest else "")


def typed_id(entry: str) -> str:
    """The id in an entry box as typed: spaces around it dropped, and an autocomplete label's title ("id — title",
    pasted whole) left off."""
    return entry.strip().partition(" — ")[0].strip()


class KbGroup(app_commands.Group):
    """The /kb commands, with the one moderator check they all share."""

    def __init__(self, bot: StoryBot) -> None:
        super().__init__(name="kb", description="Moderators: edit the knowledge base", guild_only=True,
                         default_permissions=discord.Permissions(manage_guild=True))
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if is_moderator(interaction, self.bot.settings):
            return True
        name = interaction.command.qualified_name if interaction.command else "kb"
        log_refusal(interaction, f"/{name}")
        raise NotModerator("not a moderator", manages_server(interaction))


class ModerationCog(commands.Cog):
    def __init__(self, bot: StoryBot) -> None:
        self.bot = bot
        self.group = KbGroup(bot)
        self._register()

    def _register(self) -> None:
        group = self.group
        group.command(name="add", description="Add an entry (opens a form)")(self.add)
        edit: KbCommand = group.command(name="edit", description="Edit an entry (opens a form)")(self.edit)
        remove: KbCommand = group.command(name="remove", description="Remove an entry (asks to confirm)")(self.remove)
        show: KbCommand = group.command(name="show", description="Show an entry as it is written")(self.show)
        group.command(name="undo", description="Undo the newest change not yet undone, or change N")(self.undo)
        group.command(name="history", description="Recent changes: who, when, what")(self.history)
        group.command(name="reload", description="Re-read the knowledge files from disk")(self.reload)
        group.command(name="export", description="The knowledge base as a YAML file")(self.export)
        group.command(name="import", description="Add or update entries from a YAML file")(self.import_)
        group.command(name="unanswered", description="What people asked that I could not answer")(self.unanswered)
        group.command(name="feedback", description="Answers with the most 👎")(self.feedback)
        for command in (edit, remove, show):
            command.autocomplete("entry")(self.entry_autocomplete)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.group)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)

    async def entry_autocomplete(self, interaction: discord.Interaction[Any],
                                 current: str) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):  # discord.py skips the group's check here
            log_refusal(interaction, "/kb entry autocomplete")
            return []
        typed = current.casefold()
        found = [e for e in self.bot.engine.kb.entries if typed in e.id or typed in e.heading.casefold()]
        found.sort(key=lambda e: typed not in e.id)  # ids that hold what was typed first, then titles
        return [app_commands.Choice(name=clip(f"{e.id} — {e.heading}", limits.CHOICE_NAME), value=e.id)
                for e in found[: limits.CHOICES]]

    async def _edits_off(self, interaction: discord.Interaction[Any]) -> bool:
        """A read-only knowledge folder: say so before a moderator fills in a form or confirms a remove for nothing."""
        reason = self.bot.store.read_only()
        if reason is not None:
            await send_ephemeral(interaction, refusal_text(StoreError(reason)))
        return reason is not None

    async def add(self, interaction: discord.Interaction[Any]) -> None:
        if await self._edits_off(interaction):
            return
        await interaction.response.send_modal(EntryModal(EntryForm("", "", "", ""), editing=False,
                                                         kb=self.bot.engine.kb))

    async def _read_entry(self, interaction: discord.Interaction[Any], entry: str) -> dict[str, Any] | None:
        """The entry as written, or a private note saying why it can't be read (and ``None``). Bounded: /kb edit
        opens a modal after it, and a modal can't be deferred past Discord's 3 s."""
        try:
            raw = await read_in_time(self.bot, self.bot.store.get, entry)
        except JournalBusy:
            await send_ephemeral(interaction, KB_BUSY)
            return None
        except StoreError as error:
            await send_ephemeral(interaction, refusal_text(error))
            return None
        if raw is None:
            await send_ephemeral(interaction, clip(f"There is no entry `{embeds.in_code(entry)}`.", limits.CONTENT))
        return raw

    @app_commands.describe(entry="The id of the entry")
    async def edit(self, interaction: discord.Interaction[Any], entry: str) -> None:
        entry = typed_id(entry)
        if await self._edits_off(interaction):
            return
        raw = await self._read_entry(interaction, entry)
        if raw is None:
            return
        kind = self.bot.engine.kb.get(entry)
        if kind is not None and kind.kind in (QUOTE, EVENT):
            await send_ephemeral(interaction, "Quotes and timeline events have more fields than a form holds: "
                                              "change them with `/kb export`, edit, then `/kb import`.")
            return
        form = EntryForm.from_entry(raw, self.bot.engine.kb.article)
        if not EntryModal.fits(form):
            await send_ephemeral(interaction, f"`{entry}` has more text than the form can hold: change it with "
                                              "`/kb export`, edit the file, then `/kb import`.")
            return
        await interaction.response.send_modal(EntryModal(form, editing=True, kb=self.bot.engine.kb,
                                                         version=entry_version(raw)))

    @app_commands.describe(entry="The id of the entry")
    async def remove(self, interaction: discord.Interaction[Any], entry: str) -> None:
        entry = typed_id(entry)
        if await self._edits_off(interaction):  # before the buttons: a confirmed remove would only be refused
            return
        if self.bot.engine.kb.get(entry) is None:
            await send_ephemeral(interaction, clip(f"There is no entry `{embeds.in_code(entry)}`.", limits.CONTENT))
            return
        raw = await self._read_entry(interaction, entry)  # a file a hand edit broke is explained, as for /kb edit
        if raw is None:
            return
        view = confirm_view(ConfirmRemove(entry, interaction.user.id, entry_version(raw)), interaction.user.id)
        heading = embeds.shown(self.bot.engine.heading(entry))  # a title is a moderator's text: no pills, no spoilers
        await interaction.response.send_message(clip(f"Remove `{entry}` (“{heading}”)? You can undo it afterwards "
                                                     "with `/kb undo`.", limits.CONTENT), view=view, ephemeral=True)

    @app_commands.describe(entry="The id of the entry")
    async def show(self, interaction: discord.Interaction[Any], entry: str) -> None:
        entry = typed_id(entry)
        await interaction.response.defer(ephemeral=True, thinking=True)  # every knowledge file is read
        raw = await self._read_entry(interaction, entry)
        if raw is None:
            return
        text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000)
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename=f"{entry}.yaml")
        embed = kb_embeds.entry_embed(raw, self.bot.engine.kb)
        await interaction.followup.send(embed=embed, file=file, ephemeral=True)

    @app_commands.describe(number="The change number from /kb history (default: the newest not yet undone)")
    async def undo(self, interaction: discord.Interaction[Any],
                   number: app_commands.Range[int, 1, None] | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await apply_change(interaction, self.bot.store.undo, actor_name(interaction), number)

    @app_commands.describe(page="Which page (newest first)")
    async def history(self, interaction: discord.Interaction[Any], page: app_commands.Range[int, 1, 1000] = 1) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # the journal may be busy (30 s timeout)
        records = await asyncio.to_thread(self.bot.journal.history, HISTORY_PAGE, (page - 1) * HISTORY_PAGE)
        total = await asyncio.to_thread(self.bot.journal.count_changes)
        pages = max(1, -(-total // HISTORY_PAGE))
        await interaction.followup.send(embed=kb_embeds.history_embed(records, page, pages), ephemeral=True)

    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        problems = await self.bot.live.reload()
        if problems:
            lines = "\n".join(f"• {problem_line(p)}" for p in problems[:12])
            await send_ephemeral(interaction, clip("The files have errors, so the previous knowledge base is still "
                                                   f"answering:\n{lines}", limits.CONTENT))
            await self.bot.live.announce(f"⚠️ /kb reload by {interaction.user.mention} found errors; nothing changed.")
            return
        count = len(self.bot.engine.kb.entries)
        await send_ephemeral(interaction, f"Reloaded: {count} entries.")
        trouble = await self.bot.live.announce(f"🔄 {interaction.user.mention} reloaded the knowledge base ({count} "
                                               "entries).")
        if trouble is not None:
            await send_ephemeral(interaction, mod_log_trouble(trouble))

    async def export(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # every file is read and written out again
        try:
            text = await asyncio.to_thread(self.bot.store.export)
        except StoreError as error:
            await send_ephemeral(interaction, refusal_text(error))
            return
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename="knowledge.yaml")
        await interaction.followup.send("The whole knowledge base, in the format `/kb import` takes.", file=file,
                                        ephemeral=True)

    @app_commands.describe(file="A YAML file in the knowledge format (facts, quotes, timeline, gaps)")
    async def import_(self, interaction: discord.Interaction[Any], file: discord.Attachment) -> None:
        if file.size > MAX_IMPORT_BYTES:
            await send_ephemeral(interaction, f"That file is {file.size} bytes; the limit is {MAX_IMPORT_BYTES}.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            text = (await file.read()).decode("utf-8")
        except UnicodeDecodeError:
            await send_ephemeral(interaction, "That file is not UTF-8 text. Save it as UTF-8 YAML and try again.")
            return
        try:
            plan = await asyncio.to_thread(self.bot.store.preview_import, text, file.filename)
        except StoreError as error:
            await send_ephemeral(interaction, refusal_text(error, upload=(file.filename, text)))
            return
        named = f"`{embeds.in_code(file.filename)}`"
        if not plan["added"] and not plan["changed"]:  # said as `kb import` says it
            await send_ephemeral(interaction, clip(nothing_to_change(named, plan["kept"]) + ".", limits.CONTENT))
            return
        summary = (f"{named} would add {len(plan['added'])} and change {len(plan['changed'])} entries "
                   f"({len(plan['unchanged'])} unchanged).")
        for key in ("added", "changed"):
            if plan[key]:
                summary += f"\n{key.capitalize()}: " + listed_ids(plan[key])
        if plan["kept"]:  # an older export's entries that changed since: the import leaves them as they are now
            summary += f"\nChanged since the file was exported, so kept as they are now: {named_since(plan['kept'])}"
        token = new_import_token(self.bot.pending_imports)
        self.bot.pending_imports[token] = PendingImport(text, file.filename, interaction.user.id, plan)
        view = confirm_view(ConfirmImport(token), interaction.user.id, token)
        await interaction.followup.send(clip(summary, limits.CONTENT), view=view, ephemeral=True)

    async def unanswered(self, interaction: discord.Interaction[Any]) -> None:
        # Reading waits for the unanswered questions still being written (up to a minute), and the
        # nearest entry of each is matching: acknowledge first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        items = await asyncio.to_thread(self.bot.journal.unanswered, 10, interaction.guild_id)
        if not items:
            await send_ephemeral(interaction, "No unanswered questions recorded yet.")
            return
        engine = self.bot.engine
        listed = [item.question for item in items[:5]]  # five rows of buttons is all a message holds
        nearest = await self.bot.worker.run(lambda: [engine.near_entry(question) for question in listed])
        view = discord.ui.View(timeout=None)
        for row, (item, near) in enumerate(zip(items, nearest, strict=False)):
            key = listed_key(item.question)
            view.add_item(UnansweredNew(key, f"{row + 1}: new entry", row=row))
            if near is not None:
                view.add_item(UnansweredAttach(key, near.id, f"{row + 1}: add to “{near.heading}”", row=row))
        await interaction.followup.send(embed=kb_embeds.unanswered_embed(items), view=view, ephemeral=True)

    async def feedback(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # the journal may be busy (30 s timeout)
        items = await asyncio.to_thread(self.bot.journal.feedback, 10)
        if not items:
            await send_ephemeral(interaction, "No 👎 on any answer yet.")
            return
        await interaction.followup.send(embed=kb_embeds.feedback_embed(items, self.bot.engine.kb),
                                        ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ModerationCog(bot))

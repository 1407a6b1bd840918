"""Buttons: did-you-mean, show source, and page turning.

They are ``DynamicItem``s: everything a button needs is in its ``custom_id``, so buttons keep
working after a restart and no view has to stay in memory. Errors go to the tree's handler.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from bot.app.replies import send_ephemeral
from bot.app.screens import embeds, limits
from bot.app.screens.limits import clip
from bot.app.tree import report
from bot.core.answers import Result

if TYPE_CHECKING:
    from bot.app.client import StoryBot

ENTRY = r"[a-z0-9][a-z0-9-]{0,59}"


def story_bot(interaction: discord.Interaction[Any]) -> StoryBot:
    return interaction.client


class Guarded:
    """Routes a button's errors to the one error handler, like a slash command's."""

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.run(interaction)
        except Exception as error:  # every error is logged and answered in report()
            await report(interaction, error)

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        raise NotImplementedError


class SuggestionButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                       template=rf"sb:pick:(?P<entry>{ENTRY}):(?P<user>\d+)"):
    """A "did you mean" choice; only the person who asked may pick it."""

    def __init__(self, entry: str, user: int, label: str = "") -> None:
        super().__init__(discord.ui.Button(label=clip(label or entry, limits.BUTTON_LABEL),
                                           style=discord.ButtonStyle.primary,
                                           custom_id=f"sb:pick:{entry}:{user}"))
        self.entry = entry
        self.user = user

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> SuggestionButton:
        return cls(match["entry"], int(match["user"]), item.label or "")

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.user:
            await send_ephemeral(interaction, "Only the person who asked can pick one of these. Ask with `/ask`.")
            return False
        return True

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        from bot.app.screens.answering import answer_reply

        bot = story_bot(interaction)
        bot.cooldowns.check(interaction.user.id)
        result = bot.engine.answer_entry(self.entry)
        if result is None:
            await send_ephemeral(interaction, "That answer is no longer in the knowledge base. Try `/ask` again.")
            return
        reply = answer_reply(result, bot.engine)
        # The question becomes its answer in place: no second message, and no buttons left to press twice.
        await interaction.response.edit_message(content=None, embed=reply.embed, view=reply.view)


class SourceButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"sb:src:(?P<entry>{ENTRY})"):
    """Shows the whole cited line(s) of an answer, to whoever presses it."""

    def __init__(self, entry: str) -> None:
        super().__init__(discord.ui.Button(label="Show source", emoji="📄", style=discord.ButtonStyle.secondary,
                                           custom_id=f"sb:src:{entry}"))
        self.entry = entry

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> SourceButton:
        return cls(match["entry"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        engine = story_bot(interaction).engine
        result = engine.answer_entry(self.entry)
        if result is None:
            await send_ephemeral(interaction, "That answer is no longer in the knowledge base.")
            return
        await interaction.response.send_message(embed=embeds.source_lines_embed(result, engine.kb), ephemeral=True)


class VoteButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=rf"sb:vote:(?P<vote>up|down):(?P<entry>{ENTRY})"):
    """👍 / 👎 on an answer: one vote per person per answer, kept as a salted hash of the user id."""

    def __init__(self, entry: str, up: bool) -> None:
        super().__init__(discord.ui.Button(emoji="👍" if up else "👎", style=discord.ButtonStyle.secondary,
                                           custom_id=f"sb:vote:{'up' if up else 'down'}:{entry}"))
        self.entry = entry
        self.up = up

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> VoteButton:
        return cls(match["entry"], match["vote"] == "up")

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = story_bot(interaction)
        bot.vote_cooldowns.check(interaction.user.id)  # votes are rate-limited like questions
        message = interaction.message
        if message is None or not _carries(bot, message, self.custom_id):
            await send_ephemeral(interaction, "That button isn't on one of my answers, so no vote was counted.")
            return
        if bot.engine.kb.get(self.entry) is None:
            await send_ephemeral(interaction, "That answer is no longer in the knowledge base.")
            return
        # The title of our own answer card: the entry's heading, never text a member typed. A plain-text card (no
        # Embed Links) has no title, and cards of several answers are numbered: the same heading, from the entry.
        title = message.embeds[0].title if len(message.embeds) == 1 else None
        question = title or bot.engine.heading(self.entry)
        # The journal may be busy (it waits up to 30 s for its lock): acknowledge first, privately;
        # the thanks then replaces the private "thinking…".
        await interaction.response.defer(ephemeral=True, thinking=True)
        counted = await asyncio.to_thread(bot.journal.vote, message.id, interaction.user.id, self.entry, question,
                                          self.up)
        if not counted:
            await send_ephemeral(interaction, f"You already voted {'👍' if self.up else '👎'} on this answer; it "
                                              "counts once.")
            return
        thanks = "Thanks, glad it helped." if self.up else ("Thanks: moderators will review this answer. "
                                                             "The article itself is in `/source`.")
        await send_ephemeral(interaction, thanks)


def _carries(bot: StoryBot, message: discord.Message, custom_id: str) -> bool:
    """Whether ``message`` is the bot's own and has this very button (a crafted custom id has not)."""
    me = bot.user
    if me is None or message.author.id != me.id:
        return False
    return any(getattr(child, "custom_id", None) == custom_id
               for row in message.components for child in getattr(row, "children", ()))


class PageButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"sb:page:(?P<book>timeline|source):(?P<page>\d+):(?P<to>\d+)"):
    """Turns the page of a paged reply; the custom id says which book and which page to show. Only for the member
    whose command posted it: anyone else gets the page privately, and the message stays on its page for the others."""

    def __init__(self, book: str, page: int, to: int, label: str = "", disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label=label or f"Page {to + 1}", style=discord.ButtonStyle.secondary,
                                           custom_id=f"sb:page:{book}:{page}:{to}", disabled=disabled))
        self.book = book
        self.to = to

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> PageButton:
        return cls(match["book"], int(match["page"]), int(match["to"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        bot = story_bot(interaction)
        pages = book_pages(bot, self.book)
        page = min(self.to, len(pages) - 1)
        view = book_view(bot, self.book, page, len(pages))
        if not _turned_by_its_asker(interaction):  # a public /source is everyone's to read: theirs stays where it was
            await interaction.response.send_message(embed=pages[page], ephemeral=True,
                                                    **({"view": view} if view else {}))  # type: ignore[call-overload]
            return
        await interaction.response.edit_message(embed=pages[page], view=view)


def _turned_by_its_asker(interaction: discord.Interaction[Any]) -> bool:
    """Whether the one pressing a page button is the one whose command posted the pages (or nobody can tell)."""
    metadata = interaction.message.interaction_metadata if interaction.message is not None else None
    return metadata is None or metadata.user.id == interaction.user.id


def book_pages(bot: StoryBot, book: str) -> list[discord.Embed]:
    if book == "timeline":
        return embeds.timeline_pages(bot.engine.timeline(), bot.engine.kb.article, bot.engine.kb.story)
    return embeds.source_pages(bot.engine.source(), bot.engine.kb.story.title or "The article")


class DatesButton(Guarded, discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"sb:dates"):
    """The timeline's "How dates were worked out": the inference behind each marked date, privately."""

    def __init__(self) -> None:
        super().__init__(discord.ui.Button(label="How dates were worked out", emoji="🗓️",
                                           style=discord.ButtonStyle.secondary, custom_id="sb:dates"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any],
                             match: re.Match[str], /) -> DatesButton:
        return cls()

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        engine = story_bot(interaction).engine
        await interaction.response.send_message(embed=embeds.dates_explained(engine.timeline(), engine.kb.story),
                                                ephemeral=True)


def pager_view(book: str, page: int, count: int, explain_dates: bool = False) -> discord.ui.View | None:
    """Previous / Next for a paged reply; the timeline also explains its worked-out dates."""
    if count <= 1 and not explain_dates:
        return None
    view = discord.ui.View(timeout=None)
    if count > 1:
        view.add_item(PageButton(book, page, max(page - 1, 0), "◀ Previous", disabled=page == 0))
        view.add_item(PageButton(book, page, min(page + 1, count - 1), "Next ▶", disabled=page >= count - 1))
    if explain_dates:
        view.add_item(DatesButton())
    return view


def book_view(bot: StoryBot, book: str, page: int, count: int) -> discord.ui.View | None:
    engine = bot.engine
    dates = book == "timeline" and any(embeds.inferred(e, engine.kb.story) for e in engine.timeline())
    return pager_view(book, page, count, explain_dates=dates)


def answer_view(result: Result) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for item in answer_items(result):
        view.add_item(item)
    return view


def answer_items(result: Result, number: int | None = None) -> list[discord.ui.Item[Any]]:
    """An answer's buttons: its source, 👍 and 👎; ``number``: the answer's place among several in one message,
    on a row of its own and named on its source button."""
    if result.entry is None:
        return []
    items: list[discord.ui.Item[Any]] = [SourceButton(result.entry), VoteButton(result.entry, up=True),
                                         VoteButton(result.entry, up=False)]
    if number is not None:
        for item in items:
            item.row = number - 1
        items[0].item.label = f"Show source {number}"  # type: ignore[attr-defined]
    return items


def suggestions_view(result: Result, user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for suggestion in result.suggestions[:5]:
        view.add_item(SuggestionButton(suggestion.entry, user_id, suggestion.question))
    return view


DYNAMIC_ITEMS: Sequence[type[discord.ui.DynamicItem[Any]]] = (SuggestionButton, SourceButton, VoteButton, PageButton,
                                                                DatesButton)

"""The embeds of /kb: its history, the unanswered questions, the flagged answers and one entry shown whole.

Built here, as every embed is in ``screens``: the cog fetches, these say it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.app.screens import embeds, limits
from bot.app.screens.limits import clip
from bot.core.knowledge import KnowledgeBase
from bot.core.storage.forms import as_list
from bot.core.storage.journal import ChangeRecord, EntryFeedback, Unanswered


def history_embed(records: Sequence[ChangeRecord], page: int, pages: int) -> discord.Embed:
    """/kb history: one page of changes, newest first, each with who made it and when."""
    embed = discord.Embed(title="Knowledge-base changes", colour=embeds.INFO_COLOUR)
    for record in records:
        undone = f" (undone by change {record.undone_by})" if record.undone_by else ""
        embed.add_field(name=clip(f"Change {record.id}: {record.summary}{undone}", limits.FIELD_NAME),
                        value=clip(f"{who(record.actor)} · {when(record.at)}", limits.FIELD_VALUE), inline=False)
    if pages > 1:
        embed.set_footer(text=f"Page {page} of {pages} · /kb history page:N for another page")
    if not records:
        embed.description = "No changes yet." if page == 1 else "No changes on this page."
    return embeds.fit(embed)


def unanswered_embed(items: Sequence[Unanswered]) -> discord.Embed:
    """/kb unanswered: the questions most asked first, numbered as the rows of buttons under it are."""
    embed = discord.Embed(title="Questions I could not answer", colour=embeds.INFO_COLOUR,
                          description="Most asked first. One row of buttons per question: add a new entry for "
                                      "it, or (when one comes close) teach that entry to answer it; you see the "
                                      "answer before anything is saved.")
    for number, item in enumerate(items, start=1):
        embed.add_field(name=clip(f"{number}. ×{item.count} · last {item.last_seen[:10]}", limits.FIELD_NAME),
                        value=clip(embeds.shown(item.question), limits.FIELD_VALUE), inline=False)
    return embeds.fit(embed)


def feedback_embed(items: Sequence[EntryFeedback], kb: KnowledgeBase) -> discord.Embed:
    """/kb feedback: each flagged entry, by title while it is in the knowledge base, with the questions that drew
    a 👎."""
    embed = discord.Embed(title="Answers people flagged", colour=embeds.INFO_COLOUR,
                          description="The questions that drew each 👎. To fix an answer: `/kb edit` it; to send "
                                      "a question elsewhere: edit the entry that should take it.")
    for item in items:
        questions = "\n".join(f"• {embeds.shown(q)}" for q in item.questions) or "—"
        entry = kb.get(item.entry)
        name = f"{entry.heading} ({item.entry})" if entry is not None else item.entry
        name += f": {item.down} 👎 · {item.up} 👍"
        embed.add_field(name=clip(name, limits.FIELD_NAME), value=clip(questions, limits.FIELD_VALUE), inline=False)
    return embeds.fit(embed)


def who(actor: str) -> str:
    """A journal actor as moderators read it: a Discord user as a mention (never a ping in an embed)."""
    found = re.fullmatch(r"discord:(.*) \((\d+)\)", actor)
    if found:
        return f"<@{found[2]}>"
    return embeds.shown(actor.removeprefix("discord:"))


def when(at: str) -> str:
    """A journal time as a Discord timestamp, shown in each reader's own time zone ("3 hours ago")."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return embeds.shown(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    stamp = int(moment.timestamp())
    return f"<t:{stamp}:R> (<t:{stamp}:f>)"


def _what_it_says(raw: dict[str, Any]) -> str:
    """A fact's answer, a gap's reply, a quote with its speaker, or a timeline event with its date."""
    if raw.get("answer") or raw.get("reply"):
        return str(raw.get("answer") or raw.get("reply"))
    if raw.get("quote") and raw.get("speaker"):
        return f"{raw['speaker']}: “{raw['quote']}”"
    if raw.get("event"):
        return f"{raw.get('when') or raw.get('date') or ''}: {raw['event']}".lstrip(": ")
    return ""


def entry_embed(raw: dict[str, Any], kb: KnowledgeBase) -> discord.Embed:
    """/kb show: the answer, its citations and a count of the ways to ask it; the whole entry is attached."""
    entry = kb.get(str(raw.get("id", "")))
    embed = discord.Embed(title=clip(embeds.shown(f"{raw.get('id')}"), limits.EMBED_TITLE), colour=embeds.INFO_COLOUR,
                          description=clip(_what_it_says(raw), limits.EMBED_DESCRIPTION))
    if entry is not None:
        embed.add_field(name="Offered as", value=clip(embeds.shown(entry.heading), limits.FIELD_VALUE), inline=False)
        kind = f"{entry.kind} · topic: {embeds.shown(entry.topic)}"
        embed.add_field(name="Kind", value=clip(kind, limits.FIELD_VALUE), inline=False)
    for cite in as_list(raw.get("cite"))[:10]:
        if not isinstance(cite, dict):  # a hand edit's text where a line and a quote belong: shown as written
            embed.add_field(name="Citation (not a line and a quote)",
                            value=clip(embeds.quoted(embeds.shown(str(cite))), limits.FIELD_VALUE), inline=False)
            continue
        line = cite.get("line")
        paragraph = kb.article.paragraph_of(line) if isinstance(line, int) else None
        # a hand edit may put any text where the line number belongs: a field name holds 256 characters
        name = f"Paragraph {paragraph} (file line {line})" if paragraph else clip(
            f"Line {embeds.shown(str(line))}", limits.FIELD_NAME)
        quote = embeds.quoted(f"“{embeds.shown(str(cite.get('quote')))}”")
        embed.add_field(name=name, value=clip(quote, limits.FIELD_VALUE), inline=False)
    questions = as_list(raw.get("questions"))
    if questions:
        first = "\n".join(f"• {embeds.shown(str(q))}" for q in questions[:3])
        more = f"\n…and {len(questions) - 3} more in the attached file" if len(questions) > 3 else ""
        embed.add_field(name=f"{len(questions)} way{'s' if len(questions) != 1 else ''} to ask it",
                        value=clip(first + more, limits.FIELD_VALUE), inline=False)
    embed.set_footer(text="The whole entry, as written, is attached.")
    return embeds.fit(embed)

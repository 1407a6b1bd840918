"""Results to embeds and messages: the only place the bot's replies are laid out.

Every builder here keeps to Discord's limits (``limits.py``), so nothing the knowledge base or
a user puts in can make a reply fail. Text a user typed is escaped so it shows as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.app import limits
from bot.app.limits import clip
from bot.core.answers import Kind, Result
from bot.core.knowledge import Event, KnowledgeBase, Quote, Story

ANSWER_COLOUR = discord.Colour.blurple()
INFO_COLOUR = discord.Colour.dark_teal()
TOPICS_HINT = "Try `/topics` to see what I can answer."


def shown(text: str) -> str:
    """User text as it was typed: markdown and mentions escaped, whitespace folded."""
    text = " ".join(text.split())
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def quoted(text: str) -> str:
    return "> " + text.replace("\n", "\n> ")


def fit(embed: discord.Embed) -> discord.Embed:
    """Keep an embed within 6,000 characters: shorten the description first, then the longest
    fields, and drop a field only if that is still not enough (it never is for our replies)."""
    excess = len(embed) - limits.EMBED_TOTAL
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 200))
    while len(embed) > limits.EMBED_TOTAL and embed.fields:
        index, field = max(enumerate(embed.fields), key=lambda pair: len(pair[1].value or ""))
        value = field.value or ""
        if len(value) <= 200:
            embed.remove_field(len(embed.fields) - 1)
            continue
        shorter = clip(value, max(len(value) - (len(embed) - limits.EMBED_TOTAL), 200))
        embed.set_field_at(index, name=field.name, value=shorter, inline=field.inline)
    return embed


def answer_embed(result: Result) -> discord.Embed:
    """An answer: the question as title, the answer, then each cited quote with its line."""
    embed = discord.Embed(title=clip(shown(result.question) or "Answer", limits.EMBED_TITLE),
                          description=clip(result.answer or "", limits.EMBED_DESCRIPTION), colour=ANSWER_COLOUR)
    for cited in result.citations[: limits.EMBED_FIELDS]:
        embed.add_field(name=f"Article line {cited.line}", value=clip(quoted(f"“{cited.quote}”"), limits.FIELD_VALUE),
                        inline=False)
    embed.set_footer(text=clip(f"Quoted from the article · entry {result.entry}", limits.FOOTER))
    return fit(embed)


def source_lines_embed(result: Result) -> discord.Embed:
    """The whole of each cited line, with the quoted words in bold."""
    embed = discord.Embed(title="The cited lines in full", colour=INFO_COLOUR)
    for cited in result.citations[: limits.EMBED_FIELDS]:
        text = discord.utils.escape_markdown(cited.text)
        quote = discord.utils.escape_markdown(cited.quote)
        embed.add_field(name=f"Line {cited.line}", value=clip(text.replace(quote, f"**{quote}**", 1),
                                                              limits.FIELD_VALUE), inline=False)
    return fit(embed)


def not_answered_text(result: Result) -> str:
    """The reply when the bot doesn't state a fact: a gap's honest reply, or a decline."""
    if result.kind is Kind.GAP and result.answer:
        return clip(f"{result.answer} {TOPICS_HINT}", limits.CONTENT)
    if result.kind is Kind.SUGGESTIONS:
        if len(result.suggestions) == 1:
            return "I'm not sure what you mean. Did you mean this?"
        return "I'm not sure which you mean. Did you mean one of these?"
    return clip(f"The article doesn't say that, so I can't answer it. {TOPICS_HINT}", limits.CONTENT)


def quote_embed(quote: Quote) -> discord.Embed:
    embed = discord.Embed(description=clip(quoted(f"“{quote.text}”"), limits.EMBED_DESCRIPTION), colour=INFO_COLOUR)
    embed.set_author(name=clip(quote.speaker, limits.FIELD_NAME))
    embed.add_field(name="Context", value=clip(quote.context, limits.FIELD_VALUE), inline=False)
    embed.set_footer(text=f"Article line {quote.line}")
    return fit(embed)


PAGE_BUDGET = 5000  # characters per page, under the 6,000 total with room for title and footer


def timeline_pages(events: Sequence[Event], per_page: int = 8) -> list[discord.Embed]:
    """The events in order, at most ``per_page`` and ``PAGE_BUDGET`` characters to an embed, so none is cut;
    inferred dates are marked."""
    pages: list[discord.Embed] = [discord.Embed(title="Timeline", colour=INFO_COLOUR)]
    for event in events:
        lines = ", ".join(str(c.line) for c in event.cite)
        value = f"{event.event}\n*Line {lines}*"
        if event.inferred:
            value += f"\n*Date inferred: {event.inferred}*"
        mark = " (inferred)" if event.inferred else ""
        name, value = clip(f"{event.when}{mark}", limits.FIELD_NAME), clip(value, limits.FIELD_VALUE)
        page = pages[-1]
        if page.fields and (len(page.fields) >= per_page or len(page) + len(name) + len(value) > PAGE_BUDGET):
            page = discord.Embed(title="Timeline", colour=INFO_COLOUR)
            pages.append(page)
        page.add_field(name=name, value=value, inline=False)
    return _numbered(pages)


def source_pages(lines: Sequence[tuple[int, str]], title: str) -> list[discord.Embed]:
    """The article with line numbers, split into pages that each fit one embed."""
    pages: list[str] = []
    current = ""
    for number, text in lines:
        block = clip(f"**{number}** {discord.utils.escape_markdown(text)}", limits.EMBED_DESCRIPTION - 10) + "\n\n"
        if current and len(current) + len(block) > limits.EMBED_DESCRIPTION - 10:
            pages.append(current)
            current = ""
        current += block
    pages.append(current or "*The article is empty.*")
    embeds = [discord.Embed(title=clip(title, limits.EMBED_TITLE), description=page.strip(), colour=INFO_COLOUR)
              for page in pages]
    return _numbered(embeds)


def source_line_embed(number: int, text: str) -> discord.Embed:
    embed = discord.Embed(title=f"Article line {number}", description=clip(discord.utils.escape_markdown(text),
                                                                           limits.EMBED_DESCRIPTION),
                          colour=INFO_COLOUR)
    return fit(embed)


def topics_embed(topics: dict[str, list[str]]) -> discord.Embed:
    embed = discord.Embed(title="What I can answer", colour=INFO_COLOUR,
                          description="Ask in your own words with `/ask`, by mentioning me, or in a DM.")
    for topic, questions in list(topics.items())[: limits.EMBED_FIELDS]:
        value = "\n".join(f"• {q}" for q in questions)
        embed.add_field(name=clip(topic, limits.FIELD_NAME), value=clip(value, limits.FIELD_VALUE), inline=False)
    return fit(embed)


def about_embed(story: Story, kb: KnowledgeBase) -> discord.Embed:
    dateline = kb.article.line(story.dateline.line)
    embed = discord.Embed(title="About Storybot", colour=INFO_COLOUR, description=clip(
        "I answer questions about one news story, and every answer quotes the exact words of the article "
        "line it comes from. If the article doesn't say, I tell you so instead of guessing.",
        limits.EMBED_DESCRIPTION))
    embed.add_field(name="The story", value=clip(f"**{story.headline}**\n{story.dateline.quote}", limits.FIELD_VALUE),
                    inline=False)
    if story.source:
        embed.add_field(name="Source", value=clip(story.source, limits.FIELD_VALUE), inline=False)
    embed.add_field(name="How answers are cited", value=clip(
        "Each answer shows the article line number and the quoted words; the **Show source** button shows the "
        f"whole line. `/source` shows the article (it opens: “{clip(dateline, 80)}”).", limits.FIELD_VALUE),
        inline=False)
    embed.add_field(name="Found a wrong answer?", value=clip(
        "Press 👎 under it: moderators review the answers with the most 👎 and fix the knowledge base.",
        limits.FIELD_VALUE), inline=False)
    return fit(embed)


def _numbered(pages: list[discord.Embed]) -> list[discord.Embed]:
    if len(pages) > 1:
        for index, page in enumerate(pages, start=1):
            page.set_footer(text=f"Page {index} of {len(pages)}")
    return pages

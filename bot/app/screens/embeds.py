"""Results to embeds and messages: the only place the bot's replies are laid out.

Every builder here keeps to Discord's limits (``limits.py``), so nothing the knowledge base or
a user puts in can make a reply fail. Text a user typed is escaped so it shows as typed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import discord

from bot.app.screens import limits
from bot.app.screens.limits import clip
from bot.core.answers import NO_SUCH_PARAGRAPH_TEXT, Kind, Result, no_such_paragraph_text
from bot.core.knowledge import Event, KnowledgeBase, Quote, Story
from bot.core.knowledge.article import Article
from bot.core.messages import ends_sentence
from bot.core.quoting import quote_text
from bot.core.small_talk import SmallTalk

ANSWER_COLOUR = discord.Colour.blurple()
INFO_COLOUR = discord.Colour.dark_teal()
TOPICS_HINT = "Try `/topics` to see what I can answer."


# Bidi overrides and isolates, zero-width characters, word joiners and BOMs: they can make echoed
# text read backwards or hide what it says.
# Invisible, or blank but taking room (the Hangul fillers, which a name made to look empty uses), or unseen tags
# Control characters too (a bell, a terminal's escape), but not those ``str.split`` folds into a space.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
                        "\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
                        "\ufeff\uffa0\U000e0000-\U000e007f]")
#: Discord markup that renders as a pill or a link besides user and role mentions (``escape_mentions``): a channel
#: (``<#id>``), a command to run (``</name:id>``), a server page (``<id:customize>``), a timestamp (``<t:1:R>``).
_PILL = re.compile(r"<(?=#\d|/[^<>]*:\d|id:|t:-?\d)")
_MASKED_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^)\s]*>?\s*\)")
_LINK = re.compile(r"(?i)<?(?:https?://|www\.|discord\.gg/|discord(?:app)?\.com/invite/)[^\s<>]*>?")


def shown(text: str) -> str:
    """User text as it was typed, but harmless to echo: invisible and direction-changing characters
    removed, links broken, markdown (headings, masked links) and mentions (of people, roles, channels, commands)
    escaped, whitespace folded."""
    text = _LINK.sub("(link)", _MASKED_LINK.sub(r"\1", _INVISIBLE.sub("", text)))
    return unpinged(discord.utils.escape_markdown(" ".join(text.split())))


def unpinged(text: str) -> str:
    """Our own text quoting what someone wrote (a refusal naming the typed words): its mentions, and the markup that
    renders as a pill, shown as written; nothing else changed."""
    return discord.utils.escape_mentions(_PILL.sub("<\u200b", text))


def in_code(text: str) -> str:
    """User text for inside `backticks`: Discord shows a code span as typed, so markdown is not escaped there
    (the backslashes would show); a backtick, which would end the span, becomes a quote mark."""
    return " ".join(_INVISIBLE.sub("", text).replace("`", "'").split()) or "?"


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


def paragraph_name(article: Article | None, line: int) -> str:
    """ "Paragraph 4" for a file line: people count paragraphs, not the blank lines between them."""
    number = article.paragraph_of(line) if article is not None else None
    return f"Paragraph {number or line}"


def source_footer(story: Story | None) -> str:
    """Where the words come from, for every member: the story's title and its publication and date."""
    if story is None:
        return "Quoted from the article"
    return " · ".join(part for part in (story.title, story.source) if part)


def _said(answer: str, quote: str) -> bool:
    folded = " ".join(answer.split()).casefold()
    return " ".join(quote.split()).casefold().strip(" .,;:…") in folded


def answer_embed(result: Result, kb: KnowledgeBase | None = None, title: str = "") -> discord.Embed:
    """An answer: the entry's own question as title (never the asker's text, which the reply already
    shows), the answer, each cited quote with its paragraph, and the story as the source.

    A quote the answer already says word for word is not shown again: its paragraph is named instead.
    """
    article = kb.article if kb is not None else None
    embed = discord.Embed(title=clip(shown(title), limits.EMBED_TITLE) if title else None,
                          description=clip(result.answer or "", limits.EMBED_DESCRIPTION), colour=ANSWER_COLOUR)
    repeated: list[int] = []
    for cited in result.citations[: limits.EMBED_FIELDS - 1]:
        if _said(result.answer or "", cited.quote):
            repeated.append(cited.line)
            continue
        embed.add_field(name=paragraph_name(article, cited.line),
                        value=clip(quoted(quote_text(cited.quote, cited.text)), limits.FIELD_VALUE), inline=False)
    if repeated:
        where = article.paragraphs_named(repeated) if article is not None else ", ".join(map(str, repeated))
        embed.add_field(name="Quoted from", value=f"The article, {where}", inline=False)
    embed.set_footer(text=clip(source_footer(kb.story if kb is not None else None), limits.FOOTER))
    return fit(embed)


_TOKEN = re.compile(r"\s+|\S+")
#: What the cited paragraphs of one "Show source" share of an embed's 6,000 characters (its title, footer and field
#: names take the rest).
SOURCE_BUDGET = 5000


def _rendered(tokens: Sequence[tuple[str, bool]]) -> str:
    """Tokens of a paragraph (words and the spaces between them, each in bold or not), markdown escaped, each bold
    run between ``**``."""
    runs: list[str] = []
    for bold, group in itertools.groupby(tokens, key=lambda token: token[1]):
        words = "".join(word for word, _ in group)
        # escaped as the middle of a line, which it is after the first run (a line's start is escaped more: "- ")
        text = discord.utils.escape_markdown(words) if not runs else discord.utils.escape_markdown("x" + words)[1:]
        runs.append(f"**{text}**" if bold and text.strip() else text)
    return "".join(runs)


def cited_pieces(text: str, quote: str, limit: int = limits.FIELD_VALUE) -> tuple[list[str], int]:
    """A cited paragraph, markdown escaped, its quoted words in bold, cut between words into pieces of at most
    ``limit`` characters (a bold run cut in two is bold in both), none left out; and which piece the quote starts in."""
    start = text.find(quote) if quote else -1
    segments = [(text, False)] if start < 0 else \
        [(text[:start], False), (quote, True), (text[start + len(quote):], False)]
    tokens = [(found.group(), bold) for segment, bold in segments for found in _TOKEN.finditer(segment)]
    pieces: list[str] = []
    current: list[tuple[str, bool]] = []
    raw = 0  # the current piece's length unescaped: escaping at most doubles it, and its bold run adds 4
    quoted_in, seen = 0, False

    def cut() -> None:
        while current and current[-1][0].isspace():  # a bold run must not end in a space, or it shows its **
            current.pop()
        pieces.append(_rendered(current))

    for word, bold in tokens:
        if word.isspace():
            if current:
                current.append((word, bold))
                raw += len(word)
            continue
        if current and 2 * (raw + len(word)) + 4 > limit and len(_rendered([*current, (word, bold)])) > limit:
            cut()
            current, raw = [], 0
        current.append((word, bold))
        raw += len(word)
        if bold and not seen:
            seen, quoted_in = True, len(pieces)
    if current:
        cut()
    return [clip(piece, limit) for piece in pieces] or [""], quoted_in


def source_lines_embed(result: Result, kb: KnowledgeBase | None = None) -> discord.Embed:
    """The whole of each cited paragraph, with the quoted words in bold: a paragraph longer than a field holds goes on
    in the fields after it; one longer than the embed holds shows the part around its quote."""
    article = kb.article if kb is not None else None
    title = "The cited paragraph in full" if len({c.line for c in result.citations}) == 1 else \
        "The cited paragraphs in full"
    embed = discord.Embed(title=title, colour=INFO_COLOUR)
    citations = result.citations[: limits.EMBED_FIELDS]
    share = SOURCE_BUDGET // max(1, len(citations))
    fields = max(1, limits.EMBED_FIELDS // max(1, len(citations)))
    for cited in citations:
        pieces, at = cited_pieces(cited.text, cited.quote, limits.FIELD_VALUE - len(ELLIPSIS_START + limits.ELLIPSIS))
        first = last = at
        while True:  # grow the window around the quote's piece, after it first, while the share holds it
            used = sum(len(piece) for piece in pieces[first:last + 1])
            if last + 1 < len(pieces) and last - first + 1 < fields and used + len(pieces[last + 1]) <= share:
                last += 1
            elif first > 0 and last - first + 1 < fields and used + len(pieces[first - 1]) <= share:
                first -= 1
            else:
                break
        shown_pieces = pieces[first:last + 1]
        if first > 0:
            shown_pieces[0] = ELLIPSIS_START + shown_pieces[0]
        if last < len(pieces) - 1:
            shown_pieces[-1] += limits.ELLIPSIS
        name = paragraph_name(article, cited.line)
        for number, piece in enumerate(shown_pieces):
            if len(embed.fields) < limits.EMBED_FIELDS:
                embed.add_field(name=name if number == 0 else f"{name}, continued", value=piece or "—", inline=False)
    embed.set_footer(text=clip(source_footer(kb.story if kb is not None else None), limits.FOOTER))
    return fit(embed)


ELLIPSIS_START = limits.ELLIPSIS + " "


UNREADABLE_TEXT = "I couldn't read a question in that. Ask me in plain words"
UNPLACED_TEXT = "I couldn't place that question in the story (a word or two may be misspelt)."
DECLINE_TEXT = "The article doesn't say that, so I can't answer it."


def for_example(example: str) -> str:
    """ ", for example: “What is the story about?”" ending the sentence: a full stop only when the example, a question
    itself as a rule, doesn't end it already (no "?”.")."""
    if not example:
        return "."
    return f", for example: “{example}”" + ("" if ends_sentence(example) else ".")


def small_talk_text(talk: SmallTalk, example: str = "") -> str:
    """The reply to a greeting, thanks, a plea for help, an "ok" or a goodbye."""
    if talk is SmallTalk.THANKS:
        return "You're welcome!"
    if talk is SmallTalk.OKAY:
        return "👍 Ask me anything else about the story whenever you like."
    if talk is SmallTalk.BYE:
        return "Bye! Ask me about the story any time."
    start = "Hi!" if talk is SmallTalk.GREETING else "I answer questions about one news story."
    return clip(f"{start} Ask me about the story in plain words (with `/ask`, by mentioning me, or in a DM)"
                f"{for_example(example)} Every answer quotes the article. {TOPICS_HINT}", limits.CONTENT)


def not_answered_text(result: Result, miss: str | None = None, example: str = "", options: bool = False,
                      short: bool = False, paragraphs: int = 0) -> str:
    """The reply when the bot doesn't state a fact: a gap's honest reply, did-you-mean, or why it declined
    (couldn't read it, couldn't place it, or the article doesn't say). ``short`` for public replies."""
    hint = "" if short or "/topics" in (result.answer or "") else f" {TOPICS_HINT}"  # a reply may name it already
    if result.kind is Kind.GAP and result.answer:
        return clip(f"{result.answer}{hint}", limits.CONTENT)
    if result.kind is Kind.SUGGESTIONS:
        if len(result.suggestions) == 1:
            return "I'm not sure what you mean. Did you mean this?"
        return "I'm not sure which you mean. Did you mean one of these?"
    if miss == "no_such_paragraph":  # ``paragraphs``: the article's count, which the reply gives
        return no_such_paragraph_text(paragraphs) if paragraphs else NO_SUCH_PARAGRAPH_TEXT
    if miss == "unreadable":
        return clip(f"{UNREADABLE_TEXT}{for_example(example)}", limits.CONTENT)
    if miss == "unplaced":
        offer = " Is it one of these?" if options else hint
        return clip(f"{UNPLACED_TEXT}{offer}", limits.CONTENT)
    return clip(f"{DECLINE_TEXT}{hint}", limits.CONTENT)


def quote_embed(quote: Quote, kb: KnowledgeBase | None = None) -> discord.Embed:
    embed = discord.Embed(description=clip(quoted(quote_text(quote.text, kb.article.line(quote.line) if kb else "")),
                                           limits.EMBED_DESCRIPTION), colour=INFO_COLOUR)
    embed.set_author(name=clip(quote.speaker, limits.FIELD_NAME))
    embed.add_field(name="Context", value=clip(quote.context, limits.FIELD_VALUE), inline=False)
    article = kb.article if kb is not None else None
    embed.set_footer(text=clip(f"{paragraph_name(article, quote.line)} · {source_footer(kb.story if kb else None)}",
                               limits.FOOTER))
    return fit(embed)


PAGE_BUDGET = 5000  # characters per page, under the 6,000 total with room for title and footer
INFERRED = "†"
INFERRED_LEGEND = f"{INFERRED} the date is worked out from the article; **How dates were worked out** says how."


def stated_date(event: Event, story: Story | None) -> bool:
    """The event is dated by the report's own dateline: its date is as printed, not worked out."""
    if story is None:
        return False
    return any(c.line == story.dateline.line and story.dateline.quote in c.quote for c in event.cite)


def inferred(event: Event, story: Story | None) -> bool:
    return bool(event.inferred) and not stated_date(event, story)


def timeline_pages(events: Sequence[Event], article: Article | None = None, story: Story | None = None,
                   per_page: int = 8) -> list[discord.Embed]:
    """The events in order, at most ``per_page`` and ``PAGE_BUDGET`` characters to an embed, so none is cut.
    A worked-out date is marked with one symbol, explained once in the description."""
    marked = any(inferred(event, story) for event in events)

    def new_page() -> discord.Embed:
        return discord.Embed(title="Timeline", colour=INFO_COLOUR, description=INFERRED_LEGEND if marked else None)

    pages = [new_page()]
    for event in events:
        where = article.paragraphs_named(c.line for c in event.cite) if article is not None else \
            ", ".join(str(c.line) for c in event.cite)
        value = f"{event.event}\n*{where[0].upper()}{where[1:]}*" if where else event.event
        mark = f"{INFERRED} " if inferred(event, story) else ""
        name, value = clip(f"{mark}{event.when}", limits.FIELD_NAME), clip(value, limits.FIELD_VALUE)
        page = pages[-1]
        if page.fields and (len(page.fields) >= per_page or len(page) + len(name) + len(value) > PAGE_BUDGET):
            page = new_page()
            pages.append(page)
        page.add_field(name=name, value=value, inline=False)
    return _numbered(pages)


def dates_explained(events: Sequence[Event], story: Story | None = None) -> discord.Embed:
    """How each worked-out date was worked out (the Timeline's button)."""
    embed = discord.Embed(title="How the dates were worked out", colour=INFO_COLOUR)
    for event in [e for e in events if inferred(e, story)][: limits.EMBED_FIELDS]:
        note = event.inferred or ""
        embed.add_field(name=clip(f"{INFERRED} {event.when}", limits.FIELD_NAME),
                        value=clip(note[0].upper() + note[1:] if note else "—", limits.FIELD_VALUE), inline=False)
    if not embed.fields:
        embed.description = "Every date in the timeline is stated in the article."
    return fit(embed)


def source_pages(paragraphs: Sequence[tuple[int, str]], title: str) -> list[discord.Embed]:
    """The article with its paragraphs numbered, split into pages that each fit one embed."""
    pages: list[str] = []
    current = ""
    for number, text in paragraphs:
        block = clip(f"**{number}** {discord.utils.escape_markdown(text)}", limits.EMBED_DESCRIPTION - 10) + "\n\n"
        if current and len(current) + len(block) > limits.EMBED_DESCRIPTION - 10:
            pages.append(current)
            current = ""
        current += block
    pages.append(current or "*The article is empty.*")
    embeds = [discord.Embed(title=clip(title, limits.EMBED_TITLE), description=page.strip(), colour=INFO_COLOUR)
              for page in pages]
    return _numbered(embeds)


def source_paragraph_embed(number: int, text: str, count: int) -> discord.Embed:
    title = f"Paragraph {number} of {count}" if count > 1 else "The article's one paragraph"
    embed = discord.Embed(title=title, description=clip(
        discord.utils.escape_markdown(text), limits.EMBED_DESCRIPTION), colour=INFO_COLOUR)
    return fit(embed)


def topics_embed(topics: dict[str, list[str]], per_topic: int) -> discord.Embed:
    """Each topic with its first ``per_topic`` questions, and how many more it answers."""
    embed = discord.Embed(title="What I can answer", colour=INFO_COLOUR,
                          description="Ask in your own words with `/ask`, by mentioning me, or in a DM.")
    for topic, questions in list(topics.items())[: limits.EMBED_FIELDS]:
        shown_here = questions if len(questions) <= per_topic + 1 else questions[:per_topic]  # "…and 1 more" hides one
        value = "\n".join(f"• {q}" for q in shown_here)
        if len(questions) > len(shown_here):
            value += f"\n…and {len(questions) - len(shown_here)} more"
        embed.add_field(name=clip(topic, limits.FIELD_NAME), value=clip(value, limits.FIELD_VALUE), inline=False)
    return fit(embed)


def about_embed(story: Story, kb: KnowledgeBase, light_bulbs: bool = False) -> discord.Embed:
    """What the bot is; ``light_bulbs`` when it watches channels, where a 💡 needs explaining."""
    dateline = kb.article.line(story.dateline.line)
    embed = discord.Embed(title="About Storybot", colour=INFO_COLOUR, description=clip(
        "I answer questions about one news story, and every answer quotes the article's exact words, with the "
        "paragraph they come from. If the article doesn't say, I tell you so instead of guessing.",
        limits.EMBED_DESCRIPTION))
    embed.add_field(name="The story", value=clip(f"**{story.headline}**\n{story.dateline.quote}", limits.FIELD_VALUE),
                    inline=False)
    if story.source:
        embed.add_field(name="Source", value=clip(story.source, limits.FIELD_VALUE), inline=False)
    embed.add_field(name="How answers are cited", value=clip(
        "Each answer shows the article's paragraph number and the quoted words; the **Show source** button shows "
        f"the whole paragraph. `/source` shows the article (it opens: “{clip(dateline, 80)}”).", limits.FIELD_VALUE),
        inline=False)
    marked = (" In some channels I mark a question I can answer with 💡: click the 💡 to get the answer there."
              if light_bulbs else "")
    embed.add_field(name="How to ask", value=clip(
        f"`/ask` your question, mention me with it, or DM me.{marked}", limits.FIELD_VALUE), inline=False)
    embed.add_field(name="Found a wrong answer?", value=clip(
        "Press 👎 under it: moderators review the answers with the most 👎 and fix the knowledge base.",
        limits.FIELD_VALUE), inline=False)
    return fit(embed)


def _numbered(pages: list[discord.Embed]) -> list[discord.Embed]:
    if len(pages) > 1:
        for index, page in enumerate(pages, start=1):
            page.set_footer(text=f"Page {index} of {len(pages)}")
    return pages

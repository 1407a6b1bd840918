"""Turning an engine result into what Discord sends, the same way for /ask, mentions and 💡."""

from __future__ import annotations

import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import discord

from bot.app.screens import embeds, limits, views
from bot.app.screens.limits import clip
from bot.app.worker import ASKED
from bot.core.answers import CitedLine, Kind, Result, left_note
from bot.core.engine import Engine
from bot.core.misses import Miss
from bot.core.small_talk import small_talk

if TYPE_CHECKING:
    from bot.app.client import StoryBot

#: Answer cards laid out, kept per engine (the most recent ones): the same answer (entry, wording,
#: citations) is laid out the same way every time, and laying it out (the embed, and the view of three
#: buttons, which is most of it) took about 0.3 ms, a tenth of the bot's own work per answer besides
#: matching. discord.py only reads an embed and a view of ``DynamicItem`` buttons when it sends them:
#: such a view is never stored per message, and answer cards are public, so nothing sets its timeout.
CARDS_KEPT = 256
_CardKey = tuple[str | None, str | None, tuple[CitedLine, ...]]
_cards: weakref.WeakKeyDictionary[Engine, OrderedDict[_CardKey, tuple[discord.Embed, discord.ui.View]]] = \
    weakref.WeakKeyDictionary()
_examples: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()  # a question to try, per engine


@dataclass
class Reply:
    """Keyword arguments for ``send_message`` / ``reply``; ``private`` means ephemeral where possible."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    private: bool = False
    more: tuple[discord.Embed, ...] = ()  # the answers to a message's other questions, after ``embed``

    def kwargs(self) -> dict[str, Any]:
        given = (("content", self.content), ("embed", self.embed), ("view", self.view))
        found: dict[str, Any] = {key: value for key, value in given if value is not None}
        if self.more and self.embed is not None:
            found["embeds"] = [found.pop("embed"), *self.more]
        return found

    def noted(self, note: str) -> None:
        """Put ``note`` before the reply's text; an answer card, which has none, gets the note as its text."""
        self.content = " ".join(filter(None, [note, self.content]))


@dataclass(frozen=True)
class Asked:
    """What the engine made of a question, worked out on the engine's thread: the result, and for
    anything but an answer how a face shows it (``Engine.presented``, which may rank the question
    again); ``engine`` is the one that answered, so the reply is laid out from the same knowledge base."""

    engine: Engine
    result: Result
    shown: tuple[Result, Miss | None] | None
    seconds: float  # the engine's own work
    also: tuple[Result, ...] = ()  # the answers to the message's other questions, when it asks several
    left: tuple[str, ...] = ()  # the message's questions its one answer leaves unanswered


def ask_engine(engine: Engine, question: str) -> Asked:
    """The matching behind a reply (slow for a long, unreadable question): run it on the worker thread."""
    started = time.perf_counter()
    if small_talk(question) is not None:  # "cheers", "bye": met as such (``reply_for``), never answered from the story
        return Asked(engine, Result(question=question, kind=Kind.DECLINE), None, time.perf_counter() - started)
    each = engine.ask_each(question)
    result = each[0] if each else engine.ask(question)
    shown = None if result.kind is Kind.ANSWER else engine.presented(result)
    left = () if each else engine.left_unanswered(question, result)
    return Asked(engine, result, shown, time.perf_counter() - started, each[1:], left)


async def ask(bot: StoryBot, question: str, priority: int = ASKED) -> Asked:
    """``ask_engine`` on the bot's engine worker, off the event loop."""
    engine = bot.engine  # the engine now: a swap meanwhile doesn't change what this call works on
    return await bot.worker.run(lambda: ask_engine(engine, question), priority)


def reply_to(asked: Asked, user_id: int, public: bool = False) -> Reply:
    """``reply_for`` with the matching already done; a message of several questions gets an answer card each."""
    if asked.also:
        return answers_reply((asked.result, *asked.also), asked.engine)
    reply = reply_for(asked.result, user_id, asked.engine, public=public, shown=asked.shown)
    if asked.left:  # the card answers one of the questions: the asker is told which to ask again
        reply = replace(reply)
        reply.noted(clip(left_note(asked.left, embeds.shown), limits.CONTENT))
    return reply


def answers_reply(results: tuple[Result, ...], engine: Engine) -> Reply:
    """One message with the answer card of each question, numbered, each with its own row of buttons. The cards
    share Discord's limit for a message's embeds: those that don't fit are left for the asker to ask again."""
    cards: list[discord.Embed] = []
    view = discord.ui.View(timeout=None)
    for number, result in enumerate(results, 1):
        card = answer_reply(result, engine).embed
        assert card is not None  # an answer always has its card
        card = card.copy()
        card.title = clip(f"{number}. {card.title}" if card.title else f"{number}.", limits.EMBED_TITLE)
        if number < len(results):
            card.remove_footer()  # the story is named once, under the last card
        if sum(map(len, cards)) + len(card) > limits.EMBED_TOTAL:
            break
        cards.append(card)
        for item in views.answer_items(result, number):
            view.add_item(item)
    left = len(results) - len(cards)
    note = f"(I answered {len(cards)} of your {len(results)} questions; ask the rest on their own.)" if left else None
    return Reply(content=note, embed=cards[0], view=view, more=tuple(cards[1:]))


def answer_reply(result: Result, engine: Engine) -> Reply:
    """An answer card: the entry's title, the answer, its quotes with paragraph numbers, the source."""
    cards = _cards.setdefault(engine, OrderedDict())
    key = (result.entry, result.answer, result.citations)
    card = cards.get(key)
    if card is None:
        kb = engine.kb
        shown = replace(result, answer=kb.article.for_people(result.answer or ""))
        title = engine.heading(result.entry) if result.entry else ""
        card = cards[key] = (embeds.answer_embed(shown, kb, title), views.answer_view(result))
        if len(cards) > CARDS_KEPT:
            cards.popitem(last=False)
    else:
        cards.move_to_end(key)
    return Reply(embed=card[0], view=card[1])


def as_text(reply: Reply, asked: Asked) -> Reply:
    """An answer card as plain text, for a channel where the bot may not embed links (an embed would not show,
    leaving only its buttons): the answer, then each quote with its paragraph."""
    if reply.embed is None or asked.result.kind is not Kind.ANSWER:
        return reply
    article = asked.engine.kb.article
    lines: list[str] = []
    several = bool(asked.also)
    for number, result in enumerate((asked.result, *asked.also), 1):
        answer = article.for_people(result.answer or "")  # the knowledge base's own text, as the card shows it
        lines.append(f"**{number}.** {answer}" if several else answer)
        lines += [f"> “{discord.utils.escape_markdown(c.quote)}” ({embeds.paragraph_name(article, c.line)})"
                  for c in result.citations]
    text = "\n".join(filter(None, [reply.content, *lines]))
    return Reply(content=clip(text, limits.CONTENT), view=reply.view, private=reply.private)


def reply_for(result: Result, user_id: int, engine: Engine, public: bool = False,
              shown: tuple[Result, Miss | None] | None = None) -> Reply:
    """An answer is public with its sources; anything else is a note to the asker (private where the
    reply can be; ``public`` for a mention, where it is short). Did-you-mean choices are buttons."""
    if result.kind is Kind.ANSWER:
        return answer_reply(result, engine)
    shown_result, miss = shown if shown is not None else engine.presented(result)
    if shown_result.suggestions:
        return Reply(content=embeds.not_answered_text(shown_result, miss, options=True, short=public),
                     view=views.suggestions_view(shown_result, user_id), private=True)
    example = _examples.get(engine)
    if example is None:
        examples = engine.complete("", limit=1)
        example = _examples[engine] = examples[0] if examples else ""
    talk = small_talk(result.question) if result.kind is Kind.DECLINE else None
    if talk is not None:  # "hi", "thanks", "help": met as such, not as a question the article doesn't answer
        return Reply(content=embeds.small_talk_text(talk, example), private=True)
    return Reply(content=embeds.not_answered_text(shown_result, miss, example=example, short=public,
                                                  paragraphs=len(engine.kb.article.text_lines)), private=True)

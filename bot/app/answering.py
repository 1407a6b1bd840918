"""Turning an engine result into what Discord sends, the same way for /ask, mentions and 💡."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import discord

from bot.app import embeds, views
from bot.core.answers import Kind, Result
from bot.core.engine import Engine


@dataclass
class Reply:
    """Keyword arguments for ``send_message`` / ``reply``; ``private`` means ephemeral where possible."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    private: bool = False

    def kwargs(self) -> dict[str, Any]:
        return {key: value for key, value in (("content", self.content), ("embed", self.embed), ("view", self.view))
                if value is not None}


def answer_reply(result: Result, engine: Engine) -> Reply:
    """An answer card: the entry's title, the answer, its quotes with paragraph numbers, the source."""
    kb = engine.kb
    shown = replace(result, answer=kb.article.for_people(result.answer or ""))
    title = engine.heading(result.entry) if result.entry else ""
    return Reply(embed=embeds.answer_embed(shown, kb, title), view=views.answer_view(result))


def reply_for(result: Result, user_id: int, engine: Engine, public: bool = False) -> Reply:
    """An answer is public with its sources; anything else is a note to the asker (private where the
    reply can be; ``public`` for a mention, where it is short). Did-you-mean choices are buttons."""
    if result.kind is Kind.ANSWER:
        return answer_reply(result, engine)
    shown, miss = engine.presented(result)
    if shown.suggestions:
        return Reply(content=embeds.not_answered_text(shown, miss, options=True, short=public),
                     view=views.suggestions_view(shown, user_id), private=True)
    examples = engine.complete("", limit=1)
    return Reply(content=embeds.not_answered_text(shown, miss, example=examples[0] if examples else "",
                                                  short=public), private=True)

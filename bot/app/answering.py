"""Turning an engine result into what Discord sends, the same way for /ask, mentions and 💡."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.app import embeds, views
from bot.core.answers import Kind, Result


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


def reply_for(result: Result, user_id: int) -> Reply:
    """An answer is public with its sources; anything else is a private note to the asker."""
    if result.kind is Kind.ANSWER:
        return Reply(embed=embeds.answer_embed(result), view=views.answer_view(result))
    if result.kind is Kind.SUGGESTIONS:
        return Reply(content=embeds.not_answered_text(result), view=views.suggestions_view(result, user_id),
                     private=True)
    return Reply(content=embeds.not_answered_text(result), private=True)

"""What the engine returns, and how it reads as plain text in a terminal.

The core decides *what* the reply is (an answer, a gap's honest reply, a few suggestions, or
a decline); each face (terminal, Discord) decides how it looks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot.core.quoting import quote_text

if TYPE_CHECKING:
    from bot.core.knowledge.article import Article


class Kind(StrEnum):
    ANSWER = "answer"            # a fact from the article, with citations
    GAP = "gap"                  # the article doesn't say; an honest reply from the knowledge base
    SUGGESTIONS = "suggestions"  # several entries fit about equally well: did you mean ...?
    DECLINE = "decline"          # nothing fits


@dataclass(frozen=True)
class CitedLine:
    line: int
    quote: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    entry: str
    question: str
    score: float


@dataclass(frozen=True)
class Result:
    question: str
    kind: Kind
    answer: str | None = None
    citations: tuple[CitedLine, ...] = ()
    entry: str | None = None
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)

    @property
    def answered(self) -> bool:
        """True only when the reply states a fact from the article."""
        return self.kind is Kind.ANSWER

    def to_json(self) -> dict[str, Any]:
        """The stable ``ask --json`` shape that scripts depend on."""
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.answer,
            "citations": [{"line": c.line, "quote": c.quote, "text": c.text} for c in self.citations],
            "entry": self.entry,
            "score": round(self.score, 4),
            "suggestions": [{"entry": s.entry, "question": s.question, "score": round(s.score, 4)}
                            for s in self.suggestions],
        }


def left_note(left: tuple[str, ...], quote: Callable[[str], str] = str) -> str:
    """The note under an answer to one of a message's questions, naming the others (``Engine.left_unanswered``),
    each through ``quote`` (a face's escaping)."""
    shown = left if len(left) <= MAX_LEFT_NAMED + 1 else left[:MAX_LEFT_NAMED]  # "and 1 more" would hide one that fits
    quoted = [f"“{quote(_shortened(question))}”" for question in shown]
    more = [f"{len(left) - len(shown)} more"] if len(left) > len(shown) else []
    *rest, last = quoted + more
    named = f"{', '.join(rest)} and {last}" if rest else last
    own = "on its own" if len(left) == 1 else "each on its own"
    return f"(This answers one part of your message; ask {named} {own}.)"


MAX_LEFT_NAMED = 2
MAX_LEFT_CHARS = 100  # a question named in the note; a longer one is cut with an ellipsis


def _shortened(question: str) -> str:
    return question if len(question) <= MAX_LEFT_CHARS else question[: MAX_LEFT_CHARS - 1].rstrip() + "…"

DECLINE_TEXT = "The article doesn't say that, so I won't guess."
UNREADABLE_TEXT = "I couldn't read a question in that. Ask me in plain words."
UNPLACED_TEXT = "I couldn't place that question in the story (a word or two may be misspelt)."

NO_SUCH_PARAGRAPH_TEXT = "The article has no paragraph of that number."


def no_such_paragraph_text(count: int) -> str:
    """The reply to a paragraph number past the article's last, with the numbers it does have."""
    if count == 1:
        return "The article has 1 paragraph; ask for paragraph 1."
    return f"The article has {count} paragraphs; try 1–{count}."


def render_text(result: Result, width: int = 88, article: Article | None = None, miss: str | None = None) -> str:
    """The reply as plain text: the answer, then each cited paragraph with its quote; a miss says why.

    With ``article``, places are paragraph numbers (what people count) and quotes show where words
    were left out; without it, file line numbers.
    """
    wrap = textwrap.TextWrapper(width=max(width, 20), subsequent_indent="  ", break_long_words=False,
                                break_on_hyphens=False)
    if result.kind is Kind.ANSWER and result.answer is not None:
        answer = article.for_people(result.answer) if article is not None else result.answer
        parts = [wrap.fill(answer)]
        for cited in result.citations:
            if article is not None:
                where = f"paragraph {article.paragraph_number(cited.line)}"
                parts.append(wrap.fill(f"  {where}: {quote_text(cited.quote, cited.text)}"))
            else:
                parts.append(wrap.fill(f'  line {cited.line}: "{cited.quote}"'))
        return "\n".join(parts)
    if result.kind is Kind.GAP and result.answer is not None:
        return wrap.fill(article.for_people(result.answer) if article is not None else result.answer)
    if result.kind is Kind.SUGGESTIONS or (result.suggestions and miss == "unplaced"):
        lead = (UNPLACED_TEXT + " Is it one of these?" if result.kind is Kind.DECLINE
                else "I'm not sure what you mean. Did you mean:" if len(result.suggestions) == 1
                else "I'm not sure which you mean. Did you mean:")
        lines = [wrap.fill(lead)]
        lines += [wrap.fill(f"  {number}. {s.question}") for number, s in enumerate(result.suggestions, start=1)]
        return "\n".join(lines)
    if miss == "no_such_paragraph":
        return no_such_paragraph_text(len(article.text_lines)) if article is not None else NO_SUCH_PARAGRAPH_TEXT
    if miss == "unreadable":
        return UNREADABLE_TEXT
    if miss == "unplaced":
        return UNPLACED_TEXT
    return DECLINE_TEXT

"""A message as the engine reads it: the part of a long paste that asks, whether a text opens as a question, and
its words. Plain checks, no matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.matching.words.normalize import NOT_AN_ABBREVIATION

MAX_INPUT = 4000         # the engine reads at most this much; longer messages are read from their end

#: Words that ask, but about nothing: a message of these alone ("who?", "what is it") names nothing to look up.
QUESTION_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
#: Words a question starts with besides those: "is it", "did she", "can they".
AUXILIARIES = frozenset({"is", "are", "was", "were", "did", "does", "do", "can", "could", "will", "would", "has",
                         "have", "had"})
_QUESTION_START = re.compile(rf"^\s*(?:{'|'.join(sorted(QUESTION_WORDS | AUXILIARIES))})\b", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_START = re.compile(rf"(?<=[.!?\n]){NOT_AN_ABBREVIATION}\s+")  # not after "Dr." or "U.S."


def letter_words(text: str) -> list[str]:
    """The runs of letters in a text, casefolded (digits, punctuation and emoji are not words)."""
    return [w.replace("’", "'") for w in _LETTERS.findall(unicodedata.normalize("NFKC", text).casefold())]


@dataclass(frozen=True)
class Input:
    """A message as the engine will read it: ``text``, and which part of a longer one it is (``read``: "end" or
    "start"; empty when the message is read whole)."""

    text: str
    read: str = ""

    @property
    def cut(self) -> bool:
        return bool(self.read)


def starts_asking(text: str) -> bool:
    """Whether a text opens as a question does ("who runs it", "is it true"), question mark or not."""
    return bool(_QUESTION_START.match(text))


def ends_sentence(text: str) -> bool:
    """Whether a text ends with its own full stop, question or exclamation mark (then none is added after it)."""
    return text.rstrip().endswith(("?", "!", "."))


def reads_as_question(text: str) -> bool:
    return text.rstrip().endswith("?") or starts_asking(text)


def question_part(message: str, limit: int = MAX_INPUT) -> Input:
    """A message short enough for the engine; a longer one is read from its end, where the question
    usually is (a long paste of the article followed by "what does this mean?"), starting at a sentence,
    unless only its start asks anything ("who runs it? here is the article: ..."): then up to its last question."""
    if len(message) <= limit:
        return Input(message)
    tail = message[-limit:]
    if "?" not in tail and "?" in message[:limit]:
        head = message[:limit]
        return Input(head[:head.rfind("?") + 1].strip(), "start")
    starts = [m.end() for m in _SENTENCE_START.finditer(tail)]
    if starts and starts[0] < limit // 2:
        tail = tail[starts[0]:]
    else:
        space = tail.find(" ")
        tail = tail[space + 1:] if 0 <= space < limit // 2 else tail
    return Input(tail.strip(), "end")

"""Whom the article's "she" or "he" means, for a question about the pronoun itself ("who is the 'she' in the last
paragraph?", "who does 'he' refer to?").

English points a pronoun back at the person last named before it. The persons are the speakers the knowledge base
quotes whose names read as a person's; the answer is the line where the article last names one of them before the
pronoun, cited with the name as the article writes it. A question that doesn't set the pronoun apart as a word ("who
is she?") is left to the knowledge base: it may follow on from an earlier question, not point at the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.core.answers import CitedLine, Kind, Result
from bot.core.knowledge.article import Article

_PRONOUN = r"(?P<pronoun>she|he|her|him)"
_QUOTED = rf"(?:the\s+)?['\"‘“]{_PRONOUN}['\"’”]|the\s+{_PRONOUN.replace('pronoun', 'bare')}\b"
_FRAMES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"^(?:so\s+|and\s+|but\s+)?who(?:'s|’s|s|\s+is|\s+was)\s+(?:{_QUOTED})(?P<rest>.*)$",
    rf"^(?:so\s+|and\s+|but\s+)?who\s+(?:does|did|do|is|was)\s+(?:{_QUOTED})\s+(?:refer\w*|mean\w*|stand\w*)\b(?P<rest>.*)$",
)]
_LAST = re.compile(r"\b(?:last|final|closing|end)\b", re.IGNORECASE)


def asked_pronoun(question: str) -> tuple[str, bool] | None:
    """The pronoun a question asks whom it means, and whether it asks of its last use in the text ("in the last
    paragraph", "who added the last quote"); None for any other question."""
    asked = " ".join(question.split()).strip(" ?!.")
    for frame in _FRAMES:
        match = frame.match(asked)
        if match is not None:
            pronoun = (match.group("pronoun") or match.group("bare")).casefold()
            return pronoun, bool(_LAST.search(match.group("rest")))
    return None


class Referent:
    """The person a pronoun of the article points back at."""

    def __init__(self, article: Article, persons: Callable[[], Sequence[str]]) -> None:
        """``persons``: the names of the persons the story quotes, as the knowledge base writes them; asked on first
        use (telling a person's name from a body's reads WordNet's names, which most questions never need)."""
        self._article = article
        self._persons = persons
        self._names: tuple[str, ...] | None = None

    def answer(self, question: str) -> Result | None:
        asked = asked_pronoun(question)
        if asked is None:
            return None
        pronoun, last = asked
        said = re.compile(rf"\b{pronoun}\b(?:\s+\w+)?", re.IGNORECASE)  # quoted with the word after it: "she added"
        uses = [(number, use) for number in self._article.text_lines
                if (use := said.search(self._article.line(number))) is not None]
        if not uses:
            return None
        at, use = uses[-1] if last else uses[0]
        found = self._named_before(at, use.start())
        if found is None:
            return None
        number, name = found
        line = self._article.line(at)
        # both lines: where the person is named, and the pronoun itself, so the reader sees what it points back at
        cited = [CitedLine(number, name, self._article.line(number))]
        if at != number:
            cited.append(CitedLine(at, use.group(0), line))
        return Result(question, Kind.ANSWER, answer=f'"{pronoun.capitalize()}" there means {name}, the last person the'
                      " article names before it.", citations=tuple(cited), score=1.0)

    def _person_names(self) -> tuple[str, ...]:
        if self._names is None:  # asked once, on the first question about a pronoun
            self._names = tuple(name for name in self._persons() if name.strip())
        return self._names

    def _named_before(self, line: int, end: int) -> tuple[int, str] | None:
        """The line and the name of the person last named before a point of the text (line, character)."""
        for number in reversed([n for n in self._article.text_lines if n <= line]):
            text = self._article.line(number)
            upto = text[:end] if number == line else text
            last: tuple[int, str] | None = None
            for name in self._person_names():
                for match in re.finditer(re.escape(name), upto):
                    if last is None or match.start() > last[0]:
                        last = (match.start(), match.group(0))
            if last is not None:
                return number, last[1]
        return None

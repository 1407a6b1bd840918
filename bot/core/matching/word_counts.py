"""How many times the article uses a word the question quotes ("how many times does it say 'still'?", "how often
does the word 'peaceful' appear?"), with every line that uses it; where it uses it ("where does the word 'peaceful'
appear?") is answered so too.

Counting is certain where matching is not: the word is looked for as a whole word, in any case, and each use is
cited. A question that narrows the count to one quote or paragraph is answered only when every use is on one line,
since which line it means can't be told from the words alone. The typed word is never echoed: the answer names it by
the article's own spelling, or not at all.
"""

from __future__ import annotations

import re

from bot.core.answers import CitedLine, Kind, Result
from bot.core.knowledge.article import Article

_QUOTED_WORD = r"['\"‘“](?P<word>[^\W\d_][\w'’-]{0,40})['\"’”]"
_FRAMES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"\bhow (?:many times|often)\b.*?{_QUOTED_WORD}",
    rf"{_QUOTED_WORD}.*?\bhow (?:many times|often)\b",
    rf"\b(?:number of times|count)\b.*?{_QUOTED_WORD}",
    # "where does the word 'peaceful' appear?", "'peaceful' appears twice - in which contexts?": every use's line
    rf"\b(?:where|which|what)\b.*?{_QUOTED_WORD}\s+(?:appear|appears|occur|occurs|is used|comes up)\b",
    rf"{_QUOTED_WORD}\s+(?:appears|occurs|is used|comes up)\b.*?\b(?:where|which|what)\b.*"
    r"\b(?:contexts?|places?|lines?|sentences?|paragraphs?|parts?)\b",
)]
# "in that quote", "in the last paragraph": the count asked of one part of the text
_NARROWED = re.compile(r"\b(?:in|within|of)\s+(?:that|this|the|her|his|its|their|one|a)\s+(?:\w+\s+)?"
                       r"(?:quote|paragraph|line|sentence|statement|part|bit)\b", re.IGNORECASE)
MAX_CITED = 10


def counted_word(question: str) -> str | None:
    """The quoted word a question asks how many times the article uses, or None."""
    for frame in _FRAMES:
        match = frame.search(question)
        if match is not None:
            return match.group("word").strip("'’-")
    return None


class WordCounts:
    """The article's uses of a word, counted and cited."""

    def __init__(self, article: Article) -> None:
        self._article = article

    def answer(self, question: str) -> Result | None:
        word = counted_word(question)
        if not word:
            return None
        whole = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", re.IGNORECASE)
        uses = [(number, match) for number in self._article.text_lines
                for match in whole.finditer(self._article.line(number))]
        if not uses:
            return Result(question, Kind.GAP, answer="The article never uses that word.")
        lines = sorted({number for number, _ in uses})
        if len(lines) > 1 and _NARROWED.search(question):
            return None  # "how many times does she say it in that quote?": which quote is meant isn't certain
        spelled = uses[0][1].group(0)
        times = "once" if len(uses) == 1 else "twice" if len(uses) == 2 else f"{len(uses)} times"
        cited = tuple(CitedLine(number, next(match.group(0) for at, match in uses if at == number),
                                self._article.line(number)) for number in lines)  # a line once, however often used
        return Result(question, Kind.ANSWER, answer=f'The article uses "{spelled}" {times}.',
                      citations=cited[:MAX_CITED], score=1.0)

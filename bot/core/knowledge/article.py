"""The source text: numbered lines, and finding a quote on a line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

_LINE_REFERENCE = re.compile(r"\b([Ll])ines? (\d+(?:(?:, | and | & |-)\d+)*)\b")


@dataclass(frozen=True)
class Article:
    """The article as 1-based numbered lines, exactly as the file has them."""

    lines: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> Article:
        return cls(tuple(text.split("\n")))

    def __len__(self) -> int:
        return len(self.lines)

    def has_line(self, number: int) -> bool:
        return 1 <= number <= len(self.lines)

    def line(self, number: int) -> str:
        """The text of line ``number`` (1-based)."""
        if not self.has_line(number):
            raise IndexError(f"line {number} is not in the article (1-{len(self.lines)})")
        return self.lines[number - 1]

    @property
    def text_lines(self) -> list[int]:
        """Numbers of the lines that hold text."""
        return [n for n, text in enumerate(self.lines, start=1) if text.strip()]

    @cached_property
    def _paragraph_by_line(self) -> dict[int, int]:
        return {line: index for index, line in enumerate(self.text_lines, start=1)}

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs (lines with text) the article has: what people count."""
        return len(self._paragraph_by_line)

    def paragraph_of(self, line: int) -> int | None:
        """The paragraph number (1-based, blank lines not counted) of a file line, or ``None`` if it is blank.

        People read paragraphs; the YAML's ``line:`` and ``ask --json`` keep file line numbers.
        """
        return self._paragraph_by_line.get(line)

    def paragraph_number(self, line: int) -> int:
        """The paragraph people count ``line`` as; the line itself for one outside the text (a blank line)."""
        return self.paragraph_of(line) or line

    def line_of_paragraph(self, paragraph: int) -> int | None:
        """The file line that holds paragraph ``paragraph``, or ``None`` when there is no such paragraph."""
        lines = self.text_lines
        return lines[paragraph - 1] if 1 <= paragraph <= len(lines) else None

    def paragraphs_named(self, lines: Iterable[int]) -> str:
        """File lines as people read them: "paragraph 3", "paragraphs 1 and 3", "paragraphs 1, 3 and 5"."""
        numbers = sorted({self.paragraph_number(line) for line in lines})
        return paragraphs_named(numbers)

    def for_people(self, text: str) -> str:
        """Text written with file line numbers ("(line 5)", "lines 5 and 7") as people count: paragraphs."""
        def renumber(match: re.Match[str]) -> str:
            numbers = [int(n) for n in re.findall(r"\d+", match[2])]
            if not all(self.paragraph_of(n) for n in numbers):
                return match[0]
            named = paragraphs_named([self.paragraph_number(n) for n in numbers])
            return named if match[1].islower() else named.capitalize()
        return _LINE_REFERENCE.sub(renumber, text)

    def contains(self, number: int, quote: str) -> bool:
        """The quote is on the line, word for word, and doesn't start or end inside a word."""
        if not self.has_line(number) or not quote:
            return False
        text = self.line(number)
        start = text.find(quote)
        while start >= 0:
            end = start + len(quote)
            cut_before = quote[0].isalnum() and start > 0 and text[start - 1].isalnum()
            cut_after = quote[-1].isalnum() and end < len(text) and text[end].isalnum()
            if not cut_before and not cut_after:
                return True
            start = text.find(quote, start + 1)
        return False

    def lines_containing(self, quote: str) -> list[int]:
        """The lines that hold the quote as whole words."""
        return [n for n in range(1, len(self.lines) + 1) if self.contains(n, quote)]

    def whole_words(self, number: int, quote: str) -> str | None:
        """The quote widened to whole words where it is on the line but starts or ends inside a word."""
        text = self.line(number) if self.has_line(number) else ""
        start = text.find(quote) if quote else -1
        if start < 0:
            return None
        end = start + len(quote)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return text[start:end]

    def closest_words(self, number: int, quote: str) -> str | None:
        """The run of words on a line that looks most like ``quote``, to suggest a fix: a run about as long
        that is spelt much the same ("employs 12 persons"), else, for a quote reworded by hand ("12 people work
        at the bakery"), the shortest run holding most of its words. ``check`` and ``kb add`` both
        suggest it (``checks.check_citation``)."""
        if not self.has_line(number) or not quote.strip():
            return None
        words = self.line(number).split()
        size = len(quote.split())
        best, best_score = None, 60.0
        for length in (size - 1, size, size + 1):
            for start in range(max(len(words) - length + 1, 0)):
                candidate = " ".join(words[start:start + length])
                score = fuzz.ratio(quote, candidate, processor=None)
                if length > 0 and score > best_score:
                    best, best_score = candidate, score
        return best.strip(".,;:") if best else _reworded(words, quote)


def _bare(word: str) -> str:
    """A word as compared with a quote's: no marks around it, no possessive 's, in lower case."""
    return re.sub(r"(?:'s|’s)$", "", word.strip(".,;:!?\"'“”‘’()").lower())


def _reworded(words: list[str], quote: str) -> str | None:
    """The shortest run of the line's words that holds the most of ``quote``'s words, when that is at least
    half of them (two at least) and the run is at most three times as long as the quote; else ``None``.
    Stopwords don't count ("a", "in the" are in any run), and longer runs are never looked at (a line of a
    thousand words made this a matter of seconds under the store's lock)."""
    from bot.core.matching.words.lexicon import STOPWORDS  # here: the matcher's package imports the knowledge base's

    wanted = {word for word in map(_bare, quote.split()) if word and word not in STOPWORDS}
    longest = 3 * len(quote.split())
    shared = [index for index, word in enumerate(words) if _bare(word) in wanted]
    best: tuple[int, int, int, int] | None = None  # (-words held, run length, start, end)
    for first, start in enumerate(shared):
        held: set[str] = set()
        for end in shared[first:]:
            if end - start + 1 > longest:
                break
            held.add(_bare(words[end]))
            key = (-len(held), end - start + 1, start, end)
            if best is None or key < best:
                best = key
    if best is None or -best[0] < 2 or -best[0] * 2 < len(wanted):
        return None
    return " ".join(words[best[2]:best[3] + 1]).strip(".,;:")


def paragraphs_named(numbers: Iterable[int]) -> str:
    """ "paragraph 3", "paragraphs 1 and 3", "paragraphs 1, 3 and 5" (numbers as given, in order)."""
    items = [str(n) for n in numbers]
    if not items:
        return ""
    if len(items) == 1:
        return f"paragraph {items[0]}"
    return f"paragraphs {', '.join(items[:-1])} and {items[-1]}"

"""Why a decline is a decline, so a face can word a miss honestly; and the entries worth offering instead.

The engine says *whether* it can answer. When it can't, a person deserves to know why:

- nothing in the message reads as words ("asdfghjkl", "!!!"), or nothing but words that ask about nothing ("who?",
  "what is it"): "I couldn't read a question in that";
- the message is words, but several are neither English nor the story's ("wen did rusia invaid"):
  the bot couldn't place it, so it says so and offers the closest topics;
- a paragraph asked for by a number the article doesn't reach ("what does paragraph 9 say?" of seven): the
  article has fewer, and the reply says how many;
- otherwise the article truly doesn't cover it: the honest decline.

This module only looks at the words; it never changes what the engine decided.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.core.answers import Kind, Result
from bot.core.knowledge import KnowledgeBase
from bot.core.matching.words.lexicon import SLANG, STOPWORDS, english_ranks
from bot.core.matching.words.normalize import strip_markup
from bot.core.messages import QUESTION_WORDS, letter_words

COMMON_ENGLISH = 30_000  # rarer "words" in the frequency list are mostly names, codes and keyboard runs
UNPLACED_SHARE = 0.3     # a decline with at least this share of unrecognised words: we didn't understand it
# "paragraph 9", "para. #9", "paragraphs 2 and 9", "the 9th paragraph": paragraphs named by number, which may be past
# the last one
_PARAGRAPH_NUMBER = re.compile(r"\b(?:paragraphs?|paras?)\.?\s*(?:number\s*|no\.?\s*|#\s*)?"
                               r"(\d+(?:\s*(?:,|and|&|or|-|to)\s*\d+)*)\b"
                               r"|\b(\d+)(?:st|nd|rd|th) (?:paragraph|para)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_MAX_DIGITS = 6  # a longer number is past any article's last paragraph (and int() of thousands of digits refuses)


class Miss(StrEnum):
    UNREADABLE = "unreadable"  # nothing in it reads as words
    UNPLACED = "unplaced"      # words, but the bot couldn't tell what about the story they ask
    NOT_COVERED = "not_covered"  # understood, and the article doesn't say
    NO_SUCH_PARAGRAPH = "no_such_paragraph"  # a paragraph number past the article's last (or 0)


@dataclass(frozen=True)
class Reading:
    words: tuple[str, ...]
    unknown: tuple[str, ...]  # words that are neither common English nor the story's own
    misspelt: tuple[str, ...] = ()  # of those, the ones that look like a known word with a typo

    @property
    def readable(self) -> bool:
        """Some word in it is a word, or looks like one with a typo (keyboard mash has neither: its
        short runs may look like a word by chance, so they count only when most of the words do). Words are
        counted once each: mash pasted over and over is still mash."""
        words, unknown, misspelt = set(self.words), set(self.unknown), set(self.misspelt)
        if len(unknown) < len(words):
            return True
        if any(len(w) >= 5 for w in misspelt):
            return True
        return len(words) > 1 and len(misspelt) * 2 > len(words)

    @property
    def unknown_share(self) -> float:
        return len(self.unknown) / len(self.words) if self.words else 1.0


class Reader:
    """Knows the story's words (article, answers, titles, aliases) and common English.

    Not the question patterns' words: patterns keep the typos people make, on purpose.
    """

    def __init__(self, kb: KnowledgeBase, correct: Callable[[str], str]) -> None:
        texts: list[str] = list(kb.article.lines)
        for entry in kb.entries:
            texts += [entry.answer, entry.title]
        for group in kb.aliases:
            texts += [group.term, *group.same_as]
        self.vocabulary = frozenset(word for text in texts for word in letter_words(text))
        self.paragraphs = len(kb.article.text_lines)
        self._correct = correct

    def known(self, word: str) -> bool:
        if word in self.vocabulary or word in SLANG:
            return True
        ranks = english_ranks()
        rank = ranks.get(word)
        if rank is None and word.endswith("'s"):
            rank = ranks.get(word[:-2])
        return rank is not None and rank < COMMON_ENGLISH

    def near_known(self, word: str) -> bool:
        """Whether an unknown word is a known one with a typo ("mnay", "astronats"): the matcher's own
        speller would correct it to something else. One letter held down ("aaaaaaaa") is no word with a typo,
        though the speller reads a stretched letter out of it ("sooo" is "so")."""
        return len(word) >= 3 and len(set(word)) > 1 and self._correct(word) != word

    def read(self, text: str) -> Reading:
        words = tuple(letter_words(strip_markup(text)))
        unknown = tuple(w for w in words if not self.known(w))
        return Reading(words, unknown, tuple(w for w in unknown if self.near_known(w)))

    def miss(self, result: Result) -> Miss | None:
        """Why a decline is a decline; ``None`` for anything the engine did answer, suggest or reply to."""
        if result.kind is not Kind.DECLINE:
            return None
        if self.past_the_last_paragraph(result.question):
            return Miss.NO_SUCH_PARAGRAPH
        reading = self.read(result.question)
        if not reading.readable or all(w in STOPWORDS or w in QUESTION_WORDS for w in reading.words):
            return Miss.UNREADABLE
        if reading.unknown and reading.unknown_share >= UNPLACED_SHARE:
            return Miss.UNPLACED
        return Miss.NOT_COVERED

    def past_the_last_paragraph(self, text: str) -> bool:
        """Whether ``text`` names a paragraph by a number the article has none for: a person who counted wrong
        is better told how many there are than that the article doesn't say."""
        named = (digits for found in _PARAGRAPH_NUMBER.finditer(text)
                 for digits in _DIGITS.findall(found[1] or found[2]))
        return any(len(digits) > _MAX_DIGITS or not 1 <= int(digits) <= self.paragraphs for digits in named)


def closest(ranked: Iterable[tuple[str, float]], limit: int = 3, floor: float = 0.15) -> list[str]:
    """Entry ids worth offering, best first: at most ``limit``, each scoring at least ``floor``."""
    found: list[str] = []
    for entry, score in ranked:
        if score >= floor and entry not in found:
            found.append(entry)
        if len(found) >= limit:
            break
    return found

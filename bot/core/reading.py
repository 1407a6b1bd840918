"""What a face needs to word a miss honestly, and to read a long paste: plain checks, no matching.

The engine says *whether* it can answer. When it can't, a person deserves to know why:

- nothing in the message reads as words ("asdfghjkl", "!!!"), or nothing but words that ask about nothing ("who?",
  "what is it"): "I couldn't read a question in that";
- the message is words, but several are neither English nor the story's ("wen did rusia invaid"):
  the bot couldn't place it, so it says so and offers the closest topics;
- otherwise the article truly doesn't cover it: the honest decline.

This module only looks at the words; it never changes what the engine decided.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.core.answers import Kind, Result
from bot.core.knowledge import KnowledgeBase
from bot.core.matching.words.lexicon import SLANG, STOPWORDS, english_ranks
from bot.core.matching.words.normalize import NOT_AN_ABBREVIATION, strip_markup

COMMON_ENGLISH = 30_000  # rarer "words" in the frequency list are mostly names, codes and keyboard runs
UNPLACED_SHARE = 0.3     # a decline with at least this share of unrecognised words: we didn't understand it
MAX_INPUT = 4000         # the engine reads at most this much; longer messages are read from their end

#: Words that ask, but about nothing: a message of these alone ("who?", "what is it") names nothing to look up.
QUESTION_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
#: Words a question starts with besides those: "is it", "did she", "can they".
AUXILIARIES = frozenset({"is", "are", "was", "were", "did", "does", "do", "can", "could", "will", "would", "has",
                         "have", "had"})
_QUESTION_START = re.compile(rf"^\s*(?:{'|'.join(sorted(QUESTION_WORDS | AUXILIARIES))})\b", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_START = re.compile(rf"(?<=[.!?\n]){NOT_AN_ABBREVIATION}\s+")  # not after "Dr." or "U.S."


class Miss(StrEnum):
    UNREADABLE = "unreadable"  # nothing in it reads as words
    UNPLACED = "unplaced"      # words, but the bot couldn't tell what about the story they ask
    NOT_COVERED = "not_covered"  # understood, and the article doesn't say


def letter_words(text: str) -> list[str]:
    """The runs of letters in a text, casefolded (digits, punctuation and emoji are not words)."""
    return [w.replace("’", "'") for w in _LETTERS.findall(unicodedata.normalize("NFKC", text).casefold())]


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
        reading = self.read(result.question)
        if not reading.readable or all(w in STOPWORDS or w in QUESTION_WORDS for w in reading.words):
            return Miss.UNREADABLE
        if reading.unknown and reading.unknown_share >= UNPLACED_SHARE:
            return Miss.UNPLACED
        return Miss.NOT_COVERED


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


def closest(ranked: Iterable[tuple[str, float]], limit: int = 3, floor: float = 0.15) -> list[str]:
    """Entry ids worth offering, best first: at most ``limit``, each scoring at least ``floor``."""
    found: list[str] = []
    for entry, score in ranked:
        if score >= floor and entry not in found:
            found.append(entry)
        if len(found) >= limit:
            break
    return found


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    OKAY = "okay"  # "ok", "got it", "cool": nothing asked, nothing to decline
    BYE = "bye"


_SMALL_TALK = {
    SmallTalk.GREETING: frozenset({"hi", "hello", "hey", "heya", "hiya", "yo", "howdy", "greetings", "sup",
                                   "good morning", "good afternoon", "good evening", "morning", "hi hi", "hey hey"}),
    SmallTalk.THANKS: frozenset({"thanks", "thank you", "thank u", "thx", "ty", "tysm", "cheers", "many thanks",
                                 "thanks a lot", "thank you so much", "thanks so much", "ok thanks", "great thanks"}),
    SmallTalk.HELP: frozenset({"help", "help me", "what can you do", "what do you do", "how does this work",
                               "how do i use you", "how do you work", "commands", "who are you", "what are you",
                               "who r u", "what r u", "what is this", "what is this bot", "what are you for"}),
    SmallTalk.OKAY: frozenset({"ok", "okay", "k", "kk", "okk", "okie", "alright", "cool", "nice", "great", "got it",
                               "i see", "ah ok", "oh ok", "ok cool", "ok great", "fair enough", "makes sense",
                               "understood", "noted", "awesome", "perfect", "good to know"}),
    SmallTalk.BYE: frozenset({"bye", "goodbye", "bye bye", "see you", "see ya", "cya", "later", "good night",
                              "gn", "ttyl", "ok bye"}),
}
MAX_ADDRESS_WORDS = 2
_LEAD_IN = frozenset({"ok", "okay", "oh", "ah", "alright", "right", "well"})
#: Words around small talk that don't change it: "hi there", "thanks bot", "help please".
_ADDRESS = frozenset({"there", "bot", "storybot", "all", "everyone", "guys", "folks", "please", "pls", "plz", "again",
                      "mate", "buddy", "friend"})


def small_talk(text: str) -> SmallTalk | None:
    """A greeting, thanks, a plea for help, an "ok" or a goodbye and nothing else ("hi there!", "thx", "help?",
    "who are you?", "got it", "bye"), which a reply should meet as such, not as a question the article can't
    answer."""
    read = letter_words(text)
    words = [w for w in read if w not in _ADDRESS]
    if len(read) - len(words) > MAX_ADDRESS_WORDS:  # "please please please ... help me" is asking something else
        return None
    said = " ".join(words)
    first, _, rest = said.partition(" ")
    if first in _LEAD_IN and rest:  # "ok thanks", "oh got it", "ok bye": what follows says which
        said = rest
    return next((kind for kind, phrases in _SMALL_TALK.items() if said in phrases), None)

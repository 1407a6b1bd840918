"""From a chat message to the words that matter: the same steps for questions and patterns.

1. ``clean``: Unicode NFKC and casefold; drop Discord mentions, custom emoji, URLs, markdown,
   zero-width, bidi and control characters, emoji and punctuation.
2. ``words``: split, rewrite chat spellings and digits, drop filler phrases.
3. ``stem``: Snowball's English stemmer, so "celebrating", "celebrated" and "celebration" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Any

# PyStemmer: the Snowball project's own stemmers in C; the pure-Python snowballstemmer imports all thirty of
# its languages, about 30 ms of a one-off 'ask'. The stems are the same.
import Stemmer

from bot.core.matching.words.lexicon import (
    DOTTED_ABBREVIATIONS,
    FILLER_PHRASES,
    NUMBER_WORDS,
    SAME_AS_WORD,
    SLANG,
    SOURCE_FRAME,
    STOPWORDS,
    english_rank,
)

MAX_CHARS = 4000  # longer input is cut here: a real question fits, and the cost stays bounded

_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w{1,32}:\d+|t:\d+(?::\w)?|/[\w -]+:\d+)>|@(?:everyone|here)\b",
                            re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
# A terminal's escape sequences, pasted along with a question (a colour code, a window title): "\x1b[31m"
# would otherwise leave "31m" behind as a word.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# "who're", "she'll", "we'll": the contraction's verb is a word of its own, or the two would run together into
# another word ("whore", "shell", "well"). "n't" and "'s" are left to the word lists and the stemmer.
_CONTRACTION = re.compile(r"(?<=[^\W\d_])['’‘ʼ`´](re|ve|ll|d|m)\b", re.IGNORECASE)
_CONTRACTED = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
_APOSTROPHE = re.compile(r"(?<=\w)['’‘ʼ`´](?=\w)|(?<=s)['’](?!\w)")
# "July 8th", "the 24th": the day of a date, as the article writes it ("July 8"); "1st" to "3rd" stay
# "first" to "third" (``NUMBER_WORDS``), the ordinals people mean by them most.
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_NON_WORD = re.compile(r"[\W_]+")
# "the shop opened in 1990, right?", "it was the mayor, wasn't it?": a tag question asks whether the statement before it
# holds; the tag itself ("right", "isn't it") names nothing the statement is about.
_TAG_QUESTION = re.compile(r"[,\-\u2013\u2014]\s*(?:right|correct|yes|yeah|true|no|innit|"
                           r"(?:is|was|are|were|do|does|did|has|have|had|can|could|will|wo|would|should)n['\u2019]?t"
                           r" (?:it|he|she|they|we|you|there|that|i))\s*\?[\s?!.]*$", re.IGNORECASE)


def _filler_pattern() -> re.Pattern[str]:
    phrases = sorted(FILLER_PHRASES, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join([*(re.escape(p) for p in phrases), SOURCE_FRAME]) + r")\b")


_FILLER = _filler_pattern()
# "tell us who ...", "can you tell us when ...", "kindly advise what ...", "please inform me how many ...", "let me
# know where ...": at the start, a request to be told, the question's frame; later ("what did she tell us", "who did
# they inform") it is what was said or done. ("tell me" is a filler phrase wherever it is.)
_TELL_US = re.compile(r"^(?:(?:please|kindly|so|ok|okay|and|but|hey|hi|hello) )*"
                      r"(?:(?:can|could|would|will) (?:you|someone|somebody|anyone|anybody) )?"
                      r"(?:(?:please|kindly|just) )?(?:tell us|(?:advise|inform|remind|enlighten)(?: (?:me|us))?"
                      r"(?: (?:of|on|about|as to))?|let (?:me|us) know)\b")
_SAME_AS_WORD = re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase in SAME_AS_WORD) + r")\b")
_HOW_MANY = re.compile(r"\b(?:how many|how much|number of|amount of|count of|total of|how many of)\b")
# "the crew count", "flags count?": a count named after what it counts, at the end, asks how many of them
_COUNT_AFTER = re.compile(r"\b([a-z]+) (?:count|headcount|tally)$")


def tag_question(text: str) -> bool:
    """Whether the message is a statement with a tag question after it ("..., right?", "..., didn't it?")."""
    return bool(_TAG_QUESTION.search(text[:MAX_CHARS]))


def strip_markup(text: str) -> str:
    """The text without Discord mentions (``@everyone`` included), custom emoji and links: none is a word."""
    return _URL.sub(" ", _DISCORD_MARKUP.sub(" ", text))


# Each check of what a question asks reads its words again; the same few questions' words come from a cache. A new
# list each time, since callers may change theirs.
_READ_CACHE = 256  # a question and its clauses, many times over; patterns read at build time pass through


def clean(text: str) -> str:
    """Lowercase plain words separated by single spaces; everything else is gone."""
    return _plain(text, fold=True)


@lru_cache(maxsize=_READ_CACHE)
def _plain(text: str, fold: bool) -> str:
    """``clean``'s words, casefolded or as written (``fold=False``: the same words, one for one)."""
    text = unicodedata.normalize("NFKC", _TERMINAL_ESCAPE.sub(" ", text[:MAX_CHARS]))
    if fold:
        text = text.casefold()
    text = _DISCORD_MARKUP.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _TAG_QUESTION.sub(" ", text)
    text = _CONTRACTION.sub(lambda found: " " + _CONTRACTED[found.group(1).lower()], text)
    text = _APOSTROPHE.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def _names_marked(text: str, tokens: list[str], names: Collection[str]) -> list[str]:
    """The tokens, with each of ``names`` that reads as the name in capitals ("US"), the others as they are.

    An everyday word that is also a name here ("us") is the name when written in capitals (unless the
    whole message is), after "the" ("the us"), or spelled as another word for it ("usa"); otherwise
    ("tell us", "give us") it is the everyday word. "US's" is the name's possessive.
    """
    written = _plain(text, fold=False).split()
    if len(written) != len(tokens) or any(w.casefold() != t for w, t in zip(written, tokens, strict=True)):
        written = tokens  # the same words can't be lined up: case says nothing
    shouted = not any(c.islower() for c in text)
    marked: list[str] = []
    for at, (token, as_written) in enumerate(zip(tokens, written, strict=True)):
        after_the = at > 0 and tokens[at - 1] == "the"
        slang = SLANG.get(token, token)
        if slang in names and (slang != token or after_the or (as_written.isupper() and not shouted)):
            marked.append(slang.upper())
        elif token[:-1] in names and token.endswith("s") and (
                after_the or (as_written[:-1].isupper() and not shouted)):
            marked.append(token[:-1].upper())
        else:
            marked.append(token)
    return marked


# Put after a sentence end's lookbehind: no sentence ends at an abbreviation's full stop ("Mr. Lee", "the U.S.
# and", "e.g. this"). Each abbreviation is a lookbehind of its own: Python's must be of a fixed width.
NOT_AN_ABBREVIATION = ("".join(rf"(?<!\b(?i:{re.escape(short)})\.)" for short in DOTTED_ABBREVIATIONS)
                       + r"(?<!\b[^\W\d_]\.[^\W\d_]\.)")
_SENTENCE_END = re.compile(rf"(?<=[.!?;:\n]){NOT_AN_ABBREVIATION}\s+|\n+|\s+-{{1,2}}\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a message, for questions buried in a longer one ("ok so... anyway, who ...?")."""
    parts = [part.strip() for part in _SENTENCE_END.split(text[:MAX_CHARS])]
    return [part for part in parts if len(part.split()) >= 2]


def forget_read_words() -> None:
    """Empty the cache of words read (after an index is built, whose patterns no question will repeat)."""
    for cached in (_plain, _spelled, _words):
        cached.cache_clear()


def _read_cached(read: Any, text: str, correct: Callable[[str], str] | None, names: Collection[str]) -> list[str]:
    """``read``'s words from the cache, a new list each time; an unhashable ``names`` (a set) or ``correct`` is read
    without it."""
    try:
        return list(read(text, correct, names))
    except TypeError:
        return list(read.__wrapped__(text, correct, names))


def spelled(text: str, correct: Callable[[str], str] | None = None, names: Collection[str] = ()) -> list[str]:
    """Cleaned words with chat spellings expanded and, given ``correct``, typos fixed: nothing dropped or joined.

    ``names``: everyday words that are also a name; where one reads as the name it comes out in
    capitals ("US"), where it is the everyday word in lowercase ("tell us").
    """
    return _read_cached(_spelled, text, correct, names)


@lru_cache(maxsize=_READ_CACHE)
def _spelled(text: str, correct: Callable[[str], str] | None, names: Collection[str]) -> tuple[str, ...]:
    tokens = clean(text).split()
    if names and any(SLANG.get(token, token) in names or token[:-1] in names for token in tokens):
        tokens = _names_marked(text, tokens, names)
    tokens = [SLANG.get(token, token) for token in tokens]
    return tuple(tokens if correct is None else [token if token.isupper() else correct(token) for token in tokens])


# "bonus q: ...", "a careful question: ...", "hey bot, quick q - ...": a label that says a question follows, at the
# start of the message and ended by a colon or a dash, names nothing the question is about ("what is the question:
# ..." is no label: it asks).
_QUESTION_LABEL = re.compile(r"^\W*(?:(?!(?:what|which|who|whose|when|where|why|how|is|are|was|were|do|does|did)\b)"
                             r"[^\W\d_]+[\s,]+){0,3}(?:q|qn|question)\s*(?::|\s[-\u2013\u2014])\s+", re.IGNORECASE)


def words(text: str, correct: Callable[[str], str] | None = None, names: Collection[str] = ()) -> list[str]:
    """Cleaned words with chat spellings expanded and filler phrases removed, a label that says a question follows
    ("bonus q: ...") too.

    ``correct`` fixes each word's typos first, so that a misspelt phrase ("how mny") is still the phrase.
    ``names``: as for ``spelled``.
    """
    return _read_cached(_words, text, correct, names)


@lru_cache(maxsize=_READ_CACHE)
def _words(text: str, correct: Callable[[str], str] | None, names: Collection[str]) -> tuple[str, ...]:
    tokens = spelled(_QUESTION_LABEL.sub("", text[:MAX_CHARS], count=1), correct, names)
    tokens = [token if token in NUMBER_WORDS else _ORDINAL.sub(r"\1", token) for token in tokens]
    tokens = [NUMBER_WORDS.get(token, token) for token in tokens]
    joined = _SAME_AS_WORD.sub(lambda found: SAME_AS_WORD[found.group(0)], " ".join(tokens))
    joined = _TELL_US.sub("", _FILLER.sub(" ", joined).lstrip())
    joined = _HOW_MANY.sub("howmany", joined)
    joined = _COUNT_AFTER.sub(_count_of, joined)
    return tuple(joined.split())


def _count_of(found: re.Match[str]) -> str:
    """"howmany <thing>" for "<thing> count"; not after an everyday word ("it count"), nor where the two make one
    word ("head count" is a headcount, which the knowledge base may use)."""
    thing = found.group(1)
    if thing in STOPWORDS or english_rank(thing + found.group(0).rsplit(" ", 1)[1]) is not None:
        return found.group(0)
    return f"howmany {thing}"


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Snowball's English stem (Porter2), so "celebrating", "celebrated" and "celebration" meet.

    Only alphabetic words: "24" or "covid19" stay as typed.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)

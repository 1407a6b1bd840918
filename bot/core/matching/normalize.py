"""From a chat message to the words that matter: the same steps for questions and patterns.

1. ``clean``: Unicode NFKC and casefold; drop Discord mentions, custom emoji, URLs, markdown,
   zero-width, bidi and control characters, emoji and punctuation.
2. ``words``: split, rewrite chat spellings and digits, drop filler phrases.
3. ``stem``: Snowball's English stemmer, so "celebrating", "celebrated" and "celebration" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# PyStemmer: the Snowball project's own stemmers in C; the pure-Python snowballstemmer imports all thirty of
# its languages, about 30 ms of a one-off 'ask'. The stems are the same.
import Stemmer

from bot.core.matching.lexicon import FILLER_PHRASES, NUMBER_WORDS, SLANG, SOURCE_FRAME

MAX_CHARS = 4000  # longer input is cut here: a real question fits, and the cost stays bounded

_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w{1,32}:\d+|t:\d+(?::\w)?|/[\w -]+:\d+)>|@(?:everyone|here)\b")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
# A terminal's escape sequences, pasted along with a question (a colour code, a window title): "\x1b[31m"
# would otherwise leave "31m" behind as a word.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# "who're", "she'll", "we'll": the contraction's verb is a word of its own, or the two would run together into
# another word ("whore", "shell", "well"). "n't" and "'s" are left to the word lists and the stemmer.
_CONTRACTION = re.compile(r"(?<=[^\W\d_])['’‘ʼ`´](re|ve|ll|d|m)\b")
_CONTRACTED = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
_APOSTROPHE = re.compile(r"(?<=\w)['’‘ʼ`´](?=\w)|(?<=s)['’](?!\w)")
# "July 8th", "the 24th": the day of a date, as the article writes it ("July 8"); "1st" to "3rd" stay
# "first" to "third" (``NUMBER_WORDS``), the ordinals people mean by them most.
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_NON_WORD = re.compile(r"[\W_]+")


def _filler_pattern() -> re.Pattern[str]:
    phrases = sorted(FILLER_PHRASES, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join([*(re.escape(p) for p in phrases), SOURCE_FRAME]) + r")\b")


_FILLER = _filler_pattern()
_HOW_MANY = re.compile(r"\b(?:how many|how much|number of|amount of|count of|total of|how many of)\b")


def strip_markup(text: str) -> str:
    """The text without Discord mentions (``@everyone`` included), custom emoji and links: none is a word."""
    return _URL.sub(" ", _DISCORD_MARKUP.sub(" ", text))


def clean(text: str) -> str:
    """Lowercase plain words separated by single spaces; everything else is gone."""
    text = unicodedata.normalize("NFKC", _TERMINAL_ESCAPE.sub(" ", text[:MAX_CHARS])).casefold()
    text = _DISCORD_MARKUP.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTRACTION.sub(lambda found: " " + _CONTRACTED[found.group(1)], text)
    text = _APOSTROPHE.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


_SENTENCE_END = re.compile(r"(?<=[.!?;:\n])\s+|\n+|\s+-{1,2}\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a message, for questions buried in a longer one ("ok so... anyway, who ...?")."""
    parts = [part.strip() for part in _SENTENCE_END.split(text[:MAX_CHARS])]
    return [part for part in parts if len(part.split()) >= 2]


def spelled(text: str, correct: Callable[[str], str] | None = None) -> list[str]:
    """Cleaned words with chat spellings expanded and, given ``correct``, typos fixed: nothing dropped or joined."""
    tokens = [SLANG.get(token, token) for token in clean(text).split()]
    return tokens if correct is None else [correct(token) for token in tokens]


def words(text: str, correct: Callable[[str], str] | None = None) -> list[str]:
    """Cleaned words with chat spellings expanded and filler phrases removed.

    ``correct`` fixes each word's typos first, so that a misspelt phrase ("how mny") is still the phrase.
    """
    tokens = spelled(text, correct)
    tokens = [token if token in NUMBER_WORDS else _ORDINAL.sub(r"\1", token) for token in tokens]
    tokens = [NUMBER_WORDS.get(token, token) for token in tokens]
    joined = _FILLER.sub(" ", " ".join(tokens))
    joined = _HOW_MANY.sub("howmany", joined)
    return joined.split()


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Snowball's English stem (Porter2), so "celebrating", "celebrated" and "celebration" meet.

    Only alphabetic words: "24" or "covid19" stay as typed.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)

"""Details a question asks for that an entry must hold to answer it, though the rest of its words match.

A near-miss shares most of an answer's words and asks one thing more: what will come of it ("how long will the
fair go on?" against "the fair opened in May"), how many of a thing the entry never speaks of ("how many
customers does the bakery have?" against "the bakery employs 12 people"). An entry that shares the words but
can't hold the detail is not the answer; the matcher offers suggestions instead. Each function here reads one such
detail from the question's words alone; ``scoring`` checks it against the entry. Plain English, so it holds for any
article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.matching.answer_types import asked_types
from bot.core.matching.normalize import clean, words

# "will you tell me ...", "would you explain ...", "can u say ...": a request to the reader, not a question about what
# is to come. What follows is the question.
_REQUEST = re.compile(r"^(?:(?:so|ok|okay|hey|and|but|please)\s+)*(?:will|would|could|can|wil|wud|cud|can)\s+"
                      r"(?:you|u|ya|ye)\s+(?:please\s+|pls\s+|kindly\s+|just\s+)*"
                      r"(?:tell|say|explain|show|remind|let|help|check|confirm|clarify|answer)\b")


def asks_what_will_be(question: str, correct: Callable[[str], str] | None = None) -> bool:
    """Whether the question asks what is to come ("will the fair go on next year?", "how long will it last?", "are
    they gonna close?"), as ``asked_types`` reads it, past a request to the reader ("will you tell me who won?" asks
    who won)."""
    plain = clean(question)
    request = _REQUEST.match(plain)
    if request is not None:
        plain = plain[request.end():]
    return "future" in asked_types(plain, correct)


# "in 2024", "back in 1998": a year the question names, in its digits.
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def years_named(text: str) -> frozenset[str]:
    """The years a text names in digits ("is the bakery closing in 2030?" -> {"2030"})."""
    return frozenset(_YEAR.findall(text))


_COUNTING = frozenset({"howmany", "howmuch"})
_BEFORE_THE_THING = frozenset({"of", "the", "these", "those", "its", "their", "his", "her", "our", "your", "my"})


def counted_words(question: str, correct: Callable[[str], str] | None = None) -> list[str]:
    """The word naming what each "how many" or "how much" of the question counts ("how many customers does the bakery
    have, like how many of the people come daily?" -> ["customers", "people"]), past "of the"."""
    found = words(question, correct)
    counted: list[str] = []
    for at, word in enumerate(found):
        if word not in _COUNTING:
            continue
        rest = found[at + 1:]
        while rest and rest[0] in _BEFORE_THE_THING:
            rest = rest[1:]
        if rest:
            counted.append(rest[0])
    return counted

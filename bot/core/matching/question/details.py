"""Details a question asks for that an entry must hold to answer it, though the rest of its words match.

A near-miss shares most of an answer's words and asks one thing more: what will come of it ("how long will the
fair go on?" against "the fair opened in May"), a year the story never speaks of ("is it closing in 2030?"), how many
of a thing the entry never speaks of ("how many customers does the bakery have?" against "the bakery employs 12
people"), how many in each period ("how many loaves a day?"), how things pair up ("which baker made which loaf?"),
which of two answers it offers ("at a briefing or on the radio?"), or whether a deed followed an event ("did they take
the sign down after the prize?"). An entry that shares the words but can't hold the detail is not the answer; the
matcher offers suggestions instead. Each function here reads one such detail from the question's words alone, or
what a text holds; ``matcher`` checks it against the entry (``Matcher._unless_the_text_lacks_it``). Plain English, so
it holds for any article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.matching.question.answer_types import asked_types
from bot.core.matching.words.lexicon import STOPWORDS
from bot.core.matching.words.normalize import clean, words

_CLAUSE_END = re.compile(r"[?!.;:,]+")  # a question's clauses: its sentences and the parts commas set off

# "will you tell me ...", "would you explain ...", "can u say ...": a request to the reader, not a question about what
# is to come. What follows is the question.
_REQUEST = re.compile(r"^(?:(?:so|ok|okay|hey|and|but|please)\s+)*(?:will|would|could|can|wil|wud|cud|cn)\s+"
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


# "which baker made which loaf", "who sells in which shop": a second "which" after a verb (one of the commonest, or
# one ending in "-ing" or "-ed") or a preposition asks how the things of the first pair up with others, one by one.
# After a noun it starts a relative clause ("the loaves which they sold"), after "and" or "or" a second question
# ("who won, and in which year?").
_PAIRING_BEFORE = frozenset({"in", "on", "at", "to", "from", "with", "for", "into", "onto", "by", "under", "behind",
                             "held", "had", "has", "have", "got", "took", "made", "did", "does", "do", "said", "says",
                             "sent", "won", "gave", "used", "owns", "owned", "runs", "ran"})
_PAIRED_FIRST = frozenset({"who", "which", "what"})


def asked_pairing(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """What the first wh-word of a question asking how things pair up asks about ("which baker made which loaf?" ->
    "baker", "who works in which shop?" -> "who"), or None: no second "which" after a verb or preposition in the
    same sentence."""
    for clause in _CLAUSE_END.split(question):
        found = words(clause, correct)
        first = next((at for at, word in enumerate(found) if word in _PAIRED_FIRST), None)
        if first is None:
            continue
        for at in range(first + 2, len(found)):
            before = found[at - 1]
            if found[at] != "which" or "and" in found[at - 2:at] or "or" in found[at - 2:at]:
                continue
            if before in _PAIRING_BEFORE or (before.endswith(("ing", "ed")) and len(before) > 4):
                if found[first] == "who":
                    return "who"
                thing = next((word for word in found[first + 1:at] if word not in STOPWORDS), None)
                return thing
    return None


# "did I read that wrong, or is that what it says?", "..., or is it a different number?": alternatives about the
# asker's reading, or an open "something else", put a statement up for checking; they offer no two answers.
_CHECKING_SIDE = frozenset({"i", "im", "me", "my", "different", "else", "other", "wrong"})


def offers_answers(question: str) -> bool:
    """Whether the alternatives a question offers ("was it at a briefing or on the radio?") are answers to choose
    between: not when either side speaks of the asker ("or am I imagining it?") or of something else ("or is it a
    different number?")."""
    return not _CHECKING_SIDE & set(clean(question).split())


_PERIOD = r"(?:year|month|week|day|hour|minute|decade|season|night|morning)s?"
# "how many loaves do they bake each day?", "how much per week?": a count in each period of time, a rate.
_ASKS_RATE = re.compile(rf"\bhow(?:many| many|much| much)\b.*\b(?:each|every|per|a|an) {_PERIOD}\b(?! ago\b)")
# "12 loaves a day", "every morning", "per week", "yearly": a text that gives a count in each period.
_HOLDS_RATE = re.compile(rf"\b(?:each|every|per|a|an) {_PERIOD}\b|\b(?:annual|daily|weekly|monthly|yearly|hourly|"
                         r"nightly)\w*\b|\ba (?:year|month|week|day)\b")


def asks_a_rate(question: str, correct: Callable[[str], str] | None = None) -> bool:
    """Whether the question asks how many there are in each period of time ("how many loaves do they bake each
    day?", "how much do they sell per week?"): a rate, not a count."""
    return bool(_ASKS_RATE.search(" ".join(words(question, correct))))


def gives_a_rate(text: str) -> bool:
    """Whether the text gives a count in each period of time ("they bake 200 loaves a day", "every morning",
    "annually")."""
    return bool(_HOLDS_RATE.search(clean(text)))


_DEED_PARTICLES = frozenset({"off", "up", "out", "down", "back", "away"})
_HELPERS = frozenset({"did", "does", "do", "is", "was", "are", "were", "has", "have", "had"})
_LEADING = frozenset({"so", "but", "and", "ok", "okay", "then", "also"})
# "did they take the photos down after the complaint?": a yes/no question whether a deed followed an event. Not "before
# or after", which asks the order of two things the text may both name.
_AFTER = re.compile(r"\b(?:after|following|once)\b")
_ORDER_ASKED = re.compile(r"\b(?:before or after|after or before)\b|\bbefore\b.*\bor after\b")


def particles_of_a_deed_after(question: str, correct: Callable[[str], str] | None = None) -> list[str]:
    """The particles of the phrasal verb a yes/no question asks happened after an event ("did they take the photos
    down after the complaint?" -> ["down"]; "were the flags put away after the party?" -> ["away"]): "take down" is a
    deed of its own, which a text that only says "took" and "the photos" never reports. [] when the question asks no
    such thing."""
    found = words(question, correct)
    while found and found[0] in _LEADING:
        found = found[1:]
    if not found or found[0] not in _HELPERS:
        return []
    said = " ".join(found)
    after = _AFTER.search(said)
    if after is None or _ORDER_ASKED.search(said):
        return []
    before = said[:after.start()].split()
    return [word for word in before[2:] if word in _DEED_PARTICLES]


# "they pledged to continue", "they are still working together": a text saying a thing goes on answers whether it was
# given up ("did they pull out after the war began?"), with a no.
_GOES_ON = re.compile(r"\b(?:continu\w*|still|remain\w*|keeps?|kept|carr(?:y|ies|ied) on|goes on|went on)\b")


def says_it_goes_on(text: str) -> bool:
    """Whether the text says a thing goes on ("pledged to continue the partnership", "are still working together")."""
    return bool(_GOES_ON.search(clean(text)))

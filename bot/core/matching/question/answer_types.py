"""What kind of answer a question wants, and whether an entry's text can hold one.

A question-answering reader checks that the answer's type fits the question: "how many" wants a
number, "what year" a year, "when" a date, "how long" a time span (said as a date is: "since 1998",
"for two years"). An entry that shares the question's words but holds no
answer of that type ("since what year have they worked together?" against "they pledged to
continue the partnership") is not an answer, however well the words match. A "why" wants a
reason, and English marks one ("because", "for political purposes", "in response to", "after"):
"why did France back them?" against "recognised by France and Spain" says who, not why. What a thing is for
("what is the bakery even for?", "what do they say the bakery is for?") asks its purpose, a reason too, which
a text states as one ("for ... purposes", "its function", "meant to", "in order to"). What
will happen wants a text that speaks of what is to come ("will", "plans", "pledged to continue"),
and what ever happened one that speaks of the past ("always", "since", "before"). What would happen if
something were so wants a text that speaks of a condition ("if", "unless", "would", "without"): "what happens to
the shop if the baker retires?" against "they pledged to continue" says what was promised, not what follows from
a case nobody wrote about. What happened after the report ("after this story", "since then", "did they leave
later?") wants a text that says so ("later", "afterwards"): a report can't tell what came after it otherwise.
A measure ("what is the station's orbital period", "how fast is it") wants a number: a text without one says
what the thing is, not how big. What was said in another language ("what did the post say in French?", a
word WordNet relates to a language) wants a text that gives those words: an English report's wording isn't them.
How long a thing has lasted ("how long has she worked there?", "since when is he in charge?") wants a text that gives a
span ("since 1998", "for two years", "it lasted 3 days"): a date says when one thing happened, not how long another
went on ("posted on Monday" doesn't say how long the photos were up). What a name means or where it comes from
("what does the name Springfield mean?") wants a text that says so ("named after", "short for", "means"): saying
what the named thing is doesn't. What has come of something up to now ("what have they built so far?", "how many to
date?") wants a text that speaks of a running total ("so far", "already", "in all"): what a thing is for says what is
meant to come of it, not what has. Whether a thing is still so now ("is she still at the bakery today?") wants a text
that speaks of the present ("now", "currently"): "they are still baking" says it lasted until the report, not until
the asker's today.
Why someone chose or wanted to do a thing ("why did the baker decide to close?") asks their motive, which a text
states as one ("because", "in order to", "wanted", "for ... purposes"): what came before the act ("after the
fire") says when, not what they meant by it. An example asked ("can you name one prize they won?") wants a text that
gives one ("such as", "including", names listed): a text saying what the thing is for names none. How many of
each kind ("how many of each nationality are aboard?") wants a count per kind, so a text with two different numbers
at least: "15 countries take part" says how many kinds there are, not how many of each.
Whether a thing holds only for one ("space only?", "is it run by one town only?") wants a text that speaks of how
many it holds for ("only", "both", "jointly", "shared", a number): "they celebrated in the square" says where, not
that it was nowhere else.
Where the report itself comes from ("is this story from the capital?", "where was it filed?") wants a text about the
report ("datelined", "filed", "reported"): a text that names the place says what happened there, not where the
report was written.
Plain English, so it holds for any article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from bot.core.matching.words.lexicon import NUMBER_NAMES, STOPWORDS, english_rank
from bot.core.matching.words.normalize import clean, spelled, stem, words
from bot.core.matching.words.related import related

_NUMBER_WORDS = "|".join((*NUMBER_NAMES, "several", "both", "single", "few", "many", "half"))
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
# "what did they post in french", "what's it short for in german?": a word after "in" that ends its phrase (not "in
# french custody", where the word describes a noun) and that WordNet relates to a language ("french_language").
_IN_A_WORD = re.compile(r"\bin (?:the )?(?:original )?([a-z]+)\b"
                        r"(?!\s+(?!(?:or|and|too|as|please|though|then|either)\b)\w)")


def _in_a_language(text: str) -> bool:
    return any(target.endswith("languag") for word in _IN_A_WORD.findall(text) for relations in related(stem(word))
               for target in relations)


# "where is the story from", "where are the photos from": where a thing comes from, not a person's country.
_NOT_PEOPLE = (r"(?:(?:this|the|that|these|those|its|their) )?(?:story|article|report|piece|news|text|photos?|"
               r"pictures?|images?|quotes?|statement|words?|line|sentence|info\w*|source|data|it|that|this)\b")
_MEASURES = (r"period|size|weight|speed|velocity|height|altitude|distance|duration|length|width|depth|diameter|"
             r"mass|volume|capacity|temperature|cost|price|budget|age")
_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)"
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"

ASKS: dict[str, re.Pattern[str]] = {
    "count": re.compile(r"\bhow (?:many|much)\b|\bnumber of\b"),
    "year": re.compile(r"\b(?:what|which|whcih|wat) year\b|\byear (?:did|was|were|is)\b|\bsince when\b"),
    "weekday": re.compile(r"\b(?:what|which|wat) (?:day of the week|weekday)\b|\bweekday\b"),
    "date": re.compile(r"^(?:so )?when\b|\bwhen (?:did|was|is|were|will|does|do|had|has)\b|\bhow long\b|"
                       r"\b(?:what|which|whcih|wat) (?:date|day|weekday|month|year)\b"),
    "reason": re.compile(r"\bwhy\b|\bfor what reason\b|\bhow come\b|\bwhat (?:made|caused|prompted|triggered)\b|"
                         r"^(?:so )?what(?: is| are| was| were|s)? (?:the|a|an|this|that|these|those|it)\b"
                         r"(?: \w+){0,3} for\W*$|"
                         r"^(?:so )?what (?:do|does|did) (?:\w+ ){1,3}?(?:say|said|think|claim|reckon) "
                         r"(?:the|a|an|this|that|these|those|it)\b(?: \w+){0,3} (?:is|are|was|were)(?: \w+)? for\W*$"),
    "future": re.compile(r"\b(?:will|gonna|going to|in the future|from now on|"
                         r"next (?:year|month|week|time|mission|crew)|what happens (?:if|when|to|next)|"
                         r"plan(?:s|ning)? to)\b"),
    "history": re.compile(r"\b(?:ever|in the past|historically|has (?:this|it) happened before|before this|"
                          r"first time)\b"),
    "condition": re.compile(r"\bwhat (?:happens|would happen|will happen|happen)\b(?: \w+){0,3} (?:if|without)\b|"
                            r"\bwhat if\b"),
    "later": re.compile(r"\bafter (?:this|the) (?:story|article|report|news)\b|\bsince then\b|"
                            r"^(?:so )?(?:did|has|have|had)\b.* later$"),
    "motive": re.compile(r"\bwhy (?:did|do|does|would|had|have|has|was|were|is|are) (?:[\w']+ ){1,4}?"
                         r"(?:choose|chose|chosen|decide|decided|want|wanted|opt|opted|agree|agreed|try|tried|"
                         r"bother|bothered|dare|refuse|refused|insist|insisted)\b"),
    "example": re.compile(r"(?<!the )(?<!its )(?<!his )(?<!her )(?<!their )(?<!a )"
                          r"\bname (?:just |even )?(?:one|an?|some|any|a few|two|three)\b|"
                          r"\b(?:an|one|some) examples?\b|\bfor (?:example|instance)\?"),
    "span": re.compile(r"\bhow long\b(?! ago\b)|\bsince (?:when|what|which)\b"),
    "origin": re.compile(r"\bwhat (?:does|did|do) (?:the |its |their )?(?:[\w']+ )?names? (?:[\w']+ ){0,3}?mean\b|"
                         r"\bmeaning of (?:the |its |their )?names?\b|"
                         r"\bwhere (?:does|did|do) (?:the |its |their )?names? (?:[\w']+ ){0,3}?come from\b|"
                         r"\bwhy is (?:it|she|he|the \w+) (?:called|named)\b|\bnamed after (?:what|who|whom)\b"),
    "tally": re.compile(r"\bso far\b(?! (?:away|from)\b)|\bto date\b|\b(?:until|up to|up till|till) now\b"),
    "present": re.compile(r"\bstill\b.*\b(?:now|today|nowadays|these days|at the moment)\b|"
                          r"\b(?:now|today|nowadays|these days)\b.*\bstill\b"),
    "measure": re.compile(rf"\bwhat(?: is| was| are| were|s)? (?:the |its |their )?(?:[\w']+ ){{0,3}}(?:{_MEASURES})\b|"
                          r"\bhow (?:big|large|fast|far|high|heavy|tall|wide|deep|old)\b"),
    "purpose": re.compile(r"^(?:so )?what(?: is| are| was| were|s)? (?:the|a|an|this|that|these|those|it)\b"
                          r"(?: \w+){0,3} for\W*$|"
                          r"^(?:so )?what (?:do|does|did) (?:\w+ ){1,3}?(?:say|said|think|claim|reckon) "
                          r"(?:the|a|an|this|that|these|those|it)\b(?: \w+){0,3} (?:is|are|was|were)(?: \w+)? for\W*$|"
                          r"\bwhat(?: is| was|s) (?:the|its|their) (?:main |primary |real )?"
                          r"(?:purpose|point|function)\b"),
    "exclusive": re.compile(r"\b(?:only|solely|exclusively|alone)\W*$|"
                            r"^(?:is|was|are|were|did|does|do|has|have)\b.*\b(?:only|solely|exclusively)\b"),
    "provenance": re.compile(r"\b(?:is|was) (?:this|the) (?:story|article|report|piece|news|text) (?:from|out of)\b|"
                             r"\bwhere (?:is|was) (?:this|the) (?:story|article|report|piece|news|text) from\b|"
                             r"\bwhere (?:was|is) (?:this|it|the \w+) (?:filed|written|datelined)\b"),
    "homeland": re.compile(rf"\bwhere (?:is|are|was|were|s) (?!{_NOT_PEOPLE})(?:[\w']+ ){{1,4}}?"
                           r"(?:from|originally from)\b|\bnationalit(?:y|ies)\b|"
                           r"\b(?:what|which) (?:country|countries|nation|nations) (?:is|are|was|were|do|does|did) "
                           r"(?:[\w']+ ){1,4}?(?:from|come from)\b"),
    "breakdown": re.compile(r"\bhow (?:many|much) (?:\w+ ){0,2}(?:of|from|in|for|per) (?:each|every)\b|"
                            r"\bhow (?:many|much) (?:\w+ )?(?:each|apiece|per)\b|\bbreak ?down\b|\bbroken down\b"),
}

# Only the index build reads an entry's text for these: a cached engine needn't compile them (``_holds``).
HOLDS: dict[str, str] = {
    "count": rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS})\b",
    "year": r"\b(?:1[5-9]|20)\d\d\b|\b(?:this|last|next|that) year\b|\bearlier this year\b",
    "weekday": rf"\b(?:{_WEEKDAYS})\b",
    "date": rf"\b(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}|year|years|month|week|ago|since|before|after|"
            r"earlier|later|then|now|currently|during|while|beginning|start|end)\b",
    "reason": r"\b(?:because|since|due to|reasons?|purposes?|caus\w*|in response|amid|after|over|"
              r"for (?:\w+ )?(?:purposes?|reasons?)|in order to|so that|so as to|as a result|"
              r"(?:which|that) is why|then)\b",
    "future": r"\b(?:will|would|plan\w*|pledg\w*|continu\w*|future|next|going to|expect\w*|hope\w*|"
              r"intend\w*|soon|later|monitor\w*|promis\w*|commit\w*)\b",
    "history": r"\b(?:ever|always|never|history|historically|since|first|before|previous\w*|past|earlier|"
               r"again|long|years?)\b",
    "condition": r"\b(?:if|unless|would|could|otherwise|in case|without|depend\w*)\b",
    "later": r"\b(?:since then|afterwards|subsequently|later)\b",
    "motive": r"\b(?:because|in order to|so that|so as to|wanted|wants|wishe[sd]|intend\w*|intention\w*|aim\w*|"
              r"motiv\w*|purposes?|reasons?|meant to|hoped|hoping)\b",
    "example": r"\b(?:such as|including|includ\w*|for example|for instance|like|among (?:them|others)|e\.g\.)\b",
    "span": rf"\b(?:since|until|till|throughout|ago|long|lasted|lasting|began|begun|beginning|start(?:ed|ing)?|"
            r"opened|founded|established|joined|launched|created|"
            rf"for (?:\d+|{_NUMBER_WORDS}|a|an|the past|the last) (?:\w+ )?{_UNITS}|\d+ {_UNITS})\b",
    "origin": r"\b(?:means?|meaning|stands? for|short for|named (?:after|for)|comes? from|derived|abbreviat\w*|"
              r"acronym|literally)\b",
    "tally": r"\b(?:so far|to date|until now|up to now|already|yet|since|in total|in all|altogether|tally|toll)\b",
    "present": r"\b(?:now|currently|today|at present|presently|these days|nowadays|at the moment|anymore|any more)\b",
    "measure": rf"\d|\b(?:{'|'.join(NUMBER_NAMES)}|hundreds?|thousands?|millions?|billions?|dozens?)\b",
    "purpose": r"\b(?:purposes?|functions?|meant to|in order to|so that|so as to|designed to|used (?:for|to)|aims?|"
               r"aimed|goals?|intended|serves?|mission|job|role|built to|there to)\b",
    "exclusive": r"\b(?:only|both|jointly|together|alone|solely|exclusively|also|as well|shar\w*|among|either|"
                 r"neither|nor|all|each|several|many|\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    "provenance": r"\b(?:datelined?|filed|wrote|written|reported|published|dispatch\w*|correspondent)\b",
    "breakdown": rf"\b(\d+|{'|'.join(NUMBER_NAMES)})\b.*\b(?!\1\b)(?:\d+|{'|'.join(NUMBER_NAMES)})\b",
}


# Every kind of answer a question may ask: the patterns' and a language asked ("in french").
KINDS = frozenset((*ASKS, *HOLDS, "language"))


@cache
def _holds() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile(pattern) for kind, pattern in HOLDS.items()}


# "Why is France in the article?" asks what part a thing plays in the story, which the entry's text is, not a cause.
_ROLE = re.compile(r"\bmention\w*|\b(?:in|into) (?:the|this) (?:article|story|text|report|news)\b|\bcomes? (?:up|in)\b")


_ADDITION = re.compile(r"\b(?:also|too|as well)\b")


def asks_addition(question: str) -> bool:
    """ "Did the school also win?", "the baker's son too?": whether a fact holds for one more."""
    return bool(_ADDITION.search(clean(question)))


# "did they also bake a rye loaf?": after "also", a verb of up to three words, then the thing added with its determiner.
_ADDED = re.compile(r"\balso (?:[a-z]+ ){1,3}?(?:a|an|the|any|another|some) ((?:[a-z]+ ?){1,3})")


def added_thing(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The words of the thing an "also" question asks the fact holds for besides ("did they also bake a rye loaf in
    the morning?" -> "rye loaf"): the object of the verb after "also", up to a preposition; None when there is none
    named with a determiner."""
    found = _ADDED.search(" ".join(words(question, correct)))
    if found is None:
        return None
    kept: list[str] = []
    for word in found.group(1).split():
        if word in STOPWORDS:
            break
        kept.append(word)
    return " ".join(kept) or None


def asked_types(question: str, correct: Callable[[str], str] | None = None) -> frozenset[str]:
    """The kinds of answer the question wants, read from its words as typed and as spelt out, with typos fixed
    by ``correct`` if given: "wen did it open" and "hw mny were there" ask what "when" and "how many" ask. The
    words as typed still count: a chat spelling says what it says ("gonna" is "going to", not "going")."""
    readings = {clean(question), " ".join(spelled(question, correct))}
    kinds = {kind for kind, pattern in ASKS.items() for text in readings if pattern.search(text)}
    if any(_in_a_language(text) for text in readings):
        kinds.add("language")
    if "reason" in kinds and any(_ROLE.search(text) for text in readings):
        kinds.discard("reason")
    return frozenset(kinds)


# Names listed with "and" answer "how many" too: "backed by France and Spain" is two.
_LISTED_NAMES = re.compile(r"\b[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*,? and (?:the )?[A-Z]")


def held_types(text: str) -> frozenset[str]:
    lowered = text.casefold()
    held = {kind for kind, pattern in _holds().items() if pattern.search(lowered)}
    if _in_a_language(lowered):
        held.add("language")
    if _LISTED_NAMES.search(text):
        held |= {"count", "example"}
    if _names_a_homeland(text):
        held.add("homeland")
    return frozenset(held)


# "Kenyan", "Canadians", "Norwegian", "Chinese", "British", "Pakistani": a capitalised word shaped like a people's.
_PEOPLES_WORD = re.compile(r"\b[A-Z][a-z]+(?:ians?|ans?|eses?|ish|is)\b")
_HOMELAND_WORDS = re.compile(r"\b(?:nationalit(?:y|ies)|citizens?|citizenship|natives?|born in)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _names_a_homeland(text: str) -> bool:
    """Whether a text can say where someone is from: it names a people or a country (WordNet's country names), or
    speaks of a nationality. "Where is the official from?" against "the agency's associate administrator" says what
    she does, not where she comes from."""
    from bot.core.matching.wording import name_kind  # the kinds table is read only by an index build that gets here

    return bool(_PEOPLES_WORD.search(text) or _HOMELAND_WORDS.search(text.casefold())
                or any(name_kind(word) == "country" for word in _CAPITALISED.findall(text)))


# What a question's wh-word asks about: "how many PHOTOS", "which CITY", "who TOOK", "what is the NAME of".
_WH_CLASS = {"howmany": "count", "what": "what", "which": "what", "whose": "what", "who": "who"}
_CLAUSE_END = re.compile(r"[?!.;:]+")
_BE = frozenset({"is", "was", "are", "were"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "of"})
_KIND = frozenset({"kind", "kinds", "sort", "sorts", "type", "types"})
# "the LAST line", "the first photo": a word for a place in a row says which one, not what kind of thing is asked.
_PLACES_IN_A_ROW = frozenset({"first", "second", "third", "fourth", "fifth", "last", "final", "next", "previous",
                              "latest", "earliest", "opening", "closing"})
# "the FULL name", "the exact wording": a word saying the answer is wanted whole or precise, not what is asked about.
_WHOLE = frozenset({"full", "whole", "complete", "entire", "exact", "precise", "official", "proper"})


def asked_head(question: str, correct: Callable[[str], str] | None = None) -> tuple[str, str] | None:
    """The wh-word's kind ("count", "what", "who") and the words from the one it asks about on, within the
    clause: "how many photos were posted" -> ("count", "photos were posted"), "which city fell" -> ("what",
    "city fell"), "who took the photos" -> ("who", "took the photos"), "what is the name of the town" ->
    ("what", "name of the town"). None when the wh-word is followed by a verb's helper ("what did she say",
    "who is she"): then it asks about no thing it names."""
    for clause in _CLAUSE_END.split(question):
        found = words(clause, correct)
        for at, word in enumerate(found):
            kind = _WH_CLASS.get(word)
            if kind is None:
                continue
            rest = _past_adverbs(found[at + 1:])
            if kind == "what":
                while rest and rest[0] in _BE:
                    rest = rest[1:]
            while rest and (rest[0] in _DETERMINERS or rest[0] in _PLACES_IN_A_ROW or rest[0] in _WHOLE
                            or (rest[0] in _KIND and rest[1:2] == ["of"])):
                rest = rest[1:]
            if kind == "what" and _counts_next(rest):  # "what number of photos", "what's the total number of crew"
                kind, rest = "count", rest[rest.index("howmany") + 1:]
            if not rest or rest[0] in STOPWORDS:
                return None
            return kind, " ".join(rest)
    return None


_WH_KIND = {**_WH_CLASS, "howmuch": "count", "when": "when", "where": "where", "why": "why"}


def wh_kind(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The kind of the question's first wh-word ("count", "what", "who"), whatever follows it: "who are the
    astronauts" asks who as "who took the photos" does, though ``asked_head`` finds no thing it names."""
    found = words(question, correct)
    at = next((at for at, word in enumerate(found) if word in _WH_KIND), None)
    if at is None:
        return None
    if _WH_CLASS.get(found[at]) == "what" and _counts_next(found[at + 1:]):
        return "count"  # "what number of photos", "what is the total number of crew"
    return _WH_KIND[found[at]]


def _counts_next(rest: list[str]) -> bool:
    """Whether the words after "what" or "which" ask for a count: "what (is the total) number of ..."."""
    while rest and (rest[0] in _BE or rest[0] in _DETERMINERS or rest[0] in _WHOLE or rest[0] == "total"):
        rest = rest[1:]
    return rest[:1] == ["howmany"]


# "who actually took the photos", "which city exactly fell": a word that only stresses the question, after its wh-word.
_STRESSING = frozenset({"actually", "really", "exactly", "precisely", "originally", "ever", "even", "truly"})


def _past_adverbs(rest: list[str]) -> list[str]:
    """The words from the first that does not only stress the question on ("actually took the photos" -> "took the
    photos"): "who actually took them" asks what "who took them" asks."""
    while len(rest) > 1 and rest[0] in _STRESSING and rest[1] not in STOPWORDS:
        rest = rest[1:]
    return rest


_COMMON_BASE = 10_000  # an "-ly" word whose base is commoner than this is that word's adverb ("jointly": "joint")
_MIN_BASE = 4          # "apply", "reply": a shorter base is no adjective the word is made of


def _past_manner(rest: list[str]) -> list[str]:
    """``_past_adverbs``, and past an adverb of manner or time too ("jointly runs it" -> "runs it"): "who jointly runs
    the station" asks who runs it; the adverb is no verb, nor the thing done to."""
    while len(rest) > 1 and rest[1] not in STOPWORDS and (rest[0] in _STRESSING or _an_adverb(rest[0])):
        rest = rest[1:]
    return rest


def _an_adverb(word: str) -> bool:
    base = word[:-2]
    rank = english_rank(base) if word.endswith("ly") and len(base) >= _MIN_BASE else None
    return rank is not None and rank < _COMMON_BASE


def asked_phrase(question: str, correct: Callable[[str], str] | None = None) -> tuple[str, str] | None:
    """``asked_head`` cut at its first everyday word: the words that name the thing asked about, its describing
    words with it ("what was the political stunt" -> ("what", "political stunt"), "what is the baker's job" ->
    ("what", "bakers job"), "how many photos were posted" -> ("count", "photos"), "who took them" -> ("who",
    "took")). A question asks about a thing it names there, not only by the first word: "what stunt" is what
    "what was the political stunt" asks about."""
    head = asked_head(question, correct)
    if head is None:
        return None
    named = head[1].split()
    end = next((at for at, word in enumerate(named) if word in STOPWORDS), len(named))
    return head[0], " ".join(named[:end])


# "did the staff say anything", "has the mayor commented", "any words from the staff", "the phrase the staff used":
# who is asked to have spoken.
# What someone thinks or feels ("what does the mayor think of it"), claims or means ("did they mean in town too?") only
# their words could say: it asks them too.
_SPEAKER = re.compile(r"\b(?:did|does|do|has|have|had|will|would) ((?:\w+ ){1,6}?)"
                      r"(?:say|said|tell|told|give (?:a |any )?quotes?|comment\w*|react\w*|respond\w*|repl\w*|"
                      r"speak|spoken|think|feel|claim|claimed|mean|meant|"
                      # "what did the mayor call it", "how did she describe the fair": a name or words someone gave it
                      r"call(?= (?:it|this|that|them|these|those|the|its|their|his|her)\b)|describe)\b|"
                      r"\b(?:words?|quotes?|comments?|statement) (?:from|by) ((?:\w+ ?){1,4})|"
                      r"\b(?:phrase|phrasing|wording|words?|expression|term) (?:that |which )?(?:(?:did|does|do) )?"
                      r"(?!(?:is|was|are|were|be|been|being|it|did|does|do)\b)((?:\w+ ){1,4}?)"
                      r"(?:used|use|uses|chose|picked)\b|"
                      # "tell me what the staff said", "I wonder how the mayor feels": the question asked within another
                      # (not "what the flags meant": what words or things mean is no one's words; not "what time she
                      # said": "what time" asks when)
                      r"\b(?:what|how) (?!(?:is|was|are|were|be|been|being|has|have|had|do|does|did|it|else|time|day|"
                      r"date|year|month|words?|phrase|number|way|kind|sort|type)\b)"
                      r"(?!(?:the |this |that )?(?:article|story|text|report|piece|news|post|paper|headline|dateline|"
                      r"line|paragraph|sentence|quote|title|caption)\b)"
                      r"((?:\w+ ){1,4}?)(?:said|says|told|tells|thinks?|thought|feels?|felt|claimed|claims|"
                      r"responded|replied|commented|reacted)\b")


def speaker(question: str) -> str | None:
    """The words naming whoever the question asks said something, or None when it asks no one's words ("what
    phrase did the mayor use" and "the words the mayor used" ask the mayor's)."""
    read = clean(question)
    found = _SPEAKER.search(read)
    if found is None:
        return None
    said_by = next(group for group in found.groups() if group).strip()
    if (found.group(0).startswith(("does ", "do ")) and read[:found.end()].endswith(" mean")
            and said_by not in _PERSONS_WORDS and said_by.split()[0] not in _DETERMINERS
            and _A_WORDS_MEANING.search(question.casefold())):
        # "what does rye bread mean here?": what the words mean, not what someone meant by them ("what did the mayor
        # mean?", "what does she mean?")
        return None
    return said_by


# "... mean?", "... mean here, ...", "... mean in this context": nothing after "mean" says what was meant by what.
_A_WORDS_MEANING = re.compile(r"\b(?:mean|meant)(?:\s+(?:here|there|exactly|in this context|"
                              r"in the (?:article|story|text)))?\s*(?:[,;:?!.]|$)")
# Who may mean something by their words: a person, or people, spoken of by a pronoun; a subject after a determiner
# ("the mayor") may be someone too.
_PERSONS_WORDS = frozenset({"she", "he", "they", "you", "u", "i", "we", "it", "them", "people", "the author",
                            "the writer", "the reporter"})


# "they said it was a triumph", "the mayor called it 'a fine day'", "in a statement": a text that reports words.
_REPORTED = re.compile(r"[\"“”]|\b(?:said|says|say|saying|told|tells|called|calls|calling|describ\w*|statements?|"
                       r"stated|added|wrote|writes|reported|according to|quot\w*|words|remarks?|comment\w*|"
                       r"rebuk\w*|announc\w*|declar\w*|pledg\w*|promis\w*|vow\w*|agree[ds]?|insist\w*|denie[ds]|deny|"
                       r"claim\w*|accus\w*|urge[ds]?|warn\w*|threat\w*|asked|repl\w*|respond\w*|answer\w*|admit\w*|"
                       r"confirm\w*|explain\w*|argu\w*|condemn\w*|prais\w*|criticis\w*|criticiz\w*|slam\w*)\b")


def reports_words(text: str) -> bool:
    """Whether the text reports words: a quote, or a verb or noun of saying ("said", "called", "statement")."""
    return bool(_REPORTED.search(text.casefold()))


# "did she say anything": "she" or "he" stands for a person, whom a quote's speaker names with a given name and a
# surname ("Ann Lee"); "UNESCO", "the Red Cross" or "Acme (the agency)" are not.
_PERSONS_PRONOUNS = frozenset({"she", "he"})
_PERSONS_NAME = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}")


def asks_a_persons_words(said_by: str | None) -> bool:
    """Whether the speaker a question asks about (``speaker``) is only "she" or "he": some person's words."""
    return said_by in _PERSONS_PRONOUNS


def a_persons_name(name: str, kind: Callable[[str], str | None]) -> bool:
    """Whether a speaker's name reads as a person's: a given name and a surname, which ``kind`` (what WordNet knows
    the name as) doesn't call a country, city or organisation."""
    return bool(_PERSONS_NAME.fullmatch(name.strip())) and kind(name) in (None, "person")



def _mentions(found: list[str], thing: str) -> list[int]:
    """Where a text's words name the thing, in any of its forms ("bakers" for "baker")."""
    target = stem(thing)
    return [at for at, word in enumerate(found) if stem(word) == target]


def _past_determiners(rest: list[str]) -> list[str]:
    """The words from the first that is not a determiner on ("the three bakers" -> "three bakers")."""
    while rest and rest[0] in _DETERMINERS:
        rest = rest[1:]
    return rest

# "what kind of bread", "which town ... exactly": the question asks which one of a thing, a specification that only
# a text naming the thing with a word that sets it apart ("rye bread", "a town in the north") gives.
_WHICH_ONE = frozenset({"what", "which"})
_SPECIFIC = frozenset({"exactly", "specifically", "precisely", "particular", "specific"})
_SETS_APART = frozenset({"of", "for", "in", "on", "at", "with", "from", "against", "between", "about", "called",
                         "named"})


def asked_specification(question: str, correct: Callable[[str], str] | None = None) -> tuple[str, str] | None:
    """The thing whose kind the question asks and the words that ask it, from the wh-word to the end of its clause
    ("..., so what kind of bread do they bake" -> ("bread", "what kind of bread do they bake"), "which town did
    they pick exactly" -> ("town", ...)), or None: the wh-word must be followed by the thing (after
    "kind of") and the clause must ask for its kind ("kind of", "type of") or for it exactly ("exactly")."""
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at, word in enumerate(found[:-1]):
            if word not in _WHICH_ONE:
                continue
            rest, kind = found[at + 1:], False
            if rest[0] in _KIND and rest[1:2] == ["of"]:
                rest, kind = rest[2:], True
            rest = _past_determiners(rest)
            if rest and rest[0] not in STOPWORDS and (kind or _SPECIFIC & set(rest[1:])):
                return rest[0], " ".join(found[at:])
    return None


def _sets_apart(word: str, said: set[str]) -> bool:
    """Whether a word beside a thing can say which one it is: a word of meaning ("rye", "northern") that the question
    doesn't say, not an everyday word ("doing") nor a count ("12 people" says how many, not which)."""
    return word.isalpha() and word not in STOPWORDS and word not in NUMBER_NAMES and stem(word) not in said


def specifies(text: str, thing: str, question: str) -> bool:
    """Whether the text names the thing with a word that sets it apart and that the question (its words asking for
    the kind, ``asked_specification``) doesn't say: a describing word before it ("rye bread") or a phrase
    after it ("a town in the north"). True too when the text never names the thing: it may say it in other
    words ("what kind of shop is it?" against "a bakery")."""
    said = {stem(word) for word in words(question)}
    found = words(text)
    hits = _mentions(found, thing)
    for at in hits:
        after = [w for w in found[at + 1:at + 4] if w not in _DETERMINERS or w == "of"]
        if _sets_apart(found[at - 1] if at else "", said) or (
                len(after) >= 2 and after[0] in _SETS_APART and _sets_apart(after[1], said)):
            return True
    return not hits


# "which reporter wrote it", "wich official said that": the question asks who a person is, by a noun that only says
# what they are. Only a text that names a person ("Ann Lee", or a name the story quotes) can say who.
_PERSON_NOUNS = frozenset({"person", "guy", "man", "woman", "lady", "official", "officer", "reporter", "journalist",
                           "writer", "author", "spokesperson", "spokesman", "spokeswoman", "employee", "staffer",
                           "individual", "representative", "chief", "director", "administrator", "leader"})
_WHICH_PERSON = frozenset({"which", "what", "whose"})
_AMONG = frozenset({"on", "at", "from", "inside", "within"})  # "who at the council", "who on their side": a member
_LEADS = frozenset({"so", "but", "and", "then", "ok", "okay", "anyway"})


def asks_which_person(question: str, correct: Callable[[str], str] | None = None) -> bool:
    """Whether the question asks which person did something by a noun naming what they are, or as one of a group:
    "which reporter wrote it", "what city official said so", "who at the council said so", "who on their side".
    Not "what the official said" (a determiner: the person is the subject, not what is asked) nor "what were the
    staff doing"."""
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at, word in enumerate(found):
            if word == "who" and found[at + 1:at + 2] and found[at + 1] in _AMONG and (
                    at == 0 or found[at - 1] in _LEADS):  # the clause asks it, not "who invaded whom on ..."
                return True
            if word not in _WHICH_PERSON:
                continue
            rest = found[at + 1:at + 4]
            for noun in rest:
                if noun in _PERSON_NOUNS:
                    return True
                if noun in STOPWORDS or noun in _DETERMINERS or noun in _BE:
                    break
    return False


# "what is the guild?", "what's a scone": the whole question asks what a thing is
# ("what's" is read as "what": its "is" may be gone)
_WHAT_IS = re.compile(r"^(?:(?:so|ok|okay|and|but|hey|um)\s+)*what\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|an?)\s+)?"
                      r"([a-z]+)$")


def asked_what_is(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The word naming the thing a question asks what it is ("what is the guild?" -> "guild"), or None: the question
    says no more than "what is", maybe "the" or "a", and one word."""
    found = _WHAT_IS.match(" ".join(spelled(question, correct)))
    return found.group(1) if found and found.group(1) not in STOPWORDS else None


# "who was the european astronaut on board?": the question asks who someone is by what they are, which only a text
# naming them beside it ("its astronaut, Bo Li") says; "one European astronaut" says there is one.
_THE = frozenset({"the", "this", "that"})


def asked_who_is(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The word naming what the person is whom the question asks who they are ("who was the european astronaut on
    board" -> "astronaut", "who's the mayor's deputy" -> "deputy"), or None: "who", maybe "is" or "was", then "the"
    and the words naming them, to the first everyday word. Not "who is she", "who was on board", "who are they"."""
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at, word in enumerate(found):
            rest = found[at + 1:]
            if word != "who" or not rest:
                continue
            if rest[0] in _BE:
                rest = rest[1:]
            if not rest or rest[0] not in _THE:
                continue
            rest = _past_determiners(rest)
            end = next((n for n, word in enumerate(rest) if word in STOPWORDS), len(rest))
            if end:
                return rest[end - 1]
    return None


# "who took over her job", "was she the first woman to have that job": the question asks where someone stands in an
# order (who came next, whether first), which only a text that speaks of one says ("her predecessor", "the first").
_SUCCESSION = re.compile(r"\b(?:(?:take|takes|took|taken|taking) over|replac\w*|succeed\w*|successors?|predecessors?"
                         r"|(?:the|a) (?:first|last|only) (?!place\b)\w+ to|first ever)\b")  # not "in the first place"
_ORDER_WORDS = frozenset(stem(word) for word in (
    "first", "last", "only", "former", "formerly", "previous", "previously", "earlier", "later", "before", "after",
    "next", "successor", "predecessor", "replace", "succeed", "until", "since", "ago", "new", "ever", "record", "then",
    "over"))
# "what did she do before working at the bakery?": what came before or after a deed, which a text that never speaks
# of it can't say, whatever it says came before ("we've operated in these situations before").
# A light verb's deed is its complement's: "before going public" speaks of going public, "public" says which.
_BEFORE_DOING = re.compile(r"\b(?:before|after|since|until) (\w+ing)\b(?: (\w+))?")


def asked_order(question: str, correct: Callable[[str], str] | None = None) -> frozenset[str] | None:
    """The stems a text must use, one of them, to say the place in an order that the question asks about, or None:
    for who came next or whether one was first ("who took over her job", "was she the first woman to have it"),
    words of an order ("former", "first", "replaced"); for what came before or after a deed ("before working at
    the bakery"), the deed's own word ("work"), or its complement's after a light verb ("before going public":
    "public")."""
    read = " ".join(spelled(question, correct))
    doing = _BEFORE_DOING.search(read)
    if doing and doing.group(1) not in STOPWORDS:
        return frozenset({stem(doing.group(1))})
    if doing and doing.group(2) and doing.group(2) not in STOPWORDS:
        return frozenset({stem(doing.group(2))})
    return _ORDER_WORDS if _SUCCESSION.search(read) else None


def says_any(text: str, stems: frozenset[str]) -> bool:
    """Whether the text uses a word of one of these stems, an irregular form as its word's ("won" as "win": WordNet
    relates such a form to its word alone)."""
    return any(stem(word) in stems or _lemma(stem(word)) in stems for word in words(text))


def _lemma(term: str) -> str | None:
    """The one word WordNet closely relates a stem to, when it relates it to no other: "won" -> "win"."""
    close = related(term)[0]
    return close[0] if len(close) == 1 else None


# "which 15 countries are in it?", "who are the 3 people?": the question counts the things itself and asks which they
# are. A text that gives them only as that count ("15 participating countries") would say back what it was told.
_WHO_ARE = frozenset({"is", "are", "was", "were"})


def _a_count(word: str) -> bool:
    return word.isdigit() or word in NUMBER_NAMES


def counted_thing(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The thing a question counts and asks which ones are ("wich 15 countrys r in it" -> "countries", "who are the
    three bakers" -> "bakers"), or None: "which" or "what", or "who" with "are", then a number, then the thing."""
    for clause in _CLAUSE_END.split(question):
        found = words(clause, correct)
        for at, word in enumerate(found):
            rest = found[at + 1:]
            if word == "who" and rest[:1] and rest[0] in _WHO_ARE:
                rest = rest[1:]
            elif word not in ("which", "what"):
                continue
            rest = _past_determiners(rest)
            if len(rest) >= 2 and _a_count(rest[0]) and rest[1] not in STOPWORDS:
                return rest[1]
    return None


def only_counts(text: str, thing: str) -> bool:
    """Whether the text names the thing, and each time with a number just before it ("the 15 participating
    countries", "three bakers"): it says how many there are, not which."""
    found = words(text)
    hits = _mentions(found, thing)
    return bool(hits) and all(any(_a_count(word) for word in found[max(0, at - 3):at]) for at in hits)


# "what is the name of her deputy?": the question asks for a name, which a text gives beside the thing it names ("her
# deputy, Bo Li", "the Acme company"). A text that only speaks of "her deputy" names no one.
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
_CALLED = re.compile(r"\b(?:what|how)(?: is| was| are| were)? (?:the |its |their )?(\w+) called\b")


# "the name of the baker WHO won the prize": a relative pronoun ends the thing named and starts what is said of it.
_RELATIVE = frozenset({"who", "whom", "whose", "where", "when"})


def _reduced_relative(found: list[str], at: int) -> bool:
    """Whether the word at ``at`` starts a relative clause without its "who": a participle with its object or
    complement after it ("the baker holding the prize", "the girl winning it"), not one that describes the noun
    after it ("the night training course")."""
    word = found[at]
    return (len(word) > 4 and word.endswith("ing") and word not in _ING_NOUNS
            and (at + 1 == len(found) or found[at + 1] in STOPWORDS))


_ING_NOUNS = frozenset({"thing", "things", "something", "anything", "nothing", "everything", "king", "ring", "wing",
                        "building", "meeting", "morning", "evening", "ceiling", "spring", "string", "painting",
                        "wedding", "clothing", "housing", "funding", "training", "ending", "beginning", "feeling"})


def asked_name(question: str, correct: Callable[[str], str] | None = None) -> tuple[str, str] | None:
    """The thing whose name the question asks and the words that ask it ("what is the name of the mayor's deputy" ->
    ("deputy", "name of the mayors deputy"); "what is the town called" -> ("town", the whole question); "which town
    was it, what's it called?" -> ("town", ...): "it" stands for what the question asked before; "the name of the
    baker who won" -> "baker": a relative clause says what the thing did), or None."""
    read = " ".join(spelled(question, correct))
    called = _CALLED.search(read)
    if called:
        thing = called.group(1)
        if thing in _POINTING or thing in ("it", "they", "them"):  # "which town was it, what's it called?"
            thing = asked_which(read[:called.start()]) or ""
        if thing and thing not in STOPWORDS:
            return thing, read
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at in range(len(found) - 2):
            if found[at] not in ("name", "names") or found[at + 1] != "of":
                continue
            rest = found[at + 2:]
            rest = _past_determiners(rest)
            end = next((n for n, word in enumerate(rest) if word in STOPWORDS or word in _RELATIVE
                        or (n and _reduced_relative(rest, n))), len(rest))
            if end:
                return rest[end - 1], " ".join(found[at:])
    return None


# "the article does not name the town", "an unnamed official": a text that says a name isn't given.
_NAMES_NONE = re.compile(r"\b(?:not|never|nor|doesnt|dont|didnt|isnt|wasnt|arent|werent) (?:\w+ )?"
                         r"(?:name|named|names|identif\w*)\b|\bunnamed\b|\bno names?\b")


def says_it_names_none(text: str) -> bool:
    """Whether the text says that a name isn't given ("the article does not name the region", "an unnamed official")."""
    return bool(_NAMES_NONE.search(clean(text)))


def names_beside(text: str, thing: str, question: str) -> bool:
    """Whether the text gives a name beside the thing, within two words either side, that the question (its words
    asking the name, ``asked_name``) doesn't say ("her deputy, Bo Li"); True too when the text never speaks of the
    thing (it may name it in other words)."""
    said = {stem(word) for word in words(question)}
    found = _TOKEN.findall(text)
    target = stem(thing)
    hits = [at for at, word in enumerate(found) if stem(word.lower()) == target]
    return not hits or any(_a_name(word, said) for at in hits
                           for word in found[max(0, at - 2):at] + found[at + 1:at + 3])


def _a_name(word: str, said: set[str]) -> bool:
    """Whether a word as written is a name the question doesn't say: capitalised, and not an everyday word that
    starts a sentence ("The")."""
    plain = clean(word).replace(" ", "")
    return word[0].isupper() and plain not in STOPWORDS and stem(plain) not in said


# "... 'we have been in these kinds of situations before' - which situations?": a text that speaks of the thing only
# by pointing at it ("these situations", "such a case") leaves which one to what was said before it.
_POINTING = frozenset({"these", "those", "this", "that", "such", "similar"})
_ANY_THINGS = frozenset({"thing", "things", "stuff"})  # "what two things": nouns that name no thing in particular
# "which earlier situations", "what other occasions": a word placing the thing among others of its kind, not the thing.
_WHEN_IN_A_ROW = _PLACES_IN_A_ROW | {"earlier", "later", "past", "prior", "former", "other", "previous", "recent"}


def asked_which(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The thing a "which" or "what" right before it asks about ("which situations?" -> "situations"), or None.

    A count before a noun counts the noun ("which two towns" -> "towns"; "what two things": no thing in particular);
    a count alone is the thing asked ("which two are meant?" -> "two")."""
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at, word in enumerate(found[:-1]):
            while word in _WHICH_ONE and at + 2 < len(found) and found[at + 1] in _WHEN_IN_A_ROW:
                found = [*found[:at + 1], *found[at + 2:]]  # "what EARLIER situations": the situations are asked
            if word in _WHICH_ONE and found[at + 1] not in STOPWORDS and found[at + 1] not in _KIND:
                count = found[at + 1] in NUMBER_NAMES or found[at + 1].isdigit()
                counted = found[at + 2] if count and at + 2 < len(found) else None
                if counted in _ANY_THINGS:
                    return None
                if counted is None or counted in STOPWORDS or counted in _KIND:
                    return found[at + 1]
                return counted
    return None


def only_pointed_at(text: str, thing: str) -> bool:
    """Whether the text speaks of the thing, and each time by pointing at it ("these kinds of situations", "such
    cases"): it says that the thing was, not which."""
    found = words(text)
    hits = _mentions(found, thing)

    def pointed(at: int) -> bool:
        before = found[max(0, at - 3):at]
        while before and (before[-1] == "of" or before[-1] in _KIND):
            before = before[:-1]
        # "the two countries" against "which two?" or "which two countries?": a count with "the" points back at ones
        # named before
        counted = len(before) >= 2 and before[-2] == "the" and before[-1] in NUMBER_NAMES
        return bool(before) and (before[-1] in _POINTING or (before[-1] == "the" and thing in NUMBER_NAMES) or counted)

    return bool(hits) and all(pointed(at) for at in hits)


# "did the school take part?", "was the mayor's deputy there?": a yes/no question about a thing it names with "the"
# (its subject). A pronoun ("did they ...") or a part of something ("does the rest of the town ...") names no thing.
_YES_NO = frozenset({"did", "does", "do", "is", "was", "are", "were", "has", "have", "had", "will", "would", "can",
                     "could", "should"})
_LEADING = frozenset({"so", "but", "and", "ok", "okay", "then", "also"})
# the words before a yes/no question's subject ("did ANY astronaut post one?": an astronaut is what it asks about)
_BEFORE_A_SUBJECT = frozenset({"the", "a", "an", "this", "that", "these", "those", "any", "some"})
SUBJECT_WORDS = 3  # the words read for a yes/no question's subject: its head and the words describing it


def yes_no_subject(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The words of the thing a yes/no question asks about, from the first after its determiner ("did the school
    take part" -> "school take part": the first names it, the rest may be the verb), or None: not a yes/no question,
    or its subject is a pronoun, a count ("the two sides") or a part of something ("the rest of the town")."""
    found = _yes_no_words(question, correct)
    if len(found) < 3 or found[1] not in _BEFORE_A_SUBJECT:
        return None
    rest = found[2:]
    if rest[0] in STOPWORDS or rest[0] in NUMBER_NAMES or rest[0].isdigit() or rest[1:2] == ["of"]:
        return None
    return " ".join(rest[:SUBJECT_WORDS])


_WH = frozenset({"which", "who", "what", "how", "where", "when"})
# "where is the mill located?", "where are they based": words after what a "where is" question names that only say
# it asks for the place
_PLACED = frozenset({"located", "situated", "based", "found", "now", "exactly", "today", "currently"})


def where_thing(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The words of the thing a "where is X?" question asks the place of ("where is the mill located?" -> "mill"), or
    None: no such question, or its X does something ("where is the fair happening?"), or is a pronoun."""
    for clause in _CLAUSE_END.split(question):
        found = spelled(clause, correct)
        for at, word in enumerate(found[:-2]):
            if word != "where" or found[at + 1] not in _BE:
                continue
            rest = _past_determiners(found[at + 2:])
            while rest and (rest[0] in NUMBER_NAMES or rest[0].isdigit()):
                rest = rest[1:]  # "where are the two towns": the towns
            while rest and rest[-1] in _PLACED:
                rest = rest[:-1]
            if not rest or len(rest) > SUBJECT_WORDS or rest[0] in STOPWORDS or any(w.endswith("ing") for w in rest):
                return None
            return " ".join(rest)
    return None


_PARTICLES = frozenset({"over", "up", "out", "off", "down", "on", "in", "back", "away", "along", "around"})


# "someone who read it", "anyone who knows": after such a word, "who" starts a relative clause saying which one.
_RELATIVE_HEADS = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "those", "people",
                             "person", "one", "guy", "guys", "folks"})


def who_object(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The words of the thing a "who" question asks who did something to ("who runs the bakery these days" -> "bakery
    these days": the first names it), or None: "who", a verb (maybe after "is" or "was", "who is running it"), a
    determiner or none, then a word that isn't an everyday one. Not "who is she", "who took over", "who did it"."""
    for clause in _CLAUSE_END.split(question):
        found, typed = spelled(clause, correct), clean(clause).split()  # word for word: spelled drops none
        for at, word in enumerate(found):
            if word != "who" or typed[at:at + 1] == ["whose"]:  # "whose assistant is she": asks whose, not who did it
                continue
            if at and found[at - 1] in _RELATIVE_HEADS:
                continue  # "can someone who read the article tell me ...": who they are, not a question
            rest = _past_manner(found[at + 1:])
            if rest and rest[0] in _BE and len(rest) > 1 and rest[1] not in STOPWORDS:
                rest = rest[1:]
            if len(rest) < 2 or rest[0] in STOPWORDS:
                return None
            rest = _past_determiners(rest[1:])
            if not rest or rest[0] in STOPWORDS or rest[0] in NUMBER_NAMES or rest[0] in _PLACES_IN_A_ROW or (
                    rest[0] in _PARTICLES) or rest[1:2] == ["of"]:
                return None  # "who reported it first", "who took over", "who runs the rest of it": an order, a
                # particle, a part
            return " ".join(rest[:SUBJECT_WORDS])
    return None


def asks_yes_or_no(question: str, correct: Callable[[str], str] | None = None) -> bool:
    """Whether the question opens with a helper verb ("is it true ...", "so does it have ...") and asks no wh-question
    later ("is it ... and which one?"): it is answered yes or no."""
    found = _yes_no_words(question, correct)
    return bool(found) and not _WH & set(found)


def _yes_no_words(question: str, correct: Callable[[str], str] | None) -> list[str]:
    """The question's words from its helper verb on ("so did the ..." -> "did the ..."); none when it doesn't open
    with one: not a yes/no question."""
    found = words(question, correct)
    while found and found[0] in _LEADING:
        found = found[1:]
    return found if found and found[0] in _YES_NO else []


# "did the council close it after the fire?": a yes/no question about what happened after an event it names.
_AFTER_EVENT = re.compile(r"\b(?:after|following) (?:the|this|that|these|those|its|their|his|her) ([a-z]\w*)")


def yes_no_after(question: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The word naming the event a yes/no question asks what happened after ("did they cancel the fair after the
    fire?" -> "fire"), or None."""
    found = _AFTER_EVENT.search(" ".join(_yes_no_words(question, correct)))
    return found.group(1) if found and found.group(1) not in STOPWORDS else None


# "what prize did the mayor mean by 'a fine prize'?": which one of a thing its quoted words name, asked of the words
# themselves. The sentence that holds them says them back; only a text that says more of the thing answers.
_MEANT_BY = re.compile(r"\b(?:what|which) ([a-z]+) (?:did|does|do|was|is|were|are) (?:[\w'’]+ ){0,4}?"
                       r"(?:mean|meant|intend|intended|refer to|referring to) (?:by|with|in) "
                       r"[\"“'‘](.{2,200}?)[\"”'’](?=[\s).,;:?!]|$)")


def asked_meaning(question: str) -> tuple[str, str] | None:
    """The thing a question asks which one of and the quoted words it asks it of ("what technology did they mean by
    'develop technology'" -> ("technology", "develop technology")), or None: the thing must be one of the quoted
    words, and not a count ("which two did she mean by 'the two countries'": a count points back at ones named)."""
    found = _MEANT_BY.search(question.lower())
    if found is None:
        return None
    thing, quoted = found.group(1), found.group(2)
    if thing in STOPWORDS or thing in NUMBER_NAMES or not _mentions(words(quoted), thing):
        return None
    return thing, quoted


def said_only_as_quoted(text: str, thing: str, quoted: str) -> bool:
    """Whether the text names the thing only within the quoted words, or not at all: it says no more of it than the
    question quotes ("... to develop technology for peace" says no more of the technology than 'develop
    technology')."""
    found, said = words(text), words(quoted)

    def in_quote(at: int) -> bool:
        return any(found[start:start + len(said)] == said for start in range(max(0, at - len(said) + 1), at + 1))

    return all(in_quote(at) for at in _mentions(found, thing))


# "how do you photograph the night sky with a phone?", "what settings should I use?": the asker asks how to do a thing
# themself, advice that no fact of a news report gives. Not how to read the report ("how do you pronounce it", "how do
# I know that"), which is about its words.
_NOT_ADVICE = r"(?!know|knew|say|said|spell|pronounce|call|tell|mean|read|define|describe|explain|interpret|understand)"
_ADVICE = re.compile(rf"\bhow (?:do|can|should|would|could) (?:i|you|we|u|one) {_NOT_ADVICE}\w+|"
                     rf"\bshould (?:i|we) {_NOT_ADVICE}(?!believe|trust)\w+")


def asks_advice(question: str) -> bool:
    """Whether the question asks how the asker is to do something themself ("so how do I find out when it flies
    over?", "what settings should I use?") rather than something the report states."""
    return bool(_ADVICE.search(clean(question)))


# "they work as what?", "she served as what": the question asks what someone or something is or acts as.
_AS_WHAT = re.compile(r"\bas what\b")
# "as a joint team", "as its head": the text says what they act as. Not "as well", "as if", "as soon as", nor a
# comparison ("as good as").
_AS_THING = re.compile(r"\bas (?!(?:well|if|though|soon|long|much|many|far|such)\b)"
                       r"(?:(?:a|an|the|its|their|his|her|one) )?[a-z]+\b(?! as\b)")


_COMPARISON = re.compile(r"\bas \w+ as\b")  # "as good as", "as well as": a comparison, taken out first


def asks_as_what(question: str) -> bool:
    """ "They work as what?": whether the question asks what someone or something acts as."""
    return bool(_AS_WHAT.search(clean(question)))


def says_as_what(text: str) -> bool:
    """Whether the text says what someone or something acts as ("they work as a joint team")."""
    return bool(_AS_THING.search(_COMPARISON.sub(" ", clean(text))))


# "recognised only by the two countries", "the bakery alone won a prize": the fact holds for the things it names and for
# nothing else, so it answers whether it holds for anything else too (no).
_EXCLUSIVE = re.compile(r"\b(?:only|solely|exclusively|alone)\b")


def says_exclusively(text: str) -> bool:
    """Whether the text says that what it states holds for its own subjects alone ("only recognised by two
    countries", "the bakery alone won")."""
    return bool(_EXCLUSIVE.search(text.lower()))


# "what month is this article from?", "when was the story written?", "which day is this report dated": the date of
# the text itself, which its dateline gives; not of anything it reports ("when was the invasion", "what month did she
# speak"). Naming the text says it without a verb ("what month was the report?"); "when was it" alone does not.
_TEXT_NOUNS = r"(?:article|story|report|news|piece|text|post)"
_TEXTS_DATE = re.compile(
    r"^(?:(?:so|ok|okay|and|but|hey|lol|quick)\s+)*(?:(?:what|which|wat)\s+(?:date|day|month)|when)\s+"
    r"(?:is|was|s)\s+(?:(?:this|that|the)\s+" + _TEXT_NOUNS + r"(?:\s+(?:from|dated|written|published|filed))?"
    r"|(?:this|that|it|the)(?:\s+(?:" + _TEXT_NOUNS[3:-1] + r"|one))?\s+(?:from|dated|written|published|filed))"
    r"(?:\s+on)?\s*$")


def asks_the_texts_date(question: str) -> bool:
    """Whether the question's first clause asks when the text itself is from, and nothing more ("which month is
    this from, going by the top line?"): a year is not asked (a dateline may give none)."""
    first = re.split(r"[,;:?!.]|\s[-\u2013\u2014]\s", question, maxsplit=1)[0]
    return _TEXTS_DATE.match(clean(first)) is not None

"""Finding the question inside a long message.

People wrap a question in chatter: where they heard of it, an opinion, a reason, then "so", "anyway"
or "but" and the question, often in one run-on sentence with commas. Every word of the chatter
would count against the entry that answers the question, so a long message is also read in parts:
each sentence, each clause that holds a question word or a question mark, the part after the
last turn word ("so", "anyway", "but", "basically") before it, and a question reported inside a
clause ("he asked me how many ...", "I wonder who ...") from its question word on.

A question can name nothing but the kind of answer it wants and leave what it is about to the
message before it ("... nobody could agree on when the war started, does this article give the
date?", "... the article mentions a newspaper, which one was it?"): it is read with the closest
clause before it that names something.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.matching.words.lexicon import NUMBER_NAMES, SLANG, STOPWORDS
from bot.core.matching.words.normalize import MAX_CHARS, NOT_AN_ABBREVIATION, clean, stem, words
from bot.core.matching.words.regexes import lazy

LONG_MESSAGE_WORDS = 12  # shorter messages are read whole
MIN_HEAD_WORDS = 6       # a question joined to the next by "and" alone names its subject in no fewer words
MIN_PART_WORDS = 3       # a part shorter than this is too little to go on
MAX_PARTS = 12           # bounds the cost of a very long message
MAX_QUESTIONS = 3        # a message asking more than this many is read whole, as one

#: The words a question opens with, as chat spells them, and the auxiliaries that open a yes-no question. Some
#: patterns below keep their own lists on purpose: without "wat" where it would read a clause's first word as asking,
#: with "whether" or "if" where the bot is asked to find something out.
WH_WORDS = r"what|whats|what's|wat|who|whom|whose|when|where|why|how|which"
AUXILIARIES = r"did|does|do|is|are|was|were|can|could|has|have|had|will|would|should"
# A dash between words ends a sentence as a full stop does: "-" or "--" or an en dash ("\u2013") between spaces, an em
# dash ("\u2014") with or without them.
_SENTENCE = lazy(rf"(?<=[.!?;\n]){NOT_AN_ABBREVIATION}\s+|\s+(?:-{{1,2}}|\u2013)\s+|\s*\u2014\s*|\s*\n+\s*")
# "so", "like" and "basically" start a clause only when a question follows ("..., so what did she say", "like who was
# there"): "so much", "so far", "like the flags", "it was basically over" go on with the clause they are in.
_ASKING_NEXT = rf"\s+(?:{WH_WORDS}|{AUXILIARIES})\b"
# "is it over or did they patch things up": "or" and an auxiliary start a second question of its own.
_OR_ASKING_NEXT = rf"\s+(?:{AUXILIARIES})\b"
_CLAUSE = lazy(r"\s*[,:()]\s*|\s+(?=(?:anyway|anyways|but|i mean|my question is|"
                     r"the question is|what i want to know is|i wonder|i was wondering)\b"
                     rf"|(?:so|like|basically)\b{_ASKING_NEXT}|or\b{_OR_ASKING_NEXT})", re.IGNORECASE)
# A reported question: "asked me how many", "wondering who", "no idea where", "tell me whether".
_REPORTED = lazy(r"\b(?:ask|asks|asked|asking|wonder|wondered|wondering|know|knows|tell|told|curious|unsure|"
                       r"sure|idea|explain|remember|figure out|find out|check)\s+(?:(?:me|us|you|him|her|them)\s+)?"
                       r"(?=(?:how|what|who|whom|whose|when|where|why|which|whether|if)\b)", re.IGNORECASE)
_QUESTION_WORD = lazy(r"\b(?:what|whats|wat|who|whom|whose|when|where|why|how|which|did|does|do|is|are|was|"
                            r"were|can|could|has|have|had|will|would|should|any)\b", re.IGNORECASE)

# "..., I just want the general direction?", "..., because I'm sure I read another number": after the question, a
# clause where the asker speaks of themself says why they ask, not what.
_ASIDE_AFTER = lazy(r"^(?:(?:but|and|because|cause|cuz|coz|since|as)\s+)*(?:i|i'm|im|i've|i'd|i'll)\s",
                          re.IGNORECASE)


# "..., because my coworker is convinced they've stopped talking": after the question, why the asker asks it.
# "..., because of the war?" offers an answer.
_REASON_AFTER = lazy(r"^(?:because|cause|cuz|coz|bc)\s+(?!of\b)", re.IGNORECASE)


def _words(text: str) -> int:
    return len(text.split())


_OR_ELSE = lazy(r"^\s*or\b", re.IGNORECASE)


def separate_questions(message: str) -> list[str]:
    """The questions of a message that asks several, each a sentence of its own ending in a question mark ("Who
    runs the bakery? When did it open?"); none when it asks one or more than ``MAX_QUESTIONS``, or when one is too
    short to stand alone, asks nothing of its own ("incompatible with something?") or is the other half of an
    either-or ("And why?", "Or was it the mayor?")."""
    sentences = (s.strip() for s in _SENTENCE.split(message[:MAX_CHARS]))
    questions = [s for s in sentences if s.endswith("?")]
    if not 2 <= len(questions) <= MAX_QUESTIONS:
        return []
    if any(_words(question) < MIN_PART_WORDS or _OR_ELSE.match(question) or not _QUESTION_WORD.search(question)
           for question in questions):
        return []
    return questions


def question_parts(message: str) -> list[str]:
    """The parts of a long message worth reading on their own, the likeliest question last.

    A short message has none: it is read whole.
    """
    message = message[:MAX_CHARS]
    if _words(message) <= LONG_MESSAGE_WORDS:
        return []
    parts: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE.split(message)):
        if _words(sentence) < MIN_PART_WORDS:
            continue
        if _ASIDE_AFTER.match(sentence) and not (_QUESTION_WORD.search(sentence) or "?" in sentence):
            continue  # "I am not sure I read it right.": the asker speaks of themself and asks nothing
        parts.append(sentence)
        clauses = [c for c in _CLAUSE.split(sentence) if c and _words(c) >= 1]
        for index, clause in enumerate(clauses):
            if not (_QUESTION_WORD.search(clause) or clause.rstrip().endswith("?")):
                continue
            if index > 0 and _OR_ELSE.match(clause):
                continue  # "do they share it, or is it theirs?": the other alternative, asked with the first, not alone
            tail = " ".join(clauses[index:])  # the question and what follows it in the sentence
            reported = [clause[found.end():] for found in _REPORTED.finditer(clause)]
            for part in (clause, tail, *reported):
                if _words(part) >= MIN_PART_WORDS and part not in parts:
                    parts.append(part)
    if len(parts) > MAX_PARTS:
        parts = parts[-MAX_PARTS:]
    return [] if parts == [message.strip()] else parts


_TURN = lazy(r"^(?:(?:so|anyway|anyways|but|basically|like|ok|okay|and|then|i mean|my question is|"
                   r"the question is|what i want to know is|i wonder|i was wondering|i guess|just)\b[\s,]*)+",
                   re.IGNORECASE)
# "..., was reading it last night, how many ...?": an auxiliary straight before a participle has no subject
# between them, so the clause tells, it doesn't ask.
# Not a pronoun that only ends like one ("did anything change", "is something wrong"), nor a short word ("is red").
_TELLS = lazy(r"^(?:did|does|do|is|are|was|were|can|could|has|have|had|will|would|should)\s+"
                    r"(?!\w*thing\b)\w{2,}(?:ing|ed)\b", re.IGNORECASE)
# "..., which is odd, so what is it?": a clause that turns to its question starts the focus, not an
# earlier relative clause that happens to begin with a question word. Narrower than ``_TURN``: "and",
# "like" and "just" carry a message on rather than turn it (measured: reading them as turns loses answers).
_TURNED = lazy(r"^(?:so|anyway|anyways|but|basically|ok|okay|then|i mean|my question is|the question is|"
                     r"what i want to know is)\b", re.IGNORECASE)
_RELATIVE = lazy(r"^which (?:is|was|are|were|has|had|will|would|could|can|might|may|must|seems?|seemed|"
                       r"sounds?|sounded|makes?|made|means?|meant)\b", re.IGNORECASE)
_WH = lazy(r"\b(?:what|whats|what's|who|whom|whose|when|where|why|how|which)\b", re.IGNORECASE)
# "in which year ...", "for how long ...", "by whom ...": a preposition may come before the question word. "Am I right?"
# asks whether a claim holds; "..., am I wrong that it was the mayor?" puts up the asker's guess to a question before.
_ASKS = lazy(r"^(?:(?:in|on|at|for|since|by|from|to|with|of|until|till|during|after|before|about|under)\s+"
                   r"(?=(?:what|which|who|whom|whose|when|where|how)\b))?"
                   rf"(?:{WH_WORDS}|{AUXILIARIES}|isn't|wasn't|didn't|doesn't|aren't|"
                   r"am i(?=\s+(?:right|wrong|correct)\s*[?!.]*$))\b",
                   re.IGNORECASE)


# "'... among the' - how does that sentence continue?", "who said that?", "is that how it's written?": the question
# is about what the message quoted before it.
_REFERS_BACK = lazy(r"\b(?:that|this|the|its?) (?:sentence|quote|line|bit|part|phrase|passage|words?)\b|"
                          r"\b(?:continues?|next|after that|the rest|finish(?:es)?|complete|ends?)\b|"
                          r"\bwho (?:said|says|wrote) (?:that|it|this)\b|"
                          r"\b(?:written|worded|spelt|spelled|phrased|typo|misprint)\b", re.IGNORECASE)


def refers_back(focus: str) -> bool:
    """Whether a long message's question is about something the message said before it."""
    return bool(_REFERS_BACK.search(focus))


def _asks(clause: str, correct: Callable[[str], str] | None) -> bool:
    if _TELLS.match(clause):
        return False
    if _ASKS.match(clause):
        return True
    # "wich flags did they hold", "hw many": the question word misspelt
    head = clean(clause.split(" ", 1)[0])
    fixed = SLANG.get(head, head)
    if fixed == head and correct is not None and head:
        fixed = correct(head)
    return fixed != head and bool(_ASKS.match(fixed))


def question_focus(message: str, correct: Callable[[str], str] | None = None) -> str | None:
    """The question a long message asks, without the preamble that leads up to it.

    A ramble often restates what the article says before asking what it doesn't ("the article says
    only two countries recognise them, ok, but when did they?"): the preamble would match the fact,
    and the question is only in the part after it. The focus runs from the first clause of the
    question's sentence that asks something (after any "so", "but", "anyway"), or from the last that
    turns to asking with one of those, to that sentence's end, without a request to be told before its question word
    ("can anyone remind me what ..."). When no clause asks, the first that reports a question ("it made me wonder
    whose ...") starts the focus at its question word. The question's sentence is the last with a question mark, or a
    last sentence after it that starts with a question word ("..., right? which prize").
    None when the message is short or no clause reads as a question. ``correct`` fixes a misspelt
    question word ("wich", "whta") at the start of a clause.
    """
    clauses = _focus_clauses(message, correct)
    focus = " ".join(clauses)
    return None if not clauses or clean(focus) == clean(message[:MAX_CHARS]) else focus  # the whole message: nothing


# "'fantastic mission' - whose words are those?", "'15 countries' - is that the number it gives?", "... - who said
# that": a question whose subject is "that", "those" or "this" standing alone asks about what came before the dash.
_ABOUT_THE_PIECE_BEFORE = lazy(r"^(?:(?:so|but|and|ok|okay)\s+)*"
                               r"(?:(?:what|whats|what's|who|whose|which|how)\s+(?:\w+\s+)?)?"
                               r"(?:(?:is|was|are|were|'s)\s+(?:that|this|those|these)\b|(?:who's|whos)\s+(?:that|this)\b|"
                               r"(?:said|says|wrote|writes|means?|meant)\s+(?:that|this|those|these)\s*[?!.]*$)",
                               re.IGNORECASE)


def _dash_joined(message: str, correct: Callable[[str], str] | None) -> list[str]:
    """The sentences of a message, a piece after a dash joined to the one before it when that one's last clause
    asks and has no question mark ("what happened to it after this - did they pull out later?": one question), or
    when the piece asks about what came before it ("'fantastic mission' - whose words are those?")."""
    sentences: list[str] = []
    at, dash = 0, False
    for found in [*_SENTENCE.finditer(message), None]:
        piece = (message[at:found.start()] if found else message[at:]).strip()
        before = [clause for clause in _CLAUSE.split(sentences[-1]) if clause.strip()] if dash and sentences else []
        if piece and before and (_ABOUT_THE_PIECE_BEFORE.match(piece) or (
                not sentences[-1].endswith("?") and _asks(_TURN.sub("", before[-1].strip()), correct))):
            sentences[-1] = f"{sentences[-1]} - {piece}"
        elif piece:
            sentences.append(piece)
        if found:
            at, dash = found.end(), found.group().strip()[:1] in ("-", "\u2013", "\u2014")
    return sentences


def _focus_clauses(message: str, correct: Callable[[str], str] | None) -> list[str]:
    """The clauses of ``question_focus``, none when there is no focus."""
    message = message[:MAX_CHARS]
    if _words(message) <= LONG_MESSAGE_WORDS:
        return []
    sentences = _dash_joined(message, correct)
    asking = [s for s in sentences if s.endswith("?")] or sentences
    # "they won some prize right? which prize": a last sentence that asks with a question word is a question too,
    # without its question mark.
    if asking is not sentences and not sentences[-1].endswith("?") and _ASKS_WHAT.match(sentences[-1]):
        asking.append(sentences[-1])
    for sentence in reversed(asking):
        clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()]
        asks = [index for index, clause in enumerate(clauses) if _asks(_TURN.sub("", clause.strip()), correct)]
        if not asks:
            # "the photos made me wonder whose agency it was, ...?", "Kindly tell me what penalty ...": no clause asks,
            # but one reports a question; it runs from its question word.
            for index, clause in enumerate(clauses):
                if reported := _REPORTED.search(clause):
                    return _without_asides([clause[reported.end():], *clauses[index + 1:]])
            continue
        # "the essay, which is due tomorrow, ...: why was it?": a clause after a comma that starts "which is",
        # "which sounds" and has no question mark, when a later clause asks, is a relative clause.
        asks = [index for index in asks if not (index and index < asks[-1] and _RELATIVE.match(clauses[index].strip())
                                                and not clauses[index].rstrip().endswith("?"))]
        turned = [index for index in asks if _TURNED.match(clauses[index].strip())]
        # "..., which sounds nice, anyway in the statement what kind of ...?": the last clause turns to a
        # question a few words in, and still sets the relative clause before it aside.
        turned += [index for index, clause in enumerate(clauses)
                   if index > asks[-1] and _TURNED.match(clause.strip()) and _WH.search(clause)]
        start = max(turned) if turned else asks[0]
        if not turned and all(_GUESS.match(clauses[index].strip()) for index in asks) and (
                reporting := next((index for index in range(start) if _REPORTED.search(clauses[index])),
                                  None)) is not None:
            # "I want to know what they said about it, was it some kind of holiday?": the question is reported, and
            # the clause that asks after it only guesses at its answer.
            reported = _REPORTED.search(clauses[reporting])
            assert reported is not None
            return _without_asides([clauses[reporting][reported.end():], *clauses[reporting + 1:]])
        found = _without_asides(clauses[start:])
        if request := _REQUEST.match(found[0]):  # "can anyone remind me what ...": the question is what follows
            found[0] = found[0][request.end():]
        return found
    return []


# "..., was it some kind of holiday?", "..., is it the mayor": a guess at the answer, put as a question of its own.
_GUESS = lazy(r"^(?:or\s+)?(?:is|was|are|were)\s+(?:it|that|they)\b", re.IGNORECASE)


def _without_asides(clauses: list[str]) -> list[str]:
    """A question's clauses without what the asker adds after it: "..., which ones are mentioned, I count four but I
    might be missing some?" (an aside about themself, unless it asks too: "..., I wonder who else was there"), "...,
    because my coworker is convinced they stopped" (why they ask)."""
    end = len(clauses)
    while end > 1 and (_ASIDE_AFTER.match(last := clauses[end - 1].strip()) or _REASON_AFTER.match(last)) and (
            not _REPORTED.search(last)):
        end -= 1
    return clauses[:end]


# "so can someone tell me how ...", "can anyone remind me what ...": a request to be told, before the question itself;
# "can someone just paste what ...", "can we at least agree on what ...", "could you check for me which ...": asked of
# someone ("can someone who read it tell me what ..."), any few words of doing it lead up to the question word. "Can you
# tell if ..." asks the bot to judge.
_WH_OR_WHETHER = rf"(?:{WH_WORDS}|whether)\b"
_REQUEST = lazy(r"^(?:(?:so|but|anyway|ok|okay|and)\s+)*(?:"
                r"(?:can|could|would|will)\s+(?:anyone|anybody|someone|somebody|you|u|we|ya|y'all|someone here|"
                r"anyone here)\s+(?:(?:who|that)\s+(?:[\w']+\s+){1,5}?)?(?:[\w']+\s+){1,4}?"
                r"(?=" + _WH_OR_WHETHER + r"|(?<=\bme\s)if\b|(?<=\bus\s)if\b)|"
                r"(?:please\s+|pls\s+|plz\s+)?(?:remind|tell|explain to|show)\s+(?:me|us)\s+(?=" + _WH_OR_WHETHER
                + r"|if\b))", re.IGNORECASE)


# "..., when did they post the photos, and how many were in them?": a later clause that asks a question of its own;
# "..., was it the crew celebrating, or was it mission control?": an alternative asked as a question of its own.
_ASKS_AGAIN = lazy(r"^(?:and|or)\s+(?:what|whats|what's|who|when|where|why|how|which|did|does|do|is|are|was|"
                         r"were)\b", re.IGNORECASE)


def focus_head(message: str, correct: Callable[[str], str] | None = None) -> tuple[str | None, bool]:
    """The clause a long message's question starts with, when more of the question follows it ("who did they
    criticise, the government or the crew?", "what did they call it, the full phrase?"), and whether what follows
    asks a question of its own ("..., and how many were in them?", "..., or was it mission control?").
    ``(None, False)`` when there is no such clause.
    """
    clauses = _focus_clauses(message, correct)
    if not clauses or question_focus(message, correct) is None:
        return None, False
    # "does it say how many stalls there are in total and where they all come from", "... which prizes they won and
    # whether anyone recognises them": a second question joined by "and" alone, after a first long enough to name
    # what it asks about; "what's her name and what's her job?" asks both of one person, and "when and where was it
    # dated" one thing.
    found = _AND_ASKS_AGAIN.split(clauses[0].strip())
    if len(found) == 2 and _words(found[0]) >= MIN_HEAD_WORDS and found[1].strip() and _WH_ASKED.search(found[0]):
        return found[0], True
    if len(clauses) < 2:
        return None, False
    return clauses[0], any(_ASKS_AGAIN.match(clause.strip()) for clause in clauses[1:])


def short_head(message: str) -> str | None:
    """The first clause of a short question that asks in it and goes on with what the asker guesses, or a word
    more of what they mean, after a comma ("who runs it, the council and the school?", "which part was it, my
    friend says the west", "when did she say it, was it this week"): the words after it say nothing the answer has
    to hold. None for a long message (see
    ``focus_head``), one with one clause or several sentences, one whose later clause asks a question of its own
    ("what did they say, and when?") or offers the alternatives the answer is to choose from ("what kind of shop
    is it, like a bakery or a cafe?": ``alternatives`` reads those)."""
    message = message[:MAX_CHARS].strip()
    if _words(message) > LONG_MESSAGE_WORDS or len(_dash_joined(message, None)) > 1:
        return None
    clauses = [clause.strip() for clause in _CLAUSE.split(message) if clause and clause.strip()]
    if len(clauses) < 2 or not _WH.search(clauses[0]) or _words(clauses[0]) < MIN_PART_WORDS:
        return None
    if any(_WH.search(clause) or (_ASKS.match(_TURN.sub("", clause)) and not _GUESS.match(clause))
           or "or" in clean(clause).split() for clause in clauses[1:]):
        return None
    return clauses[0]


def short_aside(message: str) -> tuple[str, str] | None:
    """A short message's question and what the asker adds after it without asking anything, when it ends so ("whats
    the bakery, never heard of it", "what date is this from lol, feels old", "who runs it? sorry, new here"): an aside
    about themself or the text, which the answer needn't hold. None for a long message, one of a single part, or one
    whose later part asks (a question word, a question mark, an auxiliary first, "or"), sets something aside ("not the
    council") or holds a number: those may be what is asked.
    """
    message = message[:MAX_CHARS].strip()
    if _words(message) > LONG_MESSAGE_WORDS:
        return None
    sentences = [sentence.strip() for sentence in _SENTENCE.split(message) if sentence and sentence.strip()]
    if len(sentences) > 1:
        head, rest = sentences[0], " ".join(sentences[1:])
    else:
        clauses = [clause.strip() for clause in _CLAUSE.split(message) if clause and clause.strip()]
        if len(clauses) < 2:
            return None
        head, rest = clauses[0], " ".join(clauses[1:])
    if _words(head) < 2 or not (_WH.search(head) or head.endswith("?") or _ASKS.match(_TURN.sub("", head))):
        return None
    plain = clean(rest).split()
    if not plain or "?" in rest or _WH.search(rest) or _ASKS.match(_TURN.sub("", rest)) or "or" in plain or (
            _SETS_ASIDE.match(rest)) or any(word.isdigit() or word in NUMBER_NAMES for word in plain):
        return None
    return head, rest


# Nouns that say what kind of answer a question wants, not what it is about: "does the article give the date?",
# "which one was it?", "what's the name?".
ANSWER_KINDS = frozenset(stem(word) for word in (
    "date", "day", "time", "year", "month", "week", "name", "number", "figure", "one", "reason", "place", "word",
    "phrase", "title"))
_ASKS_WHAT = lazy(r"^(?:(?:so|but|and|ok|okay|anyway|anyways|like|then)\s+)*"
                        rf"(?:{WH_WORDS})\b", re.IGNORECASE)
# "..., not just the current crew, does it give that number?": a clause that sets something aside is not what
# the question is about.
_SETS_ASIDE = lazy(r"^(?:not|except|apart from|other than)\b", re.IGNORECASE)
_JOINED = lazy(r"\s+and\s+", re.IGNORECASE)


def asks_for_a_thing(question: str) -> bool:
    """Whether a question asks for something ("which one was it?", "does it give the date?") rather than whether
    something holds ("is that right?", "can you tell me?")."""
    return bool(_ASKS_WHAT.match(question.strip())) or any(stem(word) in ANSWER_KINDS for word in words(question))


def referred_clauses(message: str, focus: str, names: Callable[[str], float]) -> list[str]:
    """What the question ``focus`` of a long message is about, in the message before it: the closest clause that
    names something (``names`` gives how much a text names), leaving out one that sets something aside, then
    each part of it joined by "and" ("I'm writing a report and I need the name of the agency"), then each of those
    without who said or brought it up ("my friend insists the Russians are involved"). None found: []."""
    clauses = [clause for clause in _clauses_before(message, focus) if _words(clause) >= MIN_PART_WORDS]
    for clause in reversed(clauses[-MAX_PARTS:]):
        if not _SETS_ASIDE.match(clause) and names(clause) > 0:
            joined = _JOINED.split(clause)
            found = [clause, *(part for part in joined if len(joined) > 1 and _words(part) >= MIN_PART_WORDS)]
            # "my brother brought up the invasion at dinner": what was brought up, without who brought it up, too
            told = [part[hit.end():] for part in found if (hit := _BROUGHT_UP.search(part))]
            return found + [part for part in told if _words(part) >= 2]
    return []


# "... I wrote that the shop opened in 1990. Is that right?", "..., am I right?", "is she correct or not?", "is that
# what the article says, or is it a different number?": a question that only asks whether what the message said before
# it holds.
_CHECKS = lazy(r"^(?:(?:so|but|and|ok|okay|anyway|then)\s+)*(?:(?:(?:is|was)\s+(?:that|this|it|he|she|they)|are\s+they|"
               r"am\s+i|(?:is|are)\s+(?:my|your|his|her|their|this|that|the)\s+\w+)?\s*(?:really\s+|actually\s+)?"
               r"(?:right|true|correct|accurate|wrong|so|legit)|"
               r"(?:is|was)\s+(?:that|this)\s+(?:really\s+)?what\s+(?:the\s+\w+|it)\s+(?:says|said|reports|states)|"
               r"(?:does|did)\s+(?:the\s+\w+|it)\s+(?:really\s+)?say\s+(?:that|so))"
               r"[\s,]*(?:or\s+(?:not|wrong|false|is\s+it\s+.*|does\s+it\s+.*))?[\s?!.]*$", re.IGNORECASE)


# "..., I said forty, who owes who?", "..., so which of us is right": the question asks which of the claims before
# it holds, and names nothing itself; a request to read the answer out may follow it.
_JUDGES = lazy(r"^(?:(?:so|but|and|ok|okay|anyway|then)\s+)*(?:who\s+owes\s+(?:who|whom)(?:\s+what)?|"
               r"(?:who|which\s+of\s+us|which\s+one\s+of\s+us)(?:'s|\s+is)\s+right|who\s+wins(?:\s+the\s+bet)?)"
               r"(?:[\s,]*(?:please|pls|plz)\s+(?:read|say|tell)\b.*)?[\s?!.]*$", re.IGNORECASE)


def judges_claims(focus: str) -> bool:
    """Whether a long message's question only asks which of the claims before it holds ("who owes who?")."""
    return bool(_JUDGES.match(focus.strip()))


def checks_a_claim(focus: str) -> bool:
    """Whether a long message's question only asks whether what it said before holds ("Is that right?")."""
    return bool(_CHECKS.match(focus.strip()))


# "my friend says ...", "I wrote in my notes that ...", "he swears that ...": who said, wrote or believes what follows.
_CLAIMED = lazy(r"\b(?:(?:told|wrote|written|said|heard|read)\s+(?:[\w']+\s+){0,5}?that|says|said|insists?|insisted|"
                r"claims?|claimed|thinks?|thought|believes?|believed|assumed|reckons?|swears?|swore)\s+(?:that\s+)?",
                re.IGNORECASE)


def claimed_before(message: str, focus: str) -> list[str]:
    """What a long message claims before its question ``focus`` when that question only checks it ("... told me
    over lunch that the crew is four americans, two russians and a european, is that right?"): the sentence before
    the question, or the part of the question's sentence before it, whole (a list of commas is one claim), then what
    follows the first word of saying or believing in it ("..., and I wrote that ...", "my aunt says the mayor said").
    None: []."""
    message = message[:MAX_CHARS]
    at = _focus_at(message, focus)
    if at <= 0:
        return []
    sentences = [sentence.strip(" ,;:-") for sentence in _SENTENCE.split(message[:at]) if sentence.strip(" ,;:-")]
    if not sentences or _words(sentences[-1]) < MIN_PART_WORDS:
        return []
    claim = _until_turned(sentences[-1])
    said = [claim[hit.end():] for hit in [_CLAIMED.search(claim)] if hit]
    return [claim, *(part for part in said if _words(part) >= MIN_PART_WORDS)]


# "..., but a friend says that's wrong", "..., though I might be mixing it up": where a claim ends and the asker turns
# away from it.
_TURNS_AWAY = lazy(r"^(?:but|though|although|yet|however)\b", re.IGNORECASE)


def _until_turned(claim: str) -> str:
    """A claim up to the clause, after a comma, that turns away from it ("..., but a friend says that's wrong")."""
    for found in _CLAUSE.finditer(claim):
        rest = claim[found.end():]
        if found.group().strip() and _TURNS_AWAY.match(rest):
            return claim[:found.start()]
    return claim


# "my brother brought up the invasion", "my friend insists that the Russians run it", "I gather an official spoke":
# who said or heard it, then what.
_BROUGHT_UP = lazy(r"^(?:(?:but|and|so|then|ok|okay)\s+)*(?:\S+\s+){1,3}?(?:brought up|mentioned|mentions|"
                         r"(?:talked|was talking|kept talking|went on|keeps going on|asked|told (?:me|us|him|her|them)|"
                         r"said something) about|says|said|insists|insisted|claims|claimed|thinks|thought|read|heard|"
                         r"hear|gather|saw|told (?:me|us))(?:\s+that)?\s+", re.IGNORECASE)


# "we argued about whether anyone recognises them, ..., so which ones does the article say do?": the preamble
# states what is in dispute, and the question after it may lean on that for its verb or its subject.
_DEBATED = lazy(r"\b(?:about|over|on|argue|argued|arguing|debate|debated|debating)\s+(?=(?:whether|if)\b)",
                      re.IGNORECASE)


def debated_before(message: str, focus: str) -> list[str]:
    """What a long message says is in dispute before its question ``focus`` ("we argued about whether ..."), from
    "whether" to the end of its clause, the closest last. None: []."""
    found = [clause[hit.end():].strip() for clause in _clauses_before(message, focus)
             for hit in _DEBATED.finditer(clause)]
    return [part for part in found if _words(part) >= MIN_PART_WORDS][-MAX_PARTS:]


def _focus_at(message: str, focus: str) -> int:
    """Where a long message's question ``focus`` starts in it, the last place it does; -1 when it isn't there. The
    focus joins its clauses with a space: "what day, anyone?" is found for "what day anyone?"."""
    at = message.rfind(focus)
    if at >= 0 or not focus.strip():
        return at
    spelt = r"[\s,:()]+".join(re.escape(word) for word in focus.split())
    found = [hit.start() for hit in re.finditer(spelt, message)]
    return found[-1] if found else -1


def _clauses_before(message: str, focus: str) -> list[str]:
    """The clauses of a long message before its question ``focus``, in order; none when it starts the message."""
    message = message[:MAX_CHARS]
    at = _focus_at(message, focus)
    if at <= 0:
        return []
    return [clause.strip() for sentence in _SENTENCE.split(message[:at]) for clause in _CLAUSE.split(sentence)
            if clause and clause.strip()]


# "... or what", "... or something", "... or somewhere else": not a second alternative, a softener; "... or which
# country they're from": a second question.
_NO_ALTERNATIVE = frozenset("what whats which who whom whose when where why how something anything else so not "
                            "whatever somewhere someone somebody elsewhere anywhere other another".split())


# "the post or the times, which one ran it?": two alternatives offered before the question that asks which.
_OFFERED_FIRST = lazy(r"^(?P<first>[^,;:?!]+?)\s+or\s+(?P<second>[^,;:?!]+?)\s*[,;:?!-]+\s*"
                      r"(?P<asked>(?:(?:so|but|and|ok|okay|like)\s+)*(?:which|what|who|when|where|how)\b[^?]*\??)$",
                      re.IGNORECASE)


def alternatives(question: str) -> list[tuple[str, str]]:
    """The question asked of each of its two alternatives alone ("was it sent by post or by email?": "was it sent by
    post", "was it sent by email"), the words of the other left out, each with the alternative it keeps. An
    alternative is taken as the one or two words that carry meaning nearest "or" on its side; each reading is
    given with one and with two. [] when the question offers no alternatives (no "or", or "or what").
    """
    found = clean(question).split()
    if found.count("or") != 1:
        return []
    if offered := _OFFERED_FIRST.match(question.strip()):
        # "the post or the times, which one ran it?": the two, said whole before the question, each read with it
        asked = offered.group("asked")
        return [(clean(f"{offered.group(side)} {asked}"), clean(offered.group(side))) for side in ("first", "second")]
    at = found.index("or")
    left, right = found[:at], found[at + 1:]
    if not left or not right or right[0] in _NO_ALTERNATIVE or not _QUESTION_WORD.search(" ".join(left)):
        return []
    left_meaning = [n for n, word in enumerate(left) if word not in STOPWORDS]
    right_meaning = [n for n, word in enumerate(right) if word not in STOPWORDS]
    if not left_meaning or not right_meaning:
        return []
    readings: list[tuple[str, str]] = []
    for size in (1, 2):
        without_right = set(right_meaning[:size])
        without_left = set(left_meaning[-size:])
        readings.append((" ".join(left + [word for n, word in enumerate(right) if n not in without_right]),
                         " ".join(left[n] for n in left_meaning[-size:])))
        readings.append((" ".join([word for n, word in enumerate(left) if n not in without_left] + right),
                         " ".join(right[n] for n in right_meaning[:size])))
    return list(dict.fromkeys(readings))


# "source?", "link pls", "any proof?", "citation needed": a request that the claim be backed up, a sentence of its own
# in a message that asks something else. Every answer cites its line, so it asks nothing more.
_BACK_IT_UP = lazy(r"^(?:(?:any|got|got a|need|need a|a|the|ur|your)\s+)?(?:source|sources|src|sauce|link|links|proof|"
                   r"citation|citations|cite|evidence|ref|refs|reference|references)"
                   r"(?:\s+(?:pls|plz|please|needed|or it didn'?t happen|anyone))?\W*$", re.IGNORECASE)
_SENTENCE_KEPT = lazy(r"(?<=[.!?])\s+|\s*\n+\s*")


def without_requests_for_a_source(message: str) -> str:
    """The message without its sentences that only ask for a source ("so what were they celebrating? source?",
    "source? who reported it first"), when another sentence is left: that one is the question. The message as it is
    when nothing else is left ("source?" alone asks where the report comes from)."""
    message = message[:MAX_CHARS]
    pieces = [piece for piece in _SENTENCE_KEPT.split(message) if piece.strip()]
    kept = [piece for piece in pieces if not _BACK_IT_UP.match(piece.strip())]
    if len(kept) == len(pieces) or not any(words(piece) for piece in kept):
        return message
    return " ".join(piece.strip() for piece in kept)


# "and" before a question word (after a preposition, if any); ``{}`` takes further words that ask again
_AND_THEN = (r"\s*,?\s+and\s+(?=(?:(?:in|on|at|for|from|by|with|to)\s+)?(?:what|whats|what's|which|who|whom|whose|"
             r"when|where|why|how{})\b)")
# "ana ortiz works for which council and in what role?": a second question word after "and" asks a second
# thing of the same subject.
_AND_ASKS = lazy(_AND_THEN.format(""), re.IGNORECASE)


_WH_ASKED = lazy(r"\b(?:what|whats|what's|which|who|whos|who's|whom|whose|when|where|why|how)\b", re.IGNORECASE)


# "... which prizes they won and whether anyone else did": "whether" after "and" asks again too.
_AND_ASKS_AGAIN = lazy(_AND_THEN.format("|whether"), re.IGNORECASE)


def coordinated(question: str) -> list[str]:
    """A short question that asks two things of one subject ("X works for which council and in what role?"),
    read as each thing asked: the first question, and the second with the words before the first question word
    (its subject). [] when it asks one thing, when what comes before "and" asks nothing, or when the message is
    long (``focus_head`` reads those)."""
    question = question[:MAX_CHARS]
    if _words(question) > LONG_MESSAGE_WORDS:
        return []
    found = _AND_ASKS.split(question.strip())
    if len(found) != 2 or not found[0].strip() or not found[1].strip():
        return []
    first, second = found
    asked = _WH_ASKED.search(first)
    if asked is None:
        return []  # "two towers, the north one and what was the other?": the first part names, it doesn't ask
    subject = first[:asked.start()].strip(" ,")
    return [first, f"{subject} {second}".strip()]

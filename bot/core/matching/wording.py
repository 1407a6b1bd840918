"""Questions about the article's own wording, answered from the article itself.

Four kinds, all settled by the text alone, so they work for any article:

- a quoted fragment ("who said 'a new era'?", "finish this: “we will not”", or unquoted after a request to
  complete it, "fill in the blank: we will not ___"): the
  sentence of the one line that holds it is the answer;
- what an abbreviation stands for ("what does UN stand for?"): the article's capitalised words
  whose initials spell it; when the article never spells it out, an honest "it doesn't say";
- which countries, cities, numbers or abbreviations it names ("what countries are mentioned?"): the
  names WordNet knows to be of that kind (``data/wordnet-kinds.txt.gz``), each cited where it first
  appears, and the numbers with the word they count;
- a paragraph asked for by its place and nothing more ("read me the first line"): that paragraph.

Anything less certain is left to the knowledge base.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from bot.core.answers import CitedLine, Kind, Result
from bot.core.knowledge.article import Article
from bot.core.matching.question.answer_types import asked_types, held_types
from bot.core.matching.words.lexicon import NUMBER_NAMES, STOPWORDS
from bot.core.matching.words.normalize import MAX_CHARS, NOT_AN_ABBREVIATION, clean

FRAGMENT_ANSWER = "The article says:"  # a quoted fragment's answer: the sentence that holds it
MIN_FRAGMENT_WORDS = 1   # even one word will do, when only one line holds it ("soured")
MIN_TYPED = 3  # characters of a fragment found by its punctuation as typed ("(the)")
FUZZY_FRAGMENT_WORDS = 5  # a fragment this long may be slightly misquoted
FUZZY_CUTOFF = 92         # rapidfuzz partial_ratio, 0-100

_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,300})[\"“”«»„]"                          # "double" quotes
                     r"|(?:^|(?<=[\s(:]))['‘’]((?:[^'‘’]|(?<=\w)['’](?=\w)){3,300}?)['‘’](?=[\s).,;:?!]|$)")
# 'single' quotes too, with the apostrophes inside their words ('the station's role'), not it's
# "fill in the blank: ...", "complete this: ...", "finish the quote: ...": words to complete, quoted or not.
_COMPLETING = re.compile(r"^\s*(?:(?:please|pls|ok|so)\s+)?(?:fill (?:in )?the blanks?|complete|finish)\b[^:]{0,30}:"
                         r"\s*(.+?)\s*$", re.IGNORECASE)  # not "fill me in: ...", which asks to be told
_BLANK = re.compile(r"_{2,}|\.{2,}|…|\?+$")
# where one of the article's sentences ends and the next begins
ARTICLE_SENTENCE = re.compile(rf"(?<=[.!?\"”]){NOT_AN_ABBREVIATION}\s+(?=[A-Z\"“])")
_EXPANDS = re.compile(r"\b(?:stands? for|short for|abbreviat\w*|acronym|full form|full name|spell(?:ed|s)? out|"
                      r"letters|initials)\b", re.IGNORECASE)
_MEANS = re.compile(r"\b(?:mean|means|meaning)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_LINKING = {"of", "the", "and", "for", "on", "in"}
MIN_WRITTEN_OUT = 3  # the letters of an abbreviation the article doesn't use, to be read as a name it writes out

# "which countries does the article mention?": a kind of name, and a word that asks what the text names.
# Not organisations or people: WordNet knows few of today's (agencies, newspapers, firms), and "the
# article names 1 organisation" would be a wrong answer with a citation.
_KIND_WORDS = {"country": "country", "countries": "country", "nation": "country", "nations": "country",
               "city": "city", "cities": "city", "town": "city", "towns": "city",
               "number": "number", "numbers": "number", "figure": "number", "figures": "number",
               "numeral": "number", "numerals": "number", "acronym": "acronym", "acronyms": "acronym",
               "abbreviation": "acronym", "abbreviations": "acronym", "initialism": "acronym",
               "initialisms": "acronym"}
_KIND_NAMES = {"country": ("country", "countries"), "city": ("city", "cities"),
               "number": ("number", "numbers"), "acronym": ("abbreviation", "abbreviations")}
_NAME_RUN = re.compile(r"[A-Z][\w.-]*(?:[ ]+[A-Z][\w.-]*)*")  # capitalised words in a row: one name
_NAMES_CUE = re.compile(r"\b(?:mention\w*|nam(?:e|es|ed|ing)|refer\w*|appear\w*|cite[sd]?|list\w*|"
                        r"talk(?:s|ed)? about|come up|comes up|brought up|feature[sd]?|"
                        r"in the (?:article|text|story))\b")
_ASKING = {"which", "what", "list", "name", "how", "howmany", "all", "any", "every", "many"}
_ABOUT_TEXT = {"article", "text", "story", "report", "piece", "news", "appear", "appears", "appeared", "come",
               "show", "shows", "showed", "shown",
               "comes", "up", "brought", "talk", "talks", "talked", "feature", "featured", "features"}
_NUMBER = re.compile(rf"\b(?:\d[\d,.]*|{'|'.join(NUMBER_NAMES)})\b(?: ([A-Za-z]+))?", re.IGNORECASE)
MAX_NAMED = 8  # citations in one list answer
_SETTING_ASIDE = frozenset({"besides", "except", "excluding", "other", "apart", "aside", "but"})
_VALUES = frozenset({"count", "year", "weekday", "date", "measure"})  # kinds of answer that are a value a text states

# "in the first paragraph", "the opening line", "paragraph 3": where in the article the question looks. Not "the
# last line of her quote" (a line of something else), unless that something is the article itself.
_ORDINALS = {"first": 1, "1st": 1, "opening": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
             "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "last": -1, "final": -1, "closing": -1}
_OF_THE_ARTICLE = r"(?! of (?!(?:the|this) (?:article|story|text|piece|report)\b))"
# "read me the first line word for word", "what does the opening paragraph say": words that ask for the paragraph
# itself; any question word but "what" asks about something in it.
_ONLY_READING = frozenset({"read", "reading", "quote", "word", "words", "say", "says", "said", "verbatim", "full",
                           "whole", "out", "loud", "give", "show", "tell", "copy", "paste", "type", "repeat", "text",
                           "article", "story", "piece", "report", "what", "whats", "wat"})
_ASKS_MORE = frozenset({"who", "whom", "whose", "when", "where", "why", "how", "which", "about", "not", "no"})
_PLACE_NAMED = re.compile(rf"\b({'|'.join(_ORDINALS)}) (?:paragraph|para|line|sentence){_OF_THE_ARTICLE}\b"
                          rf"|\bparagraph (\d{{1,2}})\b", re.IGNORECASE)


@cache
def _name_kinds() -> dict[str, str]:
    data = resources.files("bot.core").joinpath("data/wordnet-kinds.txt.gz").read_bytes()
    return dict(line.split("\t") for line in gzip.decompress(data).decode("ascii").splitlines())


def name_kind(name: str) -> str | None:
    """What WordNet knows a proper name ("Red Cross", "Lee") to be: "country", "city", "organization", "person"."""
    return _name_kinds().get("_".join(name.lower().replace(".", "").split()))


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    plain: str


class Wording:
    """Answers about the article's own words; ``answer`` returns None for any other question."""

    def __init__(self, article: Article) -> None:
        self._lines = [_Line(n, article.line(n), clean(article.line(n))) for n in article.text_lines]
        self._acronyms = self._find_acronyms()

    def paragraph_named(self, question: str) -> tuple[int, str] | None:
        """The file line of the paragraph a question points at ("in the first paragraph", "the last line"),
        and the question without those words (they say where to look, not what is asked), if it names one."""
        question = question[:MAX_CHARS]
        match = _PLACE_NAMED.search(question)
        if match is None:
            return None
        number = _ORDINALS[match.group(1).lower()] if match.group(1) else int(match.group(2))
        count = len(self._lines)
        index = count - 1 if number == -1 else number - 1
        if not 0 <= index < count:
            return None
        return self._lines[index].number, f"{question[:match.start()]} {question[match.end():]}"

    def answer(self, question: str) -> Result | None:
        """The article's own answer to a question about its wording, or None for any other question."""
        question = question[:MAX_CHARS]
        return (self._abbreviation(question) or self._fragment(question) or self._named(question)
                or self._paragraph_asked(question))

    def _paragraph_asked(self, question: str) -> Result | None:
        """The paragraph a question asks for and nothing more ("read me the first line word for word", "what is the
        last paragraph?"): that paragraph whole. Not when the rest asks about something in it ("who is the she in the
        last paragraph?", "what does the first line say about the bakers?")."""
        named = self.paragraph_named(question)
        if named is None:
            return None
        number, rest = named
        if any(word not in _ONLY_READING and (word in _ASKS_MORE or word not in STOPWORDS)
               for word in clean(rest).split()):
            return None
        text = next(line.text for line in self._lines if line.number == number)
        return Result(question, Kind.ANSWER, answer=FRAGMENT_ANSWER, citations=(CitedLine(number, text, text),),
                      score=1.0)

    # --- quoted fragments -------------------------------------------------------------------------

    def _fragment(self, question: str) -> Result | None:
        typed_all = [(match.group(1) or match.group(2) or "").strip() for match in _QUOTED.finditer(question)]
        if not typed_all and (completing := _COMPLETING.match(question)):
            # "fill in the blank: the fair will open ___ spring": the words to complete, unquoted
            typed_all = sorted((part.strip(" ,;") for part in _BLANK.split(completing.group(1))),
                               key=lambda part: -len(part.split()))[:1]
        for typed in typed_all:
            fragment = clean(typed)
            if len(fragment.split()) < MIN_FRAGMENT_WORDS:
                continue
            found = self._line_holding(fragment) or self._line_holding_as_typed(typed)
            if found is not None:
                sentence = _sentence_holding(found.text, fragment)
                if typed.lower() not in sentence.lower():
                    sentence = next((part.strip() for part in ARTICLE_SENTENCE.split(found.text)
                                     if typed.lower() in part.lower()), sentence)
                # "it says 'they pledged to go on' - when did they pledge?": the rest asks what the sentence can't hold.
                if not asked_types(_QUOTED.sub(" ", question)) & _VALUES <= held_types(sentence):
                    return None
                return Result(question, Kind.ANSWER, answer=FRAGMENT_ANSWER,
                              citations=(CitedLine(found.number, sentence, found.text),), score=1.0)
        return None

    def _line_holding_as_typed(self, typed: str) -> _Line | None:
        """The one line holding a short fragment with its punctuation as typed ("(the)"), when its words alone are in
        too many lines to tell which: the brackets or dashes say which."""
        if len(typed) < MIN_TYPED or all(char.isalnum() or char.isspace() for char in typed):
            return None
        found = [line for line in self._lines if typed.lower() in line.text.lower()]
        return found[0] if len(found) == 1 else None

    def _line_holding(self, fragment: str) -> _Line | None:
        """The one line that holds the fragment word for word, or, for a long one, nearly."""
        exact = [line for line in self._lines if f" {fragment} " in f" {line.plain} "]
        if exact:
            return exact[0] if len(exact) == 1 else None
        if len(fragment.split()) < FUZZY_FRAGMENT_WORDS:
            return None
        scored = sorted(((fuzz.partial_ratio(fragment, line.plain, processor=None), line.number, line)
                         for line in self._lines), key=lambda s: (-s[0], s[1]))
        if scored and scored[0][0] >= FUZZY_CUTOFF and (len(scored) < 2 or scored[1][0] < FUZZY_CUTOFF):
            return scored[0][2]
        return None

    # --- abbreviations ----------------------------------------------------------------------------

    def _find_acronyms(self) -> dict[str, tuple[int, str] | None]:
        """Each abbreviation the article uses, with the line and words that spell it out, if any."""
        found: dict[str, tuple[int, str] | None] = {}
        for line in self._lines:
            for acronym in _ACRONYM.findall(line.text):
                found.setdefault(acronym, None)
        for acronym in found:
            for line in self._lines:
                spelled = _spelled_out(line.text, acronym)
                if spelled:
                    found[acronym] = (line.number, spelled)
                    break
        return found

    def _written_out(self, acronym: str) -> tuple[int, str] | None:
        """The line and words of a name the article writes out in full and whose initials spell an abbreviation the
        article never uses ("WFP" for "World Food Programme"): people shorten a long name the way it is
        commonly shortened. Three letters or more: two initials fit too many pairs of capitalised words by chance."""
        if len(acronym) < MIN_WRITTEN_OUT:
            return None
        for line in self._lines:
            spelled = _spelled_out(line.text, acronym)
            if spelled:
                return line.number, spelled
        return None

    def _abbreviation(self, question: str) -> Result | None:
        strong = _EXPANDS.search(question) is not None
        if not strong and not _MEANS.search(question):
            return None
        for found in re.finditer(r"[A-Za-z.]{2,12}", question):
            token = found.group(0)
            if _modifies_a_noun(question[found.end():]):
                continue  # "the full name of the UN envoy": the envoy's name, not the UN's
            acronym = token.replace(".", "")
            if acronym.upper() not in self._acronyms and not (acronym.isupper() and strong):
                continue
            if not acronym.isupper() and not (strong and len(acronym) > 2):
                continue  # "us" or "it" in lowercase is a word, not an abbreviation
            acronym = acronym.upper()
            spelled = self._acronyms.get(acronym)
            if spelled is None:
                if not strong:
                    return None
                if acronym not in self._acronyms:
                    written = self._written_out(acronym)
                    if written is not None:
                        number, words = written
                        text = next(line.text for line in self._lines if line.number == number)
                        # The article's words, not the letters typed (see below).
                        return Result(question, Kind.ANSWER, answer=f"That is the {words}, as the article writes it.",
                                      citations=(CitedLine(number, words, text),), score=1.0)
                    # Never echo what someone typed: "what does <slur> stand for" must not make the bot say it.
                    return Result(question, Kind.GAP, answer="The article doesn't use that abbreviation.")
                return Result(question, Kind.GAP, answer=f"The article doesn't spell out {acronym}.")
            number, words = spelled
            text = next(line.text for line in self._lines if line.number == number)
            return Result(question, Kind.ANSWER, answer=f"{acronym} stands for {words}.",
                          citations=(CitedLine(number, words, text),), score=1.0)
        return None


    # --- what the article names ------------------------------------------------------------------

    def _named(self, question: str) -> Result | None:
        """ "Which countries does the article mention?": every name of that kind, where it first appears."""
        plain = clean(question)
        words = plain.split()
        kinds = {_KIND_WORDS[word] for word in words if word in _KIND_WORDS}
        if len(kinds) != 1 or not _NAMES_CUE.search(plain) or not _ASKING & set(words):
            return None
        (kind,) = kinds
        # "which countries are named, besides France and Spain?": names of the kind asked, set aside
        cue = next((at for at, word in enumerate(words) if word in _SETTING_ASIDE), None)
        besides = [] if cue is None or kind == "number" else [w for w in words[cue + 1:] if w not in STOPWORDS]
        if besides and not all(name_kind(w) == kind for w in besides):
            return None
        leftover = [w for w in words if w not in STOPWORDS and w not in _KIND_WORDS and w not in _ASKING
                    and w not in _ABOUT_TEXT and not _NAMES_CUE.fullmatch(w) and w not in besides
                    and not (besides and w in _SETTING_ASIDE)]
        if leftover:
            return None  # "which countries are named as backing them": a question about the story, not the text
        found = (self._numbers() if kind == "number" else self._first_uses() if kind == "acronym"
                 else self._names_of_kind(kind))
        found = [(number, name) for number, name in found if name.lower() not in besides]
        if not found:
            return None
        shown = found[:MAX_NAMED]
        listed = ", ".join(words for _, words in shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1][1]
        more = f" (and {len(found) - len(shown)} more)" if len(found) > len(shown) else ""
        singular, plural = _KIND_NAMES[kind]
        answer = f"The article names {len(found)} {singular if len(found) == 1 else plural}: {listed}{more}."
        text = {line.number: line.text for line in self._lines}
        citations = tuple(CitedLine(number, words, text[number]) for number, words in shown)
        return Result(question, Kind.ANSWER, answer=answer, citations=citations, score=1.0)

    def _names_of_kind(self, kind: str) -> list[tuple[int, str]]:
        """Each name of this kind on the article's lines, as written, with the line it first appears on."""
        table = _name_kinds()
        found: dict[str, tuple[int, str]] = {}
        for line in self._lines:
            for run in _NAME_RUN.finditer(line.text):
                words = run.group(0).split()
                if words[0] in ("The", "A", "An") and len(words) > 1:
                    words = words[1:]  # "The Hague" is rare; "The US" at a sentence start is not
                # The whole run or nothing: "New York" in "New York Times" is not the city.
                key = "_".join(word.lower().replace(".", "") for word in words)
                if table.get(key) == kind:
                    found.setdefault(key, (line.number, " ".join(words)))
        return list(found.values())

    def _first_uses(self) -> list[tuple[int, str]]:
        """Each abbreviation the article uses, as written, with the line it first appears on."""
        found: dict[str, int] = {}
        for line in self._lines:
            for acronym in _ACRONYM.findall(line.text):
                found.setdefault(acronym, line.number)
        return [(number, acronym) for acronym, number in found.items()]

    def _numbers(self) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for line in self._lines:
            for match in _NUMBER.finditer(line.text):
                counted = match.group(1)
                # The number with the word it counts ("three weeks"), not a word that starts the next clause.
                words = match.group(0) if counted and counted.lower() not in STOPWORDS else match.group(0).split()[0]
                found.append((line.number, words))
        return found


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# words that may follow an abbreviation asked about: what it stands for, or another question's start
_ABOUT_ABBREVIATION = frozenset({"stand", "stands", "stood", "mean", "means", "meant", "short", "abbreviation",
                                 "acronym", "full", "letters", "initials", "spelled", "spelt", "spell", "spells",
                                 "written", "officially", "exactly", "actually", "really", "again", "please", "pls"})


def _modifies_a_noun(rest: str) -> bool:
    """Whether the word after an abbreviation is one it describes ("UN envoy", "WHO official"): then the question
    asks about that, not the abbreviation."""
    found = _NEXT_WORD.match(rest)
    if found is None:
        return False
    word = found.group(1).lower()
    return word not in STOPWORDS and word not in _ABOUT_ABBREVIATION


def _spelled_out(text: str, acronym: str) -> str | None:
    """A run of capitalised words on the line whose initials spell the acronym ("United Nations")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    for start, word in enumerate(words):
        if not word[0].isupper() or word[0] != acronym[0]:
            continue
        initials, end = "", start
        while end < len(words) and len(initials) < len(acronym):
            current = words[end]
            if current[0].isupper():
                initials += current[0]
            elif current.lower() not in _LINKING:
                break
            end += 1
        if initials == acronym:
            spelled = " ".join(words[start:end])
            return spelled if spelled in text else None
    return None


def _sentence_holding(line: str, fragment: str) -> str:
    """The sentence of the line that holds the fragment (the whole line if it can't be told apart): the one holding
    it word for word, else the first holding it nearly ("situations" is in a later sentence than "the situation")."""
    sentences = ARTICLE_SENTENCE.split(line)
    for sentence in sentences:
        if fragment in clean(sentence):
            return sentence.strip()
    for sentence in sentences:
        if fuzz.partial_ratio(fragment, clean(sentence), processor=None) >= FUZZY_CUTOFF:
            return sentence.strip()
    return line.strip()

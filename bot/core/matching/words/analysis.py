"""Text to terms: the words of a question that matching weighs, after typos and aliases.

The same ``Analyzer`` reads the knowledge base's patterns and the users' questions, so both
sides meet in one vocabulary. Only questions get typo correction: patterns are the
reference, and correcting them towards each other would blur entries together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from bot.core.knowledge import AliasGroup, Entry
from bot.core.matching.words.lexicon import GENERIC_WORDS, INTENT_WORDS, STOPWORDS, english_rank
from bot.core.matching.words.normalize import stem, words
from bot.core.matching.words.regexes import lazy
from bot.core.matching.words.related import CLOSE_SHARE, LOOSE_SHARE, known, related
from bot.core.matching.words.spelling import Speller, text_list

# A verb's particle: "kick off" is looked up whole even when the knowledge base uses "kick" ("what kicked this off"),
# since it says "start". Not after an everyday verb (GENERIC_WORDS), whose phrasal senses are too many to guess.
PARTICLES = frozenset("off up out down back away".split())
NAMED_IN = ("named", "in")  # "which war is named in the quote": what the text mentions, not what it is called
MENTIONED = stem("mentioned")
# ... when a text or a place follows ("named in the quote", "in her speech"), not a time ("named in the 1990s")
_POINTING = frozenset({"the", "this", "that", "her", "his", "its", "their", "your", "our"})
PLURAL_AT_LEAST = 3  # a word ending in "s" longer than this may be a plural: "bus" and "gas" are not
NON = "non"  # binds to the word after it: "non-native" is one word, not "native"


_STOPWORD_STEMS = frozenset(word for word in STOPWORDS if stem(word) == word)  # "get", "have": not "kindly"'s "kind"
STOPWORD_FORMS_FILE = "data/wordnet-stopword-forms.txt"


def stopword_forms_in(table: Mapping[str, str]) -> list[str]:
    """The stems WordNet's compiled table (``related``'s) knows only as an inflection of a stopword ("gotten" of
    "get", "has" of "have"): one close relation, that stopword's stem, and no loose one. Written once into
    ``STOPWORD_FORMS_FILE`` by ``build_wordnet.py --stopword-forms``, so that no question pays to read the table."""
    found = []
    for key, targets in table.items():
        close, _, loose = targets.partition("|")
        if not loose.split() and len(close.split()) == 1 and close.strip() in _STOPWORD_STEMS:
            found.append(key)
    return sorted(found)


@cache
def _stopword_forms() -> frozenset[str]:
    text = resources.files("bot.core").joinpath(STOPWORD_FORMS_FILE).read_text(encoding="ascii")
    return frozenset(text.split())


@lru_cache(maxsize=20_000)
def is_stopword(word: str) -> bool:
    """Whether the word carries no meaning for matching: a stopword, or a form WordNet knows only as an inflection of
    one ("gotten" of "get", "has" of "have"): its one relation is that base, and it has no sense of its own. Not an
    everyday word that counts a little on purpose ("meant")."""
    if word in STOPWORDS:
        return True
    if not word.isalpha() or word.isupper() or word in GENERIC_WORDS:
        return False
    return stem(word) in _stopword_forms()


def _plural_kept_whole(word: str) -> bool:
    """Whether the word may be a plural the stemmer kept whole ("pros", "ngos"): longer than three letters and ending
    in one "s" ("boss", "bus" are no plurals)."""
    return len(word) > PLURAL_AT_LEAST and word.endswith("s") and not word.endswith("ss") and word.isalpha()


class Read(NamedTuple):
    """One term of a question: the term, the words it was read from, and how much it counts."""

    term: str
    word: str
    share: float = 1.0
    related: bool = False  # read as a related word the knowledge base uses: it can't find candidates alone


class Analyzer:
    """Reads text into terms: stems, with alias phrases folded into one term, stopwords dropped."""

    def __init__(self, aliases: Sequence[AliasGroup] = ()) -> None:
        self._aliases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        # An alias that is an everyday word alone ("us") is the name only where it reads as one: ``words``
        # gives it in capitals there ("US", "the us"). A longer phrase it starts ("us space agency") is the
        # name either way.
        self._names = frozenset(found[0] for group in aliases for phrase in (group.term, *group.same_as)
                                if len(found := words(phrase)) == 1 and found[0] in STOPWORDS)
        for group in aliases:
            term = "_".join(stem(w) for w in words(group.term)) or group.term
            for phrase in (group.term, *group.same_as):
                stems = tuple(stem(w) for w in words(phrase))
                if not stems:
                    continue
                if stems[0] in self._names:
                    named = (stems[0].upper(), *stems[1:])
                    self._aliases[named[0]].append((named, term))
                    if len(stems) == 1:
                        continue
                self._aliases[stems[0]].append((stems, term))
        for options in self._aliases.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        self.alias_terms = frozenset(term for options in self._aliases.values() for _, term in options)
        self._speller = Speller()
        self._known_stems: set[str] = set()
        for group in aliases:
            self.learn([group.term, *group.same_as])
        self.learn(sorted(STOPWORDS))  # "acording" is a typo too, even if "according" carries no meaning

    def state(self) -> dict[str, Any]:
        """What this analyzer knows, as JSON values: the engine cache keeps it, so a cached engine
        needn't stem and learn its vocabulary again."""
        return {"aliases": [[first, [[list(phrase), term] for phrase, term in options]]
                            for first, options in self._aliases.items()],
                "names": sorted(self._names), "stems": sorted(self._known_stems), "speller": self._speller.state()}

    @classmethod
    def from_state(cls, state: Any) -> Analyzer:
        """The analyzer ``state()`` described; ``ValueError`` when ``state`` isn't shaped like one."""
        if not isinstance(state, dict) or not isinstance(state.get("aliases"), list):
            raise ValueError("not an analyzer's state")
        analyzer = cls.__new__(cls)
        analyzer._aliases = defaultdict(list)
        for item in state["aliases"]:
            first, options = item if isinstance(item, list) and len(item) == 2 else (None, None)
            if not isinstance(first, str) or not isinstance(options, list):
                raise ValueError("not an analyzer's state: aliases")
            for option in options:
                if not (isinstance(option, list) and len(option) == 2 and isinstance(option[1], str)):
                    raise ValueError("not an analyzer's state: an alias")
                analyzer._aliases[first].append((tuple(text_list(option[0])), option[1]))
        analyzer.alias_terms = frozenset(term for options in analyzer._aliases.values() for _, term in options)
        analyzer._names = frozenset(text_list(state.get("names")))
        analyzer._known_stems = set(text_list(state.get("stems")))
        analyzer._speller = Speller.from_state(state.get("speller"))
        return analyzer

    def learn(self, texts: Iterable[str]) -> None:
        """Add the words of these texts to the vocabulary that typos are corrected towards."""
        for text in texts:
            found = words(text)
            self._speller.learn(found)
            self._known_stems.update(stem(word) for word in found)

    def knows(self, word: str) -> bool:
        return self._speller.knows(word) or stem(word) in self._known_stems

    def correct(self, word: str) -> str:
        """The known word this one is most likely a typo of, or the word itself."""
        return self._speller.correct(word, is_known=stem(word) in self._known_stems)

    def terms(self, text: str, correct_typos: bool = False) -> list[str]:
        """The meaningful terms of ``text``, in order, with repeats."""
        return [term for term, _ in self.analyze(text, correct_typos)]

    def analyze(self, text: str, correct_typos: bool = False) -> list[tuple[str, str]]:
        """Each meaningful term of ``text`` with the word it came from (the phrase, for an alias)."""
        surface, stems, _ = self._words(words(text, self.correct if correct_typos else None, self._names))
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(stems):
            alias = self._alias_at(stems, i)
            if alias is not None:
                phrase, term = alias
                out.append((term, " ".join(surface[i:i + len(phrase)])))
                i += len(phrase)
                continue
            if not is_stopword(surface[i]):
                out.append((stems[i], surface[i]))
            i += 1
        return out

    def read(self, text: str, vocabulary: Collection[str]) -> list[Read]:
        """A question's terms, with each word the knowledge base doesn't use read as a related word it does.

        Typos are corrected first, aliases win, then a two-word phrase ("chewed out") is looked up
        before its words, then the word. A verb and its particle ("kick off") are looked up as the phrase
        even when the knowledge base uses the verb, unless the phrase reads as the verb itself ("spell out"). A verb
        the knowledge base doesn't use, before a particle WordNet has no phrase with ("clap back"), is read as typed.
        A word with no related word in ``vocabulary`` stays as it is: the matcher weighs it as unknown. "non"
        and the word after it are one word; when the knowledge base knows neither it nor a related word, it is
        read as the word it negates.
        """
        surface, stems, bound = self._words(words(text, self.correct, self._names))
        out: list[Read] = []
        i = 0
        while i < len(stems):
            joined = self._compound_at(surface, i, vocabulary)
            if joined is not None:
                out.append(Read(joined, f"{surface[i]} {surface[i + 1]}"))
                i += 2
                continue
            alias = self._alias_at(stems, i)
            if alias is not None:
                phrase, term = alias
                out.append(Read(term, " ".join(surface[i:i + len(phrase)])))
                i += len(phrase)
                continue
            if i + 1 < len(stems) and (stems[i] not in vocabulary or (
                    surface[i + 1] in PARTICLES and surface[i] not in GENERIC_WORDS)) and (
                    not is_stopword(surface[i])):
                key = f"{stems[i]}_{stems[i + 1]}"
                found = self._related_term(key, vocabulary)
                if found is not None and found[0] != stems[i]:
                    out.append(Read(found[0], f"{surface[i]} {surface[i + 1]}", found[1], related=True))
                    i += 2
                    continue
                if stems[i] not in vocabulary and surface[i + 1] in PARTICLES and (
                        surface[i] not in GENERIC_WORDS and i not in bound and not known(key)):
                    # "clap back", "hit back": a phrasal verb WordNet doesn't know says something the verb's own
                    # senses ("clap" hands, "hit" a ball) don't, so no related word of the verb is read for it
                    out.append(Read(stems[i], surface[i]))
                    i += 1
                    continue
            if not is_stopword(surface[i]):
                found_read = self._word_read(stems[i], surface[i], vocabulary)
                if i in bound and found_read.term not in vocabulary:
                    # "non-toxic": a compound the knowledge base doesn't use is about the word it negates
                    rest = surface[i][len(NON):]
                    found_read = self._word_read(stem(rest), rest, vocabulary)
                out.append(found_read)
            i += 1
        return out

    def _compound_at(self, surface: list[str], i: int, vocabulary: Collection[str]) -> str | None:
        """The term of the closed compound that words ``i`` and ``i + 1`` write open ("head count" for the knowledge
        base's "headcount"), when the knowledge base uses it and neither word is a stopword or a number; else None.
        English writes many compounds both ways."""
        if i + 1 >= len(surface):
            return None
        first, second = surface[i], surface[i + 1]
        if not (first.isalpha() and second.isalpha() and first.islower() and second.islower()) or (
                is_stopword(first) or is_stopword(second)):
            return None
        term = stem(first + second)
        if term not in vocabulary or term in (stem(first), stem(second)) or self._alias_at([term], 0) is not None:
            return None
        return term if english_rank(first + second) is not None else None  # "general led" is not "generalled"

    def _word_read(self, term: str, word: str, vocabulary: Collection[str]) -> Read:
        """The word as its term, or as a related word the knowledge base uses when it doesn't use the term."""
        found = None if term in vocabulary or term in INTENT_WORDS else self._related_term(term, vocabulary)
        if found is None and term == word and _plural_kept_whole(word) and not known(term):
            found = self._related_term(stem(word[:-1]), vocabulary)  # "pros": WordNet knows the singular, "pro"
        return Read(found[0], word, found[1], related=True) if found else Read(term, word)

    def _words(self, surface: list[str]) -> tuple[list[str], list[str], set[int]]:
        """The words, their stems, and which words are "non" bound to the word after it.

        "non-native", "non native" and "nonnative" are one word: dropping "non" as a stopword would
        read the opposite. Not when an alias starts at either ("non military", "non US").
        """
        stems = [word if word in INTENT_WORDS or word.isupper() else stem(word) for word in surface]
        for at, word in enumerate(surface[:-3]):
            if (word, surface[at + 1]) == NAMED_IN and surface[at + 2] in _POINTING and surface[at + 3].isalpha():
                stems[at] = MENTIONED  # "the war named in the quote": mentioned there, not a name asked for
        bound: set[int] = set()
        i = 0
        while i + 1 < len(surface):
            if surface[i] == NON and surface[i + 1].isalpha() and surface[i + 1].islower() and (
                    self._alias_at(stems, i) is None and self._alias_at(stems, i + 1) is None):
                surface[i:i + 2] = [NON + surface[i + 1]]
                stems[i:i + 2] = [stem(surface[i])]
                bound.add(i)
            i += 1
        return surface, stems, bound

    def _alias_at(self, stems: list[str], i: int) -> tuple[tuple[str, ...], str] | None:
        """The longest alias phrase starting at word ``i``, unless a longer one starts inside it.

        "the state space corporation": "the state(s)" starts first, but "state space corporation"
        says more; taking the first would split the longer phrase and lose it.
        """
        found = self._alias_starting(stems, i)
        if found is None:
            return None
        end = i + len(found[0])
        for j in range(i + 1, end):
            inner = self._alias_starting(stems, j)
            if inner is not None and j + len(inner[0]) > end and len(inner[0]) > len(found[0]):
                return None
        return found

    def _alias_starting(self, stems: list[str], i: int) -> tuple[tuple[str, ...], str] | None:
        for phrase, term in self._aliases.get(stems[i], ()):
            if tuple(stems[i:i + len(phrase)]) == phrase:
                return phrase, term
        return None

    def _related_term(self, key: str, vocabulary: Collection[str]) -> tuple[str, float] | None:
        """The first related word the knowledge base uses, close relations before loose ones.

        A related word that is one of the story's aliases counts when it is the alias's term or a phrase ("united
        states"), not when it is a single word the story gives its own sense: "trash" may be the story's word for
        "criticise", but "junk" (WordNet's "trash") is not, nor "crazy" ("mad").
        """
        close, loose = related(key)
        for targets, share in ((close, CLOSE_SHARE), (loose, LOOSE_SHARE)):
            for target in targets:
                parts = target.split("_")
                alias = self._alias_at(parts, 0)
                if alias is not None and len(alias[0]) == len(parts):
                    if len(parts) == 1 and alias[1] != target:
                        continue  # a story's own word for its term, in the story's sense only
                    return alias[1], share
                if target in vocabulary:
                    return target, share
        return None


# "who is ana ortiz", "who is the city official in the article": the knowledge base asks who someone is both by
# name and by a description ("the" or "a" before it), and a description it answers with a name is that person.
_WHO_IS = lazy(r"^(?:who(?:'s| is| was)|whos) (?P<article>(?:the|a|an) )?(?P<named>.+?)\??$", re.IGNORECASE)
_CAPITALISED = lazy(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def described_names(entries: Iterable[Entry], article_lines: Iterable[str], analyzer: Analyzer,
                    light: Callable[[str], bool]) -> list[tuple[tuple[str, ...], str]]:
    """The descriptions the knowledge base answers with a person's or body's name, each with the name's term.

    An entry that answers "who is ortiz" and "who is the city official in the article" says the official is
    Ortiz: a question that speaks of "the city official" speaks of Ortiz. A name is a term one of the entry's
    questions asks who is, alone, and that the article writes with a capital; a description is the terms after
    "who is the/a/an" that weigh something (``light`` tells which don't), two or more of them, since one word
    ("who is the astronaut") describes too many. Only facts from the article: a gap names nobody.
    """
    named = {term for line in article_lines for found in _CAPITALISED.finditer(line)
             for term in analyzer.terms(found.group())}
    out: list[tuple[tuple[str, ...], str]] = []
    for entry in entries:
        if not entry.from_article:
            continue
        asked = [(found.group("article") is not None, analyzer.terms(found.group("named")))
                 for question in entry.questions if (found := _WHO_IS.match(question.strip()))]
        names = {terms[0] for described, terms in asked if not described and len(terms) == 1 and terms[0] in named}
        if len(names) != 1:
            continue  # nobody, or more than one name: no telling whom a description means
        name = names.pop()
        for described, terms in asked:
            heavy = tuple(dict.fromkeys(term for term in terms if not light(term)))
            if described and len(heavy) >= 2 and name not in heavy:
                out.append((heavy, name))
    return list(dict.fromkeys(out))


def described_in(read: Sequence[Read], described: Sequence[tuple[tuple[str, ...], str]]) -> list[Read]:
    """The names a question speaks of by a description (``described_names``), each as a read of the description's
    words: the description's terms side by side in the question, in any order, and the name not said itself."""
    terms = [r.term for r in read]
    out: list[Read] = []
    for description, name in described:
        if name in terms:
            continue
        size = len(description)
        for at in range(len(terms) - size + 1):
            if set(terms[at:at + size]) == set(description):
                out.append(Read(name, " ".join(r.word for r in read[at:at + size])))
                break
    return out

"""Text to terms: the words of a question that matching weighs, after typos and aliases.

The same ``Analyzer`` reads the knowledge base's patterns and the users' questions, so both
sides meet in one vocabulary. Only questions get typo correction: patterns are the
reference, and correcting them towards each other would blur entries together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.knowledge import AliasGroup
from bot.core.matching.lexicon import INTENT_WORDS, STOPWORDS, english_rank, english_ranks
from bot.core.matching.normalize import stem, words

MIN_TYPO_LENGTH = 5
_CACHE_LIMIT = 20_000


def max_typo_distance(word: str) -> int:
    """How many edits a word may be off and still be read as a known word."""
    if len(word) < MIN_TYPO_LENGTH:
        return 0
    return 1 if len(word) < 9 else 2


class Analyzer:
    """Reads text into terms: stems, with alias phrases folded into one term, stopwords dropped."""

    def __init__(self, aliases: Sequence[AliasGroup] = ()) -> None:
        self._aliases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for group in aliases:
            term = "_".join(stem(w) for w in words(group.term)) or group.term
            for phrase in (group.term, *group.same_as):
                stems = tuple(stem(w) for w in words(phrase))
                if stems:
                    self._aliases[stems[0]].append((stems, term))
        for options in self._aliases.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        self.alias_terms = frozenset(term for options in self._aliases.values() for _, term in options)
        self._known_words: set[str] = set(STOPWORDS)
        self._known_stems: set[str] = set()
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._corrections: dict[str, str] = {}
        for group in aliases:
            self.learn([group.term, *group.same_as])
        self.learn(sorted(STOPWORDS))  # "acording" is a typo too, even if "according" carries no meaning

    def learn(self, texts: Iterable[str]) -> None:
        """Add the words of these texts to the vocabulary that typos are corrected towards."""
        for text in texts:
            for word in words(text):
                if word not in self._known_words:
                    self._known_words.add(word)
                    self._known_stems.add(stem(word))
                    if word.isalpha() and len(word) >= MIN_TYPO_LENGTH - 1:
                        self._by_initial[word[0]].append(word)
        for candidates in self._by_initial.values():
            # On a tie in edit distance, the commoner word wins; the order must not depend on the run.
            candidates.sort(key=lambda word: (english_rank(word) or len(english_ranks()), word))
        self._corrections.clear()

    def knows(self, word: str) -> bool:
        return word in self._known_words or stem(word) in self._known_stems

    def correct(self, word: str) -> str:
        """The known word this one is most likely a typo of, or the word itself."""
        if self.knows(word) or not word.isalpha() or english_rank(word) is not None:
            return word  # a real word the knowledge base doesn't use is not a typo
        if word.endswith("in") and self.knows(word + "g"):
            return word + "g"  # "holdin", "doin": the dropped g of chat
        found = self._corrections.get(word)
        if found is not None:
            return found
        limit = max_typo_distance(word)
        best = word
        if limit:
            # Typos rarely change the first letter; looking only there is faster and safer.
            match = process.extractOne(word, self._by_initial.get(word[0], ()), scorer=OSA.distance,
                                       processor=None, score_cutoff=limit)
            if match is not None:
                best = match[0]
        if len(self._corrections) > _CACHE_LIMIT:
            self._corrections.clear()
        self._corrections[word] = best
        return best

    def terms(self, text: str, correct_typos: bool = False) -> list[str]:
        """The meaningful terms of ``text``, in order, with repeats."""
        return [term for term, _ in self.analyze(text, correct_typos)]

    def analyze(self, text: str, correct_typos: bool = False) -> list[tuple[str, str]]:
        """Each meaningful term of ``text`` with the word it came from (the phrase, for an alias)."""
        surface = words(text)
        if correct_typos:
            surface = [self.correct(word) for word in surface]
        stems = [word if word in INTENT_WORDS else stem(word) for word in surface]
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(stems):
            for phrase, term in self._aliases.get(stems[i], ()):
                if tuple(stems[i:i + len(phrase)]) == phrase:
                    out.append((term, " ".join(surface[i:i + len(phrase)])))
                    i += len(phrase)
                    break
            else:
                if surface[i] not in STOPWORDS:
                    out.append((stems[i], surface[i]))
                i += 1
        return out

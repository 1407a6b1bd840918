"""Typo correction: towards the story's own words first, then towards common English.

A misspelt story word ("cosmonots") must meet the story's word; a misspelt ordinary word
("governmnt", "abot") must become that ordinary word, which weighs little, instead of staying an
unknown word, which weighs most and sinks the match. The English side is wordfreq's frequency
list (``data/README.md``): on equal distance the commoner word wins, as in SymSpell.

The search is rapidfuzz's ``extractOne`` with the OSA distance (a swap of two letters is one
edit) over the words that share the typo's first letter: typos rarely change the first letter,
and looking only there keeps a lookup well under a millisecond with nothing built at start-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.matching.lexicon import english_rank, english_ranks

MIN_STORY_TYPO = 5    # shorter words are too easily another word
MIN_ENGLISH_TYPO = 3  # "sai" for "said"; two letters are anything
_CACHE_LIMIT = 20_000


def story_distance(word: str) -> int:
    """How many edits a word may be off and still be read as one of the story's words."""
    if len(word) < MIN_STORY_TYPO:
        return 0
    return 1 if len(word) < 9 else 2


def english_distance(word: str) -> int:
    if len(word) < MIN_ENGLISH_TYPO:
        return 0
    return 1 if len(word) < 8 else 2


@cache
def _english_by_initial() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for word in english_ranks():  # commonest first: extractOne keeps the first of equal distance
        if word.isalpha():
            grouped[word[0]].append(word)
    return {initial: tuple(words) for initial, words in grouped.items()}


def _closest(word: str, choices: Iterable[str], limit: int) -> tuple[str, int] | None:
    if not limit:
        return None
    match = process.extractOne(word, choices, scorer=OSA.distance, processor=None, score_cutoff=limit)
    return (match[0], int(match[1])) if match is not None else None


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of text")
    return value


class Speller:
    """Corrects words against a story's vocabulary, then against common English."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._corrections: dict[str, str] = {}
        self._sorted = True

    def learn(self, words: Iterable[str]) -> None:
        for word in words:
            if word not in self._known:
                self._known.add(word)
                if word.isalpha() and len(word) >= MIN_STORY_TYPO - 1:
                    self._by_initial[word[0]].append(word)
                    self._sorted = False
        self._corrections.clear()

    def _story_words(self, initial: str) -> list[str]:
        """The story's words that start with ``initial``, commonest first.

        Sorted when first searched, not on every ``learn``: the knowledge base learns its texts one by
        one, and sorting after each made a 10,000-entry one take a minute and a half to build.
        """
        if not self._sorted:
            # On a tie in edit distance the commoner word wins; the order must not depend on the run.
            # New lists, never sorted in place: another thread may be searching the old ones.
            self._by_initial = defaultdict(list, {
                first: sorted(candidates, key=lambda w: (english_rank(w) or len(english_ranks()), w))
                for first, candidates in self._by_initial.items()})
            self._sorted = True
        return self._by_initial.get(initial, [])

    def state(self) -> dict[str, Any]:
        """What this speller knows, as JSON values (for the engine cache; corrections start afresh)."""
        return {"known": sorted(self._known), "sorted": self._sorted,
                "by_initial": [[first, words] for first, words in self._by_initial.items()]}

    @classmethod
    def from_state(cls, state: Any) -> Speller:
        """The speller ``state()`` described; ``ValueError`` when ``state`` isn't shaped like one."""
        if not isinstance(state, dict) or not isinstance(state.get("by_initial"), list) or \
                not isinstance(state.get("sorted"), bool):
            raise ValueError("not a speller's state")
        speller = cls()
        speller._known = set(text_list(state.get("known")))
        for item in state["by_initial"]:
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                raise ValueError("not a speller's state: words by initial")
            speller._by_initial[item[0]] = text_list(item[1])
        speller._sorted = state["sorted"]
        return speller

    def knows(self, word: str) -> bool:
        return word in self._known

    def correct(self, word: str, is_known: bool = False) -> str:
        """The word this one is most likely a typo of, or the word itself."""
        if is_known or word in self._known or not word.isalpha():
            return word
        if word.endswith("in") and word + "g" in self._known:
            return word + "g"  # "holdin", "doin": the dropped g of chat
        if english_rank(word) is not None:
            return word  # a real word is meant as written, even one the story doesn't use
        found = self._corrections.get(word)
        if found is None:
            found = self._search(word)
            if len(self._corrections) > _CACHE_LIMIT:
                self._corrections.clear()
            self._corrections[word] = found
        return found

    def _search(self, word: str) -> str:
        story = _closest(word, self._story_words(word[0]), story_distance(word))
        english = _closest(word, _english_by_initial().get(word[0], ()), english_distance(word))
        if story is not None and (english is None or story[1] <= english[1]):
            return story[0]  # the story's word wins a tie: it is what people ask this bot about
        if english is not None:
            return english[0]
        return word

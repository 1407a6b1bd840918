"""What an entry says, in the index's terms: the lookups the matcher's checks share."""

from __future__ import annotations

import math

from bot.core.knowledge import Entry, KnowledgeBase, MatchSettings
from bot.core.matching.index import Index, Vocabulary
from bot.core.matching.index.layout import TYPE_BITS, bits
from bot.core.matching.question.answer_types import a_persons_name
from bot.core.matching.scores import Tuning
from bot.core.matching.wording import Wording, name_kind
from bot.core.matching.words.analysis import Analyzer, described_names
from bot.core.matching.words.lexicon import INTENT_WORDS, english_rank

COMMON_RANKS = 20_000  # English words rarer than this weigh as much as words not in the list



class EntryReading:
    """The matcher's state that its checks read (``Matcher.__init__`` sets it), and the lookups of what an
    entry says, in the index's terms, that they share."""

    kb: KnowledgeBase
    settings: MatchSettings
    tuning: Tuning
    analyzer: Analyzer
    wording: Wording
    entries: list[Entry]
    index: Index
    _term_id: Vocabulary
    _entry_index: dict[str, int] | None
    _heads_of_patterns: dict[str, tuple[str, frozenset[str]] | None]
    _speakers: dict[str, frozenset[str]]
    _persons: frozenset[str] | None
    _lines_read: dict[int, frozenset[str]]
    _years: frozenset[str] | None
    _described: list[tuple[tuple[str, ...], str]] | None
    _saying: frozenset[str]

    def weight(self, term: str, word: str = "") -> float:
        """A term's weight; for a word the knowledge base never uses, by how rare it is in English."""
        known = self._term_id.get(term)
        if known is not None:
            return float(self.index.weights[known])
        return self._unknown_weight(word)

    def _unknown_weight(self, word: str) -> float:
        rank = english_rank(word) if word else None
        if rank is None:
            return self.tuning.unknown_weight
        # Common everyday words say less about what a question is after than rare ones.
        share = min(1.0, max(0.0, math.log10(rank + 1) / math.log10(COMMON_RANKS)))
        return self.tuning.generic_weight + share * (self.tuning.unknown_weight - self.tuning.generic_weight)

    def _described_names(self) -> list[tuple[tuple[str, ...], str]]:
        """The descriptions the knowledge base answers with a name (``described_names``), read on first use."""
        if self._described is None:
            light = self.index.light
            self._described = described_names(
                self.entries, self.kb.article.lines, self.analyzer,
                lambda term: (known := self._term_id.get(term)) is None or bool(light[known]))
        return self._described

    def _text_terms(self, entry: Entry) -> list[str]:
        """The terms of the entry's answer and quotes in their order, as the index read them (not read again for
        every question)."""
        index, number = self.index, self._number(entry.id)
        ids = index.entry_words[index.entry_words_at[number]:index.entry_words_at[number + 1]].tolist()
        return [index.terms[t] for t in ids if t < len(index.terms)]

    def _holds(self, entry: Entry, kinds: frozenset[str]) -> bool:
        """Whether the entry's text can hold answers of all these kinds (``held_types``, as the index stored it)."""
        wanted = bits(kinds, TYPE_BITS)
        return int(self.index.entry_holds[self._number(entry.id)]) & wanted == wanted

    def _persons_quoted(self) -> frozenset[str]:
        """The terms of the persons the story quotes, whom "she" or "he" may stand for (``a_persons_name``)."""
        if self._persons is None:
            self._persons = frozenset(term for quote in self.kb.quotes if a_persons_name(quote.speaker, name_kind)
                                      for term in self.analyzer.terms(quote.speaker, correct_typos=True))
        return self._persons

    def _terms(self, text: str | None) -> frozenset[str]:
        return frozenset(self.analyzer.terms(text, correct_typos=True) if text else ())

    def _number(self, entry_id: str) -> int:
        if self._entry_index is None:
            self._entry_index = {entry.id: number for number, entry in enumerate(self.entries)}
        return self._entry_index[entry_id]

    def _uses(self, entry: int, term: str) -> bool:
        """Whether the entry's questions, answer or quotes use the term."""
        return entry in self._users_of(term)

    def _users_of(self, term: str) -> frozenset[int]:
        """The entries whose questions, answer or quotes use the term."""
        index, known = self.index, self._term_id.get(term)
        if known is None:
            return frozenset()
        return frozenset(index.term_impact[index.term_impact_at[known]:index.term_impact_at[known + 1]]).union(
            index.term_text[index.term_text_at[known]:index.term_text_at[known + 1]])

    def _light(self, term: str) -> bool:
        """Whether a term is one of the knowledge base's everyday words ("real", "whole"), which name nothing."""
        known = self._term_id.get(term)
        return known is not None and bool(self.index.light[known]) and term not in INTENT_WORDS

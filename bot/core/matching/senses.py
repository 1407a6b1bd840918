"""Which sense of a word a question means: the one the story's entries use beside the question's other words.

WordNet relates a word to many others, one per sense: "assault" is "attack" in a war and "criticise" in a
debate. ``Analyzer.read`` takes the first related word the knowledge base uses, which may be the wrong sense;
here the question's other words choose among them, as a reader does, the way Lesk's method reads a sense off its
context: the story word that some entry uses together with the most of the question's other words.
"""

from __future__ import annotations

from bot.core.matching.deciding.entry_reading import EntryReading
from bot.core.matching.words.analysis import Read
from bot.core.matching.words.normalize import stem
from bot.core.matching.words.related import CLOSE_SHARE, LOOSE_SHARE, related


class Senses(EntryReading):
    """The reading of a question's related words by their context (``Matcher.rank`` calls it)."""

    _users: dict[str, frozenset[int]]

    def _senses_in_context(self, read: list[Read]) -> list[Read]:
        """The reads, each word read as a related story word given the sense an entry uses beside the question's
        other words ("did the assault on the city begin ..." reads "assault" as the entry's "attack", used beside
        "city", not as "criticise", its first related word the story uses); a phrase so read too ("set on"). A close
        relation is never displaced by a loose one: any word is loosely many things."""
        plain = [r for r in read if not r.related and r.term in self._term_id and not self._light(r.term)]
        if not plain:
            return read
        return [self._in_context(r, plain) if r.related else r for r in read]

    def _in_context(self, read: Read, plain: list[Read]) -> Read:
        close, loose = related("_".join(stem(word) for word in read.word.split()))
        options = [(term, CLOSE_SHARE) for term in close if term in self._term_id]
        if read.share < CLOSE_SHARE:
            options += [(term, LOOSE_SHARE) for term in loose if term in self._term_id]
        if len(options) < 2:
            return read
        others = [r for r in plain if r.word != read.word]
        best_term, best_share = max(options, key=lambda option: self._beside(option[0], others))  # first on a tie
        if self._beside(best_term, others) <= self._beside(read.term, others):
            return read
        return read._replace(term=best_term, share=best_share)

    def _beside(self, term: str, others: list[Read]) -> float:
        """The most weight of ``others`` that one entry using ``term`` also uses."""
        users = self._users_of(term)
        return max((sum(self.weight(r.term, r.word) for r in others if entry in self._users_of(r.term))
                    for entry in users), default=0.0)

    def _users_of(self, term: str) -> frozenset[int]:
        """The entries whose questions, answer or quotes use the term (read from the index once)."""
        found = self._users.get(term)
        if found is None:
            index, known = self.index, self._term_id.get(term)
            found = frozenset() if known is None else frozenset(
                index.term_impact[index.term_impact_at[known]:index.term_impact_at[known + 1]]).union(
                index.term_text[index.term_text_at[known]:index.term_text_at[known + 1]])
            self._users[term] = found
        return found

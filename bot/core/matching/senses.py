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

    def _senses_in_context(self, read: list[Read]) -> list[Read]:
        """The reads, each word read as a related story word given the sense an entry uses beside the question's
        other words ("did the assault on the city begin ..." reads "assault" as the entry's "attack", used beside
        "city", not as "criticise", its first related word the story uses); a phrase so read too ("set on"). A close
        relation is never displaced by a loose one: any word is loosely many things."""
        plain = [r for r in read if not r.related and r.term in self._term_id and not self._light(r.term)]
        if not plain or not any(r.related for r in read):
            return read
        users = {r.term: self._users_of(r.term) for r in plain}
        return [self._in_context(r, plain, users) if r.related else r for r in read]

    def _in_context(self, read: Read, plain: list[Read], users: dict[str, frozenset[int]]) -> Read:
        close, loose = related("_".join(stem(word) for word in read.word.split()))
        options = [(term, CLOSE_SHARE) for term in close if term in self._term_id]
        if read.share < CLOSE_SHARE:
            options += [(term, LOOSE_SHARE) for term in loose if term in self._term_id]
        if len(options) < 2:
            return read
        others = [(users[r.term], self.weight(r.term, r.word)) for r in plain if r.word != read.word]

        def beside(term: str) -> float:  # the most weight of the other words that one entry using the term also uses
            return max((sum(weight for using, weight in others if entry in using) for entry in self._users_of(term)),
                       default=0.0)

        fits = [beside(term) for term, _ in options]
        best = max(range(len(options)), key=fits.__getitem__)  # the first on a tie
        if fits[best] <= beside(read.term):
            return read
        return read._replace(term=options[best][0], share=options[best][1])

"""Matching a question to the knowledge base, and deciding whether to answer.

Scoring, in short: every term gets an IDF weight (rare words such as a name or a place carry
the meaning, common ones little; a word the knowledge base never uses weighs by how rare it is
in English, since it is usually what a question the article can't answer is about). Only
entries that share a term with the question are scored, found through an inverted index, so
the cost follows the question's words rather than the size of the knowledge base. An entry
scores on two sides: how much of the question's weight its questions and text explain
(recall), and how much of its best-matching question the user said (precision). A rapidfuzz
``token_sort_ratio`` over the terms adds a little for wording; asking "when" of an entry that
is never asked "when" costs a little.

The decision follows ``MatchSettings``: answer when the best entry clears ``answer_at`` and
leads the best entry citing other lines by ``margin``; offer suggestions down to
``suggest_at``; decline below. A gap entry on top gives its honest reply: a decline.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bot.core.answers import CitedLine, Kind, Result, Suggestion
from bot.core.knowledge import Entry, KnowledgeBase, MatchSettings
from bot.core.matching.analysis import Analyzer
from bot.core.matching.answer_types import asked_types, held_types
from bot.core.matching.clauses import question_focus, question_parts
from bot.core.matching.lexicon import GENERIC_WORDS, INTENT_WORDS, english_rank
from bot.core.matching.normalize import stem
from bot.core.matching.wording import Wording

MAX_SUGGESTIONS = 3
COMMON_RANKS = 20_000  # English words rarer than this weigh as much as words not in the list
RANKED = 12  # entries returned by rank(): enough for the decision, suggestions and calibration
MAX_POSTINGS = 150  # entries read per term when finding candidates (the most impacted first)


@dataclass(frozen=True)
class Tuning:
    """How scores are made; the defaults are calibrated with ``eval`` on the question sets."""

    unknown_weight: float = 4.0   # a word the knowledge base never uses: usually what an off-topic question is about
    generic_weight: float = 0.35  # everyday words ("think", "part") that the article doesn't use
    intent_weight: float = 1.0    # who/when/where/why/how/how many: tell facts about one event apart
    recall_bias: float = 1.0      # F-beta: explaining all of the question matters more than using all of a pattern
    fuzz_share: float = 0.1       # weight of rapidfuzz's token_sort_ratio between question and pattern terms
    text_share: float = 0.6       # a question word only in the entry's answer or quote counts this much
    intent_penalty: float = 0.85  # asked "when", but no pattern of the entry asks "when": scale the score by this
    type_penalty: float = 0.75    # asked "what year", but the entry's text holds no year: not an answer
    context_share: float = 0.3    # a word of a long message outside its question counts this much


@dataclass(frozen=True)
class Pattern:
    entry: int
    text: str
    terms: frozenset[str]
    weight: float
    joined: str


@dataclass(frozen=True)
class Scored:
    entry: Entry
    score: float
    pattern: str
    coverage: float = 1.0  # share of the question's weight the entry's text explains


def build_analyzer(kb: KnowledgeBase) -> Analyzer:
    """An analyzer whose typo correction aims at the article's, the answers' and the aliases' words.

    Not at the question patterns' words: patterns are written the way users type, typos
    included, and a typo must not become a word of its own. Patterns are corrected too.
    """
    analyzer = Analyzer(kb.aliases)
    analyzer.learn(entry.answer for entry in kb.entries)
    analyzer.learn(kb.article.lines)
    return analyzer


def f_beta(recall: float, precision: float, beta: float) -> float:
    if recall <= 0 or precision <= 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


class Matcher:
    """An index over one knowledge base's patterns; ``ask`` answers one question."""

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer | None = None, tuning: Tuning | None = None) -> None:
        self.kb = kb
        self.settings = kb.matching
        self.tuning = tuning or Tuning()
        self.analyzer = analyzer or build_analyzer(kb)
        self.wording = Wording(kb.article)
        self.entries = list(kb.entries)
        read: list[tuple[int, str, frozenset[str]]] = []
        bags: list[frozenset[str]] = []
        asked: list[frozenset[str]] = []
        for index, entry in enumerate(self.entries):
            bag: set[str] = set()
            for question in entry.questions:
                terms = frozenset(self.analyzer.terms(question, correct_typos=True))
                if terms:
                    read.append((index, question, terms))
                    bag |= terms
            asked.append(frozenset(bag))
            bag.update(self.analyzer.terms(entry.answer))
            for citation in entry.cite:
                bag.update(self.analyzer.terms(citation.quote))
            bags.append(frozenset(bag))
        self._weights = self._weigh(bags)
        self._bags = bags
        self._asked = asked  # the terms of an entry's questions: what it is about, not just what it mentions
        self.patterns: list[Pattern] = []
        # For each entry: term -> its patterns holding that term, so scoring touches only patterns that match.
        self._term_patterns: list[dict[str, list[int]]] = [defaultdict(list) for _ in self.entries]
        self._exact: dict[frozenset[str], list[int]] = defaultdict(list)
        self._intents: list[frozenset[str]] = [frozenset() for _ in self.entries]
        for entry_index, question, terms in read:
            pattern_id = len(self.patterns)
            self.patterns.append(Pattern(entry_index, question, terms, sum(self.weight(t) for t in sorted(terms)),
                                         " ".join(sorted(terms))))
            self._exact[terms].append(pattern_id)
            for term in terms:
                self._term_patterns[entry_index][term].append(pattern_id)
            self._intents[entry_index] |= terms & INTENT_WORDS
        # The kinds of answer each entry's own text can give (a number, a year, a date ...).
        self._holds = [held_types(" ".join([entry.answer, *(c.quote for c in entry.cite)])) for entry in self.entries]
        self._inverse_weight = [1 / p.weight if p.weight else 0.0 for p in self.patterns]
        self._postings = self._impact_ordered_postings()

    def _weigh(self, bags: list[frozenset[str]]) -> dict[str, float]:
        """IDF for the knowledge base's terms; little for everyday words the article doesn't use."""
        tuning = self.tuning
        df: dict[str, int] = defaultdict(int)
        for bag in bags:
            for term in bag:
                df[term] += 1
        total = max(len(bags), 1)
        article_terms = {t for line in self.kb.article.lines for t in self.analyzer.terms(line)}
        weights = {term: math.log(1 + total / count) for term, count in df.items()}
        light = set(INTENT_WORDS)
        for word in GENERIC_WORDS:
            term = stem(word)
            if term not in article_terms and term not in self.analyzer.alias_terms:
                weights[term] = tuning.generic_weight  # "part", "total": unless the article itself uses them
                light.add(term)
        for term in article_terms - weights.keys():
            weights[term] = math.log(1 + total)
        weights.update(dict.fromkeys(INTENT_WORDS, tuning.intent_weight))
        self._light = frozenset(light)  # words that can't make an entry a candidate on their own
        return weights

    def _impact_ordered_postings(self) -> dict[str, tuple[int, ...]]:
        """For each term, the entries whose questions use it, the ones it matters most to first.

        An entry that only mentions a word in its answer can't match on it (no pattern shares
        it), so it isn't a candidate for that word.
        """
        impact: dict[str, dict[int, float]] = defaultdict(dict)
        for pattern in self.patterns:
            for term in pattern.terms:
                share = self.weight(term) / pattern.weight if pattern.weight else 0.0
                slot = impact[term]
                slot[pattern.entry] = max(slot.get(pattern.entry, 0.0), share)
        return {term: tuple(sorted(entries, key=lambda e: (-entries[e], e))) for term, entries in impact.items()}

    def weight(self, term: str, word: str = "") -> float:
        """A term's weight; for a word the knowledge base never uses, by how rare it is in English."""
        known = self._weights.get(term)
        if known is not None:
            return known
        rank = english_rank(word) if word else None
        if rank is None:
            return self.tuning.unknown_weight
        # Common everyday words say less about what a question is after than rare ones.
        share = min(1.0, max(0.0, math.log10(rank + 1) / math.log10(COMMON_RANKS)))
        return self.tuning.generic_weight + share * (self.tuning.unknown_weight - self.tuning.generic_weight)

    def _candidates(self, terms: frozenset[str]) -> set[int]:
        """Entries worth scoring: for each meaningful term, the entries it matters most to.

        Each term's postings are ordered by its impact (its share of the entry's shortest
        pattern holding it), and only the first ``MAX_POSTINGS`` are read: an entry where a
        common word is a small part of a long pattern can't score high on that word, and
        reading every such entry would make the cost grow with the knowledge base.
        """
        found: set[int] = set()
        for term in terms:
            if term not in self._light:
                found.update(self._postings.get(term, ())[:MAX_POSTINGS])
        return found

    def rank(self, question: str, context: str = "") -> list[Scored]:
        """Entries that share a meaningful term with the question, best first.

        ``context`` is the rest of a long message: its words count for a little, so that it can
        say what a bare question refers to ("what's it called?") without outweighing the question.
        """
        read = self.analyzer.read(question, self._weights)
        weights = {r.term: self.weight(r.term, r.word) * r.share for r in read}
        total = sum(weights[t] for t in sorted(weights))
        # The context can only help: its words the entry explains count, its chatter doesn't count against it.
        for r in self.analyzer.read(context, self._weights) if context else ():
            if r.term not in weights and r.term in self._weights and r.term not in self._light:
                weights[r.term] = self.weight(r.term, r.word) * r.share * self.tuning.context_share
        terms = frozenset(weights)
        if total <= 0:
            return []
        candidates = self._candidates(frozenset(r.term for r in read if not r.related))
        exact_only = not candidates
        if exact_only:
            # Nothing but everyday words: only a pattern that says exactly this will do.
            candidates = {self.patterns[p].entry for p in self._exact.get(terms, ())}
        tuning = self.tuning
        ordered = sorted(terms)  # set order varies between runs; sums and ties must not
        joined = " ".join(ordered)
        intents = terms & INTENT_WORDS
        wanted = asked_types(question)
        inverse = self._inverse_weight
        found: list[tuple[float, int, int, float, float, float]] = []
        for entry_index in candidates:
            # Recall: how much of the question the entry explains: words of its questions fully,
            # words only in its answer or quote a little less.
            asked = self._asked[entry_index]
            known = terms & self._bags[entry_index]
            covered = min(1.0, (sum(weights[t] for t in sorted(known & asked))
                                + tuning.text_share * sum(weights[t] for t in sorted(known - asked))) / total)
            # Precision: how much of its best pattern the question says.
            overlap: dict[int, float] = defaultdict(float)
            by_term = self._term_patterns[entry_index]
            for term in ordered:
                for pattern_id in by_term.get(term, ()):
                    overlap[pattern_id] += weights[term]
            # The pattern the question says most of; on a tie, the one that says most of the question.
            best, precision, best_shared = -1, 0.0, 0.0
            for pattern_id, shared in sorted(overlap.items()):
                said = round(shared * inverse[pattern_id], 9)
                if (said, shared) > (precision, best_shared):
                    best, precision, best_shared = pattern_id, said, shared
            if best < 0:
                continue
            score = f_beta(covered, precision, tuning.recall_bias)
            if exact_only and score < 1.0:
                continue
            penalty = 1.0 if intents <= self._intents[entry_index] else tuning.intent_penalty
            if not wanted <= self._holds[entry_index] and self.entries[entry_index].from_article:
                penalty *= tuning.type_penalty
            found.append((score * penalty, entry_index, best, covered, score, penalty))
        found.sort(reverse=True)
        ranked = [self._scored(found_one, joined) for found_one in found[:RANKED]]
        ranked.sort(key=lambda scored: scored.score, reverse=True)
        return ranked

    def _scored(self, found: tuple[float, int, int, float, float, float], joined: str) -> Scored:
        """The final score: the lexical one, a little of rapidfuzz's word-order similarity, the intent penalty."""
        _, entry_index, pattern_id, covered, lexical, penalty = found
        pattern = self.patterns[pattern_id]
        score = lexical
        if self.tuning.fuzz_share:
            similar = fuzz.token_sort_ratio(joined, pattern.joined, processor=None) / 100
            score = (1 - self.tuning.fuzz_share) * lexical + self.tuning.fuzz_share * similar
        return Scored(self.entries[entry_index], score * penalty, pattern.text, covered)

    def rank_message(self, message: str) -> list[Scored]:
        """Like ``rank``, but a long message is read for the question it asks (see ``clauses``).

        When a clause of it asks something, that question is ranked, with the rest of the message
        only as context: a preamble that restates the article must not answer for a question about
        what the article doesn't say. Otherwise each part is tried, and the part that matches best
        wins, the later one on a tie: the question usually comes last.
        """
        focus = question_focus(message)
        if focus is not None:
            return self.rank(focus, context=message)
        best = self.rank(message)
        for part in question_parts(message):
            ranked = self.rank(part)
            if ranked and (not best or ranked[0].score >= best[0].score):
                best = ranked
        return best

    def ask(self, question: str) -> Result:
        """The reply to one question: an answer, a gap's reply, suggestions, or a decline.

        A question about the article's own wording (a quoted fragment, an abbreviation) is settled
        by the article where it can be: it wins over an entry that cites other lines, and "the
        article doesn't spell it out" wins over any entry.
        """
        result = self.decide(question, self.rank_message(question))
        # In a long message, only the question itself: a fragment quoted in the preamble is not asked about.
        worded = self.wording.answer(question_focus(question) or question)
        if worded is None:
            return result
        worded = replace(worded, question=question)
        if worded.kind is Kind.ANSWER and result.answered and (
                {c.line for c in worded.citations} <= {c.line for c in result.citations}):
            return result  # the entry cites the same line and says more
        return worded

    def decide(self, question: str, ranked: list[Scored], settings: MatchSettings | None = None) -> Result:
        """Apply the decision bands to ranked entries (the bands can be overridden to calibrate)."""
        settings = settings or self.settings
        if not ranked or ranked[0].score < settings.suggest_at:
            return Result(question, Kind.DECLINE, score=ranked[0].score if ranked else 0.0)
        top = ranked[0]
        rival = _rival(top, ranked[1:])
        clear_lead = rival is None or top.score - rival.score >= settings.margin
        if not top.entry.from_article:
            if top.score >= settings.answer_at or clear_lead:
                return Result(question, Kind.GAP, answer=top.entry.answer, entry=top.entry.id,
                              score=top.score)
        elif top.score >= settings.answer_at and clear_lead:
            return self.answer(question, top.entry, top.score)
        return self._suggest(question, ranked, settings)

    def answer(self, question: str, entry: Entry, score: float = 1.0) -> Result:
        citations = tuple(CitedLine(c.line, c.quote, self.kb.cited_text(c)) for c in entry.cite)
        return Result(question, Kind.ANSWER, answer=entry.answer, citations=citations,
                      entry=entry.id, score=score)

    def _suggest(self, question: str, ranked: list[Scored], settings: MatchSettings) -> Result:
        options = [s for s in ranked if s.score >= settings.suggest_at and s.entry.from_article]
        suggestions = tuple(Suggestion(s.entry.id, s.entry.questions[0] if s.entry.questions else s.entry.id,
                                       s.score) for s in options[:MAX_SUGGESTIONS])
        if not suggestions:
            return Result(question, Kind.DECLINE, score=ranked[0].score)
        return Result(question, Kind.SUGGESTIONS, score=ranked[0].score, suggestions=suggestions)


def _lines(entry: Entry) -> frozenset[int]:
    return frozenset(c.line for c in entry.cite)


def _rival(top: Scored, others: list[Scored]) -> Scored | None:
    """The best competitor that would send the reader elsewhere.

    Two facts that cite a line in common are not a real ambiguity: either answer quotes the
    line that holds it. A gap, or a fact on other lines only, is.
    """
    lines = _lines(top.entry)
    for other in others:
        if not other.entry.from_article or not top.entry.from_article or not _lines(other.entry) & lines:
            return other
    return None

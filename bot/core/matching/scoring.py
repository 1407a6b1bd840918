"""Matching a question to the knowledge base, and deciding whether to answer.

Scoring, in short: every term gets an IDF weight (rare words such as a name or a place carry
the meaning, common ones little; a word the knowledge base never uses weighs by how rare it is
in English, since it is usually what a question the article can't answer is about). Only
entries that share a term with the question are scored, found through an inverted index, so
the cost follows the question's words rather than the size of the knowledge base. An entry
scores on two sides: how much of the question's weight its questions and text explain
(recall), and how much of its best-matching question the user said (precision). A rapidfuzz
``token_sort_ratio`` over the terms adds a little for wording; asking "when" of an entry that
is never asked "when" costs a little. Of two facts that score close, the one whose questions or text say
more of the question's words side by side, in the question's order, ranks first.

The index is plain arrays (``index.Index``): terms get ids in sorted order, and postings from a term to
its patterns and entries are flat integer arrays with offsets (CSR), so the engine cache can store the index
without pickle. A question's scores are sums over the postings of its terms, in plain Python (``index.postings``)
or, for an index of ``NUMPY_POSTINGS`` or more, with numpy's ``bincount``. Both add a term's contributions in
sorted term order, as the dict-and-set loops before the arrays did, so scores are the same to the last bit and
so are the rankings (``tests/core/matching/test_pinned.py``).

The decision follows ``MatchSettings``: answer when the best entry clears ``answer_at`` and
leads the best entry citing other lines by ``margin``; offer suggestions down to
``suggest_at``; decline below. A gap entry on top gives its honest reply: a decline. So does a gap
close behind an answer whose best question says a weighty word of the question that the answer's entry never
uses: the question asks for the detail the gap says the article lacks. The other way round, a fact close
behind a gap answers when its best question says a weighty word of the question that the gap's best question
doesn't, and the gap's best question says none that the fact lacks. And a gap ranked for suggestion whose best
question asks about the thing the question's wh-word asks about ("how many PHOTOS", "who TOOK") takes it from
an answer whose entry neither asks about that thing nor names it; likewise one whose best question asks the words
of the speaker the question names ("did the staff say anything?") when no question of the answer's entry does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from rapidfuzz import fuzz

from bot.core.answers import CitedLine, Kind, Result, Suggestion
from bot.core.knowledge import Entry, KnowledgeBase, MatchSettings
from bot.core.matching.analysis import Analyzer, Read, described_in, described_names
from bot.core.matching.answer_types import (
    a_persons_name,
    added_thing,
    asked_head,
    asked_meaning,
    asked_name,
    asked_order,
    asked_phrase,
    asked_specification,
    asked_types,
    asked_which,
    asked_who_is,
    asks_a_persons_words,
    asks_addition,
    asks_advice,
    asks_as_what,
    asks_the_texts_date,
    asks_which_person,
    asks_yes_or_no,
    counted_thing,
    names_beside,
    only_counts,
    only_pointed_at,
    reports_words,
    said_only_as_quoted,
    says_any,
    says_as_what,
    says_exclusively,
    says_it_names_none,
    speaker,
    specifies,
    who_object,
    yes_no_after,
    yes_no_subject,
)
from bot.core.matching.clauses import (
    ANSWER_KINDS,
    alternatives,
    asks_for_a_thing,
    checks_a_claim,
    claimed_before,
    coordinated,
    debated_before,
    focus_head,
    judges_claims,
    question_focus,
    question_parts,
    referred_clauses,
    refers_back,
    short_aside,
    short_head,
    without_requests_for_a_source,
)
from bot.core.matching.details import (
    asked_pairing,
    asks_a_rate,
    asks_what_will_be,
    counted_words,
    gives_a_rate,
    offers_answers,
    particles_of_a_deed_after,
    says_it_goes_on,
    years_named,
)
from bot.core.matching.index import Asked, Hit, Index, Vocabulary, rank_entries, side_by_side
from bot.core.matching.index.layout import INTENT_BITS, TYPE_BITS, bits
from bot.core.matching.lexicon import GENERIC_WORDS, INTENT_WORDS, NUMBER_NAMES, english_rank
from bot.core.matching.normalize import clean, forget_read_words, stem, tag_question, words
from bot.core.matching.related import CLOSE_SHARE
from bot.core.matching.wording import FRAGMENT_ANSWER, Wording, name_kind

MAX_SUGGESTIONS = 3
COMMON_RANKS = 20_000  # English words rarer than this weigh as much as words not in the list
NUMPY_POSTINGS = 10_000  # an index with this many term -> pattern postings is scored with numpy (see ``index``)


TAGGED_SHARE = 0.5  # an unknown word of a statement put up for checking: maybe the detail that is wrong


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
    loose_doubt: float = 0.5      # a word read as a loosely related one: this share of its own weight stays unexplained
    informative: float = 1.0      # a question word weighing this much says what is asked: an answer must explain it
    gap_close: float = 0.05       # a gap this close behind an answer may claim the question, a fact behind a gap too
    gap_claim: float = 1.5        # ... by a question word this heavy that its best question says and the other lacks
    order_close: float = 0.1      # a fact this close behind the best fact ranks first when it says more of the question
    order_lead: float = 0.05      # ... in its order (words side by side), by this share of the question's weight
    described_share: float = 0.7  # the person a description means ("the city official"): this share of their weight


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


class Matcher:
    """An index over one knowledge base's patterns; ``ask`` answers one question.

    ``index`` is one built before for this knowledge base (read back from the engine cache).
    """

    def __init__(self, kb: KnowledgeBase, analyzer: Analyzer | None = None, tuning: Tuning | None = None,
                 index: Index | None = None) -> None:
        self.kb = kb
        self.settings = kb.matching
        self.tuning = tuning or Tuning()
        self.analyzer = analyzer or build_analyzer(kb)
        self.wording = Wording(kb.article)
        self.entries = list(kb.entries)
        if index is None:
            from bot.core.matching.index.building import build_index  # numpy: only to build

            index = build_index(kb, self.analyzer, self.tuning)
        self.index = index
        self._term_id = Vocabulary(index.terms)
        self._rank_entries = rank_entries
        if len(index.term_patterns) >= NUMPY_POSTINGS:
            from bot.core.matching.index import postings_numpy

            self._rank_entries = postings_numpy.rank_entries
        self._entry_index: dict[str, int] | None = None
        self._heads_of_patterns: dict[str, tuple[str, frozenset[str]] | None] = {}
        self._speakers: dict[str, frozenset[str]] = {}
        self._persons: frozenset[str] | None = None
        self._lines_read: dict[int, frozenset[str]] = {}
        self._years: frozenset[str] | None = None  # the years the story names (``_story_years``)
        self._described: list[tuple[tuple[str, ...], str]] | None = None
        self._saying = self._terms(_SAYING_WORDS)  # "what does it say?": words of saying, which name nothing
        forget_read_words()  # the index's patterns, read once: the cache is for the questions to come

    def weight(self, term: str, word: str = "") -> float:
        """A term's weight; for a word the knowledge base never uses, by how rare it is in English."""
        known = self._term_id.get(term)
        if known is not None:
            return float(self.index.weights[known])
        return self._unknown_weight(word)

    def read_weights(self, read: list[Read]) -> dict[str, float]:
        """Each term of a read question with its weight. A term reached twice (a name typed and a loosely related
        word read as it, or two words the same term) counts as its heavier reading, in whatever order they came."""
        weights: dict[str, float] = {}
        for r in read:
            weights[r.term] = max(weights.get(r.term, 0.0), self.weight(r.term, r.word) * r.share)
        return weights

    def _unknown_weight(self, word: str) -> float:
        rank = english_rank(word) if word else None
        if rank is None:
            return self.tuning.unknown_weight
        # Common everyday words say less about what a question is after than rare ones.
        share = min(1.0, max(0.0, math.log10(rank + 1) / math.log10(COMMON_RANKS)))
        return self.tuning.generic_weight + share * (self.tuning.unknown_weight - self.tuning.generic_weight)

    def rank(self, question: str, context: str = "", asking: str | None = None) -> list[Scored]:
        """Entries that share a meaningful term with the question, best first.

        ``context`` is the rest of a long message: its words count for a little, so that it can
        say what a bare question refers to ("what's it called?") without outweighing the question.
        ``asking``: the question itself, when ``question`` is it read with a clause before it that it refers to
        ("... the mayor never said that. what do they say the bakery is for?"): the kinds of answer it wants count too,
        though the clause before it comes first.
        """
        read = self.analyzer.read(question, self._term_id)
        if tag_question(question):
            # "the bread won a silver medal, right?": a statement put up for checking; a detail the knowledge base
            # has no word for, or only a loosely related one ("harmless" read as "safe"), is what is checked, and the
            # line that says otherwise answers it.
            read = [r if (r.share >= CLOSE_SHARE if r.related else r.term in self._term_id)
                    else r._replace(share=r.share * TAGGED_SHARE) for r in read]
        read = self._as_checked(question, read)
        weights = self.read_weights(read)
        total = sum(weights[t] for t in sorted(weights))
        # "suspend" read as the story's "support", "death toll" as "cost": a loose relation stands in for the word
        # without saying what it says, so the rest of the word's weight is left for no entry to explain.
        for r in read:
            if r.related and r.share < CLOSE_SHARE:
                own = self._unknown_weight(r.word.split()[0])
                total += self.tuning.loose_doubt * max(0.0, own - weights[r.term])
        # "how did the city official describe the bridge": the person the knowledge base says the description means
        # counts too, as context does: an entry that names them is helped, one that doesn't isn't held back.
        for r in described_in(read, self._described_names()):
            weights[r.term] = max(weights.get(r.term, 0.0), self.weight(r.term) * self.tuning.described_share)
        # The context can only help: its words the entry explains count, its chatter doesn't count against it.
        for r in self.analyzer.read(context, self._term_id) if context else ():
            known_id = self._term_id.get(r.term)
            if r.term not in weights and known_id is not None and not self.index.light[known_id]:
                weights[r.term] = self.weight(r.term, r.word) * r.share * self.tuning.context_share
        terms = frozenset(weights)
        if total <= 0:
            return []
        term_id = self._term_id
        # The question's known terms by id, which is their sorted order: sums run in that order.
        known = sorted((term_id[t], weights[t]) for t in terms if t in term_id)
        kinds = asked_types(question, self.analyzer.correct)
        asked = Asked(ids=[t for t, _ in known], weights=[w for _, w in known],
                      finding=frozenset(term_id[r.term] for r in read if not r.related and r.term in term_id),
                      terms=len(terms), total=total, intents=bits(terms & INTENT_WORDS, INTENT_BITS),
                      wanted=bits(kinds | asked_types(asking, self.analyzer.correct) if asking else kinds, TYPE_BITS))
        joined = " ".join(sorted(terms))
        ranked = [self._scored(hit, joined) for hit in self._rank_entries(self.index, asked, self.tuning)]
        ranked.sort(key=lambda scored: scored.score, reverse=True)
        return self._in_question_order(ranked, read, weights, total)

    def _as_checked(self, question: str, read: list[Read]) -> list[Read]:
        """The question's reads, with the words that put a statement up for checking ("is it correct that ...",
        "am I right") weighing as everyday words: they say that the question checks a statement, not
        what the statement is about, however rare the knowledge base's own use of them ("which is correct?")."""
        checking = _checking_words(question)
        if not checking:
            return read
        light = self.tuning.generic_weight
        return [r._replace(share=min(r.share, light / self.weight(r.term, r.word))) if r.word in checking
                and self.weight(r.term, r.word) > light else r for r in read]

    def _described_names(self) -> list[tuple[tuple[str, ...], str]]:
        """The descriptions the knowledge base answers with a name (``described_names``), read on first use."""
        if self._described is None:
            light = self.index.light
            self._described = described_names(
                self.entries, self.kb.article.lines, self.analyzer,
                lambda term: (known := self._term_id.get(term)) is None or bool(light[known]))
        return self._described

    def _in_question_order(self, ranked: list[Scored], read: list[Read], weights: dict[str, float],
                           total: float) -> list[Scored]:
        """The ranking, with the best fact giving its place to a fact close behind it that says more of the
        question's words in the question's order: two words side by side in the question ("political stunt",
        "relations in space") that stand side by side in the fact's questions, answer or quotes say what the
        question asks more surely than the same words scattered. The two trade places and scores: the score says
        how well the question is matched, the order which entry matches it. A gap keeps its place: a gap says
        nothing in the article's words, so side by side in a fact's quote would always beat it."""
        if len(ranked) < 2 or not ranked[0].entry.from_article:
            return ranked
        known = [self._term_id.get(r.term) for r in read]
        size = len(self.index.terms)
        pairs = {first * size + second: (read[at].term, read[at + 1].term)
                 for at, (first, second) in enumerate(pairwise(known)) if first is not None and second is not None}
        if not pairs:
            return ranked

        def said_in_order(scored: Scored) -> float:
            pool = side_by_side(self.index, self._number(scored.entry.id))
            said = {term for code, two in pairs.items() if code in pool for term in two}
            return sum(weights[term] for term in sorted(said)) / total

        lead = ranked[0]
        close = [n for n, scored in enumerate(ranked)
                 if scored.entry.from_article and lead.score - scored.score < self.tuning.order_close]
        shares = {n: said_in_order(ranked[n]) for n in close}
        pick = max(close, key=lambda n: shares[n])  # on a tie, the better ranked
        if pick == 0 or shares[pick] <= shares[0] + self.tuning.order_lead:
            return ranked
        ranked = list(ranked)
        ranked[0], ranked[pick] = replace(ranked[pick], score=lead.score), replace(lead, score=ranked[pick].score)
        return ranked

    def _scored(self, hit: Hit, joined: str) -> Scored:
        """The final score: the lexical one, a little of rapidfuzz's word-order similarity, the intent penalty."""
        index = self.index
        entry = self.entries[hit.entry]
        score = hit.score
        if self.tuning.fuzz_share:
            starts = index.pattern_terms_at
            pattern_joined = " ".join(index.terms[t] for t in index.pattern_terms[starts[hit.pattern]:
                                                                                  starts[hit.pattern + 1]])
            similar = fuzz.token_sort_ratio(joined, pattern_joined, processor=None) / 100
            score = (1 - self.tuning.fuzz_share) * hit.score + self.tuning.fuzz_share * similar
        return Scored(entry, score * hit.penalty, entry.questions[index.pattern_question[hit.pattern]], hit.covered)

    def rank_message(self, message: str) -> list[Scored]:
        """Like ``rank``, but a long message is read for the question it asks (see ``clauses``).

        When a clause of it asks something, that question is ranked, with the rest of the message
        only as context: a preamble that restates the article must not answer for a question about
        what the article doesn't say. Otherwise, or when that question names nothing of the story
        on its own ("is that right?"), each part is tried, and the part that matches best
        wins, the later one on a tie: the question usually comes last.
        """
        return self._rank_focused(message, question_focus(message, self.analyzer.correct))

    def _rank_focused(self, message: str, focus: str | None) -> list[Scored]:
        # "we argued about whether anyone recognises them, ..., so which ones does the article say do?": a question
        # after a dispute the message states is read with it, when that matches better than the question alone.
        focused: list[Scored] | None = None  # the question alone, ranked when first needed
        if focus is not None and (debated := debated_before(message, focus)):
            focused = self.rank(focus, context=message)
            for dispute in debated:
                ranked = self.rank(f"{dispute} {focus}", context=message, asking=focus)
                if ranked and (not focused or ranked[0].score > focused[0].score):
                    return ranked
        # "... and I wrote that the shop opened in 1990. Is that right?": the question asks whether the claim before it
        # holds; it is read as that claim put up for checking ("the shop opened in 1990, right?"), whole or from the
        # first word of saying in it on ("I wrote that ..."), whichever matches best.
        # "..., I said forty, who owes who?" asks which of the claims holds: the same, whatever its words.
        if focus is not None and (judges_claims(focus) or (checks_a_claim(focus) and self._naming(
                _without_the_text(focus))[0] < self.tuning.informative)):
            checked: list[Scored] = []
            for lead in claimed_before(message, focus):
                ranked = self.rank(f"{lead.rstrip(' .!?;,')}, right?", context=message)
                if ranked and (not checked or ranked[0].score > checked[0].score):
                    checked = ranked
            if checked:
                return checked
        # "..., the article mentions a newspaper, which one was it?": a question that names only the kind of answer
        # it wants is about the clause before it (or a part of that clause), whichever matches best.
        if focus is not None and asks_for_a_thing(focus) and self._naming(focus)[0] < self.tuning.informative:
            referred: list[Scored] = []
            for lead in referred_clauses(message, focus, lambda clause: self._naming(clause)[1]):
                ranked = self.rank(f"{lead} {focus}", context=message, asking=focus)
                if ranked and (not referred or ranked[0].score > referred[0].score):
                    referred = ranked
            if referred:
                return referred
        # "my friend insists relations between the two towns improved, so what does it say about their relations?":
        # "their" points back at what a clause before names; read with that clause, when that matches better.
        # A gap the question finds alone, first or close behind the first, stands: "the article says the station has one
        # European astronaut - which agency sent them?" asks what the article lacks, and the clause that restates the
        # article must not answer it.
        if focus is not None and _POINTS_BACK.search(focus):
            focused = focused if focused is not None else self.rank(focus, context=message)
            gap_near = any(not scored.entry.from_article and focused[0].score - scored.score < self.tuning.gap_close
                           for scored in focused[:3])
            for lead in [] if gap_near else referred_clauses(message, focus, lambda clause: self._naming(clause)[1]):
                ranked = self.rank(f"{lead} {focus}", context=message, asking=focus)
                if ranked and (not focused or ranked[0].score > focused[0].score):
                    focused = ranked
        if focus is not None:
            if focused is None:
                focused = self.rank(focus, context=message)
            # "who did they criticise, the government or the crew?", "what did they call it, the full phrase?": the
            # rest of the question only adds words an answer misses. Read alone, its first clause says more clearly
            # what it asks: it wins when it finds the entry the whole question ranks first, or when the rest asks a
            # question of its own ("when did they post the photos, and how many were in them?").
            head, asks_again = focus_head(message, self.analyzer.correct)
            alone = self.rank(head) if head is not None and focused else []
            if alone and alone[0].score > focused[0].score and (asks_again or alone[0].entry.id == focused[0].entry.id):
                focused = alone
            # "what I want to know is how hard they came down on them - what verb does the article use?": after a dash,
            # the question asked again in its own words, read alone, when that matches better.
            *_, tail = focus.split(" - ")
            if tail != focus and _WH_START.match(tail) and focused and (
                    again := self.rank(tail, context=message)) and again[0].score > focused[0].score:
                focused = again
            if focused:
                return focused
            # "is that right?", "did she really say that?": the question names nothing itself; the rest of the
            # message says what it is about.
        best = self.rank(message)
        # "who runs it, the council and the school?": a short question and the asker's guess; the question alone says
        # more clearly what it asks, when it finds the entry the whole message ranks first.
        if (head := short_head(message)) is not None and best:
            alone = self.rank(head)
            if alone and alone[0].entry.id == best[0].entry.id and alone[0].score > best[0].score:
                best = alone
        # "whats the bakery, never heard of it", "who runs it? sorry, new here": a short question and an aside that
        # asks nothing; the question alone answers, when it is sure of a fact and the aside alone names none.
        if (parts := short_aside(message)) is not None and best:
            alone = self.rank(parts[0])
            if alone and alone[0].score > best[0].score and self._sure_of_a_fact(alone) and (
                    not self._suggests_a_fact(self.rank(parts[1]))):
                best = alone
        # "ana ortiz works for which council and in what role?": a short question asking two things of one
        # subject; read as either thing, it may say more clearly which entry answers both.
        for part in coordinated(message):
            ranked = self.rank(part)
            if ranked and best and ranked[0].entry.id == best[0].entry.id and ranked[0].score > best[0].score:
                best = ranked
        for part in question_parts(message):
            ranked = self.rank(part)
            if ranked and (not best or ranked[0].score >= best[0].score):
                best = ranked
        return best

    def _dateline_entry(self) -> Entry | None:
        """The fact that cites the story's dateline, the first if several; None when none does."""
        dateline = self.kb.story.dateline
        return next((entry for entry in self.entries if entry.from_article and any(
            citation.line == dateline.line and dateline.quote in citation.quote for citation in entry.cite)), None)

    def _sure_of_a_fact(self, ranked: list[Scored]) -> bool:
        return bool(ranked) and ranked[0].entry.from_article and ranked[0].score >= self.settings.answer_at

    def _suggests_a_fact(self, ranked: list[Scored]) -> bool:
        return any(scored.entry.from_article and scored.score >= self.settings.suggest_at for scored in ranked)

    def _naming(self, text: str) -> tuple[float, float]:
        """What a text names besides the kind of answer it asks for: the weight of its heaviest term, and the sum
        of the weights of its terms the knowledge base uses (not read as a related word). A word of saying names
        nothing: "what does it say?" asks for someone's words, and what about is said before it."""
        heaviest = known = 0.0
        for r in self.analyzer.read(text, self._term_id):
            if r.term in INTENT_WORDS or stem(r.word) in ANSWER_KINDS or r.term in self._saying:
                continue
            heaviest = max(heaviest, self.weight(r.term, r.word) * r.share)
            term = self._term_id.get(r.term)
            if term is not None and not r.related and not self.index.light[term]:
                known += float(self.index.weights[term])
        return heaviest, known

    def ask(self, question: str) -> Result:
        """The reply to one question: an answer, a gap's reply, suggestions, or a decline.

        A question about the article's own wording (a quoted fragment, an abbreviation) is settled
        by the article where it can be: it wins over an entry that cites other lines, and "the
        article doesn't spell it out" wins over any entry. A gap that clears ``answer_at`` keeps its reply over a
        quoted fragment's sentence: the rest of the question asks what the article lacks ("... - who signed it?").
        """
        if _only_numbers(question):
            return Result(question, Kind.DECLINE)  # "3", "15": a number alone asks nothing (a stray pick, a typo)
        if (asked := without_requests_for_a_source(question)) != question:
            return replace(self.ask(asked), question=question)  # "... what were they celebrating? source?"
        focus = question_focus(question, self.analyzer.correct)
        ranked = self._rank_focused(question, focus)
        ranked = self._one_alternative(focus or question, question, ranked)
        ranked = self._by_speakers_words(focus or question, question, ranked)
        ranked = self._by_person_spoken_of(focus or question, ranked)
        result = self._unless_more_is_asked(self.decide(question, ranked), focus or question, ranked)
        result = self._unless_a_gap_asks(result, focus or question, ranked)
        result = self._unless_a_fact_answers(result, focus or question, ranked)
        result = self._unless_a_fact_gives_the_count(result, focus or question, ranked)
        result = self._unless_a_gap_asks_what(result, focus or question, ranked)
        result = self._unless_a_fact_asks_what(result, focus or question, ranked)
        result = self._unless_a_gap_asks_words(result, focus or question, ranked)
        result = self._unless_the_text_reports_no_words(result, focus or question, ranked)
        result = self._unless_the_text_lacks_it(result, focus or question, ranked)
        if result.kind is Kind.ANSWER and asks_advice(focus or question):
            # "..., so how do you photograph the night sky with a phone?": how to do a thing oneself, no report's fact
            return Result(question, Kind.DECLINE, score=result.score)
        result = self._in_paragraph_named(question, result, ranked)
        if asks_the_texts_date(focus or question) and (dated := self._dateline_entry()) is not None:
            # "which month is this article from?": the text's own date, which its dateline gives
            return self.answer(question, dated, max(result.score, self.settings.answer_at))
        # In a long message, only the question itself: a fragment quoted in the preamble is not asked about,
        # unless the question points back at it ("how does that sentence continue?").
        worded = self.wording.answer(focus or question)
        if worded is None and focus is not None and refers_back(focus):
            worded = self.wording.answer(question)
        if worded is None:
            return result
        worded = replace(worded, question=question)
        if worded.kind is Kind.ANSWER and result.answered and (
                {c.line for c in worded.citations} <= {c.line for c in result.citations}):
            return result  # the entry cites the same line and says more
        if result.kind is Kind.GAP and worded.answer == FRAGMENT_ANSWER and result.score >= self.settings.answer_at:
            return result  # "it says 'a rare statement' - who signed it?": a gap sure of it knows the article lacks it
        thing = asked_which(focus or question, self.analyzer.correct) if worded.kind is Kind.ANSWER else None
        if thing is not None and all(only_pointed_at(c.quote, thing) for c in worded.citations):
            return result  # "... 'in these kinds of situations' - which situations?": the sentence only points
        meant = asked_meaning(focus or question) if worded.kind is Kind.ANSWER else None
        if meant is not None and all(said_only_as_quoted(c.quote, *meant) for c in worded.citations):
            return result  # "what technology did they mean by 'develop technology'?": the sentence says it back
        quoted = [c.quote for c in worded.citations]
        if worded.kind is Kind.ANSWER and self._asks_others_unnamed(focus or question, quoted):
            return result  # "what were the other occasions it issued a 'rare' statement?": the sentence names no others
        return worded

    def _by_speakers_words(self, asked: str, message: str, ranked: list[Scored]) -> list[Scored]:
        """The ranking, with the best fact giving its place to a fact close behind it that quotes whoever the
        question asks the words of ("what exactly did she say about ...", "what did the mayor say about ...") and
        whose own answer or quotes say more of what the message asks about: its words that don't name the speaker or
        the asking. Such a question wants what was said on its topic; an entry's own questions may share the topic's
        words while its text holds the speaker's words on something else, or nobody's. A best fact that doesn't
        quote the speaker says none of their words: any close fact that does goes before it. Only a reordering
        between close facts, as ``_in_question_order``: the two trade places and scores."""
        said_by = speaker(asked)
        if len(ranked) < 2 or not said_by or not ranked[0].entry.from_article:
            return ranked
        who = self._persons_quoted() if asks_a_persons_words(said_by) else self._speaker_terms(said_by)
        if not who:
            return ranked
        asking = who | self._terms(said_by) | self._terms(_ASKING_WORDS)
        topic = [r for r in self.analyzer.read(message, self._term_id) if r.term not in asking
                 and r.term not in INTENT_WORDS and self.weight(r.term, r.word) * r.share >= self.tuning.informative]
        if not topic:
            return ranked
        lead = ranked[0]

        # "the agency's chief": a speaker named in several words is whom the last names; a text that names only the
        # agency quotes someone else. The person a description means counts as named.
        named = words(said_by)
        head = self._terms(named[-1]) if named and not asks_a_persons_words(said_by) else frozenset()
        described = self._speaker_terms(said_by) - self._terms(said_by)
        quoted = (head | described) if head else who

        def quotes_them(scored: Scored) -> bool:
            return bool(quoted & set(self._text_terms(scored.entry)))

        def said_in_text(scored: Scored) -> float:
            text = set(self._text_terms(scored.entry))
            return sum(self.weight(r.term, r.word) * r.share for r in topic if r.term in text)

        close = [n for n, scored in enumerate(ranked) if scored.entry.from_article and quotes_them(scored)
                 and lead.score - scored.score < self.tuning.order_close]
        if not close:
            return ranked
        shares = {n: said_in_text(ranked[n]) for n in close}
        pick = max(close, key=lambda n: shares[n])  # on a tie, the better ranked
        if pick == 0 or shares[pick] <= (said_in_text(lead) if quotes_them(lead) else -1.0):
            return ranked
        ranked = list(ranked)
        ranked[0], ranked[pick] = replace(ranked[pick], score=lead.score), replace(lead, score=ranked[pick].score)
        return ranked

    def _by_person_spoken_of(self, asked: str, ranked: list[Scored]) -> list[Scored]:
        """The ranking, with the best fact giving its place to the first fact close behind it that names the person
        the question speaks of by a description the knowledge base names ("did the city official speak before or after
        the vote?": Ortiz), when the best fact never names that person: the question is about them, and of two facts
        that match its other words alike, the one about them answers it. Only a reordering between close facts, as
        ``_in_question_order``: the two trade places and scores."""
        if len(ranked) < 2 or not ranked[0].entry.from_article:
            return ranked
        read = self.analyzer.read(asked, self._term_id)
        persons = {r.term for r in described_in(read, self._described_names())}
        lead = ranked[0]
        if not persons or any(self._uses(self._number(lead.entry.id), term) for term in persons):
            return ranked
        pick = next((n for n, scored in enumerate(ranked[1:], 1) if scored.entry.from_article
                     and lead.score - scored.score < self.tuning.order_close
                     and all(self._uses(self._number(scored.entry.id), term) for term in persons)), None)
        if pick is None:
            return ranked
        ranked = list(ranked)
        ranked[0], ranked[pick] = replace(ranked[pick], score=lead.score), replace(lead, score=ranked[pick].score)
        return ranked

    def _text_terms(self, entry: Entry) -> list[str]:
        """The terms of the entry's answer and quotes in their order, as the index read them (not read again for
        every question)."""
        index, number = self.index, self._number(entry.id)
        ids = index.entry_words[index.entry_words_at[number]:index.entry_words_at[number + 1]].tolist()
        return [index.terms[t] for t in ids if t < len(index.terms)]

    def _one_alternative(self, asked: str, message: str, ranked: list[Scored]) -> list[Scored]:
        """"Was it sent by post or by email?": the article states one of the two, and the words of the other count
        against the entry that states it. The question read with one alternative alone is taken instead, when that
        reading answers from the article, with an entry that says the alternative itself, and matches better than the
        whole question does (a gap or a weak match). When the entry doesn't say it ("at headquarters or at a
        briefing?"), the article may state neither. A wh-question's alternatives are answers offered, which a fact
        close behind a gap may give (``_fact_saying``); a yes/no question's ("did they take the photos down or say
        something back?") are claims of their own, which the gap may say the article lacks."""
        if ranked and self.decide(asked, ranked).answered:
            return ranked
        best = ranked
        yes_or_no = asks_yes_or_no(asked, self.analyzer.correct)
        for reading, kept in alternatives(asked):
            alone = self.rank(reading, context=message)
            if not yes_or_no:
                alone = self._fact_saying(alone, kept)
            if (alone and alone[0].entry.from_article and alone[0].score >= self.settings.answer_at
                    and (not best or alone[0].score > best[0].score) and self._says(alone[0].entry, kept)):
                best = alone
        return best

    def _fact_saying(self, ranked: list[Scored], kept: str) -> list[Scored]:
        """The ranking of a question read with one alternative alone, with a fact that says the alternative taking
        the place of a gap ranked just before it (within ``gap_close``): "where was it, east or west?" asks which of the
        two, and a fact stating one answers it, where the gap says the article lacks more than that ("where exactly
        ...")."""
        if len(ranked) < 2 or ranked[0].entry.from_article:
            return ranked
        lead, second = ranked[0], ranked[1]
        if not second.entry.from_article or lead.score - second.score >= self.tuning.gap_close or (
                not self._says(second.entry, kept)):
            return ranked
        return [replace(second, score=lead.score), replace(lead, score=second.score), *ranked[2:]]

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
                return _gap_reply(question, top)
        elif top.score >= settings.answer_at and clear_lead:
            return self.answer(question, top.entry, top.score)
        return self._suggest(question, ranked, settings)

    def _in_paragraph_named(self, question: str, result: Result, ranked: list[Scored]) -> Result:
        """An answer from the paragraph the question points at ("what word in the first line ..."): the best
        entry that cites it, ranked on the rest of the question, when it ranks at least as a suggestion."""
        named = self.wording.paragraph_named(question)
        if named is None:
            return result
        line, rest = named
        if result.answered and line in {c.line for c in result.citations}:
            return result
        focus = question_focus(question, self.analyzer.correct)
        # "The opening line says it was unusual - what's the adjective?": a place named before the question says
        # what the question is about, so the whole message is read, not the question alone.
        focus = None if focus is not None and self.wording.paragraph_named(focus) is None else (
            question_focus(rest, self.analyzer.correct))
        for scored in self._rank_focused(rest, focus):
            if result.kind is Kind.GAP:
                # A gap's honest reply stands (the paragraph named doesn't say what the gap lacks), unless the rest of
                # the question, read without the words that say where to look, ranks that paragraph's entry first.
                if scored.entry.from_article and line in _lines(scored.entry) and (
                        scored.score >= self.settings.answer_at):
                    return self.answer(question, scored.entry, scored.score)
                return result
            if scored.score < self.settings.suggest_at:
                break
            if scored.entry.from_article and line in _lines(scored.entry):
                return self.answer(question, scored.entry, scored.score)
        if result.answered and result.entry is not None:  # an answer from another paragraph: offered, not asserted
            return self._suggest(question, ranked, self.settings)
        return result

    def _unless_more_is_asked(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or suggestions when the question asks whether the fact also holds for something
        the entry never names ("did the school also win a prize?" against "the bakery won a prize"). Not in a question
        of alternatives ("only the bakery, or the school too?"): there "too" says what the second one is."""
        if result.kind is not Kind.ANSWER or result.entry is None or not asks_addition(asked) or alternatives(asked):
            return result
        if not self._unexplained(asked, result.entry) and not self._adds_what_it_lacks(asked, result.entry):
            return result
        return self._suggest(result.question, ranked, self.settings)

    def _adds_what_it_lacks(self, asked: str, entry_id: str) -> bool:
        """Whether the thing an "also" question adds ("did they also bake a rye loaf?") has a word that the entry's
        answer and quotes never say (``added_thing``)."""
        thing = added_thing(asked, self.analyzer.correct)
        said = set(self._text_terms(self.entries[self._number(entry_id)]))
        read = self.analyzer.read(thing, self._term_id) if thing else []
        return any(r.term not in said for r in read)

    def _unless_the_text_lacks_it(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or suggestions when the question asks for a thing the entry's answer and quotes can't give,
        though the rest of its words match: each ``_lacks_*`` check below reads one such thing. When all it lacks is
        which kind of the thing it is, a close fact that says which answers instead (``_close_fact_specifying``)."""
        if result.kind is not Kind.ANSWER or result.entry is None:
            return result
        entry = self.entries[self._number(result.entry)]
        text = _text_of(entry)
        checks = (self._lacks_specification, self._lacks_person, self._lacks_members, self._lacks_name,
                  self._lacks_more_than_pointing, self._lacks_kind, self._lacks_who, self._lacks_order,
                  self._lacks_subject, self._lacks_event, self._lacks_others, self._lacks_meaning, self._lacks_object,
                  self._lacks_role, self._lacks_future, self._lacks_year,
                  self._lacks_counted, self._lacks_pairing, self._lacks_alternatives,
                  self._lacks_rate, self._lacks_deed_after)
        failed = [lacks for lacks in checks if lacks(asked, entry, text)]
        if not failed:
            return result
        if failed == [self._lacks_specification]:
            specified = self._close_fact_specifying(result, asked, ranked, checks)
            if specified is not None:
                return specified
        return self._suggest(result.question, ranked, self.settings)

    def _close_fact_specifying(self, result: Result, asked: str, ranked: list[Scored],
                               checks: tuple[Callable[[str, Entry, str], bool], ...]) -> Result | None:
        """The answer of a fact close behind one that names the thing asked with nothing that sets it apart ("what
        kind of relations ...?" against "relations have soured"), when its own text says which kind ("peaceful
        relations") and lacks nothing else asked: it clears ``answer_at`` within ``order_close`` of the first."""
        for scored in ranked:
            if scored.entry.id == result.entry or not scored.entry.from_article:
                continue
            if scored.score < self.settings.answer_at or result.score - scored.score >= self.tuning.order_close:
                return None
            entry = self.entries[self._number(scored.entry.id)]
            if not any(lacks(asked, entry, _text_of(entry)) for lacks in checks):
                return self.answer(result.question, entry, scored.score)
        return None

    def _lacks_specification(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which kind of a thing it is ("what kind of bread do they bake?", "which town did they
        pick, exactly?") and the text names the thing with nothing that sets it apart ("they bake bread every day"):
        it says that there is one, not which."""
        found = asked_specification(asked, self.analyzer.correct)
        return found is not None and not specifies(text, *found)

    def _lacks_person(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which person did something ("which reporter wrote the story?", "wich official said
        that") and the text names no person: neither a person the story quotes ("Ann Lee") nor a name WordNet knows
        as a person's. "The council said so" says which body, not who."""
        if not asks_which_person(asked, self.analyzer.correct):
            return False
        texts = [entry.answer, *(citation.quote for citation in entry.cite)]
        if any(name_kind(name) == "person" for part in texts for name in _NAME_RUN.findall(part)):
            return False
        return not self._persons_quoted() & {term for part in texts for term in self._terms(part)}

    def _lacks_members(self, asked: str, entry: Entry, text: str) -> bool:
        """The question counts the things it asks about and asks which they are ("which 15 countries take part?",
        "who are the 3 bakers?") and the text gives them only as a count ("the 15 participating countries"): that
        says back the question's number, not which ones."""
        thing = counted_thing(asked, self.analyzer.correct)
        return thing is not None and only_counts(text, thing)

    def _lacks_name(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks the name of a thing ("what is the name of the mayor's deputy?") and the text speaks of
        the thing with no name beside it ("she and her deputy agreed"): that says there is one, not what it is
        called."""
        found = asked_name(asked, self.analyzer.correct)
        return found is not None and (not names_beside(text, *found) or says_it_names_none(entry.answer))

    def _lacks_more_than_pointing(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which of a thing ("... - which situations?") and the text speaks of it only by pointing
        ("we have been in these kinds of situations before")."""
        thing = asked_which(asked, self.analyzer.correct)
        return thing is not None and only_pointed_at(text, thing)

    def _lacks_kind(self, asked: str, entry: Entry, text: str) -> bool:
        """The whole question asks a kind of answer the entry's text can't hold, though the part of it that was
        ranked didn't ask it ("what does the name mean, or what's it short for in french?": words in another
        language)."""
        wanted = asked_types(asked, self.analyzer.correct) & _STATED_KINDS
        return bool(wanted) and not self._holds(entry, wanted)

    def _lacks_who(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks who someone is by what they are ("who was the european astronaut on board?") and the
        text speaks of them only as a count, with no name beside ("one European astronaut and four Americans"): it
        says how many there are, not who. A text that speaks of them otherwise may say who ("Ann Lee is the town's
        deputy mayor"), and one that never does may name them in other words. Nor when the question offers what they
        may be ("who is the apprentice there, a baker or a cook?") and the text says one of the two: it asks which of
        them, and that the text says."""
        thing = asked_who_is(asked, self.analyzer.correct)
        if thing is None or not only_counts(text, thing) or names_beside(text, thing, asked):
            return False
        said = set(self.analyzer.terms(text))
        offered = [set(self.analyzer.terms(kept)) for _, kept in alternatives(asked)]
        return not any(terms and terms <= said for terms in offered)

    def _lacks_order(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks where someone stands in an order ("who took over her job after her?", "was she the first
        woman to have that job?") and the text speaks of no order ("she is the town's mayor"), or it asks what came
        before or after a deed ("what did she do before working at the bakery?") and the text never speaks of the
        deed: it says what is, not what came before or next."""
        wanted = asked_order(asked, self.analyzer.correct)
        return wanted is not None and not says_any(text, wanted)

    def _lacks_subject(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no about a thing it names ("did the school take part in the fair?", "did the
        radio call it a triumph?") and neither the entry's answer and quotes nor the lines it cites name it: the entry
        says who took part, or who called it so, and that is someone else. Its questions don't count: one may name the
        thing ("how many schools are there and who takes part?") while its text speaks only of the rest. Unless the
        text says the fact holds for its own subjects alone ("only the bakery won a prize"): then it answers for any
        other thing too, with a no."""
        if says_exclusively(text):
            return False
        thing = yes_no_subject(asked, self.analyzer.correct)
        if thing is not None and not _without_the_text(thing).strip():
            return False  # "is this headline legit?": the text or a claim is what is checked, not a thing it names
        return self._never_names(entry, thing)

    def _never_names(self, entry: Entry, thing: str | None) -> bool:
        """Whether the thing a question names ("the school take part": the school, its first word) is informative and
        neither the entry's answer and quotes nor the lines it cites name it."""
        read = self.analyzer.read(thing, self._term_id) if thing else []
        if not read or not thing or not thing.startswith(read[0].word.split()[0]):
            return False
        named = read[0]
        if named.term in INTENT_WORDS or self.weight(named.term, named.word) * named.share < self.tuning.informative:
            return False
        return not self._text_or_lines_name(entry, named.term)

    def _lacks_event(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no whether something happened after an event ("did they cancel the fair after
        the fire?") and neither the entry's answer and quotes nor the lines it cites name the event: the entry says
        what was so, not that it still was after that."""
        event = yes_no_after(asked, self.analyzer.correct)
        read = self.analyzer.read(event, self._term_id) if event else []
        return bool(read) and not any(self._text_or_lines_name(entry, r.term) for r in read)

    def _lacks_others(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks about other things of a kind than the one reported ("what were the other occasions it
        did this?") and neither the entry's answer and quotes nor the lines it cites name that kind of thing: the
        entry says what this one was, not which others there were."""
        read = self._others_asked(asked)
        return bool(read) and not any(self._text_or_lines_name(entry, r.term) for r in read)

    def _asks_others_unnamed(self, asked: str, texts: list[str]) -> bool:
        """Whether the question asks which other things of a kind there were ("what were the other occasions ...?",
        "which other towns ...?") and none of the texts names that kind of thing."""
        read = self._others_asked(asked)
        if not read:
            return False  # most questions: the texts' terms are never needed
        said = {term for part in texts for term in self._terms(part)}
        return not any(r.term in said for r in read)

    def _others_asked(self, asked: str) -> list[Read]:
        """The kind of thing a question asks the other ones of ("what were the other occasions": occasions), read."""
        found = _OTHER_THING.search(asked.lower())
        return self.analyzer.read(found.group(1), self._term_id) if found else []

    def _lacks_meaning(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks which one of a thing someone meant by words it quotes ("what technology did they mean by
        'develop technology'?") and the entry's answer and quotes name the thing only within those words: they say
        the words back, not what was meant."""
        found = asked_meaning(asked)
        return found is not None and said_only_as_quoted(text, *found)

    def _lacks_object(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks who does something to a thing it names ("who runs the bakery these days?") and neither
        the entry's answer and quotes nor the lines it cites name the thing: the entry says who does it to something
        else. Its questions don't count: one may name the thing to deny it ("does the bakery run the fair?")."""
        return self._never_names(entry, who_object(asked, self.analyzer.correct))

    def _lacks_role(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks what someone or something acts as ("they work as what?") and the entry's answer and quotes
        never say it ("they always worked very professionally"): they say how, not as what."""
        return asks_as_what(asked) and not says_as_what(text)

    def _lacks_future(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks what is to come ("how long will the fair go on?", "will they close the shop?") and the
        entry's answer and quotes never speak of it ("will", "plans", "pledged to continue"): they say what was or is,
        not what will be. The ranking only weighs this; a fact can still come first on the rest of the words."""
        return asks_what_will_be(asked, self.analyzer.correct) and not self._holds(entry, frozenset({"future"}))

    def _lacks_year(self, asked: str, entry: Entry, text: str) -> bool:
        """The question names a year the story never speaks of ("is the bakery closing in 2030 like I heard?") and the
        entry's answer and quotes give no year ("the baker pledged to keep the shop open"): whatever they say, they
        don't say it of that year. A year the story speaks of ("who runs it in 1998?" of a report from 1998) asks
        about the story's own time, which any of its facts speaks of."""
        asked_years = years_named(asked)
        return bool(asked_years - self._story_years()) and not self._holds(entry, frozenset({"year"}))

    def _lacks_counted(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how many there are of a thing ("how many customers does the bakery have?") that neither the
        entry's questions, answer and quotes nor the lines it cites speak of ("the bakery employs 12 people"): its
        number counts something else. An everyday word ("how many people", "how many times") names no thing of its
        own, and a word read as a related one the entry uses is that word."""
        number = self._number(entry.id)
        for word in counted_words(asked, self.analyzer.correct):
            read = self.analyzer.read(word, self._term_id)
            if not read or read[0].term in INTENT_WORDS or self._light(read[0].term):
                continue
            if self.weight(read[0].term, read[0].word) * read[0].share < self.tuning.informative:
                continue
            if not self._uses(number, read[0].term) and not self._text_or_lines_name(entry, read[0].term):
                return True
        return False

    def _lacks_pairing(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how things pair up ("which baker made which loaf?", "who works in which shop?") and the
        entry's answer and quotes name none of the first one by one: no person the story quotes for "who" ("the staff
        bake bread"), no name beside the thing otherwise ("the bakers made loaves"). They say what there was, not who
        or which had which."""
        thing = asked_pairing(asked, self.analyzer.correct)
        if thing is None:
            return False
        if thing != "who":
            return not names_beside(text, thing, asked)
        # A person by name is one the story quotes ("Ann Lee"): a word WordNet knows as a person may say what people
        # are ("two Russians"), not who.
        texts = [entry.answer, *(citation.quote for citation in entry.cite)]
        return not self._persons_quoted() & {term for part in texts for term in self._terms(part)}

    def _lacks_alternatives(self, asked: str, entry: Entry, text: str) -> bool:
        """The question offers two answers to choose between ("did she say it at a briefing or on the radio?") and
        nothing in the entry, neither its questions, answer and quotes nor the lines it cites, speaks of either (of
        all the words of one: "open in a barn" is not spoken of by "opened in 1998"): it may say when she said it, not
        which of the two. An entry that speaks of one answers, with it or against it; an alternative of everyday words
        alone can't be told apart."""
        offered = {kept for _, kept in alternatives(asked)}
        if not offered or not offers_answers(asked):
            return False
        number = self._number(entry.id)
        for kept in offered:
            read = [r for r in self.analyzer.read(kept, self._term_id) if not self._light(r.term)]
            if not read or all(self._uses(number, r.term) or self._text_or_lines_name(entry, r.term) for r in read):
                return False
        return True

    def _lacks_rate(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks how many there are in each period of time ("how many loaves do they bake each day?") and
        the entry's answer and quotes give no count in a period ("the bakery employs 12 people"): their number counts
        something once, not how often."""
        return asks_a_rate(asked, self.analyzer.correct) and not gives_a_rate(text)

    def _lacks_deed_after(self, asked: str, entry: Entry, text: str) -> bool:
        """The question asks yes or no whether a deed said with a phrasal verb followed an event ("did they take the
        photos down after the complaint?") and neither the entry's answer and quotes nor the lines it cites say its
        particle ("down"): they may name the photos and the complaint, and say what came before it, not that the deed
        followed. A text saying a thing goes on ("they pledged to continue") answers whether it was given up."""
        particles = particles_of_a_deed_after(asked, self.analyzer.correct)
        if not particles or says_it_goes_on(text):
            return False  # "did they pull out after the war began?" against "they pledged to continue": a no
        lines = [self.kb.article.line(citation.line) for citation in entry.cite]
        said = {word for part in (text, *lines) for word in words(part)}
        return any(particle not in said for particle in particles)

    def _story_years(self) -> frozenset[str]:
        """The years the article's lines and the entries' answers name in digits."""
        if self._years is None:
            self._years = frozenset().union(*(years_named(text) for text in (
                *self.kb.article.lines, *(entry.answer for entry in self.entries))))
        return self._years

    def _text_or_lines_name(self, entry: Entry, term: str) -> bool:
        """Whether the entry's answer or quotes, or an article line it cites, use the term."""
        return term in self._text_terms(entry) or any(term in self._line_terms(c.line) for c in entry.cite)

    def _line_terms(self, line: int) -> frozenset[str]:
        """The terms of an article line, as the index reads a text (kept per line)."""
        if line not in self._lines_read:
            self._lines_read[line] = frozenset(self.analyzer.terms(self.kb.article.line(line)))
        return self._lines_read[line]

    def _unless_a_gap_asks(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or a gap's reply when a gap scores close behind it and its best question says a weighty word
        of the question that nothing in the answer's entry uses: the question asks for what the gap says the
        article lacks ("did the astronauts react to the photos?" against "were there astronauts in the photo?"
        and the gap "how did the astronauts react"). Intent words don't count: the intent penalty weighs them."""
        if result.kind is not Kind.ANSWER or not ranked or ranked[0].entry.id != result.entry:
            return result
        gap = next((s for s in ranked[1:] if not s.entry.from_article), None)
        if gap is None or ranked[0].score - gap.score >= self.tuning.gap_close:
            return result
        weighty = self._weighty(asked)
        if not self._says_what_it_lacks(gap, ranked[0], weighty):
            return result
        return _gap_reply(result.question, gap)

    def _unless_a_fact_answers(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """A gap's reply, or the answer of a fact that scores close behind the gap when the fact's best question
        says a weighty word of the question that the gap's best question doesn't, the gap's best question says
        none that the fact lacks, and the fact leaves no more of the question unexplained than the gap
        ("who are the counterparts she talks about": the fact "counterparts", not the gap "who was she talking
        to"). A gap's questions are separate details the article lacks, so only its best one says which. So too when
        the question asks a kind of answer (a reason, a number, a date) that the fact's text holds and the gap's best
        question doesn't ask: "what is the bakery for?" asks a purpose, not the gap's "what is the bakery made of".
        But not when the question asks someone's words, the gap's best question asks that speaker's, and no question of
        the fact does ("did the staff say anything?" against the staff's head count)."""
        if result.kind is not Kind.GAP or not ranked or ranked[0].entry.id != result.entry:
            return result
        gap = ranked[0]
        fact = next((s for s in ranked[1:] if s.entry.from_article), None)
        if fact is None or fact.score < self.settings.answer_at or gap.score - fact.score >= self.tuning.gap_close:
            return result
        wanted = asked_types(asked, self.analyzer.correct)
        if wanted and self._holds(fact.entry, wanted) and not wanted & asked_types(gap.pattern, self.analyzer.correct):
            return self.answer(result.question, fact.entry, fact.score)
        said_by = speaker(asked)
        who = self._persons_quoted() if asks_a_persons_words(said_by) else self._terms(said_by)
        if who & self._speaker(gap.pattern) and not any(who & self._speaker(q) for q in fact.entry.questions):
            return result  # "did the staff say anything?": the gap asks their words, the fact never does
        weighty = self._weighty(asked)
        gap_says = set(self.analyzer.terms(gap.pattern, correct_typos=True))
        fact_says = set(self.analyzer.terms(fact.pattern, correct_typos=True))
        if not any(r.term in fact_says and r.term not in gap_says for r in weighty):
            return result
        if self._says_what_it_lacks(gap, fact, weighty) or self._left(asked, fact) > self._left(asked, gap):
            return result
        return self.answer(result.question, fact.entry, fact.score)

    def _unless_a_fact_gives_the_count(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """A gap's reply, or the answer of a fact close behind it ranked to answer, when the gap's best question asks
        which ones of a counted thing are ("which 15 countries participate?"), the question asks no wh-question but
        whether a statement holds ("is it true the station has 15 participating countries?"), the fact's text gives
        the thing's count, and the fact leaves no more of the question unexplained than the gap. The question checks
        how many there are, which the fact says; which ones, what the gap says the article lacks, isn't asked."""
        if result.kind is not Kind.GAP or not ranked or ranked[0].entry.id != result.entry:
            return result
        gap, correct = ranked[0], self.analyzer.correct
        thing = counted_thing(gap.pattern, correct)
        fact = next((s for s in ranked[1:] if s.entry.from_article), None)
        if thing is None or fact is None or fact.score < self.settings.answer_at or (
                gap.score - fact.score >= self.tuning.gap_close):
            return result
        if not asks_yes_or_no(asked, correct) or asked_head(asked, correct) or counted_thing(asked, correct):
            return result
        if not only_counts(_text_of(fact.entry), thing) or self._left(asked, fact) > self._left(asked, gap):
            return result
        return self.answer(result.question, fact.entry, fact.score)

    def _holds(self, entry: Entry, kinds: frozenset[str]) -> bool:
        """Whether the entry's text can hold answers of all these kinds (``held_types``, as the index stored it)."""
        wanted = bits(kinds, TYPE_BITS)
        return int(self.index.entry_holds[self._number(entry.id)]) & wanted == wanted

    def _unless_a_gap_asks_what(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or a gap's reply when the thing the question's wh-word asks about ("how many PHOTOS", "which
        CITY", "who TOOK them") is what the best question of a gap ranked for suggestion asks about with the same
        wh-word, and the answer's entry neither asks about it so nor names it in its answer or quotes: "who owns the
        bakery that employs 12 people" against "how many people work at the bakery" and the gap "who owns the
        bakery". The gap needn't score close: sharing the asked thing, not the other words, is what counts. A fact
        that ranks to answer and asks about the thing answers instead, when it ranks above any such gap."""
        if result.kind is not Kind.ANSWER or not ranked or ranked[0].entry.id != result.entry:
            return result
        head = self._asked_head(asked)
        if head is None:
            return result
        top = ranked[0].entry
        if self._any_asks(top, head) or self._names(top, head):
            return result
        # "what's the full name the article gives it?": a name, a date, a word is a kind of answer (the answer types
        # check it), not a thing the question is about; another entry asking for one of something else doesn't take it.
        if stem(head[1]) in ANSWER_KINDS:
            return result
        return self._handed_over(result, ranked, lambda scored: self._asks_about(scored, head))

    def _unless_a_fact_asks_what(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """A gap's reply, or the answer of a fact ranked to answer when the gap's best question asks about another
        thing than the question's wh-word does ("how many PHOTOS" against "how many BAKERS", "what DAY"), none of
        the gap's questions asks about the question's thing, and one of the fact's does with the same wh-word: "how
        many bakers were in the photos the bakery posted" against the gap "how many photos did the bakery post" and
        the fact "how many bakers were in the photos". The gap says the article lacks another thing than the one
        asked for. Not when another gap asking about the thing ranks above the fact, nor when the gap asks what a later
        sentence of the message asks ("what are the flags like? what colours?")."""
        if result.kind is not Kind.GAP or not ranked or ranked[0].entry.id != result.entry:
            return result
        head = self._asked_head(asked)
        gap_asks = self._pattern_head(ranked[0].pattern)
        if head is None or gap_asks is None or self._any_asks(ranked[0].entry, head):
            return result
        asking = next((s for s in ranked[1:] if self._any_asks(s.entry, head)), None)
        if asking is None or not asking.entry.from_article or asking.score < self.settings.answer_at:
            return result
        if any(self._pattern_asks(ranked[0].pattern, later) for later in self._heads_of_clauses(asked)):
            return result  # "what are the flags like? what colours?": the gap asks what a later question asks
        return self.answer(result.question, asking.entry, asking.score)

    def _heads_of_clauses(self, question: str) -> list[tuple[str, str]]:
        """What each of the question's sentences asks about (``_asked_head`` of each): "what are the flags like? what
        colours?" asks about the flags, then their colours."""
        heads = (self._asked_head(clause) for clause in _SENTENCE_END.split(question))
        return [head for head in heads if head is not None]

    def _unless_a_gap_asks_words(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or a gap's reply when the question asks whether or what someone said ("did the staff say
        anything?", "any words from the staff?"), none of the answer's entry's questions asks that of anyone the
        question names as the speaker, and the best question of a gap ranked for suggestion does: "did the staff
        comment on the prize?" against the prize entry ("what did the mayor say") and the gap "did the staff say
        anything". Who spoke is the point of such a question; words about what was said don't make up for it. A fact
        ranked to answer whose best question asks it answers instead; "did she say ...", "did he ..." ask the words
        of any person the story quotes (``_persons_quoted``). When nothing takes it, and the entry's text names the
        speaker only after a preposition ("the capture of a region of eastern X"), the answer becomes suggestions:
        the text is about them, not their words."""
        if result.kind is not Kind.ANSWER or not ranked or ranked[0].entry.id != result.entry:
            return result
        said_by = speaker(asked)
        who = self._persons_quoted() if asks_a_persons_words(said_by) else self._speaker_terms(said_by)
        if not who or any(who & self._speaker(question) for question in ranked[0].entry.questions):
            return result
        handed = self._handed_over(result, ranked, lambda scored: bool(who & self._speaker(scored.pattern)))
        entry = ranked[0].entry
        if handed is not result:
            return handed
        if asks_a_persons_words(said_by):
            # "what does she say about keeping it peaceful?": she is someone the story quotes, and an entry whose
            # answer and quotes name none of them reports someone else's words (an organisation's statement).
            if any(term in who for term in self._text_terms(entry)) or asks_yes_or_no(asked, self.analyzer.correct):
                return handed  # "did she say anything about it?": whether anything was said, not what
            return self._suggest(result.question, ranked, self.settings)
        if not self._spoken_of_only(entry, who) and not self._never_names_the_speaker(entry, said_by):
            return handed
        return self._suggest(result.question, ranked, self.settings)

    def _never_names_the_speaker(self, entry: Entry, said_by: str | None) -> bool:
        """Whether nothing in the entry (its questions, answer and quotes, the lines it cites) uses the last word of
        the words naming whoever is asked to have spoken: "the town's school board" is a board, and an entry that
        never speaks of a board says nothing of what it said, whatever it says of the town."""
        named = words(said_by) if said_by else []
        if not named or named[-1] in GENERIC_WORDS:
            return False  # "does the piece say ...": the article's own words, not a speaker's
        if described_in(self.analyzer.read(said_by or "", self._term_id), self._described_names()):
            return False  # "the city official": a person the knowledge base names for the description
        head, number = self._terms(named[-1]), self._number(entry.id)
        return bool(head) and not any(self._uses(number, term) or self._text_or_lines_name(entry, term)
                                      for term in head)

    def _unless_the_text_reports_no_words(self, result: Result, asked: str, ranked: list[Scored]) -> Result:
        """The answer, or the reply of an entry ranked high enough that reports someone's words, when the question
        asks what or whether someone said, claimed or meant something ("what did they actually say about it?", "did
        the bakers claim it should be celebrated in town too?", not what the article says) and the answer's text
        reports nobody's words: no quote, no "said", "called" or "statement" ("the bakers celebrated in the town
        square" says what they did, not what they said or meant). Suggestions when none is ranked. A yes/no question
        whose statement the text says in full ("did the baker say the bakery won a prize?") is checked by it."""
        said_by = speaker(asked)
        if result.kind is not Kind.ANSWER or result.entry is None or said_by is None or (
                _THE_TEXT & set(said_by.split())):
            return result  # "what does the article say": the article's words, which every entry cites
        entry = self.entries[self._number(result.entry)]
        if asks_yes_or_no(asked, self.analyzer.correct) and self._confirms(entry, asked, said_by):
            return result  # "did the baker say it won?" checks the statement, which the text confirms
        # "what did the foreign ministry say": a speaker the knowledge base has no word for (read only as a loosely
        # related one, "ministry" as "building") is one whose words no entry reports.
        unknown = any((r.related or r.term not in self._term_id) and r.term not in INTENT_WORDS
                      and self.weight(r.term, r.word) * r.share >= self.tuning.informative
                      for r in self.analyzer.read(said_by, self._term_id))

        def theirs(entry: Entry) -> bool:  # the entry reports words, and the speaker asked is one it may quote
            return not unknown and reports_words(_text_of(entry))

        if theirs(self.entries[self._number(result.entry)]):
            return result
        handed = self._handed_over(result, ranked, lambda scored: theirs(scored.entry)
                                   if scored.entry.from_article else speaker(scored.pattern) is not None)
        return handed if handed is not result else self._suggest(result.question, ranked, self.settings)

    def _confirms(self, entry: Entry, asked: str, said_by: str) -> bool:
        """Whether the entry's answer, quotes or cited lines say every informative word of the statement a yes/no
        question asks whether someone made ("did the baker say the bakery won a prize?": "the bakery won a prize"),
        besides the speaker and the words of saying: then the text checks it, whether or not it reports the words."""
        said = set(self._text_terms(entry)).union(*(self._line_terms(line) for line in _lines(entry)))
        aside = self._speaker_terms(said_by) | self._terms(_ASKING_WORDS) | self._terms(_CLAIMING_WORDS)
        # a loosely related reading ("capital" read as "town") is not the text saying it
        return all(r.term in said and (not r.related or r.share >= CLOSE_SHARE)
                   for r in self.analyzer.read(asked, self._term_id)
                   if r.term not in aside and r.term not in INTENT_WORDS
                   and self.weight(r.term, r.word) * r.share >= self.tuning.informative)

    def _spoken_of_only(self, entry: Entry, who: frozenset[str]) -> bool:
        """Whether the entry's answer and quotes name whoever is asked to have spoken only after a preposition ("the
        capture of a region of eastern X", "a war against X"): as what the text is about, never as one who acts."""
        found = words(_text_of(entry))
        hits = [at for at, word in enumerate(found) if self._terms(word) & who]
        return bool(hits) and all(_PREPOSITIONS & set(found[max(0, at - 2):at]) for at in hits)

    def _handed_over(self, result: Result, ranked: list[Scored], takes: Callable[[Scored], bool]) -> Result:
        """The reply of the first entry after the answer's that ``takes`` the question, ranked high enough to be
        offered (a gap) or to answer (a fact); the answer when none does."""
        floor = {False: self.settings.suggest_at, True: self.settings.answer_at}
        other = next((s for s in ranked[1:] if s.score >= floor[s.entry.from_article] and takes(s)), None)
        if other is None:
            return result
        if other.entry.from_article:
            return self.answer(result.question, other.entry, other.score)
        return _gap_reply(result.question, other)

    def _persons_quoted(self) -> frozenset[str]:
        """The terms of the persons the story quotes, whom "she" or "he" may stand for (``a_persons_name``)."""
        if self._persons is None:
            self._persons = frozenset(term for quote in self.kb.quotes if a_persons_name(quote.speaker, name_kind)
                                      for term in self.analyzer.terms(quote.speaker, correct_typos=True))
        return self._persons

    def _speaker_terms(self, said_by: str | None) -> frozenset[str]:
        """The terms of whoever a question asks the words of (``speaker``), with the person the knowledge base says
        a description of them means ("did the city official say ...": Ortiz too)."""
        if not said_by:
            return frozenset()
        read = self.analyzer.read(said_by, self._term_id)
        return self._terms(said_by) | {r.term for r in described_in(read, self._described_names())}

    def _speaker(self, pattern: str) -> frozenset[str]:
        """The terms of whoever an entry's question asks said something (``speaker``), as the index reads them.
        Kept per question of the knowledge base; a member's question is read with ``_terms(speaker(...))``, not kept."""
        if pattern not in self._speakers:
            self._speakers[pattern] = self._terms(speaker(pattern))
        return self._speakers[pattern]

    def _terms(self, text: str | None) -> frozenset[str]:
        return frozenset(self.analyzer.terms(text, correct_typos=True) if text else ())

    def _asked_head(self, question: str) -> tuple[str, str] | None:
        """The question's wh-word kind and the term of the thing it asks about, read as the question's words are."""
        head = asked_head(question, self.analyzer.correct)
        read = self.analyzer.read(head[1], self._term_id) if head else []
        return (head[0], read[0].term) if head and read else None

    def read_pattern_heads(self) -> None:
        """Read what every pattern asks about now (``_pattern_head``), before the engine cache keeps the analyzer:
        its speller then keeps the corrections of the patterns' typos, and a cached engine's first question needn't
        wait for the English word tables to read them."""
        for entry in self.entries:
            for pattern in entry.questions:
                self._pattern_head(pattern)

    def _pattern_head(self, pattern: str) -> tuple[str, frozenset[str]] | None:
        """The wh-word kind of an entry's question and the terms of the words naming what it asks about
        (``asked_phrase``), read as the index reads them."""
        if pattern not in self._heads_of_patterns:
            head = asked_phrase(pattern, self.analyzer.correct)
            terms = frozenset(self.analyzer.terms(head[1], correct_typos=True)) if head else frozenset()
            self._heads_of_patterns[pattern] = (head[0], terms) if head and terms else None
        return self._heads_of_patterns[pattern]

    def _pattern_asks(self, pattern: str, head: tuple[str, str]) -> bool:
        """Whether an entry's question asks about the thing with the same wh-word: "what was the political stunt"
        asks what "what stunt" asks."""
        found = self._pattern_head(pattern)
        return found is not None and found[0] == head[0] and head[1] in found[1]

    def _names(self, entry: Entry, head: tuple[str, str]) -> bool:
        """Whether the entry's answer or quotes name the thing asked about; for "how many", count it ("12 people")."""
        terms = self._text_terms(entry)
        if head[0] != "count":
            return head[1] in terms
        return any(term == head[1] and any(t.isdigit() or t in _NUMBER_TERMS for t in terms[max(0, at - 2):at])
                   for at, term in enumerate(terms))

    def _asks_about(self, scored: Scored, head: tuple[str, str]) -> bool:
        """Whether the entry's best question asks about the thing with the same wh-word; for "how many" and "who", any
        of its questions: what those ask about is read reliably, where the word after a "what" may be the subject
        ("what the baker was making") rather than the thing asked."""
        if head[0] in ("count", "who"):
            return self._any_asks(scored.entry, head)
        return self._pattern_asks(scored.pattern, head)

    def _any_asks(self, entry: Entry, head: tuple[str, str]) -> bool:
        """Whether any of the entry's questions asks about the thing with the same wh-word."""
        return any(self._pattern_asks(question, head) for question in entry.questions)

    def _weighty(self, question: str) -> list[Read]:
        """The question's words that say what it is after: heavy enough to claim it, and not intent words."""
        return [r for r in self.analyzer.read(question, self._term_id) if r.term not in INTENT_WORDS
                and self.weight(r.term, r.word) * r.share >= self.tuning.gap_claim]

    def _says_what_it_lacks(self, claimant: Scored, holder: Scored, weighty: list[Read]) -> bool:
        """Whether the claimant's best question says one of these words that nothing in the holder's entry uses."""
        said = set(self.analyzer.terms(claimant.pattern, correct_typos=True))
        entry = self._number(holder.entry.id)
        return any(r.term in said and not self._uses(entry, r.term) for r in weighty)

    def _left(self, question: str, scored: Scored) -> float:
        """The weight of the question's informative words that nothing in the entry uses."""
        return sum(self.weight(r.term, r.word) * r.share for r in self._unexplained_reads(question, scored.entry.id))

    def _number(self, entry_id: str) -> int:
        if self._entry_index is None:
            self._entry_index = {entry.id: number for number, entry in enumerate(self.entries)}
        return self._entry_index[entry_id]

    def _uses(self, entry: int, term: str) -> bool:
        """Whether the entry's questions, answer or quotes use the term."""
        index, known = self.index, self._term_id.get(term)
        return known is not None and bool(
            entry in index.term_impact[index.term_impact_at[known]:index.term_impact_at[known + 1]]
            or entry in index.term_text[index.term_text_at[known]:index.term_text_at[known + 1]])

    def _says(self, entry: Entry, text: str) -> bool:
        """Whether the entry's questions, answer or quotes use every term of the text (and it has one), each as
        the text's own word, not as a related word read for it. Everyday words name nothing and needn't be used:
        "a real position" is said by an entry that says "position"."""
        number = self._number(entry.id)
        read = [r for r in self.analyzer.read(text, self._term_id) if not self._light(r.term)]
        return bool(read) and all(not r.related and self._uses(number, r.term) for r in read)

    def _light(self, term: str) -> bool:
        """Whether a term is one of the knowledge base's everyday words ("real", "whole"), which name nothing."""
        known = self._term_id.get(term)
        return known is not None and bool(self.index.light[known]) and term not in INTENT_WORDS

    def _unexplained(self, question: str, entry_id: str) -> list[str]:
        """The informative words of the question that nothing in the entry's questions or text uses."""
        return [r.word for r in self._unexplained_reads(question, entry_id)]

    def _unexplained_reads(self, question: str, entry_id: str) -> list[Read]:
        """``_unexplained`` as the question's reads (term, word, share)."""
        entry = self._number(entry_id)
        return [read for read in self.analyzer.read(question, self._term_id)
                if self.weight(read.term, read.word) * read.share >= self.tuning.informative
                and not self._uses(entry, read.term)]

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


# The words that ask for someone's words rather than say what about: "what exactly did she say", "her quotes".
_ASKING_WORDS = "say said says tell told quote quotes words comment remark exactly precisely"
_SAYING_WORDS = "say said says tell told"
_CLAIMING_WORDS = "claim claimed claims mean meant means"
_NUMBER_ONLY = frozenset(NUMBER_NAMES) | {"zero"}
_NUMBER_TERMS = frozenset(stem(name) for name in NUMBER_NAMES)


# "is it correct that ...", "am I right that ...": words that put a statement up for checking.
_CHECKING = re.compile(r"\b(?:(?:is|was) (?:it|that|this) (?:really |actually )?(true|correct|right|accurate|so)"
                       r"|(?:am|was) i (right|correct|wrong)|(true) or (false))\b")


def _checking_words(question: str) -> frozenset[str]:
    """The words of the question that put a statement up for checking: "correct" in "is it correct that ..."."""
    return frozenset(word for found in _CHECKING.finditer(clean(question)) for word in found.groups() if word)


def _only_numbers(question: str) -> bool:
    found = words(question)
    return bool(found) and all(word.isdigit() or word in _NUMBER_ONLY for word in found)


# "they", "their": the persons or things of a clause before the question ("..., so what does it say about their
# relations?"). Not "it", which as often stands for the article itself ("is that really what it says?").
_OTHER_THING = re.compile(r"\b(?:what|which)\s+(?:were|are|was|is)?\s*(?:the\s+)?other\s+([a-z]+s)\b")
_POINTS_BACK = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)
_WH_START = re.compile(r"^(?:what|whats|what's|which|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)
_NAME_RUN = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,3}")  # capitalised words in a row: a name, as written


# Kinds of answer checked again on the whole question: words in another language, which an English report's text
# can't hold however well the rest matches; what a name means or comes from, which a text saying what the named
# thing is doesn't say; what has come of something so far, which a text saying what it is for doesn't; whether a thing
# is still so now, which a text of what was so then doesn't. Not dates or counts: "since when" is answered by "since
# the war began".
_SENTENCE_END = re.compile(r"[?!.;:]+")
_STATED_KINDS = frozenset({"language", "origin", "tally", "present"})

# "what does the article say", "would you tell me": the text itself, or the bot, asked to say it, not a speaker in it.
_THE_TEXT = frozenset({"article", "story", "text", "report", "piece", "passage", "paragraph", "line", "sentence",
                       "news", "writer", "author", "you", "u", "it"})

_HEADLINE = frozenset({"headline", "headlines", "title", "caption", "claim", "rumour", "rumor", "legit", "fake"})
_NAMING_THE_TEXT = _THE_TEXT | _HEADLINE


def _without_the_text(question: str) -> str:
    """The question without the words that name the text itself or a claim, or judge it ("is this headline legit":
    "is this"): they point at what is checked, and name nothing of it."""
    return " ".join(word for word in question.split() if clean(word) not in _NAMING_THE_TEXT)


_PREPOSITIONS = frozenset({"of", "against", "in", "on", "at", "to", "from", "with", "for", "about", "over",
                           "into", "toward", "towards", "near"})


def _gap_reply(question: str, gap: Scored) -> Result:
    """A gap's honest reply: the article doesn't say."""
    return Result(question, Kind.GAP, answer=gap.entry.answer, entry=gap.entry.id, score=gap.score)


def _text_of(entry: Entry) -> str:
    """The entry's answer and quotes, as one text: what it says, as against what it is asked."""
    return " ".join([entry.answer, *(citation.quote for citation in entry.cite)])


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

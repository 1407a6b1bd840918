"""Matching a question to the knowledge base: reading it, and ranking the entries that may answer it.

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

The decision on the ranking (answer, suggest or decline) is ``deciding``'s; ``Matcher`` inherits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from rapidfuzz import fuzz

from bot.core.answers import Kind, Result
from bot.core.knowledge import Entry, KnowledgeBase
from bot.core.matching.deciding.handovers import ASKING_WORDS, Handovers
from bot.core.matching.deciding.lacking import without_the_text
from bot.core.matching.index import Asked, Hit, Index, Vocabulary, rank_entries, side_by_side
from bot.core.matching.index.layout import INTENT_BITS, TYPE_BITS, bits
from bot.core.matching.question.answer_types import (
    a_persons_name,
    asked_meaning,
    asked_types,
    asked_which,
    asks_a_persons_words,
    asks_advice,
    asks_the_texts_date,
    asks_yes_or_no,
    only_pointed_at,
    said_only_as_quoted,
    speaker,
)
from bot.core.matching.question.clauses import (
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
from bot.core.matching.referent import Referent
from bot.core.matching.scores import Scored, Tuning
from bot.core.matching.senses import Senses
from bot.core.matching.where_named import WhereNamed
from bot.core.matching.word_counts import WordCounts
from bot.core.matching.wording import FRAGMENT_ANSWER, Wording, name_kind
from bot.core.matching.words.analysis import Analyzer, Read, described_in
from bot.core.matching.words.lexicon import INTENT_WORDS, NUMBER_NAMES, STOPWORDS
from bot.core.matching.words.normalize import clean, forget_read_words, stem, tag_question, words
from bot.core.matching.words.related import CLOSE_SHARE

NUMPY_POSTINGS = 10_000  # an index with this many term -> pattern postings is scored with numpy (see ``index``)
TAGGED_SHARE = 0.5  # an unknown word of a statement put up for checking: maybe the detail that is wrong
_SAYING_WORDS = "say said says tell told"
_NUMBER_ONLY = frozenset(NUMBER_NAMES) | {"zero"}
# "is it correct that ...", "am I right that ...": words that put a statement up for checking.
_CHECKING = re.compile(r"\b(?:(?:is|was) (?:it|that|this) (?:really |actually )?(true|correct|right|accurate|so)"
                       r"|(?:am|was) i (right|correct|wrong)|(true) or (false))\b")
# "they", "their": the persons or things of a clause before the question ("..., so what does it say about their
# relations?"). Not "it", which as often stands for the article itself ("is that really what it says?").
LEVEL = 0.01  # scores this close are level: the context, not the question, made the difference
_POINTS_BACK = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)
_WH_START = re.compile(r"^(?:what|whats|what's|which|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)


def build_analyzer(kb: KnowledgeBase) -> Analyzer:
    """An analyzer whose typo correction aims at the article's, the answers' and the aliases' words.

    Not at the question patterns' words: patterns are written the way users type, typos
    included, and a typo must not become a word of its own. Patterns are corrected too.
    """
    analyzer = Analyzer(kb.aliases)
    analyzer.learn(entry.answer for entry in kb.entries)
    analyzer.learn(kb.article.lines)
    return analyzer


def _best(rankings: Iterable[list[Scored]], start: list[Scored] | None = None, *, ties: bool = False) -> list[Scored]:
    """Of ``start`` and ``rankings``, the ranking whose first entry scores highest: the first of equals, or with
    ``ties`` the last; empty when all are."""
    best = start or []
    for ranked in rankings:
        if ranked and (not best or ranked[0].score > best[0].score or (ties and ranked[0].score == best[0].score)):
            best = ranked
    return best


class Matcher(Senses, Handovers):
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
        self.where_named = WhereNamed(kb.article, self._terms_of)
        self.word_counts = WordCounts(kb.article)
        self.referent = Referent(kb.article, lambda: [name for name in kb.speakers if a_persons_name(name, name_kind)])
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

    def _terms_of(self, text: str) -> list[tuple[str, float]]:
        return [(r.term, r.share) for r in self.analyzer.read(text, self._term_id)]

    def read_weights(self, read: list[Read]) -> dict[str, float]:
        """Each term of a read question with its weight. A term reached twice (a name typed and a loosely related
        word read as it, or two words the same term) counts as its heavier reading, in whatever order they came."""
        weights: dict[str, float] = {}
        for r in read:
            weights[r.term] = max(weights.get(r.term, 0.0), self.weight(r.term, r.word) * r.share)
        return weights

    def rank(self, question: str, context: str = "", asking: str | None = None) -> list[Scored]:
        """Entries that share a meaningful term with the question, best first.

        ``context`` is the rest of a long message: its words count for a little, so that it can
        say what a bare question refers to ("what's it called?") without outweighing the question.
        ``asking``: the question itself, when ``question`` is it read with a clause before it that it refers to
        ("... the mayor never said that. what do they say the bakery is for?"): the kinds of answer it wants count too,
        though the clause before it comes first.
        """
        read = self._senses_in_context(self.analyzer.read(question, self._term_id))
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
        return Scored(entry, score * hit.penalty, entry.questions[index.pattern_question[hit.pattern]])

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
        """The ranking of a message for the question ``focus`` found in it: read with what it points back at where
        that matches better, alone, or (when it names nothing itself or there is none) as the whole message."""
        if focus is None:
            return self._rank_whole(message)
        return (self._read_after_a_dispute(message, focus) or self._read_as_a_claim_checked(message, focus)
                or self._read_with_the_thing_referred_to(message, focus) or self._read_alone(message, focus)
                or self._rank_whole(message))  # "is that right?": the rest of the message says what it is about

    def _read_after_a_dispute(self, message: str, focus: str) -> list[Scored]:
        """"we argued about whether anyone recognises them, ..., so which ones does the article say do?": a question
        after a dispute the message states is read with it, when that matches better than the question alone."""
        debated = debated_before(message, focus)
        if not debated:
            return []
        focused = self.rank(focus, context=message)
        for dispute in debated:
            ranked = self.rank(f"{dispute} {focus}", context=message, asking=focus)
            if ranked and (not focused or ranked[0].score > focused[0].score):
                return ranked
        return []

    def _read_as_a_claim_checked(self, message: str, focus: str) -> list[Scored]:
        """"... and I wrote that the shop opened in 1990. Is that right?": the question asks whether the claim before
        it holds; it is read as that claim put up for checking ("the shop opened in 1990, right?"), whole or from the
        first word of saying in it on ("I wrote that ..."), whichever matches best. "..., I said forty, who owes
        who?" asks which of the claims holds: the same, whatever its words."""
        if not (judges_claims(focus) or (checks_a_claim(focus) and self._naming(
                without_the_text(focus))[0] < self.tuning.informative)):
            return []
        return _best(self.rank(f"{lead.rstrip(' .!?;,')}, right?", context=message)
                     for lead in claimed_before(message, focus))

    def _read_with_the_thing_referred_to(self, message: str, focus: str) -> list[Scored]:
        """"..., the article mentions a newspaper, which one was it?": a question that names only the kind of answer
        it wants is about the clause before it (or a part of that clause), whichever matches best."""
        if not asks_for_a_thing(focus) or self._naming(focus)[0] >= self.tuning.informative:
            return []
        return self._level_by_the_question(focus, _best(
            self.rank(f"{lead} {focus}", context=message, asking=focus)
            for lead in referred_clauses(message, focus, lambda clause: self._naming(clause)[1])))

    def _read_alone(self, message: str, focus: str) -> list[Scored]:
        """The question in the message, with the rest only as context; empty when it names nothing of the story."""
        focused = self.rank(focus, context=message)
        if _POINTS_BACK.search(focus):
            # "my friend insists relations between the two towns improved, so what does it say about their
            # relations?": "their" points back at what a clause before names; read with that clause, when that
            # matches better. A gap the question finds alone, first or close behind the first, stands: "the article
            # says the station has one European astronaut - which agency sent them?" asks what the article lacks,
            # and the clause that restates the article must not answer it.
            gap_near = any(not scored.entry.from_article and focused[0].score - scored.score < self.tuning.gap_close
                           for scored in focused[:3])
            leads = [] if gap_near else referred_clauses(message, focus, lambda clause: self._naming(clause)[1])
            focused = _best((self.rank(f"{lead} {focus}", context=message, asking=focus) for lead in leads), focused)
        # "who did they criticise, the government or the crew?", "what did they call it, the full phrase?": the rest
        # of the question only adds words an answer misses. Read alone, its first clause says more clearly what it
        # asks: it wins when it finds the entry the whole question ranks first, or when the rest asks a question of
        # its own ("when did they post the photos, and how many were in them?").
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
        return focused

    def _level_by_the_question(self, focus: str, focused: list[Scored]) -> list[Scored]:
        """"so I was reading about the town and its bakery, anyway what did the mayor say about it?": read with the
        clause it refers to, another entry may come level with the one the question itself asks for; the question
        read alone decides between those that came level."""
        if len(focused) < 2 or focused[0].score - focused[1].score > LEVEL:
            return focused
        level = [scored for scored in focused if focused[0].score - scored.score <= LEVEL]
        alone = self.rank(focus)
        if not alone or alone[0].entry.id == focused[0].entry.id:
            return focused
        chosen = next((scored for scored in level if scored.entry.id == alone[0].entry.id), None)
        if chosen is None:
            return focused
        return [chosen, *(scored for scored in focused if scored is not chosen)]

    def _rank_whole(self, message: str) -> list[Scored]:
        """The whole message ranked, or a part of it that says more clearly what it asks."""
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
        if best:
            first = best[0].entry.id
            best = _best((ranked for ranked in map(self.rank, coordinated(message))
                          if ranked and ranked[0].entry.id == first), best)
        # each question of the message alone; the later one on a tie, since the question usually comes last
        return _best(map(self.rank, question_parts(message)), best, ties=True)

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
        if question != WHAT_ABOUT and _only_the_text(question):
            # "tell me the story", "explain the article": the whole text asked for, as "what is the story about" asks
            return replace(self.ask(WHAT_ABOUT), question=question)
        if (asked := without_requests_for_a_source(question)) != question:
            return replace(self.ask(asked), question=question)  # "... what were they celebrating? source?"
        focus = question_focus(question, self.analyzer.correct)
        ranked = self._rank_focused(question, focus)
        asked = focus or question
        ranked = self._by_person_spoken_of(asked, self._by_speakers_words(asked, question, self._one_alternative(
            asked, question, ranked)))
        result = self._decided(question, asked, ranked)
        if result.kind is Kind.ANSWER and asks_advice(asked):
            # "..., so how do you photograph the night sky with a phone?": how to do a thing oneself, no report's fact
            return Result(question, Kind.DECLINE, score=result.score)
        result = self._in_paragraph_named(question, result, ranked)
        if asks_the_texts_date(asked) and (dated := self._dateline_entry()) is not None:
            # "which month is this article from?": the text's own date, which its dateline gives
            return self.answer(question, dated, max(result.score, self.settings.answer_at))
        return self._or_the_wording(question, focus, result)

    def _decided(self, question: str, asked: str, ranked: list[Scored]) -> Result:
        """The bands' decision on the ranking, then each check that an entry close behind, a gap or a fact, takes
        the question instead, or that the answer lacks what is asked."""
        result = self._unless_more_is_asked(self.decide(question, ranked), asked, ranked)
        for check in (self._unless_a_gap_asks, self._unless_a_fact_answers, self._unless_a_fact_gives_the_count,
                      self._unless_a_gap_asks_what, self._unless_a_fact_asks_what, self._unless_a_gap_asks_words,
                      self._unless_the_text_reports_no_words, self._unless_the_text_lacks_it):
            result = check(result, asked, ranked)
        return result

    def _or_the_wording(self, question: str, focus: str | None, result: Result) -> Result:
        """The result, or the article's own answer to a question about its wording where that says more.

        In a long message, only the question itself: a fragment quoted in the preamble is not asked about, unless the
        question points back at it ("how does that sentence continue?")."""
        asked = focus or question
        if (named := self.where_named.answer(asked, result)) is not None:
            return replace(named, question=question)  # "what word does it use for the lab?", "the flags bit"
        if (counted := self.word_counts.answer(asked)) is not None:
            return replace(counted, question=question)  # "how many times does she say 'still'?"
        if (referred := self.referent.answer(asked)) is not None:
            return replace(referred, question=question)  # "who is the 'she' in the last paragraph?"
        worded = self.wording.answer(asked)
        if worded is None and focus is not None and refers_back(focus):
            worded = self.wording.answer(question)
        if worded is None:
            return result
        worded = replace(worded, question=question)
        if worded.kind is Kind.ANSWER and result.answered and _cited_by(worded, result):
            return result  # the entry cites the same line and says more
        if result.kind is Kind.GAP and worded.answer == FRAGMENT_ANSWER and result.score >= self.settings.answer_at:
            return result  # "it says 'a rare statement' - who signed it?": a gap sure of it knows the article lacks it
        thing = asked_which(asked, self.analyzer.correct) if worded.kind is Kind.ANSWER else None
        if thing is not None and all(only_pointed_at(c.quote, thing) for c in worded.citations):
            return result  # "... 'in these kinds of situations' - which situations?": the sentence only points
        meant = asked_meaning(asked) if worded.kind is Kind.ANSWER else None
        if meant is not None and all(said_only_as_quoted(c.quote, *meant) for c in worded.citations):
            return result  # "what technology did they mean by 'develop technology'?": the sentence says it back
        quoted = [c.quote for c in worded.citations]
        if worded.kind is Kind.ANSWER and self._asks_others_unnamed(asked, quoted):
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
        asking = who | self._terms(said_by) | self._terms(ASKING_WORDS)
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


def _cited_by(worded: Result, result: Result) -> bool:
    """Whether every line the article's own answer cites is one the entry's answer cites too."""
    return {c.line for c in worded.citations} <= {c.line for c in result.citations}


def _checking_words(question: str) -> frozenset[str]:
    """The words of the question that put a statement up for checking: "correct" in "is it correct that ..."."""
    return frozenset(word for found in _CHECKING.finditer(clean(question)) for word in found.groups() if word)


WHAT_ABOUT = "what is the story about"
_THE_TEXT = frozenset({"story", "stories", "article", "text", "report", "piece", "news"})
# words that only ask for a text, beside the word for it: "tell me the whole story", "describe the article"
_ASKING_FOR_IT = frozenset({"tell", "describe", "explain", "summarise", "summarize", "give", "about", "whole", "full",
                            "entire", "basically"})


def _only_the_text(question: str) -> bool:
    found = [word for word in words(question) if word not in STOPWORDS and word not in _ASKING_FOR_IT]
    return bool(found) and all(word in _THE_TEXT for word in found)


def _only_numbers(question: str) -> bool:
    found = words(question)
    return bool(found) and all(word.isdigit() or word in _NUMBER_ONLY for word in found)

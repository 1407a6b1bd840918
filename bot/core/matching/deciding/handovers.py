"""Deciding whether to answer: the bands, and which of a gap and a fact close together takes the question.

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

import re
from collections.abc import Callable

from bot.core.answers import CitedLine, Kind, Result, Suggestion
from bot.core.knowledge import Entry, MatchSettings
from bot.core.matching.deciding.lacking import THE_TEXT, Lacking
from bot.core.matching.question.answer_types import (
    added_thing,
    asked_head,
    asked_phrase,
    asked_types,
    asks_a_persons_words,
    asks_addition,
    asks_yes_or_no,
    counted_thing,
    only_counts,
    reports_words,
    speaker,
    wh_kind,
)
from bot.core.matching.question.clauses import ANSWER_KINDS, alternatives, question_focus
from bot.core.matching.scores import Scored
from bot.core.matching.words.analysis import Read, described_in
from bot.core.matching.words.lexicon import GENERIC_WORDS, INTENT_WORDS, NUMBER_NAMES
from bot.core.matching.words.normalize import stem, words
from bot.core.matching.words.related import CLOSE_SHARE

MAX_SUGGESTIONS = 3
# The words that ask for someone's words rather than say what about: "what exactly did she say", "her quotes".
ASKING_WORDS = "say said says tell told quote quotes words comment remark exactly precisely"
_CLAIMING_WORDS = "claim claimed claims mean meant means"
_NUMBER_TERMS = frozenset(stem(name) for name in NUMBER_NAMES)
_PREPOSITIONS = frozenset({"of", "against", "in", "on", "at", "to", "from", "with", "for", "about", "over",
                           "into", "toward", "towards", "near"})
_SENTENCE_END = re.compile(r"[?!.;:]+")


class Handovers(Lacking):
    """The decision on a ranking: answer, suggest or decline, and the handovers between a gap and a fact close
    behind it."""

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
        text = entry.said
        checks = (self._lacks_specification, self._lacks_person, self._lacks_members, self._lacks_name,
                  self._lacks_more_than_pointing, self._lacks_kind, self._lacks_who, self._lacks_order,
                  self._lacks_subject, self._lacks_event, self._lacks_others, self._lacks_meaning, self._lacks_object,
                  self._lacks_place_of, self._lacks_definition,
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
            if not any(lacks(asked, entry, entry.said) for lacks in checks):
                return self.answer(result.question, entry, scored.score)
        return None

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
        if fact is None or fact.score < self.settings.answer_at or gap.score - fact.score >= self.tuning.order_close:
            return result
        correct = self.analyzer.correct
        wanted = asked_types(asked, correct)
        answerable = wanted and self._holds(fact.entry, wanted) and not wanted & asked_types(gap.pattern, correct)
        if answerable and (gap.score - fact.score < self.tuning.gap_close or self._asks_another_wh(asked, gap.pattern)):
            return self.answer(result.question, fact.entry, fact.score)
        if gap.score - fact.score >= self.tuning.gap_close:
            return result
        said_by = speaker(asked)
        who = self._persons_quoted() if asks_a_persons_words(said_by) else self._terms(said_by)
        if who & self._speaker(gap.pattern) and not any(who & self._speaker(q) for q in fact.entry.questions):
            return result  # "did the staff say anything?": the gap asks their words, the fact never does
        weighty = self._weighty(asked)
        gap_says = set(self.analyzer.terms(gap.pattern, correct_typos=True))
        fact_says = set(self.analyzer.terms(fact.pattern, correct_typos=True))
        if not any(r.term in fact_says and r.term not in gap_says for r in weighty):
            if self._unasked(asked, gap.pattern) > self._unasked(asked, fact.pattern) + self.tuning.informative and (
                    self._left(asked, fact) <= self._left(asked, gap)):
                return self.answer(result.question, fact.entry, fact.score)
            return result
        if self._says_what_it_lacks(gap, fact, weighty) or self._left(asked, fact) > self._left(asked, gap):
            return result
        return self.answer(result.question, fact.entry, fact.score)

    def _asks_another_wh(self, asked: str, pattern: str) -> bool:
        """Whether the question and a gap's question ask with different wh-words ("how many are american?" against
        "who are the american astronauts"): then the gap's further lead, up to ``order_close``, is its shared words'."""
        kinds = wh_kind(asked, self.analyzer.correct), wh_kind(pattern, self.analyzer.correct)
        return None not in kinds and kinds[0] != kinds[1]

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
        if not only_counts(fact.entry.said, thing) or self._left(asked, fact) > self._left(asked, gap):
            return result
        return self.answer(result.question, fact.entry, fact.score)

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
                THE_TEXT & set(said_by.split())):
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
            return not unknown and reports_words(entry.said)

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
        aside = self._speaker_terms(said_by) | self._terms(ASKING_WORDS) | self._terms(_CLAIMING_WORDS)
        # a loosely related reading ("capital" read as "town") is not the text saying it
        return all(r.term in said and (not r.related or r.share >= CLOSE_SHARE)
                   for r in self.analyzer.read(asked, self._term_id)
                   if r.term not in aside and r.term not in INTENT_WORDS
                   and self.weight(r.term, r.word) * r.share >= self.tuning.informative)

    def _spoken_of_only(self, entry: Entry, who: frozenset[str]) -> bool:
        """Whether the entry's answer and quotes name whoever is asked to have spoken only after a preposition ("the
        capture of a region of eastern X", "a war against X"): as what the text is about, never as one who acts."""
        found = words(entry.said)
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

    def _unasked(self, question: str, pattern: str) -> float:
        """The weight of a pattern's informative words that the question doesn't say: what else it asks ("how many
        LIKES did the photos get" against "how many were in the photos")."""
        asked = {r.term for r in self.analyzer.read(question, self._term_id)}
        return sum(weight for r in self.analyzer.read(pattern, self._term_id) if r.term not in asked and (
            (weight := self.weight(r.term, r.word) * r.share) >= self.tuning.informative))

    def _left(self, question: str, scored: Scored) -> float:
        """The weight of the question's informative words that nothing in the entry uses."""
        return sum(self.weight(r.term, r.word) * r.share for r in self._unexplained_reads(question, scored.entry.id))

    def _says(self, entry: Entry, text: str) -> bool:
        """Whether the entry's questions, answer or quotes use every term of the text (and it has one), each as
        the text's own word, not as a related word read for it. Everyday words name nothing and needn't be used:
        "a real position" is said by an entry that says "position"."""
        number = self._number(entry.id)
        read = [r for r in self.analyzer.read(text, self._term_id) if not self._light(r.term)]
        return bool(read) and all(not r.related and self._uses(number, r.term) for r in read)

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

    def _rank_focused(self, message: str, focus: str | None) -> list[Scored]:
        """The matcher's ranking of a message for the question in it (``Matcher._rank_focused``)."""
        raise NotImplementedError


def _gap_reply(question: str, gap: Scored) -> Result:
    """A gap's honest reply: the article doesn't say."""
    return Result(question, Kind.GAP, answer=gap.entry.answer, entry=gap.entry.id, score=gap.score)


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

"""The engine both faces share: one loaded knowledge base, its matcher, and lookups.

The Discord bot and the terminal hold an ``Engine`` and ask it things; neither touches the
matcher or the YAML directly. Reloading builds a new engine and swaps it in whole, so a
question is always answered by one consistent knowledge base.
"""

from __future__ import annotations

import random
import re
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from bot.core import cache
from bot.core.answers import Kind, Result, Suggestion
from bot.core.knowledge import FACT, Entry, Event, KnowledgeBase, Quote
from bot.core.knowledge.problems import Problem
from bot.core.matching.index import Index
from bot.core.matching.matcher import Matcher
from bot.core.matching.question.clauses import AUXILIARIES, WH_WORDS, separate_questions
from bot.core.matching.words.analysis import Analyzer
from bot.core.matching.words.normalize import clean
from bot.core.misses import Miss, Reader, closest

if TYPE_CHECKING:
    from bot.core.knowledge.loading import LoadResult

AUTOCOMPLETE_LIMIT = 25
RECENT_ANSWERS = 2048


def load_knowledge(directory: str | Path, warnings: bool = True) -> LoadResult:
    """``loading.load_knowledge``, imported when first needed: a cached engine needs no YAML reader."""
    from bot.core.knowledge.loading import load_knowledge as load

    return load(directory, warnings=warnings)


def _folded(text: str) -> str:
    """``text.casefold()``, the same string object when that changes nothing (most titles are lowercase)."""
    folded = text.casefold()
    return text if folded == text else folded


class KnowledgeError(Exception):
    """The knowledge base has errors; ``problems`` says each one with file, line and fix."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the knowledge base has {len(problems)} error(s):\n{lines}")


_LEADING_JOIN = re.compile(r"^(?:and|or|also|but|so|plus)\s+", re.IGNORECASE)  # "... ? and who ...?"
# A sentence of a message that asks something of its own ("what flags?"), for the note under an answer: a question
# word in it, and not the other half of an either-or ("or was it the mayor?").
_ASKS = re.compile(rf"\b(?:{WH_WORDS}|{AUXILIARIES})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s*\n+\s*")
MAX_NOTED = 10  # questions of one message each asked alone to see which the answer leaves; more is a wall of them


def _asked_apart(message: str) -> list[str]:
    """The questions a message asks, each a sentence ending in "?", for the note when the message is read whole: more
    than ``ask_each`` takes apart, or one of them short ("what flags?"). Each may be named to ask on its own, so none
    is only a join and a question word ("and why?") or the other half of an either-or."""
    sentences = (sentence.strip() for sentence in _SENTENCE_END.split(message))
    questions = [sentence for sentence in sentences if sentence.endswith("?")]
    if any(len(_LEADING_JOIN.sub("", question).split()) < 2 or not _ASKS.search(question)
           or question.lower().startswith("or ") for question in questions):
        return []
    return questions


class Engine:
    def __init__(self, kb: KnowledgeBase, index: Index | None = None, analyzer: Analyzer | None = None) -> None:
        """``index`` and ``analyzer``: the matcher's, built before for this knowledge base (the cache's)."""
        self.kb = kb
        self.matcher = Matcher(kb, analyzer=analyzer, index=index)
        offered = [e for e in kb.entries if e.from_article and e.questions]  # askable: what autocomplete offers
        self._offered = offered
        self._questions = [q for e in offered for q in (e.heading, *e.questions)]
        self._question_entry = array("i", [index for index, e in enumerate(offered) for _ in (e.heading, *e.questions)])
        self.reader = Reader(kb, self.matcher.analyzer.correct)
        self._titled = {_folded(e.heading): e for e in offered}
        self._recent: OrderedDict[str, Result] = OrderedDict()
        self._listed: dict[str, Entry] | None = None  # each listed question's entry, made on first use

    @classmethod
    def load(cls, directory: str | Path, cache_dir: str | Path | None = None) -> Engine:
        """Load, check and index a knowledge base; with ``cache_dir``, reuse the index saved there."""
        path = cache.cache_path(Path(cache_dir), Path(directory)) if cache_dir is not None else None
        if path is not None:
            cached = cache.load(path, Path(directory))
            if cached is not None:
                return cached
        result = load_knowledge(directory, warnings=False)
        if result.kb is None:
            raise KnowledgeError(result.problems.errors)
        engine = cls(result.kb)
        if path is not None:
            cache.save(path, engine)
        return engine

    def ask(self, question: str) -> Result:
        """The reply to a question; the same question asked again (autocomplete makes that common)
        is answered from memory. Results are immutable, so sharing them is safe."""
        found = self._recent.get(question)
        if found is None:
            titled = self._titled.get(question.strip().casefold())  # an autocomplete choice: that entry
            found = self.matcher.answer(question, titled) if titled else self.matcher.ask(question)
            self._recent[question] = found
            if len(self._recent) > RECENT_ANSWERS:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(question)
        return found

    def ask_each(self, message: str) -> tuple[Result, ...]:
        """One answer for each question of a message that asks several, when every one of them is answered, each from
        lines of its own; empty otherwise, and the message is one question to ``ask``. A part left unanswered (a
        pronoun it leans on the rest for, a gap) or answered from a line another part is, is better read whole."""
        questions = separate_questions(message)
        if not questions:
            return ()
        results = tuple(self.ask(question) for question in questions)
        if any(result.kind is not Kind.ANSWER for result in results):
            return ()
        lines = [line for result in results for line in {cited.line for cited in result.citations}]
        if len(set(lines)) < len(lines):  # two of them about one line: one question, asked twice over
            return ()
        return results

    def left_unanswered(self, message: str, result: Result) -> tuple[str, ...]:
        """The questions of a message that asks several which ``result``, its answer read whole, leaves unanswered:
        so the asker is told to ask them on their own, rather than take one answer for all of them.

        Only when some question of it, asked alone, gets that same answer: otherwise the answer came from the
        questions together (one leans on another: "who runs it and since when"), and none is clearly left."""
        if not result.answered:
            return ()
        questions = separate_questions(message) or _asked_apart(message)
        if not 2 <= len(questions) <= MAX_NOTED:
            return ()
        lines = {cited.line for cited in result.citations}
        alone = [self.ask(question) for question in questions]
        covered = [each.answered and (each.entry == result.entry or bool(lines & {c.line for c in each.citations}))
                   for each in alone]
        if not any(covered):
            return ()
        return tuple(_LEADING_JOIN.sub("", question) for question, done in zip(questions, covered, strict=True)
                     if not done)

    def answer_entry(self, entry_id: str, question: str = "") -> Result | None:
        """The answer of one entry, as if it had been matched (a clicked suggestion)."""
        entry = self.kb.get(entry_id)
        if entry is None or not entry.from_article:
            return None
        return self.matcher.answer(question or entry.heading, entry)

    def complete(self, typed: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[str]:
        """One clean question per entry (its title), the entries whose questions best match what has
        been typed so far first, for autocomplete."""
        if not typed.strip():
            return [e.heading for e in self._offered if e.kind == FACT][:limit]
        found = process.extract(typed, self._questions, scorer=fuzz.WRatio, processor=utils.default_process,
                                score_cutoff=50, limit=None)
        start = utils.default_process(typed)

        def order(item: tuple[str, float, int]) -> tuple[float, bool, float]:
            # WRatio scores every question that contains the typed words alike: among those, the
            # ones that begin with them, then the closest overall.
            text = utils.default_process(item[0])
            return -round(item[1]), not text.startswith(start), -fuzz.ratio(start, text, processor=None)

        found.sort(key=order)
        seen: list[int] = []
        for _, _, index in found:
            entry = self._question_entry[index]
            if entry not in seen:
                seen.append(entry)
                if len(seen) >= limit:
                    break
        return [self._offered[entry].heading for entry in seen]

    def answered_elsewhere(self, entry_id: str) -> list[tuple[str, str]]:
        """The entry's own questions that another entry's answer or gap reply takes, with that entry's id: after a
        moderator's change, the ways to ask it that still won't reach it."""
        entry = self.kb.get(entry_id)
        if entry is None:
            return []
        taken = []
        for question in entry.questions:
            result = self.matcher.ask(question)
            if result.entry not in (None, entry_id) and result.kind in (Kind.ANSWER, Kind.GAP):
                taken.append((question, result.entry))
        return taken

    def listed_in(self, question: str) -> Entry | None:
        """The entry whose questions already hold this one, read as ``check`` compares them (a gap's own question
        gets the gap's reply by design: nothing for a moderator to teach)."""
        if self._listed is None:
            self._listed = {}
            for entry in self.kb.entries:
                for asked in entry.questions:
                    self._listed.setdefault(clean(asked), entry)
        return self._listed.get(clean(question))

    def miss(self, result: Result) -> Miss | None:
        """Why a decline is one: unreadable, not placed in the story, or not covered by the article."""
        return self.reader.miss(result)

    def closest(self, question: str, limit: int = 3) -> list[Entry]:
        """The article entries nearest to a question the engine couldn't place, best first."""
        ranked = [(s.entry.id, s.score) for s in self.matcher.rank_message(question) if s.entry.from_article]
        return [entry for entry in (self.kb.get(i) for i in closest(ranked, limit)) if entry is not None]

    def presented(self, result: Result) -> tuple[Result, Miss | None]:
        """A result as a face shows it: suggestions by their entries' titles; a decline with why it is
        one, and (when the engine couldn't place the question) the closest entries as suggestions; a did-you-mean
        for a paragraph past the last one is a miss that says how many there are."""
        if self.reader.past_the_last_paragraph(result.question):
            # "paragraph 8" of seven, "what does paragraph 9 say about the mayor": whatever entry it comes close to,
            # its line is not the one asked for; the count is the help
            return replace(result, kind=Kind.DECLINE, answer=None, citations=(), entry=None,
                           suggestions=()), Miss.NO_SUCH_PARAGRAPH
        miss = self.miss(result)
        if result.suggestions:
            labelled = tuple(Suggestion(s.entry, self.heading(s.entry, s.question), s.score)
                             for s in result.suggestions)
            return replace(result, suggestions=labelled), miss
        if miss is Miss.UNPLACED:
            closest = tuple(Suggestion(e.id, e.heading, 0.0) for e in self.closest(result.question))
            return replace(result, suggestions=closest), miss
        return result, miss

    def near_entry(self, question: str, floor: float = 0.45) -> Entry | None:
        """The article entry a question comes close to, for a moderator to teach it; ``None`` when nothing
        comes close or the question isn't readable (keyboard mash, off-topic chatter)."""
        if not self.reader.read(question).readable:
            return None
        for scored in self.matcher.rank_message(question):
            if scored.entry.from_article:
                return scored.entry if scored.score >= floor else None
        return None

    def heading(self, entry_id: str, fallback: str = "") -> str:
        """The title people see for an entry (its first question when it has no title)."""
        entry = self.kb.get(entry_id)
        return entry.heading if entry is not None else (fallback or entry_id)

    def topics(self) -> dict[str, list[Entry]]:
        """Facts grouped by topic, in the order the knowledge base lists them."""
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.kb.entries:
            if entry.kind == FACT:
                grouped[entry.topic].append(entry)
        return dict(grouped)

    def quotes(self, speaker: str | None = None, search: str | None = None) -> list[Quote]:
        quotes = self.kb.quotes
        if speaker:
            quotes = [q for q in quotes if q.speaker.casefold() == speaker.casefold()]
        if search and search.strip():
            scored = process.extract(search, [f"{q.speaker} {q.text} {q.context}" for q in quotes],
                                     scorer=fuzz.token_set_ratio, processor=utils.default_process,
                                     score_cutoff=45, limit=None)
            quotes = [quotes[index] for _, _, index in scored]
        return quotes

    def random_quote(self, rng: random.Random | None = None) -> Quote | None:
        quotes = self.kb.quotes
        return (rng or random).choice(quotes) if quotes else None

    def timeline(self) -> list[Event]:
        return self.kb.timeline

    def source(self) -> list[tuple[int, str]]:
        """The article's paragraphs with their numbers (1, 2, 3 ...: blank lines don't count)."""
        return [(number, self.kb.article.line(line)) for number, line in enumerate(self.kb.article.text_lines, 1)]

"""The engine both faces share: one loaded knowledge base, its matcher, and lookups.

The Discord bot and the terminal hold an ``Engine`` and ask it things; neither touches the
matcher or the YAML directly. Reloading builds a new engine and swaps it in whole, so a
question is always answered by one consistent knowledge base.
"""

from __future__ import annotations

import random
from collections import OrderedDict, defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bot.core import cache
from bot.core.answers import Result
from bot.core.knowledge import FACT, Entry, Event, KnowledgeBase, Quote
from bot.core.loading import load_knowledge
from bot.core.matching import Matcher
from bot.core.problems import Problem

AUTOCOMPLETE_LIMIT = 25
RECENT_ANSWERS = 2048


class KnowledgeError(Exception):
    """The knowledge base has errors; ``problems`` says each one with file, line and fix."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the knowledge base has {len(problems)} error(s):\n{lines}")


class Engine:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)
        self._questions = [q for e in kb.entries if e.from_article for q in e.questions]
        self._recent: OrderedDict[str, Result] = OrderedDict()

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_recent": OrderedDict()}  # the saved engine starts with no recent answers

    @classmethod
    def load(cls, directory: str | Path, cache_dir: str | Path | None = None) -> Engine:
        """Load, check and index a knowledge base; with ``cache_dir``, reuse the index saved there."""
        path = cache.cache_path(Path(cache_dir), Path(directory)) if cache_dir is not None else None
        if path is not None:
            cached = cache.load(path)
            if isinstance(cached, cls):
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
            found = self.matcher.ask(question)
            self._recent[question] = found
            if len(self._recent) > RECENT_ANSWERS:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(question)
        return found

    def answer_entry(self, entry_id: str, question: str = "") -> Result | None:
        """The answer of one entry, as if it had been matched (a clicked suggestion)."""
        entry = self.kb.get(entry_id)
        if entry is None or not entry.from_article:
            return None
        return self.matcher.answer(question or (entry.questions[0] if entry.questions else entry.id), entry)

    def complete(self, typed: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[str]:
        """Known questions closest to what has been typed so far, for autocomplete."""
        if not typed.strip():
            return [e.questions[0] for e in self.kb.entries if e.kind == FACT and e.questions][:limit]
        found = process.extract(typed, self._questions, scorer=fuzz.WRatio, processor=utils.default_process,
                                score_cutoff=50, limit=limit)
        return [question for question, _, _ in found]

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
        """The article's text lines with their numbers."""
        return [(n, self.kb.article.line(n)) for n in self.kb.article.text_lines]

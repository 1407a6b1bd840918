"""The knowledge base: what the article says, as entries that cite it line by line.

These are plain frozen objects. The modules beside this one read and check them: the article's
lines (``article``), which files make a knowledge base (``sources``), YAML that remembers its lines
(``yamlsource``), each section's shape (``schema``), loading a folder (``loading``), the checks
against the article (``checks``) and the problems they report (``problems``). Matching questions to
them lives in ``bot.core.matching``; changing them, in ``bot.core.storage``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.core.knowledge.article import Article

FACT, QUOTE, EVENT, GAP = "fact", "quote", "event", "gap"


@dataclass(frozen=True)
class Origin:
    """Where an entry is written: the file and line to point a person at."""

    file: str
    line: int


@dataclass(frozen=True)
class Citation:
    """Exact words from one article line."""

    line: int
    quote: str


@dataclass(frozen=True, kw_only=True)
class Entry:
    """Something the bot can say in reply: a fact, a quote, a timeline event or a gap.

    ``answer`` is the reply text. A gap's answer is an honest "the article doesn't say"
    and it cites nothing; every other kind cites the article.
    """

    id: str
    kind: str
    questions: tuple[str, ...]
    answer: str
    cite: tuple[Citation, ...]
    topic: str
    origin: Origin
    title: str = ""  # the one clean question people are shown for this entry; the first question if empty

    @property
    def heading(self) -> str:
        """The entry as people see it offered (autocomplete, /topics, did-you-mean, an answer's title)."""
        return self.title or (self.questions[0] if self.questions else self.id)

    @property
    def says(self) -> tuple[str, ...]:
        """What the entry says, as against what it is asked: its answer, then the words it quotes."""
        return (self.answer, *(citation.quote for citation in self.cite))

    @property
    def said(self) -> str:
        """``says`` as one text."""
        return " ".join(self.says)

    @property
    def from_article(self) -> bool:
        """True when the reply states something the article says (not a gap)."""
        return self.kind != GAP


@dataclass(frozen=True, kw_only=True)
class Quote(Entry):
    speaker: str
    text: str
    line: int
    context: str


@dataclass(frozen=True, kw_only=True)
class Event(Entry):
    date: str
    when: str
    event: str
    inferred: str | None

    @property
    def says(self) -> tuple[str, ...]:
        """The event and how its date was worked out, without the answer's own words around them: a note's label
        ("How the date was worked out") is the bot's wording, and its words would weigh in matching as the story's."""
        return (f"{self.when}: {self.event}", *((self.inferred,) if self.inferred else ()),
                *(citation.quote for citation in self.cite))

    @property
    def sort_key(self) -> tuple[str, str]:
        start, _, end = self.date.partition("/")
        return start, end or start


@dataclass(frozen=True)
class AliasGroup:
    """Words that mean the same thing in this story; ``term`` is the one they become."""

    term: str
    same_as: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Story:
    title: str
    headline: str
    dateline: Citation
    source: str = ""


@dataclass(frozen=True)
class MatchSettings:
    """Decision bands, calibrated with ``python -m bot eval``.

    answer_at: the best entry's score needed to answer.
    suggest_at: below answer_at but at least this, offer "did you mean".
    margin: the best entry must lead the runner-up by this much to answer outright.
    """

    answer_at: float = 0.7
    suggest_at: float = 0.6
    margin: float = 0.0


@dataclass(frozen=True)
class KnowledgeBase:
    directory: Path
    article: Article
    story: Story
    entries: tuple[Entry, ...]
    aliases: tuple[AliasGroup, ...] = ()
    matching: MatchSettings = field(default_factory=MatchSettings)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)  # type: ignore[attr-defined]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    @property
    def quotes(self) -> list[Quote]:
        return [entry for entry in self.entries if isinstance(entry, Quote)]

    @property
    def timeline(self) -> list[Event]:
        events = [entry for entry in self.entries if isinstance(entry, Event)]
        return sorted(events, key=lambda event: event.sort_key)

    @property
    def speakers(self) -> list[str]:
        return sorted({quote.speaker for quote in self.quotes})

    def cited_text(self, citation: Citation) -> str:
        return self.article.line(citation.line)

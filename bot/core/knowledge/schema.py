"""The shape of each knowledge-base section, and reading raw YAML into model objects.

Every reader records what is wrong with ``FILE:LINE`` and a fix, and keeps going, so one run
of ``check`` reports every problem. Values YAML turned into something else (``no`` into
false, ``15`` into a number, ``2022-02-24`` into a date) are refused with a hint to quote them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core.knowledge import (
    EVENT,
    FACT,
    GAP,
    QUOTE,
    AliasGroup,
    Citation,
    Entry,
    Event,
    MatchSettings,
    Origin,
    Quote,
    Story,
)
from bot.core.knowledge.problems import ProblemList
from bot.core.knowledge.yamlsource import YMap, YSeq, line_of

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")  # whole: fullmatch, since "$" also matches before a final newline
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?")
MAX_TEXT = 1500
MAX_TITLE = 100  # a title is offered as an autocomplete choice (at most 100 characters)


@dataclass(frozen=True)
class CitedOnly:
    """What is left of an entry another error keeps from loading: its id and citations, still checked against the
    article, so that one run of ``check`` tells every problem of the entry, not the next one after each fix."""

    id: str
    cite: tuple[Citation, ...]


@dataclass
class Located:
    """A model object plus the YAML lines its parts came from, for cross-entry checks."""

    entry: Any
    file: str
    line: int
    cite_lines: list[int] = field(default_factory=list)  # each citation's `line:`, where a wrong line is fixed
    question_lines: list[int] = field(default_factory=list)
    quote_lines: list[int] = field(default_factory=list)  # each citation's `quote:`, where wrong words are fixed
    shown_lines: dict[str, int] = field(default_factory=dict)  # the line of the answer, topic and title people see


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"  # what the person wrote, not Python's name for it ("str")
    return type(value).__name__


def _text_hint(name: str, value: Any, item: bool = False) -> str:
    """How to write ``name`` (a list's item when ``item``: its text follows the dash, not ``name:``) as text."""
    key = "- " if item else f"{name}: "
    if isinstance(value, bool):
        return (f"YAML reads yes/no/on/off/true/false as a true/false value; "
                f'put the text in quotes: {key}"{"yes" if value else "no"}"')
    if isinstance(value, int | float):
        return f'YAML reads a bare number as a number; put it in quotes: {key}"{value}"'
    if isinstance(value, dt.date):
        return f'YAML reads a bare date as a date; put it in quotes: {key}"{value.isoformat()}"'
    if item and value is None:
        return "write the text after the '- ', or delete the line"
    if value is None:
        return f"write the text after '{name}:'"
    if item and isinstance(value, dict | list):  # "- what prize: a cake" is read as a mapping
        return "write it as one line of text after the '- ', in quotes if it holds ': ' or starts with [ or {"
    return f"write {name} as one line of text"


class Reader:
    """Reads the fields of one raw mapping, recording problems against its file and lines."""

    def __init__(self, file: str, problems: ProblemList, raw: YMap, entry: str | None = None) -> None:
        self.file = file
        self.problems = problems
        self.raw = raw
        self.entry = entry
        self.cited: tuple[list[Citation], list[int], list[int]] | None = None  # the citations read, if any

    def line(self, name: str | None = None) -> int:
        if name is not None and name in self.raw.key_lines:
            return self.raw.key_lines[name]
        return self.raw.line

    def shown_lines(self, answer_key: str) -> dict[str, int]:
        """Where the fields people are shown were written: a problem in one is named at its own line."""
        return {"answer": self.line(answer_key), "topic": self.line("topic"), "title": self.line("title")}

    def error(self, name: str | None, message: str, fix: str, line: int | None = None) -> None:
        self.problems.error(self.file, line or self.line(name), message, fix, self.entry)

    def only(self, allowed: list[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                self.error(key, f"unknown field '{key}'",
                           f"use only {', '.join(allowed)} (check the spelling)")

    def _missing(self, name: str) -> None:
        self.error(None, f"missing field '{name}'", f"add '{name}:' to this entry")

    def text(self, name: str, required: bool = True, max_len: int = MAX_TEXT) -> str | None:
        if name not in self.raw:
            if required:
                self._missing(name)
            return None
        value = self.raw[name]
        return self._text_value(name, value, self.line(name), max_len)

    def _text_value(self, name: str, value: Any, line: int, max_len: int = MAX_TEXT, item: bool = False) -> str | None:
        """``item``: ``value`` is an item of the list ``name``, and the messages say so ("an item of 'questions'")."""
        shown = f"an item of '{name}'" if item else f"'{name}'"
        if not isinstance(value, str):
            self.error(name, f"{shown} should be text, found {_describe(value)}",
                       _text_hint(name, value, item), line)
            return None
        if not value.strip():
            self.error(name, f"{shown} is empty",
                       "write the text after the '- ', or delete the line" if item else f"write the text of '{name}'",
                       line)
            return None
        if len(value) > max_len:
            self.error(name, f"{shown} is {len(value)} characters long",
                       f"keep it to at most {max_len} characters", line)
            return None
        return value.strip()

    def title(self) -> str:
        """The optional ``title``: one short, clean question (shown to people instead of the first question)."""
        return self.text("title", required=False, max_len=MAX_TITLE) or ""

    def texts(self, name: str, required: bool = True) -> tuple[list[str], list[int]] | None:
        if name not in self.raw:
            if required:
                self._missing(name)
            return None
        value = self.raw[name]
        if not isinstance(value, YSeq):
            self.error(name, f"'{name}' should be a list, found {_describe(value)}",
                       f"write each item on its own line under '{name}:' starting with '- '")
            return None
        if not value:
            self.error(name, f"'{name}' is an empty list", f"add at least one item to '{name}'")
            return None
        items: list[str] = []
        lines: list[int] = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            text = self._text_value(name, item, item_line, max_len=300, item=True)
            if text is not None:
                items.append(text)
                lines.append(item_line)
        return items, lines

    def integer(self, name: str, required: bool = True) -> int | None:
        if name not in self.raw:
            if required:
                self._missing(name)
            return None
        value = self.raw[name]
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit():
                hint = f"write the number without quotes: {name}: {value.strip()}"
            elif isinstance(value, float) and math.isfinite(value) and value >= 1:
                hint = f"write a whole number: {name}: {math.floor(value)}"  # the line the fraction is on
            else:
                hint = f"write a whole number: {name}: 3"
            self.error(name, f"'{name}' should be a whole number, found {_describe(value)}", hint)
            return None
        return value

    def number(self, name: str, low: float, high: float, example: float | None = None) -> float | None:
        """``example`` is the value the fix suggests, where the middle of the range would clash with other fields."""
        if name not in self.raw:
            return None
        value = self.raw[name]
        if not _number_in(value, low, high):
            self.error(name, f"'{name}' should be a number from {low} to {high}, found {value!r}",
                       f"write a number such as {name}: {(low + high) / 2 if example is None else example}")
            return None
        return float(value)

    def citation(self, name: str, raw: Any, line: int) -> Citation | None:
        if not isinstance(raw, YMap):
            self.error(name, f"each '{name}' item should be a mapping with line and quote",
                       "write each as: - {line: 3, quote: \"exact words from line 3\"}", line)
            return None
        sub = Reader(self.file, self.problems, raw, self.entry)
        sub.only(["line", "quote"])
        number = sub.integer("line")
        quote = sub.text("quote", max_len=MAX_TEXT)
        if number is None or quote is None:
            return None
        return Citation(number, quote)  # its words are checked against the article, their length too

    def citations(self, name: str) -> tuple[list[Citation], list[int], list[int]] | None:
        """The citations, the line of each one's ``line:`` and the line of each one's ``quote:``."""
        if name not in self.raw:
            self._missing(name)
            return None
        value = self.raw[name]
        if not isinstance(value, YSeq) or not value:
            self.error(name, f"'{name}' should be a list of line + quote, found {_describe(value)}",
                       f"write: {name}: [{{line: 3, quote: \"exact words from line 3\"}}]")
            return None
        cites: list[Citation] = []
        lines: list[int] = []
        quote_lines: list[int] = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            citation = self.citation(name, item, item_line)
            if citation is not None:
                number_line, quote_line = citation_lines(item, item_line)
                cites.append(citation)
                lines.append(number_line)
                quote_lines.append(quote_line)
        self.cited = cites, lines, quote_lines
        return cites, lines, quote_lines


def citation_lines(raw: Any, default: int) -> tuple[int, int]:
    """Where a citation's ``line:`` and its ``quote:`` are written (``- {line: 3, quote: ...}``: the same line)."""
    start = line_of(raw, default) or default
    key_lines = getattr(raw, "key_lines", {})
    return key_lines.get("line", start), key_lines.get("quote", start)


def _real_dates(text: str) -> bool:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD``, and days that exist."""
    if not DATE_PATTERN.fullmatch(text):
        return False
    try:
        for part in text.split("/"):
            dt.date.fromisoformat(part)
    except ValueError:
        return False
    return True


def _entry_id(file: str, raw: YMap, problems: ProblemList) -> str | None:
    value = raw.get("id")
    line = raw.key_lines.get("id", raw.line)
    if value is None:
        problems.error(file, raw.line, "entry has no 'id'", "add a unique id such as 'id: who-said-it'")
        return None
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        problems.error(file, line, f"id {value!r} is not a valid id",
                       "use lowercase letters, digits and dashes, at most 60 characters "
                       "(for example 'who-said-it'); quote it if YAML reads it as a number or true/false",
                       value if isinstance(value, str) else None)
        return None
    return value


def read_fact(reader: Reader) -> Located | None:
    reader.only(["id", "title", "topic", "questions", "answer", "cite"])
    questions = reader.texts("questions")
    answer = reader.text("answer")
    topic = reader.text("topic", required=False)
    cites = reader.citations("cite")
    if questions is None or answer is None or cites is None or reader.entry is None:
        return None
    entry = Entry(id=reader.entry, kind=FACT, questions=tuple(questions[0]), answer=answer,
                  cite=tuple(cites[0]), topic=topic or "General", origin=Origin(reader.file, reader.line()),
                  title=reader.title())
    return Located(entry, reader.file, reader.line(), cites[1], questions[1], cites[2], reader.shown_lines("answer"))


def read_gap(reader: Reader) -> Located | None:
    reader.only(["id", "title", "topic", "questions", "reply"])
    questions = reader.texts("questions")
    reply = reader.text("reply")
    topic = reader.text("topic", required=False)
    if questions is None or reply is None or reader.entry is None:
        return None
    entry = Entry(id=reader.entry, kind=GAP, questions=tuple(questions[0]), answer=reply, cite=(),
                  topic=topic or "Not in the article", origin=Origin(reader.file, reader.line()),
                  title=reader.title())
    return Located(entry, reader.file, reader.line(), [], questions[1], [], reader.shown_lines("reply"))


def read_quote(reader: Reader) -> Located | None:
    reader.only(["id", "title", "topic", "speaker", "quote", "line", "context", "questions"])
    speaker = reader.text("speaker", max_len=100)
    text = reader.text("quote")
    number = reader.integer("line")
    context = reader.text("context")
    topic = reader.text("topic", required=False)
    questions = reader.texts("questions", required=False) or ([], [])
    if None in (speaker, text, number, context) or reader.entry is None:
        return None
    assert speaker is not None and text is not None and number is not None and context is not None
    entry = Quote(id=reader.entry, kind=QUOTE, questions=tuple(questions[0]),
                  answer=f"{speaker} said: “{text}” — {context}", cite=(Citation(number, text),),
                  topic=topic or "Quotes", origin=Origin(reader.file, reader.line()),
                  speaker=speaker, text=text, line=number, context=context, title=reader.title())
    return Located(entry, reader.file, reader.line(), [reader.line("line")], questions[1], [reader.line("quote")],
                   reader.shown_lines("quote"))


def read_event(reader: Reader) -> Located | None:
    reader.only(["id", "title", "topic", "date", "when", "event", "inferred", "cite", "questions"])
    date = reader.text("date", max_len=21)
    when = reader.text("when", max_len=120)
    event = reader.text("event")
    inferred = reader.text("inferred", required=False)
    topic = reader.text("topic", required=False)
    cites = reader.citations("cite")
    questions = reader.texts("questions", required=False) or ([], [])
    if date is not None and not _real_dates(date):
        reader.error("date", f"date {date!r} is not a real YYYY-MM-DD date or YYYY-MM-DD/YYYY-MM-DD range",
                     'write a quoted ISO date, or a range for "some time between": "2022-07-04/2022-07-08"')
        date = None
    if None in (date, when, event, cites) or reader.entry is None:
        return None
    assert date is not None and when is not None and event is not None and cites is not None
    # in words a member reads without knowing the file's fields: what was worked out (the date), then how
    note = f" (How the date was worked out: {inferred})" if inferred else ""
    entry = Event(id=reader.entry, kind=EVENT, questions=tuple(questions[0]),
                  answer=f"{when}: {event}{note}", cite=tuple(cites[0]), topic=topic or "Timeline",
                  origin=Origin(reader.file, reader.line()), date=date, when=when, event=event,
                  inferred=inferred, title=reader.title())
    return Located(entry, reader.file, reader.line(), cites[1], questions[1], cites[2], reader.shown_lines("event"))


ENTRY_READERS: dict[str, Callable[[Reader], Located | None]] = {
    "facts": read_fact,
    "gaps": read_gap,
    "quotes": read_quote,
    "timeline": read_event,
}


def read_entries(section: str, file: str, raw: Any, line: int, problems: ProblemList,
                 unloaded: list[Located] | None = None) -> list[Located]:
    """Read a list section (facts, gaps, quotes, timeline) into located entries; an entry an error keeps from
    loading adds its id and the citations that could be read to ``unloaded`` (as ``CitedOnly``)."""
    if not isinstance(raw, YSeq):
        problems.error(file, line, f"'{section}' should be a list of entries, found {_describe(raw)}",
                       f"write each entry under '{section}:' starting with '- id: ...'")
        return []
    found: list[Located] = []
    for item, item_line in zip(raw, raw.item_lines, strict=True):
        if not isinstance(item, YMap):
            problems.error(file, item_line, f"a '{section}' entry should be a mapping, found {_describe(item)}",
                           "start the entry with '- id: ...' and indent its fields")
            continue
        entry_id = _entry_id(file, item, problems)
        # An id written as text but not valid ('Two Words') still names the entry, and the entry is still read
        # and its citations checked: every problem of it is told in one run, each naming the entry. (It can't
        # load: its id is an error.)
        written = item.get("id")
        named = entry_id if entry_id is not None else written if isinstance(written, str) else None
        reader = Reader(file, problems, item, named)
        located = ENTRY_READERS[section](reader)
        if located is not None:
            found.append(located)
        elif unloaded is not None and named is not None:  # its id still counts, as its citations are still checked
            cites, cite_lines, quote_lines = reader.cited or ([], [], [])
            unloaded.append(Located(CitedOnly(named, tuple(cites)), file, item_line, cite_lines, [], quote_lines))
    return found


def read_aliases(file: str, raw: Any, line: int, problems: ProblemList) -> list[AliasGroup]:
    if not isinstance(raw, YSeq):
        problems.error(file, line, f"'aliases' should be a list, found {_describe(raw)}",
                       "write: aliases: [{term: un, same_as: [united nations]}]")
        return []
    groups: list[AliasGroup] = []
    for item, item_line in zip(raw, raw.item_lines, strict=True):
        if not isinstance(item, YMap):
            problems.error(file, item_line, "an alias should be a mapping with term and same_as",
                           "write: - {term: un, same_as: [united nations]}")
            continue
        reader = Reader(file, problems, item)
        reader.only(["term", "same_as"])
        term = reader.text("term", max_len=60)
        same_as = reader.texts("same_as")
        if term is not None and same_as is not None:
            groups.append(AliasGroup(term, tuple(same_as[0]), Origin(file, item.line)))
    return groups


def read_story(file: str, raw: Any, line: int, problems: ProblemList) -> tuple[Story, tuple[int, int]] | None:
    """The story, and where its dateline's ``line:`` and ``quote:`` are written."""
    if not isinstance(raw, YMap):
        problems.error(file, line, f"'story' should be a mapping, found {_describe(raw)}",
                       "write title, headline and dateline under 'story:'")
        return None
    reader = Reader(file, problems, raw)
    reader.only(["title", "headline", "dateline", "source"])
    title = reader.text("title", max_len=200)
    headline = reader.text("headline", max_len=250)
    source = reader.text("source", required=False, max_len=300)
    dateline = None
    if "dateline" not in raw:
        reader.error(None, "missing field 'dateline'",
                     "add 'dateline:' with the line and the exact words of the article's dateline")
    else:
        dateline = reader.citation("dateline", raw["dateline"], reader.line("dateline"))
    if title is None or headline is None or dateline is None:
        return None
    return Story(title, headline, dateline, source or ""), citation_lines(raw["dateline"], reader.line("dateline"))


def _number_in(value: Any, low: float, high: float) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and low <= value <= high


def read_matching(file: str, raw: Any, line: int, problems: ProblemList) -> MatchSettings | None:
    if not isinstance(raw, YMap):
        problems.error(file, line, f"'matching' should be a mapping, found {_describe(raw)}",
                       "write answer_at, suggest_at and margin under 'matching:'")
        return None
    reader = Reader(file, problems, raw)
    reader.only(["answer_at", "suggest_at", "margin"])
    defaults = MatchSettings()
    # a fix for one band must pass with the other as it stands (the file's, else the default): suggest_at may not be
    # above answer_at
    given = {name: float(raw[name]) if _number_in(raw.get(name), 0.0, 1.0) else getattr(defaults, name)
             for name in ("answer_at", "suggest_at")}
    answer_at = reader.number("answer_at", 0.0, 1.0, max(defaults.answer_at, given["suggest_at"]))
    suggest_at = reader.number("suggest_at", 0.0, 1.0, min(defaults.suggest_at, given["answer_at"]))
    margin = reader.number("margin", 0.0, 1.0)
    settings = MatchSettings(
        answer_at=defaults.answer_at if answer_at is None else answer_at,
        suggest_at=defaults.suggest_at if suggest_at is None else suggest_at,
        margin=defaults.margin if margin is None else margin,
    )
    refused = ("answer_at" in raw and answer_at is None) or ("suggest_at" in raw and suggest_at is None)
    if settings.suggest_at > settings.answer_at and not refused:  # a refused band's default is nobody's choice
        reader.error("suggest_at", "suggest_at is above answer_at",
                     "make suggest_at lower than or equal to answer_at")
        return None
    return settings

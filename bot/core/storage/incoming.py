"""Entries someone gives the store (a file, a form, an upload) read from YAML in the knowledge format, and a refusal
named at the lines they wrote rather than at the knowledge files the entries would have gone to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.knowledge.article import Article
from bot.core.knowledge.checks import check_citations, check_shown_text
from bot.core.knowledge.problems import Problem, ProblemList
from bot.core.knowledge.schema import ENTRY_READERS, Located, Reader
from bot.core.knowledge.yamlsource import YMap, line_of, parse, plain
from bot.core.storage.errors import BrokenKnowledge, StoreError

ENTRY_SECTIONS = ("facts", "quotes", "timeline", "gaps")
OTHER_SECTIONS = ("story", "aliases", "matching")  # accepted in an import only when unchanged (an export has them)
MAX_INPUT_BYTES = 1_000_000  # one add, edit or import (the same as a Discord upload for /kb import)


def section_of(entry: dict[str, Any]) -> str:
    """Which section an entry belongs in, from the fields it has."""
    if "reply" in entry:
        return "gaps"
    if "speaker" in entry:
        return "quotes"
    if "date" in entry or "event" in entry:
        return "timeline"
    return "facts"


@dataclass(frozen=True)
class Parsed:
    entries: list[tuple[str, dict[str, Any]]]
    others: dict[str, Any]  # story / aliases / matching, as an export carries them
    lines: dict[str, int | None] = field(default_factory=dict)  # entry id -> its line in the input
    source: str = "the input"
    raws: dict[str, Any] = field(default_factory=dict)  # entry id -> the entry as parsed, knowing its lines


Found = list[tuple[str, Any, int | None]]  # (section, item as parsed, its line in the input)


def parse_input(text: str, source: str = "the input",
                where_to_edit: Callable[[list[str]], str] | None = None) -> Parsed:
    """Entries from YAML in the knowledge format: sections, a list of entries, or one entry.

    ``where_to_edit`` says which file holds story, aliases or matching ("edit 'story' in story.yaml ..."),
    for an input that holds only those; without it the refusal points to the knowledge files."""
    if len(text) > MAX_INPUT_BYTES or len(text.encode("utf-8")) > MAX_INPUT_BYTES:
        raise StoreError(f"{source} is over {MAX_INPUT_BYTES:,} bytes — split it into smaller files")
    problems = ProblemList()
    data = parse(text, source, problems)  # maps and lists that know their lines: errors can name the input's
    if problems.errors:
        raise StoreError(str(problems.errors[0]), problems.errors[1:])
    found, others = _found_items(data, source)
    lines, raws = _ids_of(found, source, listed=isinstance(data, list))
    if not found and others:
        where = where_to_edit(list(others)) if where_to_edit is not None else "edit the knowledge files"
        raise StoreError(f"{source}: holds only {', '.join(others)}, and no entries — {', '.join(others)} can't be "
                         f"changed here: {where}")
    if not found:
        raise StoreError(f"{source}: no entries found — write at least one entry")
    return Parsed([(section, plain(item)) for section, item, _ in found], others, lines, source, raws)


def _found_items(data: Any, source: str) -> tuple[Found, dict[str, Any]]:
    """The items of an input in whichever shape it came (sections, a list of entries, or one entry), each with its
    section and line; and the story, aliases or matching an export carries."""
    others: dict[str, Any] = {}
    if isinstance(data, dict) and "id" not in data:
        unknown = sorted(map(str, set(data) - set(ENTRY_SECTIONS) - set(OTHER_SECTIONS)))
        if unknown:
            raise StoreError(f"{source}: unknown section(s) {', '.join(unknown)} — use {', '.join(ENTRY_SECTIONS)}")
        for section in ENTRY_SECTIONS:
            if not isinstance(data.get(section) or [], list):
                raise StoreError(f"{source}: '{section}' should be a list of entries — start each with '- id: ...'")
        found = [(section, item, _item_line(data[section], index)) for section in ENTRY_SECTIONS
                 for index, item in enumerate(data.get(section) or [])]
        others = {section: plain(data[section]) for section in OTHER_SECTIONS if section in data}
    elif isinstance(data, dict):
        found = [(section_of(data), data, line_of(data))]
    elif isinstance(data, list):
        found = [(section_of(item) if isinstance(item, dict) else "facts", item, _item_line(data, index))
                 for index, item in enumerate(data)]
    else:
        raise StoreError(f"{source}: expected entries in the knowledge format (for example 'facts:' with a list)")
    return found, others


def _ids_of(found: Found, source: str, listed: bool) -> tuple[dict[str, int | None], dict[str, Any]]:
    """Each item's id, with its line and the item as parsed: every item an entry with an id of its own."""
    lines: dict[str, int | None] = {}
    raws: dict[str, Any] = {}
    for number, (section, item, line) in enumerate(found, start=1):
        where = f"{source}:{line}" if line else f"{source}: item {number}"  # text or a number: its list's line
        if listed and not (isinstance(item, dict) and isinstance(item.get("id"), str)):
            raise StoreError(f"{where}: the file is a list, and this item is not an entry with an 'id' — write it as a "
                             f"mapping with sections such as 'facts:' ({', '.join(ENTRY_SECTIONS)}), each a list of "
                             "entries that start with '- id: some-id'")
        if not isinstance(item, dict):
            raise StoreError(f"{where}: this '{section}' item is not an entry — start each entry with '- id: some-id' "
                             "and indent its fields under it")
        if not isinstance(item.get("id"), str):
            raise StoreError(f"{where}: every entry needs an 'id' (text) — add 'id: some-id' to this entry")
        if item["id"] in lines:
            first = lines[item["id"]]
            also = f" (the first on line {first})" if first else ""
            raise StoreError(f"{where}: the id '{item['id']}' is used by two entries{also} — give each entry its own "
                             "id")
        lines[item["id"]] = line
        raws[item["id"]] = item
    return lines, raws


def _item_line(items: list[Any], index: int) -> int | None:
    """The line of a list's item: its own, or, for an item that is text or a number (which carries no line
    itself), the one its list knows."""
    lines = getattr(items, "item_lines", None)
    return line_of(items[index]) or (lines[index] if lines is not None and index < len(lines) else None)


def in_input(refused: StoreError, parsed: Parsed, article: Article | None) -> StoreError:
    """A refusal whose problems are about the input's entries, named at the input's lines: the person
    wrote new.yaml, not line 1,430 of facts.yaml as it would have been."""
    if not refused.problems or not parsed.lines:
        return refused
    exact = _lines_in_input(parsed, article)

    def line_in_input(problem: Problem, entry: str) -> int | None:
        found = exact.get((entry, problem.message))
        return found or _question_line(parsed.raws.get(entry), problem.message) or parsed.lines[entry]

    def moved_to_input(problems: list[Problem]) -> list[Problem]:
        return [replace(p, file=parsed.source, line=line_in_input(p, p.entry))
                if p.entry is not None and p.entry in parsed.lines else p for p in problems]

    if isinstance(refused, BrokenKnowledge):
        # What was broken before, less the entries the input replaces; and what the input itself gets wrong.
        existing = [p for p in refused.existing if p.entry not in parsed.lines]
        own = [p for p in moved_to_input(refused.with_change) if p.file == parsed.source]
        if existing:
            return BrokenKnowledge(existing, refused.with_change, refused.command, own)
        refused = StoreError(refused.message, refused.with_change)  # the input replaces all that was broken
    moved = moved_to_input(refused.problems)
    if all(p.file == parsed.source for p in moved):
        return StoreError("the change was refused: with it, the knowledge base would not be valid", moved)
    return StoreError(refused.message, moved)


def _question_line(raw: Any, message: str) -> int | None:
    """The line of the entry's question a problem names (as ``question "..."``): a question found in another
    entry too is only known once the input meets the rest of the knowledge base."""
    questions = raw.get("questions") if isinstance(raw, dict) else None
    if not isinstance(questions, list):
        return None
    for index, question in enumerate(questions):
        if isinstance(question, str) and f'question "{question}"' in message:
            return _item_line(questions, index)
    return None


def _lines_in_input(parsed: Parsed, article: Article | None) -> dict[tuple[str | None, str], int]:
    """The input's entries read and their citations checked as the person wrote them, so that each
    problem can be named at its own line there (a misquoted citation at its quote, not at the entry)."""
    problems = ProblemList()
    located: list[Located] = []
    for section, entry in parsed.entries:
        raw = parsed.raws.get(entry["id"])
        found = ENTRY_READERS[section](Reader(parsed.source, problems, raw, entry["id"])) \
            if isinstance(raw, YMap) else None
        located += [found] if found is not None else []
    check_shown_text(located, problems)
    if article is not None:
        check_citations(located, article, problems)
    return {(p.entry, p.message): p.line for p in problems if p.line}

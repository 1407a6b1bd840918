"""What an edit changed in an entry, in a few words for the history and the moderators' log.

"edited opening-hours" tells a moderator reading the log nothing; "edited opening-hours: answer; 2 questions
added, 1 removed" tells them whether to look.
"""

from __future__ import annotations

from typing import Any

#: Fields named in the order a moderator reads an entry; any other field follows, by name.
ORDER = ("title", "topic", "answer", "questions", "cite", "aliases")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _listed(values: Any) -> list[str]:
    if isinstance(values, list):
        return [str(v) for v in values]
    return [] if values is None else [str(values)]


def _questions(before: Any, after: Any) -> str:
    old, new = _listed(before), _listed(after)
    added = sum(1 for q in new if q not in old)
    removed = sum(1 for q in old if q not in new)
    if not added and not removed:
        return "questions reordered"
    parts = [f"{_count(added, 'question')} added"] if added else []
    if removed:
        parts.append(f"{removed} removed" if parts else f"{_count(removed, 'question')} removed")
    return ", ".join(parts)


def _citations(before: Any, after: Any) -> str:
    if before and not after:
        return "citations removed (now a gap)"
    if after and not before:
        return "citations added (now a fact)"
    return "citations"


def _as_written(entry: dict[str, Any]) -> dict[str, Any]:
    """A gap's "reply" is what a moderator knows as the answer: one field, whichever the entry is."""
    return {("answer" if key == "reply" else key): value for key, value in entry.items()}


def changes_in(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """The fields an edit changed ("answer; 2 questions added, 1 removed; citations"), or "no change"."""
    before, after = _as_written(before or {}), _as_written(after)
    fields = [f for f in ORDER if f in before or f in after]
    fields += sorted(f for f in {*before, *after} if f not in ORDER and f != "id")
    said: list[str] = []
    for name in fields:
        if before.get(name) == after.get(name):
            continue
        if name == "questions":
            said.append(_questions(before.get(name), after.get(name)))
        elif name == "cite":
            said.append(_citations(before.get(name), after.get(name)))
        else:
            said.append(name)
    return "; ".join(said) if said else "no change"

"""A knowledge-base entry as a simple form (id, questions, answer, citations) and back.

The Discord modal has five text boxes; this module turns them into an entry in the knowledge
format and an entry back into prefilled boxes. A form with no citations is a gap: its answer
is the honest "the article doesn't say" reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.store import StoreError

_CITATION = re.compile(r"^\s*(?:line\s*)?(\d+)\s*[:=\-–]\s*(.+?)\s*$", re.IGNORECASE)
_QUOTE_MARKS = "\"'“”‘’"


@dataclass(frozen=True)
class EntryForm:
    id: str
    questions: str   # one per line
    answer: str
    citations: str   # "line: exact words", one per line; empty for a gap
    topic: str = ""

    def to_entry(self) -> tuple[str, dict[str, Any]]:
        """The section and entry this form describes; raises ``StoreError`` saying which box is wrong."""
        entry_id = self.id.strip()
        questions = [q.strip() for q in self.questions.splitlines() if q.strip()]
        if not questions:
            raise StoreError("Questions: write at least one question, one per line")
        cites = [self._citation(number, line) for number, line in enumerate(self.citations.splitlines(), start=1)
                 if line.strip()]
        if not cites:
            return "gaps", _clean({"id": entry_id, "topic": self.topic.strip(), "questions": questions,
                                   "reply": self.answer.strip()})
        return "facts", _clean({"id": entry_id, "topic": self.topic.strip(), "questions": questions,
                                "answer": self.answer.strip(), "cite": cites})

    @staticmethod
    def _citation(number: int, text: str) -> dict[str, Any]:
        match = _CITATION.match(text)
        if match is None:
            raise StoreError(f"Citations, line {number}: write it as 'LINE: exact words', for example "
                             f"'3: exact words from line 3' (got {text.strip()[:60]!r})")
        return {"line": int(match[1]), "quote": match[2].strip(_QUOTE_MARKS + " ")}

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> EntryForm:
        cites = "\n".join(f"{c.get('line')}: {c.get('quote')}" for c in entry.get("cite") or [])
        return cls(id=str(entry.get("id", "")), questions="\n".join(map(str, entry.get("questions") or [])),
                   answer=str(entry.get("answer") or entry.get("reply") or ""), citations=cites,
                   topic=str(entry.get("topic") or ""))


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value not in ("", None, [])}

"""A knowledge-base entry as a simple form (id, questions, answer, citations) and back.

The Discord modal has five text boxes; this module turns them into an entry in the knowledge
format and an entry back into prefilled boxes. A form with no citations is a gap: its answer
is the honest "the article doesn't say" reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.knowledge.article import Article
from bot.core.knowledge.schema import MAX_TITLE
from bot.core.messages import ends_sentence, starts_asking
from bot.core.storage.errors import StoreError

# "4: words", also "paragraph 4: words", "para 4 -", "p4:", "#4:", "¶ 4:" (as /source and the chat take them);
# "line 4:" only names a file line, which the form means when it has no article to count paragraphs in
_CITATION = re.compile(r"^\s*(?P<kind>line\s*|paragraph\s*|para\.?\s*|p\.?\s*|[#¶]\s*)?(?P<number>\d+)\s*"
                       r"[:=\-–—]\s*(?P<words>.*?)\s*$", re.IGNORECASE)
_QUOTE_MARKS = "\"'“”‘’"


@dataclass(frozen=True)
class EntryForm:
    id: str
    questions: str   # one per line
    answer: str
    citations: str   # "paragraph: exact words" (file lines without an article), one per line; empty for a gap
    topic: str = ""
    title: str = ""  # not a box of the form: kept as it was when an entry is edited

    def to_entry(self, article: Article | None = None) -> tuple[str, dict[str, Any]]:
        """The section and entry this form describes; raises ``StoreError`` saying which box is wrong.

        With ``article``, citation numbers are the paragraphs people read in /source, stored as file lines.
        """
        entry_id = self.id.strip()
        if not entry_id:
            raise StoreError("Short name: the box is empty — write a short name for the entry, lowercase letters, "
                             "digits and dashes, such as 'who-said-it'")
        questions = [q.strip() for q in self.questions.splitlines() if q.strip()]
        if not questions:
            raise StoreError("Questions people ask: the box is empty — write at least one question, one per line")
        if not self.answer.strip():
            raise StoreError("Answer: the box is empty — write the answer (for an entry with no citations, what the "
                             "article doesn't say)")
        cites: list[dict[str, Any]] = []
        for number, line in enumerate(self.citations.splitlines(), start=1):
            cite = self._citation(number, line, article) if line.strip() else None
            if cite is not None and cite not in cites:  # the same words pasted twice are one citation
                cites.append(cite)
        title = self.title.strip() or title_from(questions[0])
        first = {"id": entry_id, "title": title, "topic": self.topic.strip(), "questions": questions}
        if not cites:
            return "gaps", _clean({**first, "reply": self.answer.strip()})
        return "facts", _clean({**first, "answer": self.answer.strip(), "cite": cites})

    @staticmethod
    def _citation(number: int, text: str, article: Article | None = None) -> dict[str, Any]:
        match = _CITATION.match(text)
        if match is None:
            raise StoreError(f"Where the article says it, line {number}: {text.strip()[:60]!r} is not a paragraph "
                             "number, a colon and words — write the paragraph, a colon and its exact words, for "
                             "example '3: exact words from paragraph 3'")
        if not match["words"].strip(_QUOTE_MARKS + " "):
            raise StoreError(f"Where the article says it, line {number}: {text.strip()[:60]!r} has no words after "
                             "the paragraph number — copy the article's exact words after the colon")
        place = int(match["number"])
        if article is not None and (match["kind"] or "").strip().casefold() == "line":
            raise StoreError(f"Where the article says it, line {number}: the number is the paragraph as in /source, "
                             f"not a line — write '{place}: ...' if paragraph {place} is meant")
        if article is not None:
            line = article.line_of_paragraph(place)
            if line is None:
                raise StoreError(f"Where the article says it, line {number}: there is no paragraph {place} — "
                                 f"the article has {article.paragraph_count} paragraphs (see /source)")
            place = line
        words = match["words"].strip()
        quote = words.strip(_QUOTE_MARKS + " ")
        if article is not None and quote != words and article.contains(place, words):
            quote = words  # the article's own quotation marks, quoted with it (and pre-filled so): kept as written
        return {"line": place, "quote": quote}

    @classmethod
    def from_entry(cls, entry: dict[str, Any], article: Article | None = None) -> EntryForm:
        def place(line: Any) -> Any:
            return article.paragraph_number(line) if article is not None and isinstance(line, int) else line

        def cited(cite: Any) -> str:  # a citation a hand edit wrote as text ("3: words") is shown as written
            return f"{place(cite.get('line'))}: {cite.get('quote')}" if isinstance(cite, dict) else str(cite)

        cites = "\n".join(map(cited, as_list(entry.get("cite"))))
        return cls(id=str(entry.get("id", "")), questions="\n".join(map(str, as_list(entry.get("questions")))),
                   answer=str(entry.get("answer") or entry.get("reply") or ""), citations=cites,
                   topic=str(entry.get("topic") or ""), title=str(entry.get("title") or ""))


def as_list(value: Any) -> list[Any]:
    """A field that should be a list, as one: a hand edit may have left one value, or nothing."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def title_from(question: str) -> str:
    """The title an entry added through the form gets from its first question, since the form has no Title box: the
    card, /topics and autocomplete show it ("how big is the crew" is "How big is the crew?"); none if too long."""
    text = " ".join(question.split())
    if not text or len(text) >= MAX_TITLE:
        return ""
    if starts_asking(text) and not ends_sentence(text):
        text += "?"
    return text[:1].upper() + text[1:]


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value not in ("", None, [])}

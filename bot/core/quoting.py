"""Quoting the article's words for people: curly marks, an ellipsis where words were left out,
and quotes inside a quote in single marks, always balanced."""

from __future__ import annotations

ELLIPSIS = "…"
_OPENERS = ("", ":", ";", "(", "\"", "“", "'", "‘", "—", "–", "-")


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return before == "" or before.endswith((".", "!", "?", ":", ";", "\"", "“", "(", "—", "–", "--"))


def _ends_sentence(after: str) -> bool:
    if after[:1] in ("\"", "”"):
        return True  # a closing quote mark right after the words: the quotation ends here
    after = after.lstrip()
    spoken = after[:1] in (",", ".") and after[1:2] in ("\"", "”")  # the quoted speech ends here: ...," she added
    return after == "" or spoken or after[0] in ".!?;:)—–" or after.startswith("--")


def _nested(text: str) -> str:
    """Double quotes inside the quote become single curly ones, opened and closed in turn; one left
    open (the quote ends inside a quotation) is closed, one closed that was never opened is opened."""
    out: list[str] = []
    opened = False
    leading_close = False
    for index, char in enumerate(text):
        if char in "\"“”":
            # A straight mark opens at the start or after a space or bracket ('he said "we'); after a word or
            # punctuation it closes ('in space," she added').
            if char == "“" or (char == "\"" and not opened and (index == 0 or text[index - 1].isspace()
                                                                 or text[index - 1] in "([{—–-")):
                out.append("‘")
                opened = True
            elif opened:
                out.append("’")
                opened = False
            else:
                out.append("’")
                leading_close = True
        else:
            out.append(char)
    result = "".join(out)
    if leading_close:
        result = "‘" + result
    if opened:
        result += "’"
    return result


def quote_text(quote: str, line: str = "") -> str:
    """A quote in curly marks: “…words” when it starts inside a sentence of ``line``, “words…” when
    it stops inside one, nested quotes in single marks."""
    body = _nested(quote.strip())
    start = line.find(quote) if line else -1
    if start >= 0:
        end = start + len(quote)
        if not _starts_sentence(line[:start]):
            body = ELLIPSIS + body.lstrip()
        if not _ends_sentence(line[end:]) and not body.endswith((".", "!", "?", ELLIPSIS)):
            body = body.rstrip(" ,;:") + ELLIPSIS
    return f"“{body}”"

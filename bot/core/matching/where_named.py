"""The sentence where the article names a thing a question asks about, when what is asked is the article's own
words for it ("what word does the article use for the space lab?"), the line about it ("show me the bit about the
flags", "where do the talks come up?") or whether it names it at all ("does the article mention the talks?").

The asker names the thing in their words or in the article's; the answer is the sentence where the article first
names it. The words as typed are looked for first (the asker may quote the article's words and want the rest of its
name for it), then the terms they read as: the knowledge base's aliases and the related words of WordNet, so a name
the article never uses still finds the one it does. Every word the asker names the thing with has to be accounted
for on that sentence, or the question is left to the knowledge base ("its name", "instead of agency").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.answers import CitedLine, Kind, Result
from bot.core.knowledge.article import Article
from bot.core.matching.wording import ARTICLE_SENTENCE, FRAGMENT_ANSWER
from bot.core.matching.words.lexicon import STOPWORDS
from bot.core.matching.words.normalize import clean, stem

MIN_SHARE = 0.9  # a term read from a close relation of the word typed counts; a broader word doesn't name the thing

_TEXT = r"(?:the\s+|this\s+)?(?:article|story|report|piece|text|writer|author|reporter|paper)"
# not "name": "what name does it give the region?" asks for a name, which the article may not give
_NAMING = r"(?:word|words|term|terms|phrase|expression)"
_PLEASE = r"(?:(?:can|could) you\s+|please\s+|pls\s+|plz\s+)?"
_SHOWING = r"(?:find|show|give|pull up|point|quote|read|copy|paste|get|send|post)"
_PASSAGE = r"(?:line|lines|bit|bits|part|parts|sentence|paragraph|passage|section|spot)"
# The frames that ask for the text's word or the line about a thing, each with the thing.
_FRAMES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"^(?:what|which|whats|what's|wat)\s+(?:exact\s+|specific\s+|other\s+)?{_NAMING}\s+(?:does|did|do)\s+{_TEXT}\s+"
    r"(?:use|give|pick|choose)\s+(?:for|to describe|to refer to|to name|when (?:talking|speaking) about)\s+"
    r"(?P<thing>.+)$",
    rf"^(?:what|whats|what's|wat)\s+(?:does|did)\s+{_TEXT}\s+(?:call|name)\s+(?P<thing>.+)$",
    rf"^(?:what|whats|what's|wat)\s+(?:is\s+|was\s+)?(?:the\s+)?{_NAMING}\s+(?:for|it uses for)\s+(?P<thing>.+?)\s+"
    rf"(?:in|used in|that is used in)\s+{_TEXT}$",
    # the line about it: "find me the line about the flags", "quote the part where they pledge", "show the flags bit"
    rf"^{_PLEASE}{_SHOWING}\s+(?:me\s+)?(?:to\s+)?(?:the\s+|that\s+)?{_PASSAGE}\s+"
    r"(?:about|on|where|that mentions|mentioning|that (?:talks|speaks) about|talking about|with|regarding)\s+"
    r"(?P<thing>.+)$",
    rf"^{_PLEASE}{_SHOWING}\s+(?:me\s+)?(?:the\s+|that\s+)?(?P<thing>.+?)\s+{_PASSAGE}$",
    rf"^{_PLEASE}(?:{_SHOWING}\s+(?:me\s+)?(?:to\s+)?)?where\s+(?:does|did)\s+{_TEXT}\s+"
    r"(?:mention|talk about|bring up|say anything about|refer to)\s+(?P<thing>.+)$",
    rf"^{_PLEASE}(?:{_SHOWING}\s+(?:me\s+)?(?:to\s+)?)?where\s+(?:(?:does|do|did|is|are|was|were)\s+)?(?P<thing>.+?)\s+"
    rf"(?:comes? up|came up|gets? mentioned|(?:(?:is|are|was|were)\s+)?mentioned|shows? up)(?:\s+in\s+{_TEXT})?$",
)]
# Whether the article names a thing at all: "does the article mention the fair?", "is the war named in the story?"
_MENTION_FRAMES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"^{_PLEASE}(?:does|did)\s+{_TEXT}\s+(?:ever\s+|actually\s+)?(?:mention|name|bring up|refer to)\s+"
    r"(?P<thing>.+)$",
    rf"^(?:is|are|was|were)\s+(?P<thing>.+?)\s+(?:ever\s+|actually\s+|even\s+)?(?:mentioned|named|brought up|"
    rf"referred to)\s+(?:in|by)\s+{_TEXT}$",
    rf"^(?:does|do|did)\s+(?P<thing>.+?)\s+(?:ever\s+|actually\s+|even\s+)?(?:come up|get mentioned|show up)"
    rf"\s+in\s+{_TEXT}$",
)]
MENTIONED_ANSWER = "Yes, the article says:"
# What ends the thing named: an aside after it ("the regions, something like 'separatist'"), a guess, a quote.
_THING_ENDS = re.compile(r"\s*(?:[,;:(\"“”]|(?<!\w)['‘]|\s-\s|\s--\s|\blike\b|\bsuch as\b|\bor\b|\?).*$", re.IGNORECASE)
# Words that make it a question about more than the name: the other name of a thing ("besides"), one thing of
# several ("the first"), or a thing described, not named ("how relations changed").
_ASKS_MORE = frozenset({"besides", "instead", "except", "other", "apart", "aside", "rather", "than", "else",
                        "who", "whom", "whose", "what", "when", "where", "why", "how", "which", "paragraph",
                        "line", "sentence", "not"})
_NON_WORD_EDGES = "\"“”'‘’-–— "


@dataclass(frozen=True)
class _Sentence:
    line: int
    text: str
    line_text: str
    stems: tuple[str, ...]  # its words but stopwords, stemmed, in order
    terms: frozenset[str]

    def says(self, typed: tuple[str, ...]) -> bool:
        """Whether the sentence has these words side by side, as the asker typed them ("space lab")."""
        width = len(typed)
        return any(self.stems[at:at + width] == typed for at in range(len(self.stems) - width + 1))


def thing_named(question: str, frames: Sequence[re.Pattern[str]] = _FRAMES) -> str | None:
    """The thing whose name in the article a question asks for, as the asker names it, or None; with
    ``_MENTION_FRAMES``, the thing it asks whether the article names."""
    asked = " ".join(question.split()).strip(" ?!.")
    for frame in frames:
        match = frame.match(asked)
        if match is not None:
            thing = _THING_ENDS.sub("", match.group("thing")).strip(_NON_WORD_EDGES)
            return thing or None
    return None


class WhereNamed:
    """The sentence where the article first names a thing, for a question asking its word for it or its line on it."""

    def __init__(self, article: Article, terms_of: Callable[[str], Sequence[tuple[str, float]]]) -> None:
        """``terms_of``: the matcher's reading of a text, each term with its share (aliases folded, related words)."""
        self._article = article
        self._terms_of = terms_of
        self._sentences: list[_Sentence] | None = None  # read on first use: most questions never ask this

    def answer(self, question: str, matched: Result) -> Result | None:
        """For a question asking the article's word for a thing or its line about it, ``matched`` (the knowledge
        base's reply) when it already cites a line naming the thing, else the first sentence naming it; None for any
        other question."""
        thing, reply = thing_named(question), FRAGMENT_ANSWER
        if thing is None:
            thing, reply = thing_named(question, _MENTION_FRAMES), MENTIONED_ANSWER
        if thing is None:
            return None
        plain = clean(thing).split()
        if not plain or _ASKS_MORE & set(plain):
            return None
        typed = _content_stems(thing)
        terms = frozenset(term for term, share in self._terms_of(thing) if share >= MIN_SHARE)
        if not typed or not terms:
            return None
        sentences = self._read()
        naming = [s for s in sentences if s.says(typed)] or [s for s in sentences if terms <= s.terms]
        if not naming:
            return None
        if matched.answered and {c.line for c in matched.citations} & {s.line for s in naming}:
            return matched  # the entry's line names it too, and the entry says more of it
        first = naming[0]
        return Result(question, Kind.ANSWER, answer=reply,
                      citations=(CitedLine(first.line, first.text, first.line_text),), score=1.0)

    def _read(self) -> list[_Sentence]:
        if self._sentences is None:  # made whole, then kept: a second thread asking meanwhile makes its own
            sentences = []
            for number in self._article.text_lines:
                line = self._article.line(number)
                for part in ARTICLE_SENTENCE.split(line):
                    text = part.strip()
                    if text:
                        terms = frozenset(term for term, _ in self._terms_of(text))
                        sentences.append(_Sentence(number, text, line, _content_stems(text), terms))
            self._sentences = sentences
        return self._sentences


def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in clean(text).split() if word not in STOPWORDS)

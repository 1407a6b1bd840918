"""Checks across entries and against the article: the part of ``check`` that proves truth.

Each function takes what the schema read, appends problems, and returns nothing. They run
after every file has been read, so one run reports everything at once.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from bot.core.knowledge import FACT, GAP, AliasGroup, Citation, Event, Story
from bot.core.knowledge.article import Article
from bot.core.knowledge.problems import ProblemList
from bot.core.knowledge.schema import Located
from bot.core.matching.words.analysis import Analyzer
from bot.core.matching.words.lexicon import INTENT_WORDS
from bot.core.matching.words.normalize import clean

MIN_PATTERNS = 3
MIN_QUOTE = 3  # characters: fewer prove nothing


def check_ids(located: list[Located], problems: ProblemList) -> None:
    first: dict[str, Located] = {}
    for item in located:
        seen = first.setdefault(item.entry.id, item)
        if seen is not item:
            problems.error(item.file, item.line, f"duplicate id (also at {seen.file}:{seen.line})",
                           "give each entry its own id", item.entry.id)


#: When this many citations fail in one run (and at least a third of them), the article most likely changed.
SHIFTED_AT = 5


def check_citations(located: list[Located], article: Article, problems: ProblemList,
                    article_file: str = "article.txt") -> None:
    before, total = len(problems.errors), 0
    for item in located:
        quote_lines = item.quote_lines or item.cite_lines
        for citation, line, quote_line in zip(item.entry.cite, item.cite_lines, quote_lines, strict=True):
            check_citation(citation, article, problems, item.file, line, item.entry.id, quote_line)
            total += 1
    failed = len(problems.errors) - before
    if failed >= SHIFTED_AT and failed * 3 >= total:
        problems.error(article_file, None, f"{failed} of {total} citations fail at once, so the article itself has "
                       "probably changed (a line added or removed shifts every line after it)",
                       f"check it with `git diff {article_file}` (or against the published text) and restore it, "
                       "or move each cited line to where its words are now")


def _blank_line_fix(article: Article, number: int, quote: str, text_lines: str) -> str:
    """What to cite instead of a blank line: where the quoted words are; else, as a paragraph number is the likely
    mix-up (people count paragraphs, ``line:`` counts the file's lines, blank ones too), that paragraph's line."""
    elsewhere = article.lines_containing(quote) if len(quote) >= MIN_QUOTE else []
    if elsewhere:
        return f"the words are on line {elsewhere[0]}: cite line {elsewhere[0]} instead"
    paragraph = article.line_of_paragraph(number)
    if paragraph is not None:
        return (f"line: counts the article's file lines, blank ones too, not paragraphs: paragraph {number} is "
                f"line {paragraph}; else cite one of the lines that hold text: {text_lines}")
    return f"cite one of the lines that hold text: {text_lines}"


def check_citation(citation: Citation, article: Article, problems: ProblemList,
                   file: str, line: int, entry: str | None, quote_line: int | None = None) -> None:
    """A cited line that isn't there or is blank is named at ``line`` (the citation's ``line:``), and so are
    words that are on another line (the fix is to change ``line:``); words not on the line, at ``quote_line``."""
    number, quote = citation.line, citation.quote
    at_quote = quote_line or line
    text_lines = ", ".join(map(str, article.text_lines))
    if len(quote) < MIN_QUOTE:  # and its line is checked still: one run tells both
        problems.error(file, at_quote, f"quote {quote!r} is too short to prove anything",
                       "copy at least a few words from the line", entry)
    if not article.has_line(number):
        problems.error(file, line, f"cites line {number}, but the article has {len(article)} lines",
                       f"cite one of the lines that hold text: {text_lines}", entry)
        return
    if not article.line(number).strip():
        problems.error(file, line, f"cites line {number}, which is blank", _blank_line_fix(article, number, quote,
                                                                                           text_lines), entry)
        return
    if len(quote) < MIN_QUOTE or article.contains(number, quote):
        return
    elsewhere = article.lines_containing(quote)
    widened = article.whole_words(number, quote)
    if widened is not None:
        problems.error(file, at_quote, f'quote "{quote}" starts or ends inside a word on line {number}',
                       f'quote whole words: "{widened}"', entry)
        return
    if elsewhere:
        problems.error(file, line, f'quote "{quote}" is not on line {number}',
                       f"the words are on line {elsewhere[0]}: cite line {elsewhere[0]} instead", entry)
        return
    closest = article.closest_words(number, quote)
    fix = (f'copy the exact words from line {number}; the closest there is "{closest}"'
           if closest else f"copy the exact words from line {number}")
    problems.error(file, at_quote, f'quote "{quote}" is not on line {number}', fix, entry)


# Characters a terminal or Discord acts on instead of showing: C0 and C1 controls (a tab and a line break are text),
# and the bidirectional embeddings, overrides and isolates that make text read in another order than it is stored.
_HIDDEN_CONTROLS = frozenset({*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                              *range(0x2066, 0x206A)}) - {ord("\t"), ord("\n"), ord("\r")}
# Characters that show nothing: Unicode's format characters (a zero-width space, a word joiner, a byte-order mark,
# a soft hyphen, the direction marks, tag characters), the line and paragraph separators, and the letters that are
# drawn blank (Hangul fillers, the blank Braille pattern). Nothing written for people needs one, and they hide
# where a word is split or what a line says. The joiners that shape emoji and scripts (ZWJ, ZWNJ) stay.
_KEPT_FORMAT = frozenset({0x200C, 0x200D})
_BLANK_LETTERS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800})
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp"})
MAX_STACKED_MARKS = 4  # combining marks on one letter: a language stacks two or three, "zalgo" text dozens


def _invisible(char: str) -> bool:
    code = ord(char)
    return code not in _KEPT_FORMAT and (code in _BLANK_LETTERS
                                         or unicodedata.category(char) in _INVISIBLE_CATEGORIES)


def hidden_control(text: str) -> str | None:
    """The first character of ``text`` that would act on a screen, take no room on it, or pile onto a letter past
    what any language writes, instead of being shown."""
    stacked = 0
    for char in text:
        if ord(char) in _HIDDEN_CONTROLS or _invisible(char):
            return char
        stacked = stacked + 1 if unicodedata.combining(char) else 0
        if stacked > MAX_STACKED_MARKS:
            return char
    return None


def _hidden_kind(char: str) -> str:
    if ord(char) in _HIDDEN_CONTROLS:
        return "control"
    return "invisible" if _invisible(char) else "stacked combining"


CODE_FENCE = "```"


def check_shown_text(located: list[Located], problems: ProblemList) -> None:
    """An answer, topic, title or question is shown to people as it is written (a question is the entry's heading
    when it has no title, and a did-you-mean offers them): a control character in it would act (an escape sequence
    colours a terminal, an override reverses a line) instead of being read."""
    for item in located:
        entry = item.entry
        at = item.shown_lines
        shown = [("answer", entry.answer, at.get("answer", item.line)),
                 ("topic", entry.topic, at.get("topic", item.line)), ("title", entry.title, at.get("title", item.line)),
                 *(("question", question, line) for question, line in zip(entry.questions, item.question_lines,
                                                                          strict=True))]
        for field, text, line in shown:
            _refuse_hidden(text, field, item.file, line, problems, entry.id)
        if entry.answer.count(CODE_FENCE) % 2:  # Discord would show the rest of the reply as code, hints and all
            problems.error(item.file, at.get("answer", item.line),  # the line to fix: the answer's, not the id's
                           f"the answer opens a code block ({CODE_FENCE}) it never closes",
                           f"close it with another {CODE_FENCE}, or take the {CODE_FENCE} out", entry.id)


def check_story_text(story: Story, file: str, problems: ProblemList) -> None:
    """The story's title, headline and source head every answer card and the chat's banner."""
    for field in ("title", "headline", "source"):
        _refuse_hidden(getattr(story, field), field, file, None, problems, None)


def _refuse_hidden(text: str, field: str, file: str, line: int | None, problems: ProblemList,
                   entry: str | None) -> None:
    hidden = hidden_control(text)
    if hidden is not None:
        kind = _hidden_kind(hidden)
        # which of the entry's questions: each is named, with what can't be seen written as its code
        named = "".join(f"\\u{ord(c):04x}" if hidden_control(c) or unicodedata.combining(c) else c for c in text)
        which = f' "{named}"' if field == "question" else ""
        problems.error(file, line, f"the {field}{which} holds the {kind} character U+{ord(hidden):04X}",
                       f"delete the {kind} character U+{ord(hidden):04X} from the {field}: it would act on the "
                       "reader's screen instead of being shown", entry)


def check_patterns(located: list[Located], problems: ProblemList, analyzer: Analyzer | None = None) -> None:
    """The same question in two entries is an error; two that read the same to the matcher, a warning."""
    owner: dict[str, tuple[Located, int]] = {}
    for item in located:
        for question, line in zip(item.entry.questions, item.question_lines, strict=True):
            key = clean(question)
            if not key:
                problems.error(item.file, line, f"question {question!r} has no words",
                               "write the question in words", item.entry.id)
                continue
            previous = owner.setdefault(key, (item, line))
            if previous[0] is item and previous[1] == line:
                continue
            other, other_line = previous
            if other.entry.id != item.entry.id:
                problems.error(item.file, line,
                               f"question \"{question}\" is also in entry '{other.entry.id}' "
                               f"({other.file}:{other_line})",
                               "keep it in the one entry that answers it", item.entry.id)
            else:
                problems.warn(item.file, line, f"question \"{question}\" is listed twice",
                              "remove the repeat", item.entry.id)
    if analyzer is not None:
        _warn_same_terms(owner, analyzer, problems)
        _warn_bare_common_word(located, analyzer, problems)


def _warn_same_terms(owner: dict[str, tuple[Located, int]], analyzer: Analyzer, problems: ProblemList) -> None:
    """Two entries' questions that the matcher reads as the same words will be confused."""
    seen: dict[frozenset[str], tuple[Located, int, str]] = {}
    for key, (item, line) in owner.items():
        terms = frozenset(analyzer.terms(key))
        if terms <= INTENT_WORDS:
            problems.warn(item.file, line, f"question \"{key}\" has no words beyond who/when/where/why/how",
                          "add the words it is about, or remove it", item.entry.id)
            continue
        first = seen.setdefault(terms, (item, line, key))
        other, other_line, other_key = first
        if other.entry.id != item.entry.id:
            problems.warn(item.file, line,
                          f"question \"{key}\" reads the same to the matcher as \"{other_key}\" in entry "
                          f"'{other.entry.id}' ({other.file}:{other_line}); the two will be confused",
                          "reword one with the words that only its entry is about", item.entry.id)


COMMON_SHARE = 0.25  # a word asked about by more than this share of the entries is the story's, not one entry's


def _warn_bare_common_word(located: list[Located], analyzer: Analyzer, problems: ProblemList) -> None:
    """A dateline's "this from the capital?" reads as the one word "country" when an alias makes the capital the
    country: every message that only names the country would get the dateline, which says nothing of it. A
    question left with one word, which many entries are asked about and this entry's own text never uses, needs
    the words that make it this entry's."""
    asked: dict[str, set[str]] = defaultdict(set)
    read = [(item, question, line, frozenset(analyzer.terms(question)))
            for item in located for question, line in zip(item.entry.questions, item.question_lines, strict=True)]
    for item, _, _, terms in read:
        for term in terms:
            asked[term].add(item.entry.id)
    common = COMMON_SHARE * len({item.entry.id for item in located})
    for item, question, line, terms in read:
        if len(terms) != 1 or terms <= INTENT_WORDS or not item.entry.cite:
            continue
        (term,) = terms
        if len(asked[term]) > common and term not in analyzer.terms(item.entry.said):
            problems.warn(item.file, line,
                          f"question \"{question}\" reads as the one word '{term}', which "
                          f"{len(asked[term]) - 1} other entries are asked about and this entry's answer never "
                          f"uses, so any message that only names it gets this answer",
                          "add the words that only this entry is about", item.entry.id)


def check_pattern_counts(located: list[Located], problems: ProblemList) -> None:
    for item in located:
        if item.entry.kind in (FACT, GAP) and len(item.entry.questions) < MIN_PATTERNS:
            problems.warn(item.file, item.line, f"only {len(item.entry.questions)} question pattern(s)",
                          f"add at least {MIN_PATTERNS} ways people would ask this", item.entry.id)


def check_timeline(located: list[Located], problems: ProblemList) -> None:
    previous: Located | None = None
    for item in located:
        event = item.entry
        if not isinstance(event, Event):
            continue
        start, end = event.sort_key
        if end < start:
            problems.error(item.file, item.line, f"date range {event.date} ends before it starts",
                           "write the earlier date first", event.id)
        if previous is not None and event.sort_key < previous.entry.sort_key:
            problems.error(item.file, item.line,
                           f"timeline out of order: this event ({event.date}) is listed after "
                           f"'{previous.entry.id}', which has a later date ({previous.entry.date})",
                           f"move it above '{previous.entry.id}': list timeline events from earliest to latest",
                           event.id)
        previous = item


def check_aliases(groups: list[AliasGroup], problems: ProblemList) -> None:
    seen: dict[str, AliasGroup] = {}
    for group in groups:
        for phrase in (group.term, *group.same_as):
            key = clean(phrase)
            if not key:
                problems.error(group.origin.file, group.origin.line, f"alias {phrase!r} has no words",
                               "write the alias in words")
                continue
            other = seen.setdefault(key, group)
            if other is not group:
                where = f"{other.origin.file}:{other.origin.line}"
                problems.error(group.origin.file, group.origin.line,
                               f"'{phrase}' is in alias group '{group.term}' and already in group '{other.term}' "
                               f"at {where}", "keep each word or phrase in one group: remove one of them")


def check_coverage(located: list[Located], article: Article, extra: list[Citation],
                   file: str, problems: ProblemList) -> list[int]:
    """Warn about article lines nothing cites; return the cited lines, sorted."""
    cited = {c.line for item in located for c in item.entry.cite} | {c.line for c in extra}
    cited &= set(article.text_lines)
    for number in article.text_lines:
        if number not in cited:
            problems.warn(file, number, f"article line {number} (paragraph {article.paragraph_of(number)}) is not "
                          "cited by any entry",
                          "add a fact, quote or timeline event that cites it")
    return sorted(cited)

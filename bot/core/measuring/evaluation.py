"""Measuring answers against question sets: ``python -m bot eval``.

A question set is a YAML list of ``{q: str, expect: [snippet, ...] | null, kind: [tag, ...]}``.
An answer is right when one of its cited lines contains one of the snippets (with ``strict``, when a snippet
overlaps the words the answer quotes from that line: a line may hold several facts); ``expect: null``
means the bot must not answer (a gap reply, a suggestion or a decline are all fine). ``kind``
is optional: tags such as ``words``, ``spelling``, ``long``, ``text``, ``near-miss``, so that
``eval --by-kind`` can say which kind of question the misses are.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.answers import CitedLine, Result
from bot.core.knowledge.problems import ProblemList
from bot.core.knowledge.yamlsource import parse

#: The kind tags ``eval --by-kind`` knows; any other tag still gets a row, with a warning (most are typos). ``gap``:
#: answerable, but near a topic the article lacks; ``close``: answerable by one of two entries that share most words.
KINDS = ("plain", "words", "spelling", "long", "text", "near-miss", "off-topic", "junk", "gap", "close")


class QuestionSetError(ValueError):
    """A question-set file that cannot be used, with the file and what to fix; ``more``: the other bad items,
    one sentence each, so that one run names all of them."""

    def __init__(self, message: str, more: list[str] | None = None) -> None:
        super().__init__(message)
        self.more = list(more or [])


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[str, ...] | None
    source: str
    kinds: tuple[str, ...] = ()
    kind_lines: tuple[int, ...] = ()  # the file line of each tag in ``kinds``, for warnings

    @property
    def in_scope(self) -> bool:
        return self.expect is not None


@dataclass(frozen=True)
class Outcome:
    case: Case
    result: Result
    #: right only when a snippet overlaps the words the answer quotes, not anywhere in the cited line: a line can
    #: hold several facts, and an answer quoting another of them is counted right by the looser reading
    strict: bool = False

    @property
    def right(self) -> bool:
        if self.case.expect is None:
            return not self.result.answered
        return self.result.answered and any(
            _holds(cited, snippet, self.strict) for cited in self.result.citations for snippet in self.case.expect)


def _spans(text: str, words: str) -> Iterator[tuple[int, int]]:
    start = text.find(words) if words else -1
    while start >= 0:
        yield start, start + len(words)
        start = text.find(words, start + 1)


def _holds(cited: CitedLine, snippet: str, strict: bool) -> bool:
    """Whether a cited line bears out an expected snippet: holds it, or (strict) holds it where the quote is."""
    if not strict:
        return snippet in cited.text
    return any(start < quote_end and quote_start < end for start, end in _spans(cited.text, snippet)
               for quote_start, quote_end in _spans(cited.text, cited.quote))


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, right: int, total: int) -> float:
        return right / total if total else 1.0

    @property
    def in_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.in_scope]

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.case.in_scope]

    @property
    def accuracy(self) -> float:
        return self._share(sum(o.right for o in self.in_scope), len(self.in_scope))

    @property
    def decline_rate(self) -> float:
        return self._share(sum(o.right for o in self.out_of_scope), len(self.out_of_scope))

    @property
    def precision(self) -> float:
        given = [o for o in self.outcomes if o.result.answered]
        return self._share(sum(o.right for o in given), len(given))

    def by_kind(self) -> dict[str, dict[str, float | int]]:
        """Per tag: how many questions, how many right, and how many got a wrong answer.

        Two outcomes are counted as kinds of their own, since no tag marks them: answerable
        questions that ended as a gap's reply (``gap-swallowed``) and answers from the wrong line
        (``wrong-line``).
        """
        groups: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            for kind in outcome.case.kinds or ("untagged",):
                groups.setdefault(kind, []).append(outcome)
            if outcome.case.in_scope and outcome.result.kind.value == "gap":
                groups.setdefault("gap-swallowed", []).append(outcome)
            if outcome.case.in_scope and outcome.result.answered and not outcome.right:
                groups.setdefault("wrong-line", []).append(outcome)
        table: dict[str, dict[str, float | int]] = {}
        for kind in sorted(groups):
            members = groups[kind]
            right = sum(o.right for o in members)
            table[kind] = {"questions": len(members), "right": right,
                           "share": round(self._share(right, len(members)), 4),
                           "wrong_answers": sum(1 for o in members if o.result.answered and not o.right)}
        return table

    def at_answer_floors(self, floors: Iterable[float], answer_at: float = 0.0) -> list[dict[str, float | int]]:
        """The three shares if an answer needed a score of at least each floor (a stricter ``answer_at``): an
        answer scored below it counts as not given, as its suggestion or decline would. What raising the band
        would buy in precision and cost in answers, without running the questions again; the handovers after
        the bands are not re-run, so a floor's figures are close to, not exactly, ``answer_at`` set to it.
        A floor at or below the knowledge base's own ``answer_at`` is today's figures (a handover may answer
        below the band)."""
        rows: list[dict[str, float | int]] = []
        for floor in floors:
            given = [o for o in self.outcomes
                     if o.result.answered and (floor <= answer_at or o.result.score >= floor)]
            right = sum(o.right for o in given)
            answered_out = sum(1 for o in given if not o.case.in_scope)
            rows.append({"answer_at": round(floor, 4), "answers": len(given), "wrong_answers": len(given) - right,
                         "accuracy": round(self._share(sum(o.right for o in given if o.case.in_scope),
                                                       len(self.in_scope)), 4),
                         "decline_rate": round(self._share(len(self.out_of_scope) - answered_out,
                                                           len(self.out_of_scope)), 4),
                         "precision": round(self._share(right, len(given)), 4)})
        return rows

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.right]

    def summary(self) -> dict[str, float | int]:
        return {
            "questions": len(self.outcomes),
            "in_scope": len(self.in_scope),
            "out_of_scope": len(self.out_of_scope),
            "accuracy": round(self.accuracy, 4),
            "decline_rate": round(self.decline_rate, 4),
            "precision": round(self.precision, 4),
        }


CURVE_STEP = 0.05
CURVE_TOP = 0.95


def answer_floors(answer_at: float) -> list[float]:
    """The knowledge base's ``answer_at``, then each step of 0.05 above it up to 0.95: the bands ``eval --curve``
    shows."""
    floors = [answer_at]
    step = math.floor(answer_at / CURVE_STEP + 1e-9) + 1
    while step * CURVE_STEP <= CURVE_TOP + 1e-9:
        floors.append(round(step * CURVE_STEP, 2))
        step += 1
    return floors


def load_cases(path: str | Path) -> list[Case]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QuestionSetError(f"{path}: cannot read the file: {exc.strerror} — check the path") from exc
    except UnicodeDecodeError as exc:
        raise QuestionSetError(f"{path}: not UTF-8 text (byte {exc.start + 1}) — save the file as UTF-8") from exc
    except yaml.YAMLError as exc:
        syntax = ProblemList()  # the knowledge files' reading of a syntax error: the line to fix and how
        if parse(path.read_text(encoding="utf-8"), str(path), syntax) is None and syntax.errors:
            raise QuestionSetError(str(syntax.errors[0])) from exc
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None)
        detail = f" ({problem})" if problem else ""
        raise QuestionSetError(f"{where}: YAML syntax error{detail} — fix the file's YAML") from exc
    if not isinstance(data, list):
        raise QuestionSetError(f"{path}: a question set is a list of '- q: ... expect: ...' items")
    text = path.read_text(encoding="utf-8")
    tag_lines, item_lines, typed = _kind_lines(text), _item_lines(text), _typed_questions(text)
    cases: list[Case] = []
    problems: list[str] = []
    for number, item in enumerate(data, start=1):
        where = f"{path}:{item_lines[number - 1]}" if number <= len(item_lines) else f"{path}: item {number}"
        question = typed[number - 1] if number <= len(typed) else None
        problem = _question_problem(item, question)
        if problem and question:
            problems.append(f"{path}:{question[0]}: item {number}{problem}")
            continue
        problem = _item_problem(item)
        if problem:
            problems.append(f"{where}: item {number}{problem}")
            continue
        kinds = item.get("kind", ())
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        lines = tag_lines[number - 1] if number <= len(tag_lines) else ()
        expect = item["expect"]
        cases.append(Case(item["q"], None if expect is None else tuple(expect), str(path), tuple(kinds),
                          lines if len(lines) == len(kinds) else ()))
    if problems:
        raise QuestionSetError(problems[0], problems[1:])
    return cases


#: The fields of a question-set item.
ITEM_FIELDS = ("q", "expect", "kind")


def _item_problem(item: Any) -> str:
    """What is wrong with one question-set item, after its number (' needs ...'), and the fix; '' when usable."""
    if not isinstance(item, dict) or not isinstance(item.get("q"), str) or "expect" not in item:
        return (" needs 'q' (text) and 'expect' (a list or null) — write it as '- q: the question' with "
                "'expect: [words of the answer]', or 'expect: null' for a question to decline")
    expect, question = item["expect"], f" ({item['q']!r})"
    if expect is not None and (not isinstance(expect, list) or not all(isinstance(s, str) for s in expect)):
        return (f"{question}: 'expect' must be a list of text or null — write 'expect: [words of the answer]' or "
                "'expect: null'")
    if expect is not None and not any(snippet.strip() for snippet in expect):
        return (f"{question}: 'expect' has no snippet, so no answer could ever be right — list the article's words "
                "that answer it, or write null")
    unknown = [str(key) for key in item if key not in ITEM_FIELDS]
    if unknown:  # a misspelt 'kind' would leave the item untagged, and --by-kind would count it wrongly
        return (f"{question}: unknown field '{unknown[0]}' — use only {', '.join(ITEM_FIELDS)} (check the spelling)")
    kinds = item.get("kind", ())
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    if not isinstance(kinds, list | tuple) or not all(isinstance(k, str) for k in kinds):
        return f"{question}: 'kind' must be a tag or a list of tags — write 'kind: plain' or 'kind: [plain, long]'"
    return ""


def _question_problem(item: Any, typed: tuple[int, str] | None) -> str:
    """For an item whose ``q`` YAML read as something other than text (``q: 5``, ``q: yes``, ``q: null``, a date), what
    it was read as and the fix, after the item's number; '' otherwise. ``typed``: the line and text of its ``q``."""
    if not isinstance(item, dict) or "q" not in item or isinstance(item["q"], str) or typed is None:
        return ""
    value, written = item["q"], typed[1]
    if value is None:
        if not written:
            return ": 'q' is empty — write the question after 'q:'"
        return (f": YAML reads 'q: {written}' as no value, not text — write the question after 'q:' (quote it, "
                f"'q: \"{written}\"', if that is the question)")
    read_as = ("true/false" if isinstance(value, bool) else "a number" if isinstance(value, int | float)
               else "a date" if isinstance(value, dt.date) else None)
    if read_as is None:
        return ""  # a list or a mapping: the general message says what an item holds
    return f": YAML reads 'q: {written}' as {read_as}, not text — quote it: 'q: \"{written}\"'"


def _typed_questions(text: str) -> list[tuple[int, str] | None]:
    """For each item of a question set, the 1-based file line of its ``q`` value and that value as written (the loaded
    data has ``5``, ``True`` or ``None`` where the file says ``5``, ``yes`` or ``null``); ``None`` where it has no
    ``q`` that is one value."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.SequenceNode):
        return []
    found: list[tuple[int, str] | None] = []
    for item in root.value:
        value = next((v for k, v in item.value if getattr(k, "value", None) == "q"), None) \
            if isinstance(item, yaml.MappingNode) else None
        found.append((value.start_mark.line + 1, value.value) if isinstance(value, yaml.ScalarNode) else None)
    return found


def _item_lines(text: str) -> list[int]:
    """The 1-based file line each item of a question set starts on."""
    root = yaml.compose(text)
    return [item.start_mark.line + 1 for item in root.value] if isinstance(root, yaml.SequenceNode) else []


def _kind_lines(text: str) -> list[tuple[int, ...]]:
    """For each item of a question set, the 1-based file line of each of its ``kind`` tags (YAML's nodes keep
    their marks; the loaded data does not)."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.SequenceNode):
        return []
    found: list[tuple[int, ...]] = []
    for item in root.value:
        value = next((v for k, v in item.value if getattr(k, "value", None) == "kind"), None) \
            if isinstance(item, yaml.MappingNode) else None
        tags = value.value if isinstance(value, yaml.SequenceNode) else [value] if value is not None else []
        found.append(tuple(tag.start_mark.line + 1 for tag in tags))
    return found


def unknown_kinds(cases: Iterable[Case]) -> list[str]:
    """A warning for each tag ``eval --by-kind`` doesn't know, naming the file, the line and the known tags."""
    return [f"{case.source}:{line or '?'}: unknown kind tag {kind!r} (question {case.question!r}) — the known tags "
            f"are {', '.join(KINDS)}; it is counted as a kind of its own"
            for case in cases
            for kind, line in zip(case.kinds, case.kind_lines or (0,) * len(case.kinds), strict=True)
            if kind not in KINDS]


def evaluate(cases: Iterable[Case], ask: Callable[[str], Result], *, strict: bool = False) -> Report:
    report = Report()
    for case in cases:
        report.outcomes.append(Outcome(case, ask(case.question), strict))
    return report


def describe_miss(outcome: Outcome) -> str:
    result, case = outcome.result, outcome.case
    expected = "decline" if case.expect is None else " | ".join(case.expect)
    if result.answered:
        lines = sorted({c.line for c in result.citations})
        where = f"file line {lines[0]}" if len(lines) == 1 else f"file lines {', '.join(map(str, lines))}"
        got = f"answered from {result.entry or 'the article'} ({where})"
    elif result.suggestions:
        got = f"{result.kind.value}: {', '.join(s.entry for s in result.suggestions)}"
    else:
        got = f"{result.kind.value} ({result.entry})" if result.entry else result.kind.value
    return f"{case.question!r}\n    expected: {expected}\n    got: {got} [score {result.score:.2f}]"

"""How check and eval results read in a terminal, and as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.knowledge import EVENT, FACT, GAP, QUOTE
from bot.core.knowledge.problems import Problem
from bot.terminal import program

if TYPE_CHECKING:
    from bot.core.knowledge.loading import LoadResult


def counted(number: int, thing: str, things: str | None = None) -> str:
    """``number`` and the noun it counts, plural only when it is not one: 1 question, 2 questions, 0 gaps."""
    return f"{number} {thing if number == 1 else things or thing + 's'}"


def knowledge_errors(problems: list[Problem], directory: Path) -> str:
    lines = [str(p) for p in problems]
    if problems and not directory.is_dir():  # no folder: not an error *in* a knowledge base
        return "\n".join(lines)
    them = "it" if len(problems) == 1 else "them"
    lines.append(f"{counted(len(problems), 'error')} in the knowledge base; run '{program()} check --knowledge "
                 f"{directory}' after fixing {them}")
    return "\n".join(lines)


def counts(result: LoadResult) -> dict[str, int]:
    entries = [item.entry for item in result.located]
    kinds = [entry.kind for entry in entries]
    return {
        "entries": len(entries),
        "facts": kinds.count(FACT),
        "patterns": sum(len(entry.questions) for entry in entries),
        "quotes": kinds.count(QUOTE),
        "timeline": kinds.count(EVENT),
        "gaps": kinds.count(GAP),
        "citations": sum(len(entry.cite) for entry in entries),
    }


def check_json(result: LoadResult) -> dict[str, object]:
    return {
        "ok": result.ok,
        "counts": counts(result),
        "lines_covered": result.lines_covered,
        "errors": [p.to_dict() for p in result.problems.errors],
        "warnings": [p.to_dict() for p in result.problems.warnings],
    }


def check_text(result: LoadResult, directory: Path) -> str:
    lines = [f"error: {p}" for p in result.problems.errors]
    lines += [f"warning: {p}" for p in result.problems.warnings]
    if result.problems.errors and not directory.is_dir():  # nothing was read, so there is nothing to count
        return "\n".join(lines)
    c = counts(result)
    lines.append(
        f"{directory}: {counted(c['entries'], 'entry', 'entries')} ({counted(c['facts'], 'fact')}, "
        f"{counted(c['quotes'], 'quote')}, {counted(c['timeline'], 'timeline event')}, {counted(c['gaps'], 'gap')}), "
        f"{counted(c['patterns'], 'question pattern')}, {counted(c['citations'], 'citation')}; "
        f"article paragraphs cited: {_paragraphs_cited(result)}"
    )
    errors, warnings = len(result.problems.errors), len(result.problems.warnings)
    lines.append("OK" if not errors else f"FAILED: {counted(errors, 'error')}, {counted(warnings, 'warning')}")
    if not errors and warnings:
        lines[-1] = f"OK with {counted(warnings, 'warning')}"
    return "\n".join(lines)


def _paragraphs_cited(result: LoadResult) -> str:
    """How many of the article's paragraphs something cites, "7 of 7": what people count, and what answers
    name ("paragraph 4"); blank lines are no paragraph. (``lines_covered`` keeps the YAML's file lines.)"""
    article = result.article
    if article is None:
        return "none (no article)"
    cited = {article.paragraph_of(line) for line in result.lines_covered} - {None}
    return f"{len(cited)} of {article.paragraph_count}"


def below_thresholds(summary: dict[str, float | int], accuracy: float, decline: float,
                     precision: float) -> list[str]:
    failures = []
    for name, key, wanted, count in (("in-scope accuracy", "accuracy", accuracy, "in_scope"),
                                     ("out-of-scope decline rate", "decline_rate", decline, "out_of_scope"),
                                     ("precision", "precision", precision, None)):
        if wanted <= 0:
            continue
        if count is not None and not summary[count]:
            # A minimum over no questions would pass whatever the engine did.
            failures.append(f"{name} has no questions to measure, so it can't reach {wanted:.1%} — add "
                            f"{'answerable' if count == 'in_scope' else 'must-decline'} questions to the set")
        elif summary[key] < wanted:
            failures.append(f"{name} {_percent(summary[key], wanted)} is below {wanted:.1%}")
    return failures


def _percent(value: float, than: float) -> str:
    """The figure with enough decimals to differ from the one it is compared with (95.28%, not 95.3%)."""
    for places in (1, 2, 3, 4):
        if f"{value:.{places}%}" != f"{than:.{places}%}":
            return f"{value:.{places}%}"
    return f"{value:.4%}"


def _figure(summary: dict[str, float | int], key: str, count: str | None) -> str:
    return "n/a (no such questions)" if count is not None and not summary[count] else f"{summary[key]:.1%}"


def eval_summary(summary: dict[str, float | int], misses: int) -> str:
    return (f"{counted(int(summary['questions']), 'question')} ({summary['in_scope']} in scope, "
            f"{summary['out_of_scope']} out of scope), {misses} missed\n"
            f"in-scope accuracy:         {_figure(summary, 'accuracy', 'in_scope')}\n"
            f"out-of-scope decline rate: {_figure(summary, 'decline_rate', 'out_of_scope')}\n"
            f"precision:                 {summary['precision']:.1%}")


def curve_table(rows: list[dict[str, float | int]]) -> str:
    lines = [f"{'answer_at':<10} {'answers':>7} {'wrong':>6} {'in-scope':>9} {'declines':>9} {'precision':>10}"]
    for row in rows:
        lines.append(f"{row['answer_at']:<10.2f} {row['answers']:>7} {row['wrong_answers']:>6} {row['accuracy']:>9.1%} "
                     f"{row['decline_rate']:>9.1%} {row['precision']:>10.1%}")
    return "\n".join(lines)


def by_kind_table(table: dict[str, dict[str, float | int]]) -> str:
    rows = [f"{'kind':<14} {'questions':>9} {'right':>7} {'share':>7} {'wrong answers':>14}"]
    for kind, row in table.items():
        rows.append(f"{kind:<14} {row['questions']:>9} {row['right']:>7} {row['share']:>7.1%} "
                    f"{row['wrong_answers']:>14}")
    return "\n".join(rows)

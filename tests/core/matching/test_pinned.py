"""The matcher's rankings and answers, pinned: a faster index must give the same answers.

For every question in ``tests/questions/*.yaml`` (and a few hundred on a generated 2,000-entry
knowledge base, where a common word's postings are long enough to be cut at ``MAX_POSTINGS``), the
fixture ``tests/fixtures/pinned-rankings.json`` holds what the matcher ranks for the whole message and
for each part of a long one (entries in order, as indices into the set's list of entry ids, with scores
rounded to 6 places, kept in millionths) and the final result (kind, entry, cited lines, suggested entries).

When the matcher is changed *on purpose* (answer quality), regenerate it and review the diff:

    python -m tests.core.matching.test_pinned --write

Never regenerate it to make a speed-up pass: a changed ranking there is a changed behaviour.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.core.engine import Engine
from bot.core.matching.question.clauses import question_parts
from bot.core.measuring.benchmark import SEED, perturb, synthetic_kb
from bot.core.measuring.evaluation import load_cases
from tests.conftest import KNOWLEDGE, QUESTIONS, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "pinned-rankings.json"
SYNTHETIC_ENTRIES = 2000
SYNTHETIC_QUESTIONS = 300
SCALE = 1_000_000  # scores are pinned in millionths: rounded to 6 places
TOLERANCE = 1  # one millionth: a score on a rounding boundary may round either way


def _synthetic() -> tuple[Engine, list[str]]:
    rng = random.Random(SEED)
    kb = synthetic_kb(SYNTHETIC_ENTRIES, rng)
    patterns = [q for entry in kb.entries for q in entry.questions]
    return Engine(kb), [perturb(rng.choice(patterns), rng) for _ in range(SYNTHETIC_QUESTIONS)]


SET_NAMES = [*(path.name for path in sorted(QUESTIONS.glob("*.yaml"))), f"synthetic-{SYNTHETIC_ENTRIES}"]


def _sets() -> dict[str, tuple[Engine, list[str]]]:
    engine = Engine.load(KNOWLEDGE)
    found = {path.name: (engine, [case.question for case in load_cases(path)])
             for path in sorted(QUESTIONS.glob("*.yaml"))}
    return {**found, f"synthetic-{SYNTHETIC_ENTRIES}": _synthetic()}


def observe(engine: Engine, question: str) -> dict[str, Any]:
    """What the matcher ranks for a message and its parts, and what the engine replies.

    Ranks are flat lists of (entry index in the knowledge base, score in millionths) pairs: compact, and
    the fixture names each set's entries once.
    """
    index = {entry.id: number for number, entry in enumerate(engine.kb.entries)}
    ranks = []
    for text in (question, *question_parts(question)):
        ranked = engine.matcher.rank(text)
        ranks.append([value for s in ranked for value in (index[s.entry.id], round(s.score * SCALE))])
    result = engine.ask(question)
    return {"q": question, "ranks": ranks,
            "result": [result.kind.value, result.entry, [c.line for c in result.citations],
                       [s.entry for s in result.suggestions]]}


def observe_all() -> dict[str, dict[str, Any]]:
    return {name: {"entries": [entry.id for entry in engine.kb.entries],
                   "questions": [observe(engine, q) for q in questions]}
            for name, (engine, questions) in _sets().items()}


def write(path: Path = FIXTURE) -> None:
    """One question a line, so a review reads the diff question by question."""
    chunks = []
    for name, pinned in observe_all().items():
        lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False, separators=(",", ":"))
                           for item in pinned["questions"])
        entries = json.dumps(pinned["entries"], separators=(",", ":"))
        chunks.append(f'{json.dumps(name)}: {{"entries": {entries}, "questions": [\n{lines}\n]}}')
    path.write_text("{\n" + ",\n".join(chunks) + "\n}\n", encoding="utf-8")


def _differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    if got["result"] != expected["result"]:
        problems.append(f"result {got['result']} (pinned {expected['result']})")
    if len(got["ranks"]) != len(expected["ranks"]):
        problems.append(f"{len(got['ranks'])} parts read (pinned {len(expected['ranks'])})")
    for part, (want, have) in enumerate(zip(expected["ranks"], got["ranks"], strict=False)):
        same = want[::2] == have[::2] and all(abs(a - b) <= TOLERANCE
                                              for a, b in zip(want[1::2], have[1::2], strict=True))
        if not same:
            problems.append(f"part {part}: ranked {have[:10]}... (pinned {want[:10]}...)")
    return problems


@pytest.fixture(scope="module")
def pinned() -> dict[str, dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sets() -> dict[str, tuple[Engine, list[str]]]:
    return _sets()


@pytest.mark.parametrize("name", SET_NAMES)
def test_rankings_and_answers_are_as_pinned(name: str, sets: dict[str, tuple[Engine, list[str]]],
                                            pinned: dict[str, dict[str, Any]]) -> None:
    engine, questions = sets[name]
    assert pinned[name]["entries"] == [entry.id for entry in engine.kb.entries], \
        f"{name}: the knowledge base changed; regenerate the fixture (and review its diff)"
    expected = pinned[name]["questions"]
    assert [item["q"] for item in expected] == questions, f"{name}: the questions changed; regenerate the fixture"
    misses = []
    for want, question in zip(expected, questions, strict=True):
        problems = _differences(want, observe(engine, question))
        if problems:
            misses.append(f"{question!r}: " + "; ".join(problems))
    assert not misses, f"{name}: {len(misses)} of {len(questions)} differ:\n" + "\n".join(misses[:20])


def test_a_changed_ranking_is_caught(pinned: dict[str, dict[str, Any]]) -> None:
    item = next(i for i in pinned["dev.yaml"]["questions"] if len(i["ranks"][0]) >= 4)
    swapped = {**item, "ranks": [[*part[2:4], *part[:2], *part[4:]] for part in item["ranks"]]}
    assert _differences(item, swapped), "swapping the first two entries must show"
    nudged = {**item, "ranks": [[v + 2 * (n % 2) for n, v in enumerate(part)] for part in item["ranks"]]}
    assert _differences(item, nudged), "a score off by 2e-6 must show"
    rounded = {**item, "ranks": [[v + n % 2 for n, v in enumerate(part)] for part in item["ranks"]]}
    assert not _differences(item, rounded), "one millionth is a rounding boundary, not a change"
    other = {**item, "result": ["decline", None, [], []]}
    assert _differences(item, other)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.core.matching.test_pinned --write")
    write()
    print(f"wrote {FIXTURE.relative_to(ROOT)}")

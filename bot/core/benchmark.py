"""``python -m bot bench``: how fast answers are, each figure beside its target with ✓ or ✗.

The default run (about 15 s) measures the matcher on the story against BM25 (``bm25s``) over the
same patterns and questions, and a whole ``ask`` process against ``python -c "import yaml,
rapidfuzz"``. ``--full`` adds a generated 10,000-entry knowledge base (beside rapidfuzz's
brute-force ``extractOne``) and the knowledge base's load time. Every target is a ratio of two
figures measured in the same run, so a busy machine slows both sides and the verdict holds;
``--check`` exits 1 when one is missed.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process, utils

from bot.core.article import Article
from bot.core.engine import Engine
from bot.core.knowledge import FACT, Citation, Entry, KnowledgeBase, Origin, Story
from bot.core.loading import load_knowledge
from bot.core.matching.lexicon import english_ranks
from bot.core.matching.scoring import Matcher

SEED = 20220708
FILLERS = ("", "hey bot ", "quick q: ", "pls ", "ok so ")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(ask: Callable[[str], object], questions: Sequence[str]) -> list[float]:
    """Milliseconds per question, each asked once, after one warm-up pass over a few."""
    for question in questions[:20]:
        ask(question)
    times = []
    for question in questions:
        start = time.perf_counter()
        ask(question)
        times.append((time.perf_counter() - start) * 1000)
    return times


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def perturb(pattern: str, rng: random.Random) -> str:
    """A pattern as a user might type it: a word dropped, a typo, some filler."""
    words = pattern.split()
    if len(words) > 3 and rng.random() < 0.5:
        words.pop(rng.randrange(len(words)))
    if rng.random() < 0.5:
        i = rng.randrange(len(words))
        words[i] = typo(words[i], rng)
    return rng.choice(FILLERS) + " ".join(words) + rng.choice(("", "?", "??"))


def synthetic_kb(entries: int, rng: random.Random) -> KnowledgeBase:
    """A knowledge base of ``entries`` facts with five patterns each, words drawn Zipf-like."""
    vocabulary = rng.sample(sorted(english_ranks()), 12_000)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
    lines = [" ".join(rng.choices(vocabulary, weights, k=20)) for _ in range(400)]
    article = Article(tuple(lines))
    made = []
    for index in range(entries):
        number = rng.randrange(len(lines)) + 1
        questions = tuple(" ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 7))) for _ in range(5))
        made.append(Entry(id=f"entry-{index}", kind=FACT, questions=questions,
                          answer=" ".join(rng.choices(vocabulary, weights, k=12)),
                          cite=(Citation(number, " ".join(lines[number - 1].split()[:3])),),
                          topic="Generated", origin=Origin("generated", index)))
    story = Story("Generated", "Generated", Citation(1, " ".join(lines[0].split()[:3])))
    return KnowledgeBase(directory=Path("generated"), article=article, story=story, entries=tuple(made))


def bm25_ask(patterns: Sequence[str]) -> Callable[[str], object] | None:
    """BM25 over ``patterns`` with bm25s (a dev dependency): the best pattern for a question, or None if absent."""
    try:
        import bm25s  # type: ignore[import-untyped]
    except ImportError:
        return None
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(list(patterns), show_progress=False), show_progress=False)

    def ask(question: str) -> object:
        tokens = bm25s.tokenize([question], show_progress=False)
        return retriever.retrieve(tokens, k=1, show_progress=False, n_threads=1)

    return ask


def story_figures(knowledge_dir: Path, rng: random.Random) -> dict[str, float | int | None]:
    engine = Engine.load(knowledge_dir)
    patterns = [q for entry in engine.kb.entries for q in entry.questions]
    questions = [perturb(rng.choice(patterns), rng) for _ in range(2000)]
    times = timed(engine.matcher.ask, questions)  # the matcher itself: no remembered answers
    figures: dict[str, float | int | None] = {
        "entries": len(engine.kb.entries), "patterns": len(patterns), "questions": len(questions),
        "p50_ms": round(percentile(times, 0.5), 3), "p99_ms": round(percentile(times, 0.99), 3),
        "bm25s_p50_ms": None, "bm25s_p99_ms": None}
    bm25 = bm25_ask(patterns)
    if bm25 is not None:
        bm25_times = timed(bm25, questions)
        figures["bm25s_p50_ms"] = round(percentile(bm25_times, 0.5), 3)
        figures["bm25s_p99_ms"] = round(percentile(bm25_times, 0.99), 3)
    return figures


def scaled_figures(entries: int, rng: random.Random) -> dict[str, float | int]:
    kb = synthetic_kb(entries, rng)
    matcher = Matcher(kb)
    patterns = [q for entry in kb.entries for q in entry.questions]
    questions = [perturb(rng.choice(patterns), rng) for _ in range(1000)]
    times = timed(matcher.ask, questions)

    def brute(question: str) -> object:
        return process.extractOne(question, patterns, scorer=fuzz.WRatio, processor=utils.default_process)

    brute_times = timed(brute, questions[:200])
    return {"entries": len(kb.entries), "patterns": len(patterns), "questions": len(questions),
            "p50_ms": round(percentile(times, 0.5), 3), "p99_ms": round(percentile(times, 0.99), 3),
            "bruteforce_p50_ms": round(percentile(brute_times, 0.5), 3),
            "bruteforce_p99_ms": round(percentile(brute_times, 0.99), 3)}


def load_ms(knowledge_dir: Path, repeat: int = 5) -> float:
    """Reading, checking and indexing the knowledge base, as the bot does at start-up."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = load_knowledge(knowledge_dir, warnings=False)
        assert result.kb is not None, "the knowledge base has errors: run check"
        Matcher(result.kb)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def process_ms(args: Sequence[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def process_pair_ms(first: Sequence[str], second: Sequence[str], repeat: int = 21) -> tuple[float, float]:
    """Median wall time of two commands, run turn about so that a busy spell slows both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        a.append(process_ms(first, repeat=1))
        b.append(process_ms(second, repeat=1))
    return round(statistics.median(a), 1), round(statistics.median(b), 1)


@dataclass(frozen=True)
class Target:
    """A ratio of two figures from the same run, and the bound it must keep."""

    name: str
    ratio: float | None  # None: not measured (a tool is missing)
    bound: float
    op: Literal["<=", ">="]
    why_missing: str = ""

    @property
    def ok(self) -> bool | None:
        if self.ratio is None:
            return None
        return self.ratio <= self.bound if self.op == "<=" else self.ratio >= self.bound

    def line(self) -> str:
        if self.ratio is None:
            return f"  ? {self.name} (target {self.op} {self.bound:g}x): not measured — {self.why_missing}"
        mark = "✓" if self.ok else "✗"
        return f"  {mark} {self.name}: {self.ratio:.2f}x (target {self.op} {self.bound:g}x)"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "ratio": self.ratio, "op": self.op, "bound": self.bound, "ok": self.ok}


def _ratio(top: float | int | None, bottom: float | int | None) -> float | None:
    if top is None or bottom is None or bottom <= 0:
        return None
    return round(top / bottom, 2)


def story_target(story: dict[str, float | int | None]) -> Target:
    return Target("matcher per question (p50) vs bm25s over the same patterns", _ratio(story["p50_ms"],
                  story["bm25s_p50_ms"]), 9, "<=", "bm25s is not installed (pip install bm25s, or '.[dev]')")


def scaled_target(scaled: dict[str, float | int]) -> Target:
    return Target(f"speed-up over brute-force extractOne at {scaled['entries']:,} entries (p50)",
                  _ratio(scaled["bruteforce_p50_ms"], scaled["p50_ms"]), 17, ">=")


def process_target(ask_ms: float, baseline_ms: float) -> Target:
    return Target("'ask' process vs 'import yaml, rapidfuzz'", _ratio(ask_ms, baseline_ms), 4, "<=")


def run_benchmark(knowledge_dir: Path, entries: int = 10_000, as_json: bool = False, full: bool = False,
                  check: bool = False) -> int:
    rng = random.Random(SEED)
    targets: list[Target] = []
    story = story_figures(knowledge_dir, rng)
    bm25 = (f"; bm25s p50 {story['bm25s_p50_ms']} ms, p99 {story['bm25s_p99_ms']} ms"
            if story["bm25s_p50_ms"] is not None else "")
    print(f"story: {story['entries']} entries, {story['patterns']} patterns, {story['questions']} questions: "
          f"matcher p50 {story['p50_ms']} ms, p99 {story['p99_ms']} ms{bm25}", flush=True)
    targets.append(story_target(story))
    print(targets[-1].line(), flush=True)

    baseline, ask = process_pair_ms(["-c", "import yaml, rapidfuzz"],
                                     ["-m", "bot", "ask", "--knowledge", str(knowledge_dir), "who runs the station?"])
    print(f"process: 'python -m bot ask' {ask} ms, 'python -c \"import yaml, rapidfuzz\"' {baseline} ms", flush=True)
    targets.append(process_target(ask, baseline))
    print(targets[-1].line(), flush=True)

    scaled: dict[str, float | int] | None = None
    load: float | None = None
    if full:
        scaled = scaled_figures(entries, rng)
        print(f"scaled: {scaled['entries']} entries, {scaled['patterns']} patterns: matcher p50 {scaled['p50_ms']} ms, "
              f"p99 {scaled['p99_ms']} ms; brute-force WRatio extractOne p50 {scaled['bruteforce_p50_ms']} ms, "
              f"p99 {scaled['bruteforce_p99_ms']} ms", flush=True)
        targets.append(scaled_target(scaled))
        print(targets[-1].line(), flush=True)
        load = load_ms(knowledge_dir)
        print(f"load: {load} ms to read, check and index {knowledge_dir}", flush=True)
    else:
        print("(--full adds the 10,000-entry knowledge base against brute force, and the load time)", flush=True)

    met = sum(1 for target in targets if target.ok)
    print(f"targets: {met} of {len(targets)} met", flush=True)
    if as_json:
        print(json.dumps({"story": story, "scaled": scaled, "load_ms": load,
                          "process": {"ask_ms": ask, "baseline_ms": baseline, "ratio": _ratio(ask, baseline)},
                          "targets": [target.to_json() for target in targets],
                          "ok": all(target.ok for target in targets)}, ensure_ascii=False))
    if check and not all(target.ok for target in targets):
        return 1
    return 0

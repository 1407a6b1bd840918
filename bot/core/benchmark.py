"""``python -m bot bench``: latency on the story, on a generated 10,000-entry knowledge base
(beside rapidfuzz brute force), knowledge-base load time, and the cost of a whole ``ask`` process.

Figures, not pass/fail: timed tests flake on shared machines, so targets are read off this.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

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


def story_figures(knowledge_dir: Path, rng: random.Random) -> dict[str, float | int]:
    engine = Engine.load(knowledge_dir)
    patterns = [q for entry in engine.kb.entries for q in entry.questions]
    questions = [perturb(rng.choice(patterns), rng) for _ in range(2000)]
    times = timed(engine.matcher.ask, questions)  # the matcher itself: no remembered answers
    return {"entries": len(engine.kb.entries), "questions": len(questions),
            "p50_ms": round(percentile(times, 0.5), 3), "p99_ms": round(percentile(times, 0.99), 3)}


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


def run_benchmark(knowledge_dir: Path, entries: int = 10_000, as_json: bool = False) -> int:
    rng = random.Random(SEED)
    story = story_figures(knowledge_dir, rng)
    print(f"story: {story['entries']} entries, {story['questions']} questions: "
          f"p50 {story['p50_ms']} ms, p99 {story['p99_ms']} ms (target p99 <= 1 ms)", flush=True)
    scaled = scaled_figures(entries, rng)
    print(f"scaled: {scaled['entries']} entries, {scaled['patterns']} patterns: p50 {scaled['p50_ms']} ms, "
          f"p99 {scaled['p99_ms']} ms (target <= 10 ms); brute-force WRatio extractOne: "
          f"p50 {scaled['bruteforce_p50_ms']} ms, p99 {scaled['bruteforce_p99_ms']} ms", flush=True)
    load = load_ms(knowledge_dir)
    print(f"load: {load} ms to read, check and index {knowledge_dir}", flush=True)
    baseline = process_ms(["-c", "import yaml, rapidfuzz"])
    ask = process_ms(["-m", "bot", "ask", "--knowledge", str(knowledge_dir), "who runs the station?"])
    print(f"process: 'python -m bot ask' {ask} ms vs 'python -c \"import yaml, rapidfuzz\"' {baseline} ms "
          f"({ask / baseline:.1f}x; target <= 4x)", flush=True)
    if as_json:
        print(json.dumps({"story": story, "scaled": scaled, "load_ms": load,
                          "process": {"ask_ms": ask, "baseline_ms": baseline, "ratio": round(ask / baseline, 2)}}))
    return 0

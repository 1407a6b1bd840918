"""A question's scores from the index's postings: plain Python for a story-sized index, numpy for a large one,
the same to the last bit either way."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.matching import matcher
from bot.core.matching.index import Asked, postings, postings_numpy, side_by_side
from bot.core.matching.words.normalize import stem
from bot.core.measuring.benchmark import SEED, perturb, synthetic_kb
from bot.core.measuring.evaluation import load_cases
from tests.conftest import KNOWLEDGE, QUESTIONS, ROOT, SECOND_STORY


def _asked_of(engine: Engine, questions: list[str]) -> list[Asked]:
    """What each question (and each part of a long one) brings to the scores, as the matcher hands it over."""
    seen: list[Asked] = []
    matcher = engine.matcher
    chosen = matcher._rank_entries

    def recording(index: object, asked: Asked, tuning: object) -> list[postings.Hit]:
        seen.append(asked)
        return chosen(index, asked, tuning)  # type: ignore[arg-type]

    matcher._rank_entries = recording  # type: ignore[assignment]
    try:
        for question in questions:
            matcher.ask(question)
    finally:
        matcher._rank_entries = chosen
    return seen


@pytest.mark.parametrize("where", ["story", "generated"])
def test_plain_python_and_numpy_give_the_same_scores(where: str) -> None:
    if where == "story":
        engine = Engine.load(KNOWLEDGE)
        questions = [case.question for name in ("dev.yaml", "holdout.yaml", "tune-night.yaml")
                     for case in load_cases(QUESTIONS / name)]
    else:  # long enough postings to be cut at MAX_POSTINGS
        rng = random.Random(SEED)
        kb = synthetic_kb(1500, rng)
        engine = Engine(kb)
        patterns = [q for entry in kb.entries for q in entry.questions]
        questions = [perturb(rng.choice(patterns), rng) for _ in range(150)]
    asked = _asked_of(engine, questions)
    assert len(asked) >= len(questions)
    index, tuning = engine.matcher.index, engine.matcher.tuning
    hits = 0
    for one in asked:
        in_python = postings.rank_entries(index, one, tuning)
        assert in_python == postings_numpy.rank_entries(index, one, tuning), one
        hits += len(in_python)
    assert hits > len(asked) * 3  # most questions rank several entries: the comparison compares something


def test_a_story_is_scored_in_plain_python_and_a_large_index_with_numpy() -> None:
    assert len(Engine.load(KNOWLEDGE).matcher.index.term_patterns) < matcher.NUMPY_POSTINGS
    assert Engine.load(KNOWLEDGE).matcher._rank_entries is postings.rank_entries
    large = Engine(synthetic_kb(2000, random.Random(SEED))).matcher
    assert len(large.index.term_patterns) >= matcher.NUMPY_POSTINGS
    assert large._rank_entries is postings_numpy.rank_entries


def test_a_saved_story_engine_answers_without_importing_numpy(tmp_path: Path) -> None:
    """numpy's import is a quarter of a one-off ``ask``; a saved engine is plain arrays and is scored without it."""
    script = ("import sys; from pathlib import Path; from bot.core.engine import Engine; "
              f"e = Engine.load(Path({str(KNOWLEDGE)!r}), cache_dir=Path({str(tmp_path)!r})); "
              "assert e.ask('who runs the station?').answered; print('numpy' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # building the index uses numpy
    assert again.stdout.strip() == "False", again.stderr


def test_words_are_side_by_side_only_within_one_question_or_text_of_an_entry() -> None:
    """The prize entry's questions "what did the bakery win" and "what prize" come one after the other in the
    index, but "win" and "prize" are not side by side; "won a prize" in its quote puts "won" and "prize" so."""
    matcher = Engine.load(SECOND_STORY).matcher
    size = len(matcher.index.terms)
    prize = next(n for n, e in enumerate(matcher.entries) if e.id == "prize")
    pairs = {(matcher.index.terms[code // size], matcher.index.terms[code % size])
             for code in side_by_side(matcher.index, prize)}
    assert (stem("bakery"), stem("win")) in pairs and (stem("won"), stem("prize")) in pairs
    assert (stem("win"), stem("prize")) not in pairs and (stem("bread"), stem("won")) in pairs


def test_within_gives_the_values_a_pool_holds_as_isin_does() -> None:
    import numpy as np

    values = np.array([5, 1, 9, 7], dtype=np.int32)
    pool = np.array([9, 2, 5, 11], dtype=np.int32)
    assert postings_numpy._within(values, pool).tolist() == np.isin(values, pool).tolist() == [True, False, True, False]
    assert postings_numpy._within(values, pool[:0]).tolist() == [False] * 4

"""``bench`` (``measure`` and its face): each target beside its figure with ✓/✗, ``--check`` exits 1 on a miss,
``--json`` keeps its shape.

The timings are replaced by fixed figures here (a timed test would flake on a shared machine); the
measuring itself runs in ``bench`` and in the short real run at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.measuring import benchmark
from tests.conftest import KNOWLEDGE

STORY = {"entries": 83, "patterns": 1836, "questions": 2000, "p50_ms": 0.4, "p99_ms": 1.5,
         "bm25s_p50_ms": 0.2, "bm25s_p99_ms": 0.5}
SCALED = {"entries": 10_000, "patterns": 50_000, "questions": 1000, "p50_ms": 2.0, "p99_ms": 9.0,
          "bruteforce_p50_ms": 80.0, "bruteforce_p99_ms": 90.0, "bm25s_p50_ms": 2.5, "bm25s_p99_ms": 6.0,
          "build_ms": 2000.0, "bm25s_build_ms": 1000.0, "engine_mb": 20.0, "yaml_mb": 5.0}


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    chosen: dict[str, object] = {"story": dict(STORY), "scaled": dict(SCALED), "process": (50.0, 150.0)}
    monkeypatch.setattr(benchmark, "story_figures", lambda knowledge, rng: chosen["story"])
    monkeypatch.setattr(benchmark, "scaled_figures", lambda entries, rng: chosen["scaled"])
    monkeypatch.setattr(benchmark, "process_pair_ms", lambda first, second: chosen["process"])
    monkeypatch.setattr(benchmark, "load_ms", lambda knowledge: 90.0)
    return chosen


def _run(capsys: pytest.CaptureFixture[str], **options: bool) -> tuple[int, list[str], dict[str, object]]:
    flags = [f"--{name}" for name, on in options.items() if on]
    code = main(["bench", "--json", "--knowledge", str(KNOWLEDGE), *flags])
    lines = capsys.readouterr().out.splitlines()
    return code, lines[:-1], json.loads(lines[-1])


def test_targets_are_printed_beside_their_figures(figures: dict[str, object], capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    code, lines, _ = _run(capsys, full=True)
    assert code == 0
    assert "  ✓ matcher per question (p50) vs bm25s over the same patterns: 2.00x (target <= 3x)" in lines
    assert "  ✓ 'ask' process vs 'import yaml, rapidfuzz': 3.00x (target <= 4x)" in lines
    assert "  ✓ speed-up over brute-force extractOne at 10,000 entries (p50): 40.00x (target >= 30x)" in lines
    assert ("  ✓ matcher per question (p50) vs bm25s over the same patterns at 10,000 entries: 0.80x (target <= 1x)"
            in lines)
    assert "  ✓ index build vs bm25s indexing the same patterns at 10,000 entries: 2.00x (target <= 20x)" in lines
    assert "  ✓ engine memory vs its YAML at 10,000 entries: 4.00x (target <= 5x)" in lines
    assert "scaled: index build 2000.0 ms, bm25s 1000.0 ms; engine 20.0 MB, its YAML 5.0 MB" in lines
    assert lines[-1] == "targets: 6 of 6 met"


def test_check_exits_1_when_a_target_is_missed(figures: dict[str, object], capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    figures["process"] = (50.0, 250.0)  # 5x
    code, lines, report = _run(capsys, check=True)
    assert code == 1
    assert "  ✗ 'ask' process vs 'import yaml, rapidfuzz': 5.00x (target <= 4x)" in lines
    assert report["ok"] is False
    assert main(["bench", "--knowledge", str(KNOWLEDGE)]) == 0, "without --check a miss is reported, not an error"


def test_check_fails_at_full_when_brute_force_is_not_beaten_enough(figures: dict[str, object],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    figures["scaled"] = {**SCALED, "bruteforce_p50_ms": 50.0}  # 25x
    assert _run(capsys, check=True)[0] == 0, "the 10,000-entry target is measured with --full only"
    code, lines, _ = _run(capsys, check=True, full=True)
    assert code == 1 and any(line.startswith("  ✗ speed-up over brute-force") for line in lines)


def test_json_keeps_its_shape_and_adds_the_verdicts(figures: dict[str, object],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _, _, quick = _run(capsys)
    assert set(quick) == {"story", "scaled", "load_ms", "process", "targets", "ok"}
    assert quick["scaled"] is None and quick["load_ms"] is None
    assert quick["process"] == {"ask_ms": 150.0, "baseline_ms": 50.0, "ratio": 3.0}
    _, _, full = _run(capsys, full=True)
    assert full["scaled"] == SCALED and full["load_ms"] == 90.0
    assert [t["ok"] for t in full["targets"]] == [True] * 6  # type: ignore[union-attr]
    assert {tuple(sorted(t)) for t in full["targets"]} == {("bound", "name", "ok", "op", "ratio")}  # type: ignore[union-attr]


def test_a_missing_bm25s_is_not_measured_and_fails_the_check(figures: dict[str, object],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    figures["story"] = {**STORY, "bm25s_p50_ms": None, "bm25s_p99_ms": None}
    code, lines, report = _run(capsys, check=True)
    assert code == 1
    assert any(line.startswith("  ? matcher per question") and "pip install bm25s" in line for line in lines)
    assert report["targets"][0]["ok"] is None  # type: ignore[index]


def test_the_measurements_themselves_run(tmp_path: Path) -> None:
    """A small real run of each measuring function, so bench can't break unnoticed."""
    import random

    story = benchmark.story_figures(KNOWLEDGE, random.Random(1))
    assert story["p50_ms"] and story["bm25s_p50_ms"], "bm25s is a dev dependency"
    scaled = benchmark.scaled_figures(50, random.Random(1))
    assert scaled["entries"] == 50 and scaled["bruteforce_p50_ms"] and scaled["bm25s_p50_ms"]
    assert scaled["build_ms"] and scaled["bm25s_build_ms"]
    assert scaled["engine_mb"] and scaled["yaml_mb"] and scaled["engine_mb"] > scaled["yaml_mb"] / 10
    baseline, ask = benchmark.process_pair_ms(["-c", "pass"], ["-c", "import json"], repeat=1)
    assert baseline > 0 and ask > 0


def test_memory_and_build_targets_fail_the_check_when_missed(figures: dict[str, object],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    figures["scaled"] = {**SCALED, "engine_mb": 30.0}  # 6x its YAML
    code, lines, _ = _run(capsys, check=True, full=True)
    assert code == 1 and "  ✗ engine memory vs its YAML at 10,000 entries: 6.00x (target <= 5x)" in lines
    figures["scaled"] = {**SCALED, "bm25s_p50_ms": None, "bm25s_p99_ms": None, "bm25s_build_ms": None}
    code, lines, _ = _run(capsys, check=True, full=True)
    assert code == 1 and sum(line.startswith("  ? ") for line in lines) == 2


def test_a_generated_knowledge_base_is_written_as_files_that_load(tmp_path: Path) -> None:
    import random

    from bot.core.knowledge.loading import load_knowledge

    kb = benchmark.synthetic_kb(300, random.Random(3))
    size = benchmark.write_kb(kb, tmp_path / "kb", per_file=100)
    assert size == sum(p.stat().st_size for p in (tmp_path / "kb").iterdir())
    assert len(list((tmp_path / "kb").glob("facts-*.yaml"))) == 3
    loaded = load_knowledge(tmp_path / "kb", warnings=False)
    assert loaded.kb is not None, loaded.problems.errors[:3]
    assert [e.id for e in loaded.kb.entries] == [e.id for e in kb.entries]
    assert loaded.kb.article.lines[:400] == kb.article.lines

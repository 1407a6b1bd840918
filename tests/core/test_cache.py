"""The saved engine is reused only while the knowledge files are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import engine as engine_module
from bot.core.engine import Engine
from tests.conftest import replace_in


def test_a_second_load_reuses_the_saved_engine(story_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").glob("engine-*.pickle"))

    def must_not_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the knowledge base was read again although nothing changed")

    monkeypatch.setattr(engine_module, "load_knowledge", must_not_load)
    second = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert second.ask("how many people work at the bakery").to_json() == \
        first.ask("how many people work at the bakery").to_json()


def test_a_changed_file_is_read_again(story_copy: Path, tmp_path: Path) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    replace_in(story_copy / "kb.yaml", "The bakery employs 12 people.", "Twelve people work there.")
    engine = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert engine.ask("how many people work at the bakery").answer == "Twelve people work there."


def test_a_damaged_cache_is_rebuilt(story_copy: Path, tmp_path: Path) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    for path in (tmp_path / "cache").glob("engine-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert Engine.load(story_copy, cache_dir=tmp_path / "cache").ask("bakery staff").answered

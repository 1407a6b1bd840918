"""The saved engine is reused only while the knowledge files are unchanged, and it is plain data.

The cache is a JSON header and arrays of numbers read into the standard library's ``array``: nothing in it
can run code, and a damaged, truncated or foreign file (a pickle among them) is rebuilt with one line in the log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import pickle
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core import cache
from bot.core import engine as engine_module
from bot.core.engine import Engine, KnowledgeError
from tests.conftest import KNOWLEDGE, replace_in

QUESTIONS = ["how many people work at the bakery", "bakery staff", "what prize", "who is the mayor", "asdfgh"]


def _saved(directory: Path) -> Path:
    (path,) = directory.glob("engine-*.engine")
    return path


def test_a_second_load_reuses_the_saved_engine(story_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.pickle"))

    def must_not_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the knowledge base was read again although nothing changed")

    monkeypatch.setattr(engine_module, "load_knowledge", must_not_load)
    monkeypatch.setattr("bot.core.matching.index.building.build_index", must_not_load)
    monkeypatch.setattr("bot.core.matching.matcher.build_analyzer", must_not_load)
    with pytest.raises(AssertionError):
        Engine(first.kb)  # the guard works: an engine built afresh fails here
    second = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    for question in QUESTIONS:
        assert second.ask(question).to_json() == first.ask(question).to_json()
        assert second.matcher.rank(question) == first.matcher.rank(question)
    assert second.kb == first.kb and second.kb.directory == story_copy


def test_the_cached_engine_answers_the_shipped_story_as_a_built_one(tmp_path: Path) -> None:
    built = Engine.load(KNOWLEDGE, cache_dir=tmp_path / "cache")
    cached = cache.load(_saved(tmp_path / "cache"), KNOWLEDGE)
    assert cached is not None
    assert cached.kb == built.kb
    assert cached.matcher.analyzer.state() == built.matcher.analyzer.state()
    for name, values in built.matcher.index.arrays().items():
        assert getattr(cached.matcher.index, name) == values, name
    for question in ["who runs the station?", "wat did nasa say abt the cosmonaughts", "what year did it start",
                     "LUEDERS JOB", "what does UN stand for?", "lol"]:
        assert cached.ask(question).to_json() == built.ask(question).to_json()


def test_the_cache_is_plain_arrays_and_json(story_copy: Path, tmp_path: Path) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    data = path.read_bytes()
    assert data.startswith(b"storybot-engine\n")
    assert data[16:32] == hashlib.blake2b(data[32:], digest_size=16).digest()
    size = int.from_bytes(data[32:40], "little")
    header = json.loads(data[40:40 + size])
    assert header["format"] == "storybot-engine" and header["terms"] == sorted(header["terms"])
    widths = {"i": 4, "q": 8, "d": 8, "B": 1}
    assert {code for _, code, _ in header["arrays"]} <= set(widths)  # numbers only: nothing that could be code
    assert 40 + size + sum(widths[code] * count for _, code, count in header["arrays"]) == len(data)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_changed_file_is_read_again(story_copy: Path, tmp_path: Path) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    replace_in(story_copy / "kb.yaml", "The bakery employs 12 people.", "Twelve people work there.")
    engine = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert engine.ask("how many people work at the bakery").answer == "Twelve people work there."


RAN: list[str] = []


def _record(command: str) -> None:
    RAN.append(command)


class _Boom:
    """Unpickling this calls ``_record``: code run from the cache. The test fails if it ever is."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_record, ("ran code from the cache",))


def _repacked(path: Path, change: Callable[[dict[str, array[Any]]], None]) -> bytes:
    """The saved cache written again, digest and all, after ``change`` altered its arrays."""
    header, arrays = cache._unpacked(path.read_bytes())
    change(arrays)
    return cache._packed({k: v for k, v in header.items() if k not in ("arrays", "byteorder")}, arrays)


def _described_as(path: Path, code: str) -> bytes:
    """The cache with its first array described as of another typecode ("u": text), its bytes as they were."""
    data = _repacked(path, lambda arrays: None)
    first = json.dumps(cache._unpacked(data)[0]["arrays"][0])
    return data.replace(first.encode(), first.replace(f'"{json.loads(first)[1]}"', f'"{code}"').encode(), 1)


def _flipped_bit(data: bytes) -> bytes:
    """One bit of the last array flipped: ids stay in range, so only the digest can tell."""
    return data[:-1] + bytes([data[-1] ^ 1])


def _with_values(path: Path, name: str, value: float) -> bytes:
    """The cache saved again with every number of one array replaced."""
    def change(arrays: dict[str, array[Any]]) -> None:
        arrays[name] = array(arrays[name].typecode, [value] * len(arrays[name]))  # type: ignore[arg-type]

    return _repacked(path, change)


def _nan_in_header(path: Path) -> bytes:
    """JSON's NaN in the header (the digest made anew): no number this code saves is one."""
    data = path.read_bytes()
    size = int.from_bytes(data[32:40], "little")
    text = data[40:40 + size].replace(b'{"format"', b'{"unused": NaN, "format"', 1)  # otherwise ignored
    rest = len(text).to_bytes(8, "little") + text + data[40 + size:]
    return data[:16] + hashlib.blake2b(rest, digest_size=16).digest() + rest


def _shuffled_terms(path: Path) -> bytes:
    def change(arrays: dict[str, array[Any]]) -> None:
        arrays["term_patterns"] = array("i", [p + 10_000 for p in arrays["term_patterns"]])  # ids past the end

    return _repacked(path, change)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "pickle", "text array", "ids out of range",
                                    "empty", "old numpy cache", "a bit flipped", "NaN weights",
                                    "negative weights", "infinite precision", "flags not 0 or 1",
                                    "NaN in the header"])
def test_a_damaged_or_foreign_cache_is_rebuilt_with_one_log_line(damage: str, story_copy: Path, tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    RAN.clear()
    built = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    good = path.read_bytes()
    damaged = {"garbage": lambda: b"not a cache", "truncated": lambda: good[: len(good) // 2],
               "pickle": lambda: pickle.dumps(_Boom()), "text array": lambda: _described_as(path, "u"),
               "ids out of range": lambda: _shuffled_terms(path), "empty": lambda: b"",
               "old numpy cache": lambda: b"PK\x03\x04" + good, "a bit flipped": lambda: _flipped_bit(good),
               "NaN weights": lambda: _with_values(path, "weights", math.nan),
               "negative weights": lambda: _with_values(path, "weights", -1.0),
               "infinite precision": lambda: _with_values(path, "pattern_inverse", math.inf),
               "flags not 0 or 1": lambda: _with_values(path, "light", 2),
               "NaN in the header": lambda: _nan_in_header(path)}[damage]()
    path.write_bytes(damaged)
    with caplog.at_level(logging.INFO, logger="storybot.cache"):
        engine = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert not RAN, "loading the cache ran code"
    assert engine.ask("bakery staff").to_json() == built.ask("bakery staff").to_json()
    lines = [r for r in caplog.records if r.name == "storybot.cache"]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    assert lines[0].getMessage() == (f"ignoring the engine cache {path}: it is damaged or not one this version "
                                     "wrote; building the engine again")  # no numpy or pickle wording
    assert path.read_bytes() != b"" and cache.load(path, story_copy) is not None, "the rebuilt engine is saved"


def test_a_cache_someone_else_can_write_is_not_read(story_copy: Path, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    path.chmod(0o666)
    with caplog.at_level(logging.WARNING, logger="storybot.cache"):
        assert cache.load(path, story_copy) is None
    path.chmod(0o600)
    (tmp_path / "cache").chmod(0o777)
    try:
        assert cache.load(path, story_copy) is None
    finally:
        (tmp_path / "cache").chmod(0o700)
    assert cache.load(path, story_copy) is not None
    assert [r.getMessage().endswith("it is not private to this user") for r in caplog.records] == [True, True]


def test_a_symlinked_cache_is_not_followed(story_copy: Path, tmp_path: Path) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    elsewhere = tmp_path / "elsewhere.engine"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert cache.load(path, story_copy) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_the_cache_path_is_refused_without_waiting_for_a_writer(story_copy: Path, tmp_path: Path,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    path.unlink()
    os.mkfifo(path, 0o600)
    with caplog.at_level(logging.WARNING, logger="storybot.cache"):
        assert cache.load(path, story_copy) is None  # returns: opening it doesn't block
    assert "it is not a regular file" in caplog.text


def test_a_folder_at_the_cache_path_is_refused_and_the_engine_built(story_copy: Path, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    path = _saved(tmp_path / "cache")
    path.unlink()
    path.mkdir(mode=0o700)
    with caplog.at_level(logging.WARNING, logger="storybot.cache"):
        engine = Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert engine.ask("bakery staff").answered
    assert [r.getMessage() for r in caplog.records if r.name == "storybot.cache"] == [
        f"ignoring the engine cache {path}: it is not a regular file"]


def test_a_knowledge_file_linking_outside_its_folder_is_refused_with_a_saved_engine_too(
        story_copy: Path, tmp_path: Path) -> None:
    """A saved engine is used without loading the files again, so a link made after it was saved must keep it from
    being used: the load refuses the link, cache or none."""
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    name = next(p.name for p in sorted(story_copy.glob("*.yaml")) if p.name != "story.yaml")
    outside = tmp_path / name
    (story_copy / name).rename(outside)
    (story_copy / name).symlink_to(outside)
    assert cache.cache_path(tmp_path / "cache", story_copy) is None
    with pytest.raises(KnowledgeError, match="link to outside the knowledge folder"):
        Engine.load(story_copy, cache_dir=tmp_path / "cache")


def test_where_no_file_can_be_checked_private_nothing_is_cached(story_copy: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """Windows has no ``getuid``: a cache there could never be read, so none is written and nothing is logged."""
    monkeypatch.delattr(os, "getuid")
    with caplog.at_level(logging.INFO, logger="storybot.cache"):
        engine = Engine.load(story_copy, cache_dir=tmp_path / "cache")
        Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert engine.ask("bakery staff").answered
    assert not (tmp_path / "cache").exists() and not caplog.records


@pytest.mark.parametrize("suffix", [".pickle", ".npz"])
def test_old_versions_files_are_removed_when_a_cache_is_saved(suffix: str, story_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir(mode=0o700)
    old = tmp_path / "cache" / f"engine-0123456789abcdef-0123456789abcdef01234567{suffix}"
    old.write_bytes(b"old")
    Engine.load(story_copy, cache_dir=tmp_path / "cache")
    assert not old.exists() and _saved(tmp_path / "cache").exists()


def test_the_knowledge_base_survives_the_round_trip_exactly() -> None:
    kb = Engine.load(KNOWLEDGE).kb
    assert cache.decode(type(kb), json.loads(json.dumps(cache.encode(kb)))) == kb


@pytest.mark.parametrize("value", [None, [], "x", [1, 2], {"a": 1}])
def test_a_knowledge_base_of_the_wrong_shape_is_refused(value: object) -> None:
    from bot.core.knowledge import KnowledgeBase

    with pytest.raises(cache.CacheError):
        cache.decode(KnowledgeBase, value)


def test_a_cache_folder_of_ours_that_others_can_write_is_made_private_when_saving(story_copy: Path,
                                                                                  tmp_path: Path) -> None:
    """Otherwise every run would refuse the cache as not private and build the engine again."""
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    Engine.load(story_copy, cache_dir=folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert cache.load(_saved(folder), story_copy) is not None


def test_a_question_in_the_storys_own_words_never_reads_wordnets_table(kb_copy: Path, tmp_path: Path) -> None:
    # WordNet's table takes a fifth of a second to read: a saved engine answers the story's words without it.
    from bot.core.matching.words import related

    Engine.load(kb_copy, cache_dir=tmp_path / "cache")
    related.related_table.cache_clear()
    saved = Engine.load(kb_copy, cache_dir=tmp_path / "cache")
    fact = next(entry for entry in saved.kb.entries if entry.from_article)
    assert saved.ask(fact.questions[0]).answered
    assert related.related_table.cache_info().currsize == 0


def test_a_saved_engine_reads_the_typos_in_its_own_patterns_without_the_english_word_list(tmp_path: Path) -> None:
    # The English word list takes a tenth of a second to read: every question that weighs a gap reads what each
    # gap pattern asks, typos included, so the saved engine keeps how it read them.
    from bot.core.matching.words import lexicon

    Engine.load(KNOWLEDGE, cache_dir=tmp_path / "cache")
    lexicon.english_ranks.cache_clear()
    saved = Engine.load(KNOWLEDGE, cache_dir=tmp_path / "cache")
    for entry in saved.kb.entries[:40]:
        saved.ask(entry.questions[0])
    assert lexicon.english_ranks.cache_info().currsize == 0


def test_an_upgraded_stemmer_or_speller_library_makes_a_new_key(story_copy: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The saved engine keeps their stems and sound codes: another build of either must not reuse it."""
    before = cache.cache_path(tmp_path, story_copy)
    assert before is not None and cache._file_stamp("Stemmer") not in ("missing", "built in")
    monkeypatch.setattr(cache, "_file_stamp", lambda name: "another build" if name == "Stemmer" else "same")
    assert cache.cache_path(tmp_path, story_copy) != before

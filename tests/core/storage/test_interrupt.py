"""Ctrl-C in the middle of a change: cancelled, never a change on disk that the history doesn't hold.

A kill leaves a pending change for the next run to finish; an interrupt can be caught, so the change is
taken back at once. Only if a second interrupt cuts that short too does it stay pending, as after a kill.
"""

from __future__ import annotations

import io
import signal
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.storage import store as store_module
from bot.core.storage import yamlwrite
from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore
from tests.core.storage.test_store import fact, snapshot

NEW = fact("bread", "who bakes the bread")


def interrupting(real: Callable[..., Any], when: Callable[[int], bool], after_writing: bool) -> Callable[..., Any]:
    """``atomic_write`` that raises KeyboardInterrupt on the calls ``when`` picks, after or instead of writing."""
    calls = [0]

    def write(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if not when(calls[0]):
            return real(*args, **kwargs)
        if after_writing:
            real(*args, **kwargs)
        raise KeyboardInterrupt

    return write


def test_an_interrupt_just_after_a_file_is_written_takes_the_change_back(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    before = snapshot(story_copy)
    monkeypatch.setattr(store_module, "atomic_write",
                        interrupting(store_module.atomic_write, lambda n: n == 1, after_writing=True))
    with pytest.raises(KeyboardInterrupt):
        store.import_entries(NEW, actor="ann")
    monkeypatch.undo()
    assert snapshot(story_copy) == before
    assert store.journal.pending_changes() == [] and store.journal.history() == []


def test_an_interrupt_that_cuts_short_the_taking_back_leaves_the_change_for_the_next_run(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = KnowledgeStore(story_copy, Journal(tmp_path / "data"))
    before = snapshot(story_copy)
    monkeypatch.setattr(store_module, "atomic_write", interrupting(
        store_module.atomic_write, lambda n: n == 1, after_writing=True))
    real_back = store_module.KnowledgeStore._write_back

    def cut_short(self: KnowledgeStore, docs: Any, written: Any) -> None:
        raise KeyboardInterrupt  # Ctrl-C pressed again while the change is being taken back

    monkeypatch.setattr(store_module.KnowledgeStore, "_write_back", cut_short)
    with pytest.raises(KeyboardInterrupt):
        store.import_entries(NEW, actor="ann")
    monkeypatch.setattr(store_module.KnowledgeStore, "_write_back", real_back)
    monkeypatch.undo()
    assert snapshot(story_copy) != before and len(store.journal.pending_changes()) == 1  # on disk, still pending
    assert any("finished change 1" in note for note in store.recover())
    assert [record.id for record in store.journal.history()] == [1]
    store.undo("ann")
    assert snapshot(story_copy) == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_a_file_is_rewritten_is_taken_once_it_is_and_prints_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """ruamel.yaml's emitter prints the word whose write an interrupt cut short on stdout (``'What'``, in the middle
    of a command's output) before raising it again: Ctrl-C there waits until the file's text is made."""
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    before = "facts:\n  - id: one\n    title: What is it\n"
    document = {"facts": [{"id": "one", "title": "What is it"}, {"id": "two", "title": "Who"}]}
    assert "id: two" in yamlwrite.rewrite(before, document)

    class Pressed(io.StringIO):  # Ctrl-C as the emitter writes one word
        def write(self, text: str) -> int:
            if text == "What":
                signal.raise_signal(signal.SIGINT)
            return super().write(text)

    monkeypatch.setattr(yamlwrite, "io", types.SimpleNamespace(StringIO=Pressed))
    with pytest.raises(KeyboardInterrupt):
        yamlwrite.rewrite(before, document)
    assert capsys.readouterr().out == ""
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

"""The store and links planted in the knowledge folder: never written through, never followed out.

The policy (README, "What the store guarantees"): links between files inside the knowledge folder
are read (a Kubernetes ConfigMap mounts every file as one); a link to outside the folder is an
error, so nothing outside is ever answered from or exported; the store never writes through a
link, and never follows a link at its lock file or its temporary files.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.knowledge.loading import load_knowledge
from bot.core.storage.errors import StoreError
from bot.core.storage.journal import Journal
from bot.core.storage.store import KnowledgeStore
from tests.core.storage.test_store import NEW_FACT, snapshot

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


@pytest.fixture
def store(story_copy: Path, tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(story_copy, Journal(tmp_path / "data"))


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "precious.txt"
    path.write_text("the bot must never write here\n", encoding="utf-8")
    return path


def test_a_link_planted_at_the_temporary_name_is_not_written_through(store: KnowledgeStore, story_copy: Path,
                                                                      victim: Path) -> None:
    guessed = story_copy / f".kb.yaml.{os.getpid()}.{threading.get_ident()}.tmp"  # the name writers used to use
    guessed.symlink_to(victim)
    store.add(NEW_FACT, actor="ann")
    assert victim.read_text(encoding="utf-8") == "the bot must never write here\n"
    assert not (story_copy / "kb.yaml").is_symlink()
    assert "bakery-bread" in (story_copy / "kb.yaml").read_text(encoding="utf-8")


def test_a_new_file_keeps_the_mode_the_old_one_had(store: KnowledgeStore, story_copy: Path) -> None:
    (story_copy / "kb.yaml").chmod(0o640)
    store.add(NEW_FACT, actor="ann")
    assert (story_copy / "kb.yaml").stat().st_mode & 0o777 == 0o640


def test_a_linked_knowledge_file_is_read_but_never_written_through(store: KnowledgeStore, story_copy: Path) -> None:
    real = story_copy / "..data"
    real.mkdir()
    (story_copy / "kb.yaml").rename(real / "kb.yaml")
    (story_copy / "kb.yaml").symlink_to(Path("..data") / "kb.yaml")  # as a ConfigMap mounts it
    assert load_knowledge(story_copy).ok, "a link inside the folder is read"
    before = (real / "kb.yaml").read_bytes()
    with pytest.raises(StoreError, match=r"kb\.yaml is a symbolic link, and the store never writes through links"):
        store.add(NEW_FACT, actor="ann")
    assert (story_copy / "kb.yaml").is_symlink() and (real / "kb.yaml").read_bytes() == before
    assert store.journal.history() == [] and store.journal.pending_changes() == []


def test_a_link_out_of_the_folder_is_never_read_or_exported(store: KnowledgeStore, story_copy: Path,
                                                            tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (story_copy / "kb.yaml").rename(outside / "kb.yaml")
    (story_copy / "kb.yaml").symlink_to(outside / "kb.yaml")
    result = load_knowledge(story_copy)
    assert not result.ok
    assert any("link to outside the knowledge folder" in str(p) for p in result.problems.errors)
    with pytest.raises(StoreError, match="can't be read"):
        store.export()


def test_a_link_at_the_lock_file_is_refused_in_one_sentence(story_copy: Path, tmp_path: Path, victim: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (story_copy / ".storybot.lock").symlink_to(victim)
    entry = tmp_path / "new.yaml"
    entry.write_text(NEW_FACT, encoding="utf-8")
    before = snapshot(story_copy)
    code = main(["kb", "add", str(entry), "--knowledge", str(story_copy), "--data", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 1
    assert "is a symbolic link, which the store never follows" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert victim.read_text(encoding="utf-8") == "the bot must never write here\n"
    assert snapshot(story_copy) == before

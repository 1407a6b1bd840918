"""Shared fixtures: paths to the shipped knowledge base, and copies of it to break."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
SECOND_STORY = ROOT / "tests" / "fixtures" / "second-story"
QUESTIONS = ROOT / "tests" / "questions"


_OWN_BASETEMP = "_storybot_basetemp"


def pytest_configure(config: pytest.Config) -> None:
    """Each run keeps its temporary folders in a folder of its own, removed at the end. pytest's shared default
    keeps only the three newest runs' folders, so a second run on the same machine (another clone's tests) deleted
    this run's files while its subprocesses still needed them."""
    if not config.option.basetemp:
        config.option.basetemp = tempfile.mkdtemp(prefix="storybot-tests-")
        setattr(config, _OWN_BASETEMP, config.option.basetemp)


def pytest_unconfigure(config: pytest.Config) -> None:
    own = getattr(config, _OWN_BASETEMP, None)
    if own:
        shutil.rmtree(own, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the commands they start) keep the engine cache and the journal out of the real home folder."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))
    os.environ.pop("INVOCATION_ID", None)  # a CI job run as a systemd service: commands must not think they are one


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    """A private copy of the small second story, the base for broken-knowledge-base cases."""
    target = tmp_path / "story"
    shutil.copytree(SECOND_STORY, target)
    return target


@pytest.fixture
def one_paragraph_story(tmp_path: Path) -> Path:
    """A knowledge base whose article is one paragraph: where 'from 1 to N' would read 'from 1 to 1'."""
    target = tmp_path / "one-paragraph"
    target.mkdir()
    (target / "article.txt").write_text("Springfield, May 3: The town bakery won a prize for its rye bread.\n",
                                        encoding="utf-8")
    (target / "kb.yaml").write_text(
        "story:\n  title: A prize\n  headline: A prize\n  dateline:\n    line: 1\n    quote: Springfield, May 3\n"
        "facts:\n  - id: prize\n    topic: The prize\n    questions: [what did the bakery win]\n"
        "    answer: The bakery won a prize.\n    cite:\n      - line: 1\n        quote: won a prize\n",
        encoding="utf-8")
    return target


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge base, safe to modify."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new`` in a file; return the line where it starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    position = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:position].count("\n") + 1


Edit = Callable[[str, str], int]


@pytest.fixture
def edit(story_copy: Path) -> Edit:
    """Edit the second story's kb.yaml: replace ``old`` with ``new``, get the line number back."""
    return lambda old, new: replace_in(story_copy / "kb.yaml", old, new)

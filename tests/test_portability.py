"""Nothing POSIX-only is imported unconditionally: every module loads, and the store works, without them.

Windows has no ``fcntl``, ``pwd`` or ``grp``. The test runs a fresh interpreter in which importing
them fails exactly as it does there (``ImportError``), imports every module under ``bot/``, then
makes, checks and undoes a change through the store. Libraries that pick a Windows path at import
time (``filelock`` takes ``msvcrt`` there) take their no-``fcntl`` path here, which is as close to
Windows as a Linux test gets.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT, SECOND_STORY

BLOCKED = ("fcntl", "pwd", "grp")

SCRIPT = textwrap.dedent("""
    import importlib, importlib.abc, pkgutil, sys
    from pathlib import Path

    BLOCKED = {blocked!r}

    class NoPosix(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"No module named {{name!r}} (blocked: not on Windows)", name=name)
            return None

    for name in BLOCKED:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, NoPosix())

    import bot
    # bot.__main__ runs the program when imported; all it imports is bot.cli, which is here.
    names = sorted(m.name for m in pkgutil.walk_packages(bot.__path__, "bot.") if m.name != "bot.__main__")
    for name in names:
        importlib.import_module(name)
    leaked = [name for name in BLOCKED if name in sys.modules]
    assert not leaked, leaked

    from bot.core.storage.journal import Journal
    from bot.core.knowledge.loading import load_knowledge
    from bot.core.storage.store import KnowledgeStore

    story, data = Path(sys.argv[1]), Path(sys.argv[2])
    store = KnowledgeStore(story, Journal(data))
    store.add('''
    facts:
      - id: portable-fact
        questions: ["portable question one", "portable question two", "portable question three"]
        answer: The bakery employs 12 people.
        cite:
          - line: 5
            quote: employs 12 people
    ''', actor="windows")
    assert load_knowledge(story).kb.get("portable-fact") is not None
    store.undo(actor="windows")
    assert load_knowledge(story).kb.get("portable-fact") is None
    print(f"imported {{len(names)}} modules; store change and undo done")
""")


def test_every_module_imports_and_the_store_changes_without_posix_only_modules(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(SECOND_STORY, story)
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(blocked=BLOCKED), str(story), str(tmp_path / "data")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "store change and undo done" in done.stdout
    count = int(done.stdout.split("imported ", 1)[1].split()[0])
    modules = [p for p in (ROOT / "bot").rglob("*.py") if (p.parent / "__init__.py").exists()]  # not data/ scripts
    assert count == len(modules) - 2  # all but bot/__init__.py and bot/__main__.py


def test_the_blocker_really_blocks(tmp_path: Path) -> None:
    """Without this, a finder that never fires would let the test above pass on anything."""
    script = SCRIPT.format(blocked=BLOCKED).split("import bot\n")[0] + "import fcntl\n"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode != 0
    assert "blocked: not on Windows" in done.stderr

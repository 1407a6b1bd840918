"""The terminal face's commands; each is a thin layer over ``bot.core``."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path


def program() -> str:
    """How this program was started, so the hints work: `storybot` when installed, else `python -m bot`."""
    return "storybot" if Path(sys.argv[0]).name.startswith("storybot") else "python -m bot"


def command(rest: str, knowledge: Path | None = None, data: Path | None = None) -> str:
    """A command for a hint to run, ``python -m bot check``: with ``--knowledge DIR`` when the knowledge folder
    is not the shipped one (it was given with --knowledge or KNOWLEDGE_DIR), and, for a ``kb`` command, with
    ``--data DIR`` when the data folder is not the default one, so that following the hint acts on the same
    folders (a change journaled elsewhere could not be undone here)."""
    from bot.config import default_data_dir, shipped_knowledge_dir

    folder = ""
    if knowledge is not None and knowledge.resolve() != shipped_knowledge_dir().resolve():
        folder = f" --knowledge {shlex.quote(str(knowledge))}"
    if data is not None and rest.startswith("kb ") and data.resolve() != default_data_dir().resolve():
        folder += f" --data {shlex.quote(str(data))}"
    return f"{program()} {rest}{folder}"


def waiting_notice(name: str) -> Callable[[], None]:
    """What a command says on stderr when another edit holds the knowledge base's lock: without it the wait
    (up to the store's timeout) looks like a hang."""
    def notice() -> None:
        print(f"storybot {name}: another edit of the knowledge base is under way; waiting for it to finish…",
              file=sys.stderr, flush=True)
    return notice

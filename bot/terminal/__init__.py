"""The terminal face's commands; each is a thin layer over ``bot.core``."""

from __future__ import annotations

import sys
from pathlib import Path


def program() -> str:
    """How this program was started, so the hints work: `storybot` when installed, else `python -m bot`."""
    return "storybot" if Path(sys.argv[0]).name.startswith("storybot") else "python -m bot"

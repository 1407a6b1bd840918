"""Standard error that can't be steered by what was typed.

Messages quote the user's own input (a command, an id, a path), and a terminal obeys what it is sent: an escape
sequence in a pasted id would colour or clear the screen, a right-to-left override would reorder the line. Every
such character is written as a visible escape instead (``\\x1b``, ``\\u202e``); line breaks and tabs stay.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_STEERING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _code(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every character that steers a terminal written as its escape."""
    return _STEERING.sub(_code, text)


class SafeStream:
    """``stream``, with every character that steers a terminal written as its escape."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding ...: the stream's own
        return getattr(self.stream, name)


def safe(stream: TextIO) -> TextIO:
    """``stream`` wrapped once (a second call, from a second ``main`` in one process, changes nothing)."""
    return stream if isinstance(stream, SafeStream) else SafeStream(stream)  # type: ignore[return-value]

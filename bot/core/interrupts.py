"""Ctrl-C held back while work that can't take it runs, and taken once the work is done."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[list[int]]:
    """Ctrl-C noted, not raised, inside the block; the list it yields is non-empty after one was pressed, for the
    caller to act on once the block is done. Only in the main thread with Python's own handler in place: nowhere
    else does Ctrl-C raise, and a caller that ignores it (``storybot run &``) keeps it ignored."""
    if threading.current_thread() is not threading.main_thread() or (
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield []
        return
    pressed: list[int] = []

    def later(*_: Any) -> None:
        pressed.append(1)

    signal.signal(signal.SIGINT, later)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)

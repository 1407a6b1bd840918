"""``python -m bot``, and the ``storybot`` command (``run``)."""

from __future__ import annotations

import signal
from typing import Any


def run() -> int:
    pressed: list[int] = []

    def later(*_: Any) -> None:  # Ctrl-C while the program loads: taken once it has, not inside the import machinery
        pressed.append(1)  # (an interrupt there is printed as an ignored exception, with a traceback)

    before = signal.getsignal(signal.SIGINT)
    deferred = before is signal.default_int_handler  # an interrupt the caller ignores stays ignored
    if deferred:
        signal.signal(signal.SIGINT, later)
    try:
        from bot.cli import main
    finally:
        if deferred:
            signal.signal(signal.SIGINT, before)
    if pressed:
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())

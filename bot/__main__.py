"""``python -m bot``, and the ``storybot`` command (``run``)."""

from __future__ import annotations


def run() -> int:
    try:
        from bot.cli import main
    except KeyboardInterrupt:  # Ctrl-C while it was still starting: nothing had begun, so nothing to tell
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())

"""``python -m bot``, and the ``storybot`` command (``run``)."""

from __future__ import annotations

from bot.core.interrupts import ctrl_c_held


def run() -> int:
    # Ctrl-C while the program loads: taken once it has, not inside the import machinery (an interrupt there is
    # printed as an ignored exception, with a traceback)
    with ctrl_c_held() as pressed:
        from bot.cli import main
    if pressed:
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())

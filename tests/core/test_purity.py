"""The core knows nothing of Discord; the terminal modes never load discord.py."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def imported_discord(code: str) -> bool:
    check = f"{code}\nimport sys\nprint('discord' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=True)
    return done.stdout.strip().endswith("True")


def test_the_core_does_not_import_discord() -> None:
    assert not imported_discord("import bot, bot.core.engine, bot.core.storage.store, bot.core.storage.journal, "
                                "bot.core.measuring.benchmark")


def test_the_terminal_commands_do_not_import_discord() -> None:
    code = ("import io, contextlib\nfrom bot.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['ask', '--json', 'who runs the iss'])\n    main(['check'])")
    assert not imported_discord(code)

"""The bot as the operator runs it, a process of its own against the fake Discord in another: a stop signal closes
the connection cleanly and exits 0, and a second copy on the same DATA_DIR is refused while the first runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.signals import ctrl_c_as_at_a_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# Points the bot's process at the fake Discord: discord.py reads these two addresses at connect time.
SITECUSTOMIZE = """
import os
import yarl
import discord.http
from discord.gateway import DiscordWebSocket
port = os.environ["FAKE_DISCORD_PORT"]
discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{port}/gateway")
"""


@pytest.fixture
def fake_discord() -> Iterator[int]:
    fake = subprocess.Popen([sys.executable, "-m", "benchmarks.fake_server"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert fake.stdout is not None
        yield int(json.loads(fake.stdout.readline())["port"])
    finally:
        fake.kill()
        fake.wait(10)


def _bot(port: int, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "FAKE_DISCORD_PORT": str(port), "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"),
           str(ROOT)]), "DISCORD_TOKEN": "MTIz.fake.token", "DATA_DIR": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    return [sys.executable, "-m", "bot", "run"], env


def _wait_for(process: subprocess.Popen[str], text: str, seconds: float = 60) -> list[str]:
    assert process.stderr is not None
    seen: list[str] = []
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return seen
    pytest.fail(f"no {text!r} in the bot's log: {''.join(seen)[-2000:]}")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_closes_the_connection_and_exits_0_saying_so(
        stop: signal.Signals, fake_discord: int, tmp_path: Path) -> None:
    argv, env = _bot(fake_discord, tmp_path)
    bot = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        _wait_for(bot, "connected as")
        bot.send_signal(stop)
        _, rest = bot.communicate(timeout=30)
    finally:
        bot.kill()
    assert bot.returncode == 0  # a clean stop, as systemd and docker expect
    assert f"{stop.name}: closing the connection to Discord and stopping" in rest
    assert "stopped: the journal is written and closed" in rest  # the close ran to its end, not cut short
    assert "Traceback" not in rest


def test_a_second_bot_on_the_same_data_folder_is_refused_while_the_first_runs(fake_discord: int,
                                                                            tmp_path: Path) -> None:
    argv, env = _bot(fake_discord, tmp_path)
    first = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(first, "connected as")
        second = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False)
    finally:
        first.terminate()
        first.communicate(timeout=30)
    assert second.returncode == 2  # not restarted beside the one that runs
    assert "Another storybot is running with DATA_DIR" in second.stderr
    assert "MTIz.fake.token" not in second.stderr + second.stdout

"""Log lines: coloured only on a terminal, plain in pipes and files, JSON for collectors."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import setup_logging
from tests.conftest import ROOT


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _emit(stream: io.StringIO, log_format: str = "text") -> str:
    setup_logging("INFO", log_format, stream)
    logging.getLogger("storybot.test").warning("knowledge base reloaded: %d entries", 3)
    return stream.getvalue()


@pytest.mark.usefixtures("restore_root")
def test_lines_are_plain_when_not_a_terminal() -> None:
    text = _emit(io.StringIO())
    assert "\x1b[" not in text
    assert text.rstrip("\n").endswith("WARNING  storybot.test: knowledge base reloaded: 3 entries")


@pytest.mark.usefixtures("restore_root")
def test_a_terminal_gets_colour_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert "\x1b[33;1mWARNING" in _emit(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _emit(Terminal())


@pytest.mark.usefixtures("restore_root")
def test_json_lines_for_log_collectors() -> None:
    stream = io.StringIO()
    setup_logging("INFO", "json", stream)
    log = logging.getLogger("storybot.test")
    log.info("hello %s", "world")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("it broke")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(e["level"], e["logger"], e["message"]) for e in lines] == [
        ("INFO", "storybot.test", "hello world"), ("ERROR", "storybot.test", "it broke")]
    assert "ValueError: boom" in lines[1]["exception"]
    assert lines[0]["time"].endswith("+00:00")


@pytest.mark.usefixtures("restore_root")
def test_setting_up_twice_keeps_one_handler() -> None:
    setup_logging("INFO", "text", io.StringIO())
    setup_logging("DEBUG", "json", io.StringIO())
    ours = [h for h in logging.getLogger().handlers if h.get_name() == "storybot"]
    assert len(ours) == 1 and logging.getLogger().level == logging.DEBUG


def test_the_bot_logs_json_to_a_pipe(tmp_path: Path) -> None:
    """``run`` with LOG_FORMAT=json: every stderr line the logger wrote is one JSON object."""
    env = {**os.environ, "DISCORD_TOKEN": "MTIz.x.y", "LOG_FORMAT": "json", "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
           "DATA_DIR": str(tmp_path / "data"), "HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    done = subprocess.run([sys.executable, "-c", "import discord.http as h; h.Route.BASE='http://127.0.0.1:9/api/v10';"
                           "from bot.cli import main; raise SystemExit(main(['run']))"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False)
    logged = [line for line in done.stderr.splitlines() if line.startswith("{")]
    assert logged, done.stderr
    assert any(json.loads(line)["message"] == "Discord mode: DISCORD_TOKEN is set" for line in logged)
    assert "\x1b[" not in done.stderr


def test_a_coloured_log_keeps_its_own_colours_and_shows_a_members_escape_codes_as_text() -> None:
    from bot.safe_stream import safe

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    handler = setup_logging("INFO", "text", safe(screen))
    try:
        logging.getLogger("storybot.test").info("asked: %s", "\x1b[2Jwho\u202e")
    finally:
        logging.getLogger().removeHandler(handler)
    line = screen.getvalue()
    assert line.startswith("\x1b[30;1m") and "\x1b[34;1mINFO" in line, "the level is coloured"
    assert line.endswith("asked: \\x1b[2Jwho\\u202e\n"), "what was typed can't steer the terminal"

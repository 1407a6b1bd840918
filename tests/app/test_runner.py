"""The operator's commands fail with a sentence, not a traceback, and never show the token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import aiohttp
import discord
import pytest

from bot.app.runner import INVITE_PERMISSIONS, _explain, _guarded, invite_url
from bot.cli import main
from bot.config import Settings
from tests.conftest import ROOT

SECRET = "MTIzNDU2.secret-token-value.xyz"


def test_the_invite_url_asks_for_commands_and_the_least_permissions() -> None:
    query = parse_qs(urlparse(invite_url(1234)).query)
    assert query["client_id"] == ["1234"]
    assert query["scope"] == ["bot applications.commands"]
    permissions = discord.Permissions(int(query["permissions"][0]))
    assert permissions == INVITE_PERMISSIONS
    assert not permissions.administrator and not permissions.manage_guild and not permissions.mention_everyone


def test_discord_failures_become_one_clear_sentence() -> None:
    settings = Settings()
    assert "check the network" in (_explain(aiohttp.ClientConnectionError("down"), settings) or "")
    assert "Reset Token" in (_explain(discord.LoginFailure("bad"), settings) or "")
    assert _explain(ValueError("a bug"), settings) is None  # bugs keep their traceback


def test_an_unreachable_discord_is_reported_without_traceback_or_token(tmp_path: Path) -> None:
    env = {**os.environ, "DISCORD_TOKEN": SECRET, "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
           "DATA_DIR": str(tmp_path / "data"), "HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    done = subprocess.run([sys.executable, "-c", "import discord.http as h; h.Route.BASE='http://127.0.0.1:9/api/v10';"
                           "from bot.cli import main; raise SystemExit(main(['run']))"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "Could not reach Discord" in output
    assert "Traceback" not in output
    assert SECRET not in output


def test_sync_and_invite_errors_open_with_the_command_like_the_other_commands(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISCORD_TOKEN", "APPLICATION_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["sync"]) == 2
    assert capsys.readouterr().err == "storybot sync: sync needs DISCORD_TOKEN — set it in the environment or in .env\n"
    assert main(["invite"]) == 2
    assert capsys.readouterr().err.startswith("storybot invite: invite needs the application id — pass --client-id ID")


def test_a_failure_to_reach_discord_opens_with_the_command_it_came_from(capsys: pytest.CaptureFixture[str]) -> None:
    def unreachable() -> int:
        raise aiohttp.ClientConnectionError("down")

    assert _guarded(unreachable, Settings(), "sync") == 1
    assert capsys.readouterr().err.startswith("storybot sync: Could not reach Discord (ClientConnectionError)")

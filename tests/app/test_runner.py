"""The operator's commands fail with a sentence, not a traceback, and never show the token."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import aiohttp
import discord
import pytest

from bot.app.runner import INVITE_PERMISSIONS, NEEDS_THE_OPERATOR, _explain, _guarded, invite_url
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


def _said(exc: BaseException) -> tuple[str, int]:
    failure = _explain(exc, Settings())
    assert failure is not None
    return " ".join(failure.lines), failure.code


def test_discord_failures_become_one_clear_sentence_with_a_code_that_says_whether_to_try_again() -> None:
    assert _explain(ValueError("a bug"), Settings()) is None  # bugs keep their traceback
    said, code = _said(aiohttp.ClientConnectionError("down"))
    assert "check the network" in said and code == 1  # the unit restarts: the network may come up
    assert _said(socket.gaierror(-3, "Temporary failure in name resolution"))[1] == 1
    said, code = _said(discord.LoginFailure("bad"))
    assert "Reset Token" in said and code == NEEDS_THE_OPERATOR  # another try won't mend it


def test_a_file_the_bot_may_not_use_is_named_rather_than_blamed_on_the_network() -> None:
    said, code = _said(PermissionError(13, "Permission denied", "/srv/storybot/knowledge/article.txt"))
    assert said == ("Could not use /srv/storybot/knowledge/article.txt: Permission denied — check that the user the "
                    "bot runs as can read the knowledge folder and write DATA_DIR.")
    assert code == NEEDS_THE_OPERATOR


@pytest.mark.parametrize(("status", "code"), [(502, 1), (429, 1), (403, NEEDS_THE_OPERATOR)])
def test_discords_own_trouble_is_worth_another_try_and_a_refusal_is_not(status: int, code: int) -> None:
    response = SimpleNamespace(status=status, reason="Bad Gateway")
    said, got = _said(discord.HTTPException(response, "upstream"))  # type: ignore[arg-type]
    assert said.startswith(f"Discord refused the request: {status}") and got == code


def test_a_broken_knowledge_base_names_the_folder_to_check(tmp_path: Path) -> None:
    from bot.core.engine import KnowledgeError

    failure = _explain(KnowledgeError([]), Settings(knowledge_dir=tmp_path / "kb"))
    assert failure is not None and failure.code == NEEDS_THE_OPERATOR
    assert f"(python -m bot check --knowledge {tmp_path / 'kb'})" in failure.lines[-1]


def test_a_second_bot_on_the_same_data_folder_is_refused_while_the_first_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from bot.app import runner
    from bot.core.storage.files import file_lock
    from bot.core.storage.journal import RUN_LOCK

    monkeypatch.setattr(runner, "_serve", lambda settings: pytest.fail("the second bot must not connect"))
    monkeypatch.setattr(runner, "_setup_logging", lambda settings: None)
    settings = Settings(discord_token=SECRET, data_dir=tmp_path)
    with file_lock(tmp_path / RUN_LOCK):  # the first bot
        assert runner.run_discord(settings) == NEEDS_THE_OPERATOR
    assert "Another storybot is running with DATA_DIR" in caplog.text and SECRET not in caplog.text


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


def _run_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: object) -> int:
    from bot.app import runner

    monkeypatch.setattr(runner, "create_bot", make)
    monkeypatch.setattr(runner, "_setup_logging", lambda settings: None)
    return runner.run_discord(Settings(discord_token=SECRET, data_dir=tmp_path))


def test_a_bug_before_the_bot_ever_connected_is_logged_once_and_not_restarted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(settings: Settings) -> None:
        raise ValueError("a bug in start-up")

    assert _run_with(monkeypatch, tmp_path, broken) == NEEDS_THE_OPERATOR  # the unit's RestartPreventExitStatus
    assert "could not start because of a bug" in caplog.text
    assert "ValueError: a bug in start-up" in caplog.text  # the traceback, for the report
    assert "won't restart it: report the traceback" in caplog.text and SECRET not in caplog.text


def test_a_bug_after_a_good_start_is_left_to_the_service_to_restart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.app import runner

    class RanForDays:
        has_been_ready = True

    async def fails(bot: object, settings: Settings) -> None:
        raise ValueError("a bug after days of answering")

    monkeypatch.setattr(runner, "_serve_bot", fails)
    with pytest.raises(ValueError, match="after days"):  # exit 1: the unit starts it again
        _run_with(monkeypatch, tmp_path, lambda settings: RanForDays())


def test_a_network_failure_at_start_up_is_still_worth_another_try(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(settings: Settings) -> None:
        raise aiohttp.ClientConnectionError("down")

    assert _run_with(monkeypatch, tmp_path, offline) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX's")
def test_a_stop_during_login_stops_cleanly_rather_than_blaming_the_network(tmp_path: Path) -> None:
    import signal
    import time

    silent = socket.create_server(("127.0.0.1", 0))  # a Discord that takes the connection and never answers
    port = silent.getsockname()[1]
    env = {**os.environ, "DISCORD_TOKEN": SECRET, "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
           "DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-c", f"import discord.http as h; h.Route.BASE='http://127.0.0.1:{port}"
                                "/api/v10'\nfrom bot.cli import main; raise SystemExit(main(['run']))"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        silent.settimeout(60)
        connection, _ = silent.accept()  # the login's request is on its way
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        connection.close()
    finally:
        process.kill()
        silent.close()
    assert process.returncode == 0, output
    assert "SIGTERM: closing the connection" in output
    assert "Could not reach Discord" not in output and "Unclosed" not in output and SECRET not in output


def test_a_gateway_outage_before_the_first_connect_is_retried_not_called_a_bug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def outage(settings: Settings) -> None:
        raise discord.GatewayNotFound()

    assert _run_with(monkeypatch, tmp_path, outage) == 1  # the unit starts it again once Discord is back

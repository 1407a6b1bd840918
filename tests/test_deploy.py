"""The systemd unit in deploy/: what it promises, and systemd's own verdict on it when systemd is here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNIT = ROOT / "deploy" / "storybot.service"
INSTALLED = "/opt/storybot/venv/bin/storybot"


def _directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_restarts_runs_as_its_own_user_and_is_locked_down() -> None:
    d = _directives()
    assert d["Restart"] == ["on-failure"]
    assert d["User"] == ["storybot"] and d["Group"] == ["storybot"]
    assert d["EnvironmentFile"] == ["/etc/storybot/storybot.env"]
    assert d["NoNewPrivileges"] == ["yes"] and d["ProtectSystem"] == ["strict"] and d["ProtectHome"] == ["yes"]
    assert d["ExecStart"] == [f"{INSTALLED} run --knowledge /srv/storybot/knowledge --data /var/lib/storybot"]
    # The data folder is writable (StateDirectory); the knowledge folder stays read-only by default.
    assert d["StateDirectory"] == ["storybot"] and d["CacheDirectory"] == ["storybot"]
    assert "ReadWritePaths" not in d
    assert "#ReadWritePaths=/srv/storybot/knowledge" in UNIT.read_text(encoding="utf-8")


def test_the_unit_keeps_trying_through_an_outage_and_stops_on_what_only_the_operator_can_fix() -> None:
    from bot.app.runner import NEEDS_THE_OPERATOR

    d = _directives()
    assert d["StartLimitIntervalSec"] == ["0"]  # a network down at boot is waited out, however long
    assert d["RestartPreventExitStatus"] == [str(NEEDS_THE_OPERATOR)]  # a bad token: no point in trying again


def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here; the unit's content is checked above")
    program = shutil.which("storybot") or str(Path(sys.executable).with_name("storybot"))
    if not Path(program).exists():
        program = sys.executable  # verify only needs ExecStart to be an executable that exists
    unit = tmp_path / "storybot.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(INSTALLED, program), encoding="utf-8")
    done = subprocess.run([analyze, "verify", str(unit)], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    complaints = [line for line in (done.stdout + done.stderr).splitlines() if "storybot.service" in line]
    assert done.returncode == 0 and complaints == [], done.stdout + done.stderr

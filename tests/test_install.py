"""A real install: build a wheel, install it into a fresh virtualenv, and run it from an empty folder.

The wheel carries the story (``bot/shipped/``), so ``ask`` and ``check`` work with no knowledge
folder around, and ``init`` writes an editable copy and a ``.env``. The fresh virtualenv gets only
the wheel; the libraries it needs are borrowed from the test's own environment (a ``.pth`` line),
so the test doesn't download them again, and nothing of the source tree is on its path.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_SKIP = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
                               ".hypothesis")


def _skip(folder: str, names: list[str]) -> set[str]:
    """What a clone wouldn't have: tools' folders anywhere, and run-time data and .env at the top."""
    skipped = set(_SKIP(folder, names))
    return skipped | ({"data", ".env"} & set(names) if Path(folder) == ROOT else set())


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=_skip)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KNOWLEDGE_DIR", "DATA_DIR")}
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", source, cwd=base,
                 env=env, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (base / "dist").glob("storybot-*.whl")
    venv = base / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base, env=env)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel, cwd=base,
                env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base, env=env)
    # The dependencies, from this environment; its editable storybot is a finder that a .pth line doesn't run.
    (Path(purelib.stdout.strip()) / "borrowed-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    empty = base / "empty"
    empty.mkdir()
    env |= {"XDG_DATA_HOME": str(base / "share"), "XDG_CACHE_HOME": str(base / "cache")}
    return python, env | {"STORYBOT_TEST_EMPTY": str(empty)}


def test_the_installed_program_answers_from_an_empty_folder(installed: tuple[Path, dict[str, str]]) -> None:
    python, env = installed
    empty = Path(env["STORYBOT_TEST_EMPTY"])
    where = _run(python, "-c", "import bot, bot.config as c; print(bot.__file__); print(c.shipped_knowledge_dir())",
                 cwd=empty, env=env)
    module, knowledge = where.stdout.split()
    assert Path(module).is_relative_to(python.parent.parent), "the wheel's bot is imported, not the source tree"
    assert Path(knowledge).is_relative_to(python.parent.parent) and Path(knowledge, "article.txt").is_file()

    asked = _run(python, "-m", "bot", "ask", "--json", "who runs the station?", cwd=empty, env=env)
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    assert reply["answered"] is True and reply["citations"], reply

    checked = _run(python, "-m", "bot", "check", "--json", cwd=empty, env=env)
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] is True and report["errors"] == [] and report["counts"]["entries"] > 0
    assert list(empty.iterdir()) == [], "nothing is written in the current folder"

    refused = _run(python, "-m", "bot", "kb", "remove", "anything", cwd=empty, env=env)
    assert refused.returncode == 1
    assert "python -m bot init DIR" in refused.stderr and "Traceback" not in refused.stderr


def test_init_writes_an_editable_copy_and_a_env_that_points_at_it(installed: tuple[Path, dict[str, str]],
                                                                 tmp_path: Path) -> None:
    python, env = installed
    done = _run(python, "-m", "bot", "init", "mybot", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    target = tmp_path / "mybot"
    shipped = Path(_run(python, "-c", "import bot.config as c; print(c.shipped_knowledge_dir())", cwd=tmp_path,
                        env=env).stdout.strip())
    names = sorted(p.name for p in shipped.iterdir() if p.is_file())
    assert sorted(p.name for p in (target / "knowledge").iterdir()) == names
    assert (target / "knowledge" / "article.txt").read_bytes() == (shipped / "article.txt").read_bytes()
    text = (target / ".env").read_text(encoding="utf-8")
    assert f"KNOWLEDGE_DIR={target / 'knowledge'}\n" in text and f"DATA_DIR={target / 'data'}\n" in text
    assert "DISCORD_TOKEN=\n" in text and "# " in text, "the .env keeps .env.example's comments"

    checked = _run(python, "-m", "bot", "check", "--json", cwd=target, env=env)
    assert json.loads(checked.stdout)["ok"] is True
    again = _run(python, "-m", "bot", "init", "mybot", cwd=tmp_path, env=env)
    assert again.returncode == 0 and "kept" in again.stdout and "wrote" not in again.stdout, "nothing overwritten"
    assert "python -m bot check && python -m bot\n" in done.stdout


def test_init_run_as_the_installed_command_hints_at_that_command(installed: tuple[Path, dict[str, str]],
                                                                tmp_path: Path) -> None:
    python, env = installed
    done = _run(python.parent / "storybot", "init", "site", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "storybot check && storybot\n" in done.stdout and "python -m bot" not in done.stdout

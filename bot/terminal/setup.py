"""``python -m bot init [DIR]``: an operator's own, editable copy of the story and a ``.env`` to start from."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bot import terminal
from bot.config import shipped_knowledge_dir, shipped_path

ENV_EXAMPLE = ".env.example"


def _env_text(example: str, knowledge: Path, data: Path) -> str:
    """``.env.example`` with the folders pointing at this copy, so the file works from anywhere."""
    lines = []
    for line in example.splitlines(keepends=True):
        if line.startswith("KNOWLEDGE_DIR="):
            line = f"KNOWLEDGE_DIR={knowledge}\n"
        elif line.startswith("DATA_DIR="):
            line = f"DATA_DIR={data}\n"
        lines.append(line)
    return "".join(lines)


def run_init(directory: Path) -> int:
    target = directory.expanduser().resolve()
    knowledge, env, data = target / "knowledge", target / ".env", target / "data"
    if knowledge.exists() and any(knowledge.iterdir()):
        print(f"storybot init: {knowledge} already exists — keep it, or remove it or pick another folder to start "
              "afresh", file=sys.stderr)
        return 1
    example = shipped_path(ENV_EXAMPLE)
    try:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copytree(shipped_knowledge_dir(), knowledge, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".*"))
        wrote_env = not env.exists()
        if wrote_env:
            env.touch(mode=0o600)  # it will hold the token
            env.write_text(_env_text(example.read_text(encoding="utf-8"), knowledge, data), encoding="utf-8")
    except OSError as exc:
        print(f"storybot init: cannot write in {target}: {exc} — pick a folder you can write to", file=sys.stderr)
        return 1
    program = terminal.program()
    print(f"wrote {knowledge} (the article and its YAML: edit them, then `{program} check`)")
    if wrote_env:
        print(f"wrote {env} (fill in DISCORD_TOKEN; never commit it)")
    else:
        print(f"kept {env} as it was; set KNOWLEDGE_DIR={knowledge} in it to use this copy")
    print(f"next: cd {target} && {program} check && {program}")
    return 0


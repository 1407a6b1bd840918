"""``python -m bot init [DIR]``: an operator's own, editable copy of the story and a ``.env`` to start from."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from bot import terminal
from bot.config import SettingsError, read_env_file, shipped_knowledge_dir, shipped_path
from bot.safe_stream import visible

ENV_EXAMPLE = ".env.example"


def _env_value(path: Path) -> str:
    """A folder as a ``.env`` value python-dotenv reads back as written: bare when it can be, else in single quotes
    (bare, " #" starts a comment, and a quote at the start is read as quoting)."""
    text = str(path)
    if "#" not in text and text[:1] not in ("'", '"'):
        return text
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _env_text(example: str, knowledge: Path, data: Path) -> str:
    """``.env.example`` with the folders pointing at this copy, so the file works from anywhere."""
    lines = []
    for line in example.splitlines(keepends=True):
        setting = line.removeprefix("#").lstrip()  # the example leaves both commented out, at their defaults
        if setting.startswith("KNOWLEDGE_DIR="):
            line = f"KNOWLEDGE_DIR={_env_value(knowledge)}\n"
        elif setting.startswith("DATA_DIR="):
            line = f"DATA_DIR={_env_value(data)}\n"
        lines.append(line)
    return "".join(lines)


def _shell_word(path: Path) -> str:
    """``path`` as one word a shell reads back as written: ``shlex.quote``'s, or, for a path holding what would steer
    a terminal (an escape, a direction override), bash's ``$'...'`` with each such character as its code."""
    text = str(path)
    if visible(text) == text:
        return shlex.quote(text)
    return "$'" + "".join(char if visible(char) == char else f"\\u{ord(char):04x}"
                          for char in text.replace("\\", "\\\\").replace("'", "\\'")) + "'"


def run_init(directory: Path) -> int:
    """Write whichever of ``knowledge/`` and ``.env`` is missing, keep what is there, and say which."""
    target = directory.expanduser().resolve()
    knowledge, env, data = target / "knowledge", target / ".env", target / "data"
    if "${" in str(target):  # python-dotenv expands ${NAME} in every value, quoted or not, and has no escape for it
        print(f"storybot init: {target}: a folder whose path holds '${{' can't be named in .env (python-dotenv reads "
              "${...} as a variable) — pick a folder without '${' in its path", file=sys.stderr)
        return 1
    if target.exists() and not target.is_dir():
        print(f"storybot init: {target} is a file, not a folder — pick a folder (a new one is made)", file=sys.stderr)
        return 1
    for path, wanted in ((knowledge, "folder"), (env, "file")):
        if path.is_symlink() and not path.exists():  # else "File exists" for the folder, a file made elsewhere for .env
            print(f"storybot init: {path} is a link to {os.readlink(path)}, which does not exist — remove the link, "
                  f"or make the {wanted} it points to", file=sys.stderr)
            return 1
        if path.exists() and path.is_dir() != (wanted == "folder"):
            print(f"storybot init: {path} is a {'folder' if wanted == 'file' else 'file'}, where init writes a "
                  f"{wanted} — move it away or pick another folder", file=sys.stderr)
            return 1
    write_knowledge = not (knowledge.is_dir() and any(knowledge.iterdir()))  # an empty folder is filled
    write_env = not env.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        if write_knowledge:
            shutil.copytree(shipped_knowledge_dir(), knowledge, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", ".*"))
        if write_env:
            env.touch(mode=0o600)  # it will hold the token
            example = shipped_path(ENV_EXAMPLE).read_text(encoding="utf-8")
            env.write_text(_env_text(example, knowledge, data), encoding="utf-8")
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"storybot init: cannot write in {target}: {exc.strerror or type(exc).__name__}{where} — pick a "
              "folder you can write to", file=sys.stderr)
        return 1
    program = terminal.program()
    shown_knowledge, shown_env = visible(str(knowledge)), visible(str(env))  # as typed, but never steering the terminal
    if write_knowledge:
        print(f"wrote {shown_knowledge} (the article and its YAML: edit them, then `{program} check`)")
    else:
        print(f"kept {shown_knowledge} as it was (init never overwrites it)")
    if write_env:
        print(f"wrote {shown_env} (fill in DISCORD_TOKEN; never commit it)")
    elif _points_at(env, knowledge):
        print(f"kept {shown_env} as it was (init never overwrites it)")
    else:
        print(f"kept {shown_env} as it was (init never overwrites it); set KNOWLEDGE_DIR={shown_knowledge} in it to "
              "use this copy")
    print(f"next: cd {_shell_word(target)} && {program} check && {program}")  # pasted as it is
    return 0


def _points_at(env: Path, knowledge: Path) -> bool:
    """Whether the ``.env`` already sets KNOWLEDGE_DIR to this copy (as read from its own folder)."""
    try:
        value = read_env_file(env).get("KNOWLEDGE_DIR", "").strip()
    except SettingsError:
        return False
    return bool(value) and (env.parent / Path(value).expanduser()).resolve() == knowledge.resolve()

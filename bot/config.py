"""Settings from the environment and an optional ``.env`` file.

Built inside ``main()`` (never at import), so tests and tools can make their own. The token is
kept out of ``repr`` and logs.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.logs import FORMATS

APP_NAME = "storybot"
_PACKAGE = Path(__file__).resolve().parent
#: Where a wheel carries the story it ships with (setup.py copies the top-level files there).
SHIPPED = _PACKAGE / "shipped"


def shipped_path(name: str) -> Path:
    """A file or folder the program ships with: ``knowledge`` or ``.env.example``.

    Installed from a wheel, it is inside the package (``bot/shipped/``); run from a source checkout
    (or an editable install) it is the top-level one, so there is only ever one copy in the repository.
    """
    installed = SHIPPED / name
    return installed if installed.exists() else _PACKAGE.parent / name


def shipped_knowledge_dir() -> Path:
    """The default knowledge base: the story shipped with the program (read-only when installed)."""
    return shipped_path("knowledge")


def is_installed_copy(path: Path) -> bool:
    """Whether ``path`` is the copy inside an installed package, which edits must not change."""
    return path.resolve().is_relative_to(SHIPPED) and SHIPPED.is_dir()


def installed_copy_note(path: Path) -> str | None:
    """Why edits are off for the story installed with the program (the next upgrade would wipe them)."""
    if not is_installed_copy(path):
        return None
    from bot.terminal import program  # how this program was started: `storybot` under pipx, else `python -m bot`

    return (f"{path} is the story installed with storybot and is not edited in place — run "
            f"`{program()} init DIR` and set KNOWLEDGE_DIR to DIR/knowledge")


def default_data_dir() -> Path:
    """The user's data folder for this program, where each platform keeps one.

    ``~/.local/share/storybot`` (or ``$XDG_DATA_HOME/storybot``) on Linux,
    ``~/Library/Application Support/storybot`` on macOS, ``%LOCALAPPDATA%\\storybot`` on Windows.
    """
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def data_dir_problem(path: Path) -> str | None:
    """Why ``path`` can't hold the journal, in one sentence (it, or the folder it would be made in, is a file);
    ``None`` when it is a folder or can be made as one."""
    fix = "point --data at a folder"
    try:
        if path.exists():
            return _someone_elses(path, path) if path.is_dir() else f"DATA_DIR {path} is not a folder — {fix}"
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    return f"DATA_DIR {path} can't be made: {parent} is not a folder — {fix}"
                return _someone_elses(path, parent)
    except OSError as exc:  # a folder above it this user may not read, a name too long ...
        return f"DATA_DIR {path} can't be checked ({exc.strerror or type(exc).__name__}) — {fix} you may use"
    return None


def _someone_elses(path: Path, nearest: Path) -> str | None:
    """Why root must not keep the journal in another user's data folder (``nearest``: it, or the folder it would
    be made in): the files it made would be root's, and the bot, running as that user, could no longer open them
    ("sudo storybot kb undo" on a service's folder)."""
    if os.name == "nt" or os.geteuid() != 0:
        return None
    owner = nearest.stat().st_uid
    if owner == 0:
        return None
    import pwd

    try:
        name = pwd.getpwuid(owner).pw_name
    except KeyError:
        name = f"'#{owner}'"  # a user with no name: sudo takes the number so
    whose = "belongs to" if nearest == path else f"would be made in {nearest}, which belongs to"
    return (f"DATA_DIR {path} {whose} the user {name}, and files root made in it would lock that user out — run "
            f"it as that user (sudo -u {name} ...)")


#: The ``.env`` file settings are read from: relative, so it is the one in the folder the program starts in.
ENV_FILE = Path(".env")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it and says how to fix it."""


def read_env_file(path: Path) -> dict[str, str]:
    """The settings in a ``.env`` file, read by python-dotenv (its quoting, ``export``, comments,
    multi-line values and ``${VAR}`` expansion are what users already know), with every line that
    is not ``KEY=value`` refused with its file and line instead of being skipped with a warning.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:  # the message names the file only: its bytes may be the token
        raise SettingsError(f"{path}: not UTF-8 text — save it as UTF-8") from None
    except IsADirectoryError:
        raise SettingsError(f"{path} is a folder — settings go in a file named .env: move the folder away and "
                            "write the file (see .env.example)") from None
    except OSError as exc:
        raise SettingsError(f"{path} cannot be read ({exc.strerror or type(exc).__name__}) — check that it is a "
                            "file you may read") from None
    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    for binding in parse_stream(io.StringIO(text)):
        if binding.error or (binding.key is not None and binding.value is None):
            line = binding.original.line
            if _unclosed_quote(binding.original.string):
                raise SettingsError(f"{path}:{line}: a quoted value has no closing quote — close it, or drop the "
                                    "quotes") from None
            raise SettingsError(f"{path}:{line}: expected KEY=value — fix or remove this line")
    return {key: value for key, value in dotenv_values(stream=io.StringIO(text)).items() if value is not None}


def _unclosed_quote(line: str) -> bool:
    """ ``KEY="abc`` with no closing quote: the line is KEY=value, but its value never ends."""
    _, equals, value = line.partition("=")
    value = value.strip()
    return bool(equals) and value[:1] in ("'", '"') and (len(value) == 1 or value[0] not in value[1:])


_TOKEN_SHAPE = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}")


def _refused(name: str, raw: str, what: str, fix: str, part: str = "the value") -> SettingsError:
    """A setting refused with its value described, never shown: any value in the wrong place may be the
    token (or another secret) pasted there, and this message goes to terminals, logs and screenshots."""
    if _TOKEN_SHAPE.fullmatch(raw):
        return SettingsError(f"{name}: {part} (not shown) looks like a bot token, not {what} — a token goes in "
                             "DISCORD_TOKEN only (if it was shared, reset it: developer portal, Bot > Reset Token); "
                             f"{fix}")
    kinds = [kind for kind, present in (("digits", any(c.isdigit() for c in raw)),
                                        ("letters", any(c.isalpha() for c in raw)),
                                        ("other characters", any(not c.isalnum() for c in raw))) if present]
    shape = f"{len(raw)} character{'s' if len(raw) != 1 else ''}: {' and '.join(kinds)}"
    return SettingsError(f"{name}: {part} (not shown; {shape}) is not {what} — {fix}")


def _ids(name: str, raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not (part.isascii() and part.isdecimal()):
            raise _refused(name, part, "a Discord id", "use numbers separated by commas", "one of the values")
        ids.add(int(part))
    return frozenset(ids)


def _id(name: str, raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdecimal()):
        raise _refused(name, raw, "a Discord id", "use the number (Developer Mode > Copy ID)")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    discord_token: str = field(default="", repr=False)
    dev_guild_id: int | None = None
    mod_role_ids: frozenset[int] = frozenset()
    mod_guild_ids: frozenset[int] = frozenset()
    mod_log_channel_id: int | None = None
    ask_channel_ids: frozenset[int] = frozenset()
    knowledge_dir: Path = field(default_factory=shipped_knowledge_dir)
    data_dir: Path = field(default_factory=default_data_dir)
    log_level: str = "INFO"
    log_format: str = "text"  # or "json": one object per line, for log collectors
    shard_count: int | None = None  # None: one connection; 0: let Discord decide (AutoShardedBot)
    application_id: int | None = None
    env_file: Path | None = None  # the .env file that was looked for (None: none was read)

    @property
    def has_token(self) -> bool:
        return bool(self.discord_token.strip())

    @property
    def cache_dir(self) -> Path:
        """Where the built index is kept between runs (private to the user; see core/cache.py)."""
        from bot.core.cache import user_cache_dir

        return user_cache_dir()

    @property
    def moderating_guilds(self) -> frozenset[int]:
        """Servers where Manage Server is enough to edit the knowledge base."""
        return self.mod_guild_ids | ({self.dev_guild_id} if self.dev_guild_id else set())

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, env_file: Path | None = ENV_FILE) -> Settings:
        """Settings from ``environ`` (default: the process environment) over the ``.env`` file."""
        values = read_env_file(env_file) if env_file is not None else {}
        values.update(os.environ if environ is None else environ)

        def get(name: str, default: str = "") -> str:
            return values.get(name, default).strip()

        level = get("LOG_LEVEL", "INFO").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise _refused("LOG_LEVEL", level, "a level", "use DEBUG, INFO, WARNING or ERROR")
        log_format = get("LOG_FORMAT", "text").lower() or "text"
        if log_format not in FORMATS:
            raise _refused("LOG_FORMAT", log_format, "a format", "use text (the default) or json")
        shards = get("SHARD_COUNT").lower()
        if shards in ("", "0", "off", "none", "no"):
            shard_count = None
        elif shards == "auto":
            shard_count = 0
        elif shards.isascii() and shards.isdecimal():
            shard_count = int(shards)
        else:
            raise _refused("SHARD_COUNT", shards, "a shard count", "use 'auto', a number, or leave it empty")
        token = get("DISCORD_TOKEN")
        if any(c.isspace() for c in token):  # "Bot MTA..." pasted whole: Discord would refuse it, and say reset it
            raise SettingsError(f"DISCORD_TOKEN: the value (not shown; {len(token)} characters) has a space in it, "
                                "and a token has none — paste the token alone (no 'Bot ' before it, nothing after it)")
        return cls(
            discord_token=token,
            dev_guild_id=_id("DEV_GUILD_ID", get("DEV_GUILD_ID")),
            mod_role_ids=_ids("MOD_ROLE_IDS", get("MOD_ROLE_IDS")),
            mod_guild_ids=_ids("MOD_GUILD_IDS", get("MOD_GUILD_IDS")),
            mod_log_channel_id=_id("MOD_LOG_CHANNEL_ID", get("MOD_LOG_CHANNEL_ID")),
            ask_channel_ids=_ids("ASK_CHANNEL_IDS", get("ASK_CHANNEL_IDS")),
            knowledge_dir=Path(get("KNOWLEDGE_DIR")).expanduser() if get("KNOWLEDGE_DIR") else shipped_knowledge_dir(),
            data_dir=Path(get("DATA_DIR")).expanduser() if get("DATA_DIR") else default_data_dir(),
            log_level=level,
            log_format=log_format,
            shard_count=shard_count,
            application_id=_id("APPLICATION_ID", get("APPLICATION_ID")),
            env_file=env_file,
        )

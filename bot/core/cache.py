"""A saved copy of the built engine, so a one-off ``python -m bot ask`` doesn't rebuild the index.

The key is a hash of the knowledge files and of all the core code; any change to either makes a
new key, so a stale engine is never used. The cache is a pickle, which runs code when loaded, so
it lives in the user's own cache folder (``platformdirs``: ``$XDG_CACHE_HOME/storybot`` or
``~/.cache/storybot`` on Linux, ``~/Library/Caches/storybot`` on macOS, ``%LOCALAPPDATA%\\storybot\\Cache``
on Windows), made private, and a file is loaded only if this user owns it and nobody else can write it or
its folder. It is only an optimisation: if anything is off, the engine is built as usual.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.core.files import atomic_write_bytes
from bot.core.loading import source_digest

if TYPE_CHECKING:
    from bot.core.engine import Engine

log = logging.getLogger("storybot.cache")

KEEP = 3  # old cache files kept beside the current one


def user_cache_dir() -> Path:
    import platformdirs  # only when a cache is wanted: ``bot.core`` imports stay light

    return platformdirs.user_cache_path("storybot", appauthor=False)


def _code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for path in sorted(p for p in [*here.rglob("*.py"), *here.glob("data/*")] if p.is_file()):
        digest.update(str(path.relative_to(here)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (the file and its folder)."""
    try:
        for item in (path, path.parent):
            info = item.stat()
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
    except (OSError, AttributeError):  # AttributeError: no getuid on Windows, where we don't cache
        return False
    return True


def cache_path(cache_dir: Path, knowledge_dir: Path) -> Path | None:
    source = source_digest(knowledge_dir)
    if source is None:
        return None
    return cache_dir / f"engine-{_code_digest()}-{source[:24]}.pickle"


def load(path: Path) -> Engine | None:
    if not path.exists():
        return None
    if not _private(path):
        log.warning("ignoring the engine cache %s: it is not private to this user", path)
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own file, in the operator's data folder
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or outdated cache is rebuilt, never fatal
        log.warning("ignoring the engine cache %s: %s", path, exc)
        return None


def save(path: Path, engine: Engine) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL))
        path.chmod(0o600)
        old = sorted(path.parent.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP + 1:]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not save the engine cache in %s: %s", path.parent, exc)

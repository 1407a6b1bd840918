"""A saved copy of the built engine, so a one-off ``python -m bot ask`` doesn't rebuild the index.

The key is a hash of the knowledge files and of the core code that reads them; any change to
either makes a new key, so a stale engine is never used. The cache lives in DATA_DIR/cache
and is only an optimisation: if it can't be read or written, the engine is built as usual.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.core.files import atomic_write_bytes
from bot.core.loading import source_digest

if TYPE_CHECKING:
    from bot.core.engine import Engine

log = logging.getLogger("storybot.cache")

_CODE = ("analysis.py", "matching.py", "normalize.py", "lexicon.py", "knowledge.py", "engine.py", "answers.py",
         "article.py")
KEEP = 3  # old cache files kept beside the current one


def _code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_path(cache_dir: Path, knowledge_dir: Path) -> Path | None:
    source = source_digest(knowledge_dir)
    if source is None:
        return None
    return cache_dir / f"engine-{_code_digest()}-{source[:24]}.pickle"


def load(path: Path) -> Engine | None:
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
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL))
        old = sorted(path.parent.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP + 1:]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not save the engine cache in %s: %s", path.parent, exc)

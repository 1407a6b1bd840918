"""A saved copy of the built engine, so a one-off ``python -m bot ask`` doesn't rebuild the index.

The key is a hash of the knowledge files and of all the core code; any change to either makes a
new key, so a stale engine is never used. The file is plain data, never a pickle: a line naming the
format, a BLAKE2 digest of the rest (a flipped bit would otherwise load and change answers), a UTF-8
JSON header (the knowledge base, the index's terms, and each array's name, typecode and length), then
the arrays' bytes one after another, read back into the standard library's ``array`` (no numpy: its
import would be a quarter of a one-off ``ask``). Loading it can't run code; a damaged, truncated or
foreign file is rejected (one log line) and the engine is built again. It still decides what the bot
answers, so it lives in the user's own cache folder (``platformdirs``: ``$XDG_CACHE_HOME/storybot`` or
``~/.cache/storybot`` on Linux, ``~/Library/Caches/storybot`` on macOS), made private, and a file is read
only if this user owns it and nobody else can write it or its folder, checked on the opened file itself.
Windows has no such owner check here, so there nothing is cached. It is only an optimisation: if anything
is off, the engine is built as usual.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import json
import logging
import math
import os
import stat
import sys
import types
import typing
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__
from bot.core.knowledge import Entry, KnowledgeBase
from bot.core.knowledge.sources import source_digest
from bot.core.matching.index.layout import ITEM_SIZES, filled
from bot.core.storage.files import atomic_write_bytes

if TYPE_CHECKING:
    from bot.core.engine import Engine

log = logging.getLogger("storybot.cache")

KEEP = 3  # old cache files kept beside the current one
FORMAT = "storybot-engine"
VERSION = 3
SUFFIX = ".engine"
MAGIC = b"storybot-engine\n"
DIGEST_SIZE = 16  # bytes of BLAKE2b over everything after it
HEADER_SIZE = 8  # bytes: the JSON header's length, little-endian
MAX_BYTES = 1 << 31  # a cache file larger than this is not read (10,000 entries make 11 MB)
NOT_BLOCKING = getattr(os, "O_NONBLOCK", 0)


class CacheError(ValueError):
    """The file is not an engine cache this code wrote."""


def user_cache_dir() -> Path:
    import platformdirs  # only when a cache is wanted: ``bot.core`` imports stay light

    return platformdirs.user_cache_path("storybot", appauthor=False)


# The compiled libraries whose output the saved engine keeps: the stemmer's stems, the speller's sound codes. An
# upgrade rewrites their files, so their size and time stand in for a version (reading the installed versions
# would import importlib.metadata, 37 ms of every ``ask``).
SHAPING_MODULES = ("Stemmer", "jellyfish._rustyfish")


def _code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for path in sorted(p for p in [*here.rglob("*.py"), *here.glob("data/*")] if p.is_file()):
        digest.update(str(path.relative_to(here)).encode() + path.read_bytes())
    for name in SHAPING_MODULES:
        digest.update(f"{name}:{_file_stamp(name)}".encode())
    return digest.hexdigest()[:16]


def _file_stamp(module_name: str) -> str:
    import importlib

    try:
        found = getattr(importlib.import_module(module_name), "__file__", None)
        info = os.stat(found) if found else None
    except (ImportError, OSError):
        return "missing"
    return f"{info.st_size}-{info.st_mtime_ns}" if info else "built in"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    try:
        return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    except AttributeError:  # no getuid on Windows, where we don't cache
        return False


def cache_path(cache_dir: Path, knowledge_dir: Path) -> Path | None:
    """Where the engine for this knowledge base is saved; ``None`` where it can't be: no knowledge files to key it
    by, or no way to tell that a file is private to this user (Windows: no ``getuid``), so none would be read."""
    if not hasattr(os, "getuid"):
        return None
    source = source_digest(knowledge_dir)
    if source is None:
        return None
    return cache_dir / f"engine-{_code_digest()}-{source[:24]}{SUFFIX}"


def _read_private(path: Path) -> bytes | None:
    """The file's bytes, read through one descriptor whose file is checked (``fstat``), not its name;
    ``None`` when it is missing, not a regular file or not private to this user (said in the log)."""
    try:
        # not blocking: opening a FIFO put at the path would wait for a writer for ever; checked as a file below
        fd = os.open(path, os.O_RDONLY | NOT_BLOCKING | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symlink (O_NOFOLLOW), no permission ...
        reason = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        log.warning("ignoring the engine cache %s: %s", path, reason)
        return None
    try:
        return _checked_read(fd, path)
    except OSError as exc:  # a folder at the path (Linux opens one), a read error ...
        log.warning("ignoring the engine cache %s: %s", path, exc.strerror or exc)
        return None
    finally:
        os.close(fd)


def _checked_read(fd: int, path: Path) -> bytes | None:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        log.warning("ignoring the engine cache %s: it is not a regular file", path)
        return None
    try:
        folder = path.parent.stat()
    except OSError:
        folder = None
    if folder is None or not _private(info) or not _private(folder):
        log.warning("ignoring the engine cache %s: it is not private to this user", path)
        return None
    if info.st_size > MAX_BYTES:
        log.warning("ignoring the engine cache %s: it is larger than any engine this version writes", path)
        return None
    if NOT_BLOCKING:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb", closefd=False) as handle:
        return handle.read(MAX_BYTES + 1)


def load(path: Path, directory: Path | None = None) -> Engine | None:
    """The engine saved at ``path``, or ``None`` (missing, not private, damaged or foreign: the caller
    builds it). ``directory``: where the knowledge base is now (the saved one may have moved)."""
    data = _read_private(path)
    if data is None:
        return None
    try:
        return _engine_from(data, directory)
    except Exception as exc:  # a damaged, truncated or foreign cache is rebuilt, never fatal
        log.warning("ignoring the engine cache %s: it is damaged or not one this version wrote; building the "
                    "engine again", path)
        log.debug("the engine cache %s could not be read: %s", path, exc)
        return None


def _make_private(folder: Path) -> None:
    """A cache folder of ours that others may write is made private, or every run would refuse it and rebuild."""
    getuid = getattr(os, "getuid", None)
    info = folder.stat()
    if getuid is not None and info.st_uid == getuid() and info.st_mode & 0o077:
        folder.chmod(0o700)
        log.info("made the engine cache folder %s private to this user", folder)


def save(path: Path, engine: Engine) -> None:
    try:
        data = _engine_bytes(engine)
    except (TypeError, ValueError) as exc:  # something in the knowledge base the format doesn't know: no cache
        log.info("could not save the engine cache %s: %s", path, exc)
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _make_private(path.parent)
        atomic_write_bytes(path, data)
        path.chmod(0o600)
        old = sorted(path.parent.glob(f"engine-*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in [*old[KEEP + 1:], *path.parent.glob("engine-*.pickle"),  # and old versions' files
                      *path.parent.glob("engine-*.npz")]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not save the engine cache in %s: %s", path.parent, exc)


# --- the format ---------------------------------------------------------------------------------


def _engine_bytes(engine: Engine) -> bytes:
    index = engine.matcher.index
    engine.matcher.read_pattern_heads()
    header = {"format": FORMAT, "version": VERSION, "terms": list(index.terms), "kb": encode(engine.kb),
              "analyzer": engine.matcher.analyzer.state()}
    return _packed(header, index.arrays())


def _packed(header: dict[str, Any], arrays: dict[str, array[Any]]) -> bytes:
    """The format line, the header with the arrays described in it, then the arrays' bytes in that order."""
    described = {**header, "byteorder": sys.byteorder,
                 "arrays": [[name, values.typecode, len(values)] for name, values in arrays.items()]}
    text = json.dumps(described, ensure_ascii=False, allow_nan=False).encode("utf-8")
    rest = b"".join([len(text).to_bytes(HEADER_SIZE, "little"), text,
                     *(values.tobytes() for values in arrays.values())])
    return MAGIC + hashlib.blake2b(rest, digest_size=DIGEST_SIZE).digest() + rest


def _engine_from(data: bytes, directory: Path | None) -> Engine:
    from bot.core.engine import Engine
    from bot.core.matching.index import Index
    from bot.core.matching.words.analysis import Analyzer

    header, arrays = _unpacked(data)
    kb = decode(KnowledgeBase, header.get("kb"))
    if directory is not None:
        kb = dataclasses.replace(kb, directory=directory)
    terms = header.get("terms")
    if not isinstance(terms, list):
        raise CacheError("no terms in it")
    index = Index.from_arrays(terms, arrays, [len(entry.questions) for entry in kb.entries])
    return Engine(kb, index=index, analyzer=Analyzer.from_state(header.get("analyzer")))


def _unpacked(data: bytes) -> tuple[dict[str, Any], dict[str, array[Any]]]:
    """The header and the arrays of a file ``_engine_bytes`` wrote; ``CacheError`` unless every byte is accounted
    for exactly."""
    at_rest = len(MAGIC) + DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < at_rest + HEADER_SIZE:
        raise CacheError("not an engine cache")
    view = memoryview(data)
    if hashlib.blake2b(view[at_rest:], digest_size=DIGEST_SIZE).digest() != data[len(MAGIC):at_rest]:
        raise CacheError("damaged: its digest doesn't match")
    start = at_rest + HEADER_SIZE
    end = start + int.from_bytes(data[at_rest:start], "little")
    header = json.loads(data[start:end].decode("utf-8"), parse_constant=_no_constant)
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise CacheError("not an engine cache of this version")
    listed = header.get("arrays")
    if not isinstance(listed, list) or header.get("byteorder") not in ("little", "big"):
        raise CacheError("no arrays described in it")
    body = view[end:]
    arrays: dict[str, array[Any]] = {}
    at = 0
    for item in listed:
        if (not isinstance(item, list) or len(item) != 3 or not isinstance(item[0], str) or item[0] in arrays
                or item[1] not in ITEM_SIZES or type(item[2]) is not int or item[2] < 0):
            raise CacheError("an array is badly described")
        name, code, count = item
        size = ITEM_SIZES[code] * count
        if at + size > len(body):
            raise CacheError("truncated")
        values = filled(code, body[at:at + size])
        if header["byteorder"] != sys.byteorder:
            values.byteswap()
        arrays[name] = values
        at += size
    if at != len(body):
        raise CacheError("bytes left over after the arrays")
    return header, arrays


def _no_constant(name: str) -> Any:
    raise CacheError(f"{name} in the header")  # JSON's NaN and Infinity: no number this code saves


@functools.cache
def _entry_kinds() -> dict[str, type[Entry]]:
    found: dict[str, type[Entry]] = {}
    pending: list[type[Entry]] = [Entry]
    while pending:
        kind = pending.pop()
        found[kind.__name__] = kind
        pending.extend(kind.__subclasses__())
    return found


def encode(value: Any) -> Any:
    """Knowledge-base objects as JSON values: a dataclass as the list of its fields' values (an entry's
    with its class's name first: an entry may be a fact, quote or event), a tuple as a list, a path as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        values = [encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
        return [type(value).__name__, *values] if isinstance(value, Entry) else values
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"can't save a {type(value).__name__} in the engine cache")


def decode(kind: Any, value: Any) -> Any:
    """The object of type ``kind`` that ``encode`` wrote as ``value``; ``CacheError`` when the value
    doesn't have exactly that shape, so a foreign file can't make anything but these plain objects."""
    origin = typing.get_origin(kind)
    if origin is tuple:
        item, *rest = typing.get_args(kind)
        if rest != [Ellipsis] or not isinstance(value, list):
            raise CacheError(f"expected a list for {kind}")
        return tuple(decode(item, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        (only,) = [o for o in options if o is not type(None)]
        return decode(only, value)
    if kind is Entry:
        if not isinstance(value, list) or not value or not isinstance(value[0], str):
            raise CacheError("expected an entry")
        cls = _entry_kinds().get(value[0])
        if cls is None:
            raise CacheError(f"unknown kind of entry {value[0]!r}")
        return _dataclass(cls, value[1:])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, value)
    if kind is Path:
        if not isinstance(value, str):
            raise CacheError("expected a path")
        return Path(value)
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    if kind in (str, int) and type(value) is kind:
        return value
    raise CacheError(f"expected {getattr(kind, '__name__', kind)}, found {type(value).__name__}")


_FIELDS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _fields(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """A dataclass's fields with their resolved types, worked out once per class."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)
    return found


def _dataclass(cls: type[Any], value: Any) -> Any:
    names = _fields(cls)
    if not isinstance(value, list) or len(value) != len(names):
        raise CacheError(f"expected the {len(names)} fields of {cls.__name__}")
    return cls(**{name: decode(kind, v) for (name, kind), v in zip(names, value, strict=True)})

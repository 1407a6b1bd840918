"""Safe file writing: an inter-process lock, and writes that land whole or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import filelock


class LockTimeout(Exception):
    """Another writer held the lock for too long."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = 15.0) -> Iterator[None]:
    """An exclusive lock on ``path``, shared by threads and processes alike, on every platform.

    ``filelock`` takes an OS lock (``flock`` on Unix, ``msvcrt.locking`` on Windows), so a writer
    that dies releases it with its process. Each call makes its own lock object and file handle,
    so two threads of one process exclude each other too. No soft fallback: where the file system
    has no ``flock``, failing loudly beats a marker file that a crash would leave behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(path, thread_local=False, fallback_to_soft=False)
    try:
        lock.acquire(timeout=timeout, poll_interval=0.01)
    except filelock.Timeout:
        raise LockTimeout(f"{path} is locked by another writer") from None
    try:
        yield
    finally:
        lock.release()


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        return  # a folder can't be opened as a file there (PermissionError); NTFS journals the rename itself
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then
    ``os.replace`` swaps it in and the folder is fsynced. On any failure (disk full, a size
    limit, an exception) the temporary file is removed and the old file is untouched.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def atomic_remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        _fsync_dir(path.parent)
